/**
 * The virtualised bounce list: only the rows in view exist in the DOM, pages of rows are
 * fetched from the background as the list scrolls. Arrow keys move between rows.
 *
 * Rows have one fixed height, so the window is plain arithmetic on scrollTop. (A general
 * virtualiser keeps a measurement object per row: with 100,000 rows, rebuilding those on every
 * keystroke that changes the match count cost more than the search itself.)
 */
import {
  memo,
  useEffect,
  useLayoutEffect,
  useRef,
  useState,
  type CSSProperties,
  type KeyboardEvent,
} from 'react';
import type { CorrectedRow as HistoryRow } from '@/lib/history/protocol';
import { correctionLabel } from '../corrections/wording';
import { gmailLink } from './api';
import {
  categoryColour,
  codes,
  copyText,
  recordColour,
  recordDetail,
  recordTitle,
  recordVerdict,
  stepsText,
  when,
} from './format';
import { PAGE_SIZE, useHistory } from './state';

const ROW_HEIGHT = 58;

const Row = memo(function Row({
  row,
  index,
  total,
  focused,
  onFocusRow,
  onDelete,
}: {
  row: HistoryRow | undefined;
  index: number;
  total: number;
  focused: boolean;
  onFocusRow: (i: number) => void;
  onDelete: (index: number, key: string) => void;
}) {
  const selected = useHistory((s) => (row ? s.selected.has(row.key) : false));
  const toggle = useHistory((s) => s.toggleSelected);

  const say = useHistory((s) => s.say);
  if (!row) {
    return (
      <div
        className="bt-row bt-row--loading"
        role="listitem"
        aria-posinset={index + 1}
        aria-setsize={total}
        aria-busy="true"
      >
        Loading…
      </div>
    );
  }
  const who = row.recipient || 'unknown recipient';
  const link = gmailLink(row.account, row.messageId, row.threadId);
  const codeText = codes(row);
  // A correction is shown instead of the engine's category; the engine's reading stays in view.
  const fix = row.correction?.to ?? null;
  const engineTitle = recordTitle(row);
  const title = fix && fix !== 'keep' ? correctionLabel(fix) : engineTitle;
  const colour =
    fix === 'not-bounce' ? '#7a7a7a' : fix && fix !== 'keep' ? categoryColour(fix) : recordColour(row);
  const verdict = recordVerdict(row);
  const detail = fix
    ? `Engine read ${engineTitle}${fix === 'keep' ? '; you said the address is fine' : ''} · ${recordDetail(row)}`
    : recordDetail(row);
  const fixText = fix ? `, corrected to ${correctionLabel(fix)}, engine read ${engineTitle}` : '';
  return (
    <div
      className={`bt-row${selected ? ' bt-row--selected' : ''}`}
      role="listitem"
      aria-posinset={index + 1}
      aria-setsize={total}
      aria-label={`${who}, ${title}${verdict !== 'delayed' ? `, ${verdict}` : ''}${codeText ? `, ${codeText}` : ''}, ${when(row.lastSeen)}${fixText}`}
      data-corrected={fix ?? undefined}
      tabIndex={focused ? 0 : -1}
      data-row-index={index}
      data-key={row.key}
      onFocus={() => onFocusRow(index)}
    >
      <input
        type="checkbox"
        className="bt-check"
        checked={selected}
        onChange={() => toggle(row.key)}
        aria-label={`Select ${who}`}
        tabIndex={-1}
      />
      <div className="bt-row-main">
        <div className="bt-row-line">
          <span className="bt-addr" title={who}>
            {who}
          </span>
          {row.count > 1 && (
            <span className="bt-count" title={`${row.count} bounced messages for this address`}>
              ×{row.count}
            </span>
          )}
          <span className="bt-badge" style={{ '--cat': colour } as CSSProperties}>
            {title}
          </span>
          {fix && (
            <span className="bt-fixed" title={`Corrected by you; the engine read ${engineTitle}`}>
              corrected
            </span>
          )}
          {verdict !== 'delayed' && !fix && <span className={`bt-sev bt-sev--${verdict}`}>{verdict}</span>}
          {codeText && <span className="bt-codes">{codeText}</span>}
          <span className="bt-when">{when(row.lastSeen)}</span>
        </div>
        <div className="bt-row-line bt-row-line--sub">
          <span className="bt-diag" title={detail}>
            {detail}
          </span>
          <span className="bt-actions">
            {link && (
              <a
                className="bt-act"
                href={link}
                target="_blank"
                rel="noreferrer noopener"
                tabIndex={focused ? 0 : -1}
                aria-label={`Open the bounce for ${who} in Gmail`}
              >
                Open
              </a>
            )}
            <button
              type="button"
              className="bt-act"
              tabIndex={focused ? 0 : -1}
              disabled={!row.recipient}
              aria-label={`Copy address ${who}`}
              onClick={() =>
                void copyText(row.recipient).then((ok) => say(ok ? `Copied ${row.recipient}` : 'Copy failed'))
              }
            >
              Copy address
            </button>
            <button
              type="button"
              className="bt-act"
              tabIndex={focused ? 0 : -1}
              aria-label={`Copy steps for ${who}`}
              onClick={() =>
                void copyText(stepsText(row)).then((ok) => say(ok ? 'Copied the steps' : 'Copy failed'))
              }
            >
              Copy steps
            </button>
            <button
              type="button"
              className="bt-act"
              tabIndex={focused ? 0 : -1}
              aria-label={`Correct the verdict for ${who}`}
              aria-haspopup="dialog"
              onClick={() => useHistory.setState({ correcting: row })}
            >
              Correct
            </button>
            <button
              type="button"
              className="bt-act bt-act--danger"
              tabIndex={focused ? 0 : -1}
              aria-label={`Delete the record for ${who}`}
              onClick={() => onDelete(index, row.key)}
            >
              Delete
            </button>
          </span>
        </div>
      </div>
    </div>
  );
});

