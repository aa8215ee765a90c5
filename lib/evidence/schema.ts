/**
 * The evidence log's entry: what LiveSeal read from a live room and the verdict it showed, at a
 * time. Stored only on this computer; sent only inside a report the viewer attached it to, so
 * the same shape is part of the report wire format (docs/reports.md).
 */
import { z } from 'zod';
import { ProductSeen } from '../identity';
import { PlatformId } from '../registry/schema';
import { VerdictStatus } from '../verdict/types';

export const EVIDENCE_EXPORT_SCHEMA_ID = 'liveseal.evidence-export/v1';
/** Products kept per entry: a live room sells a handful at a time; the rest of a long list is cut. */
export const EVIDENCE_MAX_PRODUCTS = 50;
/** Entries one report can carry (the newest of the room). */
export const EVIDENCE_MAX_ATTACHED = 20;

const text = (max: number) => z.string().max(max);
/** Always written with Date#toISOString, so entries sort and compare as strings. */
const instant = z.iso.datetime({ offset: true });

export const EvidenceParty = z.object({ name: text(200).optional(), accountId: text(200).optional() });
export type EvidenceParty = z.infer<typeof EvidenceParty>;

/** What the viewer was shown, without when: two sightings with equal content are one entry. */
export const Sighting = z.object({
  /** Which room the entry belongs to: platform and room id (or the anchor, when the page gives no room id). */
  room: text(420),
  platform: PlatformId,
  roomIds: z.array(text(200)).max(10),
  anchor: EvidenceParty.optional(),
  shop: EvidenceParty.optional(),
  companyName: text(200).optional(),
  /** Titles and prices as the page showed them: the claims made about each product. */
  products: z.array(ProductSeen).max(EVIDENCE_MAX_PRODUCTS),
  verdict: z.object({
    status: VerdictStatus,
    /** Reason codes, most severe first (lib/verdict/types.ts). */
    reasons: z.array(text(40)).max(20),
    company: text(200).optional(),
    certificateNumber: text(200).optional(),
    registry: z.object({ id: text(200), version: z.number().int() }).optional(),
  }),
});
export type Sighting = z.infer<typeof Sighting>;

export const EvidenceEntry = Sighting.extend({
  id: z.uuid(),
  /** When this content was first shown, and last confirmed unchanged. */
  firstSeenAt: instant,
  lastSeenAt: instant,
});
export type EvidenceEntry = z.infer<typeof EvidenceEntry>;

export const EvidenceExport = z.object({
  schema: z.literal(EVIDENCE_EXPORT_SCHEMA_ID),
  exportedAt: instant,
  entries: z.array(EvidenceEntry).max(100_000),
});
export type EvidenceExport = z.infer<typeof EvidenceExport>;
