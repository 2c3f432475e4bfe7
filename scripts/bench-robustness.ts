/**
 * Robustness benchmark: how long the engine takes on hostile inputs, and whether that time grows
 * linearly with the input. Each shape (tests/unit/support/hostile-inputs.ts) is built at 1, 2, 4
 * and 5 MB and classified several times. The table shows the best time per size (the run least
 * disturbed by other work on the machine), the growth from 1 MB to 4 MB (4.0× is linear, 16×
 * quadratic) and the exponent fitted over all sizes on a log-log scale (1 linear, 2 quadratic;
 * below 1 the engine stops early or caps its work). Verdict: ok up to 1.3, check up to 1.6, else
 * SUPER-LINEAR; shapes that run in a few milliseconds get no verdict (timer noise).
 *
 *   npm run --silent bench:robustness                   all shapes, classifyMessage
 *   npm run --silent bench:robustness -- --api mailbox  classifyMailbox (or: visible)
 *   npm run --silent bench:robustness -- --shape many-lt --runs 5
 *   npm run --silent bench:robustness -- --quick        1 and 2 MB only, one run each
 *   npm run --silent bench:robustness -- --json         machine-readable rows
 *   npm run --silent bench:robustness -- --strict       exit 1 when a shape looks super-linear
 *
 * Figures depend on the machine and its load; compare runs on the same machine only.
 */
import { classifyMailbox, classifyMessage, classifyVisible } from '../lib/engine';
import { HOSTILE_SHAPES } from '../tests/unit/support/hostile-inputs';

const MB = 1024 * 1024;

function usage(msg: string): never {
  console.error(`bench-robustness: ${msg}`);
  console.error('options: --api message|mailbox|visible  --shape NAME  --runs N  --quick  --json  --strict');
  process.exit(2);
}

const argv = process.argv.slice(2);
const opt = {
  api: 'message',
  shape: null as string | null,
  runs: 3,
  quick: false,
  json: false,
  strict: false,
};
for (let i = 0; i < argv.length; i++) {
  const a = argv[i];
  const value = () => argv[++i] ?? usage(`${a} needs a value`);
  if (a === '--api') opt.api = value();
  else if (a === '--shape') opt.shape = value();
  else if (a === '--runs') opt.runs = Number(value());
  else if (a === '--quick') opt.quick = true;
  else if (a === '--json') opt.json = true;
  else if (a === '--strict') opt.strict = true;
  else usage(`unknown option ${a}`);
}
if (!['message', 'mailbox', 'visible'].includes(opt.api)) usage(`unknown --api ${opt.api}`);
if (!Number.isInteger(opt.runs) || opt.runs < 1) usage('--runs must be a positive integer');
const shapes = HOSTILE_SHAPES.filter((s) => !opt.shape || s.name === opt.shape);
if (shapes.length === 0)
  usage(`no shape named ${opt.shape}; known: ${HOSTILE_SHAPES.map((s) => s.name).join(', ')}`);

const SIZES_MB = opt.quick ? [1, 2] : [1, 2, 4, 5];
const RUNS = opt.quick ? 1 : opt.runs;

/** Classify once through the chosen API; returns a short description of the outcome. */
function classify(input: string): string {
  if (opt.api === 'mailbox') {
    const rs = classifyMailbox(input);
    return `${rs.length} msg`;
  }
  const r =
    opt.api === 'visible'
      ? classifyVisible({ fromAddress: 'mailer-daemon@example.net', subject: 'Undelivered', text: input })
      : classifyMessage(input);
  return `${r.kind}, ${r.records.length} rec`;
}

/** Least-squares slope of log(time) against log(size): the growth exponent, less noisy than two points. */
function logLogSlope(sizes: number[], times: number[]): number {
  const xs = sizes.map(Math.log);
  const ys = times.map((t) => Math.log(Math.max(t, 0.01)));
  const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
  const my = ys.reduce((a, b) => a + b, 0) / ys.length;
  let num = 0;
  let den = 0;
  for (let i = 0; i < xs.length; i++) {
    num += (xs[i]! - mx) * (ys[i]! - my);
    den += (xs[i]! - mx) ** 2;
  }
  return den === 0 ? 0 : num / den;
}

