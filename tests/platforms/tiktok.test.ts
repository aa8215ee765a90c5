// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { platformFor } from '../../lib/platforms';
import tiktok from '../../lib/platforms/tiktok';
import { extractChecked, itExtracts, loadFixture, parseHtml } from './support';

const ROOM = 'https://www.tiktok.com/@lsdemo.tiktok.certified/live';
const anchor = (accountId: string) => ({ accountId, role: 'anchor' as const });
const hostileName = '<img src=x onerror=alert(1)></script><script>alert("lsdemo")</script>';
const kitchenProducts = [
  { title: 'LiveSeal Demo Cast Iron Skillet 10"', price: '$24.99' },
  { title: 'LiveSeal Demo Chef Knife', price: '$39.00' },
];
const certified = {
  platform: 'tiktok',
  live: true,
  roomIds: ['7300000000000000001'],
  accounts: [anchor('lsdemo.tiktok.certified'), anchor('7100000000000000001'), anchor('MS4wLjABAAAAlsdemo-tiktok-secuid-certified')],
  anchorName: 'LiveSeal Demo Kitchen',
  products: kitchenProducts,
};

describe('tiktok adapter', () => {
  itExtracts(tiktok, [
    { fixture: 'tiktok/live-room.html', url: ROOM, expected: certified },
    // Handles are case-insensitive: the state still describes the room in the address bar.
    {
      fixture: 'tiktok/live-room.html',
      url: 'https://www.tiktok.com/@LSDemo.TikTok.Certified/live?enter_from_merge=others_homepage',
      expected: certified,
    },
    // After an SPA switch to another room SIGI_STATE is stale: only the handle and the DOM count,
    // and nothing on the page says live.
    {
      fixture: 'tiktok/live-room.html',
      url: 'https://www.tiktok.com/@lsdemo.tiktok.other/live',
      expected: {
        platform: 'tiktok',
        live: false,
        accounts: [anchor('lsdemo.tiktok.other')],
        anchorName: 'LiveSeal Demo Kitchen',
        products: kitchenProducts,
      },
    },
    {
      fixture: 'tiktok/live-room-banned.html',
      url: 'https://www.tiktok.com/@lsdemo.tiktok.banned/live',
      expected: {
        platform: 'tiktok',
        live: true,
        roomIds: ['7300000000000000002'],
        accounts: [anchor('lsdemo.tiktok.banned'), anchor('7100000000000000002'), anchor('MS4wLjABAAAAlsdemo-tiktok-secuid-banned')],
        anchorName: 'LiveSeal Demo Deals',
      },
    },
    {
      fixture: 'tiktok/ended-room.html',
      url: 'https://www.tiktok.com/@lsdemo.tiktok.ended/live',
      expected: {
        platform: 'tiktok',
        live: false,
        roomIds: ['7300000000000000003'],
        accounts: [anchor('lsdemo.tiktok.ended'), anchor('7100000000000000003'), anchor('MS4wLjABAAAAlsdemo-tiktok-secuid-ended')],
        anchorName: 'LiveSeal Demo Ended',
      },
    },
    // No status and no nickname in the state: the name from the DOM, and not live.
    {
      fixture: 'tiktok/broken-missing-keys.html',
      url: 'https://www.tiktok.com/@lsdemo.tiktok.partial/live',
      expected: {
        platform: 'tiktok',
        live: false,
        roomIds: ['7300000000000000005'],
        accounts: [anchor('lsdemo.tiktok.partial'), anchor('7100000000000000005'), anchor('MS4wLjABAAAAlsdemo-tiktok-secuid-partial')],
        anchorName: 'LiveSeal Demo Partial',
      },
    },
    // State cut off and no name element: the handle and the <title>.
    {
      fixture: 'tiktok/broken-truncated.html',
      url: 'https://www.tiktok.com/@lsdemo.tiktok.truncated/live',
      expected: { platform: 'tiktok', live: false, accounts: [anchor('lsdemo.tiktok.truncated')], anchorName: 'LiveSeal Demo Truncated' },
    },
    {
      fixture: 'tiktok/hostile-markup.html',
      url: 'https://www.tiktok.com/@lsdemo.tiktok.hostile/live',
      expected: {
        platform: 'tiktok',
        live: true,
        roomIds: ['7300000000000000007'],
        accounts: [anchor('lsdemo.tiktok.hostile'), anchor('7100000000000000007'), anchor('MS4wLjABAAAAlsdemo-tiktok-secuid-hostile')],
        anchorName: hostileName,
        products: [{ title: '<b onmouseover=alert(1)>Demo item</b>', price: '<i>$1</i>' }],
      },
    },
  ]);

  it.each([
    [ROOM, true],
    [`${ROOM}/`, true],
    ['https://www.tiktok.com/@lsdemo_2.x-y/live?lang=en', true],
    ['https://www.tiktok.com.evil.example/@lsdemo.tiktok.certified/live', false],
    ['https://evil.example/www.tiktok.com/@lsdemo.tiktok.certified/live', false],
    ['https://www.tiktok.com/@lsdemo.tiktok.certified', false],
    ['https://www.tiktok.com/@lsdemo.tiktok.certified/video/7300000000000000001', false],
    ['https://www.tiktok.com/live', false],
    ['https://www.tiktok.com/@/live', false],
  ])('isRoomUrl(%s) is %s', (url, expected) => {
    expect(tiktok.isRoomUrl(new URL(url))).toBe(expected);
  });

  it('is found by file name for its room URLs', () => {
    expect(platformFor(new URL(ROOM))?.id).toBe('tiktok');
  });

  describe('hostile and broken page state', () => {
    const sigiPage = (userJson: string) =>
      parseHtml(`<script id="SIGI_STATE" type="application/json">{"LiveRoom":{"liveRoomUserInfo":{"user":${userJson}}}}</script>`);
    const extract = (userJson: string) => extractChecked(tiktok, sigiPage(userJson), ROOM);

    it('drops a 1 MB name and keeps the ids', () => {
      const identity = extract(JSON.stringify({ uniqueId: 'lsdemo.tiktok.certified', status: 2, nickname: 'x'.repeat(1_000_000) }));
      expect(identity).toEqual(expect.objectContaining({ live: true, accounts: [anchor('lsdemo.tiktok.certified')], anchorName: undefined }));
    });

    it('survives ~5000 levels of nesting', () => {
      const deep = '['.repeat(5000) + ']'.repeat(5000);
      expect(extract(`{"uniqueId":"lsdemo.tiktok.certified","status":2,"extra":${deep}}`)?.live).toBe(true);
    });

    it('never reads the state through __proto__', () => {
      const identity = extract('{"__proto__":{"uniqueId":"lsdemo.tiktok.certified","status":2,"id":"7100000000000000666"}}');
      expect(identity).toEqual(expect.objectContaining({ live: false, accounts: [anchor('lsdemo.tiktok.certified')] }));
      expect(({} as Record<string, unknown>).uniqueId).toBeUndefined();
    });

    it('ignores values of the wrong type', () => {
      const identity = extract('{"uniqueId":"lsdemo.tiktok.certified","status":"2","id":{"n":1},"nickname":["n"]}');
      expect(identity).toEqual(expect.objectContaining({ live: false, accounts: [anchor('lsdemo.tiktok.certified')], anchorName: undefined }));
    });
  });

  it('fingerprints the room: the address and the name, not the chat', () => {
    const doc = loadFixture('tiktok/live-room.html');
    const url = new URL(ROOM);
    const before = tiktok.fingerprint?.(doc, url);
    doc.querySelector('aside')?.append(doc.createElement('div'));
    expect(tiktok.fingerprint?.(doc, url)).toBe(before);
    expect(tiktok.fingerprint?.(doc, new URL('https://www.tiktok.com/@lsdemo.tiktok.banned/live'))).not.toBe(before);
    doc.querySelector('[data-e2e="live-host-nickname"]')?.replaceChildren('LiveSeal Demo Deals');
    expect(tiktok.fingerprint?.(doc, url)).not.toBe(before);
  });
});
