/**
 * The popup's corrections: the dialog a record's verdict is corrected in, and the list of every
 * correction (in Settings) with Remove, export to a JSON file and import from one.
 */
import { useEffect, useId, useRef, useState, type ChangeEvent } from 'react';
import { CorrectionForm } from '../corrections/CorrectionForm';
import { categoryName, correctionLabel } from '../corrections/wording';
import { downloadText, when } from './format';
import { useHistory } from './state';

/** A modal dialog (the browser's own: it keeps focus inside and gives it back on close). */
export function CorrectDialog() {
  const row = useHistory((s) => s.correcting);
  const correct = useHistory((s) => s.correct);
  const ref = useRef<HTMLDialogElement>(null);
  const [busy, setBusy] = useState(false);
  const titleId = useId();
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (row && !d.open) d.showModal();
    if (!row && d.open) d.close();
  }, [row]);
  const close = () => useHistory.setState({ correcting: null });
  return (
    <dialog ref={ref} className="bt-dialog" aria-labelledby={titleId} onClose={close}>
      {row && (
        <>
          <h2 id={titleId}>Correct the verdict</h2>
          <p className="bt-muted">
            {row.recipient || 'Unknown recipient'}: the engine read {categoryName(row.category)}
            {row.correction ? `; you said ${correctionLabel(row.correction.to)}` : ''}.
          </p>
          <CorrectionForm
            key={row.key}
            engineCategory={row.category}
            current={row.correction?.to ?? null}
            subject="this bounce"
            busy={busy}
            onSave={(to) => {
              setBusy(true);
              void correct(row, to).then((ok) => {
                setBusy(false);
                if (ok) close();
              });
            }}
            onCancel={close}
          />
        </>
      )}
    </dialog>
  );
}

export function CorrectionsPanel() {
  const list = useHistory((s) => s.corrections);
  const load = useHistory((s) => s.loadCorrections);
  const remove = useHistory((s) => s.removeCorrection);
  const exportCorrections = useHistory((s) => s.exportCorrections);
  const importCorrections = useHistory((s) => s.importCorrections);
  const [said, setSaid] = useState('');
  const fileId = useId();
  const headingId = useId();
  useEffect(() => {
    void load();
  }, [load]);

  const download = async () => {
    const f = await exportCorrections();
    if (!f) return;
    downloadText(f.filename, f.mime, f.text);
    setSaid(`Exported ${f.rows} correction${f.rows === 1 ? '' : 's'} to ${f.filename}.`);
  };
  const onFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (!file) return;
    let text: string;
    try {
      text = await file.text();
    } catch {
      setSaid('The file could not be read.');
      return;
    }
    const r = await importCorrections(text);
    if (!r) return;
    if (r.error) {
      setSaid(`Nothing imported: ${r.error}`);
      return;
    }
    const parts = [`Imported ${r.added} new correction${r.added === 1 ? '' : 's'}`];
    if (r.updated) parts.push(`${r.updated} changed`);
    if (r.unchanged) parts.push(`${r.unchanged} already here`);
    if (r.refused) parts.push(`${r.refused} unreadable left out (${r.why.join('; ')})`);
    setSaid(`${parts.join(', ')}.`);
  };

  return (
    <section className="bt-corrections" aria-labelledby={headingId}>
      <h2 id={headingId}>Your corrections{list ? ` (${list.length})` : ''}</h2>
      {list && list.length === 0 && (
        <p className="bt-muted">None yet. Use Correct on a record, or Wrong verdict? on a card in Gmail.</p>
      )}
      {list && list.length > 0 && (
        <ul className="bt-corrections-list">
          {list.map((c) => (
            <li key={c.key} data-key={c.key}>
              <span className="bt-addr">{c.recipient || 'unknown recipient'}</span>{' '}
              <span>
                {correctionLabel(c.to)} (engine: {categoryName(c.was.category)}), {when(c.createdAt)}
              </span>{' '}
              <button
                type="button"
                className="bt-act"
                aria-label={`Remove the correction of ${c.recipient || 'unknown recipient'}`}
                onClick={() => void remove(c.key)}
              >
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="bt-corrections-io">
        <button type="button" onClick={() => void download()}>
          Export corrections
        </button>
        <label htmlFor={fileId}>Import corrections (JSON)</label>
        <input id={fileId} type="file" accept=".json,application/json" onChange={(e) => void onFile(e)} />
      </div>
      <p className="bt-muted" role="status" aria-live="polite" data-testid="corrections-status">
        {said}
      </p>
    </section>
  );
}
