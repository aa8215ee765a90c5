/**
 * Amazon Live broadcasts (www.amazon.com/live/broadcast/<uuid>) [seen].
 *
 * Relies on (PLATFORMS.md): a JSON-LD `VideoObject` describes the broadcast [seen]. [guess] It is filled
 * the schema.org way: `author.{name, url}` with the creator's storefront `amazon.com/shop/<id>`, and
 * `publication` a BroadcastEvent whose `isLiveBroadcast` is true and `endDate` absent while live.
 * Weaker: [guess] the page links the creator's storefront (`/shop/<id>`) beside the video. Live comes
 * only from the JSON-LD: no stable DOM marker is known, so without it the room is reported not live.
 * The `<title>` names the broadcast, not the seller, so it is not read. [guess] Broadcasts open as full
 * page loads; should Amazon Live turn out to switch them in-app, check the VideoObject against the URL.
 * Products: cards carry Amazon's `data-asin` and show prices in `.a-price .a-offscreen` [seen];
 * [guess] their titles sit in an element whose class name contains "title".
 */
import { at, domProducts, fingerprintBy, identityFrom, jsonLd, pageLink, resolvedUrl, statusIs, text, urlMatch, type RoomFacts } from './read';
import { definePlatform } from './types';

const ROOM_URLS = [/^https:\/\/www\.amazon\.com\/live\/broadcast\/([0-9a-f-]{36})\/?$/];
const STOREFRONT_URLS = [/^https:\/\/www\.amazon\.com\/shop\/([\w.-]+)\/?$/];
const STOREFRONT_LINK = 'a[href^="/shop/"], a[href^="https://www.amazon.com/shop/"]';
const PRODUCTS = { item: '[data-asin]', title: '[class*="title"]', price: '.a-price .a-offscreen' };

/** The storefront id in a link or JSON-LD URL (resolved, so that only amazon.com storefronts count). */
function storefrontIn(url: URL | undefined): string | undefined {
  return url && urlMatch(url, STOREFRONT_URLS);
}

function jsonLdFacts(doc: Document, base: URL): RoomFacts | undefined {
  const video = jsonLd(doc, 'VideoObject');
  if (video === undefined) return undefined;
  const author = at(video, 'author');
  const broadcast = at(video, 'publication');
  return {
    live: statusIs(at(broadcast, 'isLiveBroadcast'), true) && at(broadcast, 'endDate') === undefined,
    anchorIds: [storefrontIn(resolvedUrl(text(at(author, 'url'), 500), base))],
    anchorName: text(at(author, 'name')),
  };
}

export default definePlatform({
  id: 'amazon',
  label: { zh: '亚马逊直播', en: 'Amazon Live' },
  matches: ['https://www.amazon.com/live/*'],
  isRoomUrl: (url) => urlMatch(url, ROOM_URLS) !== undefined,
  extract(doc, url) {
    const broadcastId = urlMatch(url, ROOM_URLS);
    if (!broadcastId) return null;
    const storefront = pageLink(doc, STOREFRONT_LINK, url);
    return identityFrom('amazon', [
      jsonLdFacts(doc, url),
      {
        roomIds: [broadcastId],
        anchorIds: [storefrontIn(storefront.url)],
        anchorName: storefront.text,
        products: domProducts(doc, PRODUCTS),
      },
    ]);
  },
  fingerprint: fingerprintBy(STOREFRONT_LINK),
  placement: { anchors: [STOREFRONT_LINK], append: 'after', fallbackCorner: 'bottom-left' },
});

// Try on: a broadcast from amazon.com/live while it streams, then its replay after it ends.
