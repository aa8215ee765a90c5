/**
 * The evidence log in real Chromium, against the demo rooms: off by default (visiting a room
 * records nothing); once on, each room's display is recorded once per change; the export
 * round-trips; the report form attaches a room's entries only when ticked; entries past the
 * retention are purged at worker start and when the retention is shortened; turning the log off
 * offers to delete it and records nothing more. Also: reporting from the details page.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoServer, type DemoServer } from '../../demo/server';
import { DAY_MS, parseEvidenceExport } from '../../lib/evidence/log';
import type { EvidenceEntry } from '../../lib/evidence/schema';
import { sightingOf } from '../../lib/evidence/sighting';
import { PageIdentity } from '../../lib/identity';
import { parseExport } from '../../lib/reports/outbox';
import { getServiceWorker, launchChromium, pressOverlayButton, stopServiceWorker, waitForShadowText, type LaunchedChromium } from './harness';

const OVERLAY = 'liveseal-overlay';
const ENABLE = 'Keep an evidence log of the live rooms I watch';
let browser: LaunchedChromium;
let demo: DemoServer;

beforeAll(async () => {
  demo = await startDemoServer();
  browser = await launchChromium(resolve('.output/chrome-mv3'));
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await demo?.close();
});

/** What the extension's IndexedDB holds, read in the worker (oldest first). */
async function storedEntries(): Promise<EvidenceEntry[]> {
  const worker = await getServiceWorker(browser.context);
  const entries = await worker.evaluate(
    () =>
      new Promise<unknown[]>((done, fail) => {
        const open = indexedDB.open('liveseal-evidence');
        open.onerror = () => fail(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const all = db.transaction('entries').objectStore('entries').index('lastSeenAt').getAll();
          all.onsuccess = () => {
            db.close();
            done(all.result);
          };
          all.onerror = () => fail(all.error);
        };
      }),
  );
  return entries as EvidenceEntry[];
}

/** Writes entries straight into the extension's database, as if recorded long ago. */
async function seed(entries: EvidenceEntry[]): Promise<void> {
  const worker = await getServiceWorker(browser.context);
  await worker.evaluate(
    (rows) =>
      new Promise<void>((done, fail) => {
        const open = indexedDB.open('liveseal-evidence');
        open.onerror = () => fail(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction('entries', 'readwrite');
          for (const row of rows) tx.objectStore('entries').put(row);
          tx.oncomplete = () => {
            db.close();
            done();
          };
          tx.onerror = () => fail(tx.error);
        };
      }),
    entries,
  );
}

/** Opens a demo room and waits for its overlay: by then the background has answered (and logged). */
async function visit(slug: string): Promise<Page> {
  const room = await browser.context.newPage();
  await room.goto(demo.roomUrl(slug));
  await waitForShadowText(room, OVERLAY, 'Report a problem', 10_000);
  return room;
}

/** Visits a room and presses an overlay button that opens an extension page beside it. */
async function openFromOverlay(slug: string, button: string): Promise<{ room: Page; opened: Page }> {
  const room = await visit(slug);
  const opened = browser.context.waitForEvent('page');
  await pressOverlayButton(room, button);
  return { room, opened: await opened };
}

async function openOptions(): Promise<Page> {
  const options = await browser.context.newPage();
  await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
  await options.locator('.evidence-summary').waitFor();
  return options;
}

const summaryCount = async (options: Page) => Number(await options.locator('.evidence-summary').getAttribute('data-count'));

async function download(page: Page, button: string): Promise<string> {
  const started = page.waitForEvent('download');
  await page.getByRole('button', { name: button }).click();
  return readFile((await (await started).path())!, 'utf8');
}

