/**
 * Stage 4b: which provider answered. The remote host named in the report decides first, then
 * host names quoted in the diagnostic (Gmail signs its replies "gsmtp"), then the recipient's domain.
 */
import type { Draft } from './report/recipients';
import { providerFromDomain, providerFromHost } from './knowledge/providers';

const HOST_NAMES = /\b[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?)+\b/gi;

export function providerFromText(text: string): string | null {
  if (/\bgsmtp\b/i.test(text)) return 'google';
  let n = 0;
  for (const m of text.matchAll(HOST_NAMES)) {
    if (++n > 30) break;
    const p = providerFromHost(m[0]);
    if (p) return p;
  }
  return null;
}

export function detectProvider(d: Draft): string | null {
  return (
    (d.remoteHost ? providerFromHost(d.remoteHost) : null) ??
    providerFromText(d.diagnostic ?? '') ??
    (d.recipient ? providerFromDomain(d.recipient.slice(d.recipient.indexOf('@') + 1)) : null)
  );
}
