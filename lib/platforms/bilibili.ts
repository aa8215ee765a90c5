/**
 * Bilibili Live (哔哩哔哩直播) rooms: live.bilibili.com/{id} and /blanc/{id}, where the id may be
 * the room's short id or its full room_id.
 *
 * Relies on (PLATFORMS.md): the inline `window.__NEPTUNE_IS_MY_WAIFU__={…}` with
 * `roomInitRes.data.{room_id,short_id,uid,live_status}` and
 * `roomInfoRes.data.anchor_info.base_info.uname` [src]; `live_status` 1 = live (0 offline,
 * 2 = replaying old videos) [src]; `roomInfoRes.data.room_info` repeating the ids [seen].
 * Unconfirmed [guess]: the `.room-owner-username` header element and the `<title>` wording.
 * No live marker in the DOM is known: without the state, not live.
 *
 * Rooms are mostly full page loads, but the state is still checked against the room in the
 * address bar so a stale one can never name the wrong anchor.
 */
import { assignedObject, at, distinct, domText, fingerprintBy, identityFrom, statusIs, text, titleName, urlMatch, type RoomFacts } from './read';
import { definePlatform } from './types';

const ROOM_URLS = [/^https:\/\/live\.bilibili\.com\/(?:blanc\/)?(\d+)\/?$/];
const LIVE_STATUS_LIVE = 1;
/** `short_id` when the room has none. */
const NO_SHORT_ID = '0';
const STATE = 'window.__NEPTUNE_IS_MY_WAIFU__';
const NICKNAME = '.room-owner-username';
/** "{room title} - {uname}的直播间 - 哔哩哔哩直播…": the name is the part without " - ". */
const TITLE_NAME = / - ((?:(?! - ).)+)的直播间 - 哔哩哔哩直播/;

function stateFacts(doc: Document, urlRoomId: string): RoomFacts | undefined {
  const state = assignedObject(doc, STATE);
  const init = at(state, 'roomInitRes', 'data');
  const info = at(state, 'roomInfoRes', 'data', 'room_info');
  const roomIds = distinct([init, info].flatMap((room) => [text(at(room, 'room_id')), text(at(room, 'short_id'))]));
  const knownIds = roomIds.filter((id) => id !== NO_SHORT_ID);
  if (!knownIds.includes(urlRoomId)) return undefined;
  return {
    live: statusIs(at(init, 'live_status') ?? at(info, 'live_status'), LIVE_STATUS_LIVE),
    roomIds: knownIds,
    anchorIds: [text(at(init, 'uid')), text(at(info, 'uid'))],
    anchorName: text(at(state, 'roomInfoRes', 'data', 'anchor_info', 'base_info', 'uname')),
  };
}

export default definePlatform({
  id: 'bilibili',
  label: { zh: '哔哩哔哩直播', en: 'Bilibili Live' },
  matches: ['https://live.bilibili.com/*'],
  isRoomUrl: (url) => urlMatch(url, ROOM_URLS) !== undefined,
  extract(doc, url) {
    const urlRoomId = urlMatch(url, ROOM_URLS);
    if (!urlRoomId) return null;
    return identityFrom('bilibili', [
      stateFacts(doc, urlRoomId),
      { roomIds: [urlRoomId], anchorName: domText(doc, NICKNAME) },
      { anchorName: titleName(doc, TITLE_NAME) },
    ]);
  },
  fingerprint: fingerprintBy(NICKNAME),
  // Beside the anchor's name in the room header; top-left holds only the site logo.
  placement: { anchors: [NICKNAME], append: 'after', fallbackCorner: 'top-left' },
});
