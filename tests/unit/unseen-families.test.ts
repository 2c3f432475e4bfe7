/**
 * Families of real bounces that are not in the corpus, each as a synthetic message written for this
 * project after the public descriptions of those formats (tests/fixtures/unseen/). Each row says
 * what a person reading the message would say: the kind, the failed recipient, the reason.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { classifyMailbox, classifyMessage } from '../../lib/engine';
import { scanRecipients } from '../../lib/engine/report/scan';
import { cutOriginal } from '../../lib/engine/report/view';
import { canonicalAddress } from '../../lib/engine/report/recipients';

const DIR = join(import.meta.dirname, '..', 'fixtures', 'unseen');
const read = (f: string) => readFileSync(join(DIR, f));

type Row = [file: string, kind: string, recipient: string | null, reason: string | null];

// prettier-ignore
const ROWS: Row[] = [
  // Recipients given only in free text by older servers, and stray quotes.
  ['freetext-undeliverable-to.eml', 'failed', 'ruth.ames@example.org', 'userunknown'],
  ['freetext-x400-dda.eml', 'failed', 'paul.kent@example.org', 'userunknown'],
  ['freetext-smtp-bracket.eml', 'failed', 'nora.field@example.org', 'userunknown'],
  ['freetext-error-for.eml', 'failed', 'omar.lind@example.org', 'userunknown'],
  ['freetext-stray-quotes.eml', 'failed', 'tess.moreau@example.org', 'userunknown'],
  // The address the sender wrote, not the one an alias rewrote it to.
  ['original-vs-final-recipient.eml', 'failed', 'sales@example.org', 'userunknown'],
  // The envelope sender named in the prose is not a failed recipient.
  ['sender-in-prose.eml', 'failed', 'lena.ford@example.org', 'userunknown'],
  // A 4xx reply inside a report that says delivery failed for good: failed.
  ['4xx-in-final-report.eml', 'failed', 'ivan.holt@example.org', 'mailboxfull'],
  // Retry notices that read like final reports: delayed.
  ['retry-will-retry.eml', 'delayed', 'mia.grant@example.org', null],
  ['retry-past-hours.eml', 'delayed', 'noah.pike@example.org', null],
  ['retry-frozen.eml', 'delayed', 'zoe.park@example.org', null],
  // An antivirus footer does not outweigh the reply's own code and words.
  ['footer-antivirus.eml', 'failed', 'kai.vance@example.org', 'userunknown'],
  // Counting messages, not a sending rate: a full mailbox.
  ['too-many-messages.eml', 'failed', 'eli.ward@example.org', 'mailboxfull'],
  ['too-many-messages-2.eml', 'failed', 'ines.roy@example.org', 'mailboxfull'],
  // A scanner's "virus scanning by …" footer under a full-mailbox reply.
  ['footer-antivirus-2.eml', 'failed', 'ines.roy@example.org', 'mailboxfull'],
  // A forward rewrote the address before the reporting server: its Original-Recipient is the
  // intermediate address, and the returned message's To names what the sender wrote.
  ['forward-loop-original-recipient.eml', 'failed', 'dan.reyes@example.org', null],
  // The same rule when only the report's text names both: Postfix's "<target> (expanded from
  // <written>)", Exim's "target (generated from written)".
  ['alias-postfix-text.eml', 'failed', 'help@example.org', 'userunknown'],
  ['alias-exim-generated.eml', 'failed', 'jane.doe@example.org', 'userunknown'],
  // A quoted local part the server wrote bare in Original-Recipient: the valid, quoted form.
  ['quoted-local-part.eml', 'failed', '"ann..lee"@example.org', 'userunknown'],
  // Plain "no such user" variants.
  ['plain-unknown-1.eml', 'failed', 'mila.stone@example.org', 'userunknown'],
  ['plain-unknown-2.eml', 'failed', 'mila.stone@example.org', 'userunknown'],
  ['plain-unknown-3.eml', 'failed', 'mila.stone@example.org', 'userunknown'],
  ['plain-unknown-4.eml', 'failed', 'mila.stone@example.org', 'userunknown'],
  ['plain-unknown-5.eml', 'failed', 'mila.stone@example.org', 'userunknown'],
  ['plain-unknown-6.eml', 'failed', 'mila.stone@example.org', 'userunknown'],
  ['plain-unknown-7.eml', 'failed', 'ruby.hale@example.org', 'userunknown'],
  ['plain-unknown-8.eml', 'failed', 'ruby.hale@example.org', 'userunknown'],
  ['plain-unknown-9.eml', 'failed', 'ruby.hale@example.org', 'userunknown'],
  ['plain-unknown-10.eml', 'failed', 'ruby.hale@example.org', 'userunknown'],
  ['plain-unknown-11.eml', 'failed', 'ruby.hale@example.org', 'userunknown'],
  // The envelope sender named first in the prose ("sent from … to …") is not the recipient.
  ['sender-in-prose-2.eml', 'failed', 'theo.marsh@example.org', 'userunknown'],
];

describe('bounces from families outside the corpus', () => {
  it.each(ROWS)('%s → %s, %s, %s', (file, kind, recipient, reason) => {
    const r = classifyMessage(read(file));
    expect(r.kind).toBe(kind);
    expect(r.records.map((x) => x.recipient)).toEqual([recipient]);
    if (reason) expect(r.records[0]!.reason).toBe(reason);
  });

  it("finds the returned message's header under a bounce pasted as text with its MIME lines", () => {
    const pasted = [
      'The following is the error message.',
      '',
      '<ida.moss@example.org>: host mx.example.org said: 550 5.1.1 no such user',
      '',
      '--b1.example.net',
      'Content-Description: Undelivered Message',
      'Content-Type: message/rfc822',
      '',
      'Received: from out.example.com by mx.example.net for <ida.moss@example.org>;',
      'To: ida.moss@example.org',
      'Subject: hello',
      '',
      'body',
    ].join('\n');
    const head = cutOriginal(pasted).originalHead ?? '';
    expect(head).toMatch(/^Received: /);
    expect(head).toContain('To: ida.moss@example.org');
    expect(canonicalAddress('"ida.moss"@example.org')).toBe('ida.moss@example.org');
    expect(canonicalAddress('ida..moss@example.org')).toBe('"ida..moss"@example.org');
    expect(canonicalAddress('ida.moss@example.org')).toBe('ida.moss@example.org');
  });

  it('reads qmail\'s "Giving up on <address>" as the close of a permanent reply, not an expiry', () => {
    const text = [
      'From: MAILER-DAEMON@qmail.example.net',
      'To: sender@example.com',
      'Subject: failure notice',
      '',
      'Hi. This is the qmail-send program at qmail.example.net.',
      "I'm afraid I wasn't able to deliver your message to the following addresses.",
      "This is a permanent error; I've given up. Sorry it didn't work out.",
      '',
      '<jo.vane@example.org>:',
      '192.0.2.80 does not like recipient.',
      'Remote host said: 554 transaction refused',
      'Giving up on 192.0.2.80.',
      '',
    ].join('\n');
    const r = classifyMessage(text);
    expect(r.kind).toBe('failed');
    expect(r.records[0]!.reason).not.toBe('expired');
  });

  it('does not take the envelope sender in the prose for a recipient', () => {
    const r = classifyMessage(read('sender-in-prose.eml'));
    expect(r.records.map((x) => x.recipient)).not.toContain('sender@example.com');
  });

  it.each(['challenge-response-preapproved.eml', 'challenge-response-confirm.eml'])(
    'does not read a challenge-response request (%s) as a bounce',
    (file) => {
      const kind = classifyMessage(read(file)).kind;
      expect(['failed', 'delayed']).not.toContain(kind);
    },
  );

  it('reads every recipient of a report with 120 of them, and says nothing was cut', () => {
    const [r] = classifyMailbox(read('dsn-120-recipients.eml'));
    expect(r!.records).toHaveLength(120);
    expect(new Set(r!.records.map((x) => x.recipient)).size).toBe(120);
    expect(r!.records.every((x) => x.reason === 'userunknown' && x.status === '5.1.1')).toBe(true);
    expect(r!.warnings).toEqual([]);
  });

  it('says so when a report names more recipients than are read', () => {
    const rcpts = Array.from({ length: 5200 }, (_, i) => `u${i}@example.org`);
    const dsn = rcpts.map((a) => `Final-Recipient: rfc822; ${a}\nAction: failed\nStatus: 5.1.1\n`).join('\n');
    const r = classifyMessage(deliveryStatusReport(dsn));
    expect(r.records.length).toBe(5000);
    expect(r.warnings.join(' ')).toMatch(/200 more recipients are named than are read/);
  });

  it('takes an address after a reply code only when the code stands alone', () => {
    // "422f" inside a message id is not a reply code, and what follows it is not an address.
    const text =
      "Unknown address error 550-'5.7.1 <0001-2be1-422f-a8d4-000000@bounces.example.com>... Access denied'";
    expect(scanRecipients(text, new Set()).map((r) => r.address)).not.toContain(
      'f-a8d4-000000@bounces.example.com',
    );
    expect(
      scanRecipients('Reason:\n  550 5.1.1 ada.lee@example.org: no such user', new Set()).map(
        (r) => r.address,
      ),
    ).toEqual(['ada.lee@example.org']);
  });

  it("reads a delivery program's bare output (X-Unix) as the program's failure, unless its words name a cause", () => {
    const dsn = (diag: string) =>
      deliveryStatusReport(
        [
          'Final-Recipient: rfc822; li.wei@example.org',
          'Action: failed',
          'Status: 5.3.0',
          `Diagnostic-Code: x-unix; ${diag}`,
          '',
        ].join('\n'),
      );
    expect(classifyMessage(dsn('75')).records[0]!.reason).toBe('mailererror');
    expect(classifyMessage(dsn('/var/mail/li.wei: Disk quota exceeded')).records[0]!.reason).toBe(
      'mailboxfull',
    );
  });
});

/** A bare multipart/report whose delivery-status part holds the given per-recipient fields. */
function deliveryStatusReport(recipientFields: string): string {
  return [
    'From: MAILER-DAEMON@mail.example.net',
    'To: sender@example.com',
    'Subject: Undelivered Mail Returned to Sender',
    'MIME-Version: 1.0',
    'Content-Type: multipart/report; report-type=delivery-status; boundary="b"',
    '',
    '--b',
    'Content-Type: message/delivery-status',
    '',
    'Reporting-MTA: dns; mail.example.net',
    '',
    recipientFields,
    '--b--',
    '',
  ].join('\n');
}
