/**
 * Suppression rules: which bounced addresses to stop mailing, and why, from the bounce history
 * alone. Pure: the history store, the exports, the card and the command line all call this.
 */
export { POLICIES, policyOf, type PolicyRow, type SuppressionPolicy } from './policies';
export {
  DEFAULT_RULES,
  decideSuppression,
  eventPolicy,
  verdictOf,
  type BounceEvent,
  type SoftProgress,
  type SuppressionDecision,
  type SuppressionRules,
  type Verdict,
} from './decide';
export { suppressionList, type SuppressionEntry, type AddressEvent } from './list';
