/**
 * History benchmark in real Chromium with the built extension.
 *
 *   npm run --silent bench:history -- --json        # prints the JSON contract only
 *   npm run --silent bench:history -- --records 20000 --no-1m
 *   npm run --silent bench:history -- --json --keep /tmp/bt-history-sets   # seed once, reuse later
 *   npm run --silent bench:history -- --json --keep /tmp/bt-history-sets --only-1m
 *   npm run --silent bench:history -- --keep /tmp/bt-history-sets --only-1m --seed-only   # seed (or resume), no figures
 *   npm run --silent bench:history -- --json --no-dashboard   # the history's figures only
 *
 * Twice: with N (default 100,000) records, then with a million ("records1m"; --no-1m skips it,
 * --records-1m changes the number). Each set is written into the extension's IndexedDB from an
 * extension page (history-seed-page.ts), then the browser restarts on the same profile.
 * Writing a million records takes minutes on a quiet machine and much longer on a busy one:
 * `--keep DIR` keeps each seeded profile in DIR (and the extension at a fixed path there, so its
 * id and thus its database stay the same) and reuses it on the next run. A kept profile holds the
 * writes of earlier runs too (the cold reports, the killed burst, the concurrency set). An
 * interrupted seed resumes where it stopped (each chunk is one transaction, counters included).
 * The first open of a kept set by a newer build upgrades its schema; its time is logged.
 * - dashboardFirstPaintMs, dashboardFilterMs, dashboardFilterFinalMs: see dashboard-timing.ts.
 *
 * - coldPopupMs (= popupInteractiveMs): the service worker stopped first (CDP
 *   ServiceWorker.stopAllWorkers, as Chrome does after 30 s idle), popup.html opened → first rows
 *   rendered, from the page's own clock. Median of five.
 * - coldSearchMs: the worker stopped, the popup opened, a search typed at once → its rows painted.
 *   Median of five different searches.
 * - coldReportAckMs: the worker stopped, one "bounce-seen" report sent from a Gmail tab's
 *   content-script world → the background's acknowledgement. Median of five.
 * - searchMs / filterMs: typing queries key by key, and toggling filters, on a warm popup; each
 *   from the input event to the new rows being painted. Median per keystroke / change.
 * - backgroundHeapMb: the service worker's used JS heap after that work and a forced GC (CDP
 *   HeapProfiler.collectGarbage, Runtime.getHeapUsage).
 * - exportUniqueMs (exportUniqueMs1m): click on Download (unique addresses, no filter) → download
 *   started; exportHeapMb: the worker's largest used heap meanwhile (sampled, no forced GC).
 * With N records only:
 * - killedReportsLost: four Gmail tabs push 5,000 reports each through the content script's
 *   outbox; the worker is stopped once 500 are stored, and again a second later; reports missing
 *   from the database once every tab's outbox is empty (or after five minutes).
 * - concurrent*: five extension tabs report the same 1,000 bounces at once → records afterwards.
 *
 * Figures are printed, never asserted. Details go to stderr; stdout carries the JSON.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page, type Worker } from 'playwright-core';
import {
  buildExtension,
  BUILT_EXTENSION,
  CHROMIUM,
  HEADLESS_ARGS,
  snapshotExtension,
} from '../tests/e2e/support/extension';
import puppeteer from 'puppeteer-core';
import {
  readRecordsRaw,
  reportFromPage,
  seedHistory,
  waitForList,
} from '../tests/e2e/support/history-helpers';
import {
  burstFromTab,
  openGmailTab,
  stopServiceWorker,
  type GmailTab,
} from '../tests/e2e/support/gmail-tab-reports';
import { fakeSeen } from '../lib/history/test-fixtures';
import { measureDashboard } from './bench/dashboard-timing';
import { DB_NAME } from '../lib/history/db';
import type { BounceSeenMessage } from '../lib/messages';

const argv = process.argv.slice(2);
const json = argv.includes('--json');
const numArg = (name: string, dflt: number) => {
  const i = argv.indexOf(name);
  return i >= 0 ? Number(argv[i + 1]) : dflt;
};
const N = numArg('--records', 100_000);
const M = numArg('--records-1m', 1_000_000);
const RUN_1M = !argv.includes('--no-1m');
/** Only the million-record set (with --keep, to measure a kept set again). */
const ONLY_1M = argv.includes('--only-1m');
/** Only seed the sets into --keep DIR (or finish an interrupted seed there), measure nothing. */
const SEED_ONLY = argv.includes('--seed-only');
/** Leave the dashboard out (its figures stay 0). */
const NO_DASHBOARD = argv.includes('--no-dashboard');
const KEEP = argv.includes('--keep') ? argv[argv.indexOf('--keep') + 1]! : null;
/** Tells this run's reports from a kept profile's earlier ones (message ids and domains). */
const RUN = Math.floor(Date.now() / 1000) % 1_000_000;
const RUN_IDS = BigInt(RUN) * 100_000n;
const KILLED = `killed-${RUN}.example`;
const CONCURRENT = `concurrency-${RUN}.example`;
const DEBUG_PORT = 9300 + Math.floor(Math.random() * 500);
const log = (...a: unknown[]) => console.error('[bench:history]', ...a);

