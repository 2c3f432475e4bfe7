/**
 * Entry of the bundled command line (dist/cli/bounce-triage.mjs, built by scripts/cli/build.mjs).
 * The same file runs as the command and, for many files, as its worker threads. Output goes out
 * in blocks of about 64 KB rather than one write per file.
 */
// First: V8's compiler tiers are chosen before the engine's code runs.
import './v8-tiers';
import { isMainThread } from 'node:worker_threads';
import {
  USAGE,
  classifyFiles,
  collectFiles,
  parseArgs,
  readCorrections,
  suppressionOfFiles,
  type Output,
} from './main';
import { classifyInParallel, serveWorker, threadsFor } from './parallel';

const BLOCK = 1 << 16;

function bufferedOutput(): Output & { flush(): void } {
  let pending: string[] = [];
  let size = 0;
  const flush = () => {
    if (!size) return;
    process.stdout.write(pending.join(''));
    pending = [];
    size = 0;
  };
  return {
    out(text) {
      pending.push(text);
      size += text.length;
      if (size >= BLOCK) flush();
    },
    err(text) {
      flush();
      process.stderr.write(text);
    },
    flush,
  };
}

async function run(): Promise<number> {
  const cmd = parseArgs(process.argv.slice(2));
  if (cmd.run === 'help') {
    process.stdout.write(USAGE + '\n');
    return 0;
  }
  if (cmd.run === 'usage-error') {
    process.stderr.write(cmd.message);
    return 2;
  }
  const io = bufferedOutput();
  const corrections = cmd.run === 'suppression' ? readCorrections(cmd.corrections, io) : [];
  if (corrections === null) {
    io.flush();
    return 2;
  }
  const { files, failed } = collectFiles(cmd.paths, io);
  if (cmd.run === 'suppression') {
    const someFailed = suppressionOfFiles(files, cmd.format, io, corrections);
    io.flush();
    return someFailed || failed ? 1 : 0;
  }
  const threads = threadsFor(files.length);
  const someFailed = threads
    ? await classifyInParallel(new URL(import.meta.url), files, cmd.jsonl, threads, io)
    : classifyFiles(files, cmd.jsonl, io);
  io.flush();
  return someFailed || failed ? 1 : 0;
}

if (isMainThread) {
  // A reader that stops early (`| head`) is not an error of ours.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
  process.exitCode = await run();
} else serveWorker();
