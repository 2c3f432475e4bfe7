/**
 * The history store: every answer comes from IndexedDB (db.ts), nothing waits for a
 * whole-history load, and memory holds at most one query's list of matching keys.
 *
 * Only the background creates one. Upserts are queued and written in batches, one
 * read-merge-write transaction per batch (records and counters together), which makes concurrent
 * reports of the same bounce (two tabs, a retry) collapse into one record: upserts are idempotent.
 *
 * Query API (the background exposes it as "history-*" messages, see protocol.ts):
 * - `query(filter, offset, limit)`: one page of matching records, newest last-seen first, with
 *   `matched` and per-severity / per-category `counts`. Counts come from the counters when the
 *   filter is one dimension (a provider, a recipient domain, a sender) plus severities and
 *   categories; otherwise from the matching rows. When a broad filter matches more rows than a
 *   page walk looked at, `more` is true and `matched` counts the rows found so far.
 * - `breakdown(dim, limit)`: the largest values of one counter dimension (provider, recipient
 *   domain, sender, reason, status, day, bounce day, sending IP, email type) with their counts
 *   split by severity and category; `counters(dim, values)` reads given values.
 * - `facets()`: the filter menus (largest providers, domains, senders; categories).
 * - `batches(filter, keys)`: every matching record, newest first, in batches (exports).
 * - `upsert(records)` / `bulkUpsert(records)`: idempotent writes; the second for imports.
 * - `delete(keys)` / `clearAll()` move rows to the trash; `undo(token)` brings them back until
 *   the window closes; the trash and its tickets live on disk, so both survive a restart.
 *
 * How a filter runs: the search words use the multi-entry `words` index (a word range per term),
 * the filters with a single value use their compound [field+lastSeen] index, and dates the
 * lastSeen index. The smallest source wins: a small set of keys is read and sorted at once; a
 * large one is walked newest first in growing chunks, each record checked against the whole filter.
 */
import { Dexie } from 'dexie';
import type { CategoryId } from '../engine/types';
import {
  DB_NAME,
  HistoryDb,
  timelineRow,
  WEEK_MS,
  weekOf,
  weekWord,
  type MetaRow,
  type TimelineRow,
} from './db';
import type { UndoTicket } from './protocol';
import {
  addToCounts,
  compileFilter,
  emptyCounts,
  isEmptyFilter,
  searchTerms,
  type HistoryCounts,
  type HistoryFilter,
} from './query';
import { matchesTerms, mergeRecord, sameRecord, type HistoryRecord } from './record';
import { isImportedAccount } from '../import/protocol';
import { counterKey, CounterDelta, countsOf, STAT_DIMS, type CounterRow, type StatDim } from './stats';

/** A record as the popup sees it, with how many bounces its address has. */
export type HistoryRow = HistoryRecord & { count: number };

export interface QueryResult {
  /** Rows matching the filter (found so far when `more`). */
  matched: number;
  /** Counts over the matching rows (over those found so far when `partial`). */
  counts: HistoryCounts;
  /** All rows in the database. */
  total: number;
  offset: number;
  rows: HistoryRow[];
  /** The counts cover only the rows found so far. */
  partial?: boolean;
  /** More rows may match than `matched` says: ask for later pages to find them. */
  more?: boolean;
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

/** A recovery the store made by itself (shown in the popup). */
export interface RecoveryNote {
  at: number;
  /** What happened: "closed" (the connection was closed) or "deleted" (the database vanished). */
  cause: 'closed' | 'deleted';
  message: string;
}

/** A filter value holding fewer rows than this is walked rather than searched by words. */
const SMALL_FILTER = 500;
/**
 * Matches of a word prefix within one week read by key up to this many; a week with more is
 * walked row by row instead (the prefix then matches at least one row in twenty of a busy week).
 */
const WEEK_KEYS = 500;
/** A search asks every week for its keys before reading records while they are at most this many. */
const KEYS_AHEAD = 1000;
/** Weeks asked at once grow up to this many (rare words: every week; common ones: the first). */
const MAX_WEEK_BATCH = 32;
/** Records kept from a query's walk, so that its first pages need no second read. */
const KEEP_ROWS = 500;
/** Rows moved per transaction when clearing, undoing or applying retention. */
const MOVE_CHUNK = 2000;
/** How long one request may walk an index looking for matches before it answers. */
const WALK_BUDGET_MS = 150;
/** Keys of one query kept for paging. */
const MAX_FOUND = 100_000;
const UNDO_PREFIX = 'undo:';

/** One week's matches of a search (see weekMatches). */
interface WeekKeys {
  keys: string[];
  exact: boolean;
}

type Source = { kind: 'search'; terms: string[] } | { kind: 'walk'; index: string; value: string | null };

interface Found {
  sig: string;
  version: number;
  keys: string[];
  counts: HistoryCounts;
  /** Matched total when known without scanning everything (from counters or a covering key set). */
  exact: number | null;
  exactCounts: HistoryCounts | null;
  done: boolean;
  next: AsyncGenerator<HistoryRecord[]> | null;
  /** The first records found, by key. */
  rows: Map<string, HistoryRecord>;
}

let tokenSeq = 0;

const DATABASE_GONE = new Set(['DatabaseClosedError', 'InvalidStateError', 'NotFoundError']);

function errorName(err: unknown): string {
  const e = err as { name?: unknown; inner?: { name?: unknown } } | null;
  if (typeof e?.name === 'string' && e.name !== 'Error') return e.name;
  return typeof e?.inner?.name === 'string' ? e.inner.name : 'Error';
}

const isImported = (r: HistoryRecord): boolean => isImportedAccount(r.account);

/**
 * One record for a bounce known twice (same report Message-ID and recipient, two message ids):
 * Gmail's message id wins over an import's, since it opens the message in Gmail; otherwise the
 * record already stored keeps its id. The loser is dropped (through `drop`); the result is the
 * incoming record to merge as usual.
 */
function joinTwins(twin: HistoryRecord, inc: HistoryRecord, drop: (r: HistoryRecord) => void): HistoryRecord {
  if (isImported(twin) && !isImported(inc)) {
    drop(twin);
    const moved = { ...twin, key: inc.key, messageId: inc.messageId, account: inc.account };
    return { ...mergeRecord(moved, inc), key: inc.key, messageId: inc.messageId, account: inc.account };
  }
  return {
    ...inc,
    key: twin.key,
    messageId: twin.messageId,
    threadId: twin.threadId ?? inc.threadId,
    account: twin.account,
  };
}

export class HistoryStore {
  readonly db: HistoryDb;
  private readonly now: () => number;
  private readonly undoWindowMs: number;
  /** Bumps on every committed change; the kept query result is for one version. */
  private version = 0;
  private found: Found | null = null;
  private queue: Pending[] = [];
  private flushing = false;
  private purgeTimer: ReturnType<typeof setTimeout> | null = null;
  private closed = false;
  /** Every change runs after the previous one. */
  private chain: Promise<unknown> = Promise.resolve();
  private recoveryNote: RecoveryNote | null = null;
  private openingNow = false;
  /** Bounces per address, for the version they were counted at. */
  /** The latest query of each channel (see {@link query}). */
  private channels = new Map<string, number>();
  private querySeq = 0;
  /** Weeks that hold records (newest first), for one version. */
  private weeksCache: { version: number; weeks: number[] } | null = null;
  /** Set when the connection was replaced: check the counters against the records before use. */
  private reconcilePending = false;
  /** Called after every committed change. */
  onChange: (() => void) | null = null;

