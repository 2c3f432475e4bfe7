import { describe, expect, it } from 'vitest';
import type { ConnectionStatsMessage } from '../messages';
import {
  CONNECTION_KEY,
  ConnectionRecorder,
  addStats,
  diagnosticsText,
  emptyConnection,
  loadConnection,
  totals,
} from './connection';

const DAY = 24 * 60 * 60 * 1000;
const T0 = Date.UTC(2026, 11, 5, 12);

function batch(over: Partial<ConnectionStatsMessage> = {}): ConnectionStatsMessage {
  return {
    type: 'connection-stats',
    counts: { recognised: 1, unrecognised: 0, cards: 2, rawOk: 1, rawFailed: 1 },
    lastFailure: { step: 'download', why: 'network', key: true, at: T0 },
    selectors: { message: 'div.adn[data-message-id]', body: 'div.a3s' },
    at: T0,
    ...over,
  };
}

function memoryKv() {
  const data = new Map<string, unknown>();
  return {
    data,
    async get(key: string) {
      return structuredClone(data.get(key));
    },
    async set(key: string, value: unknown) {
      data.set(key, structuredClone(value));
    },
  };
}

describe('Gmail connection counters', () => {
  it('add up per day and keep only the last 7 days', () => {
    let s = emptyConnection();
    s = addStats(s, batch(), T0 - 8 * DAY);
    s = addStats(s, batch(), T0 - 6 * DAY);
    s = addStats(s, batch(), T0);
    s = addStats(s, batch({ lastFailure: null }), T0);
    expect(Object.keys(s.days)).toHaveLength(2);
    expect(totals(s)).toEqual({ recognised: 3, unrecognised: 0, cards: 6, rawOk: 3, rawFailed: 3 });
    expect(s.lastFailure).toMatchObject({ step: 'download', why: 'network' });
  });

  it('drop malformed fields and stay bounded', () => {
    const selectors = Object.fromEntries(
      Array.from({ length: 200 }, (_, i) => [`set${i}`, 'x'.repeat(5000)]),
    );
    const s = addStats(
      emptyConnection(),
      {
        type: 'connection-stats',
        counts: { recognised: -4, cards: 'many', rawOk: Infinity } as never,
        lastFailure: { step: 42 } as never,
        selectors: { ...selectors, 'bad name!': 'x' },
        at: T0,
      },
      T0,
    );
    expect(totals(s)).toEqual({ recognised: 0, unrecognised: 0, cards: 0, rawOk: 0, rawFailed: 0 });
    expect(s.lastFailure).toBeNull();
    expect(Object.keys(s.selectors).length).toBeLessThanOrEqual(40);
    expect(JSON.stringify(s).length).toBeLessThan(12_000);
  });

  it('are written one batch at a time, however many tabs report at once', async () => {
    const kv = memoryKv();
    const rec = new ConnectionRecorder(kv, () => T0);
    await Promise.all(Array.from({ length: 20 }, () => rec.record(batch())));
    expect(totals(await loadConnection(kv, T0)).cards).toBe(40);
    kv.data.set(CONNECTION_KEY, 'garbage');
    expect(await loadConnection(kv, T0)).toEqual(emptyConnection());
  });

  it('diagnostics carry versions, selectors and counts, never content', () => {
    const text = diagnosticsText(addStats(emptyConnection(), batch(), T0), {
      extensionVersion: '0.1.0',
      browser: 'Chrome 156.0',
    });
    expect(text).toContain('Extension version: 0.1.0');
    expect(text).toContain('Browser: Chrome 156.0');
    expect(text).toContain('body: div.a3s');
    expect(text).toContain('raw-source reads succeeded 1, failed 1');
    expect(text).toContain('step download (network)');
  });
});
