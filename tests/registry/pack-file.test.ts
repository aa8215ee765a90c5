/**
 * Registry packs (lib/registry/pack-file.ts): a pack installs into the store and answers exactly
 * as its JSON snapshot does; every kind of damage is refused with a reason, the stored registry
 * kept as it was.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { base64ToBytes } from '../../lib/encoding/base64';
import { concatBytes } from '../../lib/encoding/bytes';
import { signEnvelope } from '../../lib/registry/dsse';
import { INDEX_FORMAT } from '../../lib/registry/index-shard';
import { buildPackFile, isPackFile, openPack, PACK_PAYLOAD_TYPE } from '../../lib/registry/pack-file';
import { NAME_KEY_VERSION } from '../../lib/names/normalize';
import { RegistryStore } from '../../lib/registry/store';
import { SnapshotRejected } from '../../lib/registry/verify';
import { gzipBest } from '../../scripts/registry/gzip-best';
import { seededRandom } from '../support/random';
import { refusal } from '../support/refusal';
import { makeSnapshot, parseSnapshot, testSigner, type TestSigner } from '../support/snapshot';

const now = new Date('2026-11-24T12:00:00Z');
const identities = [
  { accountId: 'shop-1' },
  { accountId: 'anchor-v' },
  { accountId: 'someone-new', anchorName: '  bob   DEALS ' },
  { accountId: 'nobody', anchorName: 'Nobody at all' },
].map(({ accountId, anchorName }) => ({ platform: 'demo', live: true, roomIds: [], accounts: [{ accountId, role: 'shop' as const }], anchorName, products: [] }));

let signer: TestSigner;
let stranger: TestSigner;
let packStore: RegistryStore;
let jsonStore: RegistryStore;

beforeEach(async () => {
  [signer, stranger] = await Promise.all([testSigner(), testSigner('stranger')]);
  packStore = await RegistryStore.open(`liveseal-pack-${Math.random()}`);
  jsonStore = await RegistryStore.open(`liveseal-json-${Math.random()}`);
});
afterEach(() => {
  packStore.close();
  jsonStore.close();
});

const opened = (bytes: Uint8Array, keys = signer.trusted) => openPack(bytes, { trustedKeys: keys });
const reject = (promise: Promise<unknown>) => refusal(promise, SnapshotRejected);

describe('registry packs', () => {
  // The publisher tool compresses with Node's zlib at level 9, the extension with fflate.
  it.each([
    ['fflate', undefined],
    ["the publisher tool's zlib", gzipBest],
  ])('installs a pack (gzip: %s) that answers every lookup exactly as the same snapshot installed as JSON', async (_, gzip) => {
    const snapshot = parseSnapshot(makeSnapshot({ version: 3 }));
    const bytes = await buildPackFile(snapshot, [signer.signer], gzip);
    expect(isPackFile(bytes)).toBe(true);
    await packStore.replace(await opened(bytes), { trustedKeyids: [], source: 'pack', now });
    await jsonStore.replace(snapshot, { trustedKeyids: [], source: 'json', now });
    expect((await packStore.header())?.version).toBe(3);
    for (const identity of identities) expect(await packStore.candidates(identity)).toEqual(await jsonStore.candidates(identity));
    expect(await packStore.snapshot()).toEqual(await jsonStore.snapshot());
  });

  it('re-indexes a pack made with another name normalisation instead of trusting its name keys', async () => {
    const snapshot = parseSnapshot(makeSnapshot());
    const pack = await opened(await buildPackFile(snapshot, [signer.signer]));
    // Index shards of another normalisation: none of their name keys would be found.
    const foreign = { ...pack, layout: { ...pack.layout, nameKeyVersion: NAME_KEY_VERSION + 1 }, index: pack.index.map(() => pack.index[0]!.slice(0, 0)) };
    await packStore.replace(foreign, { trustedKeyids: [], source: 'pack', now });
    expect((await packStore.candidates(identities[2]!)).blacklist.map((b) => b.id)).toEqual(['b1']);
  });

  it('refuses a pack signed by an unknown key, a truncated one, one with bytes added, and a wrong start', async () => {
    const bytes = await buildPackFile(parseSnapshot(makeSnapshot()), [signer.signer]);
    expect(await reject(opened(bytes, stranger.trusted))).toMatchObject({ code: 'untrusted-key' });
    expect(await reject(opened(bytes.slice(0, bytes.length - 1)))).toMatchObject({ code: 'malformed-envelope', message: expect.stringContaining('truncated') });
    expect(await reject(opened(bytes.slice(0, 40)))).toMatchObject({ code: 'malformed-envelope' });
    const longer = new Uint8Array(bytes.length + 1);
    longer.set(bytes);
    expect(await reject(opened(longer))).toMatchObject({ code: 'malformed-envelope' });
    expect(await reject(opened(new TextEncoder().encode('{"payloadType":"x"}')))).toMatchObject({ code: 'malformed-envelope' });
  });

  it('refuses a pack of another format by name, and a signed manifest whose lists disagree or whose index it cannot read', async () => {
    const bytes = await buildPackFile(parseSnapshot(makeSnapshot()), [signer.signer]);
    const formatOne = bytes.slice();
    formatOne.set(new TextEncoder().encode('LIVESEAL-PACK/1'));
    expect(await reject(opened(formatOne))).toMatchObject({ code: 'malformed-envelope', message: expect.stringContaining('format LIVESEAL-PACK/1: this version reads LIVESEAL-PACK/2') });
    expect(await reject(opened(await resigned(bytes, (m) => (m.shards.sha256 = m.shards.sha256.slice(64)))))).toMatchObject({ code: 'schema', message: expect.stringContaining('digests for') });
    expect(await reject(opened(await resigned(bytes, (m) => m.shards.bytes.pop())))).toMatchObject({ code: 'schema', message: expect.stringContaining('shards listed') });
    expect(await reject(opened(await resigned(bytes, (m) => (m.layout.indexFormat = 1))))).toMatchObject({ code: 'schema', message: expect.stringContaining('indexFormat') });
    // The unchanged manifest, signed again, still opens: the refusals above are the changes'.
    expect((await opened(await resigned(bytes, () => undefined))).layout.indexFormat).toBe(INDEX_FORMAT);
  });

  /** The pack with its manifest changed by `change` and signed again by the trusted key. */
  async function resigned(bytes: Uint8Array, change: (manifest: any) => unknown): Promise<Uint8Array> {
    const text = new TextDecoder();
    const lengthStart = bytes.indexOf(10) + 1;
    const envelopeStart = bytes.indexOf(10, lengthStart) + 1;
    const envelopeEnd = envelopeStart + Number(text.decode(bytes.subarray(lengthStart, envelopeStart - 1)));
    const envelope = JSON.parse(text.decode(bytes.subarray(envelopeStart, envelopeEnd)));
    const manifest = JSON.parse(text.decode(base64ToBytes(envelope.payload)!));
    change(manifest);
    const signed = new TextEncoder().encode(JSON.stringify(await signEnvelope(PACK_PAYLOAD_TYPE, new TextEncoder().encode(JSON.stringify(manifest)), [signer.signer])));
    return concatBytes([bytes.subarray(0, lengthStart), new TextEncoder().encode(`${signed.length}\n`), signed, bytes.subarray(envelopeEnd)]);
  }

  it('refuses every one of 1,000 random byte flips, and the stored registry keeps answering as before', async () => {
    const bytes = await buildPackFile(parseSnapshot(makeSnapshot({ version: 2 })), [signer.signer]);
    await packStore.replace(await opened(await buildPackFile(parseSnapshot(makeSnapshot({ version: 1 })), [signer.signer])), { trustedKeyids: [], source: 'pack', now });
    const before = await Promise.all(identities.map((i) => packStore.candidates(i)));
    const random = seededRandom(4);
    const codes = new Map<string, number>();
    for (let n = 0; n < 1000; n++) {
      const damaged = bytes.slice();
      const at = Math.floor(random() * damaged.length);
      damaged[at] = damaged[at]! ^ (1 + Math.floor(random() * 255));
      const refused = await reject(opened(damaged));
      codes.set(refused.code, (codes.get(refused.code) ?? 0) + 1);
    }
    // Flips in the shards are caught by their hashes, in the manifest by its signature or parse.
    expect(codes.get('hash-mismatch')).toBeGreaterThan(100);
    expect([...codes.keys()].every((c) => ['hash-mismatch', 'bad-signature', 'malformed-envelope', 'too-large', 'untrusted-key', 'wrong-payload-type'].includes(c))).toBe(true);
    expect((await packStore.header())?.version).toBe(1);
    expect(await Promise.all(identities.map((i) => packStore.candidates(i)))).toEqual(before);
  });
});
