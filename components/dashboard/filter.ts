/**
 * The dashboard's filter: the history's own filter shape (lib/history/query.ts), so the store
 * answers it from its indexes. Clicking a bar sets one dimension; the filter bar sets the rest.
 */
import { create } from 'zustand';
import type { HistoryFilter } from '@/lib/history/query';
import type { Severity } from '@/lib/history/record';
import type { CategoryId } from '@/lib/engine/types';
import { sameFilter, saveSharedFilter } from '@/components/history/shared-filter';

export interface DashboardFilter {
  providers: string[];
  categories: CategoryId[];
  reasons: string[];
  statuses: string[];
  recipientDomains: string[];
  severities: Severity[];
  emailTypes: string[];
  sendingIps: string[];
  /** A sending address, or a domain. */
  sender: string;
  /** The bounce's own date, inclusive UTC days (YYYY-MM-DD), '' for open. */
  fromDay: string;
  toDay: string;
  /** Set in the popup (the filter is shared): its search words and last-seen dates (epoch ms). */
  search: string;
  seenFrom: number | null;
  seenTo: number | null;
}

export const NO_FILTER: DashboardFilter = {
  providers: [],
  categories: [],
  reasons: [],
  statuses: [],
  recipientDomains: [],
  severities: [],
  emailTypes: [],
  sendingIps: [],
  sender: '',
  fromDay: '',
  toDay: '',
  search: '',
  seenFrom: null,
  seenTo: null,
};

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The history filter for a dashboard filter (bounce dates as epoch ms, whole UTC days). */
export function toHistoryFilter(f: DashboardFilter): HistoryFilter {
  const out: HistoryFilter = {};
  if (f.providers.length) out.providers = f.providers;
  if (f.categories.length) out.categories = f.categories;
  if (f.reasons.length) out.reasons = f.reasons;
  if (f.statuses.length) out.statuses = f.statuses;
  if (f.recipientDomains.length) out.recipientDomains = f.recipientDomains;
  if (f.severities.length) out.severities = f.severities;
  if (f.emailTypes.length) out.emailTypes = f.emailTypes;
  if (f.sendingIps.length) out.sendingIps = f.sendingIps;
  if (f.sender.trim()) out.sender = f.sender.trim().toLowerCase();
  if (DAY.test(f.fromDay)) out.bounceFrom = Date.parse(`${f.fromDay}T00:00:00Z`);
  if (DAY.test(f.toDay)) out.bounceTo = Date.parse(`${f.toDay}T23:59:59.999Z`);
  if (f.search.trim()) out.search = f.search;
  if (f.seenFrom !== null) out.from = f.seenFrom;
  if (f.seenTo !== null) out.to = f.seenTo;
  return out;
}

const dayOf = (t: number | null | undefined) =>
  typeof t === 'number' && Number.isFinite(t) ? new Date(t).toISOString().slice(0, 10) : '';

/** The dashboard's filter for a history filter (the one shared with the popup). */
export function fromHistoryFilter(h: HistoryFilter): DashboardFilter {
  return {
    providers: h.providers ?? [],
    categories: h.categories ?? [],
    reasons: h.reasons ?? [],
    statuses: h.statuses ?? [],
    recipientDomains: h.recipientDomains ?? [],
    severities: h.severities ?? [],
    emailTypes: h.emailTypes ?? [],
    sendingIps: h.sendingIps ?? [],
    sender: h.sender ?? '',
    fromDay: dayOf(h.bounceFrom),
    toDay: dayOf(h.bounceTo),
    search: h.search ?? '',
    seenFrom: h.from ?? null,
    seenTo: h.to ?? null,
  };
}

export function isEmpty(f: DashboardFilter): boolean {
  return Object.keys(toHistoryFilter(f)).length === 0;
}

/**
 * Whether the bounce rate can be read under this filter: sent mail is known per sending address
 * or domain and day only, so a filter on anything else (provider, category …) has no matching
 * number of recipients written to.
 */
export function rateApplies(f: DashboardFilter): boolean {
  const h = toHistoryFilter(f);
  return Object.keys(h).every((k) => k === 'sender' || k === 'bounceFrom' || k === 'bounceTo');
}

interface FilterStore {
  filter: DashboardFilter;
  set(patch: Partial<DashboardFilter>): void;
  /** Sets one list dimension to exactly `value`, or clears it when it is already that. */
  toggle<K extends keyof DashboardFilter>(key: K, value: string): void;
  clear(): void;
  /** The filter the popup set (shared through the background): shown here, not sent back. */
  applyShared(h: HistoryFilter): void;
}

export const useFilter = create<FilterStore>((set, get) => {
  // Every change made here is the popup's filter too.
  const change = (filter: DashboardFilter) => {
    set({ filter });
    saveSharedFilter(toHistoryFilter(filter));
  };
  return {
    filter: NO_FILTER,
    set: (patch) => change({ ...get().filter, ...patch }),
    toggle: (key, value) => {
      const cur = get().filter[key];
      if (Array.isArray(cur)) {
        const next = cur.length === 1 && cur[0] === value ? [] : [value];
        change({ ...get().filter, [key]: next });
      } else change({ ...get().filter, [key]: cur === value ? '' : value });
    },
    clear: () => change(NO_FILTER),
    applyShared: (h) => {
      if (!sameFilter(h, toHistoryFilter(get().filter))) set({ filter: fromHistoryFilter(h) });
    },
  };
});
