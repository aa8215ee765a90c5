/** Verdict for a page identity: stored candidates through the pure rules. */
import type { PageIdentity } from '../identity';
import type { RegistryStore } from '../registry/store';
import { computeVerdict } from '../verdict/compute';
import type { Verdict } from '../verdict/types';

export async function verdictFor(store: RegistryStore, identity: PageIdentity, now = new Date()): Promise<Verdict> {
  const header = await store.header();
  const candidates = header ? await store.candidates(identity) : { companies: [], anchors: [], blacklist: [] };
  return computeVerdict({ identity, registry: header ?? null, ...candidates, now });
}
