/**
 * Card benchmark in the real browser, on the e2e fixtures (the corpus bounces and the non-bounces
 * of tests/e2e). Each conversation is opened by hash navigation in one simulated Gmail tab, as a
 * person going through their inbox would.
 *
 *   npm run --silent bench:card -- --json
 *   npm run --silent bench:card -- --json --rounds 3   # open every conversation 3 times (new ids)
 *
 * Prints {"cards","p50MsToCard","p95MsToCard","p95MsToEnriched","nonBounceMsPerMessage",
 * "contentScriptGzipBytes","enrichedRatio"}. Runs on the simulator's realistic layout (one page
 * life, views shown by style, asynchronous rendering, hidden empty bodies, Show original only with
 * the account key) with the measuring build; the size is the store build's. msToCard: message body
 * element inserted (its text follows a moment later) → card in the page (measured in the page with performance.now and a
 * MutationObserver installed before the body). msToEnriched: body → card updated from the raw
 * source. nonBounceMsPerMessage: mean script time the content script spent deciding about each
 * non-bounce message (gate, and the engine when the gate lets it through). enrichedRatio: bounces
 * whose card was updated from the raw source / bounces. Goals: p95 card < 100 ms, p95 enriched
 * < 1000 ms, non-bounce < 1 ms, enrichedRatio 1.
 */
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { BSD, CORPUS_ROOT, E2E_FAMILIES, selectBounces } from '../tests/e2e/support/corpus';
import {
  BUILT_EXTENSION,
  STORE_EXTENSION,
  buildExtension,
  extensionIsStale,
  launchExtension,
  snapshotExtension,
} from '../tests/e2e/support/extension';
import { GmailSim, type SimConversation } from '../tests/e2e/support/gmail-sim';
import { percentile, showConversation, type MessageOutcome } from '../tests/e2e/support/measure';

const FIX = join(import.meta.dirname, '../tests/e2e/fixtures');

const NON_BOUNCES = [
  ...readdirSync(FIX)
    .filter((f) => f.endsWith('.eml'))
    .map((f) => join(FIX, f)),
  join(CORPUS_ROOT, 'maildir/not/is-not-bounce-01.eml'),
  join(CORPUS_ROOT, 'maildir/not/is-not-bounce-02.eml'),
];
const NOTES = ['rfc3834-01.eml', 'rfc3834-02.eml', 'lhost-opensmtpd-06.eml', 'arf-01.eml'].map((f) =>
  join(BSD, f),
);

function args(): { json: boolean; rounds: number } {
  const argv = process.argv.slice(2);
  const i = argv.indexOf('--rounds');
  const rounds = i >= 0 ? Number(argv[i + 1]) : 1;
  if (!Number.isInteger(rounds) || rounds < 1 || rounds > 20) {
    process.stderr.write('bench:card: --rounds is a whole number from 1 to 20\n');
    process.exit(2);
  }
  return { json: argv.includes('--json'), rounds };
}

/** Gzipped size of the content script and every chunk it loads. */
function contentScriptGzipBytes(dir: string): number {
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as {
    content_scripts?: Array<{ js?: string[] }>;
  };
  const files = new Set<string>();
  for (const cs of manifest.content_scripts ?? []) for (const js of cs.js ?? []) files.add(js);
  let total = 0;
  for (const f of files) total += gzipSync(readFileSync(join(dir, f)), { level: 9 }).length;
  return total;
}

const round1 = (n: number | null) => (n === null ? null : Math.round(n * 10) / 10);

async function main(): Promise<void> {
  const { json, rounds } = args();
  const log = (m: string) => process.stderr.write(`${m}\n`);
  buildExtension();
  if (extensionIsStale(undefined, STORE_EXTENSION)) buildExtension({ store: true, quiet: true });
  const extDir = snapshotExtension(BUILT_EXTENSION);
  const sim = new GmailSim();
  const convs: Array<{ conv: SimConversation; bounce: boolean }> = [];
  const bounceFiles = selectBounces(E2E_FAMILIES, 3).map((f) => join(BSD, f));
  for (let r = 0; r < rounds; r++) {
    for (const f of bounceFiles) convs.push({ conv: await sim.add([f]), bounce: true });
    for (const f of NOTES) convs.push({ conv: await sim.add([f]), bounce: true });
    for (const f of NON_BOUNCES) convs.push({ conv: await sim.add([f]), bounce: false });
  }
  const ext = await launchExtension({ extensionPath: extDir, headless: true });
  const outcomes: Array<MessageOutcome & { bounce: boolean }> = [];
  try {
    await sim.install(ext.context);
    const page = await ext.context.newPage();
    await page.goto(sim.url());
    await page.waitForSelector('.sim-list');
    for (const { conv, bounce } of convs) {
      for (const o of await showConversation(page, sim, conv)) outcomes.push({ ...o, bounce });
    }
  } finally {
    await ext.close();
    rmSync(extDir, { recursive: true, force: true });
  }

  const withCard = outcomes.filter((o) => o.card && o.msToCard !== null);
  const bounces = outcomes.filter((o) => o.bounce);
  const toCard = withCard.map((o) => o.msToCard!);
  const toEnriched = outcomes.filter((o) => o.msToEnriched !== null).map((o) => o.msToEnriched!);
  const nonBounce = outcomes
    .filter((o) => !o.bounce && !o.card && o.scriptMs !== null)
    .map((o) => o.scriptMs!);
  const result = {
    cards: withCard.length,
    p50MsToCard: round1(percentile(toCard, 50)),
    p95MsToCard: round1(percentile(toCard, 95)),
    p95MsToEnriched: round1(percentile(toEnriched, 95)),
    nonBounceMsPerMessage: nonBounce.length
      ? Math.round((nonBounce.reduce((a, b) => a + b, 0) / nonBounce.length) * 1000) / 1000
      : null,
    contentScriptGzipBytes: contentScriptGzipBytes(STORE_EXTENSION),
    enrichedRatio: bounces.length
      ? Math.round(
          (bounces.filter((o) => o.raw === 'done' && o.card?.state === 'enriched').length / bounces.length) *
            1000,
        ) / 1000
      : null,
  };
  if (json) {
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } else {
    log(`messages: ${outcomes.length} (${nonBounce.length} non-bounces without a card)`);
    log(`cards: ${result.cards}  p50 ${result.p50MsToCard} ms  p95 ${result.p95MsToCard} ms (goal < 100)`);
    log(`raw enrichment p95: ${result.p95MsToEnriched} ms (goal < 1000)`);
    log(`non-bounce script time: ${result.nonBounceMsPerMessage} ms per message (goal < 1)`);
    log(`content script: ${result.contentScriptGzipBytes} bytes gzipped`);
    log(`enriched from the raw source: ${result.enrichedRatio} of bounces (goal 1)`);
    const missing = outcomes.filter((o) => o.bounce && !o.card).map((o) => o.source);
    if (missing.length) log(`bounces without a card: ${missing.join(', ')}`);
    const untimed = outcomes.filter((o) => o.card && o.msToCard === null).map((o) => o.source);
    if (untimed.length) log(`cards without a timing (not in the percentiles): ${untimed.join(', ')}`);
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`bench:card failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
