/**
 * Kuaishou (快手) live rooms: live.kuaishou.com/u/{principalId}.
 *
 * Relies on (PLATFORMS.md): the inline `window.__INITIAL_STATE__=…;(function(){…` with
 * `liveroom.playList[0].{author.{id,name},liveStream,isLiving}`, on older pages
 * `liveroom.{author,liveStream,isLiving}` [src]. The id in the path is the anchor's own account,
 * so it counts as an anchor id even without the state. Unconfirmed [guess]: `liveStream.id` as the
 * broadcast's room id, the nickname selector (plain Vue class names, no data attributes known) and
 * the `<title>` wording. No live marker in the DOM is known: without the state, not live.
 *
 * Recorders cut this state at `;(function(){var s;`, the start of vue-server-renderer's script
 * that removes itself once run [guess]: then it is gone from the DOM by document_idle and the
 * state is only readable from a document_start snapshot or a MAIN-world script; until then this
 * adapter degrades to the address and the DOM.
 */
import { assignedObject, at, domText, fingerprintBy, identityFrom, statusIs, text, titleName, urlMatch, type RoomFacts } from './read';
import { definePlatform } from './types';

const ROOM_URLS = [/^https:\/\/live\.kuaishou\.com\/u\/([\w-]+)\/?$/];
const STATE = 'window.__INITIAL_STATE__';
const NICKNAME = '.live-user-info .user-name';
const TITLE_NAME = /^(.+?)的直播间/;

function stateFacts(doc: Document, principalId: string): RoomFacts | undefined {
  const liveroom = at(assignedObject(doc, STATE), 'liveroom');
  // Newer pages list rooms in playList, the one on screen first; older ones hold it directly.
  const room = at(liveroom, 'playList', 0) ?? liveroom;
  const author = at(room, 'author');
  if (text(at(author, 'id')) !== principalId) return undefined;
  return {
    live: statusIs(at(room, 'isLiving'), true),
    roomIds: [text(at(room, 'liveStream', 'id'))],
    anchorName: text(at(author, 'name')),
  };
}

export default definePlatform({
  id: 'kuaishou',
  label: { zh: '快手直播', en: 'Kuaishou Live' },
  matches: ['https://live.kuaishou.com/*'],
  isRoomUrl: (url) => urlMatch(url, ROOM_URLS) !== undefined,
  extract(doc, url) {
    const principalId = urlMatch(url, ROOM_URLS);
    if (!principalId) return null;
    return identityFrom('kuaishou', [
      stateFacts(doc, principalId),
      { anchorIds: [principalId], anchorName: domText(doc, NICKNAME) },
      { anchorName: titleName(doc, TITLE_NAME) },
    ]);
  },
  fingerprint: fingerprintBy(NICKNAME),
  // Beside the anchor's name above the player; top-left holds only the site logo.
  placement: { anchors: [NICKNAME], append: 'after', fallbackCorner: 'top-left' },
});
