import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { bytesToBase64, bytesToHex, hexToBytes } from '../../lib/encoding/base64';
import { Envelope, EnvelopeError, pae, signEnvelope, verifyEnvelope } from '../../lib/registry/dsse';
import {
  generateKeyPair,
  importSigner,
  keyIdOf,
  signerFromSeed,
  type PrivateKeyFile,
  type Signer,
  type TrustedKey,
} from '../../lib/registry/keys';

const utf8 = (s: string) => new TextEncoder().encode(s);

interface Ed25519Vector {
  name: string;
  secretKey: string;
  publicKey: string;
  message: string;
  signature: string;
}

// RFC 8032 §7.1, typed from the RFC. Each test checks them both ways (verify and re-sign).
const RFC8032: Ed25519Vector[] = [
  {
    name: 'TEST 1 (empty message)',
    secretKey: '9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60',
    publicKey: 'd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a',
    message: '',
    signature:
      'e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b',
  },
  {
    name: 'TEST 2 (one byte)',
    secretKey: '4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb',
    publicKey: '3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c',
    message: '72',
    signature:
      '92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00',
  },
  {
    name: 'TEST 3 (two bytes)',
    secretKey: 'c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7',
    publicKey: 'fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025',
    message: 'af82',
    signature:
      '6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a',
  },
  {
    name: 'TEST SHA(abc)',
    secretKey: '833fe62409237b9d62ec77587520911e9a759cec1d19755b7da901b96dca3d42',
    publicKey: 'ec172b93ad5e563bf4932c70e1245034c35467ef2efd4d64ebf819683467e2bf',
    message:
      'ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f',
    signature:
      'dc2a4459e7369633a52b1bf277839a00201009a3efbf3ecb69bea2186c26b58909351fc9ac90b3ecfdfbc7c66431e0303dca179c138ac17ad9bef1177331a704',
  },
];

async function importRawPublicKey(raw: Uint8Array): Promise<CryptoKey> {
  return crypto.subtle.importKey('raw', raw as BufferSource, { name: 'Ed25519' }, false, ['verify']);
}

describe('Ed25519 keys against RFC 8032 §7.1', () => {
  it('TEST SHA(abc) signs the SHA-512 of "abc"', () => {
    const sha512 = createHash('sha512').update('abc').digest('hex');
    expect(RFC8032[3]?.message).toBe(sha512);
  });

  describe.each(RFC8032)('$name', (vector) => {
    const secretKey = hexToBytes(vector.secretKey);
    const publicKey = hexToBytes(vector.publicKey);
    const message = hexToBytes(vector.message);
    const signature = hexToBytes(vector.signature);

    it('has the sizes the RFC gives', () => {
      expect([secretKey.length, publicKey.length, signature.length]).toEqual([32, 32, 64]);
    });

    it('WebCrypto verifies the RFC signature with the RFC public key', async () => {
      const key = await importRawPublicKey(publicKey);
      expect(await crypto.subtle.verify('Ed25519', key, signature as BufferSource, message as BufferSource)).toBe(true);
      const tampered = signature.slice();
      tampered[0] = (tampered[0] ?? 0) ^ 0x01;
      expect(await crypto.subtle.verify('Ed25519', key, tampered as BufferSource, message as BufferSource)).toBe(false);
    });

    it('signerFromSeed reproduces the exact signature (Ed25519 is deterministic)', async () => {
      const signer = await signerFromSeed(secretKey, publicKey);
      const produced = new Uint8Array(await crypto.subtle.sign('Ed25519', signer.key, message as BufferSource));
      expect(bytesToHex(produced)).toBe(vector.signature);
    });

    it('keyIdOf is the SHA-256 hex of the raw public key', async () => {
      const expected = createHash('sha256').update(publicKey).digest('hex');
      expect(await keyIdOf(publicKey)).toBe(expected);
      expect((await signerFromSeed(secretKey, publicKey)).keyid).toBe(expected);
    });
  });
});

