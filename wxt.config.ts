import { defineConfig } from 'wxt';

// See https://wxt.dev/api/config.html
export default defineConfig({
  modules: ['@wxt-dev/module-react', '@wxt-dev/webextension-polyfill'],
  manifest: {
    name: 'Bounce Triage',
    description:
      'Explains email bounces inside Gmail: what failed, why, and what to do next. Everything stays on your computer.',
    permissions: ['storage'],
    host_permissions: ['https://mail.google.com/*'],
    browser_specific_settings: {
      gecko: { id: 'bounce-triage@bounce-triage.dev', strict_min_version: '115.0' },
    },
  },
});
