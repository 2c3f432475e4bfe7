import { browser } from 'wxt/browser';
import { createCardRenderer } from '../components/card/mount';
import { classifyMessage, classifyVisible } from '../lib/engine';
import { GmailController } from '../lib/gmail/controller';
import type { RuntimeMessage } from '../lib/messages';

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
    });
    controller.start();
  },
});
