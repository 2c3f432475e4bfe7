/**
 * Provider-specific reply phrases, as data. Sources: reference/provider-responses.tsv
 * (ActiveCampaign smtp-field-manual, MIT), reference/provider-patterns.json and the
 * providers' own pages in reference/provider-pages. Reasons follow the corpus
 * vocabulary; where the corpus has a verdict for the same wire text, it is followed.
 *
 * Matching is a case-insensitive substring test on a whitespace-collapsed
 * diagnostic (curly apostrophes read as straight ones). Which rules may match:
 * - rules without providers match whatever the provider;
 * - rules with providers match when the provider is one of them, or when the
 *   provider is unknown (null) — unless `strict`, which needs a known provider;
 * - with a known provider, that provider's own rules are tried before the
 *   provider-free ones, so its wording wins.
 * Within a pass the first rule in array order wins: put longer, more specific
 * phrases before shorter ones they contain.
 */
import { PhraseIndex } from '../reason/phrase-index';
import type { ProviderId, ReasonId } from '../types';
import { LINKS } from './links';

export interface ProviderRule {
  /** Providers this wording belongs to; empty = any provider. */
  providers: readonly ProviderId[];
  /** Lower-case distinctive substring. */
  phrase: string;
  reason: ReasonId;
  /** The enhanced status the provider sends with it, for reference. */
  status?: string;
  /** The basic reply code it comes with, for reference. */
  replyCode?: string;
  link?: string;
  /** Only match when the provider is known to be one of `providers`. */
  strict?: boolean;
}

type R = [
  providers: string,
  phrase: string,
  reason: ReasonId,
  status?: string,
  replyCode?: string,
  link?: string,
];

const G = LINKS.googleSmtpErrors.url;
const MS = LINKS.microsoftNdr.url;
const OL = LINKS.outlookTroubleshooting.url;
const Y = LINKS.yahooErrorCodes.url;
const AP = LINKS.appleIcloud.url;
const MC = LINKS.mimecastCodes.url;
const BC = LINKS.barracudaCodes.url;

