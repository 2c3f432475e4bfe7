/**
 * Counters kept beside the records and changed in the same transaction as they are, so that
 * totals, per-severity and per-category counts, filter menus and dashboard breakdowns are read
 * from a few rows instead of counted over the whole history.
 *
 * One counter row per (dimension, value): `n` records, split in `c` by "severity:category".
 * Dimensions (`STAT_DIMS`): everything, provider, recipient domain, sending address, sending
 * domain, reason, status code, day last seen (UTC), day of the bounce report's Date (UTC),
 * sending IP, email type, and the failed address itself ("addr": how many records each address
 * has). One more row, "addrs", holds no split: its `n` is the number of "addr" rows, the distinct
 * failed addresses, kept as rows appear and go (a count over the recipient index visits every
 * record in Chromium: over a minute at a million).
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
  'addr',
  'addrs',
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
  if (r.recipient) out.push(['addr', r.recipient]);
  return out;
}

/** The row whose `n` is the number of distinct failed addresses (see the module's comment). */
export const ADDRESSES_KEY = counterKey('addrs', '');

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
    // An address row may appear or go: the distinct count is worked out in applyTo.
    if (r.recipient && !this.rows.has(ADDRESSES_KEY))
      this.rows.set(ADDRESSES_KEY, { k: ADDRESSES_KEY, dim: 'addrs', value: '', n: 0, c: {} });
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
    // Address rows that appear and that go, and the stored distinct count.
    let addresses = 0;
    let addressesRow: CounterRow | undefined;
    let summary = false;
    for (const d of this.rows.values()) {
      const old = stored[i++];
      if (d.k === ADDRESSES_KEY) {
        summary = true;
        addressesRow = old;
        continue;
      }
      if (d.dim === 'addr') {
        const was = (old?.n ?? 0) > 0;
        const is = (old?.n ?? 0) + d.n > 0;
        if (is && !was) addresses++;
        if (was && !is) addresses--;
      }
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
    if (summary) {
      const n = (addressesRow?.n ?? 0) + addresses;
      if (n > 0) put.push({ k: ADDRESSES_KEY, dim: 'addrs', value: '', n, c: {} });
      else drop.push(ADDRESSES_KEY);
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
  return d.applyTo([]).put;
}
