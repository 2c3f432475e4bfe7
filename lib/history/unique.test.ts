import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { HistoryDb } from './db';
import { recordsFromMessage, type HistoryRecord } from './record';
import { HistoryStore } from './store';
import { fakeSeen } from './test-fixtures';
import { uniqueRecipients } from './unique';

let n = 0;
const open: HistoryStore[] = [];
afterEach(() => {
  for (const s of open.splice(0)) s.close();
});

function makeStore(): HistoryStore {
  const s = new HistoryStore({
    db: new HistoryDb(`unique-${Date.now()}-${++n}`),
    now: () => 1_795_000_000_000,
  });
  open.push(s);
  return s;
}

const distinct = (rows: HistoryRecord[]) =>
  new Set(rows.map((r) => r.recipient).filter((r) => r !== '')).size;

describe('distinct failed addresses', () => {
  it('follows every write, deletion, clear-all and undo, counting each address once', async () => {
    const s = makeStore();
    // 40 addresses with 1 to 12 records each, an address with "|" in it, and records naming no one.
    const rows: HistoryRecord[] = [];
    let id = 1000;
    for (let a = 0; a < 40; a++)
      for (let k = 0; k <= a % 12; k++)
        rows.push(...recordsFromMessage(fakeSeen(String(id++), [{ recipient: `p${a}@x.example` }])));
    rows.push(...recordsFromMessage(fakeSeen(String(id++), [{ recipient: '"a|b"@x.example' }])));
    for (let k = 0; k < 5; k++)
      rows.push(...recordsFromMessage(fakeSeen(String(id++), [{ recipient: null }])));
    await s.bulkUpsert(rows, 37);
    expect(await uniqueRecipients(s.db)).toBe(41);
    expect(distinct(await s.db.records.toArray())).toBe(41);

    // Deleting every record of p0 (1 record) and one of p11's twelve: one address fewer.
    const p0 = rows.filter((r) => r.recipient === 'p0@x.example').map((r) => r.key);
    const p11 = rows.filter((r) => r.recipient === 'p11@x.example').map((r) => r.key);
    await s.delete([...p0, p11[0]!]);
    expect(await uniqueRecipients(s.db)).toBe(40);
    const t = await s.clearAll();
    expect(await uniqueRecipients(s.db)).toBe(0);
    await s.undo(t.token!);
    expect(await uniqueRecipients(s.db)).toBe(40);
    expect(distinct(await s.db.records.toArray())).toBe(40);
  });

  it('is 0 for an empty history or one whose reports named no one', async () => {
    const s = makeStore();
    expect(await uniqueRecipients(s.db)).toBe(0);
    await s.upsert(recordsFromMessage(fakeSeen('5', [{ recipient: null }])));
    expect(await uniqueRecipients(s.db)).toBe(0);
  });
});
