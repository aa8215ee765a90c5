// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { renderRoom } from '../../demo/page';
import { demoRooms } from '../../demo/rooms';
import { PageIdentity } from '../../lib/identity';
import demo from '../../lib/platforms/demo';
import { platformFor } from '../../lib/platforms';

function load(html: string): Document {
  return new DOMParser().parseFromString(html, 'text/html');
}
const roomUrl = (slug: string) => new URL(`http://127.0.0.1:8080/liveseal-demo/rooms/${slug}.html`);

describe('demo adapter', () => {
  it('is found for demo room URLs only', () => {
    expect(platformFor(roomUrl('expired'))?.id).toBe('demo');
    expect(platformFor(new URL('http://127.0.0.1:8080/liveseal-demo/'))).toBeUndefined();
    expect(platformFor(new URL('http://127.0.0.1:8080/other/rooms/x.html'))).toBeUndefined();
  });

  it.each(demoRooms.map((r) => [r.slug, r] as const))('reads room %s as rendered', (slug, room) => {
    const identity = demo.extract(load(renderRoom(room)), roomUrl(slug));
    expect(PageIdentity.parse(identity)).toEqual({
      platform: 'demo',
      live: room.status === 'live',
      roomIds: [`demo-room-${slug}`],
      accounts: [
        ...(room.anchor ? [{ accountId: room.anchor.id, role: 'anchor' }] : []),
        ...(room.shop ? [{ accountId: room.shop.id, role: 'shop' }] : []),
      ],
      anchorName: room.anchor?.nickname,
      shopName: room.shop?.name,
      products: room.products,
    });
  });

  const page = (json: string) =>
    load(`<html><head><script id="demo-room-data" type="application/json">${json}</script></head><body></body></html>`);

  it.each([
    ['no data', '<html></html>'],
    ['truncated JSON', '{"room":{"id":"r1","status":"live"},"shop":{"id":'],
    ['room id missing', '{"room":{"status":"live"},"shop":{"id":"shop-good"}}'],
    ['room id not text', '{"room":{"id":{"x":1},"status":"live"}}'],
    ['room id inherited via __proto__', '{"room":{"__proto__":{"id":"r1"},"status":"live"}}'],
  ])('gives no identity on a broken page (%s)', (_name, json) => {
    const doc = json.startsWith('<') ? load(json) : page(json);
    expect(demo.extract(doc, roomUrl('x'))).toBeNull();
  });

  it('keeps hostile names as inert text and drops oversized values', () => {
    const hostile = JSON.stringify({
      room: { id: 'r1', status: 'live' },
      anchor: { id: 'a1', nickname: '<img src=x onerror=alert(1)>' },
      shop: { id: 'x'.repeat(1_000_000), name: 'y'.repeat(5000) },
      products: [{ title: '<script>alert(1)</script>', price: 12 }, { title: { nested: true } }, ...Array(500).fill({ title: 't' })],
    }).replace(/</g, '\\u003c');
    const identity = PageIdentity.parse(demo.extract(page(hostile), roomUrl('x')));
    expect(identity.anchorName).toBe('<img src=x onerror=alert(1)>');
    expect(identity.accounts).toEqual([{ accountId: 'a1', role: 'anchor' }]);
    expect(identity.shopName).toBeUndefined();
    expect(identity.products[0]).toEqual({ title: '<script>alert(1)</script>', price: '12' });
    expect(identity.products.length).toBeLessThanOrEqual(100);
  });

  it('survives deeply nested JSON', () => {
    const deep = '{"room":{"id":"r1","status":"live"},"x":' + '['.repeat(5000) + ']'.repeat(5000) + '}';
    expect(() => demo.extract(page(deep), roomUrl('x'))).not.toThrow();
  });
});
