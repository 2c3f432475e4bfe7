/**
 * The summary: bounces, hard, soft, delays, complaints, unique addresses; bounce and delivery
 * rates where imported sent mail says how many recipients were written to, "unknown" otherwise.
 * Read from the history's counters (a few rows), never from the records themselves.
 */
import { useEffect, useState } from 'react';
import { ask } from '@/components/history/api';
import type { HistoryFilter } from '@/lib/history/query';
import type { CounterRow, StatDim } from '@/lib/history/stats';
import { askImport } from './importer';
import { splitCounts, splitRow, summarize, type Split, type SummaryFigures } from './figures';
import { isEmpty, rateApplies, toHistoryFilter, useFilter, type DashboardFilter } from './filter';
import { SUMMARY_SHOWN, useFiltered } from './filtered';

const nf = new Intl.NumberFormat('en');
const pct = (x: number) => `${(x * 100).toFixed(x < 0.1 ? 2 : 1)}%`;

/** Days from one UTC day to another, inclusive (at most ten years of them). */
function daysBetween(from: number, to: number): string[] {
  const out: string[] = [];
  const start = Math.floor(from / 86_400_000) * 86_400_000;
  for (let t = start; t <= to && out.length < 3700; t += 86_400_000)
    out.push(new Date(t).toISOString().slice(0, 10));
  return out;
}

/**
 * Counts from the counters when the filter names one dimension (with, or instead of, kinds and
 * categories): exact and a few rows to read. Null when it needs the records.
 */
async function fromCounters(filter: HistoryFilter): Promise<Split | null> {
  const { severities, categories, ...rest } = filter;
  const keep = (row: CounterRow | undefined): CounterRow | undefined => {
    if (!row) return row;
    const c: Record<string, number> = {};
    for (const [sc, n] of Object.entries(row.c)) {
      const [sev, cat] = sc.split(':');
      if (severities?.length && !severities.includes(sev as never)) continue;
      if (categories?.length && !categories.includes(cat as never)) continue;
      c[sc] = n;
    }
    return { ...row, c };
  };
  const keys = Object.keys(rest) as (keyof HistoryFilter)[];
  let dim: StatDim | null = null;
  let values: string[] = [];
  if (keys.length === 0) {
    dim = 'all';
    values = [''];
  } else if (keys.length === 1 || (keys.length === 2 && 'bounceFrom' in rest && 'bounceTo' in rest)) {
    const k = keys[0]!;
    const list: Partial<Record<keyof HistoryFilter, StatDim>> = {
      providers: 'provider',
      recipientDomains: 'rdom',
      reasons: 'reason',
      statuses: 'status',
      sendingIps: 'sip',
      emailTypes: 'etype',
    };
    if (list[k]) {
      dim = list[k]!;
      values = (rest as Record<string, string[]>)[k] ?? [];
    } else if (k === 'sender' && rest.sender) {
      dim = rest.sender.includes('@') ? 'sender' : 'sdom';
      values = [rest.sender];
    } else if (k === 'bounceFrom' || k === 'bounceTo') {
      dim = 'bday';
      values = daysBetween(
        rest.bounceFrom ?? Date.parse('2000-01-01'),
        rest.bounceTo ?? Date.now() + 86_400_000,
      );
    }
  }
  if (!dim) return null;
  const rows = await ask({ type: 'history-counters', dim, values });
  if (!rows.ok) throw new Error(rows.error.message);
  const total: Split = { hard: 0, soft: 0, delays: 0, complaints: 0 };
  for (const row of rows.data) {
    const s = splitRow(keep(row));
    total.hard += s.hard;
    total.soft += s.soft;
    total.delays += s.delays;
    total.complaints += s.complaints;
  }
  return total;
}

/**
 * Counts a single counter cannot give come from the store's query, which counts the matches it
 * has found so far: each request asks for one row further on ({@link FIRST_STEP} matches, then
 * {@link STEP} more each time), so the store walks on without sending the rows in between. The
 * first answer comes soon and is shown as a preview. At most {@link MAX_STEPS} requests (the
 * figures then say "at least").
 */
const FIRST_STEP = 200;
const STEP = 1000;
const MAX_STEPS = 21;

/**
 * Counts of a filter: from the counters where they can answer, else from the store's query.
 * `progress` hears the counts found so far after each request that was not the last.
 */
async function countsOf(
  filter: HistoryFilter,
  progress: (s: Split) => void = () => undefined,
): Promise<{ split: Split; partial: boolean }> {
  const exact = await fromCounters(filter);
  if (exact) return { split: exact, partial: false };
  for (let step = 1; ; step++) {
    const offset = FIRST_STEP + (step - 1) * STEP - 1;
    const q = await ask({ type: 'history-query', filter, offset, limit: 1, plain: true });
    if (!q.ok) throw new Error(q.error.message);
    const done = !q.data.more && q.data.partial !== true;
    if (done || step >= MAX_STEPS) return { split: splitCounts(q.data.counts), partial: !done };
    progress(splitCounts(q.data.counts));
  }
}

const dayMs = (day: string, end: boolean) => Date.parse(`${day}T${end ? '23:59:59.999' : '00:00:00'}Z`);

/**
 * The summary of a filter. A filter the counters cannot answer is counted by the store as it walks
 * the matching records: `preview` gets the first counts at once, marked as a preview, and the
 * final figures follow.
 */
