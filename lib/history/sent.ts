/**
 * Sent-mail counts from imported mailboxes, for bounce rates: how many recipients the user's own
 * mail went to, per sending address and UTC day. Its own IndexedDB database beside the history
 * (only the background opens it), so the two schemas evolve apart.
 *
 * - `messages`: one row per sent message (key: the import's message id), so importing the same
 *   mail twice counts it once;
 * - `days`: the totals per (sending address, day), changed in the same transaction as the
 *   messages, so a period's total is read from a few hundred rows, never from every message;
 * - `imports`: where an interrupted import of a file can resume.
 */
import { Dexie, type DexieOptions, type Table } from 'dexie';
import type { SentRow } from '../import/mailbox-import';
import type { ImportAnswers, ImportRequest } from '../import/protocol';
import { errorInfo } from './errors';
import type { StorageErrorInfo } from './protocol';
import type { HistoryFilter } from './query';

export const SENT_DB_NAME = 'bounce-triage-sent';

interface SentMessage {
  key: string;
  from: string;
  day: string;
  recipients: number;
}

export interface SentDay {
  /** `${from}|${day}` */
  k: string;
  from: string;
  domain: string;
  day: string;
  messages: number;
  recipients: number;
}

/** An import that stopped before the end of its file. */
export interface ImportCheckpoint {
  /** The file's identity: name, size and modification time. */
  file: string;
  name: string;
  size: number;
  /** Byte offset where reading can resume (a message boundary). */
  resumeAt: number;
  at: number;
}

class SentDb extends Dexie {
  messages!: Table<SentMessage, string>;
  days!: Table<SentDay, string>;
  imports!: Table<ImportCheckpoint, string>;
  constructor(name: string, options?: DexieOptions) {
    super(name, options);
    this.version(1).stores({ messages: 'key', days: 'k, day, [domain+day], [from+day]', imports: 'file' });
  }
}

export interface SentTotals {
  /** Sent messages and their recipients in the period (and sender), from imported mailboxes. */
  messages: number;
  recipients: number;
  /** Days with sent mail on record, in the period. */
  days: number;
  /** First and last day of sent mail on record at all (whatever the period); null when none. */
  firstDay: string | null;
  lastDay: string | null;
}

export interface SentQuery {
  /** Inclusive UTC days, YYYY-MM-DD. */
  fromDay?: string | null;
  toDay?: string | null;
  /** A sending address, or a domain (no "@"). */
  sender?: string | null;
}

const domainOf = (a: string) => a.slice(a.lastIndexOf('@') + 1);

export class SentStore {
  private readonly db: SentDb;
  constructor(name = SENT_DB_NAME, options?: DexieOptions) {
    this.db = new SentDb(name, options);
  }

  /** Adds sent messages not seen before; returns how many were new. One transaction. */
  async add(rows: SentRow[]): Promise<{ added: number }> {
    const clean = rows.filter(
      (r) =>
        typeof r.key === 'string' &&
        typeof r.from === 'string' &&
        r.from.includes('@') &&
        /^\d{4}-\d{2}-\d{2}$/.test(r.day) &&
        Number.isInteger(r.recipients) &&
        r.recipients > 0 &&
        r.recipients < 100_000,
    );
    if (!clean.length) return { added: 0 };
    return this.db.transaction('rw', this.db.messages, this.db.days, async () => {
      const known = await this.db.messages.bulkGet(clean.map((r) => r.key));
      const fresh = new Map<string, SentMessage>();
      clean.forEach((r, i) => {
        if (!known[i] && !fresh.has(r.key))
          fresh.set(r.key, { key: r.key, from: r.from.toLowerCase(), day: r.day, recipients: r.recipients });
      });
      if (!fresh.size) return { added: 0 };
      const delta = new Map<string, SentDay>();
      for (const m of fresh.values()) {
        const k = `${m.from}|${m.day}`;
        const d = delta.get(k) ?? {
          k,
          from: m.from,
          domain: domainOf(m.from),
          day: m.day,
          messages: 0,
          recipients: 0,
        };
        d.messages++;
        d.recipients += m.recipients;
        delta.set(k, d);
      }
      const stored = await this.db.days.bulkGet([...delta.keys()]);
      const put = [...delta.values()].map((d, i) => {
        const old = stored[i];
        return old
          ? { ...old, messages: old.messages + d.messages, recipients: old.recipients + d.recipients }
          : d;
      });
      await this.db.messages.bulkAdd([...fresh.values()]);
      await this.db.days.bulkPut(put);
      return { added: fresh.size };
    });
  }

