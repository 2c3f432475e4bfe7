/**
 * The registries hold together: every reason has a module, a place in the precedence list (or a
 * stated other way of being decided) and a fixture that the engine reads as that reason; no phrase
 * is in two modules; every provider's own code table agrees with the meanings and reasons the
 * engine gives its codes; and no production module is used only by tests.
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { classifyMailbox } from '../../lib/engine';
import { describeStatus, STATUS_MEANINGS } from '../../lib/engine/knowledge';
import { COMMON_WORDING, PROVIDER_MODULES } from '../../lib/engine/providers';
import { reasonFromStatus } from '../../lib/engine/reason/status-map';
import { DECIDED_ELSEWHERE, PRECEDENCE, REASON_MODULES, WEAK_PRECEDENCE } from '../../lib/engine/reasons';
import { CATEGORY_IDS, REASON_IDS } from '../../lib/engine/types';
import { CORPUS_DIR } from './support/engine-check';

const ROOT = resolve(import.meta.dirname, '..', '..');
const ACTIONS = ['remove-address', 'retry-later', 'fix-sending-setup', 'contact-recipient', 'none'];

describe('reason registry', () => {
  it('has one module per reason id, complete', () => {
    expect(Object.keys(REASON_MODULES).sort()).toEqual([...REASON_IDS].sort());
    for (const id of REASON_IDS) {
      const m = REASON_MODULES[id];
      expect(m.id, id).toBe(id);
      expect(m.title.trim(), id).not.toBe('');
      expect(m.definition.trim().endsWith('.'), `${id}: one sentence`).toBe(true);
      expect(CATEGORY_IDS, id).toContain(m.category);
      expect(ACTIONS, id).toContain(m.action);
      for (const set of Object.keys(m.when ?? {})) expect(m.phrases, `${id}.${set}`).toHaveProperty(set);
    }
  });

  it('gives every phrase set exactly one place in the precedence lists, and every reason a place', () => {
    const places = [...PRECEDENCE, ...WEAK_PRECEDENCE].map((p) => `${p.reason}.${p.set}`);
    expect(new Set(places).size).toBe(places.length);
    const sets = REASON_IDS.flatMap((id) => Object.keys(REASON_MODULES[id].phrases).map((s) => `${id}.${s}`));
    expect([...places].sort()).toEqual([...sets].sort());
    for (const p of [...PRECEDENCE, ...WEAK_PRECEDENCE])
      expect(p.why.trim(), `${p.reason}.${p.set}`).not.toBe('');
    for (const id of REASON_IDS) {
      const placed = places.some((p) => p.startsWith(`${id}.`));
      expect(placed || !!DECIDED_ELSEWHERE[id], `${id} has no place and no other way of being decided`).toBe(
        true,
      );
      if (DECIDED_ELSEWHERE[id]) expect(placed, `${id} is both placed and decided elsewhere`).toBe(false);
    }
  });

  it('has no phrase in two modules (reasons, providers, shared wording), nor twice in one', () => {
    const owners = new Map<string, string[]>();
    const add = (key: string, owner: string) => owners.set(key, [...(owners.get(key) ?? []), owner]);
    for (const id of REASON_IDS) {
      const m = REASON_MODULES[id];
      for (const [set, phrases] of Object.entries(m.phrases)) {
        // A set that applies only under a status code is a different rule from the same words without one.
        const cond = m.when?.[set] ? ` when ${m.when[set]!.source}` : '';
        for (const p of phrases) add(`${typeof p === 'string' ? p : String(p)}${cond}`, `reasons/${id}`);
      }
    }
    for (const p of PROVIDER_MODULES) for (const w of p.wording) add(w.phrase, `providers/${p.id}`);
    for (const w of COMMON_WORDING) add(w.phrase, 'providers/common');
    const twice = [...owners]
      .filter(([, list]) => list.length > 1)
      .map(([k, list]) => `${k}: ${list.join(', ')}`);
    expect(twice).toEqual([]);
  });

  it('keeps phrases lower case (the text they are matched against is)', () => {
    for (const id of REASON_IDS)
      for (const phrases of Object.values(REASON_MODULES[id].phrases))
        for (const p of phrases) if (typeof p === 'string') expect(p, id).toBe(p.toLowerCase());
  });

  it('gives each status code one owner, with a registry meaning, and reads it back', () => {
    const owner = new Map<string, string>();
    for (const id of REASON_IDS)
      for (const code of REASON_MODULES[id].statusCodes) {
        expect(owner.get(code), `${code} owned twice`).toBeUndefined();
        owner.set(code, id);
        expect(STATUS_MEANINGS[code], `X.${code} has no registry meaning`).toBeTruthy();
        // The class-4 exception for X.4.1 (a server that gave up retrying) is the one rewrite.
        expect(reasonFromStatus(`5.${code}`, null)).toBe(id);
      }
  });

  const fixtures = REASON_IDS.flatMap((id) => REASON_MODULES[id].fixtures.map((f) => [id, f] as const));
  const pathOf = (f: string) =>
    f.startsWith('corpus:')
      ? join(CORPUS_DIR, f.slice('corpus:'.length))
      : join(ROOT, 'tests', 'fixtures', f);

  it('gives every reason at least one fixture', () => {
    for (const id of REASON_IDS) expect(REASON_MODULES[id].fixtures.length, id).toBeGreaterThan(0);
  });

  it.each(fixtures)('reads the %s fixture %s as that reason', (id, f) => {
    const file = pathOf(f);
    const reasons = classifyMailbox(readFileSync(file)).flatMap((r) => r.records.map((x) => x.reason));
    expect(reasons).toContain(id);
  });
});

describe('provider registry', () => {
  it('has unique ids, hosts and domains', () => {
    const ids = PROVIDER_MODULES.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    const hosts = PROVIDER_MODULES.flatMap((p) => p.hosts);
    expect(new Set(hosts).size).toBe(hosts.length);
  });

  // Providers whose bounces the corpus lacks have fixtures written after their documented replies
  // (tests/fixtures/providers/); a new provider comes with a fixture.
  it('has a fixture for every provider', () => {
    expect(PROVIDER_MODULES.filter((p) => p.fixtures.length === 0).map((p) => p.id)).toEqual([]);
  });

  it.each(PROVIDER_MODULES.flatMap((p) => p.fixtures.map((f) => [p.id, f] as const)))(
    "reads %s's fixture %s as its own wording says, where the reply carries that wording",
    (id, f) => {
      const file = f.startsWith('corpus:')
        ? join(CORPUS_DIR, f.slice('corpus:'.length))
        : join(ROOT, 'tests', 'fixtures', f);
      const module = PROVIDER_MODULES.find((p) => p.id === id)!;
      for (const r of classifyMailbox(readFileSync(file)).flatMap((x) => x.records)) {
        if (r.provider !== id || !r.diagnostic) continue;
        const text = r.diagnostic.toLowerCase().replace(/\s+/g, ' ');
        const own = module.wording.find((w) => text.includes(w.phrase));
        if (own) expect(r.reason, `${id}: "${own.phrase}"`).toBe(own.reason);
      }
    },
  );

  it.each(PROVIDER_MODULES.flatMap((p) => p.fixtures.map((f) => [p.id, f] as const)))(
    'names %s for its fixture %s',
    (id, f) => {
      const file = f.startsWith('corpus:')
        ? join(CORPUS_DIR, f.slice('corpus:'.length))
        : join(ROOT, 'tests', 'fixtures', f);
      const providers = classifyMailbox(readFileSync(file)).flatMap((r) => r.records.map((x) => x.provider));
      expect(providers).toContain(id);
    },
  );

  it("agrees with itself: each provider's code table is what the engine says about its codes", () => {
    for (const p of PROVIDER_MODULES) {
      for (const c of p.codes) {
        expect(c.meaning.trim(), `${p.id} ${c.subject}.${c.from}`).not.toBe('');
        for (const cls of c.cls ? [c.cls] : (['4', '5'] as const))
          for (const detail of [c.from, c.to ?? c.from]) {
            const code = `${cls}.${c.subject}.${detail}`;
            const told = describeStatus(code, p.id);
            // The first entry that covers a number wins; a narrower entry listed before a range keeps it.
            const first = p.codes.find(
              (x) =>
                x.subject === c.subject &&
                (!x.cls || x.cls === cls) &&
                detail >= x.from &&
                detail <= (x.to ?? x.from),
            );
            expect(told?.detailMeaning, `${p.id} ${code}`).toBe(first!.meaning);
            expect(told?.source).toBe('provider');
            if (first === c && c.reason)
              expect(reasonFromStatus(code, p.id), `${p.id} ${code}`).toBe(c.reason);
          }
      }
      for (const w of p.wording) {
        expect(w.phrase, p.id).toBe(w.phrase.toLowerCase());
        expect(REASON_IDS, `${p.id}: ${w.phrase}`).toContain(w.reason);
      }
    }
  });
});

describe('production modules', () => {
  const SOURCE_DIRS = ['lib', 'components', 'entrypoints', 'scripts'];
  const isTest = (f: string) => /\.test\.tsx?$/.test(f) || f.includes('/support/');
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.(ts|tsx|mjs)$/.test(name) && !name.endsWith('.d.mts')) files.push(p);
    }
  };
  for (const d of SOURCE_DIRS) if (existsSync(join(ROOT, d))) walk(join(ROOT, d));

  /** The modules a file imports (relative and `@/` paths), resolved to files. */
  function importsOf(file: string): string[] {
    const text = readFileSync(file, 'utf8');
    const out: string[] = [];
    for (const m of text.matchAll(
      /(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g,
    )) {
      const spec = m[1] ?? m[2]!;
      let base: string;
      if (spec.startsWith('.')) base = resolve(dirname(file), spec);
      else if (spec.startsWith('@/') || spec.startsWith('~/')) base = resolve(ROOT, spec.slice(2));
      else continue;
      for (const cand of [
        base,
        `${base}.ts`,
        `${base}.tsx`,
        join(base, 'index.ts'),
        base.replace(/\.mjs$/, '.mjs'),
      ])
        if (existsSync(cand) && statSync(cand).isFile()) {
          out.push(cand);
          break;
        }
    }
    return out;
  }

  it('has no module under lib/ that only tests import', () => {
    const usedByProduction = new Set<string>();
    for (const f of files) if (!isTest(f)) for (const i of importsOf(f)) usedByProduction.add(i);
    // The mbox stream reader and the suppression policies are being wired in by their own work.
    const elsewhere = (rel: string) => /^lib\/engine\/(?:message\/mbox[^/]*\.ts|suppression\/)/.test(rel);
    const orphans = files
      .filter((f) => !isTest(f) && relative(ROOT, f).startsWith('lib/') && !usedByProduction.has(f))
      .filter((f) => !elsewhere(relative(ROOT, f)))
      .map((f) => relative(ROOT, f));
    expect(orphans).toEqual([]);
  });
});
