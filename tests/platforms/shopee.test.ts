// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { platformFor } from '../../lib/platforms';
import shopee from '../../lib/platforms/shopee';
import { extractChecked, itExtracts, loadFixture } from './support';

const session = (id: string) => `https://live.shopee.sg/share?from=live&session=${id}&share_user_id=9000001`;
const anchor = (accountId: string) => ({ accountId, role: 'anchor' as const });
const shop = (accountId: string) => ({ accountId, role: 'shop' as const });
const hostileName = '<img src=x onerror=alert(1)></script><script>alert("lsdemo")</script>';
const homewareProducts = [
  { title: 'Demo ceramic mug 350ml (fictional)', price: '$8.90' },
  { title: 'Demo tea set, 6 pcs', price: '$24.50' },
];
const certified = {
  platform: 'shopee',
  live: true,
  roomIds: ['5000001'],
  accounts: [anchor('lsdemo-shopee-certified'), shop('600000001')],
  anchorName: 'LS Demo Certified Homeware',
  shopName: 'LS Demo Certified Homeware',
  products: homewareProducts,
};

describe('shopee adapter', () => {
  itExtracts(shopee, [
    { fixture: 'shopee/live-room.html', url: session('5000001'), expected: certified },
    {
      fixture: 'shopee/live-room-banned.html',
      url: session('5000002'),
      expected: {
        platform: 'shopee',
        live: true,
        roomIds: ['5000002'],
        accounts: [anchor('lsdemo-shopee-banned')],
        anchorName: 'LS Demo Mega Deals',
        products: [{ title: 'Demo power bank 20000mAh', price: '$12.00' }],
      },
    },
    {
      fixture: 'shopee/ended-room.html',
      url: session('5000003'),
      expected: {
        platform: 'shopee',
        live: false,
        roomIds: ['5000003'],
        accounts: [anchor('lsdemo-shopee-ended')],
        anchorName: 'LS Demo Ended Stream',
      },
    },
    {
      fixture: 'shopee/broken-missing-keys.html',
      url: session('5000004'),
      expected: {
        platform: 'shopee',
        live: true,
        roomIds: ['5000004'],
        accounts: [shop('600000004')],
        shopName: 'LS Demo Unlinked Shop',
        products: homewareProducts.slice(0, 1),
      },
    },
    {
      fixture: 'shopee/broken-not-rendered.html',
      url: session('5000005'),
      expected: { platform: 'shopee', live: false, roomIds: ['5000005'] },
    },
    // A javascript: link carries no id, a path that resolves off /shop/ is no shop; names stay text.
    {
      fixture: 'shopee/hostile-markup.html',
      url: session('5000009'),
      expected: {
        platform: 'shopee',
        live: true,
        roomIds: ['5000009'],
        anchorName: hostileName,
        shopName: hostileName,
        products: [{ title: '<b onmouseover=alert(1)>Free gift</b>', price: '$0.01' }],
      },
    },
  ]);

  it.each([
    [session('5000001'), true],
    ['https://live.shopee.co.th/share/?session=5000001', true],
    ['https://live.shopee.tw/share?session=5000001', true],
    ['https://live.shopee.com.my/share?session=5000001', true],
    ['https://live.shopee.sg/share', false],
    ['https://live.shopee.sg/share?session=abc', false],
    ['https://live.shopee.sg/?session=5000001', false],
    ['https://shopee.sg/share?session=5000001', false],
    ['https://live.shopee.sg.evil.example/share?session=5000001', false],
    ['https://live.shopee.evil/share?session=5000001', false],
    ['https://live.shopee.com.evil.example/share?session=5000001', false],
  ])('isRoomUrl(%s) is %s', (url, expected) => {
    expect(shopee.isRoomUrl(new URL(url))).toBe(expected);
    expect(platformFor(new URL(url))?.id === 'shopee').toBe(expected);
  });

  /** The live session with its product list replaced. */
  function withProducts(cards: string): Document {
    const doc = loadFixture('shopee/live-room.html');
    doc.querySelector('[data-sqe="item"]')!.parentElement!.innerHTML = cards;
    return doc;
  }
  const card = (title: string, price: string) =>
    `<div data-sqe="item"><div data-sqe="name">${title}</div><div data-sqe="price">${price}</div></div>`;

  it('drops megabyte titles and prices and reads at most 100 products', () => {
    const huge = 'x'.repeat(1_000_000);
    const doc = withProducts(card(huge, '$1.00') + card('Demo spoon', huge) + card('Demo bowl', '$2.00').repeat(500));
    const identity = extractChecked(shopee, doc, session('5000001'));
    expect(identity?.products.slice(0, 2)).toEqual([{ title: 'Demo spoon' }, { title: 'Demo bowl', price: '$2.00' }]);
    expect(identity?.products.length).toBeLessThanOrEqual(100);
  });

  // Browsers' HTML parsers stop nesting at 512 levels (and happy-dom's selector engine recurses).
  it('reads a product 500 elements deep', () => {
    const doc = withProducts('<div>'.repeat(500) + card('Demo deep mug', '$3.00') + '</div>'.repeat(500));
    expect(extractChecked(shopee, doc, session('5000001'))?.products).toEqual([{ title: 'Demo deep mug', price: '$3.00' }]);
  });

  it('takes a username __proto__ as inert text', () => {
    const doc = loadFixture('shopee/live-room.html');
    doc.querySelector('a[href*="username="]')!.setAttribute('href', 'https://shopee.sg/profile?username=__proto__');
    expect(extractChecked(shopee, doc, session('5000001'))?.accounts).toEqual([anchor('__proto__'), shop('600000001')]);
    expect(Object.getPrototypeOf({})).toBe(Object.prototype);
  });

  it('fingerprints the streamer on screen', () => {
    const doc = loadFixture('shopee/live-room.html');
    const url = new URL(session('5000001'));
    const before = shopee.fingerprint!(doc, url);
    expect(shopee.fingerprint!(doc, url)).toBe(before);
    doc.querySelector('a[href*="username="] div')!.textContent = 'LS Demo Another Streamer';
    expect(shopee.fingerprint!(doc, url)).not.toBe(before);
    expect(shopee.fingerprint!(doc, new URL(session('5000002')))).not.toBe(shopee.fingerprint!(doc, url));
  });
});