describe('evidence log', () => {
  it('is off by default: visiting a live room records nothing', async () => {
    const room = await visit('certified-excellent');
    await room.close();
    const options = await openOptions();
    expect(await options.getByLabel(ENABLE).isChecked()).toBe(false);
    await expect.poll(() => options.locator('.evidence-summary').textContent()).toBe('No entries kept.');
    expect(await summaryCount(options)).toBe(0);
    expect(await storedEntries()).toEqual([]);
    await options.close();
  });

  it('once on, records each room once per change, and the export round-trips', async () => {
    const options = await openOptions();
    await options.getByLabel(ENABLE).check();
    await options.getByText('Evidence log settings stored.').waitFor();

    for (const slug of ['certified-excellent', 'suspended', 'certified-excellent']) await (await visit(slug)).close();
    const again = await visit('certified-excellent');
    await again.reload();
    await waitForShadowText(again, OVERLAY, 'Report a problem', 10_000);
    await again.close();

    const entries = await storedEntries();
    // Excellent, suspended, excellent again (unchanged since its last entry: confirmed, not repeated).
    expect(entries.map((e) => [e.platform, e.verdict.status, e.shop?.accountId])).toEqual([
      ['demo', 'suspended', 'shop-suspended'],
      ['demo', 'certified', 'shop-excellent'],
    ]);
    const excellent = entries[1]!;
    expect(excellent.products).toEqual([
      { title: '坚果礼盒 1.2kg', price: '¥89.00' },
      { title: '有机燕麦片 1kg', price: '¥39.90' },
    ]);
    expect(excellent.anchor).toEqual({ name: '星河小主播 (演示)', accountId: 'anchor-excellent-host' });
    expect(excellent.verdict.certificateNumber).toBeTruthy();
    expect(excellent.lastSeenAt > excellent.firstSeenAt).toBe(true);

    await options.reload();
    await expect.poll(() => summaryCount(options)).toBe(2);
    const exported = parseEvidenceExport(await download(options, 'Export the evidence log (JSON)'));
    expect(exported.entries).toEqual(entries);
    await options.close();
  });

  it('the report form offers the room’s entries and sends them only when ticked', async () => {
    const { room, opened: form } = await openFromOverlay('certified-excellent', 'Report a problem');
    const attach = form.getByLabel(/Attach my evidence log entries for this room \(1\)/);
    await attach.waitFor();
    expect(await attach.isChecked()).toBe(false);
    expect(await form.locator('li[data-evidence]').count()).toBe(0);
    await attach.check();
    await expect.poll(() => form.locator('li[data-evidence]').count()).toBe(1);
    expect(await form.locator('li[data-evidence]').textContent()).toContain('坚果礼盒 1.2kg · ¥89.00');
    await form.getByLabel('Reason').selectOption('fake-original-price');
    await form.getByLabel(/What happened/).fill('The anchor said the nuts used to cost ¥299; they never did.');
    await form.getByLabel(/in good faith/).check();
    await form.getByRole('button', { name: 'Send report' }).click();
    await form.locator('.report-status').filter({ hasText: 'Report saved' }).waitFor();
    await room.close();

    await form.goto(`chrome-extension://${browser.extensionId}/reports.html`);
    await form.locator('li[data-state="local"]').waitFor();
    const [report] = parseExport(await download(form, 'Export all (JSON)')).reports;
    expect(report!.payload.evidence).toEqual((await storedEntries()).filter((e) => e.shop?.accountId === 'shop-excellent'));
    await form.close();
  });

  it('the details page reports the same room, and the form finds its entries', async () => {
    const { room, opened: details } = await openFromOverlay('certified-excellent', 'Certificate details');
    const report = details.getByRole('link', { name: 'Report a problem' });
    await report.waitFor();
    await report.click();
    await details.getByLabel('Reason').waitFor();
    expect(await details.getByText(/Shop: 星河优选 \(演示\) · shop-excellent/).count()).toBe(1);
    await details.getByLabel(/Attach my evidence log entries for this room \(1\)/).waitFor();
    await details.close();
    await room.close();
  });

  it('purges entries past the retention at worker start, and at once when the retention is shortened', async () => {
    const now = Date.now();
    const seeded = (title: string, ageMs: number): EvidenceEntry => {
      const at = new Date(now - ageMs).toISOString();
      const identity = PageIdentity.parse({ platform: 'demo', live: true, roomIds: ['seeded-room'], products: [{ title, price: '¥1.00' }] });
      return { ...sightingOf(identity, { status: 'not-listed', reasons: [{ code: 'not-listed' }] }), id: crypto.randomUUID(), firstSeenAt: at, lastSeenAt: at };
    };
    const recorded = (await storedEntries()).length;
    // The retention is 60 days (the default): one entry a day past it, one a day short of it, one 2 days old.
    await seed([seeded('61 days old', 61 * DAY_MS), seeded('59 days old', 59 * DAY_MS), seeded('2 days old', 2 * DAY_MS)]);
    expect(await storedEntries()).toHaveLength(recorded + 3);

    await stopServiceWorker(browser.context);
    await getServiceWorker(browser.context); // a cold start purges
    const titles = async () => (await storedEntries()).filter((e) => e.room === 'demo:room:seeded-room').map((e) => e.products[0]!.title);
    await expect.poll(titles).toEqual(['59 days old', '2 days old']);

    const options = await openOptions();
    await options.getByLabel(/Keep entries for/).fill('1');
    await options.getByRole('button', { name: 'Apply retention' }).click();
    await expect.poll(titles).toEqual([]);
    // What was recorded today stays.
    expect(await storedEntries()).toHaveLength(recorded);
    await options.reload();
    await expect.poll(() => summaryCount(options)).toBe(recorded);
    await options.close();
  });

  it('turning it off offers to delete what is kept; afterwards nothing is recorded', async () => {
    const options = await openOptions();
    await options.getByLabel(ENABLE).uncheck();
    const offer = options.getByRole('alertdialog');
    await offer.waitFor();
    await offer.getByRole('button', { name: 'Delete them' }).click();
    await options.getByText('All entries deleted.').waitFor();
    expect(await storedEntries()).toEqual([]);

    await (await visit('suspended')).close();
    await (await visit('certified-excellent')).close();
    expect(await storedEntries()).toEqual([]);
    await options.reload();
    expect(await options.getByLabel(ENABLE).isChecked()).toBe(false);
    await expect.poll(() => summaryCount(options)).toBe(0);
    await options.close();
  });
});
