/**
 * The engine's vocabulary. Every id here is stored in history and exports:
 * ids are forever (a rename needs a migration, see lib/history).
 */

/** What a whole message is. */
export type MessageKind =
  | 'failed' // a bounce: at least one recipient was not delivered
  | 'delayed' // a delay notice: the server is still trying
  | 'auto-reply' // out-of-office, vacation, "I have moved" replies (RFC 3834)
  | 'complaint' // a feedback-loop / ARF spam complaint report
  | 'delivered' // a positive delivery status notification
  | 'not-bounce'; // anything else

/** Fine-grained reason: the 34 names of the corpus README, then the ones real mail needed since. */
export const REASON_IDS = [
  'userunknown',
  'hasmoved',
  'suspend',
  'hostunknown',
  'notaccept',
  'mailboxfull',
  'authfailure',
  'toomanyconn',
  'speeding',
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
  'filtered',
  'expired',
  'systemerror',
  'systemfull',
  'networkerror',
  'mailererror',
  'onhold',
  'undefined',
  'vacation',
  'delivered',
  'feedback',
  // Added after the corpus vocabulary, for mail it lacks (Sisimai 5.2 added both).
  'suppressed',
  'failedstarttls',
] as const;
export type ReasonId = (typeof REASON_IDS)[number];

/** The product's categories: the nine seed categories, unclassified, and the non-bounce kinds. */
export const CATEGORY_IDS = [
  'blocked',
  'dmarc',
  'invalid-address',
  'mailbox',
  'mailbox-full',
  'rate-limit',
  'recipient-error',
  'rejection',
  'sender-reputation',
  'unclassified',
  'auto-reply',
  'complaint',
  'delivered',
] as const;
export type CategoryId = (typeof CATEGORY_IDS)[number];

/** What the user should do about one failed recipient. */
export type ActionId =
  | 'remove-address' // the address is dead: suppress it
  | 'retry-later' // temporary: the message may go through later
  | 'fix-sending-setup' // our side: authentication, reputation, DNS, content
  | 'contact-recipient' // reach the person another way (their side refuses)
  | 'none'; // nothing to do (auto-reply, delivered)

/** Receiving (or reporting) provider, when recognisable. */
export type ProviderId = string;

/** One piece of evidence behind a verdict, for the card's "why" line. */
export interface Evidence {
  /** Where the verdict came from. */
  source:
    | 'provider-rule' // a provider-specific phrase or code
    | 'phrase' // a diagnostic phrase
    | 'status-code' // the enhanced status code
    | 'reply-code' // the basic SMTP reply code
    | 'decoder' // the reporting server's own format says so
    | 'default'; // nothing decided: fallback
  /** Short human-readable detail, e.g. `status 5.1.1` or `phrase "user unknown"`. Never the whole diagnostic. */
  detail: string;
}

/** One affected recipient of a report. */
export interface BounceRecord {
  /** The failed address, lower-cased; null when the report does not name it. */
  recipient: string | null;
  /** Basic SMTP reply code such as "550"; null when unknown. */
  replyCode: string | null;
  /** Enhanced status code such as "5.1.1"; null when unknown. */
  status: string | null;
  /** The remote server's diagnostic, whitespace-cleaned; null when none. */
  diagnostic: string | null;
  reason: ReasonId;
  category: CategoryId;
  /** True when the address itself is bad and must not be mailed again. */
  hard: boolean;
  action: ActionId;
  /** Receiving provider id (see knowledge/providers), null when not recognised. */
  provider: ProviderId | null;
  /** The remote host that gave the answer, when named. */
  remoteHost: string | null;
  /** The server that wrote the report, when named. */
  reportingMta: string | null;
  /** Delivery-status Action field: failed, delayed, delivered, relayed, expanded. */
  dsnAction: string | null;
  /** The SMTP command the remote server was answering (RCPT, DATA …), when the report says. */
  smtpCommand?: 'CONN' | 'HELO' | 'MAIL' | 'RCPT' | 'DATA' | null;
  /** Which evidence decided the reason, strongest first. */
  evidence: Evidence[];
}

/** What the returned original message tells about the sender. */
export interface OriginalInfo {
  from: string | null;
  fromDomain: string | null;
  to: string | null;
  subject: string | null;
  messageId: string | null;
  date: string | null;
  sendingIp: string | null;
}

/** The result for one message. */
export interface BounceResult {
  kind: MessageKind;
  /** One per affected recipient; empty for not-bounce. */
  records: BounceRecord[];
  original: OriginalInfo;
  /** The report's own headers. */
  report: {
    from: string | null;
    subject: string | null;
    date: string | null;
    messageId: string | null;
  };
  /** Which decoder read the message (e.g. "rfc3464", "postfix", "gmail-visible"). */
  decoder: string | null;
  /** Non-fatal problems met while reading (truncated input, undecodable charset …). */
  warnings: string[];
}

/** What Gmail shows of an open message, for the instant first view. */
export interface VisibleMessage {
  /** Sender address as shown (span.gD[email]). */
  fromAddress: string | null;
  /** Sender display name. */
  fromName?: string | null;
  subject: string | null;
  /** The visible body text (innerText of div.a3s). */
  text: string;
}
