/**
 * Contract tests for the engine's public API (lib/engine/index.ts):
 * - ordinary mail is never a bounce, even when it talks about bounces;
 * - auto-replies are auto-replies, never failures;
 * - line endings (LF, CRLF, CR) and input types (string, bytes, ArrayBuffer) do not change a verdict;
 * - every corpus message gives a sound, JSON-safe result; mailboxes split consistently.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { classifyMailbox, classifyMessage, classifyVisible, type BounceResult } from '../../lib/engine';
import {
  bytesToBinary,
  CORPUS_DIR,
  corpusFiles,
  failedRecords,
  readBytes,
  resultProblems,
  summarize,
} from './support/engine-check';
import { mailLike } from './support/mail-arbitraries';
import { RUNS } from './support/fuzz';

const lf = (lines: string[]) => lines.join('\n') + '\n';

const NEWSLETTER = lf([
  'Return-Path: <bounces+123@mail.shop.example>',
  'From: Garden Shop <news@shop.example>',
  'To: reader@example.org',
  'Subject: Spring sale: 20% off seeds this week',
  'Date: Tue, 04 Mar 2025 09:00:00 +0000',
  'Message-ID: <news-2025-03@shop.example>',
  'List-Unsubscribe: <mailto:unsubscribe@shop.example?subject=unsubscribe>, <https://shop.example/u/abc>',
  'List-Unsubscribe-Post: List-Unsubscribe=One-Click',
  'Precedence: bulk',
  'MIME-Version: 1.0',
  'Content-Type: multipart/alternative; boundary="=_alt_42"',
  '',
  '--=_alt_42',
  'Content-Type: text/plain; charset=utf-8',
  'Content-Transfer-Encoding: quoted-printable',
  '',
  'Hello gardener,',
  '',
  'All seed packets are 20% off until Sunday. Tomatoes, beans and sunflowers =',
  'are back in stock.',
  '',
  'You receive this because you subscribed at shop.example. Unsubscribe: https://shop.example/u/abc',
  '--=_alt_42',
  'Content-Type: text/html; charset=utf-8',
  '',
  '<html><body><h1>Spring sale</h1><p>All seed packets are <b>20% off</b> until Sunday.</p>',
  '<p><a href="https://shop.example/u/abc">Unsubscribe</a></p></body></html>',
  '--=_alt_42--',
]);

const PERSONAL = lf([
  'From: Ana Lima <ana@example.org>',
  'To: Ben Okafor <ben@example.net>',
  'Subject: Dinner on Friday?',
  'Date: Wed, 05 Mar 2025 18:12:00 +0100',
  'Message-ID: <a1b2c3@example.org>',
  'MIME-Version: 1.0',
  'Content-Type: text/plain; charset=utf-8',
  'Content-Transfer-Encoding: 8bit',
  '',
  'Hi Ben,',
  '',
  'Are you free for dinner on Friday? The new place near the station has a table at 8.',
  '',
  'Ana',
]);

const CALENDAR_INVITE = lf([
  'From: Carla Diaz <carla@example.com>',
  'To: team@example.com',
  'Subject: Invitation: Quarterly planning @ Thu 6 Mar 2025 10:00 - 11:00 (UTC)',
  'Date: Mon, 03 Mar 2025 12:00:00 +0000',
  'Message-ID: <invite-889@example.com>',
  'MIME-Version: 1.0',
  'Content-Type: multipart/mixed; boundary="cal-mixed"',
  '',
  '--cal-mixed',
  'Content-Type: multipart/alternative; boundary="cal-alt"',
  '',
  '--cal-alt',
  'Content-Type: text/plain; charset=UTF-8',
  '',
  'You have been invited to Quarterly planning.',
  'When: Thursday 6 March 2025, 10:00 - 11:00 UTC',
  'Going? Yes - Maybe - No',
  '--cal-alt',
  'Content-Type: text/calendar; charset=UTF-8; method=REQUEST',
  '',
  'BEGIN:VCALENDAR',
  'PRODID:-//Example Corp//Calendar 1.0//EN',
  'VERSION:2.0',
  'METHOD:REQUEST',
  'BEGIN:VEVENT',
  'DTSTART:20250306T100000Z',
  'DTEND:20250306T110000Z',
  'UID:planning-q2@example.com',
  'ORGANIZER;CN=Carla Diaz:mailto:carla@example.com',
  'ATTENDEE;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:team@example.com',
  'SUMMARY:Quarterly planning',
  'STATUS:CONFIRMED',
  'END:VEVENT',
  'END:VCALENDAR',
  '--cal-alt--',
  '--cal-mixed',
  'Content-Type: application/ics; name="invite.ics"',
  'Content-Disposition: attachment; filename="invite.ics"',
  'Content-Transfer-Encoding: base64',
  '',
  'QkVHSU46VkNBTEVOREFSDQpFTkQ6VkNBTEVOREFSDQo=',
  '--cal-mixed--',
]);

// A person writing about a bounce: the words, the codes and the address are there, but nothing
// bounced here.
const CONVERSATION_ABOUT_BOUNCE = lf([
  'From: Dev Patel <dev@example.com>',
  'To: Support <support@example.net>',
  'Subject: Re: undeliverable mail to our new customer',
  'Date: Thu, 06 Mar 2025 14:03:00 +0000',
  'Message-ID: <reply-77@example.com>',
  'In-Reply-To: <ticket-12@example.net>',
  'References: <ticket-12@example.net>',
  'MIME-Version: 1.0',
  'Content-Type: text/plain; charset=us-ascii',
  '',
  'Hi,',
  '',
  'Thanks. I checked again: the notice said the message was undeliverable with',
  '"550 5.1.1 user unknown" for frank@customer.example, so I think they gave us a typo.',
  'I will call them and ask for the right address. No need to change anything on your side.',
  '',
  'Dev',
  '',
  'On Wed, 05 Mar 2025, Support <support@example.net> wrote:',
  '> If the bounce says 550 5.1.1, the receiving server does not know the mailbox.',
  '> A 4.x.x code would mean a temporary problem; those are retried.',
  '> Final-Recipient and Status lines in the report tell you which address failed.',
]);

const FORWARDED = lf([
  'From: Ben Okafor <ben@example.net>',
  'To: Carla Diaz <carla@example.com>',
  'Subject: Fwd: Dinner on Friday?',
  'Date: Thu, 06 Mar 2025 09:00:00 +0000',
  'MIME-Version: 1.0',
  'Content-Type: multipart/mixed; boundary="fwd"',
  '',
  '--fwd',
  'Content-Type: text/plain; charset=utf-8',
  '',
  'Are you coming too?',
  '--fwd',
  'Content-Type: message/rfc822',
  'Content-Disposition: attachment; filename="dinner.eml"',
  '',
  ...PERSONAL.trimEnd().split('\n'),
  '--fwd--',
]);

// RFC 3834 "auto-generated" marks notifications, not replies: no out-of-office card for these.
const PASSWORD_NOTICE = lf([
  'From: Example Accounts <no-reply@accounts.example>',
  'To: ana@example.org',
  'Subject: Your password was changed',
  'Date: Thu, 06 Mar 2025 10:00:00 +0000',
  'Auto-Submitted: auto-generated',
  'MIME-Version: 1.0',
  'Content-Type: text/plain; charset=utf-8',
  '',
  'The password of your account was changed on 6 March 2025 at 10:00 UTC.',
  'If this was not you, reset it at https://accounts.example/reset.',
]);

const OUT_OF_OFFICE = lf([
  'From: Ben Okafor <ben@example.net>',
  'To: Ana Lima <ana@example.org>',
  'Subject: Automatic reply: Dinner on Friday?',
  'Date: Wed, 05 Mar 2025 18:12:05 +0100',
  'Auto-Submitted: auto-replied',
  'X-Auto-Response-Suppress: All',
  'In-Reply-To: <a1b2c3@example.org>',
  'MIME-Version: 1.0',
  'Content-Type: text/plain; charset=utf-8',
  '',
  'I am out of the office until 10 March with limited access to email.',
  'For anything urgent please contact Carla (carla@example.com).',
]);

const NOT_BOUNCES: [string, string][] = [
  ['a newsletter', NEWSLETTER],
  ['a personal mail', PERSONAL],
  ['a calendar invitation', CALENDAR_INVITE],
  ['a conversation quoting "undeliverable" and "550 5.1.1"', CONVERSATION_ABOUT_BOUNCE],
  ['a forwarded message attached as message/rfc822', FORWARDED],
  ['an automatic notification (Auto-Submitted: auto-generated)', PASSWORD_NOTICE],
  ['a message with headers only', 'From: a@example.com\nTo: b@example.com\nSubject: hello\n'],
  ['an empty input', ''],
  ['blank lines only', '\n\n\n'],
];

function expectNotBounce(r: BounceResult): void {
  expect(resultProblems(r)).toEqual([]);
  expect(r.kind, summarize(r)).toBe('not-bounce');
  expect(r.records).toEqual([]);
}

// Some corpus files already hold CRLF pairs (a part copied from a DOS system), so convert from
// the LF form the engine itself would see rather than doubling those CRs.
const toLf = (s: string) => s.replace(/\r\n?/g, '\n');
const toCrlf = (s: string) => toLf(s).replace(/\n/g, '\r\n');
const toCr = (s: string) => toLf(s).replace(/\n/g, '\r');

/** The verdict fields that must not depend on how the message was stored. */
function verdict(r: BounceResult) {
  return { kind: r.kind, records: r.records, original: r.original, report: r.report, decoder: r.decoder };
}

