import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decodeQuotedPrintable, normaliseNewlines } from './text';
import { RUNS } from '../../../tests/unit/support/fuzz';

/** The plain reading of quoted-printable the decoder must agree with, written the short way. */
const qpReference = (s: string) =>
  s.replace(/=(?:\n|([0-9A-Fa-f]{2}))/g, (_m, hex: string | undefined) =>
    hex ? String.fromCharCode(parseInt(hex, 16)) : '',
  );

/** Texts made mostly of the characters quoted-printable cares about. */
const qpText = fc.string({
  unit: fc.constantFrom('=', '\n', '\r', '0', '9', 'a', 'F', 'g', 'G', ' ', 'x', '\u00e9', '\u3042'),
  maxLength: 200,
});

describe('quoted-printable', () => {
  it.each([
    ['soft=\nbreak', 'softbreak'],
    ['caf=C3=A9 =e9', 'caf\u00c3\u00a9 \u00e9'],
    ['a=\n=41', 'aA'],
    // An "=" that starts neither a soft break nor a byte stays, and so do the characters after it.
    ['==41', '=A'],
    ['=4=\n1', '=41'],
    ['=G1 =4', '=G1 =4'],
    ['ends with =', 'ends with ='],
    ['no escapes', 'no escapes'],
  ])('%j → %j', (input, decoded) => {
    expect(decodeQuotedPrintable(input)).toBe(decoded);
  });

  it('agrees with the plain reading on any text', () => {
    fc.assert(
      fc.property(qpText, (s) => decodeQuotedPrintable(s) === qpReference(s)),
      { numRuns: RUNS },
    );
  });

  it('decodes a body of nothing but soft breaks or escapes, 2 MB, to the right text', () => {
    expect(decodeQuotedPrintable('=\n'.repeat(1 << 20))).toBe('');
    const escapes = '=41'.repeat(700_000);
    expect(decodeQuotedPrintable(escapes)).toBe('A'.repeat(700_000));
  });
});

describe('line ends', () => {
  const reference = (s: string) => s.replace(/\r\n?/g, '\n');

  it('turns CRLF and bare CR into LF, in short texts', () => {
    expect(normaliseNewlines('a\r\nb\rc\n\r\r\nd')).toBe('a\nb\nc\n\n\nd');
  });

  it('gives the same text for huge messages, dense with line ends or not', () => {
    // Over 1 MB, a text with many line ends takes the character loop, one with few the replace.
    const dense = 'ab\r\r\nc\r'.repeat(200_000) + '\u3042\r';
    const sparse = ('x'.repeat(100) + '\r\n').repeat(12_000) + 'y\r';
    for (const s of [dense, sparse]) {
      expect(s.length).toBeGreaterThan(1 << 20);
      expect(normaliseNewlines(s)).toBe(reference(s));
    }
  });

  it('agrees with the plain reading on any text', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom('\r', '\n', 'a', ' '), maxLength: 100 }),
        (s) => normaliseNewlines(s) === reference(s),
      ),
      { numRuns: RUNS },
    );
  });
});
