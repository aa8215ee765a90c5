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

/** Verifies a DSSE envelope holding a snapshot: size, signature, schema, version, expiry. */
export async function verifySnapshot(envelopeText: string, options: VerifyOptions): Promise<Snapshot> {
  const maxBytes = options.maxBytes ?? MAX_SNAPSHOT_BYTES;
  if (envelopeText.length > maxBytes) {
    throw new SnapshotRejected('too-large', `snapshot is ${envelopeText.length} bytes, the limit is ${maxBytes}`);
  }
  const envelope = Envelope.safeParse(parseJson(envelopeText, 'malformed-envelope', 'envelope'));
  if (!envelope.success) {
    throw new SnapshotRejected('malformed-envelope', `envelope ${firstIssue(envelope.error)}`);
  }
  let body: Uint8Array;
  try {
    body = await verifyEnvelope(envelope.data, SNAPSHOT_PAYLOAD_TYPE, options.trustedKeys, options.threshold ?? 1);
  } catch (e) {
    if (e instanceof EnvelopeError) throw new SnapshotRejected(e.code, e.message);
    throw e;
  }
  let payloadText: string;
  try {
    payloadText = utf8.decode(body);
  } catch {
    throw new SnapshotRejected('malformed-payload', 'payload is not UTF-8');
  }
  const snapshot = Snapshot.safeParse(parseJson(payloadText, 'malformed-payload', 'payload'));
  if (!snapshot.success) throw new SnapshotRejected('schema', `payload ${firstIssue(snapshot.error)}`);
  const snap = snapshot.data;
  if (options.storedVersion !== undefined && snap.version <= options.storedVersion) {
    throw new SnapshotRejected('rollback', `version ${snap.version} is not newer than the stored version ${options.storedVersion}`);
  }
  const now = options.now ?? new Date();
  if (Date.parse(snap.expiresAt) <= now.getTime()) {
    throw new SnapshotRejected('expired', `snapshot expired at ${snap.expiresAt}`);
  }
  return snap;
}
