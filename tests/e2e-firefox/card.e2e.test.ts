/**
 * The card in Firefox, in Gmail's situations: threaded conversations, collapsed messages, hash
 * navigation, split view, other accounts, a failed raw fetch, a Gmail the selectors no longer
 * recognise, themes, layout and the card's own controls, and what real Gmail does (hidden empty
 * bodies, the account key, views that move, theme switches by style text, messages collapsed
 * again). The same situations as the Chromium suite's, on the built Firefox MV3 extension in
 * firefox-esr, on the realistic simulator layout unless a test says otherwise.
 */
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { asEvaluatingPage, readCards, waitCard, waitProcessed, waitRaw } from '../e2e/support/cards';
import { BSD } from '../e2e/support/corpus';
import { GmailSim, type GmailSimOptions } from '../e2e/support/gmail-sim';
import {
  launchFirefox,
  openInbox,
  type AlterResponse,
  type LaunchedFirefox,
  type OpenedPage,
} from './support/firefox';

const FIX = join(import.meta.dirname, '../e2e/fixtures');
const GMAIL_BOUNCE = join(BSD, 'lhost-gmail-01.eml');
const POSTFIX_BOUNCE = join(BSD, 'lhost-postfix-02.eml');

let ff: LaunchedFirefox;

beforeAll(async () => {
  ff = await launchFirefox({ extensionPath: inject('firefoxExtensionDir') });
});
afterAll(async () => {
  await ff?.close();
});

async function open(
  sim: GmailSim,
  url: string,
  opts: { alter?: AlterResponse } = {},
): Promise<OpenedPage & { p: ReturnType<typeof asEvaluatingPage> }> {
  const opened = await ff.openGmail(sim, url, opts);
  return { ...opened, p: asEvaluatingPage(opened.page) };
}

/** Lhost-gmail-01 alone in a conversation, opened, its card enriched from the raw source. */
async function openGmailBounce(opts: GmailSimOptions = {}) {
  const sim = new GmailSim(opts);
  const conv = await sim.add([GMAIL_BOUNCE]);
  const opened = await open(sim, sim.url(conv));
  const id = conv.messages[0]!.decimal;
  await waitCard(opened.p, id, 'enriched');
  return { ...opened, sim, id };
}

/** The data-theme the card's root element carries. */
function cardTheme(page: Page): Promise<string | null> {
  return page.evaluate(
    () =>
      document
        .querySelector('bounce-triage-card')
        ?.shadowRoot?.querySelector('[data-field="card"]')
        ?.getAttribute('data-theme') ?? null,
  );
}

async function until<T>(read: () => Promise<T>, want: T, what: string, timeout = 15_000): Promise<void> {
  await expect.poll(read, { timeout, message: what }).toBe(want);
}

/** A button inside the card's shadow root, by its accessible label or its text. */
function cardButton(page: Page, label: string) {
  return page.locator(`bounce-triage-card >>> button[aria-label="${label}"]`);
}

function cardButtonByText(page: Page, text: string) {
  return page.locator(`bounce-triage-card >>> ::-p-text(${text})`);
}

