/**
 * Stage 2: MIME structure.
 *
 * A lean walker: it finds the part boundaries of a (byte-string) message and keeps each part's
 * headers and raw body, but decodes nothing up front. Classification then asks only for the
 * parts it needs (top headers, delivery-status, text, the returned original's headers), so
 * binary attachments cost a boundary scan and nothing more.
 */
import { decodeWords } from 'postal-mime';
import { decodeBase64, decodeCharset, decodeQuotedPrintable, decodeUnknown } from './text';

export interface HeaderField {
  /** Lower-case field name. */
  name: string;
  /** Unfolded value, RFC 2047 words decoded. */
  value: string;
}

/**
 * A message's header fields in order. Values are decoded (RFC 2047, 8-bit text) when first read:
 * most fields of a bounce (Received, DKIM-Signature …) are never read.
 */
export class HeaderList {
  private readonly decoded: boolean[];
  constructor(
    private readonly raw: HeaderField[],
    alreadyDecoded = true,
  ) {
    this.decoded = raw.map(() => alreadyDecoded);
  }
  private value(i: number): string {
    if (!this.decoded[i]) {
      const f = this.raw[i]!;
      f.value = decodeHeaderValue(f.value);
      this.decoded[i] = true;
    }
    return this.raw[i]!.value;
  }
  /**
   * Every field as written, RFC 2047 words left alone: for delivery-status fields, which are
   * read from text already decoded and never use encoded words (an address such as
   * "=?utf-8?B?…?=@example.org" is the mailbox's real name, not something to decode).
   * Read it before any decoded accessor: decoding rewrites the values in place.
   */
  get rawFields(): readonly HeaderField[] {
    return this.raw;
  }
  /** Every field, decoded. */
  get fields(): HeaderField[] {
    for (let i = 0; i < this.raw.length; i++) this.value(i);
    return this.raw;
  }
  /** First value of a field, or null. */
  get(name: string): string | null {
    for (let i = 0; i < this.raw.length; i++) if (this.raw[i]!.name === name) return this.value(i);
    return null;
  }
  all(name: string): string[] {
    const out: string[] = [];
    for (let i = 0; i < this.raw.length; i++) if (this.raw[i]!.name === name) out.push(this.value(i));
    return out;
  }
  has(name: string): boolean {
    for (const f of this.raw) if (f.name === name) return true;
    return false;
  }
}

export interface MimePart {
  /** Lower-case media type, e.g. "text/plain"; "text/plain" when absent. */
  type: string;
  params: Record<string, string>;
  headers: HeaderList;
  /** Undecoded body (byte string). */
  rawBody: string;
  children: MimePart[];
  /** For message/rfc822 parts: the embedded message. */
  message: MimeMessage | null;
  /** Attachment file name, if any. */
  filename: string | null;
}

export interface MimeMessage {
  headers: HeaderList;
  root: MimePart;
  /** For an attached message read shallowly: its source, to read in full when needed. */
  source?: string;
}

const MAX_DEPTH = 8;
const MAX_PARTS = 200;
const MAX_HEADER_FIELDS = 500;
const MAX_HEADER_VALUE = 16 * 1024;

const BROKEN_PARAM = /^[A-Za-z-]{1,40}\*?=/;

/** Split a byte string into header block and body at the first empty line. */
export function splitHeadBody(s: string): { head: string; body: string } {
  if (s.startsWith('\n')) return { head: '', body: s.slice(1) };
  const i = s.indexOf('\n\n');
  if (i === -1) return { head: s, body: '' };
  return { head: s.slice(0, i), body: s.slice(i + 2) };
}

/** Decode a header value's RFC 2047 words and raw 8-bit text. */
export function decodeHeaderValue(v: string): string {
  let out = decodeUnknown(v);
  if (out.indexOf('=?') !== -1) {
    try {
      out = decodeWords(out);
    } catch {
      /* keep the undecoded value */
    }
  }
  return out;
}

/**
 * `value.trimEnd().endsWith(';')` without making the trimmed copy: most values end in a character
 * that is neither ';' nor white space, which decides at once.
 */
function endsWithSemicolon(value: string): boolean {
  const c = value.charCodeAt(value.length - 1);
  if (c === 59) return true;
  // Below U+1680 the only white space is ASCII's and U+00A0 (what trimEnd strips).
  if (c > 32 && c < 0x1680 && c !== 0xa0) return false;
  return value.trimEnd().endsWith(';');
}

/**
 * Parse a header block. Lines that are neither a field nor a continuation end the block
 * for a message (the caller decides); here they are skipped. Fields past `maxFields` are dropped
 * (a message's own header block; a delivery-status report passes its own, larger limit).
 */
