import { describe, expect, it } from 'vitest';
import { recordDetail, recordTitle, recordVerdict } from '../history/format';
import { serverWords } from './verdict';

describe('the server’s own words', () => {
  it('drops a notice’s boilerplate and keeps the reason before it', () => {
    expect(
      serverWords(
        'This is an automatically generated Delivery Status Notification THIS IS A WARNING MESSAGE ONLY. YOU DO NOT NEED TO RESEND YOUR MESSAGE. Delivery to the following recipient has been delayed',
      ),
    ).toBeNull();
    expect(
      serverWords(
        'Envelope expired Please note that this is only a temporary failure report. The message is kept in the queue for up to 7 days.',
      ),
    ).toBe('Envelope expired');
    expect(serverWords('450 4.2.2 <kijitora@example.jp>... Mailbox Full (state 14).')).toBe(
      '450 4.2.2 <kijitora@example.jp>... Mailbox Full (state 14).',
    );
    expect(serverWords(null)).toBeNull();
  });
});

describe('a popup row says what the card says', () => {
  const delay = {
    kind: 'delayed' as const,
    category: 'recipient-error' as const,
    reason: 'expired' as const,
    hard: false,
    status: '4.4.7',
    replyCode: null,
    diagnostic:
      'This is an automatically generated Delivery Status Notification THIS IS A WARNING MESSAGE ONLY.',
    subject: 'Hello',
  };
  it('lists a delay notice as Delayed, with no boilerplate for a diagnostic', () => {
    expect(recordTitle(delay)).toBe('Delayed');
    expect(recordVerdict(delay)).toBe('delayed');
    expect(recordDetail(delay)).toBe('The notice quotes no server reply; the server keeps trying');
  });
  it('calls a DMARC refusal refused, not soft', () => {
    const dmarc = {
      ...delay,
      kind: 'failed' as const,
      category: 'dmarc' as const,
      reason: 'authfailure' as const,
    };
    expect(recordTitle(dmarc)).toBe('DMARC');
    expect(recordVerdict({ ...dmarc, status: '5.7.26' })).toBe('refused');
  });
});
