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
