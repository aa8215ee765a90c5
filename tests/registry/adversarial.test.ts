/**
 * Over 10,000 generated bad inputs, from a seeded PRNG so any failure replays: byte flips in
 * payloads and signatures, truncations, wrong keys, reordered and duplicated signatures, old
 * versions, expired data, deltas for another base or with a wrong result hash, oversized
 * envelopes and downloads, malformed JSON, schema violations, payload-type confusion, forged
 * key sets, and non-HTTPS sources. Each must be refused with a SnapshotRejected or FetchRefused
 * carrying a code, directly and (every UPDATE_EVERY-th case) through runUpdate, which records the
 * refusal in a real RegistryStore. After every case the store's header is compared with the
 * baseline; its lookups (candidates()) after every runUpdate case and every LOOKUP_EVERY cases.
 *
 * Envelopes are signed a handful of times up front; the cases are mutations of them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { base64ToBytes, bytesToBase64 } from '../../lib/encoding/base64';
import { signEnvelope } from '../../lib/registry/dsse';
import { DELTA_PAYLOAD_TYPE, diffSnapshots, verifyAndApplyDelta, type DeltaPayload } from '../../lib/registry/delta';
import { fetchBounded, FetchRefused, type FetchLike } from '../../lib/registry/fetch';
import { installSnapshot } from '../../lib/registry/install';
import { SNAPSHOT_PAYLOAD_TYPE, type Snapshot, type SnapshotInput } from '../../lib/registry/schema';
import { RegistryStore } from '../../lib/registry/store';
import { acceptKeySet, initialTrust, KEYSET_PAYLOAD_TYPE, KEYSET_SCHEMA_ID, signersOf, type TrustState } from '../../lib/registry/trust';
import { runUpdate, type UpdateSource } from '../../lib/registry/update';
import { RejectionCode, SnapshotRejected, verifySnapshot } from '../../lib/registry/verify';
import { seededRandom } from '../support/random';
import { makeSnapshot, parseSnapshot, signByAll, testSigner, type TestSigner } from '../support/snapshot';

const SEED = 0x11ce5ea1;
const NOW = new Date('2026-11-24T12:00:00Z');
const UPDATE_EVERY = 4;
const LOOKUP_EVERY = 50;
const ORIGIN = 'https://registry.example';
const SNAPSHOT_URL = `${ORIGIN}/snapshot.json`;

const random = seededRandom(SEED);
const int = (n: number) => Math.floor(random() * n);
const pick = <T>(items: readonly T[]): T => items[int(items.length)]!;

// ---------------------------------------------------------------------------------------------
// Signed once.

const [publisher, second, root, newRoot, attacker, attacker2] = await Promise.all(
  ['publisher', 'second publisher', 'root', 'new root', 'attacker', 'attacker 2'].map((name) => testSigner(name)),
);
const keysOf = (signers: TestSigner[]) => signers.flatMap((s) => s.trusted);
const TRUST = initialTrust(keysOf([publisher!]), { rootKeys: keysOf([root!]) });
const TRUST_TWO = initialTrust(keysOf([publisher!, second!]), { threshold: 2, rootKeys: keysOf([root!]) });

/** The stored registry: v10, with a few more entries than makeSnapshot's. */
function registry(version: number, extra: Partial<SnapshotInput> = {}): SnapshotInput {
  const plain = makeSnapshot();
  const more = Array.from({ length: 12 }, (_, i) => ({
    id: `c-extra-${i}`,
    name: `Extra Shop ${i}`,
    aliases: [`额外店铺${i}`],
    accounts: [{ platform: 'demo', accountId: `shop-extra-${i}`, role: 'shop' as const }],
  }));
  return makeSnapshot({ version, companies: [...plain.companies!, ...more], ...extra });
}
const BASE: Snapshot = parseSnapshot(registry(10));
const NEXT_INPUT = registry(11, { blacklist: [] });
const NEXT = parseSnapshot(NEXT_INPUT);

const sign = (signer: TestSigner, document: unknown, type = SNAPSHOT_PAYLOAD_TYPE) => signer.signAs(type, document);
const signDelta = (delta: unknown, signer = publisher!) => signer.signAs(DELTA_PAYLOAD_TYPE, delta);
const DELTA: DeltaPayload = await diffSnapshots(BASE, NEXT);
const keySet = (version: number, keys: TestSigner[], rootKeys: TestSigner[], extra = {}) => ({
  schema: KEYSET_SCHEMA_ID,
  version,
  keys: keysOf(keys),
  threshold: 1,
  rootKeys: keysOf(rootKeys),
  rootThreshold: 1,
  ...extra,
});
const KEYSET_V2 = keySet(2, [second!], [newRoot!]);

