import { describe, expect, it } from 'vitest';
import { splitCounts, splitRow, summarize } from './figures';
import { blockCounts } from './Blocks';
import { periodsOf } from './OverTime';
import type { CounterRow } from '@/lib/history/stats';

const row = (value: string, c: Record<string, number>): CounterRow => ({
  k: `x\u0001${value}`,
  dim: 'bday',
  value,
  n: Object.values(c).reduce((a, b) => a + b, 0),
  c,
});

describe('summary figures', () => {
  it('splits counters and query counts alike, complaints apart from the soft failures', () => {
    const c = {
      'hard:invalid-address': 3,
      'soft:mailbox-full': 2,
      'soft:complaint': 1,
      'delayed:mailbox-full': 4,
    };
    expect(splitRow(row('', c))).toEqual({ hard: 3, soft: 2, delays: 4, complaints: 1 });
    expect(
      splitCounts({
        total: 10,
        hard: 3,
        soft: 3,
        delayed: 4,
        byCategory: { complaint: 1, 'mailbox-full': 6 },
      }),
    ).toEqual({ hard: 3, soft: 2, delays: 4, complaints: 1 });
  });

  it('gives rates only when sent mail is known, never a guess', () => {
    const s = { hard: 3, soft: 1, delays: 1, complaints: 1 };
    const none = summarize(s, false, 0, null, null);
    expect([none.bounces, none.bounceRate, none.deliveryRate]).toEqual([4, null, null]);
    const sent = { messages: 3, recipients: 10, days: 3, firstDay: '2024-03-01', lastDay: '2024-03-05' };
    const known = summarize(s, false, 3, sent, 6);
    expect([known.bounceRate, known.deliveryRate]).toEqual([0.3, 0.7]);
    expect(summarize(s, false, 12, sent, 6).deliveryRate).toBe(0);
    // Bounces counted over part of the records only: the rates are bounds, and say so.
    expect(summarize(s, false, 3, sent, 6, true).ratePartial).toBe(true);
    expect(summarize(s, false, 3, null, 6, true).ratePartial).toBe(false);
  });
});

describe('blocks', () => {
  it('counts the refusals aimed at the sender per provider, most first', () => {
    const rows = [
      { ...row('google', { 'soft:blocked': 1, 'hard:invalid-address': 9 }), dim: 'provider' as const },
      { ...row('microsoft', { 'soft:dmarc': 2, 'delayed:rate-limit': 1 }), dim: 'provider' as const },
      { ...row('yahoo', { 'soft:mailbox-full': 5 }), dim: 'provider' as const },
    ];
    expect(blockCounts(rows)).toEqual([
      ['microsoft', 3],
      ['google', 1],
    ]);
  });
});

describe('over time', () => {
  it('one period per day over a short span, per Monday-based week over a long one', () => {
    const days = [row('2024-03-04', { 'hard:x': 1 }), row('2024-03-02', { 'soft:y': 2, 'delayed:y': 1 })];
    expect(periodsOf(days)).toEqual([
      { start: '2024-03-02', end: '2024-03-02', hard: 0, soft: 2, delays: 1 },
      { start: '2024-03-04', end: '2024-03-04', hard: 1, soft: 0, delays: 0 },
    ]);
    const long = [...days, row('2025-01-01', { 'hard:x': 2 }), row('not a day', { 'hard:x': 5 })];
    const weeks = periodsOf(long);
    // 2024-03-02 (a Saturday) falls in the week from Monday 2024-02-26; 2024-03-04 is a Monday.
    expect(weeks.map((p) => [p.start, p.end, p.hard + p.soft + p.delays])).toEqual([
      ['2024-02-26', '2024-03-03', 3],
      ['2024-03-04', '2024-03-10', 1],
      ['2024-12-30', '2025-01-05', 2],
    ]);
  });
});
