/**
 * The engine must survive anything: random bytes, random text, cut-off and mangled corpus
 * messages, absurd nesting, huge lines, bogus charsets. Every call returns a sound BounceResult
 * (see support/engine-check.ts), without throwing and without hitting its own catch-all.
 *
 * Property tests use fast-check (seeding and run counts: support/fuzz.ts); a failure prints the
 * seed and the shrunk input.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { classifyMailbox, classifyMessage, classifyVisible, type VisibleMessage } from '../../lib/engine';
import {
  bytesToBinary,
  corpusFiles,
  INTERNAL_ERROR_WARNING,
  readBytes,
  resultProblems,
} from './support/engine-check';
import {
  BOUNDARIES,
  CHARSETS,
  ENCODINGS,
  layer,
  mailLike,
  nestMessage,
  type Layer,
} from './support/mail-arbitraries';
import { HOSTILE_SHAPES } from './support/hostile-inputs';
import { RUNS } from './support/fuzz';

const FIVE_MB = 5 * 1024 * 1024;

/** Classify and require a sound result; the message names the problems, never the input. */
function check(input: string | Uint8Array | ArrayBuffer): void {
  const problems = resultProblems(classifyMessage(input));
  expect(problems).toEqual([]);
}

function checkMailbox(input: string | Uint8Array): void {
  const results = classifyMailbox(input);
  expect(Array.isArray(results)).toBe(true);
  // An mbox holding only an envelope line has no message, so an empty list is allowed;
  // anything with content is at least one message.
  const text = typeof input === 'string' ? input : bytesToBinary(input);
  if (!text.startsWith('From ')) expect(results.length).toBeGreaterThan(0);
  for (const r of results) expect(resultProblems(r)).toEqual([]);
}

const BSD = corpusFiles('bsd');
const corpusBytes = new Map<string, Uint8Array>();
function corpus(file: string): Uint8Array {
  let b = corpusBytes.get(file);
  if (!b) {
    b = readBytes(file);
    corpusBytes.set(file, b);
  }
  return b;
}
const corpusFile = fc.constantFrom(...BSD);

describe('the result checker used below', () => {
  // The properties are only as strong as this check, so make sure it does reject broken results.
  type Loose = {
    kind: unknown;
    records: Record<string, unknown>[];
    warnings: unknown[];
    original: unknown;
    report: Record<string, unknown>;
    decoder: unknown;
  };
  const withRecords = BSD.map((f) => classifyMessage(readBytes(f))).find((r) => r.records.length > 0);
  const good = () => structuredClone(withRecords) as unknown as Loose;

  it('accepts a real result with records', () => {
    expect(withRecords).toBeDefined();
    expect(resultProblems(good())).toEqual([]);
  });

  it.each([
    ['an unknown kind', (r: Loose) => (r.kind = 'bounced')],
    ['records on a not-bounce', (r: Loose) => (r.kind = 'not-bounce')],
    ['a bad reason', (r: Loose) => (r.records[0]!.reason = 'nope')],
    ['a bad category', (r: Loose) => (r.records[0]!.category = 'nope')],
    ['a status that is not a status code', (r: Loose) => (r.records[0]!.status = '9.9')],
    ['an upper-case recipient', (r: Loose) => (r.records[0]!.recipient = 'A@B.C')],
    ['a non-boolean hard flag', (r: Loose) => (r.records[0]!.hard = 'yes')],
    ['a non-string warning', (r: Loose) => r.warnings.push(1)],
    ['the catch-all warning', (r: Loose) => r.warnings.push(INTERNAL_ERROR_WARNING)],
    ['a missing original', (r: Loose) => (r.original = null)],
    ['a Date instead of a string', (r: Loose) => (r.report.date = new Date(0))],
    ['an undefined field', (r: Loose) => (r.decoder = undefined)],
  ])('rejects %s', (_name, breakIt) => {
    const r = good();
    breakIt(r);
    expect(resultProblems(r).length).toBeGreaterThan(0);
  });
});

