import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CATEGORY_IDS, REASON_IDS, type CategoryId, type ReasonId } from '../types';
import {
  CATEGORIES,
  LINKS,
  CATEGORY_ORDER,
  DELAY_INFO,
  PROVIDERS,
  PROVIDER_STATUS_CODES,
  REASONS,
  REPLY_CODES,
  describeReplyCode,
  describeStatus,
  linksFor,
  providerFromDomain,
  providerFromHost,
  providerInfo,
  type Link,
} from './index';
import { matchProviderRule, normaliseDiagnostic } from '../reason/provider-rules';
import { PROVIDER_RULES } from '../providers';
import { REPO_ROOT, VENDORED_CORPUS } from '../../../tests/corpus/paths';

/** The vendored corpus (tests/corpus/sisimai) and the reference facts (tests/reference). */
const readCorpus = (...p: string[]) => readFileSync(join(VENDORED_CORPUS, ...p), 'utf8');
const readReference = <T>(file: string): T =>
  JSON.parse(readFileSync(join(REPO_ROOT, 'tests', 'reference', file), 'utf8')) as T;

const BOUNCE_CATEGORIES: CategoryId[] = [
  'blocked',
  'dmarc',
  'invalid-address',
  'mailbox',
  'mailbox-full',
  'rate-limit',
  'recipient-error',
  'rejection',
  'sender-reputation',
  'unclassified',
];

const SEED_TITLES: Record<string, string> = {
  blocked: 'Blocked',
  dmarc: 'DMARC',
  'invalid-address': 'Invalid address',
  mailbox: 'Mailbox',
  'mailbox-full': 'Mailbox Full',
  'rate-limit': 'Rate Limit',
  'recipient-error': 'Recipient Error',
  rejection: 'Rejection',
  'sender-reputation': 'Sender Reputation',
  unclassified: 'Unclassified',
  'auto-reply': 'Auto-reply',
  complaint: 'Complaint',
  delivered: 'Delivered',
};

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5]
    .map((i) => parseInt(hex.slice(i, i + 2), 16) / 255)
    .map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}
function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}
const sentences = (s: string) => s.split(/(?<=[.!?])\s+/).filter((x) => x.trim()).length;

function allLinks(): Link[] {
  return [
    ...Object.values(CATEGORIES).flatMap((c) => c.links),
    ...DELAY_INFO.links,
    ...PROVIDERS.flatMap((p) => p.links),
    ...PROVIDER_RULES.flatMap((r) => (r.link ? [{ label: r.phrase, url: r.link }] : [])),
  ];
}

