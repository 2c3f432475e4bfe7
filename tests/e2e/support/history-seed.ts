/**
 * Synthetic but realistic history records for the benchmark: many addresses bounce more than
 * once, big providers dominate, diagnostics are full server lines of typical length.
 * Deterministic (seeded PRNG), built through the same conversion the background uses.
 */
import type { CategoryId, MessageKind, ReasonId } from '../../../lib/engine/types';
import { recordsFromMessage, type HistoryRecord } from '../../../lib/history/record';
import { fakeSeen } from '../../../lib/history/test-fixtures';
import { IMPORTED_ACCOUNT } from '../../../lib/import/protocol';

function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Shape {
  category: CategoryId;
  reason: ReasonId;
  hard: boolean;
  kind: MessageKind;
  replyCode: string;
  status: string;
  diag: (addr: string, host: string) => string;
  weight: number;
}

const SHAPES: Shape[] = [
  {
    category: 'invalid-address',
    reason: 'userunknown',
    hard: true,
    kind: 'failed',
    replyCode: '550',
    status: '5.1.1',
    weight: 40,
    diag: (a, h) =>
      `550-5.1.1 The email account that you tried to reach does not exist. Please try double-checking the recipient's email address for typos or unnecessary spaces. For more information, go to https://support.${h}/mail/?p=NoSuchUser ${a}`,
  },
  {
    category: 'invalid-address',
    reason: 'userunknown',
    hard: true,
    kind: 'failed',
    replyCode: '550',
    status: '5.5.0',
    weight: 10,
    diag: (a) => `550 5.5.0 Requested action not taken: mailbox unavailable <${a}>`,
  },
  {
    category: 'mailbox-full',
    reason: 'mailboxfull',
    hard: false,
    kind: 'failed',
    replyCode: '452',
    status: '4.2.2',
    weight: 12,
    diag: (a) =>
      `452-4.2.2 The recipient's inbox is out of storage space. Please direct the recipient to https://support.example/mail/?p=OverQuotaTemp ${a}`,
  },
  {
    category: 'blocked',
    reason: 'blocked',
    hard: false,
    kind: 'failed',
    replyCode: '554',
    status: '5.7.1',
    weight: 8,
    diag: (_a, h) =>
      `554 5.7.1 Service unavailable; Client host [203.0.113.${(_a.length * 37) % 250}] blocked using zen.spamhaus.org; see https://check.spamhaus.org/ (${h})`,
  },
  {
    category: 'dmarc',
    reason: 'authfailure',
    hard: false,
    kind: 'failed',
    replyCode: '550',
    status: '5.7.26',
    weight: 6,
    diag: () =>
      `550-5.7.26 Unauthenticated email from shop.example is not accepted due to domain's DMARC policy. Please contact the administrator of shop.example domain if this was a legitimate mail.`,
  },
  {
    category: 'rate-limit',
    reason: 'speeding',
    hard: false,
    kind: 'delayed',
    replyCode: '421',
    status: '4.7.0',
    weight: 10,
    diag: () => `421-4.7.0 Try again later, closing connection. This is usually a temporary condition.`,
  },
  {
    category: 'sender-reputation',
    reason: 'badreputation',
    hard: false,
    kind: 'failed',
    replyCode: '550',
    status: '5.7.350',
    weight: 5,
    diag: () =>
      `550 5.7.350 Remote server returned message detected as spam -> 554 5.7.1 Message rejected due to reputation of the sending IP`,
  },
  {
    category: 'mailbox',
    reason: 'suspend',
    hard: true,
    kind: 'failed',
    replyCode: '550',
    status: '5.2.1',
    weight: 5,
    diag: (a) => `550 5.2.1 The email account ${a} is disabled or has been deactivated`,
  },
  {
    category: 'rejection',
    reason: 'rejected',
    hard: false,
    kind: 'failed',
    replyCode: '550',
    status: '5.7.0',
    weight: 3,
    diag: () => `550 5.7.0 Message rejected by recipient's policy`,
  },
  {
    category: 'unclassified',
    reason: 'undefined',
    hard: false,
    kind: 'failed',
    replyCode: '554',
    status: '5.0.0',
    weight: 1,
    diag: () => `554 5.0.0 Delivery failed for unknown reasons`,
  },
];

