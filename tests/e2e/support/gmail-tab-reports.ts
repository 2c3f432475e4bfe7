/**
 * Bursts of bounce reports from real Gmail tabs, for the durability test and the benchmark.
 *
 * A tab at https://mail.google.com/ (a stand-in page served through request interception) gets
 * the extension's content script; in that content script's own JavaScript world (found over CDP:
 * the isolated world named after the extension) we load the project's Outbox, bundled with
 * esbuild, and push reports through it with chrome.runtime.sendMessage, exactly as the content
 * script does. The background sees them as coming from a Gmail tab.
 */
import { build } from 'esbuild';
import { join } from 'node:path';
import type { BrowserContext, CDPSession, Page } from 'playwright-core';
import type { BounceSeenMessage } from '../../../lib/messages';
import type { OutboxStats } from '../../../lib/history/outbox';
import { PROJECT_ROOT } from './extension';

let bundled: Promise<string> | null = null;

/** lib/history/outbox.ts as a script that defines globalThis.__btOutbox. */
export function outboxScript(): Promise<string> {
  bundled ??= build({
    entryPoints: [join(PROJECT_ROOT, 'lib/history/outbox.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    globalName: '__btOutbox',
    target: 'chrome120',
  }).then((r) => r.outputFiles[0]!.text);
  return bundled;
}

export interface GmailTab {
  page: Page;
  cdp: CDPSession;
  contextId: number;
}

const STAND_IN =
  '<!doctype html><html><head><title>Inbox</title></head><body><div role="main"></div></body></html>';

/** Open a tab at mail.google.com and find the extension's content-script world in it. */
export async function openGmailTab(context: BrowserContext, extensionId: string): Promise<GmailTab> {
  await context.route('https://mail.google.com/**', (route) =>
    route.fulfill({ status: 200, contentType: 'text/html', body: STAND_IN }),
  );
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  const worlds: { id: number; origin: string; type: string }[] = [];
  cdp.on('Runtime.executionContextCreated', (e) =>
    worlds.push({
      id: e.context.id,
      origin: e.context.origin,
      type: (e.context.auxData as { type?: string } | undefined)?.type ?? '',
    }),
  );
  await cdp.send('Runtime.enable');
  await page.goto('https://mail.google.com/mail/u/0/#inbox');
  const deadline = Date.now() + 20_000;
  for (;;) {
    const w = worlds.find((x) => x.type === 'isolated' && x.origin.includes(extensionId));
    if (w) {
      await cdp.send('Runtime.evaluate', { expression: await outboxScript(), contextId: w.id });
      return { page, cdp, contextId: w.id };
    }
    if (Date.now() > deadline) throw new Error('the content script did not start in the Gmail tab');
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Push `reports` through a fresh Outbox in the tab's content-script world and wait until every
 * one is acknowledged (or `timeoutMs` passes). Returns the outbox's counters.
 */
export async function burstFromTab(
  tab: GmailTab,
  reports: BounceSeenMessage[],
  timeoutMs = 180_000,
): Promise<OutboxStats & { acknowledgedAll: boolean; ms: number }> {
  const expression = `(async () => {
    const reports = ${JSON.stringify(reports)};
    const box = new __btOutbox.Outbox({
      send: (m) => chrome.runtime.sendMessage(m),
      keyOf: (m) => m.messageId,
    });
    const t0 = performance.now();
    for (const r of reports) box.add(r);
    const done = await Promise.race([
      box.idle().then(() => true),
      new Promise((r) => setTimeout(() => r(false), ${timeoutMs})),
    ]);
    return { ...box.stats, acknowledgedAll: done, ms: performance.now() - t0 };
  })()`;
  const r = await tab.cdp.send('Runtime.evaluate', {
    expression,
    contextId: tab.contextId,
    awaitPromise: true,
    returnByValue: true,
  });
  if (r.exceptionDetails) throw new Error(`burst failed: ${r.exceptionDetails.text}`);
  return r.result.value as OutboxStats & { acknowledgedAll: boolean; ms: number };
}

/** Stop the extension's service worker, as Chrome does after 30 s idle or under memory pressure. */
export async function stopServiceWorker(page: Page): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  await cdp.detach();
}
