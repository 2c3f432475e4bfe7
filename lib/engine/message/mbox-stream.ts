/**
 * Streaming mbox reader: byte chunks in, one entry per message out, in bounded memory.
 *
 * A file that starts with an envelope line ("From sender date", the mboxo/mboxrd convention) is
 * split at every such line; any other file is one message. Each message is gated on its headers
 * and the first bytes of its body: only a message that may be a delivery report, a delay notice,
 * a complaint or an automatic reply is kept whole (up to {@link MboxLimits.maxMessageBytes}) for
 * the engine to classify; for all others only the header fields are kept, and the rest of the
 * message costs a scan for the next envelope line.
 *
 * Memory: one chunk, the kept bytes of the current message (at most maxMessageBytes) and the
 * entries not yet taken. A message larger than the limit, or a file without a single boundary,
 * is read to its end but kept only up to the limit (`truncated` says so).
 *
 * @example
 * const reader = new MboxReader();
 * for await (const chunk of file.stream()) for (const m of reader.push(chunk)) use(m);
 * for (const m of reader.end()) use(m);
 */
import { MAX_INPUT_BYTES, toByteString } from './text';
import { HeaderList, parseContentType, parseHeaders } from './mime';
import { AUTO_REPLY_SUBJECT, BOUNCE_SUBJECT, BOUNCE_TEXT, DAEMON_SENDER } from '../report/kind';

export interface MboxLimits {
  /** Header bytes kept per message (the gate reads no further). Default 256 KiB. */
  maxHeaderBytes: number;
  /** Body bytes the gate reads after the headers. Default 16 KiB. */
  peekBytes: number;
  /** Bytes kept of a candidate message (the engine reads no further). Default 8 MiB. */
  maxMessageBytes: number;
}

export interface MboxOptions extends MboxLimits {
  /** False: keep every message whole (up to maxMessageBytes), as if each were a candidate. */
  gate: boolean;
}

export const DEFAULT_MBOX_LIMITS: MboxLimits = {
  maxHeaderBytes: 256 * 1024,
  peekBytes: 16 * 1024,
  maxMessageBytes: MAX_INPUT_BYTES,
};

/** One message of the stream. */
export interface MboxEntry {
  /** Position in the file, from 0. */
  index: number;
  /** Byte offset where the message starts (its envelope line, when it has one). */
  offset: number;
  /** Length in bytes, envelope line included. */
  bytes: number;
  /** The message's own header fields (at most maxHeaderBytes of them). */
  headers: HeaderList;
  /** The text `headers` were read from (for `classifyMessage`, which then need not read it again). */
  headText: string;
  /** Whether the gate let it through: it may be a report, and `raw` holds it. */
  candidate: boolean;
  /** The whole message as a byte string with mboxrd quoting removed; candidates only. */
  raw: string | null;
  /** The message was longer than maxMessageBytes: `raw` holds its beginning. */
  truncated: boolean;
}

const LF = 10;
const CR = 13;
const F = 70;
/** "From " */
const FROM = [70, 114, 111, 109, 32];
/** Bytes of a "From " line the envelope test reads (the rest of a longer line is ignored). */
const FROM_LINE_CHECK = 300;
/** Bytes read before deciding which byte ends lines, when the first line is longer. */
const FIRST_LINE_MAX = 4096;

// "From sender@example.org Mon Jan  1 00:00:00 2024" — an envelope line with a date after the sender.
const FROM_LINE = /^From \S+ +\S.*\d{4}/;
// mboxrd quoting: ">From " at line start was a "From " line in the message.
const QUOTED_FROM = /^>(>*From )/gm;

const latin1 = new TextDecoder('latin1');
const EMPTY = new Uint8Array(0);

/** Whether bytes[at…] starts with "From " (as far as the array goes, when `partial`). */
function startsFrom(bytes: Uint8Array, at: number, end: number, partial: boolean): boolean {
  for (let k = 0; k < 5; k++) {
    if (at + k >= end) return partial;
    if (bytes[at + k] !== FROM[k]) return false;
  }
  return true;
}

/** The envelope test on one line (its end excluded, a CR before it dropped). */
function isEnvelope(bytes: Uint8Array, at: number, lineEnd: number): boolean {
  let end = Math.min(lineEnd, at + FROM_LINE_CHECK);
  if (end === lineEnd && end > at && bytes[end - 1] === CR) end--;
  // Plain ASCII is all the test looks at; latin1 keeps one character per byte.
  return FROM_LINE.test(latin1.decode(bytes.subarray(at, end)));
}

