/** Shared by the publisher tests: temp dirs, a copy of the demo sources, captured output, the real CLI. */
import { spawn } from 'node:child_process';
import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Output } from '../../scripts/registry/commands';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const DEMO_SOURCES = join(ROOT, 'registry/demo');

export function tempDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'liveseal-publisher-'));
}

/** A writable copy of the demo sources, to break on purpose. */
export async function copyOfDemo(): Promise<string> {
  const dir = join(await tempDir(), 'sources');
  await cp(DEMO_SOURCES, dir, { recursive: true });
  return dir;
}

/** Replaces one exact piece of a source file; fails loudly when the piece is not there. */
export async function editFile(file: string, from: string, to: string): Promise<void> {
  const text = await readFile(file, 'utf8');
  if (!text.includes(from)) throw new Error(`${file} does not contain ${from}`);
  await writeFile(file, text.replace(from, to));
}

export function capture(): Output & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (line) => stdout.push(line), err: (line) => stderr.push(line) };
}

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the real CLI as a user would (through tsx), without a shell. */
export function runCli(...args: string[]): Promise<CliResult> {
  const tsx = join(ROOT, 'node_modules/.bin/tsx');
  return new Promise((done, fail) => {
    const child = spawn(tsx, [join(ROOT, 'scripts/registry/cli.ts'), ...args], { cwd: ROOT });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}
