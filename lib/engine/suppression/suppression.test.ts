import { describe, expect, it } from 'vitest';
import { REASON_IDS } from '../types';
import {
  DEFAULT_RULES,
  POLICIES,
  decideSuppression,
  eventPolicy,
  policyOf,
  suppressionList,
  verdictOf,
  type BounceEvent,
} from './index';

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 10, 2, 9, 30);
const at = (days: number) => T0 + days * DAY;
const failed = (reason: string, day: number, status: string | null = '5.0.0'): BounceEvent => ({
  reason,
  kind: 'failed',
  at: at(day),
  status,
  replyCode: status ? `${status[0]}50` : null,
});

describe('policy table', () => {
  it('has a policy and a one-line why for every reason id of the engine', () => {
    for (const id of REASON_IDS) {
      const row = POLICIES[id];
      expect(row, id).toBeDefined();
      expect(row.why.trim(), id).not.toBe('');
      expect(row.why, id).not.toMatch(/[\n.]$|\n/);
    }
    expect(Object.keys(POLICIES).sort()).toEqual([...REASON_IDS].sort());
  });

  it('sorts reasons the way the product promises', () => {
    const of = (policy: string) => REASON_IDS.filter((id) => POLICIES[id].policy === policy).sort();
    expect(of('address')).toEqual(['hasmoved', 'suppressed', 'suspend', 'userunknown']);
    expect(of('domain')).toEqual(['hostunknown', 'notaccept']);
    expect(of('after-repeats')).toEqual(
      [
        'expired',
        'mailboxfull',
        'mailererror',
        'networkerror',
        'onhold',
        'systemerror',
        'systemfull',
        'undefined',
      ].sort(),
    );
    expect(of('never')).toContain('authfailure');
    expect(of('never')).toContain('filtered');
    expect(of('never')).toContain('failedstarttls');
    expect(of('complaint')).toEqual(['feedback']);
  });

  it('treats an id it does not know as an unexplained failure', () => {
    expect(policyOf('something-new').policy).toBe('after-repeats');
  });
});

describe('one bounce', () => {
  it('lists a mailbox that does not exist (Gmail 550 5.1.1)', () => {
    const d = decideSuppression([failed('userunknown', 0, '5.1.1')]);
    expect(d).toMatchObject({ suppress: true, policy: 'address', listDomain: false, complaint: false });
    expect(d.why).toBe('Will be suppressed: the address does not exist');
  });

  it('lists a disabled account (Gmail 550 5.2.1 "The email account that you tried to reach is disabled")', () => {
    expect(decideSuppression([failed('suspend', 0, '5.2.1')]).why).toBe(
      'Will be suppressed: the account is disabled or inactive',
    );
  });

  it('lists a dead domain and offers it as a domain', () => {
    const d = decideSuppression([failed('hostunknown', 0, '5.1.2')]);
    expect(d).toMatchObject({ suppress: true, policy: 'domain', listDomain: true });
  });

  it('keeps an address refused for the sender’s DMARC failure (Yahoo 554 5.7.9)', () => {
    const d = decideSuppression([failed('authfailure', 0, '5.7.9')]);
    expect(d.suppress).toBe(false);
    expect(d.policy).toBe('never');
    expect(d.why).toMatch(/^Not an address problem: your sending setup was refused/);
  });

  it('keeps an address behind a block list (Outlook 550 5.7.1 S3150)', () => {
    expect(decideSuppression([failed('blocked', 0, '5.7.1')]).suppress).toBe(false);
  });

  it('counts a single full mailbox as 1 of 3', () => {
    const d = decideSuppression([failed('mailboxfull', 0, '5.2.2')]);
    expect(d.suppress).toBe(false);
    expect(d.why).toBe('Soft: 1 of 3 bounces before suppression (the mailbox is full)');
    expect(d.soft).toMatchObject({ count: 1, repeats: 3, days: 7 });
  });

  it('never lists on a temporary code, even for an address reason (452 4.1.1 directory down)', () => {
    const d = decideSuppression([failed('userunknown', 0, '4.1.1')]);
    expect(d.suppress).toBe(false);
    expect(d.policy).toBe('after-repeats');
    expect(eventPolicy({ reason: 'hostunknown', kind: 'failed', at: null, replyCode: '451' })).toBe(
      'after-repeats',
    );
  });

  it('never lists on a delay notice', () => {
    const d = decideSuppression([{ reason: 'expired', kind: 'delayed', at: at(0), status: '4.4.7' }]);
    expect(d).toMatchObject({ suppress: false, policy: 'after-repeats' });
  });

  it('keeps a sender-side refusal sender-side on a 4xx too (421 4.7.0 rate limited)', () => {
    expect(eventPolicy({ reason: 'toomanyconn', kind: 'failed', at: null, status: '4.7.0' })).toBe('never');
  });

  it('puts a complaint on the complaint list, not the bounce list', () => {
    const d = decideSuppression([{ reason: 'feedback', kind: 'complaint', at: at(0) }]);
    expect(d).toMatchObject({ suppress: false, complaint: true, policy: 'complaint' });
  });
});

