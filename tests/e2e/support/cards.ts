/**
 * Reading what the extension's cards show, from the page (shadow roots are open), plus waits
 * that key on the controller's test hooks (data-bt-ms, data-bt-raw on message elements).
 *
 * Driver-agnostic: every helper only needs `page.evaluate(fn, arg)`, which Playwright's and
 * puppeteer-core's pages both have (waits poll through it instead of using waitForFunction, whose
 * argument order differs between the two).
 */

/** The one page method the helpers use (Playwright's Page and puppeteer-core's Page both fit). */
export interface EvaluatingPage {
  evaluate<R, A>(fn: (arg: A) => R | Promise<R>, arg: A): Promise<R>;
}

/** Any driver's page whose evaluate(fn, ...args) runs fn in the page (e.g. puppeteer-core's Page). */
export function asEvaluatingPage(page: {
  evaluate(fn: never, ...args: never[]): Promise<unknown>;
}): EvaluatingPage {
  return { evaluate: (fn, arg) => page.evaluate(fn as never, arg as never) as Promise<never> };
}

/**
 * Evaluate `fn(arg)` in the page until it returns a truthy value, and return that value; throws
 * after `timeout` ms with `what` in the message.
 */
export async function pollPage<R, A>(
  page: EvaluatingPage,
  fn: (arg: A) => R,
  arg: A,
  opts: { timeout?: number; what?: string } = {},
): Promise<NonNullable<R>> {
  const deadline = Date.now() + (opts.timeout ?? 15_000);
  for (;;) {
    const value = await page.evaluate(fn, arg);
    if (value) return value as NonNullable<R>;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${opts.what ?? 'a page condition'}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

export interface ShownCard {
  messageId: string;
  /** "visible" (from the page text) or "enriched" (raw source read). */
  state: string | null;
  tone: 'alarm' | 'neutral' | null;
  kind: string | null;
  category: string | null;
  categoryTitle: string | null;
  severity: string | null;
  recipients: string[];
  replyCode: string | null;
  status: string | null;
  provider: string | null;
  providerId: string | null;
  definition: string | null;
  steps: string[];
  links: Array<{ label: string; url: string }>;
  /** True when the card host sits right before the message body (div.a3s). */
  atTopOfBody: boolean;
}

/** Every card in the page, in document order. */
export async function readCards(page: EvaluatingPage): Promise<ShownCard[]> {
  return page.evaluate(() => {
    const text = (el: Element | null | undefined) => (el?.textContent ?? '').trim() || null;
    return Array.from(document.querySelectorAll('bounce-triage-card')).map((host) => {
      const root = host.shadowRoot;
      const q = (f: string) => root?.querySelector(`[data-field="${f}"]`) ?? null;
      const qa = (f: string) => Array.from(root?.querySelectorAll(`[data-field="${f}"]`) ?? []);
      const card = q('card');
      return {
        messageId: host.getAttribute('data-bt-message-id') ?? '',
        state: host.getAttribute('data-bt-state'),
        tone: (card?.getAttribute('data-tone') as 'alarm' | 'neutral' | null) ?? null,
        kind: host.getAttribute('data-bt-kind'),
        category: host.getAttribute('data-bt-category'),
        categoryTitle: text(q('categoryTitle')),
        severity: q('severity')?.getAttribute('data-value') ?? null,
        recipients: qa('recipient').map((e) => (e.textContent ?? '').replace(/^,\s*/, '').trim()),
        replyCode: text(q('replyCode')),
        status: text(q('status')),
        provider: text(q('provider')),
        providerId: q('provider')?.getAttribute('data-value') || null,
        definition: text(q('definition')),
        steps: qa('step').map((e) => (e.textContent ?? '').trim()),
        links: qa('link').map((e) => ({
          label: (e.textContent ?? '').trim(),
          url: e.getAttribute('href') ?? '',
        })),
        atTopOfBody: !!host.nextElementSibling?.classList.contains('a3s'),
      };
    });
  }, undefined);
}

/** Wait until the controller has looked at every expanded message in the page. */
export async function waitProcessed(page: EvaluatingPage, timeout = 15_000): Promise<void> {
  await pollPage(
    page,
    () => {
      // Messages on screen with a body shown (Gmail keeps hidden, empty copies and hidden views).
      const msgs = Array.from(document.querySelectorAll('div.adn[data-message-id]')).filter(
        (m) =>
          m.checkVisibility() &&
          Array.from(m.querySelectorAll('div.a3s')).some(
            (b) => b.checkVisibility() && !b.classList.contains('undefined'),
          ),
      );
      return msgs.length > 0 && msgs.every((m) => m.hasAttribute('data-bt-ms'));
    },
    undefined,
    { timeout, what: 'every expanded message to be processed' },
  );
}

/** Wait until the raw step finished (done or failed) for a message. */
export async function waitRaw(page: EvaluatingPage, messageId: string, timeout = 15_000): Promise<string> {
  return pollPage(
    page,
    (id) => {
      const state = document.querySelector(`[data-message-id="#msg-f:${id}"]`)?.getAttribute('data-bt-raw');
      return state && state !== 'pending' ? state : null;
    },
    messageId,
    { timeout, what: `the raw step of ${messageId}` },
  );
}

/** Wait until the card of a message is in a given state. */
export async function waitCard(
  page: EvaluatingPage,
  messageId: string,
  state: 'visible' | 'enriched' | 'any' = 'any',
  timeout = 15_000,
): Promise<void> {
  const sel =
    state === 'any'
      ? `bounce-triage-card[data-bt-message-id="${messageId}"][data-bt-state]`
      : `bounce-triage-card[data-bt-message-id="${messageId}"][data-bt-state="${state}"]`;
  await pollPage(page, (s) => !!document.querySelector(s), sel, { timeout, what: sel });
}

/** Messages the background received (installs a recorder in the service worker). */
export async function recordRuntimeMessages(
  sw: import('playwright-core').Worker,
): Promise<() => Promise<unknown[]>> {
  await sw.evaluate(() => {
    const g = globalThis as unknown as { __btRecorded?: unknown[] };
    if (g.__btRecorded) return;
    g.__btRecorded = [];
    const rt = (
      globalThis as unknown as {
        chrome: { runtime: { onMessage: { addListener(f: (m: unknown) => undefined): void } } };
      }
    ).chrome.runtime;
    rt.onMessage.addListener((m: unknown) => {
      g.__btRecorded!.push(m);
      return undefined;
    });
  });
  return () => sw.evaluate(() => (globalThis as unknown as { __btRecorded?: unknown[] }).__btRecorded ?? []);
}
