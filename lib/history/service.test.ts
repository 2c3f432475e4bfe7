import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { HistoryDb } from './db';
import { HistoryService, sanitizeSettings, type KeyValueStore } from './service';
import { HistoryStore } from './store';
import { recordsFromMessage } from './record';
import { FULL_MAILBOX, fakeSeen } from './test-fixtures';

let n = 0;
const stores: HistoryStore[] = [];
afterEach(() => {
  for (const s of stores.splice(0)) s.close();
});

function memoryKv(): KeyValueStore & { data: Map<string, unknown> } {
  const data = new Map<string, unknown>();
  return {
    data,
    get: async (k) => data.get(k),
    set: async (k, v) => {
      data.set(k, structuredClone(v));
    },
  };
}

function make(name = `svc-${Date.now()}-${++n}`) {
  const store = new HistoryStore({ db: new HistoryDb(name), now: () => 1_795_000_000_000 });
  stores.push(store);
  const kv = memoryKv();
  return { svc: new HistoryService(store, kv, () => 1_795_000_000_000), store, kv, name };
}

/** A whole export, part after part: its text, rows and number of parts. */
async function exportAll(
  svc: HistoryService,
  filter: object,
  format: 'addresses' | 'plain',
): Promise<{ text: string; rows: number; parts: number }> {
  const first = await svc.handle({ type: 'history-export', filter, keys: null, format, excel: false });
  if (!first.ok) throw new Error(first.error.message);
  let { text, rows, done } = first.data;
  let parts = 1;
  while (!done) {
    const p = await svc.handle({
      type: 'history-export-part',
      token: first.data.token!,
      offset: text.length,
    });
    if (!p.ok) throw new Error(p.error.message);
    text += p.data.text;
    ({ rows, done } = p.data);
    parts++;
  }
  return { text, rows, parts };
}

