/**
 * The dashboard's import runs: one worker per file reads and classifies; this side stores each
 * batch through the background (bounces with "history-import", sent counts with "sent-add"),
 * then records where the file can resume, then lets the worker run on. Everything stored is
 * keyed by message, so a batch stored twice (a resumed or repeated import) adds nothing.
 */
import { create } from 'zustand';
import { browser } from 'wxt/browser';
import { ask } from '@/components/history/api';
import type { ImportAnswers, ImportRequest, FromWorker, ToWorker } from '@/lib/import/protocol';
import type { ImportCheckpoint } from '@/lib/history/sent';
import type { ImportBatch } from '@/lib/import/mailbox-import';

/** Sends an import request to the background; throws with a readable message when it fails. */
export async function askImport<R extends ImportRequest>(req: R): Promise<ImportAnswers[R['type']]> {
  const answer = (await browser.runtime.sendMessage(req)) as
    { ok: true; data: ImportAnswers[R['type']] } | { ok: false; error: { message: string } } | undefined;
  if (!answer || typeof answer !== 'object') throw new Error('The background did not answer.');
  if (!answer.ok) throw new Error(answer.error.message);
  return answer.data;
}

export type RunState = 'idle' | 'reading' | 'cancelling' | 'done' | 'cancelled' | 'failed';

export interface ImportStatus {
  state: RunState;
  fileName: string | null;
  /** Files queued after this one. */
  queued: number;
  size: number;
  bytes: number;
  messages: number;
  sent: number;
  bounces: number;
  /** Bounce messages the background confirmed as stored (new or already there). */
  stored: number;
  /** Records written (new, or updated: an import moves "last seen") and unchanged, as the store counted them. */
  recordsWritten: number;
  recordsUnchanged: number;
  sentAdded: number;
  startedAt: number;
  /** Offset the run started at (a resumed import skips the part before). */
  startOffset: number;
  elapsedMs: number;
  error: string | null;
}

const IDLE: ImportStatus = {
  state: 'idle',
  fileName: null,
  queued: 0,
  size: 0,
  bytes: 0,
  messages: 0,
  sent: 0,
  bounces: 0,
  stored: 0,
  recordsWritten: 0,
  recordsUnchanged: 0,
  sentAdded: 0,
  startedAt: 0,
  startOffset: 0,
  elapsedMs: 0,
  error: null,
};

/** A file's identity for resuming: the same name, size and modification time. */
export const fileKey = (f: File) => `${f.name}|${f.size}|${f.lastModified}`;

interface ImportStore {
  status: ImportStatus;
  checkpoints: ImportCheckpoint[];
  loadCheckpoints(): Promise<void>;
  /** Imports files one after the other; a file with a resume point starts there when `resume`. */
  start(files: File[], resume: boolean): void;
  cancel(): void;
  /** Forget a resume point (the user chose to start over or dismissed it). */
  forget(file: string): Promise<void>;
}

let worker: Worker | null = null;
/** A run whose worker sends nothing for this long has stalled. */
const STALL_MS = 120_000;
/** Batches are stored one at a time, in order: the store of the latest one. */
let chain: Promise<boolean> = Promise.resolve(true);
let queue: File[] = [];
let resumeQueue = false;

