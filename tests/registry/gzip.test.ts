import { gzipSync as zlibGzip } from 'node:zlib';
import { gzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { gunzip, gunzipNative, gunzipTransient, gzip, warmNativeGunzip } from '../../lib/encoding/gzip';

const same = (a: Uint8Array, b: Uint8Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));
const text = (n: number) => new TextEncoder().encode(Array.from({ length: n }, (_, i) => `[${i * 7919},"c",{"id":"c${i}"}]`).join(',\n'));

describe('gunzipTransient', () => {
  it('gives the bytes gunzip gives, for small and growing sizes', () => {
    // Past 64 KB, the buffer it starts with.
    for (const n of [0, 1, 100, 3_000]) {
      const plain = text(n);
      expect(same(gunzipTransient(gzip(plain)), plain)).toBe(true);
    }
  });

  it('reuses one buffer: a result is overwritten by the next call', () => {
    const first = gunzipTransient(gzip(text(50)));
    const copy = first.slice();
    gunzipTransient(gzip(text(60).map((b) => (b === 0x30 ? 0x31 : b))));
    expect(same(first, copy)).toBe(false);
  });

  it('gives inflated sizes above its buffer their own array', () => {
    const plain = new Uint8Array(3 * 1024 * 1024).fill(0x5b);
    const out = gunzipTransient(gzip(plain));
    expect(same(out, plain)).toBe(true);
    expect(same(gunzipTransient(gzip(text(10))), text(10))).toBe(true);
    expect(same(out, plain)).toBe(true);
  });

  it('refuses what is not gzip, as gunzip does', () => {
    for (const bad of [new Uint8Array(), new Uint8Array(30).fill(7)]) {
      expect(() => gunzipTransient(bad)).toThrow();
      expect(() => gunzip(bad)).toThrow();
    }
  });
});

describe('gunzipNative', () => {
  it('gives the bytes gunzip gives', async () => {
    warmNativeGunzip();
    for (const n of [0, 100, 3_000]) expect(same(await gunzipNative(gzip(text(n))), text(n))).toBe(true);
  });

  it('rejects what is not gzip', async () => {
    await expect(gunzipNative(new Uint8Array(30).fill(7))).rejects.toThrow();
  });
});

describe('inflateInto (through gunzipTransient)', () => {
  /** Deterministic pseudo-random numbers in [0, 1), so a failure names the same input on every run. */
  const random = (seed: number) => () => ((seed = (Math.imul(seed, 1103515245) + 12345) & 0x7fffffff) / 0x80000000);

  it('decodes stored, fixed and dynamic blocks as fflate and zlib encode them', () => {
    const next = random(7);
    for (let i = 0; i < 200; i++) {
      const n = Math.floor(next() ** 3 * 120_000);
      const plain = Uint8Array.from({ length: n }, (_, j) => [() => next() * 256, () => 97 + next() * 4, () => (j % 97) + next() * 3][i % 3]!());
      const level = ([0, 1, 6, 9] as const)[i % 4];
      const gz = i % 2 ? gzipSync(plain, { level }) : new Uint8Array(zlibGzip(plain, { level }));
      expect(same(gunzipTransient(gz), plain), `input ${i} (${n} bytes, level ${level})`).toBe(true);
    }
  });

  it('refuses corrupt data or decodes it to the trailer size, never past its buffer', () => {
    const next = random(11);
    const gz = gzip(text(200));
    for (let i = 0; i < 500; i++) {
      const bad = gz.slice();
      bad[10 + Math.floor(next() * (bad.length - 18))]! ^= 1 << Math.floor(next() * 8);
      try {
        expect(gunzipTransient(bad).length).toBe(text(200).length);
      } catch (error) {
        expect(String(error)).toMatch(/invalid (deflate|gzip) data/);
      }
    }
  });
});
