import { describe, expect, it } from 'vitest';
import { PackedRegistryStore, shardOf } from '../../lib/registry/packed-store';
import { makeSnapshot, parseSnapshot } from '../support/snapshot';
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

storeContract((name) => PackedRegistryStore.open(name));

describe('PackedRegistryStore', () => {
  it('gives the stored registry back as it was replaced (the base for a delta)', async () => {
    const store = await PackedRegistryStore.open(`liveseal-packed-${Math.random()}`);
    const snapshot = parseSnapshot(makeSnapshot());
    await store.replace(snapshot, { trustedKeyids: [], source: 'test', now });
    expect(await store.snapshot()).toEqual(snapshot);
    store.close();
  });

  it('finds every subject among thousands spread over many shards, warm and after a reopen', async () => {
    const name = `liveseal-packed-${Math.random()}`;
    let store = await PackedRegistryStore.open(name);
    const base = parseSnapshot(makeSnapshot());
    const company = base.companies[0]!;
    const companies = Array.from({ length: 3000 }, (_, i) => ({
      ...structuredClone(company),
      id: `x${i}`,
      name: `Company ${i}`,
      aliases: [],
      accounts: [{ platform: 'demo', accountId: `acct-${i}`, role: 'shop' as const, virtual: false }],
    }));
    await store.replace({ ...base, companies: [...base.companies, ...companies] }, { trustedKeyids: [], source: 'test', now });
    for (const i of [0, 1, 999, 2999]) {
      expect((await store.candidates(identity(`acct-${i}`))).companies.map((c) => c.id)).toEqual([`x${i}`]);
      expect((await store.candidates(identity('nobody', `company ${i}`))).companies.map((c) => c.id)).toEqual([`x${i}`]);
    }
    // A result is a copy: changing it does not change what the next lookup sees.
    (await store.candidates(identity('acct-5'))).companies[0]!.name = 'changed';
    expect((await store.candidates(identity('acct-5'))).companies[0]!.name).toBe('Company 5');
    store.close();
    store = await PackedRegistryStore.open(name);
    expect((await store.candidates(identity('acct-2000'))).companies.map((c) => c.id)).toEqual(['x2000']);
    store.close();
  });

  it('spreads keys over shards', () => {
    const counts = new Array<number>(16).fill(0);
    for (let i = 0; i < 16_000; i++) counts[shardOf(`a:douyin\u0000s${i}`, 16)]!++;
    expect(Math.min(...counts)).toBeGreaterThan(800);
  });
});
