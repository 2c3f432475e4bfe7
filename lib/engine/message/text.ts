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

/** CRLF and CR-only → LF. */
export function normaliseNewlines(s: string): string {
  if (s.indexOf('\r') === -1) return s;
  return s.replace(/\r\n?/g, '\n');
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

/** Quoted-printable → byte string. */
export function decodeQuotedPrintable(s: string): string {
  if (s.indexOf('=') === -1) return s;
  return s.replace(/=(?:\n|([0-9A-Fa-f]{2}))/g, (_m, hex: string | undefined) =>
    hex ? String.fromCharCode(parseInt(hex, 16)) : '',
  );
}
