/**
 * The history database: IndexedDB through Dexie, in the extension's own origin.
 * Only the background service worker opens it; pages and content scripts use messages.
 *
 * Schema versions are append-only. Never edit a released version: add a new one with an
 * upgrade function and a test in db.test.ts that opens data written by the previous one.
 */
import { Dexie, type DexieOptions, type Table } from 'dexie';
import type { HistoryRecord } from './record';
import { severityOf } from './record';

export const DB_NAME = 'bounce-triage-history';

/** Latest schema version; bump together with a new entry in {@link declareVersions}. */
export const DB_VERSION = 2;

export class HistoryDb extends Dexie {
  records!: Table<HistoryRecord, string>;

  constructor(name: string = DB_NAME, options?: DexieOptions, upTo: number = DB_VERSION) {
    super(name, options);
    declareVersions(this, upTo);
  }
}

/**
 * Declares every schema version up to `upTo` (tests use a lower number to write old data).
 *
 * v1: first layout; records keyed by "messageId|recipient", indexes for filtering in IndexedDB.
 * v2: search and filters run over the background's memory copy, so only the indexes the store
 *     walks remain (lastSeen: newest page on a cold start and retention; messageId: upserts).
 *     Adds `severity` (hard / soft / delayed, derived from kind and hard) and fills in the
 *     recipient's domain and the sender field on old rows.
 */
export function declareVersions(db: Dexie, upTo: number): void {
  db.version(1).stores({
    records: 'key, lastSeen, recipient, messageId, category, provider, senderDomain',
  });
  if (upTo < 2) return;
  db.version(2)
    .stores({
      records: 'key, lastSeen, messageId',
    })
    .upgrade(async (tx) => {
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
    });
}
