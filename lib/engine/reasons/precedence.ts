/**
 * Precedence: which wording wins when a diagnostic holds the words of several reasons. Read top to
 * bottom: the first set with a phrase in the text decides. Each entry names a reason and one of its
 * phrase sets, with the reason for its position. The weak list is read only when no strong set and
 * no specific status code decided (see reason/classify.ts).
 */
import type { ReasonId } from '../types';

export interface Position {
  reason: ReasonId;
  /** A key of that reason's `phrases`. */
  set: string;
  /** Why it sits here. */
  why: string;
}

export const PRECEDENCE: readonly Position[] = [
  {
    reason: 'mailererror',
    set: 'program-output',
    why: "A local delivery program's output can quote any other error: its own words decide first.",
  },
  {
    reason: 'suppressed',
    set: 'main',
    why: "A sending service's note that it never tried: whatever else it quotes from an earlier bounce, this delivery stopped at its suppression list.",
  },
  {
    reason: 'networkerror',
    set: 'dns-try-again',
    why: 'Postfix\'s temporary DNS answer ("Host not found, try again") must not read as an unknown host further down.',
  },
  {
    reason: 'spamdetected',
    set: 'url-lists',
    why: 'URL block lists (URIBL, SURBL) judge the links in the message, so they come before the host block lists.',
  },
  {
    reason: 'contenterror',
    set: 'content-under-media-code',
    why: '"Message content rejected" with an X.6.x code is a media problem (only under that code).',
  },
  {
    reason: 'spamdetected',
    set: 'content-rejected',
    why: '"Message content rejected" under any other code is a spam verdict.',
  },
  {
    reason: 'blocked',
    set: 'greeting-refused',
    why: 'A refused greeting or connection blocks the sending host, whatever else the reply says.',
  },
  {
    reason: 'speeding',
    set: 'hourly-recipients',
    why: 'A cap on recipients per hour is a pace limit, ahead of toomanyconn\'s plain "too many recipients".',
  },
  {
    reason: 'norelaying',
    set: 'insecure-relay',
    why: '"Insecure mail relay" is a relaying refusal even when the reply also names authentication.',
  },
  {
    reason: 'authfailure',
    set: 'main',
    why: 'Sender-side causes named beside a generic refusal: authentication first.',
  },
  { reason: 'requireptr', set: 'main', why: 'Missing reverse DNS, before the generic block-list words.' },
  {
    reason: 'virusdetected',
    set: 'main',
    why: 'Malware verdicts, before the content and spam words a virus notice also uses.',
  },
  {
    reason: 'systemfull',
    set: 'main',
    why: "The recipient's whole system is out of space: before the mailbox-level quota words.",
  },
  { reason: 'mailboxfull', set: 'main', why: 'Mailbox over quota.' },
  {
    reason: 'mesgtoobig',
    set: 'main',
    why: 'The message is larger than allowed, before the generic limit words.',
  },
  {
    reason: 'exceedlimit',
    set: 'main',
    why: 'Other receiving-side limits (local limits, recipients per message).',
  },
  {
    reason: 'hasmoved',
    set: 'main',
    why: 'The address moved: before the unknown-user words that moved-address notices also carry.',
  },
  {
    reason: 'suspend',
    set: 'main',
    why: 'The account exists but is switched off: before the unknown-user words.',
  },
  {
    reason: 'notaccept',
    set: 'main',
    why: 'The domain takes no mail at all: a domain-level verdict before the mailbox-level ones.',
  },
  {
    reason: 'hostunknown',
    set: 'main',
    why: 'The domain does not exist: before the mailbox-level unknown user ("no valid recipients" because the domain is unknown is about the domain).',
  },
  { reason: 'userunknown', set: 'main', why: 'The mailbox does not exist.' },
  { reason: 'norelaying', set: 'main', why: 'Relaying refused.' },
  {
    reason: 'badreputation',
    set: 'main',
    why: "The sender's reputation, before the rate words that reputation refusals also use.",
  },
  { reason: 'toomanyconn', set: 'main', why: 'Too many connections or messages at once.' },
  { reason: 'speeding', set: 'main', why: 'The recipient or server receives too fast.' },
  { reason: 'syntaxerror', set: 'main', why: 'SMTP protocol mistakes.' },
  { reason: 'notcompliantrfc', set: 'main', why: 'Messages that break the mail standards.' },
  {
    reason: 'rejected',
    set: 'sender-address',
    why: "The sender's own address or domain refused, before the generic block-list words below.",
  },
  { reason: 'blocked', set: 'main', why: 'Block lists and untrusted sending hosts.' },
  { reason: 'spamdetected', set: 'main', why: 'Spam verdicts.' },
  { reason: 'policyviolation', set: 'main', why: "The recipient organisation's policy." },
  { reason: 'contenterror', set: 'main', why: 'Content or format refused.' },
  {
    reason: 'failedstarttls',
    set: 'main',
    why: 'A failed TLS handshake names its cause more exactly than the broader TLS wording of the entries below.',
  },
  {
    reason: 'systemerror',
    set: 'receiver-lacks-tls',
    why: "The receiving server cannot do the encryption the sender insists on: its setup fails, before the sender's own STARTTLS demand below.",
  },
  { reason: 'securityerror', set: 'main', why: 'TLS or authentication required or failed.' },
  {
    reason: 'rejected',
    set: 'main',
    why: 'The sender refused (envelope sender, purported responsible address).',
  },
  { reason: 'filtered', set: 'main', why: "The recipient's filters accept only some senders." },
  {
    reason: 'networkerror',
    set: 'cause-of-expiry',
    why: 'A cause named beside an expiry (a connection that could not be made, a failed DNS query) is the better answer than the expiry.',
  },
  {
    reason: 'systemerror',
    set: 'directory-down',
    why: 'A directory (LDAP) outage named beside an expiry is a system error.',
  },
  { reason: 'expired', set: 'main', why: 'Delivery time ran out after retries.' },
  { reason: 'systemerror', set: 'main', why: 'Other failures of the receiving system.' },
  { reason: 'networkerror', set: 'main', why: 'Network, DNS and routing failures.' },
  {
    reason: 'mailererror',
    set: 'main',
    why: 'Local delivery program failures in plainer words than the first entry.',
  },
];

