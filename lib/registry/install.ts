/** Verify-then-store: the only way a snapshot gets into the store. */
import type { TrustedKey } from './keys';
import type { Snapshot } from './schema';
import type { PackedRegistry, RegistryStore, StoredHeader } from './store';
import { SnapshotRejected, verifySnapshot, type RejectionCode } from './verify';

export type InstallResult =
  | { installed: true; header: StoredHeader }
  | { installed: false; code: SnapshotRejected['code'] | 'fetch-failed'; message: string };

export interface Installed {
  installed: true;
  header: StoredHeader;
}

/**
 * A verified change that writes itself to the store: a delta applied shard by shard where the
 * registry lies (lib/registry/delta-shards.ts), or a pack stored as it downloads (pack-file.ts).
 */
export interface DirectWrite {
  writeTo(target: { trustedKeyids: string[]; source: string; now: Date }): Promise<StoredHeader>;
}

/** What a verified source gives the store: a snapshot, a pack kept as it came, or a change that writes itself. */
export type Verified = Snapshot | PackedRegistry | DirectWrite;

export interface Refused {
  installed: false;
  code: RejectionCode;
  message: string;
}

/** The source held nothing newer than the stored snapshot: no change, and nothing to record. */
export interface UpToDate {
  installed: false;
  upToDate: true;
}

/** What installing needs of a store; the store's internals are free to change behind it. */
export type InstallStore = Pick<RegistryStore, 'header' | 'replace' | 'recordRejection'>;

export interface InstallOptions {
  source: string;
  trustedKeys: readonly TrustedKey[];
  threshold?: number;
  now?: Date;
  /** A bundled snapshot older than or equal to the stored one is expected, not a failure. */
  quietRollback?: boolean;
}

export interface InstallTarget {
  /** Where the data came from (a URL, 'bundled'), kept in the header and in a rejection. */
  source: string;
  /** Keys the snapshot was verified with, kept in the header. */
  trustedKeyids: string[];
  now?: Date;
  /** Rejections not worth recording (they are still returned). */
  quiet?: (rejection: SnapshotRejected) => boolean;
}

/**
 * Runs `produce` (verification, and for a delta its application, against the stored header)
 * and stores its snapshot in one all-or-nothing replace. A SnapshotRejected from `produce`
 * leaves the store as it was and is recorded as the last rejection; `null` means the source
 * holds the stored version itself. Other errors (IndexedDB failures) propagate.
 */
export async function installVerified(
  store: InstallStore,
  target: InstallTarget,
  produce: (stored: StoredHeader | undefined) => Promise<Verified>,
): Promise<Installed | Refused>;
export async function installVerified(
  store: InstallStore,
  target: InstallTarget,
  produce: (stored: StoredHeader | undefined) => Promise<Verified | null>,
): Promise<Installed | Refused | UpToDate>;
export async function installVerified(
  store: InstallStore,
  target: InstallTarget,
  produce: (stored: StoredHeader | undefined) => Promise<Verified | null>,
): Promise<Installed | Refused | UpToDate> {
  const now = target.now ?? new Date();
  try {
    const verified = await produce(await store.header());
    if (verified === null) return { installed: false, upToDate: true };
    const to = { trustedKeyids: target.trustedKeyids, source: target.source, now };
    const header = 'writeTo' in verified ? await verified.writeTo(to) : await store.replace(verified, to);
    return { installed: true, header };
  } catch (e) {
    if (!(e instanceof SnapshotRejected)) throw e;
    if (!target.quiet?.(e)) {
      await store.recordRejection({ at: now.toISOString(), code: e.code, message: e.message, source: target.source });
    }
    return { installed: false, code: e.code, message: e.message };
  }
}

export async function installSnapshot(store: InstallStore, envelopeText: string, options: InstallOptions): Promise<InstallResult> {
  const now = options.now ?? new Date();
  const target: InstallTarget = {
    source: options.source,
    trustedKeyids: options.trustedKeys.map((k) => k.keyid),
    now,
    quiet: options.quietRollback ? (e) => e.code === 'rollback' : undefined,
  };
  const result = await installVerified(store, target, (stored) =>
    verifySnapshot(envelopeText, {
      trustedKeys: options.trustedKeys,
      threshold: options.threshold,
      storedVersion: stored?.version,
      now,
    }),
  );
  return result;
}
