/**
 * A registry pack on the wire: the shards of lib/registry/pack.ts behind a signed manifest, so a
 * client verifies one small signature and hashes bytes instead of parsing and validating a
 * 130 MB JSON document. One file, served where a snapshot would be:
 *
 *     LIVESEAL-PACK/1\n  <manifest envelope length in bytes>\n  <manifest: DSSE envelope JSON>
 *     <gzip'd data shards> <index shards> <gzip'd blacklisted names>, in manifest order
 *
 * The manifest carries the snapshot's header, the layout and each shard's size and SHA-256:
 * the signature covers every byte through those hashes (as a TUF targets file does).
 * Subject data inside the shards is checked against the schema when a lookup reads it.
 */
import { z } from 'zod';
import { concatBytes } from '../encoding/bytes';
import { signEnvelope, type Envelope } from './dsse';
import type { Signer } from './keys';
import { MAX_SHARDS } from './pack';
import { sha256Hex } from './canonical';
import { Snapshot } from './schema';
import { packSnapshot, type PackedRegistry } from './store';
import { checkSignatures, parseEnvelopeText, parsePayload, SnapshotRejected, type SignedKind } from './verify';

export const PACK_SCHEMA_ID = 'liveseal.registry-pack/v1';
export const PACK_PAYLOAD_TYPE = 'application/vnd.liveseal.registry-pack.v1+json';
const MAGIC = 'LIVESEAL-PACK/1\n';
const MAX_MANIFEST_BYTES = 16 * 1024 * 1024;
const MAX_SHARD_BYTES = 16 * 1024 * 1024;

const Section = z.strictObject({ bytes: z.number().int().positive().max(MAX_SHARD_BYTES), sha256: z.string().regex(/^[0-9a-f]{64}$/) });
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
    layout: z.strictObject({ dataShards: Shards, indexShards: Shards, nameKeyVersion: z.number().int().positive() }),
    counts: z.strictObject({ companies: Count, anchors: Count, blacklist: Count }),
    shards: z.array(Section).max(2 * MAX_SHARDS),
    /** Every blacklisted name and alias with its entry id, for resemblance matching. */
    names: Section,
  })
  .superRefine((m, ctx) => {
    if (m.shards.length !== m.layout.dataShards + m.layout.indexShards) {
      ctx.addIssue({ code: 'custom', path: ['shards'], message: `${m.shards.length} shards listed, the layout has ${m.layout.dataShards + m.layout.indexShards}` });
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
const magicBytes = utf8.encode(MAGIC);

export function isPackFile(bytes: Uint8Array): boolean {
  return bytes.length >= magicBytes.length && magicBytes.every((b, i) => bytes[i] === b);
}

/** The publisher's side: a validated snapshot, packed, hashed and signed, as one file. */
export async function buildPackFile(snapshot: Snapshot, signers: Signer[]): Promise<Uint8Array> {
  // The same packing the store does for a JSON snapshot, so both hold identical shards.
  const packed = packSnapshot(snapshot);
  const shards = [...packed.data, ...packed.index];
  const names = packed.names;
  const section = async (s: Uint8Array) => ({ bytes: s.length, sha256: await sha256Hex(s) });
  const manifest: PackManifest = {
    schema: PACK_SCHEMA_ID,
    registry: snapshot.registry,
    version: snapshot.version,
    issuedAt: snapshot.issuedAt,
    expiresAt: snapshot.expiresAt,
    gradeScale: snapshot.gradeScale,
    layout: packed.layout,
    counts: { companies: snapshot.companies.length, anchors: snapshot.anchors.length, blacklist: snapshot.blacklist.length },
    shards: await Promise.all(shards.map(section)),
    names: await section(names),
  };
  const envelope: Envelope = await signEnvelope(PACK_PAYLOAD_TYPE, utf8.encode(JSON.stringify(manifest)), signers);
  const envelopeBytes = utf8.encode(JSON.stringify(envelope));
  return concatBytes([magicBytes, utf8.encode(`${envelopeBytes.length}\n`), envelopeBytes, ...shards, names]);
}

const malformed = (message: string) => new SnapshotRejected('malformed-envelope', `pack ${message}`);

/** The manifest's envelope and where the shards start; nothing is trusted yet. */
function splitPack(bytes: Uint8Array): { envelopeText: string; shardsAt: number } {
  if (!isPackFile(bytes)) throw malformed('does not start with LIVESEAL-PACK/1');
  const lineEnd = bytes.indexOf(0x0a, magicBytes.length);
  const lengthText = new TextDecoder().decode(bytes.subarray(magicBytes.length, lineEnd));
  if (lineEnd < 0 || lineEnd - magicBytes.length > 9 || !/^[1-9]\d*$/.test(lengthText)) throw malformed('has no manifest length');
  const length = Number(lengthText);
  if (length > MAX_MANIFEST_BYTES) throw new SnapshotRejected('too-large', `pack manifest is ${length} bytes, the limit is ${MAX_MANIFEST_BYTES}`);
  const shardsAt = lineEnd + 1 + length;
  if (shardsAt > bytes.length) throw malformed(`is truncated inside its manifest`);
  let envelopeText: string;
  try {
    envelopeText = new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(lineEnd + 1, shardsAt));
  } catch {
    throw malformed('manifest is not UTF-8');
  }
  return { envelopeText, shardsAt };
}

/**
 * Untrusted bytes → a pack the store may keep: the manifest's signature by `threshold` trusted
 * keys and its schema, then every shard's length and SHA-256 against it. Freshness (rollback,
 * expiry) is the caller's, as for a snapshot (checkFreshness).
 */
export async function openPack(
  bytes: Uint8Array,
  options: { trustedKeys: Parameters<typeof checkSignatures>[2]; threshold?: number },
): Promise<PackedRegistry> {
  const { envelopeText, shardsAt } = splitPack(bytes);
  const envelope = parseEnvelopeText(envelopeText, PACK_KIND.what, PACK_KIND.maxBytes);
  const manifest = parsePayload(await checkSignatures(envelope, PACK_PAYLOAD_TYPE, options.trustedKeys, options.threshold ?? 1), PackManifest);
  const sections = [...manifest.shards, manifest.names];
  const expected = sections.reduce((n, s) => n + s.bytes, 0);
  if (bytes.length - shardsAt !== expected) {
    throw malformed(`holds ${bytes.length - shardsAt} bytes of shards, the manifest lists ${expected}${bytes.length - shardsAt < expected ? ' (truncated)' : ''}`);
  }
  let at = shardsAt;
  const shards = sections.map((s) => {
    const shard = bytes.subarray(at, at + s.bytes);
    at += s.bytes;
    return shard;
  });
  const hashes = await Promise.all(shards.map(sha256Hex));
  const bad = hashes.findIndex((h, i) => h !== sections[i]!.sha256);
  if (bad >= 0) throw new SnapshotRejected('hash-mismatch', `pack section ${bad} does not hash to what the signed manifest lists`);
  const { layout } = manifest;
  return {
    registry: manifest.registry,
    version: manifest.version,
    issuedAt: manifest.issuedAt,
    expiresAt: manifest.expiresAt,
    gradeScale: manifest.gradeScale,
    layout,
    // Views: the store copies shards into its records. The names section is stored as it is,
    // and a view would store the whole download with it.
    data: shards.slice(0, layout.dataShards),
    index: shards.slice(layout.dataShards, -1),
    names: shards.at(-1)!.slice(),
  };
}
