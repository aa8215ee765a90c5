/**
 * The built extension in Debian's Chromium on the demo live rooms: one test per verdict kind,
 * asserting what a viewer sees in the (closed) overlay, the toolbar badge and its placement.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoServer, type DemoServer } from '../../demo/server';
import { formatDay } from '../../lib/i18n/locale';
import type { Certificate, Snapshot } from '../../lib/registry/schema';
import {
  findShadowNodes,
  readClosedShadowTree,
  screenshot,
  waitForShadowText,
  type LaunchedChromium,
  launchChromium,
} from './harness';

/** The extension APIs, as code evaluated inside the service worker sees them. */
declare const chrome: typeof import('wxt/browser').browser;

const EXTENSION = resolve('.output/chrome-mv3');
const OVERLAY = 'liveseal-overlay';

let browser: LaunchedChromium;
let demo: DemoServer;

beforeAll(async () => {
  demo = await startDemoServer();
  browser = await launchChromium(EXTENSION);
});
afterAll(async () => {
  await browser?.close();
  await demo?.close();
});

async function openRoom(slug: string): Promise<Page> {
  const page = await browser.context.newPage();
  await page.goto(demo.roomUrl(slug));
  return page;
}

/** The overlay's status attribute and text, once the verdict has arrived. */
async function overlayOf(page: Page) {
  const text = await waitForShadowText(page, OVERLAY, (t) => t.length > 0, 10_000);
  const tree = await readClosedShadowTree(page, OVERLAY);
  const section = tree && findShadowNodes(tree, (n) => n.attributes['data-status'] !== undefined)[0];
  return { text, status: section?.attributes['data-status'], tone: section?.attributes['data-tone'], tree: tree! };
}

async function badgeOf(page: Page): Promise<string> {
  await page.bringToFront();
  return browser.serviceWorker.evaluate(async () => {
    const [tab] = await chrome.tabs.query({ active: true, lastFocusedWindow: true });
    return chrome.action.getBadgeText({ tabId: tab!.id! });
  });
}

function overlaps(a: { x: number; y: number; width: number; height: number }, b: typeof a): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

/**
 * A date of a demo certificate as the overlay shows it, read from the registry the build bundled:
 * the build moves demo dates to the day it runs (`--as-of today`, at UTC+8), so they differ from
 * the source files on any other day.
 */
function builtDay(number: string, day: (certificate: Certificate) => string | undefined): string {
  const envelope = JSON.parse(readFileSync(resolve(EXTENSION, 'registry/default.dsse.json'), 'utf8')) as { payload: string };
  const snapshot = JSON.parse(Buffer.from(envelope.payload, 'base64').toString('utf8')) as Snapshot;
  const certificate = snapshot.companies.flatMap((c) => c.certificates).find((c) => c.number === number)!;
  return formatDay(day(certificate)!, 'en');
}

const cases: { slug: string; status: string; badge: string; says: (string | RegExp)[] }[] = [
  { slug: 'certified-excellent', status: 'certified', badge: '✓', says: ['★★★ Excellent', '星河优选 (演示)', 'Demo data'] },
  { slug: 'certified-good', status: 'certified', badge: '✓', says: ['★★ Good'] },
  { slug: 'certified-qualified', status: 'certified', badge: '✓', says: ['★ Qualified'] },
  { slug: 'expired', status: 'expired', badge: '!', says: ['Certificate expired', `expired on ${builtDay('DEMO-LS-2023-0004', (c) => c.expiresOn)}`] },
  { slug: 'suspended', status: 'suspended', badge: '✕', says: ['Certificate suspended', `suspended since ${builtDay('DEMO-LS-2024-0005', (c) => c.statusSince)}`] },
  { slug: 'withdrawn', status: 'withdrawn', badge: '✕', says: ['Certificate withdrawn'] },
  { slug: 'audit-overdue', status: 'audit-overdue', badge: '!', says: ['Yearly audit overdue', `audit on ${builtDay('DEMO-LS-2024-0007', (c) => c.audits.at(-1))}`] },
  { slug: 'blacklisted-anchor', status: 'blacklisted', badge: '✕', says: ['Blacklisted', 'anchor-banned', 'live streaming closed'] },
  { slug: 'blacklisted-alias', status: 'possible-blacklist', badge: '!', says: ['Possible blacklist match', '“刀哥说好物”', 'may be someone else'] },
  { slug: 'virtual-anchor', status: 'certified', badge: '✓', says: ['virtual (AI) anchor', '★★★ Excellent'] },
  { slug: 'unlisted', status: 'not-listed', badge: '', says: ['Not certified', 'No certification on record'] },
];

