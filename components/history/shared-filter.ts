/**
 * The popup's and the dashboard's side of the filter they share: the background keeps it (see
 * lib/history/view-filter.ts) and tells every open extension page when it changes.
 */
import { browser } from 'wxt/browser';
import type { HistoryFilter } from '@/lib/history/query';
import { isViewFilterChanged, type ImportRequest } from '@/lib/import/protocol';

async function send(req: ImportRequest): Promise<HistoryFilter | null> {
  try {
    const answer = (await browser.runtime.sendMessage(req)) as
      { ok: boolean; data?: HistoryFilter } | undefined;
    return answer?.ok && answer.data ? answer.data : null;
  } catch {
    return null;
  }
}

/** The shared filter, or null when the background could not say. */
export const loadSharedFilter = (): Promise<HistoryFilter | null> => send({ type: 'view-filter-get' });

/** Stores this page's filter for the other pages (fire and forget: the page's own view does not wait). */
export function saveSharedFilter(filter: HistoryFilter): void {
  void send({ type: 'view-filter-set', filter });
}

/** Calls `apply` with the shared filter whenever another page changes it. */
export function onSharedFilter(apply: (filter: HistoryFilter) => void): () => void {
  const listener = (m: unknown) => {
    if (isViewFilterChanged(m)) apply(m.filter);
    return undefined;
  };
  browser.runtime.onMessage.addListener(listener);
  return () => browser.runtime.onMessage.removeListener(listener);
}

/** Two filters say the same (whatever the order of their fields; empty lists and nulls are absent). */
export function sameFilter(a: HistoryFilter, b: HistoryFilter): boolean {
  const canonical = (f: HistoryFilter) =>
    JSON.stringify(
      Object.entries(f)
        .filter(([, v]) => v !== null && v !== undefined && v !== '' && !(Array.isArray(v) && v.length === 0))
        .sort(([x], [y]) => x.localeCompare(y)),
    );
  return canonical(a) === canonical(b);
}
