/**
 * Proves the harness against a throwaway MV3 extension generated at test time: a worker that
 * answers pings with its boot id, and a content script that renders into a CLOSED shadow root.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { get } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  findShadowNodes,
  getServiceWorker,
  isServiceWorkerRunning,
  launchChromium,
  readClosedShadowText,
  readClosedShadowTree,
  routeToFixture,
  serveFixtures,
  stopServiceWorker,
  waitForShadowText,
  type FixtureServer,
  type LaunchedChromium,
} from './harness';

const HOST = '#seal-host';
const SEAL_TEXT = 'Sealed by smoke test';

const SMOKE_EXTENSION: Record<string, string> = {
  'manifest.json': JSON.stringify({
    manifest_version: 3,
    name: 'LiveSeal harness smoke test',
    version: '0.0.1',
    background: { service_worker: 'background.js' },
    content_scripts: [{ matches: ['http://127.0.0.1/*', 'https://live.douyin.com/*'], js: ['content.js'] }],
  }),
  // A fresh id per worker start tells a restarted worker from the old one.
  'background.js': `
    const bootId = crypto.randomUUID();
    chrome.runtime.onMessage.addListener((message, _sender, reply) => {
      if (message && message.type === 'ping') reply({ bootId });
    });`,
  'content.js': `
    const host = document.querySelector('${HOST}');
    if (host) {
      const root = host.attachShadow({ mode: 'closed' });
      root.innerHTML = '<style>.seal { color: green }</style>' +
        '<div class="seal" role="status" aria-label="Smoke seal" data-status="ok">${SEAL_TEXT}</div>' +
        '<output></output>';
      // The page asks for a ping; the answer lands in the closed root for the test to read.
      window.addEventListener('message', async (event) => {
        if (event.source !== window || !event.data || event.data.smoke !== 'ping') return;
        const { bootId } = await chrome.runtime.sendMessage({ type: 'ping' });
        root.querySelector('output').textContent = 'pong ' + event.data.nonce + ' ' + bootId;
      });
    }`,
};

const FIXTURE_PAGE = `<!doctype html><html><head><meta charset="utf-8"><title>smoke</title></head>
<body><h1>Fixture page</h1><div id="seal-host"></div></body></html>`;

const FIXTURES: Record<string, string> = {
  'index.html': FIXTURE_PAGE,
  'app.js': 'console.log(1)',
  'style.css': 'body{}',
  'data.json': '{}',
  'icon.svg': '<svg xmlns="http://www.w3.org/2000/svg"/>',
  'icon.png': '',
};

async function writeTempDir(prefix: string, files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  await Promise.all(Object.entries(files).map(([name, text]) => writeFile(join(dir, name), text)));
  return dir;
}

/** GET with the path sent verbatim (fetch would normalise `..` away before sending). */
function rawGet(origin: string, path: string): Promise<{ status: number; contentType: string }> {
  return new Promise((done, fail) => {
    get(`${origin}${path}`, { path }, (response) => {
      response.resume();
      done({ status: response.statusCode ?? 0, contentType: response.headers['content-type'] ?? '' });
    }).on('error', fail);
  });
}

/** Pings the worker through the content script and returns the worker's boot id. */
async function pingWorker(page: Page): Promise<string> {
  const nonce = randomUUID().slice(0, 8);
  await page.evaluate((n) => window.postMessage({ smoke: 'ping', nonce: n }, '*'), nonce);
  const pattern = new RegExp(`pong ${nonce} (\\S+)`);
  const text = await waitForShadowText(page, HOST, pattern);
  return pattern.exec(text)![1]!;
}

