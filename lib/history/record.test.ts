import { describe, expect, it } from 'vitest';
import { InvalidBounceMessage, MAX_DIAGNOSTIC, mergeRecord, recordsFromMessage } from './record';
import { fakeSeen } from './test-fixtures';

describe('recordsFromMessage', () => {
  it('keeps one short record per recipient, lower-cased and trimmed', () => {
    const msg = fakeSeen('123', [
      { recipient: ' <Ann@Example.COM> ', diagnostic: `550 5.1.1  no\r\n\tsuch   user ${'x'.repeat(2000)}` },
      { recipient: 'ann@example.com' },
      { recipient: 'bob@example.org', hard: false, category: 'mailbox-full' },
    ]);
    const recs = recordsFromMessage(msg);
    expect(recs.map((r) => [r.key, r.recipientDomain, r.severity])).toEqual([
      ['123|ann@example.com', 'example.com', 'hard'],
      ['123|bob@example.org', 'example.org', 'soft'],
    ]);
    const ann = recordsFromMessage(
      fakeSeen('1', [
        { recipient: 'a@b.c', diagnostic: `550 5.1.1  no\r\n\tsuch   user ${'x'.repeat(2000)}` },
      ]),
    )[0]!;
    expect(ann.diagnostic).toHaveLength(MAX_DIAGNOSTIC);
    expect(ann.diagnostic!.startsWith('550 5.1.1 no such user x')).toBe(true);
    expect(ann.diagnostic!.endsWith('…')).toBe(true);
    expect(ann).not.toHaveProperty('evidence');
    // The fields stay under 1 KB; the search words (index entries) come on top, a bounded list.
    expect(JSON.stringify({ ...ann, words: undefined }).length).toBeLessThan(1024);
    expect(ann.words).toEqual([
      'a@b.c',
      'b.c',
      'news@shop.example',
      'shop.example',
      'google',
      '5.1.1',
      '550',
      'such',
      'user',
    ]);
  });

  it('stores delayed notices and complaints, not auto-replies or ordinary mail', () => {
    expect(
      recordsFromMessage(fakeSeen('1', [{ recipient: 'a@b.c' }], { kind: 'delayed' }))[0]?.severity,
    ).toBe('delayed');
    expect(recordsFromMessage(fakeSeen('1', [{ recipient: 'a@b.c' }], { kind: 'complaint' }))).toHaveLength(
      1,
    );
    expect(recordsFromMessage(fakeSeen('1', [{ recipient: 'a@b.c' }], { kind: 'auto-reply' }))).toEqual([]);
    expect(recordsFromMessage(fakeSeen('1', [], { kind: 'not-bounce' }))).toEqual([]);
  });

  it('refuses malformed reports with a clear error', () => {
    expect(() => recordsFromMessage({ ...fakeSeen('1', []), messageId: 'msg-f:1' })).toThrow(
      InvalidBounceMessage,
    );
    expect(() => recordsFromMessage({ ...fakeSeen('1', []), source: 'guess' as never })).toThrow(
      /unknown source/,
    );
    expect(() => recordsFromMessage({ ...fakeSeen('1', []), result: undefined as never })).toThrow(
      /no result/,
    );
    expect(() => recordsFromMessage(null as never)).toThrow(InvalidBounceMessage);
    // A bad thread id or time is repaired, not fatal.
    const r = recordsFromMessage({
      ...fakeSeen('1', [{ recipient: 'a@b.c' }]),
      threadId: '<script>',
      seenAt: Number.NaN,
    })[0]!;
    expect(r.threadId).toBeNull();
    expect(Number.isFinite(r.lastSeen)).toBe(true);
  });
});

describe('mergeRecord', () => {
  const visible = recordsFromMessage(
    fakeSeen('1', [{ recipient: 'a@b.c', status: null }], { seenAt: 10 }),
  )[0]!;
  const raw = recordsFromMessage(
    fakeSeen('1', [{ recipient: 'a@b.c', status: '5.1.1' }], { seenAt: 20, source: 'raw' }),
  )[0]!;

  it('takes the raw content over the visible one and keeps the first sighting', () => {
    expect(mergeRecord(visible, raw)).toMatchObject({
      source: 'raw',
      status: '5.1.1',
      firstSeen: 10,
      lastSeen: 20,
    });
  });

  it('only moves the dates when a visible result meets a raw one', () => {
    const later = { ...visible, lastSeen: 30, firstSeen: 30 };
    expect(mergeRecord(raw, later)).toMatchObject({
      source: 'raw',
      status: '5.1.1',
      firstSeen: 20,
      lastSeen: 30,
    });
  });
});
