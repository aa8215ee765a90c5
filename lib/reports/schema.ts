/**
 * Reports, format v1: what a viewer fills in (ReportDraft) and what is POSTed to the registry's
 * reportEndpoint (ReportPayload). docs/report.schema.json is generated from ReportPayload and a
 * unit test fails when it drifts (regenerate: UPDATE_REPORT_SCHEMA=1 npx vitest run tests/reports/schema.test.ts).
 */
import { z } from 'zod';
import { EVIDENCE_MAX_ATTACHED, EvidenceEntry } from '../evidence/schema';
import { PlatformId } from '../registry/schema';

export const REPORT_SCHEMA_ID = 'liveseal.report/v1';

/** The 20 reasons of ../shared/DOMAIN.md, in its order. Ids are part of the wire format: never rename one. */
export const REPORT_REASONS = [
  { id: 'counterfeit', label: { zh: '假冒伪劣', en: 'Counterfeit or substandard goods' } },
  { id: 'false-claims', label: { zh: '虚假宣传/夸大功效', en: 'False or exaggerated claims' } },
  { id: 'absolute-claims', label: { zh: '绝对化用语', en: 'Absolute claims ("best", "No. 1")' } },
  { id: 'fake-data', label: { zh: '刷单/数据造假', en: 'Fake sales or traffic data' } },
  { id: 'fake-original-price', label: { zh: '虚构原价/价格欺诈', en: 'Fake original price' } },
  { id: 'fake-scarcity', label: { zh: '虚假限时限量', en: 'Fake scarcity or countdown' } },
  { id: 'suppressed-reviews', label: { zh: '删除/屏蔽差评', en: 'Suppressed negative reviews' } },
  { id: 'off-platform-payment', label: { zh: '引导私下交易', en: 'Pushing off-platform payment' } },
  { id: 'undisclosed-ad', label: { zh: '未标明广告', en: 'Undisclosed advertising' } },
  { id: 'unlabelled-virtual-anchor', label: { zh: '虚拟主播/AI未标识', en: 'Unlabelled virtual/AI anchor or deepfake' } },
  { id: 'prohibited-product', label: { zh: '违禁/限售商品', en: 'Prohibited or restricted product' } },
  { id: 'targeting-minors', label: { zh: '向未成年人推销/诱导打赏', en: 'Targeting minors or inducing tips' } },
  { id: 'underage-anchor', label: { zh: '疑似未满16岁主播', en: 'Suspected under-16 anchor' } },
  { id: 'exploiting-children', label: { zh: '利用儿童牟利', en: 'Exploiting children' } },
  { id: 'banned-anchor-new-account', label: { zh: '封禁主播换号复播', en: 'Banned anchor back on a new account' } },
  { id: 'refused-return', label: { zh: '拒绝七天无理由退货', en: 'Refusing the 7-day return' } },
  { id: 'unlicensed-advice', label: { zh: '无资质专业内容', en: 'Unlicensed medical or financial advice' } },
  { id: 'vulgar-content', label: { zh: '低俗/色情/暴力', en: 'Vulgar, sexual or violent content' } },
  { id: 'fake-sob-story', label: { zh: '卖惨/虚假剧情', en: 'Fake sob-story scripts' } },
  { id: 'other', label: { zh: '其他', en: 'Other' } },
] as const satisfies readonly { id: string; label: { zh: string; en: string } }[];

export type ReportReasonId = (typeof REPORT_REASONS)[number]['id'];
const REASON_IDS = REPORT_REASONS.map((r) => r.id) as [ReportReasonId, ...ReportReasonId[]];
export const ReportReasonId = z.enum(REASON_IDS);

export function reportReason(id: ReportReasonId): (typeof REPORT_REASONS)[number] {
  const reason = REPORT_REASONS.find((r) => r.id === id);
  if (!reason) throw new Error(`unknown report reason "${id}"`);
  return reason;
}

export const DESCRIPTION_MIN = 10;
export const DESCRIPTION_MAX = 5000;
/** Decoded size limit of a screenshot. */
export const SCREENSHOT_MAX_BYTES = 2 * 1024 * 1024;
const SCREENSHOT_PREFIX_MAX = 'data:image/jpeg;base64,'.length;
/** Longest data: URL holding SCREENSHOT_MAX_BYTES bytes (base64: 4 characters per 3 bytes). */
export const SCREENSHOT_MAX_CHARS = SCREENSHOT_PREFIX_MAX + 4 * Math.ceil(SCREENSHOT_MAX_BYTES / 3);

const text = (max: number) => z.string().trim().min(1).max(max);
const instant = z.iso.datetime({ offset: true });

