/**
 * The reason an enhanced status code names on its own: each reason module lists the codes it owns
 * (reasons/<id>.ts, statusCodes), and a provider module the numbers it uses with its own meaning
 * (providers/<id>.ts, codes with a reason). Codes that several reasons share (X.7.1 "delivery not
 * authorized", X.0.0, X.5.0 …) belong to none: the text decides there.
 */
import { REASON_MODULES } from '../reasons';
import { providerCodeReason } from '../providers';
import { REASON_IDS, type ReasonId } from '../types';

/** "subject.detail" → reason, from the reason modules (the class digit is checked separately). */
const BY_SUBJECT_DETAIL: ReadonlyMap<string, ReasonId> = new Map(
  REASON_IDS.flatMap((id) => REASON_MODULES[id].statusCodes.map((code) => [code, id] as const)),
);

/** The reason an enhanced status code names by itself, or null when the code is shared or generic. */
export function reasonFromStatus(status: string | null, provider: string | null): ReasonId | null {
  if (!status) return null;
  const m = /^([245])\.(\d{1,3})\.(\d{1,3})$/.exec(status);
  if (!m) return null;
  const cls = m[1]!;
  const key = `${m[2]}.${m[3]}`;
  if (cls === '2') return null;
  const own = provider ? providerCodeReason(provider, cls, Number(m[2]), Number(m[3])) : null;
  if (own) return own;
  // A temporary "no answer from host" in a final report: the server gave up retrying.
  if (cls === '4' && key === '4.1') return 'expired';
  return BY_SUBJECT_DETAIL.get(key) ?? null;
}