describe('classifyMessage on random input', () => {
  it('has a corpus to cut up', () => {
    expect(BSD.length).toBeGreaterThan(100);
  });

  it('accepts any bytes (Uint8Array)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 4096 }), (bytes) => check(bytes)),
      { numRuns: RUNS },
    );
  });

  it('accepts any bytes (ArrayBuffer)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2048 }), (bytes) => check(bytes.slice().buffer)),
      { numRuns: RUNS },
    );
  });

  it('accepts any string, including astral characters and lone surrogates', () => {
    const anyUnit = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 500 }),
      fc.string({ unit: 'grapheme', maxLength: 500 }),
      fc.string({
        unit: fc.constantFrom('\ud800', '\udfff', '\u0000', '\r', '\n', ':', ' ', '=', '?', 'é', '😀'),
        maxLength: 500,
      }),
    );
    fc.assert(
      fc.property(anyUnit, (s) => check(s)),
      { numRuns: RUNS },
    );
  });

  it('accepts mail-shaped garbage (headers, boundaries, DSN fields, encoded words)', () => {
    fc.assert(
      fc.property(mailLike, (s) => check(s)),
      { numRuns: RUNS * 3 },
    );
  });

  it('accepts mail-shaped garbage as UTF-8 bytes', () => {
    const enc = new TextEncoder();
    fc.assert(
      fc.property(mailLike, (s) => check(enc.encode(s))),
      { numRuns: RUNS },
    );
  });

  it('leaves the bytes it was given untouched', () => {
    fc.assert(
      fc.property(corpusFile, fc.uint8Array({ maxLength: 512 }), (file, noise) => {
        const bytes = new Uint8Array([...corpus(file), ...noise]);
        const copy = bytes.slice();
        classifyMessage(bytes);
        classifyMailbox(bytes);
        expect(bytes).toEqual(copy);
      }),
      { numRuns: Math.ceil(RUNS / 3) },
    );
  });

  it('gives the same answer twice for the same input', () => {
    fc.assert(
      fc.property(mailLike, (s) => {
        expect(classifyMessage(s)).toEqual(classifyMessage(s));
      }),
      { numRuns: RUNS },
    );
  });
});

