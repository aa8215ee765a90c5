import { cp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { verifySnapshot } from '../../lib/registry/verify';
import { DEFAULT_SNAPSHOT_PATH, prepareDefaultRegistry } from '../../scripts/prepare-default-registry';
import { shiftDay, todayAt } from '../../scripts/registry/dates';
import { loadTrustedKeys, writeKeyPair } from '../../scripts/registry/keyfiles';
import { capture, DEMO_SOURCES, tempDir } from './helpers';

/** A stand-in for the repository: just the demo sources, so the real .keys/ and public/ stay untouched. */
async function fakeRepo(): Promise<string> {
  const root = await tempDir();
  await cp(DEMO_SOURCES, join(root, 'registry/demo'), { recursive: true });
  return root;
}

describe('prepare-default-registry', () => {
  let root: string;
  beforeAll(async () => {
    root = await fakeRepo();
  });

  it('creates the demo key and a snapshot it verifies, dated today', async () => {
    await prepareDefaultRegistry(root, {}, capture());
    expect((await stat(join(root, '.keys/demo.key.json'))).mode & 0o777).toBe(0o600);
    const trustedKeys = await loadTrustedKeys([join(root, '.keys/demo.pub.json')]);
    const text = await readFile(join(root, DEFAULT_SNAPSHOT_PATH), 'utf8');
    const snapshot = await verifySnapshot(text, { trustedKeys });

    expect(snapshot.registry.demo).toBe(true);
    expect(Math.abs(snapshot.version - Date.now() / 1000)).toBeLessThan(60);
    expect(Date.parse(snapshot.expiresAt) - Date.parse(snapshot.issuedAt)).toBe(365 * 86_400_000);
    // shop-expired's certificate ended 24 days before the demo's asOf; so it does today.
    const expired = snapshot.companies.find((c) => c.accounts.some((a) => a.accountId === 'shop-expired'));
    expect(expired?.certificates[0]?.expiresOn).toBe(shiftDay(todayAt('+08:00', new Date()), -24));
  });

  it('is idempotent: keeps the key, restores a deleted public key file, and builds again', async () => {
    const keyBefore = await readFile(join(root, '.keys/demo.key.json'), 'utf8');
    const pubBefore = await readFile(join(root, '.keys/demo.pub.json'), 'utf8');
    await rm(join(root, '.keys/demo.pub.json'));
    await prepareDefaultRegistry(root, {}, capture());
    expect(await readFile(join(root, '.keys/demo.key.json'), 'utf8')).toBe(keyBefore);
    expect(await readFile(join(root, '.keys/demo.pub.json'), 'utf8')).toBe(pubBefore);
    const trustedKeys = await loadTrustedKeys([join(root, '.keys/demo.pub.json')]);
    await verifySnapshot(await readFile(join(root, DEFAULT_SNAPSHOT_PATH), 'utf8'), { trustedKeys });
  });

  it('copies a given snapshot only when it verifies against the given keys', async () => {
    const elsewhere = await fakeRepo();
    await prepareDefaultRegistry(elsewhere, {}, capture());
    const env = {
      LIVESEAL_DEFAULT_SNAPSHOT: join(elsewhere, DEFAULT_SNAPSHOT_PATH),
      LIVESEAL_TRUSTED_KEYS: join(elsewhere, '.keys/demo.pub.json'),
    };
    const target = await tempDir();
    await prepareDefaultRegistry(target, env, capture());
    expect(await readFile(join(target, DEFAULT_SNAPSHOT_PATH), 'utf8')).toBe(await readFile(env.LIVESEAL_DEFAULT_SNAPSHOT, 'utf8'));

    const stranger = await writeKeyPair(join(target, 'stranger'));
    await writeFile(join(target, DEFAULT_SNAPSHOT_PATH), 'left alone');
    await expect(prepareDefaultRegistry(target, { ...env, LIVESEAL_TRUSTED_KEYS: stranger.pubFile }, capture())).rejects.toThrow(
      /no signature by a trusted key/,
    );
    expect(await readFile(join(target, DEFAULT_SNAPSHOT_PATH), 'utf8')).toBe('left alone');
  });

  it('needs both environment variables or neither', async () => {
    for (const env of [{ LIVESEAL_DEFAULT_SNAPSHOT: 'x.json' }, { LIVESEAL_TRUSTED_KEYS: 'keys.pub.json' }]) {
      await expect(prepareDefaultRegistry(root, env, capture())).rejects.toThrow(/together/);
    }
  });
});
