/**
 * Too many connections (toomanyconn). The sender opened too many connections or sent too many messages at once.
 * Phrases are lower case and matched against the diagnostic with addresses taken out; each
 * set has one place in ./precedence.ts. The comment beside a phrase quotes a corpus reply it reads.
 */
import type { ReasonModule } from './types';

export const toomanyconn: ReasonModule = {
  id: 'toomanyconn',
  title: 'Too many connections',
  definition: 'The sender opened too many connections or sent too many messages at once.',
  category: 'rate-limit',
  hard: false,
  action: 'retry-later',
  statusCodes: [],
  phrases: {
    main: [
      'frequency limited', // Tencent (receiving side): "550 Ip frequency limited [V2VkIEFwciAgMyAxNjozNjo1OSBKU1QgMjAxOQo=/RkNGMjlFQTVEQ0E…"
      'too many recipients', // Postfix: "552 Too many recipients"
      'too many connections',
      'too many concurrent',
      'too many simultaneous',
      'connection limit',
      'too many sessions',
      'connection rate limit', // Postfix: "452 4.3.2 Connection rate limit exceeded."
      'too many hosts',
      'too many smtp sessions',
      'too many errors', // Sendmail: "<<< 421 4.7.0 lpn-prd-vrin012 Error: too many errors"
    ],
  },
  fixtures: ['corpus:maildir/bsd/lhost-postfix-09.eml'],
};
