/** Drop or pick a mailbox; the progress of its import; resume points of stopped imports. */
import { useEffect, useRef, useState } from 'react';
import { fileKey, useImport, type ImportStatus } from './importer';

const nf = new Intl.NumberFormat('en');

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let v = n / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v >= 100 ? v.toFixed(0) : v.toFixed(1)} ${units[i]}`;
}

function formatDuration(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  return m < 60 ? `${m} min ${s % 60} s` : `${Math.floor(m / 60)} h ${m % 60} min`;
}

/** Read speed and time left of a run, from the bytes read since it started. */
export function speedOf(s: ImportStatus): { mbPerS: number | null; leftMs: number | null } {
  const read = s.bytes - s.startOffset;
  if (s.elapsedMs < 200 || read <= 0) return { mbPerS: null, leftMs: null };
  const perMs = read / s.elapsedMs;
  return { mbPerS: (perMs * 1000) / 1e6, leftMs: Math.max(0, (s.size - s.bytes) / perMs) };
}

function Progress({ s }: { s: ImportStatus }) {
  const { mbPerS, leftMs } = speedOf(s);
  const pct = s.size ? Math.min(100, (s.bytes / s.size) * 100) : 0;
  const reading = s.state === 'reading';
  return (
    <div
      className="bt-dash-progress"
      data-testid="import-progress"
      data-state={s.state}
      data-bytes={s.bytes}
      data-messages={s.messages}
      data-sent={s.sent}
      data-bounces={s.bounces}
      data-stored={s.stored}
      data-records-written={s.recordsWritten}
      data-sent-added={s.sentAdded}
      data-elapsed-ms={s.elapsedMs}
    >
      <div className="bt-dash-progress-head">
        <strong>{s.fileName}</strong>
        {s.queued > 0 && <span> (then {s.queued} more)</span>}
      </div>
      <progress max={100} value={pct} aria-label={`Import of ${s.fileName ?? 'the file'}`} />
      <p aria-live="polite">
        {formatBytes(s.bytes)} of {formatBytes(s.size)} ·{' '}
        <span data-testid="import-messages">{nf.format(s.messages)}</span> messages ·{' '}
        <span data-testid="import-bounces">{nf.format(s.bounces)}</span> bounces · {nf.format(s.sent)} sent
        {mbPerS !== null && <> · {mbPerS.toFixed(0)} MB/s</>}
        {reading && leftMs !== null && <> · about {formatDuration(leftMs)} left</>}
      </p>
      {s.state === 'done' && (
        <p role="status" data-testid="import-done">
          Done in {formatDuration(s.elapsedMs)}: {nf.format(s.stored)} bounce messages stored (
          {nf.format(s.recordsWritten)} records written, {nf.format(s.recordsUnchanged)} unchanged),{' '}
          {nf.format(s.sentAdded)} new sent messages counted.
        </p>
      )}
      {s.state === 'cancelling' && <p role="status">Stopping after the batch being stored…</p>}
      {s.state === 'cancelled' && (
        <p role="status">
          Stopped. Everything read so far is stored; pick the same file again to continue where it stopped.
        </p>
      )}
      {s.state === 'failed' && (
        <p role="alert" className="bt-dash-error">
          The import stopped: {s.error}. What was stored before stays; pick the file again to continue.
        </p>
      )}
    </div>
  );
}

export function ImportPanel() {
  const status = useImport((s) => s.status);
  const checkpoints = useImport((s) => s.checkpoints);
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);
  useEffect(() => void useImport.getState().loadCheckpoints(), []);
  const reading = status.state === 'reading';

  const begin = (list: FileList | null) => {
    if (!list?.length) return;
    useImport.getState().start([...list], true);
  };

  return (
    <section className="bt-dash-import" aria-labelledby="bt-import-title">
      <h2 id="bt-import-title">Import a mailbox</h2>
      <div
        className={`bt-dash-drop${over ? ' bt-dash-drop-over' : ''}`}
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={(e) => {
          e.preventDefault();
          setOver(false);
          if (!reading) begin(e.dataTransfer.files);
        }}
      >
        <p>
          Drop a Google Takeout <code>.mbox</code>, another <code>.mbox</code> or <code>.eml</code> files
          here, or{' '}
          <button type="button" disabled={reading} onClick={() => input.current?.click()}>
            choose files
          </button>
          . Everything is read on this computer; nothing is uploaded.
        </p>
        <input
          ref={input}
          type="file"
          multiple
          hidden
          data-testid="import-input"
          accept=".mbox,.mbx,.eml,.txt,message/rfc822,application/mbox"
          onChange={(e) => {
            begin(e.currentTarget.files);
            e.currentTarget.value = '';
          }}
        />
      </div>
      {status.state !== 'idle' && <Progress s={status} />}
      {reading && (
        <button type="button" className="bt-dash-cancel" onClick={() => useImport.getState().cancel()}>
          Cancel import
        </button>
      )}
      {checkpoints.length > 0 && !reading && (
        <ul className="bt-dash-resume" aria-label="Imports that stopped before the end">
          {checkpoints.map((c) => (
            <li key={c.file}>
              {c.name}: stopped at {formatBytes(c.resumeAt)} of {formatBytes(c.size)}. Choose the same file to
              continue from there.{' '}
              <button type="button" onClick={() => void useImport.getState().forget(c.file)}>
                Start over next time
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export { fileKey };
