/**
 * Registry updates in real Chromium against a registry server on 127.0.0.1 (the publisher's
 * own `serve`): a full snapshot and then a delta are picked up from "Check now" and change the
 * verdict on a page that is already open; a rollback and a server fault are refused with the
 * stored registry left as it was.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoServer, type DemoServer } from '../../demo/server';
import { base64ToBytes } from '../../lib/encoding/base64';
import { DELTA_PAYLOAD_TYPE, diffSnapshots } from '../../lib/registry/delta';
import { buildPackFile } from '../../lib/registry/pack-file';
import { Snapshot } from '../../lib/registry/schema';
import { keygenCommand } from '../../scripts/registry/commands';
import { loadSigners } from '../../scripts/registry/keyfiles';
import { keysetCommand } from '../../scripts/registry/update-commands';
import { serveRegistry, type RegistryServer } from '../../scripts/registry/serve';
import { signedEnvelopeText } from '../../scripts/registry/snapshot-files';
import { findShadowNodes, launchChromium, readClosedShadowTree, type LaunchedChromium } from './harness';

const BUNDLED = resolve('.output/chrome-mv3/registry/default.dsse.json');
const DEMO_KEY = resolve('.keys/demo.key.json');
const OVERLAY = 'liveseal-overlay';

let browser: LaunchedChromium;
let demo: DemoServer;
let registry: RegistryServer;
let publishDir: string;
let failNext = 0;
let bundled: Snapshot;

/** The bundled snapshot with a new version, and the Galaxy company's certificate in `status`. */
function withGalaxyStatus(version: number, status: 'valid' | 'suspended' | 'withdrawn'): Snapshot {
  const next = structuredClone(bundled);
  next.version = version;
  const galaxy = next.companies.find((c) => c.accounts.some((a) => a.accountId === 'shop-excellent'))!;
  for (const cert of galaxy.certificates) {
    cert.status = status;
    if (status !== 'valid') cert.statusSince = cert.issuedOn;
  }
  return next;
}

async function publish(path: string, payload: unknown, payloadType?: string): Promise<void> {
  const file = join(publishDir, path);
  await mkdir(join(file, '..'), { recursive: true });
  await writeFile(file, await signedEnvelopeText(payload, await loadSigners([DEMO_KEY]), payloadType));
}

beforeAll(async () => {
  const envelope = JSON.parse(await readFile(BUNDLED, 'utf8')) as { payload: string };
  bundled = Snapshot.parse(JSON.parse(new TextDecoder().decode(base64ToBytes(envelope.payload)!)));
  publishDir = await mkdtemp(join(tmpdir(), 'liveseal-publish-'));
  registry = await serveRegistry(publishDir, {
    intercept(_req, res) {
      if (failNext <= 0) return false;
      failNext--;
      res.writeHead(500).end('registry down');
      return true;
    },
  });
  demo = await startDemoServer();
  browser = await launchChromium(resolve('.output/chrome-mv3'));
});
afterAll(async () => {
  await browser?.close();
  await demo?.close();
  await registry?.close();
  await rm(publishDir, { recursive: true, force: true });
});

async function overlayStatus(page: Page): Promise<string | undefined> {
  const tree = await readClosedShadowTree(page, OVERLAY).catch(() => null);
  return tree ? findShadowNodes(tree, (n) => 'data-status' in n.attributes)[0]?.attributes['data-status'] : undefined;
}
const waitForStatus = (page: Page, status: string) =>
  expect.poll(() => overlayStatus(page), { timeout: 10_000, interval: 50 }).toBe(status);

async function optionsPage(): Promise<Page> {
  const page = await browser.context.newPage();
  await page.goto(`chrome-extension://${browser.extensionId}/options.html`);
  await page.locator('#updates-heading').waitFor();
  return page;
}

