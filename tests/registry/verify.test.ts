/**
 * verifySnapshot against a hostile transport: the envelope is signed once, then mutated in
 * every position. Nothing but the untouched text may come back as a Snapshot.
 */
import { describe, expect, it } from 'vitest';
import { base64ToBytes, bytesToBase64 } from '../../lib/encoding/base64';
import { signEnvelope, type Envelope } from '../../lib/registry/dsse';
import { generateKeyPair, importSigner, type Signer } from '../../lib/registry/keys';
import { SNAPSHOT_PAYLOAD_TYPE, SNAPSHOT_SCHEMA_ID, Snapshot, type SnapshotInput } from '../../lib/registry/schema';
import { RejectionCode, SnapshotRejected, verifySnapshot, type VerifyOptions } from '../../lib/registry/verify';
import { seededRandom } from '../support/random';

const NOW = new Date('2026-03-01T00:00:00Z');

const SNAPSHOT: SnapshotInput = {
  schema: SNAPSHOT_SCHEMA_ID,
  registry: {
    id: 'test-registry',
    name: { zh: '测试登记簿', en: 'Test registry' },
    operator: 'LiveSeal tests',
    homepage: 'https://registry.example.org/',
    demo: true,
  },
  version: 42,
  issuedAt: '2026-01-01T00:00:00+08:00',
  expiresAt: '2026-12-31T23:59:59+08:00',
  gradeScale: [{ id: 'A', label: { zh: '甲级', en: 'Grade A' }, colour: '#1a7f37' }],
  companies: [
    {
      id: 'co-1',
      name: '示例商贸有限公司',
      uscc: '91330100MA27XY1234',
      certificates: [
        {
          number: 'LS-2026-0001',
          scheme: 'Live-stream e-commerce service',
          issuer: 'Example Certification Co.',
          grade: 'A',
          issuedOn: '2026-01-01',
          expiresOn: '2028-12-31',
          status: 'valid',
        },
      ],
      accounts: [{ platform: 'douyin', accountId: '1234567890', displayName: '示例旗舰店', role: 'shop' }],
    },
  ],
  blacklist: [
    {
      id: 'bl-1',
      kind: 'anchor',
      names: ['某主播'],
      reasons: [{ zh: '虚假宣传', en: 'False advertising' }],
      measures: ['close-live-function'],
      listedOn: '2026-02-01',
      authority: 'Example Market Regulation Bureau',
    },
  ],
};

const utf8 = (s: string) => new TextEncoder().encode(s);

/** Signs `body` as a snapshot envelope and serialises it compactly, as the publisher does. */
async function envelopeText(body: Uint8Array, signer: Signer, payloadType = SNAPSHOT_PAYLOAD_TYPE): Promise<string> {
  return JSON.stringify(await signEnvelope(payloadType, body, [signer]));
}

const snapshotBody = (snapshot: unknown) => utf8(JSON.stringify(snapshot));

// Signed once at collection time so test names can carry the mutation counts.
const { privateKey, publicKey } = await generateKeyPair('test publisher');
const signer = await importSigner(privateKey);
const VALID = await envelopeText(snapshotBody(SNAPSHOT), signer);
const OPTIONS: VerifyOptions = { trustedKeys: [publicKey], now: NOW };

/** The rejection code, or a description of what went wrong instead of a SnapshotRejected. */
async function outcome(text: string, options: VerifyOptions = OPTIONS): Promise<RejectionCode | string> {
  try {
    await verifySnapshot(text, options);
    return 'ACCEPTED';
  } catch (e) {
    if (!(e instanceof SnapshotRejected)) return `threw ${String(e)}`;
    return RejectionCode.safeParse(e.code).success ? e.code : `unknown code ${e.code}`;
  }
}

async function rejectionOf(text: string, options: VerifyOptions = OPTIONS): Promise<SnapshotRejected> {
  const error = await verifySnapshot(text, options).then(
    () => expect.fail('the snapshot was accepted'),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SnapshotRejected);
  return error as SnapshotRejected;
}

