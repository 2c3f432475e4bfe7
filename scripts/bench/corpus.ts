/**
 * The shared corpus: where it is, its expected rows, and one scored pass over it
 * (shared by the benchmark, the known-misses script and the golden test).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { classifyMailbox } from '../../lib/engine/index';
import { ConflictCounter, decidingWording, type ConflictReport } from './conflicts';
import { Tally, flatten, scoreFile, sourceOf, type ExpectedRow, type Miss } from './score';

export const CORPUS = resolve(
  process.env.BOUNCE_CORPUS ?? join(import.meta.dirname, '..', '..', '..', 'shared', 'corpus', 'sisimai'),
);

export function corpusAvailable(): boolean {
  return existsSync(join(CORPUS, 'expected.json'));
}

export function readCorpusFile(rel: string): Uint8Array {
  return new Uint8Array(readFileSync(join(CORPUS, rel)));
}

export interface CorpusIndex {
  expected: ExpectedRow[];
  byFile: Map<string, ExpectedRow[]>;
  /** One file per distinct content, in expected.json order. */
  files: string[];
}

export function loadCorpus(): CorpusIndex {
  const expected: ExpectedRow[] = JSON.parse(readFileSync(join(CORPUS, 'expected.json'), 'utf8'));
  const byFile = new Map<string, ExpectedRow[]>();
  for (const r of expected) {
    const list = byFile.get(r.file) ?? [];
    list.push(r);
    byFile.set(r.file, list);
  }
  const seen = new Set<string>();
  const files: string[] = [];
  for (const [file, rows] of byFile) {
    const key = rows[0]!.content_sha1;
    if (seen.has(key)) continue;
    seen.add(key);
    files.push(file);
  }
  return { expected, byFile, files };
}

/** Score every distinct file; returns the totals, per-source tallies and every miss. */
export function scoreCorpus(index: CorpusIndex): {
  total: Tally;
  perSource: Map<string, Tally>;
  misses: Miss[];
  conflicts: ConflictReport;
  wordingConflicts: ConflictReport;
} {
  const total = new Tally();
  const perSource = new Map<string, Tally>();
  const misses: Miss[] = [];
  const conflicts = new ConflictCounter();
  const wording = new ConflictCounter(decidingWording);
  for (const file of index.files) {
    const t = scoreFile(
      index.byFile.get(file)!,
      flatten(classifyMailbox(readCorpusFile(file))),
      misses,
      (row, rec) => {
        conflicts.add(row, rec);
        wording.add(row, rec);
      },
    );
    total.merge(t);
    const src = sourceOf(file);
    const s = perSource.get(src) ?? new Tally();
    s.merge(t);
    perSource.set(src, s);
  }
  return { total, perSource, misses, conflicts: conflicts.report(), wordingConflicts: wording.report() };
}

/** "maildir/bsd/lhost-exim-01.eml#0 reason" */
export function missKey(m: Miss): string {
  return `${m.file}#${m.index} ${m.field}`;
}