/** Clicks "Check now" and returns the newest line of the update log. */
async function checkNow(options: Page): Promise<{ status: string | null; code: string | null; text: string }> {
  const before = await options.locator('.update-log li').count();
  await options.getByRole('button', { name: 'Check now' }).click();
  await expect.poll(() => options.locator('.update-log li').count(), { timeout: 15_000 }).toBeGreaterThan(before);
  const newest = options.locator('.update-log li').first();
  return { status: await newest.getAttribute('data-status'), code: await newest.getAttribute('data-code'), text: await newest.innerText() };
}

describe('registry updates from a registry server', () => {
  it('installs a full snapshot, then a delta, each changing the verdict on the open page', async () => {
    const room = await browser.context.newPage();
    await room.goto(demo.roomUrl('certified-excellent'));
    await waitForStatus(room, 'certified');

    const v1 = withGalaxyStatus(bundled.version + 1, 'suspended');
    await publish('snapshot.dsse.json', v1);
    const options = await optionsPage();
    await options.getByLabel('Snapshot URL', { exact: true }).fill(`${registry.origin}/snapshot.dsse.json`);
    await options.getByLabel('Delta URL (optional, with {base})').fill(`${registry.origin}/deltas/{base}.dsse.json`);
    await options.getByRole('button', { name: 'Save' }).click();
    await options.getByText('Saved.').waitFor();

    expect(await checkNow(options)).toMatchObject({ status: 'installed', text: expect.stringContaining(`version ${v1.version} (full)`) });
    await waitForStatus(room, 'suspended');

    const v2 = withGalaxyStatus(bundled.version + 2, 'withdrawn');
    await publish(`deltas/${v1.version}.dsse.json`, await diffSnapshots(v1, v2), DELTA_PAYLOAD_TYPE);
    await publish('snapshot.dsse.json', v2);
    expect(await checkNow(options)).toMatchObject({ status: 'installed', text: expect.stringContaining(`version ${v2.version} (delta)`) });
    await waitForStatus(room, 'withdrawn');

    // Nothing newer: the server answers the stored ETag with 304.
    expect((await checkNow(options)).status).toBe('up-to-date');
    await options.close();
    await room.close();
  });

  it('refuses a rollback and survives a server fault, keeping the stored registry', async () => {
    const room = await browser.context.newPage();
    await room.goto(demo.roomUrl('certified-excellent'));
    await waitForStatus(room, 'withdrawn');
    const options = await optionsPage();

    await rm(join(publishDir, 'deltas'), { recursive: true, force: true });
    await publish('snapshot.dsse.json', withGalaxyStatus(bundled.version + 1, 'valid'));
    expect(await checkNow(options)).toMatchObject({ status: 'refused', code: 'rollback' });

    failNext = 10;
    expect(await checkNow(options)).toMatchObject({ status: 'refused', code: 'http-status' });
    failNext = 0;

    await room.reload();
    await waitForStatus(room, 'withdrawn');
    await options.close();
    await room.close();
  });

  it('installs a pack (national-scale format) served at the snapshot URL, then a JSON delta onto it', async () => {
    const room = await browser.context.newPage();
    await room.goto(demo.roomUrl('certified-excellent'));
    await waitForStatus(room, 'withdrawn');
    const v3 = withGalaxyStatus(bundled.version + 3, 'valid');
    await writeFile(join(publishDir, 'snapshot.pack'), await buildPackFile(v3, await loadSigners([DEMO_KEY])));
    const options = await optionsPage();
    await options.getByLabel('Snapshot URL', { exact: true }).fill(`${registry.origin}/snapshot.pack`);
    await options.getByRole('button', { name: 'Save' }).click();
    await options.getByText('Saved.').waitFor();
    expect(await checkNow(options)).toMatchObject({ status: 'installed', text: expect.stringContaining(`version ${v3.version} (full)`) });
    await waitForStatus(room, 'certified');

    const v4 = withGalaxyStatus(bundled.version + 4, 'withdrawn');
    await publish(`deltas/${v3.version}.dsse.json`, await diffSnapshots(v3, v4), DELTA_PAYLOAD_TYPE);
    expect(await checkNow(options)).toMatchObject({ status: 'installed', text: expect.stringContaining(`version ${v4.version} (delta)`) });
    await waitForStatus(room, 'withdrawn');
    await options.close();
    // Back to the JSON snapshot URL for the tests below (a fresh page: no "Saved." yet).
    const reset = await optionsPage();
    await reset.getByLabel('Snapshot URL', { exact: true }).fill(`${registry.origin}/snapshot.dsse.json`);
    await reset.getByRole('button', { name: 'Save' }).click();
    await reset.getByText('Saved.').waitFor();
    await reset.close();
    await room.close();
  });
});

