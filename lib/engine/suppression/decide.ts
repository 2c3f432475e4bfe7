/**
 * The suppression decision for one address, from its bounce history alone.
 *
 * @example
 * decideSuppression([{ reason: 'userunknown', kind: 'failed', at: Date.UTC(2026, 10, 2) }]).why
 * // "Will be suppressed: the address does not exist"
 */
import type { MessageKind } from '../types';
import { policyOf, type SuppressionPolicy } from './policies';

/** One bounce (or complaint) of an address. */
export interface BounceEvent {
  /** Reason id of the engine's vocabulary. */
  reason: string;
  kind: MessageKind;
  /** When it happened, epoch ms (the report's or the original's date); null when unknown. */
  at: number | null;
  replyCode?: string | null;
  status?: string | null;
  /** A person's correction decided this event's policy (see lib/engine/corrections). */
  corrected?: { policy: SuppressionPolicy } | null;
}

export interface SuppressionRules {
  /** Soft bounces needed before an address is listed. */
  repeats: number;
  /** …spread over at least this many days (first to last). */
  days: number;
}

export const DEFAULT_RULES: Readonly<SuppressionRules> = { repeats: 3, days: 7 };

/** The policy one event gets: its reason's, made temporary by a delay notice or a 4xx code. */
export function eventPolicy(e: BounceEvent): SuppressionPolicy {
  // The person is the final judge: their correction holds whatever the codes say.
  if (e.corrected) return e.corrected.policy;
  if (e.kind === 'complaint') return 'complaint';
  if (e.kind === 'auto-reply' || e.kind === 'delivered' || e.kind === 'not-bounce') return 'not-a-bounce';
  const policy = policyOf(e.reason).policy;
  if (policy === 'complaint' || policy === 'not-a-bounce') return policy;
  // A delay notice or a temporary code: the server may still take the mail, so the reason alone
  // never lists the address (a 4xx "user unknown" is a directory that is down more often than not).
  if (e.kind === 'delayed' || isTemporary(e)) return policy === 'never' ? 'never' : 'after-repeats';
  return policy;
}

function isTemporary(e: BounceEvent): boolean {
  if (e.status) return e.status.startsWith('4');
  return !!e.replyCode && e.replyCode.startsWith('4');
}

export interface SoftProgress {
  /** Soft bounces seen. */
  count: number;
  /** Days from the first to the last dated soft bounce. */
  spanDays: number;
  repeats: number;
  days: number;
}

export interface SuppressionDecision {
  /** On the bounce suppression list. */
  suppress: boolean;
  /** On the complaint list (kept apart from bounces). */
  complaint: boolean;
  /** The domain is dead: it may be listed as a domain. */
  listDomain: boolean;
  /** The policy that decided. */
  policy: SuppressionPolicy;
  /** The reason id that decided. */
  reason: string;
  /** Progress towards the repeat rule, when soft bounces decided. */
  soft: SoftProgress | null;
  /** One plain sentence, for the card and the exports. */
  why: string;
}

const DAY = 86_400_000;

function pickFirst(events: readonly BounceEvent[], policy: SuppressionPolicy): BounceEvent | undefined {
  return events.find((e) => eventPolicy(e) === policy);
}

/** "Will be suppressed: …" / "Not an address problem: …" ends with this when a correction decided. */
const byYou = (e: BounceEvent) => (e.corrected ? ' (as you corrected it)' : '');

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/**
 * Decide whether an address goes on the suppression list.
 *
 * An address bounce (`address`, `domain`) lists it at once; soft failures list it once there are
 * `rules.repeats` of them over at least `rules.days` days; sender-side refusals never do. Events may
 * come in any order; the newest event of the deciding policy names the reason.
 */