async function load(
  f: DashboardFilter,
  preview: (s: SummaryFigures) => void = () => undefined,
): Promise<SummaryFigures> {
  const hf = toHistoryFilter(f);
  let previewed = false;
  const main = await countsOf(hf, (split) => {
    if (previewed) return;
    previewed = true;
    preview({ ...summarize(split, true, 0, null, null), preview: true });
  });
  let sent = null;
  let bounced = 0;
  let ratePartial = false;
  if (rateApplies(f)) {
    sent = await askImport({
      type: 'sent-totals',
      query: { fromDay: f.fromDay || null, toDay: f.toDay || null, sender: f.sender || null },
    });
    if (sent.firstDay && sent.lastDay && sent.recipients > 0) {
      // Bounces of the days sent mail is known for, within the filter's dates.
      const from = Math.max(dayMs(sent.firstDay, false), hf.bounceFrom ?? -Infinity);
      const to = Math.min(dayMs(sent.lastDay, true), hf.bounceTo ?? Infinity);
      const inDays = await countsOf({ ...hf, bounceFrom: from, bounceTo: to });
      bounced = inDays.split.hard + inDays.split.soft;
      ratePartial = inDays.partial;
    }
  }
  return summarize(main.split, main.partial, bounced, sent, null, ratePartial);
}

/** A rate's tile: pending in a preview, unknown without sent mail, a bound when counted in part. */
function rateText(f: SummaryFigures, rate: number | null, bound: string): string {
  if (f.preview) return '…';
  if (rate === null) return 'unknown';
  return `${f.ratePartial ? bound : ''}${pct(rate)}`;
}

export function Summary() {
  const filter = useFilter((s) => s.filter);
  const [figures, setFigures] = useState<SummaryFigures | string | null>(null);
  // The history filter the figures shown belong to, as JSON ("{}" for none): benchmarks and tests
  // wait for it to match.
  const [shownFor, setShownFor] = useState('');
  const [unique, setUnique] = useState<number | null>(null);
  const filtered = useFiltered();
  useEffect(() => {
    let live = true;
    const refresh = () =>
      void load(filter, (first) => {
        if (!live) return;
        setFigures(first);
        setShownFor(JSON.stringify(toHistoryFilter(filter)));
      })
        .then((f) => {
          if (!live) return;
          setFigures(f);
          setShownFor(JSON.stringify(toHistoryFilter(filter)));
        })
        .catch((err: unknown) => live && setFigures(err instanceof Error ? err.message : String(err)))
        // Then the breakdowns of the filter may read its records (see filtered.ts).
        .finally(() => live && window.dispatchEvent(new CustomEvent(SUMMARY_SHOWN)));
    refresh();
    window.addEventListener('bt-import-stored', refresh);
    return () => {
      live = false;
      window.removeEventListener('bt-import-stored', refresh);
    };
  }, [filter]);
  useEffect(() => {
    // Read from the recipient index key by key: it can take a moment on a large history.
    const refresh = () =>
      void askImport({ type: 'dashboard-unique-recipients' })
        .then(setUnique)
        .catch(() => setUnique(null));
    refresh();
    window.addEventListener('bt-import-stored', refresh);
    return () => window.removeEventListener('bt-import-stored', refresh);
  }, []);

  // Distinct failed addresses: over the whole history from the recipient index, under a filter
  // among the records it matches.
  const view = filtered.view?.for === JSON.stringify(filter) ? filtered.view : null;
  const uniqueText = isEmpty(filter)
    ? unique === null
      ? '…'
      : nf.format(unique)
    : view === null
      ? '…'
      : `${view.partial ? 'at least ' : ''}${nf.format(view.tally.uniqueAddresses)}`;
  if (figures === null) return <section className="bt-dash-summary" aria-busy="true" />;
  if (typeof figures === 'string')
    return (
      <section className="bt-dash-summary">
        <p role="alert">The history could not be read: {figures}</p>
      </section>
    );
  const f = figures;
  const at = f.partial ? 'at least ' : '';
  const tiles: [string, string, string][] = [
    ['bounces', 'Bounces', at + nf.format(f.bounces)],
    ['hard', 'Permanent (hard)', at + nf.format(f.hard)],
    ['soft', 'Soft', at + nf.format(f.soft)],
    ['delays', 'Delays', at + nf.format(f.delays)],
    ['complaints', 'Complaints', at + nf.format(f.complaints)],
    ['unique', 'Unique addresses', uniqueText],
    ['bounce-rate', 'Bounce rate', rateText(f, f.bounceRate, 'at least ')],
    ['delivery-rate', 'Delivery rate', rateText(f, f.deliveryRate, 'at most ')],
  ];
  return (
    <section
      className="bt-dash-summary"
      aria-labelledby="bt-summary-title"
      data-testid="summary"
      data-filter={shownFor}
      data-final={f.preview ? 'false' : 'true'}
      aria-busy={f.preview === true}
    >
      <h2 id="bt-summary-title">Summary</h2>
      <dl className="bt-dash-tiles">
        {tiles.map(([id, label, value]) => (
          <div key={id} className="bt-dash-tile" data-testid={`summary-${id}`}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      <p className="bt-dash-note">
        {!rateApplies(filter)
          ? 'Bounce and delivery rates are known per sending address or domain and day only: clear the other filters to see them.'
          : f.sentRecipients > 0
            ? `Rates: ${nf.format(f.bouncedInSentDays)} bounced recipients of ${nf.format(f.sentRecipients)} written to from ${f.sentFirstDay} to ${f.sentLastDay} (sent mail from imported mailboxes; bounces by their own date).`
            : 'Bounce and delivery rates need to know how many recipients were written to: import a mailbox with your sent mail (a Google Takeout has it).'}
      </p>
    </section>
  );
}