/**
 * Shifts of a Horspool search for a line end followed by "From " (6 bytes), by the byte under
 * the pattern's last position: bytes that occur nowhere in it move the window its whole length.
 */
function horspool(sep: number): Uint8Array {
  const pattern = [sep, ...FROM];
  const table = new Uint8Array(256).fill(pattern.length);
  for (let k = 0; k < pattern.length - 1; k++) table[pattern[k]!] = pattern.length - 1 - k;
  return table;
}
const SKIP_LF = horspool(LF);
const SKIP_CR = horspool(CR);

/**
 * The first position at or after `from` (and after 0) that starts a line with "From " wholly
 * inside the chunk, or -1.
 */
function nextFromLine(b: Uint8Array, from: number, sep: number, skip: Uint8Array): number {
  const len = b.length;
  // i: the window's last byte (the space of "From "); the window starts at i - 5, on `sep`.
  for (let i = Math.max(from, 1) + 4; i < len;) {
    const c = b[i]!;
    if (
      c === 32 &&
      b[i - 1] === 109 &&
      b[i - 2] === 111 &&
      b[i - 3] === 114 &&
      b[i - 4] === F &&
      b[i - 5] === sep
    )
      return i - 4;
    i += skip[c]!;
  }
  return -1;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

type Phase = 'head' | 'peek' | 'full' | 'skip';

/**
 * Splits a byte stream into messages. Feed chunks of any size with {@link push} (chunk borders
 * may fall anywhere, even inside "From "), then call {@link end}. Each call returns the messages
 * completed so far. Never throws on any input.
 */
export class MboxReader {
  readonly limits: MboxOptions;
  /** Bytes pushed so far. */
  bytesRead = 0;
  /** Messages completed so far. */
  messages = 0;

  /** Undecided: the first bytes are held until it is known whether this is an mbox. */
  private mode: 'start' | 'mbox' | 'single' = 'start';
  /** The byte that ends lines (CR for old Mac files). */
  private sep = LF;
  /** Bytes held back: the start of the file, or a partial line that may be an envelope line. */
  private carry: Uint8Array = EMPTY;
  /** Whether the next byte starts a line. */
  private atLineStart = true;
  /** Whether a message is open (false before the first envelope line of an mbox). */
  private open = false;

  // The current message.
  private msgOffset = 0;
  private msgBytes = 0;
  private phase: Phase = 'head';
  // Allocated at the first byte kept and grown as needed: a reader per small file (the command line
  // on a directory) should not cost a zeroed buffer larger than the file.
  private kept = EMPTY;
  private keptLen = 0;
  private headLen = -1;
  private headers: HeaderList | null = null;
  private headText = '';
  private truncated = false;
  private done: MboxEntry[] = [];

  constructor(options: Partial<MboxOptions> = {}) {
    this.limits = { ...DEFAULT_MBOX_LIMITS, gate: true, ...options };
  }

  push(chunk: Uint8Array): MboxEntry[] {
    this.bytesRead += chunk.length;
    try {
      this.feed(chunk);
    } catch {
      // Nothing here should throw; if it does, the current message is dropped, not the stream.
      this.phase = 'skip';
      this.keptLen = 0;
    }
    return this.take();
  }

  end(): MboxEntry[] {
    try {
      if (this.mode === 'start') {
        this.decideMode(true);
        const b = this.carry;
        this.carry = EMPTY;
        this.feedDecided(b);
      }
      if (this.carry.length) {
        const rest = this.carry;
        this.carry = EMPTY;
        // A held-back line at the very end: an envelope line without a newline, or message text.
        if (startsFrom(rest, 0, rest.length, false) && isEnvelope(rest, 0, rest.length)) {
          this.finish();
          this.begin(this.bytesRead - rest.length, rest.length);
        } else this.data(rest, 0, rest.length);
      }
      if (this.open) this.finish();
    } catch {
      /* keep what was completed */
    }
    return this.take();
  }

  private take(): MboxEntry[] {
    const out = this.done;
    this.done = [];
    return out;
  }

  private feed(chunk: Uint8Array): void {
    if (this.carry.length) {
      chunk = concat(this.carry, chunk);
      this.carry = EMPTY;
    }
    if (this.mode === 'start') {
      this.carry = chunk;
      const decided = this.decideMode(false);
      this.carry = EMPTY;
      // Undecided: hold a copy (the caller may reuse its buffer for the next chunk).
      if (!decided) {
        this.carry = chunk.slice();
        return;
      }
    }
    this.feedDecided(chunk);
  }

  private feedDecided(chunk: Uint8Array): void {
    if (this.mode === 'single') this.data(chunk, 0, chunk.length);
    else this.scan(chunk);
  }

  /** Looks at the first line: an envelope line makes an mbox. Returns false while undecided. */
  private decideMode(atEnd: boolean): boolean {
    const b = this.carry;
    if (b.length < 5 && !atEnd) return false;
    const base = this.bytesRead - b.length;
    if (!startsFrom(b, 0, b.length, false)) {
      this.mode = 'single';
      this.begin(base, 0);
      return true;
    }
    let lf = b.indexOf(LF);
    const cr = b.indexOf(CR);
    if (lf === -1 && cr === -1 && b.length < FIRST_LINE_MAX && !atEnd) return false;
    if (cr !== -1 && (lf === -1 || cr < lf) && b[cr + 1] !== LF) {
      if (cr + 1 >= b.length && !atEnd) return false; // a CR at the end: is an LF next?
      this.sep = CR;
      lf = cr;
    }
    const lineEnd = lf === -1 ? b.length : lf;
    if (isEnvelope(b, 0, lineEnd)) this.mode = 'mbox';
    else {
      this.mode = 'single';
      this.begin(base, 0);
    }
    return true;
  }

  /**
   * Finds envelope lines in a chunk and hands the bytes between them to the open message. Only a
   * line that starts with "From " can be one, so the chunk is searched for that line start (a
   * line end, then "From ") by skipping, not walked line by line: in attachments, the bulk of a
   * mailbox, most bytes are never looked at.
   */
  private scan(chunk: Uint8Array): void {
    const len = chunk.length;
    const base = this.bytesRead - len;
    const skip = this.sep === CR ? SKIP_CR : SKIP_LF;
    let segStart = 0;
    // A line that starts where the chunk starts.
    let q = this.atLineStart ? 0 : nextFromLine(chunk, 0, this.sep, skip);
    for (;;) {
      if (q === 0 && this.atLineStart && !startsFrom(chunk, 0, len, false)) {
        q = nextFromLine(chunk, 1, this.sep, skip);
        continue;
      }
      if (q === -1) break;
      const j = chunk.indexOf(this.sep, q);
      if (j === -1 && len - q < FROM_LINE_CHECK) {
        // A partial line that may be an envelope line: hold it for the next chunk.
        this.data(chunk, segStart, q);
        this.carry = chunk.slice(q);
        this.atLineStart = true;
        return;
      }
      if (isEnvelope(chunk, q, j === -1 ? len : j)) {
        this.data(chunk, segStart, q);
        this.finish();
        const lineEnd = j === -1 ? len : j + 1;
        this.begin(base + q, lineEnd - q);
        segStart = lineEnd;
      }
      if (j === -1) break;
      q = nextFromLine(chunk, j + 1, this.sep, skip);
    }
    // The chunk's last bytes may be the start of an envelope line cut short ("Fr").
    for (let k = Math.max(segStart, len - 4); k < len; k++) {
      if ((k === 0 ? this.atLineStart : chunk[k - 1] === this.sep) && startsFrom(chunk, k, len, true)) {
        this.data(chunk, segStart, k);
        this.carry = chunk.slice(k);
        this.atLineStart = true;
        return;
      }
    }
    this.data(chunk, segStart, len);
    this.atLineStart = len === 0 ? this.atLineStart : chunk[len - 1] === this.sep;
  }

  /** Opens a message at `offset` whose envelope line (already read) is `envelope` bytes long. */
  private begin(offset: number, envelope: number): void {
    this.open = true;
    this.msgOffset = offset;
    this.msgBytes = envelope;
    this.phase = 'head';
    this.keptLen = 0;
    this.headLen = -1;
    this.headers = null;
    this.headText = '';
    this.truncated = false;
  }

  /** Bytes of the open message (outside any message, before the first envelope line: dropped). */
  private data(chunk: Uint8Array, from: number, to: number): void {
    if (to <= from || !this.open) return;
    this.msgBytes += to - from;
    while (from < to) {
      const phase = this.phase;
      if (phase === 'skip') return;
      if (phase === 'full') {
        const room = this.limits.maxMessageBytes - this.keptLen;
        if (to - from > room) this.truncated = true;
        this.keep(chunk, from, Math.min(to, from + Math.max(0, room)));
        return;
      }
      if (phase === 'head') {
        const take = Math.min(to - from, this.limits.maxHeaderBytes - this.keptLen);
        this.keep(chunk, from, from + take);
        from += take;
        const end = this.headEnd();
        // What follows the blank line is already kept: the start of the body.
        if (end !== -1) this.headLen = end;
        else if (this.keptLen >= this.limits.maxHeaderBytes) this.headLen = this.keptLen;
        else continue;
        this.endHead();
        continue;
      }
      // peek
      const want = this.headLen + this.limits.peekBytes - this.keptLen;
      const take = Math.min(to - from, Math.max(0, want));
      this.keep(chunk, from, from + take);
      from += take;
      if (this.keptLen >= this.headLen + this.limits.peekBytes) this.decide();
    }
  }

  /**
   * Finds the blank line ending the header block in the kept bytes and returns the body's offset,
   * or -1. Line ends are read as the engine reads them (CRLF, CR or LF), whatever ends the
   * mailbox's lines; a CR as the last kept byte waits for the next byte.
   */
  private headEnd(): number {
    const b = this.kept;
    const n = this.keptLen;
    let lineStart = 0;
    for (let i = 0; i < n; i++) {
      const c = b[i]!;
      if (c !== LF && c !== CR) continue;
      if (c === CR && i + 1 >= n) return -1;
      const end = c === CR && b[i + 1] === LF ? i + 2 : i + 1;
      if (i === lineStart) return end;
      lineStart = end;
      i = end - 1;
    }
    return -1;
  }

  private endHead(): void {
    // The headers alone may already decide; otherwise the body's first bytes do.
    this.headText = this.text(this.kept.subarray(0, this.headLen));
    this.headers = parseHeaders(this.headText);
    const verdict = this.limits.gate ? gateHeaders(this.headers) : 'report';
    if (verdict === 'report') this.toFull();
    else if (verdict === 'ordinary') this.skip();
    else this.phase = 'peek';
    // (Kept bytes beyond the header block are already the start of the body.)
    if (this.phase === 'peek' && this.keptLen >= this.headLen + this.limits.peekBytes) this.decide();
  }

  private decide(): void {
    // Exactly the first peekBytes, however many more the last chunk brought.
    const end = Math.min(this.keptLen, this.headLen + this.limits.peekBytes);
    // (Only ASCII words are looked for: no need to map bytes exactly or to rewrite line ends.)
    const body = latin1.decode(this.kept.subarray(this.headLen, end));
    if (bodyLooksLikeReport(this.headers!, body)) this.toFull();
    else this.skip();
  }

  private toFull(): void {
    this.phase = 'full';
    if (this.keptLen > this.limits.maxMessageBytes) {
      this.keptLen = this.limits.maxMessageBytes;
      this.truncated = true;
    }
  }

  private skip(): void {
    this.phase = 'skip';
    this.keptLen = 0;
  }

  /** Bytes → byte string; in an mbox, mboxrd quoting removed (a lone message is not quoted). */
  private text(bytes: Uint8Array): string {
    const s = toByteString(bytes);
    return this.mode === 'mbox' ? unquote(s) : s;
  }

  private keep(chunk: Uint8Array, from: number, to: number): void {
    const n = to - from;
    if (n <= 0) return;
    if (this.keptLen + n > this.kept.length) {
      let size = Math.max(4096, this.kept.length * 2);
      while (size < this.keptLen + n) size *= 2;
      const grown = new Uint8Array(size);
      grown.set(this.kept.subarray(0, this.keptLen));
      this.kept = grown;
    }
    this.kept.set(chunk.subarray(from, to), this.keptLen);
    this.keptLen += n;
  }

  private finish(): void {
    if (!this.open) return;
    if (this.phase === 'head') {
      this.headLen = this.keptLen;
      this.endHead();
    }
    if (this.phase === 'peek') this.decide();
    const candidate = this.phase === 'full';
    const entry: MboxEntry = {
      index: this.messages++,
      offset: this.msgOffset,
      bytes: this.msgBytes,
      headers: this.headers ?? new HeaderList([]),
      headText: this.headers ? this.headText : '',
      candidate,
      raw: candidate ? this.text(this.kept.subarray(0, this.keptLen)) : null,
      truncated: this.truncated,
    };
    this.done.push(entry);
    this.open = false;
    this.keptLen = 0;
    // A candidate may have grown the buffer to megabytes: do not hold on to that.
    if (this.kept.length > 1024 * 1024) this.kept = EMPTY;
  }
}

function unquote(s: string): string {
  return s.indexOf('>') === -1 ? s : s.replace(QUOTED_FROM, '$1');
}

/** Reads a stream of byte chunks (a Node stream, `File.stream()` …) message by message. */
export async function* readMailbox(
  chunks: AsyncIterable<Uint8Array>,
  options: Partial<MboxOptions> = {},
): AsyncGenerator<MboxEntry> {
  const reader = new MboxReader(options);
  for await (const chunk of chunks) yield* reader.push(chunk);
  yield* reader.end();
}

// ---------------------------------------------------------------------------------------------
// The gate. It must let through every message the engine would call a report (failed, delayed,
// complaint, auto-reply or delivered), and little else. It reads the same signals the engine's
// kind detection reads, as far as the headers and the body's first bytes show them.

/** Gmail's Takeout labels the user's own mail "Sent": never a report the user received. */
function isOwnMail(h: HeaderList): boolean {
  return takeoutLabels(h).includes('Sent');
}

/** Header fields that mark reports, complaint reports and automatic replies. */
const REPORT_FIELDS = [
  'x-failed-recipients',
  'x-autoreply',
  'x-autorespond',
  'x-auto-response-suppress',
  'x-apple-unsubscribe',
  'x-mlserver',
  'x-ml-server',
  'x-hmxmroriginalrecipient',
];

/** Media types a report is made of, at the top or inside. */
const REPORT_TYPES = /^(?:multipart\/report|message\/|text\/rfc822-headers)/;

type HeaderVerdict = 'report' | 'ordinary' | 'undecided';

function gateHeaders(h: HeaderList): HeaderVerdict {
  if (isOwnMail(h)) return 'ordinary';
  const from = (h.get('from') ?? '').trim();
  if (from === '' || from === '<>' || DAEMON_SENDER.test(from)) return 'report';
  const subject = h.get('subject') ?? '';
  if (BOUNCE_SUBJECT.test(subject) || AUTO_REPLY_SUBJECT.test(subject)) return 'report';
  for (const f of REPORT_FIELDS) if (h.has(f)) return 'report';
  if ((h.get('auto-submitted') ?? '').toLowerCase().startsWith('auto-replied')) return 'report';
  if ((h.get('precedence') ?? '').toLowerCase() === 'auto_reply') return 'report';
  if (REPORT_TYPES.test(parseContentType(h.get('content-type')).type)) return 'report';
  return 'undecided';
}

/**
 * Body signs of a report: a report part, delivery-status or feedback fields, an Amazon SES
 * notification's JSON, bounce wording. Each expression runs only when a word it needs is there
 * (substring searches in the lower-cased text cost far less than the expressions on every body).
 */
const BODY_REPORT =
  /message\/(?:global-)?(?:delivery-status|feedback-report|rfc822)|text\/rfc822-headers|^(?:final-recipient|original-recipient|feedback-type)\s*:|x-hmxmroriginalrecipient|notificationType|eventType/im;
const BODY_REPORT_WORDS = [
  'message/',
  'rfc822-headers',
  '-recipient',
  'feedback-type',
  'notificationtype',
  'eventtype',
];
/** Every wording of the engine's BOUNCE_TEXT holds one of these (a test keeps it so). */
export const BOUNCE_TEXT_WORDS = [
  'deliver',
  'permanent',
  'invalid user address',
  'returned to sender',
  'message you sent could not',
];

/**
 * A case-insensitive search for any of the words, in one pass (lower-casing each body first and
 * searching it once a word cost about half as much again).
 */
function anyWord(words: readonly string[]): RegExp {
  return new RegExp(words.map((w) => w.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&')).join('|'), 'i');
}
const BODY_REPORT_ANY = anyWord(BODY_REPORT_WORDS);
const BOUNCE_TEXT_ANY = anyWord(BOUNCE_TEXT_WORDS);

function bodyLooksLikeReport(_h: HeaderList, body: string): boolean {
  if (BODY_REPORT_ANY.test(body) && BODY_REPORT.test(body)) return true;
  return BOUNCE_TEXT_ANY.test(body) && BOUNCE_TEXT.test(body);
}

/**
 * Whether a message may be a report, from its header block and the first bytes of its body
 * (byte strings). The reader's gate, for callers holding one message.
 */
export function mayBeReport(head: string, bodyStart: string): boolean {
  const h = parseHeaders(unquote(toByteString(head)));
  const verdict = gateHeaders(h);
  if (verdict !== 'undecided') return verdict === 'report';
  return bodyLooksLikeReport(h, bodyStart);
}

// ---------------------------------------------------------------------------------------------
// What Google Takeout adds to each message.

/** X-Gmail-Labels: comma-separated, a label with a comma in quotes ("Inbox,Sent,\"a, b\""). */
export function takeoutLabels(h: HeaderList): string[] {
  const v = h.get('x-gmail-labels');
  if (!v) return [];
  const out: string[] = [];
  const re = /\s*(?:"((?:[^"\\]|\\.)*)"|([^,]*))\s*(?:,|$)/gy;
  let m: RegExpExecArray | null;
  while (re.lastIndex < v.length && (m = re.exec(v)) !== null) {
    const label = (m[1] !== undefined ? m[1].replace(/\\(.)/g, '$1') : m[2]!).trim();
    if (label) out.push(label);
    if (m[0] === '') break;
  }
  return out;
}

/** Takeout's identity of a message: its Gmail thread id and Message-ID (either may be missing). */
export interface TakeoutIds {
  threadId: string | null;
  messageId: string | null;
}

export function takeoutIds(h: HeaderList): TakeoutIds {
  const thr = (h.get('x-gm-thrid') ?? '').trim();
  const mid = (h.get('message-id') ?? '').trim();
  return { threadId: /^\d{1,24}$/.test(thr) ? thr : null, messageId: mid ? mid.slice(0, 998) : null };
}

/** The user's own message (labelled Sent): who sent it, the day, and how many it went to. */
export interface SentFacts {
  /** The sending address, lower-cased; null when the From field names none. */
  from: string | null;
  /** The message's Date as a UTC day, YYYY-MM-DD; null when it has no readable Date. */
  day: string | null;
  /** Distinct addresses in To, Cc and Bcc. */
  recipients: number;
}

export function sentFacts(h: HeaderList): SentFacts | null {
  if (!isOwnMail(h)) return null;
  const from = addressesIn(h.get('from') ?? '')[0] ?? null;
  const rcpts = new Set<string>();
  for (const field of ['to', 'cc', 'bcc'])
    for (const v of h.all(field)) for (const a of addressesIn(v)) rcpts.add(a);
  return { from, day: utcDay(h.get('date')), recipients: rcpts.size };
}

/** A Date field → YYYY-MM-DD (UTC), or null. */
export function utcDay(date: string | null): string | null {
  if (!date) return null;
  // Date.parse reads RFC 5322 dates; a trailing comment such as "(UTC)" is dropped first.
  const t = Date.parse(date.replace(/\([^)]*\)/g, ' ').trim());
  if (!Number.isFinite(t)) return null;
  const d = new Date(t);
  const y = d.getUTCFullYear();
  if (y < 1970 || y > 9999) return null;
  return d.toISOString().slice(0, 10);
}

/**
 * The addresses of an address-list field, lower-cased, without duplicates. Quoted display names
 * and comments are dropped first, so `"a@x.org" <b@y.org>` counts once.
 */
export function addressesIn(v: string): string[] {
  const bare = v.replace(/"(?:[^"\\]|\\.)*"/g, ' ').replace(/\([^()]*\)/g, ' ');
  const out = new Set<string>();
  for (const m of bare.matchAll(/[^\s<>"'(),;:@]+@[^\s<>"'(),;:@]*[A-Za-z0-9]/g)) out.add(m[0].toLowerCase());
  return [...out];
}
