import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { HistoryDb, timelineRow, WEEK_MS } from './db';
import { recordsFromMessage, type HistoryRecord } from './record';
import { HistoryStore } from './store';
import { countersFor } from './stats';
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

/** The stored counters equal a recount of the stored records, the search timeline their rows. */
async function expectCountersMatch(s: HistoryStore): Promise<void> {
  const byKey = (a: { k: string }, b: { k: string }) => (a.k < b.k ? -1 : 1);
  const records = await s.db.records.toArray();
  const recount = countersFor(records).sort(byKey);
  const stored = (await s.db.counters.toArray()).sort(byKey);
  expect(stored).toEqual(recount);
  expect((await s.db.timeline.toArray()).sort(byKey)).toEqual(records.map(timelineRow).sort(byKey));
}

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
    expect(await s.count()).toBe(200);
    await expectCountersMatch(s);
    const all = await s.db.records.toArray();
    expect(new Set(all.map((r) => r.key)).size).toBe(200);
    // A raw report was among them for each bounce, so every record ended up raw.
    expect(all.every((r) => r.source === 'raw')).toBe(true);
  });

  describe('the same bounce seen in Gmail and imported from a mailbox', () => {
    const DSN = '<Report-77@MX.Google.com>';
    /** A bounce as a Gmail tab reports it after reading the raw source. */
    const gmail = (seenAt = 2000) => {
      const m = fakeSeen('5001', [{ recipient: 'ann@x.example' }], { source: 'raw', seenAt });
      m.result.report.messageId = DSN;
      return recordsFromMessage(m);
    };
    /** The same bounce from a Takeout mailbox: another message id, the import's extras. */
    const imported = (seenAt = 3000, mid = '9007199254740') => {
      const m = fakeSeen(mid, [{ recipient: 'ann@x.example' }], {
        source: 'raw',
        seenAt,
        account: 'takeout:me@example.com',
      });
      m.result.report.messageId = DSN;
      m.result.original.sendingIp = '198.51.100.9';
      m.emailType = 'bulk';
      return recordsFromMessage(m);
    };

    it('keeps one record under the Gmail id when the import comes second, with its extras', async () => {
      const s = makeStore();
      await s.upsert(gmail());
      expect(await s.upsert(imported())).toEqual({ written: 1, unchanged: 0, skipped: 0 });
      const all = await s.db.records.toArray();
      expect(all.map((r) => [r.key, r.account, r.sendingIp, r.emailType, r.firstSeen])).toEqual([
        ['5001|ann@x.example', 'u/0', '198.51.100.9', 'bulk', 2000],
      ]);
      expect(await s.count()).toBe(1);
      // Importing the file again changes nothing.
      expect(await s.upsert(imported(4000))).toMatchObject({ written: 1 });
      expect(await s.db.records.count()).toBe(1);
      await expectCountersMatch(s);
    });

    it('moves the imported record to the Gmail id when Gmail sees the bounce later', async () => {
      const s = makeStore();
      await s.upsert(imported(1000));
      await s.upsert(gmail(5000));
      const all = await s.db.records.toArray();
      expect(all.map((r) => [r.key, r.account, r.sendingIp, r.emailType, r.firstSeen, r.lastSeen])).toEqual([
        ['5001|ann@x.example', 'u/0', '198.51.100.9', 'bulk', 1000, 5000],
      ]);
      await expectCountersMatch(s);
    });

    it('joins them once the raw source arrives after a first view from the page text', async () => {
      const s = makeStore();
      await s.upsert(imported(1000));
      // The page text does not show the report's Message-ID: two records for a moment.
      await s.upsert(recs('5001', [{ recipient: 'ann@x.example' }], { seenAt: 1500 }));
      expect(await s.db.records.count()).toBe(2);
      await s.upsert(gmail(2000));
      expect(await s.db.records.toArray()).toMatchObject([
        { key: '5001|ann@x.example', source: 'raw', emailType: 'bulk', firstSeen: 1000 },
      ]);
      await expectCountersMatch(s);
    });

    it('lets the copy that names the recipient supersede one that could not', async () => {
      const s = makeStore();
      const anon = fakeSeen('9007199254742', [{ recipient: null }], {
        source: 'raw',
        seenAt: 500,
        account: 'takeout:me@example.com',
      });
      anon.result.report.messageId = DSN;
      await s.upsert(recordsFromMessage(anon));
      await s.upsert(gmail());
      expect((await s.db.records.toArray()).map((r) => [r.key, r.firstSeen])).toEqual([
        ['5001|ann@x.example', 500],
      ]);
      // …and a later copy without the recipient adds nothing.
      expect(await s.upsert(recordsFromMessage(anon))).toEqual({ written: 0, unchanged: 0, skipped: 1 });
      await expectCountersMatch(s);
    });

    it('joins them within one batch, and keeps different recipients of one report apart', async () => {
      const s = makeStore();
      const other = fakeSeen('9007199254741', [{ recipient: 'bob@x.example' }], {
        source: 'raw',
        account: 'takeout:me@example.com',
      });
      other.result.report.messageId = DSN;
      await Promise.all([s.upsert(imported()), s.upsert(gmail()), s.upsert(recordsFromMessage(other))]);
      expect((await s.db.records.toArray()).map((r) => r.key).sort()).toEqual([
        '5001|ann@x.example',
        '9007199254741|bob@x.example',
      ]);
      await expectCountersMatch(s);
    });
  });

  it('survives a restart: a new store over the same database sees the same records', async () => {
    const name = `restart-${Date.now()}`;
    const a = makeStore(name);
    await a.upsert(recs('100', [{ recipient: 'a@x.example' }]));
    a.close();
    const b = makeStore(name);
    const q = await b.query({}, 0, 10);
    expect([q.partial, q.rows.map((r) => [r.key, r.count])]).toEqual([undefined, [['100|a@x.example', 1]]]);
    await b.upsert(recs('100', [{ recipient: 'a@x.example' }]));
    expect(await b.db.records.count()).toBe(1);
    expect(await b.count()).toBe(1);
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

  it('answers a plain query with the same rows and counts, without per-address counts', async () => {
    const s = await seeded();
    const full = await s.query({ severities: ['hard'] }, 0, 10);
    const plain = await s.query({ severities: ['hard'] }, 0, 10, undefined, true);
    expect(plain.rows.map((r) => [r.key, r.count])).toEqual(full.rows.map((r) => [r.key, 0]));
    expect(full.rows.some((r) => r.count > 1)).toBe(true);
    expect([plain.matched, plain.counts]).toEqual([full.matched, full.counts]);
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

  it('filters by sending IP and email type, counted exactly from the counters', async () => {
    const s = await seeded();
    const imported = (mid: string, seenAt: number, ip: string, type: 'bulk' | 'one-to-one') => {
      const m = fakeSeen(mid, [{ recipient: `p${mid}@corp.example` }], { seenAt, source: 'raw' });
      m.result.original.sendingIp = ip;
      m.emailType = type;
      return recordsFromMessage(m);
    };
    await s.upsert(imported('10', 5000, '198.51.100.9', 'bulk'));
    await s.upsert(imported('11', 6000, '198.51.100.9', 'one-to-one'));
    await s.upsert(imported('12', 7000, '2001:db8::25', 'bulk'));
    const q = async (f: Parameters<HistoryStore['query']>[0]) => {
      const r = await s.query(f, 0, 10);
      return [r.rows.map((x) => x.messageId), r.matched, r.counts.hard, r.more === true];
    };
    expect(await q({ sendingIps: ['198.51.100.9'] })).toEqual([['11', '10'], 2, 2, false]);
    expect(await q({ emailTypes: ['bulk'] })).toEqual([['12', '10'], 2, 2, false]);
    expect(await q({ emailTypes: ['bulk'], sendingIps: ['198.51.100.9'] })).toEqual([['10'], 1, 1, false]);
    expect(await q({ sendingIps: ['198.51.100.9', '2001:db8::25'], from: 5500 })).toEqual([
      ['12', '11'],
      2,
      2,
      false,
    ]);
    expect(await q({ sendingIps: ['203.0.113.1'] })).toEqual([[], 0, 0, false]);
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

describe('HistoryStore counters and indexes', () => {
  it('keeps the counters equal to a recount of the records through many small writes', async () => {
    const s = makeStore();
    let seed = 7;
    const rnd = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    for (let round = 0; round < 30; round++) {
      await Promise.all(
        Array.from({ length: 1 + rnd(5) }, () =>
          s.upsert(
            recs(String(100 + rnd(40)), [{ recipient: rnd(6) ? `u${rnd(15)}@x${rnd(3)}.example` : null }], {
              seenAt: 1000 + rnd(50) * 86_400_000,
              source: rnd(2) ? 'raw' : 'visible',
              kind: rnd(4) ? 'failed' : 'delayed',
            }),
          ),
        ),
      );
      if (round % 10 === 9) await s.delete([`${100 + rnd(40)}|u${rnd(15)}@x${rnd(3)}.example`]);
      await expectCountersMatch(s);
    }
  });

  it('answers a search the same way whether one term or the scan decides', async () => {
    const s = makeStore();
    const many = Array.from({ length: 60 }, (_, i) =>
      recs(
        String(500 + i),
        [{ recipient: `${i % 2 ? 'anna' : 'bob'}${i}@${i % 3 ? 'gmail.com' : 'corp.example'}` }],
        {
          seenAt: 1000 + i,
        },
      ),
    ).flat();
    await s.bulkUpsert(many);
    const q = await s.query({ search: 'anna gmail' }, 0, 100);
    const expected = many
      .filter((r) => r.recipient.startsWith('anna') && r.recipientDomain === 'gmail.com')
      .sort((a, b) => b.lastSeen - a.lastSeen)
      .map((r) => r.key);
    expect(q.rows.map((r) => r.key)).toEqual(expected);
    expect(q.matched).toBe(expected.length);
    const hard = await s.query({ search: 'anna', severities: ['hard'] }, 0, 5);
    expect(hard.rows.map((r) => r.key)).toEqual(
      many
        .filter((r) => r.recipient.startsWith('anna'))
        .sort((a, b) => b.lastSeen - a.lastSeen)
        .slice(0, 5)
        .map((r) => r.key),
    );
  });

  it('searches week by week: rare words over many weeks, common ones walked within a week', async () => {
    const s = makeStore();
    const base = 2900 * WEEK_MS;
    // 40 weeks; in each, 30 rows for "carla", 600 for "dora" (more than a week's key read), and
    // in every fifth week one "zeno"; a few rows share a time.
    const many: HistoryRecord[] = [];
    let id = 30_000;
    for (let w = 0; w < 40; w++) {
      for (let i = 0; i < 630; i++) {
        const name = i < 30 ? `carla${i}` : `dora${i}`;
        many.push(
          ...recs(String(id++), [{ recipient: `${name}@${i % 2 ? 'gmail.com' : 'corp.example'}` }], {
            seenAt: base + w * WEEK_MS + Math.floor(i / 3) * 1000,
          }),
        );
      }
      if (w % 5 === 0)
        many.push(
          ...recs(String(id++), [{ recipient: 'zeno@rare.example' }], { seenAt: base + w * WEEK_MS + 5 }),
        );
    }
    await s.bulkUpsert(many);
    await expectCountersMatch(s);
    const newest = (pred: (r: HistoryRecord) => boolean) =>
      many
        .filter(pred)
        .sort((a, b) => b.lastSeen - a.lastSeen || (a.key < b.key ? 1 : -1))
        .map((r) => r.key);
    const all = async (search: string, extra = {}) => {
      const got: string[] = [];
      let q;
      do {
        q = await s.query({ search, ...extra }, got.length, 200);
        got.push(...q.rows.map((r) => r.key));
      } while (q.rows.length > 0 || q.more);
      return { got, last: q };
    };
    const zeno = await all('zeno');
    expect(zeno.got).toEqual(newest((r) => r.recipient.startsWith('zeno')));
    expect(zeno.last.matched).toBe(8);
    const carla = await s.query({ search: 'carla' }, 0, 50);
    expect(carla.rows.map((r) => r.key)).toEqual(newest((r) => r.recipient.startsWith('carla')).slice(0, 50));
    const dora = await s.query({ search: 'dora gmail' }, 0, 300);
    expect(dora.rows.map((r) => r.key)).toEqual(
      newest((r) => r.recipient.startsWith('dora') && r.recipientDomain === 'gmail.com').slice(0, 300),
    );
    // A word no row has: nothing, and known at once to be nothing, whatever the other word.
    const none = await s.query({ search: 'dora zzz' }, 0, 50);
    expect([none.rows.length, none.matched, none.more]).toEqual([0, 0, undefined]);
    // Dates narrow the weeks; every row of the range is found, newest first.
    const from = base + 10 * WEEK_MS;
    const to = base + 12 * WEEK_MS + 50_000;
    const dated = await all('dora', { from, to });
    expect(dated.got).toEqual(
      newest((r) => r.recipient.startsWith('dora') && r.lastSeen >= from && r.lastSeen <= to),
    );
  });

  it('knows the number of a rare search at once, and counts its kinds when asked again', async () => {
    const s = makeStore();
    await s.bulkUpsert(
      Array.from({ length: 100 }, (_, i) =>
        recs(String(50_000 + i), [{ recipient: i < 80 ? `k${i}@keys.example` : `o${i}@other.example` }], {
          seenAt: 1_000_000 + i * WEEK_MS,
          kind: i % 4 ? 'failed' : 'delayed',
        }),
      ).flat(),
    );
    const first = await s.query({ search: 'keys.example' }, 0, 50);
    expect([first.rows.length, first.matched, first.more, first.partial]).toEqual([50, 80, undefined, true]);
    const again = await s.query({ search: 'keys.example' }, 0, 50);
    expect([again.matched, again.partial, again.counts.total, again.counts.delayed]).toEqual([
      80,
      undefined,
      80,
      20,
    ]);
  });

  it('stops looking for a query that a later one on the same channel superseded', async () => {
    const s = makeStore();
    await s.bulkUpsert(
      Array.from({ length: 300 }, (_, i) =>
        recs(String(40_000 + i), [{ recipient: `ann${i}@x.example` }], { seenAt: 1_000_000 + i }),
      ).flat(),
    );
    const [a, other, b] = await Promise.all([
      s.query({ search: 'ann' }, 0, 50, 'box'),
      s.query({ search: 'ann2' }, 0, 50, 'another box'),
      s.query({ search: 'ann1' }, 0, 50, 'box'),
    ]);
    // The superseded one answers at once with what it had (nothing yet) and says there is more.
    expect([a.rows.length, a.more]).toEqual([0, true]);
    expect(other.rows.map((r) => r.recipient)).toEqual(
      Array.from({ length: 111 }, (_, i) => 299 - i)
        .filter((i) => String(i).startsWith('2'))
        .slice(0, 50)
        .map((i) => `ann${i}@x.example`),
    );
    expect(b.rows).toHaveLength(50);
    // Asked again, it goes on where it stopped.
    expect((await s.query({ search: 'ann' }, 0, 50, 'box')).rows).toHaveLength(50);
  });

  it('walks a large source in chunks and pages through it newest first, ties included', async () => {
    const s = makeStore();
    // 2,500 records, many sharing a time, so chunk edges fall inside runs of equal times.
    const many = Array.from({ length: 2500 }, (_, i) =>
      recs(String(10_000 + i), [{ recipient: `u${i}@${i % 5 ? 'gmail.com' : 'yahoo.example'}` }], {
        seenAt: 1_000_000 + Math.floor(i / 7),
      }),
    ).flat();
    await s.bulkUpsert(many);
    const want = many
      .filter((r) => r.recipientDomain === 'gmail.com')
      .sort((a, b) => b.lastSeen - a.lastSeen || (a.key < b.key ? 1 : -1))
      .map((r) => r.key);
    const got: string[] = [];
    for (let off = 0; off < want.length; off += 250) {
      const q = await s.query({ recipientDomains: ['gmail.com'], severities: ['hard'] }, off, 250);
      expect(q.matched).toBe(want.length);
      got.push(...q.rows.map((r) => r.key));
    }
    expect(got).toEqual(want);
    const dated = await s.query({ from: 1_000_100, to: 1_000_199 }, 0, 1000);
    expect(dated.rows.map((r) => r.key)).toEqual(
      many
        .filter((r) => r.lastSeen >= 1_000_100 && r.lastSeen <= 1_000_199)
        .sort((a, b) => b.lastSeen - a.lastSeen || (a.key < b.key ? 1 : -1))
        .map((r) => r.key),
    );
  });

  it('stops a long walk after its time budget and goes on from there on the next request', async () => {
    let t = 0;
    // Every read of the clock moves it 100 ms: the 150 ms budget runs out after a chunk or two.
    const s = makeStore(undefined, () => (t += 100));
    const many = Array.from({ length: 4000 }, (_, i) =>
      recs(
        String(20_000 + i),
        [i < 3995 ? { recipient: `ann${i}@x.example` } : { ...FULL_MAILBOX, recipient: `ann${i}@x.example` }],
        { seenAt: 5_000_000 - i },
      ),
    ).flat();
    await s.bulkUpsert(many);
    // "ann" starts a word in more rows than a key set takes; the reason has no index; together
    // they hold only the oldest five rows.
    const filter = { search: 'ann', reasons: ['mailboxfull'] };
    const want = many.filter((r) => r.reason === 'mailboxfull').map((r) => r.key);
    expect(want).toHaveLength(5);
    let q = await s.query(filter, 0, 50);
    expect(q.more).toBe(true);
    let rounds = 1;
    while (q.more && rounds++ < 100) q = await s.query(filter, 0, 50);
    expect(q.rows.map((r) => r.key)).toEqual(want);
    expect([q.matched, q.more, q.partial]).toEqual([5, undefined, undefined]);
    expect(rounds).toBeGreaterThan(2);
  });

  it('breaks counts down by dimension for a dashboard', async () => {
    const s = makeStore();
    await s.upsert(
      recs('1', [
        { recipient: 'a@gmail.com' },
        { recipient: 'b@gmail.com', hard: false, category: 'mailbox-full', reason: 'mailboxfull' },
      ]),
    );
    await s.upsert(recs('2', [{ recipient: 'c@corp.example' }], { kind: 'delayed' }));
    const rdom = await s.breakdown('rdom');
    expect(rdom.map((r) => [r.value, r.n, r.c])).toEqual([
      ['gmail.com', 2, { 'hard:invalid-address': 1, 'soft:mailbox-full': 1 }],
      ['corp.example', 1, { 'delayed:invalid-address': 1 }],
    ]);
    expect((await s.counters('sender', ['news@shop.example']))[0]?.n).toBe(3);
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
    expect((await s.query({ search: 'x.example' }, 0, 10)).matched).toBe(0);
    await expectCountersMatch(s);
    now += 5_000;
    expect(await s.undo(t.token!)).toBe(2);
    expect(await s.db.records.count()).toBe(2);
    expect((await s.query({}, 0, 10)).matched).toBe(2);
    expect((await s.query({ search: 'x.example' }, 0, 10)).matched).toBe(2);
    await expectCountersMatch(s);
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
    expect((await fresh.query({}, 0, 100)).rows.map((r) => r.key).sort()).toEqual(await db());
    await expectCountersMatch(fresh);
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
    expect((await s.query({ search: 'x.example' }, 0, 10)).rows.map((r) => r.recipient)).toEqual([
      'new@x.example',
    ]);
    await expectCountersMatch(s);
  });
});
