/**
 * Writes tests/unit/known-misses.json: every row and field of the vendored corpus (product labels
 * applied) the engine gets wrong today.
 * The golden test fails when a row outside the list is missed (a regression) and when a listed
 * row is now right (the list must be refreshed: run `npm run known-misses`).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadCorpus, missKey, scoreCorpus } from './bench/corpus';

const { misses } = scoreCorpus(loadCorpus());
const keys = [...new Set(misses.map(missKey))].sort();
const out = join(import.meta.dirname, '..', 'tests', 'unit', 'known-misses.json');
writeFileSync(out, JSON.stringify(keys, null, 1) + '\n');
process.stdout.write(`${keys.length} known misses written to ${out}\n`);
