/**
 * A registry pack on the wire: the shards of lib/registry/pack.ts behind a signed manifest, so a
 * client verifies one small signature and hashes bytes instead of parsing and validating a
 * 130 MB JSON document. One file, served where a snapshot would be:
 *
 *     LIVESEAL-PACK/2\n  <manifest envelope length in bytes>\n  <manifest: DSSE envelope JSON>
 *     <gzip'd data shards> <index shards> <gzip'd blacklisted names>, in manifest order
 *
 * The manifest carries the snapshot's header, the layout and each section's size and SHA-256:
 * the signature covers every byte through those hashes (as a TUF targets file does). Sizes are
 * one list of numbers and digests one string, not an object per section: a national manifest
 * is then ~0.5 MB that a fresh worker checks in ~75 ms, where format 1's 1.3 MB took ~135 ms
 * before the first byte could be stored. Subject data inside the shards is checked when a lookup reads it.
 */
import { z } from 'zod';
import { concatBytes } from '../encoding/bytes';
import { ChunkReader } from '../encoding/chunk-reader';
import { signEnvelope, type Envelope } from './dsse';
import type { Signer } from './keys';
import { INDEX_FORMAT } from './index-shard';
import { MAX_SHARDS } from './pack';
import type { ShardKind } from './records';
import { sha256Hex } from './canonical';
import { Snapshot } from './schema';
import { packSnapshot, type InstallRecord, type PackedRegistry, type RegistryStore, type SnapshotHeader, type StoredHeader } from './store';
import { checkSignatures, parseEnvelopeText, parsePayload, SnapshotRejected, type SignedKind } from './verify';

export const PACK_SCHEMA_ID = 'liveseal.registry-pack/v2';
export const PACK_PAYLOAD_TYPE = 'application/vnd.liveseal.registry-pack.v2+json';
/** Every pack format starts so; the format read here is MAGIC. */
const PREFIX = 'LIVESEAL-PACK/';
const MAGIC = `${PREFIX}2\n`;
const MAX_MANIFEST_BYTES = 16 * 1024 * 1024;
const MAX_SHARD_BYTES = 16 * 1024 * 1024;

const SectionBytes = z.number().int().positive().max(MAX_SHARD_BYTES);
const Section = z.strictObject({ bytes: SectionBytes, sha256: z.string().regex(/^[0-9a-f]{64}$/) });
const DIGEST_CHARS = 64;
const Count = z.number().int().min(0).max(5_000_000);
const Shards = z.number().int().min(1).max(MAX_SHARDS);
const { registry, version, issuedAt, expiresAt, gradeScale } = Snapshot.shape;

export const PackManifest = z
  .strictObject({
    schema: z.literal(PACK_SCHEMA_ID),
    registry,
    version,
    issuedAt,
    expiresAt,
    gradeScale,
    // Index shards are stored as they come: only an encoding this version reads is accepted.
    layout: z.strictObject({ dataShards: Shards, indexShards: Shards, nameKeyVersion: z.number().int().positive(), indexFormat: z.literal(INDEX_FORMAT) }),
    counts: z.strictObject({ companies: Count, anchors: Count, blacklist: Count }),
    /** Every shard, in file order: its size, and its SHA-256 in hex, the digests one after the other. */
    shards: z.strictObject({ bytes: z.array(SectionBytes).max(2 * MAX_SHARDS), sha256: z.string().regex(/^[0-9a-f]*$/) }),
    /** Every blacklisted name and alias with its entry id, for resemblance matching. */
    names: Section,
  })
  .superRefine((m, ctx) => {
    const { bytes, sha256 } = m.shards;
    if (bytes.length !== m.layout.dataShards + m.layout.indexShards) {
      ctx.addIssue({ code: 'custom', path: ['shards', 'bytes'], message: `${bytes.length} shards listed, the layout has ${m.layout.dataShards + m.layout.indexShards}` });
    }
    if (sha256.length !== bytes.length * DIGEST_CHARS) {
      ctx.addIssue({ code: 'custom', path: ['shards', 'sha256'], message: `${sha256.length / DIGEST_CHARS} digests for ${bytes.length} shards` });
    }
    if (Date.parse(m.expiresAt) <= Date.parse(m.issuedAt)) {
      ctx.addIssue({ code: 'custom', path: ['expiresAt'], message: 'expiresAt must be after issuedAt' });
    }
  });
