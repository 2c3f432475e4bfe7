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
import { RULES, WEAK_RULES, type ReasonRule } from './rules';
import { reasonFromStatus } from './status-map';
import type { SmtpCommand } from '../report/command';

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
  /** The SMTP command the server answered. */
  command?: SmtpCommand;
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

/** Addresses and URLs are names, not wording: "<hostunknown@example.org>" must not read as a reason. */
export function phraseText(s: string): string {
  return s
    .replace(/<?[^\s<>()"'\[\]]+@[^\s<>()"'\[\]]+>?/g, ' ')
    .replace(/https?:\/\/\S+/g, ' ')
    .toLowerCase();
}

/** "User unknown" in reply to DATA, or with a status that names a mailbox problem, is a filter's refusal. */
function refine(reason: ReasonId, input: ReasonInput): ReasonId {
  // Connection trouble that outlasted the retry period is reported as a temporary code.
  if ((reason === 'networkerror' || reason === 'systemerror') && reasonFromStatus(input.status, input.provider) === 'expired')
    return 'expired';
  if (reason === 'userunknown') {
    if (input.command === 'DATA') return 'filtered';
    if (input.status && /^[45]\.2\.0$/.test(input.status)) return 'filtered';
  }
  return reason;
}

export function decideReason(input: ReasonInput): ReasonVerdict {
  const evidence: Evidence[] = [];
  if (input.hint) {
    evidence.push({ source: 'decoder', detail: `report format says ${input.hint}` });
    return { reason: input.hint, evidence };
  }
  const diag = phraseText(input.diagnostic);
  const strong = matchPhrase(diag);
  const byStatus = reasonFromStatus(input.status, input.provider);
  const statusNote = input.status ? `status ${input.status}` : '';
  const done = (reason: ReasonId): ReasonVerdict => {
    const r = refine(reason, input);
    if (r !== reason) evidence.push({ source: 'decoder', detail: `answered after ${input.command ?? 'the message'}: a filter` });
    return { reason: r, evidence };
  };

  if (strong && byStatus && WEAK_REASONS.has(strong.id) && STRONG_STATUS.has(byStatus)) {
    evidence.push({ source: 'status-code', detail: statusNote });
    evidence.push({ source: 'phrase', detail: `"${strong.phrase}" (weaker)` });
    return done(byStatus);
  }
  if (strong) {
    evidence.push({ source: 'phrase', detail: `"${strong.phrase}"` });
    if (statusNote) evidence.push({ source: 'status-code', detail: statusNote });
    return done(strong.id);
  }
  if (byStatus) {
    evidence.push({ source: 'status-code', detail: statusNote });
    return done(byStatus);
  }
  const weak = matchPhrase(diag, WEAK_RULES);
  if (weak) {
    evidence.push({ source: 'phrase', detail: `"${weak.phrase}"` });
    return done(weak.id);
  }
  const ctxText = phraseText(input.context);
  const ctx = matchPhrase(ctxText) ?? matchPhrase(ctxText, WEAK_RULES);
  if (ctx) {
    evidence.push({ source: 'phrase', detail: `"${ctx.phrase}" in the report text` });
    return done(ctx.id);
  }
  evidence.push({ source: 'default', detail: 'no phrase or specific code' });
  return { reason: 'onhold', evidence };
}
