/**
 * The (reply code, enhanced code) rows of the seed guide's tables: the union of
 * its four versions (000–003, tests/reference/seed-code-rows.json), one row per pair. A pair listed under
 * several categories keeps them all, with a note on what tells them apart.
 * A test compares them with those rows and fails if a row is missing or added.
 *
 * The enhanced column is kept as written: a code, or "-", "Missing", "NA" when the
 * table gives none. Meanings are paraphrased; the seeds' wording is not used.
 */
import type { CategoryId } from '../types';

export interface SeedMeaning {
  category: CategoryId;
  text: string;
}

export interface SeedRow {
  /** Basic reply code as listed (some are not standard SMTP, e.g. 605, 701). */
  replyCode: string;
  /** Enhanced column as listed: "5.1.1", or "-", "Missing", "NA". */
  enhanced: string;
  /** The enhanced code, or null when the table gives none. */
  status: string | null;
  categories: readonly CategoryId[];
  /** Row-specific meanings the guide gives (beyond its category's usual one). */
  meanings: readonly SeedMeaning[];
  /** For rows under several categories: what decides between them. */
  note?: string;
}

// Per category, the pairs in the guide's order. Edit here when the guide changes.
const TABLE: Partial<Record<CategoryId, string>> = {
  blocked: '554 5.2.3',
  dmarc:
    '509 5.7.509, 550 5.0.0, 550 5.7.20, 550 5.7.26, 550 5.7.5, 550 5.7.509, 550 5.7.6, 550 5.7.8, 550 5.7.9, 550 Missing, 553 -, 554 5.0.0, 554 5.7.5, 555 5.7.5',
  'invalid-address':
    '450 4.1.1, 500 5.0.0, 500 5.1.1, 501 5.1.1, 501 5.1.3, 501 5.5.4, 501 5.7.0, 505 -, 508 5.1.1, 511 5.1.1, 511 -, 521 5.3.2, 522 5.7.1, 525 5.7.13, 540 5.7.1, 542 -, ' +
    '550 5.0.0, 550 5.0.1, 550 5.0.350, 550 5.1.0, 550 5.1.1, 550 5.1.10, 550 5.1.181, 550 5.1.2, 550 5.1.351, 550 5.1.6, 550 5.2.1, 550 5.2.14, 550 5.2.5, 550 5.3.0, 550 5.3.2, ' +
    '550 5.4.310, 550 5.4.312, 550 5.4.350, 550 5.4.355, 550 5.5.0, 550 5.5.1, 550 5.5.2, 550 5.7.0, 550 5.7.1, 550 5.7.100, 550 5.7.13, 550 5.8.1, 550 -, 551 5.1.1, 551 -, ' +
    '552 5.1.1, 553 5.1.1, 553 5.1.3, 553 5.3.0, 553 5.5.3, 553 5.7.1, 553 5.7.2, 554 5.0.0, 554 5.1.1, 554 5.1.2, 554 5.2.1, 554 5.2.2, 554 5.5.1, 554 5.7.1, 554 5.7.7, 554 -, ' +
    '556 5.1.1, 572 -, 577 5.1.1, 585 5.1.1, 605 -, 612 -',
  mailbox:
    '450 4.2.2, 452 -, 498 -, 511 -, 516 5.1.6, 522 5.2.2, 550 4.2.2, 550 5.0.350, 550 5.2.0, 550 5.2.2, 550 5.4.6, 550 5.5.0, 550 5.5.1, 552 5.1.1, 552 5.2.1, 552 5.5.2, 552 -, 553 5.3.1, 554 5.1.1',
  'mailbox-full': '452 4.1.1, 452 4.2.2, 550 5.2.2, 552 5.2.2, 552 -',
  'rate-limit': '221 -, 550 4.2.1, 550 5.2.1, 550 5.2.122, 554 5.2.121, 554 5.2.122',
  'recipient-error':
    '450 -, 502 -, 503 -, 510 -, 521 5.3.0, 530 5.3.0, 530 5.7.0, 530 5.7.1, 530 5.7.57, 530 -, 535 -, 541 5.4.1, 550 4.4.0, 550 4.4.2, 550 4.4.7, 550 5.1.3, 550 5.1.9, ' +
    '550 5.3.5, 550 5.4.103, 550 5.4.108, 550 5.4.142, 550 5.4.300, 550 5.4.315, 550 5.4.316, 550 5.4.317, 550 5.4.4, 550 5.4.7, 550 5.5.5, 550 5.7.105, 550 5.7.124, ' +
    '550 5.7.128, 550 5.7.129, 550 5.7.133, 550 5.7.134, 550 5.7.136, 550 5.7.193, 550 5.7.230, 550 5.7.367, 550 5.7.51, 550 5.7.520, 550 5.7.54, 550 5.7.64, 550 5.7.703, ' +
    '550 5.7.705, 550 5.7.900, 550 5.7.902, 550 5.7.929, 550 5.7.987, 550 5.7.999, 550 5.8.2, 551 -, 552 5.7.1, 553 5.0.0, 553 5.1.8, 554 4.3.5, 554 5.1.0, 554 5.1.2, ' +
    '554 5.2.0, 554 5.4.6, 554 5.5.4, 554 5.7.1, 554 5.7.105, 555 5.7.1, 556 5.7.1, 556 -, 571 -, 577 5.7.7, 579 -, 701 -',
  rejection:
    '450 4.1.8, 501 5.1.0, 501 5.1.7, 501 5.1.8, 501 5.2.0, 501 NA, 533 5.7.1, 550 5.1.0, 550 5.1.7, 550 5.1.8, 550 5.2.3, 550 5.4.0, 550 5.4.12, 550 5.4.14, 550 5.4.6, ' +
    '550 5.5.2, 550 5.7.13, 550 5.7.21, 550 5.7.23, 550 5.7.24, 550 5.7.26, 550 5.7.27, 550 5.7.368, 550 5.7.57, 553 5.1.8, 554 5.1.8, 554 NA',
};