describe('classifyMessage on damaged corpus messages', () => {
  it('reads every prefix: messages cut at random points', () => {
    fc.assert(
      fc.property(corpusFile, fc.double({ min: 0, max: 1, noNaN: true }), (file, at) => {
        const bytes = corpus(file);
        check(bytes.subarray(0, Math.floor(bytes.length * at)));
      }),
      { numRuns: RUNS * 2 },
    );
  });

  it('reads prefixes of the CRLF form cut between CR and LF', () => {
    fc.assert(
      fc.property(corpusFile, fc.double({ min: 0, max: 1, noNaN: true }), (file, at) => {
        const crlf = bytesToBinary(corpus(file)).replace(/\n/g, '\r\n');
        let cut = Math.floor(crlf.length * at);
        const cr = crlf.indexOf('\r', cut);
        if (cr !== -1) cut = cr + 1;
        check(crlf.slice(0, cut));
      }),
      { numRuns: RUNS },
    );
  });

  it('reads messages with random bytes overwritten', () => {
    fc.assert(
      fc.property(
        corpusFile,
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 30 }),
        (file, edits) => {
          const bytes = corpus(file).slice();
          for (const [pos, value] of edits) bytes[pos % bytes.length] = value;
          check(bytes);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('reads messages with parser tokens spliced in at random places', () => {
    const tokens = fc.constantFrom(
      '\n\n',
      '\n--',
      '--b--\n',
      '\nContent-Type: multipart/mixed; boundary="',
      '\nContent-Type: message/rfc822\n\n',
      '\nContent-Transfer-Encoding: base64\n',
      '=?',
      '?=',
      '<',
      '>',
      '@',
      '"',
      '\r',
      '\u0000',
      '\nStatus: ',
      '\nFinal-Recipient: rfc822;',
    );
    fc.assert(
      fc.property(
        corpusFile,
        fc.array(fc.tuple(fc.nat(), tokens), { minLength: 1, maxLength: 10 }),
        (file, inserts) => {
          let s = bytesToBinary(corpus(file));
          for (const [pos, tok] of inserts) {
            const at = pos % (s.length + 1);
            s = s.slice(0, at) + tok + s.slice(at);
          }
          check(s);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('reads two corpus messages glued together without a separator', () => {
    fc.assert(
      fc.property(corpusFile, corpusFile, (a, b) => {
        check(bytesToBinary(corpus(a)) + bytesToBinary(corpus(b)));
      }),
      { numRuns: Math.ceil(RUNS / 3) },
    );
  });
});

describe('classifyMessage on deep and unterminated structures', () => {
  it('reads random nestings of multipart, message/rfc822 and DSN parts', () => {
    fc.assert(
      fc.property(fc.array(layer, { maxLength: 60 }), (layers) => check(nestMessage(layers))),
      {
        numRuns: RUNS,
      },
    );
  });

  const deep = (type: Layer['type'], close: boolean, n: number): Layer[] =>
    Array.from({ length: n }, (_, i) => ({ type, boundary: `b${i}`, close, encoding: '7bit' }));

  it.each([
    ['multipart/mixed', true],
    ['multipart/mixed', false],
    ['multipart/report', false],
    ['message/rfc822', true],
    ['text/rfc822-headers', true],
  ] as const)('survives 5000 levels of %s (closed: %s)', (type, close) => {
    check(nestMessage(deep(type, close, 5000)));
  });

  it('survives 5000 levels that all reuse one boundary', () => {
    check(
      nestMessage(
        Array.from({ length: 5000 }, () => ({
          type: 'multipart/mixed',
          boundary: 'same',
          close: false,
          encoding: '7bit',
        })),
      ),
    );
  });

  it.each(BOUNDARIES)('survives an unterminated multipart with boundary %j', (b) => {
    check(
      `From: MAILER-DAEMON@example.net\nContent-Type: multipart/report; report-type=delivery-status; boundary="${b}"\n\n` +
        `--${b}\nContent-Type: text/plain\n\nDelivery failed\n--${b}\nContent-Type: message/delivery-status\n\n` +
        'Final-Recipient: rfc822; x@example.org\nAction: failed\nStatus: 5.1.1\n',
    );
  });

  it('survives a boundary parameter that never ends its quote, or is empty', () => {
    check('Content-Type: multipart/mixed; boundary="abc\n\n--abc\nx\n');
    check('Content-Type: multipart/mixed; boundary=\n\n--\nx\n----\n');
    check('Content-Type: multipart/mixed; boundary\n\n--\n');
    check('Content-Type: multipart/mixed; boundary=""""\n\n--""\n');
  });

  it.each(CHARSETS)('survives charset %j in headers and bodies', (cs) => {
    check(
      `From: =?${cs}?B?w6k=?= <a@example.com>\nSubject: =?${cs}?Q?caf=C3=A9?=\nContent-Type: text/plain; charset=${cs}\n\n` +
        'caf\xc3\xa9 \xff\xfe \x1b$B\x1b(B\n',
    );
  });

  it.each(ENCODINGS)('survives transfer encoding %j with broken content', (enc) => {
    check(
      `From: MAILER-DAEMON@example.net\nContent-Type: message/delivery-status\nContent-Transfer-Encoding: ${enc}\n\n` +
        '!!!not base64===\n=ZZ=\n=\nbegin 644 x\nStatus: 5.1.1\n',
    );
  });

  it('survives a 5 MB header line and 200 000 headers', () => {
    check(`From: a@example.com\nSubject: ${'s'.repeat(FIVE_MB)}\n\nbody\n`);
    check(`${'X-Header: value\n'.repeat(200_000)}\nbody\n`);
    check(`Received: from a\n${'\tby b\n'.repeat(200_000)}\nbody\n`);
  });
});

describe('classifyMessage on long runs in headers', () => {
  // Runs of characters that an address may contain but not end with make backtracking regexes
  // blow up; header values are where the engine looks for addresses.
  const runUnits = ['@', '@.', '-@', '.', '<', '"', 'a', '=?', '5', ' @'];
  const names = [
    'From',
    'To',
    'Cc',
    'Reply-To',
    'Return-Path',
    'X-Failed-Recipients',
    'Subject',
    'Received',
    'Message-ID',
  ];
  it('reads headers holding runs of 1000-4000 address-like characters', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...names),
        fc.constantFrom(...runUnits),
        fc.integer({ min: 1000, max: 4000 }),
        fc.boolean(),
        (name, unit, n, nested) => {
          const value = unit.repeat(Math.ceil(n / unit.length));
          const head = `${name}: ${value}\nSubject: Undelivered\n`;
          check(
            nested
              ? `From: MAILER-DAEMON@example.net\nContent-Type: multipart/report; boundary="b"\n\n--b\n` +
                  `Content-Type: text/plain\n\nfailed\n--b\nContent-Type: message/rfc822\n\n${head}\nhi\n--b--\n`
              : `${head}\nbody\n`,
          );
        },
      ),
      { numRuns: Math.ceil(RUNS / 3) },
    );
  });
});

describe('classifyMailbox on random input', () => {
  it('returns one sound result per message for anything', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(mailLike, fc.constant('From a@b Mon Jan  1 00:00:00 2024')), { maxLength: 6 }),
        (parts) => checkMailbox(parts.join('\n')),
      ),
      { numRuns: RUNS },
    );
  });

  it('returns sound results for random bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2048 }), (b) => checkMailbox(b)),
      { numRuns: RUNS },
    );
  });
});

