/**
 * Snapshot files as the publisher writes and reads them: an unsigned payload (pretty JSON, for
 * review) or a signed DSSE envelope (compact JSON).
 *
 * What gets signed is the payload re-serialised without whitespace (`JSON.stringify` of the
 * parsed file: same keys, same order, same values). So `build` then `sign` yields exactly the
 * payload bytes `build --key` does, and reformatting a payload file before signing changes nothing.
 */
import { Envelope, signEnvelope } from '../../lib/registry/dsse';
import type { Signer } from '../../lib/registry/keys';
import { Snapshot, SNAPSHOT_PAYLOAD_TYPE } from '../../lib/registry/schema';
import { base64ToBytes } from '../../lib/encoding/base64';
import { summarizeIssues } from './problems';

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

export function payloadFileText(snapshot: Snapshot): string {
  return `${JSON.stringify(snapshot, null, 2)}\n`;
}

/** Signs a payload (already validated) and returns the envelope file text; a snapshot unless `payloadType` says otherwise. */
export async function signedEnvelopeText(payload: unknown, signers: Signer[], payloadType = SNAPSHOT_PAYLOAD_TYPE): Promise<string> {
  const envelope = await signEnvelope(payloadType, encoder.encode(JSON.stringify(payload)), signers);
  return JSON.stringify(envelope);
}

/** The payloadType of an envelope file's text, or undefined when it is not one (verification then says why). */
export function payloadTypeOf(text: string): string | undefined {
  try {
    const data: unknown = JSON.parse(text);
    const type = typeof data === 'object' && data !== null ? (data as { payloadType?: unknown }).payloadType : undefined;
    return typeof type === 'string' ? type : undefined;
  } catch {
    return undefined;
  }
}

/** Validates parsed payload JSON against the snapshot schema; throws naming the first issues. */
export function checkPayload(data: unknown, source: string): Snapshot {
  const parsed = Snapshot.safeParse(data);
  if (!parsed.success) throw new Error(`${source}: not a valid snapshot payload: ${summarizeIssues(parsed.error)}`);
  return parsed.data;
}

type SnapshotFile = { envelope: Envelope; snapshot: Snapshot } | { envelope?: undefined; snapshot: Snapshot };

/** Reads either kind of snapshot file without checking signatures (inspect does that separately). */
export function readSnapshotFile(data: unknown, source: string): SnapshotFile {
  const isEnvelope = typeof data === 'object' && data !== null && 'payloadType' in data;
  if (!isEnvelope) return { snapshot: checkPayload(data, source) };
  const envelope = Envelope.safeParse(data);
  if (!envelope.success) throw new Error(`${source}: malformed DSSE envelope: ${summarizeIssues(envelope.error)}`);
  const bytes = base64ToBytes(envelope.data.payload);
  if (!bytes) throw new Error(`${source}: envelope payload is not canonical base64`);
  let payload: unknown;
  try {
    payload = JSON.parse(decoder.decode(bytes));
  } catch (e) {
    throw new Error(`${source}: envelope payload is not UTF-8 JSON (${(e as Error).message})`);
  }
  return { envelope: envelope.data, snapshot: checkPayload(payload, `${source} (payload)`) };
}
