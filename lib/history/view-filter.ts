/**
 * The filter the popup and the dashboard share: one HistoryFilter, kept by the background, so a
 * filter set in one shows in the other (each asks for it when it opens, and the background tells
 * the open pages when it changes). It is kept in the browser's session storage as well as in
 * memory, so it outlives the stops of the idle service worker and ends with the browser session.
 */
import type { HistoryFilter } from './query';
import type { KeyValueStore } from './service';
import { checkFilter } from './validate';

export const VIEW_FILTER_KEY = 'viewFilter';

export class ViewFilter {
  private filter: HistoryFilter | null = null;

  /** `kv`: where the filter survives a worker restart (none: memory only). */
  constructor(private readonly kv: KeyValueStore | null = null) {}

  async get(): Promise<HistoryFilter> {
    if (this.filter === null) {
      let kept: unknown = undefined;
      try {
        kept = await this.kv?.get(VIEW_FILTER_KEY);
      } catch {
        // Unreadable storage: start without a filter.
      }
      // A set() that ran meanwhile wins; a kept filter that no longer checks is dropped.
      if (this.filter === null) {
        try {
          this.filter = kept === undefined ? {} : checkFilter(kept);
        } catch {
          this.filter = {};
        }
      }
    }
    return this.filter;
  }

  /** Keeps a filter (checked: a malformed one throws) and returns it as kept. */
  async set(filter: unknown): Promise<HistoryFilter> {
    this.filter = checkFilter(filter);
    const kept = this.filter;
    try {
      await this.kv?.set(VIEW_FILTER_KEY, kept);
    } catch {
      // Storage refused (full?): the filter still holds while the worker runs.
    }
    return kept;
  }
}
