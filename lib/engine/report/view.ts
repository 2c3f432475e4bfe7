/**
 * Stage 3: the report view — the handful of things classification reads from a message:
 * its own headers, the delivery-status parts, the human-readable bounce text, and the
 * headers of the returned original. Only these parts are decoded.
 */
import {
  type HeaderList,
  type MimeMessage,
  type MimePart,
  htmlToText,
  leafParts,
  parseHeaders,
  partText,
} from '../message/mime';
import { splitHeadBody } from '../message/mime';
import { readSesNotification } from './amazon-ses';
import { looksLikeDsnText, parseDeliveryStatus, type DsnReport } from './dsn';

export interface ReportView {
  headers: HeaderList;
  /** Delivery-status reports found (message/delivery-status parts, or DSN fields printed as text). */
  dsn: DsnReport[];
  /** True when a real message/delivery-status part exists. */
  hasDsnPart: boolean;
  /** The human-readable report text, with the returned original cut off. */
  text: string;
  /** The returned original's headers, when present. */
  original: HeaderList | null;
  /** The whole top-level text before cutting (for searching the original's headers inline). */
  fullText: string;
  /** Content type of the top part, e.g. multipart/report. */
  topType: string;
  reportType: string | null;
  /** A message/feedback-report part (ARF) or null. */
  feedback: HeaderList | null;
  /** Built from what Gmail shows (no headers beyond sender and subject). */
  visibleOnly?: boolean;
  /** The first attached message (message/rfc822), parsed: the original, or a forwarded report. */
  embedded?: MimeMessage | null;
  warnings: string[];
}

const HTML_LIMIT = 256 * 1024;
const TEXT_LIMIT = 512 * 1024;

/**
 * Lines that start the returned original in text-only bounces. Each is a separator some server
 * writes, e.g. qmail's "--- Below this line is a copy of the message.", Exim's
 * "------ This is a copy of the message, including all the headers. ------" or fml's
 * "Original mail as follows:".
 */
const ORIGINAL_START = new RegExp(
  [
    // Separators that say what follows, whatever stands around them.
    String.raw`^[ \t>]*(?:[-=_*]{2,}[ \t]*)?(?:below this line is a copy of the message|this is a copy of the message|the header of the original message|original message headers?|message headers follow|undelivered message headers|unsent message (?:below|follows)|the message that you sent began|headers of the returned message|content-type: message\/rfc822|content-type: text\/rfc822-headers|your message reads|copy of message follows|original message follows|original (?:mail|message) as follows|\[original message header)`,
    // Bare words that are a separator only as a line of their own ("----- Original message -----"),
    // not as the start of a sentence or a heading such as "Original Message Details".
    String.raw`^[ \t>]*[-=_*]{2,}[ \t]*(?:original message|returned message|a copy of the original message)`,
    String.raw`^[ \t>]*(?:original message|returned message|a copy of the original message)[ \t]*[-=_*:]*[ \t]*$`,
  ].join('|'),
  'im',
);

const HEADERISH =
  /^(?:return-path|received|from|to|subject|date|message-id|mime-version|content-type|x-[a-z0-9-]+|dkim-signature|reply-to|cc|delivered-to|authentication-results)\s*:/i;

/** A MIME part's own fields, which head a part rather than a message. */
const MIME_PART_FIELD = /^content-(?:type|description|disposition|transfer-encoding|id)\s*:/i;

