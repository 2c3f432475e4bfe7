/**
 * Limit exceeded (exceedlimit). The message goes over a limit set on the receiving side, such as recipients per message.
 * Phrases are lower case and matched against the diagnostic with addresses taken out; each
 * set has one place in ./precedence.ts. The comment beside a phrase quotes a corpus reply it reads.
 */
import type { ReasonModule } from './types';

export const exceedlimit: ReasonModule = {
  id: 'exceedlimit',
  title: 'Limit exceeded',
  definition: 'The message goes over a limit set on the receiving side, such as recipients per message.',
  category: 'rejection',
  hard: false,
  action: 'fix-sending-setup',
  statusCodes: [
    '2.3', // X.2.3: message length exceeds administrative limit
    '5.3', // X.5.3: too many recipients
  ],
  phrases: {
    main: ['message exceeds local limit', 'exceeds local limit', 'message too long', 'recipient limit'],
    weak: [
      'limit exceeded', // 1&1: "…kijitora@example.org For the following reason: Mail size limit exceeded. For explanation visit http://postmaster.1and1.com/en/e…"
      'exceeded the limit',
    ],
  },
  fixtures: ['corpus:maildir/bsd/lhost-dragonfly-08.eml'],
};
