/**
 * Runs inside an extension page (bundled with esbuild by seedHistory in history-helpers.ts):
 * writes synthetic records, made by the same conversion the background uses, straight into the
 * history database with the raw IndexedDB API in large transactions. Each transaction holds a
 * chunk's records, their search-timeline rows and their share of the counters, as the store writes
 * them, so a seed stopped at any point leaves a consistent database, and a second call resumes
 * where the first stopped (record i is the same in both). A million records never travel over the
 * DevTools protocol this way.
 */
import { timelineRow } from '../../../lib/history/db';
import { CounterDelta, counterKey, type CounterRow } from '../../../lib/history/stats';
import { syntheticChunks } from './history-seed';

const CHUNK = 10_000;

/**
 * Make sure the database `name` (which must exist at the current version) holds the first `n`
 * synthetic records; returns how many it holds. `progress` hears the count after each chunk.
 */
export async function seedInPage(
  name: string,
  n: number,
  now: number,
  seed: number,
  progress: (written: number) => void = () => {},
): Promise<number> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const req = indexedDB.open(name);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
  const done = (tx: IDBTransaction) =>
    new Promise<void>((resolve, reject) => {
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error);
    });
  const request = <T>(req: IDBRequest<T>) =>
    new Promise<T>((resolve, reject) => {
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
  // Records a previous, interrupted seed wrote (whole chunks only: each was one transaction).
  const start = await request(db.transaction('timeline').objectStore('timeline').count());
  let written = start;
  progress(start);
  // The next chunk is made while the previous transaction commits.
  let previous: Promise<void> = Promise.resolve();
  for (const chunk of syntheticChunks(n, now, seed, CHUNK, start)) {
    const delta = new CounterDelta();
    for (const r of chunk) delta.add(r, 1);
    await previous;
    const tx = db.transaction(['records', 'timeline', 'counters'], 'readwrite', { durability: 'relaxed' });
    const store = tx.objectStore('records');
    const timeline = tx.objectStore('timeline');
    const counters = tx.objectStore('counters');
    for (const r of chunk) {
      store.put(r);
      timeline.put(timelineRow(r));
    }
    const keys = [...delta.rows.keys()];
    void Promise.all(keys.map((k) => request<CounterRow | undefined>(counters.get(k)))).then((stored) => {
      const { put, drop } = delta.applyTo(stored);
      for (const row of put) counters.put(row);
      for (const k of drop) counters.delete(k);
    });
    previous = done(tx);
    written += chunk.length;
    const count = written;
    void previous.then(() => progress(count));
    // Let the transaction start before the next chunk's work takes the thread.
    await new Promise((r) => setTimeout(r, 0));
  }
  await previous;
  // The counters must agree with the records, however many runs the seed took.
  const read = db.transaction(['timeline', 'counters']);
  const [rows, all] = await Promise.all([
    request(read.objectStore('timeline').count()),
    request<CounterRow | undefined>(read.objectStore('counters').get(counterKey('all', ''))),
  ]);
  db.close();
  if (rows !== written || all?.n !== written) {
    throw new Error(`seed: ${written} written, ${rows} timeline rows, ${all?.n ?? 0} counted`);
  }
  return written;
}
