/**
 * Registry deltas: the changes from snapshot version N to version M, signed like a snapshot but
 * under their own payload type. A delta names its registry, its exact base version and the
 * SHA-256 of the canonical payload of the snapshot it produces, so it can only turn the one
 * base it was made from into the one result the publisher built (mix-and-match protection).
 */
import { z } from 'zod';
import { canonicalJson, compareIds, snapshotSha256, sortedById, sortedKeysOf } from './canonical';
import {
  Anchor,
  BlacklistEntry,
  Company,
  RegistryInfo,
  Snapshot,
  SNAPSHOT_SCHEMA_ID,
} from './schema';
import {
  checkFreshness,
  MAX_SNAPSHOT_BYTES,
  openSigned,
  SnapshotRejected,
  type SignedKind,
  type VerifyOptions,
} from './verify';

export const DELTA_SCHEMA_ID = 'liveseal.registry-delta/v1';
/** DSSE payload type of a delta; a snapshot signature can never be replayed as a delta, nor back. */
export const DELTA_PAYLOAD_TYPE = 'application/vnd.liveseal.registry-delta.v1+json';

const Id = Company.shape.id;
const Version = Snapshot.shape.version;
const Instant = Snapshot.shape.issuedAt;
const Sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'a SHA-256 in lower-case hex');

/** Whole entries to add or replace (matched by id), and ids to drop. */
function listChanges<T extends z.ZodType>(entry: T, max: number) {
  return z
    .strictObject({ upsert: z.array(entry).max(max).default([]), remove: z.array(Id).max(max).default([]) })
    .default({ upsert: [], remove: [] });
}

const snapshotShape = Snapshot.shape;

export const DeltaPayload = z
  .strictObject({
    schema: z.literal(DELTA_SCHEMA_ID),
    registryId: Id,
    baseVersion: Version,
    version: Version,
    issuedAt: Instant,
    expiresAt: Instant,
    /** SHA-256 hex of canonicalSnapshotJson(result): see lib/registry/canonical.ts. */
    resultSha256: Sha256Hex,
    changes: z.strictObject({
      /** The registry's new description, when it changed. */
      registry: RegistryInfo.optional(),
      /** The new grade scale, when it changed. */
      gradeScale: snapshotShape.gradeScale.optional(),
      companies: listChanges(Company, 1_000_000),
      anchors: listChanges(Anchor, 5_000_000),
      blacklist: listChanges(BlacklistEntry, 1_000_000),
    }),
  })
  .superRefine((delta, ctx) => {
    if (delta.version <= delta.baseVersion) {
      ctx.addIssue({ code: 'custom', path: ['version'], message: 'version must be above baseVersion' });
    }
    if (Date.parse(delta.expiresAt) <= Date.parse(delta.issuedAt)) {
      ctx.addIssue({ code: 'custom', path: ['expiresAt'], message: 'expiresAt must be after issuedAt' });
    }
    for (const list of ['companies', 'anchors', 'blacklist'] as const) {
      const { upsert, remove } = delta.changes[list];
      const seen = new Set<string>();
      for (const id of [...upsert.map((entry) => entry.id), ...remove]) {
        if (seen.has(id)) {
          ctx.addIssue({ code: 'custom', path: ['changes', list], message: `id "${id}" is changed twice` });
          return;
        }
        seen.add(id);
      }
    }
  });
export type DeltaPayload = z.infer<typeof DeltaPayload>;
export type DeltaInput = z.input<typeof DeltaPayload>;

export const DELTA_KIND: SignedKind<DeltaPayload> = {
  payloadType: DELTA_PAYLOAD_TYPE,
  schema: DeltaPayload,
  what: 'delta',
  maxBytes: MAX_SNAPSHOT_BYTES,
};

type ListName = 'companies' | 'anchors' | 'blacklist';
const LISTS: readonly ListName[] = ['companies', 'anchors', 'blacklist'];

function indexById<T extends { id: string }>(items: readonly T[], what: string): Map<string, T> {
  const byId = new Map<string, T>();
  for (const item of items) {
    if (byId.has(item.id)) throw new Error(`${what}: id "${item.id}" appears twice`);
    byId.set(item.id, item);
  }
  return byId;
}

function diffList<T extends { id: string }>(base: readonly T[], next: readonly T[], what: string, keys: readonly string[]) {
  const before = indexById(base, `base ${what}`);
  const after = indexById(next, `next ${what}`);
  const upsert = sortedById(
    next.filter((item) => {
      const old = before.get(item.id);
      return old === undefined || canonicalJson(old, keys) !== canonicalJson(item, keys);
    }),
  );
  const remove = [...before.keys()].filter((id) => !after.has(id)).sort();
  return { upsert, remove };
}

/**
 * The delta that turns `base` into `next` (both parsed snapshots of one registry, `next` newer).
 * Throws an Error (not a rejection: this is the publisher's side) when they cannot be diffed.
 */
