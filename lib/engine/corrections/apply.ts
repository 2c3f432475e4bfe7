/**
 * A person's corrections of the engine's verdicts, and what they do to the suppression list.
 *
 * A correction says one of three things about one bounce record (a message and a recipient):
 * - another category: the bounce is of that category, and the category's suppression policy
 *   applies to it (the policy most of the category's reasons have, see {@link categoryPolicy});
 * - `not-bounce`: the message is not a bounce: it counts for nothing;
 * - `keep`: the address is fine, keep mailing it: the address never goes on the suppression list,
 *   whatever its other bounces say (until the correction is removed).
 */
import { REASON_MODULES } from '../reasons/index';
import { policyOf, type BounceEvent, type SuppressionPolicy } from '../suppression/index';
import { CATEGORY_IDS, REASON_IDS, type CategoryId, type MessageKind, type ReasonId } from '../types';

/** What a correction says the record is. */
export type CorrectionTo = CategoryId | 'not-bounce' | 'keep';

export const CORRECTION_TARGETS: readonly CorrectionTo[] = [...CATEGORY_IDS, 'not-bounce', 'keep'];

export function isCorrectionTo(x: unknown): x is CorrectionTo {
  return typeof x === 'string' && (CORRECTION_TARGETS as readonly string[]).includes(x);
}

/** The kinds a category stands for when a person picks it. */
const KIND_OF: Partial<Record<CategoryId, MessageKind>> = {
  complaint: 'complaint',
  'auto-reply': 'auto-reply',
  delivered: 'delivered',
};

function reasonsOf(category: CategoryId): ReasonId[] {
  return REASON_IDS.filter((id) => REASON_MODULES[id].category === category);
}

/**
 * The suppression policy of a category: the one most of its reasons have (ties: the first
 * reason's, in the engine's order). Every category has at least one reason (registry test).
 */
export function categoryPolicy(category: CategoryId): SuppressionPolicy {
  const tally = new Map<SuppressionPolicy, number>();
  for (const id of reasonsOf(category)) {
    const p = policyOf(id).policy;
    tally.set(p, (tally.get(p) ?? 0) + 1);
  }
  let best: SuppressionPolicy = 'after-repeats';
  let n = 0;
  for (const [p, c] of tally) if (c > n) [best, n] = [p, c];
  return best;
}

/** The first reason of a category (engine order) whose policy is the category's: it names the why. */
export function categoryReason(category: CategoryId): ReasonId {
  const policy = categoryPolicy(category);
  return reasonsOf(category).find((id) => policyOf(id).policy === policy) ?? 'undefined';
}

/** One event as a correction makes it (`keep` is handled per address by {@link applyCorrections}). */
export function correctEvent<E extends BounceEvent>(e: E, to: Exclude<CorrectionTo, 'keep'>): E {
  if (to === 'not-bounce') return { ...e, kind: 'not-bounce', corrected: { policy: 'not-a-bounce' } };
  const kind = KIND_OF[to] ?? (e.kind === 'delayed' ? 'delayed' : 'failed');
  return { ...e, kind, reason: categoryReason(to), corrected: { policy: categoryPolicy(to) } };
}

/**
 * Applies corrections to the events of a suppression list: a corrected event takes its
 * correction's policy, and every event of an address someone said to keep is left out, so the
 * address is not listed. `correctionOf` finds the correction of one event (or undefined).
 */
export function applyCorrections<E extends BounceEvent & { address: string }>(
  events: readonly E[],
  correctionOf: (e: E) => CorrectionTo | undefined,
): E[] {
  const found = events.map((e) => [e, correctionOf(e)] as const);
  const kept = new Set(found.filter(([, to]) => to === 'keep').map(([e]) => e.address.trim().toLowerCase()));
  const out: E[] = [];
  for (const [e, to] of found) {
    if (kept.has(e.address.trim().toLowerCase())) continue;
    out.push(to && to !== 'keep' ? correctEvent(e, to) : e);
  }
  return out;
}
