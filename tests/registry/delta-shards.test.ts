/**
 * A delta applied in place to the stored shards (lib/registry/delta-shards.ts) gives the very
 * registry that applying it to the whole snapshot and installing that gives, and refuses
 * exactly what applyDelta refuses, leaving the store untouched.
 */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { gunzip, gzip } from '../../lib/encoding/gzip';
import { canonicalSnapshotJson } from '../../lib/registry/canonical';
import { applyDelta, DELTA_PAYLOAD_TYPE, DeltaPayload, diffSnapshots } from '../../lib/registry/delta';
import { applyDeltaToShards, canonicalResultBytes, splitDataShard } from '../../lib/registry/delta-shards';
import { packSubjects, subjectsOf } from '../../lib/registry/pack';
import type { Anchor, BlacklistEntry, Company, Snapshot } from '../../lib/registry/schema';
import { RegistryStore, type StoredShards } from '../../lib/registry/store';
import { runUpdate } from '../../lib/registry/update';
import { initialTrust } from '../../lib/registry/trust';
import { SnapshotRejected } from '../../lib/registry/verify';
import type { PageIdentity } from '../../lib/identity';
import { seededRandom } from '../support/random';
import { refusal } from '../support/refusal';
import { makeSnapshot, parseSnapshot, testSigner } from '../support/snapshot';

const NOW = new Date('2026-11-24T12:00:00Z');
/** Text a byte scanner could trip on: quotes, backslashes, JSON-looking pieces, non-ASCII. */
const AWKWARD = ['"', '\\', '\\"', '"id":"x"', '],[', '{"a":[1]}', '日本', '😀', '\u2028', '\n', 'é', ' '];

function registry(random: () => number, n: number): Snapshot {
  const word = () => Array.from({ length: 1 + Math.floor(random() * 4) }, () => AWKWARD[Math.floor(random() * AWKWARD.length)]).join('') + Math.floor(random() * 1e6);
  const companies: Company[] = Array.from({ length: n }, (_, i) => ({
    id: `c-${i}`,
    name: `Shop ${word()}`,
    aliases: [word()],
    certificates: [
      { number: `N-${i}`, scheme: 'S', issuer: word(), grade: 'g1', issuedOn: '2026-01-01', expiresOn: '2028-01-01', audits: [], status: 'valid' },
    ],
    accounts: [{ platform: 'demo', accountId: `shop-${i}-${word()}`, role: 'shop', virtual: false }],
  }));
  const anchors: Anchor[] = Array.from({ length: n }, (_, i) => ({
    id: `a.${i}`,
    name: `Anchor ${word()}`,
    aliases: [],
    companyId: `c-${i % n}`,
    accounts: [{ platform: 'demo', accountId: `anchor-${i}`, role: 'anchor', virtual: false }],
  }));
  const blacklist: BlacklistEntry[] = Array.from({ length: n }, (_, i) => ({
    id: `b:${i}`,
    kind: 'anchor',
    names: [`Banned ${word()}`],
    aliases: [word()],
    accounts: [{ platform: 'demo', accountId: `banned-${i}` }],
    reasons: [{ zh: word(), en: word() }],
    measures: [],
    listedOn: '2026-01-01',
    authority: 'A',
  }));
  return parseSnapshot(makeSnapshot({ version: 10, companies, anchors, blacklist }));
}

/** Some entries edited (names, accounts, certificates), some removed, some added. */
function churned(base: Snapshot, random: () => number): Snapshot {
  const pick = <T,>(items: T[]) => items.filter(() => random() < 0.1);
  const edited = new Set(pick(base.companies).map((c) => c.id));
  const removed = new Set(pick(base.blacklist).map((b) => b.id));
  return parseSnapshot({
    ...base,
    version: 11,
    issuedAt: '2026-11-20T00:00:00Z',
    companies: [
      ...base.companies.map((c) => (edited.has(c.id) ? { ...c, name: `${c.name} "renamed"`, accounts: [...c.accounts, { platform: 'demo', accountId: `${c.id}-new`, role: 'shop' as const }] } : c)),
      { ...base.companies[0]!, id: 'c-new', name: 'Brand-new 新店', accounts: [{ platform: 'demo', accountId: 'brand-new', role: 'shop' }] },
    ],
    anchors: base.anchors.filter((a) => !a.id.endsWith('3')),
    blacklist: [
      ...base.blacklist.filter((b) => !removed.has(b.id)).map((b, i) => (i % 7 === 0 ? { ...b, aliases: [...b.aliases, `alias of ${b.id}`] } : b)),
      { ...base.blacklist[0]!, id: 'b:new', names: ['Newly Banned'] },
    ],
  });
}

const stores: RegistryStore[] = [];
afterEach(() => stores.splice(0).forEach((s) => s.close()));

async function storeOf(snapshot: Snapshot): Promise<RegistryStore> {
  const store = await RegistryStore.open(`liveseal-delta-shards-${Math.random()}`);
  stores.push(store);
  await store.replace(snapshot, { trustedKeyids: ['k'], source: 'test', now: NOW });
  return store;
}