describe('HistoryService', () => {
  it('stores reported bounces and answers queries', async () => {
    const { svc } = make();
    await svc.start();
    const a = await svc.onBounceSeen(fakeSeen('10', [{ recipient: 'a@x.example' }]));
    expect(a).toEqual({ ok: true, data: { stored: 1, unchanged: 0, skipped: 0, paused: false } });
    const q = await svc.handle({ type: 'history-query', filter: {}, offset: 0, limit: 50 });
    expect(q.ok && q.data.rows.map((r) => [r.key, r.count])).toEqual([['10|a@x.example', 1]]);
    // A plain query (the dashboard's figures): the rows without their per-address counts.
    const p = await svc.handle({ type: 'history-query', filter: {}, offset: 0, limit: 50, plain: true });
    expect(p.ok && p.data.rows.map((r) => [r.key, r.count])).toEqual([['10|a@x.example', 0]]);
  });

  it('says the database is still opening while an upgrade runs, and no longer once it is open', async () => {
    const { svc, store } = make();
    // A slow open, as an upgrade of a large history is.
    const open = store.db.open.bind(store.db);
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    store.db.open = (() => gate.then(open)) as typeof store.db.open;
    const started = svc.start();
    const during = await svc.handle({ type: 'history-status' });
    expect(during.ok && during.data.opening).toBe(true);
    release();
    await started;
    const after = await svc.handle({ type: 'history-status' });
    expect(after.ok && after.data.opening).toBe(false);
  });

  it('does not store while capture is paused, and says so', async () => {
    const { svc, store, kv } = make();
    const s = await svc.handle({ type: 'history-settings', patch: { paused: true } });
    expect(s).toEqual({
      ok: true,
      data: { paused: true, retentionDays: null, suppressRepeats: 3, suppressDays: 7 },
    });
    expect(kv.data.get('historySettings')).toEqual({
      paused: true,
      retentionDays: null,
      suppressRepeats: 3,
      suppressDays: 7,
    });
    const a = await svc.onBounceSeen(fakeSeen('10', [{ recipient: 'a@x.example' }]));
    expect(a.ok && a.data.paused).toBe(true);
    expect(await store.db.records.count()).toBe(0);
  });

  it('ignores kinds that are not list problems', async () => {
    const { svc, store } = make();
    const a = await svc.onBounceSeen(fakeSeen('10', [{ recipient: 'a@x.example' }], { kind: 'auto-reply' }));
    expect(a.ok && a.data.stored).toBe(0);
    expect(await store.db.records.count()).toBe(0);
  });

  it('refuses malformed reports without calling them storage errors', async () => {
    const { svc } = make();
    const bad = { ...fakeSeen('10', [{ recipient: 'a@x.example' }]), messageId: '#msg-f:12' };
    const a = await svc.onBounceSeen(bad);
    expect(a.ok).toBe(false);
    expect(!a.ok && a.error.name).toBe('InvalidMessage');
    const st = await svc.handle({ type: 'history-status' });
    expect(st.ok && [st.data.storageError, st.data.rejectedReports]).toEqual([null, 1]);
    const noResult = { ...fakeSeen('10', []), result: null } as never;
    expect((await svc.onBounceSeen(noResult)).ok).toBe(false);
  });

  it('refuses and counts every malformed message, never throwing, and stores nothing from one', async () => {
    const { svc, store } = make();
    const good = fakeSeen('10', [{ recipient: 'a@x.example' }]);
    const bad: unknown[] = [
      null,
      42,
      'bounce-seen',
      { type: 'bounce-seen' },
      { ...good, seenAt: 'yesterday' },
      { ...good, result: { ...good.result, records: [{ ...good.result.records[0], recipient: 7 }] } },
      { ...good, result: { ...good.result, records: [{ ...good.result.records[0], category: 'nonsense' }] } },
      { ...good, result: { ...good.result, records: 'all of them' } },
      { ...good, result: { ...good.result, original: { ...good.result.original, from: ['x'] } } },
      { ...good, source: 'guess' },
    ];
    for (const m of bad) expect((await svc.onBounceSeen(m)).ok).toBe(false);
    const requests: unknown[] = [
      { type: 'history-query', filter: { search: 5 }, offset: 0, limit: 10 },
      { type: 'history-query', filter: {}, offset: -1, limit: 10 },
      { type: 'history-query', filter: { categories: ['nope'] }, offset: 0, limit: 10 },
      { type: 'history-delete', keys: 'all' },
      { type: 'history-undo', token: { $gt: '' } },
      { type: 'history-export', filter: {}, keys: null, format: 'xlsx', excel: false },
      { type: 'history-settings', patch: { paused: 'yes' } },
      { type: 'history-breakdown', dim: '__proto__' },
      { type: 'history-nonsense' },
      { nothing: true },
    ];
    for (const m of requests) {
      const a = await svc.handle(m);
      expect(a.ok).toBe(false);
      expect(!a.ok && a.error.name).toBe('InvalidMessage');
    }
    expect((await svc.onPageStatus({ type: 'page-status', recognised: 'maybe', at: 1 })).ok).toBe(false);
    const st = await svc.handle({ type: 'history-status' });
    expect(st.ok && st.data.rejectedReports).toBe(bad.length + requests.length + 1);
    expect(st.ok && st.data.refusedByType['bounce-seen']).toBe(bad.length);
    expect(st.ok && st.data.refusedByType['history-query']).toBe(3);
    expect(st.ok && st.data.refusedByType.unknown).toBe(1);
    expect(st.ok && st.data.storageError).toBeNull();
    expect(await store.db.records.count()).toBe(0);
    expect((await svc.onBounceSeen(good)).ok).toBe(true);
  });

  it('reopens the database by itself when another connection drops its tables, and says so', async () => {
    const { svc, name, store } = make();
    await svc.start();
    await svc.onBounceSeen(fakeSeen('10', [{ recipient: 'a@x.example' }]));
    // Another connection upgrades the database and drops the table (as a newer build of the
    // extension might); our connection is closed under us.
    await new Promise<void>((resolve, reject) => {
      const req = indexedDB.open(name, 100);
      req.onupgradeneeded = () => req.result.deleteObjectStore('records');
      req.onsuccess = () => {
        req.result.close();
        resolve();
      };
      req.onerror = () => reject(req.error);
    });
    const a = await svc.onBounceSeen(fakeSeen('11', [{ recipient: 'b@x.example' }]));
    const st = await svc.handle({ type: 'history-status' });
    expect(st.ok && st.data.recovery?.cause).toBe('closed');
    // Nothing is shown from memory: the list is what the database holds now.
    const q = await svc.handle({ type: 'history-query', filter: {}, offset: 0, limit: 10 });
    const onDisk = await store.db.records
      .toCollection()
      .primaryKeys()
      .catch(() => []);
    expect(q.ok && q.data.rows.map((r) => r.key)).toEqual(onDisk);
    if (!a.ok) expect(st.ok && st.data.storageError?.operation).toBe('save a bounce');
    const d = await svc.handle({ type: 'history-dismiss-error' });
    expect(d.ok && [d.data.storageError, d.data.recovery]).toEqual([null, null]);
  });

  it('remembers the last page status', async () => {
    const { svc, kv } = make();
    await svc.onPageStatus({ type: 'page-status', recognised: false, failedSelector: 'div.a3s', at: 5 });
    const st = await svc.handle({ type: 'history-status' });
    expect(st.ok && st.data.pageStatus).toEqual({
      type: 'page-status',
      recognised: false,
      failedSelector: 'div.a3s',
      at: 5,
    });
    expect(kv.data.get('lastPageStatus')).toEqual({
      type: 'page-status',
      recognised: false,
      failedSelector: 'div.a3s',
      at: 5,
    });
  });

  it("lists each matching address once, in address order, across the store's read batches", async () => {
    const { svc, store } = make();
    // 12,000 records of 3,000 addresses (more than one read of the store by address), every
    // fourth address also bounced softly.
    const rows = Array.from({ length: 12_000 }, (_, i) =>
      recordsFromMessage(
        fakeSeen(String(100_000 + i), [
          i % 4 === 0
            ? { recipient: `p${i % 3000}@x.example`, category: 'mailbox-full', hard: false }
            : { recipient: `p${i % 3000}@x.example` },
        ]),
      ),
    ).flat();
    await store.bulkUpsert(rows);
    const text = async (filter: object) => (await exportAll(svc, filter, 'addresses')).text;
    const all = (await text({})).trim().split('\n');
    expect(all.length).toBe(3000);
    expect(all).toEqual([...new Set(all)].sort());
    const soft = (await text({ severities: ['soft'] })).trim().split('\n');
    expect(soft).toEqual(Array.from({ length: 750 }, (_, k) => `p${k * 4}@x.example`).sort());
  });

  it('exports the current filter or a selection', async () => {
    const { svc } = make();
    await svc.onBounceSeen(fakeSeen('10', [{ recipient: 'a@x.example' }, { recipient: 'b@y.example' }]));
    const all = await svc.handle({
      type: 'history-export',
      filter: {},
      keys: null,
      format: 'addresses',
      excel: false,
    });
    expect(all.ok && all.data.text.split('\n').sort()).toEqual(['', 'a@x.example', 'b@y.example']);
    const f = await svc.handle({
      type: 'history-export',
      filter: { search: 'y.example' },
      keys: null,
      format: 'addresses',
      excel: false,
    });
    expect(f.ok && f.data.text).toBe('b@y.example\n');
    const sel = await svc.handle({
      type: 'history-export',
      filter: {},
      keys: ['10|a@x.example'],
      format: 'addresses',
      excel: false,
    });
    expect(sel.ok && sel.data.text).toBe('a@x.example\n');
    const bad = await svc.handle({
      type: 'history-export',
      filter: {},
      keys: null,
      format: 'pdf' as never,
      excel: false,
    });
    expect(bad.ok).toBe(false);
  });

  it('lists soft bounces by the repeat rule in the settings', async () => {
    const { svc } = make();
    await svc.onBounceSeen(fakeSeen('10', [{ ...FULL_MAILBOX, recipient: 'full@x.example' }]));
    const plain = async () => {
      const a = await svc.handle({
        type: 'history-export',
        filter: {},
        keys: null,
        format: 'plain',
        excel: false,
      });
      return a.ok ? a.data.text : null;
    };
    expect(await plain()).toBe('');
    await svc.handle({ type: 'history-settings', patch: { suppressRepeats: 1, suppressDays: 0 } });
    expect(await plain()).toBe('full@x.example\n');
  });

  it('exports the suppression list from the whole history, whatever the filter or selection', async () => {
    const { svc } = make();
    await svc.onBounceSeen(
      fakeSeen('10', [
        { recipient: 'a@x.example' },
        { recipient: 'b@y.example', reason: 'blocked', category: 'sender-reputation', hard: false },
      ]),
    );
    const ask = (filter: object, keys: string[] | null) =>
      svc.handle({ type: 'history-export', filter, keys, format: 'plain', excel: false });
    for (const [filter, keys] of [
      [{}, null],
      [{ search: 'y.example' }, null],
      [{}, ['10|b@y.example']],
    ] as const) {
      const f = await ask(filter, keys === null ? null : [...keys]);
      expect(f.ok && f.data.text).toBe('a@x.example\n');
    }
  });

  it('hands a large export over in parts, written as they are asked for', async () => {
    const store = new HistoryStore({ db: new HistoryDb(`svc-parts-${Date.now()}`) });
    stores.push(store);
    const svc = new HistoryService(store, memoryKv(), () => 1_795_000_000_000, 20);
    await svc.onBounceSeen(
      fakeSeen(
        '10',
        Array.from({ length: 5 }, (_, i) => ({ recipient: `person${i}@x.example` })),
      ),
    );
    const first = await svc.handle({
      type: 'history-export',
      filter: {},
      keys: null,
      format: 'plain',
      excel: false,
    });
    if (!first.ok) throw new Error('export failed');
    expect(first.data.text).toHaveLength(20);
    expect([first.data.length, first.data.done]).toEqual([20, false]);
    let text = first.data.text;
    let rows = first.data.rows;
    let done = false;
    let parts = 1;
    while (!done) {
      const part = await svc.handle({
        type: 'history-export-part',
        token: first.data.token!,
        offset: text.length,
      });
      if (!part.ok) throw new Error('part failed');
      if (parts === 1) {
        // An answer lost on the way is asked for again: the same part comes back.
        const again = await svc.handle({
          type: 'history-export-part',
          token: first.data.token!,
          offset: text.length,
        });
        expect(again.ok && again.data.text).toBe(part.data.text);
      }
      text += part.data.text;
      ({ rows, done } = part.data);
      parts++;
    }
    expect(text).toBe(Array.from({ length: 5 }, (_, i) => `person${i}@x.example\n`).join(''));
    expect([rows, parts]).toEqual([5, 5]);
    // The parts are gone once read.
    const again = await svc.handle({ type: 'history-export-part', token: first.data.token!, offset: 0 });
    expect(again.ok).toBe(false);
  });

  it('writes the suppression list from every bounce of each address, read address by address', async () => {
    const store = new HistoryStore({ db: new HistoryDb(`svc-stream-${Date.now()}`) });
    stores.push(store);
    const now = 1_795_000_000_000;
    const svc = new HistoryService(store, memoryKv(), () => now, 1000);
    // 3,000 addresses in batches larger than one read of the store; every address bounced softly
    // three times over ten days (listed by the repeat rule only when all three are seen together),
    // and one address with more bounces than a whole read holds.
    const reports = [];
    for (let i = 0; i < 3000; i++)
      for (let k = 0; k < 3; k++) {
        const m = fakeSeen(
          String(100_000 + i * 3 + k),
          [{ ...FULL_MAILBOX, recipient: `soft${String(i).padStart(4, '0')}@x.example` }],
          { seenAt: now - (i % 50) * 60_000 },
        );
        // The rules date a bounce by the returned message's Date: five days apart.
        m.result.original!.date = new Date(now - k * 5 * 86_400_000).toUTCString();
        reports.push(m);
      }
    for (let k = 0; k < 5200; k++)
      reports.push(fakeSeen(String(200_000 + k), [{ recipient: 'gone@dead.example' }], { seenAt: now - k }));
    for (let i = 0; i < reports.length; i += 500) {
      const a = await svc.handle({ type: 'history-import', reports: reports.slice(i, i + 500) });
      expect(a.ok).toBe(true);
    }
    const { text, rows, parts } = await exportAll(svc, {}, 'plain');
    const lines = text.split('\n').filter(Boolean);
    expect(lines).toEqual([
      'gone@dead.example',
      ...Array.from({ length: 3000 }, (_, i) => `soft${String(i).padStart(4, '0')}@x.example`),
    ]);
    expect(rows).toBe(3001);
    expect(parts).toBeGreaterThan(10);
  });

  it('applies retention when it is set and on startup', async () => {
    const { svc, store } = make();
    await svc.onBounceSeen(
      fakeSeen('10', [{ recipient: 'old@x.example' }], { seenAt: 1_795_000_000_000 - 40 * 86_400_000 }),
    );
    await svc.onBounceSeen(fakeSeen('11', [{ recipient: 'new@x.example' }]));
    await svc.handle({ type: 'history-settings', patch: { retentionDays: 30 } });
    expect(await store.db.records.toCollection().primaryKeys()).toEqual(['11|new@x.example']);
  });

  it('sanitises settings', () => {
    expect(sanitizeSettings({ paused: 'yes', retentionDays: -3 })).toMatchObject({
      paused: false,
      retentionDays: null,
    });
    expect(sanitizeSettings({ paused: true, retentionDays: 7.9 })).toMatchObject({
      paused: true,
      retentionDays: 7,
    });
    expect(sanitizeSettings(null)).toEqual({
      paused: false,
      retentionDays: null,
      suppressRepeats: 3,
      suppressDays: 7,
    });
    expect(sanitizeSettings({ suppressRepeats: 0, suppressDays: -4 })).toMatchObject({
      suppressRepeats: 1,
      suppressDays: 0,
    });
  });
});
