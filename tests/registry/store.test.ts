import { openDB } from 'idb';
import { describe, expect, it } from 'vitest';
import { INDEX_FORMAT, indexPairs } from '../../lib/registry/index-shard';
import { hash32 } from '../../lib/registry/pack';
import { allShards, slotOf, slotRange, toRecord, type ShardRecord, type StoredLayout } from '../../lib/registry/records';
import { RegistryStore } from '../../lib/registry/store';
import { manyCompanies, parseSnapshot, makeSnapshot } from '../support/snapshot';
import { storeContract } from './store-cases';

const now = new Date('2026-11-24T12:00:00Z');
const identity = (accountId: string, anchorName?: string) => ({
  platform: 'demo',
  live: true,
  roomIds: [],
  accounts: [{ accountId, role: 'shop' as const }],
  anchorName,
  products: [],
});

storeContract((name) => RegistryStore.open(name));

describe('RegistryStore', () => {
  it('gives the stored registry back as it was replaced, lists in id order (the base for a delta)', async () => {
    const store = await RegistryStore.open(`liveseal-packed-${Math.random()}`);
    const snapshot = parseSnapshot(makeSnapshot());
    await store.replace(snapshot, { trustedKeyids: [], source: 'test', now });
    const byId = <T extends { id: string }>(xs: T[]) => [...xs].sort((a, b) => (a.id < b.id ? -1 : 1));
    expect(await store.snapshot()).toEqual({ ...snapshot, companies: byId(snapshot.companies), anchors: byId(snapshot.anchors), blacklist: byId(snapshot.blacklist) });
    store.close();
  });

  it('finds every subject among thousands spread over many shards, warm and after a reopen', async () => {
    const name = `liveseal-packed-${Math.random()}`;
    let store = await RegistryStore.open(name);
    await store.replace(manyCompanies('x'), { trustedKeyids: [], source: 'test', now });
    for (const i of [0, 1, 999, 2999]) {
      expect((await store.candidates(identity(`acct-${i}`))).companies.map((c) => c.id)).toEqual([`x${i}`]);
      expect((await store.candidates(identity('nobody', `company x${i}`))).companies.map((c) => c.id)).toEqual([`x${i}`]);
    }
    // A result is a copy: changing it does not change what the next lookup sees.
    (await store.candidates(identity('acct-5'))).companies[0]!.name = 'changed';
    expect((await store.candidates(identity('acct-5'))).companies[0]!.name).toBe('Company x5');
    store.close();
    store = await RegistryStore.open(name);
    expect((await store.candidates(identity('acct-2000'))).companies.map((c) => c.id)).toEqual(['x2000']);
    store.close();
  });

  const companyIds = async (store: RegistryStore, i: number) => (await store.candidates(identity(`acct-${i}`))).companies.map((c) => c.id);
  /** Empties the records behind the store's back: what it still finds, it holds in memory. */
  async function emptyRecords(name: string) {
    const db = await openDB(name);
    await Promise.all([db.clear('data'), db.clear('index')]);
    db.close();
  }

  it('holds the registry in memory once quiet after a few lookups, answers from there, and lets go on a replace', async () => {
    const name = `liveseal-packed-${Math.random()}`;
    const store = await RegistryStore.open(name);
    await store.replace(manyCompanies('x'), { trustedKeyids: [], source: 'test', now });
    const quiet = () => new Promise((done) => setTimeout(done, 1_500));
    // A lookup: nothing held, the records are still what it reads.
    expect(await companyIds(store, 0)).toEqual(['x0']);
    await quiet();
    await emptyRecords(name);
    expect(await companyIds(store, 500)).toEqual([]);
    await store.replace(manyCompanies('x'), { trustedKeyids: [], source: 'test', now });
    // A busy worker: held a moment after its lookups, with no call from outside.
    for (let i = 1; i <= 8; i++) expect(await companyIds(store, i)).toEqual([`x${i}`]);
    await quiet();
    await emptyRecords(name);
    for (const i of [1, 999, 2999]) expect(await companyIds(store, i)).toEqual([`x${i}`]);
    // A new registry: nothing of the old one is answered from memory.
    await store.replace(manyCompanies('y'), { trustedKeyids: [], source: 'test', now });
    for (const i of [1, 999, 2999]) expect(await companyIds(store, i)).toEqual([`y${i}`]);
    store.close();
  });

  it('gives a delta the shards it holds, without reading them again', async () => {
    const name = `liveseal-packed-${Math.random()}`;
    const store = await RegistryStore.open(name);
    await store.replace(manyCompanies('x'), { trustedKeyids: [], source: 'test', now });
    const stored = (await store.storedShards())!.data;
    expect(await store.holdInMemory()).toBe(true);
    await emptyRecords(name);
    expect((await store.storedShards())!.data).toEqual(stored);
    store.close();
  });

  it('holds nothing past its budget, and keeps reading records', async () => {
    const name = `liveseal-packed-${Math.random()}`;
    const store = await RegistryStore.open(name);
    await store.replace(manyCompanies('x'), { trustedKeyids: [], source: 'test', now });
    expect(await store.holdInMemory(64 * 1024)).toBe(false);
    await emptyRecords(name);
    expect(await companyIds(store, 7)).toEqual([]);
    store.close();
  });

  it('spreads keys over shards', () => {
    const counts = new Array<number>(16).fill(0);
    for (let i = 0; i < 16_000; i++) counts[hash32(`a:douyin\u0000s${i}`) % 16]!++;
    expect(Math.min(...counts)).toBeGreaterThan(800);
  });
});

