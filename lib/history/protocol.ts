/**
 * Requests the popup sends to the background about the history, and their answers.
 * (The content script's "bounce-seen" and "page-status" live in lib/messages.ts.)
 */
import type { BounceSeenMessage, PageStatusMessage } from '../messages';
import type { CorrectionChange, CorrectionInput, CorrectionLookup } from './corrections';
import type { CorrectionRow } from './corrections-file';
import type { ExportFormat } from './export';
import type { HistoryFilter } from './query';
import type { CounterRow, StatDim } from './stats';
import type { Facets, HistoryRow, QueryResult, RecoveryNote, UpsertOutcome } from './store';

export interface HistorySettings {
  /** When true, "bounce seen" reports are not stored. */
  paused: boolean;
  /** Keep records last seen within this many days; null keeps everything. */
  retentionDays: number | null;
  /** Suppression list: soft bounces an address needs before it is listed… */
  suppressRepeats: number;
  /** …spread over at least this many days. */
  suppressDays: number;
}

export const DEFAULT_SETTINGS: HistorySettings = {
  paused: false,
  retentionDays: null,
  suppressRepeats: 3,
  suppressDays: 7,
};

/** A storage problem as shown to the user. */
export interface StorageErrorInfo {
  /** DOMException / Dexie error name, e.g. QuotaExceededError, DatabaseClosedError. */
  name: string;
  message: string;
  /** What was being done: "save a bounce", "load history" … */
  operation: string;
  at: number;
}

export interface HistoryStatus {
  settings: HistorySettings;
  /** Latest storage error, kept until the user dismisses it. */
  storageError: StorageErrorInfo | null;
  /** The content script's latest page check. */
  pageStatus: PageStatusMessage | null;
  /** Messages refused because they were malformed (not storage errors), all types together. */
  rejectedReports: number;
  /** The same, per message type ("bounce-seen", "history-query" …; "unknown" when there is none). */
  refusedByType: Record<string, number>;
  /** The latest time the store reopened the database by itself, until dismissed. */
  recovery: RecoveryNote | null;
  /**
   * The database is still being opened: after an update of the extension, a new schema version
   * rewrites a large history once (minutes at a million records).
   */
  opening: boolean;
}

export interface UndoTicket {
  token: string | null;
  count: number;
  undoUntil: number;
}

/**
 * An export. Large files (every record of 100,000 is ~45 MB) do not fit one runtime message, so
 * `text` holds the first part; the rest is fetched with "history-export-part" and `token`, in
 * order (`offset`: the characters received so far), until a part says `done`. The background
 * writes each part when it is asked for, so neither side holds the whole file before the end.
 */
export interface ExportResult {
  filename: string;
  mime: string;
  text: string;
  /** Rows written so far (all of them when `done`). */
  rows: number;
  /** Characters handed over so far, in UTF-16 code units. */
  length: number;
  /** Set when more parts follow. */
  token: string | null;
  done: boolean;
}

/** One further part of an export. */
export interface ExportPart {
  text: string;
  rows: number;
  done: boolean;
}

/** A row of the popup's list, with the person's correction of it when there is one. */
export type CorrectedRow = HistoryRow & { correction?: CorrectionRow };

/** What the popup's list gets: rows with their corrections. */
export type CorrectedQueryResult = Omit<QueryResult, 'rows'> & { rows: CorrectedRow[] };

/** The server's answer a correction's pattern is made from (lib/engine/corrections). */
export interface BounceWords {
  provider: string | null;
  status: string | null;
  replyCode: string | null;
  diagnostic: string | null;
}

export interface CorrectionsImport {
  /** Set when the file is not a corrections file (nothing was imported); for the person. */
  error: string | null;
  added: number;
  updated: number;
  unchanged: number;
  /** Entries of the file left out as malformed, and why (the first few). */
  refused: number;
  why: string[];
}

export type HistoryRequest =
  | {
      type: 'history-query';
      filter: HistoryFilter;
      offset: number;
      limit: number;
      /** A newer query on the same channel (the popup's search box) makes this one answer at once. */
      channel?: string;
      /**
       * Rows as stored, for figures rather than a list: no per-address counts (`count` is 0) and
       * no corrections, which cost a lookup per row.
       */
      plain?: boolean;
    }
  | { type: 'history-facets' }
  | { type: 'history-status' }
  | { type: 'history-dismiss-error' }
  | { type: 'history-settings'; patch: Partial<HistorySettings> }
  | { type: 'history-delete'; keys: string[] }
  | { type: 'history-clear' }
  | { type: 'history-undo'; token: string }
  | {
      type: 'history-export';
      filter: HistoryFilter;
      keys: string[] | null;
      format: ExportFormat;
      excel: boolean;
    }
  | { type: 'history-export-part'; token: string; offset: number }
  /** Bulk, idempotent import (the dashboard's): reports as the content script sends them. */
  | { type: 'history-import'; reports: BounceSeenMessage[] }
  /** The largest values of one counter dimension, with counts by severity and category. */
  | { type: 'history-breakdown'; dim: StatDim; limit: number }
  /** Counter rows of given values of one dimension. */
  | { type: 'history-counters'; dim: StatDim; values: string[] }
  /** The person says these records' verdicts are wrong (from the card or the popup). */
  | { type: 'history-correct'; corrections: CorrectionInput[] }
  /** Every correction, newest first. */
  | { type: 'history-corrections' }
  | { type: 'history-corrections-remove'; keys: string[] }
  | { type: 'history-corrections-undo'; token: string }
  /** The card: this message's corrections, or one made on a bounce like it. */
  | { type: 'history-corrections-lookup'; messageId: string; bounce: BounceWords | null }
  | { type: 'history-corrections-export' }
  | { type: 'history-corrections-import'; text: string };

/** The answer type of each request. */
export interface HistoryAnswers {
  'history-query': CorrectedQueryResult;
  'history-facets': Facets;
  'history-status': HistoryStatus;
  'history-dismiss-error': HistoryStatus;
  'history-settings': HistorySettings;
  'history-delete': UndoTicket;
  'history-clear': UndoTicket;
  'history-undo': { restored: number };
  'history-export': ExportResult;
  'history-export-part': ExportPart;
  'history-import': UpsertOutcome & { refused: number };
  'history-breakdown': CounterRow[];
  'history-counters': CounterRow[];
  'history-correct': CorrectionChange;
  'history-corrections': CorrectionRow[];
  'history-corrections-remove': CorrectionChange;
  'history-corrections-undo': { restored: number };
  'history-corrections-lookup': CorrectionLookup;
  'history-corrections-export': { filename: string; mime: string; text: string; rows: number };
  'history-corrections-import': CorrectionsImport;
}

/** Requests a Gmail tab's card may send (the others come from extension pages only). */
export const CARD_REQUESTS: readonly HistoryRequest['type'][] = [
  'history-correct',
  'history-corrections-undo',
  'history-corrections-remove',
  'history-corrections-lookup',
];

export type Answer<T> = { ok: true; data: T } | { ok: false; error: StorageErrorInfo };

/** What the background answers to a "bounce-seen" report. */
export type BounceSeenAnswer = Answer<{
  stored: number;
  unchanged: number;
  skipped: number;
  paused: boolean;
}>;

export function isHistoryRequest(m: unknown): m is HistoryRequest {
  return (
    typeof m === 'object' &&
    m !== null &&
    typeof (m as { type?: unknown }).type === 'string' &&
    (m as { type: string }).type.startsWith('history-')
  );
}
