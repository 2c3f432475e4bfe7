/**
 * Stage 3a: RFC 3464 delivery-status fields.
 *
 * A `message/delivery-status` body is one block of per-message fields, then one block per
 * recipient, separated by blank lines:
 *
 *     Reporting-MTA: dns; mx.example.org
 *
 *     Final-Recipient: rfc822; kijitora@example.jp
 *     Action: failed
 *     Status: 5.1.1
 *     Diagnostic-Code: smtp; 550 5.1.1 <kijitora@example.jp>... User Unknown
 *
 * Real servers forget the blank lines, fold badly, or print the same fields in a text/plain
 * part, so the parser starts a new recipient whenever a recipient field repeats.
 */
import { decodeHeaderValue, parseHeaders } from '../message/mime';

export interface DsnRecipient {
  finalRecipient: string | null;
  originalRecipient: string | null;
  action: string | null;
  status: string | null;
  remoteMta: string | null;
  diagnostic: string | null;
  /** Type of the diagnostic, e.g. "smtp" or "x-unix". */
  diagnosticType: string | null;
  lastAttempt: string | null;
  /** A sending server's own bounce category (PowerMTA's X-PowerMTA-BounceCategory). */
  vendorCategory: string | null;
}

export interface DsnReport {
  reportingMta: string | null;
  receivedFromMta: string | null;
  arrivalDate: string | null;
  recipients: DsnRecipient[];
  /** The report had more fields than are read (MAX_DSN_FIELDS): recipients past that were left out. */
  truncated?: boolean;
}

/**
 * Fields read from one delivery-status part. A record takes about eight (with the blank-line marker
 * between records), so this reads several thousand recipients; the input's own size limit comes first.
 */
export const MAX_DSN_FIELDS = 40_000;

const RECIPIENT_FIELDS = new Set(['final-recipient', 'original-recipient', 'x-actual-recipient']);
const PER_RECIPIENT = new Set([
  'final-recipient',
  'original-recipient',
  'x-actual-recipient',
  'action',
  'status',
  'remote-mta',
  'diagnostic-code',
  'last-attempt-date',
  'will-retry-until',
  'final-log-id',
  'x-powermta-bouncecategory',
]);

/** Strip the "type;" prefix of typed fields ("rfc822; a@b", "dns; host"). */
export function untype(v: string): { type: string | null; value: string } {
  const m = /^\s*([A-Za-z0-9-]{1,20})\s*;\s*([\s\S]*)$/.exec(v);
  if (m) return { type: m[1]!.toLowerCase(), value: m[2]!.trim() };
  return { type: null, value: v.trim() };
}

function cleanAddress(v: string): string | null {
  const s = untype(v).value.replace(/^<|>$/g, '').trim();
  // A quoted local part ("first..last"@example.org) keeps its quotes: they are part of the address.
  const m = /(?:"[^"\r\n]{1,64}"|(?<![^\s<>"'(),;:])[^\s<>"'(),;:@]+)@[^\s<>"'(),;:@]+/.exec(s);
  return m ? m[0].replace(/\.$/, '').toLowerCase() : null;
}

export function emptyRecipient(): DsnRecipient {
  return {
    finalRecipient: null,
    originalRecipient: null,
    action: null,
    status: null,
    remoteMta: null,
    diagnostic: null,
    diagnosticType: null,
    lastAttempt: null,
    vendorCategory: null,
  };
}

/** Parse a delivery-status body (decoded text, LF line endings). Never throws. */
export function parseDeliveryStatus(text: string): DsnReport {
  const report: DsnReport = { reportingMta: null, receivedFromMta: null, arrivalDate: null, recipients: [] };
  // Parse as one header block: blank lines only separate, so drop them, but keep them as
  // record boundaries by marking them.
  const fields = parseHeaders(
    text.replace(/\n[ \t]*\n+/g, '\nx--break: -\n').replace(/^\s+/, ''),
    MAX_DSN_FIELDS,
  ).rawFields;
  if (fields.length >= MAX_DSN_FIELDS) report.truncated = true;
  let cur: DsnRecipient | null = null;
  let sawBoundary = false;
  for (const f of fields) {
    if (f.name === 'x--break') {
      sawBoundary = true;
      continue;
    }
    if (!PER_RECIPIENT.has(f.name)) {
      if (f.name === 'reporting-mta') report.reportingMta = untype(f.value).value || null;
      else if (f.name === 'received-from-mta') report.receivedFromMta = untype(f.value).value || null;
      else if (f.name === 'arrival-date') report.arrivalDate = f.value || null;
      continue;
    }
    const startsRecord =
      cur === null ||
      (RECIPIENT_FIELDS.has(f.name) &&
        f.name !== 'x-actual-recipient' &&
        (sawBoundary || fieldSet(cur, f.name))) ||
      (f.name === 'action' && cur.action !== null && sawBoundary);
    if (startsRecord) {
      cur = emptyRecipient();
      report.recipients.push(cur);
    }
    sawBoundary = false;
    const c = cur!;
    switch (f.name) {
      case 'final-recipient':
        c.finalRecipient = cleanAddress(f.value);
        break;
      case 'x-actual-recipient':
        c.finalRecipient ??= cleanAddress(f.value);
        break;
      case 'original-recipient':
        c.originalRecipient = cleanAddress(f.value);
        break;
      case 'action':
        c.action = f.value.toLowerCase().split(/[\s(]/)[0] || null;
        break;
      case 'status': {
        const m = /\b([245])\.(\d{1,3})\.(\d{1,3})\b/.exec(f.value);
        c.status = m ? `${m[1]}.${+m[2]!}.${+m[3]!}` : null;
        break;
      }
      case 'remote-mta':
        c.remoteMta = untype(f.value).value || null;
        break;
      case 'diagnostic-code': {
        // Some servers quote a reply holding encoded words; the diagnostic is text to read.
        const u = untype(f.value.includes('=?') ? decodeHeaderValue(f.value) : f.value);
        c.diagnosticType = u.type;
        c.diagnostic = u.value ? (c.diagnostic ? c.diagnostic + ' ' + u.value : u.value) : c.diagnostic;
        break;
      }
      case 'last-attempt-date':
        c.lastAttempt = f.value || null;
        break;
      case 'x-powermta-bouncecategory':
        c.vendorCategory = f.value.trim().toLowerCase() || null;
        break;
    }
  }
  // Records without any recipient field and nothing useful are noise.
  report.recipients = report.recipients.filter(
    (r) => r.finalRecipient || r.originalRecipient || r.status || r.diagnostic,
  );
  return report;
}

function fieldSet(r: DsnRecipient, name: string): boolean {
  if (name === 'final-recipient' || name === 'x-actual-recipient') return r.finalRecipient !== null;
  if (name === 'original-recipient') return r.originalRecipient !== null;
  return false;
}

/** True when a text looks like it carries delivery-status fields. */
export function looksLikeDsnText(text: string): boolean {
  return (
    /^(final-recipient|original-recipient)\s*:/im.test(text) &&
    /^(status|action|diagnostic-code)\s*:/im.test(text)
  );
}
