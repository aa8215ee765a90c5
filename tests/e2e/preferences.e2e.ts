/**
 * The options page's panel preferences and "My data", and the language switch, in Chromium:
 * position and size reach the overlay, a hidden site shows no panel, delete-all needs a
 * confirmation; after a switch no string of the other language is left on the options, popup and
 * details pages; dark mode and reduced motion are honoured.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { withDemoRooms } from './demo-rooms';
import { detailsPageUrl } from '../../lib/details-url';
import { LOCALES, type Locale } from '../../lib/i18n/locale';
import { overlayCatalogs } from '../../lib/i18n/overlay';
import { pagesCatalogs } from '../../lib/i18n/pages';
import { preferencesCatalogs } from '../../lib/i18n/preferences';
import { reportsCatalogs } from '../../lib/i18n/reports';
import { findShadowNodes, readClosedShadowTree, waitForShadowText } from './harness';

const OVERLAY = 'liveseal-overlay';
const CATALOGS = [overlayCatalogs, pagesCatalogs, reportsCatalogs, preferencesCatalogs] as unknown as Record<Locale, Record<string, string>>[];

const rooms = withDemoRooms();

const extensionPage = async (path: string): Promise<Page> => {
  const page = await rooms.browser.context.newPage();
  await page.goto(`chrome-extension://${rooms.browser.extensionId}${path}`);
  return page;
};

/**
 * Literal pieces of the other language's strings (text between placeholders) that differ from
 * this language's string for the same key, long enough not to be a name or a number.
 */
