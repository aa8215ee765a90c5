/**
 * The Firefox build (.output/firefox-mv2) in Debian's firefox-esr: the cases that matter, the
 * same as in Chromium — overlay verdicts on the demo rooms, the details page, the report flow
 * into My reports, and the options page. Cases that cannot run here are listed in README
 * ("Tests") with the reason.
 */
import { resolve } from 'node:path';
import type { Frame, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoServer, type DemoServer } from '../../demo/server';
import { findShadowNodes } from './harness';
import {
  clickInShadow,
  launchFirefox,
  pollUntil,
  readShadowTree,
  screenshot,
  waitForShadowTree,
  type LaunchedFirefox,
} from './firefox-harness';

const EXTENSION = resolve('.output/firefox-mv2');
const OVERLAY = 'liveseal-overlay';

let firefox: LaunchedFirefox;
let demo: DemoServer;

beforeAll(async () => {
  demo = await startDemoServer();
  firefox = await launchFirefox(EXTENSION);
});
afterAll(async () => {
  await firefox?.close();
  await demo?.close();
});

async function openRoom(slug: string): Promise<Page> {
  const page = await firefox.browser.newPage();
  await page.goto(demo.roomUrl(slug));
  return page;
}

const innerText = (page: Page, selector = 'body') =>
  page.$eval(selector, (el) => (el as HTMLElement).innerText).catch(() => '');

describe('Firefox: overlay on the demo live rooms', () => {
  it.each([
    { slug: 'certified-excellent', status: 'certified', tone: 'ok', mark: '✓', says: ['Certified', '★★★ Excellent', '星河优选 (演示)'] },
    { slug: 'blacklisted-anchor', status: 'blacklisted', tone: 'danger', mark: '✕', says: ['Blacklisted', 'live streaming closed'] },
    { slug: 'unlisted', status: 'not-listed', tone: 'neutral', mark: '?', says: ['Not certified', 'No certification on record'] },
  ])('$slug → $status', async ({ slug, status, tone, mark, says }) => {
    const page = await openRoom(slug);
    const tree = await waitForShadowTree(page, OVERLAY, 'Certificate details');
    expect(tree.attributes.mode).toBe('closed');
    const section = findShadowNodes(tree, (n) => n.attributes['data-status'] !== undefined)[0];
    expect(section?.attributes['data-status']).toBe(status);
    expect(section?.attributes['data-tone']).toBe(tone);
    for (const phrase of says) expect(tree.text).toContain(phrase);
    // Colour is never the only signal: a symbol and words with every tone.
    expect(findShadowNodes(tree, (n) => n.attributes.class === 'mark')[0]?.text).toBe(mark);
    // Page scripts see a closed root: nothing to read or restyle.
    expect(await page.$eval(OVERLAY, (host) => host.shadowRoot === null)).toBe(true);
    await screenshot(page, `.output/screenshots/firefox-${slug}.png`);
    await page.close();
  });
});