/** Kept profiles whose registered service worker was dropped in this run (see launch). */
const refreshed = new Set<string>();

async function launch(
  userDataDir: string,
  extDir: string,
): Promise<{ context: BrowserContext; worker: Worker; id: string }> {
  // Chromium keeps running the service worker script it registered for an unpacked extension,
  // even after the extension's files changed: a kept profile would measure the background of the
  // build that seeded it. Without the registration, the current build's script is registered
  // (and upgrades the database) on first use. Once per run, so later launches start as warm as
  // a browser restart does.
  if (!refreshed.has(userDataDir)) {
    rmSync(join(userDataDir, 'Default', 'Service Worker'), { recursive: true, force: true });
    refreshed.add(userDataDir);
  }
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: false,
    args: [
      ...HEADLESS_ARGS,
      `--disable-extensions-except=${extDir}`,
      `--load-extension=${extDir}`,
      // A second DevTools client (puppeteer) reads the service worker's heap.
      `--remote-debugging-port=${DEBUG_PORT}`,
    ],
    ignoreDefaultArgs: ['--disable-extensions', '--disable-component-extensions-with-background-pages'],
    viewport: { width: 780, height: 600 },
    acceptDownloads: true,
  });
  // tsx keeps function names with a helper the browser does not have; give pages a no-op one.
  await context.addInitScript('globalThis.__name = (f) => f;');
  const worker =
    context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 20_000 }));
  return { context, worker, id: new URL(worker.url()).host };
}

/** In the page: run `act`, then wait for the list to show a newer generation and for the next paint. */
async function timed(page: Page, act: string, arg: string): Promise<number> {
  return page.evaluate(
    async ({ act, arg }) => {
      const list = () => document.querySelector<HTMLElement>('.bt-scroll, .bt-empty');
      const before = Number(list()?.dataset.gen ?? -1);
      const t0 = performance.now();
      if (act === 'type') {
        const input = document.querySelector<HTMLInputElement>('input[name="search"]')!;
        const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
        setter.call(input, arg);
        input.dispatchEvent(new Event('input', { bubbles: true }));
      } else if (act === 'click') {
        document.querySelector<HTMLElement>(arg)!.click();
      } else if (act === 'select') {
        const [sel, value] = arg.split('=') as [string, string];
        const el = document.querySelector<HTMLSelectElement>(sel)!;
        el.value = value;
        el.dispatchEvent(new Event('change', { bubbles: true }));
      }
      await new Promise<void>((resolve) => {
        if (Number(list()?.dataset.gen ?? -1) > before) return resolve();
        const mo = new MutationObserver(() => {
          if (Number(list()?.dataset.gen ?? -1) > before) {
            mo.disconnect();
            resolve();
          }
        });
        mo.observe(document.body, {
          subtree: true,
          attributes: true,
          attributeFilter: ['data-gen'],
          childList: true,
        });
      });
      await new Promise((r) => requestAnimationFrame(() => r(null)));
      const total = performance.now() - t0;
      const q = performance.getEntriesByName('bt:query').pop();
      (window as unknown as { __btSplit: number[] }).__btSplit ??= [];
      (window as unknown as { __btSplit: number[] }).__btSplit.push(q ? q.duration : -1);
      return total;
    },
    { act, arg },
  );
}

