/**
 * Refused by recipient’s filter (filtered). The recipient’s server or filters only accept mail from approved or internal senders.
 * Phrases are lower case and matched against the diagnostic with addresses taken out; each
 * set has one place in ./precedence.ts. The comment beside a phrase quotes a corpus reply it reads.
 */
import type { ReasonModule } from './types';

export const filtered: ReasonModule = {
  id: 'filtered',
  title: 'Refused by recipient’s filter',
  definition: 'The recipient’s server or filters only accept mail from approved or internal senders.',
  category: 'recipient-error',
  hard: false,
  action: 'contact-recipient',
  statusCodes: [],
  phrases: {
    main: [
      'not accepting mail from',
      'only accepts mail from',
      'accept only',
      'does not accept mail from',
      'refused by recipient',
      'recipient refused',
      'delivery not authorized', // DragonFly Mail Agent: "…<securityerror@libsisimai.net>: Recipient address rejected: Delivery not authorized. See https://libsisimai.org/en/reason/#secu…"
      'not authorized to receive',
      'recipient rejects',
      'not allowed to receive',
      'message rejected by recipient',
      'unauthorized sender',
      'sender is not allowed',
      'is not allowed to send to',
      'user refuses',
      'blocked by recipient',
      'rejected by recipient',
    ],
    weak: [
      'filtered', // Amazon WorkMail: "550 5.2.1 <filtered@example.jp>... User Unknown"
    ],
  },
  fixtures: ['corpus:maildir/bsd/lhost-amazonworkmail-02.eml'],
};
