/**
 * A second registry (say, a platform's own blacklist) added in the options page, with its own
 * key: its warning wins over the built-in registry's mark, and removing it restores the mark.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoServer, type DemoServer } from '../../demo/server';
import { SNAPSHOT_SCHEMA_ID, type SnapshotInput } from '../../lib/registry/schema';
import { keygenCommand } from '../../scripts/registry/commands';
import { loadSigners } from '../../scripts/registry/keyfiles';
import { serveRegistry, type RegistryServer } from '../../scripts/registry/serve';
import { signedEnvelopeText } from '../../scripts/registry/snapshot-files';
import { findShadowNodes, launchChromium, readClosedShadowTree, type LaunchedChromium } from './harness';

const OVERLAY = 'liveseal-overlay';
let browser: LaunchedChromium;
let demo: DemoServer;
let platformRegistry: RegistryServer;
let dir: string;

const now = Date.now();
const platformSnapshot: SnapshotInput = {
  schema: SNAPSHOT_SCHEMA_ID,
  registry: {
    id: 'platform-demo',
    name: { zh: '演示平台黑名单', en: 'Demo platform blacklist' },
    operator: 'Demo platform (fictional)',
    homepage: 'https://platform.example/',
    demo: true,
  },
  version: 1,
  issuedAt: new Date(now - 60_000).toISOString(),
  expiresAt: new Date(now + 30 * 86_400_000).toISOString(),
  gradeScale: [{ id: 'none', label: { zh: '无', en: 'None' }, colour: '#475467' }],
  blacklist: [
    {
      id: 'pb-1',
      kind: 'merchant',
      names: ['星河优选官方旗舰店 (演示)'],
      accounts: [{ platform: 'demo', accountId: 'shop-excellent' }],
      reasons: [{ zh: '平台抽检发现假货 (演示)', en: 'Platform spot check found fakes (demo)' }],
      measures: ['remove-content'],
      listedOn: new Date(now - 86_400_000).toISOString().slice(0, 10),
      authority: 'Demo platform trust & safety',
    },
  ],
};

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'liveseal-platform-'));
  const io = { out: () => undefined, err: () => undefined };
  await keygenCommand({ out: join(dir, 'platform') }, io);
  await writeFile(join(dir, 'snapshot.dsse.json'), await signedEnvelopeText(platformSnapshot, await loadSigners([join(dir, 'platform.key.json')])));
  platformRegistry = await serveRegistry(dir);
  demo = await startDemoServer();
  browser = await launchChromium(resolve('.output/chrome-mv3'));
});
afterAll(async () => {
  await browser?.close();
  await demo?.close();
  await platformRegistry?.close();
  await rm(dir, { recursive: true, force: true });
});

async function overlayStatus(page: Page): Promise<string | undefined> {
  const tree = await readClosedShadowTree(page, OVERLAY).catch(() => null);
  return tree ? findShadowNodes(tree, (n) => 'data-status' in n.attributes)[0]?.attributes['data-status'] : undefined;
}
const waitForStatus = (page: Page, status: string) =>
  expect.poll(() => overlayStatus(page), { timeout: 10_000, interval: 50 }).toBe(status);

describe('several registries', () => {
  it('shows the strictest verdict of all registries, and forgets a removed one', async () => {
    const room = await browser.context.newPage();
    await room.goto(demo.roomUrl('certified-excellent'));
    await waitForStatus(room, 'certified');

    const options = await browser.context.newPage();
    await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
    await options.locator('#others-heading').waitFor();
    await options.getByLabel('Short name (letters, digits, -)').fill('platform');
    await options.locator('#other-url').fill(`${platformRegistry.origin}/snapshot.dsse.json`);
    await options.getByLabel(/Its public key/).fill(await readFile(join(dir, 'platform.pub.json'), 'utf8'));
    await options.getByRole('button', { name: 'Add registry' }).click();
    await options.locator('li[data-registry="platform"]').waitFor();

    await options.getByRole('button', { name: 'Check now' }).click();
    await expect.poll(() => options.locator('li[data-registry="platform"]').innerText(), { timeout: 15_000 }).toContain('v1');

    await waitForStatus(room, 'blacklisted');
    const text = (await readClosedShadowTree(room, OVERLAY))!.text;
    expect(text).toContain('Demo platform trust & safety');

    await options.getByRole('button', { name: 'Remove platform' }).click();
    await expect.poll(() => options.locator('li[data-registry="platform"]').count()).toBe(0);
    // Its data goes with it.
    await expect
      .poll(() => browser.serviceWorker.evaluate(async () => (await indexedDB.databases()).map((d) => d.name)))
      .not.toContain('liveseal-registry-platform');
    await room.reload();
    await waitForStatus(room, 'certified');
    await options.close();
    await room.close();
  });

  it('refuses a second registry’s snapshot signed by a key other than the one the viewer gave', async () => {
    const options = await browser.context.newPage();
    await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
    await options.locator('#others-heading').waitFor();
    await options.getByLabel('Short name (letters, digits, -)').fill('wrongkey');
    await options.locator('#other-url').fill(`${platformRegistry.origin}/snapshot.dsse.json`);
    // The demo registry's key, not the platform's.
    await options.getByLabel(/Its public key/).fill(await readFile(resolve('.keys/demo.pub.json'), 'utf8'));
    await options.getByRole('button', { name: 'Add registry' }).click();
    await options.locator('li[data-registry="wrongkey"]').waitFor();
    await options.getByRole('button', { name: 'Check now' }).click();
    await expect.poll(() => options.locator('li[data-registry="wrongkey"]').innerText(), { timeout: 15_000 }).toContain('not downloaded yet');
    const room = await browser.context.newPage();
    await room.goto(demo.roomUrl('certified-excellent'));
    await waitForStatus(room, 'certified');
    await options.close();
    await room.close();
  });
});
