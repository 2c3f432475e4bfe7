import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { SentStore, handleImportRequest } from './sent';

let n = 0;
const fresh = () => new SentStore(`sent-test-${Date.now()}-${++n}`);
const row = (key: string, from: string, day: string, recipients: number) => ({ key, from, day, recipients });

describe('sent counts', () => {
  it('counts each sent message once, per sender and day, whatever is imported twice', async () => {
    const s = fresh();
    const rows = [
      row('1', 'me@a.example', '2025-01-01', 3),
      row('2', 'me@a.example', '2025-01-01', 2),
      row('3', 'sales@a.example', '2025-01-02', 10),
      row('4', 'me@b.example', '2025-01-03', 1),
    ];
    expect(await s.add(rows)).toEqual({ added: 4 });
    expect(await s.add(rows)).toEqual({ added: 0 });
    expect(
      await s.add([row('1', 'me@a.example', '2025-01-01', 3), row('5', 'me@a.example', '2025-01-03', 4)]),
    ).toEqual({
      added: 1,
    });
    expect(await s.totals()).toEqual({
      messages: 5,
      recipients: 20,
      days: 3,
      firstDay: '2025-01-01',
      lastDay: '2025-01-03',
    });
    expect((await s.totals({ sender: 'a.example' })).recipients).toBe(19);
    expect((await s.totals({ sender: 'ME@a.example' })).recipients).toBe(9);
    expect((await s.totals({ fromDay: '2025-01-02', toDay: '2025-01-03' })).recipients).toBe(15);
    expect((await s.totals({ sender: 'a.example', fromDay: '2025-01-03' })).recipients).toBe(4);
    expect(await s.senders()).toEqual([
      'a.example',
      'b.example',
      'me@a.example',
      'me@b.example',
      'sales@a.example',
    ]);
    s.close();
  });

  it('refuses malformed rows and requests without throwing', async () => {
    const s = fresh();
    const bad = [
      row('x', 'no-at-sign', '2025-01-01', 1),
      row('y', 'a@b.example', 'yesterday', 1),
      row('z', 'a@b.example', '2025-01-01', 0),
      { key: 7, from: 'a@b.example', day: '2025-01-01', recipients: 1 },
    ];
    expect(await s.add(bad as never)).toEqual({ added: 0 });
    expect(await handleImportRequest(s, { type: 'sent-add', rows: 'nope' as never })).toEqual({
      ok: true,
      data: { added: 0 },
    });
    const answer = await handleImportRequest(s, {
      type: 'import-checkpoint-save',
      checkpoint: { file: 1 } as never,
    });
    expect(answer.ok).toBe(false);
    s.close();
  });

  it('keeps resume points per file until dropped', async () => {
    const s = fresh();
    const c = { file: 'a.mbox|100|1', name: 'a.mbox', size: 100, resumeAt: 40, at: 1 };
    await handleImportRequest(s, { type: 'import-checkpoint-save', checkpoint: c });
    await handleImportRequest(s, { type: 'import-checkpoint-save', checkpoint: { ...c, resumeAt: 70 } });
    expect(await handleImportRequest(s, { type: 'import-checkpoint-list' })).toEqual({
      ok: true,
      data: [{ ...c, resumeAt: 70 }],
    });
    await handleImportRequest(s, { type: 'import-checkpoint-drop', file: c.file });
    expect(await s.checkpoints()).toEqual([]);
    s.close();
  });
});
