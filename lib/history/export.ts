/**
 * Exports of the history (pure functions: records in, text out).
 *
 * Two families, and the popup's menu says which is which:
 * - **Suppression list** formats apply the suppression rules (lib/engine/suppression) to the whole
 *   history, whatever the popup's filter: an address is on the list when its bounces say the
 *   address is bad (or soft bounces kept repeating); complaints go on their own list.
 * - **Records** formats write what the filter (or selection) shows.
 *
 * CSV follows RFC 4180: CRLF after every row, fields with a comma, quote, CR or LF are quoted and
 * quotes are doubled. Spreadsheet-facing files (the suppression CSV, every record) are also defused
 * against formula injection: a bounce's diagnostic or subject is written by strangers, and a cell
 * that a spreadsheet would read as a formula gets a leading apostrophe. Machine-import files (the
 * sending tools' formats) carry addresses exactly, never with an apostrophe or a byte order mark:
 * an importer would otherwise suppress a different address.
 */
import {
  DEFAULT_RULES,
  suppressionList,
  type AddressEvent,
  type SuppressionEntry,
  type SuppressionRules,
} from '../engine/suppression/index';
import { applyCorrections } from '../engine/corrections/index';
import type { BounceResult, CategoryId, MessageKind, ReasonId } from '../engine/types';
import { correctionLookup, reportKey, type CorrectionRow } from './corrections-file';
import type { HistoryRecord } from './record';

export type ExportFormat =
  | 'unique'
  | 'email'
  | 'mailgun'
  | 'mailgun-complaints'
  | 'ses'
  | 'plain'
  | 'domains'
  | 'records'
  | 'addresses';

export interface ExportOptions {
  /** Start a spreadsheet-facing file with a UTF-8 byte order mark so Excel reads it as UTF-8. */
  excel?: boolean;
  /** Soft-bounce repeat rule for the suppression list (defaults: 3 bounces over 7 days). */
  rules?: SuppressionRules;
  /** The person's corrections: applied to the suppression list, shown in the record rows. */
  corrections?: readonly CorrectionRow[];
}

export interface ExportFile {
  filename: string;
  mime: string;
  text: string;
  /** Data rows written (addresses for the address lists). */
  rows: number;
}

export interface ExportFormatInfo {
  id: ExportFormat;
  /** `suppression`: the rules over the whole history; `records`: what the filter shows. */
  family: 'suppression' | 'records';
  label: string;
  hint: string;
  /** Opened in a spreadsheet (formula guard, optional byte order mark) rather than imported. */
  spreadsheet: boolean;
}

export const EXPORT_FORMATS: ExportFormatInfo[] = [
  {
    id: 'unique',
    family: 'suppression',
    label: 'Suppression list CSV (address, list, reason, why)',
    hint: 'address, list, reason, last category, last codes, hard, last seen, bounces, why: for reading in a spreadsheet',
    spreadsheet: true,
  },
  {
    id: 'email',
    family: 'suppression',
    label: 'Email column CSV (Klaviyo, HubSpot, Brevo, Smartlead, lemlist)',
    hint: 'one column headed Email, bounces and complaints',
    spreadsheet: false,
  },
  {
    id: 'mailgun',
    family: 'suppression',
    label: 'Mailgun bounce import',
    hint: 'address, code, error, created_at; complaints are left out (they have their own import)',
    spreadsheet: false,
  },
  {
    id: 'mailgun-complaints',
    family: 'suppression',
    label: 'Mailgun complaint import',
    hint: 'address, created_at: spam complaints only',
    spreadsheet: false,
  },
  {
    id: 'ses',
    family: 'suppression',
    label: 'Amazon SES suppression import',
    hint: 'address,BOUNCE or address,COMPLAINT per line, no header',
    spreadsheet: false,
  },
  {
    id: 'plain',
    family: 'suppression',
    label: 'Plain address list',
    hint: 'one suppressed address per line, bounces and complaints',
    spreadsheet: false,
  },
  {
    id: 'domains',
    family: 'suppression',
    label: 'Dead domains',
    hint: 'one domain per line: domains that do not exist or take no mail',
    spreadsheet: false,
  },
  {
    id: 'records',
    family: 'records',
    label: 'Every record (CSV)',
    hint: 'one row per bounced message and recipient that the filter shows',
    spreadsheet: true,
  },
  {
    id: 'addresses',
    family: 'records',
    label: 'Addresses shown (one per line)',
    hint: 'every address the filter shows, rules not applied',
    spreadsheet: false,
  },
];

