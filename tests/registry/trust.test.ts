/** Key sets after TUF: who may sign snapshots, and how that changes only with the old root's consent. */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  acceptKeySet,
  initialTrust,
  KEYSET_PAYLOAD_TYPE,
  KEYSET_SCHEMA_ID,
  signersOf,
  TrustState,
  trustExpired,
  type KeySetInput,
} from '../../lib/registry/trust';
import { SNAPSHOT_PAYLOAD_TYPE } from '../../lib/registry/schema';
import { SnapshotRejected, verifySnapshot } from '../../lib/registry/verify';
import { loadTrustedKeys, writeKeyPair } from '../../scripts/registry/keyfiles';
import { keysetCommand, type KeysetCommandOptions } from '../../scripts/registry/update-commands';
import { capture, runCli, tempDir } from '../publisher/helpers';
import { refusal } from '../support/refusal';
import { makeSnapshot, signByAll, testSigner, type TestSigner } from '../support/snapshot';

const NOW = new Date('2026-11-24T12:00:00Z');

const [oldRoot, newRoot, secondRoot, oldSnap, newSnapA, newSnapB, stranger] = await Promise.all(
  ['old root', 'new root', 'second root', 'old snapshot key', 'new snapshot key A', 'new snapshot key B', 'stranger'].map((n) =>
    testSigner(n),
  ),
);
const keysOf = (signers: TestSigner[]) => signers.flatMap((s) => s.trusted);

/** Pinned: oldSnap signs snapshots, oldRoot signs key sets; key-set version 1. */
const pinned = initialTrust(keysOf([oldSnap!]), { rootKeys: keysOf([oldRoot!]) });

function keySet(version: number, keys: TestSigner[], rootKeys: TestSigner[], extra: Partial<KeySetInput> = {}): KeySetInput {
  return { schema: KEYSET_SCHEMA_ID, version, keys: keysOf(keys), threshold: 1, rootKeys: keysOf(rootKeys), rootThreshold: 1, ...extra };
}

const signed = (document: unknown, signers: TestSigner[]) => signByAll(KEYSET_PAYLOAD_TYPE, document, signers);

const rejection = (promise: Promise<unknown>) => refusal(promise, SnapshotRejected);

const codeOf = async (promise: Promise<unknown>) => (await rejection(promise)).code;

describe('initialTrust', () => {
  it('pins keys as version 1, signing both snapshots and key sets by default', () => {
    const keys = keysOf([oldSnap!]);
    expect(initialTrust(keys)).toEqual({ version: 1, keys, threshold: 1, rootKeys: keys, rootThreshold: 1 });
    expect(pinned.rootKeys).toEqual(keysOf([oldRoot!]));
  });

  it('refuses a threshold no set of keys can meet, and keys listed twice', () => {
    expect(() => initialTrust(keysOf([oldSnap!]), { threshold: 2 })).toThrow(/threshold/);
    expect(() => initialTrust(keysOf([oldSnap!, oldSnap!]))).toThrow(/twice/);
    expect(TrustState.safeParse({ ...pinned, rootThreshold: 0 }).success).toBe(false);
  });
});