const quantile = (xs: number[], q: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * q))] ?? 0;
const median = (xs: number[]) => quantile(xs, 0.5);
const p95 = (xs: number[]) => quantile(xs, 0.95);
const round = (x: number) => Math.round(x * 10) / 10;

/** The service worker's used JS heap after a forced garbage collection, in MB. */
async function workerHeapMb(extensionId: string): Promise<number> {
  const browser = await puppeteer.connect({
    browserURL: `http://127.0.0.1:${DEBUG_PORT}`,
    defaultViewport: null,
  });
  try {
    const target = await browser.waitForTarget(
      (t) => t.type() === 'service_worker' && t.url().startsWith(`chrome-extension://${extensionId}/`),
      { timeout: 20_000 },
    );
    const cdp = await target.createCDPSession();
    await cdp.send('HeapProfiler.enable');
    await cdp.send('HeapProfiler.collectGarbage');
    await cdp.send('HeapProfiler.collectGarbage');
    const { usedSize } = await cdp.send('Runtime.getHeapUsage');
    await cdp.detach();
    return usedSize / 1024 / 1024;
  } finally {
    await browser.disconnect();
  }
}

/**
 * The suppression list (unique addresses, no filter) downloaded from the popup: click on Download
 * → download started, and the service worker's largest used JS heap meanwhile (sampled every
 * 100 ms, no forced GC: garbage not yet collected counts too).
 */
async function exportUnique(popup: Page, extensionId: string, label: string) {
  await popup.bringToFront();
  await popup.reload();
  await readyAt(popup);
  const browser = await puppeteer.connect({
    browserURL: `http://127.0.0.1:${DEBUG_PORT}`,
    defaultViewport: null,
  });
  let peak = 0;
  let sampling = true;
  try {
    const target = await browser.waitForTarget(
      (t) => t.type() === 'service_worker' && t.url().startsWith(`chrome-extension://${extensionId}/`),
      { timeout: 20_000 },
    );
    const cdp = await target.createCDPSession();
    const sampler = (async () => {
      while (sampling) {
        const { usedSize } = await cdp.send('Runtime.getHeapUsage').catch(() => ({ usedSize: 0 }));
        peak = Math.max(peak, usedSize);
        await new Promise((r) => setTimeout(r, 100));
      }
    })();
    const dl = popup.waitForEvent('download', { timeout: 600_000 });
    await popup.selectOption('select[name="format"]', 'unique');
    const t0 = Date.now();
    await popup.click('text=Download');
    const download = await dl;
    const ms = Date.now() - t0;
    sampling = false;
    await sampler;
    await cdp.detach().catch(() => undefined);
    const lines = readFileSync(await download.path(), 'utf8').split('\r\n').length - 2;
    const heapMb = round(peak / 1024 / 1024);
    log(`${label} export unique: ${lines} addresses in ${ms} ms; worker heap at most ${heapMb} MB meanwhile`);
    return { ms, heapMb };
  } finally {
    sampling = false;
    await browser.disconnect();
  }
}

/** In an extension page: average JSON size of the stored records, and their number. */
async function recordSizes(page: Page): Promise<{ n: number; avg: number }> {
  return page.evaluate(
    (name) =>
      new Promise<{ n: number; avg: number }>((resolve, reject) => {
        const req = indexedDB.open(name);
        req.onerror = () => reject(req.error);
        req.onsuccess = () => {
          const db = req.result;
          let n = 0;
          let bytes = 0;
          const enc = new TextEncoder();
          const cur = db.transaction('records').objectStore('records').openCursor();
          cur.onsuccess = () => {
            const c = cur.result;
            if (!c) {
              db.close();
              resolve({ n, avg: n ? bytes / n : 0 });
              return;
            }
            n++;
            if (n % 10 === 1) bytes += enc.encode(JSON.stringify(c.value)).length * 10;
            c.continue();
          };
          cur.onerror = () => reject(cur.error);
        };
      }),
    DB_NAME,
  );
}