export function parseHeaders(head: string, maxFields = MAX_HEADER_FIELDS): HeaderList {
  const fields: HeaderField[] = [];
  if (!head) return new HeaderList(fields);
  const lines = head.split('\n');
  let name = '';
  let value = '';
  const flush = () => {
    if (name && fields.length < maxFields) {
      const v = value.length > MAX_HEADER_VALUE ? value.slice(0, MAX_HEADER_VALUE) : value;
      fields.push({ name, value: v.trim() });
    }
    name = '';
    value = '';
  };
  for (const line of lines) {
    const c = line.charCodeAt(0);
    if ((c === 32 || c === 9) && name) {
      if (value.length < MAX_HEADER_VALUE) value += ' ' + line.trim();
      continue;
    }
    // A parameter that lost its folding indent: "Content-Type: multipart/mixed;\nboundary=…".
    if (name && endsWithSemicolon(value) && BROKEN_PARAM.test(line)) {
      value += ' ' + line.trim();
      continue;
    }
    flush();
    if (line.length > MAX_HEADER_VALUE * 4) continue;
    // "Name: value": a name of printable characters without space, then a colon.
    const colon = line.indexOf(':');
    if (colon > 0) {
      let end = colon;
      while (end > 0 && (line.charCodeAt(end - 1) === 32 || line.charCodeAt(end - 1) === 9)) end--;
      let ok = end > 0;
      for (let i = 0; i < end && ok; i++) {
        const ch = line.charCodeAt(i);
        ok = ch > 32 && ch < 127;
      }
      if (ok) {
        name = line.slice(0, end).toLowerCase();
        value = line.slice(colon + 1);
      }
    }
  }
  flush();
  return new HeaderList(fields, false);
}

/** Parse "type/subtype; a=b; c="d"" into the type and its parameters. */
export function parseContentType(v: string | null): { type: string; params: Record<string, string> } {
  const params: Record<string, string> = {};
  if (!v) return { type: 'text/plain', params };
  // The type is the leading "type/subtype" token; a missing ";" before the parameters
  // ("text/plain charset=…") is tolerated.
  const tm = /^\s*([\w.+-]+\/[\w.+-]+)/.exec(v);
  const type = tm ? tm[1]!.toLowerCase() : 'text/plain';
  const semi = tm ? tm[0].length : v.indexOf(';');
  if (semi !== -1 && semi < v.length) {
    const re = /[;\s]\s*([A-Za-z0-9_.*-]+)\s*=\s*(?:"((?:[^"\\]|\\.){0,2000})"|([^;\s]{0,2000}))/g;
    const rest = v.slice(semi);
    let m: RegExpExecArray | null;
    while ((m = re.exec(rest)) !== null) {
      let key = m[1]!.toLowerCase();
      // RFC 2231 continuations: name*0, name*1 … (good enough for boundaries and names).
      const star = key.indexOf('*');
      if (star !== -1) key = key.slice(0, star);
      const val = m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : (m[3] ?? '');
      params[key] = key in params && star !== -1 ? params[key] + val : val;
    }
  }
  return { type: type.includes('/') ? type : 'text/plain', params };
}

/**
 * A header block someone has already read (the command line's reader does, to gate messages):
 * the text given to `parseHeaders`, and the list it returned (a reader's `MboxEntry` is one).
 */
export interface ReadHead {
  headText: string;
  headers: HeaderList;
}

/**
 * Whether `text` is `head` or `head` and the blank line that ends it: `parseHeaders` reads both
 * alike (empty lines add no field).
 */
function sameHead(text: string, head: string): boolean {
  if (text.length === head.length) return text === head;
  return (
    text.length === head.length + 2 &&
    text.charCodeAt(head.length) === 10 &&
    text.charCodeAt(head.length + 1) === 10 &&
    text.startsWith(head)
  );
}

/**
 * Parse a whole message (byte string, LF line endings). Never throws for any string. `known`
 * saves reading the header block again when it holds this message's header block exactly.
 */
export function parseMessage(s: string, depth = 0, budget = { parts: 0 }, known?: ReadHead): MimeMessage {
  const { head, body } = splitHeadBody(s);
  const headers = known && sameHead(known.headText, head) ? known.headers : parseHeaders(head);
  return { headers, root: parsePart(headers, body, depth, budget) };
}

/** Headers and top-level type of a message, without walking its body. */
export function parseShallow(s: string): MimeMessage {
  const { head, body } = splitHeadBody(s);
  const headers = parseHeaders(head);
  const { type, params } = parseContentType(headers.get('content-type'));
  const root: MimePart = {
    type,
    params,
    headers,
    rawBody: body,
    children: [],
    message: null,
    filename: null,
  };
  return { headers, root, source: s };
}