  constructor(options: StoreOptions = {}) {
    this.db = options.db ?? new HistoryDb(DB_NAME);
    this.now = options.now ?? Date.now;
    this.undoWindowMs = options.undoWindowMs ?? 10_000;
    // Another connection deleted or upgraded the database: Dexie closes ours and reopens it on
    // the next call. Whatever we kept from before describes rows that may be gone.
    this.db.on('versionchange', (ev: IDBVersionChangeEvent) => {
      this.dirty();
      this.reconcilePending = true;
      this.note(
        ev.newVersion === null ? 'deleted' : 'closed',
        ev.newVersion === null
          ? 'The history database was deleted while the extension was running; it was opened again.'
          : 'The history database was changed by another copy of the extension; it was opened again.',
      );
    });
  }

  /** True from the start of opening the database until it is open (an upgrade can take minutes). */
  get opening(): boolean {
    return this.openingNow;
  }

  /** The latest recovery, until read with `takeRecovery`. */
  get recovery(): RecoveryNote | null {
    return this.recoveryNote;
  }

  clearRecovery(): void {
    this.recoveryNote = null;
  }

  private note(cause: RecoveryNote['cause'], message: string): void {
    this.recoveryNote = { at: this.now(), cause, message };
  }

  private dirty(): void {
    this.version++;
    this.found = null;
  }

  private changed(): void {
    this.dirty();
    this.onChange?.();
  }

  /**
   * Runs a database operation; when the connection turns out closed (the database was deleted,
   * or the browser closed it), reopens it and runs the operation once more.
   */
  private async io<T>(fn: () => Promise<T>): Promise<T> {
    if (this.reconcilePending) await this.reconcile();
    try {
      return await fn();
    } catch (err) {
      if (this.closed || !DATABASE_GONE.has(errorName(err))) throw err;
      this.dirty();
      if (this.db.isOpen()) this.db.close({ disableAutoOpen: false });
      await this.db.open();
      this.note(
        'closed',
        'The history database was closed under the extension; it was opened again and the last action retried.',
      );
      this.reconcilePending = true;
      await this.reconcile();
      return fn();
    }
  }

  /**
   * After the connection was replaced, the records may have changed without the counters (a
   * table dropped by another version): when their totals disagree, count again from the records,
   * in one transaction so that no write slips between.
   */
  private async reconcile(): Promise<void> {
    this.reconcilePending = false;
    this.dirty();
    await this.db.transaction('rw', this.db.records, this.db.counters, this.db.timeline, async () => {
      const [n, all, timed] = await Promise.all([
        this.db.records.count(),
        this.counter('all', ''),
        this.db.timeline.count(),
      ]);
      if (n === (all?.n ?? 0) && n === timed) return;
      const delta = new CounterDelta();
      await this.db.counters.clear();
      await this.db.timeline.clear();
      // In chunks: the timeline rows are written as the records are read.
      let after: string | null = null;
      for (;;) {
        const rows: HistoryRecord[] = await (
          after === null ? this.db.records.orderBy(':id') : this.db.records.where(':id').above(after)
        )
          .limit(MOVE_CHUNK)
          .toArray();
        if (rows.length === 0) break;
        for (const r of rows) delta.add(r, 1);
        await this.db.timeline.bulkPut(rows.map(timelineRow));
        after = rows[rows.length - 1]!.key;
      }
      await this.db.counters.bulkPut(delta.applyTo([]).put);
    });
  }

  /** Keeps the search timeline in step with the records (inside the caller's transaction). */
  private async retime(gone: readonly HistoryRecord[], added: readonly HistoryRecord[]): Promise<void> {
    if (gone.length)
      await this.db.timeline.bulkDelete(gone.map((r) => [r.lastSeen, r.key] as [number, string]));
    if (added.length) await this.db.timeline.bulkPut(added.map(timelineRow));
  }

  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.chain.then(fn, fn);
    this.chain = run.catch(() => undefined);
    return run;
  }

  /** Opens the database, finishes work a restart interrupted and schedules the trash purge. */
  async start(): Promise<void> {
    this.openingNow = true;
    try {
      await this.io(() => this.db.open().then(() => undefined));
    } finally {
      this.openingNow = false;
    }
    await this.serial(() => this.resumeInterrupted());
    await this.purgeExpired();
    // The weeks a search walks, read now rather than by the first search typed.
    await this.io(() => this.weeks(-Infinity, Infinity)).catch(() => undefined);
  }

  // ---------------------------------------------------------------------------- writes

