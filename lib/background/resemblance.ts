/** The page's anchor and shop names against the resemblance index of a stored registry. */
import type { PageIdentity } from '../identity';
import type { BlacklistEntry } from '../registry/schema';
import type { RegistryStore } from '../registry/store';
import type { ResemblingName } from '../verdict/compute';

/**
 * Not the company name: pages rarely show one, and company names are mostly generic words
 * (传媒, 科技, 有限公司); a listed company is still found by its exact name.
 */
const SEARCHED = [
  ['anchor', 'anchorName'],
  ['shop', 'shopName'],
] as const;

/**
 * Called when the index is not in memory and slow to load (a new worker over a national
 * registry): the exact verdict goes out now, and the page is asked again once it is loaded.
 */
export type AskAgainLater = (ready: Promise<unknown>) => void;

/**
 * Every listing whose name or alias resembles the page's anchor or shop name at or above the
 * threshold. Entries already among `known` (the exact lookup's candidates) are not read again;
 * the verdict rules drop those that matched exactly.
 */
export async function resemblingNames(
  store: RegistryStore,
  identity: PageIdentity,
  known: BlacklistEntry[],
  later?: AskAgainLater,
): Promise<ResemblingName[]> {
  if (later && !(await store.resemblanceIndexIsQuick())) {
    // Loading blocks the worker for a moment: only after this answer has gone out.
    later(new Promise((next) => setTimeout(next, 0)).then(() => store.resemblanceIndex()));
    return [];
  }
  const index = await store.resemblanceIndex();
  if (!index) return [];
  const hits = SEARCHED.flatMap(([pageRole, field]) => {
    const pageName = identity[field];
    return pageName ? index.search(pageName).map((match) => ({ ...match, pageName, pageRole })) : [];
  });
  if (hits.length === 0) return [];
  const byId = new Map(known.map((entry) => [entry.id, entry]));
  const missing = hits.map((h) => h.id).filter((id) => !byId.has(id));
  for (const entry of await store.blacklistEntries(missing)) byId.set(entry.id, entry);
  return hits.flatMap(({ id, listedName, pageName, pageRole, score }) => {
    const entry = byId.get(id);
    return entry ? [{ entry, listedName, pageName, pageRole, score }] : [];
  });
}
