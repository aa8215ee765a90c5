/** The snapshot shipped inside the extension: installed once, and whenever an update brings a newer one. */
import type { TrustedKey } from '../registry/keys';
import { installSnapshot, type InstallResult } from '../registry/install';
import type { RegistryStore } from '../registry/store';

export const BUNDLED_SNAPSHOT_PATH = '/registry/default.dsse.json';
export const BUNDLED_SOURCE = 'bundled';

export async function installBundledSnapshot(
  store: RegistryStore,
  readBundled: () => Promise<string>,
  trustedKeys: readonly TrustedKey[],
  threshold = 1,
): Promise<InstallResult> {
  let text: string;
  try {
    text = await readBundled();
  } catch (e) {
    const message = `bundled snapshot unreadable: ${e instanceof Error ? e.message : String(e)}`;
    await store.recordRejection({ at: new Date().toISOString(), code: 'fetch-failed', message, source: BUNDLED_SOURCE });
    return { installed: false, code: 'fetch-failed', message };
  }
  return installSnapshot(store, text, { source: BUNDLED_SOURCE, trustedKeys, threshold, quietRollback: true });
}
