/**
 * Golden tables: every corpus bounce, through the whole pipeline, against the corpus's expected
 * results (with the product's own labels applied), one table per source family. Rows the engine is known to miss are listed in
 * known-misses.json with the expected and actual value and why (refresh with `npm run known-misses`);
 * anything else must match, and every listed miss must still be the same miss, so the list cannot
 * go stale.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCorpus, missKey, scoreCorpus } from '../../scripts/bench/corpus';
import { sourceOf } from '../../scripts/bench/score';

interface KnownMiss {
  row: string;
  field: string;
  expected: unknown;
  got: unknown;
  why: string;
}
const knownList = JSON.parse(
  readFileSync(join(import.meta.dirname, 'known-misses.json'), 'utf8'),
) as KnownMiss[];
const known = new Set(knownList.map((m) => `${m.row} ${m.field}`));

// The vendored corpus with the product's labels applied (tests/corpus/sisimai/product-labels.json).
describe('golden tables per source family', () => {
  const index = loadCorpus();
  const { misses } = scoreCorpus(index);
  const missed = new Set(misses.map(missKey));
  const missBy = new Map(misses.map((m) => [missKey(m), m]));

  it('records, for every known miss, the expected and the actual value and why', () => {
    for (const m of knownList) {
      expect(m.why, `${m.row} ${m.field}`).not.toBe('');
      const now = missBy.get(`${m.row} ${m.field}`);
      if (now)
        expect({ expected: m.expected, got: m.got }, `${m.row} ${m.field}`).toEqual({
          expected: now.expected,
          got: now.got,
        });
    }
  });
  const families = [...new Set(index.files.map(sourceOf))].sort();

  it('covers the corpus', () => {
    expect(families.length).toBeGreaterThan(60);
    expect(index.files.length).toBeGreaterThan(500);
  });

  for (const family of families) {
    it(family, () => {
      const rows = index.files
        .filter((f) => sourceOf(f) === family)
        .flatMap((f) => index.byFile.get(f)!.map((r) => `${r.file}#${r.index}`));
      const keysOf = (set: Set<string>) => [...set].filter((k) => rows.includes(k.split(' ')[0]!)).sort();
      const newMisses = keysOf(missed).filter((k) => !known.has(k));
      const nowRight = keysOf(known).filter((k) => !missed.has(k));
      expect({ newMisses, nowRight }).toEqual({ newMisses: [], nowRight: [] });
    });
  }
});
