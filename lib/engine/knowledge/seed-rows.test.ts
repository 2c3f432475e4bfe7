import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CATEGORIES, SEED_CATEGORY_MEANINGS, SEED_ROWS, lookupSeedRows } from './index';
import { REPO_ROOT } from '../../../tests/corpus/paths';

/** Category title (any case) → id, from the knowledge base's own titles. */
const TITLE_TO_ID = new Map(Object.values(CATEGORIES).map((c) => [c.title.toLowerCase(), c.id]));

/**
 * The code-table rows of the four guide versions (000–003), as extracted into
 * tests/reference/seed-code-rows.json: "reply enhanced" → the category ids the guide files it under.
 */
function parseSeedTables(): Map<string, Set<string>> {
  const file = join(REPO_ROOT, 'tests', 'reference', 'seed-code-rows.json');
  const { rows } = JSON.parse(readFileSync(file, 'utf8')) as {
    rows: { category: string; reply: string; enhanced: string; seeds: string[] }[];
  };
  expect(new Set(rows.flatMap((r) => r.seeds)).size).toBe(4);
  const pairs = new Map<string, Set<string>>();
  for (const { category, reply, enhanced } of rows) {
    const id = TITLE_TO_ID.get(category.toLowerCase());
    expect(id, category).toBeDefined();
    const key = `${reply} ${enhanced}`;
    const set = pairs.get(key) ?? new Set<string>();
    set.add(id!);
    pairs.set(key, set);
  }
  return pairs;
}

describe('seed rows', () => {
  const parsed = parseSeedTables();

  it('holds exactly the deduplicated union of the seed tables', () => {
    // the guide's tables have a little under two hundred distinct pairs
    expect(parsed.size).toBeGreaterThan(150);
    expect(SEED_ROWS.length).toBe(parsed.size);
    const ours = new Map(SEED_ROWS.map((r) => [`${r.replyCode} ${r.enhanced}`, r]));
    expect(ours.size).toBe(SEED_ROWS.length);
    for (const [key, cats] of parsed) {
      const row = ours.get(key);
      expect(row, key).toBeDefined();
      expect([...row!.categories].sort(), key).toEqual([...cats].sort());
    }
  });

  it('explains every row filed under several categories', () => {
    const multi = SEED_ROWS.filter((r) => r.categories.length > 1);
    expect(multi.length).toBeGreaterThanOrEqual(4);
    for (const r of multi) expect(r.note, `${r.replyCode} ${r.enhanced}`).toBeTruthy();
    for (const [reply, status] of [
      ['550', '5.2.2'],
      ['554', '5.7.1'],
      ['550', '5.7.26'],
      ['550', '5.2.1'],
    ] as const) {
      expect(lookupSeedRows(reply, status)[0]?.categories.length, `${reply} ${status}`).toBeGreaterThan(1);
    }
  });

  it('attaches specific meanings to categories the row belongs to', () => {
    for (const r of SEED_ROWS) {
      for (const m of r.meanings) {
        expect(r.categories).toContain(m.category);
        expect(m.text.trim()).not.toBe('');
      }
    }
    const inactive = lookupSeedRows('550', '5.2.1')[0]!;
    expect(inactive.meanings.map((m) => m.category).sort()).toEqual(['invalid-address', 'rate-limit']);
    expect(lookupSeedRows('550', '5.7.705')[0]!.meanings[0]!.text).toMatch(/Microsoft 365/);
    expect(lookupSeedRows('521', '5.3.0')[0]!.meanings[0]!.text).toMatch(/Cloudflare/);
    expect(lookupSeedRows('550', '5.4.316')[0]!.meanings[0]!.text).toMatch(/expired/);
    expect(lookupSeedRows('605', null)[0]!.meanings[0]!.text).toMatch(/bounce list/);
    for (const id of new Set(SEED_ROWS.flatMap((r) => r.categories)))
      expect(SEED_CATEGORY_MEANINGS[id], id).toBeTruthy();
  });

  it('looks rows up by code, treating "-", "Missing" and "NA" as no code', () => {
    expect(lookupSeedRows('550', '5.1.1').map((r) => r.categories)).toEqual([['invalid-address']]);
    expect(lookupSeedRows(' 554 ', ' 5.2.3 ')[0]?.categories).toEqual(['blocked']);
    const noCode550 = lookupSeedRows('550', null);
    expect(noCode550.map((r) => r.enhanced).sort()).toEqual(['-', 'Missing']);
    expect(
      lookupSeedRows('554', '')
        .map((r) => r.enhanced)
        .sort(),
    ).toEqual(['-', 'NA']);
    expect(lookupSeedRows('554', 'NA')).toEqual(lookupSeedRows('554', null));
    expect(lookupSeedRows('550', '9.9.9')).toEqual([]);
    expect(lookupSeedRows(null, '5.1.1')).toEqual([]);
    expect(lookupSeedRows(undefined, undefined)).toEqual([]);
  });

  it('returns copies, so callers cannot change the table', () => {
    const rows = lookupSeedRows('550', '5.1.1');
    rows.pop();
    expect(lookupSeedRows('550', '5.1.1')).toHaveLength(1);
  });
});
