/**
 * The Gmail-text path: rules for what a report's visible text says when no header and no
 * delivery-status part can be seen. Every text here is made up for the test.
 */
import { describe, expect, it } from 'vitest';
import { classifyVisible, type VisibleMessage } from '../../lib/engine';
import { scanRecipients } from '../../lib/engine/report/scan';
import { cutOriginal } from '../../lib/engine/report/view';

const lf = (lines: string[]) => lines.join('\n') + '\n';
const daemon = (subject: string, text: string): VisibleMessage => ({
  fromAddress: 'mailer-daemon@relay.example.net',
  fromName: 'Mail Delivery Subsystem',
  subject,
  text,
});
const addresses = (text: string) => scanRecipients(text, new Set()).map((r) => r.address);

describe('codes in a sendmail report', () => {
  const report = (reason: string, summary: string) =>
    lf([
      '   ----- The following addresses had permanent fatal errors -----',
      '<mike@shelter.example>',
      `    (reason: ${reason})`,
      '',
      '   ----- Transcript of session follows -----',
      '... while talking to mx.shelter.example.:',
      '>>> DATA',
      `<<< ${reason}`,
      summary,
    ]);

  it('takes the reply code the remote server gave, not the summary line sendmail adds', () => {
    const r = classifyVisible(
      daemon(
        'Returned mail: see transcript for details',
        report('551 not our user', '550 5.1.1 <mike@shelter.example>... User unknown'),
      ),
    );
    expect(r.records.map((x) => [x.recipient, x.replyCode])).toEqual([['mike@shelter.example', '551']]);
    const s = classifyVisible(
      daemon(
        'Returned mail: see transcript for details',
        report('550 : User unknown', '554 5.0.0 Service unavailable'),
      ),
    );
    expect(s.records[0]?.replyCode).toBe('550');
  });

  it('keeps the summary code when the server said nothing quotable', () => {
    const r = classifyVisible(
      daemon(
        'Returned mail: see transcript for details',
        lf(['<mike@shelter.example>', '', '554 5.0.0 Service unavailable']),
      ),
    );
    expect(r.records[0]?.replyCode).toBe('554');
  });

  it('ignores a quoted code of another class than the status', () => {
    const r = classifyVisible(
      daemon('Returned mail', report('250 ok', '550 5.1.1 <mike@shelter.example>... User unknown')),
    );
    expect(r.records[0]?.replyCode).toBe('550');
  });
});

describe('recipients in visible text', () => {
  it('reads the bracketed mailbox of an address written as "name <mailbox>"', () => {
    const text = lf([
      'A message that you sent contained recipient addresses that were incorrectly constructed:',
      '',
      '  tabby@pets.example <ginger@pets.example>: malformed address: <ginger@pets.example> may not follow tabby@pets.example',
    ]);
    expect(addresses(text)).toEqual(['ginger@pets.example']);
    // An address alone keeps its own reading.
    expect(addresses('  tabby@pets.example: mailbox unavailable\n')).toEqual(['tabby@pets.example']);
  });

  it('names the alias the sender wrote when the failed address was expanded from it', () => {
    const text = lf([
      '   ----- The following addresses had permanent fatal errors -----',
      'real.box@farm.example',
      '    (reason: 550 5.1.1 <real.box@farm.example>... User Unknown)',
      '    (expanded from: <team@club.example>)',
    ]);
    expect(addresses(text)).toEqual(['team@club.example']);
    const r = classifyVisible(daemon('Returned mail: see transcript for details', text));
    expect(r.records.map((x) => x.recipient)).toEqual(['team@club.example']);
  });

  it('passes over an address the report asks the reader to write to', () => {
    const text = lf([
      'You are not a member of this mailing list <birds@club.example>.',
      '',
      'To read the rules of this list, please send mail with the mail body',
      '',
      '\trules',
      '',
      'to the address',
      '',
      '\tbirds-ctl@club.example',
    ]);
    expect(addresses(text)).toEqual(['birds@club.example']);
    // A failure announced above a bare address is still read.
    expect(addresses('Delivery to the following address failed:\n\n   wren@club.example\n')).toEqual([
      'wren@club.example',
    ]);
  });

  it('reads an address after a failure label that names the user', () => {
    expect(addresses('Invalid final delivery userid: robin@nest.example\n')).toEqual(['robin@nest.example']);
    expect(addresses('Unknown mailbox: robin@nest.example\n')).toEqual(['robin@nest.example']);
    expect(addresses('Our userid: robin@nest.example\n')).toEqual([]);
  });
});

