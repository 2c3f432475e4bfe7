/**
 * The card's window onto the knowledge base (lib/engine/knowledge). One adapter so the card does
 * not depend on how the knowledge files are split.
 */
import {
  CATEGORY_ORDER,
  DELAY_INFO,
  categoryInfo,
  describeReplyCode,
  describeStatus,
  linksFor as knowledgeLinks,
  providerInfo,
  type KindInfo,
  type Link,
} from '../../lib/engine/knowledge';

export type { KindInfo, Link };

/** Title, colour, definition, steps and links for a category id, or the delay notice. */
export function infoFor(id: string): KindInfo {
  if (id === 'delayed') return DELAY_INFO;
  return categoryInfo(id);
}

/** Rank of a category by how much it asks of the user (0 = most actionable). */
export function actionRank(category: string): number {
  const i = (CATEGORY_ORDER as readonly string[]).indexOf(category);
  return i < 0 ? CATEGORY_ORDER.length : i;
}

/** One line explaining an enhanced status code, or null. */
export function statusMeaning(code: string | null, provider: string | null): string | null {
  if (!code) return null;
  return describeStatus(code, provider)?.text ?? null;
}

/** One line explaining a basic SMTP reply code, or null. */
export function replyMeaning(code: string | null): string | null {
  if (!code) return null;
  return describeReplyCode(code);
}

/** A display name for a provider id. */
export function providerName(id: string | null): string | null {
  if (!id) return null;
  return providerInfo(id)?.name ?? id;
}

/** Links for the provider first, then the category (deduplicated), as the knowledge base orders them. */
export function linksFor(category: string, provider: string | null): Link[] {
  if (category === 'delayed') return [...DELAY_INFO.links];
  return knowledgeLinks(category, provider);
}
