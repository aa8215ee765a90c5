/**
 * Privacy audit: every request the browser sends during a session — demo rooms, platform
 * fixture pages, a registry update — passes through a recording proxy on 127.0.0.1. The
 * extension's own requests (those with a chrome-extension:// Origin) must go only to the
 * configured registry URLs, with no cookies, no referrer, and nothing about the pages visited.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, request as httpRequest, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoServer, type DemoServer } from '../../demo/server';
import { base64ToBytes } from '../../lib/encoding/base64';
import { Snapshot } from '../../lib/registry/schema';
import { loadSigners } from '../../scripts/registry/keyfiles';
import { serveRegistry, type RegistryServer } from '../../scripts/registry/serve';
import { signedEnvelopeText } from '../../scripts/registry/snapshot-files';
import { launchChromium, routeToFixture, waitForShadowText, type LaunchedChromium } from './harness';

interface Recorded {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
}

/** A forwarding HTTP proxy that writes down every request (HTTPS arrives as CONNECT: recorded and refused). */
async function recordingProxy(): Promise<{ port: number; seen: Recorded[]; close(): Promise<void> }> {
  const seen: Recorded[] = [];
  const server: Server = createServer((req, res) => {
    seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers });
    const target = new URL(req.url ?? '');
    const upstream = httpRequest(
      { host: target.hostname, port: target.port, path: target.pathname + target.search, method: req.method, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => res.writeHead(502).end());
    req.pipe(upstream);
  });
  server.on('connect', (req, socket) => {
    seen.push({ method: 'CONNECT', url: req.url ?? '', headers: req.headers });
    socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return {
    port: (server.address() as AddressInfo).port,
    seen,
    close: () => new Promise((done) => {
      server.closeAllConnections();
      server.close(() => done());
    }),
  };
}

let proxy: Awaited<ReturnType<typeof recordingProxy>>;
let browser: LaunchedChromium;
let demo: DemoServer;
let registry: RegistryServer;
let publishDir: string;

beforeAll(async () => {
  proxy = await recordingProxy();
  demo = await startDemoServer();
  publishDir = await mkdtemp(join(tmpdir(), 'liveseal-publish-'));
  registry = await serveRegistry(publishDir);
  const envelope = JSON.parse(await readFile(resolve('.output/chrome-mv3/registry/default.dsse.json'), 'utf8')) as { payload: string };
  const bundled = Snapshot.parse(JSON.parse(new TextDecoder().decode(base64ToBytes(envelope.payload)!)));
  await writeFile(
    join(publishDir, 'snapshot.dsse.json'),
    await signedEnvelopeText({ ...bundled, version: bundled.version + 1 }, await loadSigners([resolve('.keys/demo.key.json')])),
  );
  browser = await launchChromium(resolve('.output/chrome-mv3'), {
    // <-loopback>: send even 127.0.0.1 through the proxy, so nothing escapes the record.
    args: [`--proxy-server=http://127.0.0.1:${proxy.port}`, '--proxy-bypass-list=<-loopback>'],
  });
});
afterAll(async () => {
  await browser?.close();
  await demo?.close();
  await registry?.close();
  await proxy?.close();
  await rm(publishDir, { recursive: true, force: true });
});

describe('privacy audit', () => {
  it('sends nothing but registry downloads, without cookies, referrer or page data', async () => {
    await browser.context.addCookies([{ name: 'session', value: 'secret-cookie', url: registry.origin }]);
    const visited: string[] = [];
    const page = await browser.context.newPage();
    for (const slug of ['certified-excellent', 'blacklisted-anchor', 'suspended']) {
      const url = demo.roomUrl(slug);
      visited.push(url);
      await page.goto(url);
      await waitForShadowText(page, 'liveseal-overlay', (t) => t.length > 0, 10_000);
    }
    const douyin = 'https://live.douyin.com/730000000001';
    await routeToFixture(browser.context, douyin, resolve('tests/fixtures/douyin/live-room.html'));
    visited.push(douyin);
    await page.goto(douyin);
    await waitForShadowText(page, 'liveseal-overlay', (t) => t.length > 0, 10_000);

    await page.goto(`chrome-extension://${browser.extensionId}/options.html`);
    await page.getByLabel('Snapshot URL', { exact: true }).fill(`${registry.origin}/snapshot.dsse.json`);
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Saved.').waitFor();
    await page.getByRole('button', { name: 'Check now' }).click();
    await page.locator('.update-log li[data-status="installed"]').waitFor({ timeout: 15_000 });

    // Requests a page makes are navigations or carry its site in Sec-Fetch-Site; the browser's
    // own service traffic (Google hosts, CONNECT) carries no Sec-Fetch headers at all. What an
    // extension fetches by itself is the rest: Sec-Fetch-Site "none" without a navigation.
    const fromExtension = proxy.seen.filter(
      (r) => r.method !== 'CONNECT' && r.headers['sec-fetch-site'] === 'none' && r.headers['sec-fetch-mode'] !== 'navigate',
    );
    expect(fromExtension.map((r) => `${r.method} ${r.url}`)).toEqual([`GET ${registry.origin}/snapshot.dsse.json`]);
    for (const r of fromExtension) {
      expect(r.headers.cookie).toBeUndefined();
      expect(r.headers.referer).toBeUndefined();
      for (const url of visited) expect(JSON.stringify(r)).not.toContain(new URL(url).pathname);
    }
    // The registry host saw nothing else either (no beacon hidden in another request shape).
    expect(proxy.seen.filter((r) => r.url.startsWith(registry.origin)).map((r) => r.url)).toEqual([`${registry.origin}/snapshot.dsse.json`]);
    // HTTPS shows only its host: every one is the browser's own service or the visited page's.
    const tunnelled = new Set(proxy.seen.filter((r) => r.method === 'CONNECT').map((r) => r.url.replace(/:443$/, '')));
    const expected = /(^|\.)(google\.com|googleapis\.com|gstatic\.com|douyin\.com|douyinpic\.com)$/;
    expect([...tunnelled].filter((host) => !expected.test(host))).toEqual([]);

    // Negative control: a fetch the worker makes by itself is caught by the classification above.
    const leak = `${registry.origin}/leak.json?page=${encodeURIComponent(visited[0]!)}`;
    await browser.serviceWorker.evaluate((url) => fetch(url).catch(() => undefined), leak);
    await expect
      .poll(() => proxy.seen.some((r) => r.url === leak && r.headers['sec-fetch-site'] === 'none' && r.headers['sec-fetch-mode'] !== 'navigate'))
      .toBe(true);
    await page.close();
  });
});
