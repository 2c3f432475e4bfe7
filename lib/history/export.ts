/**
 * Exports of the history (pure functions: records in, text out).
 *
 * CSV follows RFC 4180: CRLF after every row, fields with a comma, quote, CR or LF are quoted and
 * quotes are doubled. Every cell is also defused against spreadsheet formula injection: a bounce's
 * diagnostic or subject is written by strangers, and a cell starting with = + - @ (or a tab / CR)
 * would be run as a formula by Excel, LibreOffice or Google Sheets, so it gets a leading apostrophe.
 */
import type { HistoryRecord } from './record';

export type ExportFormat = 'unique' | 'records' | 'mailgun' | 'ses' | 'plain';

export interface ExportOptions {
  /** Start the file with a UTF-8 byte order mark so Excel reads it as UTF-8. */
  excel?: boolean;
}

export interface ExportFile {
  filename: string;
  mime: string;
  text: string;
  /** Data rows written (addresses for the address lists). */
  rows: number;
}

export const EXPORT_FORMATS: { id: ExportFormat; label: string; hint: string }[] = [
  {
    id: 'unique',
    label: 'Suppression list (unique addresses)',
    hint: 'address, last category, last codes, hard, last seen, count',
  },
  { id: 'records', label: 'Every record', hint: 'one row per bounced message and recipient' },
  {
    id: 'mailgun',
    label: 'Mailgun bounce import',
    hint: 'address, code, error, created_at (the columns Mailgun’s bounce import reads)',
  },
  {
    id: 'ses',
    label: 'Amazon SES suppression import',
    hint: 'address,BOUNCE or address,COMPLAINT per line, no header',
  },
  { id: 'plain', label: 'Plain address list', hint: 'one address per line' },
];

const FORMULA_START = /^[=+\-@\t\r]/;

/** One CSV cell: defused, then quoted when needed. */
export function csvCell(value: string | number | boolean | null | undefined): string {
  let s = value === null || value === undefined ? '' : String(value);
  if (FORMULA_START.test(s)) s = `'${s}`;
  if (/[",\r\n]/.test(s)) s = `"${s.replace(/"/g, '""')}"`;
  return s;
}

export function csvRow(cells: (string | number | boolean | null | undefined)[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
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

/** "550 5.1.1", "5.1.1", "550" or "". */
export function codesOf(r: Pick<HistoryRecord, 'replyCode' | 'status'>): string {
  return [r.replyCode, r.status].filter((c): c is string => !!c).join(' ');
}

export interface AddressSummary {
  address: string;
  last: HistoryRecord;
  count: number;
}

/**
 * One entry per address, in the order of `records` (pass them newest first so that
 * `last` is the newest record of each address). Records without an address are left out.
 */
export function uniqueAddresses(records: readonly HistoryRecord[]): AddressSummary[] {
  const byAddress = new Map<string, AddressSummary>();
  for (const r of records) {
    if (!r.recipient) continue;
    const s = byAddress.get(r.recipient);
    if (s) {
      s.count++;
      if (r.lastSeen > s.last.lastSeen) s.last = r;
    } else byAddress.set(r.recipient, { address: r.recipient, last: r, count: 1 });
  }
  return [...byAddress.values()];
}

export function uniqueCsv(records: readonly HistoryRecord[]): { text: string; rows: number } {
  const list = uniqueAddresses(records);
  const out = [csvRow(['address', 'last_category', 'last_codes', 'hard', 'last_seen', 'count'])];
  for (const s of list) {
    out.push(
      csvRow([s.address, s.last.category, codesOf(s.last), s.last.hard, isoTime(s.last.lastSeen), s.count]),
    );
  }
  return { text: out.join(''), rows: list.length };
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
] as const;

export function recordsCsv(records: readonly HistoryRecord[]): { text: string; rows: number } {
  const out = [csvRow([...RECORD_COLUMNS])];
  for (const r of records) {
    out.push(
      csvRow([
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
      ]),
    );
  }
  return { text: out.join(''), rows: records.length };
}

/**
 * Mailgun's bounce-list import: headers address, code, error, created_at; code defaults to 550
 * on their side, created_at is an RFC 2822 timestamp.
 * https://documentation.mailgun.com/docs/mailgun/api-reference/send/mailgun/bounces/post-v3--domainid--bounces-import
 */
export function mailgunCsv(records: readonly HistoryRecord[]): { text: string; rows: number } {
  const list = uniqueAddresses(records);
  const out = [csvRow(['address', 'code', 'error', 'created_at'])];
  for (const s of list) {
    out.push(
      csvRow([s.address, s.last.replyCode ?? '', s.last.diagnostic ?? '', rfc2822Time(s.last.lastSeen)]),
    );
  }
  return { text: out.join(''), rows: list.length };
}

/**
 * Amazon SES account-level suppression list bulk import, CSV flavour: no header, one
 * "address,REASON" per line where REASON is BOUNCE or COMPLAINT.
 * https://docs.aws.amazon.com/ses/latest/dg/sending-email-suppression-list.html
 */
export function sesCsv(records: readonly HistoryRecord[]): { text: string; rows: number } {
  const list = uniqueAddresses(records);
  const out = list.map((s) => csvRow([s.address, s.last.kind === 'complaint' ? 'COMPLAINT' : 'BOUNCE']));
  return { text: out.join(''), rows: list.length };
}

/** One address per line (LF), for pasting into any tool's suppression box. */
export function plainList(records: readonly HistoryRecord[]): { text: string; rows: number } {
  const list = uniqueAddresses(records);
  return { text: list.map((s) => `${s.address}\n`).join(''), rows: list.length };
}

function stamp(ms: number): string {
  return isoTime(ms).slice(0, 16).replace(/[-:]/g, '').replace('T', '-');
}

/** Build an export file. `records` newest first. */
export function buildExport(
  records: readonly HistoryRecord[],
  format: ExportFormat,
  options: ExportOptions = {},
  now: number = Date.now(),
): ExportFile {
  let body: { text: string; rows: number };
  switch (format) {
    case 'unique':
      body = uniqueCsv(records);
      break;
    case 'records':
      body = recordsCsv(records);
      break;
    case 'mailgun':
      body = mailgunCsv(records);
      break;
    case 'ses':
      body = sesCsv(records);
      break;
    case 'plain':
      body = plainList(records);
      break;
    default:
      throw new Error(`Unknown export format: ${String(format)}`);
  }
  const plain = format === 'plain';
  const bom = options.excel && !plain ? '\uFEFF' : '';
  return {
    filename: `bounces-${format}-${stamp(now)}.${plain ? 'txt' : 'csv'}`,
    mime: plain ? 'text/plain;charset=utf-8' : 'text/csv;charset=utf-8',
    text: bom + body.text,
    rows: body.rows,
  };
}
