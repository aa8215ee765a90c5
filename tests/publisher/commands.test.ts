import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { base64ToBytes } from '../../lib/encoding/base64';
import { SnapshotRejected } from '../../lib/registry/verify';
import {
  buildCommand,
  inspectCommand,
  keygenCommand,
  signCommand,
  verifyCommand,
  type BuildCommandOptions,
} from '../../scripts/registry/commands';
import { SourceError } from '../../scripts/registry/problems';
import { capture, copyOfDemo, DEMO_SOURCES, editFile, tempDir } from './helpers';

const NOW = new Date('2026-11-24T04:00:00Z');

function buildOptions(out: string, overrides: Partial<BuildCommandOptions> = {}): BuildCommandOptions {
  return { out, keys: [], verbose: false, now: NOW, expiresIn: '3650d', ...overrides };
}

function payloadOf(envelopeText: string): string {
  const envelope = JSON.parse(envelopeText) as { payload: string };
  return new TextDecoder().decode(base64ToBytes(envelope.payload) ?? new Uint8Array());
}

async function rejection(promise: Promise<unknown>): Promise<SnapshotRejected> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SnapshotRejected);
  return error as SnapshotRejected;
}

let dir: string;
let key: string;
let pub: string;
let otherKey: string;
let otherPub: string;

beforeAll(async () => {
  dir = await tempDir();
  await keygenCommand({ out: join(dir, 'main'), name: 'Test body' }, capture());
  await keygenCommand({ out: join(dir, 'other') }, capture());
  [key, pub] = [join(dir, 'main.key.json'), join(dir, 'main.pub.json')];
  [otherKey, otherPub] = [join(dir, 'other.key.json'), join(dir, 'other.pub.json')];
});

describe('keygen', () => {
  it('writes a 0600 private key and a pinnable array with its public key', async () => {
    expect((await stat(key)).mode & 0o777).toBe(0o600);
    const privateKey = JSON.parse(await readFile(key, 'utf8')) as { keyid: string; name: string };
    const publicKeys = JSON.parse(await readFile(pub, 'utf8')) as Array<{ keyid: string; name: string; publicKey: string }>;
    expect(publicKeys).toHaveLength(1);
    expect(publicKeys[0]).toMatchObject({ keyid: privateKey.keyid, name: 'Test body' });
    expect(base64ToBytes(publicKeys[0]?.publicKey ?? '')).toHaveLength(32);
  });

  it('refuses to overwrite either file and leaves both untouched', async () => {
    const before = await readFile(key, 'utf8');
    await expect(keygenCommand({ out: join(dir, 'main') }, capture())).rejects.toThrow(/main\.key\.json already exists/);
    await writeFile(join(dir, 'lonely.pub.json'), '[]');
    await expect(keygenCommand({ out: join(dir, 'lonely') }, capture())).rejects.toThrow(/lonely\.pub\.json already exists/);
    expect(await readFile(key, 'utf8')).toBe(before);
    expect(await readdir(dir)).not.toContain('lonely.key.json');
  });
});

