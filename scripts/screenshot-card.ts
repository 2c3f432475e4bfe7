/**
 * README screenshots of the card in Gmail's light and dark themes (simulated Gmail, real
 * Chromium, the built extension).
 *
 *   npx tsx scripts/screenshot-card.ts            # docs/card-light.png, docs/card-dark.png, docs/note-*.png
 *   npx tsx scripts/screenshot-card.ts --out DIR
 */
import { mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { BSD } from '../tests/e2e/support/corpus';
import {
  buildExtension,
  launchExtension,
  PROJECT_ROOT,
  snapshotExtension,
} from '../tests/e2e/support/extension';
import { GmailSim } from '../tests/e2e/support/gmail-sim';
import { showConversation } from '../tests/e2e/support/measure';

const CARD_SAMPLE = join(BSD, 'rhost-google-03.eml');
const NOTE_SAMPLE = join(BSD, 'lhost-opensmtpd-06.eml');

/** Clip from the message header to a little below the card. */
async function clipMessage(page: Page, below: number) {
  return page.evaluate((extra) => {
    const msg = document.querySelector('div.adn')!.getBoundingClientRect();
    const card = document.querySelector('bounce-triage-card')!.getBoundingClientRect();
    const x = Math.max(0, msg.left - 16);
    const y = Math.max(0, msg.top - 12);
    return { x, y, width: Math.min(msg.width + 32, 1080), height: card.bottom - y + extra };
  }, below);
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const i = argv.indexOf('--out');
  const out = resolve(i >= 0 ? (argv[i + 1] ?? 'docs') : join(PROJECT_ROOT, 'docs'));
  mkdirSync(out, { recursive: true });
  buildExtension();
  const extDir = snapshotExtension();
  try {
    for (const theme of ['light', 'dark'] as const) {
      const sim = new GmailSim({ theme });
      const card = await sim.add([CARD_SAMPLE]);
      const note = await sim.add([NOTE_SAMPLE]);
      const ext = await launchExtension({
        extensionPath: extDir,
        headless: true,
        colorScheme: theme,
        viewport: { width: 1200, height: 1100 },
      });
      try {
        await sim.install(ext.context);
        const page = await ext.context.newPage();
        await page.goto(sim.url());
        await page.waitForSelector('.sim-list');
        await showConversation(page, sim, card);
        await page.screenshot({ path: join(out, `card-${theme}.png`), clip: await clipMessage(page, 60) });
        await showConversation(page, sim, note);
        await page.screenshot({ path: join(out, `note-${theme}.png`), clip: await clipMessage(page, 40) });
      } finally {
        await ext.close();
      }
      process.stderr.write(`wrote ${join(out, `card-${theme}.png`)} and note-${theme}.png\n`);
    }
  } finally {
    rmSync(extDir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`screenshot-card failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
