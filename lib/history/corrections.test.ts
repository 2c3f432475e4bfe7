import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import type { CorrectionTo } from '../engine/corrections/index';
import { CORRECTION_UNDO_MS } from './corrections';
import { CORRECTIONS_FORMAT, parseCorrectionsJson } from './corrections-file';
import { HistoryDb } from './db';
import type { BounceWords } from './protocol';
import { HistoryService, type KeyValueStore } from './service';
import { HistoryStore } from './store';
import { fakeSeen } from './test-fixtures';

let n = 0;
const stores: HistoryStore[] = [];
afterEach(() => {
  for (const s of stores.splice(0)) s.close();
});

function make(name = `corr-${Date.now()}-${++n}`) {
  let now = 1_795_000_000_000;
  const clock = () => now;
  const store = new HistoryStore({ db: new HistoryDb(name), now: clock });
  stores.push(store);
  const data = new Map<string, unknown>();
  const kv: KeyValueStore = { get: async (k) => data.get(k), set: async (k, v) => void data.set(k, v) };
  const svc = new HistoryService(store, kv, clock);
  return { svc, store, name, clock, tick: (ms: number) => (now += ms) };
}

const WORDS = (addr: string, id: string): BounceWords => ({
  provider: 'google',
  status: '5.1.1',
  replyCode: '550',
  diagnostic: `550 5.1.1 <${addr}>: The email account that you tried to reach does not exist. ${id} - gsmtp`,
});

const correction = (
  messageId: string,
  recipient: string,
  to: string,
  words = WORDS(recipient, 'a1si22'),
) => ({
  messageId,
  recipient,
  to: to as CorrectionTo,
  was: {
    kind: 'failed' as const,
    category: 'invalid-address' as const,
    reason: 'userunknown' as const,
    hard: true,
  },
  ...words,
  reportId: null,
});

async function plain(svc: HistoryService): Promise<string[]> {
  const a = await svc.handle({
    type: 'history-export',
    filter: {},
    keys: null,
    format: 'plain',
    excel: false,
  });
  if (!a.ok) throw new Error(a.error.message);
  return a.data.text.split('\n').filter(Boolean).sort();
}

