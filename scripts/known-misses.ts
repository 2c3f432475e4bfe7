/**
 * Writes tests/unit/known-misses.json: every corpus row and field the engine gets wrong today, with
 * the expected and the actual value and why (scored with the product labels applied). The golden
 * test fails when a row outside the list is missed (a regression), when a listed row is now right,
 * and when a listed miss now gives another value (refresh with `npm run known-misses`). The `why`
 * of a row already in the list is kept; a new row gets an empty one, to be written by hand.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadCorpus, missKey, scoreCorpus } from './bench/corpus';

export interface KnownMiss {
  row: string;
  field: string;
  expected: unknown;
  got: unknown;
  why: string;
}

const out = join(import.meta.dirname, '..', 'tests', 'unit', 'known-misses.json');
const before = new Map<string, string>();
if (existsSync(out)) {
  const old = JSON.parse(readFileSync(out, 'utf8')) as (KnownMiss | string)[];
  for (const m of old) if (typeof m !== 'string') before.set(`${m.row} ${m.field}`, m.why);
}
const { misses } = scoreCorpus(loadCorpus());
const list: KnownMiss[] = [];
const seen = new Set<string>();
for (const m of [...misses].sort((a, b) => missKey(a).localeCompare(missKey(b)))) {
  const key = missKey(m);
  if (seen.has(key)) continue;
  seen.add(key);
  // A row's category and hard/soft misses usually follow from its reason miss: same why.
  const why = before.get(key) ?? before.get(`${m.file}#${m.index} reason`) ?? '';
  list.push({ row: `${m.file}#${m.index}`, field: m.field, expected: m.expected, got: m.got, why });
}
writeFileSync(out, JSON.stringify(list, null, 1) + '\n');
process.stdout.write(`${list.length} known misses written to ${out}\n`);
