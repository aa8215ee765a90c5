/**
 * Reports in real Chromium, to a local receiver that fails on purpose: a report made from the
 * overlay is stored first, survives a failed attempt (500), a stopped service worker and a
 * receiver that is down, and arrives exactly once; "My reports" shows it sent and exports it.
 * A second report goes through two 500s and a timeout (the receiver stores it and never answers),
 * the worker stopped before each "Retry now", and is still stored once. Each test prints the
 * counts (faults injected, reports delivered / deduplicated / lost) for the notes.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoServer, type DemoServer } from '../../demo/server';
import { base64ToBytes } from '../../lib/encoding/base64';
import { Snapshot } from '../../lib/registry/schema';
import { loadSigners } from '../../scripts/registry/keyfiles';
import { serveRegistry, type RegistryServer } from '../../scripts/registry/serve';
import { signedEnvelopeText } from '../../scripts/registry/snapshot-files';
import { startReportReceiver, type ReportReceiver } from '../support/report-receiver';
import { launchChromium, pressOverlayButton, stopServiceWorker, waitForShadowText, type LaunchedChromium } from './harness';

const OVERLAY = 'liveseal-overlay';
let browser: LaunchedChromium;
let demo: DemoServer;
let registry: RegistryServer;
let receiver: ReportReceiver;
let publishDir: string;

beforeAll(async () => {
  receiver = await startReportReceiver();
  publishDir = await mkdtemp(join(tmpdir(), 'liveseal-publish-'));
  const envelope = JSON.parse(await readFile(resolve('.output/chrome-mv3/registry/default.dsse.json'), 'utf8')) as { payload: string };
  const bundled = Snapshot.parse(JSON.parse(new TextDecoder().decode(base64ToBytes(envelope.payload)!)));
  const withEndpoint = { ...bundled, version: bundled.version + 1, registry: { ...bundled.registry, reportEndpoint: receiver.url } };
  await writeFile(join(publishDir, 'snapshot.dsse.json'), await signedEnvelopeText(withEndpoint, await loadSigners([resolve('.keys/demo.key.json')])));
  registry = await serveRegistry(publishDir);
  demo = await startDemoServer();
  browser = await launchChromium(resolve('.output/chrome-mv3'));

  // The registry that declares the report endpoint arrives by a normal update.
  const options = await browser.context.newPage();
  await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
  await options.getByLabel('Snapshot URL', { exact: true }).fill(`${registry.origin}/snapshot.dsse.json`);
  await options.getByRole('button', { name: 'Save' }).click();
  await options.getByText('Saved.').waitFor();
  await options.getByRole('button', { name: 'Check now' }).click();
  await options.locator('.update-log li[data-status="installed"]').waitFor({ timeout: 15_000 });
  await options.close();
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await demo?.close();
  await registry?.close();
  await receiver?.close();
  await rm(publishDir, { recursive: true, force: true });
});

/** Reports made by the viewer in this file, to count the lost ones. */
let made = 0;

/** The run's counts, printed for the notes: faults injected, and reports delivered, duplicated, lost. */
function tally(step: string): void {
  const { faultsInjected, deliveries, duplicates, received, requests } = receiver;
  const counts = { made, requests, faultsInjected, deliveries, distinctDelivered: received.length, duplicatesDeduplicated: duplicates, lost: made - received.length };
  console.log(`[reports e2e] ${step}: ${JSON.stringify(counts)}`);
}

/** Opens the report form from the overlay of a demo room and fills it in. */
async function reportFrom(slug: string, description: string): Promise<Page> {
  made++;
  const room = await browser.context.newPage();
  await room.goto(demo.roomUrl(slug));
  await waitForShadowText(room, OVERLAY, 'Report a problem', 10_000);
  const opened = browser.context.waitForEvent('page');
  await pressOverlayButton(room, 'Report a problem');
  const form = await opened;
  await form.getByLabel('Reason').waitFor();
  await form.getByLabel('Reason').selectOption('counterfeit');
  await form.getByLabel(/What happened/).fill(description);
  // The viewer removes the page address before sending; the room and seller stay.
  await form.locator('input[name="context-pageUrl"]').uncheck();
  await form.getByLabel(/in good faith/).check();
  await form.getByRole('button', { name: 'Send report' }).click();
  await form.locator('.report-status').filter({ hasText: 'Report saved' }).waitFor();
  await room.close();
  return form;
}

