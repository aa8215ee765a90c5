/**
 * What the service worker holds between messages: the registries (built-in first), the promise
 * that the bundled snapshot was considered, and one registry update at a time.
 */
import { browser } from 'wxt/browser';
import type { PageIdentity } from '../identity';
import type { TrustedKey } from '../registry/keys';
import { RegistryStore } from '../registry/store';
import { signersOf } from '../registry/trust';
import type { RegistrySource } from '../settings';
import { strictest } from '../verdict/merge';
import type { Verdict } from '../verdict/types';
import { BUNDLED_SNAPSHOT_PATH, installBundledSnapshot } from './bundled';
import { Registries, type ConsultedRegistry } from './registries';
import { askTabsAgain } from './tab-verdicts';
import { dismissedMatches } from './dismissals';
import { checkRegistry, currentTrust, type UpdateLogEntry } from './updates';
import type { AskAgainLater } from './resemblance';
import { verdictFor } from './verdicts';

export class LiveSealService {
  readonly store = RegistryStore.open();
  readonly registries: Registries;
  private ready: Promise<unknown>;
  private updating: Promise<unknown> = Promise.resolve();

  constructor(private readonly pinned: readonly TrustedKey[], builtInSource: RegistrySource | undefined) {
    this.registries = new Registries(this.store, pinned, builtInSource);
    // Verifying and importing happens at install/update, not at every worker start; a worker
    // that finds nothing stored (first run raced, or an earlier import failed) tries once itself.
    this.ready = this.store.then(async (s) => ((await s.header()) ? undefined : this.installBundled()));
  }

  /** Called on install and update: a newer bundled snapshot replaces an older stored one. */
  onInstalled(): void {
    this.ready = this.ready.then(() => this.installBundled());
  }

  /** Verified with the keys trusted now: after a key rotation the pinned ones may be revoked. */
  private async installBundled() {
    const { trustedKeys, threshold } = signersOf(await currentTrust(this.pinned));
    const read = async () => (await fetch(browser.runtime.getURL(BUNDLED_SNAPSHOT_PATH))).text();
    return installBundledSnapshot(await this.store, read, trustedKeys, threshold);
  }

  async builtInStore(): Promise<RegistryStore> {
    await this.ready;
    return this.store;
  }

  async allRegistries(): Promise<ConsultedRegistry[]> {
    await this.ready;
    return this.registries.all();
  }

  /** Each registry's verdict, in registry order (built-in first). */
  async verdicts(identity: PageIdentity, later?: AskAgainLater): Promise<{ registry: ConsultedRegistry; verdict: Verdict }[]> {
    const [all, dismissed] = await Promise.all([this.allRegistries(), dismissedMatches()]);
    return Promise.all(all.map(async (registry) => ({ registry, verdict: await verdictFor(registry.store, identity, new Date(), dismissed, later) })));
  }

  /** The verdict the viewer sees: the strictest of all registries'. */
  async verdict(identity: PageIdentity, later?: AskAgainLater): Promise<Verdict> {
    return strictest((await this.verdicts(identity, later)).map((v) => v.verdict));
  }

  /** Checks every registry's source; one run at a time (an alarm and "check now" must not race). */
  checkNow(): Promise<UpdateLogEntry> {
    const run = this.updating.then(
      () => this.check(),
      () => this.check(),
    );
    this.updating = run.catch(() => undefined);
    return run;
  }

  private async check(): Promise<UpdateLogEntry> {
    const entries: UpdateLogEntry[] = [];
    for (const r of await this.allRegistries()) {
      entries.push(await checkRegistry({ store: r.store, source: r.source, pinned: r.pinned, threshold: r.threshold, registryId: r.id }));
    }
    if (entries.some((e) => e.status === 'installed')) {
      // Pages showing a verdict ask again: the registry behind it changed.
      await askTabsAgain();
    }
    return entries[0]!;
  }
}