export type PackManifest = z.infer<typeof PackManifest>;

export const PACK_KIND: SignedKind<PackManifest> = {
  payloadType: PACK_PAYLOAD_TYPE,
  schema: PackManifest,
  what: 'pack manifest',
  maxBytes: MAX_MANIFEST_BYTES,
};

const utf8 = new TextEncoder();
/** How a pack of any format starts: what tells it from a JSON snapshot served at the same URL. */
export const PACK_PREFIX = utf8.encode(PREFIX);

export function isPackFile(bytes: Uint8Array): boolean {
  return bytes.length >= PACK_PREFIX.length && PACK_PREFIX.every((b, i) => bytes[i] === b);
}

/**
 * The publisher's side: a validated snapshot, packed, hashed and signed, as one file. `gzip`
 * compresses its data shards and names: any gzip the extension's inflaters read (the publisher
 * tool passes Node's zlib at level 9, smaller than the extension's own fflate).
 */
export async function buildPackFile(snapshot: Snapshot, signers: Signer[], gzip?: (bytes: Uint8Array) => Uint8Array): Promise<Uint8Array> {
  // The same packing the store does for a JSON snapshot (its shards differ only in compression).
  const packed = packSnapshot(snapshot, gzip);
  const shards = [...packed.data, ...packed.index];
  const names = packed.names;
  const digests = await Promise.all(shards.map(sha256Hex));
  const manifest: PackManifest = {
    schema: PACK_SCHEMA_ID,
    registry: snapshot.registry,
    version: snapshot.version,
    issuedAt: snapshot.issuedAt,
    expiresAt: snapshot.expiresAt,
    gradeScale: snapshot.gradeScale,
    // Packed just now, so in this version's index format.
    layout: { ...packed.layout, indexFormat: INDEX_FORMAT },
    counts: { companies: snapshot.companies.length, anchors: snapshot.anchors.length, blacklist: snapshot.blacklist.length },
    shards: { bytes: shards.map((s) => s.length), sha256: digests.join('') },
    names: { bytes: names.length, sha256: await sha256Hex(names) },
  };
  const envelope: Envelope = await signEnvelope(PACK_PAYLOAD_TYPE, utf8.encode(JSON.stringify(manifest)), signers);
  const envelopeBytes = utf8.encode(JSON.stringify(envelope));
  return concatBytes([utf8.encode(MAGIC), utf8.encode(`${envelopeBytes.length}\n`), envelopeBytes, ...shards, names]);
}

const malformed = (message: string) => new SnapshotRejected('malformed-envelope', `pack ${message}`);

/**
 * The manifest at the start of a pack, checked: `threshold` trusted keys signed it, and it fits
 * the schema. The reader is left at the first section. Freshness (rollback, expiry) is the
 * caller's, as for a snapshot (checkFreshness).
 */
export async function readPackManifest(reader: ChunkReader, options: PackTrust): Promise<PackManifest> {
  const magic = await reader.readLine(MAGIC.length);
  const format = magic && new TextDecoder().decode(magic);
  if (!format?.startsWith(PREFIX)) throw malformed(`does not start with ${MAGIC.trim()}`);
  if (`${format}\n` !== MAGIC) throw malformed(`is format ${format}: this version reads ${MAGIC.trim()} (the publisher packs it again with \`registry pack\`)`);
  const line = await reader.readLine(9);
  const lengthText = line && new TextDecoder().decode(line);
  if (!lengthText || !/^[1-9]\d*$/.test(lengthText)) throw malformed('has no manifest length');
  const length = Number(lengthText);
  if (length > MAX_MANIFEST_BYTES) throw new SnapshotRejected('too-large', `pack manifest is ${length} bytes, the limit is ${MAX_MANIFEST_BYTES}`);
  const envelopeBytes = await reader.read(length);
  if (!envelopeBytes) throw malformed('is truncated inside its manifest');
  let envelopeText: string;
  try {
    envelopeText = new TextDecoder('utf-8', { fatal: true }).decode(envelopeBytes);
  } catch {
    throw malformed('manifest is not UTF-8');
  }
  const envelope = parseEnvelopeText(envelopeText, PACK_KIND.what, PACK_KIND.maxBytes);
  return parsePayload(await checkSignatures(envelope, PACK_PAYLOAD_TYPE, options.trustedKeys, options.threshold ?? 1), PackManifest);
}

