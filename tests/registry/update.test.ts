/** runUpdate against a real registry server on 127.0.0.1: deltas, fallbacks, faults, rotation. */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DELTA_PAYLOAD_TYPE, diffSnapshots } from '../../lib/registry/delta';
import { buildPackFile } from '../../lib/registry/pack-file';
import type { Snapshot, SnapshotInput } from '../../lib/registry/schema';
import { RegistryStore } from '../../lib/registry/store';
import { initialTrust, KEYSET_PAYLOAD_TYPE, KEYSET_SCHEMA_ID, type TrustState } from '../../lib/registry/trust';
import { planUpdate, runUpdate, type UpdateInput, type UpdateResult } from '../../lib/registry/update';
import { bigBody, dropMidBody, file, slowBody, startServer, status, type TestServer } from '../support/http-server';
import { makeSnapshot, parseSnapshot, signByAll, testSigner, type TestSigner } from '../support/snapshot';

const NOW = new Date('2026-11-24T12:00:00Z');

let server: TestServer;
let store: RegistryStore;
let publisher: TestSigner;
let root: TestSigner;
let trust: TrustState;

const SOURCE = () => ({
  snapshotUrl: server.url('/snapshot.json'),
  deltaUrl: (base: number) => server.url(`/deltas/${base}.json`),
  keysetUrl: (version: number) => server.url(`/keysets/${version}.json`),
});

/** v10 and v11 of one registry: v11 drops the blacklist entry and adds a shop. */
const v10 = parseSnapshot(makeSnapshot({ version: 10 }));
const v11Input: SnapshotInput = makeSnapshot({
  version: 11,
  blacklist: [],
  companies: [...makeSnapshot().companies!, { id: 'c2', name: 'New Shop', accounts: [{ platform: 'demo', accountId: 'shop-2', role: 'shop' }] }],
});
const v11 = parseSnapshot(v11Input);

const identities = ['shop-1', 'shop-2', 'anchor-v', 'anchor-banned'].map((accountId) => ({
  platform: 'demo',
  live: true,
  roomIds: [],
  accounts: [{ accountId, role: 'shop' as const }],
  products: [],
}));
const lookups = async () => Promise.all(identities.map((identity) => store.candidates(identity)));

beforeAll(async () => {
  server = await startServer();
  [publisher, root] = await Promise.all([testSigner('publisher'), testSigner('root')]);
});
afterAll(() => server.close());

beforeEach(async () => {
  store = await RegistryStore.open(`liveseal-update-${Math.random()}`);
  trust = initialTrust(publisher.trusted, { rootKeys: root.trusted });
  for (const path of ['/snapshot.json', '/deltas/10.json', '/keysets/2.json', '/keysets/3.json']) server.route(path, undefined);
});
afterEach(() => store.close());

function update(overrides: Partial<UpdateInput> = {}): Promise<UpdateResult> {
  return runUpdate({ store, source: SOURCE(), trust, now: NOW, limits: { timeoutMs: 1_000 }, loadBase: async () => v10, ...overrides });
}

async function storeV10(): Promise<void> {
  await store.replace(v10, { trustedKeyids: trust.keys.map((k) => k.keyid), source: 'test', now: NOW });
}

const deltaText = async (base: Snapshot, next: Snapshot, signer = publisher) => signer.signAs(DELTA_PAYLOAD_TYPE, await diffSnapshots(base, next));
const requested = () => server.requests.map((r) => r.path);

describe('planUpdate', () => {
  it('tries the delta from the stored version first, when deltas are published', () => {
    const source = { snapshotUrl: 'https://r.example/s.json', deltaUrl: (v: number) => `https://r.example/d/${v}.json` };
    expect(planUpdate({ version: 7 }, source)).toEqual([
      { kind: 'delta', url: 'https://r.example/d/7.json', baseVersion: 7 },
      { kind: 'full', url: 'https://r.example/s.json' },
    ]);
    expect(planUpdate(undefined, source)).toEqual([{ kind: 'full', url: 'https://r.example/s.json' }]);
    expect(planUpdate({ version: 7 }, { snapshotUrl: source.snapshotUrl })).toEqual([{ kind: 'full', url: source.snapshotUrl }]);
  });
});

