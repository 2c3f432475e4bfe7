/** Distinct failed addresses in the history: one counter row, kept as addresses appear and go. */
import type { HistoryDb } from './db';
import { ADDRESSES_KEY } from './stats';

export async function uniqueRecipients(db: HistoryDb): Promise<number> {
  return (await db.counters.get(ADDRESSES_KEY))?.n ?? 0;
}
