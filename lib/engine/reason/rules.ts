/**
 * The phrase rules in precedence order, built from the reason registry: one rule per position of
 * reasons/precedence.ts, holding that reason's named phrase set. The wording itself lives in the
 * reason modules (reasons/<id>.ts); this file only lines it up.
 */
import { PRECEDENCE, REASON_MODULES, WEAK_PRECEDENCE, type Phrase, type Position } from '../reasons';
import type { ReasonId } from '../types';

export interface ReasonRule {
  id: ReasonId;
  phrases: readonly Phrase[];
  /** The rule applies only when the enhanced status code matches. */
  status?: RegExp;
}

function rule({ reason, set }: Position): ReasonRule {
  const m = REASON_MODULES[reason];
  const phrases = m.phrases[set];
  if (!phrases) throw new Error(`precedence names ${reason}.${set}, which the module does not have`);
  const status = m.when?.[set];
  return status ? { id: reason, phrases, status } : { id: reason, phrases };
}

/** Wording that decides before the status code. */
export const RULES: readonly ReasonRule[] = PRECEDENCE.map(rule);

/** Wording a specific status code outweighs. */
export const WEAK_RULES: readonly ReasonRule[] = WEAK_PRECEDENCE.map(rule);
