/**
 * Helpers for the history end-to-end tests and the history benchmark: report bounces the way a
 * Gmail tab does (runtime messages from an extension page), and write many records straight into
 * the extension's IndexedDB (for 100,000-record benchmarks, where 100,000 messages would take long).
 */
import { build } from 'esbuild';
import { join } from 'node:path';
import type { ConsoleMessage, Page, Worker } from 'playwright-core';
import { PROJECT_ROOT } from './extension';
import type { BounceSeenMessage } from '../../../lib/messages';
import { DB_NAME, timelineRow } from '../../../lib/history/db';
import { SETTINGS_KEY } from '../../../lib/history/service';
import type { HistoryRecord } from '../../../lib/history/record';
import type { BounceSeenAnswer } from '../../../lib/history/protocol';

/**
 * Send "bounce-seen" reports from an extension page, all at once; returns the answers. When any
 * was stored, it also waits for the background's "history-changed" notice (sent up to half a
 * second later), so that a popup opened afterwards is not refreshed by it halfway through a test.
 */
export async function reportFromPage(page: Page, messages: BounceSeenMessage[]): Promise<BounceSeenAnswer[]> {
  return page.evaluate(async (msgs) => {
    type Listener = (m: unknown) => undefined;
    const rt = (
      globalThis as unknown as {
        chrome: {
          runtime: {
            sendMessage(m: unknown): Promise<unknown>;
            onMessage: { addListener(l: Listener): void; removeListener(l: Listener): void };
          };
        };
      }
    ).chrome.runtime;
    let listener: Listener = () => undefined;
    const notified = new Promise<void>((resolve) => {
      listener = (m) => {
        if ((m as { type?: string } | null)?.type === 'history-changed') resolve();
        return undefined;
      };
      rt.onMessage.addListener(listener);
    });
    try {
      const answers = await Promise.all(msgs.map((m) => rt.sendMessage(m) as Promise<BounceSeenAnswer>));
      if (answers.some((a) => a.ok && a.data.stored > 0))
        await Promise.race([notified, new Promise((resolve) => setTimeout(resolve, 5000))]);
      return answers;
    } finally {
      rt.onMessage.removeListener(listener);
    }
  }, messages);
}

/**
 * Put records into the history database from inside the extension (the service worker's
 * context), with the raw IndexedDB API. The background must be restarted afterwards to see them.
 */
export async function writeRecordsRaw(
  worker: Worker,
  records: HistoryRecord[],
  chunk = 10_000,
): Promise<void> {
  for (let i = 0; i < records.length; i += chunk) {
    await worker.evaluate(
      ({ name, rows, timed }) =>
        new Promise<void>((resolve, reject) => {
          const req = indexedDB.open(name);
          req.onerror = () => reject(req.error);
          req.onsuccess = () => {
            const db = req.result;
            const tx = db.transaction(['records', 'timeline'], 'readwrite');
            const store = tx.objectStore('records');
            for (const r of rows) store.put(r);
            for (const t of timed) tx.objectStore('timeline').put(t);
            tx.oncomplete = () => {
              db.close();
              resolve();
            };
            tx.onerror = () => reject(tx.error);
          };
        }),
      {
        name: DB_NAME,
        rows: records.slice(i, i + chunk),
        timed: records.slice(i, i + chunk).map(timelineRow),
      },
    );
  }
}

/** Every stored record, read with the raw IndexedDB API from inside the extension. */
export async function readRecordsRaw(worker: Worker): Promise<HistoryRecord[]> {
  return worker.evaluate(
    (name) =>
      new Promise<HistoryRecord[]>((resolve, reject) => {
        const req = indexedDB.open(name);
        req.onerror = () => reject(req.error);
        req.onsuccess = () => {
          const db = req.result;
          const get = db.transaction('records', 'readonly').objectStore('records').getAll();
          get.onsuccess = () => {
            db.close();
            resolve(get.result as HistoryRecord[]);
          };
          get.onerror = () => reject(get.error);
        };
      }),
    DB_NAME,
  );
}

/** Wait until the popup's list shows rows of a generation newer than `afterGen` (or an empty list). */
export async function waitForList(page: Page, afterGen = -1, timeout = 20_000): Promise<number> {
  const handle = await page.waitForFunction(
    (after) => {
      const el = document.querySelector<HTMLElement>('.bt-scroll, .bt-empty');
      const gen = Number(el?.dataset.gen ?? -1);
      return gen > after ? gen : false;
    },
    afterGen,
    { timeout },
  );
  return (await handle.jsonValue()) as number;
}

export async function currentGen(page: Page): Promise<number> {
  return page.evaluate(() =>
    Number(document.querySelector<HTMLElement>('.bt-scroll, .bt-empty')?.dataset.gen ?? -1),
  );
}

/** Addresses of the rows on screen, top to bottom. */
export async function shownAddresses(page: Page): Promise<string[]> {
  return page.$$eval('.bt-row[data-key]', (rows) =>
    rows
      .map((r) => ({
        top: r.getBoundingClientRect().top,
        text: r.querySelector('.bt-addr')?.textContent ?? '',
      }))
      .sort((a, b) => a.top - b.top)
      .map((r) => r.text),
  );
}

/** The history settings as the background stored them (browser.storage.local), or undefined. */
export async function readSettingsRaw(worker: Worker): Promise<unknown> {
  return worker.evaluate(async (key) => {
    const local = (
      globalThis as unknown as {
        chrome: { storage: { local: { get(key: string): Promise<Record<string, unknown>> } } };
      }
    ).chrome.storage.local;
    return (await local.get(key))[key];
  }, SETTINGS_KEY);
}

let seeder: Promise<string> | null = null;

/**
 * Seed `n` synthetic records into the extension's history database, generated and written inside
 * the extension page `page` (see history-seed-page.ts); a database an interrupted seed left is
 * completed. Returns the number the database holds.
 */
export async function seedHistory(
  page: Page,
  n: number,
  now: number,
  seed = 42,
  progress?: (written: number) => void,
): Promise<number> {
  seeder ??= build({
    entryPoints: [join(PROJECT_ROOT, 'tests/e2e/support/history-seed-page.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    globalName: '__btSeeder',
    target: 'chrome120',
    // page.evaluate runs a string inside a function: hand the result to the global scope.
    footer: { js: 'globalThis.__btSeeder = __btSeeder;' },
  }).then((r) => r.outputFiles[0]!.text);
  await page.evaluate(await seeder);
  // Progress lines, for a seed that runs for minutes (the page's console comes back here).
  const onConsole = (m: ConsoleMessage) => {
    if (m.text().startsWith('[bt-seed]')) progress?.(Number(m.text().slice(10)));
  };
  if (progress) page.on('console', onConsole);
  try {
    return await page.evaluate(
      ({ name, n, now, seed, report }) =>
        (
          globalThis as unknown as {
            __btSeeder: {
              seedInPage(
                a: string,
                b: number,
                c: number,
                d: number,
                p?: (w: number) => void,
              ): Promise<number>;
            };
          }
        ).__btSeeder.seedInPage(
          name,
          n,
          now,
          seed,
          report ? (w) => console.log(`[bt-seed] ${w}`) : undefined,
        ),
      { name: DB_NAME, n, now, seed, report: progress !== undefined },
    );
  } finally {
    page.off('console', onConsole);
  }
}
