/**
 * Spam complaint (feedback). A recipient reported the message as spam through a feedback loop; stop mailing them.
 * Phrases are lower case and matched against the diagnostic with addresses taken out; each
 * set has one place in ./precedence.ts. The comment beside a phrase quotes a corpus reply it reads.
 */
import type { ReasonModule } from './types';

export const feedback: ReasonModule = {
  id: 'feedback',
  title: 'Spam complaint',
  definition: 'A recipient reported the message as spam through a feedback loop; stop mailing them.',
  category: 'complaint',
  hard: false,
  action: 'remove-address',
  statusCodes: [],
  phrases: {},
  fixtures: ['corpus:maildir/bsd/arf-01.eml'],
};