describe('categories', () => {
  it('has one complete entry per CategoryId, titled as in the seeds', () => {
    expect(Object.keys(CATEGORIES).sort()).toEqual([...CATEGORY_IDS].sort());
    for (const id of CATEGORY_IDS) {
      const c = CATEGORIES[id];
      expect(c.id).toBe(id);
      expect(c.title).toBe(SEED_TITLES[id]);
      expect(c.summary.trim().length).toBeGreaterThan(10);
      expect(c.summary).not.toContain('\n');
      const n = sentences(c.definition);
      expect(n, `${id} definition has ${n} sentences`).toBeGreaterThanOrEqual(2);
      expect(n).toBeLessThanOrEqual(3);
      expect(c.steps.length).toBeGreaterThan(0);
      for (const s of c.steps) expect(s.trim().length).toBeGreaterThan(10);
      expect(['us', 'recipient', 'nobody']).toContain(c.actor);
    }
  });

  it('gives every bounce category (and the delay notice) 3 to 6 steps', () => {
    for (const id of BOUNCE_CATEGORIES) {
      expect(CATEGORIES[id].steps.length, id).toBeGreaterThanOrEqual(3);
      expect(CATEGORIES[id].steps.length, id).toBeLessThanOrEqual(6);
    }
    expect(DELAY_INFO.steps.length).toBeGreaterThanOrEqual(3);
    expect(DELAY_INFO.id).toBe('delayed');
    expect(sentences(DELAY_INFO.definition)).toBeGreaterThanOrEqual(2);
  });

  it('lists every category exactly once in CATEGORY_ORDER', () => {
    expect([...CATEGORY_ORDER].sort()).toEqual([...CATEGORY_IDS].sort());
    expect(new Set(CATEGORY_ORDER).size).toBe(CATEGORY_ORDER.length);
  });

  it('uses distinct hex colours readable on light and dark backgrounds', () => {
    const colours = [...Object.values(CATEGORIES).map((c) => c.colour), DELAY_INFO.colour];
    expect(new Set(colours.map((c) => c.toLowerCase())).size).toBe(colours.length);
    for (const c of colours) {
      expect(c).toMatch(/^#[0-9a-f]{6}$/i);
      expect(contrast(c, '#ffffff'), `${c} on white`).toBeGreaterThanOrEqual(3);
      expect(contrast(c, '#1f1f1f'), `${c} on dark`).toBeGreaterThanOrEqual(3);
    }
  });

  it('only nobody acts on auto-replies and receipts', () => {
    expect(CATEGORIES['auto-reply'].actor).toBe('nobody');
    expect(CATEGORIES.delivered.actor).toBe('nobody');
    expect(CATEGORIES['mailbox-full'].actor).toBe('recipient');
    expect(CATEGORIES.dmarc.actor).toBe('us');
  });
});

describe('reasons', () => {
  // Parse the corpus README's reason → category table so drift fails here.
  function readmeTable(): Map<string, string> {
    const map = new Map<string, string>();
    const lines = readCorpus('README.md').split('\n');
    const start = lines.findIndex((l) => /^\|\s*reason\s*\|\s*category id\s*\|/.test(l));
    expect(start).toBeGreaterThan(0);
    for (const line of lines.slice(start + 2)) {
      if (!line.startsWith('|')) break;
      const [, reasons = '', category = ''] = line.split('|').map((c) => c.trim());
      for (const r of reasons.split(',')) map.set(r.trim(), category);
    }
    return map;
  }

  it('maps every reason to the category of the corpus README table', () => {
    const table = readmeTable();
    for (const id of table.keys()) expect(REASON_IDS, id).toContain(id);
    for (const [id, category] of table) expect(REASONS[id as ReasonId].category, id).toBe(category);
  });

  it('adds reasons only after the corpus vocabulary, each in one of the nine seed categories', () => {
    const table = readmeTable();
    const added = REASON_IDS.filter((id) => !table.has(id));
    // Ids are stored in histories: new ones go at the end, old ones never move or go.
    expect(REASON_IDS.slice(0, table.size).every((id) => table.has(id))).toBe(true);
    expect(added).toEqual(['suppressed', 'failedstarttls']);
    const seed = Object.keys(SEED_TITLES).slice(0, 9); // the nine seed categories
    for (const id of added) expect(seed, id).toContain(REASONS[id].category);
  });

  it('has a title, one-sentence description and valid action for every reason', () => {
    expect(Object.keys(REASONS).sort()).toEqual([...REASON_IDS].sort());
    for (const id of REASON_IDS) {
      const r = REASONS[id];
      expect(r.id).toBe(id);
      expect(r.title.trim()).not.toBe('');
      expect(sentences(r.description), id).toBe(1);
      expect(['remove-address', 'retry-later', 'fix-sending-setup', 'contact-recipient', 'none']).toContain(
        r.action,
      );
    }
  });

  it('agrees with the corpus on hard bounces (majority per reason)', () => {
    const rows = JSON.parse(readCorpus('expected.json')) as {
      reason: string;
      hardbounce: boolean;
    }[];
    const votes = new Map<string, { hard: number; soft: number }>();
    for (const r of rows) {
      const v = votes.get(r.reason) ?? { hard: 0, soft: 0 };
      if (r.hardbounce) v.hard++;
      else v.soft++;
      votes.set(r.reason, v);
    }
    expect(votes.size).toBeGreaterThan(20);
    for (const [reason, v] of votes) {
      expect(REASONS[reason as keyof typeof REASONS].hard, reason).toBe(v.hard > v.soft);
    }
    // the ones the product cares about most, stated outright
    for (const id of ['userunknown', 'hasmoved', 'hostunknown', 'notaccept'] as const)
      expect(REASONS[id].hard).toBe(true);
    for (const id of ['suspend', 'mailboxfull', 'blocked', 'speeding'] as const)
      expect(REASONS[id].hard).toBe(false);
  });
});

describe('describeStatus', () => {
  const iana = readReference<{ codes: string[] }>('iana-enhanced-status-codes.json').codes;

  it('has the whole IANA registry to check against', () => {
    expect(iana.length).toBeGreaterThanOrEqual(80);
    expect(iana.every((code) => /^X\.\d+\.\d+$/.test(code))).toBe(true);
  });

  it('covers every registered code in classes 2, 4 and 5', () => {
    for (const code of iana) {
      const sd = code.slice(2);
      for (const cls of ['2', '4', '5']) {
        const d = describeStatus(`${cls}.${sd}`);
        expect(d, `${cls}.${sd}`).not.toBeNull();
        expect(d!.detailMeaning, `${cls}.${sd}`).toBeTruthy();
        expect(d!.source).toBe('registry');
        expect(d!.code).toBe(`${cls}.${sd}`);
      }
    }
  });

  it('explains class and subject', () => {
    const d = describeStatus('5.1.1')!;
    expect(d.classMeaning).toMatch(/permanent/i);
    expect(d.subjectMeaning).toMatch(/address/i);
    expect(d.text).toContain('does not exist');
    expect(describeStatus('4.2.2')!.classMeaning).toMatch(/temporary/i);
    expect(describeStatus('2.0.0')!.classMeaning).toMatch(/success/i);
  });

  it('finds the code inside surrounding text and rejects non-codes', () => {
    expect(describeStatus('#5.1.1')?.code).toBe('5.1.1');
    expect(describeStatus('smtp; 550 5.7.26 Unauthenticated')?.code).toBe('5.7.26');
    expect(describeStatus('192.4.5.6')).toBeNull();
    expect(describeStatus('3.1.1')).toBeNull();
    expect(describeStatus('')).toBeNull();
    expect(describeStatus('5.1')).toBeNull();
  });

  it('describes unregistered details without inventing a meaning', () => {
    const d = describeStatus('5.7.999')!;
    expect(d.detailMeaning).toBeNull();
    expect(d.source).toBeNull();
    expect(d.text).toMatch(/not in the registry/);
    expect(describeStatus('5.9.4')!.subjectMeaning).toMatch(/unregistered/i);
  });

  it('prefers the provider meaning for numbers providers reuse', () => {
    const registry = describeStatus('4.7.28')!;
    const gmail = describeStatus('4.7.28', 'google')!;
    expect(registry.detailMeaning).toMatch(/flood/);
    expect(gmail.source).toBe('provider');
    expect(gmail.detailMeaning).toMatch(/rate/);
    expect(describeStatus('5.7.27', 'google')!.detailMeaning).toMatch(/SPF/);
    expect(describeStatus('5.7.27')!.detailMeaning).toMatch(/null MX/);
    expect(describeStatus('4.7.30', 'google')!.detailMeaning).toMatch(/DKIM/);
    expect(describeStatus('5.7.32', 'google')!.detailMeaning).toMatch(/aligned/);
    expect(describeStatus('4.7.40', 'google')!.detailMeaning).toMatch(/DMARC/);
    expect(describeStatus('5.1.10', 'microsoft')!.detailMeaning).toMatch(/not found/);
    expect(describeStatus('5.1.10', 'microsoft')!.source).toBe('provider');
    expect(describeStatus('5.7.610', 'microsoft')!.detailMeaning).toMatch(/banned/);
    expect(describeStatus('5.7.708', 'microsoft')!.detailMeaning).toMatch(/not accepted/);
    expect(describeStatus('5.7.720', 'microsoft')!.detailMeaning).toMatch(/tenant/);
    expect(describeStatus('4.7.650', 'microsoft')!.detailMeaning).toMatch(/reputation/);
    expect(describeStatus('5.7.509', 'microsoft')!.detailMeaning).toMatch(/DMARC/);
    // another provider does not borrow Gmail's meaning
    expect(describeStatus('4.7.28', 'yahoo')!.source).toBe('registry');
    expect(describeStatus('5.1.10', 'google')!.detailMeaning).toMatch(/null MX/);
  });

  it('keeps provider code entries well-formed', () => {
    for (const p of PROVIDER_STATUS_CODES) {
      expect(p.providers.length).toBeGreaterThan(0);
      for (const id of p.providers) expect(providerInfo(id), id).not.toBeNull();
      expect(p.to ?? p.from).toBeGreaterThanOrEqual(p.from);
      expect(p.meaning.trim()).not.toBe('');
    }
  });

  it('never throws on junk', () => {
    fc.assert(
      fc.property(fc.anything(), fc.option(fc.string()), (input, provider) => {
        const d = describeStatus(input as string, provider);
        return d === null || typeof d.text === 'string';
      }),
      { numRuns: 500 },
    );
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (s) => {
        describeStatus(s, 'google');
        describeStatus(s, 'microsoft');
        return true;
      }),
      { numRuns: 1000 },
    );
  });
});

