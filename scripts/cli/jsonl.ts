/**
 * The command line's JSON Lines contract (documented in the README): one object per recipient
 * record, and one with null fields for a message without records. Field order is part of it.
 */
import { verdictOf } from '../../lib/engine/suppression/index';
import type { BounceResult } from '../../lib/engine/types';

/** The lines of one message: `message` is its 0-based position in the file. */
export function jsonLines(file: string, message: number, r: BounceResult): string[] {
  if (!r.records.length)
    return [
      JSON.stringify({
        file,
        message,
        kind: r.kind,
        recipient: null,
        replyCode: null,
        status: null,
        reason: null,
        category: null,
        hard: null,
        action: null,
        provider: null,
        diagnostic: null,
      }),
    ];
  return r.records.map((rec) =>
    JSON.stringify({
      file,
      message,
      kind: r.kind,
      recipient: rec.recipient,
      replyCode: rec.replyCode,
      status: rec.status,
      reason: rec.reason,
      category: rec.category,
      hard: rec.hard,
      action: rec.action,
      provider: rec.provider,
      diagnostic: rec.diagnostic,
    }),
  );
}

/** The readable summary of one file's messages. */
export function summaryLines(file: string, results: BounceResult[]): string[] {
  return results.flatMap((r, i) => messageSummary(file, i, results.length > 1, r));
}

/** The summary of one message: `numbered` when its file holds several ("file #i"). */
export function messageSummary(file: string, index: number, numbered: boolean, r: BounceResult): string[] {
  const out = [`${numbered ? `${file} #${index}` : file}: ${r.kind}`];
  for (const rec of r.records) {
    const codes = [rec.replyCode, rec.status].filter(Boolean).join(' ') || 'no code';
    out.push(
      `  ${rec.recipient ?? '(recipient unknown)'}  ${rec.category} (${rec.reason}) ${verdictOf(r.kind, rec)}  ${codes}  → ${rec.action}${rec.provider ? `  [${rec.provider}]` : ''}`,
    );
  }
  return out;
}
