/**
 * Breakdowns by receiving provider, category, reason, status code, sending and recipient domain,
 * from the history's counters (a few rows each, never the records). Each is a list of bars, one
 * button per value (clicking or pressing Enter filters by it), and a table for screen readers.
 */
import { useEffect, useMemo, useState } from 'react';
import { ask } from '@/components/history/api';
import type { CounterRow, StatDim } from '@/lib/history/stats';
import { categoryInfo, describeStatus, providerInfo, reasonInfo } from '@/lib/engine/knowledge/index';
import { splitRow } from './figures';
import { isEmpty, useFilter, type DashboardFilter } from './filter';
import { useFiltered, type RecordTally } from './filtered';
import { OverTime } from './OverTime';

const nf = new Intl.NumberFormat('en');

export interface Bar {
  value: string;
  label: string;
  /** A longer explanation (a status code's meaning), or null. */
  note: string | null;
  n: number;
  hard: number;
  soft: number;
  delays: number;
}

interface Spec {
  id: string;
  title: string;
  dim: StatDim;
  /** The filter key a click sets. */
  key: keyof DashboardFilter;
  label(value: string): string;
  note?(value: string): string | null;
}

const SPECS: Spec[] = [
  {
    id: 'provider',
    title: 'Receiving provider',
    dim: 'provider',
    key: 'providers',
    label: (v) => providerInfo(v)?.name ?? v,
  },
  { id: 'reason', title: 'Reason', dim: 'reason', key: 'reasons', label: (v) => reasonInfo(v).title },
  {
    id: 'status',
    title: 'Status code',
    dim: 'status',
    key: 'statuses',
    label: (v) => v,
    note: (v) => describeStatus(v)?.text ?? null,
  },
  { id: 'sdom', title: 'Sending domain', dim: 'sdom', key: 'sender', label: (v) => v },
  { id: 'rdom', title: 'Recipient domain', dim: 'rdom', key: 'recipientDomains', label: (v) => v },
];

const LIMIT = 12;

export function barsOf(rows: readonly CounterRow[], spec: Pick<Spec, 'label' | 'note'>): Bar[] {
  return rows.map((r) => {
    const s = splitRow(r);
    return {
      value: r.value,
      label: spec.label(r.value),
      note: spec.note?.(r.value) ?? null,
      n: r.n,
      hard: s.hard,
      soft: s.soft + s.complaints,
      delays: s.delays,
    };
  });
}

/** Bars per category, from the counter row of everything. */
export function categoryBars(all: CounterRow | undefined): Bar[] {
  const by = new Map<string, Bar>();
  for (const [sc, n] of Object.entries(all?.c ?? {})) {
    const [severity, category] = sc.split(':') as [string, string];
    const bar = by.get(category) ?? {
      value: category,
      label: categoryInfo(category).title,
      note: null,
      n: 0,
      hard: 0,
      soft: 0,
      delays: 0,
    };
    bar.n += n;
    if (severity === 'hard') bar.hard += n;
    else if (severity === 'delayed') bar.delays += n;
    else bar.soft += n;
    by.set(category, bar);
  }
  return [...by.values()].sort((a, b) => b.n - a.n);
}

