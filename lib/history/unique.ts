/** Distinct failed addresses in the history, from its recipient index (keys only, one at a time). */
import type { HistoryDb } from './db';

export async function uniqueRecipients(db: HistoryDb): Promise<number> {
  let n = 0;
  await db.records.orderBy('recipient').eachUniqueKey((k) => {
    if (k !== '') n++;
  });
  return n;
}
