/**
 * Real bounces from many servers opened one after another in one Firefox page life of the
 * realistic simulated Gmail (hash navigation with opaque tokens, views shown and hidden by style,
 * hidden empty bodies, the raw source through Show original with the account key), like a person
 * going through their inbox. Each card must show what the engine reads
 * from the message's raw source, fetched by the content script in Firefox: the same verdict the
 * engine gives in Node, so nothing is lost between Gmail's page, Firefox's content-script fetch and
 * the card. (Whether that verdict matches the corpus's expected category is the Chromium corpus
 * test's and the engine's business.)
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildCardModel } from '../../components/card/model';
import { classifyMessage } from '../../lib/engine';
import { asEvaluatingPage, readCards, waitCard, waitRaw, type EvaluatingPage } from '../e2e/support/cards';
import { BSD, E2E_FAMILIES, familyOf, selectBounces } from '../e2e/support/corpus';
import { GmailSim, type SimConversation } from '../e2e/support/gmail-sim';
import { launchFirefox, openInbox, type LaunchedFirefox } from './support/firefox';

const FILES = selectBounces(E2E_FAMILIES, 2);

let ff: LaunchedFirefox;
let page: Page;
let p: EvaluatingPage;
let errors: string[];
const sim = new GmailSim();
const conversations = new Map<string, SimConversation>();

beforeAll(async () => {
  for (const f of FILES) conversations.set(f, await sim.add([join(BSD, f)]));
  ff = await launchFirefox({ extensionPath: inject('firefoxExtensionDir') });
  ({ page, errors } = await openInbox(ff, sim));
  p = asEvaluatingPage(page);
});

afterAll(async () => {
  await ff?.close();
});

describe('corpus bounces in Firefox', () => {
  it('uses at least 30 bounces from at least 15 servers', () => {
    expect(FILES.length).toBeGreaterThanOrEqual(30);
    expect(new Set(FILES.map(familyOf)).size).toBeGreaterThanOrEqual(15);
  });

  it.each(FILES)('%s: the card shows what the engine reads from the raw source', async (file) => {
    const conv = conversations.get(file)!;
    const msg = conv.messages[0]!;
    await page.evaluate((h) => {
      location.hash = h;
    }, sim.hash(conv));
    expect(await waitRaw(p, msg.decimal)).toBe('done');
    const raw = classifyMessage(readFileSync(join(BSD, file)));
    await waitCard(p, msg.decimal, raw.kind === 'not-bounce' ? 'any' : 'enriched');
    const cards = await readCards(p);
    // Only this conversation's card is on screen: the previous one left with its conversation.
    expect(cards.map((c) => c.messageId)).toEqual([msg.decimal]);
    const card = cards[0]!;
    expect(card.atTopOfBody).toBe(true);
    if (raw.kind === 'not-bounce') return;
    const model = buildCardModel(raw, 'raw');
    expect(card.state).toBe('enriched');
    expect(card.kind).toBe(raw.kind);
    expect(card.category).toBe(model.category);
    expect(card.categoryTitle).toBe(model.categoryTitle);
    expect(card.tone).toBe(model.tone);
    if (model.tone === 'alarm') {
      expect(card.recipients).toEqual(model.recipients);
      expect(card.replyCode).toBe(model.replyCode);
      expect(card.status).toBe(model.status);
      expect(card.severity).toBe(model.severity);
      expect(card.provider).toBe(model.provider);
      expect(card.definition).toBe(model.definition);
      expect(card.steps).toEqual(model.steps);
      expect(card.links.map((l) => l.url)).toEqual(model.links.map((l) => l.url));
    }
  });

  it('asked for each source in one go, and raised no page errors', () => {
    const perMessage = new Map<string, number>();
    for (const r of sim.rawRequests) perMessage.set(r.messageId!, (perMessage.get(r.messageId!) ?? 0) + 1);
    expect(perMessage.size).toBe(FILES.length);
    expect(errors).toEqual([]);
  });
});