const received = async (base: Snapshot, next: Snapshot) => DeltaPayload.parse(JSON.parse(JSON.stringify(await diffSnapshots(base, next))));
const TARGET = { trustedKeyids: ['k'], source: 'delta', now: NOW };

/** Everything a lookup can see: each subject's candidates by account and by name, and the names for resemblance. */
async function answers(store: RegistryStore, snapshot: Snapshot) {
  const identities: PageIdentity[] = [...subjectsOf(snapshot)].map((s) => ({
    platform: 'demo',
    live: true,
    roomIds: [],
    accounts: s.data.accounts.map((a) => ({ accountId: a.accountId, role: 'shop' as const })),
    shopName: 'name' in s.data ? s.data.name : s.data.names[0],
    products: [],
  }));
  const sorted = <T extends { id: string }>(xs: T[]) => [...xs].sort((a, b) => (a.id < b.id ? -1 : 1));
  const found = await Promise.all(
    identities.map(async (identity) => {
      const c = await store.candidates(identity);
      return { companies: sorted(c.companies), anchors: sorted(c.anchors), blacklist: sorted(c.blacklist) };
    }),
  );
  const index = await store.resemblanceIndex();
  // Entries come in shard order, which depends on the layout.
  return { found, names: index?.toData(), blacklist: sorted(await store.blacklistEntries(snapshot.blacklist.map((b) => b.id))) };
}

describe('splitDataShard', () => {
  it('cuts every entry of a packed shard out of its bytes, awkward strings included', () => {
    const snapshot = registry(seededRandom(1), 60);
    const packed = packSubjects([...subjectsOf(snapshot)]);
    const entries = packed.data.flatMap(splitDataShard);
    expect(entries).toHaveLength(180);
    const decoder = new TextDecoder();
    for (const e of entries) {
      const [, , data] = JSON.parse(decoder.decode(e.entry)) as [number, string, { id: string }];
      expect(JSON.parse(decoder.decode(e.data))).toEqual(data);
      expect(e.id).toBe(data.id);
    }
    expect(() => splitDataShard(new TextEncoder().encode('[[1,"c",{"name":"no id"}]]'))).toThrow(/not a list/);
  });

  it('with the header, rebuild canonicalSnapshotJson byte for byte', () => {
    const snapshot = registry(seededRandom(2), 40);
    const entries = packSubjects([...subjectsOf(snapshot)]).data.flatMap(splitDataShard);
    const byId = (kind: string) => entries.filter((e) => e.kind === kind).sort((a, b) => (a.id < b.id ? -1 : 1));
    const { companies: _c, anchors: _a, blacklist: _b, ...header } = snapshot;
    const bytes = canonicalResultBytes(header, { company: byId('company'), anchor: byId('anchor'), blacklist: byId('blacklist') });
    expect(new TextDecoder().decode(bytes)).toBe(canonicalSnapshotJson(snapshot));
  });
});