function BarList({
  title,
  id,
  bars,
  filterKey,
}: {
  title: string;
  id: string;
  bars: Bar[];
  filterKey: keyof DashboardFilter;
}) {
  const filter = useFilter((s) => s.filter);
  const toggle = useFilter((s) => s.toggle);
  const max = Math.max(1, ...bars.map((b) => b.n));
  const selected = filter[filterKey];
  const isOn = (v: string) => (Array.isArray(selected) ? selected.includes(v as never) : selected === v);
  return (
    <section className="bt-dash-card" aria-labelledby={`bt-bd-${id}`} data-testid={`breakdown-${id}`}>
      <h3 id={`bt-bd-${id}`}>{title}</h3>
      {bars.length === 0 ? (
        <p className="bt-dash-note">Nothing yet.</p>
      ) : (
        <>
          <ul className="bt-dash-bars">
            {bars.map((b) => (
              <li key={b.value}>
                <button
                  type="button"
                  aria-pressed={isOn(b.value)}
                  aria-label={`${b.label}: ${b.n} records (${b.hard} hard, ${b.soft} soft, ${b.delays} delayed)${b.note ? `. ${b.note}` : ''}. Filter by it.`}
                  className={isOn(b.value) ? 'bt-dash-bar bt-dash-bar-on' : 'bt-dash-bar'}
                  title={b.note ?? b.label}
                  onClick={() => toggle(filterKey, b.value)}
                >
                  <span className="bt-dash-bar-label">{b.label}</span>
                  <span className="bt-dash-bar-track">
                    <span className="bt-dash-bar-hard" style={{ width: `${(b.hard / max) * 100}%` }} />
                    <span className="bt-dash-bar-soft" style={{ width: `${(b.soft / max) * 100}%` }} />
                    <span className="bt-dash-bar-delay" style={{ width: `${(b.delays / max) * 100}%` }} />
                  </span>
                  <span className="bt-dash-bar-n">{nf.format(b.n)}</span>
                </button>
              </li>
            ))}
          </ul>
          {/* The same figures as a table, for screen readers. */}
          <table className="bt-sr-only">
            <caption>{title}: records per value</caption>
            <thead>
              <tr>
                <th scope="col">{title}</th>
                <th scope="col">Records</th>
                <th scope="col">Hard</th>
                <th scope="col">Soft</th>
                <th scope="col">Delays</th>
              </tr>
            </thead>
            <tbody>
              {bars.map((b) => (
                <tr key={b.value}>
                  <th scope="row">
                    {b.label}
                    {b.note ? ` (${b.note})` : ''}
                  </th>
                  <td>{b.n}</td>
                  <td>{b.hard}</td>
                  <td>{b.soft}</td>
                  <td>{b.delays}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}

async function loadAll(): Promise<Record<string, Bar[]>> {
  const out: Record<string, Bar[]> = {};
  const all = await ask({ type: 'history-breakdown', dim: 'all', limit: 1 });
  out.category = all.ok ? categoryBars(all.data[0]) : [];
  await Promise.all(
    SPECS.map(async (spec) => {
      const rows = await ask({ type: 'history-breakdown', dim: spec.dim, limit: LIMIT });
      out[spec.id] = rows.ok ? barsOf(rows.data, spec) : [];
    }),
  );
  return out;
}

/** The same bars from the records a filter matched. */
function filteredBars(tally: RecordTally): Record<string, Bar[]> {
  const out: Record<string, Bar[]> = { category: categoryBars(tally.rows('all')[0]) };
  for (const spec of SPECS) out[spec.id] = barsOf(tally.rows(spec.dim, LIMIT), spec);
  return out;
}

export function Breakdowns() {
  const [whole, setBars] = useState<Record<string, Bar[]> | null>(null);
  const filter = useFilter((s) => s.filter);
  const view = useFiltered((s) => s.view);
  const filtered = !isEmpty(filter);
  const current = view?.for === JSON.stringify(filter) ? view : null;
  const bars = useMemo(
    () => (!filtered ? whole : current ? filteredBars(current.tally) : null),
    [filtered, whole, current],
  );
  useEffect(() => {
    let live = true;
    const refresh = () => void loadAll().then((b) => live && setBars(b));
    refresh();
    window.addEventListener('bt-import-stored', refresh);
    return () => {
      live = false;
      window.removeEventListener('bt-import-stored', refresh);
    };
  }, []);
  if (!whole) return null;
  return (
    <section
      aria-labelledby="bt-breakdowns-title"
      aria-busy={bars === null}
      data-testid="breakdowns"
      data-filter={filtered ? (current?.for ?? '') : JSON.stringify(filter)}
    >
      <h2 id="bt-breakdowns-title">Breakdowns</h2>
      <p className="bt-dash-note" data-testid="breakdowns-scope">
        {!filtered
          ? 'Over the whole history (from its counters)'
          : !current
            ? 'Counting the records the filters match…'
            : current.partial
              ? `Over the newest ${nf.format(current.tally.records)} records the filters match (more match)`
              : `Over the ${nf.format(current.tally.records)} records the filters match`}
        ; hard, soft and delayed in each bar. Choose a value to filter by it, again to clear it.
      </p>
      <OverTime />
      <div className="bt-dash-grid">
        <BarList title="Category" id="category" bars={bars?.category ?? []} filterKey="categories" />
        {SPECS.map((s) => (
          <BarList key={s.id} title={s.title} id={s.id} bars={bars?.[s.id] ?? []} filterKey={s.key} />
        ))}
      </div>
    </section>
  );
}