  /** Insert or enrich records. Resolves once they are committed. */
  upsert(records: HistoryRecord[]): Promise<UpsertOutcome> {
    if (records.length === 0) return Promise.resolve({ written: 0, unchanged: 0, skipped: 0 });
    return new Promise<UpsertOutcome>((resolve, reject) => {
      this.queue.push({ records, resolve, reject });
      if (!this.flushing) void this.flush();
    });
  }

  /** Imports many records (already built with recordsFromMessage or normaliseRecord), in batches. */
  async bulkUpsert(records: HistoryRecord[], batch = 1000): Promise<UpsertOutcome> {
    const total: UpsertOutcome = { written: 0, unchanged: 0, skipped: 0 };
    for (let i = 0; i < records.length; i += batch) {
      const o = await this.upsert(records.slice(i, i + batch));
      total.written += o.written;
      total.unchanged += o.unchanged;
      total.skipped += o.skipped;
    }
    return total;
  }

  private async flush(): Promise<void> {
    this.flushing = true;
    try {
      // Let reports that arrive in the same tick join the batch.
      await Promise.resolve();
      while (this.queue.length > 0) {
        const batch: Pending[] = [];
        let rows = 0;
        while (this.queue.length > 0 && rows < 1000) {
          const p = this.queue.shift()!;
          batch.push(p);
          rows += p.records.length;
        }
        try {
          const outcomes = await this.serial(() => this.io(() => this.writeBatch(batch)));
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
    const bounceIds = [
      ...new Set(batch.flatMap((p) => p.records.flatMap((r) => (r.bounceId ? [r.bounceId] : [])))),
    ];
    let outcomes: UpsertOutcome[] = [];
    let any = false;
    await this.db.transaction('rw', this.db.records, this.db.counters, this.db.timeline, async () => {
      outcomes = [];
      const delta = new CounterDelta();
      const stored = new Map<string, HistoryRecord>();
      for (const r of await this.db.records.where('messageId').anyOf(ids).toArray()) stored.set(r.key, r);
      if (bounceIds.length) {
        for (const r of await this.db.records.where('bounceId').anyOf(bounceIds).toArray())
          stored.set(r.key, r);
      }
      const current = new Map(stored);
      // Keys by Gmail message id and by the report's Message-ID, kept up to date as records move.
      const byMessage = new Map<string, Set<string>>();
      const byBounce = new Map<string, Set<string>>();
      const file = (r: HistoryRecord) => {
        (byMessage.get(r.messageId) ?? byMessage.set(r.messageId, new Set()).get(r.messageId)!).add(r.key);
        if (r.bounceId)
          (byBounce.get(r.bounceId) ?? byBounce.set(r.bounceId, new Set()).get(r.bounceId)!).add(r.key);
      };
      const unfile = (r: HistoryRecord) => {
        current.delete(r.key);
        byMessage.get(r.messageId)?.delete(r.key);
        if (r.bounceId) byBounce.get(r.bounceId)?.delete(r.key);
      };
      for (const r of current.values()) file(r);
      for (const p of batch) {
        const o: UpsertOutcome = { written: 0, unchanged: 0, skipped: 0 };
        for (const original of p.records) {
          let inc = { ...original };
          // The same bounce under another message id: seen in Gmail and imported from a mailbox.
          const twins = inc.bounceId
            ? [...(byBounce.get(inc.bounceId) ?? [])]
                .map((k) => current.get(k)!)
                .filter((r) => r.messageId !== inc.messageId)
            : [];
          if (inc.recipient === '' && twins.some((r) => r.recipient !== '')) {
            o.skipped++;
            continue;
          }
          const twin = twins.find((r) => r.recipient === inc.recipient);
          if (twin) inc = joinTwins(twin, inc, unfile);
          else if (inc.recipient !== '') {
            // The other copy could not name the recipient: this one supersedes it, as below.
            const anonTwin = twins.find((r) => r.recipient === '');
            if (anonTwin) {
              unfile(anonTwin);
              inc.firstSeen = Math.min(inc.firstSeen, anonTwin.firstSeen);
            }
          }
          const siblings = [...(byMessage.get(inc.messageId) ?? [])].map((k) => current.get(k)!);
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
              unfile(anon);
              inc.firstSeen = Math.min(inc.firstSeen, anon.firstSeen);
            }
          }
          const before = current.get(inc.key);
          const merged = mergeRecord(before, inc);
          if (before && sameRecord(before, merged)) {
            o.unchanged++;
            continue;
          }
          if (before) unfile(before);
          current.set(merged.key, merged);
          file(merged);
          o.written++;
        }
        outcomes.push(o);
      }
      const removed: string[] = [];
      const put: HistoryRecord[] = [];
      const replaced: HistoryRecord[] = [];
      for (const [k, old] of stored) {
        const now = current.get(k);
        if (!now) {
          removed.push(k);
          replaced.push(old);
          delta.add(old, -1);
        } else if (now !== old) {
          put.push(now);
          replaced.push(old);
          delta.add(old, -1);
          delta.add(now, 1);
        }
      }
      for (const [k, r] of current) {
        if (!stored.has(k)) {
          put.push(r);
          delta.add(r, 1);
        }
      }
      any = removed.length > 0 || put.length > 0;
      if (removed.length) await this.db.records.bulkDelete(removed);
      if (put.length) await this.db.records.bulkPut(put);
      await this.retime(replaced, put);
      await this.applyDelta(delta);
    });
    if (any) this.changed();
    return outcomes;
  }

  /** Adds a counter delta (inside the caller's transaction). */
  private async applyDelta(delta: CounterDelta): Promise<void> {
    if (delta.rows.size === 0) return;
    const keys = [...delta.rows.keys()];
    const stored = await this.db.counters.bulkGet(keys);
    const { put, drop } = delta.applyTo(stored);
    if (drop.length) await this.db.counters.bulkDelete(drop);
    if (put.length) await this.db.counters.bulkPut(put);
  }

  // ---------------------------------------------------------------------------- reads

  private async counter(dim: StatDim, value: string): Promise<CounterRow | undefined> {
    return this.db.counters.get(counterKey(dim, value));
  }

  /** Total records (from the counters). */
  async count(): Promise<number> {
    return this.io(async () => (await this.counter('all', ''))?.n ?? 0);
  }

  /**
   * One page of matching records. With a `channel`, a later query on the same channel makes this
   * one stop looking and answer with what it found (its asker has moved on).
   */
  async query(
    filter: HistoryFilter,
    offset: number,
    limit: number,
    channel?: string,
    plain = false,
  ): Promise<QueryResult> {
    const ticket = ++this.querySeq;
    if (channel !== undefined) {
      if (this.channels.size > 100 && !this.channels.has(channel)) this.channels.clear();
      this.channels.set(channel, ticket);
    }
    const superseded = () => channel !== undefined && this.channels.get(channel) !== ticket;
    return this.io(() => this.queryNow(filter ?? {}, offset, limit, superseded, plain));
  }

  private async queryNow(
    filter: HistoryFilter,
    offset: number,
    limit: number,
    superseded: () => boolean = () => false,
    plain = false,
  ): Promise<QueryResult> {
    // Rows for figures (see the "plain" query): no per-address counts to look up.
    const rowsOf = (page: HistoryRecord[]) =>
      plain ? Promise.resolve(page.map((r) => ({ ...r, count: 0 }))) : this.withCounts(page);
    const start = Math.max(0, Math.floor(offset) || 0);
    const n = Math.max(0, Math.min(1000, Math.floor(limit) || 0));
    const all = await this.counter('all', '');
    const total = all?.n ?? 0;
    if (isEmptyFilter(filter)) {
      const page = await this.db.records.orderBy('lastSeen').reverse().offset(start).limit(n).toArray();
      return {
        matched: total,
        counts: countsOf(all),
        total,
        offset: start,
        rows: await rowsOf(page),
      };
    }
    const f = await this.found_(filter);
    // A walk that finds little (every word common, their combination rare) stops after a time
    // budget and answers with what it found and `more`; the next request goes on from there.
    const deadline = this.now() + WALK_BUDGET_MS;
    // The page was found by an earlier request and the number of matches is known: this one
    // goes on counting them by severity and category (the popup asks again for that).
    const counting = f.exact !== null && f.exactCounts === null && f.keys.length >= start + n;
    while (!f.done && (f.keys.length < start + n || counting) && !superseded()) {
      await this.step(f);
      if (this.now() > deadline) break;
    }
    const keys = f.keys.slice(start, start + n);
    const missing = keys.filter((k) => !f.rows.has(k));
    const read = missing.length ? await this.db.records.bulkGet(missing) : [];
    const fresh = new Map(missing.map((k, i) => [k, read[i]]));
    // A row deleted since it was found is left out rather than shown from memory.
    const page = keys
      .map((k) => f.rows.get(k) ?? fresh.get(k))
      .filter((r): r is HistoryRecord => r !== undefined);
    const matched = f.exact ?? f.keys.length;
    const counts = f.exactCounts ?? f.counts;
    const result: QueryResult = {
      matched,
      counts,
      total,
      offset: start,
      rows: await rowsOf(page),
    };
    if (!f.done && f.exact === null) result.more = true;
    if (!f.done && f.exactCounts === null) result.partial = true;
    if (f.keys.length > MAX_FOUND) this.found = null;
    return result;
  }

  /** The page's rows with how many bounces each address has: its counter row, one read a page. */
  private async withCounts(page: HistoryRecord[]): Promise<HistoryRow[]> {
    const addrs = [...new Set(page.map((r) => r.recipient).filter((a) => a !== ''))];
    const rows = await this.db.counters.bulkGet(addrs.map((a) => counterKey('addr', a)));
    const byAddr = new Map(addrs.map((a, i) => [a, rows[i]?.n ?? 1]));
    return page.map((r) => ({ ...r, count: r.recipient ? (byAddr.get(r.recipient) ?? 1) : 1 }));
  }

  /** The kept result for this filter, or a new one. */
  private async found_(filter: HistoryFilter): Promise<Found> {
    const sig = JSON.stringify(filter);
    if (this.found?.sig === sig && this.found.version === this.version) return this.found;
    const version = this.version;
    const f: Found = {
      sig,
      version,
      keys: [],
      counts: emptyCounts(),
      exact: null,
      exactCounts: null,
      done: false,
      next: null,
      rows: new Map(),
    };
    const fromCounters = await this.countersAnswer(filter);
    if (fromCounters) {
      f.exact = fromCounters.total;
      f.exactCounts = fromCounters;
    }
    f.next = this.scan(filter, await this.pickSource(filter), 2000, (total) => {
      f.exact = total;
    });
    if (this.version === version) this.found = f;
    return f;
  }

  private async step(f: Found): Promise<void> {
    const r = await f.next!.next();
    if (r.done) {
      f.done = true;
      f.exact = f.keys.length;
      f.exactCounts = f.counts;
      return;
    }
    for (const rec of r.value) {
      if (f.rows.size < KEEP_ROWS) f.rows.set(rec.key, rec);
      f.keys.push(rec.key);
      addToCounts(f.counts, rec.severity, rec.category);
    }
  }

  /**
   * Exact counts from one counter row, when the filter is one single-valued dimension (or
   * nothing) plus severities and categories.
   */
  private async countersAnswer(filter: HistoryFilter): Promise<HistoryCounts | null> {
    const { severities, categories, providers, recipientDomains, sender, sendingIps, emailTypes, ...rest } =
      filter;
    if (!isEmptyFilter(rest)) return null;
    const dims: [StatDim, string][] = [];
    for (const [dim, values] of [
      ['sip', sendingIps],
      ['etype', emailTypes],
    ] as const) {
      if (!values?.length) continue;
      if (values.length > 1) return null;
      dims.push([dim, values[0]!]);
    }
    if (providers?.length) {
      if (providers.length > 1) return null;
      dims.push(['provider', providers[0]!]);
    }
    if (recipientDomains?.length) {
      if (recipientDomains.length > 1) return null;
      dims.push(['rdom', recipientDomains[0]!.toLowerCase()]);
    }
    const s = sender?.trim().toLowerCase();
    if (s) dims.push([s.includes('@') ? 'sender' : 'sdom', s]);
    if (dims.length > 1) return null;
    const [dim, value] = dims[0] ?? ['all', ''];
    return countsOf(await this.counter(dim, value), severities, categories);
  }

  /** Number of rows of one counter dimension's values (all severities and categories). */
  private async sizeOf(dim: StatDim, values: readonly string[]): Promise<number> {
    const rows = await this.db.counters.bulkGet(values.map((v) => counterKey(dim, v)));
    return rows.reduce((s, r) => s + (r?.n ?? 0), 0);
  }

  /**
   * Where the scan starts: a single-valued filter's compound index when it holds few rows (or
   * fewer than everything, without search words), else the search timeline for search words,
   * else the lastSeen index.
   */
  private async pickSource(filter: HistoryFilter): Promise<Source> {
    const all = (await this.counter('all', ''))?.n ?? 0;
    const terms = searchTerms(filter.search);
    // Single-valued filters with a compound index: their counter says how many rows they hold.
    const candidates: { index: string; value: string; size: number }[] = [];
    const single = async (index: string, dim: StatDim, values: readonly string[] | undefined) => {
      if (values?.length !== 1) return;
      candidates.push({ index, value: values[0]!, size: await this.sizeOf(dim, values) });
    };
    await single('[provider+lastSeen]', 'provider', filter.providers);
    await single(
      '[recipientDomain+lastSeen]',
      'rdom',
      filter.recipientDomains?.map((d) => d.toLowerCase()),
    );
    await single('[sendingIp+lastSeen]', 'sip', filter.sendingIps);
    await single('[emailType+lastSeen]', 'etype', filter.emailTypes);
    const s = filter.sender?.trim().toLowerCase();
    if (s) {
      // An address is looked for within its domain (the check below picks the address).
      const domain = s.includes('@') ? s.slice(s.lastIndexOf('@') + 1) : s;
      candidates.push({
        index: '[senderDomain+lastSeen]',
        value: domain,
        size: await this.sizeOf('sdom', [domain]),
      });
    }
    if (filter.categories?.length === 1) {
      const row = await this.counter('all', '');
      const cat = filter.categories[0]!;
      const size = Object.entries(row?.c ?? {})
        .filter(([sc]) => sc.endsWith(`:${cat}`))
        .reduce((x, [, v]) => x + v, 0);
      candidates.push({ index: '[category+lastSeen]', value: cat, size });
    }
    candidates.sort((a, b) => a.size - b.size);
    const pick = candidates[0];
    if (pick && (pick.size < SMALL_FILTER || (terms.length === 0 && pick.size < all))) {
      return { kind: 'walk', index: pick.index, value: pick.value };
    }
    if (terms.length > 0) return { kind: 'search', terms };
    return { kind: 'walk', index: 'lastSeen', value: null };
  }

  /** Matching records, newest first, in batches. */
  private async *scan(
    filter: HistoryFilter,
    source: Source,
    maxChunk = 2000,
    onTotal: (n: number) => void = () => undefined,
  ): AsyncGenerator<HistoryRecord[]> {
    const pred = compileFilter(filter);
    const lo = typeof filter.from === 'number' && Number.isFinite(filter.from) ? filter.from : -Infinity;
    let hi = typeof filter.to === 'number' && Number.isFinite(filter.to) ? filter.to : Infinity;
    if (source.kind === 'search') {
      const { search: _s, from: _f, to: _t, ...rest } = filter;
      yield* this.search(source.terms, pred, lo, hi, maxChunk, isEmptyFilter(rest), onTotal);
      return;
    }
    let hiOpen = false;
    let n = 100;
    const range = (a: number, b: number, open: boolean) => {
      const lower = source.value === null ? a : [source.value, a];
      const upper = source.value === null ? b : [source.value, b];
      return this.db.records.where(source.index).between(lower, upper, true, !open);
    };
    for (;;) {
      if (lo > hi) return;
      const chunk = await range(lo, hi, hiOpen).reverse().limit(n).toArray();
      if (chunk.length === 0) return;
      let out = chunk;
      const full = chunk.length === n;
      if (full) {
        // The chunk may end inside a run of equal times: take that whole run, then go below it.
        const t = chunk[chunk.length - 1]!.lastSeen;
        out = chunk.filter((r) => r.lastSeen !== t);
        out.push(...(await range(t, t, false).reverse().toArray()));
        hi = t;
        hiOpen = true;
      }
      // Yield every chunk, even an empty one: the caller checks its time budget between chunks.
      yield out.filter(pred);
      if (!full) return;
      n = Math.min(maxChunk, n * 2);
    }
  }

  /** Weeks that hold records between `lo` and `hi`, newest first (from the per-day counters). */
  private async weeks(lo: number, hi: number): Promise<number[]> {
    if (this.weeksCache?.version !== this.version) {
      const version = this.version;
      const days = await this.db.counters
        .where(':id')
        .between(counterKey('day', ''), counterKey('day', '\uffff'))
        .toArray();
      const set = new Set(days.map((d) => weekOf(Date.parse(`${d.value}T00:00:00Z`))));
      const weeks = [...set].filter(Number.isFinite).sort((a, b) => b - a);
      if (this.version === version) this.weeksCache = { version, weeks };
      else return weeks.filter((w) => w >= weekOf(lo) && w <= weekOf(hi));
    }
    const from = lo === -Infinity ? -Infinity : weekOf(lo);
    const to = hi === Infinity ? Infinity : weekOf(hi);
    return this.weeksCache!.weeks.filter((w) => w >= from && w <= to);
  }

  /**
   * Records whose words start with every term, newest first, from the search timeline: week by
   * week, the keys of each term's matches (their times are in the keys, so no record is read to
   * order them), intersected; or, in a week where every term is common, the week's timeline rows
   * walked newest first. Each record is then checked against the whole filter.
   *
   * While the keys found stay few, every week is asked before the first record is read: a rare
   * search then knows its exact number at once (`onTotal`), when the words are all it asks for.
   */
  private async *search(
    terms: string[],
    pred: (r: HistoryRecord) => boolean,
    lo: number,
    hi: number,
    maxChunk: number,
    wordsOnly: boolean,
    onTotal: (n: number) => void,
  ): AsyncGenerator<HistoryRecord[]> {
    const weeks = await this.weeks(lo, hi);
    const read = async (keys: string[]) => {
      const out: HistoryRecord[] = [];
      for (const r of await this.db.records.bulkGet(keys)) if (r && pred(r)) out.push(r);
      return out;
    };
    // Terms are asked rarest first (as the weeks asked so far found them): a week where one
    // matches nothing needs no other.
    const sizes = new Map<string, number>(terms.map((t) => [t, 0]));
    let order = [...terms].sort((a, b) => b.length - a.length);
    // Weeks asked ahead, in order, with their matches (null: walk the week).
    const ahead: { week: number; keys: WeekKeys | null }[] = [];
    let asked = 0;
    let batch = 1;
    const ask = async () => {
      const some = weeks.slice(asked, asked + batch);
      asked += some.length;
      batch = Math.min(MAX_WEEK_BATCH, batch * 2);
      const found = await Promise.all(some.map((w) => this.weekMatches(w, order, lo, hi, sizes)));
      some.forEach((week, i) => ahead.push({ week, keys: found[i] ?? null }));
      order = [...order].sort((a, b) => sizes.get(a)! - sizes.get(b)!);
    };
    let total = 0;
    let exact = wordsOnly;
    // …as long as the weeks asked so far promise few keys in all (a common word stops at once).
    while (asked < weeks.length && exact && (asked === 0 || (total / asked) * weeks.length <= KEYS_AHEAD)) {
      await ask();
      for (const a of ahead) {
        if (a.keys === null || !a.keys.exact) exact = false;
      }
      total = ahead.reduce((n, a) => n + (a.keys?.keys.length ?? 0), 0);
    }
    if (exact && asked === weeks.length) onTotal(total);
    for (;;) {
      if (ahead.length === 0) {
        if (asked >= weeks.length) return;
        await ask();
      }
      const { week, keys } = ahead.shift()!;
      if (keys === null) {
        yield* this.walkWeek(week, terms, lo, hi, maxChunk, read);
        continue;
      }
      // Yield even nothing: the caller checks its time budget between batches.
      if (keys.keys.length === 0) yield [];
      for (let c = 0, size = 100; c < keys.keys.length; c += size, size = Math.min(maxChunk, size * 2))
        yield await read(keys.keys.slice(c, c + size));
    }
  }

  /**
   * Keys (newest first) of one week's rows with a word starting with each term: the intersection
   * of the terms with at most {@link WEEK_KEYS} matches that week (`exact` when that is every
   * term), or null when every term matches more.
   */
  private async weekMatches(
    week: number,
    terms: string[],
    lo: number,
    hi: number,
    sizes: Map<string, number>,
  ): Promise<WeekKeys | null> {
    const sets: [number, string][][] = [];
    for (const t of terms) {
      const keys = (await this.db.timeline
        .where('w')
        .startsWith(weekWord(week, t))
        .limit(WEEK_KEYS + 1)
        .primaryKeys()) as unknown as [number, string][];
      sizes.set(t, (sizes.get(t) ?? 0) + keys.length);
      // No row of this week has the term: no other term needs asking.
      if (keys.length === 0) return { keys: [], exact: true };
      sets.push(keys);
    }
    const few = sets.filter((keys) => keys.length <= WEEK_KEYS).sort((a, b) => a.length - b.length);
    if (few.length === 0) return null;
    // One record may have two words starting with a term: keep it once.
    const times = new Map<string, number>();
    for (const [time, key] of few[0]!) if (time >= lo && time <= hi) times.set(key, time);
    for (const other of few.slice(1)) {
      const has = new Set(other.map(([, key]) => key));
      for (const key of times.keys()) if (!has.has(key)) times.delete(key);
    }
    const keys = [...times]
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? 1 : a[0] > b[0] ? -1 : 0))
      .map(([key]) => key);
    return { keys, exact: few.length === sets.length };
  }

  /** One week's timeline rows, newest first, whose words start with every term; their records. */
  private async *walkWeek(
    week: number,
    terms: string[],
    lo: number,
    hi: number,
    maxChunk: number,
    read: (keys: string[]) => Promise<HistoryRecord[]>,
  ): AsyncGenerator<HistoryRecord[]> {
    const prefix = weekWord(week, '').length;
    const first = Math.max(lo, week * WEEK_MS);
    let upper: [number, string] | number = Math.min(hi, (week + 1) * WEEK_MS - 1);
    let open = false;
    for (let n = 100; ; n = Math.min(maxChunk, n * 2)) {
      const rows: TimelineRow[] = await this.db.timeline
        .where(':id')
        .between(
          [first, Dexie.minKey],
          typeof upper === 'number' ? [upper, Dexie.maxKey] : upper,
          true,
          !open,
        )
        .reverse()
        .limit(n)
        .toArray();
      const keys = rows
        .filter((row) =>
          matchesTerms(
            row.w.map((w) => w.slice(prefix)),
            terms,
          ),
        )
        .map((row) => row.k);
      yield keys.length ? await read(keys) : [];
      if (rows.length < n) return;
      const last = rows[rows.length - 1]!;
      upper = [last.t, last.k];
      open = true;
    }
  }

  /** Every record matching `filter` (or only `keys` when given), newest first, in batches. */
  async *batches(filter: HistoryFilter, keys?: string[] | null): AsyncGenerator<HistoryRecord[]> {
    if (keys) {
      const want = compileFilter(filter);
      for (let i = 0; i < keys.length; i += 1000) {
        const got = await this.io(() => this.db.records.bulkGet(keys.slice(i, i + 1000)));
        const rows = got.filter((r): r is HistoryRecord => !!r && want(r));
        if (rows.length) yield rows;
      }
      return;
    }
    const source = await this.io(() => this.pickSource(filter ?? {}));
    // Exports read everything: larger chunks, fewer round trips.
    for await (const b of this.scan(filter ?? {}, source, 10_000)) if (b.length) yield b;
  }

  /**
   * Every record with an address, grouped by address in address order (within an address newest
   * first, as the other exports list them), in batches of whole groups of about `size` records
   * (the suppression exports read an address's whole history).
   */
  async *byAddress(size = 5000): AsyncGenerator<HistoryRecord[]> {
    const order = (a: HistoryRecord, b: HistoryRecord) =>
      (a.recipient < b.recipient ? -1 : a.recipient > b.recipient ? 1 : 0) ||
      b.lastSeen - a.lastSeen ||
      (a.key < b.key ? 1 : a.key > b.key ? -1 : 0);
    // The last address whose records were all handed over; '' skips records without one.
    let after = '';
    for (;;) {
      const from = after;
      const rows = await this.io(() => this.db.records.where('recipient').above(from).limit(size).toArray());
      if (rows.length < size) {
        if (rows.length) yield rows.sort(order);
        return;
      }
      // The batch may end inside an address's records: those wait for the next batch.
      const last = rows[rows.length - 1]!.recipient;
      let whole = rows.filter((r) => r.recipient !== last);
      if (whole.length === 0) {
        // One address fills the batch by itself: read it whole.
        whole = await this.io(() => this.db.records.where('recipient').equals(last).toArray());
        after = last;
      } else {
        after = whole[whole.length - 1]!.recipient;
      }
      yield whole.sort(order);
    }
  }

  /** Matching records, newest first (tests and small selections; exports use `batches`). */
  async matching(filter: HistoryFilter, keys?: string[]): Promise<HistoryRecord[]> {
    const out: HistoryRecord[] = [];
    for await (const b of this.batches(filter, keys ?? null)) out.push(...b);
    return out;
  }

  /** The largest values of one counter dimension. */
  async breakdown(dim: StatDim, limit = 100): Promise<CounterRow[]> {
    if (!STAT_DIMS.includes(dim)) return [];
    return this.io(() =>
      this.db.counters
        .where('[dim+n]')
        .between([dim, Dexie.minKey], [dim, Dexie.maxKey])
        .reverse()
        .limit(Math.max(1, Math.min(10_000, Math.floor(limit) || 1)))
        .toArray(),
    );
  }

  /** Counter rows of given values of one dimension (missing values are left out). */
  async counters(dim: StatDim, values: string[]): Promise<CounterRow[]> {
    if (!STAT_DIMS.includes(dim)) return [];
    const rows = await this.io(() => this.db.counters.bulkGet(values.map((v) => counterKey(dim, v))));
    return rows.filter((r): r is CounterRow => !!r);
  }

  async facets(): Promise<Facets> {
    const pairs = async (dim: StatDim, n: number): Promise<[string, number][]> =>
      (await this.breakdown(dim, n)).map((r) => [r.value, r.n]);
    const [providers, recipientDomains, senders, sdoms, all] = await Promise.all([
      pairs('provider', 100),
      pairs('rdom', 300),
      pairs('sender', 100),
      pairs('sdom', 100),
      this.io(() => this.counter('all', '')),
    ]);
    const cat = countsOf(all).byCategory;
    const byCount = <K>(a: [K, number], b: [K, number]) =>
      b[1] - a[1] || (String(a[0]) < String(b[0]) ? -1 : 1);
    return {
      providers: providers.sort(byCount),
      recipientDomains: recipientDomains.sort(byCount),
      senders: [...senders, ...sdoms.filter(([d]) => !senders.some(([s]) => s === d))]
        .sort(byCount)
        .slice(0, 100),
      categories: (Object.entries(cat) as [CategoryId, number][]).sort(byCount),
    };
  }

  // ---------------------------------------------------------------------------- delete, undo

  /** Delete records; they can be restored with {@link undo} during the undo window. */
  delete(keys: string[]): Promise<UndoTicket> {
    return this.serial(() => this.io(() => this.moveToTrash({ keys: [...new Set(keys)] })));
  }

  /** Delete everything (seen until now), keeping it for the undo window. */
  clearAll(): Promise<UndoTicket> {
    return this.serial(() => this.io(() => this.moveToTrash({ keys: null })));
  }

  /**
   * Moves rows to the trash, chunk by chunk, each chunk one transaction (records, trash and
   * counters together): at every moment a row is in exactly one of the two tables. The ticket is
   * written first, so that a restart in the middle finishes the move (see resumeInterrupted).
   */
  private async moveToTrash(what: { keys: string[] | null }): Promise<UndoTicket> {
    const token = `t${this.now().toString(36)}-${(++tokenSeq).toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
    // A clear takes what was seen until now; bounces reported while it runs stay.
    const last = await this.db.records.orderBy('lastSeen').last();
    const cut = Math.max(this.now(), last?.lastSeen ?? 0);
    const ticket: MetaRow = {
      k: UNDO_PREFIX + token,
      token,
      state: 'moving',
      cut,
      keys: what.keys,
      count: 0,
      until: 0,
    };
    await this.db.meta.put(ticket);
    const count = await this.moveChunks(token, cut, what.keys);
    const until = this.now() + this.undoWindowMs;
    await this.db.meta.put({ ...ticket, state: 'trash', count, until, keys: null });
    this.schedulePurge();
    if (count === 0) {
      await this.purge(token);
      return { token: null, count: 0, undoUntil: 0 };
    }
    return { token, count, undoUntil: until };
  }

  private async moveChunks(token: string, cut: number, keys: string[] | null): Promise<number> {
    let moved = 0;
    for (let i = 0; ; i += MOVE_CHUNK) {
      let n = 0;
      await this.db.transaction(
        'rw',
        [this.db.records, this.db.trash, this.db.counters, this.db.meta, this.db.timeline],
        async () => {
          const rows =
            keys === null
              ? await this.db.records.where('lastSeen').belowOrEqual(cut).limit(MOVE_CHUNK).toArray()
              : (await this.db.records.bulkGet(keys.slice(i, i + MOVE_CHUNK))).filter(
                  (r): r is HistoryRecord => !!r,
                );
          n = rows.length;
          if (n === 0) return;
          const delta = new CounterDelta();
          for (const r of rows) delta.add(r, -1);
          await this.db.trash.bulkPut(rows.map((r) => ({ ...r, token })));
          await this.db.records.bulkDelete(rows.map((r) => r.key));
          await this.retime(rows, []);
          await this.applyDelta(delta);
          const t = await this.db.meta.get(UNDO_PREFIX + token);
          if (t) await this.db.meta.put({ ...t, count: Number(t.count ?? 0) + n });
        },
      );
      moved += n;
      if (n > 0) this.changed();
      if (keys === null ? n === 0 : i + MOVE_CHUNK >= keys.length) break;
    }
    const t = await this.db.meta.get(UNDO_PREFIX + token);
    return Number(t?.count ?? moved);
  }

  /** Bring deleted rows back. Sightings that arrived since then are kept and merged. */
  undo(token: string): Promise<number> {
    return this.serial(() =>
      this.io(async () => {
        const t = await this.db.meta.get(UNDO_PREFIX + String(token));
        if (!t || t.state !== 'trash' || this.now() > Number(t.until)) return 0;
        await this.db.meta.put({ ...t, state: 'restoring' });
        return this.restoreChunks(String(token));
      }),
    );
  }

  private async restoreChunks(token: string): Promise<number> {
    let restored = 0;
    for (;;) {
      let n = 0;
      await this.db.transaction(
        'rw',
        [this.db.records, this.db.trash, this.db.counters, this.db.timeline],
        async () => {
          const rows = await this.db.trash
            .where('[token+key]')
            .between([token, Dexie.minKey], [token, Dexie.maxKey])
            .limit(MOVE_CHUNK)
            .toArray();
          n = rows.length;
          if (n === 0) return;
          const keys = rows.map((r) => r.key);
          const now = await this.db.records.bulkGet(keys);
          const delta = new CounterDelta();
          const replaced = now.filter((r): r is HistoryRecord => !!r);
          const put = rows.map(({ token: _t, ...old }, i) => {
            const current = now[i];
            if (current) delta.add(current, -1);
            const merged = current ? mergeRecord(old, current) : old;
            delta.add(merged, 1);
            return merged;
          });
          await this.db.records.bulkPut(put);
          await this.retime(replaced, put);
          await this.applyDelta(delta);
          await this.db.trash.bulkDelete(keys.map((k) => [token, k] as [string, string]));
        },
      );
      restored += n;
      if (n === 0) break;
      this.changed();
    }
    await this.db.meta.delete(UNDO_PREFIX + token);
    return restored;
  }

  /** Finish moves and restores a restart interrupted. */
  private async resumeInterrupted(): Promise<void> {
    const tickets = await this.db.meta.where('k').startsWith(UNDO_PREFIX).toArray();
    for (const t of tickets) {
      const token = String(t.token);
      if (t.state === 'moving') {
        const count = await this.moveChunks(
          token,
          Number(t.cut),
          Array.isArray(t.keys) ? (t.keys as string[]) : null,
        );
        await this.db.meta.put({
          ...t,
          state: 'trash',
          count,
          until: this.now() + this.undoWindowMs,
          keys: null,
        });
      } else if (t.state === 'restoring') {
        await this.restoreChunks(token);
      }
    }
  }

  /** Removes for good what the undo window no longer covers; then waits for the next expiry. */
  async purgeExpired(): Promise<number> {
    const tickets = await this.io(() => this.db.meta.where('k').startsWith(UNDO_PREFIX).toArray());
    let purged = 0;
    for (const t of tickets) {
      if (t.state === 'trash' && Number(t.until) < this.now()) {
        await this.purge(String(t.token));
        purged++;
      }
    }
    this.schedulePurge();
    return purged;
  }

  private async purge(token: string): Promise<void> {
    await this.db.transaction('rw', this.db.trash, this.db.meta, async () => {
      await this.db.trash.where('[token+key]').between([token, Dexie.minKey], [token, Dexie.maxKey]).delete();
      await this.db.meta.delete(UNDO_PREFIX + token);
    });
  }

  private schedulePurge(): void {
    if (this.closed) return;
    if (this.purgeTimer) clearTimeout(this.purgeTimer);
    void this.db.meta
      .where('k')
      .startsWith(UNDO_PREFIX)
      .toArray()
      .then((tickets) => {
        const untils = tickets.filter((t) => t.state === 'trash').map((t) => Number(t.until));
        if (untils.length === 0 || this.closed) return;
        const wait = Math.max(0, Math.min(...untils) - this.now()) + 50;
        this.purgeTimer = setTimeout(() => {
          this.purgeTimer = null;
          this.purgeExpired().catch(() => undefined);
        }, wait);
      })
      .catch(() => undefined);
  }

  // ---------------------------------------------------------------------------- retention

  /** Delete records last seen more than `days` days ago (for good, in chunks). */
  async applyRetention(days: number | null): Promise<number> {
    if (days === null || !(days > 0)) return 0;
    const cutoff = this.now() - days * 86_400_000;
    return this.serial(() => this.io(() => this.dropOlderThan(cutoff)));
  }

  private async dropOlderThan(cutoff: number): Promise<number> {
    let dropped = 0;
    for (;;) {
      let n = 0;
      await this.db.transaction('rw', this.db.records, this.db.counters, this.db.timeline, async () => {
        const rows = await this.db.records.where('lastSeen').below(cutoff).limit(MOVE_CHUNK).toArray();
        n = rows.length;
        if (n === 0) return;
        const delta = new CounterDelta();
        for (const r of rows) delta.add(r, -1);
        await this.db.records.bulkDelete(rows.map((r) => r.key));
        await this.retime(rows, []);
        await this.applyDelta(delta);
      });
      dropped += n;
      if (n === 0) break;
      this.changed();
    }
    return dropped;
  }

  close(): void {
    this.closed = true;
    if (this.purgeTimer) clearTimeout(this.purgeTimer);
    this.db.close();
  }
}