describe('runUpdate: full snapshots', () => {
  it('installs a pack served at the snapshot URL, and refuses an older pack as a rollback', async () => {
    const pack = async (snapshot: Snapshot) => Buffer.from(await buildPackFile(snapshot, [publisher.signer]));
    let body = await pack(v11);
    server.route('/snapshot.json', (_req, res) => res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(body));
    expect(await update()).toMatchObject({ status: 'installed', via: 'full', header: { version: 11 } });
    expect((await store.candidates(identities[1]!)).companies.map((c) => c.id)).toEqual(['c2']);
    body = await pack(v10);
    expect(await update()).toMatchObject({ status: 'refused', code: 'rollback' });
    expect((await store.header())?.version).toBe(11);
  });

  it('installs into an empty store, then finds the same version up to date (by ETag or by version)', async () => {
    server.route('/snapshot.json', file(await publisher.sign(v11Input), { 'cache-control': 'max-age=21600' }));
    const first = await update();
    expect(first).toMatchObject({ status: 'installed', via: 'full', header: { version: 11 }, maxAgeSeconds: 21600, trustChanged: false });
    expect(first.etag).toBeDefined();
    // The stored snapshot is the next delta's base; no delta from 11 is published yet.
    const loadBase = () => store.snapshot();
    const byEtag = await update({ etag: first.etag, loadBase });
    expect(byEtag).toMatchObject({ status: 'up-to-date', etag: first.etag });
    expect(byEtag.attempts.map((a) => [a.step, a.outcome])).toEqual([
      ['keyset', 'not-found'],
      ['delta', 'not-found'],
      ['full', 'not-modified'],
    ]);
    expect(await update({ loadBase })).toMatchObject({ status: 'up-to-date', etag: first.etag });
    expect(await store.lastRejection()).toBeUndefined();
  });

  it('refuses an older snapshot (rollback) and records why', async () => {
    await storeV10();
    server.route('/snapshot.json', file(await publisher.sign(makeSnapshot({ version: 9 }))));
    const before = await lookups();
    expect(await update()).toMatchObject({ status: 'refused', code: 'rollback', source: server.url('/snapshot.json') });
    expect(await store.lastRejection()).toMatchObject({ code: 'rollback', source: server.url('/snapshot.json') });
    expect(await lookups()).toEqual(before);
  });

  it.each([
    ['500', status(500), 'http-status'],
    ['a connection dropped mid-body', dropMidBody(50_000, 10_000), 'network'],
    ['a body slower than the time limit', slowBody(50), 'timeout'],
    ['a body over the size limit', bigBody(300_000, false), 'too-large'],
  ])('leaves the stored registry intact on %s', async (_label, handler, code) => {
    await storeV10();
    const before = await lookups();
    const header = await store.header();
    server.route('/snapshot.json', handler);
    const result = await update({ loadBase: undefined, limits: { timeoutMs: 400, snapshotBytes: 200_000 } });
    expect(result).toMatchObject({ status: 'refused', code });
    expect(result.etag).toBeUndefined();
    expect(await store.header()).toEqual(header);
    expect(await lookups()).toEqual(before);
    expect(await store.lastRejection()).toMatchObject({ code, at: NOW.toISOString(), source: server.url('/snapshot.json') });
  });
});

describe('runUpdate: deltas', () => {
  beforeEach(async () => {
    await storeV10();
    server.route('/snapshot.json', file(await publisher.sign(v11Input)));
  });

  it('applies the delta from the stored version without fetching the full snapshot', async () => {
    server.route('/deltas/10.json', file(await deltaText(v10, v11)));
    server.requests.length = 0;
    const result = await update();
    expect(result).toMatchObject({ status: 'installed', via: 'delta', header: { version: 11, source: server.url('/deltas/10.json') } });
    expect(requested()).toEqual(['/keysets/2.json', '/deltas/10.json']);
    expect((await store.candidates(identities[1]!)).companies.map((c) => c.id)).toEqual(['c2']);
    expect((await store.candidates(identities[3]!)).blacklist).toEqual([]);
    expect((await store.snapshot())?.version).toBe(11);
  });

  it.each([
    ['no delta is published (404)', async () => undefined],
    ['the delta is for another base (wrong-base)', async () => deltaText(parseSnapshot(makeSnapshot({ version: 9 })), v11)],
    [
      'the delta result is not the publisher’s (hash-mismatch)',
      async () => publisher.signAs(DELTA_PAYLOAD_TYPE, { ...(await diffSnapshots(v10, v11)), resultSha256: '0'.repeat(64) }),
    ],
  ])('falls back to the full snapshot when %s, recording nothing', async (_label, delta) => {
    const text = await delta();
    if (text) server.route('/deltas/10.json', file(text));
    const result = await update();
    expect(result).toMatchObject({ status: 'installed', via: 'full', header: { version: 11 } });
    expect(result.attempts.map((a) => a.step)).toEqual(['keyset', 'delta', 'full']);
    expect(await store.lastRejection()).toBeUndefined();
  });

  it('skips the delta when no base snapshot is at hand', async () => {
    server.route('/deltas/10.json', file(await deltaText(v10, v11)));
    const result = await update({ loadBase: async () => undefined });
    expect(result).toMatchObject({ status: 'installed', via: 'full' });
    expect(result.attempts.find((a) => a.step === 'delta')?.outcome).toBe('no-base');
  });

  it('refuses a delta signed by an untrusted key, without falling back, and keeps v10', async () => {
    const stranger = await testSigner('stranger');
    server.route('/deltas/10.json', file(await deltaText(v10, v11, stranger)));
    const before = await lookups();
    expect(await update()).toMatchObject({ status: 'refused', code: 'untrusted-key', source: server.url('/deltas/10.json') });
    expect((await store.header())?.version).toBe(10);
    expect(await lookups()).toEqual(before);
    expect(await store.lastRejection()).toMatchObject({ code: 'untrusted-key' });
  });
});

