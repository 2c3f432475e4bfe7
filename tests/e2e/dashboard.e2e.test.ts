/**
 * The dashboard's import in real Chromium: a mailbox picked through the file input is read by
 * the worker, stored through the background, and summed up exactly; importing it again adds
 * nothing; an import cancelled half-way leaves exactly the messages before its resume point,
 * and picking the file again completes it without doubling anything.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchExtension, type LaunchedExtension } from './support/extension';
import { stopServiceWorker } from './support/gmail-tab-reports';
import { VENDORED_CORPUS } from '../corpus/paths';
import { classifyMessage } from '../../lib/engine/index';
import { MboxReader } from '../../lib/engine/message/mbox-stream';
import { redate, writeTakeoutMbox } from '../../scripts/bench/takeout-mbox';

const bounce = (file: string, date: string) =>
  redate(
    readFileSync(join(VENDORED_CORPUS, 'maildir', 'bsd', file), 'latin1')
      .replace(/\r?\n/g, '\r\n')
      .replace(/^(>*From )/gm, '>$1'),
    date,
  );

let thread = 1790000000000000000n;
const envelope = () => `From ${++thread}@xxx Mon Mar 04 10:00:00 +0000 2024\r\nX-GM-THRID: ${thread}\r\n`;

/** The mailbox: what each corpus report is, checked before anything is imported. */
const BOUNCES: [file: string, date: string, kind: string, severity: string][] = [
  ['lhost-activehunter-01.eml', 'Sat, 02 Mar 2024 09:00:00 +0000', 'failed', 'hard'],
  ['lhost-exchange2007-06.eml', 'Sun, 03 Mar 2024 09:00:00 +0000', 'failed', 'hard'],
  ['lhost-aol-02.eml', 'Mon, 04 Mar 2024 09:00:00 +0000', 'failed', 'soft'],
  ['lhost-gmail-06.eml', 'Mon, 04 Mar 2024 10:00:00 +0000', 'delayed', 'delayed'],
  ['arf-01.eml', 'Tue, 05 Mar 2024 09:00:00 +0000', 'complaint', 'soft'],
  // Before the first sent message: counted, but outside the bounce rate's days.
  ['lhost-exim-05.eml', 'Tue, 20 Feb 2024 09:00:00 +0000', 'failed', 'hard'],
  // Outlook.com refusing the sending domain (DMARC): an ESP/ISP block.
  ['lhost-dragonfly-02.eml', 'Sun, 25 Feb 2024 09:00:00 +0000', 'failed', 'soft'],
];
const SENT: [date: string, to: string[]][] = [
  ['Fri, 01 Mar 2024 08:00:00 +0000', ['a@example.net', 'b@example.net', 'c@example.net', 'd@example.org']],
  ['Sat, 02 Mar 2024 08:00:00 +0000', ['a@example.net', 'e@example.net', 'f@example.org']],
  ['Tue, 05 Mar 2024 08:00:00 +0000', ['g@example.net', 'h@example.net', 'i@example.net']],
];

function smallMailbox(): string {
  const parts: string[] = [];
  for (const [file, date] of BOUNCES)
    parts.push(`${envelope()}X-Gmail-Labels: Inbox\r\n${bounce(file, date)}\r\n`);
  SENT.forEach(([date, to], i) =>
    parts.push(
      `${envelope()}X-Gmail-Labels: Sent\r\nFrom: Me <me@mycompany.example>\r\nTo: ${to.join(', ')}\r\nDate: ${date}\r\nMessage-ID: <sent-${i}@mycompany.example>\r\nSubject: Offer ${i}\r\n\r\nHello\r\n\r\n`,
    ),
  );
  parts.push(
    `${envelope()}X-Gmail-Labels: Inbox\r\nFrom: friend@example.net\r\nTo: me@mycompany.example\r\nSubject: lunch\r\nDate: Mon, 04 Mar 2024 12:00:00 +0000\r\n\r\nSee you at noon.\r\n\r\n`,
  );
  return parts.join('');
}

