/**
 * Launch Debian's Firefox ESR with the built extension, driven by puppeteer-core over WebDriver
 * BiDi, and serve the Gmail simulator to its pages through request interception.
 *
 *   const ff = await launchFirefox({ extensionPath });
 *   const { page, errors } = await ff.openGmail(sim, sim.url(conv));
 *   await ff.close();
 *
 * What Firefox does here that Chromium does not (each checked with puppeteer-core 24 and
 * firefox-esr 153):
 * - `browser.installExtension(dir)` installs the unpacked build as a temporary add-on, and the
 *   manifest's host permissions are granted at install (Firefox's default
 *   `extensions.originControls.grantByDefault`), so the content script runs without a click.
 * - Navigating a page to `moz-extension://…` is refused over BiDi ("not allowed in this
 *   context"): the popup cannot be opened from a test, so popup tests stay in Chromium.
 * - Request interception is per page; requests a content script makes from that page (the raw
 *   source) are intercepted too, with the page's origin, cookies and referrer.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser, type HTTPRequest, type Page } from 'puppeteer-core';
import { PROJECT_ROOT } from '../../e2e/support/extension';
import { GmailSim, type SimRequest, type SimResponse } from '../../e2e/support/gmail-sim';

export const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
/** The Firefox measuring build (`npm run build:measure:firefox`): the store build plus timing hooks. */
export const BUILT_FIREFOX_EXTENSION = join(PROJECT_ROOT, '.output/firefox-mv3-measure');

/**
 * Preferences for a headless Firefox in a container. puppeteer-core already writes its own
 * automation profile (no first-run pages, no updates, no telemetry); these add what this machine
 * needs:
 * - no remote connections at all (safe browsing lists, captive-portal and connectivity checks,
 *   add-on metadata): the tests have no network, and a timed-out background request must not slow
 *   a test down;
 * - a fixed light theme for web content, so `prefers-color-scheme` does not follow the host;
 * - clipboard reads without Firefox's "Paste" confirmation, so a test can read what the card copied
 *   (writes need no pref: a click gives the page the user activation Firefox asks for).
 * Unlike Chromium (which needs --no-sandbox as root), Firefox ESR 153 starts headless as root with
 * its default sandbox settings and no display; no pref or switch was needed for that.
 */
export const FIREFOX_PREFS: Record<string, unknown> = {
  'browser.safebrowsing.malware.enabled': false,
  'browser.safebrowsing.phishing.enabled': false,
  'browser.safebrowsing.downloads.enabled': false,
  'browser.safebrowsing.update.enabled': false,
  'network.captive-portal-service.enabled': false,
  'network.connectivity-service.enabled': false,
  'extensions.getAddons.cache.enabled': false,
  'layout.css.prefers-color-scheme.content-override': 1,
  'dom.events.testing.asyncClipboard': true,
};

/** Replace the simulator's answer to some requests (it still records them), e.g. to fail one URL. */
export type AlterResponse = (req: SimRequest, res: SimResponse) => SimResponse;

export interface OpenedPage {
  page: Page;
  /** Uncaught errors and console.error calls, of the page's scripts and the content script. */
  errors: string[];
}

export interface LaunchedFirefox {
  browser: Browser;
  /** The add-on id Firefox installed the extension under (the manifest's gecko id). */
  addonId: string;
  /** A new tab whose requests to the simulator's origins the simulator answers; others fail. */
  openGmail(sim: GmailSim, url: string, opts?: { alter?: AlterResponse }): Promise<OpenedPage>;
  close(): Promise<void>;
}

/**
 * Answer one intercepted request from the simulator when it is for one of the simulator's origins;
 * fail every other request (the tests have no network).
 */
export async function answerFromSim(
  sim: GmailSim,
  request: HTTPRequest,
  alter: AlterResponse = (_req, res) => res,
): Promise<void> {
  const url = request.url();
  if (!GmailSim.ORIGINS.some((origin) => url.startsWith(`${origin}/`))) {
    await request.abort('internetdisconnected');
    return;
  }
  const req: SimRequest = { url, method: request.method(), headers: request.headers() };
  const res = alter(req, await sim.respond(req));
  await request.respond({ status: res.status, headers: res.headers, body: res.body });
}

/** Launch Firefox with the extension installed in a fresh profile. */
export async function launchFirefox(opts: { extensionPath: string }): Promise<LaunchedFirefox> {
  if (!existsSync(join(opts.extensionPath, 'manifest.json'))) {
    throw new Error(
      `No built extension at ${opts.extensionPath}: run \`npm run build:measure:firefox\` first`,
    );
  }
  if (!existsSync(FIREFOX))
    throw new Error(`Firefox not found at ${FIREFOX} (apt-get install -y firefox-esr)`);
  const userDataDir = mkdtempSync(join(tmpdir(), 'bt-firefox-'));
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    userDataDir,
    extraPrefsFirefox: FIREFOX_PREFS,
    // Two shared cores: a busy machine can hold a protocol answer for many seconds.
    protocolTimeout: 180_000,
    timeout: 120_000,
  });
  let addonId: string;
  try {
    addonId = await browser.installExtension(opts.extensionPath);
  } catch (e) {
    await browser.close();
    throw e;
  }
  return {
    browser,
    addonId,
    async openGmail(sim, url, opts = {}) {
      const page = await browser.newPage();
      page.setDefaultTimeout(30_000);
      const errors: string[] = [];
      // Over BiDi, Firefox reports the content script's uncaught errors and console.error calls
      // on the page too (Chromium's page events see only the page's own scripts).
      page.on('pageerror', (e) => errors.push(e instanceof Error ? e.message : String(e)));
      page.on('console', (m) => {
        if (m.type() === 'error') errors.push(`console.error: ${m.text()}`);
      });
      // Scripts run through tsx (esbuild keepNames) wrap inner functions of evaluated callbacks in
      // __name(); give pages a no-op so the same helpers work from vitest and from tsx scripts.
      await page.evaluateOnNewDocument('globalThis.__name ??= (f) => f;');
      await page.setRequestInterception(true);
      page.on('request', (request) => {
        answerFromSim(sim, request, opts.alter).catch(() => undefined);
      });
      await page.goto(url);
      return { page, errors };
    },
    async close() {
      await browser.close().catch(() => undefined);
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/** Open the simulator's inbox (its list of conversations) in a new tab, for one page life. */
export async function openInbox(ff: LaunchedFirefox, sim: GmailSim): Promise<OpenedPage> {
  const opened = await ff.openGmail(sim, sim.url());
  await opened.page.waitForSelector('.sim-list');
  return opened;
}
