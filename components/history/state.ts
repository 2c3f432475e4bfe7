/**
 * Popup state (zustand). The background answers queries from the history database; the popup
 * only holds the pages of rows the list has scrolled to.
 */
import { create } from 'zustand';
import type { ExportFormat } from '@/lib/history/export';
import type { CorrectionTo } from '@/lib/engine/corrections/index';
import type { CorrectionRow } from '@/lib/history/corrections-file';
import type {
  CorrectedRow,
  CorrectionsImport,
  HistorySettings,
  HistoryStatus,
  StorageErrorInfo,
} from '@/lib/history/protocol';
import type { HistoryCounts, HistoryFilter } from '@/lib/history/query';
import type { Facets } from '@/lib/history/store';
import { correctionLabel } from '../corrections/wording';
import { ask } from './api';
import { sameFilter, saveSharedFilter } from './shared-filter';

export const PAGE_SIZE = 50;
/** How long the message line offers to undo a correction (the background keeps it 10 minutes). */
const CORRECTION_TOAST_MS = 30_000;
/** This popup's queries (another open popup has its own). */
const CHANNEL = `popup-${Math.random().toString(36).slice(2, 12)}`;

export interface Toast {
  text: string;
  undoToken: string | null;
  until: number;
  /** What the undo button undoes: deleted records (default) or a correction. */
  undoes?: 'records' | 'correction';
}

export interface HistoryState {
  filter: HistoryFilter;
  /** Query generation: bumps on every filter change or refresh; stale answers are dropped. */
  gen: number;
  /** Generation of the rows on screen. */
  shownGen: number;
  matched: number;
  total: number;
  counts: HistoryCounts | null;
  /** The counts cover only the rows found so far (a broad search over a large history). */
  partial: boolean;
  /** More rows may match than `matched`: the list asks for them as it scrolls. */
  more: boolean;
  pages: Map<number, CorrectedRow[]>;
  requested: Set<number>;
  loadedOnce: boolean;
  facets: Facets | null;
  status: HistoryStatus | null;
  /**
   * The database has been opening for a while (two status answers a second apart said so): an
   * upgrade of a large history, worth a word. A worker's ordinary start takes milliseconds.
   */
  slowOpening: boolean;
  /** Latest failure answered to the popup itself. */
  error: StorageErrorInfo | null;
  selected: Set<string>;
  toast: Toast | null;
  notice: string | null;
  /** The record whose verdict is being corrected (the dialog is open). */
  correcting: CorrectedRow | null;
  /** The corrections list (Settings), once loaded. */
  corrections: CorrectionRow[] | null;

  setFilter(patch: Partial<HistoryFilter>): void;
  resetFilter(): void;
  /** The filter the dashboard (or another popup) set: shown here too, not sent back. */
  applySharedFilter(filter: HistoryFilter): void;
  refresh(): void;
  ensurePage(page: number): void;
  loadMeta(): Promise<void>;
  loadFacets(): Promise<void>;
  toggleSelected(key: string): void;
  selectAllShown(on: boolean): void;
  deleteKeys(keys: string[]): Promise<void>;
  clearAll(): Promise<void>;
  undo(): Promise<void>;
  saveSettings(patch: Partial<HistorySettings>): Promise<void>;
  dismissError(): Promise<void>;
  exportText(
    format: ExportFormat,
    excel: boolean,
    useSelection: boolean,
    /** Rows written so far, after each part of a big file. */
    progress?: (rows: number) => void,
  ): Promise<{ filename: string; mime: string; text: string; rows: number } | null>;
  say(text: string): void;
  correct(row: CorrectedRow, to: CorrectionTo): Promise<boolean>;
  loadCorrections(): Promise<void>;
  removeCorrection(key: string): Promise<void>;
  exportCorrections(): Promise<{ filename: string; mime: string; text: string; rows: number } | null>;
  importCorrections(text: string): Promise<CorrectionsImport | null>;
}

const EMPTY_FILTER: HistoryFilter = {};

