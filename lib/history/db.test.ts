import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { Dexie } from 'dexie';
import { DB_VERSION, HistoryDb } from './db';

let n = 0;
const freshName = () => `db-test-${Date.now()}-${++n}`;

describe('history database schema', () => {
  it('declares the latest version', async () => {
    const db = new HistoryDb(freshName());
    await db.open();
    expect(db.verno).toBe(DB_VERSION);
    expect(db.records.schema.indexes.map((i) => i.name).sort()).toEqual(['lastSeen', 'messageId']);
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

    const v2 = new HistoryDb(name);
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
});
