/**
 * Receiving mailbox providers and filtering gateways, recognised by the host that answered (MX /
 * remote MTA) or by the recipient's domain. The data is the provider registry's
 * (lib/engine/providers/, one module per provider); this file looks names up in it.
 *
 * Provider ids are stored in history: never rename one without a migration.
 */
import { PROVIDER_MODULES } from '../providers';
import type { Link } from '../links';
import type { ProviderId } from '../types';

export interface ProviderInfo {
  id: ProviderId;
  name: string;
  /** Host-name suffixes of its servers ("google.com" matches "mx.google.com"). */
  hosts: readonly string[];
  /** Recipient domains it hosts; "hotmail.*" stands for hotmail.<any country ending>. */
  domains: readonly string[];
  /** Mailbox provider, filtering gateway in front of other domains, or sending service. */
  kind: 'mailbox' | 'gateway' | 'sending';
  links: readonly Link[];
}

export const PROVIDERS: readonly ProviderInfo[] = PROVIDER_MODULES.map(
  ({ id, name, hosts, domains, kind, links }) => ({
    id,
    name,
    hosts,
    domains,
    kind,
    links,
  }),
);

const BY_ID = new Map(PROVIDERS.map((x) => [x.id, x]));

// Longest suffix first, so a more specific suffix always wins over a shorter one.
const HOST_SUFFIXES: [string, ProviderId][] = PROVIDERS.flatMap((x) =>
  x.hosts.map((h): [string, ProviderId] => [h, x.id]),
).sort((a, b) => b[0].length - a[0].length);

const HOST_SUFFIX_MAP = new Map<string, ProviderId>(HOST_SUFFIXES.map(([h, id]) => [h, id]));

const EXACT_DOMAINS = new Map<string, ProviderId>();
const FAMILY_DOMAINS = new Map<string, ProviderId>();
for (const x of PROVIDERS) {
  for (const d of x.domains) {
    if (d.endsWith('.*')) FAMILY_DOMAINS.set(d.slice(0, -2), x.id);
    else EXACT_DOMAINS.set(d, x.id);
  }
}

// Same name, different company: Yahoo! JAPAN is not Yahoo Inc.
const NOT_FAMILY = new Set(['yahoo.co.jp', 'yahoo.ne.jp']);

const NAME = /^[a-z0-9.-]+$/;

function cleanName(input: unknown): string | null {
  if (typeof input !== 'string') return null;
  let s = input.trim().toLowerCase();
  if (!s || s.length > 512) return null;
  const at = s.lastIndexOf('@');
  if (at >= 0) s = s.slice(at + 1);
  // Already a bare name (the usual case): only trailing dots may need to go.
  if (NAME.test(s)) return s.charCodeAt(s.length - 1) === 46 ? s.replace(/\.+$/, '') || null : s;
  s = s.replace(/^\[|\]$/g, '').split(/[\s[\](),;<>]/)[0] ?? '';
  s = s.replace(/\.+$/, '');
  return NAME.test(s) ? s : null;
}

/**
 * Provider of a server by its host name (MX, Remote-MTA, Reporting-MTA).
 * Tolerates "mx.example.com [192.0.2.1]" and trailing dots. Never throws.
 *
 * @example providerFromHost('gmail-smtp-in.l.google.com') // 'google'
 */
export function providerFromHost(host: string | null | undefined): ProviderId | null {
  const h = cleanName(host);
  if (!h) return null;
  // Walk the name's suffixes from the longest: "a.b.google.com", "b.google.com", "google.com".
  for (let i = 0; i !== -1; i = h.indexOf('.', i + 1)) {
    const id = HOST_SUFFIX_MAP.get(i === 0 ? h : h.slice(i + 1));
    if (id) return id;
    if (i === 0 && h.indexOf('.') === -1) break;
  }
  return null;
}

/**
 * Provider that hosts a recipient domain (an address is accepted too). Only
 * consumer domains are known; a company domain on Google or Microsoft needs the
 * MX host instead. Never throws.
 *
 * @example providerFromDomain('someone@hotmail.co.uk') // 'microsoft'
 */
export function providerFromDomain(domain: string | null | undefined): ProviderId | null {
  const d = cleanName(domain);
  if (!d) return null;
  const exact = EXACT_DOMAINS.get(d);
  if (exact) return exact;
  if (NOT_FAMILY.has(d)) return null;
  // family: name + country ending, e.g. hotmail.fr, yahoo.co.uk, outlook.com.br
  const m = /^([a-z0-9-]+)\.((?:com?|net|org)\.)?[a-z]{2,3}$/.exec(d);
  if (m && m[1]) return FAMILY_DOMAINS.get(m[1]) ?? null;
  return null;
}

/** Provider record by id, or null. */
export function providerInfo(id: ProviderId | null | undefined): ProviderInfo | null {
  if (typeof id !== 'string') return null;
  return BY_ID.get(id) ?? null;
}
