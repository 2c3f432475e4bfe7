/**
 * The card's model and markup, without a browser: what it says for real reports, the plain-text
 * "Copy steps", and that email text is never turned into HTML.
 */
import { readFileSync } from 'node:fs';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { classifyMessage } from '../../lib/engine';
import { emptyResult } from '../../lib/engine/pipeline';
import type { BounceResult } from '../../lib/engine/types';
import { Card } from './Card';
import { buildCardModel, stepsAsText } from './model';
import { CORPUS_BSD } from '../../tests/corpus/paths';

const load = (name: string) => classifyMessage(readFileSync(`${CORPUS_BSD}/${name}`));

function failedWith(diagnostic: string, recipients: string[]): BounceResult {
  return {
    ...emptyResult(),
    kind: 'failed',
    decoder: 'test',
    records: recipients.map((recipient) => ({
      recipient,
      replyCode: '550',
      status: '5.1.1',
      diagnostic,
      reason: 'userunknown',
      category: 'invalid-address',
      hard: true,
      action: 'remove-address',
      provider: null,
      remoteHost: 'mx.example.org',
      reportingMta: null,
      dsnAction: 'failed',
      evidence: [{ source: 'status-code', detail: 'status 5.1.1' }],
    })),
  };
}

describe('card model', () => {
  it('explains a Gmail "user unknown" bounce', () => {
    const m = buildCardModel(load('lhost-gmail-01.eml'), 'raw');
    expect(m.tone).toBe('alarm');
    expect(m.recipients).toEqual(['userunknown@example.jp']);
    expect(m.replyCode).toBe('550');
    expect(m.status).toBe('5.1.1');
    expect(m.statusMeaning).toBeTruthy();
    expect(m.replyMeaning).toBeTruthy();
    expect(m.steps.length).toBeGreaterThan(1);
    expect(m.definition.length).toBeGreaterThan(20);
    expect(m.statusMeaning).not.toMatch(/usual meaning/);
  });

  it('writes the "Why?" notes with titles and names, not internal ids', () => {
    const result = failedWith('550 Unknown user', ['a@example.org']);
    result.records[0]!.evidence = [
      { source: 'provider-rule', detail: 'microsoft wording "resolver.adr.recipientnotfound"' },
      { source: 'decoder', detail: 'userunknown → filtered: answered to DATA' },
      { source: 'decoder', detail: 'report format says suspend' },
      { source: 'decoder', detail: 'feedback report (ARF)' },
    ];
    const lines = buildCardModel(result).evidence;
    expect(lines[0]).toMatch(/^Provider rule: Microsoft .*wording "resolver\.adr\.recipientnotfound"$/);
    expect(lines[1]).toBe('Report format: Unknown user → Refused by recipient’s filter: answered to DATA');
    expect(lines[2]).toBe('Report format: it names the cause, Account disabled');
    expect(lines[3]).toBe('Report format: feedback report (ARF)');
  });

  it('names the finer cause inside the category, for failures and delays only', () => {
    // Recipient Error covers expiry, system faults, network trouble and filters: the cause says which.
    const expired = buildCardModel(load('lhost-amazonses-17.eml'), 'raw');
    expect(expired.categoryTitle).toBe('Recipient Error');
    expect(expired.cause).toMatch(/^Delivery expired: /);
    expect(buildCardModel(load('lhost-opensmtpd-06.eml'), 'raw').cause).toMatch(/^\w[^:]*: \w/);
    expect(buildCardModel(load('rfc3834-01.eml'), 'raw').cause).toBeNull();
  });

  it('says when a server uses a status code for something other than its usual meaning', () => {
    // GoDaddy answers a per-hour sending limit with 5.1.1 ("no such mailbox").
    const limit = buildCardModel(load('rhost-godaddy-03.eml'), 'raw');
    expect(limit.categoryTitle).toBe('Rate Limit');
    expect(limit.status).toBe('5.1.1');
    expect(limit.statusMeaning).toMatch(
      /mailbox does not exist\. That is the code's usual meaning; this server's reply says otherwise/,
    );
    // A provider's own meaning of its code carries no such note.
    const edge = buildCardModel(load('rhost-microsoft-02.eml'), 'raw');
    expect(edge.status).toBe('5.4.1');
    expect(edge.statusMeaning).not.toMatch(/usual meaning/);
  });

  it('lists every recipient of a report once', () => {
    const m = buildCardModel(failedWith('x', ['a@example.org', 'b@example.org', 'a@example.org']));
    expect(m.recipients).toEqual(['a@example.org', 'b@example.org']);
  });

  it('leads a mixed report with its most actionable recipient and tags the others', () => {
    const full = failedWith('552 5.2.2 mailbox full', ['full@example.org']);
    const unknown = failedWith('550 5.1.1 user unknown', ['gone@example.org']);
    full.records[0] = {
      ...full.records[0]!,
      status: '5.2.2',
      replyCode: '552',
      reason: 'mailboxfull',
      category: 'mailbox-full',
      hard: false,
    };
    const mixed: BounceResult = { ...full, records: [full.records[0]!, unknown.records[0]!] };
    const m = buildCardModel(mixed);
    expect(m.category).toBe('invalid-address');
    expect(m.mixed).toBe(true);
    // The lead first, so the Cause and codes shown belong to the first address listed.
    expect(m.recipients).toEqual(['gone@example.org', 'full@example.org']);
    expect(m.recipientDetails.map((r) => [r.address, r.lead, r.differs, r.category, r.causeTitle])).toEqual([
      ['gone@example.org', true, false, 'invalid-address', 'Unknown user'],
      ['full@example.org', false, true, 'mailbox-full', 'Mailbox full'],
    ]);
    expect(m.recipientDetails.map((r) => r.suppression)).toEqual([
      'Will be suppressed: the address does not exist',
      'Soft: 1 of 3 bounces before suppression (the mailbox is full)',
    ]);
    const text = stepsAsText(m);
    expect(text).toContain('gone@example.org (Invalid address: Unknown user 5.1.1)');
    expect(text).toContain('full@example.org (Mailbox Full: Mailbox full 5.2.2)');
    expect(text).toContain('Cause (gone@example.org): Unknown user:');
    const html = renderToStaticMarkup(<Card model={m} theme="light" onDismiss={() => undefined} />);
    expect(html).toContain('Cause (first recipient)');
    expect(html).toContain('Soft: 1 of 3 bounces before suppression (the mailbox is full)');
  });

  it('calls a DMARC refusal a permanent refusal of the setup, not a soft bounce of the address', () => {
    const m = buildCardModel(load('rhost-google-03.eml'), 'raw');
    expect(m.category).toBe('dmarc');
    expect(m.severity).toBe('refused');
    expect(m.suppression).toMatch(/^Not an address problem: your sending setup was refused/);
    // 550's generic "mailbox unavailable, not found" is not what this server said.
    expect(m.replyCode).toBe('550');
    expect(m.replyMeaning).not.toMatch(/mailbox/i);
    expect(m.replyMeaning).toMatch(/^Permanent refusal/);
    const html = renderToStaticMarkup(<Card model={m} theme="light" onDismiss={() => undefined} />);
    expect(html).toContain('Permanent refusal');
    expect(html).not.toContain('Soft bounce');
  });

  it('keeps the reply code’s own words where they fit the verdict', () => {
    const m = buildCardModel(failedWith('550 5.1.1 no such user', ['a@example.org']));
    expect(m.replyMeaning).toMatch(/mailbox unavailable/);
    expect(m.severity).toBe('hard');
    expect(m.suppression).toBe('Will be suppressed: the address does not exist');
  });

  it('keeps delay notices and auto-replies neutral', () => {
    const delayed = buildCardModel(load('lhost-opensmtpd-06.eml'));
    expect(delayed.tone).toBe('neutral');
    expect(delayed.severity).toBe('delayed');
    expect(buildCardModel(load('rfc3834-01.eml')).tone).toBe('neutral');
  });

  it('"Copy steps" is numbered plain text with recipients, codes and links', () => {
    const text = stepsAsText(buildCardModel(failedWith('550 5.1.1 no such user', ['a@example.org'])));
    expect(text).toMatch(
      /^Invalid address \(hard bounce\)\nRecipient: a@example\.org\nCause: Unknown user: .+\nWill be suppressed: the address does not exist\nCode: 550 5\.1\.1/,
    );
    expect(text).toMatch(/\n1\. /);
    expect(text).not.toMatch(/<\/?[a-z]/i);
  });
});

