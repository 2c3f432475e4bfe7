/**
 * Enhanced status codes (RFC 3463, the IANA registry up to X.7.30), in plain
 * words, plus the meanings some providers give to numbers of their own
 * (from the provider modules).
 * A code reads class.subject.detail: the class says how final it is, the
 * subject which part of delivery failed, the detail what exactly.
 */

import { providerCode } from '../providers';

export interface StatusDescription {
  /** Normalised code, e.g. "5.1.1". */
  code: string;
  classMeaning: string;
  subjectMeaning: string;
  /** Registry (or provider) meaning of the detail; null when the number is not known. */
  detailMeaning: string | null;
  /** Where detailMeaning came from. */
  source: 'provider' | 'registry' | null;
  /** One line for the card, e.g. "Permanent failure: the recipient mailbox does not exist." */
  text: string;
}

export const CLASS_MEANINGS: Readonly<Record<string, string>> = {
  '2': 'Success',
  '4': 'Temporary failure',
  '5': 'Permanent failure',
};

export const SUBJECT_MEANINGS: readonly string[] = [
  'other or unspecified',
  'addressing',
  'mailbox',
  'mail system',
  'network and routing',
  'mail delivery protocol',
  'message content or media',
  'security or policy',
];

/** Registry meanings keyed by "subject.detail" (the class is separate). */
export const STATUS_MEANINGS: Readonly<Record<string, string>> = {
  '0.0': 'unspecified problem; only the class is known',
  '1.0': 'a problem with an address',
  '1.1': 'the recipient mailbox does not exist',
  '1.2': 'the recipient’s domain or mail host is wrong or does not take mail',
  '1.3': 'the recipient address is written incorrectly',
  '1.4': 'the recipient address matches more than one mailbox',
  '1.5': 'the recipient address is valid',
  '1.6': 'the mailbox moved and left no forwarding address',
  '1.7': 'the sender address is written incorrectly',
  '1.8': 'the sender’s domain is invalid or cannot be found',
  '1.9': 'the message was passed on to a server that does not follow the standards',
  '1.10': 'the recipient’s domain publishes a null MX: it accepts no mail',
  '2.0': 'a problem with the recipient’s mailbox',
  '2.1': 'the mailbox is disabled and takes no messages',
  '2.2': 'the mailbox is full',
  '2.3': 'the message is longer than the mailbox’s administrative limit',
  '2.4': 'a mailing list could not be expanded',
  '3.0': 'a problem with the receiving mail system',
  '3.1': 'the mail system has run out of storage',
  '3.2': 'the system is not taking mail from the network',
  '3.3': 'the system lacks a feature the message needs',
  '3.4': 'the message is bigger than the system accepts',
  '3.5': 'the mail system is configured wrongly',
  '3.6': 'the message’s priority was changed',
  '4.0': 'a network or routing problem',
  '4.1': 'the destination host did not answer',
  '4.2': 'the connection failed or was dropped',
  '4.3': 'a directory or lookup server failed',
  '4.4': 'no route to the destination could be found',
  '4.5': 'the mail system is congested',
  '4.6': 'the message went round in a routing loop',
  '4.7': 'the message was not delivered before its retry time ran out',
  '5.0': 'a problem in the SMTP conversation',
  '5.1': 'a command was not valid',
  '5.2': 'a command had a syntax error',
  '5.3': 'the message had too many recipients',
  '5.4': 'a command’s arguments were not valid',
  '5.5': 'the servers use incompatible protocol versions',
  '5.6': 'an authentication exchange line was too long',
  '6.0': 'a problem with the message content or format',
  '6.1': 'the content type is not supported',
  '6.2': 'the content needs converting, and converting is not allowed',
  '6.3': 'the content needs converting, and that is not possible',
  '6.4': 'the content was converted with some loss',
  '6.5': 'converting the content failed',
  '6.6': 'the message content is no longer available',
  '6.7': 'addresses with non-ASCII characters are not allowed here',
  '6.8': 'a UTF-8 reply is needed but the client does not allow it',
  '6.9': 'a message with UTF-8 headers cannot be passed on to some recipients',
  '6.10': 'a UTF-8 reply is needed but not allowed (old duplicate of x.6.8)',
  '7.0': 'a security or policy problem',
  '7.1': 'delivery was not authorised and the message was refused',
  '7.2': 'expanding the mailing list is not allowed',
  '7.3': 'a required security conversion was not possible',
  '7.4': 'the requested security features are not supported',
  '7.5': 'a cryptographic operation failed',
  '7.6': 'the cryptographic algorithm is not supported',
  '7.7': 'the message failed an integrity check',
  '7.8': 'the login credentials were not accepted',
  '7.9': 'the authentication method is too weak',
  '7.10': 'an encrypted connection is required',
  '7.11': 'this authentication method needs an encrypted connection',
  '7.12': 'the account password has to be changed',
  '7.13': 'the user account is disabled',
  '7.14': 'a trust relationship between the servers is required',
  '7.15': 'the message’s priority is too low',
  '7.16': 'the message is too large for its priority',
  '7.17': 'the mailbox now belongs to someone else',
  '7.18': 'the domain now belongs to someone else',
  '7.19': 'the check that the recipient is unchanged could not be done',
  '7.20': 'no passing DKIM signature was found',
  '7.21': 'no acceptable DKIM signature was found',
  '7.22': 'no valid DKIM signature matches the author’s domain',
  '7.23': 'the SPF check failed',
  '7.24': 'the SPF check could not be completed',
  '7.25': 'the sending IP’s reverse DNS check failed',
  '7.26': 'several authentication checks failed',
  '7.27': 'the sender’s domain publishes a null MX',
  '7.28': 'a flood of mail was detected',
  '7.29': 'ARC validation failed',
  '7.30': 'the recipient requires REQUIRETLS support',
};

