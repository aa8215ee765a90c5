/**
 * The extension refuses a bad snapshot and keeps what it had: a newer but tampered bundled
 * snapshot arrives with an extension update (reload), and a fresh install with a tampered one.
 */
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startDemoServer, type DemoServer } from '../../demo/server';
import { base64ToBytes } from '../../lib/encoding/base64';
import { loadSigners } from '../../scripts/registry/keyfiles';
import { signedEnvelopeText } from '../../scripts/registry/snapshot-files';
import { findShadowNodes, launchChromium, readClosedShadowTree, waitForShadowText, type LaunchedChromium } from './harness';

const BUILD = resolve('.output/chrome-mv3');
const BUNDLED = 'registry/default.dsse.json';
const DEMO_KEY = resolve('.keys/demo.key.json');

let demo: DemoServer;
let extensionDir: string;
let browser: LaunchedChromium | undefined;
let profileDir: string;

beforeAll(async () => {
  demo = await startDemoServer();
});
afterAll(() => demo.close());
afterEach(async () => {
  await browser?.close();
  browser = undefined;
  await rm(extensionDir, { recursive: true, force: true });
  await rm(profileDir, { recursive: true, force: true });
});

async function copyBuild(): Promise<string> {
  extensionDir = await mkdtemp(join(tmpdir(), 'liveseal-ext-'));
  profileDir = await mkdtemp(join(tmpdir(), 'liveseal-profile-'));
  await cp(BUILD, extensionDir, { recursive: true });
  return extensionDir;
}

/** The bundled payload with a higher version and no companies, signed with the demo key. */
async function newerSnapshot(): Promise<string> {
  const envelope = JSON.parse(await readFile(join(BUILD, BUNDLED), 'utf8')) as { payload: string };
  const payload = JSON.parse(new TextDecoder().decode(base64ToBytes(envelope.payload)!)) as { version: number; companies: unknown[] };
  return signedEnvelopeText({ ...payload, version: payload.version + 1, companies: [] }, await loadSigners([DEMO_KEY]));
}

function flipOneByte(envelopeText: string): string {
  const { payload } = JSON.parse(envelopeText) as { payload: string };
  const at = envelopeText.indexOf(payload) + Math.floor(payload.length / 2);
  const replacement = envelopeText[at] === 'A' ? 'B' : 'A';
  return envelopeText.slice(0, at) + replacement + envelopeText.slice(at + 1);
}

async function statusIn(page: Page, slug: string): Promise<string | undefined> {
  await page.goto(demo.roomUrl(slug));
  await waitForShadowText(page, 'liveseal-overlay', (t) => t.length > 0, 10_000);
  const tree = await readClosedShadowTree(page, 'liveseal-overlay');
  return tree ? findShadowNodes(tree, (n) => 'data-status' in n.attributes)[0]?.attributes['data-status'] : undefined;
}

async function popupText(page: Page): Promise<string> {
  await page.goto(`chrome-extension://${browser!.extensionId}/popup.html`);
  await page.locator('.registry').waitFor();
  return page.locator('body').innerText();
}

/**
 * An extension update as the browser sees one: the files change, the manifest version goes up,
 * and the browser starts again on the same profile (onInstalled fires with reason "update").
 */
async function updateExtension(bundled: string): Promise<Page> {
  await writeFile(join(extensionDir, BUNDLED), bundled);
  const manifestFile = join(extensionDir, 'manifest.json');
  const manifest = JSON.parse(await readFile(manifestFile, 'utf8')) as { version: string };
  await writeFile(manifestFile, JSON.stringify({ ...manifest, version: `${manifest.version}.1` }));
  await browser!.close();
  browser = await launchChromium(extensionDir, { profileDir });
  return browser.context.newPage();
}

describe('registry updates through the bundled snapshot', () => {
  it('refuses a newer snapshot with one flipped byte, records why, and keeps answering as before', async () => {
    browser = await launchChromium(await copyBuild(), { profileDir });
    let page = await browser.context.newPage();
    expect(await statusIn(page, 'certified-excellent')).toBe('certified');
    const versionBefore = /Version (\d+)/.exec(await popupText(page))?.[1];
    expect(versionBefore).toBeDefined();

    page = await updateExtension(flipOneByte(await newerSnapshot()));

    expect(await statusIn(page, 'certified-excellent')).toBe('certified');
    const popup = await popupText(page);
    expect(popup).toContain(`Version ${versionBefore}`);
    expect(popup).toMatch(/Last refused update \(bundled, .*\): (signature by key|payload is not canonical)/);
  });

  it('installs the same newer snapshot when it is intact (so the refusal above was the byte)', async () => {
    browser = await launchChromium(await copyBuild(), { profileDir });
    let page = await browser.context.newPage();
    expect(await statusIn(page, 'certified-excellent')).toBe('certified');
    page = await updateExtension(await newerSnapshot());
    expect(await statusIn(page, 'certified-excellent')).toBe('not-listed');
  });

  it('on a fresh install with a tampered snapshot, stores nothing and says so', async () => {
    const dir = await copyBuild();
    await writeFile(join(dir, BUNDLED), flipOneByte(await readFile(join(BUILD, BUNDLED), 'utf8')));
    browser = await launchChromium(dir);
    const page = await browser.context.newPage();
    expect(await statusIn(page, 'certified-excellent')).toBe('no-registry');
    const popup = await popupText(page);
    expect(popup).toContain('No verified registry is stored.');
    expect(popup).toContain('Last refused update (bundled');
  });
});
