/**
 * The built manifests ask for exactly what the extension needs (storage, and mail.google.com), and
 * carry what the stores require: icons everywhere, and for Firefox an add-on id and the
 * data-collection declaration ("none") that addons.mozilla.org demands of new extensions.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { buildExtension, PROJECT_ROOT, STORE_EXTENSION } from './support/extension';

type Manifest = Record<string, unknown> & {
  permissions?: string[];
  host_permissions?: string[];
  icons?: Record<string, string>;
  content_scripts?: { matches: string[] }[];
  browser_specific_settings?: { gecko?: Record<string, unknown> };
};

const read = (dir: string): Manifest => JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));

function expectMinimal(m: Manifest, dir: string): void {
  expect(m.manifest_version).toBe(3);
  expect(m.permissions).toEqual(['storage']);
  expect(m.host_permissions).toEqual(['https://mail.google.com/*']);
  for (const key of ['optional_permissions', 'optional_host_permissions', 'externally_connectable'])
    expect(m, key).not.toHaveProperty(key);
  expect(m.content_scripts?.flatMap((c) => c.matches)).toEqual(['https://mail.google.com/*']);
  expect(Object.keys(m.icons ?? {}).sort((a, b) => +a - +b)).toEqual(['16', '32', '48', '96', '128']);
  for (const file of Object.values(m.icons ?? {})) expect(existsSync(join(dir, file)), file).toBe(true);
}

describe('manifests', () => {
  const firefoxDir = join(PROJECT_ROOT, '.output/firefox-mv3');
  beforeAll(() => buildExtension({ firefox: true, quiet: true }), 120_000);

  it('Chrome: storage and mail.google.com only, icons, no Firefox keys', () => {
    const dir = inject('extensionDir');
    const m = read(dir);
    expectMinimal(m, dir);
    expect(m).not.toHaveProperty('browser_specific_settings');
  });

  it('Firefox: the same, plus an add-on id and no data collection', () => {
    const m = read(firefoxDir);
    expectMinimal(m, firefoxDir);
    expect(m.browser_specific_settings?.gecko).toMatchObject({
      id: expect.stringMatching(/@/),
      data_collection_permissions: { required: ['none'] },
    });
  });
});

describe('timing hooks', () => {
  const HOOKS = ['data-bt-measure', 'data-bt-ms', 'data-bt-raw'];
  const contentScripts = (dir: string): string =>
    (read(dir).content_scripts as Array<{ js?: string[] }> | undefined)
      ?.flatMap((c) => c.js ?? [])
      .map((f) => readFileSync(join(dir, f), 'utf8'))
      .join('\n') ?? '';

  it('are in the measuring build the tests load, and in no store build', () => {
    const measuring = contentScripts(inject('extensionDir'));
    for (const hook of HOOKS) expect(measuring, hook).toContain(hook);
    buildExtension({ store: true, quiet: true });
    const builds = [STORE_EXTENSION, join(PROJECT_ROOT, '.output/firefox-mv3')];
    for (const dir of builds) {
      const code = contentScripts(dir);
      expect(code.length, dir).toBeGreaterThan(10_000);
      for (const hook of HOOKS) expect(code, `${hook} in ${dir}`).not.toContain(hook);
    }
  }, 120_000);
});
