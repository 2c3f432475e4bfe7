/**
 * Counters kept beside the records and changed in the same transaction as they are, so that
 * totals, per-severity and per-category counts, filter menus and dashboard breakdowns are read
 * from a few rows instead of counted over the whole history.
 *
 * One counter row per (dimension, value): `n` records, split in `c` by "severity:category".
 * Dimensions (`STAT_DIMS`): everything, provider, recipient domain, sending address, sending
 * domain, reason, status code, day last seen (UTC), day of the bounce report's Date (UTC),
 * sending IP and email type.
 */
import type { CategoryId } from '../engine/types';
import { addToCounts, emptyCounts, type HistoryCounts } from './query';
import type { HistoryRecord, Severity } from './record';

export const STAT_DIMS = [
  'all',
  'provider',
  'rdom',
  'sender',
  'sdom',
  'reason',
  'status',
  'day',
  'bday',
  'sip',
  'etype',
] as const;
export type StatDim = (typeof STAT_DIMS)[number];

export interface CounterRow {
  /** `${dim}\u0001${value}` */
  k: string;
  dim: StatDim;
  value: string;
  n: number;
  /** Records per `${severity}:${category}`. */
  c: Record<string, number>;
}

const SEP = '\u0001';
export const counterKey = (dim: StatDim, value: string): string => `${dim}${SEP}${value}`;

/** UTC calendar day, "2026-12-05". */
export function utcDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** The (dimension, value) pairs one record counts in. */
export function statValues(r: HistoryRecord): [StatDim, string][] {
  const out: [StatDim, string][] = [['all', '']];
  if (r.provider) out.push(['provider', r.provider]);
  if (r.recipientDomain) out.push(['rdom', r.recipientDomain]);
  if (r.sender) out.push(['sender', r.sender]);
  if (r.senderDomain) out.push(['sdom', r.senderDomain]);
  out.push(['reason', r.reason]);
  if (r.status) out.push(['status', r.status]);
  if (Number.isFinite(r.lastSeen)) out.push(['day', utcDay(r.lastSeen)]);
  if (r.bounceDate !== null && Number.isFinite(r.bounceDate)) out.push(['bday', utcDay(r.bounceDate)]);
  if (r.sendingIp) out.push(['sip', r.sendingIp]);
  if (r.emailType) out.push(['etype', r.emailType]);
  return out;
}

/** Changes to counter rows, accumulated over a batch of writes. */
export class CounterDelta {
  readonly rows = new Map<string, CounterRow>();

  add(r: HistoryRecord, sign: 1 | -1): void {
    const sc = `${r.severity}:${r.category}`;
    for (const [dim, value] of statValues(r)) {
      const k = counterKey(dim, value);
      let row = this.rows.get(k);
      if (!row) {
        row = { k, dim, value, n: 0, c: {} };
        this.rows.set(k, row);
      }
      row.n += sign;
      row.c[sc] = (row.c[sc] ?? 0) + sign;
    }
  }

  get empty(): boolean {
    for (const row of this.rows.values()) if (row.n !== 0) return false;
    return true;
  }

  /** Stored rows plus this delta; rows that reach zero are returned in `drop`. */
  applyTo(stored: (CounterRow | undefined)[]): { put: CounterRow[]; drop: string[] } {
    const put: CounterRow[] = [];
    const drop: string[] = [];
    let i = 0;
    for (const d of this.rows.values()) {
      const old = stored[i++];
      const next: CounterRow = old ? { ...old, c: { ...old.c } } : { ...d, n: 0, c: {} };
      next.n += d.n;
      for (const [sc, v] of Object.entries(d.c)) {
        const nv = (next.c[sc] ?? 0) + v;
        if (nv > 0) next.c[sc] = nv;
        else delete next.c[sc];
      }
      if (next.n > 0) put.push(next);
      else drop.push(next.k);
    }
    return { put, drop };
  }
}

/** Counts of one counter row, keeping only the given severities and categories. */
export function countsOf(
  row: CounterRow | undefined,
  severities?: readonly Severity[] | null,
  categories?: readonly CategoryId[] | null,
): HistoryCounts {
  const counts = emptyCounts();
  if (!row) return counts;
  for (const [sc, n] of Object.entries(row.c)) {
    const [sev, cat] = sc.split(':') as [Severity, CategoryId];
    if (severities?.length && !severities.includes(sev)) continue;
    if (categories?.length && !categories.includes(cat)) continue;
    addToCounts(counts, sev, cat, n);
  }
  return counts;
}

/** Counter rows for a set of records (a migration, a bulk seed). */
export function countersFor(records: Iterable<HistoryRecord>): CounterRow[] {
  const d = new CounterDelta();
  for (const r of records) d.add(r, 1);
  return [...d.rows.values()].filter((r) => r.n > 0);
}