/** Message ids stored for one recipient domain (read from the compound index). */
async function storedIds(page: Page, domain: string): Promise<string[]> {
  return page.evaluate(
    ({ name, domain }) =>
      new Promise<string[]>((resolve, reject) => {
        const req = indexedDB.open(name);
        req.onerror = () => reject(req.error);
        req.onsuccess = () => {
          const db = req.result;
          const range = IDBKeyRange.bound([domain, -Infinity], [domain, Infinity]);
          const get = db
            .transaction('records')
            .objectStore('records')
            .index('[recipientDomain+lastSeen]')
            .getAllKeys(range);
          get.onsuccess = () => {
            db.close();
            resolve((get.result as string[]).map((k) => k.split('|')[0]!));
          };
          get.onerror = () => reject(get.error);
        };
      }),
    { name: DB_NAME, domain },
  );
}

const readyAt = async (p: Page) => {
  await p.waitForFunction(() => document.documentElement.dataset.ready === '1', null, { timeout: 60_000 });
  return p.evaluate(() => (window as unknown as { __btReadyAt: number }).__btReadyAt);
};

interface SetFigures {
  records: number;
  avgRecordBytes: number;
  coldPopupMs: number;
  coldSearchMs: number;
  coldReportAckMs: number;
  searchMs: number;
  filterMs: number;
  backgroundHeapMb: number;
}

/** Seed `n` records in a fresh profile (or reuse a kept one) and restart the browser on it. */
async function seeded(n: number, extDir: string, profile: string, now: number, sizes: boolean) {
  const started = await launch(profile, extDir);
  const { context, id } = started;
  const first = await context.newPage();
  const t0 = Date.now();
  await first.goto(`chrome-extension://${id}/popup.html`);
  // A kept set written by an older build is upgraded to the current schema on this first open.
  await waitForList(first, -1, 30 * 60_000);
  log(`first list of ${profile} after ${Date.now() - t0} ms (schema upgrade included, if any)`);
  const marker = join(profile, 'bt-seeded.json');
  let written: number;
  if (existsSync(marker)) {
    written = (JSON.parse(readFileSync(marker, 'utf8')) as { written: number }).written;
    log(`reusing the ${written} records kept in ${profile}`);
  } else {
    // A kept seed that was interrupted is resumed with the same records (the same "now").
    const started = join(profile, 'bt-seeding.json');
    let at = now;
    if (KEEP && existsSync(started)) at = (JSON.parse(readFileSync(started, 'utf8')) as { now: number }).now;
    else if (KEEP) writeFileSync(started, JSON.stringify({ now }));
    const t0 = Date.now();
    let lastLog = t0;
    let first_ = true;
    written = await seedHistory(first, n, at, 42, (w) => {
      if (first_ && w > 0) log(`resuming an interrupted seed after ${w} records`);
      first_ = false;
      if (Date.now() - lastLog < 30_000) return;
      lastLog = Date.now();
      log(`seeding: ${w} of ${n} records after ${Math.round((lastLog - t0) / 1000)} s`);
    });
    log(`seeded ${written} records in ${Math.round((Date.now() - t0) / 1000)} s`);
    if (KEEP) writeFileSync(marker, JSON.stringify({ written, now: at }));
  }
  let avg = 0;
  if (sizes) {
    const s = await recordSizes(first);
    avg = Math.round(s.avg);
    log(`avg JSON bytes/record ${avg} (sampled one in ten of ${s.n})`);
  }
  await context.close();
  const next = await launch(profile, extDir);
  return { context: next.context, worker: next.worker, id: next.id, written, avg };
}

