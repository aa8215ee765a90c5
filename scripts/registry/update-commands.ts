/**
 * Publisher commands for updates: `delta` (the signed changes between two snapshots) and
 * `keyset` (a signed key-set rotation), and the verification of both for `verify`.
 */
import { applyDelta, DELTA_PAYLOAD_TYPE, DeltaPayload, deltaChangeCount, diffSnapshots, verifyDelta } from '../../lib/registry/delta';
import type { TrustedKey } from '../../lib/registry/keys';
import { acceptKeySet, initialTrust, KEYSET_PAYLOAD_TYPE, KEYSET_SCHEMA_ID, KeySet, type TrustState } from '../../lib/registry/trust';
import { SnapshotRejected } from '../../lib/registry/verify';
import type { Output } from './commands';
import { instantOf, parseDuration } from './dates';
import { readJsonFile, writeFileAtomic } from './files';
import { loadSigners, loadTrustedKeys } from './keyfiles';
import { summarizeIssues } from './problems';
import { readSnapshotFile, signedEnvelopeText } from './snapshot-files';

async function readSnapshot(file: string) {
  return readSnapshotFile(await readJsonFile(file, 'snapshot file'), file);
}

const percent = (part: number, whole: number) => `${((100 * part) / whole).toFixed(2)} %`;

function deltaSummary(delta: DeltaPayload): string {
  return `delta ${delta.baseVersion} → ${delta.version}, registry ${delta.registryId}, ${deltaChangeCount(delta)} change(s), expires ${delta.expiresAt}`;
}

export interface DeltaCommandOptions {
  keys: readonly string[];
  out: string;
}

/**
 * Writes the signed delta from `baseFile` to `nextFile` (envelopes or payloads). Before signing
 * it replays the delta as the extension will and checks it rebuilds `nextFile` exactly.
 */
export async function deltaCommand(baseFile: string, nextFile: string, options: DeltaCommandOptions, io: Output): Promise<void> {
  const signers = await loadSigners(options.keys);
  const [base, next] = await Promise.all([readSnapshot(baseFile), readSnapshot(nextFile)]);
  const delta = await diffSnapshots(base.snapshot, next.snapshot);
  try {
    await applyDelta(base.snapshot, DeltaPayload.parse(JSON.parse(JSON.stringify(delta))));
  } catch (e) {
    if (!(e instanceof SnapshotRejected)) throw e;
    throw new Error(`the delta does not rebuild ${nextFile} (${e.code}: ${e.message}); nothing was written`);
  }
  const text = await signedEnvelopeText(delta, signers, DELTA_PAYLOAD_TYPE);
  await writeFileAtomic(options.out, text);
  const size = next.envelope ? `, ${percent(text.length, JSON.stringify(next.envelope).length)} of the full snapshot` : '';
  io.out(`wrote ${options.out}: ${deltaSummary(delta)}, ${text.length} bytes${size}`);
}

export interface KeysetCommandOptions {
  /** Public-key files of the keys that will sign snapshots and deltas. */
  keys: readonly string[];
  threshold: number;
  /** Public-key files of the root keys that will sign the next key set. */
  root: readonly string[];
  rootThreshold: number;
  version: number;
  /** Private keys signing this key set: the current root keys and the new ones. */
  signRoot: readonly string[];
  expiresIn?: string;
  out: string;
  now?: Date;
}

function describeKeySet(set: Omit<KeySet, 'schema'>): string {
  return (
    `key set version ${set.version}: ${set.keys.length} snapshot key(s), threshold ${set.threshold}; ` +
    `${set.rootKeys.length} root key(s), threshold ${set.rootThreshold}` +
    (set.expiresAt ? `; expires ${set.expiresAt}` : '')
  );
}

export async function keysetCommand(options: KeysetCommandOptions, io: Output): Promise<void> {
  const [keys, rootKeys, signers] = await Promise.all([
    loadTrustedKeys(options.keys),
    loadTrustedKeys(options.root),
    loadSigners(options.signRoot),
  ]);
  const now = options.now ?? new Date();
  const parsed = KeySet.safeParse({
    schema: KEYSET_SCHEMA_ID,
    version: options.version,
    keys,
    threshold: options.threshold,
    rootKeys,
    rootThreshold: options.rootThreshold,
    ...(options.expiresIn !== undefined && { expiresAt: instantOf(now.getTime() + parseDuration(options.expiresIn)) }),
  });
  if (!parsed.success) throw new Error(`not a valid key set: ${summarizeIssues(parsed.error)}`);
  const keySet = parsed.data;
  const newRoots = new Set(keySet.rootKeys.map((k) => k.keyid));
  const selfSigned = new Set(signers.map((s) => s.keyid).filter((id) => newRoots.has(id))).size;
  if (selfSigned < keySet.rootThreshold) {
    throw new Error(
      `the new root keys must sign their own key set: ${selfSigned} of them sign, ${keySet.rootThreshold} needed (--sign-root); clients would refuse it`,
    );
  }
  await writeFileAtomic(options.out, await signedEnvelopeText(keySet, signers, KEYSET_PAYLOAD_TYPE));
  io.out(`wrote ${options.out}: ${describeKeySet(keySet)}; signed by ${signers.length} key(s)`);
  io.out('clients accept it only with the signatures of enough of the previous key set’s root keys too');
}

export interface VerifyUpdateOptions {
  trustedKeys: TrustedKey[];
  threshold?: number;
  allowExpired: boolean;
  /** A delta: the base snapshot file to apply it to. */
  base?: string;
}

/** Verifies a delta (and with `base`, that it rebuilds a snapshot from it); prints "OK …". */
export async function verifyDeltaText(text: string, options: VerifyUpdateOptions, io: Output): Promise<void> {
  // As for snapshots: `now` only decides expiry, so the epoch lets an expired delta through.
  const now = options.allowExpired ? new Date(0) : new Date();
  const delta = await verifyDelta(text, { trustedKeys: options.trustedKeys, threshold: options.threshold, now });
  const expired = Date.parse(delta.expiresAt) <= Date.now() ? ' (EXPIRED)' : '';
  if (options.base === undefined) return io.out(`OK ${deltaSummary(delta)}${expired}`);
  const result = await applyDelta((await readSnapshot(options.base)).snapshot, delta);
  io.out(`OK ${deltaSummary(delta)}${expired}; applied to ${options.base}: version ${result.version}, result hash matches`);
}

/** Verifies a key set against the given keys taken as the current root keys (threshold = --threshold). */
export async function verifyKeySetText(text: string, options: VerifyUpdateOptions, io: Output): Promise<void> {
  let current: TrustState;
  try {
    current = initialTrust(options.trustedKeys, { version: 0, rootThreshold: options.threshold ?? 1 });
  } catch {
    throw new Error(`--threshold ${options.threshold} is above the number of --pub keys (${options.trustedKeys.length})`);
  }
  const next = await acceptKeySet(current, text, new Date(), { allowExpired: options.allowExpired });
  const expired = next.expiresAt !== undefined && Date.parse(next.expiresAt) <= Date.now() ? ' (EXPIRED)' : '';
  io.out(`OK ${describeKeySet(next)}${expired}; signed by ${options.threshold ?? 1} or more of the given root key(s) and by its own`);
}

export const UPDATE_PAYLOAD_TYPES = { delta: DELTA_PAYLOAD_TYPE, keyset: KEYSET_PAYLOAD_TYPE } as const;
