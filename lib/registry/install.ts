/** Verify-then-store: the only way a snapshot gets into the store. */
import type { TrustedKey } from './keys';
import type { RegistryStore, StoredHeader } from './store';
import { SnapshotRejected, verifySnapshot } from './verify';

export type InstallResult =
  | { installed: true; header: StoredHeader }
  | { installed: false; code: SnapshotRejected['code'] | 'fetch-failed'; message: string };

export interface InstallOptions {
  source: string;
  trustedKeys: readonly TrustedKey[];
  threshold?: number;
  now?: Date;
  /** A bundled snapshot older than or equal to the stored one is expected, not a failure. */
  quietRollback?: boolean;
}

export async function installSnapshot(store: RegistryStore, envelopeText: string, options: InstallOptions): Promise<InstallResult> {
  const now = options.now ?? new Date();
  const stored = await store.header();
  try {
    const snapshot = await verifySnapshot(envelopeText, {
      trustedKeys: options.trustedKeys,
      threshold: options.threshold,
      storedVersion: stored?.version,
      now,
    });
    const header = await store.replace(snapshot, {
      trustedKeyids: options.trustedKeys.map((k) => k.keyid),
      source: options.source,
      now,
    });
    return { installed: true, header };
  } catch (e) {
    if (!(e instanceof SnapshotRejected)) throw e;
    if (!(options.quietRollback && e.code === 'rollback')) {
      await store.recordRejection({ at: now.toISOString(), code: e.code, message: e.message, source: options.source });
    }
    return { installed: false, code: e.code, message: e.message };
  }
}
