/**
 * Minor protection in the built extension, in Debian's Chromium: parent mode turned on in the
 * options page, restricted-product and stream warnings on the demo room, buy and gift clicks
 * stopped until the PIN is given, no way off without the PIN, and wrong PINs slowed by delays
 * that grow and survive a service-worker restart.
 */
import { resolve } from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoServer, type DemoServer } from '../../demo/server';
import { launchChromium, stopServiceWorker, waitForShadowText, waitUntil, within, type LaunchedChromium } from './harness';

/** The extension APIs, as code evaluated in extension contexts sees them. */
declare const chrome: typeof import('wxt/browser').browser;

const EXTENSION = resolve('.output/chrome-mv3');
const OVERLAY = 'liveseal-overlay';
const GUARD = 'liveseal-guard';
const PIN = '2468';
const WINE = '法国进口 干红葡萄酒 750ml×2';
const NUTS = '坚果礼盒 1.2kg';

let browser: LaunchedChromium;
let demo: DemoServer;
let options: Page;

beforeAll(async () => {
  demo = await startDemoServer();
  browser = await launchChromium(EXTENSION);
  options = await browser.context.newPage();
  await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
});
afterAll(async () => {
  await browser?.close();
  await demo?.close();
});

const parentSection = () => options.locator('section[data-parent-mode]');
/** Which clicks reached the page's own buy/gift handler. */
const clicksSeen = (page: Page) => page.evaluate(() => document.body.dataset.clicks ?? '');
const buyButton = (page: Page, title: string) => page.locator('[data-demo="product"]', { hasText: title }).locator('[data-demo="buy"]');

/** The guard's extension frame (in the closed shadow root over the page), once its PIN field has focus. */
async function guardFrame(page: Page): Promise<Frame> {
  // A closed dialog's frame may linger in page.frames() for a moment after it was removed: look
  // at every live guard frame, newest first, until one has the focus in its PIN field.
  const isGuard = (f: Frame) => !f.isDetached() && f.url().startsWith('chrome-extension://') && new URL(f.url()).pathname === '/guard.html';
  let focused: Frame | undefined;
  await waitUntil(
    async () => {
      for (const f of page.frames().filter(isGuard).reverse()) {
        const ready = await within(f.evaluate(() => document.activeElement?.id === 'lsg-pin' && document.hasFocus()), 1_000, 'a guard frame').catch(() => false);
        if (ready) return !!(focused = f);
      }
      return false;
    },
    15_000,
    () => `a focused guard frame in ${page.frames().map((f) => f.url()).join(', ')}`,
  );
  return focused!;
}

/** Keys typed into the guard frame: a key that closes it must not leave the test waiting on a gone frame. */
const typeKeys = (page: Page, text: string) => within(page.keyboard.type(text), 10_000, `typing ${text.length} characters in the guard frame`);
const pressKey = (page: Page, key: string) => within(page.keyboard.press(key), 10_000, `${key} in the guard frame`);

async function guardDialog(page: Page) {
  const frame = await guardFrame(page);
  const dialog = frame.getByRole('dialog', { name: 'Stopped by LiveSeal parent mode' });
  return { frame, dialog, text: (await dialog.textContent()) ?? '' };
}

async function guardClosed(page: Page) {
  await page.waitForFunction((tag) => document.querySelector(tag) === null, GUARD, { timeout: 15_000 });
}

/** A parent-mode request as the options page sends it (the reply is what the UI shows). */
function request(message: Record<string, unknown>) {
  return options.evaluate(async (m) => {
    const reply = (await chrome.runtime.sendMessage(m)) as { ok: boolean; value: { ok: boolean; error?: string; status: { retryAfterMs: number; failures: number; enabled: boolean } } };
    return reply.value;
  }, message);
}