describe('ordinary mail is not a bounce', () => {
  it.each(NOT_BOUNCES)('%s', (_name, raw) => {
    expectNotBounce(classifyMessage(raw));
  });

  it.each(NOT_BOUNCES)('%s, with CRLF line ends and as bytes', (_name, raw) => {
    expectNotBounce(classifyMessage(new TextEncoder().encode(toCrlf(raw))));
  });

  it.each(NOT_BOUNCES)('%s, read as a mailbox', (_name, raw) => {
    const results = classifyMailbox(raw);
    expect(results).toHaveLength(1);
    expectNotBounce(results[0]!);
  });

  it('a conversation about a bounce, as Gmail shows it, is not a bounce', () => {
    const body = CONVERSATION_ABOUT_BOUNCE.split('\n\n').slice(1).join('\n\n');
    expectNotBounce(
      classifyVisible({
        fromAddress: 'dev@example.com',
        fromName: 'Dev Patel',
        subject: 'Re: mail to our new customer',
        text: body,
      }),
    );
  });

  it('a personal mail, as Gmail shows it, is not a bounce', () => {
    expectNotBounce(
      classifyVisible({
        fromAddress: 'ana@example.org',
        fromName: 'Ana Lima',
        subject: 'Dinner on Friday?',
        text: 'Hi Ben,\n\nAre you free for dinner on Friday?\n\nAna',
      }),
    );
  });

  const NOT_DIR = corpusFiles('not');
  it('the corpus has non-bounce samples', () => {
    expect(NOT_DIR.length).toBeGreaterThan(0);
  });
  it.each(NOT_DIR.map((f) => [f.split('/').pop()!, f]))('corpus %s', (_name, file) => {
    const r = classifyMessage(readBytes(file));
    expect(resultProblems(r)).toEqual([]);
    expect(['not-bounce', 'auto-reply'], summarize(r)).toContain(r.kind);
    expect(failedRecords(r)).toEqual([]);
  });
});