const VALID = {
  snapshot: await sign(publisher!, NEXT_INPUT),
  delta: await signDelta(DELTA),
  keyset: await signByAll(KEYSET_PAYLOAD_TYPE, KEYSET_V2, [root!, newRoot!]),
  twoSignatures: await signByAll(SNAPSHOT_PAYLOAD_TYPE, NEXT_INPUT, [publisher!, second!]),
};
type Kind = 'snapshot' | 'delta' | 'keyset';
const VALID_KINDS: readonly Kind[] = ['snapshot', 'delta', 'keyset'];

const FIXTURES = {
  old: await Promise.all([1, 3, 5, 7, 9].map((v) => sign(publisher!, registry(v)))),
  expired: await Promise.all([
    sign(publisher!, registry(11, { issuedAt: '2025-01-01T00:00:00Z', expiresAt: '2026-01-01T00:00:00Z' })),
    sign(publisher!, registry(12, { expiresAt: '2026-11-24T11:59:59Z' })),
    sign(publisher!, registry(13, { issuedAt: '2026-11-24T11:00:00+08:00', expiresAt: '2026-11-24T12:00:00Z' })),
  ]),
  expiredDelta: await signDelta({ ...DELTA, expiresAt: '2026-11-24T12:00:00Z', issuedAt: '2026-11-01T00:00:00Z' }),
  wrongBase: await Promise.all([
    diffSnapshots(parseSnapshot(registry(9)), NEXT),
    diffSnapshots(parseSnapshot(registry(1)), NEXT),
    diffSnapshots(parseSnapshot(registry(11)), parseSnapshot(registry(12))),
    diffSnapshots(parseSnapshot(registry(10, { registry: { ...makeSnapshot().registry!, id: 'other-registry' } })), {
      ...NEXT,
      registry: { ...NEXT.registry, id: 'other-registry' },
    }),
  ]).then((deltas) => Promise.all(deltas.map((d) => signDelta(d)))),
  hashMismatch: await Promise.all([
    signDelta({ ...DELTA, resultSha256: '0'.repeat(64) }),
    signDelta({ ...DELTA, resultSha256: 'f'.repeat(64) }),
    signDelta({ ...DELTA, changes: { ...DELTA.changes, blacklist: { upsert: [], remove: [] } } }),
    signDelta({ ...DELTA, issuedAt: '2026-11-02T00:00:00Z' }),
    // Made from a v10 that is not the stored v10 (one company renamed in it and kept in v11):
    // the delta never mentions that company, so on the stored v10 it builds another result.
    (async () => {
      const drift = (s: SnapshotInput) => ({ ...s, companies: s.companies!.map((c) => (c.id === 'c-extra-5' ? { ...c, name: 'Drifted' } : c)) });
      return signDelta(await diffSnapshots(parseSnapshot(drift(registry(10))), parseSnapshot(drift(NEXT_INPUT))));
    })(),
  ]),
  /** Filled below: signed payload bytes that are not JSON or not UTF-8. */
  malformedPayload: [] as string[],
  schema: await Promise.all(
    [
      { ...NEXT_INPUT, schema: 'liveseal.registry/v2' },
      { ...NEXT_INPUT, version: 0 },
      { ...NEXT_INPUT, version: 11.5 },
      { ...NEXT_INPUT, version: '11' },
      { ...NEXT_INPUT, expiresAt: '2026-01-01T00:00:00Z', issuedAt: '2026-06-01T00:00:00Z' },
      { ...NEXT_INPUT, issuedAt: 'yesterday' },
      { ...NEXT_INPUT, registry: { ...NEXT_INPUT.registry, homepage: 'http://registry.example/' } },
      { ...NEXT_INPUT, registry: undefined },
      { ...NEXT_INPUT, gradeScale: [] },
      { ...NEXT_INPUT, companies: {} },
      { ...NEXT_INPUT, companies: [{ ...NEXT_INPUT.companies![0]!, id: 'has space' }] },
      { ...NEXT_INPUT, companies: [{ ...NEXT_INPUT.companies![0]!, uscc: 'short' }] },
      { ...NEXT_INPUT, companies: [{ ...NEXT_INPUT.companies![0]!, certificates: [{ ...NEXT_INPUT.companies![0]!.certificates![0]!, grade: 'g9' }] }] },
      { ...NEXT_INPUT, companies: [{ ...NEXT_INPUT.companies![0]!, certificates: [{ ...NEXT_INPUT.companies![0]!.certificates![0]!, status: 'revoked' }] }] },
      { ...NEXT_INPUT, blacklist: [{ id: 'b9', kind: 'anchor', names: [], reasons: [], listedOn: '2026-01-01', authority: 'x' }] },
      [NEXT_INPUT],
      null,
    ].map((document) => sign(publisher!, document)),
  ),
  deltaSchema: await Promise.all(
    [
      { ...DELTA, version: 10 },
      { ...DELTA, schema: 'liveseal.registry/v1' },
      { ...DELTA, resultSha256: 'XYZ' },
      { ...DELTA, extra: true },
      { ...DELTA, changes: { ...DELTA.changes, anchors: { upsert: BASE.anchors, remove: ['a1'] } } },
      { ...DELTA, changes: { ...DELTA.changes, companies: { upsert: [{ id: 'c9' }], remove: [] } } },
    ].map((document) => signDelta(document)),
  ),
  wrongType: await Promise.all([
    sign(publisher!, NEXT_INPUT, 'application/json'),
    sign(publisher!, NEXT_INPUT, 'application/vnd.liveseal.registry.v2+json'),
    sign(publisher!, DELTA, 'application/vnd.liveseal.registry-delta.v0+json'),
  ]),
  wrongKey: await Promise.all([sign(attacker!, NEXT_INPUT), sign(attacker2!, NEXT_INPUT), signDelta(DELTA, attacker!), signDelta(DELTA, attacker2!)]),
  keysetAttacks: await Promise.all([
    signByAll(KEYSET_PAYLOAD_TYPE, KEYSET_V2, [newRoot!]),
    signByAll(KEYSET_PAYLOAD_TYPE, KEYSET_V2, [root!]),
    signByAll(KEYSET_PAYLOAD_TYPE, keySet(2, [attacker!], [attacker!]), [attacker!]),
    signByAll(KEYSET_PAYLOAD_TYPE, keySet(1, [attacker!], [root!]), [root!]),
    signByAll(KEYSET_PAYLOAD_TYPE, keySet(2, [second!], [root!], { expiresAt: '2026-11-01T00:00:00Z' }), [root!]),
    signByAll(KEYSET_PAYLOAD_TYPE, keySet(2, [second!], [root!], { threshold: 2 }), [root!]),
    signByAll(KEYSET_PAYLOAD_TYPE, keySet(2, [second!], [root!], { rootThreshold: 2 }), [root!]),
  ]),
};
// Signed payloads that are not JSON, or not UTF-8 (sign the bytes themselves).
const utf8 = new TextEncoder();
async function signBytes(bytes: Uint8Array, type = SNAPSHOT_PAYLOAD_TYPE): Promise<string> {
  return JSON.stringify(await signEnvelope(type, bytes, [publisher!.signer]));
}
const nextJson = JSON.stringify(NEXT_INPUT);
FIXTURES.malformedPayload = await Promise.all([
  ...[nextJson.slice(0, 100), nextJson.slice(0, -1), '{"schema": liveseal', '', '{', 'NaN', "{'schema':1}"].map((t) => signBytes(utf8.encode(t))),
  signBytes(new Uint8Array([...utf8.encode(nextJson.slice(0, 20)), 0xc3, 0x28, ...utf8.encode(nextJson.slice(20))])),
  signBytes(utf8.encode(JSON.stringify(DELTA).slice(0, 50)), DELTA_PAYLOAD_TYPE),
]);

