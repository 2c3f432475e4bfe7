/**
 * The history store: the Dexie database plus an in-memory copy for fast search.
 *
 * Only the background creates one. Every write goes through it, so the memory copy stays
 * equal to the database: a write updates memory only after its transaction committed.
 * Upserts are queued and written in batches, one read-merge-write transaction per batch, which
 * makes concurrent reports of the same bounce (two tabs, a retry) collapse into one record.
 */
import type { CategoryId } from '../engine/types';
import { HistoryDb } from './db';
import { buildColumns, countRows, filterColumns, type Columns } from './columns';
import {
  countEntries,
  emptyCounts,
  IndexEntry,
  isEmptyFilter,
  type HistoryCounts,
  type HistoryFilter,
} from './query';
import { mergeRecord, sameRecord, type HistoryRecord } from './record';

/** A record as the popup sees it, with how many bounces its address has. */
export type HistoryRow = HistoryRecord & { count: number };

export interface QueryResult {
  /** Rows matching the filter. */
  matched: number;
  /** Counts over the matching rows. */
  counts: HistoryCounts;
  /** All rows in the database. */
  total: number;
  offset: number;
  rows: HistoryRow[];
  /**
   * True when answered straight from the database while the in-memory copy is still loading
   * (first popup open after the service worker started): rows are right, the per-severity and
   * per-category counts are not known yet (zero).
   */
  partial?: boolean;
}

export interface Facets {
  providers: [string, number][];
  recipientDomains: [string, number][];
  senders: [string, number][];
  categories: [CategoryId, number][];
}

export interface UpsertOutcome {
  written: number;
  unchanged: number;
  skipped: number;
}

type Entry = IndexEntry;

interface Trash {
  rows: HistoryRecord[];
  until: number;
  timer: ReturnType<typeof setTimeout>;
}

interface Pending {
  records: HistoryRecord[];
  resolve: (o: UpsertOutcome) => void;
  reject: (e: unknown) => void;
}

export interface StoreOptions {
  db?: HistoryDb;
  now?: () => number;
  /** How long deleted rows can be brought back. */
  undoWindowMs?: number;
  /** Rebuild query structures this long after a change (0: only when a query needs them). */
  warmUpAfterMs?: number;
}

/** Newest first; ties by key, descending (the order of the lastSeen index walked backwards). */
function compareNewestFirst(a: { key: string; last: number }, b: { key: string; last: number }): number {
  return b.last - a.last || (a.key < b.key ? 1 : a.key > b.key ? -1 : 0);
}

let tokenSeq = 0;
const LOAD_CHUNK = 5000;

export class HistoryStore {
  readonly db: HistoryDb;
  private readonly now: () => number;
  private readonly undoWindowMs: number;
  private readonly warmUpAfterMs: number;
  private entries = new Map<string, Entry>();
  private sorted: Entry[] | null = null;
  private addrCount: Map<string, number> | null = null;
  private facetCache: Facets | null = null;
  /** Bumps on every change; caches remember the version they were computed at. */
  private version = 0;
  /** Column copy of the sorted list, for filters (see columns.ts). */
  private columns: { version: number; cols: Columns } | null = null;
  /** Counts over everything, per version. */
  private allCounts: { version: number; counts: HistoryCounts } | null = null;
  /** The last filter's result, so that paging through it does not filter again. */
  private lastScan: { version: number; sig: string; rest: string; search: string; rows: Int32Array } | null =
    null;
  private loading: Promise<void> | null = null;
  private loaded = false;
  private queue: Pending[] = [];
  private flushing = false;
  private trash = new Map<string, Trash>();
  /** Every change runs after the previous one, so memory and database change in the same order. */
  private chain: Promise<unknown> = Promise.resolve();

  constructor(options: StoreOptions = {}) {
    this.db = options.db ?? new HistoryDb();
    this.now = options.now ?? Date.now;
    this.undoWindowMs = options.undoWindowMs ?? 10_000;
    this.warmUpAfterMs = options.warmUpAfterMs ?? 0;
  }

