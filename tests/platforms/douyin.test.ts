// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { platformFor } from '../../lib/platforms';
import douyin from '../../lib/platforms/douyin';
import { guardReason } from '../../lib/page/purchase-guard';
import { extractChecked, itExtracts, loadFixture, parseHtml } from './support';

const ROOM = 'https://live.douyin.com/730000000001';
const anchor = (accountId: string) => ({ accountId, role: 'anchor' as const });
const hostileName = '<img src=x onerror=alert(1)></script><script>alert("lsdemo")</script>';
const teaProducts = [
  { title: '示例青瓷盖碗三件套', price: '¥59.90' },
  { title: '示例紫砂壶 200ml', price: '¥128.00' },
];
const certified = {
  platform: 'douyin',
  live: true,
  roomIds: ['730000000001', '7400000000000000001'],
  accounts: [anchor('MS4wLjABAAAAlsdemo-douyin-certified'), anchor('1100000000000001')],
  anchorName: '示例茶具旗舰店',
  products: teaProducts,
};

describe('douyin adapter', () => {
  itExtracts(douyin, [
    { fixture: 'douyin/live-room.html', url: ROOM, expected: certified },
    { fixture: 'douyin/live-room.html', url: 'https://www.douyin.com/root/live/7400000000000000001', expected: certified },
    // After an SPA room switch the inline store still describes the first room: only the DOM counts.
    {
      fixture: 'douyin/live-room.html',
      url: 'https://live.douyin.com/730000000099',
      expected: { platform: 'douyin', live: true, roomIds: ['730000000099'], anchorName: '示例茶具旗舰店', products: teaProducts },
    },
    {
      fixture: 'douyin/live-room-banned.html',
      url: 'https://live.douyin.com/730000000002',
      expected: {
        platform: 'douyin',
        live: true,
        roomIds: ['730000000002', '7400000000000000002'],
        accounts: [anchor('MS4wLjABAAAAlsdemo-douyin-banned'), anchor('1100000000000002')],
        anchorName: '示例好物直播间',
      },
    },
    {
      fixture: 'douyin/ended-room.html',
      url: 'https://live.douyin.com/730000000003',
      expected: {
        platform: 'douyin',
        live: false,
        roomIds: ['730000000003', '7400000000000000003'],
        accounts: [anchor('MS4wLjABAAAAlsdemo-douyin-ended'), anchor('1100000000000003')],
        anchorName: '示例已下播主播',
      },
    },
    {
      fixture: 'douyin/legacy-render-data.html',
      url: 'https://live.douyin.com/730000000004',
      expected: {
        platform: 'douyin',
        live: true,
        roomIds: ['730000000004', '7400000000000000004'],
        accounts: [anchor('MS4wLjABAAAAlsdemo-douyin-legacy'), anchor('1100000000000004')],
        anchorName: '示例老版页面主播',
      },
    },
    // No anchor and no status in the store: name and live marker from the DOM, no account claimed.
    {
      fixture: 'douyin/broken-missing-keys.html',
      url: 'https://live.douyin.com/730000000005',
      expected: { platform: 'douyin', live: true, roomIds: ['730000000005', '7400000000000000005'], anchorName: '示例缺字段主播' },
    },
    // Store cut off and no name element: the live marker and the <title>.
    {
      fixture: 'douyin/broken-truncated.html',
      url: 'https://live.douyin.com/730000000006',
      expected: { platform: 'douyin', live: true, roomIds: ['730000000006'], anchorName: '示例截断主播' },
    },
    {
      fixture: 'douyin/hostile-markup.html',
      url: 'https://live.douyin.com/730000000007',
      expected: {
        platform: 'douyin',
        live: true,
        roomIds: ['730000000007', '7400000000000000007'],
        accounts: [anchor('MS4wLjABAAAAlsdemo-douyin-hostile'), anchor('1100000000000007')],
        anchorName: hostileName,
        products: [{ title: '<b onmouseover=alert(1)>示例商品</b>', price: '<i>¥1</i>' }],
      },
    },
  ]);

  it.each([
    [ROOM, true],
    [`${ROOM}?enter_from_merge=web_live&action_type=click`, true],
    ['https://live.douyin.com/lsdemo_handle', true],
    ['https://www.douyin.com/root/live/7400000000000000001', true],
    ['https://www.douyin.com/follow/live/7400000000000000001', true],
    ['https://live.douyin.com.evil.example/730000000001', false],
    ['https://evil.example/live.douyin.com/730000000001', false],
    ['https://live.douyin.com:8443/730000000001', false],
    ['http://live.douyin.com/730000000001', false],
    ['https://live.douyin.com/', false],
    ['https://live.douyin.com/category/1_2_3', false],
    ['https://www.douyin.com/video/7400000000000000001', false],
    ['https://www.douyin.com/root/live/lsdemo', false],
  ])('isRoomUrl(%s) is %s', (url, expected) => {
    expect(douyin.isRoomUrl(new URL(url))).toBe(expected);
  });

  it('is found by file name for its room URLs', () => {
    expect(platformFor(new URL(ROOM))?.id).toBe('douyin');
  });

  describe('hostile and broken page state', () => {
    /** A page holding only a `__pace_f` chunk whose state is `stateJson` (JSON text). */
    const pacePage = (stateJson: string) =>
      parseHtml(`<script>self.__pace_f.push([1,${JSON.stringify(`c:["$","$L1",null,{"state":${stateJson}}]`).replace(/</g, '\\u003c')}])</script>`);
    const roomStore = (anchorJson: string) =>
      `{"roomStore":{"roomInfo":{"web_rid":"730000000001","room":{"status":2},"anchor":${anchorJson}}}}`;
    const extract = (stateJson: string) => extractChecked(douyin, pacePage(stateJson), ROOM);

    it('drops a 1 MB name and keeps the ids', () => {
      const identity = extract(roomStore(JSON.stringify({ sec_uid: 'MS4wLjABAAAAlsdemo-douyin-big', nickname: 'x'.repeat(1_000_000) })));
      expect(identity?.anchorName).toBeUndefined();
      expect(identity?.accounts).toEqual([anchor('MS4wLjABAAAAlsdemo-douyin-big')]);
    });

    it('survives ~5000 levels of nesting', () => {
      const deep = '['.repeat(5000) + ']'.repeat(5000);
      expect(extract(roomStore(`{"sec_uid":"MS4wLjABAAAAlsdemo-douyin-deep","extra":${deep}}`))?.accounts).toEqual([
        anchor('MS4wLjABAAAAlsdemo-douyin-deep'),
      ]);
    });

    it('never reads ids through __proto__', () => {
      expect(extract(`{"roomStore":{"roomInfo":{"__proto__":{"web_rid":"730000000001"},"room":{"status":2}}}}`)).toBeNull();
      const identity = extract(roomStore('{"__proto__":{"sec_uid":"MS4wLjABAAAAlsdemo-douyin-evil","nickname":"evil"}}'));
      expect(identity).toEqual(expect.objectContaining({ live: true, accounts: [], anchorName: undefined }));
      expect(({} as Record<string, unknown>).sec_uid).toBeUndefined();
    });

    it('ignores values of the wrong type', () => {
      const identity = extract(
        '{"roomStore":{"roomInfo":{"web_rid":"730000000001","room":{"status":"2"},"anchor":{"sec_uid":{"id":1},"nickname":["n"]}}}}',
      );
      expect(identity).toEqual(expect.objectContaining({ live: false, accounts: [], anchorName: undefined }));
    });

    it.each([
      ['malformed %-escapes in RENDER_DATA', '<script id="RENDER_DATA" type="application/json">%E0%A4%A{</script>'],
      ['a __pace_f chunk that is not an array', '<script>self.__pace_f.push("roomStore")</script>'],
      ['a chunk whose row is not JSON', '<script>self.__pace_f.push([1,"c:{roomStore"])</script>'],
    ])('recognises nothing from %s', (_name, html) => {
      expect(extractChecked(douyin, parseHtml(html), ROOM)).toBeNull();
    });
  });

  it('fingerprints the room: the address and the name, not the chat', () => {
    const doc = loadFixture('douyin/live-room.html');
    const url = new URL(ROOM);
    const before = douyin.fingerprint?.(doc, url);
    doc.querySelector('.webcast-chatroom___list')?.append(doc.createElement('div'));
    expect(douyin.fingerprint?.(doc, url)).toBe(before);
    expect(douyin.fingerprint?.(doc, new URL('https://live.douyin.com/730000000002'))).not.toBe(before);
    doc.querySelector('[data-e2e="live-room-nickname"]')?.replaceChildren('示例好物直播间');
    expect(douyin.fingerprint?.(doc, url)).not.toBe(before);
  });
});

describe('douyin purchase controls', () => {
  it('tie each buy button of the fixture to its product title, for parent mode’s guard', () => {
    const doc = loadFixture('douyin/live-room.html');
    const [teapotBuy, bowlBuy] = [...doc.querySelectorAll(douyin.purchase!.buyButton)].reverse();
    const restricted = { title: '示例紫砂壶 200ml', categories: [{ id: 'x', label: { zh: 'x', en: 'x' } }] };
    const notice = { products: [restricted], guard: { purchases: true, gifts: true } };
    expect(guardReason(teapotBuy!, douyin.purchase!, notice)).toEqual({ button: teapotBuy, reason: { kind: 'purchase', product: restricted } });
    expect(guardReason(bowlBuy!, douyin.purchase!, notice)).toBeUndefined();
  });
});
