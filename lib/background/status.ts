/** What the popup and options page show about the stored registry. */
import type { RegistryStatus } from '../messages';
import type { RegistryStore } from '../registry/store';
import type { RegistrySource } from '../settings';
import { effectiveSource, updateLog } from './updates';

export async function registryStatus(store: RegistryStore, builtIn: RegistrySource | undefined, now = new Date()): Promise<RegistryStatus> {
  const [header, rejection, source, updates] = await Promise.all([
    store.header(),
    store.lastRejection(),
    effectiveSource(builtIn),
    updateLog(),
  ]);
  return {
    stored: header
      ? {
          id: header.info.id,
          name: header.info.name,
          version: header.version,
          issuedAt: header.issuedAt,
          expiresAt: header.expiresAt,
          importedAt: header.importedAt,
          demo: header.info.demo,
          stale: Date.parse(header.expiresAt) <= now.getTime(),
          trustedKeyids: header.trustedKeyids,
        }
      : null,
    lastRejection: rejection ?? null,
    source: source ?? null,
    updates,
  };
}
