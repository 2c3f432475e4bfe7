/**
 * Accessibility in real Chromium: axe-core (the project's own copy, evaluated in the page) finds
 * no violation in the card or the history popup, in the light and the dark theme; the popup's
 * list keeps keyboard focus on Home, End and Delete.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { CATEGORY_IDS, type CategoryId, type MessageKind } from '../../lib/engine/types';
import { fakeSeen } from '../../lib/history/test-fixtures';
import { waitCard, waitProcessed } from './support/cards';
import { BSD } from './support/corpus';
import { launchExtension, type LaunchedExtension } from './support/extension';
import { GmailSim } from './support/gmail-sim';
import { reportFromPage, waitForList } from './support/history-helpers';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
let ext: LaunchedExtension;

beforeAll(async () => {
  ext = await launchExtension({
    extensionPath: inject('extensionDir'),
    viewport: { width: 780, height: 600 },
  });
  await ext.context.addInitScript('globalThis.__name = (f) => f;');
});
afterAll(async () => {
  await ext?.close();
});

interface AxeViolation {
  id: string;
  impact: string | null;
  nodes: { target: unknown[]; failureSummary?: string }[];
}

/** Run axe in the page (evaluated, so an extension page's script policy does not block it). */
async function axe(page: Page, context: string | null = null): Promise<string[]> {
  await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async (ctx) => {
    const a = (
      globalThis as unknown as {
        axe: { run(c: unknown, o: unknown): Promise<{ violations: AxeViolation[] }> };
      }
    ).axe;
    const r = await a.run(ctx ?? document, { resultTypes: ['violations'] });
    return r.violations;
  }, context);
  return violations.flatMap((v) =>
    v.nodes.map((n) => `${v.id} (${v.impact}): ${JSON.stringify(n.target)} ${n.failureSummary ?? ''}`),
  );
}

const ID = (n: number) => String(18_100_000_000_000_000_000n + BigInt(n));

/** One record of every category, a delay and a complaint, so every badge colour is checked. */
function everyKind() {
  const cats = CATEGORY_IDS.filter((c) => !['auto-reply', 'delivered'].includes(c)) as CategoryId[];
  const out = cats.map((category, i) =>
    fakeSeen(
      ID(i + 1),
      [{ recipient: `person${i}@example.org`, category, hard: category === 'invalid-address' }],
      {
        seenAt: Date.UTC(2026, 10, 1 + i),
        kind: (category === 'complaint' ? 'complaint' : 'failed') as MessageKind,
      },
    ),
  );
  out.push(
    fakeSeen(
      ID(50),
      [
        {
          recipient: 'slow@example.org',
          category: 'recipient-error',
          reason: 'expired',
          hard: false,
          status: '4.4.7',
        },
      ],
      {
        kind: 'delayed',
        seenAt: Date.UTC(2026, 10, 20),
      },
    ),
  );
  return out;
}

async function popupWithRecords(theme: 'light' | 'dark'): Promise<Page> {
  const page = await ext.openPopup();
  await page.emulateMedia({ colorScheme: theme });
  await waitForList(page);
  return page;
}

