/**
 * The engine pipeline, one message from top to bottom:
 *
 *   bytes → byte string, LF (message/text) → MIME structure (message/mime)
 *   → report view: headers, delivery-status, text, original (report/view)
 *   → kind (report/kind) → per-recipient drafts (report/recipients)
 *   → codes (report/codes) → provider (provider) → reason (reason/classify)
 *   → category, hard/soft, action (reason/category)
 */
import { toByteString, MAX_INPUT_BYTES } from './message/text';
import { parseMessage, type MimeMessage, type ReadHead } from './message/mime';
import { buildView, type ReportView } from './report/view';
import { BOUNCE_SUBJECT, DAEMON_SENDER, detectKind } from './report/kind';
import { collectDrafts, type Draft } from './report/recipients';
import { decideReason } from './reason/classify';
import { REASON_CATEGORY, actionFor, isHard } from './reason/category';
import { detectProvider } from './provider';
import { splitMailbox } from './message/mbox';
import type { BounceRecord, BounceResult, MessageKind, OriginalInfo, ReasonId } from './types';

export { splitMailbox };

function emptyOriginal(): OriginalInfo {
  return {
    from: null,
    fromDomain: null,
    to: null,
    subject: null,
    messageId: null,
    date: null,
    sendingIp: null,
  };
}

export function emptyResult(): BounceResult {
  return {
    kind: 'not-bounce',
    records: [],
    original: emptyOriginal(),
    report: { from: null, subject: null, date: null, messageId: null },
    decoder: null,
    warnings: [],
  };
}

/**
 * Classify one raw message (RFC 5322 bytes or text, any line endings). Never throws.
 *
 * @example
 * const r = classifyMessage(readFileSync('bounce.eml'));
 * r.kind;                 // 'failed'
 * r.records[0].status;    // '5.1.1'
 * r.records[0].category;  // 'invalid-address'
 *
 * `head`: the message's header block as already read (see `ReadHead`), used when it matches.
 */
export function classifyMessage(raw: string | Uint8Array | ArrayBuffer, head?: ReadHead): BounceResult {
  try {
    return run(raw, head);
  } catch {
    const r = emptyResult();
    r.warnings.push('the message could not be read');
    return r;
  }
}

/** Classify every message of a file (one message, or mbox). Never throws. */
export function classifyMailbox(raw: string | Uint8Array | ArrayBuffer): BounceResult[] {
  try {
    return splitMailbox(toByteString(raw)).map((m) => classifyMessage(m));
  } catch {
    return [classifyMessage(raw)];
  }
}

function run(raw: string | Uint8Array | ArrayBuffer, head: ReadHead | undefined): BounceResult {
  const warnings: string[] = [];
  let s = toByteString(raw);
  if (s.length > MAX_INPUT_BYTES) {
    s = s.slice(0, MAX_INPUT_BYTES);
    warnings.push('message truncated to its first 8 MB');
  }
  let view = buildView(parseMessage(s, 0, undefined, head));
  // A bounce forwarded as an attachment: read the attached report instead of its wrapper.
  for (let depth = 0; depth < 3 && !view.dsn.length && view.embedded && isReport(view.embedded); depth++) {
    const inner = view.embedded;
    view = buildView(inner.source !== undefined ? parseMessage(inner.source) : inner);
    warnings.push('read the bounce attached to a forwarded message');
  }
  warnings.push(...view.warnings);
  return resultFromView(view, warnings);
}

/** An attached message that is itself a delivery report (not the returned original). */
function isReport(m: MimeMessage): boolean {
  if (m.root.type === 'multipart/report') return true;
  return (
    DAEMON_SENDER.test(m.headers.get('from') ?? '') && BOUNCE_SUBJECT.test(m.headers.get('subject') ?? '')
  );
}

/** Shared by the raw and the visible-text paths. */
export function resultFromView(view: ReportView, warnings: string[] = []): BounceResult {
  const h = view.headers;
  const result: BounceResult = {
    kind: 'not-bounce',
    records: [],
    original: originalInfo(view),
    report: {
      from: h.get('from'),
      subject: h.get('subject'),
      date: h.get('date'),
      messageId: h.get('message-id'),
    },
    decoder: null,
    warnings,
  };
  const collected = collectDrafts(view, result.original);
  let drafts = collected.drafts;
  if (collected.leftOut)
    warnings.push(
      `${collected.leftOut} more recipients are named than are read (the first ${drafts.length} are)`,
    );
  const kind = detectKind(view, drafts);
  result.kind = kind;
  result.decoder = collected.decoder;
  if (kind === 'not-bounce') return result;
  if (kind === 'auto-reply') {
    // The person who replied is the recipient of the original message.
    drafts = [blankDraft(firstAddress(h.get('from') ?? ''))];
    result.decoder = 'rfc3834';
  } else if (kind === 'complaint') {
    drafts = complaintDrafts(view, result.original);
    result.decoder = 'arf';
  }
  result.records = drafts.map((d) => toRecord(d, kind));
  return result;
}

