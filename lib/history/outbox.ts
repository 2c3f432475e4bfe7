/**
 * The sending side of "nothing lost between tab and store": a small queue of reports the
 * background has not acknowledged yet, each sent again with growing pauses until it is.
 *
 * Why: an MV3 service worker is stopped after ~30 s idle and may be killed at any moment; a
 * message in flight then fails ("Receiving end does not exist", "message channel closed") or is
 * never answered. The background's upserts are idempotent, so sending a report twice can never
 * double a record: resending until an acknowledgement is always safe.
 *
 * The queue lives in the tab (the content script), so it outlives any number of worker restarts.
 * A report is done when the background answers `{ ok: true }`, or refuses it as malformed
 * (`InvalidMessage`: sending it again would not help). Any other failure (no answer, a thrown
 * error, a storage error) is retried. A newer report for the same key replaces the queued one.
 * The dashboard's import uses the same class with its own `send`.
 */

export interface OutboxOptions<M> {
  /** Sends one message and resolves with the background's answer. */
  send: (msg: M) => Promise<unknown>;
  /** Messages with the same key replace each other while queued. */
  keyOf: (msg: M) => string;
  /** Queued messages kept at most; beyond it the oldest is dropped (and counted). */
  capacity?: number;
  /** Messages sent at once. */
  maxInFlight?: number;
  /** First pause before a resend; doubles per attempt up to `maxDelayMs`. */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /**
   * A send that has not settled after this long is treated as failed: a worker stopped with a
   * request in flight does not always reject it. Resending early only costs an idempotent write.
   */
  answerTimeoutMs?: number;
  setTimeout?: (fn: () => void, ms: number) => unknown;
  clearTimeout?: (id: unknown) => void;
  now?: () => number;
  random?: () => number;
}

export interface OutboxStats {
  queued: number;
  inFlight: number;
  acknowledged: number;
  refused: number;
  retries: number;
  dropped: number;
}

interface Entry<M> {
  msg: M;
  /** Bumps when a newer message replaces this one, so an old answer does not remove it. */
  version: number;
  attempts: number;
  nextAt: number;
  inFlight: boolean;
}

/** The answer means the background has the report (or will never take it). */
function settles(answer: unknown): 'ack' | 'refused' | 'retry' {
  if (typeof answer !== 'object' || answer === null) return 'retry';
  const a = answer as { ok?: unknown; error?: { name?: unknown } };
  if (a.ok === true) return 'ack';
  if (a.ok === false && a.error?.name === 'InvalidMessage') return 'refused';
  return 'retry';
}

/** The extension was reloaded or removed under the page: nothing can ever be sent again. */
function isContextGone(err: unknown): boolean {
  const m = String((err as { message?: unknown } | null)?.message ?? err);
  return /context invalidated/i.test(m);
}

export class Outbox<M> {
  private readonly entries = new Map<string, Entry<M>>();
  private readonly o: Required<OutboxOptions<M>>;
  private timer: unknown = null;
  private timerAt = Infinity;
  private inFlight = 0;
  private stopped = false;
  private idleWaiters: (() => void)[] = [];
  readonly stats: OutboxStats = {
    queued: 0,
    inFlight: 0,
    acknowledged: 0,
    refused: 0,
    retries: 0,
    dropped: 0,
  };

  constructor(options: OutboxOptions<M>) {
    this.o = {
      capacity: 5000,
      maxInFlight: 64,
      baseDelayMs: 250,
      maxDelayMs: 30_000,
      answerTimeoutMs: 8_000,
      setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
      clearTimeout: (id) => globalThis.clearTimeout(id as ReturnType<typeof setTimeout>),
      now: () => Date.now(),
      random: Math.random,
      ...options,
    };
  }

  get size(): number {
    return this.entries.size;
  }

  /** Queue a message and start sending. */
  add(msg: M): void {
    if (this.stopped) return;
    const key = this.o.keyOf(msg);
    const old = this.entries.get(key);
    if (old) {
      old.msg = msg;
      old.version++;
      old.attempts = 0;
      old.nextAt = this.o.now();
    } else {
      if (this.entries.size >= this.o.capacity) {
        // Only the oldest waiting (not in flight) message makes room.
        for (const [k, e] of this.entries) {
          if (!e.inFlight) {
            this.entries.delete(k);
            this.stats.dropped++;
            break;
          }
        }
      }
      this.entries.set(key, { msg, version: 0, attempts: 0, nextAt: this.o.now(), inFlight: false });
    }
    this.pump();
  }

  /** Stop for good (the content script's context is gone): timers cleared, nothing sent. */
  stop(): void {
    this.stopped = true;
    if (this.timer !== null) this.o.clearTimeout(this.timer);
    this.timer = null;
    this.resolveIdle();
  }

  /** Resolves when nothing is queued (or the outbox stopped). */
  idle(): Promise<void> {
    if (this.entries.size === 0 || this.stopped) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private resolveIdle(): void {
    this.updateStats();
    if (this.entries.size > 0 && !this.stopped) return;
    for (const w of this.idleWaiters.splice(0)) w();
  }

  private updateStats(): void {
    this.stats.queued = this.entries.size;
    this.stats.inFlight = this.inFlight;
  }

  private pump(): void {
    if (this.stopped) return;
    const now = this.o.now();
    let soonest = Infinity;
    for (const [key, e] of this.entries) {
      if (this.inFlight >= this.o.maxInFlight) break;
      if (e.inFlight) continue;
      if (e.nextAt > now) {
        soonest = Math.min(soonest, e.nextAt);
        continue;
      }
      this.sendOne(key, e);
    }
    if (this.inFlight < this.o.maxInFlight && soonest < Infinity) this.wakeAt(soonest);
    this.updateStats();
  }

  private wakeAt(at: number): void {
    if (this.timer !== null && this.timerAt <= at) return;
    if (this.timer !== null) this.o.clearTimeout(this.timer);
    this.timerAt = at;
    this.timer = this.o.setTimeout(
      () => {
        this.timer = null;
        this.timerAt = Infinity;
        this.pump();
      },
      Math.max(0, at - this.o.now()),
    );
  }

  private sendOne(key: string, e: Entry<M>): void {
    e.inFlight = true;
    this.inFlight++;
    const version = e.version;
    let timeout: unknown = null;
    const answered = new Promise<unknown>((resolve, reject) => {
      timeout = this.o.setTimeout(() => reject(new Error('no answer')), this.o.answerTimeoutMs);
      try {
        this.o.send(e.msg).then(resolve, reject);
      } catch (err) {
        reject(err);
      }
    });
    answered
      .then(
        (answer) => settles(answer),
        (err: unknown) => {
          if (isContextGone(err)) this.stop();
          return 'retry' as const;
        },
      )
      .then((outcome) => {
        this.o.clearTimeout(timeout);
        e.inFlight = false;
        this.inFlight--;
        const current = this.entries.get(key);
        if (current === e && e.version === version && outcome !== 'retry') {
          this.entries.delete(key);
          if (outcome === 'ack') this.stats.acknowledged++;
          else this.stats.refused++;
        } else if (current === e && e.version === version) {
          e.attempts++;
          this.stats.retries++;
          const pause = Math.min(this.o.maxDelayMs, this.o.baseDelayMs * 2 ** (e.attempts - 1));
          // Jitter, so that tabs that failed together do not come back together.
          e.nextAt = this.o.now() + pause * (0.5 + this.o.random() / 2);
        }
        this.resolveIdle();
        this.pump();
      });
  }
}
