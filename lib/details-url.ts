/**
 * Extension pages that describe a room (details, report) carry it in their URL hash, so they
 * survive reloads and need no state; only the background and the extension's own pages open them.
 */
import type { PageIdentity, PageIdentityInput } from './identity';

export function hashUrl(pageUrl: string, data: unknown): string {
  return `${pageUrl}#${encodeURIComponent(JSON.stringify(data))}`;
}

export function detailsPageUrl(pageUrl: string, identity: PageIdentity | PageIdentityInput): string {
  return hashUrl(pageUrl, identity);
}

/** A report started from a known suspicion (e.g. a possible blacklist match): the viewer can change both. */
export interface ReportPrefill {
  reasonId: string;
  description: string;
}

/** What the report page is opened with; `screenshotKey` names a storage.session entry. */
export interface ReportPageData {
  identity: PageIdentity | PageIdentityInput;
  pageUrl?: string;
  seenAt: string;
  screenshotKey?: string;
  prefill?: ReportPrefill;
}

export function reportPageUrl(pageUrl: string, data: ReportPageData): string {
  return hashUrl(pageUrl, data);
}

/** Parsed, not validated: the background validates whatever the page sends it. */
export function dataFromHash(hash: string): unknown {
  try {
    return JSON.parse(decodeURIComponent(hash.replace(/^#/, '')));
  } catch {
    return null;
  }
}