describe('PAE', () => {
  it('matches the DSSE specification example', () => {
    const encoded = pae('http://example.com/HelloWorld', utf8('hello world'));
    expect(new TextDecoder().decode(encoded)).toBe('DSSEv1 29 http://example.com/HelloWorld 11 hello world');
  });

  it('counts lengths in bytes, not characters', () => {
    expect(new TextDecoder().decode(pae('类型', utf8('é')))).toBe('DSSEv1 6 类型 2 é');
  });

  it('encodes an empty type and body', () => {
    expect(new TextDecoder().decode(pae('', new Uint8Array()))).toBe('DSSEv1 0  0 ');
  });

  it('keeps arbitrary body bytes as they are', () => {
    const body = Uint8Array.of(0x00, 0xff, 0x20, 0x0a);
    const encoded = pae('t', body);
    expect(encoded.slice(-body.length)).toEqual(body);
    expect(new TextDecoder().decode(encoded.slice(0, -body.length))).toBe('DSSEv1 1 t 4 ');
  });
});

const TYPE = 'application/vnd.example+json';
const BODY = utf8('{"hello":"世界"}');

interface TestKey {
  file: PrivateKeyFile;
  trusted: TrustedKey;
  signer: Signer;
}

async function makeKey(name: string): Promise<TestKey> {
  const { privateKey, publicKey } = await generateKeyPair(name);
  return { file: privateKey, trusted: publicKey, signer: await importSigner(privateKey) };
}

