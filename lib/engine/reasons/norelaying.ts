/**
 * Relaying denied (norelaying). The server would not pass the message on because the sender is not allowed to relay through it.
 * Phrases are lower case and matched against the diagnostic with addresses taken out; each
 * set has one place in ./precedence.ts. The comment beside a phrase quotes a corpus reply it reads.
 */
import type { ReasonModule } from './types';

export const norelaying: ReasonModule = {
  id: 'norelaying',
  title: 'Relaying denied',
  definition:
    'The server would not pass the message on because the sender is not allowed to relay through it.',
  category: 'rejection',
  hard: false,
  action: 'fix-sending-setup',
  statusCodes: [],
  phrases: {
    'insecure-relay': [
      'insecure mail relay', // Sendmail 5: "MAIL From: <<< 550 Insecure Mail Relay <kijitora@example.edu>... Remote protocol…"
    ],
    main: [
      'not configured to relay', // Postfix: "…RCPT TO not accepted: 5.7.1 This system is not configured to relay mail (r) from <nekonyaans@p2.example.com>…"
      'email address is not verified', // Postfix: "554 Message rejected: Email address is not verified. The following identities failed the check…"
      'relay denied',
      'relay not permitted',
      'relaying not permitted',
      'not permitted to relay',
      'unable to relay',
      'relay not allowed',
      'relaying mail to',
      'we do not relay',
      'no relaying', // DragonFly Mail Agent: "…<norelaying@libsisimai.net>: Recipient address rejected: No relaying. See https://libsisimai.org/en/reason/#norelaying"
      'is not a gateway',
      'not local host',
      'mail for this domain is not accepted',
      "domain isn't in my list of allowed rcpthosts",
      'not in my list of allowed rcpthosts',
      'relay prohibited',
    ],
  },
  fixtures: ['corpus:maildir/bsd/lhost-amazonses-21.eml'],
};