export const ReportProduct = z.object({
  /** Picked from the products detected on the page, or typed by the viewer. */
  title: text(500),
  /** As the page shows it, e.g. "¥59.90"; never parsed into money. */
  price: text(50).optional(),
});
export type ReportProduct = z.infer<typeof ReportProduct>;

/** An account on the page: its shown name and/or its platform account id. */
export const ReportParty = z
  .object({ name: text(200).optional(), accountId: text(200).optional() })
  .refine((p) => p.name !== undefined || p.accountId !== undefined, 'name or accountId');
export type ReportParty = z.infer<typeof ReportParty>;

/** Filled in automatically and shown to the viewer, who may remove any field before sending. */
export const ReportContext = z.object({
  platform: PlatformId.optional(),
  roomIds: z.array(text(200)).max(10).optional(),
  anchor: ReportParty.optional(),
  shop: ReportParty.optional(),
  pageUrl: z.url({ protocol: /^https?$/ }).max(2000).optional(),
  /** When the viewer saw what is reported. */
  seenAt: instant.optional(),
});
export type ReportContext = z.infer<typeof ReportContext>;

export const ReportContact = z.object({
  name: text(200).optional(),
  email: z.email().max(320).optional(),
  phone: z.string().trim().regex(/^\+?[0-9 ()-]{3,40}$/, 'a phone number').optional(),
});
export type ReportContact = z.infer<typeof ReportContact>;

/** A PNG or JPEG of the visible tab, as a base64 data: URL, at most SCREENSHOT_MAX_BYTES decoded. */
export const Screenshot = z
  .string()
  .max(SCREENSHOT_MAX_CHARS)
  .regex(/^data:image\/(png|jpeg);base64,[A-Za-z0-9+/]+={0,2}$/, 'a base64 data: URL of a PNG or JPEG');

const draftFields = {
  product: ReportProduct,
  /** A substantiated explanation (DSA Art. 16). */
  description: z.string().trim().min(DESCRIPTION_MIN).max(DESCRIPTION_MAX),
  screenshot: Screenshot.optional(),
  /** Optional for the reporter. */
  contact: ReportContact.optional(),
  /** Entries of the viewer's local evidence log for this room, attached only by the viewer, who saw them first. */
  evidence: z.array(EvidenceEntry).max(EVIDENCE_MAX_ATTACHED).optional(),
  /** The reporter states the report is accurate and made in good faith (DSA Art. 16(2)(d)). */
  goodFaith: z.literal(true),
  context: ReportContext,
};

/** What the viewer fills in. */
export const ReportDraft = z.object({ ...draftFields, reasonId: ReportReasonId });
export type ReportDraft = z.infer<typeof ReportDraft>;
export type ReportDraftInput = z.input<typeof ReportDraft>;

/** The wire format: the JSON body POSTed to the registry's reportEndpoint. */
export const ReportPayload = z.object({
  schema: z.literal(REPORT_SCHEMA_ID),
  /** Also sent as the Idempotency-Key header; the same on every retry of this report. */
  idempotencyKey: z.uuid(),
  createdAt: instant,
  /** The signed registry in effect when the report was made, whose endpoint receives it. */
  registry: z.object({
    id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/),
    version: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
  }),
  /** The reason id and its label in both languages, so a receiver needs no copy of the list. */
  reason: z.object({ id: ReportReasonId, label: z.object({ zh: text(200), en: text(200) }) }),
  ...draftFields,
});
export type ReportPayload = z.infer<typeof ReportPayload>;

export interface BuildPayloadOptions {
  registry: { id: string; version: number };
  now?: Date;
  /** Defaults to a fresh random UUID. */
  idempotencyKey?: string;
}

/** Validates a draft and wraps it into the wire format; throws a ZodError on an invalid draft. */
export function buildPayload(draft: ReportDraftInput, options: BuildPayloadOptions): ReportPayload {
  const { reasonId, ...fields } = ReportDraft.parse(draft);
  const reason = reportReason(reasonId);
  return ReportPayload.parse({
    schema: REPORT_SCHEMA_ID,
    idempotencyKey: options.idempotencyKey ?? crypto.randomUUID(),
    createdAt: (options.now ?? new Date()).toISOString(),
    registry: options.registry,
    reason: { id: reason.id, label: reason.label },
    ...fields,
  });
}

/** JSON Schema (draft 2020-12) of ReportPayload: what docs/report.schema.json holds. */
export function reportJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(ReportPayload, { target: 'draft-2020-12', io: 'output' }) as Record<string, unknown>;
  return {
    $schema: schema.$schema,
    title: 'LiveSeal report (liveseal.report/v1)',
    description: 'The JSON body LiveSeal POSTs to a registry reportEndpoint. Generated from lib/reports/schema.ts; see docs/reports.md.',
    ...Object.fromEntries(Object.entries(schema).filter(([k]) => k !== '$schema')),
  };
}