describe('a history', () => {
  it('lists soft bounces after 3 over at least 7 days', () => {
    const h = [
      failed('mailboxfull', 0, '4.2.2'),
      failed('mailboxfull', 3, '4.2.2'),
      failed('mailboxfull', 8, '5.2.2'),
    ];
    const d = decideSuppression(h);
    expect(d.suppress).toBe(true);
    expect(d.why).toBe('Will be suppressed: 3 soft bounces over 8 days (last: the mailbox is full)');
  });

  it('waits while 3 soft bounces fall within a few days', () => {
    const h = [failed('mailboxfull', 0), failed('mailboxfull', 1), failed('systemerror', 2)];
    const d = decideSuppression(h);
    expect(d.suppress).toBe(false);
    expect(d.why).toBe(
      'Soft: 3 bounces within 2 days; suppressed once they span 7 days (the recipient’s mail system failed)',
    );
  });

  it('follows settable rules', () => {
    const h = [failed('mailboxfull', 0), failed('mailboxfull', 2)];
    expect(decideSuppression(h, { repeats: 2, days: 1 }).suppress).toBe(true);
    expect(decideSuppression(h, { repeats: 2, days: 3 }).suppress).toBe(false);
    expect(decideSuppression(h, DEFAULT_RULES).why).toMatch(/^Soft: 2 of 3 /);
  });

  it('does not count sender-side refusals towards the repeats', () => {
    const h = [failed('blocked', 0), failed('spamdetected', 5), failed('mailboxfull', 9)];
    expect(decideSuppression(h).why).toMatch(/^Soft: 1 of 3 /);
  });

  it('lists an address that once did not exist, whatever else happened', () => {
    const h = [failed('blocked', 9), failed('userunknown', 1, '5.1.1'), failed('mailboxfull', 0)];
    expect(decideSuppression(h)).toMatchObject({ suppress: true, reason: 'userunknown' });
  });

  it('names the newest deciding reason, whatever the order given', () => {
    const h = [failed('blocked', 1), failed('authfailure', 4)];
    expect(decideSuppression(h).reason).toBe('authfailure');
    expect(decideSuppression([...h].reverse()).reason).toBe('authfailure');
  });

  it('counts undated soft bounces but gives them no span', () => {
    const h: BounceEvent[] = [1, 2, 3].map(() => ({ reason: 'mailboxfull', kind: 'failed', at: null }));
    expect(decideSuppression(h).suppress).toBe(false);
    expect(decideSuppression(h, { repeats: 3, days: 0 }).suppress).toBe(true);
  });
});

describe('suppression list', () => {
  it('groups by address case-insensitively, keeps the newest item and decides each address', () => {
    const list = suppressionList([
      { ...failed('mailboxfull', 0), address: 'Ann@Example.com', item: 'a1' },
      { ...failed('userunknown', 2, '5.1.1'), address: 'bob@example.org', item: 'b1' },
      { ...failed('mailboxfull', 4), address: 'ann@example.com', item: 'a2' },
      { ...failed('blocked', 5), address: '', item: 'none' },
    ]);
    expect(list.map((e) => [e.address, e.domain, e.count, e.last, e.decision.suppress])).toEqual([
      ['ann@example.com', 'example.com', 2, 'a2', false],
      ['bob@example.org', 'example.org', 1, 'b1', true],
    ]);
  });
});

describe('verdict of a record', () => {
  it('tells a refusal of the sender from a soft bounce and a dead address', () => {
    const r = (reason: string, hard: boolean, status: string | null, replyCode: string | null = null) => ({
      reason,
      hard,
      status,
      replyCode,
    });
    expect(verdictOf('failed', r('userunknown', true, '5.1.1'))).toBe('hard');
    expect(verdictOf('failed', r('authfailure', false, '5.7.26'))).toBe('refused');
    expect(verdictOf('failed', r('blocked', false, null, '554'))).toBe('refused');
    expect(verdictOf('failed', r('toomanyconn', false, '4.7.0'))).toBe('soft');
    expect(verdictOf('failed', r('mailboxfull', false, '5.2.2'))).toBe('soft');
    expect(verdictOf('complaint', r('feedback', false, null))).toBe('complaint');
    expect(verdictOf('auto-reply', r('vacation', false, null))).toBe('auto-reply');
    expect(verdictOf('delayed', r('expired', false, '4.4.7'))).toBe('delayed');
  });
});