// ---------------------------------------------------------------------------------------------
// Mutations.

interface Envelope {
  payloadType: string;
  payload: string;
  signatures: Array<{ keyid: string; sig: string }>;
}
const parse = (text: string) => JSON.parse(text) as Envelope;

/** The same JSON value with keys shuffled and random whitespace: another text, same envelope. */
function reformat(text: string): string {
  const ws = () => pick(['', '', ' ', '\n', '\t', '  ', '\r\n']);
  const write = (value: unknown): string => {
    if (Array.isArray(value)) return `[${ws()}${value.map((v) => write(v)).join(`${ws()},${ws()}`)}${ws()}]`;
    if (value && typeof value === 'object') {
      const entries = Object.entries(value).sort(() => random() - 0.5);
      return `{${ws()}${entries.map(([k, v]) => `${JSON.stringify(k)}${ws()}:${ws()}${write(v)}`).join(`${ws()},${ws()}`)}${ws()}}`;
    }
    return JSON.stringify(value);
  };
  return `${ws()}${write(JSON.parse(text))}${ws()}`;
}

/** Flips 1 to 3 distinct bits (two flips of one bit would undo each other). */
function flipBits(bytes: Uint8Array): Uint8Array {
  const out = bytes.slice();
  const bits = new Set<number>();
  const flips = Math.min(1 + int(3), out.length * 8);
  while (bits.size < flips) bits.add(int(out.length * 8));
  for (const bit of bits) out[bit >> 3] = out[bit >> 3]! ^ (1 << (bit & 7));
  return out;
}