// providers: comma-separated ids, '' for any provider.
// prettier-ignore
const RAW: R[] = [
  // --- Gmail / Google Workspace: support.google.com/a/answer/3726730 ---
  // "550 5.1.1 The email account that you tried to reach does not exist. …"
  ['google', 'the email account that you tried to reach does not exist', 'userunknown', '5.1.1', '550', G],
  ['google', "we weren't able to find the recipient domain", 'hostunknown', '5.1.2', '553', G],
  ['google', 'is not a valid rfc-5321 address', 'userunknown', '5.1.2', '553', G],
  ['google', 'the email account that you tried to reach is inactive', 'suspend', '5.2.1', '550', G],
  ['google', 'the email account that you tried to reach is disabled', 'suspend', '5.2.1', '550', G],
  // "450 4.2.1 The user you are trying to contact is receiving mail at a rate that prevents additional messages …"
  ['google', 'at a rate that prevents additional messages', 'speeding', '4.2.1', '450', G],
  // longer first: "… out of storage space and inactive" is permanent
  ['google', 'out of storage space and inactive', 'mailboxfull', '5.2.2', '552', G],
  ['google', 'inbox is out of storage space', 'mailboxfull', '4.2.2', '452', G],
  ['google', 'the email account that you tried to reach is over quota', 'mailboxfull', '5.2.2', '552', G],
  ['google,improvmx', 'very low reputation of the sending domain', 'badreputation', '5.7.1', '550', G],
  ['google', 'very low reputation of the sending ip', 'badreputation', '5.7.1', '550', G],
  ['google', 'due to the nature of the content', 'spamdetected', '4.7.0', '421', G],
  ['google', 'is likely unsolicited', 'spamdetected', '5.7.1', '550', G],
  // "550 5.7.28 … email sent from your IP address has been blocked"
  ['google', 'email sent from your ip address has been blocked', 'blocked', '5.7.28', '550', G],
  ['google', 'unusual amount of unsolicited', 'blocked', '4.7.28', '421', G],
  ['google', 'has detected an unusual rate of', 'toomanyconn', '4.7.28', '421', G],
  ['google', 'messages that have the same message-id', 'toomanyconn', '4.7.28', '421', G],
  ['google', 'daily user sending limit exceeded', 'toomanyconn', '5.4.5', '550', G],
  ['google', 'requires all senders to authenticate with either spf or dkim', 'authfailure', '5.7.26', '550', LINKS.googleSenderGuidelines.url],
  ['google', "spf authentication didn't pass", 'authfailure', '4.7.27', '421', G],
  ['google', "didn't pass spf authentication", 'authfailure', '5.7.27', '550', G],
  ['google', "dkim authentication didn't pass", 'authfailure', '4.7.30', '421', G],
  ['google', "didn't pass dkim authentication", 'authfailure', '5.7.30', '550', G],
  ['google', "isn't aligned with either the authenticated spf or dkim", 'authfailure', '5.7.32', '550', LINKS.googleDmarcAlignment.url],
  ['google', "doesn't have a dmarc record", 'authfailure', '5.7.40', '550', G],
  ['google', 'there is no dmarc alignment', 'authfailure', '4.7.32', '421', G],
  ['google', 'spf record of the sending domain has one or more suspicious entries', 'authfailure', '5.7.24', '550', G],
  ['google', "doesn't have a ptr record", 'requireptr', '5.7.25', '550', G],
  ['google', 'does not have a ptr record', 'requireptr', '4.7.23', '421', G],
  ['google', "because you're not using a tls connection", 'securityerror', '4.7.29', '421', G],
  ['google', "wasn't sent over a tls connection", 'securityerror', '5.7.29', '550', G],
  ['google', 'tls required for rcpt domain', 'securityerror', '4.7.0', '421', G],
  ['google', "exceeded google's message size limits", 'mesgtoobig', '5.3.4', '552', G],
  ['google', "exceeded google's message header size limits", 'mesgtoobig', '5.3.4', '552', G],
  ['google', 'detected an illegal attachment', 'policyviolation', '5.7.0', '552', G],
  ['google', 'content presents a potential security issue', 'virusdetected', '5.7.0', '552', G],
  ['google', 'messages missing a valid address in from: header', 'notcompliantrfc', '5.7.1', '550', G],
  // older "… has a policy that prohibited the mail", newer "… that prohibits the email"
  ['google', 'has a policy that prohibit', 'policyviolation', '5.7.1', '550', G],
  ['google', 'message exceeded 50 hops', 'networkerror', '5.4.6', '554', G],

  // --- Microsoft: Exchange Online (Microsoft 365) and Outlook.com ---
  // "550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup"
  // Exchange's RecipSizeLimit: this recipient's own size cap, below the organisation's.
  ['microsoft', 'resolver.rst.recipsizelimit', 'mesgtoobig', '5.2.3', '550', MS],
  ['microsoft', 'resolver.adr.recipientnotfound', 'userunknown', '5.1.10', '550', LINKS.microsoft5110.url],
  ['microsoft', 'recipient not found by smtp address lookup', 'userunknown', '5.1.10', '550', LINKS.microsoft5110.url],
  // "550 5.4.1 … Recipient address rejected: Access denied" (directory-based edge blocking)
  ['microsoft', 'recipient address rejected: access denied', 'userunknown', '5.4.1', '550', LINKS.microsoft541.url],
  ['microsoft', 'all recipient addresses rejected : access denied', 'userunknown', '5.4.1', '550', LINKS.microsoft541.url],
  ['microsoft', 'access denied, banned sending ip', 'blocked', '5.7.606', '550', LINKS.microsoftDelist.url],
  ['microsoft', 'traffic not accepted from this ip', 'blocked', '5.7.708', '550', LINKS.microsoft57700.url],
  ['microsoft', 'does not pass dmarc verification', 'authfailure', '5.7.509', '550', MS],
  ['microsoft', 'does not meet the required authentication level', 'authfailure', '5.7.515', '550', LINKS.outlook57515.url],
  ['microsoft', 'rate limited due to ip reputation', 'badreputation', '4.7.650', '451', MS],
  ['microsoft', 'server busy. please try again later from', 'badreputation', '4.7.500', '451', MS],
  ['microsoft', 'limit for the number of messages they can receive', 'speeding', '5.2.122', '554', MS],
  ['microsoft', 'limit for the number of messages they can send', 'toomanyconn', '5.2.121', '554', MS],
  ['microsoft', 'maximum number of concurrent connections per resource forest', 'toomanyconn', '4.3.2', '421', MS],
  ['microsoft', 'part of their network is on our block list', 'blocked', '5.7.1', '550', OL],
  ['microsoft', '(s3150)', 'blocked', '5.7.1', '550', OL],
  ['microsoft', '(s3140)', 'blocked', '5.7.1', '550', OL],
  ['microsoft', '(as3150)', 'blocked', '5.7.1', '550', OL],
  ['microsoft', 'complaints concerning mail coming from that ip', 'blocked', '', '550', OL],
  ['microsoft', 'insufficient system resources (tste)', 'systemfull', '4.3.1', '452'],
  ['microsoft', 'sender id validation failure', 'authfailure', '', '550', OL],
  // Outlook.com postmaster codes: "421 RP-001 …", "550 SC-004 …", "550 DY-001 …"
  ['microsoft', 'rp-001', 'toomanyconn', '', '421', OL],
  ['microsoft', 'rp-002', 'toomanyconn', '', '421', OL],
  ['microsoft', 'rp-003', 'toomanyconn', '', '421', OL],
  ['microsoft', 'sc-001', 'badreputation', '', '550', OL],
  ['microsoft', 'sc-002', 'blocked', '', '550', OL],
  ['microsoft', 'sc-003', 'blocked', '', '550', OL],
  ['microsoft', 'sc-004', 'blocked', '', '550', OL],
  ['microsoft', 'dy-001', 'blocked', '', '550', OL],
  ['microsoft', 'dy-002', 'blocked', '', '550', OL],
  ['microsoft', 'ou-001', 'blocked', '', '550', OL],
  ['microsoft', 'ou-002', 'spamdetected', '', '550', OL],
  ['microsoft', 'mail rejected by outlook.com for policy reasons', 'badreputation', '', '550', OL],

  // --- Yahoo and AOL: senders.yahooinc.com/smtp-error-codes ---
  // "421 4.7.0 [TSS04] Messages from … temporarily deferred due to unexpected volume or user complaints"
  ['yahoo,aol', '[tss04]', 'badreputation', '4.7.0', '421', Y],
  ['yahoo,aol', 'due to unexpected volume or user complaints', 'rejected', '4.7.0', '421', Y],
  ['yahoo,aol', '[ts03]', 'rejected', '4.7.1', '421', Y],
  ['yahoo,aol', 'permanently deferred', 'rejected', '4.7.1', '421', Y],
  ['yahoo,aol', '[ph01]', 'policyviolation', '', '554', Y],
  ['yahoo,aol', 'message not accepted for policy reasons', 'policyviolation', '5.7.9', '554', Y],
  ['yahoo,aol', 'email not accepted for policy reasons', 'policyviolation', '', '554', Y],
  ['yahoo,aol', "this user doesn't have a", 'userunknown', '5.5.4', '554', Y],
  ['yahoo,aol', 'is no longer valid', 'userunknown', '5.5.4', '554', Y],
  ['yahoo,aol', 'this mailbox is disabled', 'suspend', '5.5.4', '554', Y],
  ['yahoo,aol', '[bl21]', 'blocked', '5.7.1', '553', Y],
  ['yahoo,aol', '[bl23]', 'blocked', '5.7.1', '553', Y],
  ['yahoo,aol', 'user is receiving mail too quickly', 'speeding', '', '450', Y],
  ['yahoo,aol', 'headers are not rfc compliant', 'notcompliantrfc', '', '554', Y],
  ['yahoo,aol', 'max message per connection reached', 'toomanyconn', '', '421', Y],

  // --- Apple iCloud: support.apple.com/en-us/102322 ---
  ['apple', 'user does not exist', 'userunknown', '5.1.1', '550', AP],
  ['apple', 'inactive email address', 'userunknown', '5.1.1', '550', AP],
  ['apple', 'recipient no longer on server', 'hasmoved', '5.1.6', '550', AP],
  ['apple', 'user is overquota', 'mailboxfull', '5.2.2', '552', AP],
  ['apple', 'user is over quota', 'mailboxfull', '5.2.2', '552', AP],
  ['apple', 'deferred due to excessive volume', 'speeding', '4.7.1', '421', AP],
  ['apple', '[cs01]', 'policyviolation', '5.7.1', '550', AP],

  // --- Proofpoint ---
  ['proofpoint', 'blocked using prs.proofpoint.com', 'blocked', '5.7.1', '550', LINKS.proofpointIpCheck.url],
  ['proofpoint', 'user email address is marked as invalid', 'userunknown', '5.7.1', '550'],
  ['proofpoint', 'this is not a valid email address', 'userunknown', '5.1.1', '550'],
  ['proofpoint', 'domain of sender address does not exist', 'rejected', '5.1.8', '550'],
  ['proofpoint', 'sender address rejected: need fully-qualified address', 'rejected', '5.5.2', '550'],

  // --- Mimecast: community.mimecast.com SMTP error codes ---
  ['mimecast', 'internal resource temporarily unavailable', 'toomanyconn', '', '451', MC],
  ['mimecast', 'administrative prohibition - envelope blocked', 'filtered', '', '550', MC],
  ['mimecast', 'envelope blocked - user entry', 'filtered', '', '550', MC],
  ['mimecast', 'rejected by header based manually blocked senders', 'filtered', '', '550', MC],
  ['mimecast', 'dmarc sender invalid', 'authfailure', '', '550', MC],
  ['mimecast', 'rejected by header based anti-spoofing policy', 'rejected', '', '550', MC],
  ['mimecast', 'open relay not allowed', 'norelaying', '', '451', MC],
  ['mimecast', 'email rejected due to security policies', 'virusdetected', '', '554', MC],
  ['mimecast', 'host network not allowed', 'policyviolation', '', '554', MC],

  // --- Barracuda ---
  // "550 permanent failure for one or more recipients (user@example.com:blocked)"
  ['barracuda', ':blocked)', 'blocked', '', '550', BC],
  ['barracuda', 'rejected due to spam url in content', 'spamdetected', '', '554', BC],
  ['barracuda', 'rejecting banned content', 'contenterror', '', '554', BC],
  ['barracuda', 'rejecting spoofed message', 'rejected', '', '550', BC],

  // --- Zoho ---
  ['zoho', 'detected by zoho mail', 'virusdetected', '5.7.1', '552'],
  ['zoho', 'email flagged as spam', 'spamdetected', '5.7.1', '554', 'https://www.zoho.com/mail/help/spam-reason.html'],
  ['zoho', 'mailpolicy violation', 'policyviolation', '5.2.3', '554'],
  ['zoho', 'mail rejected by destination domain', 'filtered', '5.4.1', '541'],

  // --- Yandex ---
  ['yandex', 'message rejected under suspicion of spam', 'spamdetected', '5.7.1', '554'],
  ['yandex', 'recipient has exceeded message rate limit', 'speeding', '4.2.1', '450'],
  ['yandex', 'policy rejection on the target address', 'filtered', '5.7.1', '550'],
  ['yandex', 'no such user!', 'userunknown', '5.7.1', '550'],
  ['yandex', 'mailbox size limit exceeded', 'mailboxfull', '5.2.2', '552'],

  // --- Tencent QQ Mail ---
  ['qq', 'mail is rejected by recipients', 'filtered', '', '550'],
  ['qq', 'mail content denied', 'contenterror', '', '550'],
  ['qq', 'sender frequency limited', 'toomanyconn', '', '550'],
  ['qq', 'suspected spam sender', 'badreputation', '', '550'],
  ['qq', 'bad address syntax', 'userunknown', '', '501'],

  // --- Mail.ru, Rambler ---
  ['mailru', 'is unavailable: account is disabled', 'suspend', '', '550'],
  ['rambler', 'recipient address rejected: inactive', 'suspend', '5.7.1', '540'],

  // --- GMX and WEB.DE: postmaster.web.de/en/error-messages ---
  ['gmx,webde', 'reject due to spf policy', 'authfailure', '', '550'],
  ['gmx,webde', 'bad dns ptr resource record', 'requireptr', '', '550'],
  ['gmx,webde', 'reject due to policy restrictions (ip based)', 'blocked', '', '550'],
  ['gmx,webde', 'reject due to policy restrictions (domain based)', 'badreputation', '', '550'],
  ['gmx,webde', 'reject due to policy restrictions (header based)', 'notcompliantrfc', '', '550'],
  ['gmx,webde', 'reject due to policy restrictions', 'policyviolation', '', '550'],
  ['gmx,webde', 'ip address is block listed', 'blocked', '', '550'],
  ['gmx,webde', 'invalid dns mx or a/aaaa resource record', 'rejected', '', '550'],

  // --- Comcast ---
  ['comcast', 'not our customer', 'userunknown', '5.1.1', '550'],
  ['comcast', 'recipient mailbox unallocated', 'userunknown', '5.1.1', '550'],
  ['comcast', 'too many recent messages', 'speeding', '4.1.1', '452'],
  ['comcast', 'user over quota', 'mailboxfull', '4.1.1', '452'],
  ['comcast', 'extended quota violation', 'mailboxfull', '5.1.1', '552'],
  ['comcast', 'must have a ptr record with a valid reverse dns', 'requireptr', '', '554'],
  ['comcast', 'comcast block for spam', 'blocked', '', '554'],

  // --- AT&T, Orange, Free ---
  ['att', 'blank mailhost - invalid address', 'userunknown', '5.2.1', '550'],
  ['att', 'connections not accepted from servers without a valid sender domain', 'requireptr', '5.7.1', '550'],
  ['orange', 'boite du destinataire pleine', 'mailboxfull', '5.1.1', '552'],
  ['orange', 'recipient overquota', 'mailboxfull', '5.1.1', '552'],
  ['orange', 'ofr_416', 'userunknown', '5.1.1', '550'],
  ['orange', 'client host blocked for spamming issues', 'blocked', '', '550'],
  ['orange', 'emetteur invalide', 'rejected', '5.1.0', '501'],
  // Orange's code 506 is its content filter calling the message spam.
  ['orange', 'ofr_506', 'spamdetected', '5.2.0', '550'],
  // La Poste answers an unknown recipient at the end of DATA; the words, not the stage, decide.
  ['laposte', 'adresse destinataire invalide', 'userunknown', '5.5.0', '550'],
  ['free', 'mailbox has been blocked due to inactivity', 'suspend', '5.2.1', '550'],
  ['free', 'mailbox for user is full', 'mailboxfull', '5.2.2', '554'],
  ['free', 'user quota exceeded', 'mailboxfull', '5.2.2', '552'],
  ['free', 'spam detected', 'spamdetected', '', '550'],

  // --- Spectrum (Charter, Roadrunner): its AUP code 1310 limits the sender's connections and volume ---
  ['spectrum', 'aup#in-1310', 'toomanyconn', '', '550'],

  // --- au (KDDI) ---
  // au's servers refuse mail that the recipient's own sender filter blocks with a "User unknown"
  // whose address slot is empty ("550 : User unknown"); a real unknown user names the address.
  ['kddi', '550 : user unknown', 'filtered', '', '550'],
  ['kddi', '550: : user unknown', 'filtered', '', '550'],
  // au's own notice when the recipient's reception filter turned the message away
  ['kddi', 'each of the following recipients was rejected by a remote mail server', 'filtered'],

  // --- Trend Micro, Symantec, ImprovMX, Rackspace, ZEROSPAM ---
  ['trendmicro', 'ers-customized-block', 'blocked', '5.7.1', '550'],
  ['trendmicro', 'block-send-er', 'filtered', '5.7.1', '554'],
  ['trendmicro', 'block-rcpt', 'filtered', '5.7.1', '554'],
  ['trendmicro', 'recipient address rejected: invalid-recipient', 'userunknown', '5.7.1', '554'],
  ['symantec', 'message filtered. refer to the troubleshooting page', 'spamdetected', '5.7.1', '553'],
  ['symantec', 'but i have not been configured to let you', 'norelaying', '5.7.1', '553'],
  ['improvmx', 'loop detected: email is sent and forwarded', 'networkerror', '5.7.1', '551'],
  ['improvmx', 'message considered as spam', 'spamdetected', '5.7.1', '550'],
  ['improvmx', 'domain not found (#id-5.9.2)', 'hostunknown', '5.7.1', '551'],
  ['rackspace', 'email address could not be found, or was misspelled', 'userunknown', '5.1.1', '550'],
  ['zerospam', 'recipient address rejected: not in recipient list', 'userunknown', '5.7.1', '554'],

  // --- Cloudflare Email Routing: any DMARC mention from its servers (strict, see below) ---
  ['cloudflare', 'dmarc', 'authfailure', '5.7.1', '550', LINKS.cloudflarePostmaster.url],

  // --- Wording used by several providers and block lists ---
  ['', 'blocked using spamhaus', 'blocked', '5.7.1', '550', LINKS.spamhausLookup.url],
  ['', 'listed in spamhaus', 'blocked', '5.7.1', '550', LINKS.spamhausLookup.url],
  ['', "in spamhaus's list", 'blocked', '5.7.1', '553', LINKS.spamhausLookup.url],
  // a bare Spamhaus lookup address as the whole reply: the list holds the sending IP
  ['', 'spamhaus.org/query', 'blocked', '', '553', LINKS.spamhausLookup.url],
  ['', 'spamhaus xbl', 'blocked', '5.7.1', '553', LINKS.spamhausLookup.url],
  ['', 'spamhaus dbl', 'blocked', '5.7.1', '550', LINKS.spamhausLookup.url],
  ['', 'blocked using cloudmark sender intelligence', 'blocked', '5.7.1', '550', LINKS.cloudmarkReset.url],
  ['', 'dmarc policy', 'authfailure', '5.7.1', '550'],
  ['', 'rejected due to dmarc', 'authfailure', '5.2.0', '550'],
  ['', 'dmarc check failed', 'authfailure', '', '550'],
  ['', 'dmarc failure', 'authfailure', '5.7.26', '550'],
  ['', 'spf-check failed', 'authfailure', '', '550'],
  // Postfix: the DNS server answered nonsense; the domain may well exist
  ['', 'malformed or unexpected name server reply', 'networkerror', '5.4.4', '554'],
  // Facebook's RCP-P2: the recipient's own settings refuse the message, whatever the status says
  ['', 'refused due to recipient preferences', 'filtered', '5.1.1', '550'],
  ['', 'relay access denied', 'norelaying', '5.7.1', '554'],
  ['', 'relaying denied', 'norelaying', '5.7.1', '550'],
  ['', 'relaying disallowed', 'norelaying', '5.1.1', '553'],
  ['', 'greylisted', 'toomanyconn', '4.7.1', '451'],
  ['', 'spam message rejected', 'spamdetected', '5.7.1', '554'],
  ['', 'rejected by spam filter', 'spamdetected', '5.7.1', '550'],
  ['', 'exceeded storage allocation', 'mailboxfull', '', '552'],
  ['', 'mailbox not found', 'userunknown', '', '550'],
  ['', 'rate limit exceeded', 'toomanyconn', '4.5.3', '452'],
  ['', 'virus detected', 'virusdetected', '', '550'],
  ['', 'sender address rejected: domain not found', 'rejected', '5.1.8', '550'],
];

/** Rules whose phrase is too plain to trust without knowing the provider. */
const STRICT = new Set([
  'not our customer',
  'dmarc',
  'is no longer valid',
  '550 : user unknown',
  '550: : user unknown',
]);

export const PROVIDER_RULES: readonly ProviderRule[] = RAW.map(
  ([providers, phrase, reason, status, replyCode, link]) => {
    const rule: ProviderRule = { providers: providers ? providers.split(',') : [], phrase, reason };
    if (status) rule.status = status;
    if (replyCode) rule.replyCode = replyCode;
    if (link) rule.link = link;
    if (STRICT.has(phrase)) rule.strict = true;
    return rule;
  },
);

/** Lower-case, straight apostrophes, single spaces: the form phrases are written in. */
export function normaliseDiagnostic(text: string): string {
  return text
    .toLowerCase()
    .replace(/[\u2018\u2019\u02bc]/g, "'")
    .replace(/\s+/g, ' ');
}

/**
 * First provider rule whose phrase occurs in the diagnostic (see the module
 * comment for which rules may match). The text is normalised here, so raw
 * diagnostics are fine. Never throws; returns null on non-strings.
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
