import { execFileSync } from 'node:child_process';
import { defineConfig } from 'wxt';

/**
 * The files git tracks, for the sources package: exactly the project, never what else lies in the
 * working tree (local output, notes, a stray .env). Null outside a git checkout.
 */
function trackedFiles(): string[] | null {
  try {
    const out = execFileSync('git', ['ls-files', '-z'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
      maxBuffer: 64 * 1024 * 1024,
    });
    // Each path as a glob that matches only itself.
    return out
      .split('\0')
      .filter(Boolean)
      .map((file) => file.replace(/[*?[\]{}()!+@\\]/g, '\\$&'));
  } catch {
    return null;
  }
}
const tracked = trackedFiles();

/**
 * The measuring build: `BT_MEASURE=1 wxt build` (npm run build:measure) writes
 * .output/chrome-mv3-measure, and `BT_MEASURE=1 wxt build -b firefox --mv3`
 * (npm run build:measure:firefox) writes .output/firefox-mv3-measure. Only these carry the timing
 * hooks end-to-end tests and bench:card read (lib/gmail/measure.ts); `npm run build` and
 * `npm run zip` never do. (Not a WXT mode: WXT would also make React a development build.)
 */
const MEASURING = process.env.BT_MEASURE === '1';

// See https://wxt.dev/api/config.html
export default defineConfig({
  modules: ['@wxt-dev/module-react', '@wxt-dev/webextension-polyfill'],
  ...(MEASURING && { outDirTemplate: '{{browser}}-mv{{manifestVersion}}-measure' }),
  vite: () => ({ define: { __BT_MEASURING_BUILD__: JSON.stringify(MEASURING) } }),
  // The sources package for addons.mozilla.org: tracked files only (`git ls-files`; WXT leaves out
  // the test files); from an unpacked sources package (no git), everything but local run output.
  zip: tracked
    ? { includeSources: tracked, dotSources: true }
    : { excludeSources: ['demo-output/**', 'coverage/**', 'test-results/**', 'bench-results/**'] },
  manifest: ({ browser }) => ({
    name: 'Bounce Triage',
    description:
      'Explains email bounces inside Gmail: what failed, why, and what to do next. Everything stays on your computer.',
    permissions: ['storage'],
    host_permissions: ['https://mail.google.com/*'],
    // Firefox only (Chrome would list the key as unrecognised).
    ...(browser === 'firefox' && {
      browser_specific_settings: {
        gecko: {
          id: 'bounce-triage@bounce-triage.dev',
          // The oldest Firefox that understands every key here: data_collection_permissions needs
          // desktop 140 and Android 142 (Mozilla's Extension Workshop, "Firefox built-in consent
          // for data collection and transmission"); older ones warn or refuse the manifest.
          // tests/e2e-firefox/manifest.e2e.test.ts checks the built manifest against that table.
          strict_min_version: '140.0',
          // Required by addons.mozilla.org for new extensions: this one sends nothing anywhere.
          data_collection_permissions: { required: ['none'] },
        },
        gecko_android: { strict_min_version: '142.0' },
      },
    }),
  }),
});
