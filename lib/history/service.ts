/**
 * The background's side of the history: answers "bounce-seen" reports from Gmail tabs and the
 * popup's requests. Storage failures are never swallowed: they are answered as errors and kept
 * as the status's `storageError` until the user dismisses the banner.
 */
import type { BounceSeenMessage, PageStatusMessage } from '../messages';
import { bouncePattern } from '../engine/corrections/index';
import { CorrectionStore } from './corrections';
import { BadCorrection, correctionsToJson, parseCorrectionsJson } from './corrections-file';
import {
  EXPORT_FORMATS,
  eventsFromRecords,
  exportFileInfo,
  exportWriter,
  isoTime,
  SuppressionWriter,
} from './export';
import {
  DEFAULT_SETTINGS,
  type Answer,
  type BounceSeenAnswer,
  type HistoryAnswers,
  type HistoryRequest,
  type HistorySettings,
  type HistoryStatus,
  type StorageErrorInfo,
} from './protocol';
import { InvalidBounceMessage, recordsFromMessage, type HistoryRecord } from './record';
import type { HistoryStore } from './store';
import { errorInfo } from './errors';
import { compileFilter } from './query';
import { checkBounceSeen, checkPageStatus, checkRequest } from './validate';

/** Where settings and the last page status are kept (browser.storage.local in the extension). */
export interface KeyValueStore {
  get(key: string): Promise<unknown>;
  set(key: string, value: unknown): Promise<void>;
}

export const SETTINGS_KEY = 'historySettings';
const PAGE_STATUS_KEY = 'lastPageStatus';
const RETENTION_EVERY_MS = 60 * 60 * 1000;
/** Characters per export message part (runtime messages are capped at 64 MiB of JSON). */
export const EXPORT_PART = 4_000_000;
const EXPORT_KEEP_MS = 60_000;

export function sanitizeSettings(raw: unknown): HistorySettings {
  const s = { ...DEFAULT_SETTINGS };
  if (raw && typeof raw === 'object') {
    const r = raw as Partial<Record<keyof HistorySettings, unknown>>;
    if (typeof r.paused === 'boolean') s.paused = r.paused;
    if (r.retentionDays === null) s.retentionDays = null;
    else if (
      typeof r.retentionDays === 'number' &&
      Number.isFinite(r.retentionDays) &&
      r.retentionDays >= 1
    ) {
      s.retentionDays = Math.min(36500, Math.floor(r.retentionDays));
    }
    if (typeof r.suppressRepeats === 'number' && Number.isFinite(r.suppressRepeats))
      s.suppressRepeats = Math.min(100, Math.max(1, Math.floor(r.suppressRepeats)));
    if (typeof r.suppressDays === 'number' && Number.isFinite(r.suppressDays))
      s.suppressDays = Math.min(365, Math.max(0, Math.floor(r.suppressDays)));
  }
  return s;
}

export class HistoryService {
  private settings: HistorySettings = { ...DEFAULT_SETTINGS };
  private settingsLoaded: Promise<void> | null = null;
  private storageError: StorageErrorInfo | null = null;
  private pageStatus: PageStatusMessage | null = null;
  private rejectedReports = 0;
  private refusedByType: Record<string, number> = {};
  private lastRetention = 0;
  private exports = new Map<string, ExportSession>();
  private exportSeq = 0;
  /** The person's corrections, in the same database. */
  readonly corrections: CorrectionStore;

  constructor(
    readonly store: HistoryStore,
    private readonly kv: KeyValueStore,
    private readonly now: () => number = Date.now,
    /** Characters per export part (smaller in tests). */
    private readonly exportPart: number = EXPORT_PART,
  ) {
    this.corrections = new CorrectionStore(store.db, now);
  }

  private loadSettings(): Promise<void> {
    this.settingsLoaded ??= (async () => {
      try {
        this.settings = sanitizeSettings(await this.kv.get(SETTINGS_KEY));
        const ps = await this.kv.get(PAGE_STATUS_KEY);
        if (ps && typeof ps === 'object' && (ps as PageStatusMessage).type === 'page-status') {
          this.pageStatus = ps as PageStatusMessage;
        }
      } catch (err) {
        this.fail(err, 'read settings');
      }
    })();
    return this.settingsLoaded;
  }