export function formatInfo(format: ExportFormat): ExportFormatInfo | undefined {
  return EXPORT_FORMATS.find((f) => f.id === format);
}

/** True for the formats built from the whole history with the suppression rules. */
export function isSuppressionFormat(format: ExportFormat): boolean {
  return formatInfo(format)?.family === 'suppression';
}

/**
 * What a spreadsheet would run as a formula: a first character of = + - @ (ASCII or fullwidth),
 * a tab or a CR, also after leading spaces (Excel and LibreOffice skip them before a formula).
 */
const FORMULA_START = /^[\s\u3000]*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20]|^[\t\r]/;

type Cell = string | number | boolean | null | undefined;

function quoted(s: string): string {
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** One spreadsheet-facing CSV cell: defused, then quoted when needed. */
export function csvCell(value: Cell): string {
  let s = value === null || value === undefined ? '' : String(value);
  if (FORMULA_START.test(s)) s = `'${s}`;
  return quoted(s);
}

/** One machine-import CSV cell: exactly the value, quoted when RFC 4180 needs it. */
export function exactCell(value: Cell): string {
  return quoted(value === null || value === undefined ? '' : String(value));
}

export function csvRow(cells: Cell[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}

function exactRow(cells: Cell[]): string {
  return `${cells.map(exactCell).join(',')}\r\n`;
}

/** ISO 8601 in UTC, seconds precision: 2026-11-23T01:02:03Z. */
export function isoTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** RFC 2822 date in UTC: Mon, 23 Nov 2026 01:02:03 +0000. */
export function rfc2822Time(ms: number): string {
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${DAYS[d.getUTCDay()]}, ${p(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${p(
    d.getUTCHours(),
  )}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000`;
}

/** What an export row needs of one bounce: a stored record, or a record the command line read. */
export interface ExportItem {
  kind: MessageKind;
  category: CategoryId;
  reason: ReasonId;
  hard: boolean;
  replyCode: string | null;
  status: string | null;
  diagnostic: string | null;
  /** When it was seen or reported, epoch ms; null when unknown. */
  seen: number | null;
  /** What a correction is found by: the record's key, or the report's Message-ID and recipient. */
  key?: string | null;
}

export type ExportEvent = AddressEvent<ExportItem>;

function parseDate(value: string | null | undefined): number | null {
  if (!value) return null;
  const t = Date.parse(value);
  return Number.isFinite(t) ? t : null;
}

/**
 * The suppression rules' view of stored records. A bounce is dated by the original message's Date
 * (so a delay notice and the failure of the same send count as one day, and bounces opened long
 * after they came are still spread over the days they were sent), else by when it was first seen.
 */
export function eventsFromRecords(records: readonly HistoryRecord[]): ExportEvent[] {
  return records.map((r) => ({
    address: r.recipient,
    reason: r.reason,
    kind: r.kind,
    at: parseDate(r.originalDate) ?? r.firstSeen,
    replyCode: r.replyCode,
    status: r.status,
    item: {
      kind: r.kind,
      category: r.category,
      reason: r.reason,
      hard: r.hard,
      replyCode: r.replyCode,
      status: r.status,
      diagnostic: r.diagnostic,
      seen: r.lastSeen,
      key: r.key,
    },
  }));
}

/** The same view of classified messages (the command line), dated by the original's or the report's Date. */
export function eventsFromResults(results: readonly BounceResult[]): ExportEvent[] {
  const out: ExportEvent[] = [];
  for (const res of results) {
    const at = parseDate(res.original?.date) ?? parseDate(res.report?.date);
    for (const r of res.records) {
      if (!r.recipient) continue;
      out.push({
        address: r.recipient,
        reason: r.reason,
        kind: res.kind,
        at,
        replyCode: r.replyCode,
        status: r.status,
        item: {
          kind: res.kind,
          category: r.category,
          reason: r.reason,
          hard: r.hard,
          replyCode: r.replyCode,
          status: r.status,
          diagnostic: r.diagnostic,
          seen: parseDate(res.report?.date) ?? at,
          key: res.report?.messageId ? reportKey(res.report.messageId, r.recipient) : null,
        },
      });
    }
  }
  return out;
}

type Entry = SuppressionEntry<ExportItem>;
interface Body {
  text: string;
  rows: number;
}

/** "550 5.1.1", "5.1.1", "550" or "". */
export function codesOf(r: { replyCode: string | null; status: string | null }): string {
  return [r.replyCode, r.status].filter((c): c is string => !!c).join(' ');
}

const listOf = (e: Entry) => (e.decision.suppress ? 'bounce' : 'complaint');
const listed = (e: Entry) => e.decision.suppress || e.decision.complaint;

export const SUPPRESSION_COLUMNS = [
  'address',
  'list',
  'reason',
  'last_category',
  'last_codes',
  'hard',
  'last_seen',
  'bounces',
  'why',
] as const;

/** One suppression format: its header, which entries it lists and how it writes one. */
interface SuppressionFormat {
  header: string;
  takes: (e: Entry) => boolean;
  line: (e: Entry) => string;
}

const SUPPRESSION_FORMATS: Partial<Record<ExportFormat, SuppressionFormat>> = {
  unique: {
    header: csvRow([...SUPPRESSION_COLUMNS]),
    takes: listed,
    line: (e) =>
      csvRow([
        e.address,
        listOf(e),
        e.decision.reason,
        e.last.category,
        codesOf(e.last),
        e.last.hard,
        e.last.seen === null ? '' : isoTime(e.last.seen),
        e.count,
        e.decision.why,
      ]),
  },
  /**
   * One column headed `Email`: Klaviyo's suppressed-profiles upload reads exactly this, and the
   * other tools' importers map it to their email field.
   */
  email: { header: 'Email\r\n', takes: listed, line: (e) => exactRow([e.address]) },
  /**
   * Mailgun's bounce-list import: columns address, code, error, created_at; code defaults to 550 on
   * their side, created_at is an RFC 2822 timestamp. Complaints are left out: they have their own list.
   * https://documentation.mailgun.com/docs/mailgun/api-reference/send/mailgun/bounces/post-v3--domainid--bounces-import
   */
  mailgun: {
    header: exactRow(['address', 'code', 'error', 'created_at']),
    takes: (e) => e.decision.suppress,
    line: (e) => {
      // The error text is a stranger's words: defused, since people open these files too.
      const cells = [
        exactCell(e.address),
        exactCell(e.last.replyCode ?? ''),
        csvCell(e.last.diagnostic ?? ''),
      ];
      cells.push(exactCell(e.last.seen === null ? '' : rfc2822Time(e.last.seen)));
      return `${cells.join(',')}\r\n`;
    },
  },
  /**
   * Mailgun's complaint-list import: columns address, created_at (RFC 2822, optional).
   * https://documentation.mailgun.com/docs/inboxready/api-reference/optimize/mailgun/complaints/post-v3--domainid--complaints-import
   */
  'mailgun-complaints': {
    header: exactRow(['address', 'created_at']),
    takes: (e) => e.decision.complaint,
    line: (e) => exactRow([e.address, e.last.seen === null ? '' : rfc2822Time(e.last.seen)]),
  },
  /**
   * Amazon SES account-level suppression list bulk import, CSV flavour: no header, one
   * "address,REASON" per line where REASON is BOUNCE or COMPLAINT (a complaint wins: the person asked
   * not to be mailed).
   * https://docs.aws.amazon.com/ses/latest/dg/sending-email-suppression-list.html
   */
  ses: {
    header: '',
    takes: listed,
    line: (e) => exactRow([e.address, e.decision.complaint ? 'COMPLAINT' : 'BOUNCE']),
  },
  /** One suppressed address per line (LF), for pasting into any tool's suppression box. */
  plain: { header: '', takes: listed, line: (e) => `${e.address}\n` },
  /** One dead domain per line (LF): domains that do not exist or take no mail (each once, see the writer). */
  domains: { header: '', takes: (e) => e.decision.listDomain && !!e.domain, line: (e) => `${e.domain}\n` },
};

/**
 * A suppression-format file written in pieces, so that a large history never sits in memory at
 * once: `start()` gives the header, then each `add(events)` the lines of the addresses whose events
 * it is given. Each call must hold every event of its addresses (the rules read an address's whole
 * history): the store hands them over grouped by address.
 */
export class SuppressionWriter {
  /** Lines written so far (addresses, or domains for the dead-domain list). */
  rows = 0;
  private readonly spec: SuppressionFormat;
  private readonly find: ReturnType<typeof correctionLookup>;
  private readonly domains = new Set<string>();

  constructor(
    readonly format: ExportFormat,
    private readonly rules: SuppressionRules = DEFAULT_RULES,
    private readonly corrections: readonly CorrectionRow[] = [],
  ) {
    const spec = SUPPRESSION_FORMATS[format];
    if (!spec) throw new Error(`Not a suppression list format: ${String(format)}`);
    this.spec = spec;
    this.find = correctionLookup(corrections);
  }

  start(): string {
    return this.spec.header;
  }

  add(events: readonly ExportEvent[]): string {
    const corrected = this.corrections.length
      ? applyCorrections(events, (e) => this.find(e.address, [e.item.key]))
      : events;
    let out = '';
    for (const e of suppressionList(corrected, this.rules)) {
      if (!this.spec.takes(e)) continue;
      if (this.format === 'domains') {
        if (this.domains.has(e.domain)) continue;
        this.domains.add(e.domain);
      }
      out += this.spec.line(e);
      this.rows++;
    }
    return out;
  }
}

/**
 * The suppression list in one of the suppression formats. The popup's export and the command
 * line's `--suppression` both come here.
 */
export function suppressionExport(
  events: readonly ExportEvent[],
  format: ExportFormat,
  rules: SuppressionRules = DEFAULT_RULES,
  corrections: readonly CorrectionRow[] = [],
): Body {
  const w = new SuppressionWriter(format, rules, corrections);
  const text = w.start() + w.add(events);
  return { text, rows: w.rows };
}

export const RECORD_COLUMNS = [
  'last_seen',
  'first_seen',
  'address',
  'address_domain',
  'kind',
  'category',
  'reason',
  'hard',
  'severity',
  'reply_code',
  'status',
  'diagnostic',
  'provider',
  'sender',
  'sender_domain',
  'subject',
  'original_date',
  'gmail_account',
  'gmail_message_id',
  'gmail_thread_id',
  'corrected_to',
] as const;

function recordRow(r: HistoryRecord, find: ReturnType<typeof correctionLookup>): string {
  return csvRow([
    isoTime(r.lastSeen),
    isoTime(r.firstSeen),
    r.recipient,
    r.recipientDomain,
    r.kind,
    r.category,
    r.reason,
    r.hard,
    r.severity,
    r.replyCode,
    r.status,
    r.diagnostic,
    r.provider,
    r.sender,
    r.senderDomain,
    r.subject,
    r.originalDate,
    r.account,
    r.messageId,
    r.threadId,
    find(r.recipient, [r.key]) ?? '',
  ]);
}

/**
 * A record-format file ("records": every record as CSV; "addresses": each address once) written
 * in pieces, like {@link SuppressionWriter}: `start()`, then `add(records)` batch by batch.
 */
export class RecordsWriter {
  rows = 0;
  /**
   * The address list's records come grouped by address (the history's recipient order): each
   * address is told from the one before it, and nothing grows with the number of addresses.
   */
  sortedByAddress = false;
  private readonly find: ReturnType<typeof correctionLookup>;
  /** Addresses written (the address list writes each once), when not sorted by address. */
  private readonly seen = new Set<string>();
  private last = '';

  constructor(
    readonly format: ExportFormat,
    corrections: readonly CorrectionRow[] = [],
  ) {
    if (format !== 'records' && format !== 'addresses')
      throw new Error(`Not a record format: ${String(format)}`);
    this.find = correctionLookup(corrections);
  }

  start(): string {
    return this.format === 'records' ? csvRow([...RECORD_COLUMNS]) : '';
  }

  add(records: readonly HistoryRecord[]): string {
    let out = '';
    for (const r of records) {
      if (this.format === 'records') {
        out += recordRow(r, this.find);
        this.rows++;
      } else if (this.sortedByAddress) {
        if (!r.recipient || r.recipient === this.last) continue;
        this.last = r.recipient;
        out += `${r.recipient}\n`;
        this.rows++;
      } else if (r.recipient && !this.seen.has(r.recipient)) {
        this.seen.add(r.recipient);
        out += `${r.recipient}\n`;
        this.rows++;
      }
    }
    return out;
  }
}

export function recordsCsv(
  records: readonly HistoryRecord[],
  corrections: readonly CorrectionRow[] = [],
): Body {
  const w = new RecordsWriter('records', corrections);
  const text = w.start() + w.add(records);
  return { text, rows: w.rows };
}

/** Every address the filter shows, once each, one per line (no rules applied). */
export function shownAddresses(records: readonly HistoryRecord[]): Body {
  const w = new RecordsWriter('addresses');
  const text = w.start() + w.add(records);
  return { text, rows: w.rows };
}

function stamp(ms: number): string {
  return isoTime(ms).slice(0, 16).replace(/[-:]/g, '').replace('T', '-');
}

/** An export's file name and type, and what its text starts with (a byte order mark or nothing). */
export function exportFileInfo(
  format: ExportFormat,
  options: ExportOptions = {},
  now: number = Date.now(),
): { filename: string; mime: string; bom: string } {
  const info = formatInfo(format);
  if (!info) throw new Error(`Unknown export format: ${String(format)}`);
  const csv = format !== 'plain' && format !== 'domains' && format !== 'addresses';
  return {
    filename: `bounces-${format}-${stamp(now)}.${csv ? 'csv' : 'txt'}`,
    mime: csv ? 'text/csv;charset=utf-8' : 'text/plain;charset=utf-8',
    bom: options.excel && info.spreadsheet ? '\uFEFF' : '',
  };
}

/** The writer of one format (see {@link SuppressionWriter} and {@link RecordsWriter}). */
export function exportWriter(
  format: ExportFormat,
  options: ExportOptions = {},
): SuppressionWriter | RecordsWriter {
  if (!formatInfo(format)) throw new Error(`Unknown export format: ${String(format)}`);
  return isSuppressionFormat(format)
    ? new SuppressionWriter(format, options.rules, options.corrections)
    : new RecordsWriter(format, options.corrections);
}

/**
 * Build an export file at once. For the suppression formats `records` should be the whole history
 * (the rules need every bounce of an address); for the record formats, what the filter shows,
 * newest first. (The background writes its exports in pieces with {@link exportWriter}.)
 */
export function buildExport(
  records: readonly HistoryRecord[],
  format: ExportFormat,
  options: ExportOptions = {},
  now: number = Date.now(),
): ExportFile {
  const { filename, mime, bom } = exportFileInfo(format, options, now);
  const w = exportWriter(format, options);
  const text =
    bom + w.start() + (w instanceof SuppressionWriter ? w.add(eventsFromRecords(records)) : w.add(records));
  return { filename, mime, text, rows: w.rows };
}