describe('describeReplyCode', () => {
  const codes = readReference<{ codes: string[] }>('smtp-reply-codes.json').codes;

  it('covers every basic reply code of the reference', () => {
    expect(codes.length).toBeGreaterThan(25);
    for (const code of codes) {
      expect(REPLY_CODES[code], code).toBeTruthy();
      expect(describeReplyCode(code)).toBe(REPLY_CODES[code]);
    }
    expect(Object.keys(REPLY_CODES).sort()).toEqual([...codes].sort());
  });

  it('falls back to the class for unregistered codes and null for junk', () => {
    expect(describeReplyCode('599')).toMatch(/Permanent failure/);
    expect(describeReplyCode(' 550 ')).toBe(REPLY_CODES['550']);
    expect(describeReplyCode('55')).toBeNull();
    expect(describeReplyCode('999')).toBeNull();
    expect(describeReplyCode('5501')).toBeNull();
  });

  it('never throws on junk', () => {
    fc.assert(
      fc.property(fc.anything(), (input) => {
        const r = describeReplyCode(input as string);
        return r === null || typeof r === 'string';
      }),
      { numRuns: 500 },
    );
  });
});

describe('providers', () => {
  it('has unique lower-case ids and names', () => {
    const ids = PROVIDERS.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const p of PROVIDERS) {
      expect(p.id).toMatch(/^[a-z0-9-]+$/);
      expect(p.name.trim()).not.toBe('');
      for (const h of p.hosts) expect(h).toMatch(/^[a-z0-9.-]+$/);
    }
  });

  it('recognises provider hosts', () => {
    const table: [string, string | null][] = [
      ['gmail-smtp-in.l.google.com', 'google'],
      ['aspmx.l.google.com.', 'google'],
      ['mx.google.com [192.0.2.1]', 'google'],
      ['example-com.mail.protection.outlook.com', 'microsoft'],
      ['NEKOCHAN.cat-neko22.prod.protection.outlook.com', 'microsoft'],
      ['hotmail-com.olc.protection.outlook.com', 'microsoft'],
      ['mx1.hotmail.com', 'microsoft'],
      ['mta7.am0.yahoodns.net', 'yahoo'],
      ['mx-in-vib.apple.com', 'apple'],
      ['mx01.mail.icloud.com', 'apple'],
      ['mx0a-00123456.pphosted.com', 'proofpoint'],
      ['us-smtp-inbound-1.mimecast.com', 'mimecast'],
      ['d123.ess.barracudanetworks.com', 'barracuda'],
      ['route1.mx.cloudflare.net', 'cloudflare'],
      ['mx.zoho.com', 'zoho'],
      ['mx.yandex.net', 'yandex'],
      ['mxs.mail.ru', 'mailru'],
      ['mx00.gmx.net', 'gmx'],
      ['mx-ha03.web.de', 'webde'],
      ['mx3.qq.com', 'qq'],
      ['mx1.hc1234-56.iphmx.com', 'cisco'],
      ['a12-34.smtp-out.amazonses.com', 'amazonses'],
      ['o1.ptr1234.sendgrid.net', 'sendgrid'],
      ['smtp-in.orange.fr', 'orange'],
      ['mx.example.com', null],
      ['notgoogle.com', null],
      ['', null],
      ['google.com.evil.example', null],
    ];
    for (const [host, id] of table) expect(providerFromHost(host), host).toBe(id);
  });

  it('recognises consumer recipient domains, and no company domains', () => {
    const table: [string, string | null][] = [
      ['gmail.com', 'google'],
      ['someone@googlemail.com', 'google'],
      ['outlook.com', 'microsoft'],
      ['hotmail.co.uk', 'microsoft'],
      ['hotmail.fr', 'microsoft'],
      ['live.com', 'microsoft'],
      ['outlook.com.br', 'microsoft'],
      ['yahoo.com', 'yahoo'],
      ['yahoo.co.uk', 'yahoo'],
      ['yahoo.co.jp', null],
      ['aol.com', 'aol'],
      ['icloud.com', 'apple'],
      ['me.com', 'apple'],
      ['mac.com', 'apple'],
      ['GMX.DE', 'gmx'],
      ['qq.com', 'qq'],
      ['example.com', null],
      ['hotmail.example.com', null],
      ['not an address', null],
    ];
    for (const [domain, id] of table) expect(providerFromDomain(domain), domain).toBe(id);
  });

  it('never throws on junk', () => {
    fc.assert(
      fc.property(fc.anything(), (input) => {
        providerFromHost(input as string);
        providerFromDomain(input as string);
        providerInfo(input as string);
        return true;
      }),
      { numRuns: 500 },
    );
  });
});

