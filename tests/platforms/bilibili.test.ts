// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { platformFor } from '../../lib/platforms';
import bilibili from '../../lib/platforms/bilibili';
import { extractChecked, itExtracts, loadFixture, parseHtml } from './support';

const ROOM = 'https://live.bilibili.com/21000001';
const anchor = (accountId: string) => ({ accountId, role: 'anchor' as const });
const hostileName = '<img src=x onerror=alert(1)></script><script>alert("lsdemo")</script>';
const certified = {
  platform: 'bilibili',
  live: true,
  roomIds: ['21000001', '1001'],
  accounts: [anchor('3493110000000001')],
  anchorName: '示例书店直播',
};

describe('bilibili adapter', () => {
  itExtracts(bilibili, [
    { fixture: 'bilibili/live-room.html', url: ROOM, expected: certified },
    // The short id in the address names the same room.
    { fixture: 'bilibili/live-room.html', url: 'https://live.bilibili.com/1001', expected: certified },
    { fixture: 'bilibili/live-room.html', url: 'https://live.bilibili.com/blanc/21000001?liteVersion=true', expected: certified },
    // A state for another room (never trusted): the room in the address, the DOM name, not live.
    {
      fixture: 'bilibili/live-room.html',
      url: 'https://live.bilibili.com/21000099',
      expected: { platform: 'bilibili', live: false, roomIds: ['21000099'], anchorName: '示例书店直播' },
    },
    {
      fixture: 'bilibili/live-room-banned.html',
      url: 'https://live.bilibili.com/21000002',
      expected: {
        platform: 'bilibili',
        live: true,
        roomIds: ['21000002'],
        accounts: [anchor('3493110000000002')],
        anchorName: '示例清仓直播',
      },
    },
    {
      fixture: 'bilibili/ended-room.html',
      url: 'https://live.bilibili.com/21000003',
      expected: {
        platform: 'bilibili',
        live: false,
        roomIds: ['21000003'],
        accounts: [anchor('3493110000000003')],
        anchorName: '示例休息主播',
      },
    },
    // No live_status and no anchor_info: the name from the DOM, and not live.
    {
      fixture: 'bilibili/broken-missing-keys.html',
      url: 'https://live.bilibili.com/21000005',
      expected: {
        platform: 'bilibili',
        live: false,
        roomIds: ['21000005'],
        accounts: [anchor('3493110000000005')],
        anchorName: '示例缺字段主播',
      },
    },
    // State cut off and no name element: the <title>.
    {
      fixture: 'bilibili/broken-truncated.html',
      url: 'https://live.bilibili.com/21000006',
      expected: { platform: 'bilibili', live: false, roomIds: ['21000006'], anchorName: '示例截断主播' },
    },
    {
      fixture: 'bilibili/hostile-markup.html',
      url: 'https://live.bilibili.com/21000007',
      expected: {
        platform: 'bilibili',
        live: true,
        roomIds: ['21000007'],
        accounts: [anchor('3493110000000007')],
        anchorName: hostileName,
      },
    },
  ]);

  it.each([
    [ROOM, true],
    ['https://live.bilibili.com/1001?broadcast_type=0', true],
    ['https://live.bilibili.com/blanc/21000001', true],
    ['https://live.bilibili.com.evil.example/21000001', false],
    ['https://evil.example/live.bilibili.com/21000001', false],
    ['https://www.bilibili.com/21000001', false],
    ['https://live.bilibili.com/', false],
    ['https://live.bilibili.com/p/eden/area-tags', false],
    ['https://live.bilibili.com/lsdemo', false],
  ])('isRoomUrl(%s) is %s', (url, expected) => {
    expect(bilibili.isRoomUrl(new URL(url))).toBe(expected);
  });

  it('is found by file name for its room URLs', () => {
    expect(platformFor(new URL(ROOM))?.id).toBe('bilibili');
  });

  describe('hostile and broken page state', () => {
    const statePage = (json: string) => parseHtml(`<script>window.__NEPTUNE_IS_MY_WAIFU__=${json.replace(/</g, '\\u003c')}</script>`);
    const state = (initData: string, uname = '"示例"') =>
      `{"roomInitRes":{"data":${initData}},"roomInfoRes":{"data":{"anchor_info":{"base_info":{"uname":${uname}}}}}}`;
    const extract = (json: string) => extractChecked(bilibili, statePage(json), ROOM);

    it('drops a 1 MB name and keeps the ids', () => {
      const identity = extract(state('{"room_id":21000001,"uid":3493110000000001,"live_status":1}', `"${'x'.repeat(1_000_000)}"`));
      expect(identity).toEqual(expect.objectContaining({ live: true, accounts: [anchor('3493110000000001')], anchorName: undefined }));
    });

    it('survives ~5000 levels of nesting', () => {
      const deep = '['.repeat(5000) + ']'.repeat(5000);
      expect(extract(state(`{"room_id":21000001,"live_status":1,"extra":${deep}}`))?.live).toBe(true);
    });

    it('never reads the state through __proto__', () => {
      expect(extract(state('{"__proto__":{"room_id":21000001,"uid":3493110000000666,"live_status":1}}'))).toBeNull();
      expect(({} as Record<string, unknown>).room_id).toBeUndefined();
    });

    it.each([
      ['replaying old videos (live_status 2)', '{"room_id":21000001,"live_status":2}'],
      ['a status of the wrong type', '{"room_id":21000001,"live_status":"1"}'],
    ])('is not live when %s', (_name, initData) => {
      expect(extract(state(initData))?.live).toBe(false);
    });

    it('takes the name from a <title> whose room title holds " - "', () => {
      const doc = parseHtml('<title>开学季 - 图书专场 - 示例书店直播的直播间 - 哔哩哔哩直播，二次元弹幕直播平台</title>');
      expect(extractChecked(bilibili, doc, ROOM)?.anchorName).toBe('示例书店直播');
    });

    it('does not take a short_id of 0 for a room id', () => {
      expect(extract(state('{"room_id":21000001,"short_id":0,"live_status":1}'))?.roomIds).toEqual(['21000001']);
    });
  });

  it('fingerprints the room: the address and the name, not the chat', () => {
    const doc = loadFixture('bilibili/live-room.html');
    const url = new URL(ROOM);
    const before = bilibili.fingerprint?.(doc, url);
    doc.querySelector('.chat-history-panel')?.append(doc.createElement('div'));
    expect(bilibili.fingerprint?.(doc, url)).toBe(before);
    expect(bilibili.fingerprint?.(doc, new URL('https://live.bilibili.com/21000002'))).not.toBe(before);
    doc.querySelector('.room-owner-username')?.replaceChildren('示例清仓直播');
    expect(bilibili.fingerprint?.(doc, url)).not.toBe(before);
  });
});