async function rejection(promise: Promise<unknown>): Promise<EnvelopeError> {
  const error = await promise.then(
    () => expect.fail('the envelope was accepted'),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(EnvelopeError);
  return error as EnvelopeError;
}

describe('DSSE envelopes', () => {
  let alice: TestKey;
  let bob: TestKey;
  let mallory: TestKey;

  beforeAll(async () => {
    [alice, bob, mallory] = await Promise.all([makeKey('alice'), makeKey('bob'), makeKey('mallory')]);
  });

  it('round-trips: a signed envelope verifies and returns the body bytes', async () => {
    const envelope = await signEnvelope(TYPE, BODY, [alice.signer]);
    expect(Envelope.parse(envelope)).toEqual(envelope);
    expect(envelope.payload).toBe(bytesToBase64(BODY));
    expect(envelope.signatures).toHaveLength(1);
    expect(envelope.signatures[0]?.keyid).toBe(alice.trusted.keyid);
    expect(await verifyEnvelope(envelope, TYPE, [alice.trusted])).toEqual(BODY);
  });

  it('verifies an envelope signed with an RFC 8032 key', async () => {
    const vector = RFC8032[0]!;
    const publicKey = hexToBytes(vector.publicKey);
    const signer = await signerFromSeed(hexToBytes(vector.secretKey), publicKey);
    const trusted: TrustedKey = { keyid: signer.keyid, publicKey: bytesToBase64(publicKey) };
    const envelope = await signEnvelope(TYPE, BODY, [signer]);
    expect(await verifyEnvelope(envelope, TYPE, [trusted])).toEqual(BODY);
  });

  it('refuses to sign without a key', async () => {
    await expect(signEnvelope(TYPE, BODY, [])).rejects.toThrow('at least one signing key');
  });

  it('accepts a 2-of-2 threshold when both trusted keys signed', async () => {
    const envelope = await signEnvelope(TYPE, BODY, [alice.signer, bob.signer]);
    expect(await verifyEnvelope(envelope, TYPE, [alice.trusted, bob.trusted], 2)).toEqual(BODY);
  });

  it('rejects a 2-key threshold met by one key only', async () => {
    const envelope = await signEnvelope(TYPE, BODY, [alice.signer]);
    const error = await rejection(verifyEnvelope(envelope, TYPE, [alice.trusted, bob.trusted], 2));
    expect(error.code).toBe('untrusted-key');
    expect(error.message).toContain('1 trusted key(s), 2 needed');
  });

  it('ignores signatures by unknown keys, valid or not', async () => {
    const envelope = await signEnvelope(TYPE, BODY, [mallory.signer, alice.signer]);
    const garbage = { keyid: 'f'.repeat(64), sig: bytesToBase64(new Uint8Array(64)) };
    const withGarbage = { ...envelope, signatures: [garbage, ...envelope.signatures] };
    expect(await verifyEnvelope(withGarbage, TYPE, [alice.trusted])).toEqual(BODY);
  });

  it('does not count unknown-key signatures towards the threshold', async () => {
    const envelope = await signEnvelope(TYPE, BODY, [mallory.signer, alice.signer]);
    const error = await rejection(verifyEnvelope(envelope, TYPE, [alice.trusted, bob.trusted], 2));
    expect(error.code).toBe('untrusted-key');
  });

  it('rejects an envelope signed by unknown keys only', async () => {
    const envelope = await signEnvelope(TYPE, BODY, [mallory.signer]);
    const error = await rejection(verifyEnvelope(envelope, TYPE, [alice.trusted]));
    expect(error.code).toBe('untrusted-key');
    expect(error.message).toBe('no signature by a trusted key');
  });

  it('counts a duplicated signature by one key once', async () => {
    const envelope = await signEnvelope(TYPE, BODY, [alice.signer]);
    const [signature] = envelope.signatures;
    const duplicated = { ...envelope, signatures: [signature!, signature!] };
    expect(await verifyEnvelope(duplicated, TYPE, [alice.trusted])).toEqual(BODY);
    const error = await rejection(verifyEnvelope(duplicated, TYPE, [alice.trusted, bob.trusted], 2));
    expect(error.code).toBe('untrusted-key');
  });

  it('rejects a payload type other than the expected one', async () => {
    const envelope = await signEnvelope('application/vnd.other+json', BODY, [alice.signer]);
    const error = await rejection(verifyEnvelope(envelope, TYPE, [alice.trusted]));
    expect(error.code).toBe('wrong-payload-type');
  });

  it('binds the payload type into the signature: relabelling the type breaks it', async () => {
    const envelope = await signEnvelope('application/vnd.other+json', BODY, [alice.signer]);
    const error = await rejection(verifyEnvelope({ ...envelope, payloadType: TYPE }, TYPE, [alice.trusted]));
    expect(error.code).toBe('bad-signature');
  });

  it('rejects a changed payload', async () => {
    const envelope = await signEnvelope(TYPE, BODY, [alice.signer]);
    const changed = { ...envelope, payload: bytesToBase64(utf8('{"hello":"world"}')) };
    const error = await rejection(verifyEnvelope(changed, TYPE, [alice.trusted]));
    expect(error.code).toBe('bad-signature');
  });

  it('rejects a bad signature by a trusted key even when another trusted key signed', async () => {
    const envelope = await signEnvelope(TYPE, BODY, [alice.signer, bob.signer]);
    const forged = { keyid: bob.trusted.keyid, sig: bytesToBase64(new Uint8Array(64)) };
    const signatures = [envelope.signatures[0]!, forged];
    const error = await rejection(verifyEnvelope({ ...envelope, signatures }, TYPE, [alice.trusted, bob.trusted]));
    expect(error.code).toBe('bad-signature');
  });

  it.each([
    ['not base64', '!!!'],
    ['63 bytes', bytesToBase64(new Uint8Array(63))],
    ['65 bytes', bytesToBase64(new Uint8Array(65))],
    ['empty', ''],
  ])('rejects a trusted-key signature that is %s', async (_, sig) => {
    const envelope = await signEnvelope(TYPE, BODY, [alice.signer]);
    const signatures = [{ keyid: alice.trusted.keyid, sig }];
    const error = await rejection(verifyEnvelope({ ...envelope, signatures }, TYPE, [alice.trusted]));
    expect(error.code).toBe('bad-signature');
  });

  it('rejects a payload that is not canonical base64', async () => {
    const envelope = await signEnvelope(TYPE, utf8('f'), [alice.signer]);
    expect(envelope.payload).toBe('Zg==');
    const error = await rejection(verifyEnvelope({ ...envelope, payload: 'Zh==' }, TYPE, [alice.trusted]));
    expect(error.code).toBe('malformed-envelope');
  });

  it('schema: rejects unknown fields, missing signatures and oversized fields', () => {
    const base = { payloadType: TYPE, payload: 'Zg==', signatures: [{ keyid: 'k', sig: 's' }] };
    expect(Envelope.safeParse(base).success).toBe(true);
    expect(Envelope.safeParse({ ...base, extra: 1 }).success).toBe(false);
    expect(Envelope.safeParse({ ...base, signatures: [] }).success).toBe(false);
    expect(Envelope.safeParse({ ...base, signatures: [{ keyid: 'k', sig: 's', x: 1 }] }).success).toBe(false);
    expect(Envelope.safeParse({ ...base, payloadType: '' }).success).toBe(false);
    expect(Envelope.safeParse({ ...base, signatures: Array(17).fill(base.signatures[0]) }).success).toBe(false);
  });
});
