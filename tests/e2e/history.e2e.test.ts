/**
 * The bounce history end to end, in Chromium with the built extension: reports from two tabs end
 * up once each in the background's database, the popup lists, filters and exports them (file
 * content checked byte for byte), clear-all can be undone, and a storage failure is shown.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { classifyMessage } from '../../lib/engine';
import { DB_NAME } from '../../lib/history/db';
import { FULL_MAILBOX, fakeSeen } from '../../lib/history/test-fixtures';
import { launchExtension, type LaunchedExtension } from './support/extension';
import { GmailSim } from './support/gmail-sim';
import { BSD } from './support/corpus';
import {
  readRecordsRaw,
  readSettingsRaw,
  reportFromPage,
  shownAddresses,
  waitForList,
} from './support/history-helpers';

const CORPUS = `${BSD}/`;
let ext: LaunchedExtension;

beforeEach(async () => {
  ext = await launchExtension({
    extensionPath: inject('extensionDir'),
    viewport: { width: 780, height: 600 },
  });
  // tsx keeps function names with a helper the page does not have.
  await ext.context.addInitScript('globalThis.__name = (f) => f;');
});
afterEach(async () => {
  await ext?.close();
});

const T0 = Date.UTC(2026, 9, 1, 9, 0, 0);
const T1 = Date.UTC(2026, 10, 2, 10, 30, 0);
const T2 = Date.UTC(2026, 10, 3, 11, 45, 5);
const T3 = Date.UTC(2026, 10, 4, 12, 0, 59);
const ID = (n: number) => String(18_000_000_000_000_000_000n + BigInt(n));

/** Four bounces, one of them reported by both tabs, one of them twice by the same address. */
function reports() {
  const tabA = [
    fakeSeen(ID(1), [{ recipient: 'Ann@Example.com' }], { seenAt: T1 }),
    fakeSeen(
      ID(4),
      [
        {
          recipient: 'cy@slow.example',
          category: 'rate-limit',
          reason: 'speeding',
          hard: false,
          replyCode: '421',
          status: '4.7.0',
          diagnostic: '421 4.7.0 Try again later',
          provider: null,
        },
      ],
      { seenAt: T0, kind: 'delayed' },
    ),
  ];
  const tabB = [
    fakeSeen(ID(1), [{ recipient: 'ann@example.com' }], { seenAt: T1, source: 'raw' }),
    fakeSeen(
      ID(2),
      [
        {
          ...FULL_MAILBOX,
          diagnostic: '=HYPERLINK("http://x.example","quota")',
          provider: 'microsoft',
        },
      ],
      { seenAt: T2, source: 'raw', account: 'u/1' },
    ),
    fakeSeen(ID(3), [{ recipient: 'ann@example.com' }], { seenAt: T3 }),
  ];
  return { tabA, tabB };
}

async function openPopup(): Promise<Page> {
  const page = await ext.openPopup();
  await waitForList(page);
  // Wait for the counts as well as the rows.
  await page.waitForFunction(() => !document.querySelector('.bt-counts .bt-muted'));
  return page;
}

/** Run an action and wait for the list to show a newer generation of rows. */
async function andWait(page: Page, action: () => Promise<unknown>): Promise<void> {
  const gen = await page.evaluate(() =>
    Number(document.querySelector<HTMLElement>('.bt-scroll, .bt-empty')?.dataset.gen ?? -1),
  );
  await action();
  await waitForList(page, gen);
}

async function download(
  page: Page,
  format: string,
  opts: { excel?: boolean } = {},
): Promise<{ name: string; text: string }> {
  await page.selectOption('select[name="format"]', format);
  const excel = page.locator('input[name="excel"]');
  if ((await excel.isChecked()) !== !!opts.excel) await excel.click();
  const [dl] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download' }).click(),
  ]);
  return { name: dl.suggestedFilename(), text: readFileSync(await dl.path(), 'utf8') };
}

