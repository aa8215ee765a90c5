/**
 * A full pack is checked and stored while it downloads (lib/registry/pack-file.ts writePack,
 * lib/registry/store-writer.ts): beside the stored registry, which answers every lookup until the
 * new one is complete and checked; a cut-off or damaged download leaves nothing behind.
 */
import { openDB } from 'idb';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ChunkReader, readingAhead } from '../../lib/encoding/chunk-reader';
import { buildPackFile, openPack, readPackManifest, readPackSections } from '../../lib/registry/pack-file';
import { outsideSlot, slotOf, slotRange, type StoredLayout } from '../../lib/registry/records';
import { RegistryStore } from '../../lib/registry/store';
import { InstallSuperseded } from '../../lib/registry/store-writer';
import { initialTrust } from '../../lib/registry/trust';
import { runUpdate } from '../../lib/registry/update';
import { seededRandom } from '../support/random';
import { startServer, type Handler, type TestServer } from '../support/http-server';
import { manyCompanies, testSigner, type TestSigner } from '../support/snapshot';

const NOW = new Date('2026-11-24T12:00:00Z');
const v10 = manyCompanies('a', 3000, { version: 10 });
const v11 = manyCompanies('b', 3000, { version: 11 });

let server: TestServer;
let publisher: TestSigner;
let v11Pack: Buffer;
let store: RegistryStore;
let name: string;

beforeAll(async () => {
  server = await startServer();
  publisher = await testSigner('publisher');
  v11Pack = Buffer.from(await buildPackFile(v11, [publisher.signer]));
});
afterAll(() => server.close());

beforeEach(async () => {
  name = `liveseal-stream-${Math.random()}`;
  store = await RegistryStore.open(name);
  await store.replace(v10, { trustedKeyids: publisher.trusted.map((k) => k.keyid), source: 'test', now: NOW });
});
afterEach(() => store.close());

const update = () =>
  runUpdate({ store, source: { snapshotUrl: server.url('/snapshot.pack') }, trust: initialTrust(publisher.trusted), now: NOW, limits: { timeoutMs: 20_000 } });
const companyOf = async (i: number) => (await store.candidates({ platform: 'demo', live: true, roomIds: [], accounts: [{ accountId: `acct-${i}`, role: 'shop' }], products: [] })).companies.map((c) => c.id);

/** Records of the stored registry's slot and outside it, and whether an install is marked as under way, read past the store. */
async function onDisk(): Promise<{ stored: number; other: number; pending: boolean }> {
  const db = await openDB(name);
  const slot = slotOf((await db.get('meta', 'layout')) as StoredLayout | undefined);
  const count = async (ranges: IDBKeyRange[]) => (await Promise.all(ranges.flatMap((r) => [db.count('data', r), db.count('index', r)]))).reduce((a, b) => a + b, 0);
  const [stored, other, pending] = await Promise.all([count([slotRange(slot)]), count(outsideSlot(slot)), db.get('meta', 'pending')]);
  db.close();
  return { stored, other, pending: pending !== undefined };
}

/** The first `at` bytes of `body`, then `rest(res)` once `gate` opens. */
const sendInTwo =
  (body: Buffer, at: number, gate: Promise<void>, rest: (res: Parameters<Handler>[1]) => void): Handler =>
  (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': body.length });
    res.write(body.subarray(0, at), () => void gate.then(() => rest(res)));
  };

async function until(check: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 200 && !(await check()); i++) await new Promise((done) => setTimeout(done, 25));
  expect(await check()).toBe(true);
}