/** Runs every mutation and returns those not rejected with a known code, for one clear diff. */
async function unrejected(mutations: Iterable<{ label: string; text: string }>): Promise<string[]> {
  const failures: string[] = [];
  for (const { label, text } of mutations) {
    const result = await outcome(text);
    if (!RejectionCode.safeParse(result).success) failures.push(`${label}: ${result}`);
  }
  return failures;
}

function replaceAt(text: string, index: number, char: string): string {
  return text.slice(0, index) + char + text.slice(index + 1);
}

function* xorFlips(text: string) {
  for (let i = 0; i < text.length; i++) {
    const char = String.fromCharCode(text.charCodeAt(i) ^ 0x01);
    yield { label: `index ${i} ${JSON.stringify(text[i])} -> ${JSON.stringify(char)}`, text: replaceAt(text, i, char) };
  }
}

const RANDOM_SEED = 0x5ea1;
function* printableReplacements(text: string, seed: number) {
  const random = seededRandom(seed);
  for (let i = 0; i < text.length; i++) {
    let char: string;
    do char = String.fromCharCode(0x20 + Math.floor(random() * 95));
    while (char === text[i]);
    yield { label: `index ${i} ${JSON.stringify(text[i])} -> ${JSON.stringify(char)}`, text: replaceAt(text, i, char) };
  }
}

const VALID_ENVELOPE = JSON.parse(VALID) as Envelope;
const SIGNATURE = base64ToBytes(VALID_ENVELOPE.signatures[0]!.sig)!;
const SIGNATURE_MASKS = [0x01, 0x80];

function withSignature(sig: Uint8Array): string {
  const [first] = VALID_ENVELOPE.signatures;
  return JSON.stringify({ ...VALID_ENVELOPE, signatures: [{ ...first!, sig: bytesToBase64(sig) }] });
}

const TRUNCATIONS = 50;

