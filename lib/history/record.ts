/**
 * The shape of one stored bounce, and the pure conversion from a "bounce seen" message.
 *
 * One record per (Gmail message id, recipient). Records are kept small: short strings are
 * trimmed, the diagnostic is cut to a sane length and the engine's evidence is not stored.
 */
import type { BounceSeenMessage } from '../messages';
import type { ActionId, CategoryId, MessageKind, ReasonId } from '../engine/types';

/** How bad a record is, for the "hard / soft / delayed" filter and counts. */
export type Severity = 'hard' | 'soft' | 'delayed';

export interface HistoryRecord {
  /** Primary key: `${messageId}|${recipient}` (recipient '' when the report does not name it). */
  key: string;
  messageId: string;
  threadId: string | null;
  /** Gmail account path segment of the last sighting, e.g. "u/0". */
  account: string;
  /** Lower-cased failed address; '' when unknown. */
  recipient: string;
  recipientDomain: string;
  kind: MessageKind;
  category: CategoryId;
  reason: ReasonId;
  hard: boolean;
  severity: Severity;
  action: ActionId;
  replyCode: string | null;
  status: string | null;
  /** Trimmed to {@link MAX_DIAGNOSTIC} characters. */
  diagnostic: string | null;
  provider: string | null;
  /** Address and domain of whoever sent the original (returned) message. */
  sender: string | null;
  senderDomain: string | null;
  /** Subject of the original message (or of the report when the original is unknown). */
  subject: string | null;
  /** Date of the original message as written in its header. */
  originalDate: string | null;
  /** Whether the stored content came from the visible page text or the raw source. */
  source: 'visible' | 'raw';
  /** Epoch ms. */
  firstSeen: number;
  lastSeen: number;
  /** The bounce report's own Date header, epoch ms (null when absent or unreadable). */
  bounceDate: number | null;
  /** IP address of the server that sent the original message, when the report names it. */
  sendingIp?: string | null;
  /** Kind of mail that bounced (newsletter, transactional …); filled in by importers, optional. */
  emailType?: string | null;
  /**
   * The bounce report's own Message-ID (see {@link bounceIdOf}), when its header was read: the same
   * bounce seen in Gmail and imported from a mailbox has two message ids but this one in common.
   */
  bounceId?: string | null;
  /** Words a search matches the beginning of (see {@link searchWords}); indexed multi-entry. */
  words: string[];
}

export const MAX_DIAGNOSTIC = 400;
export const MAX_SUBJECT = 160;
export const MAX_SHORT = 120;

/** Every kind of message the engine names. */
export const MESSAGE_KINDS: readonly MessageKind[] = [
  'failed',
  'delayed',
  'auto-reply',
  'complaint',
  'delivered',
  'not-bounce',
];

/** Kinds worth keeping: the others (auto-replies, delivery notices, ordinary mail) are not list problems. */
export const STORED_KINDS: readonly MessageKind[] = ['failed', 'delayed', 'complaint'];

export function recordKey(messageId: string, recipient: string): string {
  return `${messageId}|${recipient}`;
}

export function domainOf(address: string | null | undefined): string {
  if (!address) return '';
  const at = address.lastIndexOf('@');
  return at < 0 ? '' : address.slice(at + 1).toLowerCase();
}

/** Longest Message-ID kept; longer ones are not real (RFC 5322 lines stop at 998 characters). */
const MAX_BOUNCE_ID = 250;

/**
 * A report's Message-ID as the history keys it: without angle brackets and spaces, lower case
 * (servers do not mint ids that differ only in case). null when absent, empty or absurdly long.
 */
export function bounceIdOf(value: string | null | undefined): string | null {
  if (typeof value !== 'string') return null;
  const id = value.replace(/\s+/g, '').replace(/^<|>$/g, '').toLowerCase();
  return id && id.length <= MAX_BOUNCE_ID ? id : null;
}

/** Epoch ms of an RFC 5322 date, or null. */
export function parseMailDate(value: string | null | undefined): number | null {
  if (typeof value !== 'string' || value.length > 200) return null;
  const t = Date.parse(value.replace(/\s*\([^)]*\)\s*$/, ''));
  return Number.isFinite(t) ? t : null;
}

