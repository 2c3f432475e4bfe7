/** The dashboard's filters: bounce dates, sending address or domain, provider, kind, email type, sending IP. */
import { useEffect, useState } from 'react';
import { ask } from '@/components/history/api';
import type { StatDim } from '@/lib/history/stats';
import type { Severity } from '@/lib/history/record';
import { providerInfo } from '@/lib/engine/knowledge/index';
import { isEmpty, useFilter, type DashboardFilter } from './filter';

/** The values one counter dimension has, most frequent first. */
function useValues(dim: StatDim): string[] {
  const [values, setValues] = useState<string[]>([]);
  useEffect(() => {
    const refresh = () =>
      void ask({ type: 'history-breakdown', dim, limit: 200 }).then((a) => {
        if (a.ok) setValues(a.data.map((r) => r.value));
      });
    refresh();
    window.addEventListener('bt-import-stored', refresh);
    return () => window.removeEventListener('bt-import-stored', refresh);
  }, [dim]);
  return values;
}

function Choice(props: {
  label: string;
  name: string;
  value: string;
  options: [string, string][];
  onChange(v: string): void;
}) {
  return (
    <label>
      {props.label}{' '}
      <select name={props.name} value={props.value} onChange={(e) => props.onChange(e.currentTarget.value)}>
        <option value="">any</option>
        {props.options.map(([v, l]) => (
          <option key={v} value={v}>
            {l}
          </option>
        ))}
      </select>
    </label>
  );
}

/** The parts of the shared filter only the popup has fields for, in words ('' when none). */
function popupOnly(f: DashboardFilter): string {
  const day = (t: number) => new Date(t).toISOString().slice(0, 10);
  const parts: string[] = [];
  if (f.search.trim()) parts.push(`search “${f.search.trim()}”`);
  if (f.seenFrom !== null) parts.push(`seen from ${day(f.seenFrom)}`);
  if (f.seenTo !== null) parts.push(`seen until ${day(f.seenTo)}`);
  if (f.categories.length > 1) parts.push(`${f.categories.length} categories`);
  return parts.join(', ');
}

export function FilterBar() {
  const f = useFilter((s) => s.filter);
  const set = useFilter((s) => s.set);
  const providers = useValues('provider');
  const ips = useValues('sip');
  const senders = useValues('sdom');
  const one = (v: string) => (v ? [v] : []);
  return (
    <form className="bt-dash-filters" aria-label="Filters" onSubmit={(e) => e.preventDefault()}>
      <label>
        Bounced from{' '}
        <input
          type="date"
          name="fromDay"
          value={f.fromDay}
          onChange={(e) => set({ fromDay: e.currentTarget.value })}
        />
      </label>
      <label>
        to{' '}
        <input
          type="date"
          name="toDay"
          value={f.toDay}
          onChange={(e) => set({ toDay: e.currentTarget.value })}
        />
      </label>
      <Choice
        label="Sending domain"
        name="sender"
        value={f.sender}
        options={senders.map((d) => [d, d])}
        onChange={(v) => set({ sender: v })}
      />
      <Choice
        label="Provider"
        name="provider"
        value={f.providers[0] ?? ''}
        options={providers.map((p) => [p, providerInfo(p)?.name ?? p])}
        onChange={(v) => set({ providers: one(v) })}
      />
      <Choice
        label="Kind"
        name="severity"
        value={f.severities[0] ?? ''}
        options={[
          ['hard', 'hard'],
          ['soft', 'soft'],
          ['delayed', 'delay'],
        ]}
        onChange={(v) => set({ severities: one(v) as Severity[] })}
      />
      <Choice
        label="Email type"
        name="emailType"
        value={f.emailTypes[0] ?? ''}
        options={[
          ['one-to-one', 'one-to-one'],
          ['bulk', 'bulk'],
        ]}
        onChange={(v) => set({ emailTypes: one(v) })}
      />
      <Choice
        label="Sending IP"
        name="sendingIp"
        value={f.sendingIps[0] ?? ''}
        options={ips.map((ip) => [ip, ip])}
        onChange={(v) => set({ sendingIps: one(v) })}
      />
      <button type="button" disabled={isEmpty(f)} onClick={() => useFilter.getState().clear()}>
        Clear filters
      </button>
      {popupOnly(f) && (
        <p className="bt-dash-note" data-testid="popup-filter">
          Also filtered in the popup: {popupOnly(f)}
        </p>
      )}
    </form>
  );
}
