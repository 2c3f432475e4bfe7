/**
 * Stage 4b: which provider answered. The remote host named in the report decides first, then
 * host names quoted in the diagnostic (Gmail signs its replies "gsmtp"), then the recipient's domain.
 */
import type { Draft } from './report/recipients';
import { providerFromDomain, providerFromHost } from './knowledge/providers';

/** The first provider named by a host name in a text (Gmail signs its replies "gsmtp"). */
export function providerFromText(text: string): string | null {
  if (!text) return null;
  const lower = text.length > 4000 ? text.slice(0, 4000).toLowerCase() : text.toLowerCase();
  if (lower.includes('gsmtp')) return 'google';
  if (!lower.includes('.')) return null;
  let n = 0;
  for (const token of lower.split(/[^a-z0-9.-]+/)) {
    if (token.length < 4 || token.indexOf('.') <= 0) continue;
    if (++n > 40) break;
    const p = providerFromHost(token.replace(/^[.-]+|[.-]+$/g, ''));
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
