/**
 * `registry serve <dir>`: a static registry host for development and tests — what any web
 * server or CDN does for a certification body in production: the files of a publish
 * directory, with an ETag (answering If-None-Match with 304), a Cache-Control max-age, and
 * `Access-Control-Allow-Origin: *` so extensions can fetch the public snapshot without any
 * host permission, and JSON gzip'd for clients that accept it (a delta is ~10× smaller so; packs
 * are compressed already). Never a directory listing, never a path outside the directory.
 * As nginx does, the ETag comes from the file's size and modification time: hashing a 38 MB
 * pack for it cost every client ~0.2 s before the first byte. A file goes out in one write:
 * streamed in 64 KB pieces, a pack stalled the extension's worker for 0.3–0.4 s on loopback
 * (its timers did not fire) in 3 of 4 fresh workers, sent whole in 1 of 4.
 */
import { readFile, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve, sep } from 'node:path';
import { gzipBest } from './gzip-best';

export interface RegistryServer {
  origin: string;
  close(): Promise<void>;
}

export interface ServeOptions {
  port?: number;
  host?: string;
  maxAgeSeconds?: number;
  /** Runs before each answer; return true when it answered itself (tests inject faults here). */
  intercept?: (req: IncomingMessage, res: ServerResponse) => boolean | Promise<boolean>;
}

async function answer(root: string, req: IncomingMessage, res: ServerResponse, maxAge: number): Promise<void> {
  // Expose-Headers: without it a cross-origin fetch cannot read the ETag it must send back.
  const headers = {
    'access-control-allow-origin': '*',
    'access-control-expose-headers': 'ETag, Cache-Control',
    'cache-control': `public, max-age=${maxAge}`,
  };
  let path: string;
  try {
    path = decodeURIComponent(new URL(req.url ?? '/', 'http://registry').pathname);
  } catch {
    res.writeHead(400, headers).end();
    return;
  }
  const file = resolve(root, `.${path}`);
  if (req.method !== 'GET' || !file.startsWith(root + sep) || !/\.(json|pack)$/.test(file)) {
    res.writeHead(req.method === 'GET' ? 404 : 405, headers).end();
    return;
  }
  const found = await stat(file).catch(() => undefined);
  if (!found?.isFile()) {
    res.writeHead(404, headers).end();
    return;
  }
  const json = file.endsWith('.json');
  const gzipped = json && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
  const version = `${found.size.toString(36)}-${Math.round(found.mtimeMs * 1000).toString(36)}`;
  // One ETag per encoding, as the bytes sent differ.
  const etag = `"${version}${gzipped ? '-gz' : ''}"`;
  const encoding = { ...(json && { vary: 'Accept-Encoding' }), ...(gzipped && { 'content-encoding': 'gzip' }) };
  if (req.headers['if-none-match'] === etag) {
    res.writeHead(304, { ...headers, ...encoding, etag }).end();
    return;
  }
  const sent = gzipped ? await gzippedOnce(file, version) : await readFile(file);
  res.writeHead(200, { ...headers, ...encoding, etag, 'content-type': json ? 'application/json' : 'application/octet-stream', 'content-length': sent.length }).end(sent);
}

/** Each file's gzip, made once per version of it (level 9 of a national delta takes ~0.1 s). */
const gzipCache = new Map<string, { version: string; bytes: Uint8Array }>();
async function gzippedOnce(file: string, version: string): Promise<Uint8Array> {
  const cached = gzipCache.get(file);
  if (cached?.version === version) return cached.bytes;
  const bytes = gzipBest(await readFile(file));
  gzipCache.set(file, { version, bytes });
  return bytes;
}

export async function serveRegistry(dir: string, options: ServeOptions = {}): Promise<RegistryServer> {
  const root = resolve(dir);
  const server: Server = createServer((req, res) => {
    void (async () => {
      if (await options.intercept?.(req, res)) return;
      await answer(root, req, res, options.maxAgeSeconds ?? 300);
    })().catch(() => res.destroy());
  });
  await new Promise<void>((done) => server.listen(options.port ?? 0, options.host ?? '127.0.0.1', done));
  const { address, port } = server.address() as AddressInfo;
  return {
    origin: `http://${address.includes(':') ? `[${address}]` : address}:${port}`,
    close: () =>
      new Promise((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}
