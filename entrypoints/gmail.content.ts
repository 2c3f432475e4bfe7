import { browser } from 'wxt/browser';
import { createCardRenderer } from '../components/card/mount';
import { classifyMessage, classifyVisible } from '../lib/engine';
import { GmailController } from '../lib/gmail/controller';
import { pageMeasureHooks } from '../lib/gmail/measure';
import type { RuntimeMessage } from '../lib/messages';

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
    const send = (msg: RuntimeMessage) => {
      // The background may be asleep or absent, or the extension reloaded under the page (which
      // throws synchronously); history is best effort, the card works without it.
      try {
        browser.runtime.sendMessage(msg).catch(() => undefined);
      } catch {
        // nothing to do
      }
    };
    const controller = new GmailController({
      ctx,
      doc: document,
      engine: { classifyMessage, classifyVisible },
      renderer: createCardRenderer(ctx),
      send,
      sendStats: send,
      measure: MEASURING_BUILD ? pageMeasureHooks(document) : undefined,
    });
    controller.start();
  },
});
