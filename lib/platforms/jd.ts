/**
 * JD Live on the web (lives.jd.com), a hash-routed SPA: the room is in the fragment, `#/<liveId>` [seen].
 *
 * Relies on (PLATFORMS.md): identity arrives only through the page's own API calls, which LiveSeal does
 * not repeat, so all but the room id is read from the rendered page (MARKUP). Switching rooms changes
 * only the hash, hence the `hashchange` navigation event.
 */
import { fingerprintBy, renderedRoom, urlMatch, type RoomMarkup } from './read';
import { definePlatform } from './types';

const ROOM_HOST = 'lives.jd.com';
const ROOM_HASH = /^#\/(\d{5,18})(?:[/?]|$)/;
const SHOP_URLS = [/^https?:\/\/mall\.jd\.com\/index-(\d+)\.html$/];

const MARKUP: RoomMarkup = {
  // [guess] The room header links the anchor's page with an authorId query parameter.
  anchor: { link: 'a[href*="authorId="]', id: (url) => url.searchParams.get('authorId') },
  // Shops live at mall.jd.com/index-<shopId>.html [seen]; [guess] a shop anchor's header links there.
  shop: { link: 'a[href*="mall.jd.com/index-"]', id: (url) => urlMatch(url, SHOP_URLS) },
  // Item cards link item.jd.com/<sku>.html [seen]; [guess] title and price sit in elements whose
  // class names contain "title" and "price".
  products: { item: 'a[href*="item.jd.com/"]', title: '[class*="title"]', price: '[class*="price"]' },
  // [guess] The player's <video> is mounted only while streaming; an ended room shows an end card.
  // No other marker is known: no video, not live.
  liveMarker: 'video',
};

function liveIdIn(url: URL): string | undefined {
  return url.hostname === ROOM_HOST ? ROOM_HASH.exec(url.hash)?.[1] : undefined;
}

export default definePlatform({
  id: 'jd',
  label: { zh: '京东直播', en: 'JD Live' },
  matches: [`https://${ROOM_HOST}/*`],
  isRoomUrl: (url) => liveIdIn(url) !== undefined,
  extract(doc, url) {
    const liveId = liveIdIn(url);
    return liveId ? { platform: 'jd', roomIds: [liveId], ...renderedRoom(doc, url, MARKUP) } : null;
  },
  fingerprint: fingerprintBy(MARKUP.anchor.link),
  navigationEvents: ['hashchange'],
  placement: { anchors: [MARKUP.anchor.link, MARKUP.shop.link], append: 'after', fallbackCorner: 'bottom-left' },
});

// Try on: lives.jd.com/#/<liveId> of a streaming shop, then another room from the list (hash change).