export async function diffSnapshots(base: Snapshot, next: Snapshot): Promise<DeltaPayload> {
  if (base.registry.id !== next.registry.id) {
    throw new Error(`base is registry "${base.registry.id}", next is registry "${next.registry.id}"`);
  }
  if (next.version <= base.version) {
    throw new Error(`next version ${next.version} is not above base version ${base.version}`);
  }
  const keys = sortedKeysOf([base, next]);
  const changed = (a: unknown, b: unknown) => canonicalJson(a, keys) !== canonicalJson(b, keys);
  return {
    schema: DELTA_SCHEMA_ID,
    registryId: base.registry.id,
    baseVersion: base.version,
    version: next.version,
    issuedAt: next.issuedAt,
    expiresAt: next.expiresAt,
    resultSha256: await snapshotSha256(next),
    changes: {
      ...(changed(base.registry, next.registry) && { registry: next.registry }),
      ...(changed(base.gradeScale, next.gradeScale) && { gradeScale: next.gradeScale }),
      companies: diffList(base.companies, next.companies, 'companies', keys),
      anchors: diffList(base.anchors, next.anchors, 'anchors', keys),
      blacklist: diffList(base.blacklist, next.blacklist, 'blacklist', keys),
    },
  };
}

function applyList<T extends { id: string }>(base: readonly T[], changes: { upsert: T[]; remove: string[] }): T[] {
  const byId = new Map(base.map((item) => [item.id, item]));
  for (const id of changes.remove) byId.delete(id);
  for (const item of changes.upsert) byId.set(item.id, item);
  return [...byId.values()].sort(compareIds);
}

/** How many entries a delta adds, replaces or removes, for logs and the CLI. */
export function deltaChangeCount(delta: DeltaPayload): number {
  return LISTS.reduce((n, list) => n + delta.changes[list].upsert.length + delta.changes[list].remove.length, 0);
}

/** The base checks of applyDelta, against the stored registry's id and version. */
export function checkDeltaBase(delta: DeltaPayload, base: { registryId: string; version: number }): void {
  if (delta.registryId !== base.registryId) {
    throw new SnapshotRejected('wrong-registry', `delta is for registry "${delta.registryId}", the stored one is "${base.registryId}"`);
  }
  if (delta.baseVersion !== base.version) {
    throw new SnapshotRejected('wrong-base', `delta applies to version ${delta.baseVersion}, the stored version is ${base.version}`);
  }
  if (delta.version <= base.version) {
    throw new SnapshotRejected('rollback', `version ${delta.version} is not newer than the stored version ${base.version}`);
  }
}

/** The header of the snapshot `delta` makes of a base with this header. */
export function deltaResultHeader(delta: DeltaPayload, base: Pick<Snapshot, 'registry' | 'gradeScale'>): Omit<Snapshot, 'companies' | 'anchors' | 'blacklist'> {
  return {
    schema: SNAPSHOT_SCHEMA_ID,
    registry: delta.changes.registry ?? base.registry,
    version: delta.version,
    issuedAt: delta.issuedAt,
    expiresAt: delta.expiresAt,
    gradeScale: delta.changes.gradeScale ?? base.gradeScale,
  };
}

/**
 * Entries were each validated (the base's when it was stored, the delta's when it was parsed);
 * what is left are the snapshot-wide rules (a certificate's grade is in gradeScale…) over what
 * changed: `companies` is every company of the result when the grade scale changed, else only
 * those the delta brings.
 */
export function checkResultRules(header: Omit<Snapshot, 'companies' | 'anchors' | 'blacklist'>, companies: readonly Company[]): void {
  const skeleton = Snapshot.safeParse({ ...header, companies, anchors: [], blacklist: [] });
  if (!skeleton.success) {
    const issue = skeleton.error.issues[0];
    throw new SnapshotRejected('schema', `delta result ${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}`);
  }
}

export function hashMismatch(hash: string, delta: DeltaPayload): SnapshotRejected {
  return new SnapshotRejected('hash-mismatch', `delta result hashes to ${hash.slice(0, 16)}…, the delta promised ${delta.resultSha256.slice(0, 16)}…`);
}

/**
 * The snapshot `delta` makes of `base`, only if it is the very snapshot the publisher hashed:
 * same registry ('wrong-registry'), base version ('wrong-base'), newer version ('rollback'), a
 * valid snapshot ('schema') whose canonical SHA-256 is `resultSha256` ('hash-mismatch').
 * The result's lists are in id order. (lib/registry/delta-shards.ts does the same on the
 * stored shards, without the whole snapshot.)
 */
export async function applyDelta(base: Snapshot, delta: DeltaPayload): Promise<Snapshot> {
  checkDeltaBase(delta, { registryId: base.registry.id, version: base.version });
  const { changes } = delta;
  const result: Snapshot = {
    ...deltaResultHeader(delta, base),
    companies: applyList(base.companies, changes.companies),
    anchors: applyList(base.anchors, changes.anchors),
    blacklist: applyList(base.blacklist, changes.blacklist),
  };
  checkResultRules(result, changes.gradeScale ? result.companies : changes.companies.upsert);
  const hash = await snapshotSha256(result);
  if (hash !== delta.resultSha256) throw hashMismatch(hash, delta);
  return result;
}

/** Verifies a DSSE envelope holding a delta exactly as verifySnapshot does a snapshot. */
export async function verifyDelta(envelopeText: string, options: VerifyOptions): Promise<DeltaPayload> {
  const delta = await openSigned(envelopeText, DELTA_KIND, options);
  checkFreshness(delta, options, 'delta');
  return delta;
}

/**
 * verifyDelta then applyDelta onto `base`, the stored snapshot. The base check comes before the
 * rollback check, so an old delta served in place of the current one reads 'wrong-base' (and an
 * updater falls back to the full snapshot) rather than 'rollback'.
 */
export async function verifyAndApplyDelta(
  envelopeText: string,
  base: Snapshot,
  options: Omit<VerifyOptions, 'storedVersion'>,
): Promise<Snapshot> {
  return applyDelta(base, await verifyDelta(envelopeText, options));
}