describe('accessibility (axe-core, real Chromium)', () => {
  it('the history popup has no violation in either theme, with a row selected', async () => {
    const seed = await ext.openPopup();
    await reportFromPage(seed, everyKind());
    await seed.close();
    for (const theme of ['light', 'dark'] as const) {
      const page = await popupWithRecords(theme);
      await page.waitForFunction(() => document.querySelectorAll('.bt-row:not(.bt-row--loading)').length > 5);
      await page.locator('.bt-row[data-row-index="0"] input.bt-check').check();
      await page.locator('.bt-row[data-row-index="1"]').focus();
      expect(await axe(page), theme).toEqual([]);
      // The corrections list in Settings, and the correction dialog of a row.
      await page.locator('summary', { hasText: 'Settings' }).click();
      await page.getByRole('heading', { name: /^Your corrections/ }).waitFor();
      expect(await axe(page), `${theme} settings`).toEqual([]);
      await page
        .locator('.bt-row[data-row-index="1"]')
        .getByRole('button', { name: /^Correct the verdict/ })
        .click();
      await page.getByRole('dialog', { name: 'Correct the verdict' }).waitFor();
      expect(await axe(page), `${theme} dialog`).toEqual([]);
      await page.keyboard.press('Escape');
      await page.close();
    }
  });

  for (const theme of ['light', 'dark'] as const) {
    it(`the card and a delay note have no violation in the ${theme} theme`, async () => {
      const sim = new GmailSim({ theme });
      const bounce = await sim.add([join(BSD, 'rhost-google-03.eml')]);
      const delay = await sim.add([join(BSD, 'lhost-gmail-08.eml')]);
      await sim.install(ext.context);
      const page = await ext.context.newPage();
      await page.goto(sim.url(bounce));
      await waitCard(page, bounce.messages[0]!.decimal, 'enriched');
      await waitProcessed(page);
      // With "Why?" open, so the evidence and the server's words are checked too.
      await page.locator('bounce-triage-card').getByRole('button', { name: 'Why?' }).click();
      expect(await axe(page, 'bounce-triage-card'), theme).toEqual([]);
      // The correction form open.
      await page.locator('bounce-triage-card').getByRole('button', { name: 'Wrong verdict?' }).click();
      await page.locator('bounce-triage-card').getByRole('radio', { name: 'Not a bounce' }).waitFor();
      expect(await axe(page, 'bounce-triage-card'), `${theme} correction form`).toEqual([]);
      await page.goto(sim.url(delay));
      await waitCard(page, delay.messages[0]!.decimal);
      await waitProcessed(page);
      await page.locator('bounce-triage-card').getByRole('button', { name: 'Details' }).click();
      expect(await axe(page, 'bounce-triage-card'), `${theme} note`).toEqual([]);
      await page.close();
    });
  }

  it('the card offering an earlier correction, and showing one, has no violation in either theme', async () => {
    const eml = readFileSync(join(BSD, 'lhost-gmail-01.eml'), 'utf8');
    for (const theme of ['light', 'dark'] as const) {
      const sim = new GmailSim({ theme });
      const first = await sim.add([{ raw: Buffer.from(eml.replaceAll('userunknown@', `first-${theme}@`)) }]);
      const second = await sim.add([
        { raw: Buffer.from(eml.replaceAll('userunknown@', `second-${theme}@`)) },
      ]);
      await sim.install(ext.context);
      const page = await ext.context.newPage();
      await page.goto(sim.url(first));
      await waitCard(page, first.messages[0]!.decimal, 'enriched');
      const card = page.locator('bounce-triage-card');
      await card.getByRole('button', { name: 'Wrong verdict?' }).click();
      await card.getByRole('radio', { name: 'Another category:' }).check();
      await card.getByRole('combobox', { name: 'Category' }).selectOption('dmarc');
      await card.getByRole('button', { name: 'Save correction' }).click();
      await card.locator('[data-field="corrected"]').waitFor();
      expect(await axe(page, 'bounce-triage-card'), `${theme} corrected`).toEqual([]);
      await page.close();
      const next = await ext.context.newPage();
      await next.goto(sim.url(second));
      await waitCard(next, second.messages[0]!.decimal, 'enriched');
      await next.locator('bounce-triage-card').getByRole('group', { name: 'Earlier correction' }).waitFor();
      expect(await axe(next, 'bounce-triage-card'), `${theme} offer`).toEqual([]);
      await next.close();
    }
  });

  it('keeps keyboard focus in the list on Home, End and Delete, and announces counts once settled', async () => {
    const many = Array.from({ length: 80 }, (_, i) =>
      fakeSeen(ID(100 + i), [{ recipient: `k${String(i).padStart(2, '0')}@keys.example` }], {
        seenAt: Date.UTC(2026, 8, 1) + i * 60_000,
      }),
    );
    const seed = await ext.openPopup();
    await reportFromPage(seed, many);
    await seed.close();
    const page = await popupWithRecords('light');
    expect(await page.locator('.bt-counts').getAttribute('aria-live')).toBeNull();
    await page.fill('input[name="search"]', 'keys.example');
    await expect
      .poll(() => page.getByTestId('count-announcement').textContent(), { timeout: 10_000 })
      .toMatch(/^80 of \d+ bounces shown$/);
    await page.waitForFunction(() => document.querySelectorAll('.bt-row:not(.bt-row--loading)').length > 5);
    const focused = () =>
      page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        return {
          cls: el?.className ?? '',
          index: el?.dataset.rowIndex ?? null,
          key: el?.dataset.key ?? null,
        };
      });
    await page.locator('.bt-row[data-row-index="0"]').focus();
    await page.keyboard.press('End');
    await expect.poll(focused).toMatchObject({ index: '79' });
    await page.keyboard.press('Home');
    await expect.poll(focused).toMatchObject({ index: '0' });
    await page.keyboard.press('ArrowDown');
    await expect.poll(focused).toMatchObject({ index: '1' });

    // Delete from the row's button: focus goes to the record that takes its place, not to the
    // same button (which would now delete another record on a second Enter).
    const deleted = await page.locator('.bt-row[data-row-index="1"]').getAttribute('data-key');
    await page
      .locator('.bt-row[data-row-index="1"]')
      .getByRole('button', { name: /^Delete/ })
      .focus();
    await page.keyboard.press('Enter');
    await expect.poll(focused, { timeout: 10_000 }).toMatchObject({ index: '1' });
    const now = await focused();
    expect(now.cls).toContain('bt-row');
    expect(now.key).not.toBe(deleted);
    await expect
      .poll(() => page.getByTestId('count-total').textContent(), { timeout: 10_000 })
      .toMatch(/^79 of /);
    // The Delete key on a row does the same.
    await page.keyboard.press('Delete');
    await expect
      .poll(() => page.getByTestId('count-total').textContent(), { timeout: 10_000 })
      .toMatch(/^78 of /);
    await expect.poll(focused, { timeout: 10_000 }).toMatchObject({ index: '1' });
    await page.close();
  });

  it('gives focus back to the message when the card is dismissed from the keyboard', async () => {
    const sim = new GmailSim();
    const bounce = await sim.add([join(BSD, 'lhost-gmail-01.eml')]);
    await sim.install(ext.context);
    const page = await ext.context.newPage();
    await page.goto(sim.url(bounce));
    await waitCard(page, bounce.messages[0]!.decimal, 'enriched');
    await page
      .locator('bounce-triage-card')
      .getByRole('button', { name: /Dismiss/ })
      .focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('bounce-triage-card').count()).toBe(0);
    expect(await page.evaluate(() => document.activeElement?.tagName)).not.toBe('BODY');
    await page.close();
  });
});
