/**
 * Stage 4b: which provider answered. The remote host named in the report decides first, then
 * host names quoted in the diagnostic (Gmail signs its replies "gsmtp"), then the recipient's domain.
 */
import type { Draft } from './report/recipients';
import { PROVIDERS, providerFromDomain, providerFromHost } from './knowledge/providers';

/**
 * The endings a known host can have: the last two labels of each host suffix ("google.com" of
 * "google.com"), and any one-label suffix. A name matches a suffix only if it ends the same way,
 * so the tokens of a diagnostic that end otherwise (IP addresses, "5.1.1", most names) need no
 * lookup.
 */
const lastTwoLabels = (name: string) => name.slice(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1);
const HOST_ENDINGS = new Set(PROVIDERS.flatMap((x) => x.hosts.map((h) => lastTwoLabels(h.toLowerCase()))));
const lastLabel = (name: string) => name.slice(name.lastIndexOf('.') + 1);

function mayBeKnownHost(token: string): boolean {
  return HOST_ENDINGS.has(lastTwoLabels(token)) || HOST_ENDINGS.has(lastLabel(token));
}

const NAME_RUN = /[a-z0-9.-]{4,}/g;

/** The first provider named by a host name in a text (Gmail signs its replies "gsmtp"). */
export function providerFromText(text: string): string | null {
  if (!text) return null;
  const lower = text.length > 4000 ? text.slice(0, 4000).toLowerCase() : text.toLowerCase();
  if (lower.includes('gsmtp')) return 'google';
  if (!lower.includes('.')) return null;
  let n = 0;
  // Runs of name characters four or more long, in order (shorter runs were never looked up).
  NAME_RUN.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = NAME_RUN.exec(lower)) !== null) {
    const token = m[0];
    if (token.indexOf('.') <= 0) continue;
    if (++n > 40) break;
    const name = token.replace(/^[.-]+|[.-]+$/g, '');
    if (!mayBeKnownHost(name)) continue;
    const p = providerFromHost(name);
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
