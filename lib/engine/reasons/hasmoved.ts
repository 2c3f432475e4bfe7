/**
 * Address moved (hasmoved). The person moved to another address and mail to the old one is not forwarded.
 * Phrases are lower case and matched against the diagnostic with addresses taken out; each
 * set has one place in ./precedence.ts. The comment beside a phrase quotes a corpus reply it reads.
 */
import type { ReasonModule } from './types';

export const hasmoved: ReasonModule = {
  id: 'hasmoved',
  title: 'Address moved',
  definition: 'The person moved to another address and mail to the old one is not forwarded.',
  category: 'invalid-address',
  hard: true,
  action: 'remove-address',
  statusCodes: [
    '1.6', // X.1.6: destination mailbox has moved, no forwarding address
    '7.17', // X.7.17: mailbox owner has changed
    '7.18', // X.7.18: domain owner has changed
  ],
  phrases: {
    main: [
      'has been moved',
      'address has moved',
      'has moved', // DragonFly Mail Agent: "…Recipient address rejected: Destination mailbox has moved, No forwarding address. See https://libsisimai.org/en/reason/#hasmoved"
      'no longer at this address',
      'address changed',
      'user has moved',
      'mailbox has moved', // DragonFly Mail Agent: "…Recipient address rejected: Destination mailbox has moved, No forwarding address. See https://libsisimai.org/en/reason/#hasmoved"
      'moved to another',
    ],
  },
  fixtures: ['corpus:maildir/bsd/lhost-dragonfly-10.eml'],
};
