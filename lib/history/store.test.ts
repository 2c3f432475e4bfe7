import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { HistoryDb } from './db';
import { recordsFromMessage, type HistoryRecord } from './record';
import { HistoryStore } from './store';
import { FULL_MAILBOX, fakeSeen } from './test-fixtures';

let n = 0;
const open: HistoryStore[] = [];
function makeStore(
  name = `store-test-${Date.now()}-${++n}`,
  now = () => 1_795_000_000_000,
  undoWindowMs = 10_000,
) {
  const s = new HistoryStore({ db: new HistoryDb(name), now, undoWindowMs });
  open.push(s);
  return s;
}
afterEach(() => {
  for (const s of open.splice(0)) s.close();
});

const recs = (...args: Parameters<typeof fakeSeen>): HistoryRecord[] => recordsFromMessage(fakeSeen(...args));

describe('HistoryStore upserts', () => {
  it('stores one record per message and recipient, and reopening the bounce changes nothing', async () => {
    const s = makeStore();
    const first = await s.upsert(recs('100', [{ recipient: 'a@x.example' }, { recipient: 'b@x.example' }]));
    expect(first).toEqual({ written: 2, unchanged: 0, skipped: 0 });
    const again = await s.upsert(recs('100', [{ recipient: 'a@x.example' }, { recipient: 'b@x.example' }]));
    expect(again).toEqual({ written: 0, unchanged: 2, skipped: 0 });
    expect(await s.db.records.count()).toBe(2);
  });

  it('moves last seen but keeps first seen when the same bounce is seen later', async () => {
    const s = makeStore();
    await s.upsert(recs('100', [{ recipient: 'a@x.example' }], { seenAt: 1000 }));
    await s.upsert(recs('100', [{ recipient: 'a@x.example' }], { seenAt: 5000, account: 'u/1' }));
    const r = await s.db.records.get('100|a@x.example');
    expect([r?.firstSeen, r?.lastSeen, r?.account]).toEqual([1000, 5000, 'u/1']);
  });

  it('lets a raw result enrich a visible one, and never lets a visible one downgrade it', async () => {
    const s = makeStore();
    await s.upsert(
      recs(
        '100',
        [{ recipient: 'a@x.example', category: 'unclassified', reason: 'undefined', status: null }],
        { seenAt: 1000 },
      ),
    );
    await s.upsert(
      recs(
        '100',
        [
          {
            recipient: 'a@x.example',
            category: 'mailbox-full',
            reason: 'mailboxfull',
            status: '4.2.2',
            hard: false,
          },
        ],
        {
          source: 'raw',
          seenAt: 2000,
        },
      ),
    );
    let r = await s.db.records.get('100|a@x.example');
    expect([r?.source, r?.category, r?.status, r?.severity, r?.firstSeen]).toEqual([
      'raw',
      'mailbox-full',
      '4.2.2',
      'soft',
      1000,
    ]);

    await s.upsert(
      recs('100', [{ recipient: 'a@x.example', category: 'unclassified', status: null }], { seenAt: 3000 }),
    );
    r = await s.db.records.get('100|a@x.example');
    expect([r?.source, r?.category, r?.status, r?.lastSeen]).toEqual(['raw', 'mailbox-full', '4.2.2', 3000]);
  });

  it('replaces the anonymous first view once the raw source names the recipient', async () => {
    const s = makeStore();
    await s.upsert(recs('100', [{ recipient: null }], { seenAt: 1000 }));
    expect(await s.db.records.toCollection().primaryKeys()).toEqual(['100|']);
    await s.upsert(recs('100', [{ recipient: 'a@x.example' }], { source: 'raw', seenAt: 2000 }));
    expect(await s.db.records.toCollection().primaryKeys()).toEqual(['100|a@x.example']);
    expect((await s.db.records.get('100|a@x.example'))?.firstSeen).toBe(1000);
    // Reopening it later (the visible text still names nobody) does not bring the anonymous row back.
    const o = await s.upsert(recs('100', [{ recipient: null }], { seenAt: 3000 }));
    expect(o.skipped).toBe(1);
    expect(await s.db.records.toCollection().primaryKeys()).toEqual(['100|a@x.example']);
  });

  it('lets a visible report that names the recipient supersede an anonymous one too', async () => {
    const s = makeStore();
    await s.upsert(recs('100', [{ recipient: null }], { seenAt: 1000 }));
    await s.upsert(recs('100', [{ recipient: 'A@X.example' }], { seenAt: 2000 }));
    expect(await s.db.records.toCollection().primaryKeys()).toEqual(['100|a@x.example']);
  });

  it('keeps exactly one record per bounce when five tabs report the same 200 bounces at once', async () => {
    const s = makeStore();
    const ids = Array.from({ length: 200 }, (_, i) => String(1000 + i));
    const tabs = Array.from({ length: 5 }, (_, t) =>
      Promise.all(
        ids.map((id, i) =>
          s.upsert(
            recs(id, [{ recipient: `user${i}@x.example` }], {
              seenAt: 1000 + t,
              source: t % 2 ? 'raw' : 'visible',
            }),
          ),
        ),
      ),
    );
    await Promise.all(tabs);
    expect(await s.db.records.count()).toBe(200);
    expect(s.size).toBe(200);
    const all = await s.db.records.toArray();
    expect(new Set(all.map((r) => r.key)).size).toBe(200);
    // A raw report was among them for each bounce, so every record ended up raw.
    expect(all.every((r) => r.source === 'raw')).toBe(true);
  });

  it('survives a restart: a new store over the same database sees the same records', async () => {
    const name = `restart-${Date.now()}`;
    const a = makeStore(name);
    await a.upsert(recs('100', [{ recipient: 'a@x.example' }]));
    a.close();
    const b = makeStore(name);
    // The first answer may come straight from the database while memory loads.
    const cold = await b.query({}, 0, 10);
    expect([cold.partial, cold.rows.map((r) => r.key)]).toEqual([true, ['100|a@x.example']]);
    await b.load();
    const q = await b.query({}, 0, 10);
    expect([q.partial, q.rows.map((r) => [r.key, r.count])]).toEqual([undefined, [['100|a@x.example', 1]]]);
    await b.upsert(recs('100', [{ recipient: 'a@x.example' }]));
    expect(await b.db.records.count()).toBe(1);
  });
});