describe('e2e harness smoke test', () => {
  let chromium: LaunchedChromium;
  let fixtures: FixtureServer;
  let page: Page;
  const tempDirs: string[] = [];

  beforeAll(async () => {
    const [extensionDir, fixtureDir] = await Promise.all([
      writeTempDir('liveseal-smoke-ext-', SMOKE_EXTENSION),
      writeTempDir('liveseal-smoke-fixtures-', FIXTURES),
    ]);
    tempDirs.push(extensionDir, fixtureDir);
    [chromium, fixtures] = await Promise.all([launchChromium(extensionDir), serveFixtures(fixtureDir)]);
    page = await chromium.context.newPage();
  });

  afterAll(async () => {
    await chromium?.close();
    await fixtures?.close();
    await Promise.all(tempDirs.map((dir) => rm(dir, { recursive: true, force: true })));
  });

  it('loads the extension and names it by its service worker', async () => {
    expect(chromium.extensionId).toMatch(/^[a-p]{32}$/);
    expect(await chromium.serviceWorker.evaluate('chrome.runtime.id')).toBe(chromium.extensionId);
  });

  it('serves fixtures with content types, and nothing outside the root', async () => {
    const types = await Promise.all(
      ['/', '/app.js', '/style.css', '/data.json', '/icon.svg', '/icon.png'].map((p) => rawGet(fixtures.origin, p)),
    );
    expect(types).toEqual([
      { status: 200, contentType: 'text/html; charset=utf-8' },
      { status: 200, contentType: 'text/javascript; charset=utf-8' },
      { status: 200, contentType: 'text/css; charset=utf-8' },
      { status: 200, contentType: 'application/json; charset=utf-8' },
      { status: 200, contentType: 'image/svg+xml' },
      { status: 200, contentType: 'image/png' },
    ]);
    const refused = ['/../../../etc/passwd', '/..%2f..%2f..%2fetc%2fpasswd', '/%2e%2e/%2e%2e/etc/passwd', '/missing.html'];
    for (const path of [...refused, '/%E0%A4%A' /* malformed escape */]) {
      expect((await rawGet(fixtures.origin, path)).status, path).toBe(404);
    }
  });

  it('reads text in a closed shadow root that Playwright locators cannot see', async () => {
    await page.goto(`${fixtures.origin}/`);
    expect(await waitForShadowText(page, HOST, SEAL_TEXT)).toBe(SEAL_TEXT);
    expect(await page.evaluate((sel) => document.querySelector(sel)?.shadowRoot ?? 'closed', HOST)).toBe('closed');
    expect(await page.getByText(SEAL_TEXT).count()).toBe(0);
    expect(await page.getByRole('status').count()).toBe(0);
    expect(await readClosedShadowText(page, '#no-such-host')).toBeNull();
    expect(await readClosedShadowText(page, 'h1')).toBeNull(); // an element without a shadow root
  });

  it('reads the closed shadow tree with attributes, leaving styles out', async () => {
    const tree = await readClosedShadowTree(page, HOST);
    expect(tree).toMatchObject({ nodeName: '#shadow-root', attributes: { mode: 'closed' }, text: SEAL_TEXT });
    const [seal] = findShadowNodes(tree!, (node) => node.attributes.role === 'status');
    expect(seal).toMatchObject({
      nodeName: 'div',
      attributes: { class: 'seal', 'aria-label': 'Smoke seal', 'data-status': 'ok' },
      text: SEAL_TEXT,
    });
    expect(findShadowNodes(tree!, (node) => node.nodeName === 'style')).toEqual([]);
    expect(JSON.parse(JSON.stringify(tree))).toEqual(tree);
  });

  it('routes a real-looking URL to a fixture without leaving the machine', async () => {
    await routeToFixture(chromium.context, 'https://live.douyin.com/**', FIXTURE_PAGE);
    const routed = await chromium.context.newPage();
    await routed.goto('https://live.douyin.com/123456789');
    expect(await waitForShadowText(routed, HOST, (text) => text.startsWith('Sealed'))).toBe(SEAL_TEXT);
    const subresource = await routed.evaluate(async () => (await fetch('/api/anything')).status);
    expect(subresource).toBe(404);
    await routed.close();
  });

  it('stops the service worker, and a message starts a new one', async () => {
    const before = await pingWorker(page);
    await stopServiceWorker(chromium.context);
    expect(await isServiceWorkerRunning(chromium.context)).toBe(false);
    const after = await pingWorker(page);
    expect(after).not.toBe(before);
    expect(await isServiceWorkerRunning(chromium.context)).toBe(true);
  });

  it('getServiceWorker wakes a stopped worker, through the same handle', async () => {
    const before = await chromium.serviceWorker.evaluate('bootId');
    await stopServiceWorker(chromium.context);
    const worker = await getServiceWorker(chromium.context);
    expect(worker).toBe(chromium.serviceWorker);
    expect(await worker.evaluate('bootId')).not.toBe(before);
  });
});
