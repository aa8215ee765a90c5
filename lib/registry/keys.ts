/** Ed25519 keys as the registry uses them: raw 32-byte public keys named by their SHA-256. */
import { z } from 'zod';
import { base64ToBytes, base64UrlToBytes, bytesToBase64, bytesToBase64Url, bytesToHex } from '../encoding/base64';

const ED25519 = { name: 'Ed25519' } as const;

const KeyId = z.string().regex(/^[0-9a-f]{64}$/, 'a keyid is the SHA-256 hex of the raw public key');
const RawPublicKey = z
  .string()
  .refine((s) => base64ToBytes(s)?.length === 32, 'an Ed25519 public key is 32 bytes of base64');

/** A key the extension trusts, as pinned at build time or listed in a signed key set. */
export const TrustedKey = z.strictObject({ keyid: KeyId, publicKey: RawPublicKey, name: z.string().max(100).optional() });
export type TrustedKey = z.infer<typeof TrustedKey>;
export const TrustedKeys = z.array(TrustedKey).min(1).max(32);

/** A private signing key file as `keygen` writes it (JWK, so WebCrypto imports it everywhere). */
export const PrivateKeyFile = z.strictObject({
  keyid: KeyId,
  name: z.string().max(100).optional(),
  jwk: z.object({ kty: z.literal('OKP'), crv: z.literal('Ed25519'), d: z.string(), x: z.string() }),
});
export type PrivateKeyFile = z.infer<typeof PrivateKeyFile>;

export interface Signer {
  keyid: string;
  key: CryptoKey;
}

export async function keyIdOf(rawPublicKey: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', rawPublicKey as BufferSource);
  return bytesToHex(new Uint8Array(digest));
}

export async function generateKeyPair(name?: string): Promise<{ privateKey: PrivateKeyFile; publicKey: TrustedKey }> {
  const pair = (await crypto.subtle.generateKey(ED25519, true, ['sign', 'verify'])) as CryptoKeyPair;
  const jwk = await crypto.subtle.exportKey('jwk', pair.privateKey);
  const raw = new Uint8Array(await crypto.subtle.exportKey('raw', pair.publicKey));
  const keyid = await keyIdOf(raw);
  return {
    privateKey: PrivateKeyFile.parse({ keyid, name, jwk: { kty: 'OKP', crv: 'Ed25519', d: jwk.d, x: jwk.x } }),
    publicKey: { keyid, publicKey: bytesToBase64(raw), ...(name ? { name } : {}) },
  };
}

/** The public half of a private key file, with its keyid checked against the key itself. */
export async function publicKeyOf(file: PrivateKeyFile): Promise<TrustedKey> {
  const raw = base64UrlToBytes(file.jwk.x);
  if (!raw || raw.length !== 32) throw new Error('private key file: x is not a 32-byte Ed25519 public key');
  const keyid = await keyIdOf(raw);
  if (keyid !== file.keyid) throw new Error('private key file: keyid does not match its public key');
  return { keyid, publicKey: bytesToBase64(raw), ...(file.name ? { name: file.name } : {}) };
}

export async function importSigner(file: PrivateKeyFile): Promise<Signer> {
  await publicKeyOf(file);
  const key = await crypto.subtle.importKey('jwk', { ...file.jwk, ext: true }, ED25519, false, ['sign']);
  return { keyid: file.keyid, key };
}

export async function importVerifier(key: TrustedKey): Promise<CryptoKey> {
  const raw = base64ToBytes(key.publicKey);
  if (!raw || raw.length !== 32) throw new Error(`key ${key.keyid}: not a 32-byte Ed25519 public key`);
  if ((await keyIdOf(raw)) !== key.keyid) throw new Error(`key ${key.keyid}: keyid does not match the key`);
  return crypto.subtle.importKey('raw', raw as BufferSource, ED25519, false, ['verify']);
}

/** Raw Ed25519 key pair from the 32-byte seed (RFC 8032 test vectors give keys this way). */
export async function signerFromSeed(seed: Uint8Array, publicKey: Uint8Array): Promise<Signer> {
  const key = await crypto.subtle.importKey(
    'jwk',
    { kty: 'OKP', crv: 'Ed25519', d: bytesToBase64Url(seed), x: bytesToBase64Url(publicKey), ext: true },
    ED25519,
    false,
    ['sign'],
  );
  return { keyid: await keyIdOf(publicKey), key };
}