async function importFile(page: Page, file: string): Promise<Record<string, string>> {
  await page.getByTestId('import-input').setInputFiles(file);
  await page.waitForSelector(
    '[data-testid="import-progress"]:is([data-state="done"],[data-state="failed"])',
    {
      timeout: 120_000,
    },
  );
  return page
    .getByTestId('import-progress')
    .evaluate((el: HTMLElement) => ({ ...el.dataset }) as Record<string, string>);
}

async function tiles(page: Page): Promise<Record<string, string>> {
  return page.evaluate(() => {
    const out: Record<string, string> = {};
    for (const el of document.querySelectorAll<HTMLElement>('[data-testid^="summary-"]'))
      out[el.dataset.testid!.slice('summary-'.length)] = el.querySelector('dd')?.textContent ?? '';
    return out;
  });
}

/** Waits until the summary shows `total` records (bounces + delays + complaints). */
async function waitForTotal(page: Page, total: number): Promise<Record<string, string>> {
  let last: Record<string, string> = {};
  await expect
    .poll(
      async () => {
        last = await tiles(page);
        const n = (k: string) => Number((last[k] ?? '').replace(/,/g, ''));
        return n('bounces') + n('delays') + n('complaints');
      },
      { timeout: 30_000, interval: 200 },
    )
    .toBe(total);
  return last;
}

