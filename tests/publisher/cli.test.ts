/** The real CLI in a child process: exit codes, stdout/stderr, files written or not. */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { writeKeyPair } from '../../scripts/registry/keyfiles';
import { copyOfDemo, DEMO_SOURCES, editFile, runCli, tempDir } from './helpers';

const SPAWN_TIMEOUT = 20_000;

let dir: string;

beforeAll(async () => {
  dir = await tempDir();
  await writeKeyPair(join(dir, 'signer')); // in-process: only the commands under test are spawned
});

describe('registry CLI', () => {
  it(
    'keygen writes a key pair once, then exits 1 with a one-line error',
    async () => {
      const first = await runCli('keygen', '--out', join(dir, 'cli'), '--name', 'CLI test');
      expect(first.code).toBe(0);
      expect(first.stdout).toMatch(/^keyid [0-9a-f]{64}$/m);
      const again = await runCli('keygen', '--out', join(dir, 'cli'));
      expect(again.code).toBe(1);
      expect(again.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^error: .*cli\.key\.json already exists/)]);
    },
    SPAWN_TIMEOUT,
  );

  it(
    'build --key, then verify: OK; one flipped byte: REJECTED and exit 1',
    async () => {
      const envelope = join(dir, 'demo.dsse.json');
      const built = await runCli('build', DEMO_SOURCES, '--out', envelope, '--key', join(dir, 'signer.key.json'), '--as-of', 'today');
      expect(built.code).toBe(0);
      expect(built.stdout).toMatch(/^wrote .*demo\.dsse\.json: envelope signed by 1 key\(s\), version 1, registry liveseal-demo/);
      expect(built.stderr).toBe('');

      const bytes = await readFile(envelope);
      const at = bytes.indexOf('"payload":"') + 2000;
      bytes[at] = (bytes[at] ?? 0) ^ 0x01;
      const tampered = join(dir, 'tampered.dsse.json');
      await writeFile(tampered, bytes);

      const [ok, rejected] = await Promise.all([
        runCli('verify', envelope, '--pub', join(dir, 'signer.pub.json')),
        runCli('verify', tampered, '--pub', join(dir, 'signer.pub.json')),
      ]);
      expect(ok.code).toBe(0);
      expect(ok.stdout).toMatch(/^OK version 1, registry liveseal-demo, expires \S+Z\n$/);
      expect(rejected.code).toBe(1);
      expect(rejected.stdout).toBe('');
      expect(rejected.stderr).toMatch(/^REJECTED \((bad-signature|malformed-envelope)\): /);
    },
    SPAWN_TIMEOUT,
  );

  it(
    'build with bad rows lists them as file:line, exits 1 and writes nothing',
    async () => {
      const sources = await copyOfDemo();
      await editFile(join(sources, 'accounts.csv'), 'shop-good,晨光好物旗舰店 (演示),shop', 'shop-good,晨光好物旗舰店 (演示),buyer');
      await editFile(join(sources, 'blacklist.json'), '"listedOn": "2026-09-12"', '"listedOn": "2026-9-12"');
      const outDir = await tempDir();
      const result = await runCli('build', sources, '--out', join(outDir, 'snapshot.json'));
      expect(result.code).toBe(1);
      expect(result.stderr.trim().split('\n')).toEqual([
        `${sources}/accounts.csv:3: role: Invalid option: expected one of "shop"|"anchor" (got "buyer")`,
        `${sources}/blacklist.json:29: listedOn: Invalid ISO date (got "2026-9-12")`,
        'error: 2 problem(s) in the sources; nothing was written',
      ]);
      expect(await readdir(outDir)).toEqual([]);
    },
    SPAWN_TIMEOUT,
  );

  it(
    'exits 2 on wrong usage and 0 for --help',
    async () => {
      const [unknownOption, missingOut, help] = await Promise.all([
        runCli('build', DEMO_SOURCES, '--out', join(dir, 'x.json'), '--frobnicate'),
        runCli('sign', join(dir, 'payload.json'), '--key', 'k.key.json'),
        runCli('inspect', '--help'),
      ]);
      expect(unknownOption.code).toBe(2);
      expect(unknownOption.stderr).toMatch(/^error: Unknown option '--frobnicate'.*\(see --help\)\n$/);
      expect(missingOut.code).toBe(2);
      expect(missingOut.stderr).toBe('error: sign needs --out (see --help)\n');
      expect(help.code).toBe(0);
      expect(help.stdout).toMatch(/^Usage: registry inspect/);
    },
    SPAWN_TIMEOUT,
  );
});