describe('recipients named in free text are read whole', () => {
  // Bounces without a delivery-status part name the address in prose; local parts that contain
  // common words ("an" in frank, anna, daniel) must not be cut at that word.
  const bounce = (line: string) =>
    `From: MAILER-DAEMON@mx.example.net\nTo: dev@example.com\nSubject: Undeliverable: hello\n\n${line}\n`;
  const names = ['frank', 'jane', 'daniel', 'anna', 'mandy', 'alice', 'bob', 'hannah.b'];
  it.each(names)('%s@customer.example', (name) => {
    const address = `${name}@customer.example`;
    for (const line of [
      `550 5.1.1 <${address}> user unknown`,
      `Delivery failed for ${address}: 550 5.1.1 user unknown`,
    ]) {
      const r = classifyMessage(bounce(line));
      expect(resultProblems(r)).toEqual([]);
      expect(r.records.map((x) => x.recipient)).toEqual([address]);
    }
  });
});

describe('auto-replies are auto-replies, not failures', () => {
  it('an out-of-office reply', () => {
    const r = classifyMessage(OUT_OF_OFFICE);
    expect(resultProblems(r)).toEqual([]);
    expect(r.kind, summarize(r)).toBe('auto-reply');
    expect(failedRecords(r)).toEqual([]);
    for (const rec of r.records) expect(rec.hard).toBe(false);
  });

  const rfc3834 = corpusFiles('bsd').filter((f) => /\/rfc3834-\d+\.eml$/.test(f));
  it('the corpus has RFC 3834 samples', () => {
    expect(rfc3834.length).toBeGreaterThan(0);
  });
  it.each(rfc3834.map((f) => [f.split('/').pop()!, f]))(
    'corpus %s yields no failed record',
    (_name, file) => {
      const r = classifyMessage(readBytes(file));
      expect(resultProblems(r)).toEqual([]);
      expect(failedRecords(r), summarize(r)).toEqual([]);
    },
  );
});

