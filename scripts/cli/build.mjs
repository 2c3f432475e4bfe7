// Builds the command line into one JavaScript file, dist/cli/bounce-triage.mjs (esbuild, which the
// project has through WXT and Vite), so that it starts in plain Node without a TypeScript loader.
//
//   node scripts/cli/build.mjs            build
//   node scripts/cli/build.mjs --if-stale build only when a source is newer than the bundle
import { chmodSync, mkdirSync, readdirSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const CLI_BUNDLE = join(ROOT, 'dist', 'cli', 'bounce-triage.mjs');
const ENTRY = join(ROOT, 'scripts', 'cli', 'bounce-triage.ts');
/** What the bundle is made of: a change below these makes it stale. */
const SOURCES = [
  join(ROOT, 'scripts', 'cli'),
  join(ROOT, 'lib', 'engine'),
  join(ROOT, 'lib', 'history', 'export.ts'),
  join(ROOT, 'package-lock.json'),
];

function newestMtime(path) {
  const s = statSync(path, { throwIfNoEntry: false });
  if (!s) return 0;
  if (!s.isDirectory()) return s.mtimeMs;
  let newest = s.mtimeMs;
  for (const name of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, name)));
  return newest;
}

/** Whether the bundle is missing or older than one of its sources. */
export function cliStale() {
  const built = statSync(CLI_BUNDLE, { throwIfNoEntry: false });
  return !built || SOURCES.some((p) => newestMtime(p) > built.mtimeMs);
}

export async function buildCli() {
  const { build } = await import('esbuild');
  const { outputFiles } = await build({
    entryPoints: [ENTRY],
    outfile: CLI_BUNDLE,
    write: false,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    minify: true,
    legalComments: 'eof',
    banner: { js: '#!/usr/bin/env node' },
    logLevel: 'warning',
  });
  // Written beside and renamed into place: a process starting the command line while it is
  // rebuilt (test files run at once, each building it) reads the old file or the new one, never
  // half of one.
  if (outputFiles.length !== 1) throw new Error(`esbuild made ${outputFiles.length} files, not one`);
  const temp = `${CLI_BUNDLE}.${process.pid}.${Date.now()}.tmp`;
  mkdirSync(dirname(CLI_BUNDLE), { recursive: true });
  writeFileSync(temp, outputFiles[0].contents, { mode: 0o755 });
  chmodSync(temp, 0o755);
  renameSync(temp, CLI_BUNDLE);
  return CLI_BUNDLE;
}

/** Build when stale; the bundle's path either way. */
export async function ensureCli() {
  if (cliStale()) await buildCli();
  return CLI_BUNDLE;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const ifStale = process.argv.includes('--if-stale');
  const built = ifStale && !cliStale() ? null : await buildCli();
  process.stderr.write(built ? `built ${relative(ROOT, built)}\n` : 'bundle is up to date\n');
}