function flipPayload(text: string): string {
  const envelope = parse(text);
  return JSON.stringify({ ...envelope, payload: bytesToBase64(flipBits(base64ToBytes(envelope.payload)!)) });
}

function flipSignature(text: string): string {
  const envelope = parse(text);
  const which = int(envelope.signatures.length);
  const signatures = envelope.signatures.map((s, i) => {
    if (i !== which) return s;
    const bytes = base64ToBytes(s.sig)!;
    // Mostly bit flips; sometimes a signature cut short or grown.
    const sig = random() < 0.85 ? flipBits(bytes) : random() < 0.5 ? bytes.slice(0, int(64)) : new Uint8Array([...bytes, int(256)]);
    return { ...s, sig: bytesToBase64(sig) };
  });
  return JSON.stringify({ ...envelope, signatures });
}

function replaceChar(text: string): string {
  const at = int(text.length);
  let char: string;
  do char = String.fromCharCode(0x20 + int(95));
  while (char === text[at]);
  return text.slice(0, at) + char + text.slice(at + 1);
}

function truncate(text: string): string {
  if (random() < 0.7) return text.slice(0, int(text.length));
  // A valid envelope whose payload lost its tail: still base64, no longer signed.
  const envelope = parse(text);
  const bytes = base64ToBytes(envelope.payload)!;
  return JSON.stringify({ ...envelope, payload: bytesToBase64(bytes.slice(0, int(bytes.length))) });
}

function shuffleSignatures(text: string): string {
  const envelope = parse(text);
  const [a, b] = envelope.signatures as [Envelope['signatures'][number], Envelope['signatures'][number]];
  const variants: Array<Envelope['signatures']> = [
    [a, a],
    [b, b],
    [a],
    [b],
    [a, { ...b, sig: a.sig }],
    [{ ...a, sig: b.sig }, { ...b, sig: a.sig }],
    [{ ...b, keyid: a.keyid }, a],
    Array.from({ length: 2 + int(14) }, () => a),
    Array.from({ length: 17 + int(8) }, () => pick([a, b])),
    [b, { ...a, sig: bytesToBase64(flipBits(base64ToBytes(a.sig)!)) }],
    [],
  ];
  return JSON.stringify({ ...envelope, signatures: pick(variants) });
}

function spoofKeyid(text: string): string {
  const envelope = parse(text);
  const keyid = random() < 0.5 ? publisher!.trusted[0]!.keyid : envelope.signatures[0]!.keyid;
  return JSON.stringify({ ...envelope, signatures: envelope.signatures.map((s) => ({ ...s, keyid })) });
}

/** Envelopes that are JSON but not envelopes. */
function badEnvelopeShape(kind: Kind): string {
  const envelope = parse(VALID[kind]);
  const sig = envelope.signatures[0]!;
  const variants: unknown[] = [
    { ...envelope, extra: 1 },
    { payloadType: envelope.payloadType, payload: envelope.payload },
    { payload: envelope.payload, signatures: envelope.signatures },
    { ...envelope, payload: 42 },
    { ...envelope, payloadType: '' },
    { ...envelope, payloadType: 'x'.repeat(201 + int(100)) },
    { ...envelope, signatures: [] },
    { ...envelope, signatures: {} },
    { ...envelope, signatures: [{ ...sig, keyid: 'k'.repeat(201 + int(50)) }] },
    { ...envelope, signatures: [{ ...sig, sig: 'A'.repeat(204 + 4 * int(20)) }] },
    { ...envelope, signatures: [{ keyid: sig.keyid }] },
    { ...envelope, signatures: [{ ...sig, note: 'x' }] },
    { ...envelope, payload: `${envelope.payload.slice(0, -4)} ${envelope.payload.slice(-3)}` },
    { ...envelope, payload: envelope.payload.replace(/=*$/, '') + '====' },
    [envelope],
    'envelope',
    int(1000),
    null,
    true,
  ];
  return JSON.stringify(pick(variants));
}

/** Text that is not JSON at all. */
function garbage(): string {
  const choice = int(4);
  if (choice === 0) return Array.from({ length: int(300) }, () => String.fromCharCode(int(0x3000))).join('');
  if (choice === 1) return `{"payloadType":"${SNAPSHOT_PAYLOAD_TYPE}","payload":"${'A'.repeat(int(50))}`;
  if (choice === 2) return pick(['', ' ', '{', '}', '[', 'nul', 'undefined', '{"a":1,}', "{'a':1}", '\u0000', '0x10']);
  // A stray bracket, comma, colon or quote between two tokens of a valid envelope.
  const valid = pick([VALID.snapshot, VALID.delta, VALID.keyset]);
  const at = pick(structuralPositions(valid));
  return valid.slice(0, at) + pick(['{', '}', '"', ',', ':', ']', '[']) + valid.slice(at);
}