export const useHistory = create<HistoryState>()((set, get) => {
  const fetchPage = async (gen: number, page: number) => {
    if (gen === 1) performance.mark('bt:first-query');
    const sentAt = performance.now();
    const answer = await ask({
      type: 'history-query',
      filter: get().filter,
      offset: page * PAGE_SIZE,
      limit: PAGE_SIZE,
      // Each keystroke's query supersedes the previous one: the background stops looking for it.
      channel: CHANNEL,
    });
    if (gen === 1) performance.mark('bt:first-answer');
    // Visible in DevTools' performance panel, and read by the benchmark to split the time.
    performance.clearMeasures('bt:query');
    performance.measure('bt:query', { start: sentAt });
    if (get().gen !== gen) return;
    if (!answer.ok) {
      set((s) => {
        const requested = new Set(s.requested);
        requested.delete(page);
        return { error: answer.error, requested };
      });
      return;
    }
    const d = answer.data;
    set((s) => {
      // The first answer of a new generation replaces what was on screen.
      const fresh = s.shownGen !== gen;
      const pages = fresh ? new Map<number, CorrectedRow[]>() : new Map(s.pages);
      pages.set(page, d.rows);
      return {
        pages,
        shownGen: gen,
        matched: d.matched,
        total: d.total,
        counts: d.counts,
        partial: d.partial === true,
        more: d.more === true,
        loadedOnce: true,
      };
    });
    // The background stopped looking before this page was full, or knows how many rows match
    // but has not counted them by severity yet: ask again, it goes on from there.
    if ((d.more && d.rows.length < PAGE_SIZE) || (page === 0 && d.partial && !d.more))
      setTimeout(() => get().gen === gen && void fetchPage(gen, page), 0);
  };

  const start = (filter: HistoryFilter) => {
    const gen = get().gen + 1;
    set({ filter, gen, requested: new Set([0]) });
    void fetchPage(gen, 0);
  };

  return {
    filter: EMPTY_FILTER,
    gen: 0,
    shownGen: -1,
    matched: 0,
    total: 0,
    counts: null,
    partial: false,
    more: false,
    pages: new Map(),
    requested: new Set(),
    loadedOnce: false,
    facets: null,
    status: null,
    slowOpening: false,
    error: null,
    selected: new Set(),
    toast: null,
    notice: null,
    correcting: null,
    corrections: null,

    setFilter(patch) {
      start({ ...get().filter, ...patch });
      saveSharedFilter(get().filter);
    },
    resetFilter() {
      start(EMPTY_FILTER);
      saveSharedFilter(EMPTY_FILTER);
    },
    applySharedFilter(filter) {
      if (!sameFilter(filter, get().filter)) start(filter);
    },
    refresh() {
      start(get().filter);
      void get().loadMeta();
    },
    ensurePage(page) {
      const s = get();
      if (s.requested.has(page) && (s.shownGen === s.gen || page === 0)) return;
      if (s.shownGen !== s.gen && page !== 0) return; // wait for the new generation's first page
      set({ requested: new Set(s.requested).add(page) });
      void fetchPage(s.gen, page);
    },
    async loadMeta() {
      const wasOpening = get().status?.opening === true;
      const status = await ask({ type: 'history-status' });
      if (!status.ok) return set({ error: status.error });
      const opening = status.data.opening;
      set({ status: status.data, slowOpening: opening && wasOpening });
      // While the database opens (an upgrade), ask again until it is open.
      if (opening) setTimeout(() => void get().loadMeta(), 1000);
    },
    async loadFacets() {
      // Filter menus: fetched on open and after deletions, not on every new report.
      const facets = await ask({ type: 'history-facets' });
      set(facets.ok ? { facets: facets.data } : { error: facets.error });
    },
    toggleSelected(key) {
      const selected = new Set(get().selected);
      if (!selected.delete(key)) selected.add(key);
      set({ selected });
    },
    selectAllShown(on) {
      if (!on) {
        set({ selected: new Set() });
        return;
      }
      const selected = new Set<string>();
      for (const rows of get().pages.values()) for (const r of rows) selected.add(r.key);
      set({ selected });
    },
    async deleteKeys(keys) {
      if (keys.length === 0) return;
      const a = await ask({ type: 'history-delete', keys });
      if (!a.ok) {
        set({ error: a.error });
        return;
      }
      const selected = new Set(get().selected);
      for (const k of keys) selected.delete(k);
      set({
        selected,
        toast: {
          text: `Deleted ${a.data.count} record${a.data.count === 1 ? '' : 's'}.`,
          undoToken: a.data.token,
          until: a.data.undoUntil,
        },
      });
      get().refresh();
      void get().loadFacets();
    },
    async clearAll() {
      const a = await ask({ type: 'history-clear' });
      if (!a.ok) {
        set({ error: a.error });
        return;
      }
      set({
        selected: new Set(),
        toast: {
          text: `Cleared ${a.data.count} record${a.data.count === 1 ? '' : 's'}.`,
          undoToken: a.data.token,
          until: a.data.undoUntil,
        },
      });
      get().refresh();
      void get().loadFacets();
    },
    async undo() {
      const t = get().toast;
      if (!t?.undoToken) return;
      if (t.undoes === 'correction') {
        const c = await ask({ type: 'history-corrections-undo', token: t.undoToken });
        set({
          toast: {
            text: c.ok && c.data.restored > 0 ? 'Correction undone.' : 'Too late to undo.',
            undoToken: null,
            until: Date.now() + 4000,
          },
          ...(c.ok ? {} : { error: c.error }),
        });
        get().refresh();
        if (get().corrections) void get().loadCorrections();
        return;
      }
      const a = await ask({ type: 'history-undo', token: t.undoToken });
      if (!a.ok) {
        set({ error: a.error, toast: null });
        return;
      }
      set({
        toast: {
          text:
            a.data.restored > 0
              ? `Restored ${a.data.restored} record${a.data.restored === 1 ? '' : 's'}.`
              : 'Too late to undo.',
          undoToken: null,
          until: Date.now() + 4000,
        },
      });
      get().refresh();
      void get().loadFacets();
    },
    async saveSettings(patch) {
      // Show the change at once (a checkbox must follow the click); the answer confirms it.
      const before = get().status;
      if (before) set({ status: { ...before, settings: { ...before.settings, ...patch } } });
      const a = await ask({ type: 'history-settings', patch });
      const now = get().status;
      if (a.ok && now) set({ status: { ...now, settings: a.data } });
      if (!a.ok) set({ error: a.error, status: before });
      get().refresh();
    },
    async dismissError() {
      set({ error: null });
      const a = await ask({ type: 'history-dismiss-error' });
      if (a.ok) set({ status: a.data });
    },
    async exportText(format, excel, useSelection, progress) {
      const s = get();
      const keys = useSelection && s.selected.size > 0 ? [...s.selected] : null;
      const a = await ask({ type: 'history-export', filter: s.filter, keys, format, excel });
      if (!a.ok) {
        set({ error: a.error });
        return null;
      }
      // Big files come in parts, written by the background as they are asked for.
      const parts = [a.data.text];
      let got = a.data.text.length;
      let { done, rows } = a.data;
      while (a.data.token && !done) {
        progress?.(rows);
        const p = await ask({ type: 'history-export-part', token: a.data.token, offset: got });
        if (!p.ok) {
          set({ error: p.error });
          return null;
        }
        parts.push(p.data.text);
        got += p.data.text.length;
        ({ done, rows } = p.data);
      }
      return { filename: a.data.filename, mime: a.data.mime, text: parts.join(''), rows };
    },
    say(text) {
      set({ notice: text });
    },
    async correct(row, to) {
      const a = await ask({
        type: 'history-correct',
        corrections: [
          {
            messageId: row.messageId,
            recipient: row.recipient,
            to,
            was: { kind: row.kind, category: row.category, reason: row.reason, hard: row.hard },
            provider: row.provider,
            status: row.status,
            replyCode: row.replyCode,
            diagnostic: row.diagnostic,
            reportId: null,
          },
        ],
      });
      if (!a.ok) {
        set({ error: a.error });
        return false;
      }
      set({
        toast: {
          text: `Corrected ${row.recipient || 'the record'}: ${correctionLabel(to)}.`,
          undoToken: a.data.token,
          until: Date.now() + CORRECTION_TOAST_MS,
          undoes: 'correction',
        },
      });
      get().refresh();
      if (get().corrections) void get().loadCorrections();
      return true;
    },
    async loadCorrections() {
      const a = await ask({ type: 'history-corrections' });
      set(a.ok ? { corrections: a.data } : { error: a.error });
    },
    async removeCorrection(key) {
      const a = await ask({ type: 'history-corrections-remove', keys: [key] });
      if (!a.ok) {
        set({ error: a.error });
        return;
      }
      const row = a.data.rows[0];
      set({
        toast: {
          text: `Removed the correction${row?.recipient ? ` of ${row.recipient}` : ''}.`,
          undoToken: a.data.token,
          until: Date.now() + CORRECTION_TOAST_MS,
          undoes: 'correction',
        },
      });
      await get().loadCorrections();
      get().refresh();
    },
    async exportCorrections() {
      const a = await ask({ type: 'history-corrections-export' });
      if (!a.ok) {
        set({ error: a.error });
        return null;
      }
      return a.data;
    },
    async importCorrections(text) {
      const a = await ask({ type: 'history-corrections-import', text });
      if (!a.ok) {
        set({ error: a.error });
        return null;
      }
      await get().loadCorrections();
      get().refresh();
      return a.data;
    },
  };
});
