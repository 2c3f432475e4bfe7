/**
 * The card in Gmail's situations: threaded conversations, collapsed messages, navigation,
 * other accounts, failed raw fetches, a Gmail the selectors no longer recognise, themes and the
 * card's own controls.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { readCards, recordRuntimeMessages, waitCard, waitProcessed, waitRaw } from './support/cards';
import { BSD, GMAIL_FIXTURES } from './support/corpus';
import { launchExtension, openSimPage, type LaunchedExtension } from './support/extension';
import { GmailSim } from './support/gmail-sim';

const FIX = join(import.meta.dirname, 'fixtures');
const GMAIL_BOUNCE = join(BSD, 'lhost-gmail-01.eml');
const POSTFIX_BOUNCE = join(BSD, 'lhost-postfix-02.eml');

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

type Bounce = {
  type: string;
  account?: string;
  messageId?: string;
  threadId?: string | null;
  source?: string;
  recognised?: boolean;
  failedSelector?: string | null;
};

describe('the card in Gmail situations', () => {
  it('a conversation with original, bounce and reply: one card, on the bounce, at the top of its body', async () => {
    const sim = new GmailSim();
    const conv = await sim.add([
      { path: join(FIX, 'original-quarterly-report.eml'), expanded: false },
      GMAIL_BOUNCE,
      join(FIX, 'ordinary-reply.eml'),
    ]);
    const [original, bounce, reply] = conv.messages;
    const { page, errors } = await open(sim, sim.url(conv));
    await waitCard(page, bounce!.decimal, 'enriched');
    await waitProcessed(page);
    const cards = await readCards(page);
    expect(cards.map((c) => c.messageId)).toEqual([bounce!.decimal]);
    expect(cards[0]!.atTopOfBody).toBe(true);
    expect(cards[0]!.tone).toBe('alarm');
    expect(cards[0]!.recipients).toContain('userunknown@example.jp');
    // The reply was looked at and left alone; the collapsed original has no body to look at.
    expect(
      await page.getAttribute(`[data-message-id="#msg-f:${reply!.decimal}"]`, 'data-bt-ms'),
    ).not.toBeNull();
    expect(await page.locator(`[data-legacy-message-id="${original!.hex}"] bounce-triage-card`).count()).toBe(
      0,
    );
    // The raw source was asked for the bounce only.
    expect(sim.rawRequests.map((r) => r.messageId)).toEqual([bounce!.decimal]);
    // The report reaches the background a moment after the card changes: wait for it.
    const seenOf = async () =>
      ((await recorded()) as Bounce[]).filter(
        (m) => m.type === 'bounce-seen' && m.messageId === bounce!.decimal,
      );
    await expect
      .poll(async () => (await seenOf()).map((m) => m.source), { timeout: 10_000 })
      .toContain('raw');
    const seen = await seenOf();
    expect(seen[0]).toMatchObject({ account: 'u/0', threadId: conv.threadDecimal });
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
    const { page } = await open(sim, sim.url(conv));
    await waitProcessed(page);
    expect(await page.locator('bounce-triage-card').count()).toBe(0);
    await page.click(`.kv[data-sim-id="${bounce.decimal}"]`);
    await waitCard(page, bounce.decimal, 'enriched');
    const cards = await readCards(page);
    expect(cards).toHaveLength(1);
    expect(cards[0]!.messageId).toBe(bounce.decimal);
    await page.close();
  });

  it('follows hash navigation between conversations, removes cards that left and reuses the cache', async () => {
    const sim = new GmailSim();
    const a = await sim.add([GMAIL_BOUNCE]);
    const b = await sim.add([POSTFIX_BOUNCE]);
    const { page, errors } = await open(sim, sim.url(a));
    await waitCard(page, a.messages[0]!.decimal, 'enriched');
    await page.evaluate((h) => (location.hash = h), sim.hash(b));
    await waitCard(page, b.messages[0]!.decimal, 'enriched');
    expect((await readCards(page)).map((c) => c.messageId)).toEqual([b.messages[0]!.decimal]);
    await page.evaluate(() => (location.hash = '#inbox'));
    await page.waitForSelector('.sim-list');
    expect(await page.locator('bounce-triage-card').count()).toBe(0);
    await page.evaluate((h) => (location.hash = h), `#label/Work/${a.token}`);
    await waitCard(page, a.messages[0]!.decimal, 'enriched');
    // Each message's source was fetched once, however often it was shown.
    expect(sim.rawRequests.filter((r) => r.view === 'om').map((r) => r.messageId)).toEqual([
      a.messages[0]!.decimal,
      b.messages[0]!.decimal,
    ]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('works in split view: the list stays, each opened bounce gets its card beside it', async () => {
    const sim = new GmailSim({ splitPane: true, layout: 'simple' });
    const a = await sim.add([GMAIL_BOUNCE]);
    const b = await sim.add([POSTFIX_BOUNCE]);
    const { page, errors } = await open(sim, sim.url());
    await page.waitForSelector('.sim-split .sim-list');
    await page.click(`.sim-row[data-thread="${a.threadHex}"] a`);
    await waitCard(page, a.messages[0]!.decimal, 'enriched');
    await page.click(`.sim-row[data-thread="${b.threadHex}"] a`);
    await waitCard(page, b.messages[0]!.decimal, 'enriched');
    expect(await page.locator('.sim-split .sim-list').count()).toBe(1);
    expect((await readCards(page)).map((c) => c.messageId)).toEqual([b.messages[0]!.decimal]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it.each(['u/1', 'b/112233445566/u/0'])(
    'works in the account at /mail/%s/ and fetches the raw source there',
    async (account) => {
      const sim = new GmailSim();
      const conv = await sim.add([GMAIL_BOUNCE]);
      const { page } = await open(sim, sim.url(conv, account));
      await waitCard(page, conv.messages[0]!.decimal, 'enriched');
      expect(sim.rawRequests[0]).toMatchObject({
        account,
        view: 'om',
        messageId: conv.messages[0]!.decimal,
      });
      expect(sim.rawRequests[0]!.url).toContain(`ik=${sim.options.ik}`);
      expect(sim.rawRequests).toHaveLength(1);
      // The report reaches the background a moment after the card changes: wait for it.
      await expect
        .poll(
          async () =>
            ((await recorded()) as Bounce[]).filter((m) => m.type === 'bounce-seen' && m.account === account)
              .length,
          { timeout: 10_000 },
        )
        .toBeGreaterThan(0);
      await page.close();
    },
  );

  it('keeps the visible-text card when the raw fetch fails', async () => {
    const sim = new GmailSim({ rawStatus: 500 });
    const conv = await sim.add([GMAIL_BOUNCE]);
    const msg = conv.messages[0]!;
    const { page, errors } = await open(sim, sim.url(conv));
    expect(await waitRaw(page, msg.decimal)).toBe('failed');
    await waitCard(page, msg.decimal, 'visible');
    const cards = await readCards(page);
    expect(cards).toHaveLength(1);
    expect(cards[0]!.state).toBe('visible');
    expect(cards[0]!.tone).toBe('alarm');
    expect(cards[0]!.recipients).toEqual(['userunknown@example.jp']);
    // Both raw URLs were tried, once each, Show original first.
    expect(sim.rawRequests.map((r) => r.view)).toEqual(['om', 'att']);
    expect(await page.locator('bounce-triage-card[data-bt-first-view-only]').count()).toBe(1);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('stays silent on a Gmail whose markup it does not recognise, and says so in page-status', async () => {
    const sim = new GmailSim();
    const conv = await sim.add([GMAIL_BOUNCE], { unrecognised: true });
    const before = ((await recorded()) as Bounce[]).length;
    const { page, errors } = await open(sim, sim.url(conv));
    await page.waitForSelector('.zz-msg');
    await expect
      .poll(
        async () => ((await recorded()) as Bounce[]).slice(before).find((m) => m.type === 'page-status'),
        { timeout: 10_000 },
      )
      .toMatchObject({ recognised: false, failedSelector: 'message' });
    expect(await page.locator('bounce-triage-card').count()).toBe(0);
    expect(sim.rawRequests).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('follows the dark theme', async () => {
    const sim = new GmailSim({ theme: 'dark' });
    const conv = await sim.add([GMAIL_BOUNCE]);
    const { page } = await open(sim, sim.url(conv));
    await waitCard(page, conv.messages[0]!.decimal, 'enriched');
    const theme = await page.evaluate(() =>
      document
        .querySelector('bounce-triage-card')!
        .shadowRoot!.querySelector('[data-field="card"]')!
        .getAttribute('data-theme'),
    );
    expect(theme).toBe('dark');
    await page.close();
  });

  it('re-themes a card on screen when Gmail switches theme', async () => {
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
    // Gmail applies a theme by adding a style sheet to the head.
    await page.evaluate(() => {
      const style = document.createElement('style');
      style.id = 'theme-switch';
      style.textContent = 'body{background:#111111}.sim-pane{background:#1f1f1f}';
      document.head.append(style);
    });
    await expect.poll(cardTheme, { timeout: 3000 }).toBe('dark');
    await page.evaluate(() => document.getElementById('theme-switch')!.remove());
    await expect.poll(cardTheme, { timeout: 3000 }).toBe('light');
    await page.close();
  });

  it('collapses, explains why with the diagnostic as text, copies steps, keeps keys inside, and dismisses', async () => {
    const sim = new GmailSim();
    const conv = await sim.add([GMAIL_BOUNCE]);
    const id = conv.messages[0]!.decimal;
    await ext.context.grantPermissions(['clipboard-read', 'clipboard-write'], {
      origin: 'https://mail.google.com',
    });
    const { page } = await open(sim, sim.url(conv));
    await waitCard(page, id, 'enriched');
    const card = page.locator('bounce-triage-card');

    // "Why?" shows the evidence and the server's words as plain text.
    await card.getByRole('button', { name: 'Why?' }).click();
    const diag = card.locator('[data-field="diagnostic"]');
    await expect.poll(() => diag.textContent()).toContain('550');
    expect(await card.locator('[data-field="evidence"]').count()).toBeGreaterThan(0);

    // Copy steps: clean plain text with the steps numbered.
    await card.getByRole('button', { name: 'Copy steps' }).click();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toMatch(/^Invalid address|^[A-Z]/);
    expect(copied).toContain('1. ');
    expect(copied).not.toMatch(/<[a-z]/i);

    // Copy address.
    await card
      .getByRole('button', { name: /Copy address/ })
      .first()
      .click();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('userunknown@example.jp');

    // Keys typed in the card do not reach Gmail's shortcuts.
    await page.evaluate(() => {
      (window as unknown as { __keys: string[] }).__keys = [];
      document.addEventListener('keydown', (e) =>
        (window as unknown as { __keys: string[] }).__keys.push(e.key),
      );
    });
    await card.getByRole('button', { name: 'Why?' }).focus();
    await page.keyboard.press('c');
    expect(await page.evaluate(() => (window as unknown as { __keys: string[] }).__keys)).toEqual([]);

    // Keyboard reachable: the collapse button works from the keyboard.
    await card.getByRole('button', { name: /Collapse/ }).focus();
    await page.keyboard.press('Enter');
    expect(await card.locator('[data-field="definition"]').count()).toBe(0);
    await card.getByRole('button', { name: /Expand/ }).click();
    expect(await card.locator('[data-field="definition"]').count()).toBe(1);

    // Dismiss removes the card and it does not come back on the next change in the page.
    await card.getByRole('button', { name: /Dismiss/ }).click();
    expect(await page.locator('bounce-triage-card').count()).toBe(0);
    await page.evaluate(() => document.querySelector('div.a3s')!.appendChild(document.createElement('div')));
    await page.evaluate(() => new Promise((r) => setTimeout(r, 100)));
    expect(await page.locator('bounce-triage-card').count()).toBe(0);
    await page.close();
  });

  it('does not move Gmail content other than by the card itself', async () => {
    const sim = new GmailSim();
    const conv = await sim.add([GMAIL_BOUNCE]);
    const { page } = await open(sim, sim.url(conv));
    await waitCard(page, conv.messages[0]!.decimal, 'enriched');
    const layout = await page.evaluate(() => {
      const host = document.querySelector('bounce-triage-card')!;
      const body = host.nextElementSibling!;
      const header = document.querySelector('div.adn .gE')!;
      const h = host.getBoundingClientRect();
      const b = body.getBoundingClientRect();
      return {
        hostBottom: h.bottom,
        hostHeight: h.height,
        bodyTop: b.top,
        headerBottom: header.getBoundingClientRect().bottom,
        bodyWidth: b.width,
        hostWidth: h.width,
      };
    });
    expect(layout.hostHeight).toBeGreaterThan(0);
    expect(layout.headerBottom).toBeLessThanOrEqual(layout.hostBottom);
    expect(layout.bodyTop).toBeGreaterThanOrEqual(layout.hostBottom);
    expect(layout.hostWidth).toBeLessThanOrEqual(layout.bodyWidth + 1);
    await page.close();
  });

  it.each([
    {
      page: 'gmail-thread-gmail-bounce.synthetic.html',
      id: '1803528081934081569',
      recipient: 'no.such.user@example.org',
      status: '5.1.1',
    },
    {
      page: 'gmail-conversation-with-bounce.synthetic.html',
      id: '1803528106204703239',
      recipient: 'bob@example.org',
      status: '5.1.1',
    },
    // The engine's visible-text path does not read the enhanced code from this report's wording yet.
    {
      page: 'gmail-thread-outlook-ndr.synthetic.html',
      id: '1803528161018822930',
      recipient: 'carol@contoso.example',
      status: undefined,
    },
  ])(
    'the shared fixture page $page gets a card from its visible text',
    async ({ page: file, id, recipient, status }) => {
      const html = readFileSync(join(GMAIL_FIXTURES, file), 'utf8');
      const rawAsked: string[] = [];
      await ext.context.unroute('https://mail.google.com/**');
      await ext.context.route('https://mail.google.com/**', async (route) => {
        const url = new URL(route.request().url());
        const view = url.searchParams.get('view');
        if (view === 'fimg') {
          await route.fulfill({ status: 404, body: '' });
        } else if (view) {
          rawAsked.push(url.searchParams.get('permmsgid') ?? '');
          await route.fulfill({ status: 404, body: 'not here' });
        } else {
          await route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html });
        }
      });
      const page = await ext.context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto('https://mail.google.com/mail/u/0/#inbox/FMfcgzQXJWDsKmbXpTsnQlqfBhxHVmzq');
      await waitCard(page, id, 'visible');
      await expect.poll(() => rawAsked.length).toBe(2);
      const cards = await readCards(page);
      expect(cards).toHaveLength(1);
      expect(cards[0]).toMatchObject({
        messageId: id,
        tone: 'alarm',
        kind: 'failed',
        category: 'invalid-address',
        atTopOfBody: true,
      });
      if (status) expect(cards[0]!.status).toBe(status);
      expect(cards[0]!.recipients).toEqual([recipient]);
      expect(rawAsked).toEqual([`msg-f:${id}`, `msg-f:${id}`]);
      expect(errors).toEqual([]);
      await ext.context.unroute('https://mail.google.com/**');
      await page.close();
    },
  );
});