export function buildView(msg: MimeMessage): ReportView {
  const warnings: string[] = [];
  const top = msg.root;
  const reportType = (top.params['report-type'] || '').toLowerCase() || null;
  const dsn: DsnReport[] = [];
  let hasDsnPart = false;
  const texts: string[] = [];
  const htmls: string[] = [];
  let original: HeaderList | null = null;
  let feedback: HeaderList | null = null;
  let embedded: MimeMessage | null = null;

  for (const part of leafParts(top)) {
    const t = part.type;
    if (t === 'message/delivery-status' || t === 'message/global-delivery-status') {
      hasDsnPart = true;
      dsn.push(parseDeliveryStatus(limit(partText(part))));
    } else if (t === 'message/rfc822' || t === 'message/global' || t === 'message/partial') {
      if (part.message) {
        original ??= part.message.headers;
        embedded ??= part.message;
      } else original ??= parseHeaders(splitHeadBody(limit(part.rawBody)).head);
    } else if (
      t === 'text/rfc822-headers' ||
      t === 'message/rfc822-headers' ||
      t === 'message/global-headers'
    ) {
      original ??= parseHeaders(splitHeadBody(limit(partText(part)) + '\n\n').head);
    } else if (t === 'message/feedback-report') {
      feedback = parseHeaders(limit(partText(part)));
    } else if (t === 'text/plain' && !isAttachment(part)) {
      texts.push(limit(partText(part)));
    } else if (t === 'text/html' && !isAttachment(part)) {
      htmls.push(part.rawBody.length > HTML_LIMIT ? '' : partText(part));
    } else if (t.startsWith('text/') && part === top) {
      texts.push(limit(partText(part)));
    }
  }
  // Amazon SES notifications carry the report as JSON in the body.
  if (!hasDsnPart && texts.length) {
    const ses = readSesNotification(texts.join('\n'));
    if (ses) {
      if (ses.dsn) dsn.push(ses.dsn);
      feedback ??= ses.feedback;
      texts.length = 0;
    }
  }
  // Some servers label the DSN part as text/plain or put it in the body.
  if (!hasDsnPart) {
    for (const t of texts) if (looksLikeDsnText(t)) dsn.push(parseDeliveryStatus(dsnSlice(t)));
  }

  let fullText = texts.join('\n');
  if (!fullText.trim() && htmls.length) fullText = htmls.map(htmlToText).join('\n');
  if (fullText.length > TEXT_LIMIT) {
    fullText = fullText.slice(0, TEXT_LIMIT);
    warnings.push('report text truncated');
  }
  if (dsn.some((d) => d.truncated))
    warnings.push(
      'the delivery-status report is longer than is read: recipients past its first fields are left out',
    );
  const cut = cutOriginal(fullText);
  if (!original && cut.originalHead) original = parseHeaders(cut.originalHead);

  return {
    headers: msg.headers,
    dsn,
    hasDsnPart,
    text: cut.text,
    original,
    fullText,
    topType: top.type,
    reportType,
    feedback,
    embedded,
    warnings,
  };
}

function limit(s: string): string {
  return s.length > TEXT_LIMIT ? s.slice(0, TEXT_LIMIT) : s;
}

function isAttachment(p: MimePart): boolean {
  const d = p.headers.get('content-disposition');
  return !!d && /^\s*attachment/i.test(d) && !!p.filename;
}

/** The part of a text that holds DSN fields (from the first field line). */
export function dsnSlice(t: string): string {
  const m = /^(reporting-mta|final-recipient|original-recipient|action)\s*:/im.exec(t);
  return m ? t.slice(m.index) : t;
}

/** Lines of the returned original that cutOriginal may read, with room to spare. */
const CUT_LINES = 700;

/**
 * Split the report text from an inline returned original. Returns the text before the
 * separator (or before the first run of header lines) and the original's header block.
 */
export function cutOriginal(text: string): { text: string; originalHead: string | null } {
  const m = ORIGINAL_START.exec(text);
  let cutAt = m ? m.index : -1;
  // Fallback: the first run of three header-like lines that begins with Received/Return-Path.
  if (cutAt === -1) {
    const run = /^(?:return-path|received):.*\n(?:[ \t].*\n|[a-z0-9-]+:.*\n){2}/im.exec(text);
    if (run) cutAt = run.index;
  }
  if (cutAt === -1) return { text, originalHead: null };
  // The header block begins at the first header-like line after the separator. Only the first
  // lines are read (the search below reaches line 642 at most: 40 to find the block, two blocks of
  // at most 300 lines and three blank lines between), so the rest of a long original is not split.
  const lines = text.slice(cutAt).split('\n', CUT_LINES);
  let start = -1;
  for (let i = 0; i < Math.min(lines.length, 40); i++) {
    if (HEADERISH.test(lines[i]!)) {
      start = i;
      break;
    }
  }
  let head: string | null = null;
  if (start !== -1) {
    let block: string[] = [];
    let end = start;
    const readBlock = (from: number) => {
      block = [];
      for (end = from; end < lines.length && block.length < 300; end++) {
        const l = lines[end]!;
        if (l.trim() === '') break;
        block.push(l.replace(/^>\s?/, ''));
      }
    };
    readBlock(start);
    // A bounce pasted as text keeps its MIME lines: "Content-Type: message/rfc822", a blank line,
    // then the returned message's own header. A block of part fields only is that part's head.
    if (block.every((l) => MIME_PART_FIELD.test(l) || /^[ \t]/.test(l))) {
      let next = end;
      while (next < lines.length && next < end + 3 && lines[next]!.trim() === '') next++;
      if (next < lines.length && HEADERISH.test(lines[next]!) && !MIME_PART_FIELD.test(lines[next]!))
        readBlock(next);
    }
    head = block.join('\n');
  }
  return { text: text.slice(0, cutAt), originalHead: head };
}
