/**
 * Recipient system full (systemfull). The recipient’s mail server has run out of disk space.
 * Phrases are lower case and matched against the diagnostic with addresses taken out; each
 * set has one place in ./precedence.ts. The comment beside a phrase quotes a corpus reply it reads.
 */
import type { ReasonModule } from './types';

export const systemfull: ReasonModule = {
  id: 'systemfull',
  title: 'Recipient system full',
  definition: 'The recipient’s mail server has run out of disk space.',
  category: 'recipient-error',
  hard: false,
  action: 'retry-later',
  statusCodes: [
    '3.1', // X.3.1: mail system full
  ],
  phrases: {
    main: [
      'insufficient disk space', // Sendmail: "452 4.4.5 Insufficient disk space; try again later"
      'no space left on device',
      'mail system full',
      'system full',
      'insufficient system storage',
      'out of disk',
      'disk full',
      'file system full',
    ],
  },
  fixtures: ['corpus:maildir/bsd/lhost-sendmail-39.eml'],
};
