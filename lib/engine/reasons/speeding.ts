/**
 * Receiving too fast (speeding). The recipient or their server is getting mail faster than it allows.
 * Phrases are lower case and matched against the diagnostic with addresses taken out; each
 * set has one place in ./precedence.ts. The comment beside a phrase quotes a corpus reply it reads.
 */
import type { ReasonModule } from './types';

export const speeding: ReasonModule = {
  id: 'speeding',
  title: 'Receiving too fast',
  definition: 'The recipient or their server is getting mail faster than it allows.',
  category: 'rate-limit',
  hard: false,
  action: 'retry-later',
  statusCodes: [],
  phrases: {
    'hourly-recipients': [
      'too many recipients this hour', // GoDaddy (receiving side): "…<kijitora@example.com> - 203.0.113.222 has sent to too many recipients this hour. IB607 <http://x.co/rlbounce>"
      'sent to too many recipients', // GoDaddy (receiving side): "…<kijitora@example.com> - 203.0.113.222 has sent to too many recipients this hour. IB607 <http://x.co/rlbounce>"
    ],
    main: [
      'rate limit', // Postfix: "452 4.3.2 Connection rate limit exceeded."
      'ratelimit',
      'rate-limit',
      'receiving mail at a rate', // Postfix: "550-5.2.1 The user you are trying to contact is receiving mail at a rate that prevents additional messages from being…"
      'sending too fast',
      'too many emails',
      'throttl',
      'exceeded the rate',
      'unusual rate',
      'please try again later. sending limit',
    ],
    weak: ['too fast', 'too many messages'],
  },
  fixtures: ['corpus:maildir/bsd/lhost-postfix-59.eml'],
};
