/**
 * The registry snapshot, format v1: the one declaration every other part (publisher CLI,
 * background import, verdict rules, pages) derives its types from.
 */
import { z } from 'zod';

export const SNAPSHOT_SCHEMA_ID = 'liveseal.registry/v1';
/** DSSE payloadType of a registry snapshot; a signature over any other type is not a snapshot. */
export const SNAPSHOT_PAYLOAD_TYPE = 'application/vnd.liveseal.registry.v1+json';

// Bounds keep a hostile or corrupt snapshot from allocating without limit.
const text = (max = 500) => z.string().trim().min(1).max(max);
const id = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/, 'ids use letters, digits and . _ : -');
const day = z.iso.date();
const instant = z.iso.datetime({ offset: true });
const httpsUrl = z
  .url({ protocol: /^https$/ })
  .max(2000)
  .describe('an https URL');
/** HTTPS, or plain HTTP to this machine only (a registry operator's local test receiver). */
const endpointUrl = z
  .url({ protocol: /^https?$/ })
  .max(2000)
  .refine((u) => {
    const url = new URL(u);
    return url.protocol === 'https:' || ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
  }, 'an https URL (plain http only to 127.0.0.1 / localhost)');

/** Text shown to users, in both languages the extension speaks. */
export const LocalizedText = z.object({ zh: text(2000), en: text(2000) });
export type LocalizedText = z.infer<typeof LocalizedText>;

/** Platforms are open-ended (a new adapter is one file), so only the shape is fixed here. */
export const PlatformId = z.string().regex(/^[a-z][a-z0-9-]{1,31}$/);
export type PlatformId = z.infer<typeof PlatformId>;

export const Grade = z.object({
  id,
  label: LocalizedText,
  /** CSS colour of the mark, #rrggbb. */
  colour: z.string().regex(/^#[0-9a-fA-F]{6}$/),
  meaning: LocalizedText.optional(),
});
export type Grade = z.infer<typeof Grade>;

export const CertificateStatus = z.enum(['valid', 'suspended', 'withdrawn', 'cancelled', 'expired']);
export type CertificateStatus = z.infer<typeof CertificateStatus>;

export const Certificate = z.object({
  number: text(100),
  scheme: text(200),
  issuer: text(200),
  /** id of a grade in the registry's `gradeScale`. */
  grade: id,
  issuedOn: day,
  /** Last day of validity, inclusive, in the registry's time zone. */
  expiresOn: day,
  /** Dates of on-site surveillance audits, any order. */
  audits: z.array(day).max(100).default([]),
  status: CertificateStatus,
  statusReason: LocalizedText.optional(),
  statusSince: day.optional(),
  scope: text(2000).optional(),
});
export type Certificate = z.infer<typeof Certificate>;

export const AccountRole = z.enum(['shop', 'anchor']);
export const PlatformAccount = z.object({
  platform: PlatformId,
  accountId: text(200),
  displayName: text(200).optional(),
  role: AccountRole,
  /** A virtual / AI anchor: must be disclosed to viewers. */
  virtual: z.boolean().default(false),
  /** For a virtual anchor: false when the stream does not say so (the overlay marks it undisclosed). */
  virtualDisclosed: z.boolean().optional(),
  /** The registry judges the account's streams not suitable for minors. */
  notForMinors: z.boolean().optional(),
});
export type PlatformAccount = z.infer<typeof PlatformAccount>;

export const Company = z.object({
  id,
  name: text(200),
  aliases: z.array(text(200)).max(100).default([]),
  /** Unified social credit code (统一社会信用代码), 18 characters. */
  uscc: z.string().regex(/^[0-9A-HJ-NPQRTUWXY]{18}$/, 'a unified social credit code has 18 characters').optional(),
  certificates: z.array(Certificate).max(100).default([]),
  accounts: z.array(PlatformAccount).max(1000).default([]),
});
export type Company = z.infer<typeof Company>;

export const Anchor = z.object({
  id,
  name: text(200),
  aliases: z.array(text(200)).max(100).default([]),
  /** The certified company (MCN) the anchor streams for, if any. */
  companyId: id.optional(),
  accounts: z.array(PlatformAccount).max(1000).default([]),
});
export type Anchor = z.infer<typeof Anchor>;

export const SubjectKind = z.enum(['anchor', 'merchant', 'company', 'agency']);
export type SubjectKind = z.infer<typeof SubjectKind>;

/** Disposal measures of the Zhejiang standard, mildest first. */
export const DisposalMeasure = z.enum([
  'notice-to-correct',
  'remove-content',
  'restrict-publishing',
  'close-live-function',
  'deduct-deposit',
  'cancel-account',
  'refer-to-law-enforcement',
  'refer-to-judiciary',
]);
export type DisposalMeasure = z.infer<typeof DisposalMeasure>;

export const BlacklistAccount = z.object({ platform: PlatformId, accountId: text(200) });
export type BlacklistAccount = z.infer<typeof BlacklistAccount>;

export const BlacklistEntry = z.object({
  id,
  kind: SubjectKind,
  names: z.array(text(200)).min(1).max(100),
  aliases: z.array(text(200)).max(100).default([]),
  accounts: z.array(BlacklistAccount).max(1000).default([]),
  /** Negative behaviours, as the listing authority words them. */
  reasons: z.array(LocalizedText).min(1).max(50),
  measures: z.array(DisposalMeasure).max(8).default([]),
  listedOn: day,
  /** Last day of the listing, inclusive; absent means indefinite. */
  until: day.optional(),
  authority: text(200),
  reference: text(500).optional(),
});
export type BlacklistEntry = z.infer<typeof BlacklistEntry>;

/** M and P of DOMAIN.md: restricted for minors, prohibited or unsuitable for live streams. */
export const RestrictionBasis = z.enum(['minors', 'prohibited']);
export type RestrictionBasis = z.infer<typeof RestrictionBasis>;

const keyPhrase = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .regex(/[\p{L}\p{N}]/u, 'a keyword needs a letter or a digit');
const keyPhrases = z.array(keyPhrase).max(2000).default([]);

/**
 * A restricted product category (lib/minors/categories.ts ships the built-in ones). A registry
 * may add categories, or phrases to a built-in one by using its id.
 */
export const RestrictedCategory = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9-]{1,39}$/, 'ids use lower-case letters, digits and -'),
    label: LocalizedText,
    basis: z.array(RestrictionBasis).min(1).max(2),
    keywords: z.object({ zh: keyPhrases, en: keyPhrases }),
    /** Hard negatives: phrases that contain a keyword but are not restricted. */
    exclusions: keyPhrases,
    /** Words that, anywhere in a title, mean the keywords name something else (toy, seeds, decanter). */
    vetoes: z.array(keyPhrase).max(2000).optional(),
  })
  .refine((c) => c.keywords.zh.length + c.keywords.en.length > 0, {
    message: 'a category needs at least one keyword',
    path: ['keywords'],
  })
  .refine((c) => new Set(c.basis).size === c.basis.length, { message: 'basis repeats', path: ['basis'] });
