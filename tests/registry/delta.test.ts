/** Deltas: canonical hashing, diff/apply round trips, the mix-and-match checks, and their size. */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import canonicalize from 'canonicalize';
import { canonicalJson, canonicalSnapshotJson, snapshotSha256 } from '../../lib/registry/canonical';
import {
  applyDelta,
  DELTA_PAYLOAD_TYPE,
  DELTA_SCHEMA_ID,
  DeltaPayload,
  diffSnapshots,
  verifyAndApplyDelta,
  verifyDelta,
  type DeltaInput,
} from '../../lib/registry/delta';
import type { Anchor, BlacklistEntry, Company, Snapshot, SnapshotInput } from '../../lib/registry/schema';
import { SnapshotRejected, verifySnapshot } from '../../lib/registry/verify';
import { verifyCommand } from '../../scripts/registry/commands';
import { loadSigners, writeKeyPair } from '../../scripts/registry/keyfiles';
import { signedEnvelopeText } from '../../scripts/registry/snapshot-files';
import { deltaCommand } from '../../scripts/registry/update-commands';
import { capture, tempDir } from '../publisher/helpers';
import { seededRandom } from '../support/random';
import { refusal } from '../support/refusal';
import { makeSnapshot, parseSnapshot, testSigner } from '../support/snapshot';

const NOW = new Date('2026-11-24T12:00:00Z');
const signer = await testSigner('delta publisher');
const OPTIONS = { trustedKeys: signer.trusted, now: NOW };

const base = parseSnapshot(makeSnapshot({ version: 10 }));

/** v11: c1 renamed, c2 added, a1 removed, b1 untouched, a new grade and a new homepage. */
const next = parseSnapshot(
  makeSnapshot({
    version: 11,
    issuedAt: '2026-11-20T00:00:00Z',
    expiresAt: '2027-11-20T00:00:00Z',
    registry: { ...base.registry, homepage: 'https://registry.example/v11' },
    gradeScale: [...base.gradeScale, { id: 'g2', label: { zh: '二级', en: 'Grade 2' }, colour: '#123456' }],
    companies: [
      { ...base.companies[0]!, name: 'Honest Shop Group' },
      { id: 'c2', name: 'New Shop', accounts: [{ platform: 'demo', accountId: 'shop-2', role: 'shop' }] },
    ],
    anchors: [],
  }),
);

const rejection = (promise: Promise<unknown>) => refusal(promise, SnapshotRejected);

/** Round-trips the delta through JSON and the schema, as the extension receives it. */
const received = (delta: DeltaInput) => DeltaPayload.parse(JSON.parse(JSON.stringify(delta)));

/** Random JSON with the awkward parts: non-ASCII and astral keys, escapes, -0, big and tiny numbers. */
function randomJson(random: () => number, depth = 0): unknown {
  const pickOf = <T,>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
  const text = () =>
    Array.from({ length: Math.floor(random() * 6) }, () =>
      pickOf(['a', 'Z', '_', '0', 'é', '日', '\u2028', '"', '\\', '\n', '\u0001', '😀', '\u007f', ' ']),
    ).join('');
  const roll = random();
  if (depth > 3 || roll < 0.3) return pickOf([text(), 0, -0, 1.5, -7, 1e21, 5e-7, 2 ** 53 - 1, true, false, null]);
  if (roll < 0.6) return Array.from({ length: Math.floor(random() * 4) }, () => randomJson(random, depth + 1));
  return Object.fromEntries(Array.from({ length: Math.floor(random() * 5) }, () => [text(), randomJson(random, depth + 1)]));
}

describe('canonicalJson', () => {
  it('is RFC 8785 (JCS) byte for byte, as the canonicalize reference implementation writes it', () => {
    const random = seededRandom(8785);
    for (let i = 0; i < 2_000; i++) {
      const value = randomJson(random);
      expect(canonicalJson(value)).toBe(canonicalize(value));
    }
    const snapshot = parseSnapshot(synthetic({ companies: 50, anchors: 50, blacklist: 20 }, seededRandom(1)));
    expect(canonicalJson(snapshot)).toBe(canonicalize(snapshot));
    expect(canonicalJson({ b: undefined, a: [undefined, 1] })).toBe(canonicalize({ b: undefined, a: [undefined, 1] }));
  });
});

