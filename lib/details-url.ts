/** The details page carries the room it describes in its URL hash, so it survives reloads and needs no state. */
import type { PageIdentity, PageIdentityInput } from './identity';

export function detailsPageUrl(pageUrl: string, identity: PageIdentity | PageIdentityInput): string {
  return `${pageUrl}#${encodeURIComponent(JSON.stringify(identity))}`;
}

/** Parsed, not validated: the background validates whatever the page sends it. */
export function identityFromHash(hash: string): unknown {
  try {
    return JSON.parse(decodeURIComponent(hash.replace(/^#/, '')));
  } catch {
    return null;
  }
}
