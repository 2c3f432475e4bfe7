/**
 * The dashboard's figures for bench:history, measured on whatever history the profile holds:
 *
 * - dashboardFirstPaintMs: the service worker stopped first (as Chrome does after 30 s idle),
 *   dashboard.html opened → the summary shown, on the page's own clock from navigation start;
 *   the median of three;
 * - dashboardFilterMs: on the open dashboard, a filter chosen → the summary for that filter
 *   painted (dashboardFilterFinalMs: its final figures, where the first were the store's first
 *   counts of a filter the counters cannot answer); the median over a sequence: each of the first five receiving providers of the menu
 *   in turn, then "any"; bulk, then one-to-one mail; two sending IPs (the second with bulk still
 *   chosen); everything back to "any".
 */
import type { BrowserContext, Page } from 'playwright-core';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const round = (x: number) => Math.round(x * 10) / 10;

async function stopWorkers(page: Page): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  await cdp.detach();
}

/**
 * When the summary showed figures for `filter` (page clock, ms): its first ones, or with `final`
 * its final ones (a filter the counters cannot answer shows the store's first counts at once).
 */
function summaryShownAt(page: Page, filter: string, final = false): Promise<number> {
  return page.evaluate(
    ({ want, final }) =>
      new Promise<number>((resolve) => {
        // Compared with sorted keys: the page writes its fields in its own order.
        const canonical = (json: string) => {
          const o = JSON.parse(json) as Record<string, unknown>;
          return JSON.stringify(
            Object.keys(o)
              .sort()
              .map((k) => [k, o[k]]),
          );
        };
        const ready = () => {
          const el = document.querySelector(`[data-testid="summary"]`);
          const at = el?.getAttribute('data-filter');
          if (final && el?.getAttribute('data-final') !== 'true') return false;
          return at != null && canonical(at) === canonical(want);
        };
        const done = () => requestAnimationFrame(() => resolve(performance.now()));
        if (ready()) return done();
        const mo = new MutationObserver(() => {
          if (!ready()) return;
          mo.disconnect();
          done();
        });
        mo.observe(document.body, { subtree: true, childList: true, attributes: true });
      }),
    { want: filter, final },
  );
}

/** The summary's data-filter: the history filter its figures are for ("{}": none). */
const EMPTY = JSON.stringify({});

export async function measureDashboard(
  context: BrowserContext,
  id: string,
  log: (...a: unknown[]) => void,
): Promise<{ dashboardFirstPaintMs: number; dashboardFilterMs: number; dashboardFilterFinalMs: number }> {
  const url = `chrome-extension://${id}/dashboard.html`;
  const firsts: number[] = [];
  let page: Page | null = null;
  for (let i = 0; i < 3; i++) {
    await page?.close();
    const helper = await context.newPage();
    await helper.goto(`chrome-extension://${id}/popup.html`);
    await stopWorkers(helper);
    await helper.close();
    await new Promise((r) => setTimeout(r, 500));
    page = await context.newPage();
    await page.goto(url);
    firsts.push(await summaryShownAt(page, EMPTY));
  }
  const p = page!;
  const providers = await p.$$eval('select[name="provider"] option', (os) =>
    os.map((o) => (o as HTMLOptionElement).value).filter(Boolean),
  );
  const ips = await p.$$eval('select[name="sendingIp"] option', (os) =>
    os.map((o) => (o as HTMLOptionElement).value).filter(Boolean),
  );
  const filters: number[] = [];
  const finals: number[] = [];
  const current: Record<string, string[]> = {};
  const choose = async (select: string, field: string, value: string) => {
    if (value) current[field] = [value];
    else delete current[field];
    const want = JSON.stringify(current);
    const t0 = await p.evaluate(() => performance.now());
    await p.selectOption(`select[name="${select}"]`, value);
    const t1 = await summaryShownAt(p, want);
    const t2 = await summaryShownAt(p, want, true);
    filters.push(t1 - t0);
    finals.push(t2 - t0);
  };
  for (const value of [...providers.slice(0, 5), '']) await choose('provider', 'providers', value);
  await choose('emailType', 'emailTypes', 'bulk');
  await choose('emailType', 'emailTypes', 'one-to-one');
  if (ips.length > 0) {
    await choose('sendingIp', 'sendingIps', ips[0]!);
    await choose('emailType', 'emailTypes', 'bulk');
    await choose('sendingIp', 'sendingIps', ips[ips.length - 1]!);
    await choose('sendingIp', 'sendingIps', '');
  }
  await choose('emailType', 'emailTypes', '');
  log(
    `dashboard first paint (worker stopped first): ${firsts.map(round).join(', ')} ms; filter, first figures: ${filters.map(round).join(', ')} ms; final figures: ${finals.map(round).join(', ')} ms`,
  );
  await p.close();
  return {
    dashboardFirstPaintMs: round(median(firsts)),
    dashboardFilterMs: round(median(filters)),
    dashboardFilterFinalMs: round(median(finals)),
  };
}
