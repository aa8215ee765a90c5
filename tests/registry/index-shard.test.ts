/** Index shards (lib/registry/index-shard.ts): gaps of key quotients and subject hashes, read back exactly. */
import { describe, expect, it } from 'vitest';
import { encodeIndexShard, findInIndexShard, indexPairs } from '../../lib/registry/index-shard';
import { seededRandom } from '../support/random';

/** `count` random pairs of shard `number` of `shards`, some keys shared by several subjects. */
function randomPairs(random: () => number, count: number, number: number, shards: number): number[] {
  const flat: number[] = [];
  const top = Math.floor((2 ** 32 - 1 - number) / shards);
  for (let i = 0; i < count; i++) {
    const keyHash = i > 0 && random() < 0.1 ? flat[flat.length - 2]! : Math.floor(random() * (top + 1)) * shards + number;
    flat.push(keyHash, Math.floor(random() * 2 ** 32));
  }
  return flat;
}

const sortedPairs = (flat: number[]) =>
  Array.from({ length: flat.length / 2 }, (_, i) => [flat[2 * i]!, flat[2 * i + 1]!] as const)
    .sort((a, b) => a[0] - b[0] || a[1] - b[1])
    .flat();

describe('index shards', () => {
  const random = seededRandom(2411);

  it('gives every pair back sorted, and every subject of a key, for shard counts from 1 to 65,536', () => {
    for (const shards of [1, 2, 7, 1100, 65_536]) {
      for (let round = 0; round < 20; round++) {
        const number = Math.floor(random() * shards);
        const flat = randomPairs(random, Math.floor(random() * 1500), number, shards);
        const place = { number, shards };
        const shard = encodeIndexShard(flat, place);
        expect(indexPairs(shard, place)).toEqual(sortedPairs(flat));
        for (let i = 0; i < flat.length; i += 2 * 37) {
          const subjects = sortedPairs(flat).filter((_, j, all) => j % 2 === 1 && all[j - 1] === flat[i]);
          expect(findInIndexShard(shard, flat[i]!, shards)).toEqual(subjects);
        }
        // A key of the same shard that is not in it.
        const absent = (Math.floor(random() * Math.floor(2 ** 32 / shards - 1)) * shards + number) >>> 0;
        if (!flat.some((h, j) => j % 2 === 0 && h === absent)) expect(findInIndexShard(shard, absent, shards)).toEqual([]);
      }
    }
  });

  it('keeps a national shard at ~6 bytes a pair (two u32 took 8)', () => {
    // ~1,400 keys of 1,100 shards: a national registry's 1.5 M lookup keys.
    const flat = randomPairs(random, 1400, 17, 1100);
    const bytes = encodeIndexShard(flat, { number: 17, shards: 1100 }).length / 1400;
    expect(bytes).toBeGreaterThan(5.5);
    expect(bytes).toBeLessThan(6.2);
  });

  it('encodes the extremes: hash 0, hash 2^32 − 1, a gap of the whole range, an empty shard', () => {
    const place = { number: 0, shards: 1 };
    const flat = [0, 5, 2 ** 32 - 1, 2 ** 32 - 1, 2 ** 32 - 1, 0];
    expect(indexPairs(encodeIndexShard(flat, place), place)).toEqual([0, 5, 2 ** 32 - 1, 0, 2 ** 32 - 1, 2 ** 32 - 1]);
    expect(findInIndexShard(encodeIndexShard(flat, place), 2 ** 32 - 1, 1)).toEqual([0, 2 ** 32 - 1]);
    expect(encodeIndexShard([], place)).toEqual(new Uint8Array());
    expect(findInIndexShard(new Uint8Array(), 12, 1)).toEqual([]);
  });

  it('refuses a key of another shard, and reads a damaged shard only as far as it is whole', () => {
    expect(() => encodeIndexShard([12, 1], { number: 3, shards: 10 })).toThrow(/not in index shard 3 of 10/);
    const place = { number: 3, shards: 10 };
    const flat = randomPairs(random, 200, 3, 10);
    const shard = encodeIndexShard(flat, place);
    for (let cut = 0; cut < shard.length; cut += 7) {
      const pairs = indexPairs(shard.subarray(0, cut), place);
      expect(pairs).toEqual(sortedPairs(flat).slice(0, pairs.length));
    }
    // Never-ending gaps (every byte continues) end the walk instead of running on.
    expect(indexPairs(new Uint8Array(64).fill(0xff), place)).toEqual([]);
  });
});
