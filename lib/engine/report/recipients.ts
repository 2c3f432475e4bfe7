/**
 * Stage 4: one draft per affected recipient, from the delivery-status part when there is one,
 * else from the report text; codes reconciled between the two.
 */
import type { OriginalInfo, ReasonId } from '../types';
import { bestStatus, consistentReply, findReplyCode, isGenericStatus } from './codes';
import { cleanDiagnostic, normaliseAddress, scanRecipients, type TextRecipient } from './scan';
import type { ReportView } from './view';
import type { DsnRecipient } from './dsn';
import { findCommand, mayNameCommand, type SmtpCommand } from './command';
import { formatHint, vendorHint } from './hints';

export interface Draft {
  recipient: string | null;
  diagnostic: string | null;
  /**
   * Other text about this recipient (for reasons the diagnostic does not say), uncleaned; read only
   * when needed, so it may be given as a function that makes it.
   */
  context: string | (() => string);
  status: string | null;
  replyCode: string | null;
  action: string | null;
  remoteHost: string | null;
  reportingMta: string | null;
  hint: ReasonId | null;
  /** The SMTP command the remote server answered, when the report says. */
  command: SmtpCommand;
  /** The diagnostic is a local delivery program's output (a Diagnostic-Code of type X-Unix). */
  program?: boolean;
}

/** Recipients read from one report; past this a warning says how many were left out. */
export const MAX_RECIPIENTS = 5000;
const MAX_DIAGNOSTIC = 4000;

const ADDRESS_IN = /(?<![^\s<>"'(),;:[\]])[^\s<>"'(),;:[\]@]+@[^\s<>"'(),;:[\]@]*[A-Za-z0-9]/;

const ADDRESSES_IN = new RegExp(ADDRESS_IN.source, 'g');

function addressesOf(v: string | null): string[] {
  if (!v) return [];
  const out: string[] = [];
  const re = ADDRESSES_IN;
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(v)) !== null && out.length < MAX_RECIPIENTS) out.push(m[0].toLowerCase());
  return out;
}