function foreignFragments(locale: Locale): string[] {
  const other = LOCALES.find((l) => l !== locale)!;
  const minLength = other === 'en' ? 8 : 4;
  const fragments = new Set<string>();
  for (const catalogs of CATALOGS) {
    for (const [key, text] of Object.entries(catalogs[other])) {
      if (text === catalogs[locale][key]) continue;
      for (const piece of text.split(/\{\w+\}/)) if (piece.trim().length >= minLength) fragments.add(piece.trim());
    }
  }
  return [...fragments];
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** English fragments count as whole words only: an account id like "…YouTubeCertified01" is data. */
const appearsIn = (text: string, fragment: string) =>
  /[a-z]/i.test(fragment) ? new RegExp(`(?<![\\p{L}\\d])${escape(fragment)}(?![\\p{L}\\d])`, 'u').test(text) : text.includes(fragment);

/** What a viewer can see or hear on the page: its text and its labels. */
const visibleText = (page: Page) =>
  page.evaluate(() =>
    [
      document.body.innerText,
      ...[...document.querySelectorAll('[aria-label],[title],[alt],[placeholder]')].flatMap((el) =>
        ['aria-label', 'title', 'alt', 'placeholder'].map((a) => el.getAttribute(a) ?? ''),
      ),
      ...[...document.querySelectorAll('option')].map((o) => o.textContent ?? ''),
    ].join('\n'),
  );

async function setLanguage(options: Page, language: Locale): Promise<void> {
  await options.locator('section[aria-labelledby="language-heading"] select').selectOption(language);
  await expect.poll(() => options.locator('html').getAttribute('lang')).toBe(language);
}

describe('language switch', () => {
  it('leaves no string of the other language on the options, popup and details pages', async () => {
    const options = await extensionPage('/options.html');
    await options.locator('section.registry').waitFor();
    const identity = { platform: 'demo', live: true, accounts: [{ accountId: 'shop-excellent', role: 'shop' as const }] };
    for (const language of ['en', 'zh-CN'] as const) {
      await setLanguage(options, language);
      const fragments = foreignFragments(language);
      const popup = await extensionPage('/popup.html');
      await popup.locator('section.registry').waitFor();
      const details = await extensionPage(`/${detailsPageUrl('details.html', identity)}`);
      await details.locator('main h1').waitFor();
      for (const [name, page] of [['options', options], ['popup', popup], ['details', details]] as const) {
        const text = await visibleText(page);
        expect(fragments.filter((f) => appearsIn(text, f)), `${name} page in ${language}`).toEqual([]);
      }
      await popup.close();
      await details.close();
    }
    await setLanguage(options, 'en');
    await options.close();
  });
});

describe('panel preferences', () => {
  it('position and size reach the overlay; a hidden site shows none, and shows it again', async () => {
    const room = await rooms.browser.context.newPage();
    await room.goto(rooms.demo.roomUrl('certified-good'));
    await waitForShadowText(room, OVERLAY, 'Certified', 10_000);
    const options = await extensionPage('/options.html');
    await options.locator('select[name="overlayCorner"]').selectOption('bottom-right');
    await options.locator('select[name="overlaySize"]').selectOption('large');
    await expect.poll(() => room.locator(OVERLAY).getAttribute('style'), { timeout: 10_000 }).toMatch(/position: ?fixed.*bottom: ?12px.*right: ?12px/);
    const tree = await readClosedShadowTree(room, OVERLAY);
    expect(findShadowNodes(tree!, (n) => n.attributes['data-size'] !== undefined)[0]?.attributes['data-size']).toBe('large');

    await options.locator('input[name="hideSite"]').fill('127.0.0.1');
    await options.getByRole('button', { name: 'Hide', exact: true }).click();
    await options.locator('li[data-site="127.0.0.1"]').waitFor();
    await expect.poll(() => room.locator(OVERLAY).count(), { timeout: 10_000 }).toBe(0);
    await options.getByRole('button', { name: 'Show on 127.0.0.1 again' }).click();
    await waitForShadowText(room, OVERLAY, 'Certified', 10_000);

    await options.locator('select[name="overlayCorner"]').selectOption('beside');
    await options.locator('select[name="overlaySize"]').selectOption('normal');
    await options.close();
    await room.close();
  });
});

describe('my data', () => {
  it('exports settings and reports, and deletes them only after a confirmation', async () => {
    const options = await extensionPage('/options.html');
    await options.locator('select[name="overlaySize"]').selectOption('small');
    const downloading = options.waitForEvent('download');
    await options.getByRole('button', { name: 'Export all my data (JSON)' }).click();
    const exported = JSON.parse(await (await (await downloading).createReadStream()).toArray().then((c) => Buffer.concat(c).toString('utf8')));
    expect(exported.schema).toBe('liveseal.my-data/v1');
    expect(exported.storage.settings.overlaySize).toBe('small');
    expect(exported.reports.schema).toBe('liveseal.reports-export/v1');

    await options.getByRole('button', { name: 'Delete all my data…' }).click();
    await options.getByRole('button', { name: 'Cancel' }).click();
    expect(await options.locator('select[name="overlaySize"]').inputValue()).toBe('small');
    await options.getByRole('button', { name: 'Delete all my data…' }).click();
    await options.getByRole('button', { name: 'Yes, delete everything' }).click();
    await options.getByText('All your data was deleted.').waitFor();
    await expect.poll(() => options.locator('select[name="overlaySize"]').inputValue()).toBe('normal');
    await options.close();
  });
});

describe('colour schemes and motion', () => {
  it('the options page follows a dark colour scheme, and nothing moves under reduced motion', async () => {
    const popup = await rooms.browser.context.newPage();
    await popup.emulateMedia({ colorScheme: 'dark', reducedMotion: 'reduce' });
    await popup.goto(`chrome-extension://${rooms.browser.extensionId}/options.html`);
    await popup.locator('section.registry').waitFor();
    const { background, moving } = await popup.evaluate(() => ({
      background: getComputedStyle(document.documentElement).backgroundColor,
      moving: [...document.querySelectorAll('*')].filter((el) => {
        const s = getComputedStyle(el);
        return parseFloat(s.transitionDuration) > 0 || parseFloat(s.animationDuration) > 0;
      }).length,
    }));
    expect(background).toBe('rgb(12, 17, 29)'); // details.css --bg in dark mode
    expect(moving).toBe(0);
    await popup.close();
  });
});
