import { browser } from 'wxt/browser';
import { createCardRenderer } from '../components/card/mount';
import { classifyMessage, classifyVisible } from '../lib/engine';
import { GmailController } from '../lib/gmail/controller';
import { pageMeasureHooks } from '../lib/gmail/measure';
import { Outbox } from '../lib/history/outbox';
import type { BounceSeenMessage, RuntimeMessage } from '../lib/messages';
import type { Ask } from '../components/corrections/ask';

/**
 * The measuring build (`npm run build:measure` → .output/chrome-mv3-measure; for Firefox
 * `npm run build:measure:firefox` → .output/firefox-mv3-measure; both set BT_MEASURE=1, see
 * wxt.config.ts) carries the timing hooks the end-to-end tests and `bench:card` read (data-bt-ms,
 * data-bt-raw). In the store build (`npm run build`, `npm run zip`) this constant is false, the
 * hooks module is left out of the bundle, and no page script can switch them on.
 */
const MEASURING_BUILD = __BT_MEASURING_BUILD__;

export default defineContentScript({
  matches: ['https://mail.google.com/*'],
  // The card's CSS is passed to its shadow root as a string: nothing to fetch, nothing injected in Gmail.
  cssInjectionMode: 'manual',
  main(ctx) {
    // Bounce reports wait here until the background acknowledges them: the service worker may be
    // asleep, starting or killed while a report is in flight (see lib/history/outbox.ts).
    const outbox = new Outbox<BounceSeenMessage>({
      send: (msg) => browser.runtime.sendMessage(msg),
      // A later report of the same message (the raw source after the visible text) replaces it.
      keyOf: (msg) => msg.messageId,
    });
    ctx.onInvalidated(() => outbox.stop());
    const send = (msg: RuntimeMessage) => {
      if (msg.type === 'bounce-seen') {
        outbox.add(msg);
        return;
      }
      // The page status is a hint for the popup: best effort. Sending throws synchronously when
      // the extension was reloaded under the page.
      try {
        browser.runtime.sendMessage(msg).catch(() => undefined);
      } catch {
        // nothing to do
      }
    };
    // The card's corrections: one request, one answer; a failure is shown on the card.
    const ask: Ask = async (req) => {
      try {
        const answer = await browser.runtime.sendMessage(req);
        if (answer && typeof answer === 'object') return answer as never;
      } catch {
        // the extension was reloaded or the worker is starting: said below
      }
      return {
        ok: false,
        error: {
          name: 'NoAnswer',
          message: 'the extension did not answer; try again',
          operation: req.type,
          at: Date.now(),
        },
      };
    };
    const controller = new GmailController({
      ctx,
      doc: document,
      engine: { classifyMessage, classifyVisible },
      renderer: createCardRenderer(ctx, ask),
      send,
      sendStats: send,
      measure: MEASURING_BUILD ? pageMeasureHooks(document) : undefined,
    });
    controller.start();
  },
});