// A spread of corpus files across sources: every 12th file, sorted by name.
const BSD = corpusFiles('bsd');
const SAMPLE = BSD.filter((_f, i) => i % 12 === 0);

describe('line endings and input types do not change the verdict', () => {
  it('samples enough files', () => {
    expect(SAMPLE.length).toBeGreaterThanOrEqual(40);
  });

  it.each(SAMPLE.map((f) => [f.split('/').pop()!, f]))('%s: LF = CRLF = CR', (_name, file) => {
    const original = bytesToBinary(readBytes(file));
    const base = classifyMessage(original);
    expect(resultProblems(base)).toEqual([]);
    const crlf = classifyMessage(toCrlf(original));
    const cr = classifyMessage(toCr(original));
    expect(verdict(crlf)).toEqual(verdict(base));
    expect(verdict(cr)).toEqual(verdict(base));
  });

  it.each(SAMPLE.map((f) => [f.split('/').pop()!, f]))(
    '%s: string = Uint8Array = ArrayBuffer',
    (_name, file) => {
      const bytes = readBytes(file);
      const fromBytes = classifyMessage(bytes);
      expect(verdict(classifyMessage(bytes.slice().buffer))).toEqual(verdict(fromBytes));
      expect(verdict(classifyMessage(bytesToBinary(bytes)))).toEqual(verdict(fromBytes));
      // A pure-ASCII file reads the same when handed over as ordinary text.
      if (!bytes.some((b) => b > 0x7f)) {
        expect(verdict(classifyMessage(readFileSync(file, 'utf8')))).toEqual(verdict(fromBytes));
      }
    },
  );

  // The Gmail adapter sometimes has the source as decoded text (the "show original" page), not bytes.
  it('8-bit messages read as UTF-8 text give the same verdicts as their bytes', () => {
    const eightBit = BSD.filter((f) => readBytes(f).some((b) => b > 0x7f));
    expect(eightBit.length).toBeGreaterThan(10);
    const gist = (r: BounceResult) => ({
      kind: r.kind,
      records: r.records.map((x) => [x.recipient, x.status, x.replyCode, x.reason, x.category, x.hard]),
    });
    for (const file of eightBit) {
      const bytes = readBytes(file);
      expect(gist(classifyMessage(new TextDecoder().decode(bytes))), file).toEqual(
        gist(classifyMessage(bytes)),
      );
    }
  });

  it('holds for mail-shaped random input too (LF = CRLF = CR; ASCII string = bytes)', () => {
    fc.assert(
      fc.property(mailLike, (raw) => {
        const text = toLf(raw);
        const base = verdict(classifyMessage(text));
        expect(verdict(classifyMessage(toCrlf(text)))).toEqual(base);
        expect(verdict(classifyMessage(toCr(text)))).toEqual(base);
        if (!/[\u0080-\uffff]/.test(text)) {
          expect(verdict(classifyMessage(new TextEncoder().encode(text)))).toEqual(base);
        }
      }),
      { numRuns: RUNS * 2 },
    );
  });

  // The corpus ships its own CRLF (dos/) and CR (mac/) copies of some files.
  const expected = JSON.parse(readFileSync(join(CORPUS_DIR, 'expected.json'), 'utf8')) as {
    file: string;
    line_ending_variants: string[];
  }[];
  const pairs = [
    ...new Map(
      expected.flatMap((row) => row.line_ending_variants.map((v) => [v, [row.file, v]] as const)),
    ).values(),
  ];
  it('finds the corpus line-ending copies', () => {
    expect(pairs.length).toBeGreaterThan(50);
  });
  it.each(pairs)('%s = %s', (lfFile, variant) => {
    const a = classifyMessage(readBytes(join(CORPUS_DIR, lfFile)));
    const b = classifyMessage(readBytes(join(CORPUS_DIR, variant)));
    expect(verdict(b)).toEqual(verdict(a));
  });
});