describe('HistoryStore queries', () => {
  async function seeded() {
    const s = makeStore();
    await s.upsert(recs('1', [{ recipient: 'ann@gmail.com' }], { seenAt: 1000 }));
    await s.upsert(
      recs(
        '2',
        [
          {
            ...FULL_MAILBOX,
            diagnostic: 'Mailbox over quota',
            provider: 'microsoft',
          },
        ],
        { seenAt: 2000, from: 'me@shop.example' },
      ),
    );
    await s.upsert(recs('3', [{ recipient: 'ann@gmail.com' }], { seenAt: 3000, from: 'other@news.example' }));
    await s.upsert(
      recs('4', [{ recipient: 'cy@corp.example', category: 'rate-limit', hard: false }], {
        seenAt: 4000,
        kind: 'delayed',
      }),
    );
    return s;
  }

  it('lists newest first with per-address counts and header counts', async () => {
    const s = await seeded();
    const q = await s.query({}, 0, 10);
    expect(q.rows.map((r) => [r.messageId, r.count])).toEqual([
      ['4', 1],
      ['3', 2],
      ['2', 1],
      ['1', 2],
    ]);
    expect(q.counts).toEqual({
      total: 4,
      hard: 2,
      soft: 1,
      delayed: 1,
      byCategory: { 'invalid-address': 2, 'mailbox-full': 1, 'rate-limit': 1 },
    });
    expect(q.total).toBe(4);
  });

  it('pages with offset and limit', async () => {
    const s = await seeded();
    const q = await s.query({}, 1, 2);
    expect(q.rows.map((r) => r.messageId)).toEqual(['3', '2']);
    expect(q.matched).toBe(4);
  });

  it('searches address, domain, code and diagnostic text, all words required', async () => {
    const s = await seeded();
    const keys = async (search: string) => (await s.query({ search }, 0, 10)).rows.map((r) => r.messageId);
    expect(await keys('ann@')).toEqual(['3', '1']);
    expect(await keys('corp.example')).toEqual(['4', '2']);
    expect(await keys('4.2.2')).toEqual(['2']);
    expect(await keys('OVER quota')).toEqual(['2']);
    expect(await keys('quota ann')).toEqual([]);
  });

  it('combines filters', async () => {
    const s = await seeded();
    const keys = async (f: Parameters<HistoryStore['query']>[0]) =>
      (await s.query(f, 0, 10)).rows.map((r) => r.messageId);
    expect(await keys({ severities: ['soft', 'delayed'] })).toEqual(['4', '2']);
    expect(await keys({ categories: ['invalid-address'], from: 2000 })).toEqual(['3']);
    expect(await keys({ providers: ['microsoft'] })).toEqual(['2']);
    expect(await keys({ recipientDomains: ['corp.example'], severities: ['delayed'] })).toEqual(['4']);
    expect(await keys({ sender: 'me@shop.example' })).toEqual(['2']);
    expect(await keys({ sender: 'shop.example' })).toEqual(['4', '2', '1']);
    expect(await keys({ from: 1500, to: 3500 })).toEqual(['3', '2']);
  });

  it('offers facets for the filter menus', async () => {
    const s = await seeded();
    const f = await s.facets();
    expect(f.recipientDomains).toEqual([
      ['corp.example', 2],
      ['gmail.com', 2],
    ]);
    expect(f.providers).toEqual([
      ['google', 3],
      ['microsoft', 1],
    ]);
  });
});

