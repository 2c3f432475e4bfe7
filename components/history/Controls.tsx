/** Header counts, search and filters, banners, export, settings. */
import { memo, useEffect, useId, useState } from 'react';
import type { Facets } from '@/lib/history/store';
import { CATEGORY_ORDER } from '@/lib/engine/knowledge/categories';
import type { CategoryId } from '@/lib/engine/types';
import { EXPORT_FORMATS, formatInfo, type ExportFormat } from '@/lib/history/export';
import type { Severity } from '@/lib/history/record';
import { isEmptyFilter, type HistoryFilter } from '@/lib/history/query';
import { describeStorageError } from './api';
import { CorrectionsPanel } from './Corrections';
import {
  categoryColour,
  categoryTitle,
  copyText,
  dayEnd,
  dayStart,
  dayValue,
  downloadText,
  when,
} from './format';
import { useHistory } from './state';

const nf = new Intl.NumberFormat();

export function HeaderCounts() {
  const counts = useHistory((s) => s.counts);
  const matched = useHistory((s) => s.matched);
  const total = useHistory((s) => s.total);
  const filter = useHistory((s) => s.filter);
  const partial = useHistory((s) => s.partial);
  const more = useHistory((s) => s.more);
  const setFilter = useHistory((s) => s.setFilter);
  const toggleCat = (id: CategoryId) => {
    const cur = filter.categories ?? [];
    setFilter({ categories: cur.includes(id) ? cur.filter((c) => c !== id) : [...cur, id] });
  };
  // Before the first answer (a worker starting, a database opening) there is no number to show.
  const totalText =
    counts === null && total === 0
      ? '… bounces'
      : matched === total && !more
        ? `${nf.format(total)} bounces`
        : `${nf.format(matched)}${more ? '+' : ''} of ${nf.format(total)} bounces`;
  // Screen readers hear the total once the typing or filtering has settled, not every chip on
  // every keystroke.
  const [announced, setAnnounced] = useState('');
  useEffect(() => {
    const t = setTimeout(() => setAnnounced(`${totalText} shown`), 900);
    return () => clearTimeout(t);
  }, [totalText]);
  return (
    <div className="bt-counts">
      <span className="bt-sr" role="status" data-testid="count-announcement">
        {announced}
      </span>
      <span className="bt-total" data-testid="count-total">
        {totalText}
      </span>
      {partial ? (
        // A broad search over a large history: only the rows found so far are counted. (When
        // the number is known, the popup has asked for the rest of the counts already.)
        <span className="bt-note">{more ? 'scroll to find more' : 'counting…'}</span>
      ) : counts ? (
        <>
          <span className="bt-sev bt-sev--hard">{nf.format(counts.hard)} hard</span>
          <span className="bt-sev bt-sev--soft">{nf.format(counts.soft)} soft</span>
          <span className="bt-sev bt-sev--delayed">{nf.format(counts.delayed)} delayed</span>
          <span className="bt-catcounts">
            {CATEGORY_ORDER.filter((c) => (counts.byCategory[c] ?? 0) > 0).map((c) => (
              <button
                key={c}
                type="button"
                className="bt-chip"
                aria-pressed={filter.categories?.includes(c) ?? false}
                style={{ borderColor: categoryColour(c) }}
                onClick={() => toggleCat(c)}
                title={`Show only ${categoryTitle(c)} (toggle)`}
              >
                {categoryTitle(c)} <b>{nf.format(counts.byCategory[c] ?? 0)}</b>
              </button>
            ))}
          </span>
        </>
      ) : (
        <span className="bt-muted">counting…</span>
      )}
    </div>
  );
}

const SEVERITIES: Severity[] = ['hard', 'soft', 'delayed'];

/** Menus built from the whole history; memoised so typing in the search box does not rebuild them. */
const FacetLists = memo(function FacetLists({ id, facets }: { id: string; facets: Facets | null }) {
  return (
    <>
      <datalist id={`${id}-domains`}>
        {facets?.recipientDomains.map(([d]) => (
          <option key={d} value={d} />
        ))}
      </datalist>
      <datalist id={`${id}-senders`}>
        {facets?.senders.map(([d]) => (
          <option key={d} value={d} />
        ))}
      </datalist>
    </>
  );
});

const ProviderOptions = memo(function ProviderOptions({ facets }: { facets: Facets | null }) {
  return (
    <>
      <option value="">All providers</option>
      {facets?.providers.map(([p, n]) => (
        <option key={p} value={p}>
          {p} ({n})
        </option>
      ))}
    </>
  );
});

const CategoryOptions = memo(function CategoryOptions() {
  return (
    <>
      <option value="">All categories</option>
      {CATEGORY_ORDER.map((c) => (
        <option key={c} value={c}>
          {categoryTitle(c)}
        </option>
      ))}
    </>
  );
});

