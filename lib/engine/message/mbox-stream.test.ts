import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  BOUNCE_TEXT_WORDS,
  MboxReader,
  addressesIn,
  mayBeReport,
  readMailbox,
  sentFacts,
  takeoutIds,
  takeoutLabels,
  utcDay,
  type MboxEntry,
  type MboxOptions,
} from './mbox-stream';
import { splitMailbox } from './mbox';
import { normaliseNewlines } from './text';
import { parseHeaders } from './mime';
import { BOUNCE_TEXT } from '../report/kind';
import { classifyMailbox, classifyMessage } from '../pipeline';
import { RUNS } from '../../../tests/unit/support/fuzz';
import { CORPUS_DIR, bytesToBinary, corpusFiles } from '../../../tests/unit/support/engine-check';

const enc = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0) & 0xff);

/** Push `bytes` cut at the given offsets; every entry, in order. */
function read(bytes: Uint8Array, cuts: number[] = [], options: Partial<MboxOptions> = {}): MboxEntry[] {
  const reader = new MboxReader(options);
  const out: MboxEntry[] = [];
  let at = 0;
  for (const cut of [...cuts].sort((a, b) => a - b)) {
    out.push(...reader.push(bytes.subarray(at, cut)));
    at = cut;
  }
  out.push(...reader.push(bytes.subarray(at)));
  out.push(...reader.end());
  return out;
}

/** An entry as plain data, for comparing runs. */
const plain = (e: MboxEntry) => ({
  index: e.index,
  offset: e.offset,
  bytes: e.bytes,
  candidate: e.candidate,
  raw: e.raw,
  truncated: e.truncated,
  headers: e.headers.fields.map((f) => `${f.name}: ${f.value}`),
});

const ENVELOPE = 'From MAILER-DAEMON Thu Sep 18 17:54:04 2008';

describe('splitting', () => {
  it('splits at envelope lines, removes mboxrd quoting and counts every byte', () => {
    const file = [
      ENVELOPE,
      'From: Mail Delivery Subsystem <MAILER-DAEMON@example.org>',
      'Subject: Undelivered Mail Returned to Sender',
      '',
      '>From the start of a line',
      '>>From twice quoted',
      'From me, not an envelope line',
      '',
      'From someone@example.org Mon Jan  1 00:00:00 +0000 2024',
      'From: a friend <friend@example.org>',
      'Subject: lunch',
      '',
      'see you',
      '',
    ].join('\n');
    const entries = read(enc(file), [], { gate: false });
    expect(entries.map((e) => e.index)).toEqual([0, 1]);
    expect(entries[0]!.offset).toBe(0);
    expect(entries[1]!.offset).toBe(file.indexOf('From someone'));
    expect(entries[0]!.bytes + entries[1]!.bytes).toBe(file.length);
    expect(entries[0]!.raw).toContain('\nFrom the start of a line\n>From twice quoted\nFrom me, not');
    expect(entries.map((e) => e.raw)).toEqual(splitMailbox(file));
  });

  it('reads CRLF and CR-only mailboxes like LF ones', () => {
    const lf = [ENVELOPE, 'Subject: one', '', 'body', ENVELOPE, 'Subject: two', '', 'body', ''].join('\n');
    const want = read(enc(lf), [], { gate: false }).map((e) => e.raw);
    for (const eol of ['\r\n', '\r']) {
      const other = read(enc(lf.replace(/\n/g, eol)), [], { gate: false });
      expect(other.map((e) => normaliseNewlines(e.raw!))).toEqual(want);
      expect(other.map((e) => e.headers.get('subject'))).toEqual(['one', 'two']);
    }
  });

  it('takes a file without an envelope line as one message', () => {
    const eml = 'From: someone@example.org\nSubject: hello\n\nFrom here on, text.\n';
    const entries = read(enc(eml), [3, 5], { gate: false });
    expect(entries).toHaveLength(1);
    expect(entries[0]!.raw).toBe(eml);
    // Like the whole-file splitter: an empty file is one empty message.
    expect(read(new Uint8Array(0)).map((e) => e.bytes)).toEqual([0]);
    expect(read(enc('Fro')).map((e) => e.bytes)).toEqual([3]);
  });

  it('an envelope line at the very end, without a newline, opens an empty message', () => {
    const file = `${ENVELOPE}\nSubject: a\n\nx\n${ENVELOPE}`;
    const entries = read(enc(file), [], { gate: false });
    expect(entries.map((e) => e.raw)).toEqual(splitMailbox(file));
  });
});