/** The cold and warm figures of one record set. */
async function measureSet(
  context: BrowserContext,
  id: string,
  label: string,
): Promise<Omit<SetFigures, 'records' | 'avgRecordBytes'> & { popup: Page; gmail: GmailTab }> {
  const url = (p: string) => `chrome-extension://${id}/${p}`;
  const popup = await context.newPage();
  await popup.goto(url('popup.html'));
  const atLaunch = await readyAt(popup);
  const warmRuns: number[] = [];
  for (let i = 0; i < 3; i++) {
    const p = await context.newPage();
    await p.goto(url('popup.html'));
    warmRuns.push(await readyAt(p));
    await p.close();
  }
  // Cold popup: the worker stopped, as Chrome does after 30 s idle; the popup's first message starts it.
  const coldRuns: number[] = [];
  for (let i = 0; i < 5; i++) {
    await stopServiceWorker(popup);
    await new Promise((r) => setTimeout(r, 500));
    const p = await context.newPage();
    await p.goto(url('popup.html'));
    coldRuns.push(await readyAt(p));
    await p.close();
  }
  log(
    `${label} popup first rows: right after browser start ${round(atLaunch)} ms; warm ${warmRuns.map(round).join(', ')} ms; worker stopped first ${coldRuns.map(round).join(', ')} ms`,
  );
  // Cold search: the worker stopped, the popup opened, a search typed as soon as it shows rows.
  const coldSearch: number[] = [];
  for (const term of ['anna.1', 'outlook.com', '5.7.1', 'quota', 'greta']) {
    await stopServiceWorker(popup);
    await new Promise((r) => setTimeout(r, 500));
    const p = await context.newPage();
    await p.goto(url('popup.html'));
    await readyAt(p);
    coldSearch.push(await timed(p, 'type', term));
    await p.close();
  }
  log(`${label} cold search: ${coldSearch.map(round).join(', ')} ms`);
  // Cold report: the worker stopped, a Gmail tab reports one bounce.
  const gmail = await openGmailTab(context, id);
  const coldAck: number[] = [];
  for (let i = 0; i < 5; i++) {
    await stopServiceWorker(popup);
    await new Promise((r) => setTimeout(r, 500));
    const report = fakeSeen(
      (16_000_000_000_000_000_000n + BigInt(Date.now()) * 10n + BigInt(i)).toString(),
      [{ recipient: `cold${i}@ack.example` }],
      { seenAt: Date.now() },
    );
    const r = await gmail.cdp.send('Runtime.evaluate', {
      expression: `(async () => { const t = performance.now(); const a = await chrome.runtime.sendMessage(${JSON.stringify(report)}); return { ms: performance.now() - t, ok: a && a.ok }; })()`,
      contextId: gmail.contextId,
      awaitPromise: true,
      returnByValue: true,
    });
    const v = r.result.value as { ms: number; ok: boolean };
    if (!v?.ok) log(`  cold report ${i} was not acknowledged`);
    coldAck.push(v.ms);
  }
  log(`${label} cold report acknowledged: ${coldAck.map(round).join(', ')} ms`);

  // A tab in the background gets no animation frames: the popup must be the visible tab.
  await popup.bringToFront();
  await popup.reload();
  await readyAt(popup);
  const keystrokes: number[] = [];
  const perTerm: string[] = [];
  for (const term of ['gmail.com', '5.7.1', 'outlook.com quota', 'anna.1']) {
    const times: number[] = [];
    for (let k = 1; k <= term.length; k++) times.push(await timed(popup, 'type', term.slice(0, k)));
    times.push(await timed(popup, 'type', ''));
    keystrokes.push(...times);
    perTerm.push(`${term}: ${times.map(Math.round).join(' ')}`);
  }
  log(`${label} keystrokes (ms) ${perTerm.join(' | ')}`);
  log(
    `${label} search per keystroke: median ${round(median(keystrokes))} ms, p95 ${round(p95(keystrokes))} ms, max ${round(Math.max(...keystrokes))} ms over ${keystrokes.length}`,
  );
  const filters: number[] = [];
  filters.push(await timed(popup, 'click', 'button[data-severity="hard"]'));
  filters.push(await timed(popup, 'select', 'select[name="category"]=invalid-address'));
  filters.push(await timed(popup, 'select', 'select[name="provider"]=google'));
  filters.push(await timed(popup, 'click', 'button[data-severity="hard"]'));
  filters.push(await timed(popup, 'select', 'select[name="category"]='));
  filters.push(await timed(popup, 'select', 'select[name="provider"]='));
  filters.push(await timed(popup, 'click', 'button[data-severity="delayed"]'));
  filters.push(await timed(popup, 'click', 'button[data-severity="delayed"]'));
  log(`${label} filter changes: ${filters.map(round).join(', ')} ms`);
  // The worker is awake (the popup just used it): its heap after this work.
  const heap = await workerHeapMb(id);
  log(`${label} background heap after GC: ${heap.toFixed(1)} MB`);
  return {
    coldPopupMs: round(median(coldRuns)),
    coldSearchMs: round(median(coldSearch)),
    coldReportAckMs: round(median(coldAck)),
    searchMs: round(median(keystrokes)),
    filterMs: round(median(filters)),
    backgroundHeapMb: round(heap),
    popup,
    gmail,
  };
}

