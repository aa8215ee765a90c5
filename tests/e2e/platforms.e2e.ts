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
  {
    platform: 'youtube',
    certified: 'https://www.youtube.com/watch?v=lsdemoLive1',
    banned: 'https://www.youtube.com/watch?v=lsdemoBann1',
    notLive: { url: 'https://www.youtube.com/watch?v=lsdemoVod01', fixture: 'vod-past-stream.html' },
    navigationEvent: 'yt-navigate-finish',
  },
  {
    platform: 'taobao',
    certified: 'https://tbzb.taobao.com/live?liveId=400000000001&spm=a2141.8199351',
    banned: 'https://tbzb.taobao.com/follow?accountId=lsdemo-taobao-banned&liveId=400000000002',
    notLive: { url: 'https://tbzb.taobao.com/live?liveId=400000000003', fixture: 'ended-room.html' },
  },
  {
    platform: 'jd',
    certified: 'https://lives.jd.com/#/30000001',
    banned: 'https://lives.jd.com/?from=banned#/30000002',
    // Hash routing: document requests carry no hash, so each fixture gets its own query.
    notLive: { url: 'https://lives.jd.com/?from=ended#/30000003', fixture: 'ended-room.html' },
  },
  {
    platform: 'amazon',
    certified: 'https://www.amazon.com/live/broadcast/0c5e1d2a-7b3f-4e9a-8d61-2f4b9c0e7a15',
    banned: 'https://www.amazon.com/live/broadcast/1d6f2e3b-8c4a-4fab-9e72-3a5cad1f8b26',
    notLive: { url: 'https://www.amazon.com/live/broadcast/2e7a3f4c-9d5b-4abc-8f83-4b6dbe2a9c37', fixture: 'ended-room.html' },
  },
  {
    platform: 'shopee',
    certified: 'https://live.shopee.sg/share?from=live&session=5000001&share_user_id=9000001',
    banned: 'https://live.shopee.sg/share?from=live&session=5000002&share_user_id=9000001',
    notLive: { url: 'https://live.shopee.sg/share?from=live&session=5000003&share_user_id=9000001', fixture: 'ended-room.html' },
  },
];

let browser: LaunchedChromium;

beforeAll(async () => {
  browser = await launchChromium(resolve('.output/chrome-mv3'));
  // Requests never carry the URL's #fragment, so routes match the URL without it.
  const route = (url: string, fixture: string) => routeToFixture(browser.context, url.split('#')[0]!, fixturePath(fixture));
  for (const p of PLATFORMS) {
    await route(p.certified, `${p.platform}/live-room.html`);
    await route(p.banned, `${p.platform}/live-room-banned.html`);
    await route(p.notLive.url, `${p.platform}/${p.notLive.fixture}`);
  }
});
afterAll(() => browser?.close());

function fixturePath(file: string): string {
  return resolve('tests/fixtures', file);
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
    await switchRoomInPlace(page, p.banned, await readFile(fixturePath(`${p.platform}/live-room-banned.html`), 'utf8'), p.navigationEvent);
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