/** The parts of the shared filter only the dashboard has fields for, in words ('' when none). */
function dashboardOnly(f: HistoryFilter): string {
  const day = (t: number) => new Date(t).toISOString().slice(0, 10);
  const parts: string[] = [];
  if (f.emailTypes?.length) parts.push(`email type ${f.emailTypes.join(' or ')}`);
  if (f.sendingIps?.length) parts.push(`sending IP ${f.sendingIps.join(' or ')}`);
  if (f.reasons?.length) parts.push(`reason ${f.reasons.join(' or ')}`);
  if (f.statuses?.length) parts.push(`status ${f.statuses.join(' or ')}`);
  if (typeof f.bounceFrom === 'number') parts.push(`bounced from ${day(f.bounceFrom)}`);
  if (typeof f.bounceTo === 'number') parts.push(`bounced until ${day(f.bounceTo)}`);
  return parts.join(', ');
}

export function FilterBar() {
  const filter = useHistory((s) => s.filter);
  const facets = useHistory((s) => s.facets);
  const setFilter = useHistory((s) => s.setFilter);
  const resetFilter = useHistory((s) => s.resetFilter);
  const id = useId();
  const sev = filter.severities ?? [];
  // (The filter is shared with the dashboard, which may have set parts this form has no field for.)
  const active = !isEmptyFilter(filter);
  const fromDashboard = dashboardOnly(filter);
  return (
    <form className="bt-filters" role="search" onSubmit={(e) => e.preventDefault()}>
      <label className="bt-search">
        <span className="bt-sr">Search address, domain, code or diagnostic</span>
        <input
          type="search"
          name="search"
          placeholder="Search address, domain, code, diagnostic…"
          value={filter.search ?? ''}
          onChange={(e) => setFilter({ search: e.target.value })}
          autoFocus
        />
      </label>
      <div className="bt-filter-row">
        <div role="group" aria-label="Severity" className="bt-seg">
          {SEVERITIES.map((s) => (
            <button
              key={s}
              type="button"
              aria-pressed={sev.includes(s)}
              data-severity={s}
              onClick={() =>
                setFilter({ severities: sev.includes(s) ? sev.filter((x) => x !== s) : [...sev, s] })
              }
            >
              {s}
            </button>
          ))}
        </div>
        <label>
          <span className="bt-sr">Category</span>
          <select
            name="category"
            value={filter.categories?.length === 1 ? filter.categories[0] : ''}
            onChange={(e) => setFilter({ categories: e.target.value ? [e.target.value as CategoryId] : [] })}
          >
            <CategoryOptions />
          </select>
        </label>
        <label>
          <span className="bt-sr">Provider</span>
          <select
            name="provider"
            value={filter.providers?.[0] ?? ''}
            onChange={(e) => setFilter({ providers: e.target.value ? [e.target.value] : [] })}
          >
            <ProviderOptions facets={facets} />
          </select>
        </label>
        <label>
          <span className="bt-sr">Recipient domain</span>
          <input
            name="domain"
            list={`${id}-domains`}
            placeholder="Recipient domain"
            value={filter.recipientDomains?.[0] ?? ''}
            onChange={(e) =>
              setFilter({ recipientDomains: e.target.value.trim() ? [e.target.value.trim()] : [] })
            }
          />
        </label>
        <label>
          <span className="bt-sr">Sending address or domain</span>
          <input
            name="sender"
            list={`${id}-senders`}
            placeholder="Sent from"
            value={filter.sender ?? ''}
            onChange={(e) => setFilter({ sender: e.target.value })}
          />
        </label>
        <label className="bt-date">
          <span>From</span>
          <input
            type="date"
            name="from"
            value={dayValue(filter.from)}
            onChange={(e) => setFilter({ from: dayStart(e.target.value) })}
          />
        </label>
        <label className="bt-date">
          <span>to</span>
          <input
            type="date"
            name="to"
            value={dayValue(filter.to)}
            onChange={(e) => setFilter({ to: dayEnd(e.target.value) })}
          />
        </label>
        <FacetLists id={id} facets={facets} />
        {fromDashboard && (
          <span className="bt-note" data-testid="dashboard-filter">
            Also filtered on the dashboard: {fromDashboard}
          </span>
        )}
        {active && (
          <button type="button" className="bt-link" onClick={resetFilter}>
            Clear filters
          </button>
        )}
      </div>
    </form>
  );
}