describe('acceptKeySet', () => {
  const rotation = keySet(2, [newSnapA!, newSnapB!], [newRoot!], { threshold: 2 });

  it('rotates to keys signed by the current root and by the new root', async () => {
    const state = await acceptKeySet(pinned, await signed(rotation, [oldRoot!, newRoot!]), NOW);
    expect(state).toEqual({ version: 2, keys: rotation.keys, threshold: 2, rootKeys: rotation.rootKeys, rootThreshold: 1 });
    // Signature order and extra signers do not matter.
    const reordered = await acceptKeySet(pinned, await signed(rotation, [stranger!, newRoot!, oldRoot!]), NOW);
    expect(reordered).toEqual(state);
  });

  it('then verifies snapshots with the new keys and threshold only', async () => {
    const state = await acceptKeySet(pinned, await signed(rotation, [oldRoot!, newRoot!]), NOW);
    const snapshot = makeSnapshot({ version: 2 });
    const byOld = await oldSnap!.sign(snapshot);
    const byOneNew = await newSnapA!.sign(snapshot);
    const byBothNew = await signByAll(SNAPSHOT_PAYLOAD_TYPE, snapshot, [newSnapB!, newSnapA!]);
    const options = { ...signersOf(state), now: NOW };
    expect(await codeOf(verifySnapshot(byOld, options))).toBe('untrusted-key');
    expect(await codeOf(verifySnapshot(byOneNew, options))).toBe('untrusted-key');
    await expect(verifySnapshot(byBothNew, options)).resolves.toMatchObject({ version: 2 });
  });

  it('refuses a key set the current root did not sign, or not enough of it', async () => {
    expect(await codeOf(acceptKeySet(pinned, await signed(rotation, [newRoot!]), NOW))).toBe('keyset-unsigned');
    expect(await codeOf(acceptKeySet(pinned, await signed(rotation, [stranger!]), NOW))).toBe('keyset-unsigned');
    const twoRoots = initialTrust(keysOf([oldSnap!]), { rootKeys: keysOf([oldRoot!, secondRoot!]), rootThreshold: 2 });
    const byOne = await signed(rotation, [oldRoot!, newRoot!]);
    expect(await codeOf(acceptKeySet(twoRoots, byOne, NOW))).toBe('keyset-unsigned');
    const byBoth = await signed(rotation, [oldRoot!, secondRoot!, newRoot!]);
    await expect(acceptKeySet(twoRoots, byBoth, NOW)).resolves.toMatchObject({ version: 2 });
  });

  it('refuses new root keys that did not sign their own key set', async () => {
    const error = await rejection(acceptKeySet(pinned, await signed(rotation, [oldRoot!]), NOW));
    expect(error.code).toBe('keyset-unsigned');
    expect(error.message).toMatch(/own root keys/);
  });

  it('refuses a version not above the one held (rollback, replay)', async () => {
    const state = await acceptKeySet(pinned, await signed(rotation, [oldRoot!, newRoot!]), NOW);
    const replay = await signed(keySet(2, [newSnapA!], [newRoot!]), [newRoot!]);
    expect(await codeOf(acceptKeySet(state, replay, NOW))).toBe('keyset-rollback');
    expect(await codeOf(acceptKeySet(pinned, await signed(keySet(1, [stranger!], [oldRoot!]), [oldRoot!]), NOW))).toBe('keyset-rollback');
  });

  it('walks rotations in order: v3 signed by v2’s root needs v2 first', async () => {
    const v2 = await signed(keySet(2, [newSnapA!], [newRoot!]), [oldRoot!, newRoot!]);
    const v3 = await signed(keySet(3, [newSnapB!], [secondRoot!]), [newRoot!, secondRoot!]);
    expect(await codeOf(acceptKeySet(pinned, v3, NOW))).toBe('keyset-unsigned');
    const state = await acceptKeySet(await acceptKeySet(pinned, v2, NOW), v3, NOW);
    expect(state).toMatchObject({ version: 3, keys: keysOf([newSnapB!]), rootKeys: keysOf([secondRoot!]) });
  });

  it('refuses an expired key set unless walking past it', async () => {
    const expiring = keySet(2, [newSnapA!], [newRoot!], { expiresAt: '2026-11-01T00:00:00Z' });
    const text = await signed(expiring, [oldRoot!, newRoot!]);
    expect(await codeOf(acceptKeySet(pinned, text, NOW))).toBe('keyset-expired');
    const state = await acceptKeySet(pinned, text, NOW, { allowExpired: true });
    expect(trustExpired(state, NOW)).toBe(true);
    expect(trustExpired(state, new Date('2026-10-01T00:00:00Z'))).toBe(false);
  });

  it('refuses other payload types, bad signatures, bad documents and oversized input', async () => {
    const snapshotEnvelope = await signByAll(SNAPSHOT_PAYLOAD_TYPE, rotation, [oldRoot!, newRoot!]);
    expect(await codeOf(acceptKeySet(pinned, snapshotEnvelope, NOW))).toBe('wrong-payload-type');
    const good = JSON.parse(await signed(rotation, [oldRoot!, newRoot!])) as { signatures: Array<{ sig: string }> };
    const sig = good.signatures[0]!.sig;
    good.signatures[0]!.sig = (sig[0] === 'A' ? 'B' : 'A') + sig.slice(1);
    expect(await codeOf(acceptKeySet(pinned, JSON.stringify(good), NOW))).toBe('bad-signature');
    const unreachable = keySet(2, [newSnapA!], [newRoot!], { threshold: 2 });
    expect(await codeOf(acceptKeySet(pinned, await signed(unreachable, [oldRoot!, newRoot!]), NOW))).toBe('schema');
    const extraField = { ...rotation, note: 'hi' };
    expect(await codeOf(acceptKeySet(pinned, await signed(extraField, [oldRoot!, newRoot!]), NOW))).toBe('schema');
    expect(await codeOf(acceptKeySet(pinned, '{"payloadType":', NOW))).toBe('malformed-envelope');
    expect(await codeOf(acceptKeySet(pinned, ' '.repeat(300 * 1024), NOW))).toBe('too-large');
  });
});

