/**
 * Corrections as data: the stored row, the JSON file they are exported to and imported from, and
 * the lookup the suppression exports use. Pure (no storage): the background and the command line
 * (`classify --corrections FILE`) share it.
 *
 * The file is one JSON object, versioned:
 *
 * ```json
 * {"format": "bounce-triage-corrections", "version": 1, "exported": "2026-12-05T17:00:00Z",
 *  "corrections": [{"messageId": "1789…", "recipient": "ann@example.org", "to": "keep",
 *    "was": {"kind": "failed", "category": "invalid-address", "reason": "userunknown", "hard": true},
 *    "provider": "google", "status": "5.1.1", "pattern": "google|5.1.1|…", "reportId": null,
 *    "createdAt": 1796480000000}]}
 * ```
 */
import { isCorrectionTo, type CorrectionTo } from '../engine/corrections/index';
import { CATEGORY_IDS, REASON_IDS, type CategoryId, type MessageKind, type ReasonId } from '../engine/types';
import { MESSAGE_KINDS, recordKey } from './record';

export const CORRECTIONS_FORMAT = 'bounce-triage-corrections';
export const CORRECTIONS_VERSION = 1;
/** A corrections file larger than this is refused before it is parsed. */
export const MAX_CORRECTIONS_FILE = 20_000_000;
export const MAX_CORRECTIONS = 100_000;

/** The engine's reading of a record when it was corrected (kept so the popup can show both). */
export interface EngineReading {
  kind: MessageKind;
  category: CategoryId;
  reason: ReasonId;
  hard: boolean;
}

/** One stored correction of one record (a Gmail message and a recipient). */
export interface CorrectionRow {
  /** The record's key: `${messageId}|${recipient}`. */
  key: string;
  messageId: string;
  recipient: string;
  to: CorrectionTo;
  was: EngineReading;
  provider: string | null;
  status: string | null;
  /** The record's bounce pattern (lib/engine/corrections); '' when it has none (never offered). */
  pattern: string;
  /** The bounce report's Message-ID header when the card knew it (the command line matches it). */
  reportId: string | null;
  /** Epoch ms. */
  createdAt: number;
}

const DECIMAL_ID = /^[0-9]{1,24}$/;

/** A recipient as records store it: lower case, no angle brackets. */
export function normaliseRecipient(r: string): string {
  return r.trim().toLowerCase().replace(/^<|>$/g, '').slice(0, 120);
}

export class BadCorrection extends Error {}

const isObj = (x: unknown): x is Record<string, unknown> =>
  typeof x === 'object' && x !== null && !Array.isArray(x);

function need(cond: unknown, why: string): asserts cond {
  if (!cond) throw new BadCorrection(why);
}

function optStr(x: unknown, what: string, max: number): string | null {
  if (x === null || x === undefined) return null;
  need(typeof x === 'string' && x.length <= max, `${what} is not a short text`);
  return x;
}

/** Checks the engine's reading a correction carries; throws {@link BadCorrection}. */
export function checkEngineReading(w: unknown, what: string): EngineReading {
  need(isObj(w), `${what} is not an object`);
  need(MESSAGE_KINDS.includes(w.kind as MessageKind), `${what}.kind is unknown`);
  need(CATEGORY_IDS.includes(w.category as CategoryId), `${what}.category is unknown`);
  need(REASON_IDS.includes(w.reason as ReasonId), `${what}.reason is unknown`);
  need(typeof w.hard === 'boolean', `${what}.hard is not true or false`);
  return {
    kind: w.kind as MessageKind,
    category: w.category as CategoryId,
    reason: w.reason as ReasonId,
    hard: w.hard,
  };
}

