/** Key files on disk: `<prefix>.key.json` (private, 0600) and `<prefix>.pub.json` (an array to pin). */
import { z } from 'zod';
import {
  generateKeyPair,
  importSigner,
  PrivateKeyFile,
  TrustedKey,
  TrustedKeys,
  type Signer,
} from '../../lib/registry/keys';
import { fileExists, readJsonFile, writeNewFile } from './files';
import { summarizeIssues } from './problems';

export interface KeyPairFiles {
  keyFile: string;
  pubFile: string;
  keyid: string;
}

export const keyFilesOf = (prefix: string) => ({ keyFile: `${prefix}.key.json`, pubFile: `${prefix}.pub.json` });

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

/** Generates a key pair; refuses to replace either file, since a lost private key cannot come back. */
export async function writeKeyPair(prefix: string, name?: string): Promise<KeyPairFiles> {
  if (name !== undefined && name.length > 100) throw new Error('--name: at most 100 characters');
  const { keyFile, pubFile } = keyFilesOf(prefix);
  for (const file of [keyFile, pubFile]) {
    if (await fileExists(file)) throw new Error(`${file} already exists; refusing to overwrite a key file`);
  }
  const { privateKey, publicKey } = await generateKeyPair(name);
  await writeNewFile(keyFile, json(privateKey), 0o600);
  await writeNewFile(pubFile, json([publicKey]), 0o644);
  return { keyFile, pubFile, keyid: privateKey.keyid };
}

/** The public-key file's content for a private key: what a build pins. */
export function publicKeyFileText(key: TrustedKey): string {
  return json([key]);
}

export async function readPrivateKeyFile(path: string): Promise<PrivateKeyFile> {
  const parsed = PrivateKeyFile.safeParse(await readJsonFile(path, 'private key file'));
  if (!parsed.success) throw new Error(`${path}: not a private key file written by keygen (${summarizeIssues(parsed.error)})`);
  return parsed.data;
}

async function loadSigner(path: string): Promise<Signer> {
  const file = await readPrivateKeyFile(path);
  try {
    return await importSigner(file);
  } catch (e) {
    throw new Error(`${path}: ${(e as Error).message}`);
  }
}

export function loadSigners(paths: readonly string[]): Promise<Signer[]> {
  return Promise.all(paths.map(loadSigner));
}

/** Trusted keys from `.pub.json` files: each an array of keys (or one key object), merged. */
export async function loadTrustedKeys(paths: readonly string[]): Promise<TrustedKey[]> {
  const keys: unknown[] = [];
  for (const path of paths) {
    const data = await readJsonFile(path, 'public key file');
    const parsed = z.array(TrustedKey).safeParse(Array.isArray(data) ? data : [data]);
    if (!parsed.success) throw new Error(`${path}: not a public key file (${summarizeIssues(parsed.error)})`);
    keys.push(...parsed.data);
  }
  const parsed = TrustedKeys.safeParse(keys);
  if (!parsed.success) throw new Error(`public keys: ${summarizeIssues(parsed.error)}`);
  return parsed.data;
}
