/**
 * Renders the extension's icons (public/icon/<size>.png) from assets/icon.svg in Chromium, so the
 * PNGs are drawn by a real browser engine at each size. The PNGs are committed: building the
 * extension does not need this script.
 *
 *   npm run icons
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM, PROJECT_ROOT } from '../tests/e2e/support/extension';

const SIZES = [16, 32, 48, 96, 128];

const svg = readFileSync(join(PROJECT_ROOT, 'assets', 'icon.svg'), 'utf8');
const outDir = join(PROJECT_ROOT, 'public', 'icon');
mkdirSync(outDir, { recursive: true });

const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
try {
  for (const size of SIZES) {
    const page = await browser.newPage({ viewport: { width: size, height: size } });
    await page.setContent(
      `<html><body style="margin:0;background:transparent">` +
        `<img src="data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}" width="${size}" height="${size}" style="display:block">` +
        `</body></html>`,
    );
    await page.screenshot({ path: join(outDir, `${size}.png`), omitBackground: true });
    await page.close();
    process.stdout.write(`public/icon/${size}.png\n`);
  }
} finally {
  await browser.close();
}