describe('corrections in the background', () => {
  it('are stored, shown on their record, applied to the suppression list and undone', async () => {
    const { svc } = make();
    await svc.start();
    await svc.onBounceSeen(fakeSeen('10', [{ recipient: 'ann@x.example' }]));
    await svc.onBounceSeen(fakeSeen('11', [{ recipient: 'bo@x.example' }]));
    expect(await plain(svc)).toEqual(['ann@x.example', 'bo@x.example']);

    const set = await svc.handle({
      type: 'history-correct',
      corrections: [correction('10', '<Ann@X.example>', 'keep')],
    });
    expect(set.ok && set.data.rows.map((r) => [r.key, r.to])).toEqual([['10|ann@x.example', 'keep']]);
    expect(await plain(svc)).toEqual(['bo@x.example']);

    const q = await svc.handle({ type: 'history-query', filter: {}, offset: 0, limit: 10 });
    const rows = q.ok ? q.data.rows : [];
    expect(rows.find((r) => r.key === '10|ann@x.example')?.correction?.to).toBe('keep');
    expect(rows.find((r) => r.key === '10|ann@x.example')?.category).toBe('invalid-address');
    expect(rows.find((r) => r.key === '11|bo@x.example')?.correction).toBeUndefined();

    // Changed to another category, then undone: back to "keep".
    const again = await svc.handle({
      type: 'history-correct',
      corrections: [correction('10', 'ann@x.example', 'dmarc')],
    });
    expect(await plain(svc)).toEqual(['bo@x.example']);
    const undo = await svc.handle({
      type: 'history-corrections-undo',
      token: again.ok ? again.data.token! : '',
    });
    expect(undo).toEqual({ ok: true, data: { restored: 1 } });
    const list = await svc.handle({ type: 'history-corrections' });
    expect(list.ok && list.data.map((r) => r.to)).toEqual(['keep']);

    // Removed from the list: the address is listed again; the removal can be undone too.
    const removed = await svc.handle({ type: 'history-corrections-remove', keys: ['10|ann@x.example'] });
    expect(await plain(svc)).toEqual(['ann@x.example', 'bo@x.example']);
    await svc.handle({ type: 'history-corrections-undo', token: removed.ok ? removed.data.token! : '' });
    expect(await plain(svc)).toEqual(['bo@x.example']);
  });

  it('keeps undo tickets on disk for a while, not forever', async () => {
    const { svc, store, clock, tick } = make();
    const token = async (m: string) => {
      const set = await svc.handle({
        type: 'history-correct',
        corrections: [correction(m, 'a@x.example', 'keep')],
      });
      return set.ok ? set.data.token! : '';
    };
    const [t1, t2] = [await token('10'), await token('11')];
    // A new service over the same database (the worker restarted) can still undo.
    const none: KeyValueStore = { get: async () => undefined, set: async () => undefined };
    const svc2 = new HistoryService(store, none, clock);
    expect(await svc2.handle({ type: 'history-corrections-undo', token: t1 })).toEqual({
      ok: true,
      data: { restored: 1 },
    });
    tick(CORRECTION_UNDO_MS + 1);
    expect(await svc2.handle({ type: 'history-corrections-undo', token: t2 })).toEqual({
      ok: true,
      data: { restored: 0 },
    });
    expect(await store.db.corrections.toCollection().primaryKeys()).toEqual(['11|a@x.example']);
  });

  it('offers a correction again on a bounce with the same pattern, never its own message', async () => {
    const { svc } = make();
    await svc.handle({
      type: 'history-correct',
      corrections: [correction('10', 'ann@x.example', 'mailbox-full')],
    });
    const similar = await svc.handle({
      type: 'history-corrections-lookup',
      messageId: '20',
      bounce: WORDS('zed@other.example', 'q9si77abc.3'),
    });
    expect(similar.ok && similar.data.own).toEqual([]);
    expect(similar.ok && similar.data.similar?.to).toBe('mailbox-full');
    const own = await svc.handle({
      type: 'history-corrections-lookup',
      messageId: '10',
      bounce: WORDS('ann@x.example', 'z'),
    });
    expect(own.ok && own.data.own.map((r) => r.to)).toEqual(['mailbox-full']);
    expect(own.ok && own.data.similar).toBeNull();
    const other = await svc.handle({
      type: 'history-corrections-lookup',
      messageId: '21',
      bounce: { ...WORDS('zed@other.example', 'x'), provider: 'microsoft' },
    });
    expect(other.ok && other.data.similar).toBeNull();
  });

  it('exports to a versioned file, imports it into a fresh database, and a second import adds nothing', async () => {
    const a = make();
    await a.svc.handle({
      type: 'history-correct',
      corrections: [
        correction('10', 'ann@x.example', 'keep'),
        correction('11', 'bo@x.example', 'not-bounce'),
      ],
    });
    const file = await a.svc.handle({ type: 'history-corrections-export' });
    if (!file.ok) throw new Error('export failed');
    expect(file.data.rows).toBe(2);
    expect(JSON.parse(file.data.text)).toMatchObject({ format: CORRECTIONS_FORMAT, version: 1 });

    const b = make();
    const first = await b.svc.handle({ type: 'history-corrections-import', text: file.data.text });
    expect(first).toEqual({
      ok: true,
      data: { error: null, added: 2, updated: 0, unchanged: 0, refused: 0, why: [] },
    });
    const second = await b.svc.handle({ type: 'history-corrections-import', text: file.data.text });
    expect(second.ok && [second.data.added, second.data.unchanged]).toEqual([0, 2]);
    expect(await b.store.db.corrections.count()).toBe(2);
    await b.svc.onBounceSeen(fakeSeen('10', [{ recipient: 'ann@x.example' }]));
    expect(await plain(b.svc)).toEqual([]);
  });

  it('says clearly what is wrong with a file that is not a corrections file, and counts bad entries', async () => {
    const { svc } = make();
    const errorOf = async (text: string) => {
      const a = await svc.handle({ type: 'history-corrections-import', text });
      return a.ok ? a.data.error : a.error.message;
    };
    expect(await errorOf('not json')).toMatch(/not JSON/);
    expect(await errorOf('{"format":"something-else","version":1,"corrections":[]}')).toMatch(
      /not a Bounce Triage corrections file/,
    );
    expect(await errorOf(`{"format":"${CORRECTIONS_FORMAT}","version":9,"corrections":[]}`)).toMatch(
      /newer version/,
    );
    expect(await errorOf(`{"format":"${CORRECTIONS_FORMAT}","version":1}`)).toMatch(/no list/);
    const good = parseCorrectionsJson(
      JSON.stringify({
        format: CORRECTIONS_FORMAT,
        version: 1,
        corrections: [
          { ...correction('10', 'a@x.example', 'keep'), createdAt: 1, pattern: '' },
          { ...correction('x', 'a@x.example', 'keep'), createdAt: 1 },
          { ...correction('12', 'a@x.example', 'nonsense'), createdAt: 1 },
        ],
      }),
    );
    expect([good.rows.length, good.refused]).toEqual([1, 2]);
    expect(good.why[0]).toMatch(/entry 2: messageId/);
  });

  it('refuses malformed correction messages and counts them', async () => {
    const { svc } = make();
    const bad = [
      { type: 'history-correct', corrections: [] },
      { type: 'history-correct', corrections: [correction('12a', 'a@x.example', 'keep')] },
      { type: 'history-correct', corrections: [correction('12', 'a@x.example', 'maybe')] },
      {
        type: 'history-correct',
        corrections: [{ ...correction('12', 'a@x.example', 'keep'), was: { kind: 'failed' } }],
      },
      { type: 'history-corrections-lookup', messageId: '1', bounce: { diagnostic: 5 } },
      { type: 'history-corrections-import', text: 7 },
    ];
    for (const m of bad) expect((await svc.handle(m)).ok, JSON.stringify(m)).toBe(false);
    const st = await svc.handle({ type: 'history-status' });
    expect(st.ok && st.data.refusedByType['history-correct']).toBe(4);
    expect(st.ok && st.data.refusedByType['history-corrections-lookup']).toBe(1);
    expect(st.ok && st.data.refusedByType['history-corrections-import']).toBe(1);
  });
});

