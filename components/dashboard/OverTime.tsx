/**
 * Bounces over time, by the bounce report's own date: one bar per day (per week beyond half a
 * year), stacked hard, soft and delayed, drawn by uPlot on a canvas from the per-day counters.
 * Clicking a bar filters the dashboard to that day or week; the same figures are a table for
 * screen readers, and the filter bar's date fields do the same from the keyboard.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { ask } from '@/components/history/api';
import type { CounterRow } from '@/lib/history/stats';
import { splitRow } from './figures';
import { isEmpty, useFilter } from './filter';
import { useFiltered } from './filtered';

const DAY = 86_400_000;

export interface Period {
  /** First day, YYYY-MM-DD. */
  start: string;
  /** Last day, YYYY-MM-DD. */
  end: string;
  hard: number;
  soft: number;
  delays: number;
}

const iso = (t: number) => new Date(t).toISOString().slice(0, 10);

/** Per-day counter rows → periods (days, or weeks from Monday when the span passes 183 days). */
export function periodsOf(rows: readonly CounterRow[]): Period[] {
  const days = rows
    .filter((r) => /^\d{4}-\d{2}-\d{2}$/.test(r.value))
    .map((r) => ({ t: Date.parse(`${r.value}T00:00:00Z`), s: splitRow(r) }))
    .sort((a, b) => a.t - b.t);
  if (!days.length) return [];
  const weekly = days[days.length - 1]!.t - days[0]!.t > 183 * DAY;
  const out = new Map<number, Period>();
  for (const { t, s } of days) {
    // 1970-01-01 was a Thursday: Monday-based weeks start 3 days later.
    const start = weekly ? t - ((((t / DAY + 3) % 7) + 7) % 7) * DAY : t;
    const p = out.get(start) ?? {
      start: iso(start),
      end: iso(weekly ? start + 6 * DAY : start),
      hard: 0,
      soft: 0,
      delays: 0,
    };
    p.hard += s.hard;
    p.soft += s.soft + s.complaints;
    p.delays += s.delays;
    out.set(start, p);
  }
  return [...out.values()];
}

const cssVar = (name: string, fallback: string) =>
  getComputedStyle(document.documentElement).getPropertyValue(name).trim() || fallback;

export function OverTime() {
  const [whole, setPeriods] = useState<Period[] | null>(null);
  const filter = useFilter((s) => s.filter);
  const view = useFiltered((s) => s.view);
  // Under a filter, the days of the records it matches; otherwise the per-day counters.
  const periods = useMemo(
    () =>
      isEmpty(filter)
        ? whole
        : view?.for === JSON.stringify(filter)
          ? periodsOf(view.tally.rows('bday'))
          : null,
    [filter, view, whole],
  );
  const box = useRef<HTMLDivElement>(null);
  const set = useFilter((s) => s.set);
  useEffect(() => {
    let live = true;
    const refresh = () =>
      void ask({ type: 'history-breakdown', dim: 'bday', limit: 4000 }).then((a) => {
        if (live && a.ok) setPeriods(periodsOf(a.data));
      });
    refresh();
    window.addEventListener('bt-import-stored', refresh);
    return () => {
      live = false;
      window.removeEventListener('bt-import-stored', refresh);
    };
  }, []);

  useEffect(() => {
    const el = box.current;
    if (!el || !periods?.length) return;
    const xs = periods.map((p) => Date.parse(`${p.start}T00:00:00Z`) / 1000);
    // Stacked: each series is drawn as the running total, the last one on top first.
    const hard = periods.map((p) => p.hard);
    const soft = periods.map((p) => p.hard + p.soft);
    const all = periods.map((p) => p.hard + p.soft + p.delays);
    const bars = uPlot.paths.bars!({ size: [0.8, 40] });
    const axis = cssVar('--muted', '#5f6368');
    const grid = cssVar('--line', '#dadce0');
    const series = (label: string, color: string): uPlot.Series => ({
      label,
      fill: color,
      stroke: color,
      paths: bars,
      points: { show: false },
    });
    const plot = new uPlot(
      {
        width: Math.max(320, el.clientWidth),
        height: 220,
        legend: { show: true },
        cursor: { points: { show: false } },
        scales: { x: { time: true } },
        axes: [
          { stroke: axis, grid: { stroke: grid } },
          { stroke: axis, grid: { stroke: grid } },
        ],
        series: [
          {},
          series('Delayed', '#8c7ae6'),
          series('Soft', '#e0a100'),
          series('Hard', cssVar('--danger', '#c5221f')),
        ],
      },
      [xs, all, soft, hard],
      el,
    );
    const onClick = () => {
      const i = plot.cursor.idx;
      if (i == null) return;
      const p = periods[i];
      if (p) set({ fromDay: p.start, toDay: p.end });
    };
    plot.over.addEventListener('click', onClick);
    const onResize = () => plot.setSize({ width: Math.max(320, el.clientWidth), height: 220 });
    window.addEventListener('resize', onResize);
    return () => {
      window.removeEventListener('resize', onResize);
      plot.destroy();
    };
  }, [periods, set]);

  if (!periods) return null;
  const weekly = periods.some((p) => p.end !== p.start);
  return (
    <section className="bt-dash-card" aria-labelledby="bt-overtime-title" data-testid="over-time">
      <h3 id="bt-overtime-title">Over time (the bounce&apos;s own date, per {weekly ? 'week' : 'day'})</h3>
      {periods.length === 0 ? (
        <p className="bt-dash-note">Nothing yet.</p>
      ) : (
        <>
          <div ref={box} aria-hidden="true" className="bt-dash-chart" />
          <table className="bt-sr-only">
            <caption>Records per {weekly ? 'week' : 'day'} of the bounce date</caption>
            <thead>
              <tr>
                <th scope="col">{weekly ? 'Week from' : 'Day'}</th>
                <th scope="col">Hard</th>
                <th scope="col">Soft</th>
                <th scope="col">Delays</th>
              </tr>
            </thead>
            <tbody>
              {periods.map((p) => (
                <tr key={p.start}>
                  <th scope="row">{p.start}</th>
                  <td>{p.hard}</td>
                  <td>{p.soft}</td>
                  <td>{p.delays}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
