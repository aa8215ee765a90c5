/**
 * The store contract, run against every implementation (store.test.ts):
 * what the verdict and update code rely on (header, replace, candidates, snapshot,
 * recordRejection, lastRejection), atomicity included.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { installSnapshot, type InstallStore } from '../../lib/registry/install';
import type { Candidates, Rejection, StoredHeader } from '../../lib/registry/store';
import type { PageIdentity } from '../../lib/identity';
import { makeSnapshot, parseSnapshot, testSigner, type TestSigner } from '../support/snapshot';

export interface ContractStore extends InstallStore {
  candidates(identity: PageIdentity): Promise<Candidates>;
  lastRejection(): Promise<Rejection | undefined>;
  header(): Promise<StoredHeader | undefined>;
  close(): void;
}

export function storeContract(open: (name: string) => Promise<ContractStore>): void {
  const now = new Date('2026-11-24T12:00:00Z');
  let store: ContractStore;
  let signer: TestSigner;
  let dbName: string;

  beforeEach(async () => {
    dbName = `liveseal-test-${Math.random()}`;
    store = await open(dbName);
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

  describe('store', () => {
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
      // Neither structured clone (a function) nor JSON (toJSON throws) can store it.
      (broken.blacklist[0] as unknown as Record<string, unknown>).uncloneable = { toJSON: () => { throw new Error('not storable'); } };
      await expect(store.replace(broken, { trustedKeyids: [], source: 'test', now })).rejects.toThrow();
      expect((await store.header())?.version).toBe(1);
      expect((await store.candidates(identity('shop-1'))).companies.map((c) => c.id)).toEqual(['c1']);
    });

    it('survives a reopen (the worker restarts)', async () => {
      await store.replace(parseSnapshot(makeSnapshot()), { trustedKeyids: [], source: 'test', now });
      store.close();
      store = await open(dbName);
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
}
