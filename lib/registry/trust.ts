/**
 * Which keys may sign snapshots and deltas, and how that changes: key sets after TUF's root
 * metadata. The build pins the first key set; every later one is a signed document that the
 * CURRENT root keys (at their threshold) and its OWN root keys (at its threshold) both signed,
 * with a version above the one held. A client that missed several rotations walks them in
 * order, version by version, as a TUF client walks N.root.json, N+1.root.json, ….
 */
import { z } from 'zod';
import { TrustedKeys, type TrustedKey } from './keys';
import { Snapshot } from './schema';
import { checkSignatures, parseEnvelopeText, parsePayload, SnapshotRejected, type VerifyOptions } from './verify';

export const KEYSET_SCHEMA_ID = 'liveseal.keyset/v1';
/** DSSE payload type of a key set: a snapshot signature can never pass for a key set. */
export const KEYSET_PAYLOAD_TYPE = 'application/vnd.liveseal.keyset.v1+json';
/** A key set holds at most 64 keys; anything near this limit is not one. */
export const MAX_KEYSET_BYTES = 256 * 1024;

const Threshold = z.number().int().min(1).max(32);

const KeysAndThresholds = {
  /** Keys that sign snapshots and deltas, and how many distinct ones must sign each. */
  keys: TrustedKeys,
  threshold: Threshold,
  /** Keys that sign the next key set, and how many distinct ones must. */
  rootKeys: TrustedKeys,
  rootThreshold: Threshold,
  /** Past this instant the key set is no longer accepted, nor updates signed under it. */
  expiresAt: Snapshot.shape.expiresAt.optional(),
};

/** A threshold no set of keys can reach would lock every client out for good. */
function checkKeys(
  set: { keys: TrustedKey[]; threshold: number; rootKeys: TrustedKey[]; rootThreshold: number },
  ctx: z.RefinementCtx,
): void {
  for (const [keysField, thresholdField] of [
    ['keys', 'threshold'],
    ['rootKeys', 'rootThreshold'],
  ] as const) {
    const ids = set[keysField].map((k) => k.keyid);
    if (new Set(ids).size !== ids.length) ctx.addIssue({ code: 'custom', path: [keysField], message: 'a key is listed twice' });
    if (set[thresholdField] > ids.length) {
      ctx.addIssue({ code: 'custom', path: [thresholdField], message: `is above the number of ${keysField} (${ids.length})` });
    }
  }
}

/** The signed key-set document. */
export const KeySet = z
  .strictObject({ schema: z.literal(KEYSET_SCHEMA_ID), version: Snapshot.shape.version, ...KeysAndThresholds })
  .superRefine(checkKeys);
export type KeySet = z.infer<typeof KeySet>;
export type KeySetInput = z.input<typeof KeySet>;

/** What a client trusts now; persist it (validated with this schema) next to the registry. */
export const TrustState = z
  .strictObject({ version: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER), ...KeysAndThresholds })
  .superRefine(checkKeys);
export type TrustState = z.infer<typeof TrustState>;

export interface InitialTrustOptions {
  /** Default 1. */
  threshold?: number;
  /** Default: the pinned keys themselves. */
  rootKeys?: readonly TrustedKey[];
  /** Default 1. */
  rootThreshold?: number;
  /** The key-set version the pinned keys stand for; default 1, so the first signed key set is 2. */
  version?: number;
}

/** Trust as the build pins it: the pinned keys sign snapshots and (by default) key sets. */
export function initialTrust(pinnedKeys: readonly TrustedKey[], options: InitialTrustOptions = {}): TrustState {
  return TrustState.parse({
    version: options.version ?? 1,
    keys: [...pinnedKeys],
    threshold: options.threshold ?? 1,
    rootKeys: [...(options.rootKeys ?? pinnedKeys)],
    rootThreshold: options.rootThreshold ?? 1,
  });
}

/** The verifyOptions part that comes from trust: snapshots and deltas need `threshold` of `keys`. */
export function signersOf(state: TrustState): Pick<VerifyOptions, 'trustedKeys' | 'threshold'> {
  return { trustedKeys: state.keys, threshold: state.threshold };
}

export function trustExpired(state: TrustState, now: Date = new Date()): boolean {
  return state.expiresAt !== undefined && Date.parse(state.expiresAt) <= now.getTime();
}

export interface AcceptKeySetOptions {
  maxBytes?: number;
  /**
   * Accept a key set past its expiresAt. A client walking several rotations accepts the
   * intermediate ones this way (as TUF does) and checks only the last with trustExpired.
   */
  allowExpired?: boolean;
}

/**
 * The trust state after a key-set update, or a SnapshotRejected: 'too-large',
 * 'malformed-envelope', 'wrong-payload-type', 'bad-signature', 'keyset-unsigned' (fewer than
 * rootThreshold current root keys, or fewer than its own rootThreshold of its own root keys,
 * signed it), 'malformed-payload', 'schema', 'keyset-rollback' (version not above the one held),
 * 'keyset-expired'.
 */
export async function acceptKeySet(
  state: TrustState,
  envelopeText: string,
  now: Date = new Date(),
  options: AcceptKeySetOptions = {},
): Promise<TrustState> {
  const envelope = parseEnvelopeText(envelopeText, 'key set', options.maxBytes ?? MAX_KEYSET_BYTES);
  const body = await checkSignatures(envelope, KEYSET_PAYLOAD_TYPE, state.rootKeys, state.rootThreshold, 'keyset-unsigned');
  const keySet = parsePayload(body, KeySet);
  if (keySet.version <= state.version) {
    throw new SnapshotRejected('keyset-rollback', `key set version ${keySet.version} is not newer than the held version ${state.version}`);
  }
  // The new root keys must vouch for themselves too, so a rotation cannot name keys that never signed.
  await checkSignatures(envelope, KEYSET_PAYLOAD_TYPE, keySet.rootKeys, keySet.rootThreshold, 'keyset-unsigned').catch((e: unknown) => {
    if (e instanceof SnapshotRejected && e.code === 'keyset-unsigned') {
      throw new SnapshotRejected('keyset-unsigned', `its own root keys: ${e.message}`);
    }
    throw e;
  });
  const { schema: _schema, ...next } = keySet;
  if (!options.allowExpired && trustExpired(next, now)) {
    throw new SnapshotRejected('keyset-expired', `key set version ${keySet.version} expired at ${keySet.expiresAt}`);
  }
  return next;
}
