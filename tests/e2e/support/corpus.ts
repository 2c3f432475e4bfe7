/**
 * The vendored bounce corpus (Sisimai's set of emails, tests/corpus/sisimai) and its expected
 * verdicts, for tests, the demo and the benchmark.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CORPUS_BSD, GMAIL_PAGES, VENDORED_CORPUS } from '../../corpus/paths';

/** The Sisimai corpus shipped in the repository. */
export const CORPUS_ROOT = VENDORED_CORPUS;
/** The hand-written Gmail-like pages (tests/fixtures/gmail-dom). */
export const GMAIL_FIXTURES = GMAIL_PAGES;
export const BSD = CORPUS_BSD;

export interface ExpectedEntry {
  file: string;
  index: number;
  is_bounce: boolean;
  recipient: string | null;
  status: string | null;
  replycode: string | null;
  reason: string;
  category: string;
  hardbounce: boolean;
}

let cache: ExpectedEntry[] | null = null;
export function expectedEntries(): ExpectedEntry[] {
  cache ??= JSON.parse(readFileSync(join(CORPUS_ROOT, 'expected.json'), 'utf8')) as ExpectedEntry[];
  return cache;
}

/** Expected rows of one maildir/bsd file name (several when a report names several recipients). */
export function expectedFor(name: string): ExpectedEntry[] {
  return expectedEntries().filter((e) => e.file === `maildir/bsd/${name}`);
}

/** Server family of a corpus file name: "lhost-postfix-03.eml" → "lhost-postfix". */
export function familyOf(name: string): string {
  return name.replace(/-\d+\.eml$/, '');
}

/**
 * A deterministic selection: the first `perFamily` bounce files (by number) of each family.
 * No file is picked for how well the engine handles it.
 */
export function selectBounces(families: readonly string[], perFamily: number): string[] {
  const out: string[] = [];
  for (const fam of families) {
    const names = [
      ...new Set(
        expectedEntries()
          .filter(
            (e) =>
              e.is_bounce && e.file.startsWith('maildir/bsd/') && familyOf(e.file.split('/').pop()!) === fam,
          )
          .map((e) => e.file.split('/').pop()!),
      ),
    ].sort((a, b) => Number(/-(\d+)\.eml$/.exec(a)?.[1]) - Number(/-(\d+)\.eml$/.exec(b)?.[1]));
    out.push(...names.slice(0, perFamily));
  }
  return out;
}

/** Families used by the e2e suite: receiving providers (rhost-), sending servers (lhost-), plain RFC 3464. */
export const E2E_FAMILIES = [
  'rhost-google',
  'rhost-microsoft',
  'rhost-apple',
  'rhost-yahooinc',
  'rhost-franceptt',
  'lhost-postfix',
  'lhost-sendmail',
  'lhost-exim',
  'lhost-qmail',
  'lhost-gmail',
  'lhost-office365',
  'lhost-exchange2007',
  'lhost-amazonses',
  'lhost-yahoo',
  'lhost-aol',
  'lhost-mailru',
  'lhost-opensmtpd',
  'rfc3464',
] as const;
