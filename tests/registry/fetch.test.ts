/** fetchBounded against a real HTTP server on 127.0.0.1: every way a download can go wrong. */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { checkSource, fetchBounded, FetchRefused, parseMaxAge, type FetchBoundedOptions, type FetchResult } from '../../lib/registry/fetch';
import { refusal } from '../support/refusal';
import { bigBody, dropMidBody, file, silent, slowBody, startServer, status, type TestServer } from '../support/http-server';

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());

const LIMITS: FetchBoundedOptions = { maxBytes: 64 * 1024, timeoutMs: 2_000 };

const textOf = (result: FetchResult) => (result.status === 'ok' ? new TextDecoder().decode(result.bytes) : undefined);
const refused = (promise: Promise<unknown>) => refusal(promise, FetchRefused);

describe('fetchBounded', () => {
  it('returns the body with its ETag and Cache-Control max-age', async () => {
    server.route('/ok.json', file('{"hello":"世界"}', { 'cache-control': 'public, max-age=3600' }));
    const result = await fetchBounded(server.url('/ok.json'), LIMITS);
    expect(result).toMatchObject({ status: 'ok', cacheControlMaxAge: 3600 });
    expect(textOf(result)).toBe('{"hello":"世界"}');
    expect(result.etag).toMatch(/^".+"$/);
  });

  it('sends If-None-Match and answers not-modified on 304; a changed file comes whole', async () => {
    server.route('/etag.json', file('{"v":1}'));
    const first = await fetchBounded(server.url('/etag.json'), LIMITS);
    const again = await fetchBounded(server.url('/etag.json'), { ...LIMITS, etag: first.etag });
    expect(again).toMatchObject({ status: 'not-modified', etag: first.etag });
    expect(server.requests.at(-1)?.headers['if-none-match']).toBe(first.etag);
    server.route('/etag.json', file('{"v":2}'));
    expect(textOf(await fetchBounded(server.url('/etag.json'), { ...LIMITS, etag: first.etag }))).toBe('{"v":2}');
  });

  it('refuses a 500 and a 404 as http-status, with the status', async () => {
    server.route('/500', status(500));
    expect(await refused(fetchBounded(server.url('/500'), LIMITS))).toMatchObject({ code: 'http-status', status: 500 });
    expect(await refused(fetchBounded(server.url('/missing'), LIMITS))).toMatchObject({ code: 'http-status', status: 404 });
  });

  it('refuses a connection dropped mid-body as network', async () => {
    server.route('/drop', dropMidBody(10_000, 3_000));
    expect((await refused(fetchBounded(server.url('/drop'), LIMITS))).code).toBe('network');
  });

  it('refuses a body that trickles past the timeout, and stops in time', async () => {
    server.route('/slow', slowBody(40));
    const started = Date.now();
    const error = await refused(fetchBounded(server.url('/slow'), { ...LIMITS, timeoutMs: 300 }));
    expect(error.code).toBe('timeout');
    expect(Date.now() - started).toBeLessThan(1_500);
  });

  it('refuses a server that never answers as timeout', async () => {
    server.route('/silent', silent);
    expect((await refused(fetchBounded(server.url('/silent'), { ...LIMITS, timeoutMs: 200 }))).code).toBe('timeout');
  });

  it('refuses a body over maxBytes, with a truthful Content-Length and without one', async () => {
    server.route('/big-declared', bigBody(LIMITS.maxBytes + 1, true));
    server.route('/big-chunked', bigBody(4 * LIMITS.maxBytes, false));
    server.route('/exact', bigBody(LIMITS.maxBytes, false));
    expect(await refused(fetchBounded(server.url('/big-declared'), LIMITS))).toMatchObject({ code: 'too-large' });
    const chunked = await refused(fetchBounded(server.url('/big-chunked'), LIMITS));
    expect(chunked).toMatchObject({ code: 'too-large', message: expect.stringContaining('download stopped') });
    const exact = await fetchBounded(server.url('/exact'), LIMITS);
    expect(exact.status === 'ok' && exact.bytes.length).toBe(LIMITS.maxBytes);
  });

  it('counts the bytes itself when Content-Length lies', async () => {
    const lying = vi.fn(async () => new Response('z'.repeat(5_000), { headers: { 'content-length': '10' } }));
    expect((await refused(fetchBounded('https://registry.example/s.json', { ...LIMITS, maxBytes: 4_096, fetchImpl: lying }))).code).toBe(
      'too-large',
    );
  });

  it('times out even when the fetch implementation ignores the abort signal', async () => {
    const stuck = () =>
      Promise.resolve(new Response(new ReadableStream({ pull: () => new Promise<void>(() => undefined) })));
    expect((await refused(fetchBounded('https://registry.example/s.json', { ...LIMITS, timeoutMs: 100, fetchImpl: stuck }))).code).toBe(
      'timeout',
    );
  });

  it('asks for no cookies, no referrer and no HTTP cache', async () => {
    const spy = vi.fn(async (_url: string, _init: RequestInit) => new Response('{}'));
    await fetchBounded('https://registry.example/s.json', { ...LIMITS, fetchImpl: spy });
    expect(spy.mock.calls[0]?.[1]).toMatchObject({ method: 'GET', credentials: 'omit', referrerPolicy: 'no-referrer', cache: 'no-store' });
  });

  it('refuses a redirect to plain HTTP elsewhere', async () => {
    const redirected = async () => {
      const response = new Response('{}');
      Object.defineProperty(response, 'url', { value: 'http://evil.example/s.json' });
      return response;
    };
    expect((await refused(fetchBounded('https://registry.example/s.json', { ...LIMITS, fetchImpl: redirected }))).code).toBe(
      'insecure-source',
    );
  });

  it('refuses non-HTTPS sources other than loopback without sending a request', async () => {
    const spy = vi.fn(async () => new Response('{}'));
    for (const url of [
      'http://registry.example/s.json',
      'http://127.0.0.2/s.json',
      'http://localhost.evil.example/s.json',
      'http://127.0.0.1@evil.example/s.json',
      'https://user:pw@registry.example/s.json',
      'ftp://registry.example/s.json',
      'file:///etc/passwd',
      'data:application/json,{}',
      'ws://127.0.0.1/s.json',
      'not a url',
    ]) {
      expect((await refused(fetchBounded(url, { ...LIMITS, fetchImpl: spy }))).code, url).toBe('insecure-source');
    }
    expect(spy).not.toHaveBeenCalled();
    for (const url of ['https://registry.example/s.json', 'http://127.0.0.1:8080/s', 'http://localhost/s', 'http://[::1]:9/s']) {
      expect(checkSource(url).href).toBe(new URL(url).href);
    }
  });
});

describe('parseMaxAge', () => {
  it('reads max-age among other directives and ignores the rest', () => {
    expect(parseMaxAge('max-age=60')).toBe(60);
    expect(parseMaxAge('public, MAX-AGE = 21600, must-revalidate')).toBe(21600);
    expect(parseMaxAge('s-maxage=10, max-age="30"')).toBe(30);
    expect(parseMaxAge('no-cache')).toBeUndefined();
    expect(parseMaxAge('max-age=-1')).toBeUndefined();
    expect(parseMaxAge(null)).toBeUndefined();
  });
});
