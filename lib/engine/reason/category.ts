/**
 * Stage 6: reason → category, hard or soft, and what to do.
 * The category table is the product's contract (corpus README); ids never change.
 */
import type { ActionId, CategoryId, MessageKind, ReasonId } from '../types';

export const REASON_CATEGORY: Readonly<Record<ReasonId, CategoryId>> = {
  userunknown: 'invalid-address',
  hasmoved: 'invalid-address',
  suspend: 'invalid-address',
  hostunknown: 'mailbox',
  notaccept: 'mailbox',
  mailboxfull: 'mailbox-full',
  authfailure: 'dmarc',
  toomanyconn: 'rate-limit',
  speeding: 'rate-limit',
  blocked: 'sender-reputation',
  badreputation: 'sender-reputation',
  spamdetected: 'sender-reputation',
  policyviolation: 'blocked',
  contenterror: 'blocked',
  virusdetected: 'blocked',
  rejected: 'rejection',
  requireptr: 'rejection',
  notcompliantrfc: 'rejection',
  syntaxerror: 'rejection',
  securityerror: 'rejection',
  mesgtoobig: 'rejection',
  exceedlimit: 'rejection',
  norelaying: 'rejection',
  filtered: 'recipient-error',
  expired: 'recipient-error',
  systemerror: 'recipient-error',
  systemfull: 'recipient-error',
  networkerror: 'recipient-error',
  mailererror: 'recipient-error',
  onhold: 'unclassified',
  undefined: 'unclassified',
  vacation: 'auto-reply',
  delivered: 'delivered',
  feedback: 'complaint',
};

/**
 * Hard: the address itself is bad. Unknown users, moved addresses and unknown domains always;
 * a domain that accepts no mail only when the refusal is permanent.
 */
export function isHard(reason: ReasonId, status: string | null, replyCode: string | null): boolean {
  if (reason === 'userunknown' || reason === 'hasmoved' || reason === 'hostunknown') return true;
  if (reason === 'notaccept') return (status ?? replyCode ?? '5').startsWith('5');
  return false;
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