describe('limits', () => {
  it('keeps at most maxMessageBytes of a candidate and reads on to the next message', () => {
    const big = `${ENVELOPE}\nFrom: MAILER-DAEMON@example.org\nSubject: failure notice\n\n${'x'.repeat(5000)}\n`;
    const file = enc(big + `${ENVELOPE}\nSubject: next\n\nhi\n`);
    const entries = read(file, [100, 2000, 4000], { maxMessageBytes: 1000 });
    expect(entries).toHaveLength(2);
    expect(entries[0]!.candidate).toBe(true);
    expect(entries[0]!.truncated).toBe(true);
    expect(entries[0]!.raw!.length).toBe(1000);
    expect(entries[0]!.bytes).toBe(big.length);
    expect(entries[1]!.headers.get('subject')).toBe('next');
  });

  it('a file without boundaries or a blank line is read in bounded memory', () => {
    const reader = new MboxReader({ maxHeaderBytes: 1024, peekBytes: 512 });
    reader.push(enc('From: someone@example.org\n'));
    const line = enc('X-Filler: ' + 'y'.repeat(100) + '\n');
    for (let i = 0; i < 20_000; i++) expect(reader.push(line)).toEqual([]);
    const [only, ...rest] = reader.end();
    expect(rest).toEqual([]);
    expect(only!.bytes).toBe(line.length * 20_000 + 26);
    expect(only!.candidate).toBe(false);
    expect(only!.headers.all('x-filler').length).toBeLessThanOrEqual(10);
  });
});

// Mailboxes made of lines that matter to the splitter and the gate.
const HEADER_LINES = [
  'From: Mail Delivery Subsystem <MAILER-DAEMON@example.org>',
  'From: a friend <friend@example.org>',
  'From: <>',
  'Subject: Undelivered Mail Returned to Sender',
  'Subject: lunch?',
  'Subject: Re: lunch?',
  'To: you@example.org, "x@y.org" <them@example.org>',
  'X-Gmail-Labels: Sent,Opened',
  'X-Gmail-Labels: Inbox,Important',
  'X-GM-THRID: 1234567890123456789',
  'Content-Type: multipart/report; report-type=delivery-status; boundary=b',
  'Auto-Submitted: auto-replied',
  ' folded continuation',
  'X-Failed-Recipients: gone@example.net',
];
const BODY_LINES = [
  'hello',
  '',
  'From me to you',
  '>From quoted',
  '>>From twice',
  'From x@y Mon Jan 1 00:00:00 2024',
  'Final-Recipient: rfc822; gone@example.net',
  'Status: 5.1.1',
  'Action: failed',
  '--b',
  'Content-Type: message/delivery-status',
  'The message could not be delivered to gone@example.net',
  'F',
  'Fro',
  'x'.repeat(120),
];
const message = fc
  .tuple(
    fc.array(fc.constantFrom(...HEADER_LINES), { maxLength: 6 }),
    fc.array(fc.constantFrom(...BODY_LINES), { maxLength: 10 }),
  )
  .map(([h, b]) => [...h, '', ...b]);
const mailbox = fc
  .record({
    envelope: fc.boolean(),
    messages: fc.array(message, { minLength: 1, maxLength: 5 }),
    eol: fc.constantFrom('\n', '\r\n', '\r'),
    trailingEol: fc.boolean(),
  })
  .map(({ envelope, messages, eol, trailingEol }) => {
    const lines = envelope
      ? messages.flatMap((m, i) => [`From sender${i}@example.org Mon Jan  1 00:00:0${i} 2024`, ...m])
      : messages[0]!;
    return lines.join(eol) + (trailingEol ? eol : '');
  });
const cutsOf = (s: string) => fc.uniqueArray(fc.integer({ min: 0, max: s.length }), { maxLength: 12 });
const SMALL_LIMITS = { maxHeaderBytes: 80, peekBytes: 40, maxMessageBytes: 150 };

