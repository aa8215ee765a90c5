/**
 * Xiaohongshu (小红书) live rooms: www.xiaohongshu.com/livestream/{roomId}, a new room id per
 * broadcast (share links may add a numeric segment after it [guess]).
 *
 * Relies on (PLATFORMS.md): the inline `window.__INITIAL_STATE__=` holding bare `undefined`s
 * [src]; `liveStream.liveStatus` "success" = live, and a room title containing 回放 (replay) =
 * not live [src]; `liveStream.roomData.roomInfo.{roomTitle,deeplink}` with the anchor's name in
 * the deeplink's `host_nickname` and the room id in its `flvUrl` (…/live/{id}.flv) [src];
 * `roomData.hostInfo.nickName` [seen]. Unconfirmed [guess]: `roomInfo.roomId`,
 * `hostInfo.userId` and the deeplink's `host_id` as the anchor's account id, the nickname
 * selector and the `<title>` wording. No live marker in the DOM is known: without the state,
 * not live; and no account id is taken from the address (a shared link's `host_id` query is
 * whatever the sharer typed).
 */
import { assignedObject, at, distinct, domText, fingerprintBy, identityFrom, statusIs, text, titleName, urlMatch, type RoomFacts } from './read';
import { definePlatform } from './types';

const ROOM_URLS = [/^https:\/\/www\.xiaohongshu\.com\/livestream\/(\d+)(?:\/\d+)?\/?$/];
const LIVE_STATUS_LIVE = 'success';
const REPLAY_TITLE_MARK = '回放';
const FLV_ROOM_ID = /\/live\/(\d+)/;
const STATE = 'window.__INITIAL_STATE__';
const NICKNAME = '.live-host-info .host-name';
const TITLE_NAME = /^(.+?)的直播间/;

/** The deeplink's query (`xhsdiscover://live_room/…?host_nickname=…&flvUrl=…`); parsing never throws. */
function deeplinkQuery(deeplink: string | undefined): URLSearchParams {
  const query = deeplink?.indexOf('?') ?? -1;
  return new URLSearchParams(deeplink && query >= 0 ? deeplink.slice(query + 1) : '');
}

function stateFacts(doc: Document, urlRoomId: string): RoomFacts | undefined {
  const liveStream = at(assignedObject(doc, STATE), 'liveStream');
  const roomInfo = at(liveStream, 'roomData', 'roomInfo');
  const host = at(liveStream, 'roomData', 'hostInfo');
  const deeplink = deeplinkQuery(text(at(roomInfo, 'deeplink'), 2000));
  const roomIds = distinct([text(at(roomInfo, 'roomId')), FLV_ROOM_ID.exec(deeplink.get('flvUrl') ?? '')?.[1]]);
  if (!roomIds.includes(urlRoomId)) return undefined;
  const onAir = statusIs(at(liveStream, 'liveStatus'), LIVE_STATUS_LIVE);
  return {
    live: onAir && !text(at(roomInfo, 'roomTitle'), 500)?.includes(REPLAY_TITLE_MARK),
    roomIds,
    anchorIds: [text(at(host, 'userId')), text(deeplink.get('host_id'))],
    anchorName: text(at(host, 'nickName')) ?? text(deeplink.get('host_nickname')),
  };
}

export default definePlatform({
  id: 'xiaohongshu',
  label: { zh: '小红书直播', en: 'Xiaohongshu Live' },
  matches: ['https://www.xiaohongshu.com/*'],
  isRoomUrl: (url) => urlMatch(url, ROOM_URLS) !== undefined,
  extract(doc, url) {
    const urlRoomId = urlMatch(url, ROOM_URLS);
    if (!urlRoomId) return null;
    return identityFrom('xiaohongshu', [
      stateFacts(doc, urlRoomId),
      { roomIds: [urlRoomId], anchorName: domText(doc, NICKNAME) },
      { anchorName: titleName(doc, TITLE_NAME) },
    ]);
  },
  fingerprint: fingerprintBy(NICKNAME),
  // Beside the host's name over the room; top-left holds only the site logo.
  placement: { anchors: [NICKNAME], append: 'after', fallbackCorner: 'top-left' },
});
