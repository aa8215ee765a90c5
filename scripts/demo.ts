/**
 * `npm run demo`: the built extension in Debian's Chromium on the demo live rooms. Prints what
 * LiveSeal shows in each room and saves screenshots; with a display it stays open to explore.
 */
import { resolve } from 'node:path';
import { startDemoServer } from '../demo/server';
import { demoRooms } from '../demo/rooms';
import { findShadowNodes, launchChromium, readClosedShadowTree, screenshot, waitForShadowText } from '../tests/e2e/harness';

const OVERLAY = 'liveseal-overlay';
const OUT = resolve('.output/demo');

async function main() {
  const headed = Boolean(process.env.DISPLAY) && !process.env.CI;
  const server = await startDemoServer();
  const browser = await launchChromium(resolve('.output/chrome-mv3'), { headless: !headed });
  console.log(`Demo rooms: ${server.origin}/liveseal-demo/\n`);
  const rows: string[][] = [['room', 'expected', 'LiveSeal shows', 'ok']];
  let failures = 0;
  for (const room of demoRooms) {
    const page = await browser.context.newPage();
    await page.goto(server.roomUrl(room.slug));
    let shown = 'none';
    if (room.expected !== 'none') {
      await waitForShadowText(page, OVERLAY, (t) => t.length > 0, 10_000).catch(() => '');
      const tree = await readClosedShadowTree(page, OVERLAY);
      shown = (tree && findShadowNodes(tree, (n) => 'data-status' in n.attributes)[0]?.attributes['data-status']) ?? 'nothing';
    } else {
      await page.waitForTimeout(1000);
      if ((await page.locator(OVERLAY).count()) > 0) shown = 'overlay';
    }
    const ok = shown === room.expected;
    if (!ok) failures++;
    rows.push([room.slug, room.expected, shown, ok ? '✓' : '✗']);
    await screenshot(page, `${OUT}/${room.slug}.png`);
    if (!headed) await page.close();
  }
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  for (const row of rows) console.log(row.map((cell, i) => cell.padEnd(widths[i]!)).join('  '));
  console.log(`\nScreenshots: ${OUT}/`);
  if (headed) {
    const index = await browser.context.newPage();
    await index.goto(`${server.origin}/liveseal-demo/`);
    console.log('Chromium stays open with the demo rooms; press Ctrl+C to end.');
    await new Promise<void>((done) => process.once('SIGINT', () => done()));
  }
  await browser.close();
  await server.close();
  process.exitCode = failures ? 1 : 0;
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
