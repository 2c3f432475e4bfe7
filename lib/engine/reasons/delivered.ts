/**
 * Delivered (delivered). A receipt confirming that the message was accepted.
 * Phrases are lower case and matched against the diagnostic with addresses taken out; each
 * set has one place in ./precedence.ts. The comment beside a phrase quotes a corpus reply it reads.
 */
import type { ReasonModule } from './types';

export const delivered: ReasonModule = {
  id: 'delivered',
  title: 'Delivered',
  definition: 'A receipt confirming that the message was accepted.',
  category: 'delivered',
  hard: false,
  action: 'none',
  statusCodes: [],
  phrases: {},
  fixtures: ['corpus:maildir/bsd/lhost-amazonses-12.eml'],
};
