/**
 * Stage 5: deciding the reason for one recipient.
 *
 * Evidence, strongest first:
 *   1. a provider rule (a provider's own wording for its own code),
 *   2. a phrase in the diagnostic (reasons/precedence.ts is the order),
 *   3. the enhanced status code, when it names a reason by itself,
 *   4. phrases in the rest of the report text,
 *   5. the class of the codes.
 * A specific status code overrules a "weak" phrase verdict: generic words such as "rejected" or
 * "unavailable" say less than 5.1.1 or 5.2.2.
 */
import type { Evidence, ReasonId } from '../types';
import { RULES, WEAK_RULES, type ReasonRule } from './rules';
import { reasonFromStatus } from './status-map';
import { matchNormalisedProviderRule } from './provider-rules';
import { STRONG_STATUS, WEAK_REASONS } from '../reasons';
import { providerModule } from '../providers';
import type { SmtpCommand } from '../report/command';
import { PhraseIndex } from './phrase-index';

export interface ReasonInput {
  /** The cleaned diagnostic for this recipient. */
  diagnostic: string;
  /** Other report text for this recipient, when the diagnostic says little (or a function that makes it). */
  context: string | (() => string);
  status: string | null;
  replyCode: string | null;
  provider: string | null;
  /** A reason the decoder already knows from the report's own format. */
  hint?: ReasonId | null;
  /** The SMTP command the server answered. */
  command?: SmtpCommand;
  /** The remote host, else the recipient's domain (lower case). */
  host?: string | null;
  /** The report is a delay notice (the server is still trying). */
  delayed?: boolean;
  /** The diagnostic is a local delivery program's output (Diagnostic-Code type X-Unix). */
  program?: boolean;
}

export interface ReasonVerdict {
  reason: ReasonId;
  evidence: Evidence[];
  /**
   * The providers whose own wording decided, when a provider rule did: that wording is their
   * software's ("RESOLVER.ADR.RecipientNotFound" is Microsoft's), so it names the provider even
   * when no host did. Usually one; Yahoo and AOL share their wording.
   */
  wordingOf?: readonly string[];
}

interface CompiledRules {
  index: PhraseIndex;
  patterns: (readonly { re: RegExp; need: string | null }[])[];
  /** Some rule applies only under a status condition. */
  conditional: boolean;
}
const compiled = new WeakMap<readonly ReasonRule[], CompiledRules>();
function compile(rules: readonly ReasonRule[]): CompiledRules {
  let c = compiled.get(rules);
  if (!c) {
    c = {
      index: new PhraseIndex(rules.map((r) => r.phrases.filter((p): p is string => typeof p === 'string'))),
      patterns: rules.map((r) =>
        r.phrases
          .filter((p): p is RegExp => typeof p !== 'string')
          .map((re) => ({ re, need: requiredLiteral(re) })),
      ),
      conditional: rules.some((r) => r.status),
    };
    compiled.set(rules, c);
  }
  return c;
}

/**
 * A piece of literal text every match of a pattern contains (the longest run outside groups and
 * classes), so the pattern runs only on texts that contain it: `/\bspf\b.{0,30}fail/` needs "spf".
 */
export function requiredLiteral(re: RegExp): string | null {
  let src = re.source;
  let prev = '';
  while (prev !== src) {
    prev = src;
    src = src.replace(/\[(?:\\.|[^\]\\])*\]/g, '\u0000').replace(/\((?:\\.|[^()\\])*\)/g, '\u0000');
  }
  // A top-level alternative means no text is required by every match.
  if (/(?:^|[^\\])\|/.test(src)) return null;
  const chunks = src
    .replace(/\\[bBdDsSwW]/g, '\u0000')
    .replace(/\\(.)/g, '$1')
    // A character followed by ?, * or {0,…} is optional: it is not required text.
    .replace(/[^\u0000][?*]|[^\u0000]\{0,\d*\}/g, '\u0000')
    .split(/[\u0000.*+?{}^$|]+|\d+,?\d*\}/);
  const best = chunks.sort((a, b) => b.length - a.length)[0] ?? '';
  return best.length >= 3 ? best : null;
}

