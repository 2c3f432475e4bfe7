/**
 * Corrections in real Chromium with the built extension: a verdict corrected on the card shows in
 * the popup with the engine's reading beside it and keeps the address out of the suppression
 * export; undo; a correction from the popup, removed later from the list; an earlier correction
 * offered (not applied) on a similar bounce; the corrections file exported, then imported into a
 * fresh profile (twice: the second adds nothing; a bad file is refused with a clear message).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { fakeSeen } from '../../lib/history/test-fixtures';
import { waitCard, waitProcessed } from './support/cards';
import { BSD } from './support/corpus';
import { launchExtension, type LaunchedExtension } from './support/extension';
import { GmailSim } from './support/gmail-sim';
import { reportFromPage, waitForList } from './support/history-helpers';

let ext: LaunchedExtension;
beforeAll(async () => {
  ext = await launchExtension({ extensionPath: inject('extensionDir') });
});
afterAll(async () => {
  await ext?.close();
});

const GMAIL_01 = join(BSD, 'lhost-gmail-01.eml');
const ADDRESS = 'userunknown@example.jp';

/** The suppression list as the popup's export writes it (the same request as its Download button). */
async function plainList(page: Page): Promise<string[]> {
  const answer = await page.evaluate(() =>
    (
      globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }
    ).chrome.runtime.sendMessage({
      type: 'history-export',
      filter: {},
      keys: null,
      format: 'plain',
      excel: false,
    }),
  );
  const a = answer as { ok: boolean; data?: { text: string } };
  if (!a.ok || !a.data) throw new Error(`export failed: ${JSON.stringify(answer)}`);
  return a.data.text.split('\n').filter(Boolean);
}

async function openBounce(
  sim: GmailSim,
  eml: string | Buffer,
): Promise<{ page: Page; card: Locator; id: string }> {
  const conv = await sim.add([typeof eml === 'string' ? eml : { raw: eml }]);
  const page = await ext.context.newPage();
  await page.goto(sim.url(conv));
  const id = conv.messages[0]!.decimal;
  await waitCard(page, id, 'enriched');
  await waitProcessed(page);
  return { page, card: page.locator(`bounce-triage-card[data-bt-message-id="${id}"]`), id };
}

/** The popup, with its list drawn again after the background's last change. */
async function freshPopup(popup: Page | null): Promise<Page> {
  const page = popup ?? (await ext.openPopup());
  if (popup) await page.reload();
  await waitForList(page);
  return page;
}