/** Indexes of the JSON punctuation outside strings, where an inserted character must break the syntax. */
function structuralPositions(text: string): number[] {
  const positions: number[] = [];
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if ('{}[],:'.includes(c!)) positions.push(i, i + 1);
  }
  return positions;
}

const INSECURE_SCHEMES = ['http', 'ftp', 'file', 'ws', 'wss', 'gopher', 'data', 'javascript', 'blob', 'chrome-extension', 'ssh'];
const HOSTS = ['registry.example', 'cdn.example.org', '10.0.0.1', '192.168.1.1', '127.0.0.2', '0.0.0.0', '[::2]', 'localhost.evil.example', 'evil.example', '127.0.0.1.nip.io'];
function insecureUrl(): string {
  const path = `/r/${int(1e6)}.json`;
  const choice = int(5);
  if (choice === 0) return `${pick(INSECURE_SCHEMES.slice(1))}://${pick(HOSTS)}${path}`;
  if (choice === 1) return `https://${pick(['user', 'a:b', 'token:x'])}@${pick(HOSTS)}${path}`;
  if (choice === 2) return `http://${pick(['127.0.0.1', 'localhost'])}@${pick(HOSTS)}:${1 + int(65534)}${path}`;
  if (choice === 3) return pick(['', 'registry.example/s.json', '//registry.example/s.json', 'https//x', ' http ://x', `htp://${pick(HOSTS)}`]) + int(100);
  return `http://${pick(HOSTS)}:${1 + int(65534)}${path}`;
}

// ---------------------------------------------------------------------------------------------
// Cases.

interface Download {
  size: number;
  contentLength: 'truthful' | 'absent' | 'lying';
}

interface Case {
  category: string;
  kind: Kind | 'source' | 'download';
  input: string;
  allowed?: readonly RejectionCode[];
  trust?: TrustState;
  now?: Date;
  maxBytes?: number;
  download?: Download;
}

const ANY = RejectionCode.options;
const anyKind = (): Kind => pick(VALID_KINDS);

