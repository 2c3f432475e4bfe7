import { describe, expect, it } from 'vitest';
import { buildColumns, countRows, filterColumns } from './columns';
import { IndexEntry } from './query';
import { recordsFromMessage } from './record';
import { fakeSeen } from './test-fixtures';

const entries = [
  ...recordsFromMessage(
    fakeSeen('3', [{ recipient: 'zed@last.example', diagnostic: 'tail-word' }], { seenAt: 3 }),
  ),
  ...recordsFromMessage(
    fakeSeen(
      '2',
      [{ recipient: 'mid@corp.example', hard: false, category: 'mailbox-full', provider: 'microsoft' }],
      { seenAt: 2, from: 'me@shop.example' },
    ),
  ),
  ...recordsFromMessage(
    fakeSeen('1', [{ recipient: 'amy@first.example', diagnostic: 'head-word' }], {
      seenAt: 1,
      kind: 'delayed',
    }),
  ),
].map((r) => new IndexEntry(r));
const c = buildColumns(entries);
const rows = (f: Parameters<typeof filterColumns>[1]) => Array.from(filterColumns(c, f));

describe('column filters', () => {
  it('finds text at the very start and end of the search text', () => {
    expect(rows({ search: 'zed@' })).toEqual([0]);
    expect(rows({ search: 'tail-word' })).toEqual([0]);
    expect(rows({ search: 'google' })).toEqual([0, 2]);
    expect(rows({ search: 'head-word' })).toEqual([2]);
  });

  it('never matches across two rows or two fields', () => {
    expect(rows({ search: 'tail-wordmid' })).toEqual([]);
    expect(rows({ search: 'example5.1.1' })).toEqual([]);
  });

  it('requires every word, and combines with the other filters', () => {
    expect(rows({ search: 'example word' })).toEqual([0, 2]);
    expect(rows({ search: 'example word', severities: ['delayed'] })).toEqual([2]);
    expect(rows({ providers: ['microsoft'] })).toEqual([1]);
    expect(rows({ sender: 'SHOP.example' })).toEqual([0, 1, 2]);
    expect(rows({ sender: 'me@shop.example' })).toEqual([1]);
    expect(rows({ sender: 'nobody.example' })).toEqual([]);
    expect(rows({ recipientDomains: ['First.Example'] })).toEqual([2]);
    expect(rows({ from: 2, to: 2 })).toEqual([1]);
    expect(rows({ categories: ['mailbox-full', 'invalid-address'], severities: ['hard'] })).toEqual([0]);
  });

  it('narrows a previous result to the same rows a full scan finds', () => {
    const wide = filterColumns(c, { search: 'ex' });
    expect(Array.from(filterColumns(c, { search: 'exa word' }, wide))).toEqual(rows({ search: 'exa word' }));
    expect(Array.from(filterColumns(c, { search: 'last.ex' }, wide))).toEqual([0]);
    expect(Array.from(filterColumns(c, { search: 'first', severities: ['hard'] }, wide))).toEqual([]);
  });

  it('counts the rows it found', () => {
    expect(countRows(c, filterColumns(c, {}))).toEqual({
      total: 3,
      hard: 1,
      soft: 1,
      delayed: 1,
      byCategory: { 'invalid-address': 2, 'mailbox-full': 1 },
    });
  });
});
