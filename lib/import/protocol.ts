/**
 * Requests the dashboard sends to the background about imports: sent-mail counts and the resume
 * points of interrupted imports. (Bounces go through the history's own "history-import".)
 */
import type { SentRow } from './mailbox-import';
import type { ImportCheckpoint, SentQuery, SentTotals } from '../history/sent';
import type { HistoryFilter } from '../history/query';

/**
 * Account field of imported records, followed by the mailbox's address when known (the history's
 * Gmail path writes Gmail's account path, "u/0", "b/…/u/1" …).
 */
export const IMPORTED_ACCOUNT = 'takeout:';

/** Whether a record's account field says it came from a mailbox import rather than a Gmail tab. */
export const isImportedAccount = (account: string): boolean => account.startsWith(IMPORTED_ACCOUNT);

export type ImportRequest =
  | { type: 'sent-add'; rows: SentRow[] }
  | { type: 'sent-totals'; query: SentQuery }
  | { type: 'sent-senders' }
  | { type: 'import-checkpoint-save'; checkpoint: ImportCheckpoint }
  | { type: 'import-checkpoint-list' }
  | { type: 'import-checkpoint-drop'; file: string }
  /** Distinct failed addresses in the history (read from its recipient index). */
  | { type: 'dashboard-unique-recipients' }
  /** The filter the popup and the dashboard share (see lib/history/view-filter.ts). */
  | { type: 'view-filter-get' }
  | { type: 'view-filter-set'; filter: HistoryFilter };

/** The background tells open extension pages that the shared filter changed. */
export interface ViewFilterChanged {
  type: 'view-filter-changed';
  filter: HistoryFilter;
}

export function isViewFilterChanged(m: unknown): m is ViewFilterChanged {
  return typeof m === 'object' && m !== null && (m as { type?: unknown }).type === 'view-filter-changed';
}

export interface ImportAnswers {
  'sent-add': { added: number };
  'sent-totals': SentTotals;
  'sent-senders': string[];
  'import-checkpoint-save': null;
  'import-checkpoint-list': ImportCheckpoint[];
  'import-checkpoint-drop': null;
  'dashboard-unique-recipients': number | null;
  'view-filter-get': HistoryFilter;
  'view-filter-set': HistoryFilter;
}

const TYPES = new Set<string>([
  'sent-add',
  'sent-totals',
  'sent-senders',
  'import-checkpoint-save',
  'import-checkpoint-list',
  'import-checkpoint-drop',
  'dashboard-unique-recipients',
  'view-filter-get',
  'view-filter-set',
]);

export function isImportRequest(m: unknown): m is ImportRequest {
  return typeof m === 'object' && m !== null && TYPES.has((m as { type?: unknown }).type as string);
}

/** Page ↔ worker messages of one import run. */
export type ToWorker =
  | { type: 'start'; file: File; startOffset: number }
  /** The page stored a batch: the worker may run one further ahead. */
  | { type: 'ack' };

export type FromWorker =
  { type: 'batch'; batch: import('./mailbox-import').ImportBatch } | { type: 'error'; message: string };