describe('properties', () => {
  it('chunk borders anywhere do not change a single entry', () => {
    fc.assert(
      fc.property(
        mailbox.chain((s) => fc.tuple(fc.constant(s), cutsOf(s), fc.constantFrom({}, SMALL_LIMITS))),
        ([s, cuts, limits]) => {
          const bytes = enc(s);
          expect(read(bytes, cuts, limits).map(plain)).toEqual(read(bytes, [], limits).map(plain));
        },
      ),
      { numRuns: RUNS * 4 },
    );
  });

  it('without the gate, messages are exactly those of the whole-file splitter', () => {
    fc.assert(
      fc.property(
        mailbox.chain((s) => fc.tuple(fc.constant(s), cutsOf(s))),
        ([s, cuts]) => {
          const entries = read(enc(s), cuts, { gate: false });
          expect(entries.map((e) => normaliseNewlines(e.raw!))).toEqual(splitMailbox(normaliseNewlines(s)));
          expect(entries.reduce((n, e) => n + e.bytes, 0)).toBe(s.length - leadingBytes(s));
        },
      ),
      { numRuns: RUNS * 2 },
    );
  });

  it('the headers the reader read give the engine the result it finds alone', () => {
    fc.assert(
      fc.property(
        mailbox.chain((s) => fc.tuple(fc.constant(s), cutsOf(s), fc.constantFrom({}, SMALL_LIMITS))),
        ([s, cuts, limits]) => {
          for (const e of read(enc(s), cuts, limits))
            if (e.candidate) expect(classifyMessage(e.raw!, e)).toEqual(classifyMessage(e.raw!));
        },
      ),
      { numRuns: RUNS * 2 },
    );
  });

  it('headers read from another text are not used', () => {
    const raw = 'From: MAILER-DAEMON@example.org\nSubject: Undelivered Mail\n\nbody\n';
    const other = 'From: someone@example.com\nSubject: hello\n';
    const r = classifyMessage(raw, { headText: other, headers: parseHeaders(other) });
    expect(r).toEqual(classifyMessage(raw));
    expect(r.report.from).toBe('MAILER-DAEMON@example.org');
  });

  it('the gate lets through every message the engine calls a report', () => {
    fc.assert(
      fc.property(
        mailbox.chain((s) => fc.tuple(fc.constant(s), cutsOf(s))),
        ([s, cuts]) => {
          for (const e of read(enc(s), cuts)) {
            if (e.candidate || takeoutLabels(e.headers).includes('Sent')) continue;
            const whole = read(enc(s), [], { gate: false })[e.index]!;
            expect(classifyMessage(whole.raw!).kind).toBe('not-bounce');
          }
        },
      ),
      { numRuns: RUNS * 2 },
    );
  });
});

/** Bytes before the first envelope line belong to no message (the generator makes none). */
const leadingBytes = (_s: string) => 0;

describe('the gate on the corpus', () => {
  const files = (['bsd', 'dos', 'mac', 'not'] as const).flatMap((d) => corpusFiles(d));

  it('the corpus is there', () => {
    expect(files.length).toBeGreaterThan(500);
  });

  it('lets through every corpus message the engine reads as a report, with the same result', () => {
    const missed: string[] = [];
    for (const file of files) {
      const bytes = new Uint8Array(readFileSync(file));
      // (A file that starts with an envelope line is a mailbox to the whole-file reader too.)
      const want = classifyMailbox(bytes);
      const entries = read(bytes);
      expect(entries).toHaveLength(want.length);
      for (const e of entries) {
        if (e.candidate) {
          expect(classifyMessage(e.raw!)).toEqual(want[e.index]);
          // The command line hands over the headers the gate read: the same result.
          expect(classifyMessage(e.raw!, e)).toEqual(want[e.index]);
        } else if (want[e.index]!.kind !== 'not-bounce') missed.push(`${file} #${e.index}`);
      }
    }
    expect(missed).toEqual([]);
  });

  it('reads the corpus mbox like the whole-file reader', () => {
    const bytes = new Uint8Array(readFileSync(join(CORPUS_DIR, 'mailbox', 'mbox-0')));
    const want = classifyMailbox(bytes);
    const entries = read(bytes, [1000, 5000, 5001, 20000]);
    expect(entries).toHaveLength(want.length);
    for (const e of entries) {
      if (e.candidate) {
        expect(classifyMessage(e.raw!)).toEqual(want[e.index]);
        expect(classifyMessage(e.raw!, e)).toEqual(want[e.index]);
      } else expect(want[e.index]!.kind).toBe('not-bounce');
    }
  });

  it('mayBeReport agrees with the reader', () => {
    const file = files.find((f) => f.endsWith('/not/' + 'not-01.eml')) ?? files[files.length - 1]!;
    const s = bytesToBinary(new Uint8Array(readFileSync(file)));
    const cut = s.indexOf('\n\n');
    expect(mayBeReport(s.slice(0, cut + 1), s.slice(cut + 2, cut + 2 + 16384))).toBe(
      read(enc(s))[0]!.candidate,
    );
  });
});

