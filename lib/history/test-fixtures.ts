/** Builders for history tests (unit, e2e and the benchmark). Not shipped in the extension. */
import type { BounceRecord, BounceResult, CategoryId, MessageKind, ReasonId } from '../engine/types';
import type { BounceSeenMessage } from '../messages';

export interface FakeRecipient {
  recipient: string | null;
  category?: CategoryId;
  reason?: ReasonId;
  hard?: boolean;
  replyCode?: string | null;
  status?: string | null;
  diagnostic?: string | null;
  provider?: string | null;
}

/** The history tests' over-quota recipient: soft, 452 4.2.2 (add the diagnostic and provider). */
export const FULL_MAILBOX: FakeRecipient = {
  recipient: 'bob@corp.example',
  category: 'mailbox-full',
  reason: 'mailboxfull',
  hard: false,
  replyCode: '452',
  status: '4.2.2',
};

export function fakeRecord(r: FakeRecipient): BounceRecord {
  return {
    recipient: r.recipient,
    replyCode: r.replyCode === undefined ? '550' : r.replyCode,
    status: r.status === undefined ? '5.1.1' : r.status,
    diagnostic:
      r.diagnostic === undefined
        ? '550 5.1.1 The email account that you tried to reach does not exist'
        : r.diagnostic,
    reason: r.reason ?? 'userunknown',
    category: r.category ?? 'invalid-address',
    hard: r.hard ?? true,
    action: r.hard === false ? 'retry-later' : 'remove-address',
    provider: r.provider === undefined ? 'google' : r.provider,
    remoteHost: null,
    reportingMta: null,
    dsnAction: 'failed',
    evidence: [{ source: 'status-code', detail: 'status 5.1.1' }],
  };
}

export function fakeResult(
  recipients: FakeRecipient[],
  kind: MessageKind = 'failed',
  from = 'news@shop.example',
): BounceResult {
  return {
    kind,
    records: recipients.map(fakeRecord),
    original: {
      from,
      fromDomain: from.split('@')[1] ?? null,
      to: recipients[0]?.recipient ?? null,
      subject: 'Your November newsletter',
      messageId: '<abc@shop.example>',
      date: 'Mon, 23 Nov 2026 00:00:00 +0000',
      sendingIp: null,
    },
    report: {
      from: 'mailer-daemon@googlemail.com',
      subject: 'Delivery Status Notification (Failure)',
      date: null,
      messageId: null,
    },
    decoder: 'test',
    warnings: [],
  };
}

export function fakeSeen(
  messageId: string,
  recipients: FakeRecipient[],
  opts: {
    source?: 'visible' | 'raw';
    seenAt?: number;
    kind?: MessageKind;
    from?: string;
    account?: string;
  } = {},
): BounceSeenMessage {
  return {
    type: 'bounce-seen',
    account: opts.account ?? 'u/0',
    messageId,
    threadId: messageId,
    source: opts.source ?? 'visible',
    result: fakeResult(recipients, opts.kind, opts.from),
    seenAt: opts.seenAt ?? 1_795_000_000_000,
  };
}