/** Four Gmail tabs push 5,000 reports each; the worker is stopped in the middle. Reports missing at the end. */
async function killedBurst(context: BrowserContext, id: string, popup: Page): Promise<number> {
  const tabs = await Promise.all(Array.from({ length: 4 }, () => openGmailTab(context, id)));
  const per = 5000;
  const all: BounceSeenMessage[][] = tabs.map((_, t) =>
    Array.from({ length: per }, (_, i) => {
      const n = t * per + i;
      return fakeSeen(
        (15_000_000_000_000_000_000n + RUN_IDS + BigInt(n)).toString(),
        [{ recipient: `k${n}@${KILLED}` }],
        {
          seenAt: Date.now() - n,
        },
      );
    }),
  );
  const t0 = Date.now();
  const bursts = Promise.all(tabs.map((tab, t) => burstFromTab(tab, all[t]!, 300_000)));
  // Kill the worker in the middle: once the first reports are stored, and again a second later.
  for (let i = 0; i < 600 && (await storedIds(popup, KILLED)).length < 500; i++)
    await new Promise((r) => setTimeout(r, 100));
  const storedAtKill = (await storedIds(popup, KILLED)).length;
  await stopServiceWorker(popup);
  await new Promise((r) => setTimeout(r, 1000));
  await stopServiceWorker(popup);
  const stats = await bursts;
  const stored = new Set(await storedIds(popup, KILLED));
  const lost = all.flat().filter((m) => !stored.has(m.messageId)).length;
  log(
    `killed burst: ${per * tabs.length} reports from ${tabs.length} Gmail tabs, worker stopped with ${storedAtKill} stored and again a second later; all acknowledged: ${stats.every((s) => s.acknowledgedAll)} after ${Math.round((Date.now() - t0) / 1000)} s; resends ${stats.reduce((s, x) => s + x.retries, 0)}; stored ${stored.size}; lost ${lost}`,
  );
  for (const t of tabs) await t.page.close();
  return lost;
}

/** The N-record set: cold and warm figures, dashboard, export, the killed burst, concurrency. */
async function measureN(extDir: string, profile: string, now: number, out: Record<string, number | boolean>) {
  const set = await seeded(N, extDir, profile, now, true);
  const { context, id } = set;
  out.records = set.written;
  out.avgRecordBytes = set.avg;
  const url = (p: string) => `chrome-extension://${id}/${p}`;
  const m = await measureSet(context, id, `${N}:`);
  if (!NO_DASHBOARD) Object.assign(out, await measureDashboard(context, id, log));
  out.popupInteractiveMs = m.coldPopupMs;
  out.coldPopupMs = m.coldPopupMs;
  out.coldSearchMs = m.coldSearchMs;
  out.coldReportAckMs = m.coldReportAckMs;
  out.searchMs = m.searchMs;
  out.filterMs = m.filterMs;
  out.backgroundHeapMb = m.backgroundHeapMb;
  const popup = m.popup;

  const ex = await exportUnique(popup, id, `${N}:`);
  out.exportUniqueMs = ex.ms;
  out.exportHeapMb = ex.heapMb;

  out.killedReportsLost = await killedBurst(context, id, popup);

  // Concurrency: five extension tabs report the same 1,000 bounces at once.
  const B = 1000;
  const ids = Array.from({ length: B }, (_, i) =>
    (19_000_000_000_000_000_000n + RUN_IDS + BigInt(i)).toString(),
  );
  const tabs = await Promise.all(Array.from({ length: 5 }, () => context.newPage()));
  await Promise.all(tabs.map((t) => t.goto(url('popup.html'))));
  const perTab = (t: number): BounceSeenMessage[] =>
    ids.map((mid, i) => {
      const addr = `conc${i}@${CONCURRENT}`;
      const recipient = t === 3 && i % 4 === 0 ? null : t === 2 ? addr.toUpperCase() : addr;
      return fakeSeen(mid, [{ recipient }], { source: t % 2 ? 'raw' : 'visible', seenAt: now + t });
    });
  const tConc = Date.now();
  const answers = await Promise.all(tabs.map((tab, t) => reportFromPage(tab, perTab(t))));
  const concMs = Date.now() - tConc;
  const okAnswers = answers.flat().filter((a) => a.ok).length;
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const after = await readRecordsRaw(worker);
  const mine = after.filter(
    (r) => r.recipientDomain === CONCURRENT || (r.recipient === '' && ids.includes(r.messageId)),
  );
  out.concurrentReported = B;
  out.concurrentStored = mine.length;
  out.concurrentDuplicates = mine.length - new Set(mine.map((r) => r.messageId)).size;
  log(
    `concurrency: ${answers.flat().length} reports from 5 tabs (${okAnswers} ok) in ${concMs} ms → ${mine.length} records`,
  );
  await context.close();
}

