/**
 * The import worker: reads a File with File.stream(), off the page's thread, and posts batches
 * to store. It runs at most two batches ahead of what the page has stored, so memory stays
 * bounded whatever the file's size and however slow the store is.
 */
import { importMailbox } from './mailbox-import';
import type { FromWorker, ToWorker } from './protocol';

const AHEAD = 2;

interface WorkerScope {
  postMessage(m: FromWorker): void;
  addEventListener(type: 'message', listener: (ev: MessageEvent<ToWorker>) => void): void;
}

/**
 * The stream's chunks, through the default reader. (A BYOB reader, reading into one buffer again
 * and again, stopped delivering in Chromium 156 now and then after the worker had waited for the
 * page: the import stalled half-way in two runs of five over a 1.1 GB file.)
 */
async function* chunksOf(stream: ReadableStream<Uint8Array>): AsyncGenerator<Uint8Array> {
  const reader = stream.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      if (value) yield value;
    }
  } finally {
    reader.releaseLock();
  }
}

export function runImportWorker(scope: WorkerScope): void {
  let unacked = 0;
  let wake: (() => void) | null = null;
  scope.addEventListener('message', (ev) => {
    const m = ev.data;
    if (m.type === 'ack') {
      unacked = Math.max(0, unacked - 1);
      wake?.();
      wake = null;
      return;
    }
    if (m.type !== 'start') return;
    void (async () => {
      try {
        const stream = m.file.slice(m.startOffset).stream() as ReadableStream<Uint8Array>;
        // About twenty batches a file, 1 to 32 MB each: steady progress and fine resume points.
        const batchBytes = Math.min(32 << 20, Math.max(1 << 20, Math.round(m.file.size / 20)));
        const batches = importMailbox(chunksOf(stream), { startOffset: m.startOffset, batchBytes });
        for await (const batch of batches) {
          while (unacked >= AHEAD) await new Promise<void>((resolve) => (wake = resolve));
          unacked++;
          scope.postMessage({ type: 'batch', batch });
        }
      } catch (err) {
        scope.postMessage({ type: 'error', message: err instanceof Error ? err.message : String(err) });
      }
    })();
  });
}