function parsePart(headers: HeaderList, body: string, depth: number, budget: { parts: number }): MimePart {
  budget.parts++;
  const { type, params } = parseContentType(headers.get('content-type'));
  const disp = headers.get('content-disposition');
  const filename =
    params['name'] ??
    (disp ? (parseContentType('x/x' + disp.slice(disp.indexOf(';'))).params['filename'] ?? null) : null);
  const part: MimePart = { type, params, headers, rawBody: body, children: [], message: null, filename };
  if (depth >= MAX_DEPTH || budget.parts > MAX_PARTS) return part;

  if (type.startsWith('multipart/')) {
    const boundary = findBoundary(body, params['boundary']);
    if (boundary === null) {
      // A multipart without usable delimiters: read it as one text part.
      part.type = 'text/plain';
      return part;
    }
    for (const chunk of splitMultipart(body, boundary)) {
      if (budget.parts > MAX_PARTS) break;
      const { head, body: b } = splitHeadBody(chunk);
      part.children.push(parsePart(parseHeaders(head), b, depth + 1, budget));
    }
  } else if (type === 'message/rfc822' || type === 'message/global') {
    const decoded = decodeTransfer(body, headers.get('content-transfer-encoding'));
    // Only the attached message's headers are read now; its body is parsed if ever needed.
    part.message = parseShallow(decoded);
  }
  return part;
}

/**
 * The boundary to split on: the declared one when the body uses it, else the delimiter the body
 * actually uses (anonymisers and broken servers change one and not the other), else null.
 */
function findBoundary(body: string, declared: string | undefined): string | null {
  if (declared && findDelimiter(body, '--' + declared, 0) !== -1) return declared;
  const re = /^--([^\s-][^\n]{0,200}?|-[^\n]{1,200}?)[ \t]*$/gm;
  const counts = new Map<string, number>();
  let m: RegExpExecArray | null;
  let scanned = 0;
  while ((m = re.exec(body)) !== null && scanned++ < 200) {
    const b = m[1]!.replace(/--$/, '');
    const n = (counts.get(b) ?? 0) + 1;
    if (n >= 2) return b;
    counts.set(b, n);
  }
  return null;
}

/** The body chunks between boundary lines. Tolerates a missing closing boundary. */
export function splitMultipart(body: string, boundary: string): string[] {
  const delim = '--' + boundary;
  const out: string[] = [];
  let pos = findDelimiter(body, delim, 0);
  if (pos === -1) return out;
  for (;;) {
    let lineEnd = body.indexOf('\n', pos);
    if (lineEnd === -1) lineEnd = body.length;
    if (body.startsWith('--', pos + delim.length)) break; // closing delimiter
    const start = lineEnd + 1;
    const next = findDelimiter(body, delim, start);
    if (next === -1) {
      if (start < body.length) out.push(body.slice(start));
      break;
    }
    out.push(body.slice(start, Math.max(start, next - 1)));
    pos = next;
  }
  return out;
}

function findDelimiter(body: string, delim: string, from: number): number {
  let i = body.indexOf(delim, from);
  while (i !== -1) {
    if (i === 0 || body.charCodeAt(i - 1) === 10) return i;
    i = body.indexOf(delim, i + delim.length);
  }
  return -1;
}

/** Undo the content-transfer-encoding; returns a byte string. */
export function decodeTransfer(body: string, cte: string | null): string {
  const enc = (cte || '').trim().toLowerCase();
  if (enc === 'base64') return decodeBase64(body);
  if (enc === 'quoted-printable') return decodeQuotedPrintable(body);
  return body;
}

/** A part's body as text: transfer encoding undone, charset decoded. */
export function partText(part: MimePart): string {
  const bin = decodeTransfer(part.rawBody, part.headers.get('content-transfer-encoding'));
  return decodeCharset(bin, part.params['charset']);
}

/** Every leaf part in document order, not descending into embedded messages. */
export function leafParts(root: MimePart): MimePart[] {
  const out: MimePart[] = [];
  const walk = (p: MimePart) => {
    if (p.children.length) p.children.forEach(walk);
    else out.push(p);
  };
  walk(root);
  return out;
}

/** Remove tags and decode the common entities of an HTML body (for HTML-only reports). */
export function htmlToText(html: string): string {
  return html
    .replace(/<(script|style|head)\b[^>]*>[\s\S]*?<\/\1\s*>/gi, ' ')
    .replace(/<br\s*\/?>|<\/(p|div|tr|li|h[1-6]|table)>/gi, '\n')
    .replace(/<[^>]{0,2000}>/g, '')
    .replace(/&nbsp;/gi, ' ')
    .replace(/&lt;/gi, '<')
    .replace(/&gt;/gi, '>')
    .replace(/&quot;/gi, '"')
    .replace(/&#39;|&apos;/gi, "'")
    .replace(/&#(\d{1,6});/g, (_m, d: string) => safeFromCodePoint(parseInt(d, 10)))
    .replace(/&#x([0-9a-f]{1,6});/gi, (_m, h: string) => safeFromCodePoint(parseInt(h, 16)))
    .replace(/&amp;/gi, '&')
    .replace(/[ \t]+\n/g, '\n');
}

function safeFromCodePoint(n: number): string {
  return n > 0 && n <= 0x10ffff ? String.fromCodePoint(n) : ' ';
}