describe('provider rules', () => {
  it('has no duplicated phrase and only known reasons and providers', () => {
    const phrases = PROVIDER_RULES.map((r) => r.phrase);
    expect(new Set(phrases).size).toBe(phrases.length);
    for (const r of PROVIDER_RULES) {
      expect(r.phrase).toBe(normaliseDiagnostic(r.phrase).trim());
      expect(r.phrase.length).toBeGreaterThanOrEqual(5);
      expect(REASON_IDS).toContain(r.reason);
      for (const id of r.providers) expect(providerInfo(id), id).not.toBeNull();
    }
  });

  it('uses wording that really occurs in a corpus message or a recorded provider source', () => {
    const corpusDir = join(VENDORED_CORPUS, 'maildir', 'bsd');
    const { entries } = readReference<{ entries: { phrase: string; source: string; text: string }[] }>(
      'provider-wording.json',
    );
    for (const e of entries) {
      expect(normaliseDiagnostic(e.text), e.phrase).toContain(e.phrase);
      expect(e.source.trim(), e.phrase).not.toBe('');
    }
    const haystack = normaliseDiagnostic(
      [
        ...entries.map((e) => e.text),
        ...readdirSync(corpusDir).map((f) => readFileSync(join(corpusDir, f), 'utf8')),
      ].join('\n'),
    );
    const missing = PROVIDER_RULES.filter((r) => !haystack.includes(r.phrase)).map((r) => r.phrase);
    expect(missing).toEqual([]);
  });

  // Real diagnostic lines (reference/provider-responses.tsv and the corpus), provider, expected reason.
  const matches: [string, string | null, string][] = [
    [
      '550 5.1.1 The email account that you tried to reach does not exist. Please try double-checking',
      'google',
      'userunknown',
    ],
    [
      "552 5.2.2 The recipient's inbox is out of storage space and inactive. Please direct",
      'google',
      'mailboxfull',
    ],
    [
      '421 4.7.28 [192.0.2.1] Our system has detected an unusual rate of unsolicited mail originating from your IP address.',
      'google',
      'toomanyconn',
    ],
    [
      '550 5.7.28 There is an unusual rate of unsolicited email originating from your IP address. To protect our users from spam, email sent from your IP address has been blocked.',
      'google',
      'blocked',
    ],
    [
      '550 5.7.26 Unauthenticated email from example.com is not accepted due to domain’s DMARC policy.',
      'google',
      'authfailure',
    ],
    ['550 5.7.606 Access denied, banned sending IP [198.51.100.222].', 'microsoft', 'blocked'],
    [
      '451 4.7.650 The mail server [192.0.2.25] has been temporarily rate limited due to IP reputation.',
      null,
      'badreputation',
    ],
    [
      '421 4.7.0 [TSS04] Messages from 192.0.2.192 temporarily deferred due to unexpected volume or user complaints',
      'yahoo',
      'badreputation',
    ],
    ["554 delivery error: dd This user doesn't have a yahoo.com account", null, 'userunknown'],
    [
      '554 5.7.1 Your message was rejected due to libsisimai.org’s DMARC policy. See https://support.apple.com',
      'apple',
      'authfailure',
    ],
    [
      '550 5.7.1 Service unavailable, Client host [192.0.2.1] blocked using Spamhaus.',
      'microsoft',
      'blocked',
    ],
    [
      '550 5.7.1 Service unavailable; client [192.0.2.1] blocked using prs.proofpoint.com',
      'proofpoint',
      'blocked',
    ],
    ['550 permanent failure for one or more recipients (email@example.com:blocked)', 'barracuda', 'blocked'],
    ['554 email rejected due to security policies - MCSpamSignature.sa.2.2', 'mimecast', 'virusdetected'],
    ['550 5.7.1 DMARC failure for this domain', 'cloudflare', 'authfailure'],
    [
      '451 4.7.1 <x@example.com>: Recipient address rejected: Greylisted for 5 minutes',
      'barracuda',
      'toomanyconn',
    ],
  ];
  it.each(matches)('matches %s', (line, provider, reason) => {
    expect(matchProviderRule(line, provider)?.reason).toBe(reason);
  });

  const nonMatches: [string, string | null][] = [
    [
      '550 5.1.1 <someone@example.com>: Recipient address rejected: User unknown in local recipient table',
      null,
    ],
    ['452 4.2.2 Mailbox full', 'google'],
    // Cloudflare's bare "dmarc" rule needs the provider to be known
    ['550 5.7.1 see our dmarc guide', null],
    ['550 5.7.1 see our dmarc guide', 'google'],
    // Gmail's wording does not apply to another known provider
    ['550 5.1.1 The email account that you tried to reach does not exist.', 'yahoo'],
    ['the certificate is no longer valid', null],
    ['', null],
  ];
  it.each(nonMatches)('does not match %s', (line, provider) => {
    expect(matchProviderRule(line, provider)).toBeNull();
  });

  it('agrees with the corpus verdicts on the bounces it matches', () => {
    // One-bounce files only; provider from Remote-MTA, else the recipient's domain.
    const rows = JSON.parse(readCorpus('expected.json')) as {
      file: string;
      is_bounce: boolean;
      recipient: string | null;
      reason: string;
      category: string;
    }[];
    const perFile = new Map<string, typeof rows>();
    for (const r of rows) perFile.set(r.file, [...(perFile.get(r.file) ?? []), r]);
    let matched = 0;
    let sameCategory = 0;
    for (const [file, list] of perFile) {
      const row = list[0]!;
      if (list.length !== 1 || !row.is_bounce) continue;
      const text = readCorpus(file);
      const diagnostic = (text.match(/Diagnostic-Code:[^\n]*(?:\n[ \t][^\n]*)*/gi) ?? []).join(' ');
      const host = /Remote-MTA:\s*dns;\s*(\S+)/i.exec(text)?.[1] ?? null;
      const rule = matchProviderRule(diagnostic, providerFromHost(host) ?? providerFromDomain(row.recipient));
      if (!rule) continue;
      matched++;
      if (REASONS[rule.reason].category === row.category) sameCategory++;
    }
    expect(matched).toBeGreaterThan(30);
    expect(sameCategory / matched).toBeGreaterThanOrEqual(0.9);
  });

  it('tries the known provider’s own rules before the shared ones', () => {
    // contains both a Mimecast phrase and the shared "dmarc policy"
    const line = '550 DMARC Sender Invalid - envelope rejected per DMARC policy';
    expect(matchProviderRule(line, 'mimecast')?.providers).toEqual(['mimecast']);
  });

  it('never throws on junk', () => {
    fc.assert(
      fc.property(fc.anything(), fc.option(fc.string()), (input, provider) => {
        const r = matchProviderRule(input as string, provider);
        return r === null || typeof r.reason === 'string';
      }),
      { numRuns: 500 },
    );
  });
});

