/**
 * Regex backtracking audit for the engine. Email content is untrusted, and one regular expression
 * that backtracks badly on a crafted header can freeze the Gmail tab. This script pulls every regex
 * literal out of lib/engine/**.ts (tests excluded), runs each on runs of characters that mail is
 * made of ('@', '.', digits, '=?', spaces …) at 1000 and 2000 characters, and reports the ones whose
 * time grows much faster than the input (a ratio near 2 is linear, 4 quadratic, 8 cubic).
 *
 *   npx tsx scripts/audit-regex.ts            report, exit 0
 *   npx tsx scripts/audit-regex.ts --strict   exit 1 when an input-facing regex is flagged
 *
 * It is a probe, not a proof: the literal extraction is textual, and only repeated-unit inputs are
 * tried. Regexes that never see message text (they run on the engine's own rule sources) are listed
 * in NOT_INPUT_FACING below with the reason.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const ROOT = join(import.meta.dirname, '..');
const ENGINE = join(ROOT, 'lib', 'engine');

/** file:regex-source prefixes that only ever run on the engine's own data, with why. */
const NOT_INPUT_FACING: { file: string; startsWith: string; why: string }[] = [
  {
    file: 'lib/engine/reason/classify.ts',
    startsWith: '[\\u0000.*+?{}^$|]+|',
    why: 'splits the source text of the engine’s own phrase rules, never message text',
  },
];

const UNITS = ['@', 'a', '.', '-', ' ', '<', '>', '=', ':', ';', '"', '_', '5', '\t', '\n'];
const PAIRS = ['a@', '@.', 'a.', '5.', '=?', 'a ', '<a', '-a', '-@', 'aA', 'a\n', ' \n', '> ', '5 '];
const SIZES = [1000, 2000] as const;

function engineFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...engineFiles(p));
    else if (p.endsWith('.ts') && !p.endsWith('.test.ts')) out.push(p);
  }
  return out.sort();
}

// A regex literal: "/…/flags" after a token that can precede an expression. Textual, so it can
// miss a literal or pick up a division; a bad pick fails to compile and is skipped.
const LITERAL =
  /(?:^|[=(,:[!&|?{};]|\breturn|\bof)\s*\/((?![*/])(?:\\.|\[(?:\\.|[^\]\\\n])*\]|[^/\\\n[])+)\/([dgimsuvy]*)/gm;

interface Flag {
  where: string;
  source: string;
  unit: string;
  ms: number[];
  inputFacing: boolean;
  why?: string;
}

function timeOn(re: RegExp, unit: string, size: number): number {
  // A trailing control character makes most patterns fail at the very end: the worst case.
  const s = unit.repeat(Math.ceil(size / unit.length)) + '\u0001';
  const t0 = performance.now();
  re.lastIndex = 0;
  re.exec(s);
  return performance.now() - t0;
}

const flags: Flag[] = [];
let checked = 0;
for (const file of engineFiles(ENGINE)) {
  const src = readFileSync(file, 'utf8');
  const rel = relative(ROOT, file);
  for (const m of src.matchAll(LITERAL)) {
    let re: RegExp;
    try {
      re = new RegExp(m[1]!, m[2]!.replace(/[gy]/g, ''));
    } catch {
      continue;
    }
    checked++;
    const line = src.slice(0, m.index).split('\n').length;
    for (const unit of [...UNITS, ...PAIRS]) {
      const small = timeOn(re, unit, SIZES[0]);
      if (small < 2) continue; // fast at 1000 characters: nothing to see
      const large = timeOn(re, unit, SIZES[1]);
      if (large < 20 || large / Math.max(small, 0.5) < 2.8) continue;
      const exempt = NOT_INPUT_FACING.find((e) => e.file === rel && m[1]!.startsWith(e.startsWith));
      flags.push({
        where: `${rel}:${line}`,
        source: m[1]!,
        unit,
        ms: [small, large],
        inputFacing: !exempt,
        why: exempt?.why,
      });
    }
  }
}

console.log(
  `regex audit: ${checked} regex literals in lib/engine, ${UNITS.length + PAIRS.length} inputs each`,
);
if (flags.length === 0) {
  console.log('no regex grows faster than linear on the probe inputs.');
} else {
  for (const f of flags) {
    const ratio = (f.ms[1]! / Math.max(f.ms[0]!, 0.5)).toFixed(1);
    const tag = f.inputFacing ? 'FLAGGED' : 'ignored';
    console.log(
      `${tag}  ${f.where}  input ${JSON.stringify(f.unit)}×n  ${SIZES[0]}: ${f.ms[0]!.toFixed(0)} ms  ` +
        `${SIZES[1]}: ${f.ms[1]!.toFixed(0)} ms  (×${ratio})`,
    );
    console.log(`         /${f.source.length > 100 ? `${f.source.slice(0, 100)}…` : f.source}/`);
    if (f.why) console.log(`         ${f.why}`);
  }
}
const bad = new Set(flags.filter((f) => f.inputFacing).map((f) => f.where));
console.log(`\n${bad.size} input-facing regex(es) flagged.`);
if (process.argv.includes('--strict') && bad.size > 0) process.exit(1);
