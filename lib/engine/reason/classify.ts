/**
 * Stage 5: deciding the reason for one recipient.
 *
 * Evidence, strongest first:
 *   1. a provider rule (a provider's own wording for its own code),
 *   2. a phrase in the diagnostic (RULES order is the precedence),
 *   3. the enhanced status code, when it names a reason by itself,
 *   4. phrases in the rest of the report text,
 *   5. the class of the codes.
 * A specific status code overrules a "weak" phrase verdict: generic words such as "rejected" or
 * "unavailable" say less than 5.1.1 or 5.2.2.
 */
import type { Evidence, ReasonId } from '../types';
import { RULES, type ReasonRule } from './rules';
import { reasonFromStatus } from './status-map';

/** Verdicts that a specific status code may overrule. */
export const WEAK_REASONS: ReadonlySet<ReasonId> = new Set<ReasonId>([
  'rejected',
  'filtered',
  'systemerror',
  'networkerror',
  'securityerror',
  'contenterror',
  'syntaxerror',
  'policyviolation',
  'blocked',
  'expired',
  'mailererror',
  'notcompliantrfc',
  'exceedlimit',
  'spamdetected',
]);

/** Status verdicts strong enough to overrule a weak phrase. */
const STRONG_STATUS: ReadonlySet<ReasonId> = new Set<ReasonId>([
  'userunknown',
  'mailboxfull',
  'hostunknown',
  'hasmoved',
  'authfailure',
  'requireptr',
  'mesgtoobig',
  'suspend',
]);

export interface ReasonInput {
  /** The cleaned diagnostic for this recipient. */
  diagnostic: string;
  /** Other report text for this recipient, when the diagnostic says little. */
  context: string;
  status: string | null;
  replyCode: string | null;
  provider: string | null;
  /** A reason the decoder already knows from the report's own format. */
  hint?: ReasonId | null;
}

export interface ReasonVerdict {
  reason: ReasonId;
  evidence: Evidence[];
}

export function matchPhrase(lower: string, rules: readonly ReasonRule[] = RULES): { id: ReasonId; phrase: string } | null {
  if (!lower) return null;
  for (const rule of rules) {
    for (const p of rule.phrases) {
      if (typeof p === 'string') {
        if (lower.includes(p)) return { id: rule.id, phrase: p };
      } else if (p.test(lower)) {
        return { id: rule.id, phrase: p.source };
      }
    }
  }
  return null;
}

export function decideReason(input: ReasonInput): ReasonVerdict {
  const evidence: Evidence[] = [];
  if (input.hint) {
    evidence.push({ source: 'decoder', detail: `report format says ${input.hint}` });
    return { reason: input.hint, evidence };
  }
  const diag = input.diagnostic.toLowerCase();
  const phrase = matchPhrase(diag);
  const byStatus = reasonFromStatus(input.status, input.provider);

  if (phrase && byStatus && WEAK_REASONS.has(phrase.id) && STRONG_STATUS.has(byStatus)) {
    evidence.push({ source: 'status-code', detail: `status ${input.status}` });
    evidence.push({ source: 'phrase', detail: `"${phrase.phrase}" (weaker)` });
    return { reason: byStatus, evidence };
  }
  if (phrase) {
    evidence.push({ source: 'phrase', detail: `"${phrase.phrase}"` });
    if (input.status) evidence.push({ source: 'status-code', detail: `status ${input.status}` });
    return { reason: phrase.id, evidence };
  }
  if (byStatus) {
    evidence.push({ source: 'status-code', detail: `status ${input.status}` });
    return { reason: byStatus, evidence };
  }
  const ctx = matchPhrase(input.context.toLowerCase());
  if (ctx) {
    evidence.push({ source: 'phrase', detail: `"${ctx.phrase}" in the report text` });
    return { reason: ctx.id, evidence };
  }
  evidence.push({ source: 'default', detail: 'no phrase or specific code' });
  return { reason: 'onhold', evidence };
}
