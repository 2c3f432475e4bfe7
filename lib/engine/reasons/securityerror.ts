/**
 * Security requirement (securityerror). TLS encryption or SMTP authentication was required or failed.
 * Phrases are lower case and matched against the diagnostic with addresses taken out; each
 * set has one place in ./precedence.ts. The comment beside a phrase quotes a corpus reply it reads.
 */
import type { ReasonModule } from './types';

export const securityerror: ReasonModule = {
  id: 'securityerror',
  title: 'Security requirement',
  definition: 'TLS encryption or SMTP authentication was required or failed.',
  category: 'rejection',
  hard: false,
  action: 'fix-sending-setup',
  statusCodes: [
    '7.3', // X.7.3: security conversion required but not possible
    '7.4', // X.7.4: security features not supported
    '7.5', // X.7.5: cryptographic failure
    '7.6', // X.7.6: cryptographic algorithm not supported
    '7.7', // X.7.7: message integrity failure
    '7.8', // X.7.8: authentication credentials invalid
    '7.9', // X.7.9: authentication mechanism is too weak
    '7.10', // X.7.10: encryption needed
    '7.11', // X.7.11: encryption required for requested authentication mechanism
    '7.12', // X.7.12: a password transition is needed
    '7.14', // X.7.14: trust relationship required
    '7.15', // X.7.15: priority level is too low
    '7.19', // X.7.19: RRVS test cannot be completed
    '7.29', // X.7.29: ARC validation failure
    '7.30', // X.7.30: REQUIRETLS support required
  ],
  phrases: {
    main: [
      'unauthenticated senders', // Postfix: "550 Unauthenticated senders not allowed"
      'starttls', // Postfix: "Out: 250-STARTTLS"
      'authentication required', // Exchange 2007: "550 5.7.1 RESOLVER.RST.AuthRequired; authentication required"
      'authentication is required',
      'must issue a starttls',
      'smtp auth', // MessageLabs: "550-Please turn on SMTP Authentication in your mail client."
      'auth required',
      'authentication failed',
      'must be authenticated',
      'requires authentication',
    ],
    weak: [
      'tls', // Gmail: "500 Remote server does not support TLS (state 6)."
      'ssl', // Apache James: "with ESMTP via SSL; 12 Jun 2013 02:22:13 -0000"
      'encryption',
      'certificate', // AOL: "(No client certificate requested)"
      'password',
      'insecure', // Sendmail 5: "MAIL From: <<< 550 Insecure Mail Relay <kijitora@example.edu>... Remote…"
      'secure connection',
    ],
  },
  fixtures: ['corpus:maildir/bsd/lhost-amazonses-07.eml'],
};
