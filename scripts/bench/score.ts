/**
 * Scoring of engine predictions against the corpus's expected.json, by the corpus README's rules:
 * each (content_sha1, index) counted once; a prediction matched to a row by recipient, else by
 * position among the file's bounces; status compared on rfc3463 rows only, reply code where the
 * row has one; non-bounce rows must be recognised as their kind.
 */
import type { BounceRecord, BounceResult, MessageKind } from '../../lib/engine/types';

export interface ExpectedRow {
  file: string;
  index: number;
  is_bounce: boolean;
  recipient: string | null;
  status: string | null;
  status_kind: string;
  replycode: string | null;
  reason: string;
  category: string;
  hardbounce: boolean;
  content_sha1: string;
  line_ending_variants: string[];
}

export interface Prediction {
  kind: MessageKind;
  record: BounceRecord | null;
}

/** Flatten a file's results: one entry per record (or per message without records), in order. */
export function flatten(results: BounceResult[]): Prediction[] {
  const out: Prediction[] = [];
  for (const r of results) {
    if (r.records.length) for (const rec of r.records) out.push({ kind: r.kind, record: rec });
    else out.push({ kind: r.kind, record: null });
  }
  return out;
}

const NON_BOUNCE_KIND: Record<string, MessageKind> = {
  vacation: 'auto-reply',
  feedback: 'complaint',
  delivered: 'delivered',
};

export const FIELDS = [
  'detection',
  'recipient',
  'status',
  'replyCode',
  'reason',
  'category',
  'hard',
  'nonBounceKind',
] as const;
export type Field = (typeof FIELDS)[number];

export class Tally {
  ok: Record<Field, number> = Object.fromEntries(FIELDS.map((f) => [f, 0])) as Record<Field, number>;
  total: Record<Field, number> = Object.fromEntries(FIELDS.map((f) => [f, 0])) as Record<Field, number>;
  add(field: Field, good: boolean): void {
    this.total[field]++;
    if (good) this.ok[field]++;
  }
  merge(o: Tally): void {
    for (const f of FIELDS) {
      this.ok[f] += o.ok[f];
      this.total[f] += o.total[f];
    }
  }
  pct(field: Field): number | null {
    return this.total[field] ? (100 * this.ok[field]) / this.total[field] : null;
  }
}

export interface Miss {
  file: string;
  index: number;
  field: Field;
  expected: unknown;
  got: unknown;
}

/** Score one file's predictions against its rows. */
export function scoreFile(
  rows: ExpectedRow[],
  preds: Prediction[],
  misses?: Miss[],
  onMatch?: (row: ExpectedRow, rec: BounceRecord | null) => void,
): Tally {
  const t = new Tally();
  const bounces = preds.filter((p) => p.kind === 'failed' || p.kind === 'delayed');
  const used = new Set<number>();
  const miss = (r: ExpectedRow, field: Field, expected: unknown, got: unknown) =>
    misses?.push({ file: r.file, index: r.index, field, expected, got });

  for (const row of rows) {
    if (!row.is_bounce) {
      const want = NON_BOUNCE_KIND[row.reason];
      const good = preds.some((p) => p.kind === want);
      t.add('nonBounceKind', good);
      if (!good) miss(row, 'nonBounceKind', want, preds.map((p) => p.kind).join(','));
      continue;
    }
    const detected = bounces.length > 0;
    t.add('detection', detected);
    if (!detected) {
      miss(row, 'detection', 'bounce', preds.map((p) => p.kind).join(','));
      for (const f of ['recipient', 'reason', 'category', 'hard'] as const) t.add(f, false);
      if (row.status_kind === 'rfc3463') t.add('status', false);
      if (row.replycode) t.add('replyCode', false);
      continue;
    }
    const want = (row.recipient ?? '').toLowerCase();
    let idx = bounces.findIndex(
      (p, i) => !used.has(i) && (p.record?.recipient ?? '') === want && want !== '',
    );
    if (idx === -1) idx = row.index < bounces.length && !used.has(row.index) ? row.index : -1;
    if (idx === -1) idx = bounces.findIndex((_p, i) => !used.has(i));
    if (idx === -1) idx = Math.min(row.index, bounces.length - 1);
    used.add(idx);
    const rec = bounces[idx]!.record;
    onMatch?.(row, rec);
    const check = (field: Field, expected: unknown, got: unknown) => {
      const good = expected === got;
      t.add(field, good);
      if (!good) miss(row, field, expected, got);
    };
    check('recipient', want, rec?.recipient ?? null);
    if (row.status_kind === 'rfc3463') check('status', row.status, rec?.status ?? null);
    if (row.replycode) check('replyCode', row.replycode, rec?.replyCode ?? null);
    check('reason', row.reason, rec?.reason ?? null);
    check('category', row.category, rec?.category ?? null);
    check('hard', row.hardbounce, rec?.hard ?? null);
  }
  return t;
}

/** Source family of a corpus file: "lhost-postfix", "rhost-google", "arf" … */
export function sourceOf(file: string): string {
  const base = file.split('/').pop() ?? file;
  return base.replace(/-\d+\.eml$/, '');
}
