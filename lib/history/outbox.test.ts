import { afterEach, describe, expect, it, vi } from 'vitest';
import { Outbox } from './outbox';

interface Msg {
  id: string;
  v: number;
}

/**
 * A background the way MV3 runs one: while "down" (stopped, starting), a send fails with
 * Chrome's connection error; a kill in mid-request closes the channel (the write may or may
 * not have committed); otherwise the report is stored idempotently and acknowledged.
 */
function flakyWorker() {
  const stored = new Map<string, number>();
  let down = false;
  const pending: { resolve: (a: unknown) => void; reject: (e: Error) => void; msg: Msg }[] = [];
  const w = {
    stored,
    writes: 0,
    send(msg: Msg): Promise<unknown> {
      if (down)
        return Promise.reject(new Error('Could not establish connection. Receiving end does not exist.'));
      return new Promise((resolve, reject) => pending.push({ resolve, reject, msg }));
    },
    /** Answers what is pending; the first `commitBeforeKill` are written before a kill. */
    answerAll() {
      for (const p of pending.splice(0)) {
        stored.set(p.msg.id, p.msg.v);
        w.writes++;
        p.resolve({ ok: true, data: { stored: 1 } });
      }
    },
    kill(commitFirst: number) {
      const now = pending.splice(0);
      now.forEach((p, i) => {
        if (i < commitFirst) stored.set(p.msg.id, p.msg.v);
        p.reject(
          new Error(
            'A listener indicated an asynchronous response by returning true, but the message channel closed before a response was received',
          ),
        );
      });
      down = true;
    },
    restart() {
      down = false;
    },
  };
  return w;
}

afterEach(() => {
  vi.useRealTimers();
});

describe('Outbox', () => {
  it('resends what a killed worker never acknowledged until everything is stored once', async () => {
    vi.useFakeTimers();
    const w = flakyWorker();
    const box = new Outbox<Msg>({
      send: (m) => w.send(m),
      keyOf: (m) => m.id,
      maxInFlight: 50,
      random: () => 0.5,
    });
    for (let i = 0; i < 500; i++) box.add({ id: `m${i}`, v: 1 });
    // Some answered, then the worker dies with 50 in flight (20 of them written first).
    w.answerAll();
    await vi.advanceTimersByTimeAsync(0);
    w.kill(20);
    await vi.advanceTimersByTimeAsync(0);
    // While it is down, resends fail too, and back off.
    await vi.advanceTimersByTimeAsync(2000);
    w.restart();
    for (let round = 0; round < 200 && box.size > 0; round++) {
      w.answerAll();
      await vi.advanceTimersByTimeAsync(1000);
    }
    expect(box.size).toBe(0);
    expect(w.stored.size).toBe(500);
    expect(box.stats.acknowledged).toBe(500);
    expect(box.stats.retries).toBeGreaterThan(0);
    expect(box.stats.dropped).toBe(0);
  });

  it('backs off exponentially, with jitter, up to the cap', async () => {
    vi.useFakeTimers();
    const sentAt: number[] = [];
    const box = new Outbox<Msg>({
      send: () => {
        sentAt.push(Date.now());
        return Promise.reject(new Error('Receiving end does not exist.'));
      },
      keyOf: (m) => m.id,
      baseDelayMs: 100,
      maxDelayMs: 1000,
      random: () => 1,
    });
    const t0 = Date.now();
    box.add({ id: 'a', v: 1 });
    await vi.advanceTimersByTimeAsync(5000);
    const gaps = sentAt.map((t, i) => t - (i ? sentAt[i - 1]! : t0));
    expect(gaps.slice(0, 6)).toEqual([0, 100, 200, 400, 800, 1000]);
    box.stop();
  });

  it('keeps the newest version of a report and drops nothing an old answer acknowledges', async () => {
    const answers: ((a: unknown) => void)[] = [];
    const sent: Msg[] = [];
    const box = new Outbox<Msg>({
      send: (m) => {
        sent.push(m);
        return new Promise((resolve) => answers.push(resolve));
      },
      keyOf: (m) => m.id,
    });
    box.add({ id: 'a', v: 1 });
    box.add({ id: 'a', v: 2 }); // the raw source enriched it while v1 was in flight
    expect(sent).toEqual([{ id: 'a', v: 1 }]);
    answers[0]!({ ok: true });
    await new Promise((r) => setTimeout(r, 0));
    // v1's acknowledgement does not cover v2: v2 is sent next.
    expect(sent).toEqual([
      { id: 'a', v: 1 },
      { id: 'a', v: 2 },
    ]);
    answers[1]!({ ok: true });
    await box.idle();
    expect(box.size).toBe(0);
  });

  it('gives up on a report the background refuses as malformed, and retries a storage error', async () => {
    let call = 0;
    const box = new Outbox<Msg>({
      send: (m) =>
        Promise.resolve(
          m.id === 'bad'
            ? { ok: false, error: { name: 'InvalidMessage' } }
            : ++call === 1
              ? { ok: false, error: { name: 'QuotaExceededError' } }
              : { ok: true },
        ),
      keyOf: (m) => m.id,
      baseDelayMs: 1,
    });
    box.add({ id: 'bad', v: 1 });
    box.add({ id: 'good', v: 1 });
    await box.idle();
    expect(box.stats).toMatchObject({ acknowledged: 1, refused: 1, retries: 1, queued: 0 });
  });

  it('treats a send that is never answered as failed, and stops when the extension is gone', async () => {
    vi.useFakeTimers();
    let n = 0;
    const box = new Outbox<Msg>({
      send: () => (++n === 1 ? new Promise(() => undefined) : Promise.resolve({ ok: true })),
      keyOf: (m) => m.id,
      answerTimeoutMs: 5000,
    });
    box.add({ id: 'a', v: 1 });
    await vi.advanceTimersByTimeAsync(6000);
    expect(box.size).toBe(0);
    expect(n).toBe(2);

    const gone = new Outbox<Msg>({
      send: () => {
        throw new Error('Extension context invalidated.');
      },
      keyOf: (m) => m.id,
    });
    gone.add({ id: 'a', v: 1 });
    await vi.advanceTimersByTimeAsync(60_000);
    gone.add({ id: 'b', v: 1 });
    expect(gone.stats.retries).toBe(1);
  });

  it('holds at most its capacity, dropping the oldest waiting report (counted)', () => {
    const box = new Outbox<Msg>({
      send: () => new Promise(() => undefined),
      keyOf: (m) => m.id,
      capacity: 10,
      maxInFlight: 2,
    });
    for (let i = 0; i < 15; i++) box.add({ id: `m${i}`, v: 1 });
    expect(box.size).toBe(10);
    expect(box.stats.dropped).toBe(5);
  });
});
