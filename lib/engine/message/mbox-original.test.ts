import { describe, expect, it } from 'vitest';
import { emailTypeOf, returnedOriginal, BULK_RECIPIENTS } from './mbox-original';
import { parseHeaders } from './mime';
import { classifyMessage } from '../pipeline';

const head = (lines: string[]) => parseHeaders(lines.join('\n'));
const PERSONAL = ['From: me@example.org', 'To: friend@example.net', 'Subject: lunch'];

describe('emailTypeOf', () => {
  it.each([
    ['List-Unsubscribe: <https://news.example/u/1>'],
    ['List-Id: <team.lists.example.org>'],
    ['Precedence: bulk'],
    ['Precedence: List'],
    ['X-Mailer: GMass'],
    ['X-Mailer: MailChimp Mailer - **CID12345**'],
    ['User-Agent: Mailmeteor'],
    ['X-Mailer: YAMM (Yet Another Mail Merge)'],
  ])('%s makes bulk mail', (field) => {
    expect(emailTypeOf(head([...PERSONAL, field]))).toBe('bulk');
  });

  it('a message to a few people is one-to-one; to many, bulk', () => {
    const many = Array.from({ length: BULK_RECIPIENTS }, (_, i) => `p${i}@example.net`);
    expect(emailTypeOf(head(PERSONAL))).toBe('one-to-one');
    expect(
      emailTypeOf(head([...PERSONAL, 'Cc: a@example.net, b@example.net', 'X-Mailer: Apple Mail (2.3731)'])),
    ).toBe('one-to-one');
    expect(
      emailTypeOf(
        head([
          'From: me@example.org',
          `To: ${many.slice(0, 5).join(', ')}`,
          `Cc: ${many.slice(5).join(', ')}`,
        ]),
      ),
    ).toBe('bulk');
    expect(emailTypeOf(head(['From: me@example.org', 'Precedence: first-class']))).toBe('one-to-one');
  });

  it('is unknown without the returned original', () => {
    expect(emailTypeOf(null)).toBeNull();
    expect(emailTypeOf(head([]))).toBeNull();
  });
});

describe('returnedOriginal', () => {
  const report = (original: string[]) =>
    [
      'From: Mail Delivery Subsystem <mailer-daemon@mx.example.net>',
      'To: me@example.org',
      'Subject: Undelivered Mail Returned to Sender',
      'MIME-Version: 1.0',
      'Content-Type: multipart/report; report-type=delivery-status; boundary="b"',
      '',
      '--b',
      'Content-Type: text/plain',
      '',
      'Your message could not be delivered.',
      '',
      '--b',
      'Content-Type: message/delivery-status',
      '',
      'Reporting-MTA: dns; mx.example.net',
      '',
      'Final-Recipient: rfc822; gone@example.net',
      'Action: failed',
      'Status: 5.1.1',
      'Diagnostic-Code: smtp; 550 5.1.1 user unknown',
      '',
      '--b',
      'Content-Type: text/rfc822-headers',
      '',
      ...original,
      '',
      '--b--',
      '',
    ].join('\r\n');

  it('reads the original of a report, CRLF or not, and its sending IP stays the engine’s', () => {
    const raw = report([
      'Received: from [192.0.2.7] (client.example.org [192.0.2.7]) by smtp.example.org',
      'From: me@example.org',
      'To: gone@example.net',
      'List-Unsubscribe: <mailto:u@example.org>',
    ]);
    expect(emailTypeOf(returnedOriginal(raw))).toBe('bulk');
    expect(emailTypeOf(returnedOriginal(raw.replace(/\r\n/g, '\n')))).toBe('bulk');
    expect(classifyMessage(raw).original.sendingIp).toBe('192.0.2.7');
  });

  it('is null for a message without one', () => {
    expect(returnedOriginal('Subject: hi\n\nhello\n')).toBeNull();
  });
});
