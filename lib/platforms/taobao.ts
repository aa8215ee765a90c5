/**
 * Taobao Live on the web: tbzb.taobao.com rooms and the huodong.m.taobao.com talent page.
 *
 * Relies on (PLATFORMS.md): room URLs `tbzb.taobao.com/(live|follow)?…liveId=N` [src] and
 * `huodong.m.taobao.com/act/talent/live.html?id=N` [seen]. No room JSON is embedded: the anchor
 * (`broadCaster.accountId`, `shopId`) and the items arrive through the page's own API calls [seen],
 * which LiveSeal does not repeat, so all but the room id is read from the rendered page (MARKUP).
 */
import { fingerprintBy, renderedRoom, urlMatch, type RoomMarkup } from './read';
import { definePlatform } from './types';

const ROOM_PAGES = [
  { host: 'tbzb.taobao.com', path: /^\/(?:live|follow)\/?$/, idParam: 'liveId' },
  { host: 'huodong.m.taobao.com', path: /^\/act\/talent\/live\.html$/, idParam: 'id' },
];
const LIVE_ID = /^\d{1,20}$/;
const SHOP_URLS = [/^https?:\/\/shop(\d+)\.taobao\.com\//];

const MARKUP: RoomMarkup = {
  // [guess] The room header links the anchor's page with the API's accountId in the query.
  anchor: { link: 'a[href*="accountId="]', id: (url) => url.searchParams.get('accountId') },
  // Shops live at shop<shopId>.taobao.com [seen]; [guess] a shop anchor's header links there.
  shop: { link: 'a[href*="//shop"][href*=".taobao.com"]', id: (url) => urlMatch(url, SHOP_URLS) },
  // Item cards link the item page [seen]; [guess] title and price sit in elements whose
  // module-hashed class names contain "title" and "price".
  products: {
    item: 'a[href*="item.taobao.com/item.htm"], a[href*="detail.tmall.com/item.htm"]',
    title: '[class*="title"]',
    price: '[class*="price"]',
  },
  // [guess] The player's <video> is mounted only while streaming (the API's streamStatus "1");
  // an ended room shows an end card. No other marker is known: no video, not live.
  liveMarker: 'video',
};

function liveIdIn(url: URL): string | undefined {
  const page = ROOM_PAGES.find(({ host, path }) => url.hostname === host && path.test(url.pathname));
  const id = page && url.searchParams.get(page.idParam);
  return id && LIVE_ID.test(id) ? id : undefined;
}

export default definePlatform({
  id: 'taobao',
  label: { zh: '淘宝直播', en: 'Taobao Live' },
  matches: ['https://tbzb.taobao.com/*', 'https://huodong.m.taobao.com/act/talent/live.html*'],
  isRoomUrl: (url) => liveIdIn(url) !== undefined,
  extract(doc, url) {
    const liveId = liveIdIn(url);
    return liveId ? { platform: 'taobao', roomIds: [liveId], ...renderedRoom(doc, url, MARKUP) } : null;
  },
  fingerprint: fingerprintBy(MARKUP.anchor.link),
  placement: { anchors: [MARKUP.anchor.link, MARKUP.shop.link], append: 'after', fallbackCorner: 'bottom-left' },
});

// Try on: tbzb.taobao.com/live?liveId=<id> while the room streams, then after it ends.