export function collectDrafts(
  view: ReportView,
  original: OriginalInfo,
): { drafts: Draft[]; decoder: string; leftOut?: number } {
  const h = view.headers;
  const section = view.text;
  const sectionRaw = section.length > MAX_DIAGNOSTIC ? section.slice(0, MAX_DIAGNOSTIC) : section;
  const reportingMtaFromDsn = view.dsn.find((d) => d.reportingMta)?.reportingMta ?? null;

  const dsnRecipients: { r: DsnRecipient; reportingMta: string | null }[] = [];
  for (const d of view.dsn)
    for (const r of d.recipients) dsnRecipients.push({ r, reportingMta: d.reportingMta });
  if (dsnRecipients.length) {
    // The text scan may name the same recipients with a fuller diagnostic; it runs only when a
    // record's own fields say too little.
    // (Both lists are made on first use, in the loop.)
    let scanned: TextRecipient[] | undefined;
    let unclaimed: TextRecipient[] | undefined;
    /** Whether the section holds any of findCommand's cues (found on first need). */
    let sectionCues: boolean | undefined;
    const drafts: Draft[] = [];
    const seen = new Set<string>();
    const named = new Set(dsnRecipients.map(({ r }) => r.finalRecipient ?? r.originalRecipient));
    let addressed: Set<string> | undefined;
    for (const { r, reportingMta } of dsnRecipients.slice(0, MAX_RECIPIENTS)) {
      // Of the two recipient fields, the address the sender wrote (see senderWrote). A record whose
      // recipient fields are empty or broken borrows the next address the text names.
      let recipient = senderWrote(r, () => (addressed ??= addressedTo(view)));
      if (recipient == null) {
        scanned ??= scanRecipients(section, new Set());
        unclaimed ??= scanned.filter((t) => !named.has(t.address));
        recipient = unclaimed.shift()?.address ?? null;
      }
      const key = `${recipient}|${r.status}`;
      if (recipient && seen.has(key)) continue;
      seen.add(key);
      const dsnDiag = r.diagnostic ? cleanDiagnostic(r.diagnostic) : '';
      const dsnCommand = findCommand(r.diagnostic ?? '');
      const wordy = hasWords(dsnDiag);
      const wantBlock = (!wordy || !dsnCommand) && !!recipient;
      const findBlock = () =>
        (scanned ??= scanRecipients(section, new Set())).find((t) => t.address === recipient);
      // A wordy diagnostic needs the block only for the command, which no part of a section
      // without any of findCommand's cues can name: the block is then found on demand, as context.
      const blockNow = wantBlock && (!wordy || (sectionCues ??= mayNameCommand(section)));
      const textBlock = blockNow ? findBlock() : undefined;
      // With a wordy diagnostic the block's own diagnostic serves only as context: made on demand.
      const blockDiag = textBlock && !wordy ? diagnosticFromBlock(textBlock) : '';
      let diagnostic = dsnDiag;
      // A bare or code-only diagnostic ("smtp; 550", "5.0.0") says less than the text.
      if (!wordy)
        diagnostic =
          blockDiag || (dsnRecipients.length === 1 ? diagnosticFromSection(section) : '') || dsnDiag;
      const context =
        wantBlock && wordy
          ? () => {
              const block = blockNow ? textBlock : findBlock();
              const d = block ? diagnosticFromBlock(block) : '';
              return d ? `${d}\n${sectionRaw}` : sectionRaw;
            }
          : blockDiag
            ? `${blockDiag}\n${sectionRaw}`
            : sectionRaw;
      drafts.push(
        finishDraft(
          {
            recipient,
            diagnostic: diagnostic || null,
            context,
            status: r.status,
            replyCode: null,
            action: r.action,
            remoteHost: r.remoteMta,
            reportingMta: reportingMta ?? reportingMtaFromDsn,
            hint: vendorHint(r.vendorCategory),
            ...(r.diagnosticType?.toLowerCase() === 'x-unix' ? { program: true } : {}),
            command:
              dsnCommand ??
              findCommand(textBlock?.block ?? '') ??
              (dsnRecipients.length === 1 && sectionCues !== false ? findCommand(section) : null),
          },
          view,
        ),
      );
    }
    const leftOut = Math.max(0, dsnRecipients.length - MAX_RECIPIENTS);
    return leftOut
      ? { drafts, decoder: view.hasDsnPart ? 'rfc3464' : 'dsn-text', leftOut }
      : { drafts, decoder: view.hasDsnPart ? 'rfc3464' : 'dsn-text' };
  }

  const scanned = scanRecipients(section, nonRecipients(view, original));
  let addressed: Set<string> | undefined;
  if (scanned.length) {
    let sectionDiag: string | undefined;
    return {
      drafts: scanned.slice(0, MAX_RECIPIENTS).map((t) => {
        const failure = hasFailureCode(t.block);
        if (!failure) sectionDiag ??= scanned.length === 1 ? diagnosticFromSection(section) : '';
        return finishDraft(
          {
            recipient: textRecipient(t, () => (addressed ??= addressedTo(view))),
            // A block without a server reply (the address stood in a summary) borrows the report's.
            diagnostic: (failure || !sectionDiag ? diagnosticFromBlock(t) : sectionDiag) || null,
            context: sectionRaw,
            status: null,
            replyCode: null,
            action: null,
            remoteHost: hostFromText(t.block),
            reportingMta: null,
            hint: null,
            command: findCommand(t.block),
          },
          view,
        );
      }),
      decoder: 'text',
      ...(scanned.length > MAX_RECIPIENTS ? { leftOut: scanned.length - MAX_RECIPIENTS } : {}),
    };
  }

  // Nothing in the text names a recipient: the report's own header, else the original's To.
  const failed = addressesOf(h.get('x-failed-recipients'));
  const fallback = failed.length ? failed : original.to ? [original.to] : [envelopeRecipient(view) ?? null];
  const diag = diagnosticFromSection(section);
  return {
    drafts: fallback.map((recipient) =>
      finishDraft(
        {
          recipient,
          diagnostic: diag || null,
          context: sectionRaw,
          status: null,
          replyCode: null,
          action: null,
          remoteHost: hostFromText(section),
          reportingMta: null,
          hint: null,
          command: findCommand(section),
        },
        view,
      ),
    ),
    decoder: failed.length ? 'x-failed-recipients' : 'text',
  };
}

/**
 * Addresses that are not recipients (the report's sender and addressee, the original sender):
 * needed only when the text is scanned without delivery-status fields.
 */
function nonRecipients(view: ReportView, original: OriginalInfo): Set<string> {
  const h = view.headers;
  return new Set<string>([
    ...addressesOf(h.get('from')),
    ...addressesOf(h.get('to')),
    ...(original.from ? [original.from] : []),
    ...addressesOf(h.get('return-path')),
  ]);
}