export function Banners() {
  const status = useHistory((s) => s.status);
  const slowOpening = useHistory((s) => s.slowOpening);
  const error = useHistory((s) => s.error);
  const dismiss = useHistory((s) => s.dismissError);
  const shown = error ?? status?.storageError ?? null;
  const page = status?.pageStatus;
  return (
    <>
      {shown && (
        <div className="bt-banner bt-banner--error" role="alert" data-testid="storage-error">
          <div>
            <strong>Storage problem while trying to {shown.operation}.</strong>{' '}
            {describeStorageError(shown.name)}{' '}
            <span className="bt-muted">
              ({shown.name}: {shown.message})
            </span>
          </div>
          <button type="button" onClick={() => void dismiss()}>
            Dismiss
          </button>
        </div>
      )}
      {status?.opening && slowOpening && (
        <div className="bt-banner bt-banner--info" role="status" data-testid="opening">
          Opening the bounce history. After an update of the extension, a large history is brought up to date
          once: this can take a few minutes for a million bounces. Nothing is lost meanwhile.
        </div>
      )}
      {status?.recovery && (
        <div className="bt-banner bt-banner--warn" role="status" data-testid="recovered">
          <div>{status.recovery.message}</div>
          <button type="button" onClick={() => void dismiss()}>
            Dismiss
          </button>
        </div>
      )}
      {(status?.rejectedReports ?? 0) > 0 && (
        <div className="bt-banner bt-banner--info" role="status" data-testid="refused">
          {nf.format(status!.rejectedReports)} malformed message
          {status!.rejectedReports === 1 ? ' was' : 's were'} refused since the extension started (
          {Object.entries(status!.refusedByType)
            .map(([type, n]) => `${type}: ${nf.format(n)}`)
            .join(', ')}
          ). Nothing of them was stored.
        </div>
      )}
      {page && !page.recognised && (
        <div className="bt-banner bt-banner--warn" role="status" data-testid="page-not-recognised">
          Gmail’s page was not recognised on {when(page.at)}
          {page.failedSelector ? ` (no match for ${page.failedSelector})` : ''}: bounces opened there may be
          missing from this list. Gmail may have changed; an update of the extension will follow.
        </div>
      )}
      {status?.settings.paused && (
        <div className="bt-banner bt-banner--info" role="status">
          Capture is paused: new bounces are not being recorded.
        </div>
      )}
    </>
  );
}

export function Toast() {
  const toast = useHistory((s) => s.toast);
  const notice = useHistory((s) => s.notice);
  const undo = useHistory((s) => s.undo);
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    if (!toast) return;
    const t = setInterval(() => setNow(Date.now()), 500);
    return () => clearInterval(t);
  }, [toast]);
  useEffect(() => {
    // A notice of work under way ("…") stays until the work's own outcome replaces it.
    if (!notice || notice.endsWith('…')) return;
    const t = setTimeout(() => useHistory.setState({ notice: null }), 2500);
    return () => clearTimeout(t);
  }, [notice]);
  const live = toast && now <= toast.until + 4000 ? toast : null;
  const left = live?.undoToken ? Math.max(0, Math.ceil((live.until - now) / 1000)) : 0;
  return (
    <div className="bt-toast" role="status" aria-live="polite">
      {live && (
        <span data-testid="toast">
          {live.text}{' '}
          {live.undoToken && left > 0 && (
            <button type="button" onClick={() => void undo()}>
              Undo ({left}s)
            </button>
          )}
        </span>
      )}
      {!live && notice && <span>{notice}</span>}
    </div>
  );
}