describe('applyDeltaToShards', () => {
  it('leaves the store answering exactly as applying the delta to the whole snapshot and installing it', async () => {
    const random = seededRandom(3);
    const base = registry(random, 80);
    const next = churned(base, random);
    const delta = await received(base, next);
    const store = await storeOf(base);
    const change = await applyDeltaToShards((await store.storedShards())!, delta);
    expect(await change.writeTo(TARGET)).toMatchObject({ version: 11, source: 'delta', importedAt: NOW.toISOString() });

    // Rewritten shards are laid out as pack.ts writes them: one entry per line.
    const packedLike = (await store.storedShards())!.data.map((gz) => new TextDecoder().decode(gunzip(gz)));
    expect(packedLike.filter((text) => text !== '[]' && !/^\[\n[^\n]+(,\n[^\n]+)*\n\]$/.test(text))).toEqual([]);
    const reference = await storeOf(await applyDelta(base, delta));
    expect(await store.snapshot()).toEqual(await reference.snapshot());
    expect(canonicalSnapshotJson((await store.snapshot())!)).toBe(canonicalSnapshotJson(next));
    expect(await answers(store, next)).toEqual(await answers(reference, next));
    // What the delta removed is gone from the lookups too.
    const gone = base.blacklist.find((b) => !next.blacklist.some((n) => n.id === b.id))!;
    const lookup = await store.candidates({ platform: 'demo', live: true, roomIds: [], accounts: [{ accountId: gone.accounts[0]!.accountId, role: 'shop' }], products: [] });
    expect(lookup.blacklist).toEqual([]);

    // And a second delta applies on top of the first.
    const third = parseSnapshot({ ...next, version: 12, companies: next.companies.slice(1) });
    await (await applyDeltaToShards((await store.storedShards())!, await received(next, third))).writeTo(TARGET);
    expect(canonicalSnapshotJson((await store.snapshot())!)).toBe(canonicalSnapshotJson(third));
  });

  it('checks every company against a new grade scale', async () => {
    const base = registry(seededRandom(4), 10);
    const store = await storeOf(base);
    const before = await store.snapshot();
    const unchanged = await received(base, { ...base, version: 11 });
    const delta = { ...unchanged, changes: { ...unchanged.changes, gradeScale: [{ id: 'g2', label: { zh: '二', en: 'Two' }, colour: '#000000' }] } };
    const refused = await refusal(applyDeltaToShards((await store.storedShards())!, delta), SnapshotRejected);
    expect(refused).toMatchObject({ code: 'schema', message: expect.stringMatching(/grade "g1" is not in gradeScale/) });
    expect(await store.snapshot()).toEqual(before);
  });

  it('refuses a wrong base, another registry, a rollback and a result that is not the publisher’s, writing nothing', async () => {
    const random = seededRandom(5);
    const base = registry(random, 30);
    const next = churned(base, random);
    const delta = await received(base, next);
    const store = await storeOf(base);
    const before = { snapshot: await store.snapshot(), header: await store.header() };
    const shards = (await store.storedShards())!;
    const cases: [DeltaPayload, string][] = [
      [{ ...delta, baseVersion: 9 }, 'wrong-base'],
      [{ ...delta, registryId: 'another' }, 'wrong-registry'],
      [{ ...delta, baseVersion: 10, version: 10 }, 'rollback'],
      [{ ...delta, resultSha256: '0'.repeat(64) }, 'hash-mismatch'],
      // A tampered change: the hash no longer matches what the publisher built.
      [{ ...delta, changes: { ...delta.changes, companies: { upsert: delta.changes.companies.upsert.slice(1), remove: [] } } }, 'hash-mismatch'],
      [{ ...delta, expiresAt: '2027-11-02T00:00:00Z' }, 'hash-mismatch'],
    ];
    for (const [bad, code] of cases) {
      expect(await refusal(applyDeltaToShards(shards, bad), SnapshotRejected)).toMatchObject({ code });
    }
    // A store whose shards are not canonical entries takes no delta (the full snapshot replaces it).
    const garbled: StoredShards = { ...shards, data: [gzip(new TextEncoder().encode('[[1,"c",{"name":"no id"}]]')), ...shards.data.slice(1)] };
    expect(await refusal(applyDeltaToShards(garbled, delta), SnapshotRejected)).toMatchObject({ code: 'hash-mismatch' });
    expect({ snapshot: await store.snapshot(), header: await store.header() }).toEqual(before);
  });

  it('writes nothing when the stored registry was replaced while the delta was applied', async () => {
    const random = seededRandom(6);
    const base = registry(random, 20);
    const store = await storeOf(base);
    const change = await applyDeltaToShards((await store.storedShards())!, await received(base, churned(base, random)));
    const other = parseSnapshot(makeSnapshot({ version: 50 }));
    await store.replace(other, { trustedKeyids: ['k'], source: 'full', now: NOW });
    expect(await refusal(change.writeTo(TARGET), SnapshotRejected)).toMatchObject({ code: 'wrong-base' });
    expect(await store.snapshot()).toEqual(await (await storeOf(other)).snapshot());
  });
});

describe('runUpdate with the stored shards as the base', () => {
  it('installs a signed delta in place, and falls back to the full snapshot when its hash does not match', async () => {
    const signer = await testSigner('publisher');
    const random = seededRandom(7);
    const base = registry(random, 30);
    const next = churned(base, random);
    const store = await storeOf(base);
    const origin = 'https://registry.example';
    const delta = await received(base, next);
    let deltaText = await signer.signAs(DELTA_PAYLOAD_TYPE, delta);
    const fetchImpl = async (url: string | URL | Request) => {
      const path = new URL(String(url)).pathname;
      if (path === '/deltas/10.json') return new Response(deltaText);
      if (path === '/snapshot.json') return new Response(await signer.sign(next));
      return new Response('', { status: 404 });
    };
    const update = () =>
      runUpdate({
        store,
        source: { snapshotUrl: `${origin}/snapshot.json`, deltaUrl: (v) => `${origin}/deltas/${v}.json` },
        trust: initialTrust(signer.trusted, { threshold: 1 }),
        loadBase: () => store.storedShards(),
        now: NOW,
        fetchImpl,
      });
    expect(await update()).toMatchObject({ status: 'installed', via: 'delta', header: { version: 11 } });
    expect(canonicalSnapshotJson((await store.snapshot())!)).toBe(canonicalSnapshotJson(next));

    await store.replace(base, { trustedKeyids: signer.trusted.map((k) => k.keyid), source: 'test', now: NOW });
    deltaText = await signer.signAs(DELTA_PAYLOAD_TYPE, { ...delta, resultSha256: 'f'.repeat(64) });
    const fallback = await update();
    expect(fallback).toMatchObject({ status: 'installed', via: 'full', header: { version: 11 } });
    expect(fallback.attempts.find((a) => a.step === 'delta')).toMatchObject({ outcome: 'hash-mismatch' });
  });
});
