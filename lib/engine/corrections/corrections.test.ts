import { describe, expect, it } from 'vitest';
import { decideSuppression, suppressionList, type AddressEvent } from '../suppression/index';
import { CATEGORY_IDS } from '../types';
import {
  applyCorrections,
  bouncePattern,
  categoryPolicy,
  categoryReason,
  correctEvent,
  isCorrectionTo,
  maskDiagnostic,
  type CorrectionTo,
} from './index';
import { REASON_MODULES } from '../reasons/index';

const GMAIL_UNKNOWN = (addr: string, id: string) =>
  `550 5.1.1 <${addr}>: The email account that you tried to reach does not exist. Please try double-checking the recipient's email address. Learn more at https://support.google.com/mail/?p=NoSuchUser ${id} - gsmtp`;

describe('bounce pattern', () => {
  it('masks only the start of a very long reply, so hostile lengths cost no more than 1,000 characters', () => {
    // Repeated addresses collapse to one mask: without the cut, the words after them would show.
    const long = 'ann@example.org, '.repeat(2_000) + 'tail words';
    expect(maskDiagnostic(long)).not.toContain('tail');
    expect(maskDiagnostic(long)).toBe(maskDiagnostic(long.slice(0, 1_000)));
    // Runs without the separators the masks look for (no @, no dot) still give a pattern.
    expect(bouncePattern({ provider: null, status: '5.0.0', diagnostic: 'a-'.repeat(100_000) })).toMatch(
      /^\|5\.0\.0\|a-a-/,
    );
  });

  it('is the same for the same answer to different addresses, ids, dates and hosts', () => {
    const a = bouncePattern({
      provider: 'google',
      status: '5.1.1',
      diagnostic: GMAIL_UNKNOWN('ann@example.org', 'a1si2345678qkb.5'),
    });
    const b = bouncePattern({
      provider: 'google',
      status: '5.1.1',
      diagnostic: GMAIL_UNKNOWN('Bob.Smith+news@corp.example', 'x98si11qkb.212'),
    });
    expect(a).not.toBeNull();
    expect(a).toBe(b);
  });

  it('masks addresses, links, IP addresses, dates, times, hosts, ids and numbers', () => {
    expect(
      maskDiagnostic(
        'Host MX1.Example.ORG[192.0.2.1] said: 452 4.2.2 <cy@example.org> Mailbox full (Mon, 2 Nov 2026 09:30:00 +0000) queue 4ABCD12345 at 2026-11-02T09:30:11Z see http://x.example/p?q=1',
      ),
    ).toBe(
      'host <host>[<ip>] said: #.#.# <addr> mailbox full (<day> <date> <time>) queue <id> at <date> see <url>',
    );
    expect(maskDiagnostic('banned sending IP [2001:db8::1] 08DD0A1B2C3D4E5F')).toBe(
      'banned sending ip [<ip>] <id>',
    );
    // Lists of addresses of any length read alike.
    expect(maskDiagnostic('unknown: a@x.example, b@y.example, c@z.example')).toBe(
      maskDiagnostic('unknown: d@x.example'),
    );
  });

  it('tells providers, status codes and wordings apart', () => {
    const base = {
      provider: 'google',
      status: '5.1.1',
      diagnostic: GMAIL_UNKNOWN('ann@example.org', 'a1si2'),
    };
    const p = bouncePattern(base);
    expect(bouncePattern({ ...base, provider: 'microsoft' })).not.toBe(p);
    expect(bouncePattern({ ...base, status: '5.2.1' })).not.toBe(p);
    expect(bouncePattern({ ...base, diagnostic: '550 5.1.1 <ann@example.org>: Account disabled' })).not.toBe(
      p,
    );
  });

  it('falls back to the reply code, and gives null when there is nothing to compare', () => {
    expect(bouncePattern({ provider: null, status: null, replyCode: '550', diagnostic: null })).toBe('|550|');
    expect(bouncePattern({ provider: 'google', status: null, diagnostic: '  ' })).toBeNull();
  });

  it('is cut to a bounded length', () => {
    const long = bouncePattern({ provider: 'x', status: '5.0.0', diagnostic: 'word '.repeat(500) });
    expect(long!.length).toBeLessThan(260);
  });
});

