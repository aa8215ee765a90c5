import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchBounded } from '../../lib/registry/fetch';
import { serveRegistry, type RegistryServer } from '../../scripts/registry/serve';

let dir: string;
let server: RegistryServer;
const json = JSON.stringify({ changes: Array.from({ length: 2000 }, (_, i) => ({ id: `c${i}`, status: 'suspended' })) });
const pack = new Uint8Array(4096).map((_, i) => (i * 7919) % 251);

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'liveseal-serve-'));
  await writeFile(join(dir, 'delta.json'), json);
  await writeFile(join(dir, 'snapshot.pack'), pack);
  server = await serveRegistry(dir);
});
afterAll(async () => {
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

/** The raw answer, bytes as sent (node:http does not decode). */
function get(path: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; headers: Record<string, unknown>; body: Buffer }>((done, fail) => {
    request(`${server.origin}${path}`, { headers }, (res) => {
      const parts: Buffer[] = [];
      res.on('data', (p: Buffer) => parts.push(p));
      res.on('end', () => done({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(parts) }));
    })
      .on('error', fail)
      .end();
  });
}

describe('registry serve', () => {
  it('sends JSON gzip’d to a client that accepts it, the same bytes once decoded, with an ETag of its own', async () => {
    const plain = await get('/delta.json');
    const gz = await get('/delta.json', { 'accept-encoding': 'gzip, deflate, br' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString()).toBe(json);
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gz.headers.vary).toBe('Accept-Encoding');
    expect(gz.body.length).toBeLessThan(json.length / 10);
    expect(gunzipSync(gz.body).toString()).toBe(json);
    expect(gz.headers.etag).not.toBe(plain.headers.etag);
    const again = await get('/delta.json', { 'accept-encoding': 'gzip', 'if-none-match': String(gz.headers.etag) });
    expect(again.status).toBe(304);
  });

  it('gives a file a new ETag, and the new bytes, gzip’d or not, once the publisher replaces it', async () => {
    const path = join(dir, 'snapshot.dsse.json');
    await writeFile(path, '{"version":1}');
    const first = await get('/snapshot.dsse.json', { 'accept-encoding': 'gzip' });
    const plainFirst = await get('/snapshot.dsse.json');
    // Same size, so only the modification time tells the versions apart.
    await new Promise((done) => setTimeout(done, 5));
    await writeFile(path, '{"version":2}');
    const second = await get('/snapshot.dsse.json', { 'accept-encoding': 'gzip', 'if-none-match': String(first.headers.etag) });
    expect(second.status).toBe(200);
    expect(gunzipSync(second.body).toString()).toBe('{"version":2}');
    expect(second.headers.etag).not.toBe(first.headers.etag);
    const plainSecond = await get('/snapshot.dsse.json', { 'if-none-match': String(plainFirst.headers.etag) });
    expect([plainSecond.status, plainSecond.body.toString()]).toEqual([200, '{"version":2}']);
    expect((await get('/snapshot.dsse.json', { 'if-none-match': String(plainSecond.headers.etag) })).status).toBe(304);
  });

  it('answers 404 for a directory, a missing file, another extension or a path outside the directory', async () => {
    for (const path of ['/', '/missing.json', '/notes.txt', '/../etc/passwd.json', '/%2e%2e/x.json']) expect((await get(path)).status).toBe(404);
  });

  it('sends packs as they are: they are compressed already', async () => {
    const answer = await get('/snapshot.pack', { 'accept-encoding': 'gzip' });
    expect(answer.headers['content-encoding']).toBeUndefined();
    expect(new Uint8Array(answer.body)).toEqual(pack);
  });

  it('is read by the extension’s bounded fetch, which counts the decoded bytes against its limit', async () => {
    const ok = await fetchBounded(`${server.origin}/delta.json`, { maxBytes: json.length, timeoutMs: 5_000 });
    expect(ok.status === 'ok' && new TextDecoder().decode(ok.bytes)).toBe(json);
    await expect(fetchBounded(`${server.origin}/delta.json`, { maxBytes: json.length - 1, timeoutMs: 5_000 })).rejects.toMatchObject({ code: 'too-large' });
  });
});