/** What the guide says, in general, about the rows of each category. */
export const SEED_CATEGORY_MEANINGS: Partial<Record<CategoryId, string>> = {
  blocked:
    'A rule or policy at the receiving organisation stopped the message (quota, size or content rules).',
  dmarc: 'The message failed DMARC: the From domain is not aligned with a domain that passed SPF or DKIM.',
  'invalid-address': 'The recipient address is wrong or does not exist.',
  mailbox: 'The recipient’s domain has no mailbox for this address and takes no mail for it.',
  'mailbox-full': 'The recipient’s mailbox has no room left for new mail.',
  'rate-limit': 'The recipient is receiving too much mail too quickly, so the server turned this one away.',
  'recipient-error':
    'The recipient’s server refused the message, for instance because it only takes mail from inside its own domain.',
  rejection: 'The sending domain lacks valid DNS records or is not verified with the sending service.',
};

const EXPIRED =
  'Delivery kept failing until the retry period ran out, usually because the receiving server refused or could not be reached; the message expired.';
const HOPS =
  'The message passed through too many servers (too many hops), which usually points to a mail loop.';
const BOUNCE_LIST =
  'The address is already on the sending service’s bounce list after an earlier failure; re-check it before mailing again.';
const MX_OUTAGE = 'The recipient’s mail server (MX) is misconfigured or having an outage.';

const MEANINGS: Record<string, [CategoryId, string][]> = {
  '550 5.2.1': [
    ['invalid-address', 'The account exists but is inactive or switched off.'],
    ['rate-limit', 'The recipient is getting mail faster than their provider allows.'],
  ],
  '550 -': [
    ['invalid-address', BOUNCE_LIST],
    ['invalid-address', MX_OUTAGE],
  ],
  '605 -': [['invalid-address', BOUNCE_LIST]],
  '612 -': [['invalid-address', MX_OUTAGE]],
  '521 5.3.0': [
    ['recipient-error', 'Cloudflare Email Routing hit a problem while processing or forwarding the message.'],
  ],
  '550 5.4.316': [['recipient-error', EXPIRED]],
  '550 5.4.317': [['recipient-error', EXPIRED]],
  '550 5.4.7': [['recipient-error', EXPIRED]],
  '550 5.7.705': [
    [
      'recipient-error',
      'A Microsoft 365 tenant went over a volume or security threshold, so further deliveries are refused.',
    ],
  ],
  '555 5.7.1': [
    [
      'recipient-error',
      'The receiving system (Pixieset) does not accept mail from this sending platform or in this format.',
    ],
  ],
  '550 5.2.3': [['rejection', 'The message is larger than the recipient accepts.']],
  '550 5.4.0': [['rejection', HOPS]],
  '550 5.4.12': [['rejection', HOPS]],
  '550 5.4.14': [['rejection', HOPS]],
  '550 5.4.6': [['rejection', 'The recipient’s provider detected a mail loop.']],
  '554 NA': [
    [
      'rejection',
      'The domain in the envelope sender (MAIL FROM) looks invalid, or the sending domain has a poor reputation.',
    ],
  ],
};

const ADDRESS_OR_DOMAIN =
  'Decide by the text: if it names the person (unknown user, no such mailbox) it is an invalid address; if it names the domain or host (no mail host, domain not found) it is a mailbox problem.';

