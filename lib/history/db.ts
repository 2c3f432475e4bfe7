/**
 * The history database: IndexedDB through Dexie, in the extension's own origin.
 * Only the background service worker opens it; pages and content scripts use messages.
 *
 * Schema versions are append-only and all listed in {@link SCHEMA}. Never edit a released
 * version: add a new entry (its table layout and an upgrade function) at the end, and a test in
 * db.test.ts that opens data written by the previous one.
 */
import { Dexie, type DexieOptions, type Table, type Transaction } from 'dexie';
import type { CorrectionRow } from './corrections-file';
import type { HistoryRecord } from './record';
import { searchWords, severityOf } from './record';
import { ADDRESSES_KEY, CounterDelta, counterKey, type CounterRow } from './stats';

export const DB_NAME = 'bounce-triage-history';

/** A record in the trash: kept for undo until `until` (see store.ts), keyed by [token+key]. */
export type TrashRow = HistoryRecord & { token: string };

/**
 * One row per record in the search timeline, keyed [lastSeen, record key] so that a primary-key
 * range walks records newest first without reading them. `w` holds the record's search words,
 * each prefixed with its week ("<week>:<word>", see {@link weekWord}), indexed multi-entry: the
 * matches of a word prefix within one week are one index range, and the primary keys it returns
 * carry their times, so they are put in order without reading a record.
 */
export interface TimelineRow {
  t: number;
  k: string;
  w: string[];
}

/** A week number (weeks since the epoch) as the search timeline buckets records. */
export const WEEK_MS = 7 * 86_400_000;
export const weekOf = (ms: number): number => Math.floor(ms / WEEK_MS);
/** A word (or a word prefix) within one week of the search timeline. */
export const weekWord = (week: number, word: string): string => `${week.toString(36)}:${word}`;

/** The timeline row of a record. */
export function timelineRow(r: Pick<HistoryRecord, 'key' | 'lastSeen' | 'words'>): TimelineRow {
  const week = weekOf(r.lastSeen);
  return { t: r.lastSeen, k: r.key, w: (r.words ?? []).map((w) => weekWord(week, w)) };
}

/** Undo tickets and interrupted work, so that both survive a service worker restart. */
export interface MetaRow {
  k: string;
  [field: string]: unknown;
}

interface SchemaVersion {
  version: number;
  stores: Record<string, string | null>;
  upgrade?: (tx: Transaction) => Promise<void>;
}

/**
 * Every schema version, oldest first.
 *
 * v1: first layout; records keyed by "messageId|recipient", indexes for filtering in IndexedDB.
 * v2: search and filters ran over a memory copy, so only lastSeen and messageId stayed indexed.
 *     Added `severity`, and filled in the recipient's domain and the sender field on old rows.
 * v3: the store answers from disk again: indexes for the selective filters (compound with
 *     lastSeen, so a filtered list comes out newest first; every index entry costs write time, so
 *     only these), a multi-entry index of search words, counters,
 *     a trash for undo and a small meta table. Old rows get their search words, `bounceDate`
 *     (unknown: null) and their share of the counters.
 * v4: the person's corrections of verdicts (see corrections.ts), one row per corrected record,
 *     indexed by message (the card asks for its own) and by bounce pattern (offered again on a
 *     similar bounce). A new table: no existing row changes, so there is nothing to upgrade.
 * v5: search moves to the timeline (see {@link TimelineRow}): reading a record from an index
 *     costs tens of microseconds in Chromium, so a search that sorted its matches by reading them
 *     did not hold at a million records. The records lose their `words` index (they keep the
 *     field, which the filter check reads); every record gets its timeline row.
 * v6: `bounceId` (the report's Message-ID) is indexed, so that the same bounce seen in Gmail and
 *     imported from a mailbox becomes one record (see store.ts), and the two filters only imports
 *     fill in, sending IP and email type, get compound indexes like the other selective filters.
 *     Older rows never stored the Message-ID and have no IP or type: nothing to fill in.
 * v7: counters per failed address, and the number of distinct addresses (see stats.ts), which
 *     the popup's per-address counts and the dashboard's unique addresses read instead of the
 *     recipient index. Counted from the records, in chunks.
 */