  private fail(err: unknown, operation: string): StorageErrorInfo {
    const info = errorInfo(err, operation, this.now());
    this.storageError = info;
    return info;
  }

  /**
   * Startup: open the database, finish work a restart interrupted (a clear, an undo), purge the
   * trash past its undo window and apply the retention setting. Nothing is loaded into memory.
   */
  async start(): Promise<void> {
    // Someone else holds the database on an older version: say so before a write fails on it.
    this.store.db.on('blocked', () => {
      this.fail(
        {
          name: 'DatabaseBlocked',
          message: 'Another open copy of the extension keeps the history database on an older version.',
        },
        'open the history database',
      );
    });
    await this.loadSettings();
    try {
      await this.store.start();
      await this.retention(true);
    } catch (err) {
      this.fail(err, 'open the history database');
    }
  }

  /** Counts a refused message; the answer says why. */
  private refuse(type: unknown, why: string): { ok: false; error: StorageErrorInfo } {
    const t = typeof type === 'string' && type.length <= 40 ? type : 'unknown';
    this.rejectedReports++;
    this.refusedByType[t] = (this.refusedByType[t] ?? 0) + 1;
    return {
      ok: false,
      error: {
        name: 'InvalidMessage',
        message: `Refused a malformed message: ${why}`,
        operation: t,
        at: this.now(),
      },
    };
  }

  private async retention(force: boolean): Promise<void> {
    if (this.settings.retentionDays === null) return;
    if (!force && this.now() - this.lastRetention < RETENTION_EVERY_MS) return;
    this.lastRetention = this.now();
    await this.store.applyRetention(this.settings.retentionDays);
  }

  async onBounceSeen(raw: unknown): Promise<BounceSeenAnswer> {
    await this.loadSettings();
    const checked = checkBounceSeen(raw);
    if (!checked.ok) return this.refuse('bounce-seen', checked.why);
    const msg: BounceSeenMessage = checked.value;
    if (this.settings.paused)
      return { ok: true, data: { stored: 0, unchanged: 0, skipped: 0, paused: true } };
    let records;
    try {
      records = recordsFromMessage(msg);
    } catch (err) {
      if (!(err instanceof InvalidBounceMessage)) return this.refuse('bounce-seen', 'unreadable report');
      return this.refuse('bounce-seen', err.message);
    }
    try {
      const o = await this.store.upsert(records);
      await this.retention(false);
      return {
        ok: true,
        data: { stored: o.written, unchanged: o.unchanged, skipped: o.skipped, paused: false },
      };
    } catch (err) {
      return { ok: false, error: this.fail(err, 'save a bounce') };
    }
  }

  async onPageStatus(raw: unknown): Promise<{ ok: boolean }> {
    await this.loadSettings();
    const checked = checkPageStatus(raw);
    if (!checked.ok) return this.refuse('page-status', checked.why);
    this.pageStatus = checked.value;
    try {
      await this.kv.set(PAGE_STATUS_KEY, this.pageStatus);
    } catch (err) {
      this.fail(err, 'remember the page status');
    }
    return { ok: true };
  }

  status(): HistoryStatus {
    return {
      settings: { ...this.settings },
      storageError: this.storageError,
      pageStatus: this.pageStatus,
      rejectedReports: this.rejectedReports,
      refusedByType: { ...this.refusedByType },
      recovery: this.store.recovery,
      opening: this.store.opening,
    };
  }

  /** Answer one popup request. Never throws: failures come back as `{ ok: false }`. */
  handle<R extends HistoryRequest>(req: R): Promise<Answer<HistoryAnswers[R['type']]>>;
  handle(raw: unknown): Promise<Answer<unknown>>;
  async handle<R extends HistoryRequest>(raw: unknown): Promise<Answer<HistoryAnswers[R['type']]>> {
    await this.loadSettings();
    const checked = checkRequest(raw);
    if (!checked.ok) return this.refuse((raw as { type?: unknown } | null)?.type, checked.why);
    const req = checked.value as R;
    try {
      const data = await this.answer(req);
      return { ok: true, data: data as HistoryAnswers[R['type']] };
    } catch (err) {
      const operation = OPERATION[req.type] ?? req.type;
      // Reads fail the same way writes do when the database is gone; both are shown.
      return { ok: false, error: this.fail(err, operation) };
    }
  }