interface Row {
  shape: string;
  what: string;
  ms: Record<string, number>;
  growth: number | null;
  exponent: number | null;
  verdict: string;
  outcome: string;
}

// Warm the engine (JIT, lazily built tables) so the first shape is not penalised.
for (let i = 0; i < 3; i++) classify(HOSTILE_SHAPES[0]!.build(MB / 4));

const rows: Row[] = [];
for (const shape of shapes) {
  const ms: Record<string, number> = {};
  let outcome = '';
  for (const size of SIZES_MB) {
    const input = shape.build(size * MB);
    const times: number[] = [];
    for (let r = 0; r < RUNS; r++) {
      const t0 = performance.now();
      outcome = classify(input);
      times.push(performance.now() - t0);
    }
    ms[`${size}`] = Math.min(...times);
  }
  const first = SIZES_MB[0]!;
  const last = SIZES_MB[SIZES_MB.length - 1]!;
  const t1 = ms[`${first}`]!;
  const tN = ms[`${last}`]!;
  // Below a few milliseconds timer noise dominates: report the figures, but no verdict.
  const measurable = tN >= 20 && t1 >= 2;
  const growth = ms['4'] !== undefined && t1 > 0 ? ms['4']! / t1 : null;
  const exponent = measurable
    ? logLogSlope(
        SIZES_MB,
        SIZES_MB.map((sz) => ms[`${sz}`]!),
      )
    : null;
  let verdict = 'too fast to tell';
  if (exponent !== null) verdict = exponent <= 1.3 ? 'ok' : exponent <= 1.6 ? 'check' : 'SUPER-LINEAR';
  rows.push({ shape: shape.name, what: shape.what, ms, growth, exponent, verdict, outcome });
  if (!opt.json) process.stderr.write(`. ${shape.name}\n`);
}

if (opt.json) {
  console.log(JSON.stringify({ api: opt.api, sizesMB: SIZES_MB, runs: RUNS, rows }, null, 2));
} else {
  const head = [
    'shape',
    ...SIZES_MB.map((s) => `${s} MB ms`),
    `ms/MB@${SIZES_MB.at(-1)}`,
    'x 1→4 MB',
    'exponent',
    'verdict',
    `result @${SIZES_MB.at(-1)} MB`,
  ];
  const body = rows.map((r) => [
    r.shape,
    ...SIZES_MB.map((s) => r.ms[`${s}`]!.toFixed(1)),
    (r.ms[`${SIZES_MB.at(-1)}`]! / SIZES_MB.at(-1)!).toFixed(1),
    r.growth === null ? '-' : r.growth.toFixed(2),
    r.exponent === null ? '-' : r.exponent.toFixed(2),
    r.verdict,
    r.outcome,
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === 0 || i >= cells.length - 2 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!)))
      .join('  ');
  console.log(
    `engine robustness: classify${opt.api[0]!.toUpperCase()}${opt.api.slice(1)}, best of ${RUNS} run(s), node ${process.version}`,
  );
  console.log(line(head));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const b of body) console.log(line(b));
  const total = rows.reduce((sum, r) => sum + Object.values(r.ms).reduce((a, b) => a + b, 0), 0);
  const flagged = rows.filter((r) => r.verdict === 'SUPER-LINEAR' || r.verdict === 'check');
  console.log(
    `\n${rows.length} shapes, ${(total / 1000).toFixed(1)} s of engine time; exponent 1 = linear, 2 = quadratic. ` +
      (flagged.length
        ? `look at: ${flagged.map((r) => r.shape).join(', ')}`
        : 'nothing grows faster than linear.'),
  );
}

if (opt.strict && rows.some((r) => r.verdict === 'SUPER-LINEAR')) process.exit(1);