export const useImport = create<ImportStore>((set, get) => {
  const patch = (p: Partial<ImportStatus>) => set((s) => ({ status: { ...s.status, ...p } }));

  const finishFile = (state: RunState, error: string | null = null) => {
    worker?.terminate();
    worker = null;
    patch({ state, error, elapsedMs: Date.now() - get().status.startedAt });
    void get().loadCheckpoints();
    window.dispatchEvent(new CustomEvent('bt-import-stored'));
    if (state === 'done' && queue.length) next();
  };

  /** Stores one batch; returns false when storing failed. */
  const store = async (file: File, b: ImportBatch): Promise<boolean> => {
    if (b.reports.length) {
      const answer = await ask({ type: 'history-import', reports: b.reports });
      if (!answer.ok) {
        finishFile('failed', answer.error.message);
        return false;
      }
      const s = get().status;
      patch({
        stored: s.stored + b.reports.length - answer.data.refused,
        recordsWritten: s.recordsWritten + answer.data.written,
        recordsUnchanged: s.recordsUnchanged + answer.data.unchanged,
      });
    }
    if (b.sent.length) {
      const { added } = await askImport({ type: 'sent-add', rows: b.sent });
      patch({ sentAdded: get().status.sentAdded + added });
    }
    // Only now is everything before resumeAt stored: a later run may start there.
    if (b.done) await askImport({ type: 'import-checkpoint-drop', file: fileKey(file) });
    else
      await askImport({
        type: 'import-checkpoint-save',
        checkpoint: {
          file: fileKey(file),
          name: file.name,
          size: file.size,
          resumeAt: b.resumeAt,
          at: Date.now(),
        },
      });
    return true;
  };

  const next = () => {
    const file = queue.shift();
    if (!file) return;
    const checkpoint = get().checkpoints.find((c) => c.file === fileKey(file));
    const startOffset = resumeQueue && checkpoint ? checkpoint.resumeAt : 0;
    set({
      status: {
        ...IDLE,
        state: 'reading',
        fileName: file.name,
        queued: queue.length,
        size: file.size,
        bytes: startOffset,
        startedAt: Date.now(),
        startOffset,
      },
    });
    const w = new Worker(new URL('./import-worker.ts', import.meta.url), { type: 'module' });
    worker = w;
    chain = Promise.resolve(true);
    // A worker that stops sending (a stalled file read) fails the run instead of hanging it.
    let watchdog: ReturnType<typeof setTimeout> | null = null;
    const watch = () => {
      if (watchdog) clearTimeout(watchdog);
      watchdog = setTimeout(() => {
        if (worker === w) finishFile('failed', 'the file stopped being read (no progress for two minutes)');
      }, STALL_MS);
    };
    watch();
    w.onmessage = (ev: MessageEvent<FromWorker>) => {
      const m = ev.data;
      if (worker !== w) return;
      watch();
      if (m.type === 'error') {
        finishFile('failed', m.message);
        return;
      }
      const b = m.batch;
      patch({
        bytes: b.progress.bytes,
        messages: b.progress.messages,
        sent: b.progress.sent,
        bounces: b.progress.bounces,
        elapsedMs: Date.now() - get().status.startedAt,
      });
      chain = chain.then(async (ok) => {
        if (!ok || worker !== w) return false;
        let stored: boolean;
        try {
          stored = await store(file, b);
        } catch (err) {
          finishFile('failed', err instanceof Error ? err.message : String(err));
          return false;
        }
        if (!stored || worker !== w) return false;
        if (b.done) {
          if (watchdog) clearTimeout(watchdog);
          finishFile('done');
        } else {
          watch();
          w.postMessage({ type: 'ack' } satisfies ToWorker);
        }
        return true;
      });
    };
    w.onerror = (ev) => finishFile('failed', ev.message || 'The import worker stopped.');
    w.postMessage({ type: 'start', file, startOffset } satisfies ToWorker);
  };

  return {
    status: IDLE,
    checkpoints: [],
    async loadCheckpoints() {
      try {
        set({ checkpoints: await askImport({ type: 'import-checkpoint-list' }) });
      } catch {
        /* the list stays as it was */
      }
    },
    start(files, resume) {
      const state = get().status.state;
      if (state === 'reading' || state === 'cancelling') return;
      queue = [...files];
      resumeQueue = resume;
      next();
    },
    cancel() {
      if (get().status.state !== 'reading') return;
      queue = [];
      worker?.terminate();
      worker = null;
      // The batch being stored finishes (the store takes it whole or not at all), then the resume
      // point says where the next run picks up.
      patch({ state: 'cancelling' });
      void chain.then(() => {
        patch({ state: 'cancelled', elapsedMs: Date.now() - get().status.startedAt });
        void get().loadCheckpoints();
        window.dispatchEvent(new CustomEvent('bt-import-stored'));
      });
    },
    async forget(file) {
      await askImport({ type: 'import-checkpoint-drop', file });
      await get().loadCheckpoints();
    },
  };
});
