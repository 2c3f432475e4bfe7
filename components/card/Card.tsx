/**
 * The bounce card shown at the top of a bounce in Gmail (inside a shadow root).
 * Everything from the email is rendered as React text children: never as HTML.
 */
import { useCallback, useId, useLayoutEffect, useRef, useState } from 'react';
import type { CorrectionTo } from '../../lib/engine/corrections/index';
import type { BounceResult } from '../../lib/engine/types';
import type { Ask } from '../corrections/ask';
import { correctedSuppression } from '../corrections/wording';
import { CorrectionPanel } from './CorrectionPanel';
import { severityText, stepsAsText, type CardModel } from './model';

export interface CardProps {
  model: CardModel;
  theme: 'light' | 'dark';
  onDismiss(): void;
  /** Called after every commit (the host marks itself visible / enriched). */
  onRendered?(): void;
  /** Open the "Why?" disclosure from the start. */
  defaultWhyOpen?: boolean;
  /** Gmail did not give the original message: say the card reads the text Gmail shows only. */
  firstViewOnly?: boolean;
  /** The message and a channel to the background: the card then offers corrections. */
  corrections?: { messageId: string; result: BounceResult; ask: Ask };
}

/** The line a card shows when the original message could not be read. */
function FirstViewOnly() {
  return (
    <p className="bt-muted bt-first-view" data-field="firstViewOnly">
      First view only: Gmail did not give the original message, so this reads only the text Gmail shows.
    </p>
  );
}

async function copyText(text: string, fallbackRoot: Node): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // Clipboard API refused (no focus or permission): select a hidden textarea and copy.
    const doc = fallbackRoot.ownerDocument ?? document;
    const ta = doc.createElement('textarea');
    ta.value = text;
    ta.setAttribute('readonly', '');
    ta.style.cssText = 'position:fixed;opacity:0;pointer-events:none;left:-9999px';
    fallbackRoot.appendChild(ta);
    ta.select();
    let ok = false;
    try {
      ok = doc.execCommand('copy');
    } catch {
      ok = false;
    }
    ta.remove();
    return ok;
  }
}

function useCopy(rootRef: React.RefObject<HTMLElement | null>) {
  const [copied, setCopied] = useState<string | null>(null);
  const copy = useCallback(
    async (what: string, text: string) => {
      const ok = await copyText(text, rootRef.current ?? document.body);
      setCopied(ok ? what : `${what}-failed`);
      setTimeout(() => setCopied((c) => (c === what || c === `${what}-failed` ? null : c)), 2000);
    },
    [rootRef],
  );
  return { copied, copy };
}

/**
 * Dismiss, and when the focus was in the card, hand it to what the card sat above (the message
 * body) rather than letting it fall to the page's body.
 */
function dismissFrom(inside: HTMLElement | null, onDismiss: () => void): void {
  const root = inside?.getRootNode();
  const host = root instanceof ShadowRoot ? (root.host as HTMLElement) : null;
  const hadFocus = !!host && host.ownerDocument.activeElement === host;
  const next = host?.nextElementSibling as HTMLElement | null | undefined;
  onDismiss();
  if (!hadFocus || !next?.isConnected) return;
  if (!next.hasAttribute('tabindex')) next.setAttribute('tabindex', '-1');
  next.focus({ preventScroll: true });
}

function Icon({ name }: { name: 'chevron' | 'close' | 'copy' | 'info' | 'clock' | 'check' }) {
  const paths: Record<typeof name, string> = {
    chevron: 'M7 10l5 5 5-5',
    close: 'M6 6l12 12M18 6L6 18',
    copy: 'M9 9h10v10H9zM5 15V5h10',
    info: 'M12 8h.01M11 12h1v5h1',
    clock: 'M12 7v5l3 2',
    check: 'M5 12l4 4 10-10',
  };
  return (
    <svg className={`bt-icon bt-icon-${name}`} viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      {(name === 'info' || name === 'clock') && <circle cx="12" cy="12" r="9" />}
      <path d={paths[name]} />
    </svg>
  );
}

