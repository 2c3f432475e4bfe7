/**
 * Unknown cause (undefined). Nothing in the report shows why delivery failed.
 * Phrases are lower case and matched against the diagnostic with addresses taken out; each
 * set has one place in ./precedence.ts. The comment beside a phrase quotes a corpus reply it reads.
 */
import type { ReasonModule } from './types';

export const undefinedReason: ReasonModule = {
  id: 'undefined',
  title: 'Unknown cause',
  definition: 'Nothing in the report shows why delivery failed.',
  category: 'unclassified',
  hard: false,
  action: 'retry-later',
  statusCodes: [],
  phrases: {},
  fixtures: ['reasons/undefined-bare-dsn.eml'],
};
