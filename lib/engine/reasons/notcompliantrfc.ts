/**
 * Breaks mail standards (notcompliantrfc). The message’s headers or structure do not follow the email standards.
 * Phrases are lower case and matched against the diagnostic with addresses taken out; each
 * set has one place in ./precedence.ts. The comment beside a phrase quotes a corpus reply it reads.
 */
import type { ReasonModule } from './types';

export const notcompliantrfc: ReasonModule = {
  id: 'notcompliantrfc',
  title: 'Breaks mail standards',
  definition: 'The message’s headers or structure do not follow the email standards.',
  category: 'rejection',
  hard: false,
  action: 'fix-sending-setup',
  statusCodes: [],
  phrases: {
    main: [
      'not rfc 5322 compliant', // Google (receiving side): "550-5.7.1 This message is not RFC 5322 compliant. There are multiple Subject headers. To…"
      'multiple addresses in from', // Postfix: "…[2401:2500:102:3032:192.0.2.222 13] Messages with multiple addresses in From: header are not accepted. v14si1155795plk.134…"
      'rfc 5322', // Google (receiving side): "550-5.7.1 This message is not RFC 5322 compliant. There are multiple Subject headers.…"
      'rfc5322',
      'rfc 2822',
      'rfc2822',
      'rfc 5321', // Google (receiving side): "…https://support.google.com/a/answer/3221692 and review RFC 5321"
      'not compliant',
      'non-compliant',
      'noncompliant', // Google (receiving side): "…https://support.google.com/mail/?p=RfcMessageNonCompliant and review RFC 5322 specifications for more…"
      'missing required header',
      'invalid message-id',
    ],
    weak: [
      'malformed', // AOL: "…service error for name=libsisimai.org type=MX: Malformed or unexpected name server reply"
      'rfc822', // Postfix: "In: RCPT TO: ORCPT=rfc822;kijitora@libsisimai.net Out: 250 2.1.5 Ok…"
      'rfc 822',
    ],
  },
  fixtures: ['corpus:maildir/bsd/lhost-postfix-28.eml'],
};
