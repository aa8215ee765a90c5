/** Verdict for a page identity: stored candidates through the pure rules. */
import type { PageIdentity } from '../identity';
import type { RegistryStore } from '../registry/store';
import { computeVerdict, type VerdictInput } from '../verdict/compute';
import type { DismissedMatch, Verdict } from '../verdict/types';
import { resemblingNames, type AskAgainLater } from './resemblance';

/** What the rules need from a store: its header, the exact lookup's candidates, resembling names. */
export async function verdictInputFor(
  store: RegistryStore,
  identity: PageIdentity,
  now: Date,
  dismissed: DismissedMatch[],
  later?: AskAgainLater,
): Promise<VerdictInput> {
  const header = await store.header();
  if (!header) return { identity, registry: null, companies: [], anchors: [], blacklist: [], now };
  const candidates = await store.candidates(identity);
  const resembling = await resemblingNames(store, identity, candidates.blacklist, later);
  return { identity, registry: header, ...candidates, resembling, dismissed, now };
}

/** With `later`, resemblance matching that is not ready yet is left for a second ask (resemblingNames). */
export async function verdictFor(
  store: RegistryStore,
  identity: PageIdentity,
  now = new Date(),
  dismissed: DismissedMatch[] = [],
  later?: AskAgainLater,
): Promise<Verdict> {
  return computeVerdict(await verdictInputFor(store, identity, now, dismissed, later));
}
