/** The verdict shown for a page: a status plus every reason behind it, so no UI re-derives rules. */
import { z } from 'zod';
import {
  CertificateStatus,
  DisposalMeasure,
  Grade,
  LocalizedText,
  PlatformId,
  RegistryInfo,
  SubjectKind,
} from '../registry/schema';

/** Highest precedence first (DESIGN.md). `unconfirmed` is a valid mark on stale registry data. */
export const VERDICT_PRECEDENCE = [
  'blacklisted',
  'withdrawn',
  'suspended',
  'possible-blacklist',
  'expired',
  'audit-overdue',
  'certified',
  'unconfirmed',
  'not-listed',
  'no-registry',
] as const;
export const VerdictStatus = z.enum(VERDICT_PRECEDENCE);
export type VerdictStatus = z.infer<typeof VerdictStatus>;

const day = z.iso.date();

/** Why a blacklist entry applies, with what the viewer needs to judge it. */
const Listing = z.object({
  entryId: z.string(),
  kind: SubjectKind,
  listedName: z.string(),
  reasons: z.array(LocalizedText),
  measures: z.array(DisposalMeasure),
  authority: z.string(),
  listedOn: day,
  until: day.optional(),
  reference: z.string().optional(),
});
export type Listing = z.infer<typeof Listing>;

/** A resemblance score in plain words: how the viewer is told how sure LiveSeal is (never "certain"). */
export const MatchConfidence = z.enum(['same-name', 'close', 'partial']);
export type MatchConfidence = z.infer<typeof MatchConfidence>;

/**
 * The page's anchor or shop name resembles a listed name or alias (lib/names/resemblance.ts):
 * a possible "changed waistcoat" (换马甲), on any platform.
 */
export const ResemblanceReason = Listing.extend({
  code: z.literal('resembles-blacklisted'),
  pageName: z.string(),
  /** Which of the page's names resembles the listing. */
  pageRole: z.enum(['anchor', 'shop']),
  /** The page account that name belongs to: a dismissal is remembered for it. */
  pageAccountId: z.string().optional(),
  score: z.number().min(0).max(1),
  confidence: MatchConfidence,
  /** The accounts the listing names, on every platform: where it came from. */
  sources: z.array(z.object({ platform: z.string(), accountId: z.string() })),
});
export type ResemblanceReason = z.infer<typeof ResemblanceReason>;

/** A possible match the viewer said is not the same seller, for one page account (kept locally). */
export const DismissedMatch = z.strictObject({
  platform: PlatformId,
  accountId: z.string().min(1).max(200),
  entryId: z.string().min(1).max(200),
});
export type DismissedMatch = z.infer<typeof DismissedMatch>;

export const Reason = z.discriminatedUnion('code', [
  Listing.extend({ code: z.literal('blacklisted-account'), platform: z.string(), accountId: z.string() }),
  /** The page's name equals a listed name or alias after normalisation: a possible match, never a certainty. */
  Listing.extend({ code: z.literal('blacklisted-name'), pageName: z.string() }),
  ResemblanceReason,
  z.object({
    code: z.literal('certificate-status'),
    status: z.enum(['suspended', 'withdrawn', 'cancelled']),
    certificateNumber: z.string(),
    since: day.optional(),
    statusReason: LocalizedText.optional(),
  }),
  z.object({ code: z.literal('certificate-expired'), certificateNumber: z.string(), expiredOn: day }),
  z.object({
    code: z.literal('audit-overdue'),
    certificateNumber: z.string(),
    /** Last surveillance audit, or the issue date when none was held yet. */
    lastAudit: day,
    dueOn: day,
  }),
  z.object({ code: z.literal('certified'), certificateNumber: z.string(), gradeId: z.string(), expiresOn: day }),
  z.object({
    code: z.literal('virtual-anchor'),
    accountId: z.string(),
    displayName: z.string().optional(),
    /** The registry says the stream does not disclose it. */
    undisclosed: z.boolean().optional(),
  }),
  /** The registry judges this account's streams not suitable for minors (informs, decides no status). */
  z.object({ code: z.literal('not-for-minors'), accountId: z.string(), displayName: z.string().optional() }),
  z.object({ code: z.literal('not-listed') }),
  z.object({ code: z.literal('registry-stale'), expiredAt: z.iso.datetime({ offset: true }) }),
  z.object({ code: z.literal('registry-missing') }),
  z.object({ code: z.literal('demo-registry') }),
]);
export type Reason = z.infer<typeof Reason>;
export type ReasonCode = Reason['code'];

export const VerdictCertificate = z.object({
  number: z.string(),
  scheme: z.string(),
  issuer: z.string(),
  status: CertificateStatus,
  grade: Grade.optional(),
  issuedOn: day,
  expiresOn: day,
});

export const RegistrySummary = z.object({
  id: z.string(),
  name: LocalizedText,
  version: z.number(),
  issuedAt: z.string(),
  expiresAt: z.string(),
  demo: z.boolean(),
  stale: z.boolean(),
});
export type RegistrySummary = z.infer<typeof RegistrySummary>;

export const Verdict = z.object({
  status: VerdictStatus,
  company: z.object({ id: z.string(), name: z.string() }).optional(),
  certificate: VerdictCertificate.optional(),
  /** Most severe first. */
  reasons: z.array(Reason),
  /** Possible matches the viewer dismissed for this account: they decide nothing, and only the details page lists them. */
  dismissed: z.array(ResemblanceReason).optional(),
  registry: RegistrySummary.optional(),
});
export type Verdict = z.infer<typeof Verdict>;

/** The stored registry's header, as the verdict rules need it. */
export interface RegistryHeader {
  info: RegistryInfo;
  version: number;
  issuedAt: string;
  expiresAt: string;
  gradeScale: Grade[];
}