describe('dashboard import', () => {
  let ext: LaunchedExtension;
  let page: Page;
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'bt-dash-e2e-'));
    ext = await launchExtension();
    page = await ext.context.newPage();
    await page.goto(ext.extensionUrl('dashboard.html'));
  });
  afterAll(async () => {
    await ext?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('the corpus reports are what the mailbox needs', () => {
    for (const [file, date, kind, severity] of BOUNCES) {
      const r = classifyMessage(bounce(file, date));
      expect([file, r.kind, r.records.length]).toEqual([file, kind, 1]);
      const rec = r.records[0]!;
      expect([file, kind === 'delayed' ? 'delayed' : rec.hard ? 'hard' : 'soft']).toEqual([file, severity]);
    }
  });

  it('imports a picked mailbox and sums it up exactly; importing it again adds nothing', async () => {
    const file = join(dir, 'All mail Including Spam and Trash.mbox');
    writeFileSync(file, smallMailbox(), 'latin1');
    const first = await importFile(page, file);
    expect(first).toMatchObject({
      state: 'done',
      messages: '11',
      sent: '3',
      bounces: '7',
      stored: '7',
      recordsWritten: '7',
      sentAdded: '3',
    });
    const summary = {
      bounces: '5',
      hard: '3',
      soft: '2',
      delays: '1',
      complaints: '1',
      unique: '7',
      // 3 bounced recipients (2 hard, 1 soft) from 1 to 5 March of 10 written to.
      'bounce-rate': '30.0%',
      'delivery-rate': '70.0%',
    };
    await expect.poll(() => tiles(page), { timeout: 30_000 }).toEqual(summary);

    const again = await importFile(page, file);
    // The same seven records again (their "last seen" moves), no new sent message, and nothing added.
    expect(again).toMatchObject({ state: 'done', stored: '7', sentAdded: '0' });
    await page.reload();
    await expect.poll(() => tiles(page), { timeout: 30_000 }).toEqual(summary);
  });

  it('filters by email type and sending IP, alone and together', async () => {
    const pick = async (name: string, value: string) => {
      await page.locator(`select[name="${name}"]`).selectOption(value);
    };
    const counts = (t: Record<string, string>) => [t.bounces, t.hard, t.soft, t.delays, t.complaints];
    const expectCounts = (want: string[]) =>
      expect.poll(async () => counts(await tiles(page)), { timeout: 30_000 }).toEqual(want);
    // Bulk: the Exchange and Exim reports' originals carry list or bulk headers.
    await pick('emailType', 'bulk');
    await expectCounts(['2', '2', '0', '0', '0']);
    // A filter on the kind of mail has no matching count of recipients written to.
    expect((await tiles(page))['bounce-rate']).toBe('unknown');
    await pick('emailType', 'one-to-one');
    await expectCounts(['3', '1', '2', '1', '1']);
    // The breakdowns and the distinct addresses follow the filter: its five records, five addresses.
    const categoryRecords = async () =>
      (
        await page
          .getByTestId('breakdown-category')
          .locator('table.bt-sr-only tbody td:nth-child(2)')
          .allTextContents()
      ).reduce((n, x) => n + Number(x), 0);
    await expect.poll(categoryRecords, { timeout: 30_000 }).toBe(5);
    await expect.poll(async () => (await tiles(page)).unique, { timeout: 30_000 }).toBe('5');
    expect(await page.getByTestId('breakdowns-scope').textContent()).toContain(
      'Over the 5 records the filters match',
    );
    await pick('sendingIp', '192.0.2.5');
    await expectCounts(['1', '0', '1', '0', '0']);
    await pick('emailType', '');
    await pick('sendingIp', '192.0.2.90');
    await expectCounts(['1', '1', '0', '0', '0']);
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await expectCounts(['5', '3', '2', '1', '1']);
    await expect.poll(categoryRecords, { timeout: 30_000 }).toBe(7);
    // A bar of a breakdown filters too; pressing it again clears it.
    const bar = page.getByTestId('breakdown-category').getByRole('button', { name: /^Mailbox Full:/ });
    await bar.click();
    // The over-quota bounce and the delay notice (its mailbox is full too).
    await expectCounts(['1', '0', '1', '1', '0']);
    await bar.click();
    await expectCounts(['5', '3', '2', '1', '1']);
  });

  it('shares its filter with the popup, both ways', async () => {
    await page.locator('select[name="emailType"]').selectOption('bulk');
    await expect.poll(async () => (await tiles(page)).bounces, { timeout: 30_000 }).toBe('2');
    // Chrome stops the idle worker; the filter outlives it (session storage).
    await stopServiceWorker(page);
    // The popup opened now shows the dashboard's filter: the two bulk records of seven.
    const popup = await ext.openPopup();
    await expect
      .poll(() => popup.getByTestId('count-total').textContent(), { timeout: 30_000 })
      .toBe('2 of 7 bounces');
    // Cleared in the popup, cleared on the dashboard.
    await popup.getByRole('button', { name: 'Clear filters' }).click();
    await expect
      .poll(() => page.locator('select[name="emailType"]').inputValue(), { timeout: 30_000 })
      .toBe('');
    await expect.poll(async () => (await tiles(page)).bounces, { timeout: 30_000 }).toBe('5');
    await popup.close();
  });

  it('lists the ESP/ISP block with its dates, diagnostic and the provider’s links', async () => {
    const row = page.getByTestId('blocks').getByRole('row', { name: /Outlook/ });
    await expect.poll(async () => (await row.count()) > 0, { timeout: 30_000 }).toBe(true);
    const cells = await row.locator('td').allTextContents();
    expect(cells[0]).toBe('1');
    // The bounce's own date first, the day it was seen second.
    expect(cells[1]).toMatch(/^2024-02-25 \(seen \d{4}-\d{2}-\d{2}\)$/);
    expect(cells[3]).toContain('5.7.509');
    expect(await row.getByRole('link', { name: 'Outlook.com postmaster troubleshooting' }).count()).toBe(1);
    // Over time: the chart is drawn, and its table has the bounce days, 20 Feb to 5 March.
    const overTime = page.getByTestId('over-time');
    expect(await overTime.locator('canvas').count()).toBeGreaterThan(0);
    const days = await overTime.locator('table.bt-sr-only tbody th').allTextContents();
    expect([days[0], days[days.length - 1]]).toEqual(['2024-02-20', '2024-03-05']);
  });

  it('a cancelled import keeps exactly the messages before its resume point; picking the file again completes it', async () => {
    await page.goto(ext.extensionUrl('dashboard.html'));
    const before = await waitForTotal(page, 7);
    const n = (t: Record<string, string>) =>
      ['bounces', 'delays', 'complaints'].reduce((s, k) => s + Number((t[k] ?? '').replace(/,/g, '')), 0);
    const file = join(dir, 'big.mbox');
    await writeTakeoutMbox(file, 48 * 1024 * 1024, 7);
    const bytes = new Uint8Array(readFileSync(file));

    // A slow disk: the page's writes to the store wait until the test lets them through, so the
    // import is still running when Cancel is pressed, however fast the file is read.
    await page.evaluate(() => {
      const g = globalThis as unknown as {
        chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } };
        btLetWritesThrough?: () => void;
      };
      const runtime = g.chrome.runtime;
      const send = runtime.sendMessage.bind(runtime);
      const held = new Promise<void>((resolve) => (g.btLetWritesThrough = resolve));
      const writes = ['history-import', 'sent-add', 'import-checkpoint-save'];
      runtime.sendMessage = async (m: unknown) => {
        if (writes.includes((m as { type?: string }).type ?? '')) await held;
        return send(m);
      };
    });
    await page.getByTestId('import-input').setInputFiles(file);
    await page.waitForFunction(
      () =>
        Number(document.querySelector<HTMLElement>('[data-testid="import-progress"]')?.dataset.bytes ?? 0) >
        0,
    );
    await page.getByRole('button', { name: 'Cancel import' }).click();
    await page.evaluate(() => (globalThis as unknown as { btLetWritesThrough(): void }).btLetWritesThrough());
    await page.waitForSelector('[data-testid="import-progress"][data-state="cancelled"]');
    // (The batch being stored when the cancel came is finished first: then the resume point is final.)
    await page.reload();
    const resume = page.getByRole('list', { name: 'Imports that stopped before the end' });
    const text = (await resume.textContent()) ?? '';
    const stoppedAt = /stopped at ([\d.]+) (MB|KB)/.exec(text);
    expect(stoppedAt).not.toBeNull();

    // What the store holds now: the records of every bounce message that ends before the resume point.
    const checkpoints = await page.evaluate(async () => {
      const { chrome } = globalThis as unknown as {
        chrome: { runtime: { sendMessage(m: unknown): Promise<{ data: { resumeAt: number }[] }> } };
      };
      return (await chrome.runtime.sendMessage({ type: 'import-checkpoint-list' })).data;
    });
    const resumeAt = checkpoints[0]!.resumeAt;
    expect(resumeAt).toBeGreaterThan(0);
    expect(resumeAt).toBeLessThan(bytes.length);
    const recordsBefore = (end: number) => {
      const reader = new MboxReader();
      const keys = new Set<string>();
      let i = 0;
      for (const e of [...reader.push(bytes.subarray(0, end)), ...reader.end()]) {
        i++;
        if (!e.candidate) continue;
        const r = classifyMessage(e.raw!);
        if (!['failed', 'delayed', 'complaint'].includes(r.kind)) continue;
        for (const rec of r.records) keys.add(`${i}|${rec.recipient ?? ''}`);
      }
      return keys.size;
    };
    const partial = recordsBefore(resumeAt);
    expect(partial).toBeGreaterThan(0);
    expect(n(await waitForTotal(page, n(before) + partial))).toBe(n(before) + partial);

    // Picking the same file again resumes there and ends with every record, none twice.
    const done = await importFile(page, file);
    expect(done.state).toBe('done');
    expect(Number(done.bytes)).toBe(bytes.length);
    const all = recordsBefore(bytes.length);
    expect(n(await waitForTotal(page, n(before) + all))).toBe(n(before) + all);
    expect(await page.getByRole('list', { name: 'Imports that stopped before the end' }).count()).toBe(0);
  });
});