describe('patterns from the popup and from the card', () => {
  it('agree: a correction made on a stored record is offered on the card of a similar bounce', async () => {
    const { svc } = make();
    // A long reply, folded over lines as servers send it: the record keeps it clipped and on one line.
    const reply = (addr: string, id: string) =>
      `550-5.1.1 The email account that you tried to reach does not exist. Please try\n550-5.1.1 double-checking the recipient's email address for typos or\n550-5.1.1 unnecessary spaces. For more information, go to\n550 5.1.1  https://support.google.com/mail/?p=NoSuchUser <${addr}> ${id} - gsmtp ` +
      'x'.repeat(300);
    await svc.onBounceSeen(
      fakeSeen('30', [
        { recipient: 'ann@x.example', provider: 'google', diagnostic: reply('ann@x.example', 'a1si2.5') },
      ]),
    );
    const q = await svc.handle({ type: 'history-query', filter: {}, offset: 0, limit: 10 });
    const row = q.ok ? q.data.rows[0]! : null;
    expect(row?.diagnostic?.length).toBeLessThan(reply('ann@x.example', 'a1si2.5').length);
    await svc.handle({
      type: 'history-correct',
      corrections: [
        {
          messageId: row!.messageId,
          recipient: row!.recipient,
          to: 'keep',
          was: { kind: row!.kind, category: row!.category, reason: row!.reason, hard: row!.hard },
          provider: row!.provider,
          status: row!.status,
          replyCode: row!.replyCode,
          diagnostic: row!.diagnostic,
          reportId: null,
        },
      ],
    });
    const found = await svc.handle({
      type: 'history-corrections-lookup',
      messageId: '31',
      bounce: {
        provider: 'google',
        status: row!.status,
        replyCode: row!.replyCode,
        diagnostic: reply('zed@y.example', 'b77si9.12'),
      },
    });
    expect(found.ok && found.data.similar?.to).toBe('keep');
  });
});
