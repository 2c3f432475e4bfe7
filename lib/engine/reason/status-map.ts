/**
 * Enhanced status codes that name a reason on their own (RFC 3463 and its registry), and
 * provider codes that reuse numbers with their own meaning. Codes that several reasons share
 * (X.7.1 "delivery not authorized", X.0.0, X.5.0 …) are absent: the text decides there.
 */
import type { ReasonId } from '../types';

/** Keyed by "subject.detail" (the class digit is checked separately). */
const BY_SUBJECT_DETAIL: Record<string, ReasonId> = {
  '1.1': 'userunknown', // bad destination mailbox address
  '1.2': 'hostunknown', // bad destination system address
  '1.3': 'userunknown', // bad destination mailbox address syntax
  '1.4': 'userunknown', // destination mailbox address ambiguous
  '1.5': 'userunknown', // destination address valid (used by some for "no such user")
  '1.6': 'hasmoved', // destination mailbox has moved, no forwarding address
  '1.7': 'rejected', // bad sender's mailbox address syntax
  '1.8': 'rejected', // bad sender's system address
  '1.9': 'systemerror', // message relayed to non-compliant mailer
  '1.10': 'notaccept', // recipient address has null MX (RFC 7505)
  '2.1': 'suspend', // mailbox disabled, not accepting messages
  '2.2': 'mailboxfull', // mailbox full
  '2.3': 'exceedlimit', // message length exceeds administrative limit
  '2.4': 'systemerror', // mailing list expansion problem
  '3.1': 'systemfull', // mail system full
  '3.2': 'notaccept', // system not accepting network messages
  '3.3': 'systemerror', // system not capable of selected features
  '3.4': 'mesgtoobig', // message too big for system
  '3.5': 'systemerror', // system incorrectly configured
  '4.1': 'networkerror', // no answer from host
  '4.2': 'networkerror', // bad connection
  '4.3': 'systemerror', // directory server failure
  '4.4': 'hostunknown', // unable to route
  '4.5': 'systemerror', // mail system congestion
  '4.6': 'networkerror', // routing loop detected
  '4.7': 'expired', // delivery time expired
  '5.1': 'syntaxerror', // invalid command
  '5.2': 'syntaxerror', // syntax error
  '5.3': 'exceedlimit', // too many recipients
  '5.4': 'syntaxerror', // invalid command arguments
  '5.5': 'syntaxerror', // wrong protocol version
  '6.0': 'contenterror', // other media error
  '6.1': 'contenterror', // media not supported
  '6.2': 'contenterror', // conversion required and prohibited
  '6.3': 'contenterror', // conversion required but not supported
  '6.5': 'contenterror', // conversion failed
  '6.6': 'contenterror', // message content not available
  '6.7': 'contenterror', // non-ASCII addresses not permitted
  '7.2': 'policyviolation', // mailing list expansion prohibited
  '7.3': 'securityerror', // security conversion required but not possible
  '7.4': 'securityerror', // security features not supported
  '7.5': 'securityerror', // cryptographic failure
  '7.6': 'securityerror', // cryptographic algorithm not supported
  '7.7': 'securityerror', // message integrity failure
  '7.8': 'securityerror', // authentication credentials invalid
  '7.9': 'securityerror', // authentication mechanism is too weak
  '7.10': 'securityerror', // encryption needed
  '7.11': 'securityerror', // encryption required for requested authentication mechanism
  '7.12': 'securityerror', // a password transition is needed
  '7.13': 'suspend', // user account disabled
  '7.14': 'securityerror', // trust relationship required
  '7.15': 'securityerror', // priority level is too low
  '7.16': 'mesgtoobig', // message too big for specified priority
  '7.17': 'hasmoved', // mailbox owner has changed
  '7.18': 'hasmoved', // domain owner has changed
  '7.19': 'securityerror', // RRVS test cannot be completed
  '7.20': 'authfailure', // no passing DKIM signature found
  '7.21': 'authfailure', // no acceptable DKIM signature found
  '7.22': 'authfailure', // no valid author-matched DKIM signature found
  '7.23': 'authfailure', // SPF validation failed
  '7.24': 'authfailure', // SPF validation error
  '7.25': 'requireptr', // reverse DNS validation failed
  '7.26': 'authfailure', // multiple authentication checks failed
  '7.27': 'rejected', // sender address has null MX
  '7.28': 'spamdetected', // mail flood detected
  '7.29': 'securityerror', // ARC validation failure
  '7.30': 'securityerror', // REQUIRETLS support required
};

/** Provider-specific numbers (see reference/provider-pages). */
const PROVIDER: Record<string, Record<string, ReasonId>> = {
  google: {
    '7.27': 'authfailure', // SPF did not pass
    '7.28': 'speeding', // unusual rate of unsolicited mail from the IP
    '7.30': 'authfailure', // DKIM did not pass
    '7.32': 'authfailure', // DMARC alignment
    '7.40': 'authfailure', // DMARC alignment
  },
  microsoft: {
    '1.10': 'userunknown', // RESOLVER.ADR.RecipientNotFound
  },
};

/** The reason an enhanced status code names by itself, or null when the code is shared or generic. */
export function reasonFromStatus(status: string | null, provider: string | null): ReasonId | null {
  if (!status) return null;
  const m = /^([245])\.(\d{1,3}\.\d{1,3})$/.exec(status);
  if (!m) return null;
  const cls = m[1]!;
  const key = m[2]!;
  if (cls === '2') return null;
  if (provider && PROVIDER[provider]?.[key]) return PROVIDER[provider][key]!;
  // A temporary "no answer from host" in a final report: the server gave up retrying.
  if (cls === '4' && key === '4.1') return 'expired';
  return BY_SUBJECT_DETAIL[key] ?? null;
}
