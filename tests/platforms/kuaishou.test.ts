// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { platformFor } from '../../lib/platforms';
import kuaishou from '../../lib/platforms/kuaishou';
import { extractChecked, itExtracts, loadFixture, parseHtml } from './support';

const ROOM = 'https://live.kuaishou.com/u/lsdemo_kuaishou_certified';
const anchor = (accountId: string) => ({ accountId, role: 'anchor' as const });
const hostileName = '<img src=x onerror=alert(1)></script><script>alert("lsdemo")</script>';
const roomOf = (principalId: string) => `https://live.kuaishou.com/u/${principalId}`;

describe('kuaishou adapter', () => {
  itExtracts(kuaishou, [
    {
      fixture: 'kuaishou/live-room.html',
      url: ROOM,
      expected: {
        platform: 'kuaishou',
        live: true,
        roomIds: ['lsdemoStream0001'],
        accounts: [anchor('lsdemo_kuaishou_certified')],
        anchorName: '示例农场直播',
      },
    },
    // A state naming another author is not this room's: the id in the address and the DOM only.
    {
      fixture: 'kuaishou/live-room.html',
      url: roomOf('lsdemo_kuaishou_other'),
      expected: { platform: 'kuaishou', live: false, accounts: [anchor('lsdemo_kuaishou_other')], anchorName: '示例农场直播' },
    },
    {
      fixture: 'kuaishou/live-room-banned.html',
      url: roomOf('lsdemo_kuaishou_banned'),
      expected: {
        platform: 'kuaishou',
        live: true,
        roomIds: ['lsdemoStream0002'],
        accounts: [anchor('lsdemo_kuaishou_banned')],
        anchorName: '示例尾货直播',
      },
    },
    {
      fixture: 'kuaishou/ended-room.html',
      url: roomOf('lsdemo_kuaishou_ended'),
      expected: {
        platform: 'kuaishou',
        live: false,
        roomIds: ['lsdemoStream0003'],
        accounts: [anchor('lsdemo_kuaishou_ended')],
        anchorName: '示例休息主播',
      },
    },
    {
      fixture: 'kuaishou/legacy-liveroom.html',
      url: roomOf('lsdemo_kuaishou_legacy'),
      expected: {
        platform: 'kuaishou',
        live: true,
        roomIds: ['lsdemoStream0004'],
        accounts: [anchor('lsdemo_kuaishou_legacy')],
        anchorName: '示例旧版主播',
      },
    },
    // No isLiving and no author name: the name from the DOM, and not live.
    {
      fixture: 'kuaishou/broken-missing-keys.html',
      url: roomOf('lsdemo_kuaishou_partial'),
      expected: {
        platform: 'kuaishou',
        live: false,
        roomIds: ['lsdemoStream0005'],
        accounts: [anchor('lsdemo_kuaishou_partial')],
        anchorName: '示例缺字段主播',
      },
    },
    // State cut off and no name element: the id in the address and the <title>.
    {
      fixture: 'kuaishou/broken-truncated.html',
      url: roomOf('lsdemo_kuaishou_truncated'),
      expected: { platform: 'kuaishou', live: false, accounts: [anchor('lsdemo_kuaishou_truncated')], anchorName: '示例截断主播' },
    },
    {
      fixture: 'kuaishou/hostile-markup.html',
      url: roomOf('lsdemo_kuaishou_hostile'),
      expected: {
        platform: 'kuaishou',
        live: true,
        roomIds: ['lsdemoStream0007'],
        accounts: [anchor('lsdemo_kuaishou_hostile')],
        anchorName: hostileName,
      },
    },
  ]);

  it.each([
    [ROOM, true],
    [`${ROOM}/?source=share`, true],
    ['https://live.kuaishou.com/u/3xlsdemo-Abc123', true],
    ['https://live.kuaishou.com.evil.example/u/lsdemo_kuaishou_certified', false],
    ['https://evil.example/live.kuaishou.com/u/lsdemo_kuaishou_certified', false],
    ['https://www.kuaishou.com/u/lsdemo_kuaishou_certified', false],
    ['https://live.kuaishou.com/', false],
    ['https://live.kuaishou.com/u/', false],
    ['https://live.kuaishou.com/u/lsdemo/photo/1', false],
    ['https://live.kuaishou.com/cate/SYXX', false],
  ])('isRoomUrl(%s) is %s', (url, expected) => {
    expect(kuaishou.isRoomUrl(new URL(url))).toBe(expected);
  });

  it('is found by file name for its room URLs', () => {
    expect(platformFor(new URL(ROOM))?.id).toBe('kuaishou');
  });

  describe('hostile and broken page state', () => {
    /** A page whose state script assigns `literal` (JS object text) and runs more code after it. */
    const statePage = (literal: string) =>
      parseHtml(`<script>window.__INITIAL_STATE__=${literal.replace(/</g, '\\u003c')};(function(){var s;}());</script>`);
    const room = (fields: string) => `{"liveroom":{"playList":[{"author":{"id":"lsdemo_kuaishou_certified"${fields}},"isLiving":true}]}}`;
    const extract = (literal: string) => extractChecked(kuaishou, statePage(literal), ROOM);

    it('drops a 1 MB name and keeps the ids', () => {
      const identity = extract(room(`,"name":"${'x'.repeat(1_000_000)}"`));
      expect(identity).toEqual(expect.objectContaining({ live: true, accounts: [anchor('lsdemo_kuaishou_certified')], anchorName: undefined }));
    });

    it('survives ~5000 levels of nesting', () => {
      const deep = '['.repeat(5000) + ']'.repeat(5000);
      expect(extract(room(`,"extra":${deep}`))?.live).toBe(true);
    });

    it('never reads the state through __proto__', () => {
      const identity = extract('{"liveroom":{"__proto__":{"author":{"id":"lsdemo_kuaishou_certified","name":"evil"},"isLiving":true}}}');
      expect(identity).toEqual(expect.objectContaining({ live: false, anchorName: undefined }));
      expect(({} as Record<string, unknown>).isLiving).toBeUndefined();
    });

    it('ignores values of the wrong type', () => {
      const identity = extract('{"liveroom":{"author":{"id":"lsdemo_kuaishou_certified","name":{"n":1}},"isLiving":"true"}}');
      expect(identity).toEqual(expect.objectContaining({ live: false, anchorName: undefined }));
    });

    it('reads bare undefined as null but leaves strings alone', () => {
      const identity = extract(room(`,"name":"undefined {[\\"}"`).replace('"isLiving":true', '"isLiving":true,"authToken":undefined'));
      expect(identity).toEqual(expect.objectContaining({ live: true, anchorName: 'undefined {["}' }));
    });

    it.each([
      ['an unterminated object', '{"liveroom":{"author":{"id":"lsdemo_kuaishou_certified"'],
      ['an assignment that is not an object', '"lsdemo_kuaishou_certified"'],
      ['JS that is not JSON', "{liveroom:{author:{id:'lsdemo_kuaishou_certified'},isLiving:true}}"],
    ])('falls back to the address from %s', (_name, literal) => {
      expect(extract(literal)).toEqual(expect.objectContaining({ live: false, accounts: [anchor('lsdemo_kuaishou_certified')] }));
    });
  });

  it('fingerprints the room: the address and the name, not the chat', () => {
    const doc = loadFixture('kuaishou/live-room.html');
    const url = new URL(ROOM);
    const before = kuaishou.fingerprint?.(doc, url);
    doc.querySelector('.chat-container')?.append(doc.createElement('div'));
    expect(kuaishou.fingerprint?.(doc, url)).toBe(before);
    expect(kuaishou.fingerprint?.(doc, new URL(roomOf('lsdemo_kuaishou_banned')))).not.toBe(before);
    doc.querySelector('.live-user-info .user-name')?.replaceChildren('示例尾货直播');
    expect(kuaishou.fingerprint?.(doc, url)).not.toBe(before);
  });
});
