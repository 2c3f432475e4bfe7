/**
 * The six things real Gmail does that a simple page does not (issue "Real Gmail"), one test each,
 * on the realistic simulator layout: hidden empty bodies, the account key for Show original,
 * views that move, odd ids, theme switches by style text, and messages collapsed again. Plus the
 * popup's "Gmail connection" status fed by what happened here.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { readCards, recordRuntimeMessages, waitCard, waitRaw } from './support/cards';
import { BSD } from './support/corpus';
import { launchExtension, openSimPage, type LaunchedExtension } from './support/extension';
import { GmailSim } from './support/gmail-sim';

const GMAIL_BOUNCE = join(BSD, 'lhost-gmail-01.eml');
const POSTFIX_BOUNCE = join(BSD, 'lhost-postfix-02.eml');
const SENT = join(import.meta.dirname, 'fixtures/original-quarterly-report.eml');

let ext: LaunchedExtension;
let recorded: () => Promise<unknown[]>;

beforeAll(async () => {
  ext = await launchExtension({ extensionPath: inject('extensionDir') });
  recorded = await recordRuntimeMessages(ext.serviceWorker);
});
afterAll(async () => {
  await ext?.close();
});

const open = (sim: GmailSim, url: string) => openSimPage(ext.context, sim, url);

const go = (page: Page, hash: string) => page.evaluate((h) => (location.hash = h), hash);

/** Where each card sits: visible, and right before a visible body with text. */
function cardPlaces(page: Page) {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll('bounce-triage-card')).map((host) => {
      const body = host.nextElementSibling;
      return {
        id: host.getAttribute('data-bt-message-id'),
        visible: host.checkVisibility(),
        beforeBody: !!body?.matches('div.a3s:not(.undefined)') && body.checkVisibility(),
        bodyHasText: /\S/.test(body?.textContent ?? ''),
      };
    }),
  );
}

