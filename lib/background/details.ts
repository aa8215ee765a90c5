/** The records behind a verdict, for the certificate details page. */
import type { PageIdentity } from '../identity';
import type { Details } from '../messages';
import type { RegistryStore } from '../registry/store';
import { computeVerdict } from '../verdict/compute';

export async function detailsFor(store: RegistryStore, identity: PageIdentity, now = new Date()): Promise<Details> {
  const header = (await store.header()) ?? null;
  const candidates = header ? await store.candidates(identity) : { companies: [], anchors: [], blacklist: [] };
  const verdict = computeVerdict({ identity, registry: header, ...candidates, now });
  // Only what the rules actually matched: candidates also hold near-misses of the index.
  const listed = new Set(verdict.reasons.flatMap((r) => ('entryId' in r ? [r.entryId] : [])));
  const onPage = (a: { platform: string; accountId: string }) =>
    a.platform === identity.platform && identity.accounts.some((seen) => seen.accountId === a.accountId);
  return {
    identity,
    verdict,
    registry: header,
    companies: candidates.companies.filter((c) => c.id === verdict.company?.id),
    anchors: candidates.anchors.filter((a) => a.accounts.some(onPage)),
    blacklist: candidates.blacklist.filter((b) => listed.has(b.id)),
  };
}
