/**
 * `npm run icons`: renders assets/icon.svg to the PNG sizes browsers and stores ask for,
 * with Debian's Chromium (no image tool needed). Run after changing the SVG; commit the PNGs.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { chromium } from 'playwright-core';

const SIZES = [16, 32, 48, 96, 128];

async function main() {
  const svg = await readFile(resolve('assets/icon.svg'), 'utf8');
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
  const page = await browser.newPage();
  for (const size of SIZES) {
    await page.setViewportSize({ width: size, height: size });
    await page.setContent(
      `<html><body style="margin:0;background:transparent">${svg.replace('<svg ', `<svg width="${size}" height="${size}" `)}</body></html>`,
    );
    await page.screenshot({ path: resolve(`public/icon/${size}.png`), omitBackground: true });
    console.log(`public/icon/${size}.png`);
  }
  await browser.close();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