describe('reports', () => {
  it('arrive exactly once despite a 500, a stopped worker and a receiver that is down', { timeout: 180_000 }, async () => {
    receiver.failNext(1, '500');
    const first = await reportFrom('certified-excellent', 'Shoes fell apart in one day; logo misprinted.');
    await expect.poll(() => receiver.requests, { timeout: 15_000 }).toBeGreaterThanOrEqual(1);
    expect(receiver.received).toHaveLength(0);

    await receiver.down();
    const second = await reportFrom('suspended', 'The jacket is not down-filled as the anchor claimed.');
    await stopServiceWorker(browser.context);
    await receiver.up();

    // The retry alarm (30–45 s after each failure) wakes the worker, which sends both.
    await expect.poll(() => receiver.received.length, { timeout: 150_000, interval: 1000 }).toBe(2);
    expect(receiver.duplicates).toBe(0);
    // Retries may deliver them in either order.
    const a = receiver.received.find((r) => r.description.includes('Shoes fell apart'));
    const b = receiver.received.find((r) => r.description.includes('jacket'));
    expect(a!.context.pageUrl).toBeUndefined();
    expect(a!.context.shop?.accountId).toBe('shop-excellent');
    expect(a!.registry.version).toBeGreaterThan(1);
    expect(b!.context.shop?.accountId).toBe('shop-suspended');

    const mine = await browser.context.newPage();
    await mine.goto(`chrome-extension://${browser.extensionId}/reports.html`);
    await expect.poll(() => mine.locator('li[data-state="sent"]').count(), { timeout: 10_000 }).toBe(2);
    const download = mine.waitForEvent('download');
    await mine.getByRole('button', { name: 'Export all (JSON)' }).click();
    const exported = JSON.parse(await readFile((await (await download).path())!, 'utf8')) as { reports: { state: string; receiptId?: string }[] };
    expect(exported.reports.map((r) => r.state)).toEqual(['sent', 'sent']);
    expect(exported.reports.every((r) => r.receiptId && receiver.receipts.size === 2)).toBe(true);
    await mine.close();
    await first.close();
    await second.close();
    tally('after 500 + receiver down + stopped worker');
  });

  it('arrive exactly once through two 500s and a timeout, the worker stopped between tries, with "Retry now"', { timeout: 180_000 }, async () => {
    const before = { requests: receiver.requests, duplicates: receiver.duplicates, received: receiver.received.length, faults: { ...receiver.faultsInjected } };
    receiver.failNext(2, '500');
    // The receiver stores this one and never answers: the retry must not make a second report.
    receiver.failNext(1, 'timeout');
    const form = await reportFrom('certified-good', 'The towels are polyester, not cotton as the anchor said.');
    await expect.poll(() => receiver.requests, { timeout: 15_000 }).toBe(before.requests + 1);

    const mine = await browser.context.newPage();
    await mine.goto(`chrome-extension://${browser.extensionId}/reports.html`);
    const row = mine.locator('li[data-report]', { hasText: '纯棉毛巾 3 条装' });
    // Settled: back in the queue after exactly `attempts` attempts, with that attempt's error shown.
    const settledAfter = (attempts: number, error: RegExp) =>
      expect
        .poll(async () => ((await row.getAttribute('data-state')) === 'queued' ? ((await row.textContent()) ?? '') : ''), { timeout: 45_000 })
        .toMatch(new RegExp(`${attempts} attempt\\(s\\).*Last attempt failed: .*${error.source}`));
    await settledAfter(1, /HTTP 500/);

    const retryWithStoppedWorker = async (attempt: number) => {
      await stopServiceWorker(browser.context);
      await row.getByRole('button', { name: 'Retry now' }).click();
      await expect.poll(() => receiver.requests, { timeout: 15_000 }).toBe(before.requests + attempt);
    };
    await retryWithStoppedWorker(2); // 500 again
    await settledAfter(2, /HTTP 500/);
    await retryWithStoppedWorker(3); // stored, never answered: the extension gives up after 30 s
    expect(receiver.received).toHaveLength(before.received + 1);
    await settledAfter(3, /no answer from .* within 30000 ms/);
    await retryWithStoppedWorker(4); // answered with the first receipt: a duplicate, not a second report
    await expect.poll(() => row.getAttribute('data-state'), { timeout: 15_000 }).toBe('sent');

    const towels = receiver.received.filter((r) => r.description.includes('towels'));
    expect(towels).toHaveLength(1);
    expect(receiver.duplicates).toBe(before.duplicates + 1);
    expect(await row.textContent()).toContain(`receipt ${receiver.receipts.get(towels[0]!.idempotencyKey)}`);
    expect(await row.textContent()).toContain('4 attempt(s)');
    expect(receiver.faultsInjected['500'] - before.faults['500']).toBe(2);
    expect(receiver.faultsInjected.timeout - before.faults.timeout).toBe(1);
    expect(made - receiver.received.length).toBe(0);
    tally('after two 500s + a timeout + the worker stopped between tries');
    await mine.close();
    await form.close();
  });
});
