/**
 * `npm run bench`: what the content script costs a page, measured in one run as ratios against
 * a baseline in the same run (machines here are noisy; absolute times mean little).
 *  1. size: the largest per-platform content script, gz bytes, vs the bare Preact runtime gz bytes;
 *  2. time from navigation start to the overlay on screen, vs the page's own load event;
 *  3. page CPU: main-thread script time on a room with 200 chat messages a second for 10 s,
 *     with the extension vs without, after start-up (rounds alternate to spread the noise).
 */
import { readdir, readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { chromium, type BrowserContext, type CDPSession } from 'playwright-core';
import { startDemoServer, type DemoServer } from '../../demo/server';
import { launchChromium } from '../../tests/e2e/harness';

const EXTENSION = resolve('.output/chrome-mv3');
const CONTENT_SCRIPTS = resolve(EXTENSION, 'content-scripts');
const LOAD_RUNS = 8;
const CHAT_RATE = 200;
const CHAT_SECONDS = 10;
const ROUNDS = 3;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

async function preactRuntimeGz(): Promise<number> {
  const out = await build({
    stdin: { contents: "import { h, render } from 'preact'; render(h('p', null, 'x'), document.body);", resolveDir: process.cwd() },
    bundle: true,
    minify: true,
    write: false,
    format: 'iife',
  });
  return gzipSync(out.outputFiles[0]!.contents, { level: 9 }).length;
}

async function overlayTimes(context: BrowserContext, demo: DemoServer) {
  await context.addInitScript(() => {
    new MutationObserver((_records, observer) => {
      if (document.querySelector('liveseal-overlay')) {
        (window as unknown as { overlayAt: number }).overlayAt = performance.now();
        observer.disconnect();
      }
    }).observe(document, { childList: true, subtree: true });
  });
  const overlay: number[] = [];
  const load: number[] = [];
  for (let i = 0; i < LOAD_RUNS; i++) {
    const page = await context.newPage();
    await page.goto(demo.roomUrl('certified-excellent'));
    await page.waitForFunction(() => 'overlayAt' in window, undefined, { timeout: 10_000 });
    const t = await page.evaluate(() => ({
      overlay: (window as unknown as { overlayAt: number }).overlayAt,
      load: (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).loadEventEnd,
    }));
    overlay.push(t.overlay);
    load.push(t.load);
    await page.close();
  }
  return { overlay: median(overlay), load: median(load) };
}

async function scriptSeconds(cdp: CDPSession): Promise<number> {
  const { metrics } = (await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] };
  return metrics.find((m) => m.name === 'ScriptDuration')!.value;
}

interface ProfileNode {
  id: number;
  callFrame: { url: string };
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Milliseconds of CPU samples whose innermost frame is in an extension script. */
function extensionMs(profile: Profile): number {
  const inExtension = new Set(profile.nodes.filter((n) => n.callFrame.url.startsWith('chrome-extension://')).map((n) => n.id));
  let micros = 0;
  profile.samples.forEach((node, i) => {
    if (inExtension.has(node)) micros += profile.timeDeltas[i] ?? 0;
  });
  return micros / 1000;
}

/**
 * During the busy chat, from one second after load (the overlay is drawn by then) to the chat's
 * end: the main-thread script time of the page and everything in it, and the part of it the
 * sampling profiler attributes to extension code (the steady-state cost, not start-up).
 */
async function chatScriptTime(
  context: BrowserContext,
  demo: DemoServer,
): Promise<{ pageMs: number; extensionMs: number; startupMs: number }> {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  // Start-up is profiled too, as a check that the profiler sees extension code at all.
  await cdp.send('Profiler.start');
  await page.goto(`${demo.roomUrl('certified-excellent')}?chat=${CHAT_RATE}&seconds=${CHAT_SECONDS}`);
  await page.waitForTimeout(1000);
  const startup = (await cdp.send('Profiler.stop')) as { profile: Profile };
  const start = await scriptSeconds(cdp);
  await cdp.send('Profiler.start');
  await page.waitForFunction(() => document.body.dataset.chatDone, undefined, { timeout: (CHAT_SECONDS + 20) * 1000 });
  const { profile } = (await cdp.send('Profiler.stop')) as { profile: Profile };
  const pageMs = ((await scriptSeconds(cdp)) - start) * 1000;
  await page.close();
  return { pageMs, extensionMs: extensionMs(profile), startupMs: extensionMs(startup.profile) };
}

async function main() {
  const demo = await startDemoServer();
  const scripts = (await readdir(CONTENT_SCRIPTS)).filter((f) => f.endsWith('.js'));
  const sizes = await Promise.all(scripts.map(async (f) => gzipSync(await readFile(resolve(CONTENT_SCRIPTS, f)), { level: 9 }).length));
  const contentGz = Math.max(...sizes);
  const preactGz = await preactRuntimeGz();

  const withExtension = await launchChromium(EXTENSION);
  const times = await overlayTimes(withExtension.context, demo);
  const plain = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu'] });
  const plainContext = await plain.newContext();
  const runs: { pageMs: number; extensionMs: number; startupMs: number }[] = [];
  const withoutMs: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    withoutMs.push((await chatScriptTime(plainContext, demo)).pageMs);
    runs.push(await chatScriptTime(withExtension.context, demo));
  }
  await withExtension.close();
  await plain.close();
  await demo.close();

  const pageMs = median(runs.map((r) => r.pageMs));
  const ownMs = median(runs.map((r) => r.extensionMs));
  const startupMs = median(runs.map((r) => r.startupMs));
  const rows = [
    [`largest of ${scripts.length} content scripts (gz)`, kb(contentGz), `bare Preact runtime ${kb(preactGz)}`, `${(contentGz / preactGz).toFixed(2)}×`, 'target ≤ 20 KB'],
    ['navigation → overlay (median)', `${times.overlay.toFixed(0)} ms`, `page load event ${times.load.toFixed(0)} ms`, `${(times.overlay / times.load).toFixed(2)}×`, ''],
    ['extension script time in the first second (start-up, profiler)', `${startupMs.toFixed(1)} ms`, '', '', 'one-off'],
    [
      `extension script time, ${CHAT_RATE} chat msg/s × ${CHAT_SECONDS} s (profiler)`,
      `${ownMs.toFixed(1)} ms`,
      `page script time ${pageMs.toFixed(0)} ms (without extension: ${median(withoutMs).toFixed(0)} ms)`,
      `${((ownMs / pageMs) * 100).toFixed(2)} %`,
      'target ≤ 1 %',
    ],
  ];
  console.log('| measure | LiveSeal | baseline | ratio | target |\n| --- | --- | --- | --- | --- |');
  for (const row of rows) console.log(`| ${row.join(' | ')} |`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
