/**
 * An index shard's bytes: the sorted pairs (keyHash, subjectHash) of every lookup key whose hash
 * falls in the shard (`keyHash % shards === number`). Every key of a shard shares that remainder,
 * so only `floor(keyHash / shards)` is stored, as the LEB128 gap from the pair before (~2 bytes
 * at national scale, where the keys of a shard are ~2,900 apart), then the subject hash as a
 * little-endian u32: 6 bytes a pair where two u32 took 8 (12 MB of index → 9 MB, written by
 * every install). A lookup reads a shard front to back (~1,400 pairs, ~3 µs once compiled).
 */

/** Stored layouts say which encoding their index shards use; 1 was two u32 a pair. */
export const INDEX_FORMAT = 2;

/** Where a shard sits: its keys are the hashes ≡ `number` (mod `shards`). */
export interface IndexShardPlace {
  number: number;
  shards: number;
}

/** The shard of flat `[keyHash, subjectHash, …]` pairs (any order; all of them in `place`). */
export function encodeIndexShard(flat: readonly number[], place: IndexShardPlace): Uint8Array {
  const order = Array.from({ length: flat.length / 2 }, (_, i) => i).sort((a, b) => flat[2 * a]! - flat[2 * b]! || flat[2 * a + 1]! - flat[2 * b + 1]!);
  const out = new Uint8Array(order.length * 9);
  const view = new DataView(out.buffer);
  let at = 0;
  let previous = 0;
  for (const pair of order) {
    const keyHash = flat[2 * pair]!;
    if (keyHash % place.shards !== place.number) throw new Error(`key hash ${keyHash} is not in index shard ${place.number} of ${place.shards}`);
    const quotient = Math.floor(keyHash / place.shards);
    for (let gap = quotient - previous; ; gap = Math.floor(gap / 128)) {
      out[at++] = gap >= 128 ? (gap % 128) | 128 : gap;
      if (gap < 128) break;
    }
    previous = quotient;
    view.setUint32(at, flat[2 * pair + 1]!, true);
    at += 4;
  }
  return out.slice(0, at);
}

/**
 * Walks a shard's pairs in order until `visit` returns false. A truncated or overlong gap ends
 * the walk: shards are hash-checked before they are stored, so that is damage on disk.
 */
function walkIndexShard(shard: Uint8Array, visit: (quotient: number, subjectHash: number) => boolean): void {
  const view = new DataView(shard.buffer, shard.byteOffset, shard.byteLength);
  let quotient = 0;
  for (let at = 0; at < shard.length; ) {
    let gap = 0;
    let scale = 1;
    for (;;) {
      const byte = shard[at++];
      if (byte === undefined || scale > 2 ** 28) return;
      gap += (byte & 127) * scale;
      scale *= 128;
      if (byte < 128) break;
    }
    if (at + 4 > shard.length) return;
    quotient += gap;
    if (!visit(quotient, view.getUint32(at, true))) return;
    at += 4;
  }
}

/** Every pair, flat: `[keyHash, subjectHash, …]`, sorted. */
export function indexPairs(shard: Uint8Array, place: IndexShardPlace): number[] {
  const flat: number[] = [];
  walkIndexShard(shard, (quotient, subjectHash) => {
    flat.push(quotient * place.shards + place.number, subjectHash);
    return true;
  });
  return flat;
}

/** Subject hashes stored under `keyHash` in its shard (the layout has `shards` index shards). */
export function findInIndexShard(shard: Uint8Array, keyHash: number, shards: number): number[] {
  const wanted = Math.floor(keyHash / shards);
  const out: number[] = [];
  walkIndexShard(shard, (quotient, subjectHash) => {
    if (quotient === wanted) out.push(subjectHash);
    return quotient <= wanted;
  });
  return out;
}