export interface PackTrust {
  trustedKeys: Parameters<typeof checkSignatures>[2];
  threshold?: number;
}

/** Where a pack's checked shards go, in layout order: data shards (gzip'd), then index shards. */
export interface ShardSink {
  put(kind: ShardKind, shard: Uint8Array): Promise<void> | void;
}

/** Sections hashed ahead of the one being stored: hashing overlaps the download and the writes. */
const HASHES_AHEAD = 64;

/**
 * The sections after a checked manifest, each checked against its length and SHA-256 before it
 * goes to `sink`, and nothing after them. Returns the names section. A section that does not
 * match stops the reading: `sink` has then received only checked shards, and must drop them.
 */
export async function readPackSections(reader: ChunkReader, manifest: PackManifest, sink: ShardSink): Promise<Uint8Array> {
  const sizes = [...manifest.shards.bytes, manifest.names.bytes];
  const digest = (i: number) => (i < manifest.shards.bytes.length ? manifest.shards.sha256.slice(i * DIGEST_CHARS, (i + 1) * DIGEST_CHARS) : manifest.names.sha256);
  const { dataShards, indexShards } = manifest.layout;
  const ahead: { i: number; bytes: Uint8Array; sha256: Promise<string> }[] = [];
  let names: Uint8Array | undefined;
  const store = async () => {
    const { i, bytes, sha256 } = ahead.shift()!;
    if ((await sha256) !== digest(i)) throw new SnapshotRejected('hash-mismatch', `pack section ${i} does not hash to what the signed manifest lists`);
    if (i < dataShards) await sink.put('data', bytes);
    else if (i < dataShards + indexShards) await sink.put('index', bytes);
    else names = bytes;
  };
  for (const [i, size] of sizes.entries()) {
    const bytes = await reader.read(size);
    if (!bytes) throw malformed(`is truncated in section ${i} of ${sizes.length}`);
    ahead.push({ i, bytes, sha256: sha256Hex(bytes) });
    if (ahead.length > HASHES_AHEAD) await store();
  }
  while (ahead.length > 0) await store();
  if (!(await reader.atEnd())) throw malformed('holds bytes after the last section its manifest lists');
  return names!;
}

/** Untrusted bytes in memory → a pack the store may keep (readPackManifest, then readPackSections). */
export async function openPack(bytes: Uint8Array, options: PackTrust): Promise<PackedRegistry> {
  const reader = ChunkReader.of(bytes);
  const manifest = await readPackManifest(reader, options);
  const shards = { data: [] as Uint8Array[], index: [] as Uint8Array[] };
  const names = await readPackSections(reader, manifest, { put: (kind, shard) => void shards[kind].push(shard) });
  return {
    ...packHeader(manifest),
    layout: manifest.layout,
    // Views: the store copies shards into its records. The names section is stored as it is,
    // and a view would store the whole download with it.
    ...shards,
    names: names.slice(),
  };
}

/**
 * Writes a pack as it is read, after its manifest was checked (readPackManifest, and freshness
 * by the caller): each shard, once checked, beside the stored registry, which it replaces at the
 * end. Any refusal or failure on the way drops what was written; the stored registry stays.
 */
export async function writePack(store: Pick<RegistryStore, 'beginReplace'>, reader: ChunkReader, manifest: PackManifest, target: InstallRecord): Promise<StoredHeader> {
  const sizes = manifest.shards.bytes;
  const { dataShards } = manifest.layout;
  const replacement = await store.beginReplace({ layout: manifest.layout, dataSizes: sizes.slice(0, dataShards), indexSizes: sizes.slice(dataShards) });
  try {
    const names = await readPackSections(reader, manifest, replacement);
    // A copy: a view would store the whole downloaded chunk with it.
    return await replacement.commit(packHeader(manifest), names.slice(), target);
  } catch (e) {
    await replacement.abandon();
    throw e;
  }
}

/** The snapshot header a manifest carries. */
export function packHeader({ registry, version, issuedAt, expiresAt, gradeScale }: PackManifest): SnapshotHeader {
  return { registry, version, issuedAt, expiresAt, gradeScale };
}
