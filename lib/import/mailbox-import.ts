/**
 * Importing a mailbox: a stream of bytes (a Takeout .mbox, any mbox, one .eml) in, batches of
 * bounce reports and sent-mail counts out, with the progress and a resume point after each batch.
 * Pure: no DOM, no extension APIs (it runs in the dashboard's worker and in Node tests alike).
 *
 * Each batch ends on a message boundary, and `resumeAt` is the byte offset where the next message
 * starts: once a batch is stored, a later import can start reading there. Everything written is
 * keyed by the message (see {@link importMessageId}), so a batch stored twice adds nothing.
 */
import { classifyMessage } from '../engine/index';
import type { BounceResult } from '../engine/types';
import {
  MboxReader,
  addressesIn,
  sentFacts,
  takeoutIds,
  type MboxEntry,
} from '../engine/message/mbox-stream';
import { emailTypeOf, returnedOriginal, type EmailType } from '../engine/message/mbox-original';
import type { BounceSeenMessage } from '../messages';
import { IMPORTED_ACCOUNT } from './protocol';

/** Message kinds an import keeps (as the history does). */
const KEPT = new Set(['failed', 'delayed', 'complaint']);

/** One sent message: its key, the sending address, the UTC day and its distinct recipients. */
export interface SentRow {
  key: string;
  from: string;
  day: string;
  recipients: number;
}

export interface ImportProgress {
  /** Bytes read from the start of the file (resumed imports count the skipped part). */
  bytes: number;
  /** Messages read in this run. */
  messages: number;
  /** Messages labelled Sent in this run. */
  sent: number;
  /** Bounce messages (failed, delayed, complaint) found in this run. */
  bounces: number;
  /** Messages the gate let through to the engine. */
  candidates: number;
}

export interface ImportBatch {
  reports: BounceSeenMessage[];
  sent: SentRow[];
  progress: ImportProgress;
  /** Where the next message starts: a later import may resume here once this batch is stored. */
  resumeAt: number;
  /** True for the last batch of the stream. */
  done: boolean;
}

export interface ImportOptions {
  /** Byte offset of the first chunk in the file (a resumed import). */
  startOffset?: number;
  /** Reports per batch. */
  batchReports?: number;
  /** Bytes read before a batch is cut even without reports (progress and resume points). */
  batchBytes?: number;
  /** "Seen" time of the records: when the import ran. */
  now?: number;
}

/**
 * A 53-bit hash of a string (two 32-bit multiplicative hashes combined), as a decimal string:
 * the id an imported message is stored under. Takeout does not give Gmail's own message id.
 */
export function hash53(s: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return String(4294967296 * (2097151 & h2) + (h1 >>> 0));
}

/**
 * The id an imported message is stored under: the same message gives the same id in any file
 * (Takeout's thread id, the Message-ID and the Date; without them, the whole header block).
 */
export function importMessageId(e: MboxEntry): string {
  const { threadId, messageId } = takeoutIds(e.headers);
  const date = e.headers.get('date') ?? '';
  const basis =
    threadId || messageId
      ? `${threadId ?? ''}|${messageId ?? ''}|${date}`
      : e.headers.rawFields.map((f) => `${f.name}:${f.value}`).join('\n');
  return hash53(basis);
}

/** Longest mailbox address kept in the account field (the history keeps 40 characters of it). */
const MAX_ACCOUNT_ADDRESS = 40 - IMPORTED_ACCOUNT.length;

/**
 * The account an imported message belongs to: Gmail writes the mailbox's address in the topmost
 * Delivered-To field on delivery, so a Takeout bounce says which account its thread is in.
 * "takeout:" alone when it does not (or the address is too long to keep whole).
 */
export function importedAccount(e: MboxEntry): string {
  const to = addressesIn(e.headers.get('delivered-to') ?? '')[0] ?? '';
  return IMPORTED_ACCOUNT + (to.length <= MAX_ACCOUNT_ADDRESS ? to : '');
}

/** The report for one classified bounce, as the history stores it, with the import's extras. */
export function reportOf(
  e: MboxEntry,
  result: BounceResult,
  emailType: EmailType | null,
  now: number,
): BounceSeenMessage {
  return {
    type: 'bounce-seen',
    account: importedAccount(e),
    messageId: importMessageId(e),
    threadId: takeoutIds(e.headers).threadId,
    source: 'raw',
    // The evidence explains a verdict on the card; the history does not keep it.
    result: { ...result, records: result.records.map((r) => ({ ...r, evidence: [] })) },
    seenAt: now,
    emailType,
  };
}

/** Reads a mailbox and yields batches to store, in order. Never throws on bad mail. */
export async function* importMailbox(
  chunks: AsyncIterable<Uint8Array>,
  options: ImportOptions = {},
): AsyncGenerator<ImportBatch> {
  const start = options.startOffset ?? 0;
  const batchReports = options.batchReports ?? 500;
  const batchBytes = options.batchBytes ?? 32 * 1024 * 1024;
  const now = options.now ?? Date.now();
  const reader = new MboxReader();
  const progress: ImportProgress = { bytes: start, messages: 0, sent: 0, bounces: 0, candidates: 0 };
  let reports: BounceSeenMessage[] = [];
  let sent: SentRow[] = [];
  let resumeAt = start;
  let cutAt = start + batchBytes;

  const take = (e: MboxEntry) => {
    progress.messages++;
    resumeAt = start + e.offset + e.bytes;
    const s = sentFacts(e.headers);
    if (s) {
      progress.sent++;
      if (s.from && s.day && s.recipients > 0)
        sent.push({ key: importMessageId(e), from: s.from, day: s.day, recipients: s.recipients });
      return;
    }
    if (!e.candidate || e.raw === null) return;
    progress.candidates++;
    const result = classifyMessage(e.raw);
    if (!KEPT.has(result.kind) || result.records.length === 0) return;
    progress.bounces++;
    reports.push(reportOf(e, result, emailTypeOf(returnedOriginal(e.raw)), now));
  };
  const batch = (done: boolean): ImportBatch => {
    const b = { reports, sent, progress: { ...progress }, resumeAt, done };
    reports = [];
    sent = [];
    cutAt = progress.bytes + batchBytes;
    return b;
  };

  for await (const chunk of chunks) {
    const entries = reader.push(chunk);
    progress.bytes += chunk.length;
    for (const e of entries) {
      take(e);
      if (reports.length >= batchReports) yield batch(false);
    }
    if (progress.bytes >= cutAt) yield batch(false);
  }
  for (const e of reader.end()) {
    take(e);
    if (reports.length >= batchReports) yield batch(false);
  }
  resumeAt = progress.bytes;
  yield batch(true);
}
