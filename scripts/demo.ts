/**
 * Bounce Triage demo: builds the extension and opens Chromium with it on a simulated Gmail inbox
 * of sample bounces (no Gmail account needed).
 *
 *   npm run demo                                  # sample inbox; headed with a DISPLAY, else screenshots
 *   npm run demo -- --theme dark                  # Gmail's dark theme
 *   npm run demo -- --popup                       # then the history popup with what was captured
 *   npm run --silent demo -- --eml FILE --json    # one JSON object per card, on stdout
 *   npm run --silent demo -- --eml A --eml B --json  # A and B as one conversation
 *
 * Options: --eml FILE (repeatable), --json, --theme light|dark, --popup, --out DIR (screenshots,
 * default demo-output/), --headless / --headed, --rebuild (build even when fresh), --account u/1.
 * The sample inbox is a selection of the corpus shipped in tests/corpus/sisimai.
 */
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import {
  buildExtension,
  launchExtension,
  PROJECT_ROOT,
  snapshotExtension,
} from '../tests/e2e/support/extension';
import { CORPUS_BSD } from '../tests/corpus/paths';
import { GmailSim, type SimConversation } from '../tests/e2e/support/gmail-sim';
import { waitForList } from '../tests/e2e/support/history-helpers';
import { cardJson, showConversation } from '../tests/e2e/support/measure';

interface Options {
  emls: string[];
  json: boolean;
  popup: boolean;
  theme: 'light' | 'dark';
  out: string;
  headless: boolean;
  rebuild: boolean;
  account: string;
}

function usage(msg: string): never {
  process.stderr.write(
    `demo: ${msg}\nusage: npm run --silent demo -- [--eml FILE]... [--json] [--theme light|dark] [--popup] [--out DIR] [--headless|--headed] [--rebuild] [--account u/N]\n`,
  );
  process.exit(2);
}

function parseArgs(argv: string[]): Options {
  const o: Options = {
    emls: [],
    json: false,
    popup: false,
    theme: 'light',
    out: join(PROJECT_ROOT, 'demo-output'),
    headless: !process.env.DISPLAY,
    rebuild: false,
    account: 'u/0',
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value = () => argv[++i] ?? usage(`${a} needs a value`);
    if (a === '--eml') o.emls.push(resolve(value()));
    else if (a === '--json') o.json = true;
    else if (a === '--popup') o.popup = true;
    else if (a === '--theme') {
      const t = value();
      if (t !== 'light' && t !== 'dark') usage('--theme is light or dark');
      o.theme = t;
    } else if (a === '--out') o.out = resolve(value());
    else if (a === '--headless') o.headless = true;
    else if (a === '--headed') o.headless = false;
    else if (a === '--rebuild') o.rebuild = true;
    else if (a === '--account') {
      o.account = value();
      if (!/^(?:b\/[^/]+\/)?u\/\d+$/.test(o.account)) usage('--account looks like u/1 or b/<id>/u/0');
    } else if (a === '--help' || a === '-h') usage('help');
    else usage(`unknown option ${a}`);
  }
  for (const f of o.emls) if (!existsSync(f)) usage(`no such file: ${f}`);
  if (o.json && o.emls.length === 0) usage('--json needs --eml FILE');
  return o;
}

/** A varied sample: providers, categories, a multi-recipient report, a delay notice, an auto-reply. */
const SAMPLES = [
  'lhost-gmail-01.eml',
  'lhost-office365-01.eml',
  'rhost-google-03.eml',
  'lhost-yahoo-02.eml',
  'lhost-exim-01.eml',
  'rhost-apple-03.eml',
  'lhost-postfix-02.eml',
  'lhost-sendmail-01.eml',
  'lhost-opensmtpd-06.eml',
  'rfc3834-01.eml',
];

const log = (msg: string) => process.stderr.write(`${msg}\n`);

async function main(): Promise<void> {
  const o = parseArgs(process.argv.slice(2));
  log(o.json ? 'building the extension (if sources changed)…' : 'building the extension…');
  buildExtension({ force: o.rebuild });
  const extDir = snapshotExtension();
  const sim = new GmailSim({ theme: o.theme });
  const conversations: SimConversation[] = [];
  if (o.emls.length > 0) {
    conversations.push(await sim.add(o.emls.map((path) => ({ path, raw: readFileSync(path) }))));
  } else {
    for (const name of SAMPLES) conversations.push(await sim.add([join(CORPUS_BSD, name)]));
  }
  const headless = o.json ? true : o.headless;
  const ext = await launchExtension({
    extensionPath: extDir,
    headless,
    colorScheme: o.theme,
    viewport: { width: 1280, height: 1000 },
  });
  try {
    await sim.install(ext.context);
    const page = ext.context.pages()[0] ?? (await ext.context.newPage());
    await page.goto(sim.url(undefined, o.account));
    await page.waitForSelector('.sim-list');
    if (!o.json) mkdirSync(o.out, { recursive: true });
    if (!o.json && headless) await page.screenshot({ path: join(o.out, `inbox-${o.theme}.png`) });

    for (const conv of conversations) {
      const outcomes = await showConversation(page, sim, conv, { openDetails: o.json });
      if (o.json) {
        for (const out of outcomes) if (out.card) process.stdout.write(`${JSON.stringify(cardJson(out))}\n`);
        if (!outcomes.some((x) => x.card))
          log('no card: the extension found no bounce, delay notice or report in this conversation');
        continue;
      }
      const shown = outcomes.filter((x) => x.card);
      for (const out of shown) {
        log(
          `${basename(out.source ?? '?')}: ${out.card!.categoryTitle} (${out.card!.kind}) in ${out.msToCard?.toFixed(1)} ms`,
        );
      }
      if (shown.length === 0) log(`${conv.messages.map((m) => m.source).join(', ')}: no card`);
      if (headless) {
        const name = (conv.messages[0]?.source ?? conv.threadHex).replace(/\.eml$/, '');
        await page.screenshot({ path: join(o.out, `${name}-${o.theme}.png`), fullPage: false });
      }
    }
    if (o.popup && !o.json) {
      // The toolbar button's popup, opened as a tab: the history of the bounces just shown.
      const popup = await ext.openPopup();
      await popup.setViewportSize({ width: 800, height: 600 });
      await waitForList(popup);
      if (headless) await popup.screenshot({ path: join(o.out, `history-${o.theme}.png`) });
      log("history popup: the bounces above are in the extension's history");
    }
    if (!o.json && headless) log(`screenshots in ${o.out}`);
    if (!headless && !o.json) {
      await page.evaluate(() => (location.hash = '#inbox'));
      log('Chromium is open on the simulated inbox; close the window to finish.');
      await new Promise<void>((r) => ext.context.on('close', () => r()));
    }
  } finally {
    await ext.close();
    rmSync(extDir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`demo failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
