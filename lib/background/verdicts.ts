/** Verdict for a page identity: stored candidates through the pure rules. */
import type { PageIdentity } from '../identity';
import type { RegistryStore } from '../registry/store';
import { computeVerdict, type VerdictInput } from '../verdict/compute';
import type { DismissedMatch, Verdict } from '../verdict/types';
import { resemblingNames } from './resemblance';

/** What the rules need from a store: its header, the exact lookup's candidates, resembling names. */
export async function verdictInputFor(
  store: RegistryStore,
  identity: PageIdentity,
  now: Date,
  dismissed: DismissedMatch[],
): Promise<VerdictInput> {
  const header = await store.header();
  if (!header) return { identity, registry: null, companies: [], anchors: [], blacklist: [], now };
  const candidates = await store.candidates(identity);
  const resembling = await resemblingNames(store, identity, candidates.blacklist);
  return { identity, registry: header, ...candidates, resembling, dismissed, now };
}

export async function verdictFor(store: RegistryStore, identity: PageIdentity, now = new Date(), dismissed: DismissedMatch[] = []): Promise<Verdict> {
  return computeVerdict(await verdictInputFor(store, identity, now, dismissed));
}
