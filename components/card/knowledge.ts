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
  reasonInfo,
  type KindInfo,
  type Link,
} from '../../lib/engine/knowledge';
import { REASON_CATEGORY } from '../../lib/engine/reason/category';
import { reasonFromStatus } from '../../lib/engine/reason/status-map';

export type { KindInfo, Link };
export { reasonInfo };

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

/**
 * One line explaining an enhanced status code, or null. Given the card's category, it also says so
 * when the code's usual meaning belongs to another category: some servers use a code for something
 * else (GoDaddy answers a sending-rate limit with 5.1.1, "no such mailbox"), and the reply's own
 * words decided the verdict.
 */
export function statusMeaning(
  code: string | null,
  provider: string | null,
  category: string | null = null,
): string | null {
  if (!code) return null;
  const described = describeStatus(code, provider);
  const meaning = described?.text ?? null;
  // A provider's own meaning for its code is what it says it is.
  if (!meaning || !category || described?.source === 'provider') return meaning;
  const usual = reasonFromStatus(code, provider);
  if (!usual || REASON_CATEGORY[usual] === category) return meaning;
  return `${meaning} That is the code's usual meaning; this server's reply says otherwise, and the reply decided.`;
}

/** Categories a reply code's "mailbox unavailable / not found" wording fits. */
const MAILBOX_CATEGORIES = new Set([
  'invalid-address',
  'mailbox',
  'mailbox-full',
  'recipient-error',
  'unclassified',
]);

/**
 * One line explaining a basic SMTP reply code, or null. The basic codes are coarse: 550 reads
 * "mailbox unavailable, not found, or access denied" whatever the refusal was for. When the
 * verdict (from the server's own words) is not about the mailbox, say only that it was refused.
 */
export function replyMeaning(code: string | null, category: string | null = null): string | null {
  if (!code) return null;
  const text = describeReplyCode(code);
  if (!text || !category || MAILBOX_CATEGORIES.has(category) || !/mailbox/i.test(text)) return text;
  return code.startsWith('5')
    ? 'Permanent refusal; the server’s own words (under Why?) say what for'
    : 'Temporary refusal; the server’s own words (under Why?) say what for';
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
