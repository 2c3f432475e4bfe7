/**
 * Classifying many files on several threads. The main thread lists the files and hands them out
 * in batches; each worker (this same bundle, started as a worker) reads and classifies a batch and
 * sends back its text; the main thread writes the batches in file order, so the output is exactly
 * that of one thread.
 */
import { availableParallelism, loadavg } from 'node:os';
import { Worker, parentPort } from 'node:worker_threads';
import { classifyFile, type Output } from './main';

/** Below this many files a thread's start-up costs more than it saves. */
export const PARALLEL_FROM = 200;
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
 * How many worker threads to use for `count` files (0: stay on this thread): one per core that
 * other processes leave idle (the cores less the last minute's load average), at most four.
 * Each thread compiles the engine again, so on cores that are already busy threads cost more CPU
 * time than they save: on 2 busy cores (load average above 10), 11,780 files took 1.6 s of CPU
 * on one thread and 2.2 s on two, and longer by the clock. BOUNCE_TRIAGE_THREADS=N chooses.
 */
export function threadsFor(count: number): number {
  if (count < PARALLEL_FROM) return 0;
  const asked = Number(process.env.BOUNCE_TRIAGE_THREADS);
  if (Number.isInteger(asked) && asked > 0) return asked > 1 ? asked : 0;
  // loadavg() is [0, 0, 0] where the system does not tell (Windows): every core counts as idle.
  const idle = Math.floor(availableParallelism() - (loadavg()[0] ?? 0) + 0.5);
  const n = Math.min(idle, 4);
  return n > 1 ? n : 0;
}

/** The worker side: classify each batch it is sent. */
export function serveWorker(): void {
  parentPort!.on('message', (job: Job) => {
    let text = '';
    let errors = '';
    for (const f of job.files) {
      const r = classifyFile(f, job.jsonl);
      if ('error' in r) errors += r.error;
      else text += r.text;
    }
    const done: Done = { id: job.id, text, errors };
    parentPort!.postMessage(done);
  });
}

/** Classify `files` on `threads` workers started from `script`; resolves true when some file failed. */
export function classifyInParallel(
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
  return new Promise((resolve, reject) => {
    const workers: Worker[] = [];
    const stop = () => workers.forEach((w) => void w.terminate());
    const give = (w: Worker) => {
      if (nextJob < jobs.length) w.postMessage(jobs[nextJob++]);
    };
    for (let t = 0; t < Math.min(threads, jobs.length); t++) {
      const w = new Worker(script);
      workers.push(w);
      w.on('message', (done: Done) => {
        give(w);
        finished.set(done.id, done);
        // Write every batch that is now next in file order.
        for (let d = finished.get(nextOut); d; d = finished.get(nextOut)) {
          finished.delete(nextOut++);
          if (d.errors) {
            io.err(d.errors);
            failed = true;
          }
          if (d.text) io.out(d.text);
        }
        if (nextOut === jobs.length) {
          stop();
          resolve(failed);
        }
      });
      w.on('error', (e) => {
        stop();
        reject(e);
      });
      // Two batches in flight per worker: one to work on, one waiting.
      give(w);
      give(w);
    }
    if (jobs.length === 0) resolve(false);
  });
}
