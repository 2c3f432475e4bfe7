import { describe, expect, it } from 'vitest';
import { recordsFromMessage } from '@/lib/history/record';
import { FULL_MAILBOX, fakeSeen } from '@/lib/history/test-fixtures';
import { RecordTally } from './filtered';
import { categoryBars } from './Breakdowns';

const gone = {
  ...FULL_MAILBOX,
  recipient: 'gone@example.net',
  status: '5.1.1',
  reason: 'userunknown' as const,
};

describe('counting the records a filter matches', () => {
  it('counts distinct addresses, not records: one address bounced twice counts once', () => {
    const tally = new RecordTally();
    tally.add(recordsFromMessage(fakeSeen('1', [FULL_MAILBOX, gone])));
    tally.add(recordsFromMessage(fakeSeen('2', [FULL_MAILBOX])));
    expect(tally.records).toBe(3);
    expect(tally.uniqueAddresses).toBe(2);
  });

  it('gives counter-shaped rows per dimension, largest first, that the charts draw', () => {
    const tally = new RecordTally();
    tally.add(recordsFromMessage(fakeSeen('1', [FULL_MAILBOX, gone])));
    tally.add(recordsFromMessage(fakeSeen('2', [FULL_MAILBOX])));
    const all = tally.rows('all');
    expect(all).toHaveLength(1);
    expect(all[0]!.n).toBe(3);
    const statuses = tally.rows('status');
    expect(statuses.map((r) => [r.value, r.n])).toEqual([
      [FULL_MAILBOX.status, 2],
      ['5.1.1', 1],
    ]);
    expect(tally.rows('status', 1)).toHaveLength(1);
    expect(categoryBars(all[0]).reduce((n, b) => n + b.n, 0)).toBe(3);
  });
});
