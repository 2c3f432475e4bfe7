/**
 * Classifying many files on several threads. The main thread lists the files and cuts them into
 * batches; the worker threads (this same bundle, started as workers) and the main thread itself
 * each take the next batch when they are free, read and classify it and keep its text; the main
 * thread writes the batches in file order, so the output is exactly that of one thread.
 */
import { availableParallelism, loadavg } from 'node:os';
import { setImmediate as yieldToEvents } from 'node:timers/promises';
import { Worker, parentPort } from 'node:worker_threads';
import { classifyFile, type Output } from './main';

/**
 * Below this many files a worker's start-up and its own compiling of the engine (about 0.2 s of
 * CPU) cost more than it saves. Measured with `perf` per thread on 2 cores: on 200 and 600 files
 * two threads took longer than one (the worker alone spent more CPU than the whole one-thread
 * run), on 2,000 about as long, on 5,000 and 11,780 a fifth to a quarter less.
 */
export const PARALLEL_FROM = 2000;
const BATCH = 48;

interface Job {
  id: number;
  files: string[];
  jsonl: boolean;
}
interface Done {
  id: number;
  text: string;
  errors: string;
}

/**
 * How many threads to classify `count` files on, the main thread included (0: only the main
 * thread, no worker): from PARALLEL_FROM files on, one per core, at most four, unless the cores
 * are already oversubscribed (a one-minute load average of twice the cores or more). Each thread
 * compiles the engine again, so on saturated cores threads cost more than they save: on 2 cores
 * at a load average above 10, 11,780 files took 1.6 s of CPU on one thread and 2.2 s on two. On
 * the same 2 cores with the load average at 1.4 (left over from the run before: the average
 * trails by a minute), two threads ran 11,970 messages/s and one 9,022, so a load below the core
 * count is no reason to stay on one. BOUNCE_TRIAGE_THREADS=N chooses, whatever the number of files.
 */
export function threadsFor(count: number): number {
  const asked = Number(process.env.BOUNCE_TRIAGE_THREADS);
  if (Number.isInteger(asked) && asked > 0) return asked > 1 && count > 1 ? asked : 0;
  if (count < PARALLEL_FROM) return 0;
  const cores = availableParallelism();
  // loadavg() is [0, 0, 0] where the system does not tell (Windows): the cores count as free.
  if ((loadavg()[0] ?? 0) >= 2 * cores) return 0;
  const n = Math.min(cores, 4);
  return n > 1 ? n : 0;
}

/** One batch, on whichever thread runs it. */
function runJob(job: Job): Done {
  let text = '';
  let errors = '';
  for (const f of job.files) {
    const r = classifyFile(f, job.jsonl);
    if ('error' in r) errors += r.error;
    else text += r.text;
  }
  return { id: job.id, text, errors };
}

/** The worker side: classify each batch it is sent. */
export function serveWorker(): void {
  parentPort!.on('message', (job: Job) => parentPort!.postMessage(runJob(job)));
}

/**
 * Classify `files` on `threads` threads: this one and `threads - 1` workers started from
 * `script`. Resolves true when some file failed.
 */
export async function classifyInParallel(
  script: string | URL,
  files: readonly string[],
  jsonl: boolean,
  threads: number,
  io: Output,
): Promise<boolean> {
  const jobs: Job[] = [];
  for (let i = 0; i < files.length; i += BATCH)
    jobs.push({ id: jobs.length, files: files.slice(i, i + BATCH), jsonl });
  const finished = new Map<number, Done>();
  let nextJob = 0;
  let nextOut = 0;
  let failed = false;
  let broken: unknown = null;
  const workers: Worker[] = [];
  let wake: (() => void) | null = null;

  /** Writes every finished batch that is now next in file order. */
  const settle = (done: Done) => {
    finished.set(done.id, done);
    for (let d = finished.get(nextOut); d; d = finished.get(nextOut)) {
      finished.delete(nextOut++);
      if (d.errors) {
        io.err(d.errors);
        failed = true;
      }
      if (d.text) io.out(d.text);
    }
    wake?.();
  };
  const give = (w: Worker) => {
    if (nextJob < jobs.length) w.postMessage(jobs[nextJob++]);
  };
  for (let t = 0; t < Math.min(threads - 1, jobs.length); t++) {
    const w = new Worker(script);
    workers.push(w);
    w.on('message', (done: Done) => {
      give(w);
      settle(done);
    });
    w.on('error', (e) => {
      broken = e;
      wake?.();
    });
    w.on('exit', (code) => {
      if (nextOut < jobs.length) broken ??= new Error(`a worker thread stopped (exit code ${code})`);
      wake?.();
    });
    // Two batches in flight per worker: one to work on, one waiting.
    give(w);
    give(w);
  }
  try {
    // This thread works too, one batch at a time, and lets the workers' replies in between.
    while (nextJob < jobs.length && broken === null) {
      settle(runJob(jobs[nextJob++]!));
      await yieldToEvents();
    }
    // The rest are with the workers.
    while (nextOut < jobs.length && broken === null)
      await new Promise<void>((resolve) => {
        wake = resolve;
      });
    if (broken !== null) throw broken;
    return failed;
  } finally {
    for (const w of workers) void w.terminate();
  }
}