describe('build, sign and verify', () => {
  it('signs exactly the payload bytes `build --key` signs, and both verify', async () => {
    const payloadFile = join(dir, 'payload.json');
    const signedLater = join(dir, 'signed-later.dsse.json');
    const signedAtBuild = join(dir, 'signed-at-build.dsse.json');
    await buildCommand(DEMO_SOURCES, buildOptions(payloadFile), capture());
    await signCommand(payloadFile, { keys: [key], out: signedLater }, capture());
    await buildCommand(DEMO_SOURCES, buildOptions(signedAtBuild, { keys: [key] }), capture());

    const payloadText = await readFile(payloadFile, 'utf8');
    expect(payloadText).toContain('\n  "registry": {'); // the unsigned payload is for people to read
    const envelopeText = await readFile(signedAtBuild, 'utf8');
    expect(envelopeText).not.toMatch(/\s/);
    expect(payloadOf(envelopeText)).toBe(JSON.stringify(JSON.parse(payloadText)));
    expect(payloadOf(await readFile(signedLater, 'utf8'))).toBe(payloadOf(envelopeText));

    for (const file of [signedLater, signedAtBuild]) {
      const io = capture();
      await verifyCommand(file, { pubs: [pub], allowExpired: false }, io);
      expect(io.stdout).toEqual(['OK version 1, registry liveseal-demo, expires 2036-11-21T04:00:00Z']);
    }
  });

  it('refuses the snapshot whatever single byte is flipped', async () => {
    const file = join(dir, 'flip.dsse.json');
    await buildCommand(DEMO_SOURCES, buildOptions(file, { keys: [key] }), capture());
    const original = await readFile(file);
    const tampered = join(dir, 'tampered.dsse.json');
    // Every 61st byte covers the envelope's keys, the payload base64, the keyid and the signature.
    for (let i = 0; i < original.length; i += 61) {
      const bytes = Buffer.from(original);
      bytes[i] = (bytes[i] ?? 0) ^ 0x01;
      await writeFile(tampered, bytes);
      await rejection(verifyCommand(tampered, { pubs: [pub], allowExpired: false }, capture()));
    }
  });

  it('rejects unknown keys, too few signatures and expiry, with the extension\'s codes', async () => {
    const file = join(dir, 'codes.dsse.json');
    await buildCommand(DEMO_SOURCES, buildOptions(file, { keys: [key, otherKey] }), capture());
    const verify = (options: { pubs: string[]; threshold?: number; allowExpired?: boolean }) =>
      verifyCommand(file, { allowExpired: false, ...options }, capture());

    await verify({ pubs: [pub, otherPub], threshold: 2 });
    expect((await rejection(verify({ pubs: [pub], threshold: 2 }))).code).toBe('untrusted-key');

    const stranger = join(dir, 'stranger');
    await keygenCommand({ out: stranger }, capture());
    expect((await rejection(verify({ pubs: [`${stranger}.pub.json`] }))).code).toBe('untrusted-key');

    const expired = join(dir, 'expired.dsse.json');
    await buildCommand(DEMO_SOURCES, buildOptions(expired, { keys: [key], now: new Date('2020-01-01T00:00:00Z'), expiresIn: '1d' }), capture());
    const refused = await rejection(verifyCommand(expired, { pubs: [pub], allowExpired: false }, capture()));
    expect(refused.code).toBe('expired');
    const io = capture();
    await verifyCommand(expired, { pubs: [pub], allowExpired: true }, io);
    expect(io.stdout).toEqual(['OK version 1, registry liveseal-demo, expires 2020-01-02T00:00:00Z (EXPIRED)']);
  });

  it('signs nothing that is not a valid snapshot payload', async () => {
    const payloadFile = join(dir, 'bad-payload.json');
    const out = join(dir, 'bad-payload.dsse.json');
    await buildCommand(DEMO_SOURCES, buildOptions(payloadFile), capture());
    await editFile(payloadFile, '"grade": "g3"', '"grade": "g4"');
    await expect(signCommand(payloadFile, { keys: [key], out }, capture())).rejects.toThrow(
      /not a valid snapshot payload: companies\.0\.certificates\.0\.grade: grade "g4" is not in gradeScale/,
    );
    expect(await readdir(dir)).not.toContain('bad-payload.dsse.json');
  });

  it('writes no output file (and leaves no temporary file) when a row is bad', async () => {
    const sources = await copyOfDemo();
    await editFile(join(sources, 'companies.csv'), '91330100MA2DEM0175', '123');
    const outDir = await tempDir();
    const io = capture();
    await expect(buildCommand(sources, buildOptions(join(outDir, 'out.json'), { keys: [key] }), io)).rejects.toBeInstanceOf(SourceError);
    expect(await readdir(outDir)).toEqual([]);
    expect(io.stdout).toEqual([]);
  });
});

describe('inspect', () => {
  it('prints registry, dates, counts, grades and signature key ids', async () => {
    const file = join(dir, 'inspect.dsse.json');
    await buildCommand(DEMO_SOURCES, buildOptions(file, { keys: [key], version: 9 }), capture());
    const keyid = (JSON.parse(await readFile(key, 'utf8')) as { keyid: string }).keyid;

    const unchecked = capture();
    await inspectCommand(file, { pubs: [] }, unchecked);
    const text = unchecked.stdout.join('\n');
    expect(text).toMatch(/^registry +liveseal-demo \(DEMO DATA\)$/m);
    expect(text).toMatch(/^version +9$/m);
    expect(text).toMatch(/^expiresAt +2036-11-21T04:00:00Z \(not expired, \d+ day\(s\) left\)$/m);
    for (const [label, n] of [['companies', 9], ['certificates', 10], ['accounts', 22], ['anchors', 4], ['blacklist entries', 5]] as const) {
      expect(text).toMatch(new RegExp(`^${label} +${n}$`, 'm'));
    }
    expect(text).toMatch(/^grade scale +g1 "★ Qualified" #[0-9a-f]{6}, g2 "★★ Good" #[0-9a-f]{6}, g3 "★★★ Excellent" #[0-9a-f]{6}$/m);
    expect(unchecked.stdout.at(-1)).toBe(`  ${keyid}  signature not checked`);

    const checked = capture();
    await inspectCommand(file, { pubs: [pub] }, checked);
    expect(checked.stdout.at(-1)).toBe(`  ${keyid}  verifies`);
    const other = capture();
    await inspectCommand(file, { pubs: [otherPub] }, other);
    expect(other.stdout.at(-1)).toBe(`  ${keyid}  not one of the given keys`);
  });

  it('reads an unsigned payload too', async () => {
    const file = join(dir, 'inspect-payload.json');
    await buildCommand(DEMO_SOURCES, buildOptions(file), capture());
    const io = capture();
    await inspectCommand(file, { pubs: [] }, io);
    expect(io.stdout.at(-1)).toMatch(/^signatures +none \(unsigned payload\)$/);
  });
});
