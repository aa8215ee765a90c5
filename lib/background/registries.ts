/**
 * The registries this browser consults: the built-in one (bundled snapshot, pinned keys,
 * build-time or viewer-chosen source) and any the viewer added, each in its own IndexedDB
 * database so one registry's update can never touch another's data.
 */
import type { TrustedKey } from '../registry/keys';
import { RegistryStore } from '../registry/store';
import type { RegistrySource } from '../settings';
import { browser } from 'wxt/browser';
import { parseSettings } from '../settings';
import { readSettings, updateStateKey } from './updates';

export interface ConsultedRegistry {
  /** '' for the built-in registry. */
  id: string;
  store: RegistryStore;
  source: RegistrySource | undefined;
  pinned: readonly TrustedKey[];
  threshold: number;
}

export const extraDatabaseName = (id: string) => `liveseal-registry-${id}`;

export class Registries {
  private readonly extraStores = new Map<string, Promise<RegistryStore>>();

  constructor(
    private readonly builtInStore: Promise<RegistryStore>,
    private readonly pinned: readonly TrustedKey[],
    private readonly builtInSource: RegistrySource | undefined,
  ) {}

  /** Built-in first, so it wins ties when verdicts merge. */
  async all(): Promise<ConsultedRegistry[]> {
    const settings = await readSettings();
    const builtIn: ConsultedRegistry = {
      id: '',
      store: await this.builtInStore,
      source: settings.source ?? this.builtInSource,
      pinned: this.pinned,
      threshold: 1,
    };
    const extras = await Promise.all(
      settings.extraRegistries.map(async (extra) => ({
        id: extra.id,
        store: await this.extraStore(extra.id),
        source: extra.source,
        pinned: extra.keys,
        threshold: extra.threshold,
      })),
    );
    return [builtIn, ...extras];
  }

  /** Deletes a removed registry's data: its database and its update state. */
  async forget(id: string): Promise<void> {
    const store = this.extraStores.get(id);
    this.extraStores.delete(id);
    (await store)?.close();
    await Promise.all([
      new Promise<void>((done) => {
        const request = indexedDB.deleteDatabase(extraDatabaseName(id));
        request.onsuccess = request.onerror = request.onblocked = () => done();
      }),
      browser.storage.local.remove(updateStateKey(id)),
    ]);
  }

  private extraStore(id: string): Promise<RegistryStore> {
    let store = this.extraStores.get(id);
    if (!store) {
      store = RegistryStore.open(extraDatabaseName(id));
      this.extraStores.set(id, store);
    }
    return store;
  }
}

/** Ids of added registries that a settings change removed. */
export function removedRegistries(oldSettings: unknown, newSettings: unknown): string[] {
  const ids = (settings: unknown) => new Set(parseSettings(settings).extraRegistries.map((r) => r.id));
  const now = ids(newSettings);
  return [...ids(oldSettings)].filter((id) => !now.has(id));
}