export type RestrictedCategory = z.infer<typeof RestrictedCategory>;

export const ComplaintChannel = z.object({ name: LocalizedText, url: httpsUrl.optional(), phone: text(40).optional() });

export const RegistryInfo = z.object({
  id,
  name: LocalizedText,
  operator: text(200),
  homepage: httpsUrl,
  /** Demo data: the overlay says so, so nobody mistakes it for a real registry. */
  demo: z.boolean().default(false),
  /** Where reports go (HTTPS POST); absent means reports stay local. */
  reportEndpoint: endpointUrl.optional(),
  /** Where a viewer can check a certificate with its issuer; `{number}` is replaced. */
  verifyUrl: httpsUrl.optional(),
  complaintChannels: z.array(ComplaintChannel).max(20).default([]),
  /** UTC offset that certificate dates are written in. China-wide: +08:00. */
  utcOffset: z.string().regex(/^[+-](0\d|1[0-4]):[0-5]\d$/).default('+08:00'),
  /** Restricted product categories beyond the built-in ones (kept with the header, so no store change). */
  restrictedCategories: z.array(RestrictedCategory).max(50).optional(),
});
export type RegistryInfo = z.infer<typeof RegistryInfo>;

export const Snapshot = z
  .object({
    schema: z.literal(SNAPSHOT_SCHEMA_ID),
    registry: RegistryInfo,
    version: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
    issuedAt: instant,
    expiresAt: instant,
    gradeScale: z.array(Grade).min(1).max(20),
    companies: z.array(Company).max(1_000_000).default([]),
    anchors: z.array(Anchor).max(5_000_000).default([]),
    blacklist: z.array(BlacklistEntry).max(1_000_000).default([]),
  })
  .superRefine((snap, ctx) => {
    if (Date.parse(snap.expiresAt) <= Date.parse(snap.issuedAt)) {
      ctx.addIssue({ code: 'custom', path: ['expiresAt'], message: 'expiresAt must be after issuedAt' });
    }
    const grades = new Set(snap.gradeScale.map((g) => g.id));
    snap.companies.forEach((company, ci) =>
      company.certificates.forEach((cert, ki) => {
        if (!grades.has(cert.grade)) {
          ctx.addIssue({
            code: 'custom',
            path: ['companies', ci, 'certificates', ki, 'grade'],
            message: `grade "${cert.grade}" is not in gradeScale`,
          });
        }
      }),
    );
  });
export type Snapshot = z.infer<typeof Snapshot>;
/** What a publisher writes before defaults are applied. */
export type SnapshotInput = z.input<typeof Snapshot>;
