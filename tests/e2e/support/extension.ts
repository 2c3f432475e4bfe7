/**
 * Launch Debian's Chromium with the built extension, for end-to-end tests, the demo and benchmarks.
 *
 * Generic on purpose: the Gmail tests and the popup tests both use it.
 *
 *   const ext = await launchExtension();
 *   const page = await ext.context.newPage();
 *   await ext.openPopup(page);
 *   await ext.close();
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page, type Worker } from 'playwright-core';
import type { GmailSim } from './gmail-sim';

export const PROJECT_ROOT = resolve(import.meta.dirname, '../../..');
/**
 * The measuring build the tests, the demo and the benchmarks load: the store build plus the timing
 * hooks (data-bt-ms, data-bt-raw; see wxt.config.ts). `npm run build` never writes it.
 */
export const BUILT_EXTENSION = join(PROJECT_ROOT, '.output/chrome-mv3-measure');
/** The store build (`npm run build`): no timing hooks. */
export const STORE_EXTENSION = join(PROJECT_ROOT, '.output/chrome-mv3');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Source paths whose changes make the built extension stale. */
const SOURCE_DIRS = ['entrypoints', 'components', 'lib', 'public', 'assets'];
const SOURCE_FILES = ['wxt.config.ts', 'package.json'];

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = 0;
  for (const name of readdirSync(path)) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    newest = Math.max(newest, newestMtime(join(path, name)));
  }
  return newest;
}

/** True when the build in `dir` is missing or older than any source file. */
export function extensionIsStale(root = PROJECT_ROOT, dir = BUILT_EXTENSION): boolean {
  const manifest = join(dir, 'manifest.json');
  if (!existsSync(manifest)) return true;
  const built = statSync(manifest).mtimeMs;
  const newest = Math.max(
    ...SOURCE_DIRS.map((d) => newestMtime(join(root, d))),
    ...SOURCE_FILES.map((f) => newestMtime(join(root, f))),
  );
  return newest > built;
}

/**
 * Build an extension with WXT. By default the Chrome measuring build (.output/chrome-mv3-measure),
 * only when it is missing or stale (or `force`). `store: true` builds the store build instead
 * (.output/chrome-mv3, always). With `firefox`, the Firefox MV3 store build (.output/firefox-mv3),
 * or with `firefox` and `measure: true` the Firefox measuring build (.output/firefox-mv3-measure),
 * always.
 */
export function buildExtension(
  opts: { force?: boolean; quiet?: boolean; firefox?: boolean; store?: boolean; measure?: boolean } = {},
): void {
  const measure = opts.firefox ? !!opts.measure : !opts.store;
  if (!opts.firefox && measure && !opts.force && !extensionIsStale()) return;
  // A clean production environment: started from vitest, NODE_ENV=test and VITEST* would leak into
  // the build (development React, test-mode WXT), which is not what users run.
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !/^(VITEST|NODE_ENV$|TEST$|MODE$|BT_MEASURE$)/.test(k)),
  );
  env.NODE_ENV = 'production';
  if (measure) env.BT_MEASURE = '1';
  execFileSync('npx', ['wxt', 'build', ...(opts.firefox ? ['-b', 'firefox', '--mv3'] : [])], {
    cwd: PROJECT_ROOT,
    env,
    stdio: opts.quiet ? 'ignore' : ['ignore', process.stderr, process.stderr],
  });
}

/**
 * Copy the built extension to a private directory, so a concurrent `wxt build` by someone else
 * cannot change files under a running browser. Returns the copy's path.
 */
export function snapshotExtension(from = BUILT_EXTENSION): string {
  if (!existsSync(join(from, 'manifest.json'))) {
    throw new Error(`No built extension at ${from}: run \`npm run build:measure\` first`);
  }
  const dir = mkdtempSync(join(tmpdir(), 'bt-ext-'));
  cpSync(from, dir, { recursive: true });
  return dir;
}

export const HEADLESS_ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface LaunchOptions {
  /** Unpacked extension directory; defaults to $BT_EXTENSION_DIR or .output/chrome-mv3-measure. */
  extensionPath?: string;
  /** Headless unless false; defaults to headless when there is no DISPLAY. */
  headless?: boolean;
  /** Page colour scheme Chromium reports (prefers-color-scheme). */
  colorScheme?: 'light' | 'dark';
  viewport?: { width: number; height: number };
  /** Extra Chromium arguments. */
  args?: string[];
}

export interface LaunchedExtension {
  context: BrowserContext;
  extensionId: string;
  /** The extension's background service worker. */
  serviceWorker: Worker;
  userDataDir: string;
  /** chrome-extension://<id>/<path> */
  extensionUrl(path: string): string;
  /** Open the popup page (popup.html) in `page`, or in a new tab. */
  openPopup(page?: Page): Promise<Page>;
  /** Close the browser and remove the profile. */
  close(): Promise<void>;
}

/** Launch Chromium with the extension in a fresh profile. */
export async function launchExtension(opts: LaunchOptions = {}): Promise<LaunchedExtension> {
  const extensionPath = opts.extensionPath ?? process.env.BT_EXTENSION_DIR ?? BUILT_EXTENSION;
  if (!existsSync(join(extensionPath, 'manifest.json'))) {
    throw new Error(`No built extension at ${extensionPath}: run \`npm run build:measure\` first`);
  }
  if (!existsSync(CHROMIUM))
    throw new Error(`Chromium not found at ${CHROMIUM} (apt-get install -y chromium)`);
  const headless = opts.headless ?? !process.env.DISPLAY;
  const userDataDir = mkdtempSync(join(tmpdir(), 'bt-profile-'));
  const args = [
    ...(headless ? HEADLESS_ARGS : HEADLESS_ARGS.filter((a) => !a.startsWith('--headless'))),
    `--disable-extensions-except=${extensionPath}`,
    `--load-extension=${extensionPath}`,
    ...(opts.args ?? []),
  ];
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    // Playwright's own headless switch would add the old headless mode; the args carry --headless=new.
    headless: false,
    args,
    ignoreDefaultArgs: ['--disable-extensions', '--disable-component-extensions-with-background-pages'],
    viewport: opts.viewport ?? { width: 1280, height: 900 },
    colorScheme: opts.colorScheme ?? 'light',
  });
  // Scripts run through tsx (esbuild keepNames) wrap inner functions of page.evaluate callbacks in
  // __name(); give pages a no-op so the same helpers work from vitest and from tsx scripts.
  await context.addInitScript({ content: 'globalThis.__name ??= (f) => f;' });
  let serviceWorker = context.serviceWorkers()[0];
  serviceWorker ??= await context.waitForEvent('serviceworker', { timeout: 15_000 });
  const extensionId = new URL(serviceWorker.url()).host;
  const extensionUrl = (path: string) => `chrome-extension://${extensionId}/${path.replace(/^\//, '')}`;
  return {
    context,
    extensionId,
    serviceWorker,
    userDataDir,
    extensionUrl,
    async openPopup(page?: Page) {
      const p = page ?? (await context.newPage());
      await p.goto(extensionUrl('popup.html'));
      return p;
    },
    async close() {
      await context.close().catch(() => undefined);
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/**
 * A new tab on the simulator's URL with the simulator serving it, and the page's uncaught errors
 * collected (a test expects none).
 */
export async function openSimPage(
  context: BrowserContext,
  sim: GmailSim,
  url: string,
): Promise<{ page: Page; errors: string[] }> {
  await sim.install(context);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(url);
  return { page, errors };
}
