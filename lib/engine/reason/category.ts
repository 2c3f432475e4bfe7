/**
 * Stage 6: reason → category, hard or soft, and what to do.
 * The category table is the product's contract (corpus README); ids never change.
 */
import { REASON_IDS, type ActionId, type CategoryId, type MessageKind, type ReasonId } from '../types';
import { REASON_MODULES } from '../reasons';

/** The category of each reason, from its module (checked against the corpus README by a test). */
export const REASON_CATEGORY: Readonly<Record<ReasonId, CategoryId>> = Object.fromEntries(
  REASON_IDS.map((id) => [id, REASON_MODULES[id].category]),
) as Record<ReasonId, CategoryId>;

/**
 * Hard: the address itself is bad. Unknown users, moved addresses and unknown domains always;
 * a domain that accepts no mail only when the refusal is permanent.
 */
export function isHard(reason: ReasonId, status: string | null, replyCode: string | null): boolean {
  if (reason === 'notaccept') return (status ?? replyCode ?? '5').startsWith('5');
  return REASON_MODULES[reason].hard;
}

/**
 * What the sender should do about this recipient: nothing for receipts and auto-replies, remove
 * the address for complaints and hard bounces, otherwise the reason's own action, except that a
 * delay notice about anything on the recipient's side asks for patience first.
 */
export function actionFor(reason: ReasonId, hard: boolean, kind: MessageKind): ActionId {
  if (kind === 'auto-reply' || kind === 'delivered') return 'none';
  if (kind === 'complaint' || hard) return 'remove-address';
  const own = REASON_MODULES[reason].action;
  if (own === 'remove-address' || own === 'fix-sending-setup') return own;
  if (kind === 'delayed') return 'retry-later';
  return own === 'none' ? 'retry-later' : own;
}
