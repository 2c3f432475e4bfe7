/**
 * The filter the popup and the dashboard share: one HistoryFilter, kept by the background while
 * it runs, so a filter set in one shows in the other (each asks for it when it opens, and the
 * background tells the open pages when it changes). It lives in the worker's memory only: once
 * Chrome stops the idle worker, the next page opens without a filter, as before there was one.
 */
import type { HistoryFilter } from './query';
import { checkFilter } from './validate';

export class ViewFilter {
  private filter: HistoryFilter = {};

  get(): HistoryFilter {
    return this.filter;
  }

  /** Keeps a filter (checked: a malformed one throws) and returns it as kept. */
  set(filter: unknown): HistoryFilter {
    this.filter = checkFilter(filter);
    return this.filter;
  }
}