const CATCH_ALL =
  'A catch-all code. Text about DMARC, SPF or DKIM means DMARC; text about an unknown user or mailbox means an invalid address.';
const FULL_OR_UNAVAILABLE =
  'Text about quota, storage or a full mailbox means Mailbox Full; a mailbox that is simply unavailable means Mailbox.';

const NOTES: Record<string, string> = {
  '550 5.0.0': CATCH_ALL,
  '554 5.0.0': CATCH_ALL,
  '550 5.7.26':
    'Text about a DMARC policy or From-domain alignment means DMARC; text about missing or broken DNS records of the sending domain means Rejection.',
  '511 -': ADDRESS_OR_DOMAIN,
  '550 5.0.350': ADDRESS_OR_DOMAIN,
  '550 5.5.0': ADDRESS_OR_DOMAIN,
  '550 5.5.1': ADDRESS_OR_DOMAIN,
  '552 5.1.1':
    ADDRESS_OR_DOMAIN +
    ' Some providers (Orange, Comcast) also send 552 5.1.1 for a mailbox over quota: then it is Mailbox Full.',
  '554 5.1.1': ADDRESS_OR_DOMAIN,
  '550 5.1.0':
    'Whose address is bad? The recipient’s means an invalid address; the sender’s (MAIL FROM, sending domain) means Rejection.',
  '550 5.2.1':
    'Text about an inactive, disabled or suspended account means an invalid address; text about receiving mail too fast means Rate Limit.',
  '550 5.5.2':
    'A syntax problem in the recipient address means an invalid address; one in the sender address or the SMTP commands means Rejection.',
  '550 5.7.13':
    'A disabled user account on the recipient side means an invalid address; a problem with the sending domain’s DNS means Rejection.',
  '551 -':
    '"User not local" with no forwarding means the address is gone (invalid address); a refusal by the recipient’s policy means Recipient Error.',
  '554 5.1.2':
    'A recipient domain that cannot be found means an invalid address; a refusal by the recipient’s system or policy means Recipient Error.',
  '554 5.7.1':
    'Text about an unknown or invalid recipient means an invalid address; a refusal by policy, filter or relay rules means Recipient Error.',
  '550 5.2.2': FULL_OR_UNAVAILABLE,
  '552 -': FULL_OR_UNAVAILABLE,
  '550 5.4.6':
    'A routing or mail loop means Rejection; a recipient domain with no usable mail host means Mailbox.',
  '553 5.1.8':
    'An invalid sender domain (MAIL FROM) means Rejection: fix your DNS. A recipient side that refuses outside senders means Recipient Error.',
};

const NO_CODE = new Set(['-', 'Missing', 'NA']);

function buildRows(): SeedRow[] {
  const byKey = new Map<string, { replyCode: string; enhanced: string; categories: CategoryId[] }>();
  for (const [category, list] of Object.entries(TABLE) as [CategoryId, string][]) {
    for (const pair of list.split(',')) {
      const [replyCode = '', enhanced = ''] = pair.trim().split(' ');
      const key = `${replyCode} ${enhanced}`;
      const row = byKey.get(key) ?? { replyCode, enhanced, categories: [] };
      if (!row.categories.includes(category)) row.categories.push(category);
      byKey.set(key, row);
    }
  }
  return [...byKey.entries()].map(([key, r]) => {
    const note = NOTES[key];
    const row: SeedRow = {
      replyCode: r.replyCode,
      enhanced: r.enhanced,
      status: NO_CODE.has(r.enhanced) ? null : r.enhanced,
      categories: r.categories,
      meanings: (MEANINGS[key] ?? []).map(([category, text]) => ({ category, text })),
    };
    if (note) row.note = note;
    return row;
  });
}

export const SEED_ROWS: readonly SeedRow[] = buildRows();

const INDEX = new Map<string, SeedRow[]>();
for (const row of SEED_ROWS) {
  const key = `${row.replyCode} ${row.status ?? ''}`;
  const list = INDEX.get(key) ?? [];
  list.push(row);
  INDEX.set(key, list);
}

/**
 * Seed rows for a reply code and enhanced status. A null/empty status matches
 * the rows the guide lists without a code ("-", "Missing", "NA"). Never throws.
 *
 * @example lookupSeedRows('550', '5.2.1')[0]?.categories // ['invalid-address', 'rate-limit']
 */
export function lookupSeedRows(
  replyCode: string | null | undefined,
  status: string | null | undefined,
): SeedRow[] {
  if (typeof replyCode !== 'string') return [];
  const reply = replyCode.trim();
  const st = typeof status === 'string' ? status.trim() : '';
  const key = `${reply} ${NO_CODE.has(st) ? '' : st}`;
  return [...(INDEX.get(key) ?? [])];
}
