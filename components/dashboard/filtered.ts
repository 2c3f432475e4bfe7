/**
 * The dashboard under a filter. The history's counters answer for the whole history (and the
 * summary's counts for one dimension), but a breakdown of the records a filter matches, or the
 * distinct addresses among them, needs those records: they are read page by page through the
 * store's indexed query (never the whole history), up to {@link MAX_RECORDS} of the newest, and
 * counted into rows shaped like the counters', so the same charts draw them.
 */
import { create } from 'zustand';
import { ask } from '@/components/history/api';
import type { HistoryFilter } from '@/lib/history/query';
import type { HistoryRecord } from '@/lib/history/record';
import { CounterDelta, type CounterRow, type StatDim } from '@/lib/history/stats';
import { isEmpty, toHistoryFilter, useFilter, type DashboardFilter } from './filter';

/** Records read at most for one filter (the newest first). */
export const MAX_RECORDS = 20_000;
/** Records a page: small enough that a newer request of the page waits little behind one. */
const PAGE = 500;

/** Counter-shaped rows and distinct addresses of a set of records. */
export class RecordTally {
  private readonly delta = new CounterDelta();
  private readonly addresses = new Set<string>();
  records = 0;

  add(rows: readonly HistoryRecord[]): void {
    for (const r of rows) {
      this.records++;
      this.delta.add(r, 1);
      if (r.recipient) this.addresses.add(r.recipient);
    }
  }

  /** Distinct failed addresses (not records: one address bounced twice counts once). */
  get uniqueAddresses(): number {
    return this.addresses.size;
  }

  /** The rows of one dimension, largest first (at most `limit`). */
  rows(dim: StatDim, limit = Infinity): CounterRow[] {
    const out: CounterRow[] = [];
    for (const row of this.delta.rows.values()) if (row.dim === dim && row.n > 0) out.push(row);
    out.sort((a, b) => b.n - a.n || a.value.localeCompare(b.value));
    return out.slice(0, limit);
  }
}

export interface FilteredView {
  /** The filter the tally belongs to (JSON of the dashboard filter). */
  for: string;
  tally: RecordTally;
  /** More records match than were read: the figures cover the newest {@link MAX_RECORDS}. */
  partial: boolean;
  error: string | null;
}

/** Reads the records of a filter, newest first, into a tally. */
export async function tallyOf(
  filter: HistoryFilter,
  isStale: () => boolean,
): Promise<Omit<FilteredView, 'for'>> {
  const tally = new RecordTally();
  let offset = 0;
  for (;;) {
    const q = await ask({ type: 'history-query', filter, offset, limit: PAGE, plain: true });
    if (!q.ok) return { tally, partial: true, error: q.error.message };
    if (isStale()) return { tally, partial: true, error: null };
    tally.add(q.data.rows);
    offset += q.data.rows.length;
    const more = q.data.more === true || offset < q.data.matched;
    if (!more || q.data.rows.length === 0) return { tally, partial: false, error: null };
    if (offset >= MAX_RECORDS) return { tally, partial: true, error: null };
  }
}

interface FilteredStore {
  /** Null without a filter (the counters answer) or while the first figures load. */
  view: FilteredView | null;
  /** Reads the records of `f`; null only stops the reading under way. */
  load(f: DashboardFilter | null): void;
}

let generation = 0;

export const useFiltered = create<FilteredStore>((set) => ({
  view: null,
  load(f) {
    const gen = ++generation;
    if (f === null) return;
    if (isEmpty(f)) {
      set({ view: null });
      return;
    }
    const key = JSON.stringify(f);
    void tallyOf(toHistoryFilter(f), () => gen !== generation).then((v) => {
      if (gen === generation) set({ view: { for: key, ...v } });
    });
  },
}));

/** The summary dispatches this once it shows the figures of a filter (or failed to). */
export const SUMMARY_SHOWN = 'bt-summary-shown';

/**
 * Keeps the filtered view in step with the filter (and with newly stored imports). The records
 * are read once the summary of the filter is on screen: the summary's few counter rows come first
 * (the store answers one request at a time, and a page of records takes longer).
 */
export function watchFiltered(): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const reload = () => useFiltered.getState().load(useFilter.getState().filter);
  // Someone clicking through filters wants each summary first: the records are read once the
  // filter has stayed put for a moment.
  const soon = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(reload, SETTLE_MS);
  };
  const unsubscribe = useFilter.subscribe((s, prev) => {
    if (s.filter === prev.filter) return;
    // A newer filter: the records of the older one are no longer wanted.
    useFiltered.getState().load(isEmpty(s.filter) ? s.filter : null);
  });
  window.addEventListener(SUMMARY_SHOWN, soon);
  window.addEventListener('bt-import-stored', soon);
  return () => {
    if (timer) clearTimeout(timer);
    unsubscribe();
    window.removeEventListener(SUMMARY_SHOWN, soon);
    window.removeEventListener('bt-import-stored', soon);
  };
}

/** How long a filter stays unchanged before its records are read. */
const SETTLE_MS = 250;