describe('runUpdate: key rotation', () => {
  const keySet = (version: number, keys: TestSigner[], rootKeys: TestSigner[], extra = {}) => ({
    schema: KEYSET_SCHEMA_ID,
    version,
    keys: keys.flatMap((k) => k.trusted),
    threshold: 1,
    rootKeys: rootKeys.flatMap((k) => k.trusted),
    rootThreshold: 1,
    ...extra,
  });

  it('walks new key sets, then accepts only snapshots by the new key', async () => {
    const [newKey, newRoot] = await Promise.all([testSigner('new key'), testSigner('new root')]);
    await storeV10();
    server.route('/keysets/2.json', file(await signByAll(KEYSET_PAYLOAD_TYPE, keySet(2, [newKey], [newRoot]), [root, newRoot])));
    server.route('/snapshot.json', file(await publisher.sign(v11Input)));
    const refused = await update({ loadBase: undefined });
    expect(refused).toMatchObject({ status: 'refused', code: 'untrusted-key', trustChanged: true, trust: { version: 2 } });

    server.route('/snapshot.json', file(await newKey.sign(v11Input)));
    const result = await update({ loadBase: undefined, trust: refused.trust });
    expect(result).toMatchObject({ status: 'installed', trustChanged: false, header: { version: 11, trustedKeyids: [newKey.trusted[0]!.keyid] } });
    expect(result.attempts[0]).toMatchObject({ step: 'keyset', url: server.url('/keysets/3.json'), outcome: 'not-found' });
  });

  it('refuses a key set the root did not sign and fetches no snapshot', async () => {
    const attacker = await testSigner('attacker');
    await storeV10();
    server.route('/keysets/2.json', file(await attacker.signAs(KEYSET_PAYLOAD_TYPE, keySet(2, [attacker], [attacker]))));
    server.route('/snapshot.json', file(await attacker.sign(v11Input)));
    server.requests.length = 0;
    const before = await lookups();
    expect(await update()).toMatchObject({ status: 'refused', code: 'keyset-unsigned', trustChanged: false, trust });
    expect(requested()).toEqual(['/keysets/2.json']);
    expect(await lookups()).toEqual(before);
  });

  it('recovers from a fast-forward: once the signing key is rotated out, a lower version is accepted', async () => {
    const newKey = await testSigner('replacement');
    // A compromised publisher key pushed version 1,000,000.
    await store.replace(parseSnapshot(makeSnapshot({ version: 1_000_000 })), {
      trustedKeyids: [publisher.trusted[0]!.keyid],
      source: 'attacker',
      now: NOW,
    });
    server.route('/snapshot.json', file(await publisher.sign(v11Input)));
    expect(await update({ loadBase: undefined })).toMatchObject({ status: 'refused', code: 'rollback' });
    server.route('/keysets/2.json', file(await root.signAs(KEYSET_PAYLOAD_TYPE, keySet(2, [newKey], [root]))));
    server.route('/snapshot.json', file(await newKey.sign(v11Input)));
    expect(await update({ loadBase: undefined })).toMatchObject({ status: 'installed', header: { version: 11 } });
  });

  it('stops at an expired key set (freeze), keeping the rotation it walked', async () => {
    const newKey = await testSigner('short-lived');
    await storeV10();
    const expired = keySet(2, [newKey], [root], { expiresAt: '2026-11-01T00:00:00Z' });
    server.route('/keysets/2.json', file(await root.signAs(KEYSET_PAYLOAD_TYPE, expired)));
    server.route('/snapshot.json', file(await newKey.sign(v11Input)));
    expect(await update()).toMatchObject({ status: 'refused', code: 'keyset-expired', trustChanged: true, trust: { version: 2 } });
    expect((await store.header())?.version).toBe(10);
  });
});
