/**
 * Every test file in the checkout is run by one of the suites: a unit test the unit config's
 * include list misses (as `components/dashboard/filtered.test.ts` once was) passes silently by
 * never running.
 */
import { readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import unitConfig from '../../vitest.config';
import e2eConfig from '../../vitest.e2e.config';
import firefoxConfig from '../../vitest.e2e-firefox.config';
import { REPO_ROOT } from '../corpus/paths';

const SKIPPED = new Set(['node_modules', '.git', '.output', '.wxt', 'dist', 'coverage', 'demo-output']);

function testFiles(dir: string, out: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (SKIPPED.has(entry.name)) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) testFiles(path, out);
    else if (/\.test\.tsx?$/.test(entry.name)) out.push(relative(REPO_ROOT, path).split(sep).join('/'));
  }
  return out;
}

/** A glob of the include lists ("**", "*" and literal text) as a regular expression. */
function globRegExp(glob: string): RegExp {
  const body = glob
    .split('/')
    .map((part) =>
      part === '**' ? '(?:[^/]+/)*' : part.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*') + '/',
    )
    .join('')
    .replace(/\/$/, '');
  return new RegExp(`^${body}$`);
}

function includes(config: { test?: { include?: string[] } }): RegExp[] {
  return (config.test?.include ?? []).map(globRegExp);
}

describe('test discovery', () => {
  const globs = [unitConfig, e2eConfig, firefoxConfig].flatMap((c) => includes(c as never));

  it('reads the include lists as globs', () => {
    expect(globRegExp('components/**/*.test.ts').test('components/dashboard/filtered.test.ts')).toBe(true);
    expect(globRegExp('components/**/*.test.tsx').test('components/dashboard/filtered.test.ts')).toBe(false);
    expect(globRegExp('tests/unit/**/*.test.ts').test('tests/unit/x.test.ts')).toBe(true);
  });

  it('finds every test file of the checkout in some suite', () => {
    const files = testFiles(REPO_ROOT);
    expect(files.length).toBeGreaterThan(50);
    const orphans = files.filter((f) => !globs.some((g) => g.test(f)));
    expect(orphans).toEqual([]);
  });
});
