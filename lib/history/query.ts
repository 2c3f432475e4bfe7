/**
 * Search and filters over the in-memory copy of the history (pure).
 * The background keeps every record in memory so that a keystroke in the popup is answered
 * without touching IndexedDB: a linear scan over 100,000 short records takes a few ms.
 */
import type { CategoryId } from '../engine/types';
import type { HistoryRecord, Severity } from './record';

export interface HistoryFilter {
  /** Free text: every word must occur in the address, domain, codes, diagnostic or sender. */
  search?: string;
  categories?: CategoryId[];
  severities?: Severity[];
  providers?: string[];
  recipientDomains?: string[];
  /** Sending address or domain (exact, case-insensitive). */
  sender?: string;
  /** Last seen, inclusive, epoch ms. */
  from?: number | null;
  to?: number | null;
}

export interface HistoryCounts {
  total: number;
  hard: number;
  soft: number;
  delayed: number;
  byCategory: Partial<Record<CategoryId, number>>;
}

/** Lower-cased text a search runs over; computed once per record. */
export function haystackOf(r: HistoryRecord): string {
  return [r.recipient, r.status ?? '', r.replyCode ?? '', r.diagnostic ?? '', r.sender ?? '', r.provider ?? '']
    .join('\u0001')
    .toLowerCase();
}

export function searchTerms(search: string | undefined): string[] {
  if (!search) return [];
  return search
    .toLowerCase()
    .split(/\s+/)
    .filter((t) => t.length > 0)
    .slice(0, 12);
}

/** Build a predicate for one filter; `text` is the record's haystack. */
export function compileFilter(filter: HistoryFilter): (r: HistoryRecord, text: string) => boolean {
  const terms = searchTerms(filter.search);
  const cats = filter.categories?.length ? new Set<string>(filter.categories) : null;
  const sev = filter.severities?.length ? new Set<string>(filter.severities) : null;
  const prov = filter.providers?.length ? new Set<string>(filter.providers) : null;
  const rdom = filter.recipientDomains?.length ? new Set(filter.recipientDomains.map((d) => d.toLowerCase())) : null;
  const sender = filter.sender?.trim().toLowerCase() || null;
  const from = typeof filter.from === 'number' ? filter.from : null;
  const to = typeof filter.to === 'number' ? filter.to : null;
  return (r, text) => {
    if (cats && !cats.has(r.category)) return false;
    if (sev && !sev.has(r.severity)) return false;
    if (prov && !prov.has(r.provider ?? '')) return false;
    if (rdom && !rdom.has(r.recipientDomain)) return false;
    if (sender && r.sender !== sender && r.senderDomain !== sender) return false;
    if (from !== null && r.lastSeen < from) return false;
    if (to !== null && r.lastSeen > to) return false;
    for (const t of terms) if (!text.includes(t)) return false;
    return true;
  };
}

export function emptyCounts(): HistoryCounts {
  return { total: 0, hard: 0, soft: 0, delayed: 0, byCategory: {} };
}

export function addToCounts(c: HistoryCounts, r: HistoryRecord): void {
  c.total++;
  c[r.severity]++;
  c.byCategory[r.category] = (c.byCategory[r.category] ?? 0) + 1;
}

export function isEmptyFilter(f: HistoryFilter): boolean {
  return (
    searchTerms(f.search).length === 0 &&
    !f.categories?.length &&
    !f.severities?.length &&
    !f.providers?.length &&
    !f.recipientDomains?.length &&
    !f.sender?.trim() &&
    typeof f.from !== 'number' &&
    typeof f.to !== 'number'
  );
}
