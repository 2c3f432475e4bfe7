/**
 * Where the project's test material lives. Every test, script and benchmark takes its paths from
 * here, and all of them lie inside the checkout: a plain clone is the whole project.
 */
import { join, resolve } from 'node:path';

/** The checkout's root folder. */
export const REPO_ROOT = resolve(import.meta.dirname, '..', '..');

/** The Sisimai corpus shipped with the project (tests, the demo and the golden list read this one). */
export const VENDORED_CORPUS = join(REPO_ROOT, 'tests', 'corpus', 'sisimai');

/** One message per file, LF line ends: the files tests and the demo name one by one. */
export const CORPUS_BSD = join(VENDORED_CORPUS, 'maildir', 'bsd');

/** The hand-written Gmail-like pages (tests/fixtures/gmail-dom). */
export const GMAIL_PAGES = join(REPO_ROOT, 'tests', 'fixtures', 'gmail-dom');

/**
 * The corpus the benchmark scores: `BOUNCE_CORPUS` when it is set (a folder laid out like
 * tests/corpus/sisimai), else the vendored one. Nothing else is ever looked for.
 */
export function benchCorpusDir(env: NodeJS.ProcessEnv = process.env): string {
  const dir = env.BOUNCE_CORPUS?.trim();
  return dir ? resolve(dir) : VENDORED_CORPUS;
}
