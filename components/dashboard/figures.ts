/** The summary's arithmetic (pure; the Summary component fetches the numbers). */
import type { CounterRow } from '@/lib/history/stats';
import type { HistoryCounts } from '@/lib/history/query';
import type { SentTotals } from '@/lib/history/sent';

/** Records by kind of trouble: complaints apart from the soft failures they are stored as. */
export interface Split {
  hard: number;
  soft: number;
  delays: number;
  complaints: number;
}

export interface SummaryFigures extends Split {
  /** Failed recipients: hard and soft bounces (not delays, not complaints). */
  bounces: number;
  uniqueAddresses: number | null;
  /** The counts cover only the records found so far (a filter over a very large history). */
  partial: boolean;
  /** First figures while the store goes on counting: more are coming, rates not yet worked out. */
  preview?: boolean;
  /** Bounced recipients / recipients written to, over the days sent mail is known; null when unknown. */
  bounceRate: number | null;
  deliveryRate: number | null;
  bouncedInSentDays: number;
  /**
   * The bounces of the sent days were counted over the newest matching records only (a sender
   * and dates over a very large history): the bounce rate is a lower bound, the delivery rate an
   * upper one.
   */
  ratePartial: boolean;
  sentRecipients: number;
  sentFirstDay: string | null;
  sentLastDay: string | null;
}

/** A counter row's records ("severity:category" → n) split by kind of trouble. */
export function splitRow(row: CounterRow | undefined): Split {
  const out: Split = { hard: 0, soft: 0, delays: 0, complaints: 0 };
  for (const [sc, n] of Object.entries(row?.c ?? {})) {
    const [severity, category] = sc.split(':');
    if (category === 'complaint') out.complaints += n;
    else if (severity === 'delayed') out.delays += n;
    else if (severity === 'hard') out.hard += n;
    else out.soft += n;
  }
  return out;
}

/** A query's counts split the same way (complaints are stored as soft failures). */
export function splitCounts(c: HistoryCounts): Split {
  const complaints = c.byCategory.complaint ?? 0;
  return { hard: c.hard, soft: Math.max(0, c.soft - complaints), delays: c.delayed, complaints };
}

export function summarize(
  s: Split,
  partial: boolean,
  bouncedInSentDays: number,
  sent: SentTotals | null,
  uniqueAddresses: number | null,
  ratePartial = false,
): SummaryFigures {
  const known = sent !== null && sent.recipients > 0;
  const rate = known ? bouncedInSentDays / sent.recipients : null;
  return {
    ...s,
    bounces: s.hard + s.soft,
    uniqueAddresses,
    partial,
    bounceRate: rate,
    deliveryRate: rate === null ? null : Math.max(0, 1 - rate),
    bouncedInSentDays,
    ratePartial: rate !== null && ratePartial,
    sentRecipients: sent?.recipients ?? 0,
    sentFirstDay: sent?.firstDay ?? null,
    sentLastDay: sent?.lastDay ?? null,
  };
}
