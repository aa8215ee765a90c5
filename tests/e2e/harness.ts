/**
 * Real-browser helpers for the e2e project: Debian's Chromium with one unpacked MV3 extension,
 * a local fixture server, and CDP readers for the closed shadow root the overlay renders into
 * (Playwright locators only pierce open roots). See /work/shared/TESTING.md.
 */
import { mkdir, mkdtemp, readFile, realpath, rm, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, extname, join, resolve, sep } from 'node:path';
import { chromium, type BrowserContext, type CDPSession, type Page, type Worker } from 'playwright-core';

const CHROMIUM = '/usr/bin/chromium';
const POLL_MS = 50;

const sleep = (ms: number) => new Promise<void>((done) => setTimeout(done, ms));

/** Polls `check` every 50 ms; `describe` is evaluated only on timeout, for the error. */
export async function waitUntil(check: () => Promise<boolean>, timeoutMs: number, describe: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() >= deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${describe()}`);
    await sleep(POLL_MS);
  }
}

/**
 * `promise`, or an error naming `what` after `ms`: a DevTools call into a frame that is going
 * away (an evaluate, a key sent to it) may never be answered, and would otherwise hang a test
 * until its own timeout, without saying which step it was.
 */
export function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, fail) => (timer = setTimeout(() => fail(new Error(`no answer within ${ms} ms: ${what}`)), ms)));
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

// ---------------------------------------------------------------------------------------------
// Browser and service worker

export interface LaunchedChromium {
  context: BrowserContext;
  extensionId: string;
  /**
   * The extension's worker. In Chromium 156 Playwright keeps this handle across worker stops
   * and restarts (the DevTools target id survives); `evaluate` on a stopped worker waits until
   * something wakes it, so call `getServiceWorker` first when the worker may be stopped.
   */
  serviceWorker: Worker;
  /** Closes the browser and deletes its temporary profile. */
  close(): Promise<void>;
}

/** Launches Debian's Chromium with exactly one unpacked extension in a throwaway profile. */
export async function launchChromium(
  extensionDir: string,
  opts: {
    headless?: boolean;
    /** Kept after close, to relaunch the same profile (a browser restart). */
    profileDir?: string;
    /** More Chromium switches, e.g. a recording proxy. */
    args?: string[];
  } = {},
): Promise<LaunchedChromium> {
  const profileDir = opts.profileDir ?? (await mkdtemp(join(tmpdir(), 'liveseal-chromium-')));
  const removeProfile = async () => {
    if (!opts.profileDir) await rm(profileDir, { recursive: true, force: true, maxRetries: 3 });
  };
  const context = await launchWithExtension(profileDir, resolve(extensionDir), opts.headless ?? true, opts.args ?? []).catch(
    async (error: unknown) => {
      await removeProfile();
      throw error;
    },
  );
  const close = async () => {
    await context.close();
    await removeProfile();
  };
  try {
    const serviceWorker = await getServiceWorker(context);
    return { context, extensionId: extensionIdOf(serviceWorker), serviceWorker, close };
  } catch (error) {
    await close();
    throw error;
  }
}

function launchWithExtension(profileDir: string, extensionPath: string, headless: boolean, extraArgs: string[]): Promise<BrowserContext> {
  return chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM,
    headless,
    args: [
      `--disable-extensions-except=${extensionPath}`,
      `--load-extension=${extensionPath}`,
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
      ...extraArgs,
    ],
  });
}

const isExtensionWorker = (worker: Worker) => worker.url().startsWith('chrome-extension://');

/** The extension id is the host of any chrome-extension:// URL of the extension. */
export function extensionIdOf(worker: Worker): string {
  return new URL(worker.url()).host;
}

/**
 * The extension's service worker, running and activated: waits up to `timeoutMs` for it to
 * register after launch, and starts it if it is stopped (a cold start, as after idling).
 */
export async function getServiceWorker(context: BrowserContext, timeoutMs = 10_000): Promise<Worker> {
  const worker =
    context.serviceWorkers().find(isExtensionWorker) ??
    (await context
      .waitForEvent('serviceworker', { predicate: isExtensionWorker, timeout: timeoutMs })
      .catch((error: Error) => {
        throw new Error(`no extension service worker within ${timeoutMs} ms (is it an MV3 build?): ${error.message}`);
      }));
  await withWorkerState(context, async (cdp, state) => {
    await waitForState(state, (s) => s.runningStatus !== 'stopping', timeoutMs, 'a settled service worker');
    if (state()?.runningStatus === 'stopped') {
      // Non-special schemes have an opaque URL origin in Node, so build the scope by hand.
      await cdp.send('ServiceWorker.startWorker', { scopeURL: `chrome-extension://${extensionIdOf(worker)}/` });
    }
    await waitForState(state, isReady, timeoutMs, 'the service worker to run');
  });
  return worker;
}

