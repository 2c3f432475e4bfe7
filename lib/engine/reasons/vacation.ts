/**
 * Auto-reply (vacation). An automatic answer such as an out-of-office note; the mail was delivered.
 * Phrases are lower case and matched against the diagnostic with addresses taken out; each
 * set has one place in ./precedence.ts. The comment beside a phrase quotes a corpus reply it reads.
 */
import type { ReasonModule } from './types';

export const vacation: ReasonModule = {
  id: 'vacation',
  title: 'Auto-reply',
  definition: 'An automatic answer such as an out-of-office note; the mail was delivered.',
  category: 'auto-reply',
  hard: false,
  action: 'none',
  statusCodes: [],
  phrases: {},
  fixtures: ['corpus:maildir/bsd/rfc3834-01.eml'],
};
