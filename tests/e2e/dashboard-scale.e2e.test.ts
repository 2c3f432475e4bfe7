/**
 * The dashboard's summary over a history larger than one step of the store's counting walk, in
 * real Chromium: a filter the counters cannot answer (two dimensions) first shows the counts the
 * store has found so far, marked as such ("at least", rates pending), then the exact figures.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchExtension, type LaunchedExtension } from './support/extension';
import { seedHistory } from './support/history-helpers';
import { syntheticRecords } from './support/history-seed';

const N = 6000;
const NOW = Date.UTC(2026, 11, 1);

let ext: LaunchedExtension;
let page: Page;

beforeAll(async () => {
  ext = await launchExtension({ extensionPath: inject('extensionDir') });
  await ext.context.addInitScript('globalThis.__name = (f) => f;');
  const popup = await ext.openPopup();
  expect(await seedHistory(popup, N, NOW)).toBe(N);
  await popup.close();
  page = await ext.context.newPage();
  await page.goto(ext.extensionUrl('dashboard.html'));
});
afterAll(async () => {
  await ext?.close();
});

interface Shown {
  final: string | null;
  filter: string | null;
  bounces: string;
  rate: string;
}

describe('dashboard summary at scale', () => {
  it('shows the first counts of a two-dimension filter at once, then the exact ones', async () => {
    await page.waitForSelector('[data-testid="summary"][data-final="true"]');
    await page.locator('select[name="emailType"]').selectOption('bulk');
    await page.waitForSelector('[data-testid="summary"][data-filter*="bulk"][data-final="true"]');
    // Every state the summary passes through from here on.
    await page.evaluate(() => {
      const seen: Shown[] = [];
      (globalThis as unknown as { btShown: Shown[] }).btShown = seen;
      const record = () => {
        const el = document.querySelector<HTMLElement>('[data-testid="summary"]');
        if (!el) return;
        const text = (id: string) => el.querySelector(`[data-testid="summary-${id}"] dd`)?.textContent ?? '';
        seen.push({
          final: el.getAttribute('data-final'),
          filter: el.getAttribute('data-filter'),
          bounces: text('bounces'),
          rate: text('bounce-rate'),
        });
      };
      new MutationObserver(record).observe(document.body, {
        subtree: true,
        childList: true,
        characterData: true,
        attributes: true,
      });
    });
    // Bounce dates from 2000 on: every bulk record, but now two dimensions.
    await page.locator('input[name="fromDay"]').fill('2000-01-01');
    await page.waitForSelector('[data-testid="summary"][data-filter*="bounceFrom"][data-final="true"]');

    const bulk = syntheticRecords(N, NOW).filter((r) => r.emailType === 'bulk' && r.bounceDate !== null);
    const bounces = bulk.filter((r) => r.severity !== 'delayed' && r.category !== 'complaint').length;
    expect(bulk.length).toBeGreaterThan(2000);
    const shown = (await page.evaluate(() => (globalThis as unknown as { btShown: Shown[] }).btShown)).filter(
      (s) => s.filter?.includes('bounceFrom'),
    );
    const previews = shown.filter((s) => s.final === 'false');
    expect(previews.length).toBeGreaterThan(0);
    for (const p of previews) {
      expect(p.bounces).toMatch(/^at least [\d,]+$/);
      expect(Number(p.bounces.replace(/\D/g, ''))).toBeLessThan(bounces);
      expect(p.rate).toBe('…');
    }
    const last = shown[shown.length - 1]!;
    expect([last.final, last.bounces]).toEqual(['true', bounces.toLocaleString('en-US')]);
  });
});
