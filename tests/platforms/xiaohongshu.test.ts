// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { platformFor } from '../../lib/platforms';
import xiaohongshu from '../../lib/platforms/xiaohongshu';
import { extractChecked, itExtracts, loadFixture, parseHtml } from './support';

const ROOM = 'https://www.xiaohongshu.com/livestream/569000000000000001';
const anchor = (accountId: string) => ({ accountId, role: 'anchor' as const });
const hostileName = '<img src=x onerror=alert(1)></script><script>alert("lsdemo")</script>';
const roomOf = (roomId: string) => `https://www.xiaohongshu.com/livestream/${roomId}`;
const certified = {
  platform: 'xiaohongshu',
  live: true,
  roomIds: ['569000000000000001'],
  accounts: [anchor('lsdemo-xhs-certified')],
  anchorName: '示例手作工坊',
};

describe('xiaohongshu adapter', () => {
  itExtracts(xiaohongshu, [
    { fixture: 'xiaohongshu/live-room.html', url: ROOM, expected: certified },
    // A share link's host_id is whatever the sharer typed: it never becomes an account.
    {
      fixture: 'xiaohongshu/live-room.html',
      url: `${ROOM}/1767225600000?host_id=lsdemo-xhs-banned&xhsshare=WeixinSession`,
      expected: certified,
    },
    // A state for another room (never trusted): the room in the address and the DOM name, not live.
    {
      fixture: 'xiaohongshu/live-room.html',
      url: roomOf('569000000000000099'),
      expected: { platform: 'xiaohongshu', live: false, roomIds: ['569000000000000099'], anchorName: '示例手作工坊' },
    },
    {
      fixture: 'xiaohongshu/live-room-banned.html',
      url: roomOf('569000000000000002'),
      expected: {
        platform: 'xiaohongshu',
        live: true,
        roomIds: ['569000000000000002'],
        accounts: [anchor('lsdemo-xhs-banned')],
        anchorName: '示例折扣小铺',
      },
    },
    {
      fixture: 'xiaohongshu/ended-room.html',
      url: roomOf('569000000000000003'),
      expected: {
        platform: 'xiaohongshu',
        live: false,
        roomIds: ['569000000000000003'],
        accounts: [anchor('lsdemo-xhs-ended')],
        anchorName: '示例休息主播',
      },
    },
    // liveStatus says success, but the title marks a replay (回放).
    {
      fixture: 'xiaohongshu/replay-room.html',
      url: roomOf('569000000000000004'),
      expected: {
        platform: 'xiaohongshu',
        live: false,
        roomIds: ['569000000000000004'],
        accounts: [anchor('lsdemo-xhs-replay')],
        anchorName: '示例回放主播',
      },
    },
    // No hostInfo and no host in the deeplink: the name from the DOM, no account claimed.
    {
      fixture: 'xiaohongshu/broken-missing-keys.html',
      url: roomOf('569000000000000005'),
      expected: { platform: 'xiaohongshu', live: true, roomIds: ['569000000000000005'], anchorName: '示例缺字段主播' },
    },
    // State cut off and no name element: the <title>.
    {
      fixture: 'xiaohongshu/broken-truncated.html',
      url: roomOf('569000000000000006'),
      expected: { platform: 'xiaohongshu', live: false, roomIds: ['569000000000000006'], anchorName: '示例截断主播' },
    },
    {
      fixture: 'xiaohongshu/hostile-markup.html',
      url: roomOf('569000000000000007'),
      expected: {
        platform: 'xiaohongshu',
        live: true,
        roomIds: ['569000000000000007'],
        accounts: [anchor('lsdemo-xhs-hostile')],
        anchorName: hostileName,
      },
    },
  ]);

  it.each([
    [ROOM, true],
    [`${ROOM}/1767225600000?xhsshare=WeixinSession`, true],
    ['https://www.xiaohongshu.com.evil.example/livestream/569000000000000001', false],
    ['https://evil.example/www.xiaohongshu.com/livestream/569000000000000001', false],
    ['https://www.xiaohongshu.com/livestream/', false],
    ['https://www.xiaohongshu.com/livestream/lsdemo', false],
    ['https://www.xiaohongshu.com/explore/65f0000000000000000000aa', false],
    ['https://www.xiaohongshu.com/user/profile/lsdemo-xhs-certified', false],
  ])('isRoomUrl(%s) is %s', (url, expected) => {
    expect(xiaohongshu.isRoomUrl(new URL(url))).toBe(expected);
  });

  it('is found by file name for its room URLs', () => {
    expect(platformFor(new URL(ROOM))?.id).toBe('xiaohongshu');
  });

  describe('hostile and broken page state', () => {
    const statePage = (literal: string) => parseHtml(`<script>window.__INITIAL_STATE__=${literal.replace(/</g, '\\u003c')}</script>`);
    const liveStream = (roomData: string) => `{"user":{"userInfo":undefined},"liveStream":{"liveStatus":"success","roomData":${roomData}}}`;
    const roomInfo = '"roomInfo":{"roomId":"569000000000000001","roomTitle":"示例"}';
    const extract = (literal: string) => extractChecked(xiaohongshu, statePage(literal), ROOM);

    it('drops a 1 MB name and keeps the ids', () => {
      const identity = extract(liveStream(`{${roomInfo},"hostInfo":{"userId":"lsdemo-xhs-certified","nickName":"${'x'.repeat(1_000_000)}"}}`));
      expect(identity).toEqual(expect.objectContaining({ live: true, accounts: [anchor('lsdemo-xhs-certified')], anchorName: undefined }));
    });

    it('survives ~5000 levels of nesting', () => {
      const deep = '['.repeat(5000) + ']'.repeat(5000);
      expect(extract(liveStream(`{${roomInfo},"extra":${deep}}`))?.live).toBe(true);
    });

    it('never reads the state through __proto__', () => {
      const identity = extract(liveStream(`{${roomInfo},"hostInfo":{"__proto__":{"userId":"lsdemo-xhs-evil","nickName":"evil"}}}`));
      expect(identity).toEqual(expect.objectContaining({ live: true, accounts: [], anchorName: undefined }));
      expect(({} as Record<string, unknown>).userId).toBeUndefined();
    });

    it.each([
      ['a deeplink that is not a URL', '"%%%?host_id=&flvUrl=%E0%A4%A"'],
      ['a deeplink of the wrong type', '{"host_id":"lsdemo-xhs-evil"}'],
    ])('reads no host from %s', (_name, deeplink) => {
      const identity = extract(liveStream(`{"roomInfo":{"roomId":"569000000000000001","deeplink":${deeplink}}}`));
      expect(identity).toEqual(expect.objectContaining({ live: true, accounts: [] }));
    });

    it('takes the room id from the deeplink when roomInfo has none', () => {
      const deeplink = 'xhsdiscover://live_room/1?host_id=lsdemo-xhs-certified&flvUrl=http%3A%2F%2Flive-source-play.xhscdn.com%2Flive%2F569000000000000001.flv';
      expect(extract(liveStream(`{"roomInfo":{"deeplink":"${deeplink}"}}`))?.accounts).toEqual([anchor('lsdemo-xhs-certified')]);
    });
  });

  it('fingerprints the room: the address and the name, not the chat', () => {
    const doc = loadFixture('xiaohongshu/live-room.html');
    const url = new URL(ROOM);
    const before = xiaohongshu.fingerprint?.(doc, url);
    doc.querySelector('.comment-list')?.append(doc.createElement('div'));
    expect(xiaohongshu.fingerprint?.(doc, url)).toBe(before);
    expect(xiaohongshu.fingerprint?.(doc, new URL(roomOf('569000000000000002')))).not.toBe(before);
    doc.querySelector('.live-host-info .host-name')?.replaceChildren('示例折扣小铺');
    expect(xiaohongshu.fingerprint?.(doc, url)).not.toBe(before);
  });
});
