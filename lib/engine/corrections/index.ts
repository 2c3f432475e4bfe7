/**
 * Corrections: a person says the engine's verdict on a bounce is wrong. Pure: the history store,
 * the exports, the card and the command line call this.
 */
export {
  CORRECTION_TARGETS,
  applyCorrections,
  categoryPolicy,
  categoryReason,
  correctEvent,
  isCorrectionTo,
  type CorrectionTo,
} from './apply';
export { PATTERN_DIAGNOSTIC_MAX, bouncePattern, maskDiagnostic, type PatternInput } from './pattern';
