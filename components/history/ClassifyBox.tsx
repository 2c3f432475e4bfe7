/**
 * Paste a bounce's text, or drop an .eml, to classify it on the spot (for bounces read outside
 * Gmail). The engine is loaded on first use so it does not slow the popup's opening.
 * Everything shown here is rendered as text.
 */
import { useState, type CSSProperties, type DragEvent } from 'react';
import type { BounceResult } from '@/lib/engine/types';
import { codes, recordColour, recordTitle } from './format';
import { verdictOf } from '../verdict/verdict';
import { CATEGORIES, DELAY_INFO } from '@/lib/engine/knowledge/categories';

const MAX_FILE = 15 * 1024 * 1024;

/** A paste that starts with header lines is a whole message; anything else is what a mail client showed. */
function looksLikeRawMessage(text: string): boolean {
  const head = text.slice(0, 4000);
  return (
    /^(Return-Path|Received|From|Date|Subject|Message-ID|MIME-Version|Delivered-To|X-[\w-]+):/im.test(
      head.split(/\r?\n\r?\n/)[0] ?? '',
    ) && /^[\w-]+:/.test(head.trimStart())
  );
}

export function ClassifyBox() {
  const [text, setText] = useState('');
  const [result, setResult] = useState<BounceResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [source, setSource] = useState<string>('');
  const [over, setOver] = useState(false);

  const classify = async (input: string | Uint8Array, label: string) => {
    setError(null);
    try {
      const engine = await import('@/lib/engine');
      const r =
        typeof input === 'string' && !looksLikeRawMessage(input)
          ? engine.classifyVisible({ fromAddress: null, subject: null, text: input })
          : engine.classifyMessage(input);
      setResult(r);
      setSource(label);
    } catch (err) {
      setResult(null);
      setError(`Could not read this: ${(err as Error)?.message ?? String(err)}`);
    }
  };

  const onDrop = async (e: DragEvent<HTMLDivElement>) => {
    e.preventDefault();
    setOver(false);
    const file = e.dataTransfer.files[0];
    if (!file) return;
    if (file.size > MAX_FILE) {
      setError(`${file.name} is larger than 15 MB; that is not a bounce.`);
      return;
    }
    await classify(new Uint8Array(await file.arrayBuffer()), file.name);
  };

  const onFile = async (file: File | undefined) => {
    if (!file) return;
    if (file.size > MAX_FILE) {
      setError(`${file.name} is larger than 15 MB; that is not a bounce.`);
      return;
    }
    await classify(new Uint8Array(await file.arrayBuffer()), file.name);
  };

  return (
    <details className="bt-classify">
      <summary>Classify a bounce from elsewhere</summary>
      <div
        className={`bt-drop${over ? ' bt-drop--over' : ''}`}
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={(e) => void onDrop(e)}
      >
        <label>
          <span className="bt-sr">Bounce text</span>
          <textarea
            name="paste"
            rows={4}
            placeholder="Paste the text of a bounce (or its full source), or drop an .eml file here"
            value={text}
            onChange={(e) => setText(e.target.value)}
          />
        </label>
        <div className="bt-drop-actions">
          <button type="button" disabled={!text.trim()} onClick={() => void classify(text, 'pasted text')}>
            Classify
          </button>
          <label className="bt-file">
            or choose an .eml file{' '}
            <input
              type="file"
              accept=".eml,message/rfc822,text/plain"
              onChange={(e) => void onFile(e.target.files?.[0])}
            />
          </label>
        </div>
      </div>
      {error && (
        <p role="alert" className="bt-banner bt-banner--error">
          {error}
        </p>
      )}
      {result && <ClassifyResult result={result} source={source} />}
    </details>
  );
}

function ClassifyResult({ result, source }: { result: BounceResult; source: string }) {
  if (result.kind === 'not-bounce' || result.records.length === 0) {
    return (
      <p className="bt-result" role="status" data-testid="classify-result">
        {source}: this does not look like a bounce{result.kind !== 'not-bounce' ? ` (${result.kind})` : ''}.
      </p>
    );
  }
  return (
    <div className="bt-result" role="status" data-testid="classify-result">
      <p>
        {source}:{' '}
        {result.kind === 'delayed' ? 'a delay notice' : result.kind === 'failed' ? 'a bounce' : result.kind},{' '}
        {result.records.length} recipient
        {result.records.length === 1 ? '' : 's'}.
      </p>
      {result.records.map((r, i) => {
        const info = result.kind === 'delayed' ? DELAY_INFO : CATEGORIES[r.category];
        return (
          <div key={i} className="bt-result-rec">
            <div>
              <b>{r.recipient ?? 'unknown recipient'}</b>{' '}
              <span
                className="bt-badge"
                style={
                  { '--cat': recordColour({ kind: result.kind, category: r.category }) } as CSSProperties
                }
              >
                {recordTitle({ kind: result.kind, category: r.category })}
              </span>{' '}
              <span className={`bt-sev bt-sev--${verdictOf(result.kind, r)}`}>
                {verdictOf(result.kind, r)}
              </span>{' '}
              {codes(r) && <span className="bt-codes">{codes(r)}</span>}
            </div>
            {r.diagnostic && <p className="bt-diag-full">{r.diagnostic}</p>}
            {info && (
              <ol className="bt-steps">
                {info.steps.map((s, j) => (
                  <li key={j}>{s}</li>
                ))}
              </ol>
            )}
          </div>
        );
      })}
    </div>
  );
}