function blankDraft(recipient: string | null): Draft {
  return {
    recipient,
    diagnostic: null,
    context: '',
    status: null,
    replyCode: null,
    action: null,
    remoteHost: null,
    reportingMta: null,
    hint: null,
    command: null,
  };
}

/** ARF (RFC 5965): who complained — Original-Rcpt-To, else the original's To. */
function complaintDrafts(view: ReportView, original: OriginalInfo): Draft[] {
  const fb = view.feedback;
  const rcpts = fb
    ? fb
        .all('original-rcpt-to')
        .map(firstAddress)
        .filter((a): a is string => !!a)
    : [];
  const jmrp = firstAddress(view.original?.get('x-hmxmroriginalrecipient') ?? '');
  if (jmrp) rcpts.push(jmrp);
  if (!rcpts.length && (view.headers.get('x-apple-unsubscribe') ?? '').trim().toLowerCase() === 'true') {
    const from = firstAddress(view.headers.get('from') ?? '');
    if (from) rcpts.push(from);
  }
  if (rcpts.length) return [...new Set(rcpts)].map(blankDraft);
  if (original.to) return [blankDraft(original.to)];
  return [blankDraft(null)];
}

function toRecord(d: Draft, kind: MessageKind): BounceRecord {
  let provider = detectProvider(d);
  let reason: ReasonId;
  let evidence;
  if (kind === 'auto-reply') {
    reason = 'vacation';
    evidence = [{ source: 'decoder' as const, detail: 'automatic reply' }];
  } else if (kind === 'complaint') {
    reason = 'feedback';
    evidence = [{ source: 'decoder' as const, detail: 'feedback report (ARF)' }];
  } else if (kind === 'delivered') {
    reason = 'delivered';
    evidence = [{ source: 'decoder' as const, detail: 'delivery report' }];
  } else {
    const v = decideReason({
      diagnostic: d.diagnostic ?? '',
      context: d.context,
      status: d.status,
      replyCode: d.replyCode,
      provider,
      hint: d.hint,
      program: d.program === true,
      command: d.command,
      delayed: kind === 'delayed' || d.action === 'delayed',
      host:
        (
          d.remoteHost ?? (d.recipient ? d.recipient.slice(d.recipient.indexOf('@') + 1) : null)
        )?.toLowerCase() ?? null,
    });
    reason = v.reason;
    evidence = v.evidence;
    // (A recipient at one of several providers sharing the wording already named that one.)
    provider ??= v.wordingOf?.[0] ?? null;
  }
  const hard = kind === 'failed' && isHard(reason, d.status, d.replyCode);
  return {
    recipient: d.recipient,
    replyCode: d.replyCode,
    status: d.status,
    diagnostic: d.diagnostic ? d.diagnostic.slice(0, 2000) : null,
    reason,
    category: REASON_CATEGORY[reason],
    hard,
    action: actionFor(reason, hard, kind),
    provider,
    remoteHost: d.remoteHost,
    reportingMta: d.reportingMta,
    dsnAction: d.action,
    smtpCommand: d.command,
    evidence,
  };
}

const IP_RE = /\[((?:\d{1,3}\.){3}\d{1,3}|IPv6:[0-9a-f:]+)\]/i;

function originalInfo(view: ReportView): OriginalInfo {
  const o = view.original;
  const info = emptyOriginal();
  if (!o) return info;
  const from = firstAddress(o.get('from') ?? o.get('return-path') ?? '');
  info.from = from;
  info.fromDomain = from ? from.slice(from.indexOf('@') + 1) : null;
  info.to = firstAddress(o.get('to') ?? '');
  info.subject = o.get('subject');
  info.messageId = o.get('message-id');
  info.date = o.get('date');
  // The last Received header is the first hop: the sending client.
  const received = o.all('received');
  for (let i = received.length - 1; i >= 0; i--) {
    const m = IP_RE.exec(received[i]!);
    if (m && !/^127\.|^10\.|^192\.168\./.test(m[1]!)) {
      info.sendingIp = m[1]!;
      break;
    }
  }
  return info;
}

export function firstAddress(v: string): string | null {
  // Tried at token starts only, with "@" only once, so a run of "@@@…" costs one scan.
  const m = /(?<![^\s<>"'(),;:])[^\s<>"'(),;:@]+@[^\s<>"'(),;:@]*[A-Za-z0-9]/.exec(v);
  return m ? m[0].toLowerCase() : null;
}
