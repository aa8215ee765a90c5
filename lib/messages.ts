/**
 * The one message protocol between content scripts, extension pages and the background.
 * Every request is validated here on arrival; replies are `Reply<T>`, never thrown errors,
 * so a malformed or hostile message gets an error answer and the worker keeps running.
 */
import { z } from 'zod';
import { PageIdentity } from './identity';
import type { RejectionCode } from './registry/verify';
import type { Verdict } from './verdict/types';

export const Request = z.discriminatedUnion('type', [
  /** Content script: the live room it sees now; answered with its verdict. */
  z.strictObject({ type: z.literal('page/identity'), identity: PageIdentity }),
  /** Content script: no live room here (any more). */
  z.strictObject({ type: z.literal('page/left') }),
  /** Extension pages: what registry is stored and how fresh it is. */
  z.strictObject({ type: z.literal('registry/status') }),
]);
/** As handlers receive it: validated, defaults applied. */
export type Request = z.infer<typeof Request>;
/** As senders write it: defaults may be left out. */
export type RequestMessage = z.input<typeof Request>;
export type RequestType = Request['type'];

/** Sent by content scripts (from a tab); everything else only by extension pages. */
export const CONTENT_SCRIPT_REQUESTS: ReadonlySet<RequestType> = new Set(['page/identity', 'page/left']);

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
}

export interface Responses {
  'page/identity': Verdict;
  'page/left': null;
  'registry/status': RegistryStatus;
}

export type Reply<T> = { ok: true; value: T } | { ok: false; error: string };