/** Delay notices, auto-replies, complaints and delivery receipts: one quiet line, details on demand. */
function NeutralNote({ model, theme, onDismiss, onRendered, firstViewOnly, corrections }: CardProps) {
  const noteRef = useRef<HTMLElement | null>(null);
  const [open, setOpen] = useState(false);
  const detailsId = useId();
  useLayoutEffect(() => onRendered?.());
  return (
    <section
      ref={noteRef}
      className="bt-note"
      data-theme={theme}
      data-field="card"
      data-tone="neutral"
      aria-label="Bounce Triage"
    >
      <div className="bt-note-row">
        <Icon name={model.kind === 'delayed' ? 'clock' : 'info'} />
        <h2 className="bt-note-title" data-field="categoryTitle">
          {model.categoryTitle}
        </h2>
        <span className="bt-note-summary">{model.summary}</span>
        <button
          type="button"
          className="bt-link-button"
          aria-expanded={open}
          aria-controls={detailsId}
          onClick={() => setOpen((o) => !o)}
        >
          {open ? 'Hide details' : 'Details'}
        </button>
        <button
          type="button"
          className="bt-icon-button"
          aria-label="Dismiss this note"
          onClick={() => dismissFrom(noteRef.current, onDismiss)}
        >
          <Icon name="close" />
        </button>
      </div>
      {firstViewOnly && <FirstViewOnly />}
      {open && (
        <div id={detailsId} className="bt-note-details">
          {model.recipients.length > 0 && (
            <p>
              {model.recipients.length > 1 ? 'Recipients: ' : 'Recipient: '}
              {model.recipients.map((r, i) => (
                <span key={r} data-field="recipient">
                  {i > 0 ? ', ' : ''}
                  {r}
                </span>
              ))}
            </p>
          )}
          {model.suppression && <p data-field="suppression">{model.suppression}</p>}
          <p data-field="definition">{model.definition}</p>
          <ul className="bt-plain-list">
            {model.steps.map((s) => (
              <li key={s} data-field="step">
                {s}
              </li>
            ))}
          </ul>
          {model.diagnostic && (
            // Focusable: it scrolls sideways when a line is long, and keyboards must reach it.
            <pre className="bt-diagnostic" tabIndex={0} aria-label="The server said">
              {model.diagnostic}
            </pre>
          )}
          {corrections && (
            <CorrectionPanel
              {...corrections}
              engineCategory={corrections.result.records[0]?.category ?? 'unclassified'}
            />
          )}
        </div>
      )}
    </section>
  );
}

function CodeLine({
  label,
  code,
  meaning,
  field,
}: {
  label: string;
  code: string;
  meaning: string | null;
  field: string;
}) {
  return (
    <div className="bt-code">
      <dt>{label}</dt>
      <dd>
        <code data-field={field}>{code}</code>
        {meaning && <span className="bt-code-meaning"> {meaning}</span>}
      </dd>
    </div>
  );
}