describe('classifyVisible on random input', () => {
  const maybe = fc.option(fc.string({ unit: 'binary', maxLength: 80 }));
  it('returns a sound result for any sender, subject and text', () => {
    fc.assert(
      fc.property(
        maybe,
        maybe,
        maybe,
        fc.oneof(fc.string({ unit: 'binary', maxLength: 2000 }), mailLike),
        (fromAddress, fromName, subject, text) => {
          expect(resultProblems(classifyVisible({ fromAddress, fromName, subject, text }))).toEqual([]);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('returns a sound result when fields are missing (undefined or null)', () => {
    for (const v of [undefined, null]) {
      const msg = { fromAddress: v, fromName: v, subject: v, text: v } as unknown as VisibleMessage;
      expect(resultProblems(classifyVisible(msg))).toEqual([]);
    }
  });

  it('returns a sound result for values of the wrong type (as a broken page scrape might hand over)', () => {
    for (const v of [42, {}, [], true, Symbol('s')] as unknown[]) {
      const msg = { fromAddress: v, fromName: v, subject: v, text: v } as unknown as VisibleMessage;
      expect(resultProblems(classifyVisible(msg))).toEqual([]);
    }
  });
});

describe('hostile inputs of about 5 MB complete and return a sound result', () => {
  it.each(HOSTILE_SHAPES.map((s) => [s.name, s] as const))('classifyMessage: %s', (_name, shape) => {
    check(shape.build(FIVE_MB));
  });

  it.each(
    HOSTILE_SHAPES.filter((s) =>
      ['mbox-from-lines', 'address-lines', 'repeated-boundaries', 'cr-only'].includes(s.name),
    ).map((s) => [s.name, s] as const),
  )('classifyMailbox: %s', (_name, shape) => {
    checkMailbox(shape.build(FIVE_MB));
  });

  it.each(
    HOSTILE_SHAPES.filter((s) =>
      ['giant-line', 'many-lt', 'address-lines', 'diagnostic-phrases', 'cr-only'].includes(s.name),
    ).map((s) => [s.name, s] as const),
  )('classifyVisible: %s', (_name, shape) => {
    const text = shape.build(FIVE_MB);
    expect(
      resultProblems(
        classifyVisible({ fromAddress: 'mailer-daemon@example.net', subject: 'Undelivered', text }),
      ),
    ).toEqual([]);
  });

  it.each(['fromAddress', 'fromName', 'subject'] as const)('classifyVisible: 5 MB of @ in %s', (field) => {
    const msg: VisibleMessage = {
      fromAddress: 'mailer-daemon@example.net',
      subject: 'Undelivered',
      text: 'failed',
    };
    msg[field] = '@'.repeat(FIVE_MB);
    expect(resultProblems(classifyVisible(msg))).toEqual([]);
  });

  it('classifyMessage: 5 MB as bytes, not a string', () => {
    const shape = HOSTILE_SHAPES.find((s) => s.name === 'eight-bit')!;
    const s = shape.build(FIVE_MB);
    const bytes = new Uint8Array(s.length);
    for (let i = 0; i < s.length; i++) bytes[i] = s.charCodeAt(i) & 0xff;
    check(bytes);
  });
});