type CaseGenerator = { category: string; count: number; make: () => Omit<Case, 'category'> };
const GENERATORS: CaseGenerator[] = [
  { category: 'payload byte flips', count: 2000, make: () => {
    const kind = anyKind();
    return { kind, input: flipPayload(VALID[kind]), allowed: ['bad-signature'] };
  } },
  { category: 'signature byte flips', count: 1000, make: () => {
    const kind = anyKind();
    return { kind, input: flipSignature(VALID[kind]), allowed: ['bad-signature'] };
  } },
  { category: 'random character replacements', count: 1500, make: () => {
    const kind = anyKind();
    return { kind, input: replaceChar(VALID[kind]), allowed: ANY };
  } },
  { category: 'truncations', count: 1000, make: () => {
    const kind = anyKind();
    return { kind, input: truncate(VALID[kind]), allowed: ['malformed-envelope', 'bad-signature'] };
  } },
  { category: 'wrong keys', count: 600, make: () => {
    const fixture = int(FIXTURES.wrongKey.length);
    const kind: Kind = fixture < 2 ? 'snapshot' : 'delta';
    const text = FIXTURES.wrongKey[fixture]!;
    return { kind, input: reformat(random() < 0.5 ? text : spoofKeyid(text)), allowed: ['untrusted-key', 'bad-signature'] };
  } },
  { category: 'reordered / duplicated signatures', count: 600, make: () => ({
    kind: 'snapshot',
    input: reformat(shuffleSignatures(VALID.twoSignatures)),
    trust: TRUST_TWO,
    allowed: ['untrusted-key', 'bad-signature', 'malformed-envelope'],
  }) },
  { category: 'old versions (rollback)', count: 500, make: () => ({ kind: 'snapshot', input: reformat(pick(FIXTURES.old)), allowed: ['rollback'] }) },
  { category: 'expired', count: 500, make: () => {
    const choice = int(3);
    if (choice === 0) return { kind: 'snapshot', input: reformat(pick(FIXTURES.expired)), allowed: ['expired'] };
    if (choice === 1) return { kind: 'delta', input: reformat(FIXTURES.expiredDelta), allowed: ['expired'] };
    // The valid snapshot, at some instant at or after its expiry.
    const now = new Date(Date.parse(NEXT.expiresAt) + int(10 * 365) * 86_400_000 + int(86_400_000));
    return { kind: 'snapshot', input: reformat(VALID.snapshot), now, allowed: ['expired'] };
  } },
  { category: 'delta for a wrong base', count: 500, make: () => ({ kind: 'delta', input: reformat(pick(FIXTURES.wrongBase)), allowed: ['wrong-base', 'wrong-registry'] }) },
  { category: 'delta result hash mismatch', count: 500, make: () => ({ kind: 'delta', input: reformat(pick(FIXTURES.hashMismatch)), allowed: ['hash-mismatch'] }) },
  { category: 'oversized', count: 600, make: () => {
    if (random() < 0.5) {
      const text = reformat(VALID.snapshot);
      return { kind: 'snapshot', input: text, maxBytes: 1 + int(text.length - 1), allowed: ['too-large'] };
    }
    const maxBytes = 1_024 + int(64 * 1024);
    const download: Download = { size: maxBytes + 1 + int(128 * 1024), contentLength: pick(['truthful', 'absent', 'lying'] as const) };
    return { kind: 'download', input: SNAPSHOT_URL, maxBytes, download, allowed: ['too-large'] };
  } },
  { category: 'malformed JSON', count: 800, make: () => {
    const choice = int(3);
    if (choice === 0) return { kind: anyKind(), input: garbage(), allowed: ['malformed-envelope'] };
    if (choice === 1) {
      const text = pick(FIXTURES.malformedPayload);
      return { kind: parse(text).payloadType === DELTA_PAYLOAD_TYPE ? 'delta' : 'snapshot', input: reformat(text), allowed: ['malformed-payload'] };
    }
    return { kind: anyKind(), input: JSON.stringify(JSON.stringify(parse(VALID.snapshot))).slice(0, int(200) + 2), allowed: ['malformed-envelope'] };
  } },
  { category: 'schema violations', count: 800, make: () => {
    const choice = int(3);
    if (choice === 0) {
      const kind = anyKind();
      return { kind, input: badEnvelopeShape(kind), allowed: ['malformed-envelope'] };
    }
    if (choice === 1) return { kind: 'snapshot', input: reformat(pick(FIXTURES.schema)), allowed: ['schema'] };
    return { kind: 'delta', input: reformat(pick(FIXTURES.deltaSchema)), allowed: ['schema'] };
  } },
  { category: 'wrong payload type', count: 300, make: () => {
    const choice = int(4);
    if (choice === 0) return { kind: 'delta', input: reformat(pick([VALID.snapshot, VALID.keyset])), allowed: ['wrong-payload-type'] };
    if (choice === 1) return { kind: 'snapshot', input: reformat(pick([VALID.delta, VALID.keyset])), allowed: ['wrong-payload-type'] };
    if (choice === 2) return { kind: 'keyset', input: reformat(pick([VALID.delta, VALID.snapshot])), allowed: ['wrong-payload-type'] };
    return { kind: pick(['snapshot', 'delta'] as const), input: reformat(pick(FIXTURES.wrongType)), allowed: ['wrong-payload-type'] };
  } },
  { category: 'forged key sets', count: 400, make: () => ({
    kind: 'keyset',
    input: reformat(pick(FIXTURES.keysetAttacks)),
    allowed: ['keyset-unsigned', 'keyset-rollback', 'keyset-expired', 'schema'],
  }) },
  { category: 'non-HTTPS sources', count: 1000, make: () => ({ kind: 'source', input: insecureUrl(), allowed: ['insecure-source'] }) },
];

/** What makes two cases the same input. */
const identityOf = (c: Omit<Case, 'category'>) =>
  hash53(`${c.kind}|${c.now?.toISOString() ?? ''}|${c.maxBytes ?? ''}|${JSON.stringify(c.download ?? '')}|${c.input}`);