describe('verifySnapshot', () => {
  it('accepts the valid envelope and returns the parsed snapshot', async () => {
    // Compact printable ASCII: one character per byte, so the flips below cover every byte.
    expect(VALID).toMatch(/^[\x21-\x7e]+$/);
    expect(await verifySnapshot(VALID, OPTIONS)).toEqual(Snapshot.parse(SNAPSHOT));
  });

  it(`rejects all ${VALID.length} single-character XOR 0x01 flips of the envelope text`, async () => {
    expect(await unrejected(xorFlips(VALID))).toEqual([]);
  });

  it(`rejects all ${VALID.length} random printable replacements of one character (seed ${RANDOM_SEED})`, async () => {
    expect(await unrejected(printableReplacements(VALID, RANDOM_SEED))).toEqual([]);
  });

  const signatureFlips = SIGNATURE.length * SIGNATURE_MASKS.length;
  it(`rejects all ${signatureFlips} single-byte flips of the signature as bad-signature`, async () => {
    expect(SIGNATURE).toHaveLength(64);
    const codes = new Set<string>();
    for (let i = 0; i < SIGNATURE.length; i++) {
      for (const mask of SIGNATURE_MASKS) {
        const sig = SIGNATURE.slice();
        sig[i] = sig[i]! ^ mask;
        codes.add(await outcome(withSignature(sig)));
      }
    }
    expect([...codes]).toEqual(['bad-signature']);
  });

  it(`rejects ${TRUNCATIONS} random truncations as malformed-envelope`, async () => {
    const random = seededRandom(TRUNCATIONS);
    const codes = new Set<string>();
    for (let n = 0; n < TRUNCATIONS; n++) {
      codes.add(await outcome(VALID.slice(0, Math.floor(random() * VALID.length))));
    }
    expect([...codes]).toEqual(['malformed-envelope']);
  });

  it('rejects an envelope signed by a key that is not trusted', async () => {
    const other = await generateKeyPair('someone else');
    const error = await rejectionOf(VALID, { ...OPTIONS, trustedKeys: [other.publicKey] });
    expect(error.code).toBe('untrusted-key');
  });

  it('rejects when the threshold asks for more keys than signed', async () => {
    const other = await generateKeyPair('second publisher');
    const error = await rejectionOf(VALID, { ...OPTIONS, trustedKeys: [publicKey, other.publicKey], threshold: 2 });
    expect(error.code).toBe('untrusted-key');
  });

  it('rejects a snapshot once now reaches expiresAt', async () => {
    const expiresAt = new Date(Date.parse(SNAPSHOT.expiresAt));
    expect((await rejectionOf(VALID, { ...OPTIONS, now: expiresAt })).code).toBe('expired');
    expect((await rejectionOf(VALID, { ...OPTIONS, now: new Date(expiresAt.getTime() + 1) })).code).toBe('expired');
    await expect(verifySnapshot(VALID, { ...OPTIONS, now: new Date(expiresAt.getTime() - 1) })).resolves.toBeTruthy();
  });

  it('rejects a rollback to a version not above the stored one', async () => {
    expect((await rejectionOf(VALID, { ...OPTIONS, storedVersion: SNAPSHOT.version })).code).toBe('rollback');
    expect((await rejectionOf(VALID, { ...OPTIONS, storedVersion: SNAPSHOT.version + 1 })).code).toBe('rollback');
    await expect(verifySnapshot(VALID, { ...OPTIONS, storedVersion: SNAPSHOT.version - 1 })).resolves.toBeTruthy();
  });

  it('rejects an envelope larger than maxBytes before parsing it', async () => {
    expect((await rejectionOf(VALID, { ...OPTIONS, maxBytes: VALID.length - 1 })).code).toBe('too-large');
    expect((await rejectionOf('x'.repeat(101), { ...OPTIONS, maxBytes: 100 })).code).toBe('too-large');
    await expect(verifySnapshot(VALID, { ...OPTIONS, maxBytes: VALID.length })).resolves.toBeTruthy();
  });

  it('rejects a correctly signed snapshot whose grade is not in gradeScale', async () => {
    const company = SNAPSHOT.companies![0]!;
    const badGrade = {
      ...SNAPSHOT,
      companies: [{ ...company, certificates: [{ ...company.certificates![0]!, grade: 'Z' }] }],
    };
    const error = await rejectionOf(await envelopeText(snapshotBody(badGrade), signer));
    expect(error.code).toBe('schema');
    expect(error.message).toContain('companies.0.certificates.0.grade');
  });

  it('rejects a correctly signed snapshot with an unknown schema id', async () => {
    const body = snapshotBody({ ...SNAPSHOT, schema: 'liveseal.registry/v2' });
    const error = await rejectionOf(await envelopeText(body, signer));
    expect(error.code).toBe('schema');
  });

  it('rejects a correctly signed payload that is not JSON', async () => {
    const error = await rejectionOf(await envelopeText(utf8('{"schema": liveseal'), signer));
    expect(error.code).toBe('malformed-payload');
    expect(error.message).toMatch(/^payload is not JSON/);
  });

  it('rejects a correctly signed payload that is not UTF-8', async () => {
    const json = snapshotBody(SNAPSHOT);
    const invalid = new Uint8Array([...json.slice(0, 20), 0xc3, 0x28, ...json.slice(20)]);
    const error = await rejectionOf(await envelopeText(invalid, signer));
    expect(error.code).toBe('malformed-payload');
    expect(error.message).toBe('payload is not UTF-8');
  });

  it('rejects a correctly signed snapshot under another payload type', async () => {
    const error = await rejectionOf(await envelopeText(snapshotBody(SNAPSHOT), signer, 'application/json'));
    expect(error.code).toBe('wrong-payload-type');
  });

  it('rejects a re-encoded, changed payload under the original signature', async () => {
    const tampered = { ...VALID_ENVELOPE, payload: bytesToBase64(snapshotBody({ ...SNAPSHOT, version: 43 })) };
    expect((await rejectionOf(JSON.stringify(tampered))).code).toBe('bad-signature');
  });

  it('rejects an envelope that is not JSON, not an object, or has extra fields', async () => {
    expect((await rejectionOf('')).code).toBe('malformed-envelope');
    expect((await rejectionOf('[]')).code).toBe('malformed-envelope');
    expect((await rejectionOf(JSON.stringify({ ...VALID_ENVELOPE, note: 'x' }))).code).toBe('malformed-envelope');
  });
});