describe('parent mode', () => {
  it('is turned on in the options page with a PIN typed twice', async () => {
    await expect(parentSection().getAttribute('data-parent-mode')).resolves.toBe('off');
    await options.getByLabel('New PIN (4 to 12 digits)').fill(PIN);
    await options.getByLabel('Repeat the new PIN').fill('2469');
    await options.getByRole('button', { name: 'Turn on parent mode' }).click();
    await options.getByText('The two PINs differ.').waitFor();
    await options.getByLabel('Repeat the new PIN').fill(PIN);
    await options.getByRole('button', { name: 'Turn on parent mode' }).click();
    await options.getByText('Parent mode is on.').waitFor();
    // Only a salted hash is stored, never the PIN.
    const stored = await browser.serviceWorker.evaluate(async () => JSON.stringify(await chrome.storage.local.get('parentMode')));
    expect(stored).toContain('"iterations":600000');
    expect(stored).not.toContain(PIN);
  });

  it('warns about the restricted products and the stream on the overlay', async () => {
    const page = await browser.context.newPage();
    await page.goto(demo.roomUrl('restricted-products'));
    const text = await waitForShadowText(page, OVERLAY, 'Not for minors (parent mode)', 10_000);
    expect(text).toContain(`${WINE}: Alcohol`);
    expect(text).toContain('一次性电子烟 6000口 冰西瓜味: Tobacco and e-cigarettes');
    // A category the signed demo registry adds to the built-in list.
    expect(text).toContain('新年 烟花 礼花弹 组合装: Fireworks and firecrackers');
    // Hard negative and ordinary goods: no warning.
    expect(text).not.toContain('红酒杯');
    expect(text).not.toContain(NUTS);
    // Stream level, from the registry's account flags.
    expect(text).toContain('夜莺 AI 主播 (演示) is a virtual (AI) anchor, and the stream does not say so.');
    expect(text).toContain('not suitable for minors');
    await page.close();
  });

  it('stops a buy click on a restricted product until the PIN is given, then lets that click through once', async () => {
    const page = await browser.context.newPage();
    await page.goto(demo.roomUrl('restricted-products'));
    await waitForShadowText(page, OVERLAY, 'Not for minors', 10_000);

    await buyButton(page, WINE).click();
    const { frame, dialog, text } = await guardDialog(page);
    expect(await dialog.getAttribute('aria-modal')).toBe('true');
    expect(text).toContain(`“${WINE}” is restricted for minors: Alcohol.`);
    expect(await clicksSeen(page)).toBe('');

    // Focus starts in the PIN field of the extension frame; a wrong PIN is refused by the background.
    await typeKeys(page, '1111');
    await pressKey(page, 'Enter');
    await frame.getByText('Wrong PIN.').waitFor();
    // Esc cancels: the click never reaches the page.
    await pressKey(page, 'Escape');
    await guardClosed(page);
    expect(await clicksSeen(page)).toBe('');

    await buyButton(page, WINE).click();
    await guardDialog(page);
    await typeKeys(page, PIN);
    await pressKey(page, 'Enter');
    await guardClosed(page);
    await page.waitForFunction(() => document.body.dataset.clicks !== undefined);
    expect(await clicksSeen(page)).toBe(`${WINE}|`);

    // Once only: the next click on it is stopped again. Ordinary products are never stopped.
    await buyButton(page, WINE).click();
    await guardDialog(page);
    await pressKey(page, 'Escape');
    await guardClosed(page);
    await buyButton(page, NUTS).click();
    expect(await clicksSeen(page)).toBe(`${WINE}|${NUTS}|`);

    // Gifts and tips are stopped too.
    await page.locator('[data-demo="gift"]').click();
    expect((await guardDialog(page)).text).toContain('minors may not tip anchors');
    await pressKey(page, 'Escape');
    await guardClosed(page);
    expect(await clicksSeen(page)).toBe(`${WINE}|${NUTS}|`);
    await page.close();
  });

  it('keeps the typed PIN from the page, and lets no page trick unlock the click', async () => {
    const page = await browser.context.newPage();
    // A hostile page's own script, registered before anything else: it logs every key and input
    // it can see, in the capture phase on window and document.
    await page.addInitScript(() => {
      const seen: string[] = ((window as unknown as { keyLog: string[] }).keyLog = []);
      const log = (e: Event) => seen.push(`${e.type}:${(e as KeyboardEvent).key ?? ''}:${(e as InputEvent).data ?? ''}:${(e.composedPath()[0] as HTMLInputElement).value ?? ''}`);
      for (const target of [window, document]) {
        for (const type of ['keydown', 'keypress', 'keyup', 'beforeinput', 'input']) target.addEventListener(type, log, { capture: true });
      }
    });
    const keyLog = () => page.evaluate(() => (window as unknown as { keyLog: string[] }).keyLog.join(' '));
    await page.goto(demo.roomUrl('restricted-products'));
    await waitForShadowText(page, OVERLAY, 'Not for minors', 10_000);
    // The logger works: a key typed on the page itself is seen.
    await page.keyboard.press('7');
    expect(await keyLog()).toContain('keydown:7');

    await buyButton(page, WINE).click();
    const { frame } = await guardDialog(page);
    // The frame's page is web-accessible only at a per-session URL: its fixed URL cannot be probed.
    const probe = await page.evaluate((url) => fetch(url).then(() => 'loaded', () => 'refused'), `chrome-extension://${browser.extensionId}/guard.html`);
    expect(probe).toBe('refused');
    // Tricks a page can play while the dialog is open: its own click on the button, and a
    // message that looks like the background's answer. Neither lets the click through.
    await page.evaluate(() => {
      window.postMessage({ type: 'guard/answer', ticket: '0'.repeat(32), unlocked: true }, '*');
      (document.querySelector('[data-demo="buy"]') as HTMLElement).click();
    });
    expect(await clicksSeen(page)).toBe('');

    await typeKeys(page, PIN);
    expect(await frame.locator('#lsg-pin').inputValue()).toBe(PIN);
    const log = await keyLog();
    for (const digit of PIN) expect(log).not.toContain(digit);
    await pressKey(page, 'Enter');
    await guardClosed(page);
    await page.waitForFunction(() => document.body.dataset.clicks !== undefined);
    expect(await clicksSeen(page)).toBe(`${WINE}|`);
    const after = await keyLog();
    for (const digit of PIN) expect(after).not.toContain(digit);
    expect(after).not.toContain('Enter');
    await page.close();
  });

  it('cannot be turned off from the options page without the PIN', async () => {
    await options.getByRole('button', { name: 'Turn off parent mode' }).click();
    await options.getByText('Wrong PIN.').waitFor();
    await options.getByLabel('Current PIN').fill('1357');
    await options.getByRole('button', { name: 'Turn off parent mode' }).click();
    // The field empties when the background has answered.
    await options.waitForFunction(() => (document.getElementById('parent-pin') as HTMLInputElement).value === '');
    await options.reload();
    await options.getByText('Parent mode is on.').waitFor();
    await expect(parentSection().getAttribute('data-parent-mode')).resolves.toBe('on');
  });

  it('slows wrong PINs with delays that grow and survive a service-worker restart', async () => {
    const status = await options.evaluate(async () => ((await chrome.runtime.sendMessage({ type: 'parent/status' })) as { value: { failures: number } }).value);
    expect(status.failures).toBe(2); // the empty and the wrong PIN just above
    const third = await request({ type: 'parent/disable', pin: '0000' });
    expect(third).toMatchObject({ ok: false, error: 'wrong-pin', status: { retryAfterMs: 0 } });
    const fourth = await request({ type: 'parent/disable', pin: '0000' });
    expect(fourth).toMatchObject({ ok: false, error: 'wrong-pin' });
    expect(fourth.status.retryAfterMs).toBeGreaterThan(0);
    // Locked: even the right PIN is not checked now, from the page or the options page.
    expect(await request({ type: 'parent/disable', pin: PIN })).toMatchObject({ ok: false, error: 'locked' });

    await stopServiceWorker(browser.context);
    const afterRestart = await options.evaluate(async () => ((await chrome.runtime.sendMessage({ type: 'parent/status' })) as { value: { retryAfterMs: number } }).value);
    expect(afterRestart.retryAfterMs).toBeGreaterThan(0);
    expect(afterRestart.retryAfterMs).toBeLessThanOrEqual(fourth.status.retryAfterMs);

    // Let the wait pass without waiting: move the stored lock to now, as time would.
    const passTheWait = () =>
      options.evaluate(async () => {
        const { parentMode } = (await chrome.storage.local.get('parentMode')) as { parentMode: { guard: { lockedUntil: number } } };
        await chrome.storage.local.set({ parentMode: { ...parentMode, guard: { ...parentMode.guard, lockedUntil: Date.now() } } });
      });
    await passTheWait();
    const fifth = await request({ type: 'parent/disable', pin: '0000' });
    expect(fifth.status.retryAfterMs).toBeGreaterThan(fourth.status.retryAfterMs);
    await options.reload();
    await options.getByLabel('Current PIN').fill('0000');
    await passTheWait();
    await options.getByRole('button', { name: 'Turn off parent mode' }).click();
    await options.getByText(/Wrong PIN\. Try again in \d+ min\./).waitFor();

    // The right PIN, once the wait is over, turns it off; the room then stops nothing.
    await passTheWait();
    expect(await request({ type: 'parent/disable', pin: PIN })).toMatchObject({ ok: true, status: { enabled: false, failures: 0 } });
    const page = await browser.context.newPage();
    await page.goto(demo.roomUrl('restricted-products'));
    const text = await waitForShadowText(page, OVERLAY, 'Not certified', 10_000);
    expect(text).not.toContain('Not for minors');
    await buyButton(page, WINE).click();
    expect(await clicksSeen(page)).toBe(`${WINE}|`);
    await page.close();
  });
});