describe('bounce history', () => {
  it('stores reports from two tabs once each, lists, filters and exports them exactly', async () => {
    const { tabA, tabB } = reports();
    const [a, b] = await Promise.all([ext.openPopup(), ext.openPopup()]);
    const answers = await Promise.all([reportFromPage(a, tabA), reportFromPage(b, tabB)]);
    expect(answers.flat().every((x) => x.ok)).toBe(true);
    await a.close();
    await b.close();

    const stored = await readRecordsRaw(ext.serviceWorker);
    expect(stored.map((r) => r.key).sort()).toEqual([
      `${ID(1)}|ann@example.com`,
      `${ID(2)}|bob@corp.example`,
      `${ID(3)}|ann@example.com`,
      `${ID(4)}|cy@slow.example`,
    ]);
    expect(stored.find((r) => r.messageId === ID(1))?.source).toBe('raw');

    const page = await openPopup();
    expect(await shownAddresses(page)).toEqual([
      'ann@example.com',
      'bob@corp.example',
      'ann@example.com',
      'cy@slow.example',
    ]);
    await expect(page.getByTestId('count-total').textContent()).resolves.toBe('4 bounces');
    const header = await page.locator('.bt-counts').textContent();
    expect(header).toContain('2 hard');
    expect(header).toContain('1 soft');
    expect(header).toContain('1 delayed');
    // The newest row opens its message in Gmail: hex of the decimal id, in the account it was seen in.
    expect(
      await page.locator('.bt-row[data-row-index="0"] a', { hasText: 'Open' }).getAttribute('href'),
    ).toBe(`https://mail.google.com/mail/u/0/#all/${BigInt(ID(3)).toString(16)}`);
    expect(
      await page.locator('.bt-row[data-row-index="1"] a', { hasText: 'Open' }).getAttribute('href'),
    ).toBe(`https://mail.google.com/mail/u/1/#all/${BigInt(ID(2)).toString(16)}`);

    // Filters combine; search covers address, domain, code and diagnostic.
    await andWait(page, () => page.click('button[data-severity="hard"]'));
    expect(await shownAddresses(page)).toEqual(['ann@example.com', 'ann@example.com']);
    await andWait(page, () => page.click('button[data-severity="delayed"]'));
    expect(await shownAddresses(page)).toEqual(['ann@example.com', 'ann@example.com', 'cy@slow.example']);
    await andWait(page, () => page.fill('input[name="search"]', '4.7.0'));
    expect(await shownAddresses(page)).toEqual(['cy@slow.example']);
    await andWait(page, () => page.getByRole('button', { name: 'Clear filters' }).click());
    await andWait(page, () => page.fill('input[name="search"]', 'hyperlink'));
    expect(await shownAddresses(page)).toEqual(['bob@corp.example']);
    await andWait(page, () => page.fill('input[name="search"]', ''));
    await andWait(page, () => page.selectOption('select[name="category"]', 'invalid-address'));
    expect(await shownAddresses(page)).toEqual(['ann@example.com', 'ann@example.com']);
    // The suppression list ignores the filter: only the dead address, not the single over-quota
    // bounce nor the rate limit.
    const plain = await download(page, 'plain');
    expect(plain.text).toBe('ann@example.com\n');
    const shown = await download(page, 'addresses');
    expect(shown.text).toBe('ann@example.com\n');
    await andWait(page, () => page.selectOption('select[name="category"]', ''));

    const iso = (t: number) => new Date(t).toISOString().replace('.000Z', 'Z');
    const unique = await download(page, 'unique');
    expect(unique.name).toMatch(/^bounces-unique-\d{8}-\d{4}\.csv$/);
    expect(unique.text).toBe(
      'address,list,reason,last_category,last_codes,hard,last_seen,bounces,why\r\n' +
        `ann@example.com,bounce,userunknown,invalid-address,550 5.1.1,true,${iso(T3)},2,Will be suppressed: the address does not exist\r\n`,
    );
    // An import file never gets Excel's byte order mark.
    expect(await page.locator('input[name="excel"]').isDisabled()).toBe(false);
    await page.selectOption('select[name="format"]', 'mailgun');
    expect(await page.locator('input[name="excel"]').isDisabled()).toBe(true);
    const mailgun = await download(page, 'mailgun');
    expect(mailgun.text).toBe(
      'address,code,error,created_at\r\n' +
        'ann@example.com,550,550 5.1.1 The email account that you tried to reach does not exist,"Wed, 04 Nov 2026 12:00:59 +0000"\r\n',
    );
    const records = await download(page, 'records', { excel: true });
    expect(records.text.startsWith('\uFEFFlast_seen,')).toBe(true);
    expect(records.text).toContain(',"\'=HYPERLINK(""http://x.example"",""quota"")",');

    // The address list and a row's resolution steps go to the clipboard. (Chromium will not grant
    // clipboard reading to an extension origin in tests, so the write is recorded instead.)
    await page.evaluate(() => {
      const w = window as unknown as { __copied: string[] };
      w.__copied = [];
      navigator.clipboard.writeText = async (text: string) => {
        w.__copied.push(text);
      };
    });
    const copied = () => page.evaluate(() => (window as unknown as { __copied: string[] }).__copied);
    await page.getByRole('button', { name: 'Copy addresses' }).click();
    await expect.poll(copied).toEqual(['ann@example.com\nbob@corp.example\ncy@slow.example\n']);
    await page
      .locator('.bt-row[data-row-index="0"]')
      .getByRole('button', { name: /^Copy steps for/ })
      .click();
    await expect
      .poll(async () => (await copied())[1])
      .toMatch(/^Invalid address — ann@example\.com\n\n1\. \S/);
    await expect(page.locator('.bt-toast').textContent()).resolves.toContain('Copied the steps');

    // Selection: export and delete just the selected rows.
    await page.locator('.bt-row[data-row-index="1"] input.bt-check').check();
    await page.locator('.bt-row[data-row-index="3"] input.bt-check').check();
    expect((await download(page, 'addresses')).text).toBe('bob@corp.example\ncy@slow.example\n');
    // The suppression list is not narrowed by a selection.
    expect((await download(page, 'ses')).text).toBe('ann@example.com,BOUNCE\r\n');
    await andWait(page, () => page.getByRole('button', { name: 'Delete selected' }).click());
    expect(await shownAddresses(page)).toEqual(['ann@example.com', 'ann@example.com']);
    expect((await readRecordsRaw(ext.serviceWorker)).length).toBe(2);
  });

  it('clears everything after confirmation and brings it back with undo', async () => {
    const { tabA, tabB } = reports();
    const tab = await ext.openPopup();
    await reportFromPage(tab, [...tabA, ...tabB]);
    await tab.close();
    const page = await openPopup();
    expect(await shownAddresses(page)).toHaveLength(4);

    await page.getByText('Settings').click();
    await page.getByRole('button', { name: 'Clear all…' }).click();
    await expect(page.getByRole('alertdialog').textContent()).resolves.toContain('Delete all 4 records?');
    await andWait(page, () => page.getByRole('button', { name: 'Delete all' }).click());
    // A refresh the earlier reports asked for may still land first, with the rows as they were.
    await expect.poll(() => page.locator('.bt-empty').count()).toBe(1);
    expect(await readRecordsRaw(ext.serviceWorker)).toEqual([]);
    await expect(page.getByTestId('toast').textContent()).resolves.toMatch(
      /Cleared 4 records\. Undo \(\d+s\)/,
    );

    await andWait(page, () => page.getByRole('button', { name: /^Undo/ }).click());
    await expect
      .poll(() => shownAddresses(page))
      .toEqual(['ann@example.com', 'bob@corp.example', 'ann@example.com', 'cy@slow.example']);
    expect((await readRecordsRaw(ext.serviceWorker)).length).toBe(4);
    await expect(page.getByTestId('toast').textContent()).resolves.toBe('Restored 4 records. ');
  });

  it('reopens the database deleted under the worker, says so, and never lists rows the disk lost', async () => {
    const { tabA } = reports();
    const page = await openPopup();
    await reportFromPage(page, tabA);
    expect((await readRecordsRaw(ext.serviceWorker)).length).toBe(2);
    // Deleted from inside the extension's origin while the background holds it open (as clearing
    // the browser's site data does).
    const deleted = await ext.serviceWorker.evaluate(
      (name) =>
        new Promise<string>((resolve) => {
          const req = indexedDB.deleteDatabase(name);
          req.onsuccess = () => resolve('deleted');
          req.onerror = () => resolve(`error ${req.error?.name}`);
        }),
      DB_NAME,
    );
    expect(deleted).toBe('deleted');
    const [answer] = await reportFromPage(page, [
      fakeSeen(ID(9), [{ recipient: 'new@fail.example' }], { seenAt: T3 }),
    ]);
    expect(answer?.ok).toBe(true);
    await page.reload();
    await waitForList(page);
    expect(await shownAddresses(page)).toEqual(['new@fail.example']);
    expect(await page.getByTestId('count-total').textContent()).toBe('1 bounces');
    const note = page.getByTestId('recovered');
    await note.waitFor();
    expect(await note.textContent()).toContain('deleted');
    await note.getByRole('button', { name: 'Dismiss' }).click();
    await expect.poll(() => page.getByTestId('recovered').count()).toBe(0);
  });

  it('lists exactly what the disk holds after another version drops its table', async () => {
    const { tabA } = reports();
    const page = await openPopup();
    await reportFromPage(page, tabA);
    // A newer schema elsewhere takes the table away from the background (as a downgrade of
    // the extension would): the background's connection is closed and its table is gone.
    const upgraded = await page.evaluate(
      (name) =>
        new Promise<string>((resolve) => {
          const req = indexedDB.open(name, 100_000);
          req.onupgradeneeded = () => req.result.deleteObjectStore('records');
          req.onsuccess = () => {
            req.result.close();
            resolve('upgraded');
          };
          req.onerror = () => resolve(`error ${req.error?.name}`);
          req.onblocked = () => resolve('blocked');
        }),
      DB_NAME,
    );
    expect(upgraded).toBe('upgraded');
    const [answer] = await reportFromPage(page, [
      fakeSeen(ID(9), [{ recipient: 'new@fail.example' }], { seenAt: T3 }),
    ]);
    await page.reload();
    await waitForList(page);
    if (answer?.ok) {
      // Reopened with the table made again: only the new bounce exists, and only it is listed.
      expect(await shownAddresses(page)).toEqual(['new@fail.example']);
      expect(await page.getByTestId('count-total').textContent()).toBe('1 bounces');
      await page.getByTestId('recovered').waitFor();
    } else {
      const banner = page.getByTestId('storage-error');
      await banner.waitFor();
      expect(await banner.getAttribute('role')).toBe('alert');
      expect(await shownAddresses(page)).toEqual([]);
    }
  });

  it('records bounces opened in two simulated Gmail tabs, and the popup shows them', async () => {
    const sim = new GmailSim();
    const files = ['lhost-gmail-01.eml', 'lhost-exim-01.eml'];
    const convs: Awaited<ReturnType<GmailSim['add']>>[] = [];
    for (const f of files) convs.push(await sim.add([`${CORPUS}${f}`]));
    await sim.install(ext.context);
    const expected = files.map((f) => classifyMessage(readFileSync(`${CORPUS}${f}`)).records[0]!);
    expect(expected.every((r) => r.recipient)).toBe(true);

    const tabs = await Promise.all(convs.map(() => ext.context.newPage()));
    await Promise.all(tabs.map((t, i) => t.goto(sim.url(convs[i]!, i === 0 ? 'u/0' : 'u/1'))));
    // Each tab's card enriches the bounce from its raw source and reports it.
    await Promise.all(
      tabs.map((t) =>
        t.waitForSelector('[data-bt-state="enriched"]', { state: 'attached', timeout: 30_000 }),
      ),
    );
    await expect
      .poll(async () => (await readRecordsRaw(ext.serviceWorker)).filter((r) => r.source === 'raw').length, {
        timeout: 15_000,
      })
      .toBe(2);
    // Reopening the same bounce in another tab adds nothing.
    const again = await ext.context.newPage();
    await again.goto(sim.url(convs[0]!));
    await again.waitForSelector('[data-bt-state]', { state: 'attached', timeout: 30_000 });

    const stored = await readRecordsRaw(ext.serviceWorker);
    expect(stored.map((r) => [r.messageId, r.recipient, r.category, r.hard]).sort()).toEqual(
      convs
        .map((c, i) => [
          c.messages[0]!.decimal,
          expected[i]!.recipient,
          expected[i]!.category,
          expected[i]!.hard,
        ])
        .sort(),
    );
    expect(stored.find((r) => r.messageId === convs[1]!.messages[0]!.decimal)?.account).toBe('u/1');

    const page = await openPopup();
    expect((await shownAddresses(page)).sort()).toEqual(expected.map((r) => r.recipient!).sort());
    await andWait(page, () => page.fill('input[name="search"]', expected[1]!.recipient!.split('@')[1]!));
    expect(await shownAddresses(page)).toEqual([expected[1]!.recipient]);
    const file = await download(page, 'addresses');
    expect(file.text).toBe(`${expected[1]!.recipient}\n`);
  });

  it('keeps one record for a bounce opened in Gmail and then imported from a Takeout mailbox', async () => {
    const sim = new GmailSim();
    const file = `${CORPUS}lhost-exim-01.eml`;
    const conv = await sim.add([file]);
    await sim.install(ext.context);
    const tab = await ext.context.newPage();
    await tab.goto(sim.url(conv));
    await tab.waitForSelector('[data-bt-state="enriched"]', { state: 'attached', timeout: 30_000 });
    await expect
      .poll(async () => (await readRecordsRaw(ext.serviceWorker)).filter((r) => r.source === 'raw').length, {
        timeout: 15_000,
      })
      .toBe(1);
    const [seen] = await readRecordsRaw(ext.serviceWorker);
    expect(seen).toMatchObject({
      messageId: conv.messages[0]!.decimal,
      bounceId: 'e1p1ceb-000fl1-4q@e1.example.org',
    });

    // The same message in a Takeout mailbox, beside an ordinary one: another id, the same Message-ID.
    const dir = mkdtempSync(join(tmpdir(), 'bt-join-'));
    try {
      const raw = readFileSync(file, 'latin1')
        .replace(/\r?\n/g, '\r\n')
        .replace(/^(>*From )/gm, '>$1');
      const mbox = join(dir, 'mail.mbox');
      writeFileSync(
        mbox,
        `From 1790000000000000001@xxx Mon Mar 04 10:00:00 +0000 2024\r\nX-GM-THRID: 1790000000000000001\r\nX-Gmail-Labels: Inbox\r\n${raw}\r\n` +
          `From 1790000000000000002@xxx Mon Mar 04 10:00:00 +0000 2024\r\nX-GM-THRID: 1790000000000000002\r\nX-Gmail-Labels: Inbox\r\nFrom: a@b.example\r\nSubject: hi\r\n\r\nhello\r\n\r\n`,
        'latin1',
      );
      const dash = await ext.context.newPage();
      await dash.goto(ext.extensionUrl('dashboard.html'));
      await dash.getByTestId('import-input').setInputFiles(mbox);
      const progress = dash.locator(
        '[data-testid="import-progress"]:is([data-state="done"],[data-state="failed"])',
      );
      await progress.waitFor({ timeout: 60_000 });
      expect(await progress.evaluate((el: HTMLElement) => ({ ...el.dataset }))).toMatchObject({
        state: 'done',
        bounces: '1',
        stored: '1',
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const after = await readRecordsRaw(ext.serviceWorker);
    expect(after.map((r) => [r.messageId, r.account, r.recipient, r.firstSeen])).toEqual([
      [seen!.messageId, seen!.account, seen!.recipient, seen!.firstSeen],
    ]);
  });

  it("tells the user when Gmail's page was not recognised", async () => {
    const sim = new GmailSim();
    const conv = await sim.add([`${CORPUS}lhost-gmail-01.eml`], { unrecognised: true });
    await sim.install(ext.context);
    const gmail = await ext.context.newPage();
    await gmail.goto(sim.url(conv));
    const page = await openPopup();
    expect(await page.getByTestId('page-not-recognised').count()).toBe(0);
    // The content script reports after giving the page a few seconds to render.
    await expect
      .poll(
        async () => {
          await page.reload();
          await waitForList(page);
          return page.getByTestId('page-not-recognised').count();
        },
        { timeout: 15_000, interval: 1000 },
      )
      .toBe(1);
    expect(await page.getByTestId('page-not-recognised').textContent()).toContain('no match for message');
  });

  it('updates an open popup when a new bounce is reported', async () => {
    const page = await openPopup();
    expect(await page.locator('.bt-empty').count()).toBe(1);
    const tab = await ext.openPopup();
    await reportFromPage(tab, [fakeSeen(ID(5), [{ recipient: 'late@news.example' }], { seenAt: T3 })]);
    await expect.poll(() => shownAddresses(page), { timeout: 10_000 }).toEqual(['late@news.example']);
  });

  it('pauses capture, and applies a retention setting that survives reopening the popup', async () => {
    const page = await openPopup();
    await page.getByText('Settings').click();
    await page.locator('input[name="paused"]').check();
    await page.getByText('Capture is paused').waitFor();
    await expect.poll(() => readSettingsRaw(ext.serviceWorker)).toMatchObject({ paused: true });
    const [answer] = await reportFromPage(page, [
      fakeSeen(ID(7), [{ recipient: 'paused@x.example' }], { seenAt: T3 }),
    ]);
    expect(answer).toEqual({ ok: true, data: { stored: 0, unchanged: 0, skipped: 0, paused: true } });
    expect(await readRecordsRaw(ext.serviceWorker)).toEqual([]);
    await page.locator('input[name="paused"]').uncheck();
    await page.selectOption('select[name="retention"]', '30');
    // Both settings travel to the background on their own: let them land before reporting.
    await expect
      .poll(() => readSettingsRaw(ext.serviceWorker))
      .toMatchObject({ paused: false, retentionDays: 30 });
    // A bounce last seen 40 days ago is outside the window: dropped when retention is applied.
    const old = Date.now() - 40 * 86_400_000;
    await reportFromPage(page, [
      fakeSeen(ID(8), [{ recipient: 'old@x.example' }], { seenAt: old }),
      fakeSeen(ID(9), [{ recipient: 'new@x.example' }]),
    ]);
    await page.reload();
    await waitForList(page);
    await page.getByText('Settings').click();
    expect(await page.locator('select[name="retention"]').inputValue()).toBe('30');
    expect(await page.locator('input[name="paused"]').isChecked()).toBe(false);
    await page.selectOption('select[name="retention"]', '');
    expect((await readRecordsRaw(ext.serviceWorker)).length).toBe(2);
    await page.selectOption('select[name="retention"]', '30');
    await expect
      .poll(async () => (await readRecordsRaw(ext.serviceWorker)).map((r) => r.recipient))
      .toEqual(['new@x.example']);
  });

  it('can be used with the keyboard alone', async () => {
    const { tabA, tabB } = reports();
    const tab = await ext.openPopup();
    await reportFromPage(tab, [...tabA, ...tabB]);
    await tab.close();
    const page = await openPopup();
    // The search box has focus on open; Tab order reaches the list's current row.
    expect(await page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('search');
    await page.locator('.bt-row[data-row-index="0"]').focus();
    await page.keyboard.press('ArrowDown');
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-row-index')))
      .toBe('1');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toMatch(
      /^bob@corp\.example, Mailbox full, soft, 452 4\.2\.2, /i,
    );
    await page.keyboard.press(' ');
    expect(await page.locator('.bt-row[data-row-index="1"] input.bt-check').isChecked()).toBe(true);
    await page.keyboard.press('End');
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-row-index')))
      .toBe('3');
    await andWait(page, () => page.keyboard.press('Delete'));
    expect(await shownAddresses(page)).toEqual(['ann@example.com', 'bob@corp.example', 'ann@example.com']);
  });

  it('classifies pasted text and a chosen .eml on the spot', async () => {
    const page = await openPopup();
    await page.getByText('Classify a bounce from elsewhere').click();
    const raw = readFileSync(`${CORPUS}lhost-gmail-01.eml`);
    await page
      .locator('input[type="file"]')
      .setInputFiles({ name: 'bounce.eml', mimeType: 'message/rfc822', buffer: raw });
    const expected = classifyMessage(raw).records[0]!;
    const result = page.getByTestId('classify-result');
    await result.waitFor();
    expect(await result.textContent()).toContain(expected.recipient!);
    await page.fill('textarea[name="paste"]', 'hello, this is just a note about lunch');
    await page.getByRole('button', { name: 'Classify', exact: true }).click();
    await expect.poll(() => result.textContent()).toContain('does not look like a bounce');
  });
});
