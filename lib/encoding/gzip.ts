/**
 * gzip with fflate: synchronous, so a lookup inflates a small shard without a round of stream
 * tasks, and the same code on both sides (publisher in Node, extension in the worker) gives
 * the same bytes. Background and CLI only: never imported by a content script.
 */
import { gunzipSync, gzipSync } from 'fflate';

/** mtime 0: the bytes depend on the content only. */
export const gzip = (bytes: Uint8Array): Uint8Array => gzipSync(bytes, { level: 6, mtime: 0 });
export const gunzip = (bytes: Uint8Array): Uint8Array => gunzipSync(bytes);
