/**
 * The person's corrections, on disk in the history database (the `corrections` table of schema
 * v4). Only the background uses this; the card and the popup send "history-correct…" messages.
 *
 * Corrections live beside the records, not in them: a record keeps the engine's reading (its
 * counters, filters and search stay the engine's), and whoever shows or exports a record looks its
 * correction up by the record's key. Clearing or deleting records leaves corrections alone: they
 * are the person's judgement, and apply again when the same message is seen or imported again.
 *
 * Every change leaves an undo ticket in the meta table (on disk, so an undo still works after the
 * service worker restarted), holding the rows the change replaced.
 */
import { bouncePattern } from '../engine/corrections/index';
import type { HistoryDb } from './db';
import { normaliseRecipient, type CorrectionRow } from './corrections-file';
import { recordKey } from './record';

/** What the card or the popup says about one record: the row to store, and the server's answer. */
export type CorrectionInput = Pick<
  CorrectionRow,
  'messageId' | 'recipient' | 'to' | 'was' | 'provider' | 'status' | 'reportId'
> & {
  replyCode: string | null;
  /** The server's words (only the masked pattern is kept). */
  diagnostic: string | null;
};

export interface CorrectionChange {
  rows: CorrectionRow[];
  /** Undoes this change (null when nothing changed). */
  token: string | null;
}

export interface CorrectionLookup {
  /** This message's own corrections. */
  own: CorrectionRow[];
  /** The newest correction of another message with the same pattern, when this one has none. */
  similar: CorrectionRow | null;
}

const TICKET = 'corr-undo:';
/** How long a change can be undone from its ticket (the list's Remove works any time). */
export const CORRECTION_UNDO_MS = 10 * 60_000;
let seq = 0;

export class CorrectionStore {
  /** Called after every committed change. */
  onChange: (() => void) | null = null;

  constructor(
    readonly db: HistoryDb,
    private readonly now: () => number = Date.now,
  ) {}

  /** Puts and deletes rows in one transaction, with a ticket that restores what they replaced. */
  private async change(put: CorrectionRow[], del: string[]): Promise<CorrectionChange> {
    const keys = [...new Set([...put.map((r) => r.key), ...del])];
    if (keys.length === 0) return { rows: [], token: null };
    const token = `c${this.now().toString(36)}-${(++seq).toString(36)}-${Math.random().toString(36).slice(2, 7)}`;
    await this.db.transaction('rw', this.db.corrections, this.db.meta, async () => {
      const before = await this.db.corrections.bulkGet(keys);
      if (del.length) await this.db.corrections.bulkDelete(del);
      if (put.length) await this.db.corrections.bulkPut(put);
      await this.db.meta.put({
        k: TICKET + token,
        token,
        keys,
        before: before.map((r) => r ?? null),
        at: this.now(),
      });
      // Tickets past their window are of no use any more.
      const old = await this.db.meta.where('k').startsWith(TICKET).toArray();
      const stale = old.filter((t) => this.now() - Number(t.at) > CORRECTION_UNDO_MS).map((t) => t.k);
      if (stale.length) await this.db.meta.bulkDelete(stale);
    });
    this.onChange?.();
    return { rows: put, token };
  }

  /** Stores corrections (replacing earlier ones of the same records). */
  set(inputs: readonly CorrectionInput[]): Promise<CorrectionChange> {
    const at = this.now();
    const rows = inputs.map((c): CorrectionRow => {
      const recipient = normaliseRecipient(c.recipient);
      return {
        key: recordKey(c.messageId, recipient),
        messageId: c.messageId,
        recipient,
        to: c.to,
        was: c.was,
        provider: c.provider,
        status: c.status,
        pattern: bouncePattern(c) ?? '',
        reportId: c.reportId,
        createdAt: at,
      };
    });
    return this.change(rows, []);
  }

  /** Removes corrections (the list's Remove); undoable like any change. */
  async remove(keys: readonly string[]): Promise<CorrectionChange> {
    const there = (await this.db.corrections.bulkGet([...keys])).filter((r): r is CorrectionRow => !!r);
    const change = await this.change(
      [],
      there.map((r) => r.key),
    );
    return { rows: there, token: change.token };
  }

  /** Puts back what a change replaced; 0 when the ticket is unknown or too old. */
  async undo(token: string): Promise<number> {
    let restored = 0;
    await this.db.transaction('rw', this.db.corrections, this.db.meta, async () => {
      const t = await this.db.meta.get(TICKET + token);
      if (!t || this.now() - Number(t.at) > CORRECTION_UNDO_MS) return;
      const keys = t.keys as string[];
      const before = t.before as (CorrectionRow | null)[];
      await this.db.corrections.bulkDelete(keys.filter((_k, i) => !before[i]));
      const back = before.filter((r): r is CorrectionRow => !!r);
      if (back.length) await this.db.corrections.bulkPut(back);
      await this.db.meta.delete(TICKET + token);
      restored = keys.length;
    });
    if (restored) this.onChange?.();
    return restored;
  }

  /** Every correction, newest first. */
  async list(): Promise<CorrectionRow[]> {
    return this.db.corrections.orderBy('createdAt').reverse().toArray();
  }

  /** The corrections of these record keys. */
  async ofKeys(keys: readonly string[]): Promise<Map<string, CorrectionRow>> {
    const rows = await this.db.corrections.bulkGet([...keys]);
    return new Map(rows.filter((r): r is CorrectionRow => !!r).map((r) => [r.key, r]));
  }

  /** A message's own corrections, or else the newest one made on a bounce of the same pattern. */
  async lookup(messageId: string, pattern: string | null): Promise<CorrectionLookup> {
    const own = await this.db.corrections.where('messageId').equals(messageId).toArray();
    if (own.length > 0 || !pattern) return { own, similar: null };
    const same = await this.db.corrections.where('pattern').equals(pattern).toArray();
    const similar = same
      .filter((r) => r.messageId !== messageId)
      .sort((a, b) => b.createdAt - a.createdAt)[0];
    return { own, similar: similar ?? null };
  }

  /**
   * Adds corrections read from a file. A correction already stored with the same verdict is left
   * as it is, so importing a file twice adds nothing; one that says something else is replaced.
   */
  async importRows(
    rows: readonly CorrectionRow[],
  ): Promise<{ added: number; updated: number; unchanged: number }> {
    const byKey = new Map(rows.map((r) => [r.key, r]));
    const incoming = [...byKey.values()];
    const stored = await this.db.corrections.bulkGet(incoming.map((r) => r.key));
    let added = 0;
    let updated = 0;
    const put: CorrectionRow[] = [];
    incoming.forEach((r, i) => {
      const s = stored[i];
      if (!s) added++;
      else if (s.to !== r.to) updated++;
      else return;
      put.push(r);
    });
    if (put.length) await this.change(put, []);
    return { added, updated, unchanged: incoming.length - put.length };
  }
}
