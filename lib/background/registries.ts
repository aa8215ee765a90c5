/**
 * The registries this browser consults: the built-in one (bundled snapshot, pinned keys,
 * build-time or viewer-chosen source) and any the viewer added, each in its own IndexedDB
 * database so one registry's update can never touch another's data.
 */
import type { TrustedKey } from '../registry/keys';
import { RegistryStore } from '../registry/store';
import type { RegistrySource } from '../settings';
import { readSettings } from './updates';

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

  private extraStore(id: string): Promise<RegistryStore> {
    let store = this.extraStores.get(id);
    if (!store) {
      store = RegistryStore.open(extraDatabaseName(id));
      this.extraStores.set(id, store);
    }
    return store;
  }
}
