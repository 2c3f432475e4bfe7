/**
 * Messages that are not bounces, in Firefox: ordinary mail gets nothing and costs no request;
 * auto-replies, delay notices and complaint reports get the small neutral note, never the alarm card.
 */
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  asEvaluatingPage,
  readCards,
  waitCard,
  waitProcessed,
  waitRaw,
  type EvaluatingPage,
} from '../e2e/support/cards';
import { BSD, CORPUS_ROOT } from '../e2e/support/corpus';
import { GmailSim, type SimConversation } from '../e2e/support/gmail-sim';
import { launchFirefox, openInbox, type LaunchedFirefox } from './support/firefox';

const FIX = join(import.meta.dirname, '../e2e/fixtures');

/** Ordinary mail that does not pass the cheap gate: no card, no raw-source request. */
const ORDINARY = [
  { name: 'plain personal note', path: join(FIX, 'ordinary-plain.eml') },
  { name: 'HTML newsletter', path: join(FIX, 'ordinary-newsletter.eml') },
  { name: 'reply in a thread', path: join(FIX, 'ordinary-reply.eml') },
  { name: 'corpus not-bounce 01', path: join(CORPUS_ROOT, 'maildir/not/is-not-bounce-01.eml') },
  { name: 'corpus not-bounce 02', path: join(CORPUS_ROOT, 'maildir/not/is-not-bounce-02.eml') },
];

/** Harmless reports: a neutral note of the given kind. */
const NEUTRAL = [
  { name: 'auto-reply rfc3834-01', path: join(BSD, 'rfc3834-01.eml'), kind: 'auto-reply' },
  { name: 'delay notice (will keep trying)', path: join(BSD, 'lhost-opensmtpd-06.eml'), kind: 'delayed' },
  { name: 'ARF complaint report', path: join(BSD, 'arf-01.eml'), kind: 'complaint' },
];

let ff: LaunchedFirefox;
let page: Page;
let p: EvaluatingPage;
let errors: string[];
const sim = new GmailSim();
const convs = new Map<string, SimConversation>();

beforeAll(async () => {
  for (const m of [...ORDINARY, ...NEUTRAL]) convs.set(m.name, await sim.add([m.path]));
  ff = await launchFirefox({ extensionPath: inject('firefoxExtensionDir') });
  ({ page, errors } = await openInbox(ff, sim));
  p = asEvaluatingPage(page);
});
afterAll(async () => {
  await ff?.close();
});

async function show(name: string): Promise<string> {
  const conv = convs.get(name)!;
  await page.evaluate((h) => (location.hash = h), sim.hash(conv));
  await page.waitForSelector(`[data-message-id="#msg-f:${conv.messages[0]!.decimal}"]`);
  await waitProcessed(p);
  return conv.messages[0]!.decimal;
}

describe('non-bounces in Firefox', () => {
  it.each(ORDINARY)('$name: no card and no request', async ({ name }) => {
    const id = await show(name);
    expect(await readCards(p)).toEqual([]);
    expect(sim.rawRequests.some((r) => r.messageId === id)).toBe(false);
  });

  it.each(NEUTRAL)('$name: a neutral note, no alarm', async ({ name, kind }) => {
    const id = await show(name);
    await waitRaw(p, id);
    await waitCard(p, id, 'any');
    const cards = await readCards(p);
    expect(cards).toHaveLength(1);
    expect(cards[0]).toMatchObject({ messageId: id, tone: 'neutral', kind, severity: null });
  });

  it('raised no page errors', () => {
    expect(errors).toEqual([]);
  });
});