describe('the card in Firefox', () => {
  it('a conversation with original, bounce and reply: one card, on the bounce, enriched from the raw source', async () => {
    const sim = new GmailSim();
    const conv = await sim.add([
      { path: join(FIX, 'original-quarterly-report.eml'), expanded: false },
      GMAIL_BOUNCE,
      join(FIX, 'ordinary-reply.eml'),
    ]);
    const [original, bounce, reply] = conv.messages;
    const { page, p, errors } = await open(sim, sim.url(conv));
    await waitCard(p, bounce!.decimal, 'enriched');
    await waitProcessed(p);
    expect(await waitRaw(p, bounce!.decimal)).toBe('done');
    const cards = await readCards(p);
    expect(cards.map((c) => c.messageId)).toEqual([bounce!.decimal]);
    expect(cards[0]).toMatchObject({
      state: 'enriched',
      tone: 'alarm',
      kind: 'failed',
      category: 'invalid-address',
      atTopOfBody: true,
      recipients: ['userunknown@example.jp'],
    });
    // The reply was looked at and left alone; the collapsed original has no body to look at.
    const marks = await page.evaluate(
      (replyId, originalHex) => ({
        replyLookedAt: !!document
          .querySelector(`[data-message-id="#msg-f:${replyId}"]`)
          ?.hasAttribute('data-bt-ms'),
        originalCards: document.querySelectorAll(
          `[data-legacy-message-id="${originalHex}"] bounce-triage-card`,
        ).length,
      }),
      reply!.decimal,
      original!.hex,
    );
    expect(marks).toEqual({ replyLookedAt: true, originalCards: 0 });
    // Only the bounce's source was asked for.
    expect(new Set(sim.rawRequests.map((r) => r.messageId))).toEqual(new Set([bounce!.decimal]));
    expect(errors).toEqual([]);
    await page.close();
  });

  it('a collapsed bounce gets its card when expanded', async () => {
    const sim = new GmailSim();
    const conv = await sim.add([
      join(FIX, 'original-quarterly-report.eml'),
      { path: POSTFIX_BOUNCE, expanded: false },
    ]);
    const bounce = conv.messages[1]!;
    const { page, p } = await open(sim, sim.url(conv));
    await waitProcessed(p);
    expect(await readCards(p)).toEqual([]);
    await page.click(`.kv[data-sim-id="${bounce.decimal}"]`);
    await waitCard(p, bounce.decimal, 'enriched');
    const cards = await readCards(p);
    expect(cards.map((c) => [c.messageId, c.state])).toEqual([[bounce.decimal, 'enriched']]);
    await page.close();
  });

  it('follows hash navigation between conversations, removes cards that left, fetches each source once', async () => {
    const sim = new GmailSim();
    const a = await sim.add([GMAIL_BOUNCE]);
    const b = await sim.add([POSTFIX_BOUNCE]);
    const idA = a.messages[0]!.decimal;
    const idB = b.messages[0]!.decimal;
    const { page, p, errors } = await open(sim, sim.url(a));
    await waitCard(p, idA, 'enriched');
    await page.evaluate((h) => (location.hash = h), sim.hash(b));
    await waitCard(p, idB, 'enriched');
    expect((await readCards(p)).map((c) => c.messageId)).toEqual([idB]);
    await page.evaluate(() => (location.hash = '#inbox'));
    await until(
      () => page.evaluate(() => document.querySelector('.sim-list')!.checkVisibility()),
      true,
      'the list',
    );
    await until(async () => (await readCards(p)).length, 0, 'no card on the inbox list');
    await page.evaluate((h) => (location.hash = h), sim.hash(a).replace('#inbox/', '#label/Work/'));
    await waitCard(p, idA, 'enriched');
    // However often a message was shown, its source was fetched in one go.
    const asked = sim.rawRequests.map((r) => r.messageId);
    expect([...new Set(asked)]).toEqual([idA, idB]);
    expect(asked.filter((id) => id === idA).length).toBe(asked.filter((id) => id === idB).length);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('works in split view: the list stays, each opened bounce gets its card beside it', async () => {
    const sim = new GmailSim({ splitPane: true, layout: 'simple' });
    const a = await sim.add([GMAIL_BOUNCE]);
    const b = await sim.add([POSTFIX_BOUNCE]);
    const { page, p, errors } = await open(sim, sim.url());
    await page.waitForSelector('.sim-split .sim-list');
    await page.click(`.sim-row[data-thread="${a.threadHex}"] a`);
    await waitCard(p, a.messages[0]!.decimal, 'enriched');
    await page.click(`.sim-row[data-thread="${b.threadHex}"] a`);
    await waitCard(p, b.messages[0]!.decimal, 'enriched');
    expect(await page.$$eval('.sim-split .sim-list', (l) => l.length)).toBe(1);
    expect((await readCards(p)).map((c) => c.messageId)).toEqual([b.messages[0]!.decimal]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it.each(['u/1', 'b/112233445566/u/0'])(
    'works in the account at /mail/%s/ and fetches the raw source there',
    async (account) => {
      const sim = new GmailSim();
      const conv = await sim.add([GMAIL_BOUNCE]);
      const { page, p } = await open(sim, sim.url(conv, account));
      await waitCard(p, conv.messages[0]!.decimal, 'enriched');
      // One request: Show original with the account key the page carries.
      expect(sim.rawRequests).toHaveLength(1);
      expect(sim.rawRequests[0]).toMatchObject({ account, view: 'om', messageId: conv.messages[0]!.decimal });
      expect(new URL(sim.rawRequests[0]!.url).searchParams.get('ik')).toBe(sim.options.ik);
      await page.close();
    },
  );

  it('keeps the first card, read from the page, when the raw fetch fails', async () => {
    const sim = new GmailSim({ rawStatus: 500 });
    const conv = await sim.add([GMAIL_BOUNCE]);
    const msg = conv.messages[0]!;
    const { page, p, errors } = await open(sim, sim.url(conv));
    expect(await waitRaw(p, msg.decimal)).toBe('failed');
    await waitCard(p, msg.decimal, 'visible');
    const cards = await readCards(p);
    expect(cards).toHaveLength(1);
    expect(cards[0]).toMatchObject({
      state: 'visible',
      tone: 'alarm',
      category: 'invalid-address',
      recipients: ['userunknown@example.jp'],
    });
    // Both raw URLs were tried once, Show original first, and the card says it is the first view.
    expect(sim.rawRequests.map((r) => r.view)).toEqual(['om', 'att']);
    expect(await page.$$eval('bounce-triage-card[data-bt-first-view-only]', (l) => l.length)).toBe(1);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('reads the raw source from the download form when Show original fails', async () => {
    // Firefox hands a content script's fetch a buffer owned by the page: views on it can be read
    // by index, but subarray() and slice() on them throw "Permission denied to access property
    // 'constructor'". The download form is the one raw URL read as bytes. (The simple layout: the
    // realistic one redirects the download form to another origin, as Gmail has been seen to.)
    const sim = new GmailSim({ layout: 'simple' });
    const conv = await sim.add([GMAIL_BOUNCE]);
    const id = conv.messages[0]!.decimal;
    const showOriginalFails: AlterResponse = (req, res) =>
      new URL(req.url).searchParams.get('view') === 'om'
        ? {
            status: 500,
            headers: { 'content-type': 'text/html' },
            body: Buffer.from('<p>Temporary Error</p>'),
          }
        : res;
    const { page, p, errors } = await open(sim, sim.url(conv), { alter: showOriginalFails });
    expect(await waitRaw(p, id)).toBe('done');
    await waitCard(p, id, 'enriched');
    expect(sim.rawRequests.map((r) => r.view)).toContain('att');
    expect((await readCards(p))[0]).toMatchObject({
      state: 'enriched',
      recipients: ['userunknown@example.jp'],
    });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('stays silent on a Gmail whose markup it does not recognise', async () => {
    const sim = new GmailSim();
    const conv = await sim.add([GMAIL_BOUNCE], { unrecognised: true });
    const { page, p, errors } = await open(sim, sim.url(conv));
    await page.waitForSelector('.zz-msg');
    // Give the content script the time it takes to look (a recognised page gets its card well
    // within this) before checking that nothing was added.
    const control = new GmailSim();
    const ok = await control.add([GMAIL_BOUNCE]);
    const { page: controlPage, p: cp } = await open(control, control.url(ok));
    await waitCard(cp, ok.messages[0]!.decimal, 'any');
    await controlPage.close();
    expect(await readCards(p)).toEqual([]);
    expect(sim.rawRequests).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('follows the dark theme', async () => {
    const { page } = await openGmailBounce({ theme: 'dark' });
    expect(await cardTheme(page)).toBe('dark');
    await page.close();
  });

  it('re-themes a card on screen when Gmail rewrites the text of its style element', async () => {
    const { page } = await openGmailBounce();
    expect(await cardTheme(page)).toBe('light');
    const setTheme = (name: string) =>
      page.evaluate(
        (n) => (window as unknown as { __sim: { setTheme(n: string): void } }).__sim.setTheme(n),
        name,
      );
    await setTheme('dark');
    await until(() => cardTheme(page), 'dark', 'the card turns dark');
    await setTheme('light');
    await until(() => cardTheme(page), 'light', 'the card turns light again');
    await page.close();
  });

  it('re-themes a card on screen when Gmail adds a style sheet', async () => {
    const { page } = await openGmailBounce();
    expect(await cardTheme(page)).toBe('light');
    await page.evaluate(() => {
      const style = document.createElement('style');
      style.id = 'theme-switch';
      style.textContent = 'body{background:#111111}.sim-pane{background:#1f1f1f}';
      document.head.append(style);
    });
    await until(() => cardTheme(page), 'dark', 'the card turns dark');
    await page.evaluate(() => document.getElementById('theme-switch')!.remove());
    await until(() => cardTheme(page), 'light', 'the card turns light again');
    await page.close();
  });

  it('sits between the message header and the body, no wider than the body', async () => {
    const { page } = await openGmailBounce();
    const layout = await page.evaluate(() => {
      const h = document.querySelector('bounce-triage-card')!.getBoundingClientRect();
      const b = document.querySelector('bounce-triage-card')!.nextElementSibling!.getBoundingClientRect();
      const header = document.querySelector('div.adn .gE')!.getBoundingClientRect();
      return { h: [h.top, h.bottom, h.width, h.height], b: [b.top, b.width], headerBottom: header.bottom };
    });
    const [hostTop, hostBottom, hostWidth, hostHeight] = layout.h as [number, number, number, number];
    const [bodyTop, bodyWidth] = layout.b as [number, number];
    expect(hostHeight).toBeGreaterThan(0);
    expect(hostTop).toBeGreaterThanOrEqual(layout.headerBottom - 1);
    expect(bodyTop).toBeGreaterThanOrEqual(hostBottom - 1);
    expect(hostWidth).toBeLessThanOrEqual(bodyWidth + 1);
    await page.close();
  });

  it('collapses and expands from its button, and from the keyboard', async () => {
    const { page } = await openGmailBounce();
    const definitions = () =>
      page.evaluate(
        () =>
          document
            .querySelector('bounce-triage-card')
            ?.shadowRoot?.querySelectorAll('[data-field="definition"]').length ?? -1,
      );
    expect(await definitions()).toBe(1);
    await cardButton(page, 'Collapse the bounce explanation').click();
    await until(definitions, 0, 'the card collapses');
    // Collapsed, the head still names the recipient.
    expect(
      await page.evaluate(
        () =>
          document.querySelector('bounce-triage-card')?.shadowRoot?.querySelector('.bt-head-recipient')
            ?.textContent,
      ),
    ).toBe('userunknown@example.jp');
    await cardButton(page, 'Expand the bounce explanation').click();
    await until(definitions, 1, 'the card expands');
    // Keyboard: focus the collapse button and press Enter.
    await page.evaluate(() =>
      (
        document
          .querySelector('bounce-triage-card')
          ?.shadowRoot?.querySelector('button[aria-label="Collapse the bounce explanation"]') as HTMLElement
      ).focus(),
    );
    await page.keyboard.press('Enter');
    await until(definitions, 0, 'Enter collapses the card');
    await page.close();
  });

  it('explains why with the server diagnostic as plain text', async () => {
    const { page } = await openGmailBounce();
    await cardButtonByText(page, 'Why?').click();
    const why = () =>
      page.evaluate(() => {
        const root = document.querySelector('bounce-triage-card')?.shadowRoot;
        const diag = root?.querySelector('[data-field="diagnostic"]');
        return {
          diagnostic: diag?.textContent ?? '',
          elementsInDiagnostic: diag?.querySelectorAll('*').length ?? -1,
          evidence: root?.querySelectorAll('[data-field="evidence"]').length ?? 0,
        };
      });
    await expect.poll(async () => (await why()).diagnostic, { timeout: 15_000 }).toContain('550');
    const shown = await why();
    expect(shown.elementsInDiagnostic).toBe(0);
    expect(shown.evidence).toBeGreaterThan(0);
    await page.close();
  });

  it('copies the steps and an address to the clipboard', async () => {
    const { page } = await openGmailBounce();
    const liveText = () =>
      page.evaluate(
        () =>
          document.querySelector('bounce-triage-card')?.shadowRoot?.querySelector('.bt-live')?.textContent ??
          '',
      );
    await cardButtonByText(page, 'Copy steps').click();
    await until(liveText, 'Copied to the clipboard', 'the card says the steps were copied');
    const steps = await page.evaluate(() => navigator.clipboard.readText());
    expect(steps).toContain('1. ');
    expect(steps).not.toMatch(/<[a-z]/i);
    await cardButton(page, 'Copy address userunknown@example.jp').click();
    await expect
      .poll(() => page.evaluate(() => navigator.clipboard.readText()), { timeout: 15_000 })
      .toBe('userunknown@example.jp');
    await page.close();
  });

  it('takes a correction from the card, keeps it over a reload, and removes it', async () => {
    const { page, sim } = await openGmailBounce();
    const shown = () =>
      page.evaluate(() => {
        const root = document.querySelector('bounce-triage-card')?.shadowRoot;
        return {
          corrected: root?.querySelector('[data-field="corrected"]')?.getAttribute('data-value') ?? null,
          suppression: root?.querySelector('dd[data-field="suppression"]')?.textContent ?? '',
        };
      });
    await cardButtonByText(page, 'Wrong verdict?').click();
    await cardButtonByText(page, 'Not a bounce').click();
    await cardButtonByText(page, 'Save correction').click();
    await expect.poll(shown, { timeout: 15_000 }).toEqual({
      corrected: 'not-bounce',
      suppression: 'Not suppressed: you said this is not a bounce',
    });
    // Stored by the background: the same message opened again shows it.
    await page.close();
    const again = await open(sim, sim.url(sim.conversations[0]));
    await waitCard(again.p, sim.conversations[0]!.messages[0]!.decimal, 'enriched');
    const reread = () =>
      again.page.evaluate(
        () =>
          document
            .querySelector('bounce-triage-card')
            ?.shadowRoot?.querySelector('[data-field="corrected"]')
            ?.getAttribute('data-value') ?? null,
      );
    await until(reread, 'not-bounce', 'the correction is shown after a reload');
    await cardButtonByText(again.page, 'Remove correction').click();
    await until(reread, null, 'the correction is removed');
    await again.page.close();
  });

  it('keeps keys typed in the card away from Gmail’s shortcuts', async () => {
    const { page } = await openGmailBounce();
    await page.evaluate(() => {
      const w = window as unknown as { __keys: string[] };
      w.__keys = [];
      document.addEventListener('keydown', (e) => w.__keys.push(e.key));
    });
    // Control: a key typed outside the card reaches the page.
    await page.evaluate(() => (document.querySelector('h2.hP') as HTMLElement).focus());
    await page.keyboard.press('j');
    await page.evaluate(() =>
      (
        document
          .querySelector('bounce-triage-card')
          ?.shadowRoot?.querySelector('button[aria-label="Collapse the bounce explanation"]') as HTMLElement
      ).focus(),
    );
    await page.keyboard.press('c');
    expect(await page.evaluate(() => (window as unknown as { __keys: string[] }).__keys)).toEqual(['j']);
    await page.close();
  });

  it('dismisses the card, and it does not come back on the next change in the message', async () => {
    const { page, p } = await openGmailBounce();
    await cardButton(page, 'Dismiss the bounce explanation').click();
    await until(async () => (await readCards(p)).length, 0, 'the card goes away');
    // Gmail touches the body; the controller looks again (its marks are still there) but adds nothing.
    await page.evaluate(() =>
      document.querySelector('div.a3s[data-sim-body]')!.appendChild(document.createElement('div')),
    );
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 50))));
    expect(await readCards(p)).toEqual([]);
    await page.close();
  });
});

describe('real Gmail in Firefox, as the realistic simulator plays it', () => {
  it.each(['first', 'last'] as const)(
    'puts the card on the visible body, never into the hidden empty copy %s beside it',
    async (hiddenBody) => {
      const sim = new GmailSim({ hiddenBody });
      const conv = await sim.add([GMAIL_BOUNCE]);
      const id = conv.messages[0]!.decimal;
      const { page, p, errors } = await open(sim, sim.url(conv));
      await waitCard(p, id, 'enriched');
      const place = await page.evaluate((i) => {
        const msg = document.querySelector(`[data-message-id="#msg-f:${i}"]`)!;
        const areas = Array.from(msg.querySelectorAll('div.ii.gt'));
        const host = msg.querySelector('bounce-triage-card');
        const body = host?.nextElementSibling;
        return {
          hiddenCopyAt: areas.findIndex((a) => a.querySelector('div.a3s.undefined') && !a.checkVisibility()),
          areas: areas.length,
          cards: msg.querySelectorAll('bounce-triage-card').length,
          visible: !!host?.checkVisibility(),
          beforeVisibleBody: !!body?.matches('div.a3s:not(.undefined)') && body.checkVisibility(),
          bodyHasText: /\S/.test(body?.textContent ?? ''),
        };
      }, id);
      expect(place).toEqual({
        hiddenCopyAt: hiddenBody === 'first' ? 0 : 1,
        areas: 2,
        cards: 1,
        visible: true,
        beforeVisibleBody: true,
        bodyHasText: true,
      });
      expect((await readCards(p))[0]!.recipients).toEqual(['userunknown@example.jp']);
      expect(errors).toEqual([]);
      await page.close();
    },
  );

  it('finds the account key in a Gmail link when the page has no GLOBALS script', async () => {
    const sim = new GmailSim({ globals: false, keyLinks: true });
    const conv = await sim.add([GMAIL_BOUNCE]);
    const { page, p } = await open(sim, sim.url(conv));
    await waitCard(p, conv.messages[0]!.decimal, 'enriched');
    expect(sim.rawRequests.map((r) => [r.view, new URL(r.url).searchParams.get('ik')])).toEqual([
      ['om', sim.options.ik],
    ]);
    await page.close();
  });

  it('without a key: the download redirected to another origin is refused, and the card says it is the first view only', async () => {
    const sim = new GmailSim({ globals: false });
    const conv = await sim.add([GMAIL_BOUNCE]);
    const id = conv.messages[0]!.decimal;
    const { page, p, errors } = await open(sim, sim.url(conv));
    expect(await waitRaw(p, id)).toBe('failed');
    await until(
      () => page.$$eval('bounce-triage-card[data-bt-first-view-only]', (l) => l.length),
      1,
      'the first-view-only mark',
    );
    const note = await page.evaluate(
      () =>
        document
          .querySelector('bounce-triage-card')
          ?.shadowRoot?.querySelector('[data-field="firstViewOnly"]')?.textContent ?? '',
    );
    expect(note).toMatch(/first view only/i);
    expect((await readCards(p))[0]!.recipients).toEqual(['userunknown@example.jp']);
    // Firefox followed the download form's redirect to the other origin, whose answer it may not read.
    expect(sim.rawRequests.map((r) => r.view)).toEqual(['att', 'att-redirected', 'om']);
    // A refused cross-origin read is the extension's business, not an error on the page.
    expect(errors.filter((e) => !/Cross-Origin Request Blocked/.test(e))).toEqual([]);
    await page.close();
  });

  it('follows views shown and hidden by style as role=main moves, and a thread shown again', async () => {
    const sim = new GmailSim();
    const a = await sim.add([GMAIL_BOUNCE]);
    const b = await sim.add([POSTFIX_BOUNCE]);
    const [ida, idb] = [a.messages[0]!.decimal, b.messages[0]!.decimal];
    const { page, errors } = await openInbox(ff, sim);
    const p = asEvaluatingPage(page);
    const mains = () => page.evaluate(() => document.querySelectorAll('[role="main"]').length);
    await page.click(`.sim-row[data-thread="${a.token}"] a`);
    await waitCard(p, ida, 'enriched');
    expect(await mains()).toBe(1);
    // Back to the list: the thread's view is hidden by style, not removed, and its card is not shown.
    await page.evaluate(() => (location.hash = '#inbox'));
    await until(
      () => page.evaluate(() => document.querySelector('.sim-list')!.checkVisibility()),
      true,
      'the list',
    );
    await until(
      () =>
        page.evaluate(
          () =>
            Array.from(document.querySelectorAll('bounce-triage-card')).filter((c) => c.checkVisibility())
              .length,
        ),
      0,
      'no card on screen',
    );
    expect(await page.$$eval(`[data-message-id="#msg-f:${ida}"]`, (l) => l.length)).toBe(1);
    // The same thread again, then another one.
    await page.evaluate((h) => (location.hash = h), sim.hash(a));
    await waitCard(p, ida, 'enriched');
    await until(
      () => page.evaluate(() => document.querySelector('bounce-triage-card')?.checkVisibility() ?? false),
      true,
      'the card on screen again',
    );
    await page.evaluate((h) => (location.hash = h), sim.hash(b));
    await waitCard(p, idb, 'enriched');
    const onScreen = await page.evaluate(() =>
      Array.from(document.querySelectorAll('bounce-triage-card'))
        .filter((c) => c.checkVisibility())
        .map((c) => c.getAttribute('data-bt-message-id')),
    );
    expect(onScreen).toEqual([idb]);
    expect(await mains()).toBe(1);
    // Each source once, however often its thread was shown.
    expect(sim.rawRequests.map((r) => r.messageId)).toEqual([ida, idb]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('a message collapsed again keeps its hidden body: its card goes, the other card stays put', async () => {
    const sim = new GmailSim();
    const conv = await sim.add([GMAIL_BOUNCE, POSTFIX_BOUNCE]);
    const [first, second] = [conv.messages[0]!.decimal, conv.messages[1]!.decimal];
    const { page, p, errors } = await open(sim, sim.url(conv));
    await waitCard(p, first, 'enriched');
    await waitCard(p, second, 'enriched');
    await page.evaluate((id) => {
      (
        document.querySelector(`bounce-triage-card[data-bt-message-id="${id}"]`) as unknown as {
          __kept: boolean;
        }
      ).__kept = true;
    }, second);
    await page.click(`[data-sim-id="${first}"] .gE`);
    await until(
      () => page.$$eval(`bounce-triage-card[data-bt-message-id="${first}"]`, (l) => l.length),
      0,
      'the collapsed message loses its card',
    );
    const after = await page.evaluate(
      (f, s) => ({
        keptBody:
          (document.querySelector(`[data-sim-id="${f}"].kv div.a3s[data-sim-body]`)?.textContent ?? '')
            .length > 0,
        sameCard: !!(
          document.querySelector(`bounce-triage-card[data-bt-message-id="${s}"]`) as unknown as {
            __kept?: boolean;
          } | null
        )?.__kept,
      }),
      first,
      second,
    );
    expect(after).toEqual({ keptBody: true, sameCard: true });
    expect(errors).toEqual([]);
    await page.close();
  });
});