export const SCHEMA: readonly SchemaVersion[] = [
  {
    version: 1,
    stores: { records: 'key, lastSeen, recipient, messageId, category, provider, senderDomain' },
  },
  {
    version: 2,
    stores: { records: 'key, lastSeen, messageId' },
    upgrade: async (tx) => {
      await tx
        .table('records')
        .toCollection()
        .modify((row: Partial<HistoryRecord> & Pick<HistoryRecord, 'kind' | 'hard' | 'recipient'>) => {
          row.severity = severityOf(row.kind, row.hard === true);
          if (row.recipientDomain === undefined) {
            const at = row.recipient.lastIndexOf('@');
            row.recipientDomain = at < 0 ? '' : row.recipient.slice(at + 1);
          }
          row.sender ??= null;
        });
    },
  },
  {
    version: 3,
    stores: {
      records:
        'key, lastSeen, messageId, recipient, *words, [category+lastSeen], [provider+lastSeen], [recipientDomain+lastSeen], [senderDomain+lastSeen]',
      counters: 'k, [dim+n]',
      trash: '[token+key]',
      meta: 'k',
    },
    upgrade: async (tx) => {
      const delta = new CounterDelta();
      await tx
        .table('records')
        .toCollection()
        .modify((row: HistoryRecord) => {
          row.bounceDate ??= null;
          row.words = searchWords(row);
          delta.add(row, 1);
        });
      await tx.table('counters').bulkPut(delta.applyTo([]).put);
    },
  },
  {
    version: 4,
    stores: { corrections: 'key, messageId, pattern, createdAt' },
  },
  {
    version: 5,
    stores: {
      records:
        'key, lastSeen, messageId, recipient, [category+lastSeen], [provider+lastSeen], [recipientDomain+lastSeen], [senderDomain+lastSeen]',
      timeline: '[t+k], *w',
    },
    upgrade: async (tx) => {
      const timeline = tx.table('timeline');
      await eachChunk(tx, (rows) => timeline.bulkPut(rows.map(timelineRow)));
    },
  },
  {
    version: 6,
    stores: {
      records:
        'key, lastSeen, messageId, recipient, bounceId, [category+lastSeen], [provider+lastSeen], [recipientDomain+lastSeen], [senderDomain+lastSeen], [sendingIp+lastSeen], [emailType+lastSeen]',
    },
  },
  {
    version: 7,
    stores: {},
    upgrade: async (tx) => {
      const counters = tx.table('counters');
      // An upgrade from before v3 has counted the addresses already (v3's upgrade uses today's
      // counter code): start them again.
      await counters.where(':id').between(counterKey('addr', ''), counterKey('addr', '\uffff')).delete();
      await counters.delete(ADDRESSES_KEY);
      await eachChunk(tx, async (rows) => {
        // Only the address rows of this chunk's counter delta (the others are already counted).
        const delta = new CounterDelta();
        for (const r of rows) delta.add(r, 1);
        for (const [k, row] of delta.rows)
          if (row.dim !== 'addr' && row.dim !== 'addrs') delta.rows.delete(k);
        const { put } = delta.applyTo(await counters.bulkGet([...delta.rows.keys()]));
        await counters.bulkPut(put);
      });
    },
  },
];

/** Every record of an upgrading database, in key order, a chunk at a time (a large history never sits in memory). */
async function eachChunk(tx: Transaction, fn: (rows: HistoryRecord[]) => Promise<unknown>): Promise<void> {
  const records = tx.table('records');
  let after: string | null = null;
  for (;;) {
    const rows: HistoryRecord[] = await (
      after === null ? records.orderBy(':id') : records.where(':id').above(after)
    )
      .limit(5000)
      .toArray();
    if (rows.length === 0) return;
    await fn(rows);
    after = rows[rows.length - 1]!.key;
  }
}

/** Latest schema version. */
export const DB_VERSION = SCHEMA[SCHEMA.length - 1]!.version;

export class HistoryDb extends Dexie {
  records!: Table<HistoryRecord, string>;
  counters!: Table<CounterRow, string>;
  trash!: Table<TrashRow, [string, string]>;
  meta!: Table<MetaRow, string>;
  corrections!: Table<CorrectionRow, string>;
  timeline!: Table<TimelineRow, [number, string]>;

  constructor(name: string = DB_NAME, options?: DexieOptions, upTo: number = DB_VERSION) {
    super(name, options);
    declareVersions(this, upTo);
  }
}

/** Declares every schema version up to `upTo` (tests use a lower number to write old data). */
export function declareVersions(db: Dexie, upTo: number): void {
  for (const v of SCHEMA) {
    if (v.version > upTo) break;
    const declared = db.version(v.version).stores(v.stores);
    if (v.upgrade) declared.upgrade(v.upgrade);
  }
}