describe('every corpus message gives a sound result', () => {
  it('all of maildir/bsd', () => {
    const bad: string[] = [];
    for (const file of BSD) {
      for (const r of classifyMailbox(readBytes(file))) {
        const problems = resultProblems(r);
        if (problems.length) bad.push(`${file.split('/').pop()}: ${problems.join(', ')}`);
      }
    }
    expect(bad).toEqual([]);
  });
});

describe('mailboxes', () => {
  it('a single message reads the same through classifyMailbox and classifyMessage', () => {
    for (const file of SAMPLE) {
      const bytes = readBytes(file);
      if (bytesToBinary(bytes.subarray(0, 5)) === 'From ') continue; // an mbox file
      expect(classifyMailbox(bytes)).toEqual([classifyMessage(bytes)]);
    }
  });

  it('splits the corpus mbox into its 37 messages, with any line ending', () => {
    const mbox = bytesToBinary(readBytes(join(CORPUS_DIR, 'mailbox', 'mbox-0')));
    const lfResults = classifyMailbox(mbox);
    expect(lfResults).toHaveLength(37);
    for (const r of lfResults) expect(resultProblems(r)).toEqual([]);
    const crlfResults = classifyMailbox(toCrlf(mbox));
    expect(crlfResults.map(verdict)).toEqual(lfResults.map(verdict));
  });

  it('corpus messages packed into one mbox (mboxrd quoting) read as they do alone', () => {
    const singles = SAMPLE.map((f) => bytesToBinary(readBytes(f))).filter((m) => !m.startsWith('From '));
    fc.assert(
      fc.property(fc.shuffledSubarray(singles, { minLength: 1, maxLength: 8 }), (messages) => {
        const mbox = messages
          .map(
            (m, i) =>
              `From sender${i}@example.org Thu Mar  6 10:00:0${i % 10} 2025\n${m.replace(/^(>*From )/gm, '>$1')}\n`,
          )
          .join('');
        const results = classifyMailbox(mbox);
        expect(results.map(verdict)).toEqual(messages.map((m) => verdict(classifyMessage(m))));
      }),
      { numRuns: 40 },
    );
  });

  it('each message of the mbox reads as it does alone', () => {
    const mbox = toLf(bytesToBinary(readBytes(join(CORPUS_DIR, 'mailbox', 'mbox-0'))));
    const results = classifyMailbox(mbox);
    // The same messages, re-joined with a different envelope line, give the same verdicts.
    const parts = mbox.split(/^From \S+ +\S.*\d{4}.*\n/m).filter((p) => p.length > 0);
    expect(parts).toHaveLength(results.length);
    const rejoined = parts.map((p) => `From someone@example.org Thu Mar  6 10:00:00 2025\n${p}`).join('');
    expect(classifyMailbox(rejoined).map(verdict)).toEqual(results.map(verdict));
  });
});
