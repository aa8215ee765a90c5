/** From untrusted bytes to a Snapshot the extension may store, or a reason it may not. */
import { z } from 'zod';
import { Envelope, EnvelopeError, verifyEnvelope } from './dsse';
import type { TrustedKey } from './keys';
import { SNAPSHOT_PAYLOAD_TYPE, Snapshot } from './schema';

/** Default ceiling for one snapshot; a national registry in v1 JSON stays well below it. */
export const MAX_SNAPSHOT_BYTES = 256 * 1024 * 1024;

export const RejectionCode = z.enum([
  'too-large',
  'malformed-envelope',
  'wrong-payload-type',
  'bad-signature',
  'untrusted-key',
  'malformed-payload',
  'schema',
  'rollback',
  'expired',
  // Deltas (lib/registry/delta.ts): the delta is for another registry, another base version,
  // or its result is not the snapshot the publisher hashed (mix-and-match).
  'wrong-registry',
  'wrong-base',
  'hash-mismatch',
  // Key sets (lib/registry/trust.ts): not signed by enough current (or new) root keys, not
  // newer than the key set held, or already expired.
  'keyset-unsigned',
  'keyset-rollback',
  'keyset-expired',
  // Downloads (lib/registry/fetch.ts; 'too-large' above also covers a body over the limit).
  'http-status',
  'timeout',
  'network',
  'insecure-source',
]);
export type RejectionCode = z.infer<typeof RejectionCode>;

export class SnapshotRejected extends Error {
  constructor(
    readonly code: RejectionCode,
    message: string,
  ) {
    super(message);
    this.name = 'SnapshotRejected';
  }
}

export interface VerifyOptions {
  trustedKeys: readonly TrustedKey[];
  threshold?: number;
  /** Version already stored: anything not above it is a rollback. */
  storedVersion?: number;
  now?: Date;
  maxBytes?: number;
}

/** One kind of signed document: its DSSE payload type, its schema, and what messages call it. */
export interface SignedKind<T> {
  payloadType: string;
  schema: z.ZodType<T>;
  what: string;
  maxBytes: number;
}

export const SNAPSHOT_KIND: SignedKind<Snapshot> = {
  payloadType: SNAPSHOT_PAYLOAD_TYPE,
  schema: Snapshot,
  what: 'snapshot',
  maxBytes: MAX_SNAPSHOT_BYTES,
};

const utf8 = new TextDecoder('utf-8', { fatal: true });

function parseJson(text: string, code: RejectionCode, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new SnapshotRejected(code, `${what} is not JSON: ${(e as Error).message.slice(0, 200)}`);
  }
}

function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid';
  const path = issue.path.length ? issue.path.join('.') : '(root)';
  return `${path}: ${issue.message}`;
}

/** Size and shape of the envelope text, before any signature is looked at. */
export function parseEnvelopeText(envelopeText: string, what: string, maxBytes: number): Envelope {
  if (envelopeText.length > maxBytes) {
    throw new SnapshotRejected('too-large', `${what} is ${envelopeText.length} bytes, the limit is ${maxBytes}`);
  }
  const envelope = Envelope.safeParse(parseJson(envelopeText, 'malformed-envelope', 'envelope'));
  if (!envelope.success) {
    throw new SnapshotRejected('malformed-envelope', `envelope ${firstIssue(envelope.error)}`);
  }
  return envelope.data;
}

/**
 * verifyEnvelope with its errors as rejections; `untrustedCode` names a signature threshold not
 * met (key sets say 'keyset-unsigned').
 */
export async function checkSignatures(
  envelope: Envelope,
  payloadType: string,
  keys: readonly TrustedKey[],
  threshold: number,
  untrustedCode: RejectionCode = 'untrusted-key',
): Promise<Uint8Array> {
  try {
    return await verifyEnvelope(envelope, payloadType, keys, threshold);
  } catch (e) {
    if (!(e instanceof EnvelopeError)) throw e;
    throw new SnapshotRejected(e.code === 'untrusted-key' ? untrustedCode : e.code, e.message);
  }
}

/** Signed payload bytes → a document of the kind's schema. */
export function parsePayload<T>(body: Uint8Array, schema: z.ZodType<T>): T {
  let payloadText: string;
  try {
    payloadText = utf8.decode(body);
  } catch {
    throw new SnapshotRejected('malformed-payload', 'payload is not UTF-8');
  }
  const parsed = schema.safeParse(parseJson(payloadText, 'malformed-payload', 'payload'));
  if (!parsed.success) throw new SnapshotRejected('schema', `payload ${firstIssue(parsed.error)}`);
  return parsed.data;
}

/**
 * Size, envelope, payload type, signatures by `threshold` trusted keys, schema: everything
 * about a signed document that does not depend on what is stored or on the time.
 */
export async function openSigned<T>(
  envelopeText: string,
  kind: SignedKind<T>,
  options: Pick<VerifyOptions, 'trustedKeys' | 'threshold' | 'maxBytes'>,
): Promise<T> {
  const envelope = parseEnvelopeText(envelopeText, kind.what, options.maxBytes ?? kind.maxBytes);
  const body = await checkSignatures(envelope, kind.payloadType, options.trustedKeys, options.threshold ?? 1);
  return parsePayload(body, kind.schema);
}

/** Rollback (a version not above the stored one) and expiry (now at or past expiresAt). */
export function checkFreshness(
  document: { version: number; expiresAt: string },
  options: Pick<VerifyOptions, 'storedVersion' | 'now'>,
  what: string,
): void {
  if (options.storedVersion !== undefined && document.version <= options.storedVersion) {
    throw new SnapshotRejected(
      'rollback',
      `version ${document.version} is not newer than the stored version ${options.storedVersion}`,
    );
  }
  const now = options.now ?? new Date();
  if (Date.parse(document.expiresAt) <= now.getTime()) {
    throw new SnapshotRejected('expired', `${what} expired at ${document.expiresAt}`);
  }
}

/** Verifies a DSSE envelope holding a snapshot: size, signature, schema, version, expiry. */
export async function verifySnapshot(envelopeText: string, options: VerifyOptions): Promise<Snapshot> {
  const snap = await openSigned(envelopeText, SNAPSHOT_KIND, options);
  checkFreshness(snap, options, 'snapshot');
  return snap;
}