async function main() {
  if (SEED_ONLY && !KEEP) throw new Error('--seed-only needs --keep DIR (where the seeded sets stay)');
  buildExtension({ quiet: true });
  let extDir: string;
  let profile: string;
  let profile1m: string;
  if (KEEP) {
    extDir = join(KEEP, 'extension');
    rmSync(extDir, { recursive: true, force: true });
    mkdirSync(KEEP, { recursive: true });
    cpSync(BUILT_EXTENSION, extDir, { recursive: true });
    profile = join(KEEP, `records-${N}`);
    profile1m = join(KEEP, `records-${M}`);
  } else {
    extDir = snapshotExtension();
    profile = mkdtempSync(join(tmpdir(), 'bt-bench-history-'));
    profile1m = mkdtempSync(join(tmpdir(), 'bt-bench-history-1m-'));
  }
  const out = {
    records: 0,
    popupInteractiveMs: 0,
    searchMs: 0,
    filterMs: 0,
    exportUniqueMs: 0,
    avgRecordBytes: 0,
    concurrentReported: 0,
    concurrentStored: 0,
    concurrentDuplicates: 0,
    coldPopupMs: 0,
    coldSearchMs: 0,
    coldReportAckMs: 0,
    backgroundHeapMb: 0,
    killedReportsLost: -1,
    exportHeapMb: 0,
    exportUniqueMs1m: 0,
    exportHeapMb1m: 0,
    records1m: false,
    coldPopupMs1m: 0,
    coldSearchMs1m: 0,
    coldReportAckMs1m: 0,
    backgroundHeapMb1m: 0,
    searchMs1m: 0,
    filterMs1m: 0,
    dashboardFirstPaintMs: 0,
    dashboardFilterMs: 0,
    dashboardFilterFinalMs: 0,
    dashboardFirstPaintMs1m: 0,
    dashboardFilterMs1m: 0,
    dashboardFilterFinalMs1m: 0,
  };
  const now = Date.now();
  try {
    // --- N records --------------------------------------------------------------------------------
    if (!ONLY_1M && SEED_ONLY) await (await seeded(N, extDir, profile, now, false)).context.close();
    else if (!ONLY_1M) await measureN(extDir, profile, now, out);
    // --- a million records --------------------------------------------------------------------------
    if (RUN_1M) {
      const big = await seeded(M, extDir, profile1m, now, false);
      if (SEED_ONLY) {
        await big.context.close();
        return;
      }
      const m1 = await measureSet(big.context, big.id, `${M}:`);
      out.records1m = big.written >= 1_000_000;
      out.coldPopupMs1m = m1.coldPopupMs;
      out.coldSearchMs1m = m1.coldSearchMs;
      out.coldReportAckMs1m = m1.coldReportAckMs;
      out.backgroundHeapMb1m = m1.backgroundHeapMb;
      out.searchMs1m = m1.searchMs;
      out.filterMs1m = m1.filterMs;
      const ex1 = await exportUnique(m1.popup, big.id, `${M}:`);
      out.exportUniqueMs1m = ex1.ms;
      out.exportHeapMb1m = ex1.heapMb;
      if (!NO_DASHBOARD) {
        const d1 = await measureDashboard(big.context, big.id, log);
        out.dashboardFirstPaintMs1m = d1.dashboardFirstPaintMs;
        out.dashboardFilterMs1m = d1.dashboardFilterMs;
        out.dashboardFilterFinalMs1m = d1.dashboardFilterFinalMs;
      }
      await big.context.close();
    }
  } finally {
    if (!KEEP) {
      rmSync(profile, { recursive: true, force: true });
      rmSync(profile1m, { recursive: true, force: true });
      rmSync(extDir, { recursive: true, force: true });
    }
  }
  if (json) console.log(JSON.stringify(out));
  else console.log(JSON.stringify(out, null, 2));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
