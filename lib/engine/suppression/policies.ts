/**
 * What each reason says about the address, for the suppression list: one row per reason id, with
 * the words the card and the exports use to explain the decision.
 *
 * - `address`: the address itself is bad (it does not exist, is disabled, moved): list it at once.
 * - `domain`: the recipient's domain is dead or takes no mail: list the address, and the domain may
 *   be listed as a domain.
 * - `after-repeats`: a temporary or unexplained failure about the recipient: list the address only
 *   after it keeps failing (N bounces spread over at least D days).
 * - `never`: a refusal of the sender (its IP, domain, authentication, content, volume): it says
 *   nothing about the address, so the address stays.
 * - `complaint`: a spam complaint; it goes on the complaint list, not the bounce list.
 * - `not-a-bounce`: the mail was delivered (a receipt, an auto-reply).
 *
 * The table is checked against the engine's vocabulary by suppression.test.ts: every reason id has
 * a row. A 4xx code or a delay notice always counts as `after-repeats`, whatever the reason: a
 * temporary failure never lists an address on its own.
 */
import type { ReasonId } from '../types';

export type SuppressionPolicy =
  'address' | 'domain' | 'after-repeats' | 'never' | 'complaint' | 'not-a-bounce';

export interface PolicyRow {
  policy: SuppressionPolicy;
  /** The end of "Will be suppressed: …" / "Not an address problem: …", lower case, no full stop. */
  why: string;
}

type Row = [SuppressionPolicy, string];

// prettier-ignore
const ROWS: Record<ReasonId, Row> = {
  // The address itself is bad.
  userunknown: ['address', 'the address does not exist'],
  hasmoved: ['address', 'the person has moved to another address'],
  suspend: ['address', 'the account is disabled or inactive'],
  suppressed: ['address', 'your sending service already refuses to send to it (on its suppression list)'],
  // The domain is dead.
  hostunknown: ['domain', 'the domain does not exist or has no mail server'],
  notaccept: ['domain', 'the domain accepts no mail'],
  // Temporary, or about the recipient's side without saying the address is bad.
  mailboxfull: ['after-repeats', 'the mailbox is full'],
  expired: ['after-repeats', 'delivery kept failing until the retry period ran out'],
  systemerror: ['after-repeats', 'the recipient’s mail system failed'],
  systemfull: ['after-repeats', 'the recipient’s mail server is out of space'],
  networkerror: ['after-repeats', 'the recipient’s server could not be reached'],
  mailererror: ['after-repeats', 'the recipient’s local delivery failed'],
  onhold: ['after-repeats', 'the report does not say enough to tell the cause'],
  undefined: ['after-repeats', 'the report does not say why delivery failed'],
  // The sender was refused: nothing is known about the address.
  authfailure: ['never', 'your sending setup was refused (SPF, DKIM or DMARC did not pass)'],
  blocked: ['never', 'your sending setup was refused (the sending IP or host is blocked)'],
  badreputation: ['never', 'your sending setup was refused (its reputation was judged too low)'],
  spamdetected: ['never', 'the message was judged as spam'],
  policyviolation: ['never', 'the recipient’s organisation refused this message by policy'],
  contenterror: ['never', 'the message’s content or format was refused'],
  virusdetected: ['never', 'the message was refused as malware'],
  rejected: ['never', 'your sending setup was refused (the sender address or domain)'],
  requireptr: ['never', 'your sending setup was refused (the sending IP has no reverse DNS)'],
  notcompliantrfc: ['never', 'the message breaks the mail standards'],
  syntaxerror: ['never', 'your sending setup was refused (an SMTP syntax error)'],
  securityerror: ['never', 'your sending setup was refused (TLS or SMTP authentication)'],
  failedstarttls: ['never', 'the encrypted connection (STARTTLS) between the servers failed'],
  mesgtoobig: ['never', 'the message was too large'],
  exceedlimit: ['never', 'the message went over a receiving limit'],
  norelaying: ['never', 'your sending setup was refused (relaying denied)'],
  toomanyconn: ['never', 'you sent too much at once'],
  speeding: ['never', 'mail arrived faster than the receiver allows'],
  filtered: ['never', 'the recipient’s filters refused this sender'],
  // Not bounces.
  feedback: ['complaint', 'the recipient reported your mail as spam'],
  vacation: ['not-a-bounce', 'an automatic reply; the mail was delivered'],
  delivered: ['not-a-bounce', 'a delivery receipt; the mail was delivered'],
};

export const POLICIES: Readonly<Record<ReasonId, PolicyRow>> = Object.fromEntries(
  (Object.entries(ROWS) as [ReasonId, Row][]).map(([id, [policy, why]]) => [id, { policy, why }]),
) as Record<ReasonId, PolicyRow>;

/** The row of a reason id; an id this version does not know is treated as `undefined`. */
export function policyOf(reason: string): PolicyRow {
  return (POLICIES as Record<string, PolicyRow | undefined>)[reason] ?? POLICIES.undefined;
}
