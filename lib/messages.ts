/**
 * The one message protocol between content scripts, extension pages and the background.
 * Every request is validated here on arrival; replies are `Reply<T>`, never thrown errors,
 * so a malformed or hostile message gets an error answer and the worker keeps running.
 */
import { z } from 'zod';
import { PageIdentity } from './identity';
import type { RejectionCode } from './registry/verify';
import type { UpdateLogEntry } from './background/updates';
import type { Anchor, BlacklistEntry, Company, RegistryInfo } from './registry/schema';
import type { EvidenceSummary } from './evidence/log';
import type { EvidenceEntry } from './evidence/schema';
import type { ReportRecord } from './reports/outbox';
import { ReportDraft } from './reports/schema';
import type { RegistrySource } from './settings';
import type { StoredHeader } from './registry/store';
import { DismissedMatch, type Verdict } from './verdict/types';
import { ParentSettings, type ParentModeStatus, type PinOutcome } from './background/parent-mode';
import { PIN_PATTERN } from './minors/pin';
import { GUARD_TICKET_PATTERN } from './guard-frame';
import type { MinorsNotice } from './minors/restricted-products';

/** A PIN being set; a PIN being checked is any short string (a wrong shape is just wrong). */
const newPin = z.string().regex(PIN_PATTERN);
const givenPin = z.string().max(64);
const guardTicket = z.string().regex(GUARD_TICKET_PATTERN);

export const Request = z.discriminatedUnion('type', [
  /** Content script: the live room it sees now; answered with its verdict. */
  z.strictObject({ type: z.literal('page/identity'), identity: PageIdentity }),
  /** Content script: the viewer asked for the certificate details of this room. */
  z.strictObject({ type: z.literal('details/open'), identity: PageIdentity }),
  /** Details page: everything the registry holds about the room it was opened for. */
  z.strictObject({ type: z.literal('details/get'), identity: PageIdentity }),
  /** Details page: the viewer says a possible match is not this account's seller, or undoes that. */
  z.strictObject({ type: z.literal('resemblance/dismiss'), match: DismissedMatch, dismissed: z.boolean() }),
  /** Popup: the verdict of a tab (the active one, from the popup). */
  z.strictObject({ type: z.literal('tab/verdict'), tabId: z.number().int().nonnegative() }),
  /** Content script: the viewer wants to report something in this room. */
  z.strictObject({ type: z.literal('report/open'), identity: PageIdentity }),
  /** Report page: store and send a report. */
  z.strictObject({ type: z.literal('report/submit'), draft: ReportDraft }),
  /** Report pages: the outbox, one report removed, or all exported as JSON. */
  z.strictObject({ type: z.literal('report/list') }),
  z.strictObject({ type: z.literal('report/delete'), id: z.uuid() }),
  z.strictObject({ type: z.literal('report/export') }),
  /** Report page: where reports go, or the complaint channels when nowhere. */
  z.strictObject({ type: z.literal('report/context') }),
  /** My reports: send a queued or failed report now instead of at its next retry. */
  z.strictObject({ type: z.literal('report/retry'), id: z.uuid() }),
  /** Options page: the evidence log's size, all of it as JSON, or none of it. */
  z.strictObject({ type: z.literal('evidence/summary') }),
  z.strictObject({ type: z.literal('evidence/export') }),
  z.strictObject({ type: z.literal('evidence/clear') }),
  /** Report page: the newest evidence entries of the room being reported, to offer for attaching. */
  z.strictObject({ type: z.literal('evidence/room'), identity: PageIdentity }),
  /** Content script: no live room here (any more). */
  z.strictObject({ type: z.literal('page/left') }),
  /** Extension pages: what registry is stored and how fresh it is. */
  z.strictObject({ type: z.literal('registry/status') }),
  /** Options page: check the registry source now instead of at the next alarm. */
  z.strictObject({ type: z.literal('registry/check-now') }),
  /** Options page: parent mode (docs/minors.md). Every change but turning it on needs the PIN. */
  z.strictObject({ type: z.literal('parent/status') }),
  z.strictObject({ type: z.literal('parent/enable'), pin: newPin, settings: ParentSettings.optional() }),
  z.strictObject({ type: z.literal('parent/disable'), pin: givenPin }),
  z.strictObject({ type: z.literal('parent/settings'), pin: givenPin, settings: ParentSettings }),
  z.strictObject({ type: z.literal('parent/change-pin'), pin: givenPin, newPin }),
  /** Forgotten PIN: starts the visible, delayed reset; the PIN cancels it. */
  z.strictObject({ type: z.literal('parent/reset') }),
  z.strictObject({ type: z.literal('parent/cancel-reset'), pin: givenPin }),
  /**
   * Guard page (the extension frame of the purchase-guard dialog, never the content script):
   * the PIN for the stopped click `ticket`, or the parent's cancel. The background tells the tab.
   */
  z.strictObject({ type: z.literal('guard/unlock'), ticket: guardTicket, pin: givenPin }),
  z.strictObject({ type: z.literal('guard/cancel'), ticket: guardTicket }),
  /** Options page: everything the viewer stored in LiveSeal, as JSON; or all of it deleted. */
  z.strictObject({ type: z.literal('data/export') }),
  z.strictObject({ type: z.literal('data/delete-all') }),
]);
/** As handlers receive it: validated, defaults applied. */
export type Request = z.infer<typeof Request>;
/** As senders write it: defaults may be left out. */
export type RequestMessage = z.input<typeof Request>;
export type RequestType = Request['type'];

