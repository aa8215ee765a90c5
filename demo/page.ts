/** Renders a demo live room the way a real site does: video, anchor card, products, chat, embedded JSON. */
import type { DemoRoom } from './rooms';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
/** JSON inside <script> must not be able to close the element. */
const scriptJson = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c');

const STYLE = `
  body { margin: 0; font: 14px/1.5 system-ui, "Noto Sans CJK SC", sans-serif; background: #0f1115; color: #e6e6e6; }
  header { padding: 10px 16px; background: #16181d; border-bottom: 1px solid #2a2d35; }
  main { display: grid; grid-template-columns: minmax(0, 1fr) 320px; gap: 16px; padding: 16px; }
  .stage { display: flex; flex-direction: column; gap: 12px; }
  .video { position: relative; aspect-ratio: 16 / 9; background: linear-gradient(135deg, #3a1c71, #d76d77, #ffaf7b); border-radius: 8px; }
  .video .controls { position: absolute; left: 0; right: 0; bottom: 0; height: 40px; display: flex; gap: 8px; align-items: center; padding: 0 12px; background: rgba(0,0,0,.45); border-radius: 0 0 8px 8px; }
  .video .controls button { background: none; border: 0; color: #fff; font-size: 16px; }
  .anchor-card { display: flex; align-items: center; gap: 10px; }
  .avatar { width: 40px; height: 40px; border-radius: 50%; background: #ffaf7b; }
  aside { display: flex; flex-direction: column; gap: 12px; }
  .products { list-style: none; margin: 0; padding: 0; display: flex; flex-direction: column; gap: 8px; }
  .products li { display: flex; justify-content: space-between; align-items: center; gap: 8px; padding: 8px; background: #16181d; border-radius: 6px; }
  .buy { background: #fe2c55; color: #fff; border: 0; border-radius: 4px; padding: 6px 12px; font-weight: 600; }
  .chat { height: 200px; overflow: auto; background: #16181d; border-radius: 6px; padding: 8px; }
  .chat-input { width: 100%; box-sizing: border-box; padding: 8px; border-radius: 4px; border: 1px solid #2a2d35; background: #0f1115; color: inherit; }
  a { color: #8ab4f8; }
`;

/**
 * Like real live sites, the demo rooms are a single-page app: the room links swap the room in
 * place (new nodes, new embedded JSON, pushState) without a reload, and Back swaps it back.
 */
const SPA_SCRIPT = `
  async function show(url, push) {
    const next = new DOMParser().parseFromString(await (await fetch(url)).text(), 'text/html');
    document.getElementById('demo-room-data').textContent = next.getElementById('demo-room-data').textContent;
    document.querySelector('main').replaceWith(next.querySelector('main'));
    document.title = next.title;
    if (push) history.pushState(null, '', url);
  }
  document.addEventListener('click', (e) => {
    const link = e.target.closest('a[data-spa]');
    if (!link) return;
    e.preventDefault();
    show(link.href, true);
  });
  addEventListener('popstate', () => show(location.href, false));
  // What the site does on buy and gift clicks, so tests can see which clicks reached it.
  document.addEventListener('click', (e) => {
    const button = e.target.closest('[data-demo="buy"], [data-demo="gift"]');
    if (!button) return;
    const item = button.closest('[data-demo="product"]');
    const what = item ? item.querySelector('[data-demo="product-title"]').textContent : 'gift';
    document.body.dataset.clicks = (document.body.dataset.clicks || '') + what + '|';
  });
  // ?chat=N&seconds=S: a busy chat, N messages a second, as on a popular stream.
  const params = new URLSearchParams(location.search);
  const perSecond = Number(params.get('chat')) || 0;
  if (perSecond > 0) {
    const until = performance.now() + 1000 * (Number(params.get('seconds')) || 10);
    let sent = 0;
    const timer = setInterval(() => {
      const chat = document.querySelector('[data-demo="chat"]');
      for (let i = 0; i < perSecond / 20; i++) {
        const line = document.createElement('div');
        line.textContent = 'viewer' + (sent++ % 997) + ': 好物！上链接 #' + sent;
        chat.append(line);
        if (chat.childElementCount > 200) chat.firstElementChild.remove();
      }
      chat.scrollTop = chat.scrollHeight;
      if (performance.now() >= until) { clearInterval(timer); document.body.dataset.chatDone = String(sent); }
    }, 50);
  }`;

const ROOM_SWITCHER = `<nav aria-label="Other rooms">${['certified-excellent', 'suspended', 'blacklisted-alias', 'ended']
  .map((slug) => `<a data-spa href="/liveseal-demo/rooms/${slug}.html">${slug}</a>`)
  .join(' · ')}</nav>`;

export function renderRoom(room: DemoRoom): string {
  const data = {
    room: { id: `demo-room-${room.slug}`, title: room.title, status: room.status },
    anchor: room.anchor,
    shop: room.shop,
    products: room.products,
  };
  const seller = room.anchor?.nickname ?? room.shop?.name ?? '';
  const products = room.products
    .map(
      (p) =>
        `<li data-demo="product"><span data-demo="product-title">${escapeHtml(p.title)}</span>` +
        `<span>${escapeHtml(p.price)}</span><button class="buy" data-demo="buy">购买 Buy</button></li>`,
    )
    .join('');
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${escapeHtml(room.title)} - LiveSeal demo live room</title>
<meta property="og:title" content="${escapeHtml(room.title)}"><style>${STYLE}</style>
<script id="demo-room-data" type="application/json">${scriptJson(data)}</script></head>
<body><header><a href="/liveseal-demo/">← LiveSeal demo rooms</a> · ${room.status === 'live' ? '● LIVE' : 'Ended'}
${ROOM_SWITCHER}</header>
<main data-room="${escapeHtml(data.room.id)}"><section class="stage">
  <div class="anchor-card" data-demo="anchor-card"><div class="avatar"></div><div><strong>${escapeHtml(seller)}</strong><div>${escapeHtml(room.title)}</div></div></div>
  <div class="video" data-demo="video"><div class="controls" data-demo="video-controls"><button>▶</button><button>🔊</button><button>⛶</button></div></div>
</section>
<aside><ul class="products" data-demo="products">${products}</ul>
  <div class="chat" data-demo="chat"></div><input class="chat-input" data-demo="chat-input" placeholder="说点什么… Say something">
  <button class="buy" data-demo="gift">🎁 送礼物 Gift</button></aside>
</main><script>${SPA_SCRIPT}</script></body></html>`;
}

export function renderIndex(rooms: DemoRoom[]): string {
  const items = rooms
    .map((r) => `<li><a href="/liveseal-demo/rooms/${r.slug}.html">${escapeHtml(r.title)}</a> — ${escapeHtml(r.slug)}</li>`)
    .join('');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>LiveSeal demo rooms</title><style>${STYLE}</style></head>
<body><header>LiveSeal demo live rooms (fictional)</header><main><ul>${items}</ul></main></body></html>`;
}