/** Every case once: a generator that repeats itself gets a few more tries, then gives up on that case. */
function* generate(seen: Set<number>): Generator<Case> {
  for (const { category, count, make } of GENERATORS) {
    for (let i = 0; i < count; i++) {
      for (let attempt = 0; attempt < 20; attempt++) {
        const c = make();
        const id = identityOf(c);
        if (seen.has(id)) continue;
        seen.add(id);
        yield { category, ...c };
        break;
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Running a case.

let fetchCalls = 0;
function bigResponse({ size, contentLength }: Download): Response {
  let left = size;
  const chunk = new Uint8Array(16 * 1024).fill(0x7b);
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (left <= 0) return controller.close();
      const piece = chunk.subarray(0, Math.min(chunk.length, left));
      left -= piece.length;
      controller.enqueue(piece);
    },
  });
  const headers: Record<string, string> =
    contentLength === 'absent' ? {} : { 'content-length': String(contentLength === 'truthful' ? size : int(1_000)) };
  return new Response(body, { headers });
}

/** Serves `routes` from memory; anything else is a 404. */
function memoryFetch(routes: Map<string, () => Response>): FetchLike {
  return async (url) => {
    fetchCalls++;
    return routes.get(url)?.() ?? new Response('not found', { status: 404 });
  };
}

const refusalCode = (e: unknown) => (e instanceof SnapshotRejected || e instanceof FetchRefused ? e.code : `threw ${String(e)}`);

/** The case against the verifier (or downloader) itself: must throw a refusal with a code. */
async function direct(c: Case): Promise<string> {
  const now = c.now ?? NOW;
  const trust = c.trust ?? TRUST;
  try {
    switch (c.kind) {
      case 'snapshot':
        await verifySnapshot(c.input, { ...signersOf(trust), storedVersion: BASE.version, now, maxBytes: c.maxBytes });
        break;
      case 'delta':
        await verifyAndApplyDelta(c.input, BASE, { ...signersOf(trust), now });
        break;
      case 'keyset':
        await acceptKeySet(trust, c.input, now);
        break;
      case 'source':
        await fetchBounded(c.input, { maxBytes: 1 << 20, timeoutMs: 1_000, fetchImpl: memoryFetch(new Map()) });
        break;
      case 'download':
        await fetchBounded(c.input, { maxBytes: c.maxBytes!, timeoutMs: 5_000, fetchImpl: memoryFetch(new Map([[c.input, () => bigResponse(c.download!)]])) });
        break;
    }
    return 'ACCEPTED';
  } catch (e) {
    return refusalCode(e);
  }
}

/** The case served to runUpdate, which records the refusal in the store; the code it reports. */
async function throughUpdate(c: Case, store: RegistryStore): Promise<string> {
  const routes = new Map<string, () => Response>();
  const text = () => new Response(c.input);
  const source: UpdateSource = { snapshotUrl: SNAPSHOT_URL };
  if (c.kind === 'snapshot') routes.set(SNAPSHOT_URL, text);
  if (c.kind === 'delta') {
    source.deltaUrl = (base) => `${ORIGIN}/deltas/${base}.json`;
    routes.set(source.deltaUrl(BASE.version), text);
  }
  if (c.kind === 'keyset') {
    source.keysetUrl = (version) => `${ORIGIN}/keysets/${version}.json`;
    routes.set(source.keysetUrl(2), text);
  }
  if (c.kind === 'source') source.snapshotUrl = c.input;
  if (c.kind === 'download') routes.set(SNAPSHOT_URL, () => bigResponse(c.download!));
  const result = await runUpdate({
    store,
    source,
    trust: c.trust ?? TRUST,
    now: c.now ?? NOW,
    // As the background does: the delta applied in place to the stored shards.
    loadBase: () => store.storedShards(),
    fetchImpl: memoryFetch(routes),
    limits: { timeoutMs: 5_000, ...(c.maxBytes !== undefined && { snapshotBytes: c.maxBytes }) },
  });
  if (result.status !== 'refused') return `runUpdate: ${result.status}`;
  if (c.kind === 'delta') return result.attempts.find((a) => a.step === 'delta')?.outcome ?? 'no delta attempt';
  return result.code;
}

/** cyrb53, to count distinct inputs without keeping them. */
function hash53(text: string): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

// ---------------------------------------------------------------------------------------------

let store: RegistryStore;
const IDENTITIES = [
  // Every account and name the stored registry holds, in one lookup.
  {
    platform: 'demo',
    live: true,
    roomIds: [],
    accounts: [...['shop-1', 'anchor-v', 'anchor-banned'], ...Array.from({ length: 12 }, (_, i) => `shop-extra-${i}`)].map((accountId) => ({
      accountId,
      role: 'shop' as const,
    })),
    anchorName: 'Bob Deals',
    shopName: '诚信小店',
    companyName: 'Extra Shop 3',
    products: [],
  },
  { platform: 'demo', live: true, roomIds: [], accounts: [{ accountId: 'anchor-v', role: 'anchor' as const }], products: [] },
];
const lookups = async () => JSON.stringify(await Promise.all(IDENTITIES.map((identity) => store.candidates(identity))));
const headerText = async () => JSON.stringify(await store.header());

beforeAll(async () => {
  store = await RegistryStore.open(`liveseal-adversarial-${SEED}`);
  const installed = await installSnapshot(store, await publisher!.sign(registry(10)), { source: 'baseline', trustedKeys: TRUST.keys, now: NOW });
  expect(installed.installed).toBe(true);
});
afterAll(() => store.close());

describe('adversarial inputs', () => {
  it('start from envelopes that are accepted untouched', async () => {
    await expect(verifySnapshot(VALID.snapshot, { ...signersOf(TRUST), storedVersion: 10, now: NOW })).resolves.toMatchObject({ version: 11 });
    await expect(verifySnapshot(VALID.twoSignatures, { ...signersOf(TRUST_TWO), storedVersion: 10, now: NOW })).resolves.toBeTruthy();
    await expect(verifyAndApplyDelta(VALID.delta, BASE, { ...signersOf(TRUST), now: NOW })).resolves.toMatchObject({ version: 11 });
    await expect(acceptKeySet(TRUST, VALID.keyset, NOW)).resolves.toMatchObject({ version: 2 });
    // Reformatting alone changes nothing: whatever a case is refused for, it is not its layout.
    await expect(verifySnapshot(reformat(VALID.snapshot), { ...signersOf(TRUST), storedVersion: 10, now: NOW })).resolves.toBeTruthy();
  });

  it(`refuses every one of ~${GENERATORS.reduce((n, g) => n + g.count, 0)} generated bad inputs (seed ${SEED.toString(16)}), and the store answers as before`, { timeout: 180_000 }, async () => {
    const baselineHeader = await headerText();
    const baselineLookups = await lookups();
    const failures: string[] = [];
    const stats = new Map<string, { cases: number; viaUpdate: number; codes: Map<string, number> }>();
    const distinct = new Set<number>();
    const planned = GENERATORS.reduce((n, g) => n + g.count, 0);
    let index = 0;
    let lookupChecks = 0;
    const started = performance.now();

    for (const c of generate(distinct)) {
      index++;
      const label = `#${index} ${c.category} (${c.kind})`;
      const entry = stats.get(c.category) ?? { cases: 0, viaUpdate: 0, codes: new Map() };
      stats.set(c.category, entry);
      entry.cases++;

      fetchCalls = 0;
      const code = await direct(c);
      entry.codes.set(code, (entry.codes.get(code) ?? 0) + 1);
      if (!(c.allowed ?? ANY).includes(code as RejectionCode)) failures.push(`${label}: ${code}, expected one of ${(c.allowed ?? ANY).join('|')}`);
      if (c.kind === 'source' && fetchCalls > 0) failures.push(`${label}: a request was sent to ${c.input}`);

      let touched = false;
      if (index % UPDATE_EVERY === 0) {
        touched = true;
        entry.viaUpdate++;
        fetchCalls = 0;
        const viaUpdate = await throughUpdate(c, store);
        if (viaUpdate !== code) failures.push(`${label}: runUpdate says ${viaUpdate}, the verifier ${code}`);
        if (c.kind === 'source' && fetchCalls > 0) failures.push(`${label}: runUpdate sent a request to ${c.input}`);
        const recorded = await store.lastRejection();
        const expectedRecord = c.kind === 'delta' && (code === 'wrong-base' || code === 'hash-mismatch') ? 'http-status' : code;
        if (recorded?.code !== expectedRecord) failures.push(`${label}: recorded ${recorded?.code}, expected ${expectedRecord}`);
      }

      if ((await headerText()) !== baselineHeader) failures.push(`${label}: the stored header changed`);
      if (touched || index % LOOKUP_EVERY === 0) {
        lookupChecks++;
        if ((await lookups()) !== baselineLookups) failures.push(`${label}: lookups changed`);
      }
      if (failures.length > 20) break;
    }
    const seconds = (performance.now() - started) / 1000;

    const rows = [...stats].map(([category, { cases, viaUpdate, codes }]) => {
      const byCode = [...codes].sort((a, b) => b[1] - a[1]).map(([code, n]) => `${code} ${n}`).join(', ');
      return `  ${category.padEnd(36)} ${String(cases).padStart(5)}  (runUpdate ${String(viaUpdate).padStart(4)})  ${byCode}`;
    });
    console.info(
      [
        `[adversarial] seed ${SEED.toString(16)}: ${index} distinct cases (${planned - index} repeats skipped), ${[...stats.values()].reduce((n, s) => n + s.viaUpdate, 0)} also through runUpdate, ` +
          `${index} header checks, ${lookupChecks} full lookup comparisons, ${seconds.toFixed(1)} s`,
        ...rows,
      ].join('\n'),
    );
    expect(failures).toEqual([]);
    expect(index).toBeGreaterThanOrEqual(10_000);
  });
});