describe('installing a pack as it downloads', () => {
  it('writes it beside the stored registry, which answers every lookup until the new one is complete', async () => {
    let open!: () => void;
    const gate = new Promise<void>((done) => (open = done));
    server.route('/snapshot.pack', sendInTwo(v11Pack, Math.floor(v11Pack.length * 0.8), gate, (res) => res.end(v11Pack.subarray(Math.floor(v11Pack.length * 0.8)))));
    const updating = update();
    // The manifest was checked and the new registry is being written; readers still get v10.
    await until(async () => (await onDisk()).pending);
    expect(await companyOf(5)).toEqual(['a5']);
    expect((await store.header())?.version).toBe(10);
    open();
    expect(await updating).toMatchObject({ status: 'installed', via: 'full', header: { version: 11 } });
    expect(await companyOf(5)).toEqual(['b5']);
    expect(await companyOf(2999)).toEqual(['b2999']);
    // The old registry's records went with the switch.
    const after = await onDisk();
    expect(after).toMatchObject({ pending: false, other: 0 });
    expect(after.stored).toBeGreaterThan(0);
  });

  it('refuses a download cut off mid-pack, keeps the stored registry, and leaves none of the new one', async () => {
    const before = await onDisk();
    server.route('/snapshot.pack', sendInTwo(v11Pack, Math.floor(v11Pack.length * 0.7), Promise.resolve(), (res) => setTimeout(() => res.socket?.destroy(), 20)));
    expect(await update()).toMatchObject({ status: 'refused', code: 'network' });
    expect(await companyOf(5)).toEqual(['a5']);
    expect((await store.header())?.version).toBe(10);
    expect(await onDisk()).toEqual({ ...before, pending: false });
    expect(await store.lastRejection()).toMatchObject({ code: 'network' });
  });

  it('stops at a shard that does not match the signed manifest, and drops what it had written', async () => {
    const damaged = Buffer.from(v11Pack);
    damaged[damaged.length - 100]! ^= 0x01; // near the end: every shard before it was checked and handed to the store
    server.route('/snapshot.pack', (_req, res) => res.writeHead(200).end(damaged));
    expect(await update()).toMatchObject({ status: 'refused', code: 'hash-mismatch' });
    expect(await companyOf(5)).toEqual(['a5']);
    expect(await onDisk()).toMatchObject({ pending: false, other: 0 });
  });

  it('lets a later install win: one still writing when another lands stops, and writes nothing more', async () => {
    const pack = await openPack(v11Pack, { trustedKeys: publisher.trusted });
    const sizes = (shards: Uint8Array[]) => shards.map((s) => s.length);
    const slow = await store.beginReplace({ layout: pack.layout, dataSizes: sizes(pack.data), indexSizes: sizes(pack.index) });
    for (const shard of pack.data.slice(0, 10)) await slow.put('data', shard);
    const v12 = manyCompanies('c', 3000, { version: 12 });
    await store.replace(v12, { trustedKeyids: [], source: 'v12', now: NOW });
    for (const shard of pack.data.slice(10)) await slow.put('data', shard).catch(() => undefined);
    for (const shard of pack.index) await slow.put('index', shard).catch(() => undefined);
    await expect(slow.commit(pack, pack.names, { trustedKeyids: [], source: 'v11', now: NOW })).rejects.toBeInstanceOf(InstallSuperseded);
    await slow.abandon();
    expect((await store.header())?.version).toBe(12);
    expect(await onDisk()).toMatchObject({ other: 0 });
    expect(await companyOf(7)).toEqual(['c7']);
  });

  it('reads a store written before slots, and the next install moves to the other slot and clears the old records', async () => {
    // Before slots, records were keyed 0, 1, … and the layout named no slot: slot 0's keys.
    const db = await openDB(name);
    const layout = (await db.get('meta', 'layout')) as StoredLayout;
    for (const kind of ['data', 'index']) {
      const range = slotRange(slotOf(layout));
      const [keys, records] = await Promise.all([db.getAllKeys(kind, range), db.getAll(kind, range)]);
      await db.delete(kind, range);
      await Promise.all(records.map((record, i) => db.put(kind, record, (keys[i] as number) % 2 ** 20)));
    }
    delete layout.slot;
    await db.put('meta', layout, 'layout');
    db.close();
    store.close();
    store = await RegistryStore.open(name);
    expect(await companyOf(5)).toEqual(['a5']);
    server.route('/snapshot.pack', (_req, res) => res.writeHead(200).end(v11Pack));
    expect(await update()).toMatchObject({ status: 'installed' });
    expect(await companyOf(5)).toEqual(['b5']);
    expect(await onDisk()).toMatchObject({ other: 0 });
  });
});