/**
 * The address the sender wrote, of a record's two recipient fields. RFC 3464's Original-Recipient
 * is the address as the reporting server received it; Final-Recipient is where it tried to deliver
 * after aliases and forwards ("sales@example.org" expanded to "sales-team-7@mailhost.example.org").
 * The original is the one the sender can act on, and the one read, with one exception: a message
 * that passed a forward before the reporting server arrived there already rewritten, so its
 * "original" is an intermediate address. When the returned message's own To or Cc names the final
 * address and not the original one, the final address is what the sender wrote.
 * Two spellings of one address (a quoted local part the server wrote without its quotes) are one
 * address: its valid form is kept.
 */
function senderWrote(r: DsnRecipient, addressed: () => Set<string>): string | null {
  const o = r.originalRecipient;
  const f = r.finalRecipient;
  if (o === null || f === null || o === f) return o ?? f;
  const co = canonicalAddress(o);
  if (co === canonicalAddress(f)) return co;
  const to = addressed();
  return to.has(f) && !to.has(o) ? f : o;
}

/** As senderWrote, for an address the text names beside the address it was rewritten to. */
function textRecipient(t: TextRecipient, addressed: () => Set<string>): string {
  if (!t.rewritten) return t.address;
  const to = addressed();
  return to.has(t.rewritten) && !to.has(t.address) ? t.rewritten : t.address;
}

/** The addresses the returned message's To and Cc fields name (lower case). */
function addressedTo(view: ReportView): Set<string> {
  const h = view.original;
  if (!h) return new Set();
  return new Set([...h.all('to'), ...h.all('cc')].flatMap((v) => addressesOf(v)));
}

// RFC 5322's dot-atom: atoms of these characters (and any non-ASCII one, RFC 6531) joined by dots.
const DOT_ATOM =
  /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~\u0080-\uffff-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~\u0080-\uffff-]+)*$/;

/**
 * An address in the form RFC 5321 asks for: a local part that is a dot-atom is written bare, any
 * other is quoted ("neko..nyaan"@example.org, whose two dots a bare local part cannot hold).
 */