  /** Sent totals for a period and sender, from the per-day rows. */
  async totals(q: SentQuery = {}): Promise<SentTotals> {
    const lo = q.fromDay ?? '0000-00-00';
    const hi = q.toDay ?? '9999-99-99';
    const sender = q.sender?.trim().toLowerCase() || null;
    let rows: SentDay[];
    if (sender && sender.includes('@'))
      rows = await this.db.days.where('[from+day]').between([sender, lo], [sender, hi], true, true).toArray();
    else if (sender)
      rows = await this.db.days
        .where('[domain+day]')
        .between([sender, lo], [sender, hi], true, true)
        .toArray();
    else rows = await this.db.days.where('day').between(lo, hi, true, true).toArray();
    const first = await this.db.days.orderBy('day').first();
    const last = await this.db.days.orderBy('day').last();
    const days = new Set<string>();
    let messages = 0;
    let recipients = 0;
    for (const r of rows) {
      messages += r.messages;
      recipients += r.recipients;
      days.add(r.day);
    }
    return {
      messages,
      recipients,
      days: days.size,
      firstDay: first?.day ?? null,
      lastDay: last?.day ?? null,
    };
  }

  /** Sending addresses and domains with sent mail on record (for the filter menus). */
  async senders(): Promise<string[]> {
    const out = new Set<string>();
    await this.db.days.each((d) => {
      out.add(d.from);
      out.add(d.domain);
    });
    return [...out].sort();
  }

  saveCheckpoint(c: ImportCheckpoint): Promise<unknown> {
    return this.db.imports.put(c);
  }

  checkpoints(): Promise<ImportCheckpoint[]> {
    return this.db.imports.toArray();
  }

  dropCheckpoint(file: string): Promise<void> {
    return this.db.imports.delete(file);
  }

  async clear(): Promise<void> {
    await this.db.transaction('rw', this.db.messages, this.db.days, this.db.imports, async () => {
      await Promise.all([this.db.messages.clear(), this.db.days.clear(), this.db.imports.clear()]);
    });
  }

  close(): void {
    this.db.close();
  }
}

/** Answers one import request (the background's side); never throws. */
export async function handleImportRequest(
  store: SentStore,
  req: ImportRequest,
  history: {
    uniqueRecipients(): Promise<number | null>;
    /** The shared filter; `set` stores it and tells the open pages. */
    viewFilter?: { get(): Promise<HistoryFilter>; set(filter: unknown): Promise<HistoryFilter> };
  } = { uniqueRecipients: async () => null },
): Promise<
  | { ok: true; data: ImportAnswers[ImportRequest['type']] | undefined }
  | { ok: false; error: StorageErrorInfo }
> {
  try {
    switch (req.type) {
      case 'sent-add':
        return { ok: true, data: await store.add(Array.isArray(req.rows) ? req.rows : []) };
      case 'sent-totals':
        return { ok: true, data: await store.totals(req.query ?? {}) };
      case 'sent-senders':
        return { ok: true, data: await store.senders() };
      case 'import-checkpoint-save': {
        const c = req.checkpoint;
        if (
          typeof c?.file !== 'string' ||
          typeof c.name !== 'string' ||
          !Number.isFinite(c.size) ||
          !Number.isFinite(c.resumeAt)
        )
          throw new TypeError('malformed resume point');
        await store.saveCheckpoint({
          file: c.file.slice(0, 1000),
          name: c.name.slice(0, 300),
          size: c.size,
          resumeAt: c.resumeAt,
          at: Number.isFinite(c.at) ? c.at : Date.now(),
        });
        return { ok: true, data: null };
      }
      case 'import-checkpoint-list':
        return { ok: true, data: await store.checkpoints() };
      case 'import-checkpoint-drop':
        await store.dropCheckpoint(String(req.file));
        return { ok: true, data: null };
      case 'dashboard-unique-recipients':
        return { ok: true, data: await history.uniqueRecipients() };
      case 'view-filter-get':
        return { ok: true, data: (await history.viewFilter?.get()) ?? {} };
      case 'view-filter-set':
        if (!history.viewFilter) throw new Error('no shared filter here');
        return { ok: true, data: await history.viewFilter.set(req.filter) };
      default:
        throw new TypeError('unknown request');
    }
  } catch (err) {
    return { ok: false, error: errorInfo(err, req.type, Date.now()) };
  }
}
