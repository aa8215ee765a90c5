/** The records behind a verdict, for the certificate details page. */
import type { PageIdentity } from '../identity';
import type { Details } from '../messages';
import type { RegistryStore } from '../registry/store';
import { computeVerdict } from '../verdict/compute';
import type { DismissedMatch } from '../verdict/types';
import { verdictInputFor } from './verdicts';

export async function detailsFor(store: RegistryStore, identity: PageIdentity, dismissed: DismissedMatch[] = [], now = new Date()): Promise<Details> {
  const input = await verdictInputFor(store, identity, now, dismissed);
  const verdict = computeVerdict(input);
  // Only what the rules actually matched: candidates also hold near-misses of the index.
  const listed = new Set([...verdict.reasons, ...(verdict.dismissed ?? [])].flatMap((r) => ('entryId' in r ? [r.entryId] : [])));
  const entries = new Map([...input.blacklist, ...(input.resembling ?? []).map((r) => r.entry)].map((b) => [b.id, b]));
  const onPage = (a: { platform: string; accountId: string }) =>
    a.platform === identity.platform && identity.accounts.some((seen) => seen.accountId === a.accountId);
  return {
    identity,
    verdict,
    registry: (await store.header()) ?? null,
    companies: input.companies.filter((c) => c.id === verdict.company?.id),
    anchors: input.anchors.filter((a) => a.accounts.some(onPage)),
    blacklist: [...entries.values()].filter((b) => listed.has(b.id)),
  };
}
