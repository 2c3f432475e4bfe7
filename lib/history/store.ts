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
import {
  addToCounts,
  compileFilter,
  emptyCounts,
  haystackOf,
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

interface Entry {
  r: HistoryRecord;
  text: string;
}

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
}

let tokenSeq = 0;

export class HistoryStore {
  readonly db: HistoryDb;
  private readonly now: () => number;
  private readonly undoWindowMs: number;
  private entries = new Map<string, Entry>();
  private sorted: Entry[] | null = null;
  private addrCount: Map<string, number> | null = null;
  private facetCache: Facets | null = null;
  private loading: Promise<void> | null = null;
  private loaded = false;
  private queue: Pending[] = [];
  private flushing = false;
  private trash = new Map<string, Trash>();

  constructor(options: StoreOptions = {}) {
    this.db = options.db ?? new HistoryDb();
    this.now = options.now ?? Date.now;
    this.undoWindowMs = options.undoWindowMs ?? 10_000;
  }

  /** Loads the database into memory once. A failed load is retried by the next call. */
  load(): Promise<void> {
    if (!this.loading) {
      this.loading = this.db.records.toArray().then(
        (rows) => {
          this.entries = new Map(rows.map((r) => [r.key, { r, text: haystackOf(r) }]));
          this.dirty();
          this.loaded = true;
        },
        (err: unknown) => {
          this.loading = null;
          throw err;
        },
      );
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
  }

  private setMem(r: HistoryRecord): void {
    this.entries.set(r.key, { r, text: haystackOf(r) });
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
          const outcomes = await this.writeBatch(batch);
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
          } else if (inc.source === 'raw') {
            // The raw source named the recipient: the anonymous first view of it is superseded.
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
    for (const k of removed) this.entries.delete(k);
    for (const r of changed.values()) this.setMem(r);
    if (removed.length || changed.size) this.dirty();
    return outcomes;
  }

  private sortedEntries(): Entry[] {
    if (!this.sorted) {
      this.sorted = [...this.entries.values()].sort(
        // Same order as the lastSeen index walked backwards: ties by key, descending.
        (a, b) => b.r.lastSeen - a.r.lastSeen || (a.r.key < b.r.key ? 1 : a.r.key > b.r.key ? -1 : 0),
      );
    }
    return this.sorted;
  }

  /** How many distinct bounced messages each address has. */
  addressCounts(): Map<string, number> {
    if (!this.addrCount) {
      const m = new Map<string, number>();
      for (const { r } of this.entries.values()) if (r.recipient) m.set(r.recipient, (m.get(r.recipient) ?? 0) + 1);
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
    const test = compileFilter(filter);
    if (keys) {
      const want = new Set(keys);
      return this.sortedEntries()
        .filter((e) => want.has(e.r.key) && test(e.r, e.text))
        .map((e) => e.r);
    }
    if (isEmptyFilter(filter)) return this.sortedEntries().map((e) => e.r);
    return this.sortedEntries()
      .filter((e) => test(e.r, e.text))
      .map((e) => e.r);
  }

  async query(filter: HistoryFilter, offset: number, limit: number): Promise<QueryResult> {
    if (!this.loaded && isEmptyFilter(filter) && offset < 1000) {
      // Cold start: reading 100,000 rows into memory takes a while; the newest page does not
      // have to wait for it, an index walk returns it at once.
      const loading = this.load();
      loading.catch(() => undefined);
      return this.queryFromDb(offset, limit);
    }
    await this.load();
    const test = compileFilter(filter);
    const counts = emptyCounts();
    const start = Math.max(0, Math.floor(offset) || 0);
    const end = start + Math.max(0, Math.min(1000, Math.floor(limit) || 0));
    const rows: HistoryRow[] = [];
    for (const e of this.sortedEntries()) {
      if (!test(e.r, e.text)) continue;
      if (counts.total >= start && counts.total < end) rows.push(this.row(e.r));
      addToCounts(counts, e.r);
    }
    return { matched: counts.total, counts, total: this.entries.size, offset: start, rows };
  }

  private async queryFromDb(offset: number, limit: number): Promise<QueryResult> {
    const start = Math.max(0, Math.floor(offset) || 0);
    const n = Math.max(0, Math.min(1000, Math.floor(limit) || 0));
    const [total, page] = await this.db.transaction('r', this.db.records, () =>
      Promise.all([this.db.records.count(), this.db.records.orderBy('lastSeen').reverse().offset(start).limit(n).toArray()]),
    );
    const counts = await Promise.all(
      page.map((r) => (r.recipient ? this.db.records.where('recipient').equals(r.recipient).count() : Promise.resolve(1))),
    );
    const rows = page.map((r, i) => ({ ...r, count: counts[i] ?? 1 }));
    return { matched: total, counts: { ...emptyCounts(), total }, total, offset: start, rows, partial: true };
  }

  async facets(): Promise<Facets> {
    await this.load();
    if (!this.facetCache) {
      const prov = new Map<string, number>();
      const dom = new Map<string, number>();
      const snd = new Map<string, number>();
      const cat = new Map<CategoryId, number>();
      const bump = <K>(m: Map<K, number>, k: K) => m.set(k, (m.get(k) ?? 0) + 1);
      for (const { r } of this.entries.values()) {
        if (r.provider) bump(prov, r.provider);
        if (r.recipientDomain) bump(dom, r.recipientDomain);
        if (r.sender) bump(snd, r.sender);
        if (r.senderDomain && r.senderDomain !== r.sender) bump(snd, r.senderDomain);
        bump(cat, r.category);
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
    const keys = await this.db.records.where('lastSeen').below(cutoff).primaryKeys();
    if (keys.length === 0) return 0;
    await this.db.records.bulkDelete(keys);
    for (const k of keys) this.entries.delete(k);
    this.dirty();
    return keys.length;
  }

  close(): void {
    for (const t of this.trash.values()) clearTimeout(t.timer);
    this.trash.clear();
    this.db.close();
  }
}
