/**
 * A plain clone is the whole project: no file of the checkout may point outside it (the sibling
 * folder the project was first developed beside, an environment variable naming it, or an
 * absolute path on one machine). Everything the tests, scripts and demo read is in the
 * repository; tests/corpus/paths.ts says where.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CORPUS_BSD, GMAIL_PAGES, REPO_ROOT, VENDORED_CORPUS, benchCorpusDir } from '../corpus/paths';

// Built from pieces so that this file does not match its own patterns.
const SIBLING = 'sha' + 'red';
const OUTSIDE: { what: string; pattern: RegExp }[] = [
  { what: `a relative path up into ../${SIBLING}`, pattern: new RegExp(`\\.\\.[\\\\/]+${SIBLING}\\b`) },
  {
    what: `path segments '..', '${SIBLING}'`,
    pattern: new RegExp(`['"]\\.\\.['"]\\s*,\\s*['"]${SIBLING}['"]`),
  },
  { what: 'the old variable naming that folder', pattern: new RegExp(`BOUNCE_${SIBLING.toUpperCase()}_DIR`) },
  { what: 'an absolute path on a work machine', pattern: new RegExp(`(?<![\\w.~-])/${'wo' + 'rk'}/`) },
  { what: 'a home folder', pattern: /(?<![\w.~-])\/(?:home|Users)\/[a-z][\w.-]*\//i },
];

/** Folders that hold generated or installed files, never sources. */
const GENERATED = new Set(['node_modules', '.git', '.output', '.wxt', 'dist', 'coverage', 'demo-output']);

/** The checkout's files: git's list (tracked and new, not ignored), or a walk of a sources zip. */
function projectFiles(): string[] {
  if (existsSync(join(REPO_ROOT, '.git'))) {
    const out = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    return out.split('\0').filter((f) => f && existsSync(join(REPO_ROOT, f)));
  }
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      if (GENERATED.has(name)) continue;
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else files.push(relative(REPO_ROOT, path));
    }
  };
  walk(REPO_ROOT);
  return files;
}

const isText = (bytes: Buffer) => !bytes.subarray(0, 8000).includes(0);

describe('the checkout is self-contained', () => {
  const files = projectFiles();

  it('lists the project files, corpus included', () => {
    expect(files).toContain('package.json');
    expect(files).toContain('tests/corpus/sisimai/expected.json');
    expect(files.length).toBeGreaterThan(700);
  });

  it('has no reference to a path outside the repository', () => {
    const found: string[] = [];
    for (const file of files) {
      // The lock file names only registry URLs and package paths; the corpus messages are mail.
      if (file === 'package-lock.json' || file.startsWith('tests/corpus/sisimai/mail')) continue;
      const bytes = readFileSync(join(REPO_ROOT, file));
      if (!isText(bytes)) continue;
      const lines = bytes.toString('utf8').split('\n');
      lines.forEach((line, i) => {
        for (const { what, pattern } of OUTSIDE)
          if (pattern.test(line)) found.push(`${file}:${i + 1}: ${what}: ${line.trim().slice(0, 120)}`);
      });
    }
    expect(found).toEqual([]);
  });

  it('catches each kind of outside path (the patterns work)', () => {
    const samples = [
      `const dir = '../../../${SIBLING}/corpus';`,
      `join(root, '..', '${SIBLING}', 'seeds')`,
      `process.env.BOUNCE_${SIBLING.toUpperCase()}_DIR`,
      `cat /${'wo' + 'rk'}/main/README.md`,
      'open /ho' + 'me/alice/corpus',
    ];
    for (const s of samples)
      expect(
        OUTSIDE.some(({ pattern }) => pattern.test(s)),
        s,
      ).toBe(true);
    for (const s of ['https://example.com/work/x', 'see tests/corpus/sisimai', 'a shared helper'])
      expect(
        OUTSIDE.some(({ pattern }) => pattern.test(s)),
        s,
      ).toBe(false);
  });

  it('resolves the corpus and the page fixtures inside the checkout', () => {
    for (const dir of [VENDORED_CORPUS, CORPUS_BSD, GMAIL_PAGES]) {
      expect(relative(REPO_ROOT, dir).startsWith('..'), dir).toBe(false);
      expect(existsSync(dir), dir).toBe(true);
    }
    expect(existsSync(join(VENDORED_CORPUS, 'LICENSE'))).toBe(true);
    expect(benchCorpusDir({})).toBe(VENDORED_CORPUS);
    expect(benchCorpusDir({ BOUNCE_CORPUS: '  ' })).toBe(VENDORED_CORPUS);
    expect(benchCorpusDir({ BOUNCE_CORPUS: '/tmp/other-corpus' })).toBe('/tmp/other-corpus');
  });
});
