/**
 * The card's corrections: "Wrong verdict?" opens the form; a stored correction is shown with the
 * engine's reading; an earlier correction of a bounce like this one is offered, never applied
 * silently; every change can be undone at once.
 */
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import type { CorrectionTo } from '../../lib/engine/corrections/index';
import type { BounceResult, CategoryId } from '../../lib/engine/types';
import type { CorrectionLookup } from '../../lib/history/corrections';
import type { Ask } from '../corrections/ask';
import { CorrectionForm } from '../corrections/CorrectionForm';
import { recordsToCorrect, wordsOf } from '../corrections/inputs';
import { correctionLabel, correctionSentence } from '../corrections/wording';

export interface CorrectionPanelProps {
  messageId: string;
  result: BounceResult;
  engineCategory: CategoryId;
  ask: Ask;
  /** Told the message's own correction whenever it is loaded (null: none). */
  onCorrection?(to: CorrectionTo | null): void;
}

export function CorrectionPanel({
  messageId,
  result,
  engineCategory,
  ask,
  onCorrection,
}: CorrectionPanelProps) {
  const [found, setFound] = useState<CorrectionLookup | null>(null);
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [offerDismissed, setOfferDismissed] = useState(false);
  const [undo, setUndo] = useState<string | null>(null);
  const [said, setSaid] = useState('');
  const formId = useId();
  const undoRef = useRef<HTMLButtonElement>(null);
  const toggleRef = useRef<HTMLButtonElement>(null);
  const focusNext = useRef<'undo' | 'toggle' | null>(null);

  const load = useCallback(async () => {
    const a = await ask({ type: 'history-corrections-lookup', messageId, bounce: wordsOf(result) });
    if (!a.ok) return;
    setFound(a.data);
    onCorrection?.(a.data.own[0]?.to ?? null);
  }, [ask, messageId, result, onCorrection]);
  useEffect(() => {
    void load();
  }, [load]);
  useEffect(() => {
    const want = focusNext.current;
    if (want === 'undo' && undoRef.current) undoRef.current.focus();
    else if (want === 'toggle' && toggleRef.current) toggleRef.current.focus();
    else return;
    focusNext.current = null;
  });

  const save = async (to: CorrectionTo, how: string) => {
    setBusy(true);
    try {
      const corrections = recordsToCorrect(messageId, result).map((c) => ({ ...c, to }));
      const a = await ask({ type: 'history-correct', corrections });
      if (!a.ok) {
        setSaid(`The correction was not saved: ${a.error.message}`);
        return;
      }
      setOpen(false);
      setUndo(a.data.token);
      setSaid(`${how}: ${correctionLabel(to)}.`);
      focusNext.current = 'undo';
      await load();
    } finally {
      setBusy(false);
    }
  };

  const remove = async () => {
    const keys = found?.own.map((r) => r.key) ?? [];
    const a = await ask({ type: 'history-corrections-remove', keys });
    if (!a.ok) {
      setSaid(`The correction was not removed: ${a.error.message}`);
      return;
    }
    setUndo(a.data.token);
    setSaid('Correction removed.');
    focusNext.current = 'undo';
    await load();
  };

  const undoLast = async () => {
    if (!undo) return;
    const a = await ask({ type: 'history-corrections-undo', token: undo });
    setUndo(null);
    setSaid(a.ok && a.data.restored > 0 ? 'Undone.' : 'Too late to undo: use the list in the popup.');
    focusNext.current = 'toggle';
    await load();
  };

  const own = found?.own[0] ?? null;
  const offer = !own && !offerDismissed ? (found?.similar ?? null) : null;
  return (
    <div className="bt-fix" data-field="corrections">
      {own && (
        <p className="bt-fix-note" data-field="corrected" data-value={own.to}>
          {correctionSentence(own.to, own.was.category)}
        </p>
      )}
      {offer && (
        <div className="bt-fix-offer" role="group" aria-label="Earlier correction" data-field="offer">
          <p>You corrected a bounce like this before ({correctionLabel(offer.to)}): apply it here?</p>
          <button
            type="button"
            className="bt-button bt-primary"
            disabled={busy}
            onClick={() => void save(offer.to, 'Applied')}
          >
            Apply
          </button>
          <button type="button" className="bt-button" onClick={() => setOfferDismissed(true)}>
            Not this time
          </button>
        </div>
      )}
      <div className="bt-actions">
        <button
          ref={toggleRef}
          type="button"
          className="bt-button"
          aria-expanded={open}
          aria-controls={formId}
          onClick={() => setOpen((o) => !o)}
        >
          {own ? 'Change correction' : 'Wrong verdict?'}
        </button>
        {own && (
          <button type="button" className="bt-button" onClick={() => void remove()}>
            Remove correction
          </button>
        )}
        {undo && (
          <button ref={undoRef} type="button" className="bt-button" onClick={() => void undoLast()}>
            Undo
          </button>
        )}
        <span className="bt-live" role="status" aria-live="polite" data-field="correctionStatus">
          {said}
        </span>
      </div>
      {open && (
        <div id={formId}>
          <CorrectionForm
            engineCategory={engineCategory}
            current={own?.to ?? null}
            subject="this bounce"
            busy={busy}
            onSave={(to) => void save(to, 'Saved')}
            onCancel={() => {
              setOpen(false);
              focusNext.current = 'toggle';
            }}
          />
        </div>
      )}
    </div>
  );
}
