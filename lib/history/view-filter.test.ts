import { describe, expect, it } from 'vitest';
import { VIEW_FILTER_KEY, ViewFilter } from './view-filter';
import { fromHistoryFilter, toHistoryFilter } from '../../components/dashboard/filter';
import { sameFilter } from '../../components/history/shared-filter';

describe('the filter the popup and the dashboard share', () => {
  it('keeps a checked filter and refuses a malformed one, keeping the last good one', async () => {
    const v = new ViewFilter();
    expect(await v.get()).toEqual({});
    expect(await v.set({ emailTypes: ['bulk'], search: 'ann', bounceFrom: 1 })).toEqual({
      search: 'ann',
      emailTypes: ['bulk'],
      bounceFrom: 1,
    });
    await expect(v.set({ severities: ['very hard'] })).rejects.toThrow();
    await expect(v.set({ search: 42 })).rejects.toThrow();
    expect(await v.get()).toEqual({ search: 'ann', emailTypes: ['bulk'], bounceFrom: 1 });
  });

  it('outlives a worker restart through session storage, and survives storage that fails', async () => {
    const kept = new Map<string, unknown>();
    const kv = {
      get: async (k: string) => kept.get(k),
      set: async (k: string, v: unknown) => void kept.set(k, v),
    };
    await new ViewFilter(kv).set({ providers: ['google'] });
    // A new worker: a new object over the same storage.
    expect(await new ViewFilter(kv).get()).toEqual({ providers: ['google'] });
    // Something malformed in storage is dropped, not thrown.
    kept.set(VIEW_FILTER_KEY, { severities: ['very hard'] });
    expect(await new ViewFilter(kv).get()).toEqual({});
    const broken = {
      get: () => Promise.reject(new Error('storage gone')),
      set: () => Promise.reject(new Error('quota')),
    };
    const v = new ViewFilter(broken);
    expect(await v.get()).toEqual({});
    expect(await v.set({ search: 'x' })).toEqual({ search: 'x' });
    expect(await v.get()).toEqual({ search: 'x' });
  });

  it('reads the same in the dashboard’s terms and back, whatever the order of its fields', () => {
    const shared = {
      search: 'quota',
      from: Date.parse('2024-03-01T00:00:00Z'),
      providers: ['google'],
      sendingIps: ['192.0.2.5'],
      bounceFrom: Date.parse('2024-03-02T00:00:00Z'),
      bounceTo: Date.parse('2024-03-05T23:59:59.999Z'),
      sender: 'mycompany.example',
    };
    const dash = fromHistoryFilter(shared);
    expect([dash.fromDay, dash.toDay, dash.search]).toEqual(['2024-03-02', '2024-03-05', 'quota']);
    expect(sameFilter(toHistoryFilter(dash), shared)).toBe(true);
    expect(sameFilter({ providers: [], search: '' }, {})).toBe(true);
    expect(sameFilter({ providers: ['google'] }, { providers: ['yahoo'] })).toBe(false);
  });
});
