/**
 * Runs inside an extension page (bundled with esbuild by seedHistory in history-helpers.ts):
 * writes synthetic records, made by the same conversion the background uses, straight into the
 * history database with the raw IndexedDB API in large transactions (each record with its
 * search-timeline row, as the store writes them), and adds their counters once at the end. A million records never travel over the DevTools protocol this way.
 */
import { timelineRow } from '../../../lib/history/db';
import { CounterDelta } from '../../../lib/history/stats';
import { syntheticChunks } from './history-seed';

/** Write `n` synthetic records into the database `name` (which must exist at the current version). */
export async function seedInPage(name: string, n: number, now: number, seed: number): Promise<number> {
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
  const delta = new CounterDelta();
  let written = 0;
  // The next chunk is made while the previous transaction commits.
  let previous: Promise<void> = Promise.resolve();
  for (const chunk of syntheticChunks(n, now, seed, 10_000)) {
    await previous;
    const tx = db.transaction(['records', 'timeline'], 'readwrite');
    const store = tx.objectStore('records');
    const timeline = tx.objectStore('timeline');
    for (const r of chunk) {
      store.put(r);
      timeline.put(timelineRow(r));
      delta.add(r, 1);
    }
    previous = done(tx);
    written += chunk.length;
    // Let the transaction start before the next chunk's work takes the thread.
    await new Promise((r) => setTimeout(r, 0));
  }
  await previous;
  const tx = db.transaction('counters', 'readwrite');
  const counters = tx.objectStore('counters');
  const stored = await Promise.all(
    [...delta.rows.keys()].map(
      (k) =>
        new Promise<never>((resolve, reject) => {
          const g = counters.get(k);
          g.onsuccess = () => resolve(g.result as never);
          g.onerror = () => reject(g.error);
        }),
    ),
  );
  const { put, drop } = delta.applyTo(stored);
  for (const row of put) counters.put(row);
  for (const k of drop) counters.delete(k);
  await done(tx);
  db.close();
  return written;
}