/** Sent by content scripts (from a tab); everything else only by extension pages. */
export const CONTENT_SCRIPT_REQUESTS: ReadonlySet<RequestType> = new Set([
  'page/identity',
  'page/left',
  'details/open',
  'report/open',
]);

/**
 * Background → the content script of the tab (top frame): the outcome of a stopped click's
 * guard page. Only the extension can send it, so the page cannot fake an unlock.
 */
export interface GuardAnswer {
  type: 'guard/answer';
  ticket: string;
  unlocked: boolean;
}

export interface RegistryStatus {
  stored: {
    id: string;
    name: { zh: string; en: string };
    version: number;
    issuedAt: string;
    expiresAt: string;
    importedAt: string;
    demo: boolean;
    stale: boolean;
    trustedKeyids: string[];
  } | null;
  lastRejection: { at: string; code: RejectionCode | 'fetch-failed'; message: string; source: string } | null;
  /** The update source in effect, if any, and the latest checks, newest first. */
  source: RegistrySource | null;
  updates: UpdateLogEntry[];
  /** The registries the viewer added, in the same shape (without `others`). */
  others: (Omit<RegistryStatus, 'others'> & { registryId: string })[];
}

/** What the certificate details page shows. */
export interface Details {
  identity: PageIdentity;
  verdict: Verdict;
  registry: StoredHeader | null;
  companies: Company[];
  anchors: Anchor[];
  blacklist: BlacklistEntry[];
}

/** A room's verdict, with what parent mode adds when it is on. */
export type RoomVerdict = Verdict & { minors?: MinorsNotice };

export interface Responses {
  'page/identity': RoomVerdict;
  'details/open': null;
  'details/get': Details;
  'resemblance/dismiss': null;
  'tab/verdict': { identity: PageIdentity; verdict: RoomVerdict } | null;
  'page/left': null;
  'registry/status': RegistryStatus;
  'registry/check-now': UpdateLogEntry;
  'report/open': null;
  'report/submit': ReportRecord;
  'report/list': ReportRecord[];
  'report/delete': null;
  'report/export': string;
  'report/retry': ReportRecord | null;
  'evidence/summary': EvidenceSummary;
  'evidence/export': string;
  'evidence/clear': null;
  'evidence/room': EvidenceEntry[];
  'report/context': { hasEndpoint: boolean; complaintChannels: RegistryInfo['complaintChannels'] };
  'parent/status': ParentModeStatus;
  'parent/enable': PinOutcome;
  'parent/disable': PinOutcome;
  'parent/settings': PinOutcome;
  'parent/change-pin': PinOutcome;
  'parent/reset': ParentModeStatus;
  'parent/cancel-reset': PinOutcome;
  'guard/unlock': PinOutcome;
  'guard/cancel': null;
  'data/export': string;
  'data/delete-all': null;
}

export type Reply<T> = { ok: true; value: T } | { ok: false; error: string };
