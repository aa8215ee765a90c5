/** Pure: what one verdict shown for one page amounts to in the evidence log. */
import type { PageIdentity } from '../identity';
import { canonicalJson } from '../registry/canonical';
import type { Verdict } from '../verdict/types';
import { EVIDENCE_MAX_PRODUCTS, type EvidenceEntry, type EvidenceParty, type Sighting } from './schema';

/**
 * The room an identity is about: its first room id, or the anchor's account (or name) on pages
 * that give no room id. Reports look up their room's entries by this key.
 */
export function roomKeyOf(identity: PageIdentity): string {
  const anchor = identity.accounts.find((a) => a.role === 'anchor')?.accountId ?? identity.anchorName ?? '';
  const room = identity.roomIds[0];
  return room !== undefined ? `${identity.platform}:room:${room}` : `${identity.platform}:anchor:${anchor}`;
}

function party(name: string | undefined, accountId: string | undefined): EvidenceParty | undefined {
  return name !== undefined || accountId !== undefined ? { ...(name !== undefined && { name }), ...(accountId !== undefined && { accountId }) } : undefined;
}

export function sightingOf(identity: PageIdentity, verdict: Verdict): Sighting {
  const accountOf = (role: 'anchor' | 'shop') => identity.accounts.find((a) => a.role === role)?.accountId;
  const anchor = party(identity.anchorName, accountOf('anchor'));
  const shop = party(identity.shopName, accountOf('shop'));
  return {
    room: roomKeyOf(identity),
    platform: identity.platform,
    roomIds: identity.roomIds,
    ...(anchor && { anchor }),
    ...(shop && { shop }),
    ...(identity.companyName !== undefined && { companyName: identity.companyName }),
    products: identity.products.slice(0, EVIDENCE_MAX_PRODUCTS),
    verdict: {
      status: verdict.status,
      reasons: verdict.reasons.slice(0, 20).map((r) => r.code),
      ...(verdict.company && { company: verdict.company.name }),
      ...(verdict.certificate && { certificateNumber: verdict.certificate.number }),
      ...(verdict.registry && { registry: { id: verdict.registry.id, version: verdict.registry.version } }),
    },
  };
}

/** The sighting inside a stored entry (its content, without id and times). */
export function contentOf(entry: EvidenceEntry): Sighting {
  const { id: _id, firstSeenAt: _f, lastSeenAt: _l, ...sighting } = entry;
  return sighting;
}

/** Whether two sightings show the same thing (compared as canonical JSON, whatever the key order). */
export function sameSighting(a: Sighting, b: Sighting): boolean {
  return canonicalJson(a) === canonicalJson(b);
}
