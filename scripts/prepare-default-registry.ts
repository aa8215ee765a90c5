/**
 * `npm run registry:prepare`: puts the signed default snapshot the extension bundles at
 * public/registry/default.dsse.json.
 * - LIVESEAL_DEFAULT_SNAPSHOT + LIVESEAL_TRUSTED_KEYS: a real registry's snapshot, copied after it
 *   verifies against the keys the build pins (wxt.config.ts reads LIVESEAL_TRUSTED_KEYS too).
 * - neither: the demo registry with today's dates, signed by this machine's demo key
 *   (.keys/demo.key.json, created when missing, never committed).
 */
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { publicKeyOf } from '../lib/registry/keys';
import { verifySnapshot } from '../lib/registry/verify';
import { buildCommand, reportFailure, type Output } from './registry/commands';
import { fileExists, writeFileAtomic } from './registry/files';
import { keyFilesOf, loadTrustedKeys, publicKeyFileText, readPrivateKeyFile, writeKeyPair } from './registry/keyfiles';

export const DEFAULT_SNAPSHOT_PATH = 'public/registry/default.dsse.json';
const DEMO_SOURCES = 'registry/demo';
const DEMO_KEY_PREFIX = '.keys/demo';

async function copyVerifiedSnapshot(snapshotFile: string, keysFile: string, output: string, io: Output): Promise<void> {
  const text = await readFile(snapshotFile, 'utf8');
  const snapshot = await verifySnapshot(text, { trustedKeys: await loadTrustedKeys([keysFile]) });
  await writeFileAtomic(output, text);
  io.out(`copied ${snapshotFile} to ${output}: version ${snapshot.version}, registry ${snapshot.registry.id}`);
}

/** Makes sure the demo key pair exists and its .pub.json (what the build pins) matches the private key. */
async function ensureDemoKey(root: string): Promise<string> {
  const { keyFile, pubFile } = keyFilesOf(join(root, DEMO_KEY_PREFIX));
  if (!(await fileExists(keyFile))) {
    await rm(pubFile, { force: true }); // a public key whose private half is gone can never sign again
    await writeKeyPair(join(root, DEMO_KEY_PREFIX), 'LiveSeal demo key (this machine only)');
  }
  const pubText = publicKeyFileText(await publicKeyOf(await readPrivateKeyFile(keyFile)));
  const current = await readFile(pubFile, 'utf8').catch(() => undefined);
  if (current !== pubText) await writeFileAtomic(pubFile, pubText);
  return keyFile;
}

export async function prepareDefaultRegistry(root: string, env: NodeJS.ProcessEnv, io: Output): Promise<void> {
  const output = join(root, DEFAULT_SNAPSHOT_PATH);
  const snapshotFile = env.LIVESEAL_DEFAULT_SNAPSHOT;
  const keysFile = env.LIVESEAL_TRUSTED_KEYS;
  if (snapshotFile && keysFile) return copyVerifiedSnapshot(snapshotFile, keysFile, output, io);
  if (snapshotFile || keysFile) {
    throw new Error(
      'set LIVESEAL_DEFAULT_SNAPSHOT and LIVESEAL_TRUSTED_KEYS together (a build that pins your keys needs a snapshot they signed), or neither for the demo registry',
    );
  }
  const keyFile = await ensureDemoKey(root);
  const options = {
    out: output,
    keys: [keyFile],
    asOf: 'today',
    // Seconds since the epoch: every rebuild is newer than the last, as the extension requires.
    version: Math.floor(Date.now() / 1000),
    expiresIn: '365d',
    verbose: false,
  };
  await buildCommand(join(root, DEMO_SOURCES), options, io);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const io: Output = { out: (line) => console.log(line), err: (line) => console.error(line) };
  const root = fileURLToPath(new URL('..', import.meta.url));
  process.exitCode = await prepareDefaultRegistry(root, process.env, io).then(
    () => 0,
    (error: unknown) => reportFailure(error, io),
  );
}
