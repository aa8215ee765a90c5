// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { platformFor } from '../../lib/platforms';
import jd from '../../lib/platforms/jd';
import { extractChecked, itExtracts, loadFixture } from './support';

const room = (liveId: string) => `https://lives.jd.com/#/${liveId}`;
const anchor = (accountId: string) => ({ accountId, role: 'anchor' as const });
const shop = (accountId: string) => ({ accountId, role: 'shop' as const });
const hostileName = '<img src=x onerror=alert(1)></script><script>alert("lsdemo")</script>';
const kitchenProducts = [
  { title: '示例电饭煲 4L', price: '¥299.00' },
  { title: '示例不粘锅 28cm', price: '¥89.90' },
];
const certified = {
  platform: 'jd',
  live: true,
  roomIds: ['30000001'],
  accounts: [anchor('lsdemo-jd-certified'), shop('1000000001')],
  anchorName: '示例厨电自营旗舰店',
  shopName: '示例厨电自营旗舰店',
  products: kitchenProducts,
};

describe('jd adapter', () => {
  itExtracts(jd, [
    { fixture: 'jd/live-room.html', url: room('30000001'), expected: certified },
    { fixture: 'jd/live-room.html', url: `${room('30000001')}?origin=home`, expected: certified },
    {
      fixture: 'jd/live-room-banned.html',
      url: room('30000002'),
      expected: {
        platform: 'jd',
        live: true,
        roomIds: ['30000002'],
        accounts: [anchor('lsdemo-jd-banned')],
        anchorName: '示例捡漏直播间',
        products: [{ title: '示例充电宝 20000mAh', price: '¥39.00' }],
      },
    },
    {
      fixture: 'jd/ended-room.html',
      url: room('30000003'),
      expected: {
        platform: 'jd',
        live: false,
        roomIds: ['30000003'],
        accounts: [anchor('lsdemo-jd-ended')],
        anchorName: '示例已下播主播',
      },
    },
    {
      fixture: 'jd/broken-missing-keys.html',
      url: room('30000004'),
      expected: {
        platform: 'jd',
        live: true,
        roomIds: ['30000004'],
        accounts: [shop('1000000004')],
        shopName: '示例无链接主播的店',
        products: kitchenProducts.slice(0, 1),
      },
    },
    {
      fixture: 'jd/broken-not-rendered.html',
      url: room('30000005'),
      expected: { platform: 'jd', live: false, roomIds: ['30000005'] },
    },
    // A javascript: link carries no id, a lookalike host is no shop link; names stay the text they are.
    {
      fixture: 'jd/hostile-markup.html',
      url: room('30000009'),
      expected: {
        platform: 'jd',
        live: true,
        roomIds: ['30000009'],
        anchorName: hostileName,
        products: [{ title: '<b onmouseover=alert(1)>赠品</b>', price: '¥0.01' }],
      },
    },
  ]);

  it.each([
    [room('30000001'), true],
    ['https://lives.jd.com/#/30000001/', true],
    ['https://lives.jd.com/?from=search#/30000001?tab=goods', true],
    ['https://lives.jd.com/', false],
    ['https://lives.jd.com/#/', false],
    ['https://lives.jd.com/#/author', false],
    ['https://lives.jd.com/#/1234', false],
    ['https://lives.jd.com/30000001', false],
    ['https://lives.jd.com.evil.example/#/30000001', false],
    ['https://evil.example/#/30000001', false],
    ['https://item.jd.com/100000000001.html', false],
  ])('isRoomUrl(%s) is %s', (url, expected) => {
    expect(jd.isRoomUrl(new URL(url))).toBe(expected);
    expect(platformFor(new URL(url))?.id === 'jd').toBe(expected);
  });

  /** The live room with its shop link changed. */
  function withShopLink(change: (link: Element) => void): Document {
    const doc = loadFixture('jd/live-room.html');
    change(doc.querySelector('a[href*="mall.jd.com/index-"]')!);
    return doc;
  }

  it('drops a megabyte shop name and id but keeps the rest', () => {
    const doc = withShopLink((link) => {
      link.textContent = '店'.repeat(1_000_000);
      link.setAttribute('href', `//mall.jd.com/index-${'1'.repeat(1_000_000)}.html`);
    });
    expect(extractChecked(jd, doc, room('30000001'))).toEqual({
      ...certified,
      accounts: [anchor('lsdemo-jd-certified')],
      shopName: undefined,
    });
  });

  // Browsers' HTML parsers stop nesting at 512 levels (and happy-dom's selector engine recurses).
  it('reads a shop link 500 elements deep', () => {
    const doc = withShopLink((link) => {
      link.outerHTML = '<span>'.repeat(500) + link.outerHTML + '</span>'.repeat(500);
    });
    expect(extractChecked(jd, doc, room('30000001'))).toEqual(certified);
  });

  it('takes ids named __proto__ as inert text', () => {
    const doc = loadFixture('jd/live-room.html');
    doc.querySelector('a[href*="authorId="]')!.setAttribute('href', '//lives.jd.com/author?authorId=__proto__');
    expect(extractChecked(jd, doc, room('30000001'))?.accounts).toEqual([anchor('__proto__'), shop('1000000001')]);
    expect(Object.getPrototypeOf({})).toBe(Object.prototype);
  });

  it('fingerprints the hash route and the anchor on screen', () => {
    const doc = loadFixture('jd/live-room.html');
    const url = new URL(room('30000001'));
    const before = jd.fingerprint!(doc, url);
    expect(jd.fingerprint!(doc, url)).toBe(before);
    expect(jd.fingerprint!(doc, new URL(room('30000002')))).not.toBe(before);
    doc.querySelector('a[href*="authorId="]')!.textContent = '示例另一位主播';
    expect(jd.fingerprint!(doc, url)).not.toBe(before);
    expect(jd.navigationEvents).toContain('hashchange');
  });
});
