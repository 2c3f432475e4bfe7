/**
 * Undecided (onhold). The report names a failure but not enough to tell its cause.
 * Phrases are lower case and matched against the diagnostic with addresses taken out; each
 * set has one place in ./precedence.ts. The comment beside a phrase quotes a corpus reply it reads.
 */
import type { ReasonModule } from './types';

export const onhold: ReasonModule = {
  id: 'onhold',
  title: 'Undecided',
  definition: 'The report names a failure but not enough to tell its cause.',
  category: 'unclassified',
  hard: false,
  action: 'retry-later',
  statusCodes: [],
  phrases: {},
  fixtures: ['corpus:maildir/bsd/lhost-notes-01.eml'],
};