  /**
   * Loads the database into memory once, in chunks: between chunks the service worker answers
   * messages, so a popup opened during a cold start is served from the index (see query) instead
   * of waiting for 100,000 rows. A failed load is retried by the next call.
   */
  load(): Promise<void> {
    if (!this.loading) {
      this.loading = (async () => {
        const entries = new Map<string, Entry>();
        let last: string | null = null;
        for (;;) {
          const chunk: HistoryRecord[] =
            last === null
              ? await this.db.records.orderBy(':id').limit(LOAD_CHUNK).toArray()
              : await this.db.records.where(':id').above(last).limit(LOAD_CHUNK).toArray();
          for (const r of chunk) entries.set(r.key, new IndexEntry(r));
          if (chunk.length < LOAD_CHUNK) break;
          last = chunk[chunk.length - 1]!.key;
          await new Promise((resolve) => setTimeout(resolve, 0));
        }
        this.entries = entries;
        this.dirty();
        this.loaded = true;
        // Loading was the slow part; build the rest now rather than on the first keystroke.
        this.scheduleWarmUp(0);
      })().catch((err: unknown) => {
        this.loading = null;
        throw err;
      });
    }
    return this.loading;
  }

  get size(): number {
    return this.entries.size;
  }

  private dirty(): void {
    this.sorted = null;
    this.addrCount = null;
    this.facetCache = null;
    this.version++;
    this.scheduleWarmUp();
  }

  private warmUpTimer: ReturnType<typeof setTimeout> | null = null;

  /**
   * Shortly after a change, rebuild what queries need (sorted list, columns, counts) while
   * nobody waits, so the popup's first filter after a write does not pay for it.
   */
  private scheduleWarmUp(delayMs = this.warmUpAfterMs): void {
    if (!this.warmUpAfterMs) return;
    if (this.warmUpTimer) clearTimeout(this.warmUpTimer);
    this.warmUpTimer = setTimeout(() => {
      this.warmUpTimer = null;
      if (!this.loaded) return;
      this.cols();
      this.addressCounts();
      if (this.allCounts?.version !== this.version)
        this.allCounts = { version: this.version, counts: countEntries(this.sortedEntries()) };
    }, delayMs);
  }

  /**
   * Apply committed upserts to memory. The sorted list is patched in place (binary search) for
   * small batches, so a report arriving while the popup is open does not cost a 100,000-row sort.
   */
  private applyUpserts(removed: string[], changed: HistoryRecord[]): void {
    const patchSorted = this.sorted !== null && removed.length + changed.length <= 2000;
    const addr = this.addrCount;
    const drop = (old: HistoryRecord) => {
      if (patchSorted) {
        const i = this.lowerBound(old);
        if (this.sorted![i]?.r.key === old.key) this.sorted!.splice(i, 1);
      }
      if (addr && old.recipient) addr.set(old.recipient, (addr.get(old.recipient) ?? 1) - 1);
    };
    for (const k of removed) {
      const old = this.entries.get(k);
      if (old) drop(old.r);
      this.entries.delete(k);
    }
    for (const r of changed) {
      const old = this.entries.get(r.key);
      if (old) drop(old.r);
      const e = new IndexEntry(r);
      this.entries.set(r.key, e);
      if (patchSorted) this.sorted!.splice(this.lowerBound(r), 0, e);
      if (addr && r.recipient) addr.set(r.recipient, (addr.get(r.recipient) ?? 0) + 1);
    }
    if (!patchSorted) this.sorted = null;
    this.facetCache = null;
    this.version++;
    this.scheduleWarmUp();
  }

  /** First position in the sorted list whose record does not come before `r`. */
  private lowerBound(rec: HistoryRecord): number {
    const r = { key: rec.key, last: rec.lastSeen };
    const list = this.sorted!;
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compareNewestFirst(list[mid]!, r) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.chain.then(fn, fn);
    this.chain = run.catch(() => undefined);
    return run;
  }

  private setMem(r: HistoryRecord): void {
    this.entries.set(r.key, new IndexEntry(r));
  }