describe('category policies', () => {
  it('follow the reasons of each category', () => {
    expect(categoryPolicy('invalid-address')).toBe('address');
    expect(categoryPolicy('mailbox')).toBe('domain');
    expect(categoryPolicy('mailbox-full')).toBe('after-repeats');
    expect(categoryPolicy('recipient-error')).toBe('after-repeats');
    for (const c of ['dmarc', 'blocked', 'sender-reputation', 'rejection', 'rate-limit'] as const)
      expect(categoryPolicy(c), c).toBe('never');
    expect(categoryPolicy('complaint')).toBe('complaint');
    expect(categoryPolicy('delivered')).toBe('not-a-bounce');
  });

  it('name a reason of their own category for every category', () => {
    for (const c of CATEGORY_IDS) expect(REASON_MODULES[categoryReason(c)].category, c).toBe(c);
    expect(isCorrectionTo('keep')).toBe(true);
    expect(isCorrectionTo('mailbox-full')).toBe(true);
    expect(isCorrectionTo('nonsense')).toBe(false);
  });
});

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 10, 2);
type Ev = AddressEvent<string>;
const ev = (address: string, reason: string, day: number, item: string, status = '5.1.1'): Ev => ({
  address,
  reason,
  kind: 'failed',
  at: T0 + day * DAY,
  status,
  replyCode: '550',
  item,
});

describe('corrections on the suppression list', () => {
  const listed = (events: Ev[], fixes: Record<string, CorrectionTo>) =>
    suppressionList(applyCorrections(events, (e) => fixes[e.item]))
      .filter((e) => e.decision.suppress)
      .map((e) => e.address);

  it('keeps an address off the list when someone said to keep mailing it, whatever its other bounces', () => {
    const events = [ev('ann@x.example', 'userunknown', 0, 'm1'), ev('ann@x.example', 'userunknown', 3, 'm2')];
    expect(listed(events, {})).toEqual(['ann@x.example']);
    expect(listed(events, { m1: 'keep' })).toEqual([]);
  });

  it('drops a message someone said is not a bounce, and only that message', () => {
    const one = [ev('bo@x.example', 'userunknown', 0, 'm1')];
    expect(listed(one, { m1: 'not-bounce' })).toEqual([]);
    const two = [...one, ev('bo@x.example', 'suspend', 2, 'm2')];
    expect(listed(two, { m1: 'not-bounce' })).toEqual(['bo@x.example']);
  });

  it('gives a corrected category its policy, also against a temporary code', () => {
    // A soft bounce corrected to an invalid address is listed at once, and says why.
    const soft = [ev('cy@x.example', 'mailboxfull', 0, 'm1', '4.2.2')];
    expect(listed(soft, {})).toEqual([]);
    expect(listed(soft, { m1: 'invalid-address' })).toEqual(['cy@x.example']);
    const d = decideSuppression(applyCorrections(soft, () => 'invalid-address'));
    expect(d.why).toBe('Will be suppressed: the address does not exist (as you corrected it)');
    // An unknown user corrected to a DMARC refusal stays off the list.
    const hard = [ev('dee@x.example', 'userunknown', 0, 'm1')];
    expect(listed(hard, { m1: 'dmarc' })).toEqual([]);
    expect(decideSuppression(applyCorrections(hard, () => 'dmarc')).why).toMatch(
      /^Not an address problem: .*\(as you corrected it\)$/,
    );
    // A dead domain, and a complaint, go where their categories go.
    const dom = suppressionList(applyCorrections(hard, () => 'mailbox'));
    expect(dom[0]!.decision.listDomain).toBe(true);
    const complaint = suppressionList(applyCorrections(hard, () => 'complaint'));
    expect(complaint[0]!.decision).toMatchObject({ suppress: false, complaint: true });
  });

  it('leaves events without a correction as they were', () => {
    const e = ev('ed@x.example', 'userunknown', 0, 'm1');
    expect(applyCorrections([e], () => undefined)).toEqual([e]);
    expect(correctEvent(e, 'mailbox-full')).toMatchObject({ kind: 'failed', reason: 'mailboxfull' });
    expect(e.reason).toBe('userunknown');
  });
});
