/**
 * `npm run bench:registry`: the registry at national scale (100k companies, 1M accounts, 100k
 * blacklist entries; `--quick` or REGISTRY_BENCH_SCALE=0.1 for a tenth), measured in real
 * Chromium with the built extension, as ratios against a naive baseline measured in the same run
 * (parse the whole JSON and scan it in memory). What each number includes:
 *
 *  - snapshot size: the signed envelope the extension downloads (raw, and gzip -9 as a server
 *    would send it); baseline: the bare payload JSON (what a naive client would download).
 *  - 1 % churn delta: diffSnapshots(base, next) where `next` changes 1 % of companies (a
 *    certificate suspended) and 1 % of blacklist entries (an alias added), signed; ratio to the
 *    full snapshot envelope.
 *  - verify + import: from the click on the options page's "Check now" to the "installed" line in
 *    its update log: the pack streamed from 127.0.0.1, its signed manifest checked, each shard
 *    hashed and written to IndexedDB as it arrives, then the switch. Its steps are also timed one
 *    at a time (download alone, check alone, write alone), which the update overlaps.
 *    Baseline: in the same worker, fetch of the payload JSON and JSON.parse (no check, no store).
 *  - IndexedDB size: navigator.storage.estimate().usage of the extension origin after the install
 *    (includes the bundled registry's leftovers and settings, which are tiny); baseline: the
 *    growth in usage when the payload JSON text is stored as one IndexedDB record.
 *  - held in memory: store.holdInMemory(), what a worker busy with lookups does once quiet
 *    (reads every record, a few per transaction), timed on its own.
 *  - warm lookup: in the running service worker, verdictFor(store, identity) (header + candidates
 *    + verdict rules) on a store opened once and held in memory, for random accounts that exist
 *    in the registry: lookups 2001–4000 after the hold. The first 2,000 ("settling") are reported
 *    on their own: they include compiling the held path and collecting the hold's garbage.
 *    Baseline: a linear scan of the parsed snapshot held in memory for the account.
 *  - cold lookup: stopServiceWorker, start it again, then RegistryStore.open() + the first
 *    verdictFor (the worker's own start-up is not included: it is the same for both). Baseline:
 *    read the stored JSON text from IndexedDB, JSON.parse it, scan. For scale, the floor: the
 *    same reads a lookup depends on one after the other (open, layout, an index record, a data
 *    record) with IndexedDB's own API and no LiveSeal code, in a fresh worker too.
 * Lookups run through the library bundled by esbuild and evaluated in the extension's own service
 * worker through DevTools (the worker exposes nothing for tests), against the same IndexedDB the
 * extension filled through its real update path.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import type { Page, Worker } from 'playwright-core';
import { base64ToBytes } from '../../lib/encoding/base64';
import { DELTA_PAYLOAD_TYPE, diffSnapshots } from '../../lib/registry/delta';
import { buildPackFile } from '../../lib/registry/pack-file';
import { Snapshot } from '../../lib/registry/schema';
import { getServiceWorker, launchChromium, stopServiceWorker } from '../../tests/e2e/harness';
import { loadSigners, loadTrustedKeys } from '../registry/keyfiles';
import { gzipBest } from '../registry/gzip-best';
import { serveRegistry } from '../registry/serve';
import { signedEnvelopeText } from '../registry/snapshot-files';
import { NATIONAL_SCALE, synthesizeSnapshot } from '../registry/synth';

const EXTENSION = resolve('.output/chrome-mv3');
const BUNDLED = resolve(EXTENSION, 'registry/default.dsse.json');
const DEMO_KEY = resolve('.keys/demo.key.json');
const DEMO_PUB = resolve('.keys/demo.pub.json');
const SCALE = process.argv.includes('--quick') ? 0.1 : Number(process.env.REGISTRY_BENCH_SCALE ?? 1);
const WARM_LOOKUPS = 2000;
/** Timed lookups before the warm ones: a worker that was just handed the registry (compiling the held path, collecting the hold's garbage). */
const SETTLING_LOOKUPS = 2000;
const NAIVE_WARM_LOOKUPS = 50;
const COLD_RUNS = Number(process.env.REGISTRY_BENCH_COLD_RUNS ?? 20);
const NAIVE_COLD_RUNS = Math.min(COLD_RUNS, 5);
// Set REGISTRY_BENCH_SKIP_LEGACY=1 to skip timing the current store's replace() in the worker (done at ≤ 10 % scale only).

