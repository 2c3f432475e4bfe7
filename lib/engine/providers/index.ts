/**
 * The provider registry: one module per provider, listed here explicitly in the order a host or
 * domain is looked up and, for an unknown provider, the order their wording is tried.
 * Adding a provider: its module here, a fixture.
 */
import { google } from './google';
import { microsoft } from './microsoft';
import { yahoo } from './yahoo';
import { aol } from './aol';
import { apple } from './apple';
import { proofpoint } from './proofpoint';
import { mimecast } from './mimecast';
import { barracuda } from './barracuda';
import { cloudflare } from './cloudflare';
import { cisco } from './cisco';
import { trendmicro } from './trendmicro';
import { symantec } from './symantec';
import { fireeye } from './fireeye';
import { zerospam } from './zerospam';
import { improvmx } from './improvmx';
import { zoho } from './zoho';
import { yandex } from './yandex';
import { mailru } from './mailru';
import { rambler } from './rambler';
import { gmx } from './gmx';
import { webde } from './webde';
import { tonline } from './tonline';
import { comcast } from './comcast';
import { att } from './att';
import { cox } from './cox';
import { spectrum } from './spectrum';
import { orange } from './orange';
import { free } from './free';
import { laposte } from './laposte';
import { qq } from './qq';
import { protonmail } from './protonmail';
import { hey } from './hey';
import { infomaniak } from './infomaniak';
import { hostpoint } from './hostpoint';
import { rackspace } from './rackspace';
import { godaddy } from './godaddy';
import { kddi } from './kddi';
import { docomo } from './docomo';
import { amazonses } from './amazonses';
import { sendgrid } from './sendgrid';
import { COMMON_WORDING } from './common';
import type { ProviderId, ReasonId } from '../types';
import type { ProviderCode, ProviderModule, Wording } from './types';

export type { ProviderCode, ProviderModule, Wording } from './types';
export { COMMON_WORDING };

export const PROVIDER_MODULES: readonly ProviderModule[] = [
  google,
  microsoft,
  yahoo,
  aol,
  apple,
  proofpoint,
  mimecast,
  barracuda,
  cloudflare,
  cisco,
  trendmicro,
  symantec,
  fireeye,
  zerospam,
  improvmx,
  zoho,
  yandex,
  mailru,
  rambler,
  gmx,
  webde,
  tonline,
  comcast,
  att,
  cox,
  spectrum,
  orange,
  free,
  laposte,
  qq,
  protonmail,
  hey,
  infomaniak,
  hostpoint,
  rackspace,
  godaddy,
  kddi,
  docomo,
  amazonses,
  sendgrid,
];

const BY_ID = new Map(PROVIDER_MODULES.map((p) => [p.id, p]));

/** The module of a provider id, or null. */
export function providerModule(id: ProviderId | null | undefined): ProviderModule | null {
  return (id && BY_ID.get(id)) || null;
}

/** A wording rule with the providers it belongs to (none: any provider). */
export interface ProviderRule extends Wording {
  providers: readonly ProviderId[];
}

/** Every provider's wording, then the shared wording, in lookup order. */
export const PROVIDER_RULES: readonly ProviderRule[] = [
  ...PROVIDER_MODULES.flatMap((p) =>
    p.wording.map((w): ProviderRule => ({ ...w, providers: [p.id, ...(w.also ?? [])] })),
  ),
  ...COMMON_WORDING.map((w): ProviderRule => ({ ...w, providers: [] })),
];

/** A provider code entry with the providers it belongs to. */
export interface ProviderCodeEntry extends ProviderCode {
  providers: readonly ProviderId[];
}

export const PROVIDER_STATUS_CODES: readonly ProviderCodeEntry[] = PROVIDER_MODULES.flatMap((p) =>
  p.codes.map((c): ProviderCodeEntry => ({ ...c, providers: [p.id, ...(c.also ?? [])] })),
);

/** The provider's entry for class.subject.detail, or null. */
export function providerCode(
  id: ProviderId,
  cls: string,
  subject: number,
  detail: number,
): ProviderCodeEntry | null {
  for (const c of PROVIDER_STATUS_CODES) {
    if (c.subject !== subject || !c.providers.includes(id)) continue;
    if (c.cls && c.cls !== cls) continue;
    if (detail >= c.from && detail <= (c.to ?? c.from)) return c;
  }
  return null;
}

/** The reason a provider's own code names, or null. */
export function providerCodeReason(
  id: ProviderId,
  cls: string,
  subject: number,
  detail: number,
): ReasonId | null {
  return providerCode(id, cls, subject, detail)?.reason ?? null;
}
