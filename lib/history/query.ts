/**
 * What a history query can ask for, and the pure in-memory check of one record against it.
 * The store answers queries from IndexedDB indexes (see store.ts); this check runs on the
 * records an index range returned, for the parts of a filter that range did not cover.
 */
import { CATEGORY_IDS, type CategoryId } from '../engine/types';
import { matchesTerms, searchTerms, type HistoryRecord, type Severity } from './record';

export { searchTerms };

export interface HistoryFilter {
  /** Free text: every word must start one of the record's search words (see searchWords). */
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
  /** The bounce report's own Date, inclusive, epoch ms. */
  bounceFrom?: number | null;
  bounceTo?: number | null;
  reasons?: string[];
  statuses?: string[];
  sendingIps?: string[];
  emailTypes?: string[];
}

export interface HistoryCounts {
  total: number;
  hard: number;
  soft: number;
  delayed: number;
  byCategory: Partial<Record<CategoryId, number>>;
}

export function emptyCounts(): HistoryCounts {
  return { total: 0, hard: 0, soft: 0, delayed: 0, byCategory: {} };
}

export function addToCounts(c: HistoryCounts, severity: Severity, category: CategoryId, n = 1): void {
  c.total += n;
  c[severity] += n;
  c.byCategory[category] = (c.byCategory[category] ?? 0) + n;
}

const num = (x: unknown): number | null => (typeof x === 'number' && Number.isFinite(x) ? x : null);
const list = (x: readonly string[] | undefined): readonly string[] | null => (x?.length ? x : null);

export function isEmptyFilter(f: HistoryFilter): boolean {
  return (
    searchTerms(f.search).length === 0 &&
    !list(f.categories) &&
    !list(f.severities) &&
    !list(f.providers) &&
    !list(f.recipientDomains) &&
    !f.sender?.trim() &&
    num(f.from) === null &&
    num(f.to) === null &&
    num(f.bounceFrom) === null &&
    num(f.bounceTo) === null &&
    !list(f.reasons) &&
    !list(f.statuses) &&
    !list(f.sendingIps) &&
    !list(f.emailTypes)
  );
}

/** A filter compiled once into a record predicate. */
export function compileFilter(f: HistoryFilter): (r: HistoryRecord) => boolean {
  const terms = searchTerms(f.search);
  const set = (x: readonly string[] | undefined, lower = false) =>
    list(x) ? new Set(x!.map((v) => (lower ? v.toLowerCase() : v))) : null;
  const cats = set(f.categories);
  const sevs = set(f.severities);
  const provs = set(f.providers);
  const rdoms = set(f.recipientDomains, true);
  const reasons = set(f.reasons);
  const statuses = set(f.statuses);
  const ips = set(f.sendingIps);
  const types = set(f.emailTypes);
  const sender = f.sender?.trim().toLowerCase() || null;
  const from = num(f.from);
  const to = num(f.to);
  const bFrom = num(f.bounceFrom);
  const bTo = num(f.bounceTo);
  return (r) =>
    (!cats || cats.has(r.category)) &&
    (!sevs || sevs.has(r.severity)) &&
    (!provs || provs.has(r.provider ?? '')) &&
    (!rdoms || rdoms.has(r.recipientDomain)) &&
    (!reasons || reasons.has(r.reason)) &&
    (!statuses || statuses.has(r.status ?? '')) &&
    (!ips || ips.has(r.sendingIp ?? '')) &&
    (!types || types.has(r.emailType ?? '')) &&
    (sender === null || r.sender === sender || r.senderDomain === sender) &&
    (from === null || r.lastSeen >= from) &&
    (to === null || r.lastSeen <= to) &&
    (bFrom === null || (r.bounceDate !== null && r.bounceDate >= bFrom)) &&
    (bTo === null || (r.bounceDate !== null && r.bounceDate <= bTo)) &&
    (terms.length === 0 || matchesTerms(r.words ?? [], terms));
}

export const CATEGORY_LIST: readonly CategoryId[] = CATEGORY_IDS;