/** Whether the extension's worker is running now (false while stopped, starting or stopping). */
export async function isServiceWorkerRunning(context: BrowserContext, timeoutMs = 5_000): Promise<boolean> {
  return withWorkerState(context, async (_cdp, state) => {
    await waitForState(state, () => true, timeoutMs, 'the service worker state');
    return state()?.runningStatus === 'running';
  });
}

/**
 * Stops the extension's service worker as Chromium does when it idles, and returns once it has
 * stopped. Stops every service worker of the profile (ServiceWorker.stopAllWorkers).
 */
export async function stopServiceWorker(context: BrowserContext, timeoutMs = 5_000): Promise<void> {
  await withWorkerState(context, async (cdp, state) => {
    // A worker stopped before it is activated is started again by Chromium to finish installing
    // (seen in headed runs, where the worker is still "new" when Playwright first reports it).
    await waitForState(state, (s) => s.status === 'activated', timeoutMs, 'the service worker to activate');
    await cdp.send('ServiceWorker.stopAllWorkers');
    await waitForState(state, (s) => s.runningStatus === 'stopped', timeoutMs, 'the service worker to stop');
  });
}

/** CDP ServiceWorkerVersion: runningStatus stopped|starting|running|stopping, status new…activated|redundant. */
interface WorkerState {
  runningStatus: string;
  status: string;
}
type StateProbe = () => WorkerState | undefined;

const isReady = (s: WorkerState) => s.runningStatus === 'running' && s.status === 'activated';

/**
 * Runs `use` with a CDP session that follows the extension worker's state. Playwright cannot
 * tell: it never reports a stopped extension worker as closed (the DevTools target is reused on
 * restart), and `evaluate` on a stopped worker just waits for it to start again.
 */
async function withWorkerState<T>(
  context: BrowserContext,
  use: (cdp: CDPSession, state: StateProbe) => Promise<T>,
): Promise<T> {
  return withCdp(context, async (cdp) => {
    let latest: WorkerState | undefined;
    cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
      for (const { scriptURL, runningStatus, status } of versions) {
        if (scriptURL.startsWith('chrome-extension://') && status !== 'redundant') latest = { runningStatus, status };
      }
    });
    // Enabling reports the current versions as events; stopAllWorkers and startWorker need it too.
    await cdp.send('ServiceWorker.enable');
    return use(cdp, () => latest);
  });
}

async function waitForState(
  state: StateProbe,
  done: (s: WorkerState) => boolean,
  timeoutMs: number,
  what: string,
): Promise<void> {
  await waitUntil(
    async () => {
      const current = state();
      return current !== undefined && done(current);
    },
    timeoutMs,
    () => `${what} (last state: ${JSON.stringify(state() ?? 'none reported')})`,
  );
}

/**
 * Runs `use` with a CDP session on some page of the context. The ServiceWorker domain exists on
 * page sessions only (a browser session from `context.browser()` lacks it), and a page session
 * sees every service worker of the profile.
 */
async function withCdp<T>(context: BrowserContext, use: (cdp: CDPSession) => Promise<T>): Promise<T> {
  const page = context.pages()[0] ?? (await context.newPage());
  const cdp = await context.newCDPSession(page);
  try {
    return await use(cdp);
  } finally {
    // The page may have closed meanwhile, taking the session with it.
    await cdp.detach().catch(() => undefined);
  }
}

// ---------------------------------------------------------------------------------------------
// Fixtures

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};

const contentTypeOf = (file: string) => CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';

export interface FixtureServer {
  /** e.g. http://127.0.0.1:41234 (no trailing slash). */
  origin: string;
  close(): Promise<void>;
}

/** Serves the files under `rootDir` (GET/HEAD, `index.html` for folders) on 127.0.0.1. */
export async function serveFixtures(rootDir: string): Promise<FixtureServer> {
  const root = await realpath(resolve(rootDir));
  const server = createServer((request, response) => {
    serveFixture(root, request, response).catch(() => {
      if (!response.headersSent) response.writeHead(500);
      response.end();
    });
  });
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((closed) => {
        server.close(() => closed());
        server.closeAllConnections(); // Chromium keeps connections alive; close() would wait for them
      }),
  };
}

async function serveFixture(root: string, request: IncomingMessage, response: ServerResponse): Promise<void> {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    response.writeHead(405, { allow: 'GET, HEAD' }).end();
    return;
  }
  const file = await fixturePath(root, request.url ?? '/');
  if (!file) {
    response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found');
    return;
  }
  const body = await readFile(file);
  response.writeHead(200, {
    'content-type': contentTypeOf(file),
    'content-length': body.length,
    'cache-control': 'no-store',
  });
  response.end(request.method === 'HEAD' ? undefined : body);
}

