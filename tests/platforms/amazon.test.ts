// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { platformFor } from '../../lib/platforms';
import amazon from '../../lib/platforms/amazon';
import { extractChecked, itExtracts, loadFixture, parseHtml } from './support';

const broadcast = (id: string) => `https://www.amazon.com/live/broadcast/${id}`;
const LIVE_ID = '0c5e1d2a-7b3f-4e9a-8d61-2f4b9c0e7a15';
const anchor = (accountId: string) => ({ accountId, role: 'anchor' as const });
const hostileName = '<img src=x onerror=alert(1)></script><script>alert("lsdemo")</script>';
const kitchenProducts = [
  { title: 'Demo stainless kettle 1.7L (fictional)', price: '$39.99' },
  { title: 'Demo glass teapot with infuser', price: '$18.49' },
];
const certified = {
  platform: 'amazon',
  live: true,
  roomIds: [LIVE_ID],
  accounts: [anchor('lsdemo-amazon-certified')],
  anchorName: 'LS Demo Certified Kitchen',
  products: kitchenProducts,
};

describe('amazon adapter', () => {
  itExtracts(amazon, [
    { fixture: 'amazon/live-room.html', url: `${broadcast(LIVE_ID)}?ref_=live_hp`, expected: certified },
    {
      fixture: 'amazon/live-room-banned.html',
      url: broadcast('1d6f2e3b-8c4a-4fab-9e72-3a5cad1f8b26'),
      expected: {
        platform: 'amazon',
        live: true,
        roomIds: ['1d6f2e3b-8c4a-4fab-9e72-3a5cad1f8b26'],
        accounts: [anchor('lsdemo-amazon-banned')],
        anchorName: 'LS Demo Flash Deals',
        products: [{ title: 'Demo power bank 20000mAh', price: '$12.99' }],
      },
    },
    {
      fixture: 'amazon/ended-room.html',
      url: broadcast('2e7a3f4c-9d5b-4abc-8f83-4b6dbe2a9c37'),
      expected: {
        ...certified,
        live: false,
        roomIds: ['2e7a3f4c-9d5b-4abc-8f83-4b6dbe2a9c37'],
        products: kitchenProducts.slice(0, 1),
      },
    },
    // Live still from the JSON-LD; the seller from the storefront link.
    {
      fixture: 'amazon/broken-missing-keys.html',
      url: broadcast('3f8b4a5d-ae6c-4bcd-9a94-5c7ecf3bad48'),
      expected: {
        platform: 'amazon',
        live: true,
        roomIds: ['3f8b4a5d-ae6c-4bcd-9a94-5c7ecf3bad48'],
        accounts: [anchor('lsdemo-amazon-partial')],
        anchorName: 'LS Demo Partial',
        products: kitchenProducts.slice(1),
      },
    },
    // Without the JSON-LD nothing says the broadcast is live.
    {
      fixture: 'amazon/broken-truncated.html',
      url: broadcast('4a9c5b6e-bf7d-4cde-8ba5-6d8fd04cbe59'),
      expected: {
        platform: 'amazon',
        live: false,
        roomIds: ['4a9c5b6e-bf7d-4cde-8ba5-6d8fd04cbe59'],
        accounts: [anchor('lsdemo-amazon-truncated')],
        anchorName: 'LS Demo Truncated',
      },
    },
    // The author url behind `__proto__` is never read; names stay the text they are.
    {
      fixture: 'amazon/hostile-markup.html',
      url: broadcast('5bad6c7f-c08e-4def-9cb6-7e9ae15dcf6a'),
      expected: {
        platform: 'amazon',
        live: true,
        roomIds: ['5bad6c7f-c08e-4def-9cb6-7e9ae15dcf6a'],
        accounts: [anchor('lsdemo-amazon-hostile')],
        anchorName: hostileName,
        products: [{ title: '<b onmouseover=alert(1)>Free gift</b>', price: '$0.01' }],
      },
    },
  ]);

  it.each([
    [broadcast(LIVE_ID), true],
    [`${broadcast(LIVE_ID)}/?ref_=x`, true],
    ['https://www.amazon.com/live', false],
    ['https://www.amazon.com/live/broadcast/not-a-uuid', false],
    ['https://www.amazon.com/shop/lsdemo-amazon-certified', false],
    [`https://www.amazon.com.evil.example/live/broadcast/${LIVE_ID}`, false],
    [`https://evil.example/www.amazon.com/live/broadcast/${LIVE_ID}`, false],
    [`https://amazon.com.evil.example/live/broadcast/${LIVE_ID}`, false],
  ])('isRoomUrl(%s) is %s', (url, expected) => {
    expect(amazon.isRoomUrl(new URL(url))).toBe(expected);
    expect(platformFor(new URL(url))?.id === 'amazon').toBe(expected);
  });

  /** A broadcast page whose only source is a JSON-LD script with this text. */
  const jsonLdPage = (json: string) => parseHtml(`<html><head><script type="application/ld+json">${json}</script></head></html>`);
  const videoObject = (author: Record<string, unknown>) =>
    JSON.stringify({ '@type': 'VideoObject', author, publication: { '@type': 'BroadcastEvent', isLiveBroadcast: true } });

  it('drops a megabyte author and ignores storefronts off amazon.com', () => {
    const huge = 'x'.repeat(1_000_000);
    const page = jsonLdPage(videoObject({ name: huge, url: `https://www.amazon.com/shop/${huge}` }));
    expect(extractChecked(amazon, page, broadcast(LIVE_ID))).toEqual({
      platform: 'amazon',
      live: true,
      roomIds: [LIVE_ID],
      accounts: [],
      products: [],
    });
    const evilUrl = 'https://www.amazon.com.evil.example/shop/lsdemo-amazon-evil';
    const lookalike = jsonLdPage(videoObject({ name: 'LS Demo', url: evilUrl }));
    expect(extractChecked(amazon, lookalike, broadcast(LIVE_ID))?.accounts).toEqual([]);
  });

  it('reads past 5000 levels of nesting, and falls back when they never close', () => {
    const author = { name: 'LS Demo Deep', url: 'https://www.amazon.com/shop/lsdemo-amazon-deep' };
    const deep = `{"x":${'['.repeat(5000)}${']'.repeat(5000)},${videoObject(author).slice(1)}`;
    expect(extractChecked(amazon, jsonLdPage(deep), broadcast(LIVE_ID))?.accounts).toEqual([anchor('lsdemo-amazon-deep')]);
    const doc = loadFixture('amazon/live-room.html');
    doc.querySelector('script[type="application/ld+json"]:last-of-type')!.textContent = `{"x":${'['.repeat(5000)}`;
    expect(extractChecked(amazon, doc, broadcast(LIVE_ID))).toEqual({ ...certified, live: false });
  });

  it('follows no inherited keys and pollutes no prototype', () => {
    const page = jsonLdPage('{"__proto__":{"@type":"VideoObject","publication":{"isLiveBroadcast":true}}}');
    expect(extractChecked(amazon, page, broadcast(LIVE_ID))).toBeNull();
    expect((Object.prototype as Record<string, unknown>)['@type']).toBeUndefined();
  });

  it('fingerprints the creator on screen', () => {
    const doc = loadFixture('amazon/live-room.html');
    const url = new URL(broadcast(LIVE_ID));
    const before = amazon.fingerprint!(doc, url);
    expect(amazon.fingerprint!(doc, url)).toBe(before);
    doc.querySelector('a[href^="/shop/"] span')!.textContent = 'LS Demo Another Creator';
    expect(amazon.fingerprint!(doc, url)).not.toBe(before);
  });
});