describe('corrections (real Chromium, built extension)', () => {
  it('from the card: stored, shown in the popup beside the engine’s reading, off the suppression list, undone', async () => {
    const sim = new GmailSim();
    await sim.install(ext.context);
    const { page, card, id } = await openBounce(sim, GMAIL_01);
    let popup = await freshPopup(null);
    await expect.poll(() => plainList(popup), { timeout: 15_000 }).toContain(ADDRESS);

    // Keyboard only: open the form, choose "keep mailing", save.
    await card.getByRole('button', { name: 'Wrong verdict?' }).focus();
    await page.keyboard.press('Enter');
    await card.getByRole('radio', { name: 'The address is fine: keep mailing it' }).check();
    await card.getByRole('button', { name: 'Save correction' }).focus();
    await page.keyboard.press('Enter');
    await expect
      .poll(() => card.locator('[data-field="corrected"]').textContent(), { timeout: 15_000 })
      .toMatch(/^You corrected this: Address is fine \(the engine read Invalid address\)/);
    // The card's Suppression line follows the correction.
    await expect
      .poll(() => card.locator('dd[data-field="suppression"]').textContent())
      .toBe('Not suppressed: you said the address is fine');
    // Focus moved to Undo, so a keyboard user can take it back at once.
    await expect
      .poll(() =>
        card
          .getByRole('button', { name: 'Undo' })
          .evaluate((b) => b === (b.getRootNode() as ShadowRoot).activeElement),
      )
      .toBe(true);

    popup = await freshPopup(popup);
    const row = popup.locator(`.bt-row[data-key="${id}|${ADDRESS}"]`);
    await expect.poll(() => row.getAttribute('data-corrected'), { timeout: 15_000 }).toBe('keep');
    expect(await row.locator('.bt-fixed').textContent()).toBe('corrected');
    expect(await row.locator('.bt-diag').textContent()).toMatch(
      /^Engine read Invalid address; you said the address is fine/,
    );
    expect(await plainList(popup)).not.toContain(ADDRESS);

    // Undo on the card: the correction is gone everywhere.
    await card.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => card.locator('[data-field="corrected"]').count(), { timeout: 15_000 }).toBe(0);
    expect(await card.locator('dd[data-field="suppression"]').textContent()).toBe(
      'Will be suppressed: the address does not exist',
    );
    await expect.poll(() => plainList(popup), { timeout: 15_000 }).toContain(ADDRESS);
    popup = await freshPopup(popup);
    await expect.poll(() => row.getAttribute('data-corrected')).toBeNull();
    await page.close();
    await popup.close();
  });

  it('from the popup: a category through the dialog, undone from the message line, removed later from the list', async () => {
    const seed = await ext.openPopup();
    await reportFromPage(seed, [
      fakeSeen(
        '18100000000000000501',
        [{ recipient: 'dora@corp.example', category: 'invalid-address', hard: true }],
        {
          seenAt: Date.UTC(2026, 10, 3),
        },
      ),
    ]);
    await seed.close();
    let popup = await freshPopup(null);
    expect(await plainList(popup)).toContain('dora@corp.example');
    const row = popup.locator('.bt-row[data-key="18100000000000000501|dora@corp.example"]');
    const dialog = popup.getByRole('dialog', { name: 'Correct the verdict' });
    const correctToFullMailbox = async () => {
      await row.getByRole('button', { name: 'Correct the verdict for dora@corp.example' }).click();
      await dialog.getByRole('radio', { name: 'Another category:' }).check();
      await dialog.getByRole('combobox', { name: 'Category' }).selectOption({ label: 'Mailbox Full' });
      await dialog.getByRole('button', { name: 'Save correction' }).click();
      await expect.poll(() => dialog.isVisible()).toBe(false);
      await expect.poll(() => row.getAttribute('data-corrected'), { timeout: 15_000 }).toBe('mailbox-full');
    };
    await correctToFullMailbox();
    expect(await row.locator('.bt-badge').textContent()).toBe('Mailbox Full');
    // One full-mailbox bounce is soft: not listed.
    expect(await plainList(popup)).not.toContain('dora@corp.example');

    // Undo from the popup's message line, then correct again.
    const toast = popup.getByTestId('toast');
    expect(await toast.textContent()).toMatch(/^Corrected dora@corp\.example: Mailbox Full\. Undo/);
    await toast.getByRole('button', { name: /^Undo/ }).click();
    await expect.poll(() => toast.textContent(), { timeout: 15_000 }).toMatch(/^Correction undone\./);
    await expect.poll(() => row.getAttribute('data-corrected'), { timeout: 15_000 }).toBeNull();
    expect(await plainList(popup)).toContain('dora@corp.example');
    await correctToFullMailbox();

    await popup.locator('summary', { hasText: 'Settings' }).click();
    const item = popup.locator('.bt-corrections-list li[data-key="18100000000000000501|dora@corp.example"]');
    await expect
      .poll(() => item.textContent(), { timeout: 15_000 })
      .toMatch(/Mailbox Full \(engine: Invalid address\)/);
    await item.getByRole('button', { name: 'Remove the correction of dora@corp.example' }).click();
    await expect.poll(() => item.count(), { timeout: 15_000 }).toBe(0);
    expect(await plainList(popup)).toContain('dora@corp.example');
    popup = await freshPopup(popup);
    await expect.poll(() => row.getAttribute('data-corrected')).toBeNull();
    await popup.close();
  });

  it('offers an earlier correction on a similar bounce, and applies it only when asked', async () => {
    const sim = new GmailSim();
    await sim.install(ext.context);
    const first = await openBounce(sim, GMAIL_01);
    await first.card.getByRole('button', { name: 'Wrong verdict?' }).click();
    await first.card.getByRole('radio', { name: 'Not a bounce' }).check();
    await first.card.getByRole('button', { name: 'Save correction' }).click();
    await expect
      .poll(() => first.card.locator('[data-field="corrected"]').getAttribute('data-value'), {
        timeout: 15_000,
      })
      .toBe('not-bounce');
    await first.page.close();

    // The same server's answer about another address, from another IP address.
    const similar = readFileSync(GMAIL_01, 'utf8')
      .replaceAll(ADDRESS, 'other.person@example.jp')
      .replaceAll('192.0.2.153', '198.51.100.7');
    const second = await openBounce(sim, Buffer.from(similar));
    const offer = second.card.getByRole('group', { name: 'Earlier correction' });
    await expect
      .poll(() => offer.textContent(), { timeout: 15_000 })
      .toMatch(/You corrected a bounce like this before \(Not a bounce\): apply it here\?/);
    // Not applied by itself.
    const popup = await freshPopup(null);
    expect(await plainList(popup)).toContain('other.person@example.jp');
    await offer.getByRole('button', { name: 'Apply' }).click();
    await expect
      .poll(() => second.card.locator('[data-field="corrected"]').getAttribute('data-value'), {
        timeout: 15_000,
      })
      .toBe('not-bounce');
    await expect.poll(() => plainList(popup), { timeout: 15_000 }).not.toContain('other.person@example.jp');
    await second.page.close();
    await popup.close();
  });

  it('exports the corrections to a file that a fresh profile imports (twice adds nothing; a bad file is refused)', async () => {
    const popup = await freshPopup(null);
    await popup.locator('summary', { hasText: 'Settings' }).click();
    await expect
      .poll(() => popup.locator('.bt-corrections-list li').count(), { timeout: 15_000 })
      .toBeGreaterThan(0);
    const [dl] = await Promise.all([
      popup.waitForEvent('download'),
      popup.getByRole('button', { name: 'Export corrections' }).click(),
    ]);
    expect(dl.suggestedFilename()).toMatch(/^bounce-triage-corrections-\d{4}-\d{2}-\d{2}\.json$/);
    const file = readFileSync(await dl.path(), 'utf8');
    const exported = JSON.parse(file) as {
      format: string;
      version: number;
      corrections: { messageId: string; recipient: string; to: string }[];
    };
    expect(exported).toMatchObject({ format: 'bounce-triage-corrections', version: 1 });
    const kept = exported.corrections.find((c) => c.to === 'not-bounce')!;
    await popup.close();

    // A reinstall: a new profile, where the same Gmail message is seen again.
    const fresh = await launchExtension({ extensionPath: inject('extensionDir') });
    try {
      const page = await fresh.openPopup();
      await reportFromPage(page, [
        fakeSeen(kept.messageId, [{ recipient: kept.recipient, category: 'invalid-address', hard: true }]),
      ]);
      await page.reload();
      await waitForList(page);
      expect(await plainList(page)).toContain(kept.recipient);
      await page.locator('summary', { hasText: 'Settings' }).click();
      const input = page.getByLabel('Import corrections (JSON)');
      const status = page.getByTestId('corrections-status');
      await input.setInputFiles({ name: 'c.json', mimeType: 'application/json', buffer: Buffer.from(file) });
      await expect
        .poll(() => status.textContent(), { timeout: 15_000 })
        .toBe(`Imported ${exported.corrections.length} new corrections.`);
      expect(await plainList(page)).not.toContain(kept.recipient);
      await input.setInputFiles({ name: 'c.json', mimeType: 'application/json', buffer: Buffer.from(file) });
      await expect
        .poll(() => status.textContent(), { timeout: 15_000 })
        .toBe(`Imported 0 new corrections, ${exported.corrections.length} already here.`);
      await input.setInputFiles({
        name: 'notes.json',
        mimeType: 'application/json',
        buffer: Buffer.from('{"hello": 1}'),
      });
      await expect
        .poll(() => status.textContent(), { timeout: 15_000 })
        .toBe('Nothing imported: This JSON file is not a Bounce Triage corrections file.');
      await expect
        .poll(() => page.locator('.bt-corrections-list li').count())
        .toBe(exported.corrections.length);
      const row = page.locator(`.bt-row[data-key="${kept.messageId}|${kept.recipient}"]`);
      await expect.poll(() => row.getAttribute('data-corrected'), { timeout: 15_000 }).toBe('not-bounce');
    } finally {
      await fresh.close();
    }
  });
});
