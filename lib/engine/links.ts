/**
 * Troubleshooting pages shared by categories and providers. Only official
 * postmaster pages, the providers' own error tables and well-known public
 * checkers; every URL is https.
 */

/** One troubleshooting link shown on the bounce card. */
export interface Link {
  label: string;
  url: string;
  /**
   * Whose bounces the page explains (an error-code table, a delisting form): it helps only with that
   * provider's. Sender tools run by a provider (postmaster tools, sender guidelines) show how a
   * sender stands in general and carry no provider.
   */
  provider?: string;
  /** The categories a narrow page is about (a page about one code); none: it helps with any. */
  categories?: readonly string[];
}

const link = (label: string, url: string, about: Pick<Link, 'provider' | 'categories'> = {}): Link => ({
  label,
  url,
  ...about,
});

/** Problems on the sender's side (and complaints), where postmaster tools and sender guidelines help. */
const SENDER_SIDE = [
  'sender-reputation',
  'dmarc',
  'rate-limit',
  'blocked',
  'rejection',
  'complaint',
] as const;

export const LINKS = {
  googlePostmaster: link('Google Postmaster Tools', 'https://postmaster.google.com/', {
    categories: ['sender-reputation', 'dmarc', 'rate-limit', 'complaint'],
  }),
  googleSenderGuidelines: link('Gmail sender guidelines', 'https://support.google.com/a/answer/81126', {
    categories: SENDER_SIDE,
  }),
  googleSmtpErrors: link('Gmail SMTP error reference', 'https://support.google.com/a/answer/3726730', {
    provider: 'google',
  }),
  googleDmarcAlignment: link(
    'Google: DMARC setup and alignment',
    'https://support.google.com/a/answer/10032578',
    { categories: ['dmarc'] },
  ),
  googleBlocked: link('Gmail: why messages are blocked', 'https://support.google.com/mail/answer/188131', {
    provider: 'google',
    categories: ['sender-reputation', 'blocked', 'rejection'],
  }),
  microsoftSnds: link(
    'Microsoft SNDS (IP reputation)',
    'https://sendersupport.olc.protection.outlook.com/snds/',
    { categories: ['sender-reputation', 'rate-limit', 'complaint'] },
  ),
  outlookTroubleshooting: link(
    'Outlook.com postmaster troubleshooting',
    'https://sendersupport.olc.protection.outlook.com/pm/troubleshooting.aspx',
    { provider: 'microsoft' },
  ),
  microsoftDelist: link('Microsoft delisting portal', 'https://sender.office.com/', {
    provider: 'microsoft',
    categories: ['sender-reputation', 'blocked'],
  }),
  microsoftNdr: link(
    'Exchange Online non-delivery reports',
    'https://learn.microsoft.com/en-us/exchange/troubleshoot/email-delivery/ndr/non-delivery-reports-in-exchange-online',
    { provider: 'microsoft' },
  ),
  microsoft5110: link(
    'Fix 550 5.1.10 in Exchange Online',
    'https://learn.microsoft.com/en-us/exchange/troubleshoot/email-delivery/ndr/fix-error-code-550-5-1-10-in-exchange-online',
    { provider: 'microsoft', categories: ['invalid-address'] },
  ),
  microsoft57700: link(
    'Fix 5.7.700 to 5.7.750 in Exchange Online',
    'https://learn.microsoft.com/en-us/exchange/mail-flow-best-practices/non-delivery-reports-in-exchange-online/fix-error-code-5-7-700-through-5-7-750',
    { provider: 'microsoft', categories: ['recipient-error', 'rate-limit', 'sender-reputation', 'blocked'] },
  ),
  microsoft541: link(
    'Fix 550 5.4.1 (access denied)',
    'https://support.microsoft.com/en-us/topic/ndr-error-code-550-5-4-1-recipient-address-rejected-access-denied-c0e98a8e-81db-49c2-9bf1-32a1734d3e77',
    { provider: 'microsoft', categories: ['recipient-error', 'invalid-address', 'rejection'] },
  ),
  outlook57515: link(
    'Fix 550 5.7.515 in Outlook.com',
    'https://support.microsoft.com/en-au/topic/fix-ndr-error-550-5-7-515-in-outlook-com-34cfe8f8-6fbf-457e-9e8b-9e4dbaf4e0ef',
    { provider: 'microsoft', categories: ['dmarc', 'rejection'] },
  ),
  yahooSenderHub: link('Yahoo Sender Hub', 'https://senders.yahooinc.com/', { categories: SENDER_SIDE }),
  yahooErrorCodes: link('Yahoo SMTP error codes', 'https://senders.yahooinc.com/smtp-error-codes/', {
    provider: 'yahoo',
  }),
  appleIcloud: link('iCloud Mail postmaster information', 'https://support.apple.com/en-us/102322', {
    provider: 'apple',
  }),
  spamhausLookup: link('Spamhaus reputation check', 'https://check.spamhaus.org/'),
  mxtoolboxBlacklist: link('MXToolbox blocklist check', 'https://mxtoolbox.com/blacklists.aspx'),
  mxtoolboxSpf: link('MXToolbox SPF check', 'https://mxtoolbox.com/spf.aspx'),
  mxtoolboxDmarc: link('MXToolbox DMARC check', 'https://mxtoolbox.com/dmarc.aspx'),
  mxtoolboxDkim: link('MXToolbox DKIM check', 'https://mxtoolbox.com/dkim.aspx'),
  mxtoolboxMx: link('MXToolbox MX lookup', 'https://mxtoolbox.com/MXLookup.aspx'),
  mxtoolboxReverse: link('MXToolbox reverse DNS (PTR) lookup', 'https://mxtoolbox.com/ReverseLookup.aspx'),
  cloudmarkReset: link(
    'Cloudmark Sender Intelligence reset request',
    'https://csi.cloudmark.com/reset-request/',
    { categories: ['sender-reputation', 'blocked'] },
  ),
  proofpointIpCheck: link('Proofpoint IP reputation check', 'https://ipcheck.proofpoint.com/', {
    provider: 'proofpoint',
    categories: ['sender-reputation', 'blocked'],
  }),
  proofpointPostmaster: link('Proofpoint postmaster', 'https://www.proofpoint.com/us/postmaster', {
    provider: 'proofpoint',
  }),
  mimecastCodes: link(
    'Mimecast SMTP error codes',
    'https://community.mimecast.com/s/article/Mimecast-SMTP-Error-Codes-842605754',
    { provider: 'mimecast' },
  ),
  barracudaCodes: link(
    'Barracuda SMTP error codes',
    'https://campus.barracuda.com/product/emailsecuritygateway/doc/39815000/smtp-error-codes/',
    { provider: 'barracuda' },
  ),
  cloudflarePostmaster: link(
    'Cloudflare Email Routing postmaster',
    'https://developers.cloudflare.com/email-routing/postmaster/',
    { provider: 'cloudflare' },
  ),
} as const satisfies Record<string, Link>;