describe('links', () => {
  it('are all https with a label', () => {
    const links = allLinks();
    expect(links.length).toBeGreaterThan(30);
    for (const l of links) {
      expect(l.url, l.label).toMatch(/^https:\/\/[a-z0-9.-]+\.[a-z]{2,}(\/|$)/i);
      expect(l.label.trim()).not.toBe('');
    }
  });

  it('linksFor merges provider and category links without duplicates', () => {
    const merged = linksFor('sender-reputation', 'microsoft');
    const urls = merged.map((l) => l.url);
    expect(new Set(urls).size).toBe(urls.length);
    expect(urls[0]).toBe(providerInfo('microsoft')!.links[0]!.url);
    for (const l of CATEGORIES['sender-reputation'].links)
      if (!l.provider || l.provider === 'microsoft') expect(urls).toContain(l.url);
    // SNDS is in both lists and appears once
    expect(urls.filter((u) => u.includes('/snds')).length).toBe(1);
    expect(linksFor('dmarc', null)).toEqual([...CATEGORIES.dmarc.links]);
    expect(linksFor('delivered', 'google')).toEqual([]);
    expect(linksFor('no-such-category', 'no-such-provider')).toEqual([...CATEGORIES.unclassified.links]);
  });

  it("keeps every category's own links when the provider is unknown", () => {
    for (const [id, info] of Object.entries(CATEGORIES))
      expect(linksFor(id, null), id).toEqual([...info.links]);
  });

  it('shows only pages that fit the category and the known provider', () => {
    const urls = (category: string, provider: string) => linksFor(category, provider).map((l) => l.url);
    const dead = urls('invalid-address', 'microsoft');
    expect(dead).toContain(LINKS.microsoft5110.url);
    expect(dead).toContain(LINKS.microsoftNdr.url);
    // Reputation tools and another provider's error table do not help with a dead address.
    expect(dead).not.toContain(LINKS.microsoftSnds.url);
    expect(dead).not.toContain(LINKS.microsoftDelist.url);
    expect(dead).not.toContain(LINKS.googleSmtpErrors.url);
    const reputation = urls('sender-reputation', 'microsoft');
    expect(reputation).toContain(LINKS.microsoftDelist.url);
    expect(reputation).not.toContain(LINKS.microsoft5110.url);
    expect(reputation).not.toContain(LINKS.googleBlocked.url);
    // Sender tools help whoever refused the mail.
    expect(reputation).toContain(LINKS.googlePostmaster.url);
    expect(urls('rate-limit', 'godaddy')).toContain(LINKS.microsoftSnds.url);
    expect(reputation).toContain(LINKS.spamhausLookup.url);
    for (const [id] of Object.entries(CATEGORIES))
      for (const p of ['google', 'microsoft', 'yahoo', 'apple'])
        for (const l of linksFor(id, p)) expect(l.provider ?? p, `${id} ${p} ${l.url}`).toBe(p);
  });
});
