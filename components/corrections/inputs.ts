/**
 * What a correction request carries, built from what the card has: the engine's result of one
 * message. Pure.
 */
import type { BounceResult } from '../../lib/engine/types';
import type { CorrectionInput } from '../../lib/history/corrections';
import type { BounceWords } from '../../lib/history/protocol';

/** Every record of the message, as the correction of each will carry it (without the verdict). */
export function recordsToCorrect(messageId: string, result: BounceResult): Omit<CorrectionInput, 'to'>[] {
  return result.records.map((r) => ({
    messageId,
    recipient: r.recipient ?? '',
    was: { kind: result.kind, category: r.category, reason: r.reason, hard: r.hard },
    provider: r.provider,
    status: r.status,
    replyCode: r.replyCode,
    diagnostic: r.diagnostic ? r.diagnostic.slice(0, 2000) : null,
    reportId: result.report?.messageId ? result.report.messageId.slice(0, 400) : null,
  }));
}

/** The server's answer of the message's first record: what an earlier correction is matched by. */
export function wordsOf(result: BounceResult): BounceWords | null {
  const r = result.records[0];
  if (!r) return null;
  return {
    provider: r.provider,
    status: r.status,
    replyCode: r.replyCode,
    diagnostic: r.diagnostic ? r.diagnostic.slice(0, 2000) : null,
  };
}
