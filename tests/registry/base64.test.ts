import { describe, expect, it } from 'vitest';
import {
  base64ToBytes,
  base64UrlToBytes,
  bytesToBase64,
  bytesToBase64Url,
  bytesToHex,
  hexToBytes,
} from '../../lib/encoding/base64';

const ascii = (s: string) => new TextEncoder().encode(s);

/** Deterministic bytes, so a failure names the same input on every run. */
function patternBytes(length: number, seed: number): Uint8Array {
  return Uint8Array.from({ length }, (_, i) => (i * 131 + seed * 17 + (i >> 3)) & 0xff);
}

// RFC 4648 §10 test vectors.
const RFC4648: Array<[string, string]> = [
  ['', ''],
  ['f', 'Zg=='],
  ['fo', 'Zm8='],
  ['foo', 'Zm9v'],
  ['foob', 'Zm9vYg=='],
  ['fooba', 'Zm9vYmE='],
  ['foobar', 'Zm9vYmFy'],
];

describe('standard base64', () => {
  it.each(RFC4648)('encodes and decodes the RFC 4648 vector %j', (plain, encoded) => {
    expect(bytesToBase64(ascii(plain))).toBe(encoded);
    expect(base64ToBytes(encoded)).toEqual(ascii(plain));
  });

  it('round-trips every length from 0 to 70 bytes, all byte values included', () => {
    for (let length = 0; length <= 70; length++) {
      const bytes = patternBytes(length, length);
      const encoded = bytesToBase64(bytes);
      expect(encoded).toBe(Buffer.from(bytes).toString('base64'));
      expect(base64ToBytes(encoded)).toEqual(bytes);
    }
    const all = Uint8Array.from({ length: 256 }, (_, i) => i);
    expect(base64ToBytes(bytesToBase64(all))).toEqual(all);
  });

  it('round-trips input larger than one encoding chunk (0x8000 bytes)', () => {
    const bytes = patternBytes(0x8000 * 2 + 5, 7);
    const encoded = bytesToBase64(bytes);
    expect(encoded).toBe(Buffer.from(bytes).toString('base64'));
    // Buffer.equals: a deep toEqual over 64 KB is needlessly slow.
    expect(Buffer.from(base64ToBytes(encoded) ?? []).equals(bytes)).toBe(true);
  });

  it.each([
    ['a space inside', 'Zm9v Zg=='],
    ['a trailing newline', 'Zm9vYmFy\n'],
    ['a leading space', ' Zm9vYmFy'],
    ['a CRLF line break', 'Zm9v\r\nYmFy'],
    ['a tab', 'Zm9v\tYmFy'],
  ])('rejects whitespace: %s', (_, text) => {
    expect(base64ToBytes(text)).toBeNull();
  });

  it.each([
    ['QR==', 'QQ=='],
    ['Zh==', 'Zg=='],
    ['Zm9=', 'Zm8='],
    ['Zm9vYmF=', 'Zm9vYmE='],
    ['AB==', 'AA=='],
  ])('rejects non-zero padding bits: %s (canonical form is %s)', (bad, canonical) => {
    expect(base64ToBytes(bad)).toBeNull();
    expect(base64ToBytes(canonical)).not.toBeNull();
    // atob accepts both, which is exactly why the strict decoder exists.
    expect(atob(bad)).toBe(atob(canonical));
  });

  it.each([
    ['missing padding', 'Zg'],
    ['one character', 'Z'],
    ['five characters', 'Zm9vY'],
    ['too much padding', 'Z==='],
    ['only padding', '===='],
    ['padding in the middle', 'Zg==Zg=='],
    ['padding then data', 'Zg=a'],
    ['extra padding after a full group', 'Zm9v===='],
  ])('rejects a wrong length or misplaced padding: %s', (_, text) => {
    expect(base64ToBytes(text)).toBeNull();
  });

  it.each([
    ['base64url characters', 'ab-_'],
    ['a dot', 'Zm9v.mFy'],
    ['a non-ASCII letter', 'Zm9vYmé='],
    ['a NUL character', 'Zm9v\u0000mFy'],
  ])('rejects characters outside the standard alphabet: %s', (_, text) => {
    expect(base64ToBytes(text)).toBeNull();
  });
});

describe('base64url', () => {
  it('uses - and _ and no padding', () => {
    const bytes = Uint8Array.of(0xfb, 0xff, 0xbf, 0xfe);
    expect(bytesToBase64(bytes)).toBe('+/+//g==');
    expect(bytesToBase64Url(bytes)).toBe('-_-__g');
    expect(base64UrlToBytes('-_-__g')).toEqual(bytes);
  });

  it('round-trips every length from 0 to 70 bytes', () => {
    for (let length = 0; length <= 70; length++) {
      const bytes = patternBytes(length, length + 3);
      const encoded = bytesToBase64Url(bytes);
      expect(encoded).toBe(Buffer.from(bytes).toString('base64url'));
      expect(base64UrlToBytes(encoded)).toEqual(bytes);
    }
  });

  it.each([
    ['an impossible length', 'Z'],
    ['non-zero padding bits', 'Zh'],
    ['whitespace', 'Zm9v Zg'],
    ['a character outside both alphabets', 'Zm9v*g'],
  ])('rejects %s', (_, text) => {
    expect(base64UrlToBytes(text)).toBeNull();
  });
});

describe('hex', () => {
  it('round-trips all byte values in lower case', () => {
    const all = Uint8Array.from({ length: 256 }, (_, i) => i);
    const hex = bytesToHex(all);
    expect(hex).toBe(Buffer.from(all).toString('hex'));
    expect(hexToBytes(hex)).toEqual(all);
    expect(hexToBytes('ABcd')).toEqual(Uint8Array.of(0xab, 0xcd));
  });

  it.each(['abc', 'zz', '0x00', 'ab cd'])('rejects %j', (text) => {
    expect(() => hexToBytes(text)).toThrow('not a hex string');
  });
});
