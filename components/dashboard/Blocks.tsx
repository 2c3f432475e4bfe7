/**
 * ESP/ISP blocks: the receiving providers that refused the sender (blocked, reputation,
 * authentication/DMARC, rate limits, policy), with counts from the counters, the first and latest
 * refusal, the latest diagnostic (as text) and the provider's troubleshooting and delisting links.
 */
import { useEffect, useState } from 'react';
import { ask } from '@/components/history/api';
import type { CounterRow } from '@/lib/history/stats';
import type { HistoryRow } from '@/lib/history/store';
import type { CategoryId } from '@/lib/engine/types';
import { linksFor, providerInfo, type Link } from '@/lib/engine/knowledge/index';

/** The categories of a refusal aimed at the sender rather than at the address. */
export const BLOCK_CATEGORIES: readonly CategoryId[] = [
  'blocked',
  'sender-reputation',
  'dmarc',
  'rate-limit',
  'rejection',
];

export interface Block {
  provider: string;
  name: string;
  count: number;
  latest: HistoryRow | null;
  first: HistoryRow | null;
  links: Link[];
}

/** Refusals per provider, from the provider counters ("severity:category" → n). */
export function blockCounts(rows: readonly CounterRow[]): [string, number][] {
  const out: [string, number][] = [];
  for (const row of rows) {
    let n = 0;
    for (const [sc, v] of Object.entries(row.c))
      if (BLOCK_CATEGORIES.includes(sc.split(':')[1] as CategoryId)) n += v;
    if (n > 0) out.push([row.value, n]);
  }
  return out.sort((a, b) => b[1] - a[1]);
}

const MAX_PROVIDERS = 12;

async function load(): Promise<Block[]> {
  const rows = await ask({ type: 'history-breakdown', dim: 'provider', limit: 500 });
  if (!rows.ok) throw new Error(rows.error.message);
  const counts = blockCounts(rows.data).slice(0, MAX_PROVIDERS);
  return Promise.all(
    counts.map(async ([provider, count]) => {
      const filter = { providers: [provider], categories: [...BLOCK_CATEGORIES] };
      const newest = await ask({ type: 'history-query', filter, offset: 0, limit: 1 });
      const latest = newest.ok ? (newest.data.rows[0] ?? null) : null;
      let first: HistoryRow | null = null;
      // The oldest needs the last page: asked for only when the number of matches is exact.
      if (newest.ok && !newest.data.more && newest.data.matched > 1) {
        const oldest = await ask({
          type: 'history-query',
          filter,
          offset: newest.data.matched - 1,
          limit: 1,
        });
        first = oldest.ok ? (oldest.data.rows[0] ?? null) : null;
      } else first = latest;
      return {
        provider,
        name: providerInfo(provider)?.name ?? provider,
        count,
        latest,
        first,
        links: latest ? linksFor(latest.category, provider) : [],
      };
    }),
  );
}

const day = (ms: number | null | undefined) =>
  ms == null ? 'unknown' : new Date(ms).toISOString().slice(0, 10);

/** A record's dates: the bounce's own date, then when it was seen. */
function When({ r }: { r: HistoryRow | null }) {
  if (!r) return <>unknown</>;
  return (
    <>
      {day(r.bounceDate)} <span className="bt-dash-note">(seen {day(r.lastSeen)})</span>
    </>
  );
}

export function Blocks() {
  const [blocks, setBlocks] = useState<Block[] | string | null>(null);
  useEffect(() => {
    let live = true;
    const refresh = () =>
      void load()
        .then((b) => live && setBlocks(b))
        .catch((err: unknown) => live && setBlocks(err instanceof Error ? err.message : String(err)));
    refresh();
    window.addEventListener('bt-import-stored', refresh);
    return () => {
      live = false;
      window.removeEventListener('bt-import-stored', refresh);
    };
  }, []);
  if (blocks === null) return null;
  return (
    <section aria-labelledby="bt-blocks-title" data-testid="blocks">
      <h2 id="bt-blocks-title">ESP/ISP blocks</h2>
      {typeof blocks === 'string' ? (
        <p role="alert">The blocks could not be read: {blocks}</p>
      ) : blocks.length === 0 ? (
        <p className="bt-dash-note">
          No provider has refused your sending (blocks, reputation, authentication, rate limits, policy).
        </p>
      ) : (
        <table className="bt-dash-table">
          <thead>
            <tr>
              <th scope="col">Receiving provider</th>
              <th scope="col">Refusals</th>
              <th scope="col">First</th>
              <th scope="col">Latest</th>
              <th scope="col">Latest diagnostic</th>
              <th scope="col">Troubleshooting and delisting</th>
            </tr>
          </thead>
          <tbody>
            {blocks.map((b) => (
              <tr key={b.provider}>
                <th scope="row">{b.name}</th>
                <td>{b.count}</td>
                <td>
                  <When r={b.first} />
                </td>
                <td>
                  <When r={b.latest} />
                </td>
                <td className="bt-dash-diag">{b.latest?.diagnostic ?? '—'}</td>
                <td>
                  {b.links.length === 0
                    ? '—'
                    : b.links.slice(0, 4).map((l) => (
                        <a key={l.url} href={l.url} target="_blank" rel="noreferrer noopener">
                          {l.label}
                        </a>
                      ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
