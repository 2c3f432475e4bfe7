/**
 * The history against the service worker's life cycle, in Chromium with the built extension:
 * the worker killed in the middle of a burst of reports from Gmail tabs (nothing lost, nothing
 * doubled), clear-all surviving a worker restart until undone, the trash purged after the undo
 * window even across a restart, and malformed messages refused and counted.
 */
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { DB_NAME } from '../../lib/history/db';
import { fakeSeen } from '../../lib/history/test-fixtures';
import { recordsFromMessage } from '../../lib/history/record';
import type { BounceSeenMessage } from '../../lib/messages';
import { launchExtension, type LaunchedExtension } from './support/extension';
import { burstFromTab, openGmailTab, stopServiceWorker } from './support/gmail-tab-reports';
import { reportFromPage, waitForList } from './support/history-helpers';

let ext: LaunchedExtension;

beforeEach(async () => {
  ext = await launchExtension({ extensionPath: inject('extensionDir') });
});
afterEach(async () => {
  await ext?.close();
});

/** Table contents read with the raw IndexedDB API from an extension page (the worker may be stopped). */
async function tableRows<T>(page: Page, table: string): Promise<T[]> {
  return page.evaluate(
    ({ name, table }) =>
      new Promise<T[]>((resolve, reject) => {
        const req = indexedDB.open(name);
        req.onerror = () => reject(req.error);
        req.onsuccess = () => {
          const db = req.result;
          const get = db.transaction(table, 'readonly').objectStore(table).getAll();
          get.onsuccess = () => {
            db.close();
            resolve(get.result as T[]);
          };
          get.onerror = () => reject(get.error);
        };
      }),
    { name: DB_NAME, table },
  );
}

const ID = (n: number) => String(17_000_000_000_000_000_000n + BigInt(n));

