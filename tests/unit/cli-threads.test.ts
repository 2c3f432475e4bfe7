/**
 * How many threads the command line classifies on: what BOUNCE_TRIAGE_THREADS asks, otherwise
 * one below PARALLEL_FROM files and one per core (at most four) above, unless the cores are
 * oversubscribed.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';

const os = vi.hoisted(() => ({ cores: 2, load: 0 }));
vi.mock('node:os', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:os')>();
  return {
    ...real,
    availableParallelism: () => os.cores,
    loadavg: () => [os.load, os.load, os.load],
  };
});

const { threadsFor, PARALLEL_FROM } = await import('../../scripts/cli/parallel');

afterEach(() => {
  vi.unstubAllEnvs();
  os.cores = 2;
  os.load = 0;
});

describe('threadsFor', () => {
  it('stays on one thread below PARALLEL_FROM files unless threads are asked for', () => {
    vi.stubEnv('BOUNCE_TRIAGE_THREADS', '');
    expect(threadsFor(PARALLEL_FROM - 1)).toBe(0);
    expect(threadsFor(PARALLEL_FROM)).toBe(2);
    vi.stubEnv('BOUNCE_TRIAGE_THREADS', '4');
    expect(threadsFor(PARALLEL_FROM - 1)).toBe(4);
    expect(threadsFor(1)).toBe(0);
  });

  it('takes BOUNCE_TRIAGE_THREADS over the load average', () => {
    os.load = 30;
    vi.stubEnv('BOUNCE_TRIAGE_THREADS', '2');
    expect(threadsFor(10_000)).toBe(2);
    vi.stubEnv('BOUNCE_TRIAGE_THREADS', '1');
    os.load = 0;
    expect(threadsFor(10_000)).toBe(0);
  });

  it('uses every core, at most four, unless the cores are oversubscribed', () => {
    vi.stubEnv('BOUNCE_TRIAGE_THREADS', '');
    expect(threadsFor(10_000)).toBe(2);
    os.load = 1.4; // a trailing average below the core count: the cores are free enough
    expect(threadsFor(10_000)).toBe(2);
    os.load = 3.9;
    expect(threadsFor(10_000)).toBe(2);
    os.load = 4; // twice the cores
    expect(threadsFor(10_000)).toBe(0);
    os.load = 12;
    expect(threadsFor(10_000)).toBe(0);
    os.cores = 16;
    os.load = 1;
    expect(threadsFor(10_000)).toBe(4);
    os.load = 13.2;
    expect(threadsFor(10_000)).toBe(4);
    os.load = 32;
    expect(threadsFor(10_000)).toBe(0);
    os.cores = 1;
    os.load = 0;
    expect(threadsFor(10_000)).toBe(0);
  });
});
