/** What the popup and options page show about the stored registries. */
import type { RegistryStatus } from '../messages';
import type { ConsultedRegistry } from './registries';
import { updateLog } from './updates';

async function statusOf(registry: ConsultedRegistry, now: Date): Promise<Omit<RegistryStatus, 'others'>> {
  const [header, rejection, updates] = await Promise.all([
    registry.store.header(),
    registry.store.lastRejection(),
    updateLog(registry.id),
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
    source: registry.source ?? null,
    updates,
  };
}

/** The built-in registry's status, with the added ones under `others`. */
export async function registryStatus(registries: ConsultedRegistry[], now = new Date()): Promise<RegistryStatus> {
  const [builtIn, ...extras] = await Promise.all(registries.map((r) => statusOf(r, now)));
  return { ...builtIn!, others: extras.map((status, i) => ({ ...status, registryId: registries[i + 1]!.id })) };
}