export function Card(props: CardProps) {
  const { model, theme, onDismiss, onRendered, defaultWhyOpen } = props;
  const rootRef = useRef<HTMLElement | null>(null);
  const [collapsed, setCollapsed] = useState(false);
  const [whyOpen, setWhyOpen] = useState(!!defaultWhyOpen);
  const [checked, setChecked] = useState<boolean[]>(() => model.steps.map(() => false));
  const { copied, copy } = useCopy(rootRef);
  // The person's correction of this message, once the background told it.
  const [fix, setFix] = useState<CorrectionTo | null>(null);
  const bodyId = useId();
  const whyId = useId();
  useLayoutEffect(() => onRendered?.());
  if (model.tone === 'neutral') return <NeutralNote {...props} />;

  const sev = severityText(model);
  const steps = model.steps;
  return (
    <section
      ref={rootRef}
      className="bt-card"
      data-theme={theme}
      data-field="card"
      data-tone="alarm"
      data-category={model.category}
      aria-label="Bounce Triage"
      style={{ '--bt-accent': model.colour } as React.CSSProperties}
    >
      <header className="bt-head">
        <h2 className="bt-badge" data-field="category" data-value={model.category}>
          <span className="bt-dot" aria-hidden="true" />
          <span data-field="categoryTitle">{model.categoryTitle}</span>
        </h2>
        {sev && (
          <span
            className={`bt-sev bt-sev-${model.severity}`}
            data-field="severity"
            data-value={model.severity ?? ''}
          >
            {sev}
          </span>
        )}
        {collapsed && model.recipients[0] && (
          <span className="bt-head-recipient" title={model.recipients.join(', ')}>
            {model.recipients[0]}
            {model.recipients.length > 1 ? ` +${model.recipients.length - 1}` : ''}
          </span>
        )}
        <span className="bt-spacer" />
        <span className="bt-brand" aria-hidden="true">
          Bounce Triage
        </span>
        <button
          type="button"
          className="bt-icon-button"
          aria-expanded={!collapsed}
          aria-controls={bodyId}
          aria-label={collapsed ? 'Expand the bounce explanation' : 'Collapse the bounce explanation'}
          onClick={() => setCollapsed((c) => !c)}
        >
          <span className={collapsed ? 'bt-rot' : ''}>
            <Icon name="chevron" />
          </span>
        </button>
        <button
          type="button"
          className="bt-icon-button"
          aria-label="Dismiss the bounce explanation"
          onClick={() => dismissFrom(rootRef.current, onDismiss)}
        >
          <Icon name="close" />
        </button>
      </header>

      {!collapsed && (
        <div id={bodyId} className="bt-body">
          <p className="bt-summary">{model.summary}</p>
          {props.firstViewOnly && <FirstViewOnly />}

          <dl className="bt-facts">
            {model.cause && (
              <div className="bt-fact">
                <dt>{model.mixed ? 'Cause (first recipient)' : 'Cause'}</dt>
                <dd data-field="cause">{model.cause}</dd>
              </div>
            )}
            {model.suppression && !model.mixed && (
              <div className="bt-fact">
                <dt>Suppression</dt>
                <dd data-field="suppression" data-corrected={fix ?? undefined}>
                  {fix && props.corrections?.result.records[0]
                    ? correctedSuppression(
                        fix,
                        props.corrections.result.kind,
                        props.corrections.result.records[0],
                      )
                    : model.suppression}
                </dd>
              </div>
            )}
            {model.recipients.length > 0 && (
              <div className="bt-fact">
                <dt>
                  {model.recipients.length > 1
                    ? `Failed recipients (${model.recipients.length})`
                    : 'Failed recipient'}
                </dt>
                <dd>
                  <ul className="bt-recipients">
                    {model.recipientDetails.map(
                      ({ address: r, status, replyCode, categoryTitle, causeTitle, colour, suppression }) => (
                        <li key={r}>
                          <span className="bt-address" data-field="recipient">
                            {r}
                          </span>
                          {model.mixed && (
                            <span
                              className="bt-recipient-tag"
                              data-field="recipientDetail"
                              style={{ '--bt-tag': colour } as React.CSSProperties}
                            >
                              <span className="bt-tag-dot" aria-hidden="true" />
                              {categoryTitle} · {causeTitle}
                              {(status ?? replyCode) ? ` · ${status ?? replyCode}` : ''}
                            </span>
                          )}
                          <button
                            type="button"
                            className="bt-small-button"
                            aria-label={`Copy address ${r}`}
                            onClick={() => void copy(`addr:${r}`, r)}
                          >
                            <Icon name={copied === `addr:${r}` ? 'check' : 'copy'} />
                            {copied === `addr:${r}` ? 'Copied' : 'Copy address'}
                          </button>
                          {model.mixed && (
                            <span className="bt-recipient-verdict" data-field="recipientSuppression">
                              {suppression}
                            </span>
                          )}
                        </li>
                      ),
                    )}
                  </ul>
                </dd>
              </div>
            )}
            {model.replyCode && (
              <CodeLine
                label="Reply code"
                code={model.replyCode}
                meaning={model.replyMeaning}
                field="replyCode"
              />
            )}
            {model.status && (
              <CodeLine label="Status" code={model.status} meaning={model.statusMeaning} field="status" />
            )}
            {model.provider && (
              <div className="bt-fact">
                <dt>Provider</dt>
                <dd data-field="provider" data-value={model.providerId ?? ''}>
                  {model.provider}
                </dd>
              </div>
            )}
          </dl>

          <h3 className="bt-h">What happened</h3>
          <p className="bt-definition" data-field="definition">
            {model.definition}
          </p>

          <h3 className="bt-h">What to do</h3>
          <ol className="bt-steps" aria-label="Resolution steps">
            {steps.map((s, i) => (
              <li key={s}>
                <label className={checked[i] ? 'bt-done' : ''}>
                  <input
                    type="checkbox"
                    checked={!!checked[i]}
                    onChange={() => setChecked((c) => c.map((v, j) => (j === i ? !v : v)))}
                  />
                  <span data-field="step">{s}</span>
                </label>
              </li>
            ))}
          </ol>

          {model.links.length > 0 && (
            <nav className="bt-links" aria-label="Troubleshooting links">
              {model.links.map((l) => (
                <a key={l.url} href={l.url} target="_blank" rel="noreferrer noopener" data-field="link">
                  {l.label}
                </a>
              ))}
            </nav>
          )}

          <div className="bt-actions">
            <button
              type="button"
              className="bt-button bt-primary"
              onClick={() => void copy('steps', stepsAsText(model))}
            >
              <Icon name={copied === 'steps' ? 'check' : 'copy'} />
              {copied === 'steps' ? 'Steps copied' : 'Copy steps'}
            </button>
            <button
              type="button"
              className="bt-button"
              aria-expanded={whyOpen}
              aria-controls={whyId}
              onClick={() => setWhyOpen((o) => !o)}
            >
              Why?
            </button>
            <span className="bt-live" role="status" aria-live="polite">
              {copied?.endsWith('-failed')
                ? 'Copy failed: select the text instead'
                : copied
                  ? 'Copied to the clipboard'
                  : ''}
            </span>
          </div>

          {props.corrections && (
            <CorrectionPanel
              {...props.corrections}
              engineCategory={props.corrections.result.records[0]?.category ?? 'unclassified'}
              onCorrection={setFix}
            />
          )}

          {whyOpen && (
            <div id={whyId} className="bt-why">
              <h3 className="bt-h">Why this verdict</h3>
              {model.evidence.length > 0 ? (
                <ul className="bt-plain-list">
                  {model.evidence.map((e) => (
                    <li key={e} data-field="evidence">
                      {e}
                    </li>
                  ))}
                </ul>
              ) : (
                <p>No single piece of evidence decided; this is the engine's default.</p>
              )}
              {model.remoteHost && <p className="bt-muted">Answered by {model.remoteHost}</p>}
              {model.diagnostic && (
                <>
                  <h3 className="bt-h">The server said</h3>
                  <pre
                    className="bt-diagnostic"
                    data-field="diagnostic"
                    tabIndex={0}
                    aria-label="The server said"
                  >
                    {model.diagnostic}
                  </pre>
                </>
              )}
              <p className="bt-muted">
                {model.source === 'raw'
                  ? 'Read from the original message source.'
                  : 'Read from the text Gmail shows.'}
              </p>
            </div>
          )}
        </div>
      )}
    </section>
  );
}
