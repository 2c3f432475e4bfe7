/**
 * Stage 1: input normalisation.
 *
 * The engine works on "byte strings": JavaScript strings whose every char code is one byte (0–255),
 * as produced by a latin1 decode. That keeps offsets cheap and lets each MIME part be decoded with
 * its own charset later, once we know which parts matter.
 */

const latin1 = new TextDecoder('latin1');

/** Largest input read, in bytes; the rest is dropped with a warning (bounces are small, attachments are not needed). */
export const MAX_INPUT_BYTES = 8 * 1024 * 1024;

/** Bytes or an already-decoded string → byte string with LF line endings. */
export function toByteString(input: string | Uint8Array | ArrayBuffer): string {
  if (typeof input === 'string') return normaliseNewlines(input);
  const bytes = input instanceof Uint8Array ? input : new Uint8Array(input);
  // TextDecoder('latin1') is windows-1252 by the Encoding Standard; 0x80–0x9f map to other code
  // points. Decode in a way that keeps one char per byte instead.
  return normaliseNewlines(bytesToBinary(bytes));
}

// The Encoding Standard decodes "latin1" as windows-1252, which maps 27 of the bytes 0x80–0x9f to
// other code points (0x80 → "€"). Map those back so every char code is again its byte.
const CP1252_BACK = new Map<string, string>();
for (let b = 0x80; b < 0xa0; b++) {
  const c = latin1.decode(Uint8Array.of(b));
  if (c.charCodeAt(0) !== b) CP1252_BACK.set(c, String.fromCharCode(b));
}
const CP1252_RE = new RegExp(`[${[...CP1252_BACK.keys()].join('')}]`, 'g');

function bytesToBinary(bytes: Uint8Array): string {
  const s = latin1.decode(bytes);
  CP1252_RE.lastIndex = 0;
  return CP1252_RE.test(s) ? s.replace(CP1252_RE, (c) => CP1252_BACK.get(c)!) : s;
}

/** Above this length line ends are rewritten by a loop over the characters (see below). */
const LONG_TEXT = 1 << 20;

/** Whether a text has more than one CR per 16 characters (counting stops there). */
function denseLineEnds(s: string): boolean {
  const enough = s.length >> 4;
  let count = 0;
  for (let at = s.indexOf('\r'); at !== -1; at = s.indexOf('\r', at + 1)) if (++count > enough) return true;
  return false;
}

/** CRLF and CR-only → LF. */
export function normaliseNewlines(s: string): string {
  if (s.indexOf('\r') === -1) return s;
  if (s.length <= LONG_TEXT || !denseLineEnds(s)) return s.replace(/\r\n?/g, '\n');
  // A replace keeps every match until it is done: millions of line ends in a huge message cost far
  // more in garbage collection than this loop, which costs the same whatever the text holds.
  const out = new Uint16Array(s.length);
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 13) {
      out[n++] = 10;
      if (s.charCodeAt(i + 1) === 10) i++;
    } else out[n++] = c;
  }
  const parts: string[] = [];
  for (let k = 0; k < n; k += 8192)
    parts.push(String.fromCharCode(...out.subarray(k, Math.min(n, k + 8192))));
  return parts.join('');
}

/** Byte string → Uint8Array. */
export function binaryToBytes(s: string): Uint8Array {
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i) & 0xff;
  return out;
}

const decoders = new Map<string, TextDecoder | null>();

function decoderFor(charset: string): TextDecoder | null {
  const key = charset.toLowerCase();
  let d = decoders.get(key);
  if (d === undefined) {
    try {
      d = new TextDecoder(key === 'utf8' ? 'utf-8' : key, { fatal: false });
    } catch {
      d = null;
    }
    decoders.set(key, d);
  }
  return d;
}

// eslint-disable-next-line no-control-regex
const NON_ASCII = /[^\x00-\x7f]/;
// ISO-2022-JP and friends are 7-bit but need decoding (ESC sequences).
const ESCAPE = '\x1b';
const WIDE = /[^\x00-\xff]/;

/** Decode a byte string in the given charset into text. Unknown charsets fall back to UTF-8, then latin1. */
export function decodeCharset(bin: string, charset: string | null | undefined): string {
  if (!NON_ASCII.test(bin) && bin.indexOf(ESCAPE) === -1) return bin;
  // Already text (a string input with characters beyond one byte): nothing to decode.
  if (WIDE.test(bin)) return bin;
  const cs = (charset || 'utf-8').trim().replace(/^["']|["']$/g, '');
  const d = decoderFor(cs) ?? decoderFor('utf-8');
  if (!d) return bin;
  try {
    return d.decode(binaryToBytes(bin));
  } catch {
    return bin;
  }
}

/** A byte string that is probably UTF-8 text without a declared charset → text. */
export function decodeUnknown(bin: string): string {
  if (!NON_ASCII.test(bin) && bin.indexOf(ESCAPE) === -1) return bin;
  if (bin.indexOf(ESCAPE) !== -1) return decodeCharset(bin, 'iso-2022-jp');
  return decodeCharset(bin, 'utf-8');
}

/** Base64 (tolerant: ignores junk and missing padding) → byte string. */
export function decodeBase64(s: string): string {
  let clean = s.replace(/[^A-Za-z0-9+/]/g, '');
  const rem = clean.length % 4;
  if (rem === 1) clean = clean.slice(0, -1);
  else if (rem) clean += rem === 2 ? '==' : '=';
  try {
    return atob(clean);
  } catch {
    return '';
  }
}

/** The one-character string of each byte value. */
const BYTE_CHARS = Array.from({ length: 256 }, (_, i) => String.fromCharCode(i));

/** The value of a hexadecimal digit's character code, or -1. */
function hexValue(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  const l = c | 32;
  return l >= 97 && l <= 102 ? l - 87 : -1;
}

/**
 * Quoted-printable → byte string: "=" and a line end is a soft break, "=" and two hex digits a
 * byte; any other "=" stays as it is. (A loop over the "="s, not a replace with a callback: a
 * hostile body of nothing but soft breaks would call it millions of times.)
 */
export function decodeQuotedPrintable(s: string): string {
  let at = s.indexOf('=');
  if (at === -1) return s;
  const parts: string[] = [];
  let from = 0;
  while (at !== -1) {
    const c = s.charCodeAt(at + 1);
    if (c === 10) {
      if (at > from) parts.push(s.slice(from, at));
      from = at + 2;
    } else {
      const hi = hexValue(c);
      const lo = hi === -1 ? -1 : hexValue(s.charCodeAt(at + 2));
      if (lo === -1) {
        at = s.indexOf('=', at + 1);
        continue;
      }
      if (at > from) parts.push(s.slice(from, at));
      parts.push(BYTE_CHARS[hi * 16 + lo]!);
      from = at + 3;
    }
    at = s.indexOf('=', from);
  }
  parts.push(s.slice(from));
  return parts.join('');
}