describe('key rotation and freeze', () => {
  let keyDir: string;
  beforeAll(async () => {
    keyDir = await mkdtemp(join(tmpdir(), 'liveseal-keys-'));
    await keygenCommand({ out: join(keyDir, 'new') }, { out: () => undefined, err: () => undefined });
  });
  afterAll(() => rm(keyDir, { recursive: true, force: true }));
  const newKey = () => loadSigners([join(keyDir, 'new.key.json')]);

  it('follows a key set signed by the old root to a new key, then refuses the old key', async () => {
    await keysetCommand(
      {
        keys: [join(keyDir, 'new.pub.json')],
        threshold: 1,
        root: [join(keyDir, 'new.pub.json')],
        rootThreshold: 1,
        version: 2,
        signRoot: [DEMO_KEY, join(keyDir, 'new.key.json')],
        out: join(publishDir, 'keysets', '2.dsse.json'),
      },
      { out: () => undefined, err: () => undefined },
    );
    const room = await browser.context.newPage();
    await room.goto(demo.roomUrl('certified-excellent'));
    await waitForStatus(room, 'withdrawn');
    const options = await optionsPage();
    await options.getByLabel('Key set URL (optional, with {version})').fill(`${registry.origin}/keysets/{version}.dsse.json`);
    await options.getByRole('button', { name: 'Save' }).click();
    await options.getByText('Saved.').waitFor();

    // Signed by the new key only: accepted, because the key set moved trust to it.
    await writeFile(join(publishDir, 'snapshot.dsse.json'), await signedEnvelopeText(withGalaxyStatus(bundled.version + 10, 'valid'), await newKey()));
    expect(await checkNow(options)).toMatchObject({ status: 'installed' });
    await waitForStatus(room, 'certified');

    // The demo key is no longer trusted for snapshots, however new the version.
    await publish('snapshot.dsse.json', withGalaxyStatus(bundled.version + 11, 'suspended'));
    expect(await checkNow(options)).toMatchObject({ status: 'refused', code: 'untrusted-key' });
    await room.reload();
    await waitForStatus(room, 'certified');
    await options.close();
    await room.close();
  });

  it('shows a valid mark as unconfirmed once the stored data has expired (freeze)', async () => {
    const shortLived = withGalaxyStatus(bundled.version + 12, 'valid');
    const expiresAt = Date.now() + 4_000;
    shortLived.expiresAt = new Date(expiresAt).toISOString();
    await writeFile(join(publishDir, 'snapshot.dsse.json'), await signedEnvelopeText(shortLived, await newKey()));
    const options = await optionsPage();
    expect(await checkNow(options)).toMatchObject({ status: 'installed' });
    const room = await browser.context.newPage();
    await room.goto(demo.roomUrl('certified-excellent'));
    await waitForStatus(room, 'certified');

    await new Promise((done) => setTimeout(done, Math.max(0, expiresAt - Date.now()) + 200));
    await room.reload();
    await waitForStatus(room, 'unconfirmed');
    // Warnings are not frozen away: a suspended certificate on stale data still warns.
    await room.goto(demo.roomUrl('suspended'));
    await waitForStatus(room, 'suspended');
    await options.close();
    await room.close();
  });
});
