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
