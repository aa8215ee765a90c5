/**
 * YouTube watch pages (www.youtube.com) showing a live stream.
 *
 * Relies on (PLATFORMS.md): room URLs `/watch?v=ID`, `/live/ID` and `/@handle/live` [src]; the inline
 * `var ytInitialPlayerResponse = {…};` → videoDetails.{videoId, channelId, author, isLive} [src]; the inline
 * `var ytInitialData = {…};` → the watch results' videoOwnerRenderer (browseId, canonicalBaseUrl "/@handle",
 * name) [src].
 *
 * YouTube is an SPA: after `yt-navigate-finish` both inline globals still describe the video the tab
 * was opened on. So every source is used only while it describes the video the URL asks for, best first:
 * 1. the inline globals;
 * 2. the DOM YouTube keeps current: `ytd-watch-flexy[video-id]`, the owner's channel link (`/@handle`
 *    or `/channel/UC…`) in `ytd-video-owner-renderer`, `#movie_player.ytp-live` while live [seen];
 * 3. the initial HTML's microdata (`meta[itemprop="videoId"|"channelId"]`, author name) [seen].
 * When none does yet (the DOM still shows the previous video), no room is reported.
 * Products: the merch shelf under the video [seen]. The pinned chat product is in the chat iframe, out of
 * this frame's reach.
 */
import type { ProductSeen } from '../identity';
import { assignedObject, at, attr, domProducts, identityFrom, list, pageLink, text } from './read';
import { definePlatform } from './types';

const WATCH_HOST = 'www.youtube.com';
const VIDEO_ID = /^[\w-]{11}$/;
const LIVE_PATH = /^\/live\/([\w-]{11})\/?$/;
const HANDLE_LIVE_PATH = /^\/(@[^/]+)\/live\/?$/;
/** Channel links and canonicalBaseUrl: `/@handle` or `/channel/UC…`. */
const HANDLE_PATH = /^\/(@[^/?#]+)\/?$/;
const CHANNEL_PATH = /^\/channel\/([\w-]+)\/?$/;

const WATCH_APP = 'ytd-watch-flexy';
const OWNER_LINK = 'ytd-video-owner-renderer ytd-channel-name a[href]';
const LIVE_PLAYER = '#movie_player.ytp-live';
const MERCH_SHELF = { item: 'ytd-merch-shelf-item-renderer', title: '.product-item-title', price: '.product-item-price' };

/** What one source says about the video on screen. */
interface VideoSeen {
  videoId?: string;
  channelId?: string;
  handle?: string;
  name?: string;
  live?: boolean;
  products?: ProductSeen[];
}

/** The video the URL asks for, or for `/@handle/live` the channel whose stream it is. */
function requested(url: URL): { videoId?: string; handle?: string } {
  const v = url.pathname === '/watch' ? url.searchParams.get('v') : null;
  if (v !== null) return { videoId: VIDEO_ID.test(v) ? v : undefined };
  return { videoId: LIVE_PATH.exec(url.pathname)?.[1], handle: handleIn(HANDLE_LIVE_PATH.exec(url.pathname)?.[1]) };
}

/** Handles appear percent-encoded in URLs and raw in JSON: compare them decoded. */
function handleIn(value: string | undefined): string | undefined {
  try {
    return value && decodeURIComponent(value);
  } catch {
    return undefined;
  }
}

function fromInlineGlobals(doc: Document): VideoSeen {
  const details = at(assignedObject(doc, 'ytInitialPlayerResponse'), 'videoDetails');
  const data = assignedObject(doc, 'ytInitialData');
  const owner = list(at(data, 'contents', 'twoColumnWatchNextResults', 'results', 'results', 'contents'))
    .map((item) => at(item, 'videoSecondaryInfoRenderer', 'owner', 'videoOwnerRenderer'))
    .find((renderer) => renderer !== undefined);
  const channel = at(owner, 'navigationEndpoint', 'browseEndpoint');
  return {
    videoId: text(at(details, 'videoId')),
    channelId: text(at(details, 'channelId')) ?? text(at(channel, 'browseId')),
    handle: handleIn(HANDLE_PATH.exec(text(at(channel, 'canonicalBaseUrl')) ?? '')?.[1]),
    name: text(at(details, 'author')) ?? text(at(owner, 'title', 'runs', 0, 'text')),
    live: at(details, 'isLive') === true,
  };
}

function fromWatchDom(doc: Document, url: URL): VideoSeen {
  const owner = pageLink(doc, OWNER_LINK, url);
  const path = owner.url?.pathname ?? '';
  return {
    videoId: attr(doc, WATCH_APP, 'video-id'),
    channelId: CHANNEL_PATH.exec(path)?.[1],
    handle: handleIn(HANDLE_PATH.exec(path)?.[1]),
    name: owner.text,
    live: doc.querySelector(LIVE_PLAYER) !== null,
    products: domProducts(doc, MERCH_SHELF),
  };
}

function fromMicrodata(doc: Document): VideoSeen {
  return {
    videoId: attr(doc, 'meta[itemprop="videoId"]', 'content'),
    channelId: attr(doc, 'meta[itemprop="channelId"]', 'content'),
    name: attr(doc, '[itemprop="author"] link[itemprop="name"]', 'content'),
  };
}

export default definePlatform({
  id: 'youtube',
  label: { zh: 'YouTube 直播', en: 'YouTube Live' },
  matches: [`https://${WATCH_HOST}/*`],
  isRoomUrl(url) {
    const { videoId, handle } = requested(url);
    return url.hostname === WATCH_HOST && (videoId !== undefined || handle !== undefined);
  },
  extract(doc, url) {
    const wanted = requested(url);
    const describesWanted = (seen: VideoSeen) =>
      wanted.videoId !== undefined
        ? seen.videoId === wanted.videoId
        : seen.handle !== undefined && seen.handle.toLowerCase() === wanted.handle?.toLowerCase();
    const sources = [fromInlineGlobals(doc), fromWatchDom(doc, url), fromMicrodata(doc)].filter(describesWanted);
    return identityFrom(
      'youtube',
      sources.map(({ videoId, channelId, handle, name, live, products }) => ({
        live,
        roomIds: [videoId],
        anchorIds: [channelId, handle],
        anchorName: name,
        products,
      })),
    );
  },
  // The watch app's video-id as well as the URL: the DOM catches up with SPA navigation later.
  fingerprint: (doc, url) =>
    [url.href, attr(doc, WATCH_APP, 'video-id'), attr(doc, OWNER_LINK, 'href')].join(' '),
  navigationEvents: ['yt-navigate-finish'],
  placement: {
    anchors: ['ytd-watch-metadata #owner', 'ytd-video-owner-renderer'],
    append: 'after',
    fallbackCorner: 'bottom-left',
  },
});

// Try on: a channel's current stream (youtube.com/@<handle>/live), its /watch?v= URL, then another
// video reached by clicking (SPA navigation), and a past stream (isLive absent).
