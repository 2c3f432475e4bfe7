import { afterEach, describe, expect, it, vi } from 'vitest';
import { keepAliveWhile } from './keep-alive';

afterEach(() => vi.useRealTimers());

describe('keeping the worker alive during long work', () => {
  it('calls every 20 s while busy, then stops by itself; a failing call changes nothing', async () => {
    vi.useFakeTimers();
    let busy = true;
    const call = vi.fn(() => Promise.reject(new Error('context invalidated')));
    keepAliveWhile(() => busy, call);
    await vi.advanceTimersByTimeAsync(19_000);
    expect(call).toHaveBeenCalledTimes(0);
    await vi.advanceTimersByTimeAsync(41_000);
    expect(call).toHaveBeenCalledTimes(3);
    busy = false;
    await vi.advanceTimersByTimeAsync(100_000);
    expect(call).toHaveBeenCalledTimes(3);
    expect(vi.getTimerCount()).toBe(0);
  });
});
