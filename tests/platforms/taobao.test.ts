// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { platformFor } from '../../lib/platforms';
import taobao from '../../lib/platforms/taobao';
import { extractChecked, itExtracts, loadFixture } from './support';

const room = (liveId: string) => `https://tbzb.taobao.com/live?liveId=${liveId}&spm=a2141.8199351`;
const anchor = (accountId: string) => ({ accountId, role: 'anchor' as const });
const shop = (accountId: string) => ({ accountId, role: 'shop' as const });
const hostileName = '<img src=x onerror=alert(1)></script><script>alert("lsdemo")</script>';
const teaProducts = [
  { title: '示例青瓷盖碗三件套', price: '¥59.90' },
  { title: '示例紫砂壶 200ml', price: '¥128.00' },
];
const certified = {
  platform: 'taobao',
  live: true,
  roomIds: ['400000000001'],
  accounts: [anchor('lsdemo-taobao-certified'), shop('100000001')],
  anchorName: '示例茶具旗舰店',
  shopName: '示例茶具旗舰店',
  products: teaProducts,
};

describe('taobao adapter', () => {
  itExtracts(taobao, [
    { fixture: 'taobao/live-room.html', url: room('400000000001'), expected: certified },
    {
      fixture: 'taobao/live-room.html',
      url: 'https://huodong.m.taobao.com/act/talent/live.html?id=400000000001',
      expected: certified,
    },
    {
      fixture: 'taobao/live-room-banned.html',
      url: 'https://tbzb.taobao.com/follow?accountId=lsdemo-taobao-banned&liveId=400000000002',
      expected: {
        platform: 'taobao',
        live: true,
        roomIds: ['400000000002'],
        accounts: [anchor('lsdemo-taobao-banned')],
        anchorName: '示例好物直播间',
        products: [{ title: '示例"爆款"保温杯', price: '¥9.90' }],
      },
    },
    {
      fixture: 'taobao/ended-room.html',
      url: room('400000000003'),
      expected: {
        platform: 'taobao',
        live: false,
        roomIds: ['400000000003'],
        accounts: [anchor('lsdemo-taobao-ended')],
        anchorName: '示例已下播主播',
      },
    },
    {
      fixture: 'taobao/broken-missing-keys.html',
      url: room('400000000004'),
      expected: {
        platform: 'taobao',
        live: true,
        roomIds: ['400000000004'],
        accounts: [shop('100000004')],
        shopName: '示例无链接主播的店',
        products: teaProducts.slice(0, 1),
      },
    },
    {
      fixture: 'taobao/broken-not-rendered.html',
      url: room('400000000005'),
      expected: { platform: 'taobao', live: false, roomIds: ['400000000005'] },
    },
    // A javascript: link carries no id, a lookalike host is no shop; names stay the text they are.
    {
      fixture: 'taobao/hostile-markup.html',
      url: room('400000000009'),
      expected: {
        platform: 'taobao',
        live: true,
        roomIds: ['400000000009'],
        anchorName: hostileName,
        shopName: hostileName,
        products: [{ title: '<b onmouseover=alert(1)>赠品</b>', price: '¥0.01' }],
      },
    },
  ]);

  it.each([
    [room('400000000001'), true],
    ['https://tbzb.taobao.com/follow?liveId=400000000001', true],
    ['https://huodong.m.taobao.com/act/talent/live.html?spm=x&id=400000000001', true],
    ['https://tbzb.taobao.com/live', false],
    ['https://tbzb.taobao.com/live?liveId=abc', false],
    ['https://tbzb.taobao.com/follow?accountId=lsdemo-taobao-certified', false],
    ['https://tbzb.taobao.com/live/other?liveId=400000000001', false],
    ['https://tbzb.taobao.com.evil.example/live?liveId=400000000001', false],
    ['https://evil.example/tbzb.taobao.com/live?liveId=400000000001', false],
    ['https://item.taobao.com/item.htm?id=700000000001', false],
  ])('isRoomUrl(%s) is %s', (url, expected) => {
    expect(taobao.isRoomUrl(new URL(url))).toBe(expected);
    expect(platformFor(new URL(url))?.id === 'taobao').toBe(expected);
  });

  /** The live room with its anchor link changed. */
  function withAnchorLink(change: (link: Element) => void): Document {
    const doc = loadFixture('taobao/live-room.html');
    change(doc.querySelector('a[href*="accountId="]')!);
    return doc;
  }

  it('drops a megabyte name and id but keeps the rest', () => {
    const huge = 'x'.repeat(1_000_000);
    const doc = withAnchorLink((link) => {
      link.textContent = huge;
      link.setAttribute('href', `//tbzb.taobao.com/follow?accountId=${huge}`);
    });
    expect(extractChecked(taobao, doc, room('400000000001'))).toEqual({
      ...certified,
      accounts: [shop('100000001')],
      anchorName: undefined,
    });
  });

  // Browsers' HTML parsers stop nesting at 512 levels (and happy-dom's selector engine recurses).
  it('reads an anchor link 500 elements deep', () => {
    const doc = withAnchorLink((link) => {
      link.outerHTML = '<div>'.repeat(500) + link.outerHTML + '</div>'.repeat(500);
    });
    expect(extractChecked(taobao, doc, room('400000000001'))).toEqual(certified);
  });

  it('takes an id named __proto__ as inert text', () => {
    const doc = withAnchorLink((link) => link.setAttribute('href', '//tbzb.taobao.com/follow?accountId=__proto__'));
    expect(extractChecked(taobao, doc, room('400000000001'))?.accounts).toEqual([anchor('__proto__'), shop('100000001')]);
    expect(Object.getPrototypeOf({})).toBe(Object.prototype);
  });

  it('fingerprints the anchor on screen', () => {
    const url = new URL(room('400000000001'));
    const doc = loadFixture('taobao/live-room.html');
    const before = taobao.fingerprint!(doc, url);
    expect(taobao.fingerprint!(doc, url)).toBe(before);
    doc.querySelector('a[href*="accountId="] span')!.textContent = '示例另一位主播';
    expect(taobao.fingerprint!(doc, url)).not.toBe(before);
    expect(taobao.fingerprint!(doc, new URL(room('400000000002')))).not.toBe(taobao.fingerprint!(doc, url));
  });
});
