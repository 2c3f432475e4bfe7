/**
 * The reason registry: one module per reason id, listed here explicitly (no registration by
 * import side effects). Adding a reason: its id in ../types.ts, its module here, its sets in
 * ./precedence.ts, a fixture.
 */
import type { ReasonId } from '../types';
import type { ReasonModule } from './types';
import { userunknown } from './userunknown';
import { hasmoved } from './hasmoved';
import { suspend } from './suspend';
import { hostunknown } from './hostunknown';
import { notaccept } from './notaccept';
import { mailboxfull } from './mailboxfull';
import { authfailure } from './authfailure';
import { toomanyconn } from './toomanyconn';
import { speeding } from './speeding';
import { blocked } from './blocked';
import { badreputation } from './badreputation';
import { spamdetected } from './spamdetected';
import { policyviolation } from './policyviolation';
import { contenterror } from './contenterror';
import { virusdetected } from './virusdetected';
import { rejected } from './rejected';
import { requireptr } from './requireptr';
import { notcompliantrfc } from './notcompliantrfc';
import { syntaxerror } from './syntaxerror';
import { securityerror } from './securityerror';
import { mesgtoobig } from './mesgtoobig';
import { exceedlimit } from './exceedlimit';
import { norelaying } from './norelaying';
import { filtered } from './filtered';
import { expired } from './expired';
import { systemerror } from './systemerror';
import { systemfull } from './systemfull';
import { networkerror } from './networkerror';
import { mailererror } from './mailererror';
import { onhold } from './onhold';
import { undefinedReason } from './undefined';
import { vacation } from './vacation';
import { delivered } from './delivered';
import { feedback } from './feedback';
import { suppressed } from './suppressed';
import { failedstarttls } from './failedstarttls';

export type { Phrase, ReasonModule } from './types';
export {
  DECIDED_ELSEWHERE,
  PRECEDENCE,
  STRONG_STATUS,
  WEAK_PRECEDENCE,
  WEAK_REASONS,
  type Position,
} from './precedence';

/** Every reason module, keyed by id (the type makes a missing module a compile error). */
export const REASON_MODULES: Readonly<Record<ReasonId, ReasonModule>> = {
  userunknown,
  hasmoved,
  suspend,
  hostunknown,
  notaccept,
  mailboxfull,
  authfailure,
  toomanyconn,
  speeding,
  blocked,
  badreputation,
  spamdetected,
  policyviolation,
  contenterror,
  virusdetected,
  rejected,
  requireptr,
  notcompliantrfc,
  syntaxerror,
  securityerror,
  mesgtoobig,
  exceedlimit,
  norelaying,
  filtered,
  expired,
  systemerror,
  systemfull,
  networkerror,
  mailererror,
  onhold,
  undefined: undefinedReason,
  vacation,
  delivered,
  feedback,
  suppressed,
  failedstarttls,
};
