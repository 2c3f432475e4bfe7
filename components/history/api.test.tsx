import { afterEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { ask } from './api';

const gone = () => Promise.reject(new Error('Could not establish connection. Receiving end does not exist.'));
const answer = { ok: true, data: { matched: 0, counts: null, total: 0, offset: 0, rows: [] } };

afterEach(() => {
  vi.restoreAllMocks();
  fakeBrowser.reset();
});

describe('the popup asking the background', () => {
  it('asks a read again when its message met a stopping worker', async () => {
    const send = vi
      .spyOn(browser.runtime, 'sendMessage')
      .mockImplementationOnce(gone)
      .mockImplementationOnce(() =>
        Promise.reject(new Error('The message port closed before a response was received.')),
      )
      .mockImplementation(() => Promise.resolve(answer));
    const a = await ask({ type: 'history-query', filter: {}, offset: 0, limit: 50 });
    expect(a).toEqual(answer);
    expect(send).toHaveBeenCalledTimes(3);
  });

  it('never sends a change twice, and gives up on a read after about five seconds of tries', async () => {
    vi.useFakeTimers();
    try {
      const send = vi.spyOn(browser.runtime, 'sendMessage').mockImplementation(gone);
      const clear = await ask({ type: 'history-clear' });
      expect([clear.ok, send.mock.calls.length]).toEqual([false, 1]);
      const t0 = Date.now();
      const pending = ask({ type: 'history-status' });
      await vi.runAllTimersAsync();
      const status = await pending;
      expect([status.ok, send.mock.calls.length]).toEqual([false, 9]);
      // A worker slow to stop and start on a busy machine is given its time.
      expect(Date.now() - t0).toBeGreaterThanOrEqual(5000);
      if (!status.ok) expect(status.error.message).toMatch(/Receiving end does not exist/);
    } finally {
      vi.useRealTimers();
    }
  });

  it('does not ask again when the background answered with an error', async () => {
    const refused = { ok: false, error: { name: 'InvalidMessage', message: 'bad', operation: 'x', at: 1 } };
    const send = vi.spyOn(browser.runtime, 'sendMessage').mockImplementation(() => Promise.resolve(refused));
    expect(await ask({ type: 'history-facets' })).toEqual(refused);
    expect(send).toHaveBeenCalledTimes(1);
  });
});
