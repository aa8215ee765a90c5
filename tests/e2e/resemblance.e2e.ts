/**
 * "Changed waistcoats" in real Chromium: a new account whose anchor name disguises a blacklisted
 * alias gets a possible-match warning, a hard-negative name gets none; the details page says why,
 * the viewer can dismiss the match for that account (and undo it) or report it.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { withDemoRooms } from './demo-rooms';
import { findShadowNodes, pressOverlayButton, readClosedShadowTree, screenshot, waitForShadowText } from './harness';

const OVERLAY = 'liveseal-overlay';
const DISGUISED = '✨【官方】煙姐Lі1y説美妝好物✨';
const rooms = withDemoRooms();

/** The overlay's status and the codes of the reasons it lists, read from the closed shadow root. */
async function overlayOf(page: Page): Promise<{ status?: string; reasons: string[]; text: string }> {
  const text = await waitForShadowText(page, OVERLAY, (t) => t.length > 0, 10_000);
  const tree = (await readClosedShadowTree(page, OVERLAY))!;
  return {
    status: findShadowNodes(tree, (n) => 'data-status' in n.attributes)[0]?.attributes['data-status'],
    reasons: findShadowNodes(tree, (n) => 'data-reason' in n.attributes).map((n) => n.attributes['data-reason']!),
    text,
  };
}

async function openRoom(slug: string): Promise<Page> {
  const page = await rooms.browser.context.newPage();
  await page.goto(rooms.demo.roomUrl(slug));
  return page;
}

async function openDetails(room: Page): Promise<Page> {
  await waitForShadowText(room, OVERLAY, 'Certificate details', 10_000);
  const opened = rooms.browser.context.waitForEvent('page');
  await pressOverlayButton(room, 'Certificate details');
  const details = await opened;
  await details.locator('#matches-heading').waitFor();
  return details;
}

describe('possible match by resemblance', () => {
  it('warns on a new account whose anchor name disguises a blacklisted alias, naming the listing and where it came from', async () => {
    const page = await openRoom('resembling-anchor');
    const overlay = await overlayOf(page);
    expect(overlay.status).toBe('possible-blacklist');
    expect(overlay.reasons).toEqual(['resembles-blacklisted', 'demo-registry']);
    expect(overlay.text).toContain('Possible blacklist match');
    expect(overlay.text).toContain('May be blacklisted anchor “烟姐Lily说美妆” (close name match)');
    expect(overlay.text).toContain(`“${DISGUISED}” here resembles that name`);
    // Listed on Douyin and Kuaishou; the room is on the demo platform.
    expect(overlay.text).toContain('douyin MS4wLjABAAAAlsdemo-douyin-yanjie');
    expect(overlay.text).toContain('It may be someone else');
    await screenshot(page, '.output/screenshots/resembling-anchor.png');
    await page.close();
  });

  it('does not warn on a short or generic name, even one taken from the listing', async () => {
    const page = await openRoom('generic-names');
    const overlay = await overlayOf(page);
    expect(overlay.status).toBe('not-listed');
    expect(overlay.reasons).not.toContain('resembles-blacklisted');
    expect(overlay.text).not.toContain('blacklist');
    await page.close();
  });

  it('lists on the details page why it may be the same anchor', async () => {
    const page = await openRoom('resembling-anchor');
    const details = await openDetails(page);
    const match = await details.locator('article.match').innerText();
    for (const phrase of [
      `“${DISGUISED}” here may be “烟姐Lily说美妆”`,
      'How sure: close name match, a score of 0.91 out of 1 (LiveSeal warns from 0.70)',
      '烟姐llly说美妆好物',
      'of the characters in the same order',
      'Exaggerated what cosmetics do in live streams (demo)',
      'Demo Live Commerce Association',
      'Douyin Live MS4wLjABAAAAlsdemo-douyin-yanjie',
    ]) {
      expect(match).toContain(phrase);
    }
    // The listing itself, with its real name, among the blacklist records.
    expect(await details.locator('article.listing[data-entry="demo-bl-0005"]:not(.match)').innerText()).toContain('柳如烟 (演示)');
    await details.close();
    await page.close();
  });

  it('opens the report form pre-filled as a waistcoat account', async () => {
    const page = await openRoom('resembling-anchor');
    const details = await openDetails(page);
    await details.getByRole('link', { name: /Report as a waistcoat account/ }).click();
    await details.waitForURL(/\/report\.html#/);
    await details.locator('#reason').waitFor();
    expect(await details.locator('#reason').inputValue()).toBe('banned-anchor-new-account');
    expect(await details.locator('#description').inputValue()).toContain(`“${DISGUISED}” in this room resembles “烟姐Lily说美妆”`);
    expect(await details.locator('form.report').innerText()).toContain('anchor-yanjie-new');
    await details.close();
    await page.close();
  });

  it('stops warning on this account once dismissed (still listed as dismissed), and warns again after undo', async () => {
    const page = await openRoom('resembling-anchor');
    const details = await openDetails(page);
    await details.getByRole('button', { name: /Not the same seller/ }).click();
    await details.locator('article.match[data-dismissed="true"]').waitFor();
    expect(await details.locator('article.match').innerText()).toContain('LiveSeal does not warn about it on this account');

    await page.reload();
    let overlay = await overlayOf(page);
    expect(overlay.status).toBe('not-listed');
    expect(overlay.reasons).not.toContain('resembles-blacklisted');
    // Remembered: the details page, opened anew, lists it as dismissed.
    await details.reload();
    await details.locator('article.match[data-dismissed="true"]').waitFor();

    await details.getByRole('button', { name: /Undo/ }).click();
    await details.locator('article.match[data-dismissed="false"]').waitFor();
    await page.reload();
    overlay = await overlayOf(page);
    expect(overlay.status).toBe('possible-blacklist');
    expect(overlay.reasons[0]).toBe('resembles-blacklisted');
    await details.close();
    await page.close();
  });
});
