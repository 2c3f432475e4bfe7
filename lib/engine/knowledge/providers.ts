/**
 * Receiving mailbox providers and filtering gateways, recognised by the host
 * that answered (MX / remote MTA) or by the recipient's domain.
 *
 * Provider ids are stored in history: never rename one without a migration.
 */
import type { ProviderId } from '../types';
import { LINKS, type Link } from './links';

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

const l = (label: string, url: string): Link => ({ label, url });

const p = (
  id: string,
  name: string,
  kind: ProviderInfo['kind'],
  hosts: string[],
  domains: string[],
  links: Link[] = [],
): ProviderInfo => ({ id, name, kind, hosts, domains, links });

// prettier-ignore
export const PROVIDERS: readonly ProviderInfo[] = [
  p('google', 'Gmail / Google Workspace', 'mailbox', ['google.com', 'googlemail.com', 'gmail.com'], ['gmail.com', 'googlemail.com'], [
    LINKS.googleSmtpErrors,
    LINKS.googleSenderGuidelines,
    LINKS.googlePostmaster,
    LINKS.googleBlocked,
  ]),
  // One id for Microsoft's consumer (Outlook.com, Hotmail) and business (Exchange Online) mail:
  // the same filtering (EOP) answers for both, e.g. *.olc.protection.outlook.com (consumer),
  // *.mail.protection.outlook.com and *.prod.outlook.com (Microsoft 365 tenants).
  p(
    'microsoft',
    'Microsoft (Outlook.com, Hotmail, Microsoft 365)',
    'mailbox',
    ['outlook.com', 'hotmail.com', 'msn.com', 'live.com', 'office365.com', 'exchangelabs.com'],
    ['outlook.*', 'hotmail.*', 'live.*', 'msn.com', 'passport.com', 'windowslive.com'],
    [
      LINKS.outlookTroubleshooting,
      LINKS.microsoftNdr,
      LINKS.microsoftDelist,
      LINKS.microsoftSnds,
      LINKS.microsoft5110,
      LINKS.microsoft57700,
      LINKS.outlook57515,
    ],
  ),
  p('yahoo', 'Yahoo Mail', 'mailbox', ['yahoodns.net', 'yahoo.com', 'yahoo.net', 'yahooinc.com'], ['yahoo.*', 'ymail.com', 'rocketmail.com'], [
    LINKS.yahooErrorCodes,
    LINKS.yahooSenderHub,
  ]),
  p('aol', 'AOL Mail', 'mailbox', ['aol.com'], ['aol.*', 'aim.com', 'verizon.net'], [LINKS.yahooErrorCodes, LINKS.yahooSenderHub]),
  p('apple', 'Apple iCloud Mail', 'mailbox', ['icloud.com', 'me.com', 'mac.com', 'apple.com'], ['icloud.com', 'me.com', 'mac.com'], [LINKS.appleIcloud]),
  p('proofpoint', 'Proofpoint', 'gateway', ['pphosted.com', 'ppe-hosted.com', 'proofpoint.com'], [], [
    LINKS.proofpointIpCheck,
    LINKS.proofpointPostmaster,
    l('Proofpoint Essentials error codes', 'https://help.proofpoint.com/Proofpoint_Essentials/Email_Security/Administrator_Topics/110_logs/Common_Error_Codes_found_in_Message_Details'),
  ]),
  p('mimecast', 'Mimecast', 'gateway', ['mimecast.com', 'mimecast-offshore.com', 'mimecast.co.za'], [], [LINKS.mimecastCodes]),
  p('barracuda', 'Barracuda', 'gateway', ['barracudanetworks.com', 'barracuda.com', 'cudamail.com'], [], [LINKS.barracudaCodes]),
  p('cloudflare', 'Cloudflare Email Routing', 'gateway', ['mx.cloudflare.net'], [], [LINKS.cloudflarePostmaster]),
  p('cisco', 'Cisco Secure Email (IronPort)', 'gateway', ['iphmx.com'], []),
  p('trendmicro', 'Trend Micro Email Security', 'gateway', ['trendmicro.com', 'trendmicro.eu', 'tmes.trendmicro.com'], [], [
    l('Trend Micro: reputation settings', 'https://success.trendmicro.com/solution/TP000087438-How-do-I-edit-Reputation-Settings'),
  ]),
  p('symantec', 'Broadcom Email Security.cloud (MessageLabs)', 'gateway', ['messagelabs.com'], []),
  p('fireeye', 'Trellix (FireEye) Email Security', 'gateway', ['fireeyecloud.com'], []),
  p('zerospam', 'ZEROSPAM', 'gateway', ['zerospam.ca'], []),
  p('improvmx', 'ImprovMX', 'gateway', ['improvmx.com'], []),
  p('zoho', 'Zoho Mail', 'mailbox', ['zoho.com', 'zoho.eu', 'zoho.in', 'zohomail.com'], ['zoho.com', 'zohomail.com', 'zoho.eu', 'zoho.in'], [
    l('Zoho Mail: why mail is marked as spam', 'https://www.zoho.com/mail/help/spam-reason.html'),
  ]),
  p('yandex', 'Yandex Mail', 'mailbox', ['yandex.net', 'yandex.ru'], ['yandex.ru', 'yandex.com', 'ya.ru', 'yandex.by', 'yandex.kz', 'yandex.ua', 'narod.ru'], [
    l('Yandex Mail bounce messages', 'https://yandex.com/support/mail/bounces/yandex.html'),
  ]),
  p('mailru', 'Mail.ru', 'mailbox', ['mail.ru'], ['mail.ru', 'inbox.ru', 'list.ru', 'bk.ru', 'internet.ru'], [
    l('Mail.ru: 550 spam rejection', 'https://help.mail.ru/notspam-support/errors/550spam'),
  ]),
  p('rambler', 'Rambler Mail', 'mailbox', ['rambler.ru'], ['rambler.ru', 'ro.ru', 'myrambler.ru', 'autorambler.ru']),
  p('gmx', 'GMX', 'mailbox', ['gmx.net', 'gmx.com', 'gmx.de'], ['gmx.*', 'gmx.net'], [
    l('GMX postmaster: error messages', 'https://postmaster.gmx.net/en/error-messages'),
  ]),
  p('webde', 'WEB.DE', 'mailbox', ['web.de'], ['web.de'], [
    l('WEB.DE postmaster: error messages', 'https://postmaster.web.de/en/error-messages'),
    l('WEB.DE email policy', 'https://postmaster.web.de/en/email-policy'),
  ]),
  p('comcast', 'Comcast (Xfinity)', 'mailbox', ['comcast.net'], ['comcast.net'], [l('Comcast postmaster', 'https://postmaster.comcast.net/')]),
  p('att', 'AT&T Mail', 'mailbox', ['att.net', 'prodigy.net'], ['att.net', 'sbcglobal.net', 'bellsouth.net', 'prodigy.net', 'pacbell.net', 'swbell.net'], [
    l('AT&T email support', 'https://www.att.com/support/article/email-support/KM1401980/'),
  ]),
  p('cox', 'Cox', 'mailbox', ['cox.net'], ['cox.net']),
  p('spectrum', 'Spectrum (Charter)', 'mailbox', ['charter.net', 'rr.com', 'spectrum.net'], ['charter.net', 'rr.com', 'spectrum.net']),
  p('orange', 'Orange', 'mailbox', ['orange.fr', 'wanadoo.fr'], ['orange.fr', 'wanadoo.fr']),
  p('free', 'Free (free.fr)', 'mailbox', ['free.fr'], ['free.fr'], [l('Free postmaster', 'https://postmaster.free.fr/index_en.html')]),
  p('laposte', 'La Poste', 'mailbox', ['laposte.net'], ['laposte.net']),
  p('qq', 'Tencent QQ Mail', 'mailbox', ['qq.com'], ['qq.com', 'foxmail.com', 'vip.qq.com'], [
    l('QQ Mail: suspected spam sender', 'https://service.mail.qq.com/cgi-bin/help?subtype=1&&id=20022&&no=1001461'),
  ]),
  p('protonmail', 'Proton Mail', 'mailbox', ['protonmail.ch', 'protonmail.com', 'proton.me'], ['protonmail.com', 'protonmail.ch', 'proton.me', 'pm.me']),
  p('hey', 'HEY', 'mailbox', ['hey.com'], ['hey.com']),
  p('infomaniak', 'Infomaniak', 'mailbox', ['infomaniak.ch', 'infomaniak.com'], ['ik.me']),
  p('hostpoint', 'Hostpoint', 'mailbox', ['hostpoint.ch'], []),
  p('rackspace', 'Rackspace Email', 'mailbox', ['emailsrvr.com'], [], [
    l('Rackspace response codes', 'https://postmaster.apps.rackspace.com/system-info/response-codes'),
  ]),
  p('godaddy', 'GoDaddy', 'mailbox', ['secureserver.net'], []),
  p('kddi', 'au (KDDI)', 'mailbox', ['ezweb.ne.jp', 'au.com'], ['ezweb.ne.jp', 'au.com']),
  p('docomo', 'NTT docomo', 'mailbox', ['docomo.ne.jp'], ['docomo.ne.jp']),
  p('amazonses', 'Amazon SES', 'sending', ['amazonses.com'], []),
  p('sendgrid', 'Twilio SendGrid', 'sending', ['sendgrid.net'], []),
];

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
