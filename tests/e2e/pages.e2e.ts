/**
 * What a viewer reaches from the overlay and the toolbar, in real Chromium: single-page room
 * switches, the certificate details page and the popup.
 */
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoServer, type DemoServer } from '../../demo/server';
import { findShadowNodes, launchChromium, pressOverlayButton, readClosedShadowTree, waitForShadowText, type LaunchedChromium } from './harness';

declare const chrome: typeof import('wxt/browser').browser;

const OVERLAY = 'liveseal-overlay';
let browser: LaunchedChromium;
let demo: DemoServer;

beforeAll(async () => {
  demo = await startDemoServer();
  browser = await launchChromium(resolve('.output/chrome-mv3'));
});
afterAll(async () => {
  await browser?.close();
  await demo?.close();
});

async function overlayStatus(page: Page): Promise<string | undefined> {
  const tree = await readClosedShadowTree(page, OVERLAY);
  return tree ? findShadowNodes(tree, (n) => 'data-status' in n.attributes)[0]?.attributes['data-status'] : undefined;
}

async function waitForStatus(page: Page, status: string | undefined): Promise<void> {
  await expect.poll(() => overlayStatus(page).catch(() => 'error'), { timeout: 10_000, interval: 50 }).toBe(status);
}

describe('single-page navigation', () => {
  it('follows room switches without a reload, and Back, and removes the overlay outside live rooms', async () => {
    const page = await browser.context.newPage();
    await page.goto(demo.roomUrl('certified-excellent'));
    await waitForStatus(page, 'certified');
    await page.evaluate(() => Object.assign(window, { sameDocument: true }));

    await page.click('a[data-spa][href$="suspended.html"]');
    await waitForStatus(page, 'suspended');
    await page.click('a[data-spa][href$="blacklisted-alias.html"]');
    await waitForStatus(page, 'possible-blacklist');
    await page.goBack();
    await waitForStatus(page, 'suspended');
    await page.click('a[data-spa][href$="ended.html"]');
    await expect.poll(() => page.locator(OVERLAY).count(), { timeout: 10_000 }).toBe(0);

    expect(await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(true);
    expect(await page.locator(OVERLAY).count()).toBe(0);
    await page.close();
  });
});

/** Opens a room and, from its overlay, the details page, as a keyboard user would. */
async function openDetails(slug: string): Promise<{ page: Page; details: Page }> {
  const page = await browser.context.newPage();
  await page.goto(demo.roomUrl(slug));
  await waitForShadowText(page, OVERLAY, 'Certificate details', 10_000);
  const opened = browser.context.waitForEvent('page');
  await pressOverlayButton(page, 'Certificate details');
  const details = await opened;
  await details.waitForLoadState();
  return { page, details };
}

describe('certificate details page', () => {
  it('opens from the overlay in an extension page with the full certificate record', async () => {
    const { page, details } = await openDetails('audit-overdue');
    expect(details.url()).toMatch(new RegExp(`^chrome-extension://${browser.extensionId}/details\\.html#`));
    await details.locator('#company-heading').waitFor();
    const text = await details.locator('main').innerText();
    for (const phrase of [
      'Verdict: Yearly audit overdue',
      'Unified social credit code',
      'Scheme',
      'Issuer',
      'Grade scale of this registry',
      'Surveillance audits',
      'Platform accounts covered',
      'shop-audit-overdue',
      'Contact the seller first',
      'jointly and severally liable',
      '12315',
      'LiveSeal demo registry',
      'Signature verified with the key(s) pinned in this build',
    ]) {
      expect(text).toContain(phrase);
    }
    const timeline = details.locator('figure.timeline svg[role="img"]');
    expect(await timeline.getAttribute('data-overdue')).toBe('true');
    expect(await timeline.getAttribute('aria-label')).toMatch(/next audit due/);
    expect(await details.locator('a', { hasText: 'with the issuer' }).getAttribute('href')).toMatch(/^https:\/\/liveseal\.app\/demo\/verify\?cert=/);
    await details.close();
    await page.close();
  });

  it('lists the blacklist record and its disposal measures', async () => {
    const { page, details } = await openDetails('blacklisted-anchor');
    await details.locator('article.listing').waitFor();
    const listing = await details.locator('article.listing').innerText();
    expect(listing).toContain('王小刀 (演示)');
    expect(listing).toContain('刀哥说好物');
    expect(listing).toContain('live streaming closed');
    expect(listing).toContain('indefinitely');
    await details.close();
    await page.close();
  });
});

describe('popup', () => {
  it('shows the verdict of the active tab and the registry’s version and freshness', async () => {
    const page = await browser.context.newPage();
    await page.goto(demo.roomUrl('withdrawn'));
    await waitForStatus(page, 'withdrawn');
    await page.bringToFront();
    const opened = browser.context.waitForEvent('page');
    await browser.serviceWorker.evaluate(() => chrome.windows.create({ url: chrome.runtime.getURL('/popup.html'), type: 'popup' }));
    const popup = await opened;
    await popup.locator('.registry').waitFor();
    await popup.locator('[data-status]').waitFor();
    expect(await popup.locator('[data-status]').getAttribute('data-status')).toBe('withdrawn');
    const text = await popup.locator('body').innerText();
    expect(text).toContain('Certificate withdrawn');
    expect(text).toMatch(/Version \d+, issued/);
    expect(text).toMatch(/Valid until/);
    expect(text).toContain('Demo data, not a real registry.');
    await popup.close();
    await page.close();
  });
});

describe('language', () => {
  it('switches every visible string, the open overlay included, from the options page', async () => {
    const room = await browser.context.newPage();
    await room.goto(demo.roomUrl('suspended'));
    await waitForShadowText(room, OVERLAY, 'Certificate suspended', 10_000);

    const options = await browser.context.newPage();
    await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
    await options.getByRole('combobox', { name: 'Language' }).selectOption('zh-CN');
    await options.getByRole('heading', { name: 'LiveSeal 设置' }).waitFor();
    expect(await options.locator('html').getAttribute('lang')).toBe('zh-CN');
    expect(await options.locator('main').innerText()).toContain('登记库');

    // The overlay already on screen follows without a reload.
    const zh = await waitForShadowText(room, OVERLAY, '认证已暂停', 10_000);
    expect(zh).toContain('请以浏览器工具栏中的 LiveSeal 图标为准');
    expect(zh).not.toContain('Certificate suspended');

    await options.getByRole('combobox', { name: '语言' }).selectOption('auto');
    await waitForShadowText(room, OVERLAY, 'Certificate suspended', 10_000);
    await options.close();
    await room.close();
  });
});
