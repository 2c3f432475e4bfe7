/**
 * What the card and the popup say about corrections: the same words in both places.
 */
import { correctEvent, type CorrectionTo } from '../../lib/engine/corrections/index';
import { decideSuppression } from '../../lib/engine/suppression/index';
import { CATEGORIES, CATEGORY_ORDER } from '../../lib/engine/knowledge/categories';
import type { CategoryId, MessageKind } from '../../lib/engine/types';

/** The categories a person can pick, in the card's order, then the non-bounce kinds. */
export const PICKABLE_CATEGORIES: readonly CategoryId[] = [
  ...CATEGORY_ORDER,
  ...(['complaint', 'auto-reply', 'delivered'] as const).filter((c) => !CATEGORY_ORDER.includes(c)),
];

export function categoryName(id: CategoryId): string {
  return CATEGORIES[id]?.title ?? id;
}

/** Short name of what a correction says: "Mailbox Full", "Not a bounce", "Address is fine". */
export function correctionLabel(to: CorrectionTo): string {
  if (to === 'not-bounce') return 'Not a bounce';
  if (to === 'keep') return 'Address is fine';
  return categoryName(to);
}

/** What a correction does to the suppression list, in a few words. */
export function correctionEffect(to: CorrectionTo): string {
  if (to === 'keep') return 'this address stays off the suppression list';
  if (to === 'not-bounce') return 'this message no longer counts as a bounce';
  return 'the suppression list treats it as this category';
}

/** One sentence for a stored correction: what the person said and what the engine had read. */
export function correctionSentence(to: CorrectionTo, engineCategory: CategoryId): string {
  return `You corrected this: ${correctionLabel(to)} (the engine read ${categoryName(engineCategory)}); ${correctionEffect(to)}.`;
}

/**
 * The card's Suppression line once the person corrected the bounce: what the rules make of this
 * bounce alone with the correction applied.
 */
export function correctedSuppression(
  to: CorrectionTo,
  kind: MessageKind,
  r: { reason: string; status: string | null; replyCode: string | null },
): string {
  if (to === 'keep') return 'Not suppressed: you said the address is fine';
  if (to === 'not-bounce') return 'Not suppressed: you said this is not a bounce';
  const event = correctEvent(
    { reason: r.reason, kind, at: null, status: r.status, replyCode: r.replyCode },
    to,
  );
  return decideSuppression([event]).why;
}
