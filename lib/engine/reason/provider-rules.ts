/**
 * Matching a diagnostic against the providers' own wording (lib/engine/providers/). Which rules may
 * match:
 * - shared wording (no provider) matches whatever the provider;
 * - a provider's wording matches when the provider is that one (or shares it), or when the provider
 *   is unknown, unless it is `strict`, which needs the provider known;
 * - with a known provider, its own wording is tried before the shared wording, so its words win.
 * Within a pass the first rule in registry order wins.
 */
import { PROVIDER_RULES, type ProviderRule } from '../providers';
import type { ProviderId } from '../types';
import { PhraseIndex } from './phrase-index';

export type { ProviderRule };

/** Lower-case, straight apostrophes, single spaces: the form phrases are written in. */
export function normaliseDiagnostic(text: string): string {
  return text
    .toLowerCase()
    .replace(/[\u2018\u2019\u02bc]/g, "'")
    .replace(/\s+/g, ' ');
}

/**
 * First provider rule whose phrase occurs in the diagnostic (see the module comment for which rules
 * may match). The text is normalised here, so raw diagnostics are fine. Never throws; returns null
 * on non-strings.
 *
 * @example matchProviderRule('550 5.7.606 Access denied, banned sending IP [192.0.2.1]', 'microsoft')?.reason // 'blocked'
 */
export function matchProviderRule(
  diagnostic: string | null | undefined,
  providerId: ProviderId | null | undefined,
): ProviderRule | null {
  if (typeof diagnostic !== 'string' || !diagnostic) return null;
  return matchNormalisedProviderRule(
    normaliseDiagnostic(diagnostic.length > 20000 ? diagnostic.slice(0, 20000) : diagnostic),
    providerId,
  );
}

/** As matchProviderRule, for a text already in normalised form (see normaliseDiagnostic). */
export function matchNormalisedProviderRule(
  text: string,
  providerId: ProviderId | null | undefined,
): ProviderRule | null {
  const provider = typeof providerId === 'string' && providerId ? providerId : null;
  if (provider) {
    const own = RULE_INDEX.first(text, (g) => PROVIDER_RULES[g]!.providers.includes(provider));
    if (own) return PROVIDER_RULES[own.group]!;
    const any = RULE_INDEX.first(text, (g) => PROVIDER_RULES[g]!.providers.length === 0);
    return any ? PROVIDER_RULES[any.group]! : null;
  }
  const hit = RULE_INDEX.first(text, (g) => !PROVIDER_RULES[g]!.strict);
  return hit ? PROVIDER_RULES[hit.group]! : null;
}

/** All phrases in one automaton: one pass over the diagnostic finds every rule that applies. */
const RULE_INDEX = new PhraseIndex(PROVIDER_RULES.map((r) => [r.phrase]));
