import { defineConfig } from 'wxt';

// See https://wxt.dev/api/config.html
export default defineConfig({
  modules: ['@wxt-dev/module-react', '@wxt-dev/webextension-polyfill'],
  // The sources package for addons.mozilla.org: the project, not local run output.
  zip: { excludeSources: ['demo-output/**', 'coverage/**', 'test-results/**', 'bench-results/**'] },
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
