/**
 * The engine's purity is enforced by lint (eslint.config.js). These tests lint small probe
 * sources as if they lived in lib/engine, so a config change that silently drops a zone fails here.
 * Nothing is written to disk: ESLint lints the text under a virtual file name.
 */
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
let eslint: ESLint;

beforeAll(() => {
  eslint = new ESLint({ cwd: ROOT });
});

/** Rule ids reported for `code` linted as if it were the file `path` (relative to the root). */
async function rulesFor(path: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: `${ROOT}${path}` });
  return (result?.messages ?? []).map((m) => m.ruleId ?? `fatal: ${m.message}`);
}

/** Some module that really exists in a folder, without extension, for the resolver to find. */
function moduleIn(dir: string): string {
  const file = readdirSync(`${ROOT}${dir}`).find(
    (f) => /^[a-z][\w-]*\.tsx?$/.test(f) && !f.includes('.test.'),
  );
  if (!file) throw new Error(`no module in ${dir}`);
  return file.replace(/\.tsx?$/, '');
}

const PROBE = 'lib/engine/report/__lint_probe.ts';

describe('lib/engine stays pure', () => {
  it('accepts imports inside the engine and of pure packages', async () => {
    const code =
      "import { REASON_IDS } from '../types';\nimport PostalMime from 'postal-mime';\nexport const x = [REASON_IDS, PostalMime];\n";
    expect(await rulesFor(PROBE, code)).toEqual([]);
  });

  it.each([
    ['the Gmail adapter, relative', () => `../../gmail/${moduleIn('lib/gmail')}`],
    ['the Gmail adapter, via @/', () => `@/lib/gmail/${moduleIn('lib/gmail')}`],
    ['the history store, relative', () => `../../history/${moduleIn('lib/history')}`],
    ['the history store, via ~/', () => `~/lib/history/${moduleIn('lib/history')}`],
    ['an entrypoint', () => '../../../entrypoints/background'],
  ])('rejects importing %s', async (_name, spec) => {
    const rules = await rulesFor(PROBE, `import * as m from '${spec()}';\nexport const x = m;\n`);
    expect(rules.some((r) => r === 'import/no-restricted-paths' || r === 'no-restricted-imports')).toBe(true);
  });

  it.each([
    'react',
    'react-dom/client',
    'wxt/browser',
    'wxt',
    'zustand',
    'dexie',
    'webextension-polyfill',
    '#imports',
  ])('rejects the package %s', async (pkg) => {
    const rules = await rulesFor(PROBE, `import * as m from '${pkg}';\nexport const x = m;\n`);
    expect(rules).toContain('no-restricted-imports');
  });

  it.each(['document', 'window', 'browser', 'chrome', 'localStorage', 'indexedDB'])(
    'rejects the global %s',
    async (name) => {
      const rules = await rulesFor(PROBE, `export const x = ${name};\n`);
      expect(rules).toContain('no-restricted-globals');
    },
  );

  it('lets the rest of lib/ use the browser, but not the entrypoints', async () => {
    const gmailProbe = 'lib/gmail/__lint_probe.ts';
    expect(
      await rulesFor(
        gmailProbe,
        "import { browser } from 'wxt/browser';\nexport const x = [browser, document];\n",
      ),
    ).toEqual([]);
    expect(
      await rulesFor(gmailProbe, "import * as m from '../../entrypoints/background';\nexport const x = m;\n"),
    ).toContain('import/no-restricted-paths');
  });
});