describe('real Gmail, as the realistic simulator plays it', () => {
  it.each(['first', 'last'] as const)(
    '1. hidden empty body %s: the card goes on the visible body, never into the hidden one',
    async (hiddenBody) => {
      const sim = new GmailSim({ hiddenBody });
      const conv = await sim.add([GMAIL_BOUNCE]);
      const id = conv.messages[0]!.decimal;
      const { page, errors } = await open(sim, sim.url(conv));
      await waitCard(page, id, 'enriched');
      expect(
        await page.evaluate(
          (i) =>
            document.querySelector(
              `[data-message-id="#msg-f:${i}"] div.ii.gt[style*="none"] div.a3s.undefined`,
            ) !== null,
          id,
        ),
      ).toBe(true);
      expect(await cardPlaces(page)).toEqual([{ id, visible: true, beforeBody: true, bodyHasText: true }]);
      const cards = await readCards(page);
      expect(cards[0]!.recipients).toEqual(['userunknown@example.jp']);
      expect(errors).toEqual([]);
      await page.close();
    },
  );

  it('2. reads the raw source through Show original with the key from the inline GLOBALS script, and never holds the card back', async () => {
    const sim = new GmailSim({ rawDelayMs: 4000 });
    const conv = await sim.add([GMAIL_BOUNCE]);
    const id = conv.messages[0]!.decimal;
    const { page } = await open(sim, sim.url(conv));
    // The first view is on screen while Gmail is still answering the raw request.
    await waitCard(page, id, 'visible');
    expect(await page.getAttribute(`[data-message-id="#msg-f:${id}"]`, 'data-bt-raw')).toBe('pending');
    await waitCard(page, id, 'enriched', 30_000);
    expect(sim.rawRequests.map((r) => r.view)).toEqual(['om']);
    expect(new URL(sim.rawRequests[0]!.url).searchParams.get('ik')).toBe(sim.options.ik);
    await page.close();
  });

  it('2. finds the key in a Gmail link when the page has no GLOBALS script', async () => {
    const sim = new GmailSim({ globals: false, keyLinks: true });
    const conv = await sim.add([GMAIL_BOUNCE]);
    const { page } = await open(sim, sim.url(conv));
    await waitCard(page, conv.messages[0]!.decimal, 'enriched');
    expect(sim.rawRequests.map((r) => [r.view, new URL(r.url).searchParams.get('ik')])).toEqual([
      ['om', sim.options.ik],
    ]);
    await page.close();
  });

  it('2. without a key: the download is redirected to another origin and refused, Show original refuses, the card says it is the first view only', async () => {
    const sim = new GmailSim({ globals: false });
    const conv = await sim.add([GMAIL_BOUNCE]);
    const id = conv.messages[0]!.decimal;
    const { page, errors } = await open(sim, sim.url(conv));
    expect(await waitRaw(page, id)).toBe('failed');
    await expect
      .poll(() => page.locator('bounce-triage-card[data-bt-first-view-only]').count(), { timeout: 5000 })
      .toBe(1);
    const note = await page.evaluate(
      () =>
        document
          .querySelector('bounce-triage-card')!
          .shadowRoot!.querySelector('[data-field="firstViewOnly"]')?.textContent ?? null,
    );
    expect(note).toMatch(/first view only/i);
    expect((await readCards(page))[0]!.recipients).toEqual(['userunknown@example.jp']);
    // The download form was redirected to another origin (whether the browser sends that request
    // before refusing it is its own business); Show original without the key was refused.
    expect(sim.rawRequests.map((r) => r.view).filter((v) => v !== 'att-redirected')).toEqual(['att', 'om']);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('3. follows views shown and hidden by style, role=main moving, and a thread shown again without new markup', async () => {
    const sim = new GmailSim();
    const a = await sim.add([GMAIL_BOUNCE]);
    const b = await sim.add([POSTFIX_BOUNCE]);
    const ida = a.messages[0]!.decimal;
    const idb = b.messages[0]!.decimal;
    const { page, errors } = await open(sim, sim.url());
    await page.waitForSelector('.sim-list');
    await page.click(`.sim-row[data-thread="${a.token}"] a`);
    await waitCard(page, ida, 'enriched');
    const mains = () => page.evaluate(() => document.querySelectorAll('[role="main"]').length);
    expect(await mains()).toBe(1);
    // Back to the list: the thread view is hidden by style, not removed; no card stays on screen.
    await go(page, '#inbox');
    await expect
      .poll(() => page.evaluate(() => document.querySelector('.sim-list')!.checkVisibility()))
      .toBe(true);
    await expect.poll(() => page.locator('bounce-triage-card').count()).toBe(0);
    expect(await page.locator(`[data-message-id="#msg-f:${ida}"]`).count()).toBe(1);
    // The same thread again: Gmail only shows the hidden view (style and role change).
    const views = await page.evaluate(() => (window as unknown as { __sim: { views: number } }).__sim.views);
    await go(page, sim.hash(a));
    await waitCard(page, ida, 'enriched');
    expect(await page.evaluate(() => (window as unknown as { __sim: { views: number } }).__sim.views)).toBe(
      views,
    );
    // Another thread: a new view, rendered a moment later.
    await go(page, sim.hash(b));
    await waitCard(page, idb, 'enriched');
    expect((await readCards(page)).map((c) => c.messageId)).toEqual([idb]);
    expect(await mains()).toBe(1);
    expect(sim.pageLoads).toBe(1);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('4. ids: thread perm id "undefined" falls back to the legacy id; a message just sent (#msg-a:r…, no legacy id) is no trouble', async () => {
    const sim = new GmailSim();
    const conv = await sim.add([{ path: SENT, sent: true }, GMAIL_BOUNCE], { threadPermUndefined: true });
    const bounce = conv.messages[1]!;
    const before = (await recorded()).length;
    const { page, errors } = await open(sim, sim.url(conv));
    await waitCard(page, bounce.decimal, 'enriched');
    expect(
      await page.evaluate(() => document.querySelector('h2.hP')!.getAttribute('data-thread-perm-id')),
    ).toBe('undefined');
    expect(
      await page.evaluate(
        (d) =>
          document.querySelector(`[data-message-id="#msg-a:r-${d}"]`)?.hasAttribute('data-legacy-message-id'),
        conv.messages[0]!.decimal,
      ),
    ).toBe(false);
    const seen = (await recorded())
      .slice(before)
      .filter((m) => (m as { type: string }).type === 'bounce-seen') as Array<{
      messageId: string;
      threadId: string | null;
    }>;
    expect(seen.length).toBeGreaterThan(0);
    for (const m of seen)
      expect(m).toMatchObject({ messageId: bounce.decimal, threadId: conv.threadDecimal });
    expect((await readCards(page)).map((c) => c.messageId)).toEqual([bounce.decimal]);
    expect(sim.rawRequests.map((r) => r.messageId)).toEqual([bounce.decimal]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('5. re-themes a card on screen when Gmail rewrites the text of its style element', async () => {
    const sim = new GmailSim();
    const conv = await sim.add([GMAIL_BOUNCE]);
    const { page } = await open(sim, sim.url(conv));
    await waitCard(page, conv.messages[0]!.decimal, 'enriched');
    const cardTheme = () =>
      page.evaluate(() =>
        document
          .querySelector('bounce-triage-card')!
          .shadowRoot!.querySelector('[data-field="card"]')!
          .getAttribute('data-theme'),
      );
    expect(await cardTheme()).toBe('light');
    const setTheme = (t: string) =>
      page.evaluate(
        (name) => (window as unknown as { __sim: { setTheme(n: string): void } }).__sim.setTheme(name),
        t,
      );
    await setTheme('dark');
    await expect.poll(cardTheme, { timeout: 5000 }).toBe('dark');
    await setTheme('light');
    await expect.poll(cardTheme, { timeout: 5000 }).toBe('light');
    await page.close();
  });

  it('6. a message collapsed again keeps its hidden body: its card goes, the other card stays put', async () => {
    const sim = new GmailSim();
    const conv = await sim.add([GMAIL_BOUNCE, POSTFIX_BOUNCE]);
    const [first, second] = [conv.messages[0]!.decimal, conv.messages[1]!.decimal];
    const { page, errors } = await open(sim, sim.url(conv));
    await waitCard(page, first, 'enriched');
    await waitCard(page, second, 'enriched');
    // Mark the second card's element to see that it is the same one afterwards.
    await page.evaluate((id) => {
      (
        document.querySelector(`bounce-triage-card[data-bt-message-id="${id}"]`) as unknown as {
          __kept: boolean;
        }
      ).__kept = true;
    }, second);
    await page.click(`[data-sim-id="${first}"] .gE`);
    await expect
      .poll(() => page.locator(`bounce-triage-card[data-bt-message-id="${first}"]`).count())
      .toBe(0);
    expect(
      await page.evaluate(
        (id) =>
          document.querySelector(`[data-sim-id="${id}"].kv div.a3s[data-sim-body]`)?.textContent?.length ?? 0,
        first,
      ),
    ).toBeGreaterThan(0);
    expect(
      await page.evaluate(
        (id) =>
          (
            document.querySelector(`bounce-triage-card[data-bt-message-id="${id}"]`) as unknown as {
              __kept?: boolean;
            } | null
          )?.__kept ?? false,
        second,
      ),
    ).toBe(true);
    // Expanded again: the card comes back on the body Gmail shows again.
    await page.click(`[data-sim-id="${first}"].kv`);
    await waitCard(page, first, 'enriched');
    expect((await cardPlaces(page)).every((p) => p.visible && p.beforeBody)).toBe(true);
    expect(sim.rawRequests.filter((r) => r.messageId === first)).toHaveLength(1);
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe('the popup tells how the Gmail connection went', () => {
  it('counts pages, cards and raw reads, names the step that failed last, and copies diagnostics', async () => {
    // One Gmail tab reads a raw source, another cannot (no key in its page); both stay open until
    // their counters reached the background.
    const before = (await recorded()).length;
    const pages: Page[] = [];
    for (const opts of [{}, { globals: false }]) {
      const sim = new GmailSim(opts);
      const conv = await sim.add([GMAIL_BOUNCE]);
      const { page } = await open(sim, sim.url(conv));
      await waitRaw(page, conv.messages[0]!.decimal);
      pages.push(page);
    }
    type Stats = { type: string; counts: Record<string, number> };
    const sent = async (name: string) =>
      ((await recorded()).slice(before) as Stats[])
        .filter((m) => m.type === 'connection-stats')
        .reduce((n, m) => n + (m.counts[name] ?? 0), 0);
    await expect.poll(() => sent('rawOk'), { timeout: 10_000 }).toBeGreaterThan(0);
    await expect.poll(() => sent('rawFailed'), { timeout: 10_000 }).toBeGreaterThan(0);
    await expect.poll(() => sent('cards'), { timeout: 10_000 }).toBeGreaterThan(1);
    for (const p of pages) await p.close();
    const popup = await ext.openPopup();
    const section = popup.getByTestId('gmail-connection');
    await section.locator('summary').click();
    const count = (name: string) =>
      section
        .locator(`[data-count="${name}"]`)
        .textContent()
        .then((t) => Number(t));
    await expect.poll(() => count('cards'), { timeout: 10_000 }).toBeGreaterThan(0);
    expect(await count('recognised')).toBeGreaterThan(0);
    expect(await count('rawOk')).toBeGreaterThan(0);
    expect(await count('rawFailed')).toBeGreaterThan(0);
    expect(await section.locator('[data-field="lastFailure"]').textContent()).toMatch(/Show original/);
    await popup.evaluate(() => {
      (window as unknown as { __copied: string }).__copied = '';
      navigator.clipboard.writeText = async (t: string) => {
        (window as unknown as { __copied: string }).__copied = t;
      };
    });
    await section.getByRole('button', { name: 'Copy diagnostics' }).click();
    const copied = await popup.evaluate(() => (window as unknown as { __copied: string }).__copied);
    expect(copied).toMatch(/Extension version: \d+\.\d+\.\d+/);
    expect(copied).toMatch(/Browser: Chrom/);
    expect(copied).toContain('message: div.adn[data-message-id]');
    expect(copied).toContain('body: div.a3s');
    expect(copied).not.toMatch(/@example\.|userunknown/);
    await popup.close();
  });
});
