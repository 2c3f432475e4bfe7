/**
 * The 34 fine-grained reasons (the corpus vocabulary) with their category,
 * default hardness and default action. The category column must equal the
 * table in tests/corpus/sisimai/README.md; a test parses that table and compares.
 *
 * "hard" means the address itself is bad and must not be mailed again. A
 * blocked, rate-limited or full mailbox is not hard: the address still works.
 */
import type { ActionId, CategoryId, ReasonId } from '../types';

export interface ReasonInfo {
  id: ReasonId;
  category: CategoryId;
  title: string;
  /** One plain sentence. */
  description: string;
  /** Default hardness; the engine may override it (e.g. a 4xx "notaccept" is soft). */
  hard: boolean;
  action: ActionId;
}

type Row = [CategoryId, string, string, boolean, ActionId];

// prettier-ignore
const ROWS: Record<ReasonId, Row> = {
  userunknown: ['invalid-address', 'Unknown user', 'No mailbox by this name exists at the receiving domain.', true, 'remove-address'],
  hasmoved: ['invalid-address', 'Address moved', 'The person moved to another address and mail to the old one is not forwarded.', true, 'remove-address'],
  suspend: ['invalid-address', 'Account disabled', 'The account exists but has been switched off, suspended or left inactive.', false, 'contact-recipient'],
  hostunknown: ['mailbox', 'Unknown domain', 'The domain after the @ does not exist or has no server that takes mail.', true, 'remove-address'],
  notaccept: ['mailbox', 'Domain takes no mail', 'The recipient’s domain declares that it receives no email at all (for instance a null MX).', true, 'remove-address'],
  mailboxfull: ['mailbox-full', 'Mailbox full', 'The recipient has used up their storage allowance, so new mail is refused for now.', false, 'retry-later'],
  authfailure: ['dmarc', 'Authentication failed', 'SPF, DKIM or DMARC checks for the sending domain did not pass.', false, 'fix-sending-setup'],
  toomanyconn: ['rate-limit', 'Too many connections', 'The sender opened too many connections or sent too many messages at once.', false, 'retry-later'],
  speeding: ['rate-limit', 'Receiving too fast', 'The recipient or their server is getting mail faster than it allows.', false, 'retry-later'],
  blocked: ['sender-reputation', 'Sender blocked', 'The sending IP or host is on a block list or is not trusted by the receiver.', false, 'fix-sending-setup'],
  badreputation: ['sender-reputation', 'Poor reputation', 'The receiver rates the sending IP or domain’s reputation too low to accept mail.', false, 'fix-sending-setup'],
  spamdetected: ['sender-reputation', 'Judged as spam', 'The receiver’s filters classified the message as spam.', false, 'fix-sending-setup'],
  policyviolation: ['blocked', 'Policy violation', 'A rule of the recipient’s organisation forbids this message.', false, 'contact-recipient'],
  contenterror: ['blocked', 'Content refused', 'Something in the message’s content or format was not accepted.', false, 'fix-sending-setup'],
  virusdetected: ['blocked', 'Malware found', 'A virus or other malicious content was detected in the message.', false, 'fix-sending-setup'],
  rejected: ['rejection', 'Sender refused', 'The envelope sender address or the sending domain was not accepted.', false, 'fix-sending-setup'],
  requireptr: ['rejection', 'No reverse DNS', 'The sending IP address has no valid reverse DNS (PTR) name.', false, 'fix-sending-setup'],
  notcompliantrfc: ['rejection', 'Breaks mail standards', 'The message’s headers or structure do not follow the email standards.', false, 'fix-sending-setup'],
  syntaxerror: ['rejection', 'SMTP syntax error', 'The sending server spoke the SMTP protocol incorrectly.', false, 'fix-sending-setup'],
  securityerror: ['rejection', 'Security requirement', 'TLS encryption or SMTP authentication was required or failed.', false, 'fix-sending-setup'],
  mesgtoobig: ['rejection', 'Message too large', 'The message is bigger than the recipient’s server allows.', false, 'fix-sending-setup'],
  exceedlimit: ['rejection', 'Limit exceeded', 'The message goes over a limit set on the receiving side, such as recipients per message.', false, 'fix-sending-setup'],
  norelaying: ['rejection', 'Relaying denied', 'The server would not pass the message on because the sender is not allowed to relay through it.', false, 'fix-sending-setup'],
  filtered: ['recipient-error', 'Refused by recipient’s filter', 'The recipient’s server or filters only accept mail from approved or internal senders.', false, 'contact-recipient'],
  expired: ['recipient-error', 'Delivery expired', 'The message could not be handed over before the retry period ran out.', false, 'retry-later'],
  systemerror: ['recipient-error', 'Recipient system error', 'The recipient’s mail system had an internal failure.', false, 'retry-later'],
  systemfull: ['recipient-error', 'Recipient system full', 'The recipient’s mail server has run out of disk space.', false, 'retry-later'],
  networkerror: ['recipient-error', 'Network or DNS failure', 'The recipient’s server could not be reached because of a network or DNS problem.', false, 'retry-later'],
  mailererror: ['recipient-error', 'Local delivery failure', 'The program that stores mail on the recipient’s side failed.', false, 'contact-recipient'],
  onhold: ['unclassified', 'Undecided', 'The report names a failure but not enough to tell its cause.', false, 'retry-later'],
  undefined: ['unclassified', 'Unknown cause', 'Nothing in the report shows why delivery failed.', false, 'retry-later'],
  vacation: ['auto-reply', 'Auto-reply', 'An automatic answer such as an out-of-office note; the mail was delivered.', false, 'none'],
  delivered: ['delivered', 'Delivered', 'A receipt confirming that the message was accepted.', false, 'none'],
  feedback: ['complaint', 'Spam complaint', 'A recipient reported the message as spam through a feedback loop; stop mailing them.', false, 'remove-address'],
};

export const REASONS: Record<ReasonId, ReasonInfo> = Object.fromEntries(
  (Object.entries(ROWS) as [ReasonId, Row][]).map(([id, [category, title, description, hard, action]]) => [
    id,
    { id, category, title, description, hard, action },
  ]),
) as Record<ReasonId, ReasonInfo>;

/** Reason info by id; unknown ids fall back to `undefined`. */
export function reasonInfo(id: string): ReasonInfo {
  return (REASONS as Record<string, ReasonInfo | undefined>)[id] ?? REASONS.undefined;
}