export function ExportBar() {
  const selected = useHistory((s) => s.selected.size);
  const matched = useHistory((s) => s.matched);
  const exportText = useHistory((s) => s.exportText);
  const deleteKeys = useHistory((s) => s.deleteKeys);
  const selectAllShown = useHistory((s) => s.selectAllShown);
  const say = useHistory((s) => s.say);
  const [format, setFormat] = useState<ExportFormat>('unique');
  const [excel, setExcel] = useState(false);
  const [busy, setBusy] = useState(false);
  const scope = selected > 0 ? `${selected} selected` : `${nf.format(matched)} shown`;
  const info = formatInfo(format);

  const run = async (kind: 'download' | 'copy') => {
    setBusy(true);
    try {
      // A suppression list of a very large history takes a while (over a minute at a million).
      const slow = setTimeout(() => say('Preparing the file…'), 1000);
      const f = await exportText(kind === 'copy' ? 'addresses' : format, excel, true, (rows) =>
        say(`Preparing the file: ${nf.format(rows)} rows so far…`),
      ).finally(() => clearTimeout(slow));
      if (!f) {
        // The error banner says what went wrong; no word of preparing stays behind.
        if (useHistory.getState().notice?.endsWith('…')) useHistory.setState({ notice: null });
        return;
      }
      if (kind === 'download') {
        downloadText(f.filename, f.mime, f.text);
        say(`Exported ${nf.format(f.rows)} rows to ${f.filename}`);
      } else {
        const ok = await copyText(f.text);
        say(ok ? `Copied ${nf.format(f.rows)} addresses` : 'Copy failed');
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="bt-export" role="group" aria-label="Export and selection">
      <label>
        <input
          type="checkbox"
          aria-label="Select all loaded rows"
          checked={selected > 0}
          onChange={(e) => selectAllShown(e.target.checked)}
        />{' '}
        <span className="bt-muted">{scope}</span>
      </label>
      {selected > 0 && (
        <button
          type="button"
          className="bt-act--danger"
          onClick={() => void deleteKeys([...useHistory.getState().selected])}
        >
          Delete selected
        </button>
      )}
      <label>
        <span className="bt-sr">Export format</span>
        <select
          name="format"
          value={format}
          onChange={(e) => setFormat(e.target.value as ExportFormat)}
          title={info?.hint}
        >
          <optgroup label="Suppression list: whole history, rules applied, filter ignored">
            {EXPORT_FORMATS.filter((f) => f.family === 'suppression').map((f) => (
              <option key={f.id} value={f.id}>
                {f.label}
              </option>
            ))}
          </optgroup>
          <optgroup label="Records: what the filter shows">
            {EXPORT_FORMATS.filter((f) => f.family === 'records').map((f) => (
              <option key={f.id} value={f.id}>
                {f.label}
              </option>
            ))}
          </optgroup>
        </select>
      </label>
      <label title="Adds a byte order mark so Excel opens the file as UTF-8 (spreadsheet files only; import files never get one)">
        <input
          type="checkbox"
          name="excel"
          checked={excel && !!info?.spreadsheet}
          disabled={!info?.spreadsheet}
          onChange={(e) => setExcel(e.target.checked)}
        />{' '}
        for Excel
      </label>
      <button type="button" disabled={busy} onClick={() => void run('download')}>
        Download
      </button>
      <button type="button" disabled={busy} onClick={() => void run('copy')}>
        Copy addresses shown
      </button>
    </div>
  );
}

export function SettingsPanel() {
  const status = useHistory((s) => s.status);
  const total = useHistory((s) => s.total);
  const saveSettings = useHistory((s) => s.saveSettings);
  const clearAll = useHistory((s) => s.clearAll);
  const [confirming, setConfirming] = useState(false);
  const [open, setOpen] = useState(false);
  const settings = status?.settings;
  return (
    <details className="bt-settings" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>Settings</summary>
      <div className="bt-settings-body">
        <label>
          <input
            type="checkbox"
            name="paused"
            checked={settings?.paused ?? false}
            onChange={(e) => void saveSettings({ paused: e.target.checked })}
          />{' '}
          Pause capture
        </label>
        <label>
          Keep{' '}
          <select
            name="retention"
            value={settings?.retentionDays ?? ''}
            onChange={(e) =>
              void saveSettings({ retentionDays: e.target.value ? Number(e.target.value) : null })
            }
          >
            <option value="">everything</option>
            {[30, 90, 180, 365].map((d) => (
              <option key={d} value={d}>
                the last {d} days
              </option>
            ))}
          </select>
        </label>
        <label title="Soft bounces (full mailbox, temporary failures, delays) put an address on the suppression list only after repeating">
          Suppress soft bounces after{' '}
          <input
            type="number"
            name="suppressRepeats"
            min={1}
            max={100}
            className="bt-num"
            value={settings?.suppressRepeats ?? 3}
            onChange={(e) => {
              const n = Number(e.target.value);
              if (Number.isFinite(n) && n >= 1) void saveSettings({ suppressRepeats: n });
            }}
          />{' '}
          bounces over at least{' '}
          <input
            type="number"
            name="suppressDays"
            min={0}
            max={365}
            className="bt-num"
            aria-label="days"
            value={settings?.suppressDays ?? 7}
            onChange={(e) => {
              const n = Number(e.target.value);
              if (Number.isFinite(n) && n >= 0) void saveSettings({ suppressDays: n });
            }}
          />{' '}
          days
        </label>
        {!confirming ? (
          <button
            type="button"
            className="bt-act--danger"
            disabled={total === 0}
            onClick={() => setConfirming(true)}
          >
            Clear all…
          </button>
        ) : (
          <span role="alertdialog" aria-label="Confirm clearing the history" className="bt-confirm">
            Delete all {nf.format(total)} records? You can undo for 10 seconds.{' '}
            <button
              type="button"
              className="bt-act--danger"
              autoFocus
              onClick={() => {
                setConfirming(false);
                void clearAll();
              }}
            >
              Delete all
            </button>{' '}
            <button type="button" onClick={() => setConfirming(false)}>
              Cancel
            </button>
          </span>
        )}
        {open && <CorrectionsPanel />}
      </div>
    </details>
  );
}
