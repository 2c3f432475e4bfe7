/**
 * The bounce corpus: where it is, its expected rows (with the product's own labels applied), and
 * one scored pass over it (shared by the benchmark, the known-misses script and the golden test).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { classifyMailbox } from '../../lib/engine/index';
import { VENDORED_CORPUS, benchCorpusDir } from '../../tests/corpus/paths';
import { ConflictCounter, decidingWording, type ConflictReport } from './conflicts';
import { Tally, flatten, scoreFile, sourceOf, type ExpectedRow, type Miss } from './score';

/** The corpus `npm run bench` scores: BOUNCE_CORPUS, else the vendored tests/corpus/sisimai. */
export const CORPUS = benchCorpusDir();

export function corpusAvailable(dir: string = CORPUS): boolean {
  return existsSync(join(dir, 'expected.json'));
}

/**
 * Which labels to score against: `product` applies product-labels.json (the rows where the
 * product deliberately reads a message differently from Sisimai), `sisimai` keeps expected.json
 * as it is.
 */
export type Labels = 'product' | 'sisimai';

export interface CorpusIndex {
  dir: string;
  labels: Labels;
  /** How many expected rows product-labels.json changed (0 for `sisimai` labels). */
  relabelled: number;
  expected: ExpectedRow[];
  byFile: Map<string, ExpectedRow[]>;
  /** One file per distinct content, in expected.json order. */
  files: string[];
}

type LabelOverride = Partial<Pick<ExpectedRow, 'recipient' | 'reason' | 'category' | 'hardbounce'>> & {
  file: string;
  index: number;
};
const OVERRIDABLE = ['recipient', 'reason', 'category', 'hardbounce'] as const;

/** Apply the overrides to the named rows and to every row with the same content and index. */
function applyProductLabels(expected: ExpectedRow[], overrides: LabelOverride[]): number {
  const byKey = new Map<string, LabelOverride>();
  const keyOf = (r: ExpectedRow) => `${r.content_sha1}#${r.index}`;
  for (const o of overrides) {
    const row = expected.find((r) => r.file === o.file && r.index === o.index);
    if (!row) throw new Error(`product-labels.json names ${o.file}#${o.index}, which expected.json lacks`);
    byKey.set(keyOf(row), o);
  }
  let changed = 0;
  for (const row of expected) {
    const o = byKey.get(keyOf(row));
    if (!o) continue;
    changed++;
    for (const field of OVERRIDABLE) if (o[field] !== undefined) Object.assign(row, { [field]: o[field] });
  }
  return changed;
}

export function loadCorpus(dir: string = VENDORED_CORPUS, labels: Labels = 'product'): CorpusIndex {
  const expected: ExpectedRow[] = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8'));
  const labelFile = join(dir, 'product-labels.json');
  const relabelled =
    labels === 'product' && existsSync(labelFile)
      ? applyProductLabels(expected, JSON.parse(readFileSync(labelFile, 'utf8')))
      : 0;
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
  return { dir, labels, relabelled, expected, byFile, files };
}

/** One corpus file's bytes (`rel` as expected.json names it). */
export function readCorpusFile(index: Pick<CorpusIndex, 'dir'>, rel: string): Uint8Array {
  return new Uint8Array(readFileSync(join(index.dir, rel)));
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
      flatten(classifyMailbox(readCorpusFile(index, file))),
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