/** The first rule (in precedence order) whose wording occurs in a lower-cased text. */
export function matchPhrase(
  lower: string,
  rules: readonly ReasonRule[] = RULES,
  status: string | null = null,
): { id: ReasonId; phrase: string; index: number } | null {
  if (!lower) return null;
  const { index, patterns, conditional } = compile(rules);
  const applies = conditional
    ? (g: number) => !rules[g]!.status || rules[g]!.status!.test(status ?? '')
    : undefined;
  const hit = index.first(lower, applies);
  const limit = hit ? hit.group : rules.length;
  for (let i = 0; i < limit; i++) {
    if (applies && !applies(i)) continue;
    for (const { re, need } of patterns[i]!) {
      if (need !== null && !lower.includes(need)) continue;
      if (re.test(lower)) return { id: rules[i]!.id, phrase: re.source, index: i };
    }
  }
  return hit ? { id: rules[hit.group]!.id, phrase: hit.phrase, index: hit.group } : null;
}

const ALL_RULES: readonly ReasonRule[] = [...RULES, ...WEAK_RULES];
const STRONG_COUNT = RULES.length;

/** A character that ends an address token: white space (as \s), <, >, (, ), ", ', [ or ]. */
function isTokenEnd(c: number): boolean {
  if (c < 128)
    return (
      c === 32 ||
      (c >= 9 && c <= 13) ||
      c === 60 ||
      c === 62 ||
      c === 40 ||
      c === 41 ||
      c === 34 ||
      c === 39 ||
      c === 91 ||
      c === 93
    );
  return (
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

/**
 * Addresses are names, not wording: "<hostunknown@example.org>" must not read as a reason.
 * Each address (a token's run of characters up to an "@", the "@", and the rest of the token,
 * with the angle brackets around it) becomes one space. The same as replacing
 * /<?(?<![^\s<>()"'[\]])[^\s<>()"'[\]@]+@[^\s<>()"'[\]]+>?/g, found from the "@" signs.
 */
export function phraseText(s: string): string {
  // Every address holds an "@": without one there is nothing to drop.
  let at = s.indexOf('@');
  if (at === -1) return s.toLowerCase();
  let out = '';
  let kept = 0;
  while (at !== -1) {
    // The local part: back to the token's start; another "@" on the way means none starts here.
    let start = at;
    while (start > kept) {
      const c = s.charCodeAt(start - 1);
      if (c === 64 || isTokenEnd(c)) break;
      start--;
    }
    const startsToken = start === 0 || isTokenEnd(s.charCodeAt(start - 1));
    if (start === at || !startsToken || at + 1 >= s.length || isTokenEnd(s.charCodeAt(at + 1))) {
      at = s.indexOf('@', at + 1);
      continue;
    }
    let end = at + 2;
    while (end < s.length && !isTokenEnd(s.charCodeAt(end))) end++;
    if (s.charCodeAt(end) === 62) end++;
    if (start > 0 && s.charCodeAt(start - 1) === 60 && start - 1 >= kept) start--;
    out += s.slice(kept, start) + ' ';
    kept = end;
    at = s.indexOf('@', end);
  }
  return (out + s.slice(kept)).toLowerCase();
}

/**
 * What the command and the code class add to a wording-based verdict:
 * - "user unknown" after DATA comes from a filter that read the message (unless the code says 5.1.1);
 * - a refusal of MAIL FROM concerns the sender, not the recipient;
 * - a refusal at connection or greeting time is a block of the sending host;
 * - a failed DNS lookup reported with a temporary code is a network problem, not a dead domain;
 * - content refused with a security/policy code (X.7.x) is a policy decision.
 */
function refine(reason: ReasonId, input: ReasonInput, weak = false): ReasonId {
  const status = input.status ?? '';
  const cmd = input.command ?? null;
  // Connection trouble that outlasted the retry period ("delivery time expired", X.4.7) is an
  // expiry; a name that never resolved stays a network (DNS) error whatever the timer says.
  if (
    (reason === 'networkerror' || reason === 'systemerror') &&
    /^[45]\.4\.7$/.test(status) &&
    !/lookup|\bdns\b|name server/i.test(input.diagnostic)
  )
    return 'expired';
  // Some providers answer "unknown user" after DATA for something else (see their modules'
  // userUnknownAtData); a mailbox-status code (X.2.x) with the same words is the recipient's filter.
  const atData = reason === 'userunknown' && cmd === 'DATA' ? providerModule(input.provider) : null;
  if (atData?.userUnknownAtData && !/^[45]\.2\./.test(status)) return atData.userUnknownAtData;
  // "User not local" (551, X.1.6): the mailbox existed and moved on.
  if (reason === 'userunknown' && /^[45]\.1\.6$/.test(status)) return 'hasmoved';
  if (reason === 'userunknown' && !/^[45]\.1\.1$/.test(status)) {
    if (cmd === 'DATA') return 'filtered';
    // X.2.0 / X.2.1 ("mailbox disabled, not accepting messages") with "user unknown" wording, when
    // the refusal did not come at RCPT time: the recipient's filter, not a missing mailbox.
    if (/^[45]\.2\.[01]$/.test(status) && cmd !== 'RCPT') return 'filtered';
    // A policy status (X.7.x, "delivery not authorised") under "user unknown" wording: a filter.
    if (/^[45]\.7\./.test(status) && cmd !== 'RCPT') return 'filtered';
  }
  if (cmd === 'MAIL' && ['userunknown', 'hostunknown', 'filtered', 'onhold', 'networkerror'].includes(reason))
    return 'rejected';
  if (cmd === 'MAIL' && reason === 'blocked' && weak) return 'rejected';
  if ((cmd === 'CONN' || cmd === 'HELO') && (reason === 'rejected' || reason === 'onhold')) return 'blocked';
  if (reason === 'hostunknown' && status.startsWith('4')) return 'networkerror';
  // A delay notice about a passing problem: the message waits in the queue until it expires.
  if (input.delayed && (weak || reason === 'onhold' || reason === 'syntaxerror')) return 'expired';
  if (reason === 'contenterror' && /^5\.7\./.test(status)) return 'policyviolation';
  return reason;
}

/** The verdict after `refine`, with a note in the evidence when the command or code changed it. */
function refined(reason: ReasonId, input: ReasonInput, evidence: Evidence[], weak = false): ReasonVerdict {
  const r = refine(reason, input, weak);
  if (r !== reason)
    evidence.push({
      source: 'decoder',
      detail: `${reason} → ${r}: ${input.command ? `answered to ${input.command}` : `status ${input.status ?? 'class'}`}`,
    });
  return { reason: r, evidence };
}

/**
 * Postfix's own report template: "This is the mail system at host …", "The mail system", and
 * "--- Delivery report unavailable ---" where the failure's details are missing.
 */
const POSTFIX_TEMPLATE =
  /this is the mail system at host \S+|\bthe mail system\b|delivery report unavailable/g;

/**
 * Antivirus and disclaimer footers that servers add to any mail they pass on, reports included:
 * "This message has been scanned for viruses … and is believed to be clean", "No virus found",
 * "Virus scanning by Example AV", "Scanned by Example Antivirus". They name the scanner or say the
 * message is clean, so their words must not read as a malware verdict.
 */
const CLEAN_NOTICE =
  /\b(?:(?:this (?:message|e-?mail|mail)|it) (?:has been|was|is|have been) (?:scanned|checked)\b[^.]{0,160}?\b(?:virus(?:es)?|malware|spam)\b[^.]*|(?:no|free (?:of|from)) (?:known )?(?:virus(?:es)?|malware)(?: (?:was |were )?(?:found|detected))?|believed to be clean|virus[- ](?:free|checked|scanned)|(?:anti-?)?virus (?:scanning|protection|checking) (?:by|provided by|powered by|from)\b[^.]*|(?:scanned|checked|protected) (?:by|with) [^.]{0,60}?\banti-?(?:virus|malware)\b[^.]*)/g;

/**
 * A lower-cased text without the report writer's own template lines, whose words ("mail system")
 * say nothing about this failure, and without antivirus "clean" footers.
 */
function withoutTemplate(lower: string): string {
  if (lower.includes('mail system') || lower.includes('report unavailable'))
    lower = lower.replace(POSTFIX_TEMPLATE, ' ');
  return lower.includes('virus') || lower.includes('malware') || lower.includes('clean')
    ? lower.replace(CLEAN_NOTICE, ' ')
    : lower;
}

export function decideReason(input: ReasonInput): ReasonVerdict {
  const evidence: Evidence[] = [];
  if (input.hint) {
    evidence.push({ source: 'decoder', detail: `report format says ${input.hint}` });
    return { reason: input.hint, evidence };
  }
  // The diagnostic is already one line; lower case and straight quotes make it the rules' form.
  const rule = matchNormalisedProviderRule(
    input.diagnostic.toLowerCase().replace(/[\u2018\u2019\u02bc]/g, "'"),
    input.provider,
  );
  if (rule) {
    evidence.push({
      source: 'provider-rule',
      detail: `${rule.providers.join('/') || 'provider'} wording "${rule.phrase}"`,
    });
    if (input.status) evidence.push({ source: 'status-code', detail: `status ${input.status}` });
    return rule.providers.length
      ? { reason: rule.reason, evidence, wordingOf: rule.providers }
      : { reason: rule.reason, evidence };
  }
  // One pass over strong and weak wording together: strong rules come first in ALL_RULES, so a
  // hit below STRONG_COUNT is strong, and any other hit is the best weak one.
  const diag = withoutTemplate(phraseText(input.diagnostic));
  const any = matchPhrase(diag, ALL_RULES, input.status);
  const strongHit = any !== null && any.index < STRONG_COUNT;
  const strong = strongHit ? any : null;
  const byStatus = reasonFromStatus(input.status, input.provider);
  const statusNote = input.status ? `status ${input.status}` : '';

  if (strong && byStatus && WEAK_REASONS.has(strong.id) && STRONG_STATUS.has(byStatus)) {
    evidence.push({ source: 'status-code', detail: statusNote });
    evidence.push({ source: 'phrase', detail: `"${strong.phrase}" (weaker)` });
    return refined(byStatus, input, evidence);
  }
  if (strong) {
    evidence.push({ source: 'phrase', detail: `"${strong.phrase}"` });
    if (statusNote) evidence.push({ source: 'status-code', detail: statusNote });
    return refined(strong.id, input, evidence);
  }
  // A delivery program's own output that names no cause ("x-unix; temporary failure", an exit
  // status): the program failed; the status its MTA attached says less.
  if (input.program) {
    evidence.push({ source: 'decoder', detail: 'the diagnostic is a delivery program’s output (X-Unix)' });
    return { reason: 'mailererror', evidence };
  }
  if (byStatus) {
    evidence.push({ source: 'status-code', detail: statusNote });
    return refined(byStatus, input, evidence);
  }
  const weak = strongHit ? null : any;
  if (weak) {
    evidence.push({ source: 'phrase', detail: `"${weak.phrase}"` });
    return refined(weak.id, input, evidence, true);
  }
  const context = typeof input.context === 'string' ? input.context : input.context();
  const ctxText = withoutTemplate(phraseText(context.replace(/\s+/g, ' ')));
  const ctx = matchPhrase(ctxText, ALL_RULES, input.status);
  if (ctx) {
    evidence.push({ source: 'phrase', detail: `"${ctx.phrase}" in the report text` });
    return refined(ctx.id, input, evidence, true);
  }
  // Nothing at all beyond a failed recipient (no diagnostic, no code): the cause is unknown, which
  // is less than a diagnostic or a code that names no cause.
  if (!input.diagnostic.trim() && !input.status && !input.replyCode && !context.trim()) {
    evidence.push({ source: 'default', detail: 'no diagnostic and no code' });
    return refined('undefined', input, evidence, true);
  }
  evidence.push({ source: 'default', detail: 'no phrase or specific code' });
  return refined('onhold', input, evidence, true);
}