describe('ChunkReader and packs read in pieces', () => {
  const random = seededRandom(1124);
  const chunked = (bytes: Uint8Array) => {
    const parts: Uint8Array[] = [];
    for (let at = 0; at < bytes.length; ) {
      const size = 1 + Math.floor(random() * (random() < 0.5 ? 7 : 70_000));
      parts.push(bytes.slice(at, at + size));
      at += size;
    }
    return new ChunkReader(
      (async function* () {
        yield new Uint8Array();
        yield* parts;
      })(),
    );
  };

  it('reads exact lengths, lines and prefixes across chunk boundaries', async () => {
    const text = 'LIVESEAL\n12345\nrest of it';
    for (let run = 0; run < 50; run++) {
      const reader = chunked(new TextEncoder().encode(text));
      expect(await reader.startsWith(new TextEncoder().encode('LIVE'))).toBe(true);
      expect(await reader.startsWith(new TextEncoder().encode('LIVX'))).toBe(false);
      expect(new TextDecoder().decode(await reader.readLine(20))).toBe('LIVESEAL');
      expect(await reader.readLine(3)).toBeUndefined(); // "12345" is longer than 3
      const more = chunked(new TextEncoder().encode(text));
      expect(new TextDecoder().decode(await more.read(12))).toBe('LIVESEAL\n123');
      expect(await more.atEnd()).toBe(false);
      expect(new TextDecoder().decode(await more.rest())).toBe('45\nrest of it');
      expect(await more.atEnd()).toBe(true);
      expect(await more.read(1)).toBeUndefined();
    }
  });

  it('reads ahead of a slow consumer, passes a failure on after the chunks before it, and stops its source when left', async () => {
    const pulled: number[] = [];
    let stopped = false;
    const source = (fail: boolean) =>
      (async function* () {
        try {
          for (let i = 0; i < 5; i++) {
            pulled.push(i);
            yield new Uint8Array([i]);
          }
          if (fail) throw new Error('connection dropped');
          for (;;) {
            await new Promise((done) => setTimeout(done, 1)); // a download that would go on for ever
            yield new Uint8Array([9]);
          }
        } finally {
          stopped = true;
        }
      })();
    const ahead = readingAhead(source(true))[Symbol.asyncIterator]();
    expect((await ahead.next()).value).toEqual(new Uint8Array([0]));
    await new Promise((done) => setTimeout(done, 20)); // a consumer busy storing: the source is read on meanwhile
    expect(pulled).toEqual([0, 1, 2, 3, 4]);
    for (let i = 1; i < 5; i++) expect((await ahead.next()).value).toEqual(new Uint8Array([i]));
    await expect(ahead.next()).rejects.toThrow('connection dropped');
    pulled.length = 0;
    stopped = false;
    const left = readingAhead(source(false))[Symbol.asyncIterator]();
    await left.next();
    await left.return?.();
    await new Promise((done) => setTimeout(done, 20));
    expect(stopped).toBe(true);
  });

  it('opens a pack arriving in random pieces exactly as one in memory', async () => {
    const whole = await openPack(v11Pack, { trustedKeys: publisher.trusted });
    for (let run = 0; run < 5; run++) {
      const reader = chunked(new Uint8Array(v11Pack));
      const manifest = await readPackManifest(reader, { trustedKeys: publisher.trusted });
      const shards = { data: [] as Uint8Array[], index: [] as Uint8Array[] };
      const names = await readPackSections(reader, manifest, { put: (kind, shard) => void shards[kind].push(Uint8Array.from(shard)) });
      const copies = (list: Uint8Array[]) => list.map((s) => Uint8Array.from(s));
      expect(shards.data).toEqual(copies(whole.data));
      expect(shards.index).toEqual(copies(whole.index));
      expect(Uint8Array.from(names)).toEqual(Uint8Array.from(whole.names));
    }
  });
});
