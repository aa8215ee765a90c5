/**
 * Real-browser helpers for the Firefox e2e tests: Debian's firefox-esr driven by puppeteer-core
 * over WebDriver BiDi, with the MV2 build installed as a temporary add-on (/work/shared/TESTING.md).
 * The closed overlay root is read the way harness.ts reads it through CDP in Chromium: from the
 * outside, here with BiDi's own serialisation of shadow trees (`includeShadowTree: 'all'`), which
 * the shipped build cannot tell apart from any other page script's view of the host.
 */
import { mkdir } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { collapse, findShadowNodes, INVISIBLE, waitUntil, type ShadowTreeNode } from './harness';

const FIREFOX = '/usr/bin/firefox-esr';
/** browser_specific_settings.gecko.id of the Firefox build (wxt.config.ts). */
const GECKO_ID = 'liveseal@liveseal.app';
/** Pinned through a pref so extension pages have a known moz-extension:// origin. */
const EXTENSION_UUID = '6f1c7d2e-3b4a-4c5d-8e9f-0a1b2c3d4e5f';

export interface LaunchedFirefox {
  browser: Browser;
  /** moz-extension://<uuid> (no trailing slash). */
  origin: string;
  /** Opens an extension page (e.g. `/options.html`) in a new tab, once it has loaded. */
  openExtensionPage(path: string): Promise<Page>;
  /** Runs `action` and returns the tab it made the extension open at `origin + path`, loaded. */
  extensionTabOpenedBy(path: string, action: () => Promise<void>, timeoutMs?: number): Promise<Page>;
  close(): Promise<void>;
}

/** Launches Debian's firefox-esr (headless, throwaway profile) with the add-on in `extensionDir`. */
export async function launchFirefox(extensionDir: string): Promise<LaunchedFirefox> {
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    // Opening moz-extension:// pages over BiDi needs system access.
    args: ['--remote-allow-system-access'],
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: EXTENSION_UUID }),
      'intl.locale.requested': 'en-US',
    },
  });
  const origin = `moz-extension://${EXTENSION_UUID}`;
  try {
    await browser.installExtension(resolve(extensionDir));
  } catch (error) {
    await browser.close();
    throw error;
  }
  return {
    browser,
    origin,
    async openExtensionPage(path) {
      const page = await browser.newPage();
      await loadExtensionPage(page, `${origin}${path}`);
      return page;
    },
    async extensionTabOpenedBy(path, action, timeoutMs = 10_000) {
      const before = new Set(await browser.pages());
      await action();
      // Over BiDi the new tab reports about:blank while it shows a moz-extension:// page, so ask
      // each new tab's document where it is.
      const addressOf = (page: Page) => page.evaluate(() => location.href).catch(() => '');
      const opened = await pollUntil(
        async () => {
          for (const page of await browser.pages()) {
            if (!before.has(page) && (await addressOf(page)).startsWith(`${origin}${path}`)) return page;
          }
          return undefined;
        },
        (page) => page !== undefined,
        timeoutMs,
      );
      await waitForLoaded(opened!, await addressOf(opened!), timeoutMs);
      return opened!;
    },
    close: () => browser.close(),
  };
}

/**
 * Firefox never resolves `page.goto()` to a moz-extension:// page over BiDi (TESTING.md), so the
 * navigation is started without waiting and the document is watched instead.
 */
export async function loadExtensionPage(page: Page, url: string, timeoutMs = 10_000): Promise<void> {
  void page.goto(url).catch(() => undefined);
  await waitForLoaded(page, url, timeoutMs);
}

async function waitForLoaded(page: Page, url: string, timeoutMs: number): Promise<void> {
  await waitUntil(
    () =>
      page
        .evaluate((expected) => location.href === expected && document.readyState === 'complete', url)
        .catch(() => false), // the old document may go away mid-evaluation
    timeoutMs,
    () => `${url} to load`,
  );
}

/** Polls `read` until `done` holds for its value; returns that value. */
export async function pollUntil<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 10_000): Promise<T> {
  let last: T | undefined;
  await waitUntil(
    async () => {
      last = await read();
      return done(last);
    },
    timeoutMs,
    () => `a value that passes the check; last seen ${JSON.stringify(last)}`,
  );
  return last!;
}

export async function screenshot(page: Page, path: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await page.screenshot({ path: path as `${string}.png` });
}

// ---------------------------------------------------------------------------------------------
// Closed shadow roots, read through WebDriver BiDi

