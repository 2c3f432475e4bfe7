import { defineConfig } from 'vitest/config';

// End-to-end tests: real Chromium (/usr/bin/chromium) with the built extension, driven by
// playwright-core. Each test file launches one browser; two files at a time on two cores.
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.e2e.test.ts'],
    globalSetup: ['tests/e2e/support/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    fileParallelism: true,
    maxWorkers: 2,
    pool: 'forks',
  },
});
