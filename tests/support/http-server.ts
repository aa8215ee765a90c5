/** A real HTTP server on 127.0.0.1 (port 0) whose answers tests script per path, faults included. */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/** A file served with an ETag; a matching If-None-Match gets 304. */
export function file(body: string, headers: Record<string, string> = {}): Handler {
  const etag = `"${body.length.toString(16)}-${simpleHash(body)}"`;
  return (req, res) => {
    if (req.headers['if-none-match'] === etag) {
      res.writeHead(304, { etag, ...headers }).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), etag, ...headers }).end(body);
  };
}

export const status =
  (code: number): Handler =>
  (_req, res) =>
    res.writeHead(code, { 'content-type': 'text/plain' }).end(`status ${code}`);

/** Promises `declaredBytes`, sends `sentBytes`, then drops the connection. */
export const dropMidBody =
  (declaredBytes: number, sentBytes: number): Handler =>
  (_req, res) => {
    res.writeHead(200, { 'content-length': declaredBytes });
    res.write('x'.repeat(sentBytes), () => setTimeout(() => res.socket?.destroy(), 20));
  };

/** Headers at once, then a chunk every `everyMs` for ever (until the client goes away). */
export const slowBody =
  (everyMs: number, chunk = '{'): Handler =>
  (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    const timer = setInterval(() => res.write(chunk), everyMs);
    res.on('close', () => clearInterval(timer));
  };

/** Never answers at all. */
export const silent: Handler = (_req, res) => {
  res.on('close', () => undefined);
};

/** `bytes` bytes, with a truthful Content-Length or chunked (no length). */
export const bigBody =
  (bytes: number, withLength: boolean): Handler =>
  (_req, res) => {
    res.writeHead(200, withLength ? { 'content-length': bytes } : {});
    const chunk = 'y'.repeat(16 * 1024);
    let left = bytes;
    const pump = () => {
      while (left > 0) {
        const piece = chunk.slice(0, Math.min(chunk.length, left));
        left -= piece.length;
        if (!res.write(piece)) return void res.once('drain', pump);
      }
      res.end();
    };
    res.on('error', () => undefined);
    pump();
  };

function simpleHash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h.toString(16);
}

export interface TestServer {
  /** http://127.0.0.1:PORT */
  origin: string;
  url(path: string): string;
  /** Answers `path` with `handler` from now on; `undefined` makes it 404. */
  route(path: string, handler: Handler | undefined): void;
  /** Every request received, in order: path and the headers that matter here. */
  requests: Array<{ path: string; headers: IncomingMessage['headers'] }>;
  close(): Promise<void>;
}

export async function startServer(): Promise<TestServer> {
  const routes = new Map<string, Handler>();
  const requests: TestServer['requests'] = [];
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    requests.push({ path, headers: req.headers });
    (routes.get(path) ?? status(404))(req, res);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    url: (path) => `${origin}${path}`,
    route(path, handler) {
      if (handler) routes.set(path, handler);
      else routes.delete(path);
    },
    requests,
    close: () =>
      new Promise((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}