/** The real file for a request path, or null when it is missing or resolves outside `root`. */
async function fixturePath(root: string, requestUrl: string): Promise<string | null> {
  try {
    const pathname = decodeURIComponent(new URL(requestUrl, 'http://fixture').pathname);
    if (pathname.includes('\0')) return null;
    // resolve() collapses `..`, decoded %2f ones too; realpath() follows symlinks; then check.
    let file = await realpath(resolve(root, `.${pathname}`));
    if ((await stat(file)).isDirectory()) file = await realpath(join(file, 'index.html'));
    const inside = file === root || file.startsWith(root + sep);
    return inside && (await stat(file)).isFile() ? file : null;
  } catch {
    return null; // malformed escapes, missing files
  }
}

/**
 * Answers documents whose URL matches `urlPattern` (e.g. `https://live.douyin.com/**`) with a
 * fixture, and every other matching request with 404, so nothing leaves the machine.
 * `htmlOrFile` is markup when it contains `<`, otherwise the path of a fixture file.
 */
export async function routeToFixture(
  context: BrowserContext,
  urlPattern: string | RegExp,
  htmlOrFile: string,
): Promise<void> {
  const isMarkup = htmlOrFile.includes('<');
  const body = isMarkup ? htmlOrFile : await readFile(htmlOrFile);
  const contentType = isMarkup ? CONTENT_TYPES['.html'] : contentTypeOf(htmlOrFile);
  await context.route(urlPattern, (route) =>
    route.request().resourceType() === 'document'
      ? route.fulfill({ status: 200, body, contentType })
      : route.fulfill({ status: 404, body: '' }),
  );
}

// ---------------------------------------------------------------------------------------------
// Closed shadow roots, read through CDP

/** A serialisable view of a shadow tree; style, script, template, noscript and comments are left out. */
export interface ShadowTreeNode {
  /** Lower-case tag name, `#text`, or `#shadow-root` (whose `attributes.mode` is open/closed). */
  nodeName: string;
  attributes: Record<string, string>;
  /** Text of this node and its descendants, whitespace collapsed, text nodes joined by a space. */
  text: string;
  children: ShadowTreeNode[];
}

/** Subset of CDP's DOM.Node that the readers use. */
interface CdpNode {
  nodeId: number;
  nodeType: number;
  nodeName: string;
  localName?: string;
  nodeValue: string;
  attributes?: string[];
  children?: CdpNode[];
  shadowRoots?: CdpNode[];
  shadowRootType?: string;
  contentDocument?: CdpNode;
}

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;
const DOCUMENT_FRAGMENT_NODE = 11;
export const INVISIBLE = new Set(['style', 'script', 'template', 'noscript']);

export const collapse = (text: string) => text.replace(/\s+/g, ' ').trim();

/**
 * The author shadow root (open or closed) of the first element matching `hostSelector`, as a
 * tree; null when there is no such element or it has no shadow root yet.
 */
export async function readClosedShadowTree(page: Page, hostSelector: string): Promise<ShadowTreeNode | null> {
  const cdp = await page.context().newCDPSession(page);
  try {
    return await shadowTreeVia(cdp, hostSelector);
  } finally {
    await cdp.detach().catch(() => undefined);
  }
}

/** The text inside the host's shadow root; null when the host or its root is absent. */
export async function readClosedShadowText(page: Page, hostSelector: string): Promise<string | null> {
  return (await readClosedShadowTree(page, hostSelector))?.text ?? null;
}

/**
 * Polls the host's shadow text every 50 ms until it contains `expected` (a string), matches it
 * (a RegExp) or satisfies it (a predicate); returns that text.
 */
export async function waitForShadowText(
  page: Page,
  hostSelector: string,
  expected: string | RegExp | ((text: string) => boolean),
  timeoutMs = 5_000,
): Promise<string> {
  const matches =
    typeof expected === 'string'
      ? (text: string) => text.includes(expected)
      : expected instanceof RegExp
        ? (text: string) => text.search(expected) !== -1 // unlike test(), ignores lastIndex of /g
        : expected;
  const cdp = await page.context().newCDPSession(page);
  let last: string | null = null;
  let lastError: unknown;
  try {
    await waitUntil(
      async () => {
        try {
          last = (await shadowTreeVia(cdp, hostSelector))?.text ?? null;
        } catch (error) {
          lastError = error; // a navigation can invalidate node ids between two CDP calls
          return false;
        }
        return last !== null && matches(last);
      },
      timeoutMs,
      () =>
        `shadow text of ${hostSelector} to match ${String(expected)}; last seen ${JSON.stringify(last)}` +
        (lastError ? `; last CDP error: ${String(lastError)}` : ''),
    );
    return last ?? '';
  } finally {
    await cdp.detach().catch(() => undefined);
  }
}