describe('Firefox: extension pages', () => {
  it('the details page opens from the overlay with the full certificate record', async () => {
    const room = await openRoom('audit-overdue');
    const tree = await waitForShadowTree(room, OVERLAY, 'Certificate details');
    const details = await firefox.extensionTabOpenedBy('/details.html', () => clickInShadow(room, tree, 'Certificate details'));
    const text = await pollUntil(() => innerText(details, 'main'), (t) => t.includes('Surveillance audits'));
    for (const phrase of ['Verdict: Yearly audit overdue', 'Unified social credit code', 'shop-audit-overdue', 'LiveSeal demo registry']) {
      expect(text).toContain(phrase);
    }
    expect(await details.$eval('figure.timeline svg[role="img"]', (svg) => svg.getAttribute('data-overdue'))).toBe('true');
    await details.close();
    await room.close();
  });

  it('a report written from the overlay is stored and listed in My reports', async () => {
    const room = await openRoom('suspended');
    const tree = await waitForShadowTree(room, OVERLAY, 'Report a problem');
    const form = await firefox.extensionTabOpenedBy('/report.html', () => clickInShadow(room, tree, 'Report a problem'));
    await form.waitForSelector('#reason');
    await form.select('#reason', 'counterfeit');
    await form.type('#description', 'Firefox: the jacket is not down-filled as the anchor claimed.');
    await form.click('form.report > p > label > input[type="checkbox"]'); // the good-faith statement
    await form.click('form.report button[type="submit"]');
    await pollUntil(() => innerText(form, '.report-status'), (t) => t.includes('Report saved'));
    await form.close();
    await room.close();

    const mine = await firefox.openExtensionPage('/reports.html');
    // The demo registry names no report endpoint, so the report stays in the outbox.
    const listed = await pollUntil(() => innerText(mine, 'ul.my-reports'), (t) => t.includes('Counterfeit or substandard goods'));
    expect(listed).toContain('kept locally');
    expect(await mine.$$eval('ul.my-reports li[data-state="local"]', (items) => items.length)).toBe(1);
    await mine.close();
  });

  it('the options page switches the language of itself and of the overlay', async () => {
    const room = await openRoom('certified-good');
    await waitForShadowTree(room, OVERLAY, 'Certified');
    const options = await firefox.openExtensionPage('/options.html');
    expect(await innerText(options, 'h1')).toBe('LiveSeal settings');
    await options.select('section[aria-labelledby="language-heading"] select', 'zh-CN');
    await pollUntil(() => innerText(options, 'h1'), (t) => t === 'LiveSeal 设置');
    expect(await options.$eval('html', (html) => html.lang)).toBe('zh-CN');
    // The open room follows without a reload.
    await waitForShadowTree(room, OVERLAY, '证书详情');
    await options.select('section[aria-labelledby="language-heading"] select', 'en');
    await pollUntil(() => innerText(options, 'h1'), (t) => t === 'LiveSeal settings');
    await options.close();
    await room.close();
  });

  it('a site hidden in the options page shows no panel, then shows it again in the chosen corner', async () => {
    const room = await openRoom('certified-good');
    await waitForShadowTree(room, OVERLAY, 'Certified');
    const options = await firefox.openExtensionPage('/options.html');
    await options.type('input[name="hideSite"]', '127.0.0.1');
    await options.click('section.panel-preferences form button[type="submit"]');
    await pollUntil(() => room.$$eval(OVERLAY, (hosts) => hosts.length), (n) => n === 0);
    await options.click('li[data-site="127.0.0.1"] button');
    await waitForShadowTree(room, OVERLAY, 'Certified');
    await options.select('select[name="overlayCorner"]', 'top-right');
    const style = await pollUntil(() => room.$eval(OVERLAY, (host) => host.getAttribute('style') ?? ''), (s) => s.includes('right:'));
    expect(style).toMatch(/position: ?fixed/);
    await options.select('select[name="overlayCorner"]', 'beside');
    await options.close();
    await room.close();
  });
});

describe('Firefox: parent mode', () => {
  it('a stopped buy click goes through once the PIN is typed in the extension frame, unseen by the page', async () => {
    const PIN = '2468';
    const WINE = '法国进口 干红葡萄酒 750ml×2';
    const options = await firefox.openExtensionPage('/options.html');
    const request = (message: Record<string, unknown>) =>
      options.evaluate(async (m) => ((await browser.runtime.sendMessage(m)) as { value: { ok: boolean } }).value, message);
    expect(await request({ type: 'parent/enable', pin: PIN })).toMatchObject({ ok: true });

    const room = await firefox.browser.newPage();
    // The page's own key logger, in the capture phase on window and document.
    await room.evaluateOnNewDocument(() => {
      const seen: string[] = ((window as unknown as { keyLog: string[] }).keyLog = []);
      const log = (e: Event) => seen.push(`${e.type}:${(e as KeyboardEvent).key ?? ''}`);
      for (const target of [window, document]) for (const type of ['keydown', 'keypress', 'input']) target.addEventListener(type, log, { capture: true });
    });
    await room.goto(demo.roomUrl('restricted-products'));
    await waitForShadowTree(room, OVERLAY, 'Not for minors');
    const buy = `xpath///*[@data-demo="product"][contains(., "${WINE}")]//*[@data-demo="buy"]`;
    await room.click(buy);
    // puppeteer's BiDi frames keep the URL they were made with (about:blank): ask each frame.
    const isGuard = (f: Frame) => f.evaluate(() => location.href).then((href) => href.startsWith(`${firefox.origin}/guard.html#`), () => false);
    const frame = await pollUntil(
      async () => {
        for (const f of room.frames()) if (await isGuard(f)) return f;
        return undefined;
      },
      (f) => f !== undefined,
    );
    await frame!.waitForFunction(() => document.activeElement?.id === 'lsg-pin');
    expect(await room.evaluate(() => document.body.dataset.clicks ?? '')).toBe('');
    await room.keyboard.type(PIN);
    await room.keyboard.press('Enter');
    await pollUntil(() => room.evaluate(() => document.body.dataset.clicks ?? ''), (c) => c === `${WINE}|`);
    expect(await room.evaluate(() => document.querySelector('liveseal-guard'))).toBeNull();
    const log = await room.evaluate(() => (window as unknown as { keyLog: string[] }).keyLog.join(' '));
    for (const digit of PIN) expect(log).not.toContain(digit);

    expect(await request({ type: 'parent/disable', pin: PIN })).toMatchObject({ ok: true });
    await options.close();
    await room.close();
  });
});
