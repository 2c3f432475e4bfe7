import { describe, expect, it } from 'vitest';
import { ViewFilter } from './view-filter';
import { fromHistoryFilter, toHistoryFilter } from '../../components/dashboard/filter';
import { sameFilter } from '../../components/history/shared-filter';

describe('the filter the popup and the dashboard share', () => {
  it('keeps a checked filter and refuses a malformed one, keeping the last good one', () => {
    const v = new ViewFilter();
    expect(v.get()).toEqual({});
    expect(v.set({ emailTypes: ['bulk'], search: 'ann', bounceFrom: 1 })).toEqual({
      search: 'ann',
      emailTypes: ['bulk'],
      bounceFrom: 1,
    });
    expect(() => v.set({ severities: ['very hard'] })).toThrow();
    expect(() => v.set({ search: 42 })).toThrow();
    expect(v.get()).toEqual({ search: 'ann', emailTypes: ['bulk'], bounceFrom: 1 });
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
