/** The verdict shown for a page: a status plus every reason behind it, so no UI re-derives rules. */
import { z } from 'zod';
import {
  CertificateStatus,
  DisposalMeasure,
  Grade,
  LocalizedText,
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

export const Reason = z.discriminatedUnion('code', [
  Listing.extend({ code: z.literal('blacklisted-account'), platform: z.string(), accountId: z.string() }),
  /** The page's name equals a listed name or alias after normalisation: a possible match, never a certainty. */
  Listing.extend({ code: z.literal('blacklisted-name'), pageName: z.string() }),
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

