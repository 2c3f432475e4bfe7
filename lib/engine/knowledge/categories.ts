/**
 * The product's categories: the nine of the seed guide, `unclassified`, and the
 * three non-bounce kinds, plus the delay notice (a message kind, not a category).
 *
 * Colours are mid-tones chosen to keep at least 3:1 contrast against both a white
 * and a near-black (#1f1f1f) background; a test checks this.
 */
import type { CategoryId } from '../types';
import { LINKS, type Link } from './links';

/** Who has to do something so the next message gets through. */
export type Actor = 'us' | 'recipient' | 'nobody';

export interface KindInfo {
  title: string;
  /** Hex colour for badges and accents. */
  colour: string;
  /** One line for the card header. */
  summary: string;
  /** Two or three sentences in plain language. */
  definition: string;
  /** Ordered, concrete things to do. */
  steps: readonly string[];
  links: readonly Link[];
  actor: Actor;
}

export interface CategoryInfo extends KindInfo {
  id: CategoryId;
}

export interface DelayInfo extends KindInfo {
  id: 'delayed';
}

/** Display order: most actionable first, non-bounce kinds last. */
export const CATEGORY_ORDER: readonly CategoryId[] = [
  'invalid-address',
  'mailbox',
  'mailbox-full',
  'dmarc',
  'sender-reputation',
  'blocked',
  'rejection',
  'rate-limit',
  'recipient-error',
  'unclassified',
  'complaint',
  'auto-reply',
  'delivered',
];

const REPUTATION_LINKS = [
  LINKS.googlePostmaster,
  LINKS.microsoftSnds,
  LINKS.yahooSenderHub,
  LINKS.mxtoolboxBlacklist,
  LINKS.spamhausLookup,
];

const AUTH_LINKS = [
  LINKS.mxtoolboxDmarc,
  LINKS.mxtoolboxSpf,
  LINKS.mxtoolboxDkim,
  LINKS.googleSenderGuidelines,
  LINKS.googleDmarcAlignment,
];

