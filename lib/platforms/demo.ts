/**
 * The bundled demo live-shopping pages (`npm run demo`, e2e tests), served on loopback under
 * /liveseal-demo/. They embed room data the way real sites do, so this adapter is shaped like one.
 */
import type { ProductSeen } from '../identity';
import { at, defined, jsonScript, list, text } from './read';
import { definePlatform } from './types';

const ROOM_PATH = /^\/liveseal-demo\/rooms\/[\w-]+\.html$/;
const STATUS_LIVE = 'live';

export default definePlatform({
  id: 'demo',
  label: { zh: '演示直播间', en: 'Demo live room' },
  matches: ['http://127.0.0.1/liveseal-demo/*', 'http://localhost/liveseal-demo/*'],
  isRoomUrl: (url) => ROOM_PATH.test(url.pathname),
  extract(doc) {
    const data = jsonScript(doc, 'script#demo-room-data[type="application/json"]');
    const roomId = text(at(data, 'room', 'id'));
    if (!roomId) return null;
    const anchorId = text(at(data, 'anchor', 'id'));
    const shopId = text(at(data, 'shop', 'id'));
    const products = list(at(data, 'products')).flatMap((p): ProductSeen[] => {
      const title = text(at(p, 'title'), 500);
      return title ? [{ title, price: text(at(p, 'price'), 50) }] : [];
    });
    return {
      platform: 'demo',
      live: at(data, 'room', 'status') === STATUS_LIVE,
      roomIds: [roomId],
      accounts: defined([
        anchorId ? { accountId: anchorId, role: 'anchor' as const } : undefined,
        shopId ? { accountId: shopId, role: 'shop' as const } : undefined,
      ]),
      anchorName: text(at(data, 'anchor', 'nickname')),
      shopName: text(at(data, 'shop', 'name')),
      products,
    };
  },
  fingerprint: (doc, url) => `${url.href} ${doc.querySelector('main[data-room]')?.getAttribute('data-room') ?? ''}`,
  placement: { anchors: ['[data-demo="anchor-card"]'], append: 'after' },
  purchase: {
    buyButton: '[data-demo="buy"]',
    product: '[data-demo="product"]',
    productTitle: '[data-demo="product-title"]',
    giftButton: '[data-demo="gift"]',
  },
});