const log = (...args: unknown[]) => console.error(`[${new Date().toISOString().slice(11, 19)}]`, ...args);
const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;
const ms = (x: number) => (x >= 100 ? `${(x / 1000).toFixed(2)} s` : `${x.toFixed(2)} ms`);
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};

/** 1 % of companies get a suspended certificate, 1 % of blacklist entries a new alias. */
function churned(base: Snapshot, version: number): Snapshot {
  const next = structuredClone(base);
  next.version = version;
  next.companies.forEach((c, i) => {
    if (i % 100 !== 7) return;
    const cert = c.certificates[0]!;
    cert.status = 'suspended';
    cert.statusSince = cert.issuedOn;
  });
  next.blacklist.forEach((b, i) => {
    if (i % 100 === 7) b.aliases.push(`${b.names[0]}·新号`);
  });
  return next;
}

/** The store and the verdict code as the worker runs them, as one global for evaluate(). */
async function libraryBundle(): Promise<string> {
  const out = await build({
    stdin: {
      contents:
        "export { RegistryStore } from './lib/registry/store'; export { verdictFor } from './lib/background/verdicts';" +
        " export { openPack } from './lib/registry/pack-file';" +
        " export { verifyDelta, verifyAndApplyDelta } from './lib/registry/delta'; export { applyDeltaToShards } from './lib/registry/delta-shards';",
      resolveDir: process.cwd(),
      loader: 'ts',
    },
    bundle: true,
    minify: true,
    write: false,
    format: 'iife',
    globalName: '__livesealBench',
    // Code evaluated through DevTools passes zod's `new Function` probe, which the extension's CSP
    // then refuses in later tasks: run zod as the extension does under its CSP, without codegen.
    banner: { js: 'globalThis.__zod_globalConfig = { ...globalThis.__zod_globalConfig, jitless: true };' },
    target: 'es2022',
  });
  return out.outputFiles[0]!.text;
}

async function checkNowTimed(options: Page): Promise<{ ms: number; status: string | null; text: string }> {
  const items = options.locator('.update-log li');
  const before = await items.count();
  const started = Date.now();
  await options.getByRole('button', { name: 'Check now' }).first().click();
  await options.waitForFunction((n) => document.querySelectorAll('.update-log li').length > n, before, {
    timeout: 5 * 60_000,
    polling: 20,
  });
  const elapsed = Date.now() - started;
  const newest = items.first();
  return { ms: elapsed, status: await newest.getAttribute('data-status'), text: await newest.innerText() };
}

interface Probe {
  platform: string;
  accountId: string;
  name: string;
}

async function inject(worker: Worker, bundle: string): Promise<void> {
  await worker.evaluate(`${bundle};globalThis.__livesealBench = __livesealBench; true`);
}