describe('canonical snapshot bytes', () => {
  it('do not depend on key order or on the order of companies, anchors and blacklist', async () => {
    const reverseKeys = (value: unknown): unknown =>
      Array.isArray(value)
        ? value.map(reverseKeys)
        : value && typeof value === 'object'
          ? Object.fromEntries(Object.entries(value).reverse().map(([k, v]) => [k, reverseKeys(v)]))
          : value;
    const shuffled = reverseKeys(next) as Snapshot;
    expect(JSON.stringify(shuffled)).not.toBe(JSON.stringify(next));
    const reordered: Snapshot = { ...shuffled, companies: [...next.companies].reverse() };
    expect(canonicalSnapshotJson(reordered)).toBe(canonicalSnapshotJson(next));
    expect(await snapshotSha256(reordered)).toBe(await snapshotSha256(next));
  });

  it('change with any value, and with the order of lists inside an entry', async () => {
    const hash = await snapshotSha256(next);
    expect(await snapshotSha256({ ...next, version: 12 })).not.toBe(hash);
    const c1 = next.companies[0]!;
    const aliases = { ...next, companies: [{ ...c1, aliases: [...c1.aliases, 'x'] }, next.companies[1]!] };
    expect(await snapshotSha256(aliases)).not.toBe(hash);
    expect(canonicalSnapshotJson(next)).toMatch(/^\{"anchors":\[\],"blacklist":\[/);
  });
});

describe('diffSnapshots and applyDelta', () => {
  it('name exactly what changed and rebuild the next snapshot bit for bit', async () => {
    const delta = await diffSnapshots(base, next);
    expect(delta).toMatchObject({
      schema: DELTA_SCHEMA_ID,
      registryId: 'test-registry',
      baseVersion: 10,
      version: 11,
      issuedAt: next.issuedAt,
      expiresAt: next.expiresAt,
      resultSha256: await snapshotSha256(next),
      changes: {
        registry: next.registry,
        gradeScale: next.gradeScale,
        companies: { upsert: next.companies, remove: [] },
        anchors: { upsert: [], remove: ['a1'] },
        blacklist: { upsert: [], remove: [] },
      },
    });
    const result = await applyDelta(base, received(delta));
    expect(canonicalSnapshotJson(result)).toBe(canonicalSnapshotJson(next));
  });

  it('leave registry and gradeScale out when they did not change', async () => {
    const same = parseSnapshot(makeSnapshot({ version: 11 }));
    const delta = await diffSnapshots(base, same);
    expect(delta.changes.registry).toBeUndefined();
    expect(delta.changes.gradeScale).toBeUndefined();
    expect(await applyDelta(base, received(delta))).toEqual(same);
  });

  it('refuse to diff across registries, backwards, or with duplicate ids', async () => {
    const other = parseSnapshot(makeSnapshot({ version: 11, registry: { ...makeSnapshot().registry, id: 'other' } }));
    await expect(diffSnapshots(base, other)).rejects.toThrow(/registry/);
    await expect(diffSnapshots(next, base)).rejects.toThrow(/not above/);
    const twice = { ...next, companies: [next.companies[0]!, next.companies[0]!] };
    await expect(diffSnapshots(base, twice)).rejects.toThrow(/appears twice/);
  });

  it('checks registry, base version and result hash, in that order', async () => {
    const delta = received(await diffSnapshots(base, next));
    const otherRegistry = { ...base, registry: { ...base.registry, id: 'other' } };
    expect((await rejection(applyDelta(otherRegistry, delta))).code).toBe('wrong-registry');
    expect((await rejection(applyDelta({ ...base, version: 9 }, delta))).code).toBe('wrong-base');
    // The right base version with other content: the result is not the publisher's.
    const drifted = { ...base, blacklist: [] };
    expect((await rejection(applyDelta(drifted, delta))).code).toBe('hash-mismatch');
    const tampered = { ...delta, changes: { ...delta.changes, anchors: { upsert: [], remove: [] } } };
    expect((await rejection(applyDelta(base, tampered))).code).toBe('hash-mismatch');
  });

  it('refuses a result that is not a valid snapshot before hashing it', async () => {
    const delta = received(await diffSnapshots(base, next));
    const noGrade = { ...delta, changes: { ...delta.changes, gradeScale: [{ ...next.gradeScale[1]! }] } };
    const error = await rejection(applyDelta(base, noGrade));
    expect(error.code).toBe('schema');
    expect(error.message).toContain('grade');
    const c1 = base.companies[0]!;
    const strayGrade = { ...c1, certificates: [{ ...c1.certificates[0]!, grade: 'g7' }] };
    const upsert = { ...delta, changes: { ...delta.changes, gradeScale: undefined, companies: { upsert: [strayGrade], remove: [] } } };
    expect(await rejection(applyDelta(base, upsert))).toMatchObject({ code: 'schema', message: expect.stringContaining('g7') });
  });
});

describe('verifyDelta', () => {
  it('accepts a signed delta and applies it', async () => {
    const text = await signer.signAs(DELTA_PAYLOAD_TYPE, await diffSnapshots(base, next));
    expect(canonicalSnapshotJson(await verifyAndApplyDelta(text, base, OPTIONS))).toBe(canonicalSnapshotJson(next));
  });

  it('keeps deltas and snapshots apart by payload type', async () => {
    const delta = await signer.signAs(DELTA_PAYLOAD_TYPE, await diffSnapshots(base, next));
    const snapshot = await signer.sign(makeSnapshot({ version: 11 }));
    expect((await rejection(verifyDelta(snapshot, OPTIONS))).code).toBe('wrong-payload-type');
    expect((await rejection(verifySnapshot(delta, OPTIONS))).code).toBe('wrong-payload-type');
  });

  it('refuses untrusted, expired, rolled-back and malformed deltas', async () => {
    const delta = await diffSnapshots(base, next);
    const text = await signer.signAs(DELTA_PAYLOAD_TYPE, delta);
    const stranger = await testSigner('stranger');
    expect((await rejection(verifyDelta(text, { ...OPTIONS, trustedKeys: stranger.trusted }))).code).toBe('untrusted-key');
    expect((await rejection(verifyDelta(text, { ...OPTIONS, now: new Date(next.expiresAt) }))).code).toBe('expired');
    expect((await rejection(verifyDelta(text, { ...OPTIONS, storedVersion: 11 }))).code).toBe('rollback');
    const backwards = await signer.signAs(DELTA_PAYLOAD_TYPE, { ...delta, version: 10 });
    expect((await rejection(verifyDelta(backwards, OPTIONS))).message).toContain('above baseVersion');
    const twice = { ...delta, changes: { ...delta.changes, anchors: { upsert: base.anchors, remove: ['a1'] } } };
    expect((await rejection(verifyDelta(await signer.signAs(DELTA_PAYLOAD_TYPE, twice), OPTIONS))).message).toContain('changed twice');
    const extra = await signer.signAs(DELTA_PAYLOAD_TYPE, { ...delta, note: 'x' });
    expect((await rejection(verifyDelta(extra, OPTIONS))).code).toBe('schema');
  });

  it('calls an old delta served for a newer stored version wrong-base, not rollback', async () => {
    const stored = parseSnapshot(makeSnapshot({ version: 12 }));
    const text = await signer.signAs(DELTA_PAYLOAD_TYPE, await diffSnapshots(base, next));
    expect((await rejection(verifyAndApplyDelta(text, stored, OPTIONS))).code).toBe('wrong-base');
  });
});

function synthetic(counts: { companies: number; anchors: number; blacklist: number }, random: () => number): SnapshotInput {
  const word = () => Math.floor(random() * 36 ** 6).toString(36);
  const company = (i: number): Company => ({
    id: `c-${i}`,
    name: `Company ${word()} ${i}`,
    aliases: [`Alias ${word()}`],
    uscc: '91330100MA27XY1234',
    certificates: [
      {
        number: `CERT-${i}`,
        scheme: 'SITI 1001-2021',
        issuer: 'Synthetic Certification',
        grade: 'g1',
        issuedOn: '2026-01-01',
        expiresOn: '2028-12-31',
        audits: ['2026-06-01'],
        status: 'valid',
      },
    ],
    accounts: Array.from({ length: 3 }, (_, k) => ({
      platform: 'douyin',
      accountId: `${i}-${k}-${word()}`,
      displayName: `Shop ${word()}`,
      role: 'shop' as const,
      virtual: false,
    })),
  });
  const anchor = (i: number): Anchor => ({
    id: `a-${i}`,
    name: `Anchor ${word()}`,
    aliases: [],
    companyId: `c-${i % counts.companies}`,
    accounts: [{ platform: 'kuaishou', accountId: `anchor-${i}-${word()}`, role: 'anchor', virtual: false }],
  });
  const listing = (i: number): BlacklistEntry => ({
    id: `b-${i}`,
    kind: 'merchant',
    names: [`Listed ${word()}`],
    aliases: [],
    accounts: [{ platform: 'taobao', accountId: `bad-${i}-${word()}` }],
    reasons: [{ zh: '售假', en: 'Sold counterfeits' }],
    measures: ['close-live-function'],
    listedOn: '2026-05-01',
    authority: 'Synthetic Association',
  });
  return makeSnapshot({
    version: 100,
    companies: Array.from({ length: counts.companies }, (_, i) => company(i)),
    anchors: Array.from({ length: counts.anchors }, (_, i) => anchor(i)),
    blacklist: Array.from({ length: counts.blacklist }, (_, i) => listing(i)),
  });
}

/** Changes `rate` of each list: half edited in place, a quarter removed, a quarter added. */
function churn<T extends { id: string }>(items: T[], rate: number, random: () => number, edit: (item: T) => T, make: (i: number) => T): T[] {
  const n = Math.max(4, Math.round(items.length * rate));
  const out = [...items];
  for (let k = 0; k < n / 2; k++) {
    const i = Math.floor(random() * out.length);
    out[i] = edit(out[i]!);
  }
  for (let k = 0; k < n / 4; k++) out.splice(Math.floor(random() * out.length), 1);
  for (let k = 0; k < n / 4; k++) out.push(make(items.length + k));
  return out;
}

describe('delta size', () => {
  it('a 1 % churn delta is a small fraction of the full snapshot (target ≤ 3 %)', { timeout: 30_000 }, async () => {
    const random = seededRandom(2026);
    const input = synthetic({ companies: 2_000, anchors: 6_000, blacklist: 1_000 }, random);
    const before = parseSnapshot(input);
    const renamed = <T extends { id: string }>(item: T): T => ({ ...item, id: item.id, ...('name' in item ? { name: `${String(item.name)} (renamed)` } : {}) });
    const other = parseSnapshot(synthetic({ companies: 2_100, anchors: 6_100, blacklist: 1_100 }, seededRandom(7)));
    const fresh = <T extends { id: string }>(list: T[]) => (i: number): T => ({ ...list[i % list.length]!, id: `new-${list[0]!.id[0]}-${i}` });
    const after = parseSnapshot({
      ...input,
      version: 101,
      companies: churn(before.companies, 0.01, random, renamed, fresh(other.companies)),
      anchors: churn(before.anchors, 0.01, random, renamed, fresh(other.anchors)),
      blacklist: churn(before.blacklist, 0.01, random, (b) => ({ ...b, measures: ['cancel-account'] }), fresh(other.blacklist)),
    });
    const full = await signer.sign(after);
    const deltaText = await signer.signAs(DELTA_PAYLOAD_TYPE, await diffSnapshots(before, after));
    const ratio = deltaText.length / full.length;
    console.info(
      `[delta size] 1 % churn: delta ${deltaText.length} B / full ${full.length} B = ${(ratio * 100).toFixed(2)} % ` +
        `(${before.companies.length} companies, ${before.anchors.length} anchors, ${before.blacklist.length} blacklist)`,
    );
    expect(ratio).toBeLessThan(0.03);
    const applied = await verifyAndApplyDelta(deltaText, before, OPTIONS);
    expect(canonicalSnapshotJson(applied)).toBe(canonicalSnapshotJson(after));
  });
});

describe('registry delta (publisher command)', () => {
  it('writes a signed delta that verify checks, with and against its base', async () => {
    const dir = await tempDir();
    const { keyFile, pubFile } = await writeKeyPair(join(dir, 'publisher'));
    const signers = await loadSigners([keyFile]);
    const [baseFile, nextFile, out] = ['v10.dsse.json', 'v11.dsse.json', 'delta.json'].map((f) => join(dir, f)) as [string, string, string];
    await writeFile(baseFile, await signedEnvelopeText(base, signers));
    await writeFile(nextFile, await signedEnvelopeText(next, signers));

    const io = capture();
    await deltaCommand(baseFile, nextFile, { keys: [keyFile], out }, io);
    expect(io.stdout).toEqual([expect.stringMatching(/^wrote .*delta\.json: delta 10 → 11, registry test-registry, 3 change\(s\), expires \S+, \d+ bytes, [\d.]+ % of the full snapshot$/)]);

    const verified = capture();
    await verifyCommand(out, { pubs: [pubFile], allowExpired: true }, verified);
    await verifyCommand(out, { pubs: [pubFile], allowExpired: true, base: baseFile }, verified);
    expect(verified.stdout).toEqual([
      expect.stringMatching(/^OK delta 10 → 11, registry test-registry, 3 change\(s\), expires \S+$/),
      expect.stringMatching(/; applied to .*v10\.dsse\.json: version 11, result hash matches$/),
    ]);
    const wrongBase = await verifyCommand(out, { pubs: [pubFile], allowExpired: true, base: nextFile }, capture()).catch((e: unknown) => e);
    expect(wrongBase).toMatchObject({ name: 'SnapshotRejected', code: 'wrong-base' });
    await expect(verifyCommand(baseFile, { pubs: [pubFile], allowExpired: true, base: baseFile }, capture())).rejects.toThrow(/delta only/);
    await expect(deltaCommand(nextFile, baseFile, { keys: [keyFile], out: join(dir, 'back.json') }, capture())).rejects.toThrow(/not above/);
  });
});