/** Every node of `tree` (itself included) that satisfies `predicate`, in document order. */
export function findShadowNodes(tree: ShadowTreeNode, predicate: (node: ShadowTreeNode) => boolean): ShadowTreeNode[] {
  const own = predicate(tree) ? [tree] : [];
  return own.concat(tree.children.flatMap((child) => findShadowNodes(child, predicate)));
}

async function shadowTreeVia(cdp: CDPSession, hostSelector: string): Promise<ShadowTreeNode | null> {
  // pierce: include shadow roots, closed ones too, in the returned tree.
  const { root } = await cdp.send('DOM.getDocument', { depth: -1, pierce: true });
  const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector: hostSelector });
  const host = nodeId ? findNode(root, nodeId) : undefined;
  const shadowRoot = host?.shadowRoots?.find((r) => r.shadowRootType !== 'user-agent');
  return shadowRoot ? toShadowTree(shadowRoot) : null;
}

function findNode(node: CdpNode, nodeId: number): CdpNode | undefined {
  if (node.nodeId === nodeId) return node;
  const inner = node.contentDocument ? [node.contentDocument] : [];
  const next = [...(node.shadowRoots ?? []), ...(node.children ?? []), ...inner];
  for (const child of next) {
    const found = findNode(child, nodeId);
    if (found) return found;
  }
  return undefined;
}

function toShadowTree(node: CdpNode): ShadowTreeNode | null {
  if (node.nodeType === TEXT_NODE) {
    const text = collapse(node.nodeValue);
    return text ? { nodeName: '#text', attributes: {}, text, children: [] } : null;
  }
  const isShadowRoot = node.nodeType === DOCUMENT_FRAGMENT_NODE && node.shadowRootType !== undefined;
  const name = isShadowRoot ? '#shadow-root' : (node.localName ?? node.nodeName.toLowerCase());
  if ((node.nodeType !== ELEMENT_NODE && !isShadowRoot) || INVISIBLE.has(name)) return null;
  const nested = (node.shadowRoots ?? []).filter((r) => r.shadowRootType !== 'user-agent');
  const children = [...nested, ...(node.children ?? [])]
    .map(toShadowTree)
    .filter((child): child is ShadowTreeNode => child !== null);
  return {
    nodeName: name,
    attributes: isShadowRoot ? { mode: node.shadowRootType ?? '' } : attributeMap(node.attributes ?? []),
    text: collapse(children.map((child) => child.text).join(' ')),
    children,
  };
}

/** CDP lists attributes flat: [name0, value0, name1, value1, …]. */
function attributeMap(flat: string[]): Record<string, string> {
  const map: Record<string, string> = {};
  for (let i = 0; i + 1 < flat.length; i += 2) map[flat[i]!] = flat[i + 1]!;
  return map;
}

// ---------------------------------------------------------------------------------------------
// The overlay as a keyboard and screen-reader user meets it

interface AXNode {
  role?: { value?: string };
  name?: { value?: string };
  properties?: { name: string; value: { value: unknown } }[];
}

/** The accessible name of the focused node: the page cannot see into the closed root, a screen reader can. */
export async function focusedName(page: Page): Promise<string | undefined> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { nodes } = (await cdp.send('Accessibility.getFullAXTree')) as { nodes: AXNode[] };
    // The document itself is always reported focused too: the innermost focused node is the one.
    const focused = nodes.filter((n) => n.role?.value !== 'RootWebArea' && n.properties?.some((p) => p.name === 'focused' && p.value.value === true));
    return focused.at(-1)?.name?.value;
  } finally {
    await cdp.detach();
  }
}

/** Tabs through the page, as a keyboard user does, until the overlay button named `label` has focus; then Enter. */
export async function pressOverlayButton(page: Page, label: string): Promise<void> {
  for (let i = 0; i < 30; i++) {
    await page.keyboard.press('Tab');
    if ((await focusedName(page)) === label) {
      await page.keyboard.press('Enter');
      return;
    }
  }
  throw new Error(`no focusable overlay button named ${label}`);
}

// ---------------------------------------------------------------------------------------------

/** Saves a screenshot of the viewport, creating the folder first. */
export async function screenshot(page: Page, path: string): Promise<Buffer> {
  await mkdir(dirname(path), { recursive: true });
  return page.screenshot({ path });
}
