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

/** A character of a host name run: a-z, 0-9, "." or "-". */
function isNameChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 46 || c === 45;
}

/** The first provider named by a host name in a text (Gmail signs its replies "gsmtp"). */
export function providerFromText(text: string): string | null {
  if (!text) return null;
  const lower = text.length > 4000 ? text.slice(0, 4000).toLowerCase() : text.toLowerCase();
  if (lower.includes('gsmtp')) return 'google';
  let n = 0;
  // Runs of name characters four or more long that hold a dot after their first character, in
  // order (no other run was ever looked up): found from their dots, so plain words cost nothing.
  let from = 0;
  for (;;) {
    const dot = lower.indexOf('.', from);
    if (dot === -1) break;
    let start = dot;
    while (start > from && isNameChar(lower.charCodeAt(start - 1))) start--;
    let end = dot + 1;
    while (end < lower.length && isNameChar(lower.charCodeAt(end))) end++;
    from = end;
    if (end - start < 4 || start === dot) continue;
    // The domain of an address names a mailbox (often the sender's), not the answering server;
    // the recipient's own domain is weighed separately, after the servers.
    if (start > 0 && lower.charCodeAt(start - 1) === 64) continue;
    if (++n > 40) break;
    const name = lower.slice(start, end).replace(/^[.-]+|[.-]+$/g, '');
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
