/** Serves the demo rooms on loopback only: `npm run demo` and the e2e tests use it. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { renderIndex, renderRoom } from './page';
import { demoRooms } from './rooms';

export interface DemoServer {
  origin: string;
  roomUrl(slug: string): string;
  close(): Promise<void>;
}

export async function startDemoServer(port = 0): Promise<DemoServer> {
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    const slug = /^\/liveseal-demo\/rooms\/([\w-]+)\.html$/.exec(path)?.[1];
    const room = slug ? demoRooms.find((r) => r.slug === slug) : undefined;
    const body = room ? renderRoom(room) : path === '/liveseal-demo/' ? renderIndex(demoRooms) : undefined;
    res.writeHead(body ? 200 : 404, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    res.end(body ?? 'not found');
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    roomUrl: (s) => `${origin}/liveseal-demo/rooms/${s}.html`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