/** Wording too general to outweigh a specific status code; read after the codes. */
export const WEAK_PRECEDENCE: readonly Position[] = [
  { reason: 'suspend', set: 'weak', why: 'Disabled-account words that say little on their own.' },
  {
    reason: 'userunknown',
    set: 'weak',
    why: '"Does not exist" and similar, without naming a user or mailbox.',
  },
  { reason: 'hostunknown', set: 'weak', why: 'Domain words without a clear verdict.' },
  { reason: 'blocked', set: 'weak', why: '"Listed at/in/on" without naming a block list.' },
  { reason: 'policyviolation', set: 'weak', why: 'Generic policy words.' },
  { reason: 'contenterror', set: 'weak', why: 'Encoding and MIME words.' },
  { reason: 'securityerror', set: 'weak', why: 'TLS and certificate words.' },
  { reason: 'rejected', set: 'weak', why: 'Sender-address words.' },
  { reason: 'syntaxerror', set: 'weak', why: '"Syntax" alone.' },
  { reason: 'notcompliantrfc', set: 'weak', why: '"Malformed", RFC 822.' },
  { reason: 'filtered', set: 'weak', why: '"Filtered" alone.' },
  { reason: 'expired', set: 'weak', why: 'Expiry words.' },
  { reason: 'systemerror', set: 'weak', why: 'Generic system-failure words.' },
  { reason: 'networkerror', set: 'weak', why: 'Time-outs and connection words.' },
  { reason: 'spamdetected', set: 'weak', why: 'Content-filter words.' },
  { reason: 'exceedlimit', set: 'weak', why: 'Generic limit words.' },
  { reason: 'mailererror', set: 'weak', why: 'Exit codes and pipes.' },
  { reason: 'speeding', set: 'weak', why: 'Generic pace words.' },
];

/**
 * Verdicts from wording that a specific status code may overrule: generic words such as "rejected"
 * or "unavailable" say less than 5.1.1 or 5.2.2. A local delivery program's own words
 * (mailererror) are not among them: the status the MTA attaches to its failure says less.
 */
export const WEAK_REASONS: ReadonlySet<ReasonId> = new Set<ReasonId>([
  'rejected',
  'filtered',
  'systemerror',
  'networkerror',
  'securityerror',
  'contenterror',
  'syntaxerror',
  'policyviolation',
  'blocked',
  'expired',
  'notcompliantrfc',
  'exceedlimit',
  'spamdetected',
  'mesgtoobig',
]);

/** Status-code verdicts strong enough to overrule a weak wording verdict. */
export const STRONG_STATUS: ReadonlySet<ReasonId> = new Set<ReasonId>([
  'userunknown',
  'mailboxfull',
  'hostunknown',
  'hasmoved',
  'authfailure',
  'requireptr',
  'mesgtoobig',
  'suspend',
  'exceedlimit',
]);

/** Reasons that no wording decides, and what does. */
export const DECIDED_ELSEWHERE: Readonly<Partial<Record<ReasonId, string>>> = {
  vacation: 'the report kind: an automatic reply (RFC 3834 headers, out-of-office wording)',
  delivered: 'the report kind: a delivery-status report whose action is delivered, relayed or expanded',
  feedback: 'the report kind: an ARF feedback report',
  onhold: 'the fallback when the report shows a failure and a diagnostic or code, but nothing names a cause',
  undefined: 'the fallback when the report names a failed recipient and nothing else: no diagnostic, no code',
};
