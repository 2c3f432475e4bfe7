/**
 * Timing hooks for tests and benchmarks, present only in the measuring build (see
 * entrypoints/gmail.content.ts: `wxt build --mode measure`). The store build never imports this
 * module, so no page script can switch it on there.
 *
 * In the measuring build a page opts in by setting `data-bt-measure` on <html>; each message
 * element then carries `data-bt-ms` (script time spent deciding about it) and `data-bt-raw`
 * (pending, done or failed: the raw-source step).
 */
import type { MeasureHooks } from './controller';

export function pageMeasureHooks(doc: Document): MeasureHooks {
  const on = () => doc.documentElement.hasAttribute('data-bt-measure');
  return {
    decided(el, ms) {
      if (on()) el.setAttribute('data-bt-ms', String(ms));
    },
    raw(permId, state) {
      if (!on()) return;
      for (const el of Array.from(doc.querySelectorAll(`[data-message-id="#${permId}"]`)))
        el.setAttribute('data-bt-raw', state);
    },
  };
}