const BIG = [
  'gmail.com',
  'yahoo.com',
  'outlook.com',
  'hotmail.com',
  'icloud.com',
  'aol.com',
  'gmx.de',
  'web.de',
  'orange.fr',
  'comcast.net',
];
const PROVIDERS: Record<string, string> = {
  'gmail.com': 'google',
  'yahoo.com': 'yahoo',
  'aol.com': 'yahoo',
  'outlook.com': 'microsoft',
  'hotmail.com': 'microsoft',
  'icloud.com': 'apple',
  'gmx.de': 'gmx',
  'web.de': 'gmx',
};
/** Servers the user's mail leaves from (a mail-merge tool's pool, the company's relay, Gmail). */
const SENDING_IPS = Array.from({ length: 24 }, (_, i) =>
  i < 16 ? `198.51.100.${10 + i * 7}` : `2001:db8:${(i * 97).toString(16)}::25`,
);

const SENDERS = [
  'news@shop.example',
  'hello@shop.example',
  'billing@shop.example',
  'team@startup.example',
  'me@consultant.example',
];
const FIRST = [
  'anna',
  'ben',
  'chloe',
  'dario',
  'emma',
  'felix',
  'greta',
  'hugo',
  'ines',
  'jonas',
  'kira',
  'luca',
  'mia',
  'noah',
  'olga',
  'paul',
];

/** `n` records with about n*0.45 distinct addresses, last seen over the past two years before `now`. */
export function syntheticRecords(n: number, now: number, seed = 42): HistoryRecord[] {
  const out: HistoryRecord[] = [];
  for (const chunk of syntheticChunks(n, now, seed, n)) out.push(...chunk);
  return out;
}

/**
 * The same records as {@link syntheticRecords}, made `chunk` at a time (a million do not fit at
 * once). `from` skips the first records (a resumed seed): the random draws still happen in the same
 * order, so record i is the same whether or not the ones before it were made.
 */
export function* syntheticChunks(
  n: number,
  now: number,
  seed = 42,
  chunk = 5000,
  from = 0,
): Generator<HistoryRecord[]> {
  const rand = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const totalWeight = SHAPES.reduce((s, x) => s + x.weight, 0);
  const shape = (): Shape => {
    let w = rand() * totalWeight;
    for (const s of SHAPES) if ((w -= s.weight) < 0) return s;
    return SHAPES[0]!;
  };
  const addresses = Math.max(1, Math.floor(n * 0.45));
  const domainOf = (i: number) => (i % 3 === 0 ? `company${i % 2000}.example` : BIG[i % BIG.length]!);
  let out: HistoryRecord[] = [];
  const base = 17_000_000_000_000_000_000n;
  for (let i = 0; i < n; i++) {
    // Skewed: low address numbers bounce more often.
    const a = Math.floor(Math.pow(rand(), 1.6) * addresses);
    const s = shape();
    const seenAt = now - Math.floor(rand() * 730 * 86_400_000);
    const from_ = pick(SENDERS);
    const source = rand() < 0.5 ? 'raw' : 'visible';
    const account = rand() < 0.8 ? 'u/0' : 'u/1';
    // The report's own Date: a few minutes after the original was sent.
    const reportDate = new Date(seenAt - Math.floor(rand() * 3_600_000)).toUTCString();
    // Most of a big history comes from mailbox imports, which also know the kind of mail and the
    // sending server; the rest was seen in Gmail tabs.
    const imported = rand() < 0.7;
    const bulk = rand() < 0.65;
    const ip = SENDING_IPS[Math.floor(rand() * SENDING_IPS.length)]!;
    if (i < from) continue;
    const domain = domainOf(a);
    const address = `${FIRST[a % FIRST.length]}.${a}@${domain}`;
    const msg = fakeSeen(
      (base + BigInt(i) * 7919n).toString(),
      [
        {
          recipient: address,
          category: s.category,
          reason: s.reason,
          hard: s.hard,
          replyCode: s.replyCode,
          status: s.status,
          diagnostic: s.diag(address, domain),
          provider: PROVIDERS[domain] ?? null,
        },
      ],
      {
        seenAt,
        kind: s.kind,
        from: from_,
        source: imported ? 'raw' : source,
        account: imported ? `${IMPORTED_ACCOUNT}me@example.com` : account,
      },
    );
    msg.result.report.date = reportDate;
    if (imported || source === 'raw') msg.result.report.messageId = `<${i.toString(36)}.dsn@mx.${domain}>`;
    if (imported) {
      msg.emailType = bulk ? 'bulk' : 'one-to-one';
      msg.result.original.sendingIp = ip;
    }
    out.push(...recordsFromMessage(msg));
    if (out.length >= chunk) {
      yield out;
      out = [];
    }
  }
  if (out.length) yield out;
}