describe('history durability', () => {
  it('loses and doubles nothing when the worker is killed in the middle of a burst from Gmail tabs', async () => {
    const popup = await ext.openPopup();
    await waitForList(popup);
    const a = await openGmailTab(ext.context, ext.extensionId);
    const b = await openGmailTab(ext.context, ext.extensionId);
    const N = 1500;
    const fromA: BounceSeenMessage[] = Array.from({ length: N }, (_, i) =>
      fakeSeen(ID(i), [{ recipient: `a${i}@burst.example` }], { seenAt: 1_790_000_000_000 + i }),
    );
    // Tab B reports 500 of A's bounces again (with the raw source) and 1,000 of its own.
    const fromB: BounceSeenMessage[] = Array.from({ length: N }, (_, i) => {
      const n = i < 500 ? i : N + i;
      return fakeSeen(ID(n), [{ recipient: `a${n}@burst.example` }], {
        seenAt: 1_790_000_000_000 + n,
        source: 'raw',
      });
    });
    const bursts = Promise.all([burstFromTab(a, fromA), burstFromTab(b, fromB)]);
    // Kill the worker once some reports are stored, then again while the resends come in.
    await expect
      .poll(async () => (await tableRows(popup, 'records')).length, { timeout: 60_000, interval: 50 })
      .toBeGreaterThan(50);
    await stopServiceWorker(popup);
    await new Promise((r) => setTimeout(r, 400));
    await stopServiceWorker(popup);
    const [sa, sb] = await bursts;
    expect([sa.acknowledgedAll, sb.acknowledgedAll]).toEqual([true, true]);
    expect(sa.retries + sb.retries).toBeGreaterThan(0);

    const rows = await tableRows<{ key: string; messageId: string; source: string }>(popup, 'records');
    const expected = new Set([...fromA, ...fromB].map((m) => m.messageId));
    expect(rows.length).toBe(expected.size);
    expect(new Set(rows.map((r) => r.messageId))).toEqual(expected);
    // B's raw reports enriched A's visible ones rather than adding records.
    expect(rows.filter((r) => r.source === 'raw').length).toBe(1500);
    const counters = await tableRows<{ k: string; n: number }>(popup, 'counters');
    expect(counters.find((c) => c.k === 'all\u0001')?.n).toBe(expected.size);
  });

  it('keeps a cleared history through a worker restart, restores it all with undo, and purges it after the window', async () => {
    const tab = await ext.openPopup();
    const reports = Array.from({ length: 300 }, (_, i) =>
      fakeSeen(ID(10_000 + i), [{ recipient: `u${i}@clear.example` }], { seenAt: 1_790_000_000_000 + i }),
    );
    await reportFromPage(tab, reports);
    const page = await ext.openPopup();
    await waitForList(page);
    await page.getByText('Settings').click();
    await page.getByRole('button', { name: 'Clear all…' }).click();
    await page.getByRole('button', { name: 'Delete all' }).click();
    await expect.poll(() => page.locator('.bt-empty').count()).toBe(1);
    expect((await tableRows(page, 'records')).length).toBe(0);
    expect((await tableRows(page, 'trash')).length).toBe(300);

    // The worker restarts inside the undo window: the rows are on disk, not in its memory.
    await stopServiceWorker(page);
    await page.getByRole('button', { name: /^Undo/ }).click();
    // The restarting worker answers when it is up (seconds on a loaded machine).
    await expect
      .poll(() => page.getByTestId('toast').textContent(), { timeout: 15_000 })
      .toBe('Restored 300 records. ');
    expect((await tableRows(page, 'records')).length).toBe(300);
    expect((await tableRows(page, 'trash')).length).toBe(0);

    // Cleared again and left alone past the window, with a restart in between: purged for good.
    await page.getByRole('button', { name: 'Clear all…' }).click();
    await page.getByRole('button', { name: 'Delete all' }).click();
    await expect.poll(() => page.locator('.bt-empty').count()).toBe(1);
    await stopServiceWorker(page);
    await new Promise((r) => setTimeout(r, 11_000));
    // Whatever wakes the worker next (here the popup) finds the expired ticket and purges.
    await page.reload();
    await waitForList(page);
    await expect.poll(async () => (await tableRows(page, 'trash')).length, { timeout: 20_000 }).toBe(0);
    expect(await tableRows(page, 'meta')).toEqual([]);
    expect((await tableRows(page, 'records')).length).toBe(0);
  }, 90_000);

  it('refuses malformed messages from Gmail tabs and extension pages, counts them and says so', async () => {
    const page = await ext.openPopup();
    await waitForList(page);
    const good = fakeSeen(ID(1), [{ recipient: 'a@x.example' }]);
    const fromPage = await page.evaluate(async (good) => {
      const send = (m: unknown) =>
        (
          globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }
        ).chrome.runtime.sendMessage(m);
      return Promise.all([
        send({ ...good, seenAt: 'now' }),
        send({ ...good, result: { ...good.result, records: [{ ...good.result.records[0], hard: 'yes' }] } }),
        send({ type: 'history-query', filter: { search: 42 }, offset: 0, limit: 10 }),
        send({ type: 'history-delete', keys: [{ toString: null }] }),
        send({ type: 'history-whatever' }),
        send(good),
      ]);
    }, good);
    expect(fromPage.map((a) => (a as { ok: boolean }).ok)).toEqual([false, false, false, false, false, true]);
    const gmail = await openGmailTab(ext.context, ext.extensionId);
    const r = await gmail.cdp.send('Runtime.evaluate', {
      expression: `chrome.runtime.sendMessage(${JSON.stringify({ ...good, messageId: { $ne: 1 } })})`,
      contextId: gmail.contextId,
      awaitPromise: true,
      returnByValue: true,
    });
    expect((r.result.value as { ok: boolean; error: { name: string } }).error.name).toBe('InvalidMessage');

    await page.reload();
    await waitForList(page);
    const banner = page.getByTestId('refused');
    await banner.waitFor();
    expect(await banner.textContent()).toContain('6 malformed messages were refused');
    // Nothing malformed reached the database; the good report did.
    expect((await tableRows<{ messageId: string }>(page, 'records')).map((x) => x.messageId)).toEqual([
      ID(1),
    ]);
  });

  // Timed out once in about eight runs on a busy machine (the popup's list never came), cause not
  // found. Not seen in 24 runs since v5 (2026-12-05, load average 15–25), which proves nothing at
  // that rate; the popup now asks again when a read meets a stopping worker (api.ts), the likeliest
  // way for its first query to fail (the popup opens right after the worker was stopped), and
  // since then for about five seconds rather than 0.75. One retry keeps CI honest about a
  // repeatable failure.
  it(
    'upgrades a real version-2 database in Chromium: rows kept, searchable, counted',
    { retry: 1 },
    async () => {
      // An extension page that sends no message (the worker stays stopped while the old database is made).
      const page = await ext.context.newPage();
      await page.goto(ext.extensionUrl('icon/16.png'));
      await stopServiceWorker(page);
      const rows = [
        fakeSeen(ID(1), [{ recipient: 'ann@gmail.com' }], { seenAt: 1_790_000_001_000 }),
        fakeSeen(
          ID(2),
          [
            {
              recipient: 'bob@corp.example',
              diagnostic: 'Mailbox over quota',
              hard: false,
              category: 'mailbox-full',
              reason: 'mailboxfull',
            },
          ],
          { seenAt: 1_790_000_002_000 },
        ),
      ]
        .flatMap((m) => recordsFromMessage(m))
        // As version 2 stored them: no search words, no bounce date.
        .map(({ words: _w, bounceDate: _b, ...v2 }) => v2);
      const made = await page.evaluate(
        ({ name, rows }) =>
          new Promise<string>((resolve, reject) => {
            const del = indexedDB.deleteDatabase(name);
            del.onerror = () => reject(del.error);
            del.onsuccess = () => {
              // Dexie stores its version n as IndexedDB version n * 10; v2: 'key, lastSeen, messageId'.
              const req = indexedDB.open(name, 20);
              req.onupgradeneeded = () => {
                const store = req.result.createObjectStore('records', { keyPath: 'key' });
                store.createIndex('lastSeen', 'lastSeen');
                store.createIndex('messageId', 'messageId');
              };
              req.onerror = () => reject(req.error);
              req.onsuccess = () => {
                const db = req.result;
                const tx = db.transaction('records', 'readwrite');
                for (const r of rows) tx.objectStore('records').put(r);
                tx.oncomplete = () => {
                  db.close();
                  resolve(`v${db.version}`);
                };
              };
            };
          }),
        { name: DB_NAME, rows },
      );
      expect(made).toBe('v20');
      // As after an extension update: the worker that meets the old database is a fresh one.
      await stopServiceWorker(page);
      const popup = await ext.openPopup();
      await waitForList(popup);
      expect(await popup.getByTestId('count-total').textContent()).toBe('2 bounces');
      await popup.fill('input[name="search"]', 'quota');
      await expect
        .poll(() => popup.locator('.bt-row[data-key] .bt-addr').allTextContents())
        .toEqual(['bob@corp.example']);
      const stored = await tableRows<{ key: string; words: string[]; bounceDate: unknown }>(popup, 'records');
      expect(stored.map((r) => [r.key, r.bounceDate, r.words.includes('quota')])).toEqual([
        [`${ID(1)}|ann@gmail.com`, null, false],
        [`${ID(2)}|bob@corp.example`, null, true],
      ]);
      const counters = await tableRows<{ k: string; n: number }>(popup, 'counters');
      expect(counters.find((c) => c.k === 'all\u0001')?.n).toBe(2);
      // On through v3 to the latest version: the corrections table is there, empty.
      expect(await tableRows(popup, 'corrections')).toEqual([]);
      // …and each record has its search-timeline row (v5), which the search above went through.
      expect((await tableRows<{ k: string }>(popup, 'timeline')).map((t) => t.k).sort()).toEqual([
        `${ID(1)}|ann@gmail.com`,
        `${ID(2)}|bob@corp.example`,
      ]);
    },
  );
});