/** Checks one correction object (from a message or a file); throws {@link BadCorrection}. */
export function checkCorrection(x: unknown): CorrectionRow {
  need(isObj(x), 'not an object');
  need(typeof x.messageId === 'string' && DECIMAL_ID.test(x.messageId), 'messageId is not a Gmail id');
  need(typeof x.recipient === 'string' && x.recipient.length <= 400, 'recipient is not an address');
  need(isCorrectionTo(x.to), 'to is not a category, "not-bounce" or "keep"');
  const was = checkEngineReading(x.was, 'was');
  need(typeof x.createdAt === 'number' && Number.isFinite(x.createdAt), 'createdAt is not a time');
  const recipient = normaliseRecipient(x.recipient);
  return {
    key: recordKey(x.messageId, recipient),
    messageId: x.messageId,
    recipient,
    to: x.to,
    was,
    provider: optStr(x.provider, 'provider', 40),
    status: optStr(x.status, 'status', 16),
    pattern: optStr(x.pattern, 'pattern', 400) ?? '',
    reportId: optStr(x.reportId, 'reportId', 400),
    createdAt: x.createdAt,
  };
}

/** The corrections file (newest first), as text. */
export function correctionsToJson(rows: readonly CorrectionRow[], now: number): string {
  const corrections = rows.map(({ key: _k, ...r }) => r);
  return `${JSON.stringify(
    {
      format: CORRECTIONS_FORMAT,
      version: CORRECTIONS_VERSION,
      exported: new Date(now).toISOString(),
      corrections,
    },
    null,
    1,
  )}\n`;
}

export interface ParsedCorrections {
  rows: CorrectionRow[];
  /** Entries left out, with why (the first few). */
  refused: number;
  why: string[];
}

/**
 * Reads a corrections file. A file that is not one (not JSON, another format, a newer version)
 * throws {@link BadCorrection} with a message for the person; single bad entries are counted and
 * left out.
 */
export function parseCorrectionsJson(text: string): ParsedCorrections {
  need(text.length <= MAX_CORRECTIONS_FILE, 'This file is too large to be a corrections file.');
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    throw new BadCorrection('This file is not JSON: choose a file exported with “Export corrections”.');
  }
  need(
    isObj(data) && data.format === CORRECTIONS_FORMAT,
    'This JSON file is not a Bounce Triage corrections file.',
  );
  need(
    typeof data.version === 'number' && Number.isInteger(data.version) && data.version >= 1,
    'This corrections file has no version number.',
  );
  need(
    data.version <= CORRECTIONS_VERSION,
    `This corrections file was written by a newer version (format ${data.version}); update the extension first.`,
  );
  need(Array.isArray(data.corrections), 'This corrections file has no list of corrections.');
  need(data.corrections.length <= MAX_CORRECTIONS, 'This corrections file holds too many corrections.');
  const rows: CorrectionRow[] = [];
  const why: string[] = [];
  let refused = 0;
  data.corrections.forEach((c, i) => {
    try {
      rows.push(checkCorrection(c));
    } catch (err) {
      refused++;
      if (why.length < 3) why.push(`entry ${i + 1}: ${(err as Error).message}`);
    }
  });
  return { rows, refused, why };
}

/**
 * What the suppression exports ask of the corrections: the correction of one event, by its
 * record's key (the popup's history) or by the report's Message-ID and recipient (the command
 * line), and "keep" for every event of an address someone said to keep mailing.
 */
export function correctionLookup(
  rows: readonly CorrectionRow[],
): (address: string, keys: readonly (string | null | undefined)[]) => CorrectionTo | undefined {
  const byKey = new Map<string, CorrectionTo>();
  const kept = new Set<string>();
  for (const r of rows) {
    if (r.to === 'keep') kept.add(r.recipient);
    byKey.set(r.key, r.to);
    if (r.reportId) byKey.set(reportKey(r.reportId, r.recipient), r.to);
  }
  return (address, keys) => {
    if (kept.has(normaliseRecipient(address))) return 'keep';
    for (const k of keys) if (k && byKey.has(k)) return byKey.get(k);
    return undefined;
  };
}

/** How the command line names a record: the report's Message-ID and the recipient. */
export function reportKey(reportId: string, recipient: string): string {
  return `mid:${reportId.trim().replace(/^<|>$/g, '').toLowerCase()}|${normaliseRecipient(recipient)}`;
}
