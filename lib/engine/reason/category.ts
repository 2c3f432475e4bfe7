/**
 * Stage 6: reason → category, hard or soft, and what to do.
 * The category table is the product's contract (corpus README); ids never change.
 */
import { REASON_IDS, type ActionId, type CategoryId, type MessageKind, type ReasonId } from '../types';
import { REASONS } from '../knowledge/reasons';

/** The category of each reason: the knowledge base's table (checked against the corpus README there). */
export const REASON_CATEGORY: Readonly<Record<ReasonId, CategoryId>> = Object.fromEntries(
  REASON_IDS.map((id) => [id, REASONS[id].category]),
) as Record<ReasonId, CategoryId>;

/**
 * Hard: the address itself is bad. Unknown users, moved addresses and unknown domains always;
 * a domain that accepts no mail only when the refusal is permanent.
 */
export function isHard(reason: ReasonId, status: string | null, replyCode: string | null): boolean {
  if (reason === 'notaccept') return (status ?? replyCode ?? '5').startsWith('5');
  return REASONS[reason].hard;
}

const SENDER_SIDE: ReadonlySet<ReasonId> = new Set<ReasonId>([
  'authfailure',
  'blocked',
  'badreputation',
  'spamdetected',
  'policyviolation',
  'contenterror',
  'virusdetected',
  'rejected',
  'requireptr',
  'notcompliantrfc',
  'syntaxerror',
  'securityerror',
  'mesgtoobig',
  'exceedlimit',
  'norelaying',
]);

const TEMPORARY: ReadonlySet<ReasonId> = new Set<ReasonId>([
  'mailboxfull',
  'toomanyconn',
  'speeding',
  'expired',
  'systemerror',
  'systemfull',
  'networkerror',
  'mailererror',
]);

/** What the sender should do about this recipient. */
export function actionFor(reason: ReasonId, hard: boolean, kind: MessageKind): ActionId {
  if (kind === 'auto-reply' || kind === 'delivered') return 'none';
  if (kind === 'complaint') return 'remove-address';
  if (hard) return 'remove-address';
  if (reason === 'suspend') return 'remove-address';
  if (SENDER_SIDE.has(reason)) return 'fix-sending-setup';
  if (TEMPORARY.has(reason) || kind === 'delayed') return 'retry-later';
  if (reason === 'filtered') return 'contact-recipient';
  return 'retry-later';
}