export function HistoryList() {
  // One row more while a broad search may find more: scrolling to it asks for the next page.
  const matched = useHistory((s) => s.matched + (s.more ? 1 : 0));
  const pages = useHistory((s) => s.pages);
  const shownGen = useHistory((s) => s.shownGen);
  const loadedOnce = useHistory((s) => s.loadedOnce);
  const ensurePage = useHistory((s) => s.ensurePage);
  const toggle = useHistory((s) => s.toggleSelected);
  const deleteKeys = useHistory((s) => s.deleteKeys);
  const filter = useHistory((s) => s.filter);
  const scrollRef = useRef<HTMLDivElement>(null);
  const [focusIndex, setFocusIndex] = useState(0);
  // A new search or filter starts at the top of its results.
  useEffect(() => {
    if (scrollRef.current) scrollRef.current.scrollTop = 0;
    setScrollTop(0);
    setFocusIndex(0);
  }, [filter]);

  const [scrollTop, setScrollTop] = useState(0);
  const [viewport, setViewport] = useState(400);
  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    setViewport(el.clientHeight);
    const ro = new ResizeObserver(() => setViewport(el.clientHeight));
    ro.observe(el);
    return () => ro.disconnect();
  }, [loadedOnce, matched === 0]);
  const OVERSCAN = 6;
  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  const last = Math.max(
    first,
    Math.min(matched - 1, Math.ceil((scrollTop + viewport) / ROW_HEIGHT) + OVERSCAN),
  );
  const indexes: number[] = [];
  for (let i = first; i <= last && i < matched; i++) indexes.push(i);
  const scrollToIndex = (i: number) => {
    const el = scrollRef.current;
    if (!el) return;
    const top = i * ROW_HEIGHT;
    if (top < el.scrollTop) el.scrollTop = top;
    else if (top + ROW_HEIGHT > el.scrollTop + el.clientHeight)
      el.scrollTop = top + ROW_HEIGHT - el.clientHeight;
  };

  useEffect(() => {
    if (matched === 0) return;
    for (let p = Math.floor(first / PAGE_SIZE); p <= Math.floor(last / PAGE_SIZE); p++) ensurePage(p);
  }, [first, last, matched, shownGen, ensurePage]);

  useEffect(() => {
    if (focusIndex >= matched && matched > 0) setFocusIndex(matched - 1);
  }, [matched, focusIndex]);

  // Performance marks for the benchmark: when the rows of a generation are on screen.
  useEffect(() => {
    if (!loadedOnce) return;
    const el = scrollRef.current;
    if (el) el.dataset.gen = String(shownGen);
    const w = window as unknown as { __btReadyAt?: number };
    if (w.__btReadyAt === undefined) {
      w.__btReadyAt = performance.now();
      document.documentElement.dataset.ready = '1';
    }
  }, [shownGen, loadedOnce]);

  const rowAt = (i: number): HistoryRow | undefined => pages.get(Math.floor(i / PAGE_SIZE))?.[i % PAGE_SIZE];

  /**
   * The row that should take focus once it is drawn: Home/End scroll to rows that do not exist
   * yet, and after a Delete the next record slides into the deleted one's place (`not` is the
   * deleted key, so focus waits for the list to refresh instead of landing on the old row).
   */
  const pendingFocus = useRef<{ index: number; not: string | null } | null>(null);
  useLayoutEffect(() => {
    const want = pendingFocus.current;
    if (!want) return;
    const el = scrollRef.current?.querySelector<HTMLElement>(`.bt-row[data-row-index="${want.index}"]`);
    if (!el || el.classList.contains('bt-row--loading') || (want.not && el.dataset.key === want.not)) return;
    pendingFocus.current = null;
    el.focus();
  });

  const moveFocus = (i: number, not: string | null = null) => {
    const next = Math.max(0, Math.min(matched - 1, i));
    setFocusIndex(next);
    scrollToIndex(next);
    // Draw the window around the new position now rather than after the scroll event.
    if (scrollRef.current) setScrollTop(scrollRef.current.scrollTop);
    pendingFocus.current = { index: next, not };
    const el = scrollRef.current?.querySelector<HTMLElement>(`.bt-row[data-row-index="${next}"]`);
    if (el && !el.classList.contains('bt-row--loading') && el.dataset.key !== not) {
      pendingFocus.current = null;
      el.focus();
    }
  };

  /** Delete one record; focus goes to the record that takes its place (or the one before, at the end). */
  const deleteRow = (index: number, key: string) => {
    const after = index < matched - 1 ? index : index - 1;
    void deleteKeys([key]).then(() => {
      if (after < 0) scrollRef.current?.focus();
      else moveFocus(after, key);
    });
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (!(e.target instanceof HTMLElement) || !e.target.classList.contains('bt-row')) return;
    const page = Math.max(
      1,
      Math.floor((scrollRef.current?.clientHeight ?? ROW_HEIGHT * 5) / ROW_HEIGHT) - 1,
    );
    const row = rowAt(focusIndex);
    switch (e.key) {
      case 'ArrowDown':
        moveFocus(focusIndex + 1);
        break;
      case 'ArrowUp':
        moveFocus(focusIndex - 1);
        break;
      case 'PageDown':
        moveFocus(focusIndex + page);
        break;
      case 'PageUp':
        moveFocus(focusIndex - page);
        break;
      case 'Home':
        moveFocus(0);
        break;
      case 'End':
        moveFocus(matched - 1);
        break;
      case ' ':
        if (row) toggle(row.key);
        break;
      case 'Delete':
        if (row) deleteRow(focusIndex, row.key);
        break;
      default:
        return;
    }
    e.preventDefault();
  };

  if (loadedOnce && matched === 0) {
    return (
      <div className="bt-empty" ref={scrollRef} data-gen={shownGen} tabIndex={-1}>
        No bounces match. Bounces you open in Gmail are listed here.
      </div>
    );
  }

  return (
    <div
      className="bt-scroll"
      ref={scrollRef}
      tabIndex={-1}
      onKeyDown={onKeyDown}
      onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
    >
      <div
        role="list"
        aria-label={`Bounces, ${matched} shown, newest first`}
        aria-busy={!loadedOnce}
        style={{ height: matched * ROW_HEIGHT, position: 'relative' }}
      >
        {indexes.map((i) => (
          <div
            // Keyed by record: after a delete, no row's buttons silently belong to another record.
            key={rowAt(i)?.key ?? `loading-${i}`}
            style={{
              position: 'absolute',
              top: 0,
              left: 0,
              right: 0,
              height: ROW_HEIGHT,
              transform: `translateY(${i * ROW_HEIGHT}px)`,
            }}
          >
            <Row
              row={rowAt(i)}
              index={i}
              total={matched}
              focused={i === focusIndex}
              onFocusRow={setFocusIndex}
              onDelete={deleteRow}
            />
          </div>
        ))}
      </div>
    </div>
  );
}
