import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { installSnapshot } from '../../lib/registry/install';
import { RegistryStore } from '../../lib/registry/store';
import { makeSnapshot, parseSnapshot, testSigner, type TestSigner } from '../support/snapshot';

const now = new Date('2026-11-24T12:00:00Z');
let store: RegistryStore;
let signer: TestSigner;
let dbName: string;

beforeEach(async () => {
  dbName = `liveseal-test-${Math.random()}`;
  store = await RegistryStore.open(dbName);
  signer = await testSigner();
});
afterEach(() => store.close());

const install = (text: string) => installSnapshot(store, text, { source: 'test', trustedKeys: signer.trusted, now });
const identity = (accountId: string, anchorName?: string) => ({
  platform: 'demo',
  live: true,
  roomIds: [],
  accounts: [{ accountId, role: 'shop' as const }],
  anchorName,
  products: [],
});

describe('RegistryStore', () => {
  it('finds candidates by account, by normalised name, and an anchor’s company through the anchor', async () => {
    await store.replace(parseSnapshot(makeSnapshot()), { trustedKeyids: [], source: 'test', now });
    const byShop = await store.candidates(identity('shop-1'));
    expect(byShop.companies.map((c) => c.id)).toEqual(['c1']);
    const byAnchor = await store.candidates(identity('anchor-v'));
    expect(byAnchor.anchors.map((a) => a.id)).toEqual(['a1']);
    expect(byAnchor.companies.map((c) => c.id)).toEqual(['c1']);
    const byAlias = await store.candidates(identity('someone-new', '  bob   DEALS '));
    expect(byAlias.blacklist.map((b) => b.id)).toEqual(['b1']);
    const nothing = await store.candidates(identity('shop-2', 'Alice'));
    expect(nothing).toEqual({ companies: [], anchors: [], blacklist: [] });
  });

  it('does not match accounts across platforms', async () => {
    await store.replace(parseSnapshot(makeSnapshot()), { trustedKeyids: [], source: 'test', now });
    expect((await store.candidates({ ...identity('shop-1'), platform: 'douyin' })).companies).toEqual([]);
  });

  it('replaces the whole registry: entries of the old snapshot are gone', async () => {
    await store.replace(parseSnapshot(makeSnapshot()), { trustedKeyids: [], source: 'test', now });
    await store.replace(parseSnapshot(makeSnapshot({ version: 2, companies: [] })), { trustedKeyids: [], source: 'test', now });
    expect((await store.candidates(identity('shop-1'))).companies).toEqual([]);
    expect((await store.header())?.version).toBe(2);
  });

  it('keeps the stored registry when an import fails half-way', async () => {
    await store.replace(parseSnapshot(makeSnapshot()), { trustedKeyids: [], source: 'test', now });
    const broken = parseSnapshot(makeSnapshot({ version: 2 }));
    // A value IndexedDB cannot store aborts the transaction after earlier writes were queued.
    (broken.blacklist[0] as unknown as Record<string, unknown>).uncloneable = () => undefined;
    await expect(store.replace(broken, { trustedKeyids: [], source: 'test', now })).rejects.toThrow();
    expect((await store.header())?.version).toBe(1);
    expect((await store.candidates(identity('shop-1'))).companies.map((c) => c.id)).toEqual(['c1']);
  });

  it('survives a reopen (the worker restarts)', async () => {
    await store.replace(parseSnapshot(makeSnapshot()), { trustedKeyids: [], source: 'test', now });
    store.close();
    store = await RegistryStore.open(dbName);
    expect((await store.header())?.version).toBe(1);
  });
});

describe('installSnapshot', () => {
  it('installs a signed snapshot and refuses the same version again (rollback)', async () => {
    const text = await signer.sign(makeSnapshot({ version: 5 }));
    expect(await install(text)).toMatchObject({ installed: true, header: { version: 5 } });
    expect(await install(text)).toMatchObject({ installed: false, code: 'rollback' });
    expect(await install(await signer.sign(makeSnapshot({ version: 4 })))).toMatchObject({ installed: false, code: 'rollback' });
    expect((await store.lastRejection())?.code).toBe('rollback');
  });

  it('refuses a snapshot with one flipped byte, records why, and still answers as before', async () => {
    expect(await install(await signer.sign(makeSnapshot({ version: 1 })))).toMatchObject({ installed: true });
    const before = await store.candidates(identity('shop-1'));
    const next = await signer.sign(makeSnapshot({ version: 2, companies: [] }));
    const envelope = JSON.parse(next) as { payload: string };
    const i = Math.floor(envelope.payload.length / 2);
    const flipped = next.replace(envelope.payload, envelope.payload.slice(0, i) + (envelope.payload[i] === 'A' ? 'B' : 'A') + envelope.payload.slice(i + 1));
    const result = await install(flipped);
    expect(result).toMatchObject({ installed: false });
    expect(['bad-signature', 'malformed-envelope']).toContain(result.installed ? '' : result.code);
    expect(await store.lastRejection()).toMatchObject({ source: 'test', at: now.toISOString() });
    expect((await store.header())?.version).toBe(1);
    expect(await store.candidates(identity('shop-1'))).toEqual(before);
  });

  it('refuses a snapshot signed by a key that is not pinned', async () => {
    const stranger = await testSigner();
    expect(await install(await stranger.sign(makeSnapshot()))).toMatchObject({ installed: false, code: 'untrusted-key' });
    expect(await store.header()).toBeUndefined();
  });
});

describe('name keys across versions', () => {
  it('re-keys names stored by an older normalisation when the database is opened', async () => {
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
    const entry = parseSnapshot(makeSnapshot()).blacklist[0]!;
    await old.put('subjects', { kind: 'blacklist', key: 'blacklist:b1', data: { ...entry, aliases: ['刀哥說好物'] }, accountKeys: [], nameKeys: ['刀哥說好物'] });
    await old.put('meta', { version: 1 }, 'header');
    old.close();

    const reopened = await RegistryStore.open(name);
    // 說 (traditional) now folds to 说: the simplified page name finds the listing.
    expect((await reopened.candidates(identity('someone', '刀哥说好物'))).blacklist.map((b) => b.id)).toEqual(['b1']);
    reopened.close();
  });
});