describe('HistoryStore memory copy', () => {
  it('keeps the in-memory order and counts equal to a fresh load through many small writes', async () => {
    const name = `memcopy-${Date.now()}`;
    const s = makeStore(name);
    let seed = 7;
    const rnd = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    // Load and sort first, so later writes patch the sorted list instead of rebuilding it.
    await s.query({}, 0, 1);
    for (let round = 0; round < 30; round++) {
      await Promise.all(
        Array.from({ length: 1 + rnd(5) }, () =>
          s.upsert(
            recs(String(100 + rnd(40)), [{ recipient: `u${rnd(15)}@x.example` }], {
              seenAt: 1000 + rnd(50),
              source: rnd(2) ? 'raw' : 'visible',
            }),
          ),
        ),
      );
      await s.query({ search: 'u1' }, 0, 5);
    }
    const fresh = makeStore(name);
    await fresh.load();
    const a = await s.query({}, 0, 1000);
    const b = await fresh.query({}, 0, 1000);
    expect(a.rows.map((r) => [r.key, r.lastSeen, r.count])).toEqual(
      b.rows.map((r) => [r.key, r.lastSeen, r.count]),
    );
    expect(a.counts).toEqual(b.counts);
    const sa = await s.query({ search: 'u1' }, 0, 1000);
    const sb = await fresh.query({ search: 'u1' }, 0, 1000);
    expect(sa.rows.map((r) => r.key)).toEqual(sb.rows.map((r) => r.key));
  });

  it('narrows a search typed forward and widens it again on backspace', async () => {
    const s = makeStore();
    await s.upsert(
      recs('1', [
        { recipient: 'ann@gmail.com' },
        { recipient: 'bob@gmail.com' },
        { recipient: 'annie@corp.example' },
      ]),
    );
    const keys = async (search: string) =>
      (await s.query({ search }, 0, 10)).rows.map((r) => r.recipient).sort();
    expect(await keys('an')).toEqual(['ann@gmail.com', 'annie@corp.example']);
    expect(await keys('ann@')).toEqual(['ann@gmail.com']);
    expect(await keys('an')).toEqual(['ann@gmail.com', 'annie@corp.example']);
    await s.upsert(recs('2', [{ recipient: 'anna@x.example' }]));
    expect(await keys('ann')).toEqual(['ann@gmail.com', 'anna@x.example', 'annie@corp.example']);
  });
});

