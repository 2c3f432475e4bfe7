import { defineConfig } from 'vitest/config';

// End-to-end tests in real Firefox: Debian's firefox-esr (/usr/bin/firefox-esr, or $FIREFOX_PATH)
// with the built Firefox MV3 extension, driven by puppeteer-core over WebDriver BiDi. Each test file
// launches one browser; two files at a time on two cores.
export default defineConfig({
  test: {
    include: ['tests/e2e-firefox/**/*.e2e.test.ts'],
    globalSetup: ['tests/e2e-firefox/support/global-setup.ts'],
    testTimeout: 90_000,
    hookTimeout: 180_000,
    fileParallelism: true,
    maxWorkers: 2,
    pool: 'forks',
  },
});