describe('registry keyset (publisher command)', () => {
  it('signs a rotation that clients holding the old root accept, and refuses one they would not', async () => {
    const dir = await tempDir();
    const [a, b, oldRootFiles, newRootFiles] = await Promise.all(['a', 'b', 'old-root', 'new-root'].map((n) => writeKeyPair(join(dir, n))));
    const out = join(dir, 'keyset.json');
    const options: KeysetCommandOptions = {
      keys: [a!.pubFile, b!.pubFile],
      threshold: 2,
      root: [newRootFiles!.pubFile],
      rootThreshold: 1,
      version: 2,
      signRoot: [oldRootFiles!.keyFile, newRootFiles!.keyFile],
      expiresIn: '365d',
      now: NOW,
      out,
    };
    const io = capture();
    await keysetCommand(options, io);
    expect(io.stdout[0]).toMatch(/^wrote .*keyset\.json: key set version 2: 2 snapshot key\(s\), threshold 2; 1 root key\(s\), threshold 1; expires 2027-11-24T12:00:00Z; signed by 2 key\(s\)$/);

    const [oldRootKeys, snapshotKeys] = await Promise.all([loadTrustedKeys([oldRootFiles!.pubFile]), loadTrustedKeys([a!.pubFile, b!.pubFile])]);
    const client = initialTrust(keysOf([oldSnap!]), { rootKeys: oldRootKeys });
    expect(await acceptKeySet(client, await readFile(out, 'utf8'), NOW)).toMatchObject({ version: 2, keys: snapshotKeys, threshold: 2 });

    await expect(keysetCommand({ ...options, signRoot: [oldRootFiles!.keyFile], out: join(dir, 'x.json') }, capture())).rejects.toThrow(
      /new root keys must sign/,
    );
    await expect(keysetCommand({ ...options, threshold: 3, out: join(dir, 'y.json') }, capture())).rejects.toThrow(/not a valid key set: threshold/);
  });

  it(
    'CLI: --keys takes several files; verify checks a key set against the current root keys',
    async () => {
      const dir = await tempDir();
      const [a, b, oldRootFiles, newRootFiles] = await Promise.all(['a', 'b', 'old-root', 'new-root'].map((n) => writeKeyPair(join(dir, n))));
      const out = join(dir, 'keyset.json');
      const made = await runCli(
        'keyset', '--keys', a!.pubFile, b!.pubFile, '--threshold', '2', '--root', newRootFiles!.pubFile, '--root-threshold', '1',
        '--version', '2', '--sign-root', oldRootFiles!.keyFile, '--sign-root', newRootFiles!.keyFile, '--out', out,
      );
      expect(made).toMatchObject({ code: 0, stderr: '' });
      expect(made.stdout).toMatch(/2 snapshot key\(s\), threshold 2/);
      const [ok, refused, usage] = await Promise.all([
        runCli('verify', out, '--pub', oldRootFiles!.pubFile),
        runCli('verify', out, '--pub', a!.pubFile),
        runCli('keyset', '--keys', a!.pubFile, '--threshold', '1', '--out', out),
      ]);
      expect(ok).toMatchObject({ code: 0, stdout: expect.stringMatching(/^OK key set version 2: /) });
      expect(refused).toMatchObject({ code: 1, stdout: '', stderr: expect.stringMatching(/^REJECTED \(keyset-unsigned\): /) });
      expect(usage).toMatchObject({ code: 2, stderr: expect.stringMatching(/^error: keyset needs --root/) });
    },
    30_000,
  );
});