describe('HistoryStore deletion, undo and retention', () => {
  it('clears everything and brings it all back within the undo window', async () => {
    let now = 1_795_000_000_000;
    const s = makeStore(undefined, () => now);
    await s.upsert(recs('1', [{ recipient: 'a@x.example' }]));
    await s.upsert(recs('2', [{ recipient: 'b@x.example' }]));
    const t = await s.clearAll();
    expect(t.count).toBe(2);
    expect(await s.db.records.count()).toBe(0);
    expect((await s.query({}, 0, 10)).matched).toBe(0);
    now += 5_000;
    expect(await s.undo(t.token!)).toBe(2);
    expect(await s.db.records.count()).toBe(2);
    expect((await s.query({}, 0, 10)).matched).toBe(2);
    // A token works once.
    expect(await s.undo(t.token!)).toBe(0);
  });

  it('keeps memory and database equal when clearing, reporting and undoing overlap', async () => {
    const name = `overlap-${Date.now()}`;
    const s = makeStore(name);
    await s.upsert(recs('1', [{ recipient: 'a@x.example' }]));
    const [t] = await Promise.all([
      s.clearAll(),
      s.upsert(recs('2', [{ recipient: 'b@x.example' }])),
      s.upsert(recs('3', [{ recipient: 'c@x.example' }])),
    ]);
    const db = async () => (await s.db.records.toCollection().primaryKeys()).sort();
    const mem = async () => (await s.query({}, 0, 100)).rows.map((r) => r.key).sort();
    expect(await mem()).toEqual(await db());
    await s.undo(t.token!);
    expect(await db()).toEqual(['1|a@x.example', '2|b@x.example', '3|c@x.example']);
    expect(await mem()).toEqual(await db());
    const fresh = makeStore(name);
    await fresh.load();
    expect((await fresh.query({}, 0, 100)).rows.map((r) => r.key).sort()).toEqual(await db());
  });

  it('refuses to undo after the window', async () => {
    let now = 1_795_000_000_000;
    const s = makeStore(undefined, () => now);
    await s.upsert(recs('1', [{ recipient: 'a@x.example' }]));
    const t = await s.clearAll();
    now += 10_001;
    expect(await s.undo(t.token!)).toBe(0);
    expect(await s.db.records.count()).toBe(0);
  });

  it('keeps a bounce that arrived during the undo window when undoing', async () => {
    const s = makeStore();
    await s.upsert(recs('1', [{ recipient: 'a@x.example' }], { seenAt: 1000 }));
    const t = await s.clearAll();
    await s.upsert(recs('2', [{ recipient: 'b@x.example' }], { seenAt: 2000 }));
    await s.upsert(recs('1', [{ recipient: 'a@x.example' }], { seenAt: 3000 }));
    expect(await s.undo(t.token!)).toBe(1);
    const rows = await s.db.records.orderBy('key').toArray();
    expect(rows.map((r) => [r.key, r.firstSeen, r.lastSeen])).toEqual([
      ['1|a@x.example', 1000, 3000],
      ['2|b@x.example', 2000, 2000],
    ]);
  });

  it('deletes selected rows with undo', async () => {
    const s = makeStore();
    await s.upsert(recs('1', [{ recipient: 'a@x.example' }, { recipient: 'b@x.example' }]));
    const t = await s.delete(['1|a@x.example', 'nope']);
    expect(t.count).toBe(1);
    expect(await s.db.records.toCollection().primaryKeys()).toEqual(['1|b@x.example']);
    await s.undo(t.token!);
    expect(await s.db.records.count()).toBe(2);
  });

  it('applies retention by last seen', async () => {
    const day = 86_400_000;
    const now = 100 * day;
    const s = makeStore(undefined, () => now);
    await s.upsert(recs('1', [{ recipient: 'old@x.example' }], { seenAt: now - 31 * day }));
    await s.upsert(recs('2', [{ recipient: 'new@x.example' }], { seenAt: now - 29 * day }));
    expect(await s.applyRetention(null)).toBe(0);
    expect(await s.applyRetention(30)).toBe(1);
    expect((await s.query({}, 0, 10)).rows.map((r) => r.recipient)).toEqual(['new@x.example']);
    expect(await s.db.records.count()).toBe(1);
  });
});