export function decideSuppression(
  history: readonly BounceEvent[],
  rules: SuppressionRules = DEFAULT_RULES,
): SuppressionDecision {
  const repeats = Math.max(1, Math.floor(rules.repeats) || DEFAULT_RULES.repeats);
  const days = Math.max(0, Number.isFinite(rules.days) ? rules.days : DEFAULT_RULES.days);
  // Newest first, undated last.
  const events = [...history].sort((a, b) => (b.at ?? -Infinity) - (a.at ?? -Infinity));
  const complaint = events.some((e) => eventPolicy(e) === 'complaint');
  const base = { complaint, soft: null, listDomain: false };

  const address = pickFirst(events, 'address');
  if (address) {
    return {
      ...base,
      suppress: true,
      policy: 'address',
      reason: address.reason,
      why: `Will be suppressed: ${policyOf(address.reason).why}${byYou(address)}`,
    };
  }
  const domain = pickFirst(events, 'domain');
  if (domain) {
    return {
      ...base,
      suppress: true,
      listDomain: true,
      policy: 'domain',
      reason: domain.reason,
      why: `Will be suppressed: ${policyOf(domain.reason).why}${byYou(domain)}`,
    };
  }

  const soft = events.filter((e) => eventPolicy(e) === 'after-repeats');
  if (soft.length) {
    const dated = soft.map((e) => e.at).filter((t): t is number => t !== null && Number.isFinite(t));
    const spanDays = dated.length ? (Math.max(...dated) - Math.min(...dated)) / DAY : 0;
    const progress: SoftProgress = { count: soft.length, spanDays, repeats, days };
    const newest = soft[0]!;
    const what = policyOf(newest.reason).why;
    if (soft.length >= repeats && spanDays >= days) {
      return {
        ...base,
        suppress: true,
        soft: progress,
        policy: 'after-repeats',
        reason: newest.reason,
        why: `Will be suppressed: ${plural(soft.length, 'soft bounce', 'soft bounces')} over ${plural(Math.floor(spanDays), 'day', 'days')} (last: ${what})`,
      };
    }
    const why =
      soft.length < repeats
        ? `Soft: ${soft.length} of ${repeats} bounces before suppression (${what})`
        : `Soft: ${soft.length} bounces within ${plural(Math.floor(spanDays), 'day', 'days')}; suppressed once they span ${plural(days, 'day', 'days')} (${what})`;
    return { ...base, suppress: false, soft: progress, policy: 'after-repeats', reason: newest.reason, why };
  }

  const never = pickFirst(events, 'never');
  if (never) {
    return {
      ...base,
      suppress: false,
      policy: 'never',
      reason: never.reason,
      why: `Not an address problem: ${policyOf(never.reason).why}${byYou(never)}`,
    };
  }
  if (complaint) {
    const c = pickFirst(events, 'complaint')!;
    return {
      ...base,
      suppress: false,
      policy: 'complaint',
      reason: c.reason,
      why: 'Complaint: the recipient reported your mail as spam; goes on the complaint list',
    };
  }
  const other = events[0];
  return {
    ...base,
    suppress: false,
    policy: 'not-a-bounce',
    reason: other?.reason ?? 'delivered',
    why: 'Not a bounce: the mail was delivered',
  };
}

/** One word for what a record of a message is, as the card, the popup and the command line say it. */
export type Verdict =
  'hard' | 'soft' | 'refused' | 'delayed' | 'complaint' | 'auto-reply' | 'delivered' | 'not-bounce';

/**
 * The verdict of one record: a failure is `hard` (the address is bad), `refused` (a permanent
 * refusal of the sender: authentication, reputation, block lists, policy, content; the address is
 * fine) or `soft` (temporary, or about the recipient's side); other kinds are named as they are.
 *
 * @example
 * verdictOf('failed', { reason: 'authfailure', hard: false, status: '5.7.26', replyCode: '550' }) // 'refused'
 */
export function verdictOf(
  kind: MessageKind,
  r: { reason: string; hard: boolean; status?: string | null; replyCode?: string | null },
): Verdict {
  if (kind !== 'failed') return kind;
  if (r.hard) return 'hard';
  const permanent = r.status ? r.status.startsWith('5') : !!r.replyCode?.startsWith('5');
  return permanent && policyOf(r.reason).policy === 'never' ? 'refused' : 'soft';
}
