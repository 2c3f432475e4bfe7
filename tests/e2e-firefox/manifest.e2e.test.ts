/**
 * The Firefox manifest asks for no Firefox older than the keys it uses, and the Firefox under
 * test installs it under its own add-on id.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchFirefox, type LaunchedFirefox } from './support/firefox';

type Gecko = Record<string, unknown> & { id?: string; strict_min_version?: string };
type Manifest = Record<string, unknown> & {
  manifest_version?: number;
  browser_specific_settings?: { gecko?: Gecko; gecko_android?: Gecko };
};

/**
 * The first Firefox release that understands a manifest feature, on desktop and on Android, from
 * Mozilla's documentation:
 * - Manifest V3: generally available from Firefox 109 (Extension Workshop, "Manifest V3
 *   migration guide");
 * - gecko.data_collection_permissions: desktop 140, Android 142 (Extension Workshop, "Firefox
 *   built-in consent for data collection and transmission").
 */
const FIRST_RELEASE: Record<string, { desktop: number; android?: number }> = {
  'manifest_version 3': { desktop: 109 },
  'gecko.data_collection_permissions': { desktop: 140, android: 142 },
};

const major = (v: string | undefined): number => Number(/^(\d+)/.exec(v ?? '')?.[1] ?? NaN);

function featuresUsed(m: Manifest): string[] {
  const used: string[] = [];
  if (m.manifest_version === 3) used.push('manifest_version 3');
  for (const key of Object.keys(m.browser_specific_settings?.gecko ?? {})) {
    if (key !== 'id' && key !== 'strict_min_version' && key !== 'strict_max_version')
      used.push(`gecko.${key}`);
  }
  return used;
}

let manifest: Manifest;
let ff: LaunchedFirefox;

beforeAll(async () => {
  const dir = inject('firefoxExtensionDir');
  manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Manifest;
  ff = await launchFirefox({ extensionPath: dir });
});
afterAll(async () => {
  await ff?.close();
});

describe('the Firefox manifest', () => {
  it('knows when every feature it uses first shipped', () => {
    const unknown = featuresUsed(manifest).filter((f) => !(f in FIRST_RELEASE));
    expect(unknown, 'add the first Firefox release of these keys to FIRST_RELEASE').toEqual([]);
  });

  it('asks for a desktop Firefox no older than its keys need', () => {
    const min = major(manifest.browser_specific_settings?.gecko?.strict_min_version);
    const needed = Math.max(...featuresUsed(manifest).map((f) => FIRST_RELEASE[f]!.desktop));
    expect(min).toBeGreaterThanOrEqual(needed);
  });

  it('asks for a Firefox for Android no older than its keys need', () => {
    const needed = Math.max(
      0,
      ...featuresUsed(manifest).map((f) => FIRST_RELEASE[f]!.android ?? FIRST_RELEASE[f]!.desktop),
    );
    const android = manifest.browser_specific_settings?.gecko_android?.strict_min_version;
    // Without gecko_android, Firefox for Android applies the gecko minimum.
    const min = major(android ?? manifest.browser_specific_settings?.gecko?.strict_min_version);
    expect(min).toBeGreaterThanOrEqual(needed);
  });

  it('installs in the Firefox under test, which is one it supports, under its add-on id', async () => {
    const version = major((await ff.browser.version()).replace(/^firefox\//i, ''));
    expect(version).toBeGreaterThanOrEqual(
      major(manifest.browser_specific_settings?.gecko?.strict_min_version),
    );
    expect(ff.addonId).toBe(manifest.browser_specific_settings?.gecko?.id);
  });
});