describe('card markup', () => {
  it('renders the diagnostic as text, never as HTML', () => {
    const evil = '550 <img src=x onerror="alert(1)"><b>bold</b> user unknown';
    const html = renderToStaticMarkup(
      <Card
        model={buildCardModel(failedWith(evil, ['<script>@example.org']))}
        theme="light"
        onDismiss={() => undefined}
        defaultWhyOpen
      />,
    );
    expect(html).toContain('&lt;img src=x onerror=');
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;@example.org');
  });

  it('labels its controls for screen readers', () => {
    const html = renderToStaticMarkup(
      <Card
        model={buildCardModel(failedWith('x', ['a@example.org']))}
        theme="dark"
        onDismiss={() => undefined}
      />,
    );
    expect(html).toContain('aria-label="Dismiss the bounce explanation"');
    expect(html).toContain('aria-label="Collapse the bounce explanation"');
    expect(html).toContain('aria-label="Copy address a@example.org"');
    // The region is named for the extension; the verdict is its heading.
    expect(html).toMatch(/^<section[^>]*aria-label="Bounce Triage"/);
    expect(html).toMatch(/<h2 class="bt-badge"[^>]*>.*Invalid address.*<\/h2>/);
    expect(html).toContain('data-theme="dark"');
    expect(html).toContain('type="checkbox"');
  });
});
