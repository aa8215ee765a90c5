/**
 * axe-core on every extension surface, in real Chromium. The on-page overlay lives in a closed
 * shadow root that axe cannot enter, so it is checked where the same Overlay component renders
 * in the open: the popup, showing the verdict of a demo room.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoServer, type DemoServer } from '../../demo/server';
import { detailsPageUrl, reportPageUrl } from '../../lib/details-url';
import { launchChromium, waitForShadowText, type LaunchedChromium } from './harness';

declare const chrome: typeof import('wxt/browser').browser;
declare const axe: { run(context?: unknown, options?: unknown): Promise<{ violations: AxeViolation[] }> };

interface AxeViolation {
  id: string;
  impact: 'minor' | 'moderate' | 'serious' | 'critical' | null;
  nodes: { target: string[] }[];
}

let browser: LaunchedChromium;
let demo: DemoServer;
let axeSource: string;

beforeAll(async () => {
  axeSource = await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  demo = await startDemoServer();
  browser = await launchChromium(resolve('.output/chrome-mv3'));
});
afterAll(async () => {
  await browser?.close();
  await demo?.close();
});

/** Serious and critical violations (evaluate() is not subject to the extension pages' CSP). */
async function seriousViolations(page: Page): Promise<string[]> {
  await page.evaluate(`${axeSource};0`);
  const { violations } = await page.evaluate(() => axe.run(document, { resultTypes: ['violations'] }));
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

const extensionUrl = (path: string) => `chrome-extension://${browser.extensionId}/${path}`;

describe('accessibility (axe-core)', () => {
  it.each(['certified-excellent', 'blacklisted-anchor', 'audit-overdue'])('popup with the overlay panel of %s', async (slug) => {
    const room = await browser.context.newPage();
    await room.goto(demo.roomUrl(slug));
    await waitForShadowText(room, 'liveseal-overlay', (t) => t.length > 0, 10_000);
    await room.bringToFront();
    const opened = browser.context.waitForEvent('page');
    await browser.serviceWorker.evaluate(() => chrome.windows.create({ url: chrome.runtime.getURL('/popup.html'), type: 'popup' }));
    const popup = await opened;
    await popup.locator('[data-status]').waitFor();
    await popup.locator('.registry').waitFor();
    expect(await seriousViolations(popup)).toEqual([]);
    await popup.close();
    await room.close();
  });

  it('report form and My reports', async () => {
    const page = await browser.context.newPage();
    const identity = { platform: 'demo', live: true, accounts: [{ accountId: 'shop-excellent', role: 'shop' as const }], products: [{ title: '坚果礼盒', price: '¥89.00' }] };
    await page.goto(reportPageUrl(extensionUrl('report.html'), { identity, pageUrl: 'http://127.0.0.1/liveseal-demo/rooms/x.html', seenAt: new Date().toISOString() }));
    await page.getByLabel('Reason').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.goto(extensionUrl('reports.html'));
    await page.getByRole('heading', { name: 'My reports' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.close();
  });

  it('options page', async () => {
    const page = await browser.context.newPage();
    await page.goto(extensionUrl('options.html'));
    await page.locator('.registry').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.close();
  });

  it.each([
    ['a certified room', { platform: 'demo', live: true, accounts: [{ accountId: 'shop-excellent', role: 'shop' as const }] }],
    ['a blacklisted anchor', { platform: 'demo', live: true, accounts: [{ accountId: 'anchor-banned', role: 'anchor' as const }] }],
    [
      'a possible match by resemblance',
      { platform: 'demo', live: true, accounts: [{ accountId: 'anchor-yanjie-new', role: 'anchor' as const }], anchorName: '✨【官方】煙姐Lі1y説美妝好物✨' },
    ],
  ])('details page for %s', async (_name, identity) => {
    const page = await browser.context.newPage();
    await page.goto(detailsPageUrl(extensionUrl('details.html'), identity));
    await page.locator('#blacklist-heading').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.close();
  });
});