describe('stores kept by earlier versions', () => {
  it('packs a registry kept one record per subject, re-keying names an older normalisation made', async () => {
    const { openDB } = await import('idb');
    const name = `liveseal-old-${Math.random()}`;
    // A database as version 1 left it: a record whose name key the old normaliser made.
    const old = await openDB(name, 1, {
      upgrade(db) {
        db.createObjectStore('meta');
        const subjects = db.createObjectStore('subjects', { keyPath: 'key' });
        subjects.createIndex('byAccount', 'accountKeys', { multiEntry: true });
        subjects.createIndex('byName', 'nameKeys', { multiEntry: true });
      },
    });
    const snapshot = parseSnapshot(makeSnapshot({ version: 7 }));
    const entry = snapshot.blacklist[0]!;
    await old.put('subjects', { kind: 'blacklist', key: 'blacklist:b1', data: { ...entry, aliases: ['刀哥說好物'] }, accountKeys: [], nameKeys: ['刀哥說好物'] });
    const company = snapshot.companies[0]!;
    await old.put('subjects', { kind: 'company', key: `company:${company.id}`, data: company, accountKeys: [], nameKeys: [] });
    const header = {
      info: snapshot.registry,
      version: 7,
      issuedAt: snapshot.issuedAt,
      expiresAt: snapshot.expiresAt,
      gradeScale: snapshot.gradeScale,
      importedAt: now.toISOString(),
      trustedKeyids: ['k1'],
      source: 'https://registry.example/snapshot.dsse.json',
    };
    await old.put('meta', header, 'header');
    old.close();

    const reopened = await RegistryStore.open(name);
    expect(await reopened.header()).toEqual(header);
    // 說 (traditional) now folds to 说: the simplified page name finds the listing.
    expect((await reopened.candidates(identity('someone', '刀哥说好物'))).blacklist.map((b) => b.id)).toEqual(['b1']);
    expect((await reopened.candidates(identity(company.accounts[0]!.accountId))).companies.map((c) => c.id)).toEqual([company.id]);
    reopened.close();
    // The old records are gone once packed; a second open has nothing left to migrate.
    const again = await openDB(name);
    expect(await again.count('subjects')).toBe(0);
    again.close();
  });
  it('rebuilds an index kept in format 1 (two u32 a pair) from the stored data, and finds every subject again', async () => {
    const name = `liveseal-format1-${Math.random()}`;
    const store = await RegistryStore.open(name);
    await store.replace(manyCompanies('x'), { trustedKeyids: [], source: 'test', now });
    store.close();
    // Rewrite the index records as format 1 left them, and the layout without indexFormat.
    const db = await openDB(name);
    const layout = (await db.get('meta', 'layout')) as StoredLayout;
    const range = slotRange(slotOf(layout));
    const [keys, records] = await Promise.all([db.getAllKeys('index', range), db.getAll('index', range) as Promise<ShardRecord[]>]);
    const formatOne = (flat: number[]) => {
      const view = new DataView(new ArrayBuffer(flat.length * 4));
      flat.forEach((n, i) => view.setUint32(i * 4, n, true));
      return new Uint8Array(view.buffer);
    };
    for (const [r, record] of records.entries()) {
      const shards = allShards(record).map((shard, i) => formatOne(indexPairs(shard, { number: r * layout.indexPerRecord + i, shards: layout.indexShards })));
      await db.put('index', toRecord(shards), keys[r]);
    }
    delete layout.indexFormat;
    await db.put('meta', layout, 'layout');
    db.close();

    const reopened = await RegistryStore.open(name);
    for (const i of [0, 999, 2999]) {
      expect((await reopened.candidates(identity(`acct-${i}`))).companies.map((c) => c.id)).toEqual([`x${i}`]);
      expect((await reopened.candidates(identity('nobody', `company x${i}`))).companies.map((c) => c.id)).toEqual([`x${i}`]);
    }
    reopened.close();
    const after = await openDB(name);
    expect(await after.get('meta', 'layout')).toMatchObject({ indexFormat: INDEX_FORMAT });
    after.close();
  });
});

describe('resemblance over the stored blacklist', () => {
  it('builds the index from the stored names once, keeps it as data, and finds entries by id', async () => {
    const name = `liveseal-resemblance-${Math.random()}`;
    let store = await RegistryStore.open(name);
    const snapshot = parseSnapshot(makeSnapshot());
    const listed = { ...snapshot.blacklist[0]!, names: ['Banned Bob'], aliases: ['王大锤说好物'] };
    snapshot.blacklist = [listed];
    await store.replace(snapshot, { trustedKeyids: [], source: 'test', now });
    const alias = '【官方】王大錘說好物✨';
    const index = await store.resemblanceIndex();
    expect(index?.search(alias).map((m) => m.id)).toEqual([listed.id]);
    expect(await store.resemblanceIndex()).toBe(index);
    expect((await store.blacklistEntries([listed.id, 'no-such-id'])).map((b) => b.id)).toEqual([listed.id]);
    store.close();
    // A new worker loads the stored data instead of building it again.
    store = await RegistryStore.open(name);
    expect((await store.resemblanceIndex())?.search(alias).map((m) => m.id)).toEqual([listed.id]);
    // A new registry without that entry: the index of the old one is gone.
    await store.replace(parseSnapshot(makeSnapshot({ version: 2, blacklist: [] })), { trustedKeyids: [], source: 'test', now });
    expect((await store.resemblanceIndex())?.search(alias)).toEqual([]);
    store.close();
  });
});