export const CATEGORIES: Record<CategoryId, CategoryInfo> = {
  'invalid-address': {
    id: 'invalid-address',
    title: 'Invalid address',
    colour: '#e03131',
    summary: 'The address does not exist (or no longer does) at the recipient’s provider.',
    definition:
      'The receiving server looked the person up and found no such account, or found one that has been closed or moved away. ' +
      'Usually it is a typing mistake or an address that was given up. Sending again will fail the same way.',
    steps: [
      'Check the address letter by letter for typos, extra spaces or a wrong domain ending.',
      'If it was typed correctly, stop mailing it: add it to your suppression or do-not-send list.',
      'Ask the person for a current address through another channel (phone, web form, a colleague).',
      'Validate addresses when they are collected so dead ones never reach your list.',
    ],
    links: [LINKS.googleSmtpErrors],
    actor: 'us',
  },
  mailbox: {
    id: 'mailbox',
    title: 'Mailbox',
    colour: '#be4bdb',
    summary: 'The recipient’s domain has no working mail service for this address.',
    definition:
      'The part after the @ could not be used for mail: the domain does not exist, publishes no mail server, or states that it takes no mail at all. ' +
      'Nothing on the sending side can fix this; only a different address will work.',
    steps: [
      'Look at the domain after the @ for misspellings (for example gmial.com or outlok.com).',
      'Look up the domain’s MX records; if there are none, the domain cannot receive mail.',
      'If the domain is gone or never existed, remove the address from your lists.',
      'Reach the person another way and ask for an address that works.',
    ],
    links: [LINKS.mxtoolboxMx],
    actor: 'us',
  },
  'mailbox-full': {
    id: 'mailbox-full',
    title: 'Mailbox Full',
    colour: '#b7791f',
    summary: 'The recipient’s mailbox is out of space right now.',
    definition:
      'The account exists but has used up its storage allowance, so new mail is turned away until the owner frees space. ' +
      'It is normally temporary, but a box that stays full for weeks is often abandoned.',
    steps: [
      'Wait and send again later (a few hours to a couple of days).',
      'If it matters, tell the person through another channel that their mailbox is full.',
      'Send a lighter version of the message (no large attachments; share a link instead).',
      'If the same address bounces as full for several weeks, treat it as abandoned and stop mailing it.',
    ],
    links: [LINKS.googleSmtpErrors],
    actor: 'recipient',
  },
  dmarc: {
    id: 'dmarc',
    title: 'DMARC',
    colour: '#8b5cf6',
    summary: 'The message failed sender authentication (SPF, DKIM or DMARC).',
    definition:
      'The receiving side could not confirm that the domain in the From line really sent this message: SPF, DKIM or the alignment DMARC requires did not pass. ' +
      'Large providers now refuse such mail outright, so every message from this setup will keep bouncing until the DNS records or the sending service are fixed.',
    steps: [
      'Check that your domain has exactly one SPF record and that it lists every service sending mail for it.',
      'Turn on DKIM signing with your own domain at each sending service and publish its public key in DNS.',
      'Publish a DMARC record (start with p=none) and make sure the From domain matches the SPF or DKIM domain.',
      'Send a test message to a Gmail account and open “Show original” to confirm SPF, DKIM and DMARC all say PASS.',
      'Resend the bounced message once the checks pass.',
    ],
    links: AUTH_LINKS,
    actor: 'us',
  },
  'sender-reputation': {
    id: 'sender-reputation',
    title: 'Sender Reputation',
    colour: '#d9367f',
    summary: 'The receiver distrusts the sending IP or domain, or judged the mail as spam.',
    definition:
      'The receiving provider refused the message because of the sender’s track record: the IP or domain is on a block list, has too many complaints, or the message looked like spam. ' +
      'The fault is on the sending side, and repeating the same mailing tends to make it worse.',
    steps: [
      'Check the sending IP and domain on public block lists and follow each list’s removal procedure.',
      'Confirm that SPF, DKIM and DMARC pass for your domain and that the sending IP has reverse DNS.',
      'Watch your reputation in Google Postmaster Tools, Microsoft SNDS and the Yahoo Sender Hub.',
      'Slow down: send smaller batches and warm up new IPs or domains gradually.',
      'Remove unengaged, invalid and complaining recipients, and keep a working unsubscribe link.',
      'Review the content: avoid spam-like wording, image-only mail and links to doubtful sites.',
    ],
    links: REPUTATION_LINKS,
    actor: 'us',
  },
  blocked: {
    id: 'blocked',
    title: 'Blocked',
    colour: '#d9480f',
    summary: 'A rule at the recipient’s organisation refused this message.',
    definition:
      'A filter or policy on the receiving side stopped the message because of what it contained or how it was sent: a forbidden attachment, a size or content rule, or malware. ' +
      'The address itself is fine; this particular message was not allowed in.',
    steps: [
      'Read the server’s reply for the rule that was hit (attachment type, size, content, virus).',
      'Remove or replace the offending part: zip or link large files, drop executable attachments.',
      'Scan your attachments and sending machines for malware.',
      'Resend the corrected message; if it is refused again, ask the recipient’s IT team to allow it.',
    ],
    links: [LINKS.mxtoolboxBlacklist],
    actor: 'us',
  },
  rejection: {
    id: 'rejection',
    title: 'Rejection',
    colour: '#6366f1',
    summary: 'The receiver refused the sender, the envelope or the message format.',
    definition:
      'The receiving server would not accept mail the way it was sent: the sender address or domain is unusable, the sending IP lacks reverse DNS, the message breaks the mail standards, is too large, or relaying was refused. ' +
      'These are problems in the sending setup, and they repeat until it is changed.',
    steps: [
      'Check that the sending domain exists and has valid DNS records (A or MX, SPF) and is verified with your sending service.',
      'Make sure the sending IP has a reverse DNS (PTR) name that resolves back to the same IP.',
      'If the reply mentions size, send a smaller message or share large files as links.',
      'If it mentions relaying or authentication, check the SMTP login and TLS settings of your mail client or server.',
      'Resend once the setting named in the reply has been corrected.',
    ],
    links: [LINKS.mxtoolboxReverse, LINKS.mxtoolboxSpf, LINKS.mxtoolboxMx],
    actor: 'us',
  },
  'rate-limit': {
    id: 'rate-limit',
    title: 'Rate Limit',
    colour: '#0c8599',
    summary: 'Too much mail arrived too quickly; the receiver is slowing things down.',
    definition:
      'The receiving server turned the message away because the sender, or the recipient, crossed a limit on how many messages or connections are allowed in a period. ' +
      'It is usually temporary and clears once the volume drops.',
    steps: [
      'Wait before sending again; most limits reset within an hour or a day.',
      'Spread large mailings over time and lower the number of parallel connections.',
      'If the recipient is the one receiving too much, reach them another way or try much later.',
      'If limits keep recurring, check your reputation with the big providers’ postmaster tools.',
    ],
    links: [LINKS.googlePostmaster, LINKS.microsoftSnds, LINKS.yahooErrorCodes],
    actor: 'us',
  },
  'recipient-error': {
    id: 'recipient-error',
    title: 'Recipient Error',
    colour: '#3b82f6',
    summary: 'The recipient’s side failed or refuses mail from outside.',
    definition:
      'The trouble sits with the receiving organisation: its servers were unreachable, broken or out of space, delivery timed out after many retries, or it only accepts mail from approved senders. ' +
      'The sender can rarely fix this alone.',
    steps: [
      'Check whether the message eventually expired after retries; if so, try again later.',
      'If the reply says only internal or approved senders are accepted, reach the person another way.',
      'Ask the recipient or their IT team to look at their mail server or to allow your address.',
      'If the same domain keeps failing for days, pause mailing it rather than retrying endlessly.',
    ],
    links: [LINKS.mxtoolboxMx],
    actor: 'recipient',
  },
  unclassified: {
    id: 'unclassified',
    title: 'Unclassified',
    colour: '#78716c',
    summary: 'The report does not say clearly why delivery failed.',
    definition:
      'The bounce carries no code or wording that points to a known cause. ' +
      'The reason may still be in the server’s text, so read it before deciding what to do.',
    steps: [
      'Read the diagnostic text from the remote server for any hint (quota, policy, unknown user).',
      'Send the message once more later; a one-off failure often clears by itself.',
      'If it bounces again, contact the recipient another way to confirm the address.',
    ],
    links: [LINKS.mxtoolboxMx],
    actor: 'us',
  },
  complaint: {
    id: 'complaint',
    title: 'Complaint',
    colour: '#8d7a2a',
    summary: 'A recipient marked your message as spam.',
    definition:
      'This is a feedback report from a mailbox provider saying that someone flagged one of your messages as spam. ' +
      'Each complaint hurts your sender reputation, so that person should not get more bulk mail.',
    steps: [
      'Stop sending marketing or bulk mail to the person who complained.',
      'Check how the address joined your list and whether they expected this kind of mail.',
      'Make the unsubscribe link easy to find and honour it promptly.',
    ],
    links: [LINKS.googlePostmaster, LINKS.microsoftSnds, LINKS.yahooSenderHub],
    actor: 'us',
  },
  'auto-reply': {
    id: 'auto-reply',
    title: 'Auto-reply',
    colour: '#099268',
    summary: 'An automatic answer (out of office, vacation), not a bounce.',
    definition:
      'The message was delivered and the recipient’s mailbox answered on its own, for instance to say they are away. ' +
      'No delivery problem happened.',
    steps: [
      'Nothing needs fixing; the message reached the mailbox.',
      'If the reply names a return date or another contact, follow up accordingly.',
    ],
    links: [],
    actor: 'nobody',
  },
  delivered: {
    id: 'delivered',
    title: 'Delivered',
    colour: '#2f9e44',
    summary: 'A delivery receipt: the message was accepted.',
    definition:
      'This report confirms that the receiving server accepted the message. ' +
      'It is sent when delivery notifications were requested, and nothing failed.',
    steps: ['Nothing to do; keep the receipt if you need proof of delivery.'],
    links: [],
    actor: 'nobody',
  },
};

/** A delay notice: the sending server has not given up yet. */
export const DELAY_INFO: DelayInfo = {
  id: 'delayed',
  title: 'Delayed',
  colour: '#a86a1f',
  summary: 'Not delivered yet; the mail server is still retrying.',
  definition:
    'Your mail server could not hand the message over so far, but the problem looked temporary, so it keeps trying on its own. ' +
    'A final failure report will follow only if it gives up, usually after one to five days.',
  steps: [
    'Do not resend yet; a copy is still queued and may arrive late.',
    'Read the stated reason: a full mailbox or a busy server normally clears by itself.',
    'If the delay mentions authentication, reputation or DNS, start fixing that now.',
    'If a failure report arrives later, handle it according to its category.',
  ],
  links: [LINKS.mxtoolboxMx],
  actor: 'nobody',
};

/** Category info by id; unknown ids fall back to `unclassified`. */
export function categoryInfo(id: string): CategoryInfo {
  return (CATEGORIES as Record<string, CategoryInfo | undefined>)[id] ?? CATEGORIES.unclassified;
}