export function canonicalAddress(a: string): string {
  const at = a.lastIndexOf('@');
  if (at <= 0) return a;
  let local = a.slice(0, at);
  const quoted = local.length > 1 && local.startsWith('"') && local.endsWith('"');
  if (quoted) local = local.slice(1, -1);
  if (DOT_ATOM.test(local)) return quoted ? `${local}${a.slice(at)}` : a;
  return quoted || !/["\\\s]/.test(local) ? `"${local}"${a.slice(at)}` : a;
}

/** The returned original's envelope recipient: "Received: … for <kijitora@example.jp>; …". */
function envelopeRecipient(view: ReportView): string | null {
  for (const r of view.original?.all('received') ?? []) {
    const m = /\bfor <?([^\s<>;]+@[^\s<>;]+?)>?;/i.exec(r);
    if (m) return m[1]!.toLowerCase();
  }
  return null;
}

function hasFailureCode(s: string): boolean {
  return /(?<![\d.])[45]\d\d[ -]|(?<![\d.])[45]\.\d{1,3}\.\d{1,3}(?![.\d])/.test(s);
}

function hasWords(s: string): boolean {
  return /[a-z]{3,}/i.test(s.replace(/\b(smtp|x-unix|x-postfix)\b/gi, ''));
}

/** The diagnostic part of a recipient's block: from the first line with a code or a server's words. */
function diagnosticFromBlock(t: TextRecipient): string {
  const lines = t.block.split('\n');
  // Drop the recipient's own line when it holds nothing else.
  const first = lines[0] ?? '';
  // (Without an "@" there is no address to drop: the pattern is not even tried.)
  const rest = (first.includes('@') ? first.replace(/<?[^\s<>]+@[^\s<>]+>?:?/, '') : first).trim();
  const kept: string[] = rest.length > 2 ? [rest] : [];
  for (const l of lines.slice(1)) {
    // Delivery-status fields or the returned original's headers: the diagnostic has ended.
    if (BLOCK_END.test(l)) break;
    kept.push(l);
  }
  return serverWords(cleanDiagnostic(kept.join('\n'))).slice(0, MAX_DIAGNOSTIC);
}

const BLOCK_END =
  /^[ \t>]*(?:reporting-mta|final-recipient|original-recipient|arrival-date|received-from-mta|return-path|received|message-id|mime-version|content-type|x-[a-z0-9-]+)\s*:/i;

/**
 * Drop the reporter's boilerplate in front of the remote server's own words:
 * "… The error that the other server returned was: 550 5.1.1 …" (Gmail), "Remote host said: …".
 */
const SERVER_SAID =
  /(?:the error that the other server returned was|the response from the remote server was|the response was|remote server returned|remote host said|the server responded with|server replied|server said|said)\s*:\s*/i;
export function serverWords(diag: string): string {
  const m = SERVER_SAID.exec(diag);
  if (!m || m.index + m[0].length >= diag.length) return diag;
  const before = diag.slice(0, m.index);
  // Only a reporter's explanation goes; a command or connection context ("after RCPT TO:…",
  // "Connected to … but sender was rejected") stays.
  return /technical details|tried to deliver|we recommend|delivery to the following/i.test(before)
    ? diag.slice(m.index + m[0].length)
    : diag;
}

/** For single-recipient reports: the lines that carry codes or a server's reply. */
function diagnosticFromSection(section: string): string {
  const lines = section.split('\n');
  const picked: string[] = [];
  for (let i = 0; i < lines.length && picked.length < 12; i++) {
    const l = lines[i]!;
    if (
      /(?<![\d.])[245]\d\d[ -]|(?<![\d.])[245]\.\d{1,3}\.\d{1,3}(?![.\d])|said:|returned:|reply:|response:|error:/i.test(
        l,
      )
    )
      picked.push(l);
  }
  return serverWords(cleanDiagnostic(picked.join('\n') || section)).slice(0, MAX_DIAGNOSTIC);
}

const HOST_IN_TEXT = /\b(?:host|server|mx)\s+([a-z0-9-]+(?:\.[a-z0-9-]+)+)\b/i;

function hostFromText(s: string): string | null {
  const m = HOST_IN_TEXT.exec(s);
  return m ? m[1]!.toLowerCase() : null;
}

const SERVER_REPLY = /(?<![\w.])([245]\d\d)[ -]'?([245])\.(\d{1,3})\.(\d{1,3})(?![.\d])/g;

function replyOf(m: RegExpMatchArray): { replyCode: string; status: string } {
  return { replyCode: m[1]!, status: `${m[2]}.${+m[3]!}.${+m[4]!}` };
}

/**
 * The remote server's own reply in a diagnostic: a reply code with its enhanced code
 * ("550 5.1.1", "550-'5.7.1"). A reporter's summary in front of it ("5.1.0 - Unknown address
 * error 550-'5.7.1 …", "554 4.4.7 Message expired … <421 4.4.2 Connection timed out>") gives way.
 */
function serverReply(diag: string): { replyCode: string; status: string } | null {
  // The first ten pairs, read one by one.
  const pairs: RegExpExecArray[] = [];
  SERVER_REPLY.lastIndex = 0;
  let m: RegExpExecArray | null;
  while (pairs.length < 10 && (m = SERVER_REPLY.exec(diag)) !== null) pairs.push(m);
  if (!pairs.length) return null;
  const first = replyOf(pairs[0]!);
  // "Delivery time expired" laid over the reply that kept failing: the last reply says why.
  if (pairs.length > 1 && /^[45]\.4\.7$/.test(first.status)) return replyOf(pairs[pairs.length - 1]!);
  return first;
}

/**
 * Sendmail quotes the remote server's reply under each address, "(reason: 551 not our user)",
 * and ends its transcript with a summary line of its own ("554 5.0.0 Service unavailable",
 * "550 5.1.1 <kijitora@example.net>... User unknown"): the quoted reply carries the server's code.
 */
function quotedReply(diag: string, status: string | null): string | null {
  const code = /\(reason: ([245]\d\d)(?=[\s:)-])/i.exec(diag)?.[1] ?? null;
  return code && (!status || code[0] === status[0]) ? code : null;
}

/** Codes: the DSN status unless generic, then the most specific status in the diagnostic. */
function finishDraft(d: Draft, view?: ReportView): Draft {
  if (view) d.hint ??= formatHint(view, d.recipient);
  const diag = d.diagnostic ?? '';
  let status = d.status;
  const reply = serverReply(diag);
  const fromDiag = reply && reply.status[0] !== '2' ? reply.status : bestStatus(diag);
  // The server's own code in the diagnostic is more precise than the reporter's summary (X.0.0,
  // or X.4.7 "delivery time expired" laid over the reply that kept failing).
  // A generic code (X.0.0) never replaces a specific one; a full reply of the remote server
  // ("550 5.5.0 …") stands even against the reporter's class.
  if (fromDiag && status && !(isGenericStatus(fromDiag) && !isGenericStatus(status))) {
    if (fromDiag[0] === status[0] || (reply && reply.status === fromDiag)) status = fromDiag;
  } else if (!status && fromDiag) status = fromDiag;
  const replyCode =
    quotedReply(diag, status) ??
    (reply && reply.status === status ? reply.replyCode : consistentReply(findReplyCode(diag), status));
  if (d.recipient) d.recipient = normaliseAddress(d.recipient);
  return { ...d, status, replyCode };
}