describe('the word lists of the gate', () => {
  it('every wording of the bounce text of the engine holds one of the words the gate looks for first', () => {
    // The expression is \b(?:a|b|…)\b: split its group at the top-level bars.
    const src = BOUNCE_TEXT.source.replace(/^\\b\(\?:/, '').replace(/\)\\b$/, '');
    const alternatives: string[] = [];
    let depth = 0;
    let cur = '';
    for (const c of src) {
      if (c === '(') depth++;
      if (c === ')') depth--;
      if (c === '|' && depth === 0) {
        alternatives.push(cur);
        cur = '';
      } else cur += c;
    }
    alternatives.push(cur);
    expect(alternatives.length).toBeGreaterThan(5);
    for (const a of alternatives)
      expect(
        BOUNCE_TEXT_WORDS.some((w) => a.includes(w)),
        a,
      ).toBe(true);
  });
});

describe('Takeout fields', () => {
  const head = (s: string) => parseHeaders(s.replace(/\n$/, ''));

  it('reads labels, with quoted labels holding commas', () => {
    expect(takeoutLabels(head('X-Gmail-Labels: Inbox,Sent,"Clients, 2024",Opened\n'))).toEqual([
      'Inbox',
      'Sent',
      'Clients, 2024',
      'Opened',
    ]);
    expect(takeoutLabels(head('Subject: x\n'))).toEqual([]);
  });

  it('reads the thread id and Message-ID', () => {
    expect(takeoutIds(head('X-GM-THRID: 1790000000000000001\nMessage-ID: <a@b>\n'))).toEqual({
      threadId: '1790000000000000001',
      messageId: '<a@b>',
    });
    expect(takeoutIds(head('X-GM-THRID: not a number\n'))).toEqual({ threadId: null, messageId: null });
  });

  it('counts the distinct recipients of sent mail, per sender and UTC day', () => {
    const h = head(
      [
        'X-Gmail-Labels: Sent',
        'From: Me <Me@Example.org>',
        'To: "b@example.net" <a@example.net>, c@example.net',
        'Cc: A@example.net, (comment d@x.org) e@example.net',
        'Bcc: undisclosed-recipients:;',
        'Date: Tue, 31 Dec 2024 23:30:00 -0500 (EST)',
        '',
      ].join('\n'),
    );
    expect(sentFacts(h)).toEqual({ from: 'me@example.org', day: '2025-01-01', recipients: 3 });
    expect(sentFacts(head('X-Gmail-Labels: Inbox\nFrom: x@y.org\n'))).toBeNull();
  });

  it('reads addresses and dates defensively', () => {
    expect(addressesIn('')).toEqual([]);
    expect(addressesIn('a@b.org, A@B.org')).toEqual(['a@b.org']);
    expect(utcDay('not a date')).toBeNull();
    expect(utcDay(null)).toBeNull();
  });
});

describe('readMailbox', () => {
  it('reads an async stream of chunks', async () => {
    async function* chunks() {
      yield enc(`${ENVELOPE}\nFrom: a@example.org\nSubject: a\n\n`);
      yield enc(`x\n${ENVELOPE}\nFrom: MAILER-DAEMON@x.org\nSubject: failure notice\n\ny\n`);
    }
    const seen: MboxEntry[] = [];
    for await (const e of readMailbox(chunks())) seen.push(e);
    expect(seen.map((e) => [e.index, e.candidate])).toEqual([
      [0, false],
      [1, true],
    ]);
  });
});
