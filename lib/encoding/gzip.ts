/**
 * gzip with fflate, gunzip with lib/encoding/inflate.ts: synchronous, so a lookup inflates a
 * small shard without a round of stream tasks. The publisher tool compresses packs with Node's
 * zlib instead (scripts/registry/gzip-best.ts); both are read alike. Background and CLI only:
 * never imported by a content script.
 */
import { gzipSync } from 'fflate';
import { concatBytes } from './bytes';
import { inflateInto } from './inflate';

/** mtime 0: the bytes depend on the content only. */
export const gzip = (bytes: Uint8Array): Uint8Array => gzipSync(bytes, { level: 6, mtime: 0 });

/**
 * One inflater for every gunzip (imports, deltas, lookups), so the one a lookup runs is the one
 * the worker has already run, and compiled, most. fflate's allocated up to ~130 KB of tables per
 * block; this one allocates nothing but the output.
 */
export const gunzip = (bytes: Uint8Array): Uint8Array => gunzipInto(bytes, (size) => new Uint8Array(size));

/** Inflated sizes up to this reuse one buffer; larger ones (never a shard) get their own. */
const REUSED_BYTES = 1 << 20;
let reused = new Uint8Array(64 * 1024);

/**
 * gunzip into a buffer shared by every call, for lookups that read a few lines of a shard and
 * keep nothing of it: a held registry's lookups allocated a ~16 KB array and fflate's tables
 * each, and their slowest 1 % were collecting them. The result is only valid until the next
 * call: read it synchronously, and copy what must be kept.
 */
export function gunzipTransient(bytes: Uint8Array): Uint8Array {
  return gunzipInto(bytes, (size) => {
    if (size > REUSED_BYTES) return new Uint8Array(size);
    if (size > reused.length) reused = new Uint8Array(Math.min(REUSED_BYTES, 2 ** Math.ceil(Math.log2(size))));
    return reused.subarray(0, size);
  });
}

/** Far above any shard (~16 KB) or names section (a few MB). */
const MAX_INFLATED_BYTES = 256 * 1024 * 1024;

/** A single gzip member inflated into `output(size)`, `size` read from its trailer. */
function gunzipInto(bytes: Uint8Array, output: (size: number) => Uint8Array): Uint8Array {
  const start = deflateStart(bytes);
  const size = new DataView(bytes.buffer, bytes.byteOffset + bytes.length - 4, 4).getUint32(0, true);
  // Stored sections are hash-checked, but a size from a trailer is never trusted with memory.
  if (size > MAX_INFLATED_BYTES) throw new Error(`invalid gzip data: ${size} bytes inflated is past the ${MAX_INFLATED_BYTES} limit`);
  const out = output(size);
  if (inflateInto(bytes, start, bytes.length - 8, out) !== size) throw new Error('invalid gzip data: size');
  return out;
}

const [FHCRC, FEXTRA, FNAME, FCOMMENT] = [2, 4, 8, 16];

/** Where the DEFLATE data of a gzip member starts (RFC 1952 §2.3). */
function deflateStart(bytes: Uint8Array): number {
  if (bytes.length < 18 || bytes[0] !== 0x1f || bytes[1] !== 0x8b || bytes[2] !== 8) throw new Error('invalid gzip data');
  const flags = bytes[3]!;
  let at = 10;
  if (flags & FEXTRA) at += 2 + (bytes[10]! | (bytes[11]! << 8));
  for (const field of [FNAME, FCOMMENT]) if (flags & field) while (at < bytes.length && bytes[at++] !== 0);
  if (flags & FHCRC) at += 2;
  if (at > bytes.length - 8) throw new Error('invalid gzip data');
  return at;
}

/** `[]` gzip'd: the smallest input that takes a DecompressionStream through a whole stream. */
const EMPTY_LIST_GZ = [31, 139, 8, 0, 0, 0, 0, 0, 0, 3, 139, 142, 5, 0, 41, 187, 76, 13, 2, 0, 0, 0];
let nativeWarmed = false;

const hasNativeGunzip = () => typeof DecompressionStream === 'function';

/**
 * gunzip by the browser's own zlib (DecompressionStream), for a worker's first lookups: a JS
 * inflater runs interpreted there (fflate: 3–11 ms for its first ~16 KB shard) against 0.3–0.5 ms
 * natively (national cold lookups in the worker). gunzip where there is no DecompressionStream.
 */
export async function gunzipNative(bytes: Uint8Array): Promise<Uint8Array> {
  if (!hasNativeGunzip()) return gunzip(bytes);
  const stream = new DecompressionStream('gzip');
  const writer = stream.writable.getWriter();
  // Their failures surface through the reader too.
  writer.write(bytes as Uint8Array<ArrayBuffer>).catch(() => undefined);
  writer.close().catch(() => undefined);
  const reader = stream.readable.getReader();
  const chunks: Uint8Array[] = [];
  for (let read = await reader.read(); !read.done; read = await reader.read()) chunks.push(read.value);
  return chunks.length === 1 ? chunks[0]! : concatBytes(chunks);
}

/**
 * A worker's first DecompressionStream costs 3–5 ms of setting up; started while the worker waits
 * for its first IndexedDB record, it is done by the time a shard arrives. Once per worker.
 */
export function warmNativeGunzip(): void {
  if (nativeWarmed || !hasNativeGunzip()) return;
  nativeWarmed = true;
  gunzipNative(new Uint8Array(EMPTY_LIST_GZ)).catch(() => undefined);
}
