/**
 * Open conversations in the simulated Gmail one after another (hash navigation) and collect what
 * the cards show and how long they took. Shared by the demo and the card benchmark.
 */
import type { Page } from 'playwright-core';
import { readCards, type ShownCard } from './cards';
import type { GmailSim, SimConversation } from './gmail-sim';

export interface MessageOutcome {
  conversation: SimConversation;
  messageId: string;
  source: string | null;
  /** Card as shown after the raw step settled, or null when no card. */
  card: ShownCard | null;
  /** Body inserted → card first in the page (ms), or null. */
  msToCard: number | null;
  /** Body inserted → card updated from the raw source (ms), or null. */
  msToEnriched: number | null;
  /** Script time the extension spent deciding about this message (ms, from data-bt-ms). */
  scriptMs: number | null;
  /** Outcome of the raw step: "done", "failed", or null when not attempted. */
  raw: string | null;
}

interface SimTimes {
  bodyAt: Record<string, number>;
  cardAt: Record<string, number>;
  enrichedAt: Record<string, number>;
}

/**
 * Show one conversation (by hash) and wait until every expanded message was looked at and every
 * raw fetch it started has settled.
 */
export async function showConversation(
  page: Page,
  sim: GmailSim,
  conv: SimConversation,
  opts: { openDetails?: boolean } = {},
): Promise<MessageOutcome[]> {
  await page.evaluate((h) => {
    location.hash = h;
  }, sim.hash(conv));
  const expanded = conv.messages.filter((m) => m.expanded).map((m) => m.decimal);
  // Every expanded message looked at, and every raw fetch it started settled.
  await page.waitForFunction(
    (ids) =>
      ids.every((id) => {
        const el = document.querySelector(`[data-message-id="#msg-f:${id}"]`);
        return !!el && el.hasAttribute('data-bt-ms') && el.getAttribute('data-bt-raw') !== 'pending';
      }),
    expanded,
    { timeout: 15_000 },
  );
  // The card update follows the raw step within the next microtasks; let a frame pass.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0))));
  if (opts.openDetails) {
    await page.evaluate(() => {
      for (const host of Array.from(document.querySelectorAll('bounce-triage-card'))) {
        const btn = Array.from(host.shadowRoot?.querySelectorAll('button') ?? []).find(
          (b) => b.textContent === 'Details',
        );
        btn?.click();
      }
    });
  }
  const cards = await readCards(page);
  const { times, scriptMs, raw } = await page.evaluate((ids) => {
    const sim = (window as unknown as { __sim: SimTimes }).__sim;
    const scriptMs: Record<string, number | null> = {};
    const raw: Record<string, string | null> = {};
    for (const id of ids) {
      const el = document.querySelector(`[data-message-id="#msg-f:${id}"]`);
      const ms = el?.getAttribute('data-bt-ms');
      scriptMs[id] = ms ? Number(ms) : null;
      raw[id] = el?.getAttribute('data-bt-raw') ?? null;
    }
    return { times: { bodyAt: sim.bodyAt, cardAt: sim.cardAt, enrichedAt: sim.enrichedAt }, scriptMs, raw };
  }, expanded);
  return expanded.map((id) => {
    const msg = conv.messages.find((m) => m.decimal === id)!;
    const body = times.bodyAt[id];
    const cardAt = times.cardAt[id];
    const enrichedAt = times.enrichedAt[id];
    return {
      conversation: conv,
      messageId: id,
      source: msg.source,
      card: cards.find((c) => c.messageId === id) ?? null,
      msToCard: body !== undefined && cardAt !== undefined ? cardAt - body : null,
      msToEnriched: body !== undefined && enrichedAt !== undefined ? enrichedAt - body : null,
      scriptMs: scriptMs[id] ?? null,
      raw: raw[id] ?? null,
    };
  });
}

/** The demo's JSON contract for one card. */
export function cardJson(o: MessageOutcome): Record<string, unknown> {
  const c = o.card!;
  return {
    category: c.category,
    categoryTitle: c.categoryTitle,
    kind: c.kind,
    hard: c.severity === 'hard',
    recipients: c.recipients,
    replyCode: c.replyCode,
    status: c.status,
    provider: c.providerId,
    definition: c.definition,
    steps: c.steps,
    links: c.links,
    msToCard: o.msToCard === null ? null : Math.round(o.msToCard * 10) / 10,
  };
}

export function percentile(values: number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const idx = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[idx]!;
}