/** Words too common to be worth an index entry; a search ignores them too. */
const STOP_WORDS = new Set(
  'the to of and or a an in is be for on at by as it not no this that with you your please are was from has have been will can'.split(
    ' ',
  ),
);
/** Diagnostic words kept per record (the addresses, domains and codes come first and always). */
export const MAX_DIAGNOSTIC_WORDS = 6;
const WORD_SPLIT = /[\s<>()[\]{}"',;=|!?*]+/;
const EDGE_PUNCT = /^[.:\-_/#]+|[.:\-_/#]+$/g;

/** A search's words: lower case, split on spaces, stop words left out. */
export function searchTerms(search: string | undefined): string[] {
  if (!search) return [];
  const out: string[] = [];
  for (const raw of search.toLowerCase().split(/\s+/)) {
    const t = raw.replace(EDGE_PUNCT, '') || raw;
    if (t && !STOP_WORDS.has(t) && !out.includes(t)) out.push(t);
  }
  return out.slice(0, 12);
}

/**
 * The words a search looks at, each matched from its beginning: the failed address, its domain,
 * the sender and its domain, provider, status and reply code, then the diagnostic's first
 * {@link MAX_DIAGNOSTIC_WORDS} distinct words. "ann" finds ann@gmail.com, "gmail.com" finds the
 * domain, "5.7" finds 5.7.1, "quota" finds "… over quota …".
 */
export function searchWords(
  r: Pick<
    HistoryRecord,
    | 'recipient'
    | 'recipientDomain'
    | 'sender'
    | 'senderDomain'
    | 'provider'
    | 'status'
    | 'replyCode'
    | 'diagnostic'
  >,
): string[] {
  const words: string[] = [];
  const add = (w: string | null | undefined) => {
    if (!w) return;
    const t = w.toLowerCase().slice(0, 80);
    if (t && !words.includes(t)) words.push(t);
  };
  add(r.recipient);
  add(r.recipientDomain);
  add(r.sender);
  add(r.senderDomain);
  add(r.provider);
  add(r.status);
  add(r.replyCode);
  let diag = 0;
  for (const raw of (r.diagnostic ?? '').toLowerCase().split(WORD_SPLIT)) {
    if (diag >= MAX_DIAGNOSTIC_WORDS) break;
    const w = raw.replace(EDGE_PUNCT, '');
    if (w.length < 3 || STOP_WORDS.has(w) || words.includes(w)) continue;
    if (w.startsWith('http') || w.length > 64) continue;
    words.push(w);
    diag++;
  }
  return words;
}

/** True when every term starts one of the record's words (the index's rule, in memory). */
export function matchesTerms(words: readonly string[], terms: readonly string[]): boolean {
  return terms.every((t) => words.some((w) => w.startsWith(t)));
}

export function severityOf(kind: MessageKind, hard: boolean): Severity {
  if (kind === 'delayed') return 'delayed';
  return hard ? 'hard' : 'soft';
}

function clip(value: string | null | undefined, max: number): string | null {
  if (value === null || value === undefined) return null;
  // Collapse whitespace: diagnostics often carry folded header lines.
  const clean = value.replace(/\s+/g, ' ').trim();
  if (clean === '') return null;
  return clean.length > max ? `${clean.slice(0, max - 1)}…` : clean;
}

/** Gmail ids are decimal digits; anything else is refused so keys stay well-formed. */
const DECIMAL_ID = /^[0-9]{1,24}$/;

export class InvalidBounceMessage extends Error {
  constructor(what: string) {
    super(`Ignored a malformed bounce report: ${what}`);
    this.name = 'InvalidBounceMessage';
  }
}

/**
 * Turn one "bounce seen" message into the records to upsert (one per affected recipient).
 * Returns [] for kinds that are not kept. Throws {@link InvalidBounceMessage} on malformed input.
 */
export function recordsFromMessage(msg: BounceSeenMessage): HistoryRecord[] {
  if (typeof msg !== 'object' || msg === null) throw new InvalidBounceMessage('not an object');
  if (typeof msg.messageId !== 'string' || !DECIMAL_ID.test(msg.messageId)) {
    throw new InvalidBounceMessage('message id is not a Gmail decimal id');
  }
  if (msg.source !== 'visible' && msg.source !== 'raw') throw new InvalidBounceMessage('unknown source');
  const result = msg.result;
  if (typeof result !== 'object' || result === null || !Array.isArray(result.records)) {
    throw new InvalidBounceMessage('no result');
  }
  if (!STORED_KINDS.includes(result.kind)) return [];
  const seenAt = Number.isFinite(msg.seenAt) ? msg.seenAt : Date.now();
  const threadId = typeof msg.threadId === 'string' && DECIMAL_ID.test(msg.threadId) ? msg.threadId : null;
  const account = typeof msg.account === 'string' ? msg.account.slice(0, 40) : '';
  const original = result.original ?? ({} as Partial<typeof result.original>);
  const sender = clip(original.from?.toLowerCase(), MAX_SHORT);
  const senderDomain =
    clip(original.fromDomain?.toLowerCase(), MAX_SHORT) ?? (sender ? domainOf(sender) || null : null);
  const subject = clip(original.subject ?? result.report?.subject, MAX_SUBJECT);

  const bounceDate = parseMailDate(result.report?.date);
  const sendingIp = clip(original.sendingIp, 45);
  const bounceId = bounceIdOf(result.report?.messageId);
  const out = new Map<string, HistoryRecord>();
  for (const r of result.records) {
    const recipient = (clip(r.recipient?.toLowerCase(), MAX_SHORT) ?? '').replace(/^<|>$/g, '');
    const key = recordKey(msg.messageId, recipient);
    out.set(key, {
      key,
      messageId: msg.messageId,
      threadId,
      account,
      recipient,
      recipientDomain: domainOf(recipient),
      kind: result.kind,
      category: r.category,
      reason: r.reason,
      hard: r.hard === true,
      severity: severityOf(result.kind, r.hard === true),
      action: r.action,
      replyCode: clip(r.replyCode, 8),
      status: clip(r.status, 16),
      diagnostic: clip(r.diagnostic, MAX_DIAGNOSTIC),
      provider: clip(r.provider, 40),
      sender,
      senderDomain,
      subject,
      originalDate: clip(original.date, 64),
      source: msg.source,
      firstSeen: seenAt,
      lastSeen: seenAt,
      bounceDate,
      ...(sendingIp ? { sendingIp } : {}),
      ...(msg.emailType ? { emailType: msg.emailType } : {}),
      ...(bounceId ? { bounceId } : {}),
      words: [],
    });
  }
  const records = [...out.values()];
  for (const rec of records) rec.words = searchWords(rec);
  return records;
}

/**
 * Merge an incoming record into the stored one.
 * A raw (source) result replaces a visible one; a visible result never downgrades a raw one,
 * it only moves "last seen". First seen is always kept.
 */
export function mergeRecord(existing: HistoryRecord | undefined, incoming: HistoryRecord): HistoryRecord {
  if (!existing) return incoming;
  const firstSeen = Math.min(existing.firstSeen, incoming.firstSeen);
  const lastSeen = Math.max(existing.lastSeen, incoming.lastSeen);
  if (existing.source === 'raw' && incoming.source === 'visible') {
    return {
      ...existing,
      firstSeen,
      lastSeen,
      threadId: existing.threadId ?? incoming.threadId,
      account: incoming.lastSeen >= existing.lastSeen ? incoming.account : existing.account,
    };
  }
  return {
    ...incoming,
    firstSeen,
    lastSeen,
    threadId: incoming.threadId ?? existing.threadId,
    bounceDate: incoming.bounceDate ?? existing.bounceDate ?? null,
    // Filled in by importers; a later sighting from Gmail does not know them.
    ...(incoming.sendingIp == null && existing.sendingIp != null ? { sendingIp: existing.sendingIp } : {}),
    ...(incoming.emailType == null && existing.emailType != null ? { emailType: existing.emailType } : {}),
    ...(incoming.bounceId == null && existing.bounceId != null ? { bounceId: existing.bounceId } : {}),
  };
}

/** True when the merge changes nothing worth a write. */
export function sameRecord(a: HistoryRecord, b: HistoryRecord): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)] as (keyof HistoryRecord)[]);
  for (const k of keys) {
    if (k === 'words') {
      if (a.words.length !== b.words.length || a.words.some((w, i) => w !== b.words[i])) return false;
    } else if (a[k] !== b[k]) return false;
  }
  return true;
}