describe('overlay on the demo live rooms', () => {
  it.each(cases)('$slug → $status', async ({ slug, status, badge, says }) => {
    const page = await openRoom(slug);
    const overlay = await overlayOf(page);
    expect(overlay.status).toBe(status);
    for (const phrase of says) {
      if (typeof phrase === 'string') expect(overlay.text).toContain(phrase);
      else expect(overlay.text).toMatch(phrase);
    }
    expect(overlay.text).toContain('trust the LiveSeal icon');
    expect(await badgeOf(page)).toBe(badge);
    await screenshot(page, `.output/screenshots/${slug}.png`);
    await page.close();
  });

  it('stays clear of the video controls, the buy buttons and the chat input', async () => {
    const page = await openRoom('certified-excellent');
    await overlayOf(page);
    const box = (await page.locator(OVERLAY).boundingBox())!;
    expect(box.height).toBeGreaterThan(20);
    for (const selector of ['[data-demo="video-controls"]', '[data-demo="buy"]', '[data-demo="chat-input"]', '[data-demo="video"]']) {
      for (const target of await page.locator(selector).all()) {
        expect(overlaps(box, (await target.boundingBox())!), selector).toBe(false);
      }
    }
    await page.close();
  });

  it('collapses to the mark from the keyboard', async () => {
    const page = await openRoom('suspended');
    await overlayOf(page);
    // Tab into the page until focus lands on the overlay's toggle (inside the closed root the
    // page sees only the host element as focused).
    for (let i = 0; i < 20 && (await page.evaluate(() => document.activeElement?.localName)) !== OVERLAY; i++) {
      await page.keyboard.press('Tab');
    }
    expect(await page.evaluate(() => document.activeElement?.localName)).toBe(OVERLAY);
    await page.keyboard.press('Enter');
    const collapsed = await waitForShadowText(page, OVERLAY, (t) => !t.includes('Certificate CERT'), 5_000);
    expect(collapsed).toContain('Certificate suspended');
    const toggle = findShadowNodes((await readClosedShadowTree(page, OVERLAY))!, (n) => n.nodeName === 'button')[0];
    expect(toggle?.attributes['aria-expanded']).toBe('false');

    // Remembered for the site: another room on it opens collapsed too.
    await page.goto(demo.roomUrl('expired'));
    const again = await waitForShadowText(page, OVERLAY, 'Certificate expired', 10_000);
    expect(again).not.toContain('expired on');
    await page.close();
  });

  it('shows nothing in an ended room', async () => {
    const page = await openRoom('ended');
    await page.waitForTimeout(1500);
    expect(await page.locator(OVERLAY).count()).toBe(0);
    expect(await badgeOf(page)).toBe('');
    await page.close();
  });

  it('keeps the page from reading or changing the overlay', async () => {
    const page = await openRoom('certified-excellent');
    await overlayOf(page);
    const seen = await page.evaluate((tag) => {
      const host = document.querySelector(tag)!;
      return { shadowRoot: host.shadowRoot, text: host.textContent };
    }, OVERLAY);
    expect(seen).toEqual({ shadowRoot: null, text: '' });
    await page.close();
  });
});
