import { afterEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { useHistory } from './state';

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
  fakeBrowser.reset();
});

const status = (opening: boolean) => ({
  ok: true,
  data: {
    settings: { paused: false, retentionDays: null, suppressRepeats: 3, suppressDays: 7 },
    storageError: null,
    pageStatus: null,
    rejectedReports: 0,
    refusedByType: {},
    recovery: null,
    opening,
  },
});

describe('the popup while the history database opens', () => {
  it('speaks of a slow opening only once it has lasted a second, and stops asking once open', async () => {
    vi.useFakeTimers();
    const answers = [true, true, true, false];
    const send = vi
      .spyOn(browser.runtime, 'sendMessage')
      .mockImplementation(() => Promise.resolve(status(answers.shift() ?? false)));
    await useHistory.getState().loadMeta();
    // A worker's ordinary start: opening, but not for long yet.
    expect([useHistory.getState().status?.opening, useHistory.getState().slowOpening]).toEqual([true, false]);
    await vi.advanceTimersByTimeAsync(1000);
    expect(useHistory.getState().slowOpening).toBe(true);
    await vi.advanceTimersByTimeAsync(2000);
    expect([useHistory.getState().status?.opening, useHistory.getState().slowOpening]).toEqual([
      false,
      false,
    ]);
    const asked = send.mock.calls.length;
    await vi.advanceTimersByTimeAsync(5000);
    expect(send.mock.calls.length).toBe(asked);
    expect(asked).toBe(4);
  });
});

describe('the popup exporting a big file', () => {
  it('reports the rows written after each part, and joins the parts in order', async () => {
    const parts = [
      {
        ok: true,
        data: {
          filename: 'f.csv',
          mime: 'text/csv',
          text: 'a\n',
          rows: 1,
          length: 2,
          token: 't',
          done: false,
        },
      },
      { ok: true, data: { text: 'b\n', rows: 2, done: false } },
      { ok: true, data: { text: 'c\n', rows: 3, done: true } },
    ];
    const send = vi
      .spyOn(browser.runtime, 'sendMessage')
      .mockImplementation(() => Promise.resolve(parts.shift()));
    const seen: number[] = [];
    const f = await useHistory.getState().exportText('addresses', false, false, (rows) => seen.push(rows));
    expect(f).toEqual({ filename: 'f.csv', mime: 'text/csv', text: 'a\nb\nc\n', rows: 3 });
    expect(seen).toEqual([1, 2]);
    expect(send.mock.calls.map((c) => (c[0] as unknown as { offset?: number }).offset)).toEqual([
      undefined,
      2,
      4,
    ]);
  });
});