  /** Insert or enrich records. Resolves once they are committed. */
  upsert(records: HistoryRecord[]): Promise<UpsertOutcome> {
    if (records.length === 0) return Promise.resolve({ written: 0, unchanged: 0, skipped: 0 });
    return new Promise<UpsertOutcome>((resolve, reject) => {
      this.queue.push({ records, resolve, reject });
      if (!this.flushing) void this.flush();
    });
  }

  private async flush(): Promise<void> {
    this.flushing = true;
    try {
      // Let reports that arrive in the same tick join the batch.
      await Promise.resolve();
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, 500);
        try {
          await this.load();
          const outcomes = await this.serial(() => this.writeBatch(batch));
          batch.forEach((p, i) => p.resolve(outcomes[i]!));
        } catch (err) {
          for (const p of batch) p.reject(err);
        }
      }
    } finally {
      this.flushing = false;
    }
  }

  private async writeBatch(batch: Pending[]): Promise<UpsertOutcome[]> {
    const ids = [...new Set(batch.flatMap((p) => p.records.map((r) => r.messageId)))];
    let changed = new Map<string, HistoryRecord>();
    let removed: string[] = [];
    let outcomes: UpsertOutcome[] = [];
    await this.db.transaction('rw', this.db.records, async () => {
      changed = new Map();
      removed = [];
      outcomes = [];
      const current = new Map<string, HistoryRecord>();
      for (const r of await this.db.records.where('messageId').anyOf(ids).toArray()) current.set(r.key, r);
      for (const p of batch) {
        const o: UpsertOutcome = { written: 0, unchanged: 0, skipped: 0 };
        for (const inc of p.records) {
          const siblings = [...current.values()].filter((r) => r.messageId === inc.messageId);
          if (inc.recipient === '') {
            // A report that names nobody adds nothing once the message's recipients are known.
            if (siblings.some((r) => r.recipient !== '')) {
              o.skipped++;
              continue;
            }
          } else {
            // The recipient is named now (usually by the raw source): the anonymous view is superseded.
            const anon = siblings.find((r) => r.recipient === '');
            if (anon) {
              current.delete(anon.key);
              changed.delete(anon.key);
              removed.push(anon.key);
              inc.firstSeen = Math.min(inc.firstSeen, anon.firstSeen);
            }
          }
          const before = current.get(inc.key);
          const merged = mergeRecord(before, inc);
          if (before && sameRecord(before, merged)) {
            o.unchanged++;
            continue;
          }
          current.set(merged.key, merged);
          changed.set(merged.key, merged);
          o.written++;
        }
        outcomes.push(o);
      }
      if (removed.length) await this.db.records.bulkDelete(removed);
      if (changed.size) await this.db.records.bulkPut([...changed.values()]);
    });
    if (removed.length || changed.size) this.applyUpserts(removed, [...changed.values()]);
    return outcomes;
  }

  private sortedEntries(): Entry[] {
    if (!this.sorted) {
      this.sorted = [...this.entries.values()].sort(compareNewestFirst);
    }
    return this.sorted;
  }

  /** How many distinct bounced messages each address has. */
  addressCounts(): Map<string, number> {
    if (!this.addrCount) {
      const m = new Map<string, number>();
      for (const e of this.entries.values())
        if (e.recipient) m.set(e.recipient, (m.get(e.recipient) ?? 0) + 1);
      this.addrCount = m;
    }
    return this.addrCount;
  }

  private row(r: HistoryRecord): HistoryRow {
    return { ...r, count: r.recipient ? (this.addressCounts().get(r.recipient) ?? 1) : 1 };
  }

  /** Matching records, newest first. `keys` narrows to a selection. */
  async matching(filter: HistoryFilter, keys?: string[]): Promise<HistoryRecord[]> {
    await this.load();
    const all = this.sortedEntries();
    const rows = this.select(filter);
    const picked = rows === null ? all : Array.from(rows, (i) => all[i]!);
    if (!keys) return picked.map((e) => e.r);
    const want = new Set(keys);
    return picked.filter((e) => want.has(e.key)).map((e) => e.r);
  }

  async query(filter: HistoryFilter, offset: number, limit: number): Promise<QueryResult> {
    if (!this.loaded && isEmptyFilter(filter) && offset < 1000) {
      // Cold start: reading 100,000 rows into memory takes a while; the newest page does not
      // have to wait for it, an index walk returns it at once.
      // Its reads are queued before the memory load's, which starts once the page is out.
      const fast = this.queryFromDb(offset, limit);
      void fast.finally(() => this.load().catch(() => undefined));
      return fast;
    }
    await this.load();
    const all = this.sortedEntries();
    const start = Math.max(0, Math.floor(offset) || 0);
    const end = start + Math.max(0, Math.min(1000, Math.floor(limit) || 0));
    const rows = this.select(filter);
    let counts: HistoryCounts;
    let page: Entry[];
    if (rows === null) {
      if (this.allCounts?.version !== this.version)
        this.allCounts = { version: this.version, counts: countEntries(all) };
      counts = this.allCounts.counts;
      page = all.slice(start, end);
    } else {
      counts = countRows(this.cols(), rows);
      page = Array.from(rows.subarray(start, end), (i) => all[i]!);
    }
    return {
      matched: counts.total,
      counts,
      total: this.entries.size,
      offset: start,
      rows: page.map((e) => this.row(e.r)),
    };
  }

  private cols(): Columns {
    if (this.columns?.version !== this.version || this.columns.cols.n !== this.sortedEntries().length) {
      this.columns = { version: this.version, cols: buildColumns(this.sortedEntries()) };
    }
    return this.columns.cols;
  }

  /** Positions in the sorted list matching `filter`; null means all of them. */
  private select(filter: HistoryFilter): Int32Array | null {
    if (isEmptyFilter(filter)) return null;
    const sig = JSON.stringify(filter);
    const rest = JSON.stringify({ ...filter, search: undefined });
    const search = (filter.search ?? '').toLowerCase();
    const prev = this.lastScan;
    if (prev?.version === this.version && prev.sig === sig) return prev.rows;
    const cols = this.cols();
    // Typing forward only removes rows: look again at the previous result when it is small.
    const narrows =
      prev?.version === this.version &&
      prev.rest === rest &&
      prev.search !== '' &&
      search.startsWith(prev.search);
    const rows = filterColumns(
      cols,
      filter,
      narrows && prev.rows.length < cols.n / 8 ? prev.rows : undefined,
    );
    this.lastScan = { version: this.version, sig, rest, search, rows };
    return rows;
  }

  /**
   * The newest page straight from the lastSeen index. Nothing is counted here (counting 100,000
   * index entries costs more than the page): `matched` and `total` are the rows returned plus
   * one when more may follow; the full answer comes once memory is loaded.
   */
  private async queryFromDb(offset: number, limit: number): Promise<QueryResult> {
    const start = Math.max(0, Math.floor(offset) || 0);
    const n = Math.max(0, Math.min(1000, Math.floor(limit) || 0));
    const page = await this.db.records
      .orderBy('lastSeen')
      .reverse()
      .offset(start)
      .limit(n + 1)
      .toArray();
    const more = page.length > n;
    // The per-address count is not known yet (0 = unknown).
    const rows = page.slice(0, n).map((r) => ({ ...r, count: 0 }));
    const seen = start + rows.length + (more ? 1 : 0);
    return {
      matched: seen,
      counts: { ...emptyCounts(), total: seen },
      total: seen,
      offset: start,
      rows,
      partial: true,
    };
  }

  async facets(): Promise<Facets> {
    await this.load();
    if (!this.facetCache) {
      const prov = new Map<string, number>();
      const dom = new Map<string, number>();
      const snd = new Map<string, number>();
      const cat = new Map<CategoryId, number>();
      const bump = <K>(m: Map<K, number>, k: K) => m.set(k, (m.get(k) ?? 0) + 1);
      for (const e of this.entries.values()) {
        if (e.provider) bump(prov, e.provider);
        if (e.rdom) bump(dom, e.rdom);
        if (e.sender) bump(snd, e.sender);
        if (e.sdom && e.sdom !== e.sender) bump(snd, e.sdom);
        bump(cat, e.r.category);
      }
      const top = <K>(m: Map<K, number>, n: number): [K, number][] =>
        [...m.entries()].sort((a, b) => b[1] - a[1] || (String(a[0]) < String(b[0]) ? -1 : 1)).slice(0, n);
      this.facetCache = {
        providers: top(prov, 100),
        recipientDomains: top(dom, 300),
        senders: top(snd, 100),
        categories: top(cat, 100),
      };
    }
    return this.facetCache;
  }

  /** Delete records; they can be restored with {@link undo} during the undo window. */
  async delete(keys: string[]): Promise<{ token: string | null; count: number; undoUntil: number }> {
    await this.load();
    return this.serial(() => this.deleteNow(keys));
  }

  private async deleteNow(
    keys: string[],
  ): Promise<{ token: string | null; count: number; undoUntil: number }> {
    const rows = keys.map((k) => this.entries.get(k)?.r).filter((r): r is HistoryRecord => !!r);
    if (rows.length === 0) return { token: null, count: 0, undoUntil: 0 };
    await this.db.records.bulkDelete(rows.map((r) => r.key));
    for (const r of rows) this.entries.delete(r.key);
    this.dirty();
    return this.keepForUndo(rows);
  }

  /** Delete everything, keeping it for the undo window. */
  async clearAll(): Promise<{ token: string | null; count: number; undoUntil: number }> {
    await this.load();
    return this.serial(() => this.clearNow());
  }

  private async clearNow(): Promise<{ token: string | null; count: number; undoUntil: number }> {
    const rows = [...this.entries.values()].map((e) => e.r);
    await this.db.records.clear();
    this.entries.clear();
    this.dirty();
    if (rows.length === 0) return { token: null, count: 0, undoUntil: 0 };
    return this.keepForUndo(rows);
  }

  private keepForUndo(rows: HistoryRecord[]): { token: string; count: number; undoUntil: number } {
    const token = `t${this.now().toString(36)}-${++tokenSeq}`;
    const until = this.now() + this.undoWindowMs;
    const timer = setTimeout(() => this.trash.delete(token), this.undoWindowMs + 50);
    this.trash.set(token, { rows, until, timer });
    return { token, count: rows.length, undoUntil: until };
  }

  /** Bring deleted rows back. Sightings that arrived since then are kept and merged. */
  async undo(token: string): Promise<number> {
    const t = this.trash.get(token);
    if (!t || this.now() > t.until) return 0;
    await this.load();
    return this.serial(() => this.restore(token, t));
  }

  private async restore(token: string, t: Trash): Promise<number> {
    if (!this.trash.has(token)) return 0;
    const put: HistoryRecord[] = [];
    for (const old of t.rows) {
      const now = this.entries.get(old.key)?.r;
      put.push(now ? mergeRecord(old, now) : old);
    }
    await this.db.records.bulkPut(put);
    for (const r of put) this.setMem(r);
    this.dirty();
    clearTimeout(t.timer);
    this.trash.delete(token);
    return put.length;
  }

  /** Delete records last seen more than `days` days ago. */
  async applyRetention(days: number | null): Promise<number> {
    if (days === null || !(days > 0)) return 0;
    await this.load();
    const cutoff = this.now() - days * 86_400_000;
    return this.serial(() => this.dropOlderThan(cutoff));
  }

  private async dropOlderThan(cutoff: number): Promise<number> {
    const keys = await this.db.records.where('lastSeen').below(cutoff).primaryKeys();
    if (keys.length === 0) return 0;
    await this.db.records.bulkDelete(keys);
    for (const k of keys) this.entries.delete(k);
    this.dirty();
    return keys.length;
  }

  close(): void {
    if (this.warmUpTimer) clearTimeout(this.warmUpTimer);
    for (const t of this.trash.values()) clearTimeout(t.timer);
    this.trash.clear();
    this.db.close();
  }
}
