import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { Dexie } from 'dexie';
import { DB_VERSION, HistoryDb, SCHEMA, timelineRow, weekOf, weekWord } from './db';
import { countersFor } from './stats';
import { recordsFromMessage, type HistoryRecord } from './record';
import { fakeSeen, FULL_MAILBOX } from './test-fixtures';

let n = 0;
const freshName = () => `db-test-${Date.now()}-${++n}`;

describe('history database schema', () => {
  it('declares the latest version', async () => {
    const db = new HistoryDb(freshName());
    await db.open();
    expect(db.verno).toBe(DB_VERSION);
    expect(db.records.schema.indexes.map((i) => i.name).sort()).toEqual([
      '[category+lastSeen]',
      '[emailType+lastSeen]',
      '[provider+lastSeen]',
      '[recipientDomain+lastSeen]',
      '[senderDomain+lastSeen]',
      '[sendingIp+lastSeen]',
      'bounceId',
      'lastSeen',
      'messageId',
      'recipient',
    ]);
    expect(db.tables.map((t) => t.name).sort()).toEqual([
      'corrections',
      'counters',
      'meta',
      'records',
      'timeline',
      'trash',
    ]);
    expect(db.timeline.schema.primKey.keyPath).toEqual(['t', 'k']);
    expect(db.timeline.schema.indexes.map((i) => [i.name, i.multi])).toEqual([['w', true]]);
    expect(db.corrections.schema.indexes.map((i) => i.name).sort()).toEqual([
      'createdAt',
      'messageId',
      'pattern',
    ]);
    expect(SCHEMA.map((v) => v.version)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    db.close();
  });

  it('migrates v1 rows to v2: severity and recipient domain are filled in and indexed', async () => {
    const name = freshName();
    const v1 = new HistoryDb(name, undefined, 1);
    await v1.open();
    expect(v1.verno).toBe(1);
    // Rows exactly as version 1 wrote them: no severity, no recipientDomain, no sender.
    await v1.table('records').bulkAdd([
      {
        key: '1|a@x.example',
        messageId: '1',
        recipient: 'a@x.example',
        kind: 'failed',
        hard: true,
        category: 'invalid-address',
        lastSeen: 3,
      },
      {
        key: '2|b@y.example',
        messageId: '2',
        recipient: 'b@y.example',
        kind: 'failed',
        hard: false,
        category: 'mailbox-full',
        lastSeen: 2,
      },
      {
        key: '3|c@y.example',
        messageId: '3',
        recipient: 'c@y.example',
        kind: 'delayed',
        hard: false,
        category: 'rate-limit',
        lastSeen: 1,
      },
      {
        key: '4|',
        messageId: '4',
        recipient: '',
        kind: 'failed',
        hard: true,
        category: 'unclassified',
        lastSeen: 0,
      },
    ]);
    v1.close();

    const v2 = new HistoryDb(name, undefined, 2);
    await v2.open();
    expect(v2.verno).toBe(2);
    const rows = await v2.records.orderBy('key').toArray();
    expect(rows.map((r) => [r.key, r.severity, r.recipientDomain, r.sender])).toEqual([
      ['1|a@x.example', 'hard', 'x.example', null],
      ['2|b@y.example', 'soft', 'y.example', null],
      ['3|c@y.example', 'delayed', 'y.example', null],
      ['4|', 'hard', '', null],
    ]);
    // The kept indexes still answer over migrated rows; the dropped ones are gone.
    expect(await v2.records.orderBy('lastSeen').reverse().primaryKeys()).toEqual([
      '1|a@x.example',
      '2|b@y.example',
      '3|c@y.example',
      '4|',
    ]);
    expect(await v2.records.where('messageId').equals('2').primaryKeys()).toEqual(['2|b@y.example']);
    expect(v2.records.schema.indexes.map((i) => i.name).sort()).toEqual(['lastSeen', 'messageId']);
    await expect(v2.records.where('category').equals('mailbox-full').toArray()).rejects.toThrow();
    v2.close();
    await Dexie.delete(name);
  });

  it('migrates v2 rows to v3: search words, bounce date, counters and the new indexes', async () => {
    const name = freshName();
    const v2 = new HistoryDb(name, undefined, 2);
    await v2.open();
    // Rows as version 2 wrote them: no words, no bounceDate.
    const rows = [
      ...recordsFromMessage(fakeSeen('1', [{ recipient: 'ann@gmail.com' }], { seenAt: 1000 })),
      ...recordsFromMessage(
        fakeSeen('2', [{ ...FULL_MAILBOX, diagnostic: 'Mailbox over quota', provider: 'microsoft' }], {
          seenAt: 2000,
        }),
      ),
      ...recordsFromMessage(
        fakeSeen('3', [{ recipient: 'cy@corp.example' }], { seenAt: 3000, kind: 'delayed' }),
      ),
    ].map(({ words: _w, bounceDate: _b, ...v2row }) => v2row);
    await v2.table('records').bulkAdd(rows);
    v2.close();

    const v3 = new HistoryDb(name, undefined, 3);
    await v3.open();
    expect(v3.verno).toBe(3);
    const migrated = await v3.records.orderBy('key').toArray();
    expect(migrated.map((r) => [r.key, r.bounceDate, r.words.slice(0, 2)])).toEqual([
      ['1|ann@gmail.com', null, ['ann@gmail.com', 'gmail.com']],
      ['2|bob@corp.example', null, ['bob@corp.example', 'corp.example']],
      ['3|cy@corp.example', null, ['cy@corp.example', 'corp.example']],
    ]);
    expect(await v3.records.where('words').startsWith('quota').primaryKeys()).toEqual(['2|bob@corp.example']);
    expect(
      await v3.records
        .where('[recipientDomain+lastSeen]')
        .between(['corp.example', Dexie.minKey], ['corp.example', Dexie.maxKey])
        .reverse()
        .primaryKeys(),
    ).toEqual(['3|cy@corp.example', '2|bob@corp.example']);
    const byKey = (a: { k: string }, b: { k: string }) => (a.k < b.k ? -1 : 1);
    expect((await v3.counters.toArray()).sort(byKey)).toEqual(
      countersFor(migrated as HistoryRecord[]).sort(byKey),
    );
    expect((await v3.counters.get('all\u0001'))?.n).toBe(3);
    v3.close();
    await Dexie.delete(name);
  });

  it('opens v3 data as v4: records, counters, trash and meta untouched, an empty corrections table', async () => {
    const name = freshName();
    // A version-3 database written through the v3 store layout, with a row in each table.
    const v3 = new HistoryDb(name, undefined, 3);
    await v3.open();
    const rows = [
      ...recordsFromMessage(fakeSeen('11', [{ recipient: 'ann@gmail.com' }], { seenAt: 1000 })),
      ...recordsFromMessage(fakeSeen('12', [{ ...FULL_MAILBOX, provider: 'microsoft' }], { seenAt: 2000 })),
    ];
    await v3.records.bulkAdd(rows);
    await v3.counters.bulkPut(countersFor(rows));
    await v3.trash.put({ ...rows[0]!, key: '10|gone@x.example', token: 't1' });
    await v3.meta.put({ k: 'undo:t1', token: 't1', state: 'trash', until: 5 });
    const before = {
      records: await v3.records.orderBy('key').toArray(),
      counters: await v3.counters.orderBy('k').toArray(),
      trash: await v3.trash.toArray(),
      meta: await v3.meta.toArray(),
    };
    v3.close();

    const v4 = new HistoryDb(name, undefined, 4);
    await v4.open();
    expect(v4.verno).toBe(4);
    expect(await v4.records.orderBy('key').toArray()).toEqual(before.records);
    expect(await v4.counters.orderBy('k').toArray()).toEqual(before.counters);
    expect(await v4.trash.toArray()).toEqual(before.trash);
    expect(await v4.meta.toArray()).toEqual(before.meta);
    expect(await v4.records.where('words').startsWith('ann').primaryKeys()).toEqual(['11|ann@gmail.com']);
    expect(await v4.corrections.count()).toBe(0);
    await v4.corrections.put({
      key: '11|ann@gmail.com',
      messageId: '11',
      recipient: 'ann@gmail.com',
      to: 'keep',
      was: { kind: 'failed', category: 'invalid-address', reason: 'userunknown', hard: true },
      provider: 'google',
      status: '5.1.1',
      pattern: 'google|5.1.1|x',
      reportId: null,
      createdAt: 3000,
    });
    expect(await v4.corrections.where('pattern').equals('google|5.1.1|x').primaryKeys()).toEqual([
      '11|ann@gmail.com',
    ]);
    v4.close();
    await Dexie.delete(name);
  });

  it('opens v4 data as v5: every record gets its search-timeline row, nothing else changes', async () => {
    const name = freshName();
    const v4 = new HistoryDb(name, undefined, 4);
    await v4.open();
    const rows = [
      ...recordsFromMessage(
        fakeSeen('21', [{ recipient: 'ann@gmail.com' }], { seenAt: Date.UTC(2026, 0, 5) }),
      ),
      ...recordsFromMessage(
        fakeSeen('22', [{ ...FULL_MAILBOX, provider: 'microsoft' }], { seenAt: Date.UTC(2026, 6, 1) }),
      ),
      // More rows than one upgrade chunk holds.
      ...Array.from({ length: 6000 }, (_, i) =>
        recordsFromMessage(
          fakeSeen(String(1000 + i), [{ recipient: `p${i}@bulk.example` }], {
            seenAt: 1_700_000_000_000 + i,
          }),
        ),
      ).flat(),
    ];
    await v4.records.bulkAdd(rows);
    await v4.counters.bulkPut(countersFor(rows));
    await v4.corrections.put({
      key: '21|ann@gmail.com',
      messageId: '21',
      recipient: 'ann@gmail.com',
      to: 'keep',
      was: { kind: 'failed', category: 'invalid-address', reason: 'userunknown', hard: true },
      provider: 'google',
      status: '5.1.1',
      pattern: 'google|5.1.1|x',
      reportId: null,
      createdAt: 3000,
    });
    const before = {
      records: await v4.records.orderBy('key').toArray(),
      counters: await v4.counters.orderBy('k').toArray(),
      corrections: await v4.corrections.toArray(),
    };
    v4.close();

    const v5 = new HistoryDb(name, undefined, 5);
    await v5.open();
    expect(v5.verno).toBe(5);
    expect(await v5.records.orderBy('key').toArray()).toEqual(before.records);
    expect(await v5.counters.orderBy('k').toArray()).toEqual(before.counters);
    expect(await v5.corrections.toArray()).toEqual(before.corrections);
    expect(await v5.timeline.count()).toBe(rows.length);
    const ann = await v5.timeline.get([Date.UTC(2026, 0, 5), '21|ann@gmail.com']);
    expect(ann?.w).toContain(weekWord(weekOf(Date.UTC(2026, 0, 5)), 'ann@gmail.com'));
    // A word prefix within the record's week finds it by key, with its time.
    const week = weekOf(Date.UTC(2026, 6, 1));
    expect(await v5.timeline.where('w').startsWith(weekWord(week, 'accou')).primaryKeys()).toEqual([
      [Date.UTC(2026, 6, 1), '22|bob@corp.example'],
    ]);
    v5.close();
    await Dexie.delete(name);
  });

  it('opens v5 data as v6: rows unchanged, the Message-ID, sending IP and email type indexed', async () => {
    const name = freshName();
    const v5 = new HistoryDb(name, undefined, 5);
    await v5.open();
    const gmail = recordsFromMessage(fakeSeen('31', [{ recipient: 'ann@gmail.com' }], { seenAt: 5000 }));
    const imported = fakeSeen('32', [{ recipient: 'bob@corp.example' }], { seenAt: 6000, source: 'raw' });
    imported.result.report.messageId = '<DSN.1@MX.corp.example>';
    imported.result.original.sendingIp = '198.51.100.7';
    imported.emailType = 'bulk';
    const rows = [...gmail, ...recordsFromMessage(imported)];
    await v5.records.bulkAdd(rows);
    await v5.timeline.bulkPut(rows.map(timelineRow));
    await v5.counters.bulkPut(countersFor(rows));
    const before = {
      records: await v5.records.orderBy('key').toArray(),
      counters: await v5.counters.orderBy('k').toArray(),
      timeline: await v5.timeline.toArray(),
    };
    v5.close();

    const v6 = new HistoryDb(name, undefined, 6);
    await v6.open();
    expect(v6.verno).toBe(6);
    expect(await v6.records.orderBy('key').toArray()).toEqual(before.records);
    expect(await v6.counters.orderBy('k').toArray()).toEqual(before.counters);
    expect(await v6.timeline.toArray()).toEqual(before.timeline);
    expect(await v6.records.where('bounceId').equals('dsn.1@mx.corp.example').primaryKeys()).toEqual([
      '32|bob@corp.example',
    ]);
    // Rows without the field are not in the index at all.
    expect(await v6.records.where('bounceId').above('').count()).toBe(1);
    expect(
      await v6.records
        .where('[sendingIp+lastSeen]')
        .between(['198.51.100.7', 0], ['198.51.100.7', 1e15])
        .primaryKeys(),
    ).toEqual(['32|bob@corp.example']);
    expect(
      await v6.records.where('[emailType+lastSeen]').between(['bulk', 0], ['bulk', 1e15]).primaryKeys(),
    ).toEqual(['32|bob@corp.example']);
    v6.close();
    await Dexie.delete(name);
  });

  it('opens v6 data as v7: a counter per address and the distinct count, nothing else changes', async () => {
    const name = freshName();
    const v6 = new HistoryDb(name, undefined, 6);
    await v6.open();
    // 6,001 records (more than one upgrade chunk) of 2,001 addresses, and one naming no one.
    const rows = [
      ...Array.from({ length: 6000 }, (_, i) =>
        recordsFromMessage(fakeSeen(String(1000 + i), [{ recipient: `p${i % 2000}@x.example` }])),
      ).flat(),
      ...recordsFromMessage(fakeSeen('99', [{ recipient: 'ann@gmail.com' }])),
      ...recordsFromMessage(fakeSeen('98', [{ recipient: null }])),
    ];
    await v6.records.bulkAdd(rows);
    await v6.timeline.bulkPut(rows.map(timelineRow));
    // The counters as version 6 kept them: no address rows.
    const old = countersFor(rows).filter((c) => c.dim !== 'addr' && c.dim !== 'addrs');
    await v6.counters.bulkPut(old);
    v6.close();

    const v7 = new HistoryDb(name);
    await v7.open();
    expect(v7.verno).toBe(7);
    const byKey = (a: { k: string }, b: { k: string }) => (a.k < b.k ? -1 : 1);
    expect((await v7.counters.toArray()).sort(byKey)).toEqual(countersFor(rows).sort(byKey));
    expect((await v7.counters.get('addrs\u0001'))?.n).toBe(2001);
    expect((await v7.counters.get('addr\u0001p7@x.example'))?.n).toBe(3);
    v7.close();
    await Dexie.delete(name);
  });

  it('counts the addresses once when a version-2 database is opened by the latest version', async () => {
    const name = freshName();
    const v2 = new HistoryDb(name, undefined, 2);
    await v2.open();
    const rows = [
      ...recordsFromMessage(fakeSeen('1', [{ recipient: 'ann@gmail.com' }], { seenAt: 1000 })),
      ...recordsFromMessage(fakeSeen('2', [{ recipient: 'ann@gmail.com' }], { seenAt: 2000 })),
      ...recordsFromMessage(fakeSeen('3', [{ recipient: 'cy@corp.example' }], { seenAt: 3000 })),
    ].map(({ words: _w, bounceDate: _b, ...v2row }) => v2row);
    await v2.table('records').bulkAdd(rows);
    v2.close();
    const latest = new HistoryDb(name);
    await latest.open();
    const byKey = (a: { k: string }, b: { k: string }) => (a.k < b.k ? -1 : 1);
    expect((await latest.counters.toArray()).sort(byKey)).toEqual(
      countersFor(await latest.records.toArray()).sort(byKey),
    );
    expect((await latest.counters.get('addr\u0001ann@gmail.com'))?.n).toBe(2);
    expect((await latest.counters.get('addrs\u0001'))?.n).toBe(2);
    latest.close();
    await Dexie.delete(name);
  });
});