async function main() {
  const scale = {
    companies: Math.round(NATIONAL_SCALE.companies * SCALE),
    accounts: Math.round(NATIONAL_SCALE.accounts * SCALE),
    blacklist: Math.round(NATIONAL_SCALE.blacklist * SCALE),
  };
  log(`scale ${SCALE}: ${scale.companies} companies, ${scale.accounts} accounts, ${scale.blacklist} blacklist`);
  const envelope = JSON.parse(await readFile(BUNDLED, 'utf8')) as { payload: string };
  const bundledVersion = (JSON.parse(new TextDecoder().decode(base64ToBytes(envelope.payload)!)) as { version: number }).version;
  const signers = await loadSigners([DEMO_KEY]);

  // Parsed as the extension reads it (zod defaults applied), so the delta's result hash matches.
  const base = Snapshot.parse(synthesizeSnapshot({ ...scale, version: bundledVersion + 1 }));
  const payloadText = JSON.stringify(base);
  const snapshotText = await signedEnvelopeText(base, signers);
  log(`synthesised and signed: payload ${mb(payloadText.length)}, envelope ${mb(snapshotText.length)}`);
  const packStarted = Date.now();
  const pack = await buildPackFile(base, signers, gzipBest);
  log(`packed: ${mb(pack.length)} in ${Date.now() - packStarted} ms`);
  const snapshotGz = gzipSync(snapshotText, { level: 9 }).length;
  const payloadGz = gzipSync(payloadText, { level: 9 }).length;

  const next = churned(base, base.version + 1);
  const deltaStarted = Date.now();
  const deltaText = await signedEnvelopeText(await diffSnapshots(base, next), signers, DELTA_PAYLOAD_TYPE);
  const deltaGz = gzipSync(deltaText, { level: 9 }).length;
  log(`delta ${mb(deltaText.length)} in ${Date.now() - deltaStarted} ms`);

  const probes: Probe[] = [];
  for (let i = 0; i < 5000; i++) {
    const c = base.companies[Math.floor(Math.random() * base.companies.length)]!;
    const a = c.accounts[Math.floor(Math.random() * c.accounts.length)]!;
    probes.push({ platform: a.platform, accountId: a.accountId, name: c.name });
  }

  const publishDir = await mkdtemp(join(tmpdir(), 'liveseal-bench-registry-'));
  await writeFile(join(publishDir, 'snapshot.pack'), pack);
  await mkdir(join(publishDir, 'deltas'));
  await writeFile(join(publishDir, `deltas/${base.version}.json`), deltaText);
  await writeFile(join(publishDir, 'payload.json'), payloadText);
  const registry = await serveRegistry(publishDir);
  const browser = await launchChromium(EXTENSION);
  try {
    const { context, extensionId } = browser;
    const options = await context.newPage();
    await options.goto(`chrome-extension://${extensionId}/options.html`);
    await options.locator('#updates-heading').waitFor();
    await options.locator('#snapshot-url').fill(`${registry.origin}/snapshot.pack`);
    await options.getByRole('region', { name: 'Registry updates' }).getByRole('button', { name: 'Save' }).click();
    await options.getByText('Saved.').first().waitFor();
    // While it installs, a page keeps asking (each time through a new connection, as a worker
    // just woken would): how long does a lookup wait behind the import's writes?
    const bundle = await libraryBundle();
    let worker = await getServiceWorker(context);
    await inject(worker, bundle);
    await worker.evaluate(`(() => {
      const lib = globalThis.__livesealBench;
      const probe = (globalThis.__duringImport = { times: [], stop: false });
      probe.done = (async () => {
        for (let i = 0; !probe.stop; i++) {
          const t = performance.now();
          const store = await lib.RegistryStore.open();
          // The stored records a verdict starts from (the resemblance index, built once per registry, is another matter).
          await store.candidates({ platform: 'demo', live: true, roomIds: [], accounts: [{ accountId: 'probe-' + i, role: 'shop' }], products: [] });
          store.close();
          probe.times.push(performance.now() - t);
          await new Promise((next) => setTimeout(next, 20));
        }
      })();
      return true;
    })()`);
    log('installing through "Check now"…');
    const install = await checkNowTimed(options);
    log(`update log: ${install.status} in ${install.ms} ms: ${install.text}`);
    if (install.status !== 'installed') throw new Error(`the update was not installed: ${install.text}`);
    await options.close();
    const duringImport: number[] = await worker.evaluate(`(async () => {
      const probe = globalThis.__duringImport;
      probe.stop = true;
      await probe.done;
      return probe.times;
    })()`);
    log(`lookups during the import (ms): ${duringImport.map((x) => x.toFixed(1)).join(' ')}`);

    const usage = async () => (await worker.evaluate(() => navigator.storage.estimate())).usage ?? 0;
    const storeUsage = await usage();

    // Naive baseline import: fetch the payload and parse it, in the same worker.
    const naiveImport = await worker.evaluate(async (url) => {
      const started = performance.now();
      const text = await (await fetch(url)).text();
      const fetched = performance.now();
      const parsed = JSON.parse(text) as { companies: unknown[] };
      const done = performance.now();
      (globalThis as unknown as { __naive: unknown }).__naive = parsed;
      // Stored as one record, for the naive cold lookups and its share of IndexedDB.
      await new Promise<void>((ok, fail) => {
        const open = indexedDB.open('liveseal-bench-naive', 1);
        open.onupgradeneeded = () => open.result.createObjectStore('json');
        open.onerror = () => fail(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction('json', 'readwrite');
          tx.objectStore('json').put(text, 'snapshot');
          tx.oncomplete = () => {
            open.result.close();
            ok();
          };
          tx.onerror = () => fail(tx.error);
        };
      });
      return { total: done - started, fetch: fetched - started, parse: done - fetched, companies: parsed.companies.length };
    }, `${registry.origin}/payload.json`);
    // storage.estimate() does not reliably see a single large record grow (Chromium compresses
    // and caches usage): the baseline is the JSON text's UTF-8 size, what storing it costs at least.
    const naiveUsage = Buffer.byteLength(payloadText);
    log(`naive import ${JSON.stringify(naiveImport)}`);

    // Where the import's time goes: the same steps as the update path, timed one by one.
    const steps = await worker.evaluate(
      async ({ url, trustedKeys }) => {
        const lib = (globalThis as unknown as { __livesealBench: any }).__livesealBench;
        const t0 = performance.now();
        const bytes = new Uint8Array(await (await fetch(url)).arrayBuffer());
        const t1 = performance.now();
        const pack = await lib.openPack(bytes, { trustedKeys });
        const t2 = performance.now();
        const store = await lib.RegistryStore.open('liveseal-bench-steps');
        await store.replace(pack, { trustedKeyids: [], source: url });
        const t3 = performance.now();
        store.close();
        return { fetch: t1 - t0, verify: t2 - t1, write: t3 - t2 };
      },
      { url: `${registry.origin}/snapshot.pack`, trustedKeys: await loadTrustedKeys([DEMO_PUB]) },
    );
    log(`import steps ${JSON.stringify(steps)}`);
    // Where a delta's time goes, on that copy: the same steps as the update path, one by one.
    const deltaSteps = await worker.evaluate(
      async ({ url, trustedKeys }) => {
        const lib = (globalThis as unknown as { __livesealBench: any }).__livesealBench;
        const t0 = performance.now();
        const text = await (await fetch(url)).text();
        const t1 = performance.now();
        const delta = await lib.verifyDelta(text, { trustedKeys });
        const t2 = performance.now();
        const store = await lib.RegistryStore.open('liveseal-bench-steps');
        const base = await store.storedShards();
        const t3 = performance.now();
        const timings: Record<string, number> = {};
        const change = await lib.applyDeltaToShards(base, delta, timings);
        const t4 = performance.now();
        await change.writeTo({ trustedKeyids: [], source: url, now: new Date() });
        const t5 = performance.now();
        store.close();
        return { fetch: t1 - t0, verify: t2 - t1, read: t3 - t2, apply: t4 - t3, write: t5 - t4, timings };
      },
      { url: `${registry.origin}/deltas/${base.version}.json`, trustedKeys: await loadTrustedKeys([DEMO_PUB]) },
    );
    log(`delta steps ${JSON.stringify(deltaSteps)}`);
    // The same delta the way it was applied before it went shard by shard, in the same run (the
    // machine's load moves every number): decode the whole store, apply, hash, pack, replace.
    const wholeDelta = await worker.evaluate(
      async ({ packUrl, deltaUrl, trustedKeys }) => {
        const lib = (globalThis as unknown as { __livesealBench: any }).__livesealBench;
        const pack = await lib.openPack(new Uint8Array(await (await fetch(packUrl)).arrayBuffer()), { trustedKeys });
        const store = await lib.RegistryStore.open('liveseal-bench-whole');
        await store.replace(pack, { trustedKeyids: [], source: packUrl });
        const text = await (await fetch(deltaUrl)).text();
        const t0 = performance.now();
        const result = await lib.verifyAndApplyDelta(text, await store.snapshot(), { trustedKeys });
        await store.replace(result, { trustedKeyids: [], source: deltaUrl });
        const elapsed = performance.now() - t0;
        store.close();
        return elapsed;
      },
      { packUrl: `${registry.origin}/snapshot.pack`, deltaUrl: `${registry.origin}/deltas/${base.version}.json`, trustedKeys: await loadTrustedKeys([DEMO_PUB]) },
    );
    log(`delta applied to the whole snapshot: ${wholeDelta} ms`);
    type Impl = 'RegistryStore';
    const warmLookups = (impl: Impl, db: string | undefined) =>
      worker.evaluate(
        async ({ probes, n, impl, db }) => {
          const lib = (globalThis as unknown as { __livesealBench: any }).__livesealBench;
          const store = await lib[impl].open(db);
          const holding = performance.now();
          const held = await store.holdInMemory();
          const holdMs = performance.now() - holding;
          const times: number[] = [];
          let found = 0;
          for (let i = 0; i < n; i++) {
            const p = probes[i % probes.length]!;
            const identity = { platform: p.platform, live: true, roomIds: [], accounts: [{ accountId: p.accountId, role: 'shop' }], shopName: p.name, products: [] };
            const t = performance.now();
            const verdict = await lib.verdictFor(store, identity);
            times.push(performance.now() - t);
            if (verdict.status !== 'not-listed' && verdict.status !== 'no-registry') found++;
          }
          store.close();
          return { times, found, held, holdMs };
        },
        { probes, n: SETTLING_LOOKUPS + WARM_LOOKUPS, impl, db },
      );
    const warm = await warmLookups('RegistryStore', undefined);
    log(`warm: ${warm.found}/${SETTLING_LOOKUPS + WARM_LOOKUPS} found; held in memory: ${warm.held} in ${warm.holdMs.toFixed(0)} ms`);
    const [settling, steady] = [warm.times.slice(0, SETTLING_LOOKUPS), warm.times.slice(SETTLING_LOOKUPS)];
    const slowest = (times: number[]) => [...times.entries()].sort((a, b) => b[1] - a[1]).slice(0, 8).map(([i, t]) => `#${i} ${t.toFixed(1)}`).join(', ');
    log(`slowest settling lookups: ${slowest(settling)}; slowest warm: ${slowest(steady)}`);
    if (!warm.held) throw new Error('the registry was not held in memory');

    const naiveScan = `(p) => {
      const s = globalThis.__naive;
      for (const list of [s.companies, s.anchors, s.blacklist])
        for (const e of list) {
          if (e.name === p.name || (e.names && e.names.includes(p.name))) return e;
          for (const a of e.accounts) if (a.platform === p.platform && a.accountId === p.accountId) return e;
        }
      return undefined;
    }`;
    const defineScan = (w: Worker) => w.evaluate(`globalThis.__naiveScan = ${naiveScan}; true`);
    await defineScan(worker);
    // Each probe is searched for with the whole scan (the naive client has no index to stop early
    // on a name or an id, and a miss is the common case: most pages are not in the registry).
    const naiveWarm = await worker.evaluate(
      async ({ probes, n }) => {
        const find = (globalThis as unknown as { __naiveScan: (p: unknown) => unknown }).__naiveScan;
        const times: number[] = [];
        for (let i = 0; i < n; i++) {
          const p = probes[i]!;
          const t = performance.now();
          find({ ...p, accountId: `${p.accountId}-absent`, name: `${p.name}-absent` });
          times.push(performance.now() - t);
        }
        return times;
      },
      { probes, n: NAIVE_WARM_LOOKUPS },
    );

    const coldLookups = async (impl: Impl, db: string | undefined) => {
      const times: { elapsed: number; open: number; resemblance: number }[] = [];
      for (let run = 0; run < COLD_RUNS; run++) {
        await stopServiceWorker(context);
        worker = await getServiceWorker(context);
        await inject(worker, bundle);
        times.push(
          await worker.evaluate(
            async ({ p, impl, db }) => {
              const lib = (globalThis as unknown as { __livesealBench: any }).__livesealBench;
              const identity = { platform: p.platform, live: true, roomIds: [], accounts: [{ accountId: p.accountId, role: 'shop' }], shopName: p.name, products: [] };
              const t = performance.now();
              const store = await lib[impl].open(db);
              const opened = performance.now();
              // As a page asks: the exact verdict now, a possible match once the name index is in memory.
              let later: Promise<unknown> | undefined;
              const verdict = await lib.verdictFor(store, identity, new Date(), [], (ready: Promise<unknown>) => (later = ready));
              const elapsed = performance.now() - t;
              await (later ?? store.resemblanceIndex());
              const resemblance = performance.now() - t;
              store.close();
              if (verdict.status === 'not-listed' || verdict.status === 'no-registry') throw new Error(`cold lookup missed ${p.accountId}`);
              return { elapsed, open: opened - t, resemblance };
            },
            { p: probes[run]!, impl, db },
          ),
        );
      }
      return times;
    };
    const coldRuns = await coldLookups('RegistryStore', undefined);
    const cold = coldRuns.map((r) => r.elapsed);
    const coldOpen = coldRuns.map((r) => r.open);
    const coldResemblance = coldRuns.map((r) => r.resemblance);
    log(`cold: ${coldRuns.map((x) => `${x.elapsed.toFixed(1)} (open ${x.open.toFixed(1)})`).join(' ')}`);

    // The floor under a cold lookup: open, layout, then an index record and a data record, each
    // needing the one before, raw IndexedDB in a fresh worker, no LiveSeal code.
    const floor: number[] = [];
    for (let run = 0; run < COLD_RUNS; run++) {
      await stopServiceWorker(context);
      worker = await getServiceWorker(context);
      floor.push(
        await worker.evaluate(`(async () => {
          const t = performance.now();
          const db = await new Promise((ok, fail) => { const r = indexedDB.open('liveseal'); r.onsuccess = () => ok(r.result); r.onerror = () => fail(r.error); });
          const get = (store, key) => new Promise((ok, fail) => { const r = db.transaction(store).objectStore(store).get(key); r.onsuccess = () => ok(r.result); r.onerror = () => fail(r.error); });
          const layout = await get('meta', 'layout');
          const first = (layout.slot ?? 0) * 2 ** 20;
          const index = await get('index', first + ${run} % Math.ceil(layout.indexShards / layout.indexPerRecord));
          const data = await get('data', first + ${run * 7} % Math.ceil(layout.dataShards / layout.dataPerRecord));
          if (!index || !data) throw new Error('no record');
          const elapsed = performance.now() - t;
          db.close();
          return elapsed;
        })()`),
      );
    }
    log(`IndexedDB floor: ${floor.map((x) => x.toFixed(1)).join(' ')}`);

    const naiveCold: number[] = [];
    for (let run = 0; run < NAIVE_COLD_RUNS; run++) {
      await stopServiceWorker(context);
      worker = await getServiceWorker(context);
      await defineScan(worker);
      const p = probes[run]!;
      naiveCold.push(
        await worker.evaluate(
          async ({ p }) => {
            const t = performance.now();
            const text = await new Promise<string>((ok, fail) => {
              const open = indexedDB.open('liveseal-bench-naive', 1);
              open.onerror = () => fail(open.error);
              open.onsuccess = () => {
                const get = open.result.transaction('json').objectStore('json').get('snapshot');
                get.onsuccess = () => {
                  open.result.close();
                  ok(get.result as string);
                };
                get.onerror = () => fail(get.error);
              };
            });
            (globalThis as unknown as { __naive: unknown }).__naive = JSON.parse(text);
            const hit = (globalThis as unknown as { __naiveScan: (p: unknown) => unknown }).__naiveScan(p);
            if (!hit) throw new Error('naive cold lookup missed');
            return performance.now() - t;
          },
          { p },
        ),
      );
    }
    log(`naive cold: ${naiveCold.map((x) => x.toFixed(1)).join(' ')}`);

    // A 1 % churn delta through the real update path: the stored registry is the delta's base.
    const deltaPage = await context.newPage();
    await deltaPage.goto(`chrome-extension://${extensionId}/options.html`);
    await deltaPage.locator('#updates-heading').waitFor();
    await deltaPage.locator('#delta-url').fill(`${registry.origin}/deltas/{base}.json`);
    await deltaPage.getByRole('region', { name: 'Registry updates' }).getByRole('button', { name: 'Save' }).click();
    await deltaPage.getByText('Saved.').first().waitFor();
    const deltaInstall = await checkNowTimed(deltaPage);
    log(`delta: ${deltaInstall.status} in ${deltaInstall.ms} ms: ${deltaInstall.text}`);
    if (deltaInstall.status !== 'installed' || !deltaInstall.text.includes('delta')) throw new Error(`the delta was not installed: ${deltaInstall.text}`);

    const rows: [string, string, string, string, string][] = [];
    const row = (what: string, ours: number, naive: number, fmt: (x: number) => string, target: string) =>
      rows.push([what, fmt(ours), fmt(naive), `${(ours / naive).toFixed(ours / naive < 0.1 ? 3 : 2)}×`, target]);
    row('Snapshot as a pack, raw (vs bare JSON)', pack.length, payloadText.length, mb, '');
    row('Snapshot as a pack vs JSON envelope gzip -9 (what a server sends)', pack.length, snapshotGz, mb, '');
    row('  (bare JSON, gzip -9)', payloadGz, payloadText.length, mb, '');
    row('Delta for 1 % churn, raw (vs full pack)', deltaText.length, pack.length, mb, '≤ 3 % of full');
    row('Delta for 1 % churn, gzip -9 (vs full pack)', deltaGz, pack.length, mb, '≤ 3 % of full');
    row('Verify + import, "Check now" to installed (vs fetch + JSON.parse)', install.ms, naiveImport.total, ms, '≤ 3 s');
    row('  download from 127.0.0.1 alone (vs the JSON)', steps.fetch, naiveImport.fetch, ms, 'overlapped');
    row('  signature + SHA-256 of every shard alone (vs JSON.parse)', steps.verify, naiveImport.parse, ms, 'overlapped');
    row('  IndexedDB write alone (vs JSON.parse)', steps.write, naiveImport.parse, ms, 'overlapped');
    row(`  a page's lookup meanwhile (${duringImport.length}, each a new connection), longest wait (vs the import: one transaction would block it throughout)`, Math.max(...duringImport), install.ms, ms, '');
    row('IndexedDB usage (vs the JSON text, UTF-8)', storeUsage, naiveUsage, mb, '');
    row('Registry held in memory once the worker is quiet (vs full import)', warm.holdMs, install.ms, ms, 'in the background');
    row(`Warm lookup p50 (lookups ${SETTLING_LOOKUPS + 1}–${SETTLING_LOOKUPS + WARM_LOOKUPS} after the hold; vs in-memory scan)`, pct(steady, 50), pct(naiveWarm, 50), ms, '');
    row('Warm lookup p99', pct(steady, 99), pct(naiveWarm, 99), ms, '≤ 1 ms');
    row(`  settling: lookups 1–${SETTLING_LOOKUPS} right after the hold, p50`, pct(settling, 50), pct(naiveWarm, 50), ms, '');
    row('  settling, p99', pct(settling, 99), pct(naiveWarm, 99), ms, '');
    row('Cold lookup p50 (vs read + parse + scan)', pct(cold, 50), pct(naiveCold, 50), ms, '');
    row('Cold lookup p99', pct(cold, 99), pct(naiveCold, 99), ms, '≤ 5 ms');
    row('  of which opening the database, p50', pct(coldOpen, 50), pct(naiveCold, 50), ms, '');
    row('  floor: raw IndexedDB open + layout + index record + data record, p50', pct(floor, 50), pct(naiveCold, 50), ms, '');
    row('  floor, p99', pct(floor, 99), pct(naiveCold, 99), ms, '');
    row('Cold: possible-match (resemblance) index in memory, p50', pct(coldResemblance, 50), pct(naiveCold, 50), ms, 'asks the page again');
    row('1 % delta applied, "Check now" to installed (vs full import)', deltaInstall.ms, install.ms, ms, '');
    const inPlace = deltaSteps.verify + deltaSteps.read + deltaSteps.apply + deltaSteps.write;
    row('  1 % delta in place: verify, read, apply, write (vs the whole-snapshot way, same run)', inPlace, wholeDelta, ms, '');
    row('  of which signature + schema of the delta (vs full import)', deltaSteps.verify, install.ms, ms, '');
    row('  of which reading the stored shards', deltaSteps.read, install.ms, ms, '');
    row('  of which applying and checking the result hash', deltaSteps.apply, install.ms, ms, '');
    row('  of which IndexedDB write of the changed records', deltaSteps.write, install.ms, ms, '');
    console.log(
      `\nRegistry at ${SCALE === 1 ? 'national scale' : `${SCALE} × national scale`}: ${scale.companies} companies, ` +
        `${scale.accounts} accounts, ${scale.blacklist} blacklist entries; ${WARM_LOOKUPS} warm lookups (baseline ${NAIVE_WARM_LOOKUPS}), ` +
        `${COLD_RUNS} cold (baseline ${NAIVE_COLD_RUNS})\n`,
    );
    console.log('| Measure | LiveSeal | Naive baseline | Ratio | Target |');
    console.log('|---|---|---|---|---|');
    for (const r of rows) console.log(`| ${r.join(' | ')} |`);
  } finally {
    await browser.close();
    await registry.close();
    await rm(publishDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