  /** The next part of an export: pieces are written until a part is full or the file ends. */
  private async nextPart(session: ExportSession): Promise<string> {
    let written = false;
    while (session.pending.length < this.exportPart && !written) {
      const next = await session.pieces.next();
      if (next.done) written = true;
      else session.pending += next.value;
    }
    const text = session.pending.slice(0, this.exportPart);
    session.pending = session.pending.slice(text.length);
    session.sent += text.length;
    session.last = text;
    // The pieces ran out before the part was full, so the part holds all that was left.
    session.done = written;
    return text;
  }

  /** Keeps an unfinished export until it has not been asked for during a minute. */
  private keepExport(id: string, session: ExportSession): void {
    if (session.timer) clearTimeout(session.timer);
    session.timer = setTimeout(() => {
      this.exports.delete(id);
      void session.pieces.return(undefined);
    }, EXPORT_KEEP_MS);
    this.exports.set(id, session);
  }

  private async answer(req: HistoryRequest): Promise<HistoryAnswers[HistoryRequest['type']]> {
    const s = this.store;
    switch (req.type) {
      case 'history-query': {
        const result = await s.query(req.filter ?? {}, req.offset, req.limit, req.channel, req.plain);
        if (req.plain) return result;
        const fixes = await this.corrections.ofKeys(result.rows.map((r) => r.key));
        if (fixes.size === 0) return result;
        return {
          ...result,
          rows: result.rows.map((r) => (fixes.has(r.key) ? { ...r, correction: fixes.get(r.key)! } : r)),
        };
      }
      case 'history-facets':
        return s.facets();
      case 'history-status':
        return this.status();
      case 'history-dismiss-error':
        this.storageError = null;
        this.store.clearRecovery();
        return this.status();
      case 'history-settings': {
        const next = sanitizeSettings({ ...this.settings, ...req.patch });
        await this.kv.set(SETTINGS_KEY, next);
        this.settings = next;
        await this.retention(true);
        return { ...next };
      }
      case 'history-delete':
        return s.delete(req.keys);
      case 'history-clear':
        return s.clearAll();
      case 'history-undo':
        return { restored: await s.undo(req.token) };
      case 'history-export': {
        if (!EXPORT_FORMATS.some((f) => f.id === req.format))
          throw new Error(`Unknown export format: ${String(req.format)}`);
        const rules = { repeats: this.settings.suppressRepeats, days: this.settings.suppressDays };
        const options = { excel: req.excel === true, rules, corrections: await this.corrections.list() };
        const { filename, mime, bom } = exportFileInfo(req.format, options, this.now());
        const writer = exportWriter(req.format, options);
        // Written batch by batch as the parts are asked for: memory holds one batch and one part.
        // The suppression list is decided on every bounce of an address, whatever the filter shows.
        const pieces = async function* (store: HistoryStore): AsyncGenerator<string> {
          yield bom + writer.start();
          if (writer instanceof SuppressionWriter) {
            for await (const group of store.byAddress()) yield writer.add(eventsFromRecords(group));
          } else if (writer.format === 'addresses' && !req.keys) {
            // Every address the filter matches, once, in address order: read by address, so that
            // no set of every address is held (a million-record history has hundreds of thousands).
            const matches = compileFilter(req.filter ?? {});
            writer.sortedByAddress = true;
            for await (const group of store.byAddress()) yield writer.add(group.filter(matches));
          } else {
            for await (const batch of store.batches(req.filter, req.keys)) yield writer.add(batch);
          }
        };
        const session: ExportSession = {
          pieces: pieces(s),
          writer,
          pending: '',
          sent: 0,
          last: '',
          done: false,
          timer: null,
        };
        const text = await this.nextPart(session);
        let token: string | null = null;
        if (!session.done) {
          token = `x${++this.exportSeq}-${this.now().toString(36)}`;
          this.keepExport(token, session);
        }
        return { filename, mime, text, rows: writer.rows, length: session.sent, token, done: session.done };
      }
      case 'history-export-part': {
        const id = String(req.token);
        const session = this.exports.get(id);
        if (!session) throw new Error('This export has expired; export again.');
        const offset = Math.max(0, Math.floor(Number(req.offset)) || 0);
        let text: string;
        if (offset === session.sent) text = await this.nextPart(session);
        else if (offset === session.sent - session.last.length) text = session.last;
        else throw new Error('This export was read out of order; export again.');
        if (session.done) {
          if (session.timer) clearTimeout(session.timer);
          this.exports.delete(id);
        } else this.keepExport(id, session);
        return { text, rows: session.writer.rows, done: session.done };
      }
      case 'history-import': {
        const records: HistoryRecord[] = [];
        let refused = 0;
        for (const report of req.reports) {
          try {
            records.push(...recordsFromMessage(report));
          } catch {
            refused++;
          }
        }
        if (refused) this.refuse('history-import', `${refused} unreadable reports in an import`);
        return { ...(await s.bulkUpsert(records)), refused };
      }
      case 'history-breakdown':
        return s.breakdown(req.dim, req.limit);
      case 'history-counters':
        return s.counters(req.dim, req.values);
      case 'history-correct':
        return this.corrections.set(req.corrections);
      case 'history-corrections':
        return this.corrections.list();
      case 'history-corrections-remove':
        return this.corrections.remove(req.keys);
      case 'history-corrections-undo':
        return { restored: await this.corrections.undo(req.token) };
      case 'history-corrections-lookup':
        return this.corrections.lookup(req.messageId, req.bounce ? bouncePattern(req.bounce) : null);
      case 'history-corrections-export': {
        const rows = await this.corrections.list();
        return {
          filename: `bounce-triage-corrections-${isoTime(this.now()).slice(0, 10)}.json`,
          mime: 'application/json',
          text: correctionsToJson(rows, this.now()),
          rows: rows.length,
        };
      }
      case 'history-corrections-import': {
        let parsed;
        try {
          parsed = parseCorrectionsJson(req.text);
        } catch (err) {
          if (!(err instanceof BadCorrection)) throw err;
          return { error: err.message, added: 0, updated: 0, unchanged: 0, refused: 0, why: [] };
        }
        if (parsed.refused)
          this.refuse('history-corrections-import', `${parsed.refused} malformed corrections`);
        const o = await this.corrections.importRows(parsed.rows);
        return { error: null, ...o, refused: parsed.refused, why: parsed.why };
      }
      default:
        throw new Error(`Unknown request ${(req as { type: string }).type}`);
    }
  }
}

/** An export being handed over in parts. */
interface ExportSession {
  pieces: AsyncGenerator<string>;
  writer: { rows: number };
  /** Text written and not handed over yet. */
  pending: string;
  /** Characters handed over so far. */
  sent: number;
  /** The last part handed over, for a request repeated after a lost answer. */
  last: string;
  /** Everything is written and handed over. */
  done: boolean;
  timer: ReturnType<typeof setTimeout> | null;
}

const OPERATION: Partial<Record<HistoryRequest['type'], string>> = {
  'history-query': 'load history',
  'history-facets': 'load history',
  'history-settings': 'save settings',
  'history-delete': 'delete records',
  'history-clear': 'clear history',
  'history-undo': 'undo',
  'history-export': 'export',
  'history-export-part': 'export',
  'history-import': 'import bounces',
  'history-breakdown': 'load history',
  'history-counters': 'load history',
  'history-correct': 'save a correction',
  'history-corrections': 'load corrections',
  'history-corrections-remove': 'remove a correction',
  'history-corrections-undo': 'undo a correction',
  'history-corrections-lookup': 'load corrections',
  'history-corrections-export': 'export corrections',
  'history-corrections-import': 'import corrections',
};
