/**
 * DSSE envelopes (github.com/secure-systems-lab/dsse, v1): the signature covers the
 * pre-authentication encoding of payload type and bytes, so neither can be swapped alone.
 */
import { z } from 'zod';
import { base64ToBytes, bytesToBase64 } from '../encoding/base64';
import { importVerifier, type Signer, type TrustedKey } from './keys';

const Base64 = z.string().max(512 * 1024 * 1024);

export const Envelope = z.strictObject({
  payloadType: z.string().min(1).max(200),
  payload: Base64,
  signatures: z
    .array(z.strictObject({ keyid: z.string().max(200), sig: z.string().max(200) }))
    .min(1)
    .max(16),
});
export type Envelope = z.infer<typeof Envelope>;

const utf8 = new TextEncoder();

/** PAE(type, body) = "DSSEv1" SP LEN(type) SP type SP LEN(body) SP body, lengths in ASCII decimal. */
export function pae(payloadType: string, body: Uint8Array): Uint8Array {
  const type = utf8.encode(payloadType);
  const head = utf8.encode(`DSSEv1 ${type.length} `);
  const mid = utf8.encode(` ${body.length} `);
  const out = new Uint8Array(head.length + type.length + mid.length + body.length);
  out.set(head, 0);
  out.set(type, head.length);
  out.set(mid, head.length + type.length);
  out.set(body, head.length + type.length + mid.length);
  return out;
}

export async function signEnvelope(payloadType: string, body: Uint8Array, signers: Signer[]): Promise<Envelope> {
  if (signers.length === 0) throw new Error('at least one signing key is needed');
  const message = pae(payloadType, body);
  const signatures = await Promise.all(
    signers.map(async (s) => ({
      keyid: s.keyid,
      sig: bytesToBase64(new Uint8Array(await crypto.subtle.sign('Ed25519', s.key, message as BufferSource))),
    })),
  );
  return { payloadType, payload: bytesToBase64(body), signatures };
}

export class EnvelopeError extends Error {
  constructor(
    readonly code: 'malformed-envelope' | 'wrong-payload-type' | 'bad-signature' | 'untrusted-key',
    message: string,
  ) {
    super(message);
    this.name = 'EnvelopeError';
  }
}

/**
 * Checks that at least `threshold` distinct trusted keys signed the envelope and returns the
 * payload bytes. Signatures by unknown keys are ignored (DSSE allows extra signers); a
 * signature by a trusted key that does not verify fails the whole envelope, because a
 * well-formed publisher never produces one.
 */
export async function verifyEnvelope(
  envelope: Envelope,
  expectedType: string,
  trustedKeys: readonly TrustedKey[],
  threshold = 1,
): Promise<Uint8Array> {
  if (envelope.payloadType !== expectedType) {
    throw new EnvelopeError('wrong-payload-type', `payload type is "${envelope.payloadType.slice(0, 80)}", expected "${expectedType}"`);
  }
  const body = base64ToBytes(envelope.payload);
  if (!body) throw new EnvelopeError('malformed-envelope', 'payload is not canonical base64');
  const message = pae(envelope.payloadType, body);
  const byId = new Map(trustedKeys.map((k) => [k.keyid, k]));
  const verified = new Set<string>();
  for (const { keyid, sig } of envelope.signatures) {
    const key = byId.get(keyid);
    if (!key || verified.has(keyid)) continue;
    const sigBytes = base64ToBytes(sig);
    const ok =
      sigBytes?.length === 64 &&
      (await crypto.subtle.verify('Ed25519', await importVerifier(key), sigBytes as BufferSource, message as BufferSource));
    if (!ok) throw new EnvelopeError('bad-signature', `signature by key ${keyid.slice(0, 16)}… does not verify`);
    verified.add(keyid);
  }
  if (verified.size < threshold) {
    throw new EnvelopeError(
      'untrusted-key',
      verified.size === 0
        ? 'no signature by a trusted key'
        : `signed by ${verified.size} trusted key(s), ${threshold} needed`,
    );
  }
  return body;
}
