/**
 * Messages that are not bounces: ordinary mail gets nothing; auto-replies, delay notices and
 * complaint reports get a small neutral note, never the alarm card.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { readCards, waitCard, waitProcessed, waitRaw } from './support/cards';
import { BSD, CORPUS_ROOT } from './support/corpus';
import { launchExtension, type LaunchedExtension } from './support/extension';
import { GmailSim, type SimConversation } from './support/gmail-sim';

const FIX = join(import.meta.dirname, 'fixtures');

/**
 * Ordinary mail: no card at all. `gated` ones pass the cheap gate (sender) and are read fully.
 * `engineGap`: the engine still calls it an auto-reply (subject only, no Auto-Submitted header);
 * the test then accepts the neutral note but never the alarm card.
 */
const ORDINARY: Array<{ name: string; path: string; gated: boolean; engineGap?: boolean }> = [
  { name: 'plain personal note', path: join(FIX, 'ordinary-plain.eml'), gated: false },
  { name: 'HTML newsletter', path: join(FIX, 'ordinary-newsletter.eml'), gated: false },
  { name: 'reply in a thread', path: join(FIX, 'ordinary-reply.eml'), gated: false },
  { name: 'original message', path: join(FIX, 'original-quarterly-report.eml'), gated: false },
  {
    name: '"out of office" in a human subject',
    path: join(FIX, 'ordinary-ooo-subject.eml'),
    gated: false,
    engineGap: true,
  },
  {
    name: 'a notice written by a postmaster',
    path: join(FIX, 'ordinary-postmaster-notice.eml'),
    gated: true,
  },
  { name: 'corpus not-bounce 01', path: join(CORPUS_ROOT, 'maildir/not/is-not-bounce-01.eml'), gated: false },
  { name: 'corpus not-bounce 02', path: join(CORPUS_ROOT, 'maildir/not/is-not-bounce-02.eml'), gated: false },
];

/** Harmless reports: a neutral note of the given kind. */
const NEUTRAL: Array<{ name: string; path: string; kind: string }> = [
  { name: 'auto-reply rfc3834-01', path: join(BSD, 'rfc3834-01.eml'), kind: 'auto-reply' },
  { name: 'auto-reply rfc3834-02', path: join(BSD, 'rfc3834-02.eml'), kind: 'auto-reply' },
  { name: 'delay notice (will keep trying)', path: join(BSD, 'lhost-opensmtpd-06.eml'), kind: 'delayed' },
  { name: 'ARF complaint report', path: join(BSD, 'arf-01.eml'), kind: 'complaint' },
];

let ext: LaunchedExtension;
let page: Page;
const sim = new GmailSim();
const convs = new Map<string, SimConversation>();
const errors: string[] = [];

beforeAll(async () => {
  for (const m of [...ORDINARY, ...NEUTRAL]) convs.set(m.name, await sim.add([m.path]));
  ext = await launchExtension({ extensionPath: inject('extensionDir') });
  await sim.install(ext.context);
  page = await ext.context.newPage();
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(sim.url());
  await page.waitForSelector('.sim-list');
});
afterAll(async () => {
  await ext?.close();
});

async function show(name: string): Promise<string> {
  const conv = convs.get(name)!;
  await page.evaluate((h) => (location.hash = h), sim.hash(conv));
  await page.waitForSelector(`[data-message-id="#msg-f:${conv.messages[0]!.decimal}"]`);
  await waitProcessed(page);
  return conv.messages[0]!.decimal;
}

describe('non-bounces in simulated Gmail', () => {
  it('covers at least 10 non-bounces', () => {
    expect(ORDINARY.length + NEUTRAL.length).toBeGreaterThanOrEqual(10);
  });

  it.each(ORDINARY)('$name: no card', async ({ name, gated, engineGap }) => {
    const id = await show(name);
    if (engineGap) {
      // At worst the neutral note, never the alarm card.
      // The raw step, when one started, is marked before classification ends.
      if (await page.getAttribute(`[data-message-id="#msg-f:${id}"]`, 'data-bt-raw')) await waitRaw(page, id);
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0))));
      const cards = await readCards(page);
      expect(cards.filter((c) => c.tone !== 'neutral')).toEqual([]);
      if (cards.length === 0)
        console.info('the engine no longer misreads the "out of office" subject: drop engineGap');
      return;
    }
    if (gated) expect(await waitRaw(page, id)).toBe('done');
    expect(await page.locator('bounce-triage-card').count()).toBe(0);
    if (!gated) expect(sim.rawRequests.some((r) => r.messageId === id)).toBe(false);
  });

  it.each(NEUTRAL)('$name: a neutral note, no alarm', async ({ name, kind }) => {
    const id = await show(name);
    await waitRaw(page, id);
    await waitCard(page, id, 'any');
    const cards = await readCards(page);
    expect(cards).toHaveLength(1);
    expect(cards[0]!.tone).toBe('neutral');
    expect(cards[0]!.kind).toBe(kind);
    expect(cards[0]!.severity).toBeNull();
  });

  it('raised no page errors', () => {
    expect(errors).toEqual([]);
  });
});
