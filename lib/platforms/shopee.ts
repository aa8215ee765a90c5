/**
 * Shopee Live share pages (live.shopee.<market>/share?…session=N) [src].
 *
 * Relies on (PLATFORMS.md): identity arrives only through the page's own API calls, which LiveSeal does
 * not repeat, so all but the session id is read from the rendered page (MARKUP). Hosts are listed
 * per market rather than matched by pattern, so that `live.shopee.sg.evil.example` is no room.
 */
import { fingerprintBy, renderedRoom, type RoomMarkup } from './read';
import { definePlatform } from './types';

/** Shopee's market domains: sg [src]; [guess] the others, where Shopee Live runs too. */
const MARKETS = ['sg', 'com.my', 'co.th', 'co.id', 'vn', 'ph', 'tw', 'com.br'];
const ROOM_HOSTS = MARKETS.map((market) => `live.shopee.${market}`);
const SHOP_HOSTS = MARKETS.map((market) => `shopee.${market}`);
const ROOM_PATH = /^\/share\/?$/;
const SESSION_ID = /^\d{1,20}$/;
const SHOP_PATH = /^\/shop\/(\d+)\/?$/;

const MARKUP: RoomMarkup = {
  // [guess] The streamer header links the streamer's profile with a username query parameter.
  anchor: { link: 'a[href*="username="]', id: (url) => url.searchParams.get('username') },
  // Shops live at shopee.<market>/shop/<shopId> [seen]; [guess] a shop streamer's header links there.
  shop: {
    link: 'a[href*="/shop/"]',
    id: (url) => (SHOP_HOSTS.includes(url.hostname) ? SHOP_PATH.exec(url.pathname)?.[1] : undefined),
  },
  // Shopee marks product cards with data-sqe (item, name, price) on shop and search pages [seen];
  // [guess] the live product list does too.
  products: { item: '[data-sqe="item"]', title: '[data-sqe="name"]', price: '[data-sqe="price"]' },
  // [guess] The player's <video> is mounted only while streaming; an ended session shows an end
  // card. No other marker is known: no video, not live.
  liveMarker: 'video',
};

function sessionIdIn(url: URL): string | undefined {
  if (!ROOM_HOSTS.includes(url.hostname) || !ROOM_PATH.test(url.pathname)) return undefined;
  const session = url.searchParams.get('session');
  return session && SESSION_ID.test(session) ? session : undefined;
}

export default definePlatform({
  id: 'shopee',
  label: { zh: 'Shopee 直播', en: 'Shopee Live' },
  matches: ROOM_HOSTS.map((host) => `https://${host}/*`),
  isRoomUrl: (url) => sessionIdIn(url) !== undefined,
  extract(doc, url) {
    const sessionId = sessionIdIn(url);
    return sessionId ? { platform: 'shopee', roomIds: [sessionId], ...renderedRoom(doc, url, MARKUP) } : null;
  },
  fingerprint: fingerprintBy(MARKUP.anchor.link),
  placement: { anchors: [MARKUP.anchor.link, MARKUP.shop.link], append: 'after', fallbackCorner: 'top-left' },
});

// Try on: a share link from the Shopee app (live.shopee.sg/share?from=live&session=<id>), live and ended.