/** A shadow-tree node with BiDi's handle to the live DOM node, to act on it. */
export interface FirefoxShadowNode extends ShadowTreeNode {
  sharedId: string | undefined;
  children: FirefoxShadowNode[];
}

/** The part of BiDi's serialised `node` remote value the reader uses. */
interface BidiNode {
  type: 'node';
  sharedId?: string;
  value?: {
    nodeType: number;
    localName?: string;
    nodeValue?: string;
    mode?: 'open' | 'closed';
    attributes?: Record<string, string>;
    children?: BidiNode[];
    shadowRoot?: BidiNode | null;
  };
}

interface BidiConnection {
  send(method: string, params: object): Promise<{ result: Record<string, unknown> }>;
}

/** puppeteer-core's BiDi connection and the page's browsing-context id (not public API; pinned version). */
function bidiOf(page: Page): { connection: BidiConnection; context: string } {
  const connection = (page.browser() as unknown as { connection: BidiConnection }).connection;
  const context = (page.mainFrame() as unknown as { _id: string })._id;
  return { connection, context };
}

const TEXT_NODE = 3;
const ELEMENT_NODE = 1;
const DOCUMENT_FRAGMENT_NODE = 11;

/** The shadow root (open or closed) of the first element matching `hostSelector`, or null. */
export async function readShadowTree(page: Page, hostSelector: string): Promise<FirefoxShadowNode | null> {
  const { connection, context } = bidiOf(page);
  const { result } = await connection.send('script.callFunction', {
    functionDeclaration: '(selector) => document.querySelector(selector)',
    arguments: [{ type: 'string', value: hostSelector }],
    target: { context },
    awaitPromise: false,
    serializationOptions: { maxDomDepth: 64, includeShadowTree: 'all' },
  });
  if (result.type !== 'success') throw new Error(`reading ${hostSelector} failed: ${JSON.stringify(result)}`);
  const host = result.result as BidiNode | { type: 'null' };
  const root = host.type === 'node' ? host.value?.shadowRoot : null;
  return root ? toShadowTree(root) : null;
}

function toShadowTree(node: BidiNode): FirefoxShadowNode | null {
  const value = node.value;
  if (!value) return null;
  if (value.nodeType === TEXT_NODE) {
    const text = collapse(value.nodeValue ?? '');
    return text ? { nodeName: '#text', attributes: {}, text, children: [], sharedId: node.sharedId } : null;
  }
  const isShadowRoot = value.nodeType === DOCUMENT_FRAGMENT_NODE && value.mode !== undefined;
  const name = isShadowRoot ? '#shadow-root' : (value.localName ?? '');
  if ((value.nodeType !== ELEMENT_NODE && !isShadowRoot) || INVISIBLE.has(name)) return null;
  const nested = value.shadowRoot ? [value.shadowRoot] : [];
  const children = [...nested, ...(value.children ?? [])]
    .map(toShadowTree)
    .filter((child): child is FirefoxShadowNode => child !== null);
  return {
    nodeName: name,
    attributes: isShadowRoot ? { mode: value.mode ?? '' } : (value.attributes ?? {}),
    text: collapse(children.map((child) => child.text).join(' ')),
    children,
    sharedId: node.sharedId,
  };
}

/** Polls the host's shadow tree until its text satisfies `expected`; returns the tree. */
export async function waitForShadowTree(
  page: Page,
  hostSelector: string,
  expected: string | ((text: string) => boolean),
  timeoutMs = 10_000,
): Promise<FirefoxShadowNode> {
  const matches = typeof expected === 'string' ? (text: string) => text.includes(expected) : expected;
  const tree = await pollUntil(
    () => readShadowTree(page, hostSelector).catch(() => null), // a navigation can drop node handles
    (t) => t !== null && matches(t.text),
    timeoutMs,
  );
  return tree!;
}

/** Clicks the element of the closed tree whose text is `label` (a button of the overlay). */
export async function clickInShadow(page: Page, tree: FirefoxShadowNode, label: string): Promise<void> {
  const target = findShadowNodes(tree, (n) => n.nodeName === 'button' && n.text === label)[0] as FirefoxShadowNode | undefined;
  if (!target?.sharedId) throw new Error(`no button "${label}" in the shadow tree: ${tree.text}`);
  const { connection, context } = bidiOf(page);
  const { result } = await connection.send('script.callFunction', {
    functionDeclaration: '(element) => element.click()',
    arguments: [{ sharedId: target.sharedId }],
    target: { context },
    awaitPromise: false,
  });
  if (result.type !== 'success') throw new Error(`clicking "${label}" failed: ${JSON.stringify(result)}`);
}