/** The providers' own uses of numbers live in their modules (lib/engine/providers/). */
export { PROVIDER_STATUS_CODES } from '../providers';

const CODE_RE = /(?:^|[^\d.])([245])\.(\d{1,3})\.(\d{1,3})(?![\d])/;

function providerMeaning(cls: string, subject: number, detail: number, providerId: string): string | null {
  return providerCode(providerId, cls, subject, detail)?.meaning ?? null;
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/**
 * Explain an enhanced status code. Accepts surrounding text ("#5.1.1", "550 5.1.1 …")
 * and returns null when no code of class 2, 4 or 5 is found. Never throws.
 *
 * @example describeStatus('5.1.1')?.text // "Permanent failure: the recipient mailbox does not exist."
 * @example describeStatus('4.7.28', 'google')?.detailMeaning // Gmail's rate-limit meaning
 */
export function describeStatus(code: unknown, providerId?: string | null): StatusDescription | null {
  if (typeof code !== 'string' || code.length > 2000) return null;
  const m = CODE_RE.exec(code.trim());
  if (!m) return null;
  const cls = m[1] as '2' | '4' | '5';
  const subject = Number(m[2]);
  const detail = Number(m[3]);
  const normal = `${cls}.${subject}.${detail}`;
  const classMeaning = CLASS_MEANINGS[cls] ?? 'Unknown class';
  const subjectMeaning = SUBJECT_MEANINGS[subject] ?? 'unregistered subject';
  let detailMeaning: string | null = null;
  let source: StatusDescription['source'] = null;
  if (typeof providerId === 'string' && providerId) {
    detailMeaning = providerMeaning(cls, subject, detail, providerId);
    if (detailMeaning) source = 'provider';
  }
  if (!detailMeaning) {
    detailMeaning = STATUS_MEANINGS[`${subject}.${detail}`] ?? null;
    if (detailMeaning) source = 'registry';
  }
  const text = detailMeaning
    ? `${classMeaning}: ${detailMeaning}.`
    : `${classMeaning}: ${subjectMeaning} problem (detail ${detail} is not in the registry).`;
  return {
    code: normal,
    classMeaning,
    subjectMeaning: capitalise(subjectMeaning),
    detailMeaning,
    source,
    text,
  };
}