describe('what makes visible text a report', () => {
  it('reads a list manager notice by the list tag in its subject', () => {
    const msg = {
      fromAddress: 'birds-admin@club.example',
      subject: 'You finch@home.example are not member (birds ML)',
      text: 'You are not a member of this mailing list <birds@club.example>.\n',
    };
    const r = classifyVisible(msg);
    expect(r.kind).toBe('failed');
    expect(r.records.map((x) => [x.recipient, x.reason])).toEqual([['birds@club.example', 'rejected']]);
    // Without the tag, a person writing the same words is not a mail system.
    expect(classifyVisible({ ...msg, subject: 'You are not member' }).kind).toBe('not-bounce');
  });

  it('reads the loop notice of a list manager', () => {
    const r = classifyVisible({
      fromAddress: 'birds-admin@club.example',
      subject: 'Loop Alert: Duplicated Message-ID (birds ML)',
      text: lf([
        'Duplicated Message-ID in <birds@club.example>.',
        '',
        'Original mail as follows:',
        '',
        '   Return-Path: <owner-birds@club.example>',
        '   Received: from mx.club.example by mx.club.example for <birds@club.example>;',
        '   From: Finch <finch@home.example>',
      ]),
    });
    expect(r.kind).toBe('failed');
    expect(r.records.map((x) => [x.recipient, x.reason])).toEqual([['birds@club.example', 'systemerror']]);
  });

  it.each([
    'Sorry, your message could not be delivered',
    '**Message you sent blocked by our bulk email filter**',
    'Delivery Status',
  ])('reads a mail system notice with no recipient in sight: %s', (subject) => {
    expect(classifyVisible(daemon(subject, 'This message was created automatically.\n')).kind).toBe('failed');
  });

  it('reads a bounce subject with bounce wording and no recipient in sight', () => {
    const msg = {
      fromAddress: 'notices@relay.example.jp',
      subject: 'Delivery Status Notification (Failure)',
      text: 'This message could not be delivered.\n',
    };
    expect(classifyVisible(msg).kind).toBe('failed');
    expect(classifyVisible({ ...msg, text: 'Thank you for your order.\n' }).kind).toBe('not-bounce');
  });

  it('leaves a person writing about delivery alone', () => {
    expect(
      classifyVisible({
        fromAddress: 'ann@home.example',
        subject: 'Delivery status of the parcel',
        text: 'The parcel could not be delivered on Monday; the courier comes back tomorrow.\n',
      }).kind,
    ).toBe('not-bounce');
  });

  it('cuts the original at a list manager\'s "Original mail as follows"', () => {
    const c = cutOriginal(
      lf([
        'Duplicated Message-ID in <birds@club.example>.',
        '',
        'Original mail as follows:',
        '',
        '   From: x@y.example',
      ]),
    );
    expect(c.text).toBe('Duplicated Message-ID in <birds@club.example>.\n\n');
  });

  it("reads the original's header block after its MIME lines, however long the original", () => {
    // A part's own fields, a blank line, then the returned message's 300-line header and a long body:
    // the block read is the message's header, cut at 300 lines.
    const received = Array.from({ length: 320 }, (_, i) => `Received: from relay${i}.example.net`);
    const c = cutOriginal(
      lf([
        'Your message could not be delivered.',
        '------ This is a copy of the message, including all the headers. ------',
        ...Array.from({ length: 30 }, () => 'note'),
        'Content-Type: message/rfc822',
        '',
        ...received,
        'Subject: hello',
        '',
        ...Array.from({ length: 5000 }, (_, i) => `body line ${i}`),
      ]),
    );
    expect(c.text).toBe('Your message could not be delivered.\n');
    expect(c.originalHead).toBe(received.slice(0, 300).join('\n'));
  });
});
