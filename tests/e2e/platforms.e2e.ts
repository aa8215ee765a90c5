/**
 * Every platform adapter in the built extension, on its fixture pages served at the real
 * URLs (request interception: nothing leaves the machine). The demo registry lists each
 * platform's certified fixture anchor under a certified company and its banned fixture anchor
 * on the blacklist, so the overlay, the badge and a room switch without reload can be checked.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findShadowNodes, launchChromium, readClosedShadowTree, routeToFixture, type LaunchedChromium } from './harness';

declare const chrome: typeof import('wxt/browser').browser;

const OVERLAY = 'liveseal-overlay';

interface PlatformRooms {
  platform: string;
  certified: string;
  banned: string;
  /** A room that is not live (ended, offline, a past stream): no overlay. */
  notLive: { url: string; fixture: string };
  /** The site's own SPA event, if it has one. */
  navigationEvent?: string;
}

const PLATFORMS: PlatformRooms[] = [
  {
    platform: 'douyin',
    certified: 'https://live.douyin.com/730000000001',
    banned: 'https://live.douyin.com/730000000002',
    notLive: { url: 'https://live.douyin.com/730000000003', fixture: 'ended-room.html' },
  },
  {
    platform: 'tiktok',
    certified: 'https://www.tiktok.com/@lsdemo.tiktok.certified/live',
    banned: 'https://www.tiktok.com/@lsdemo.tiktok.banned/live',
    notLive: { url: 'https://www.tiktok.com/@lsdemo.tiktok.offline/live', fixture: 'ended-room.html' },
  },
  {
    platform: 'kuaishou',
    certified: 'https://live.kuaishou.com/u/lsdemo_kuaishou_certified',
    banned: 'https://live.kuaishou.com/u/lsdemo_kuaishou_banned',
    notLive: { url: 'https://live.kuaishou.com/u/lsdemo_kuaishou_offline', fixture: 'ended-room.html' },
  },
  {
    platform: 'bilibili',
    certified: 'https://live.bilibili.com/21000001',
    banned: 'https://live.bilibili.com/21000002',
    notLive: { url: 'https://live.bilibili.com/21000003', fixture: 'ended-room.html' },
  },
  {
    platform: 'xiaohongshu',
    certified: 'https://www.xiaohongshu.com/livestream/569000000000000001',
    banned: 'https://www.xiaohongshu.com/livestream/569000000000000002',
    notLive: { url: 'https://www.xiaohongshu.com/livestream/569000000000000003', fixture: 'ended-room.html' },
  },
];

let browser: LaunchedChromium;

beforeAll(async () => {
  browser = await launchChromium(resolve('.output/chrome-mv3'));
  for (const p of PLATFORMS) {
    await routeToFixture(browser.context, p.certified, fixturePath(p.platform, 'live-room.html'));
    await routeToFixture(browser.context, p.banned, fixturePath(p.platform, 'live-room-banned.html'));
    await routeToFixture(browser.context, p.notLive.url, fixturePath(p.platform, p.notLive.fixture));
  }
});
afterAll(() => browser?.close());

function fixturePath(platform: string, file: string): string {
  return resolve('tests/fixtures', platform, file);
}

async function overlayStatus(page: Page): Promise<string | undefined> {
  const tree = await readClosedShadowTree(page, OVERLAY).catch(() => null);
  return tree ? findShadowNodes(tree, (n) => 'data-status' in n.attributes)[0]?.attributes['data-status'] : undefined;
}

const waitForStatus = (page: Page, status: string | undefined) =>
  expect.poll(() => overlayStatus(page), { timeout: 10_000, interval: 50 }).toBe(status);

async function badgeOf(page: Page): Promise<string> {
  await page.bringToFront();
  return browser.serviceWorker.evaluate(async () => {
    const [tab] = await chrome.tabs.query({ active: true, lastFocusedWindow: true });
    return chrome.action.getBadgeText({ tabId: tab!.id! });
  });
}

/** What a single-page site does on a room switch: new URL, new document content, no reload. */
async function switchRoomInPlace(page: Page, url: string, html: string, navigationEvent?: string): Promise<void> {
  await page.evaluate(
    ({ url, html, navigationEvent }) => {
      history.pushState(null, '', url);
      const next = new DOMParser().parseFromString(html, 'text/html');
      document.documentElement.replaceChildren(...Array.from(next.documentElement.childNodes));
      if (navigationEvent) window.dispatchEvent(new Event(navigationEvent));
    },
    { url, html, navigationEvent },
  );
}

describe.each(PLATFORMS)('$platform', (p) => {
  it('marks the certified room and sets the toolbar badge', async () => {
    const page = await browser.context.newPage();
    await page.goto(p.certified);
    await waitForStatus(page, 'certified');
    expect(await badgeOf(page)).toBe('✓');
    await page.close();
  });

  it('follows a switch to a blacklisted anchor’s room without a reload', async () => {
    const page = await browser.context.newPage();
    await page.goto(p.certified);
    await waitForStatus(page, 'certified');
    await page.evaluate(() => Object.assign(window, { sameDocument: true }));
    await switchRoomInPlace(page, p.banned, await readFile(fixturePath(p.platform, 'live-room-banned.html'), 'utf8'), p.navigationEvent);
    await waitForStatus(page, 'blacklisted');
    expect(await page.evaluate(() => 'sameDocument' in window)).toBe(true);
    expect(await badgeOf(page)).toBe('✕');
    await page.close();
  });

  it('shows nothing where the room is not live', async () => {
    const page = await browser.context.newPage();
    await page.goto(p.notLive.url);
    await page.waitForTimeout(1000);
    expect(await page.locator(OVERLAY).count()).toBe(0);
    await page.close();
  });
});
