/** The publisher's commands, callable without a shell: cli.ts only parses arguments and sets exit codes. */
import { readFile } from 'node:fs/promises';
import { EnvelopeError, verifyEnvelope, type Envelope } from '../../lib/registry/dsse';
import type { TrustedKey } from '../../lib/registry/keys';
import { SNAPSHOT_PAYLOAD_TYPE, type Snapshot } from '../../lib/registry/schema';
import { isPackFile, openPack, buildPackFile } from '../../lib/registry/pack-file';
import { checkFreshness, SnapshotRejected, verifySnapshot } from '../../lib/registry/verify';
import { buildSnapshotFromSources, type BuildOptions } from './build';
import { gzipBest } from './gzip-best';
import { readJsonFile, writeFileAtomic } from './files';
import { loadSigners, loadTrustedKeys, writeKeyPair } from './keyfiles';
import { formatProblems, SourceError } from './problems';
import { checkPayload, payloadFileText, payloadTypeOf, readSnapshotFile, signedEnvelopeText } from './snapshot-files';
import { UPDATE_PAYLOAD_TYPES, verifyDeltaText, verifyKeySetText } from './update-commands';

/** Where commands write: stdout for results, stderr for progress and problems. */
export interface Output {
  out: (line: string) => void;
  err: (line: string) => void;
}

const DAY_MS = 86_400_000;

function summary(snapshot: Pick<Snapshot, 'version' | 'registry' | 'expiresAt'>): string {
  return `version ${snapshot.version}, registry ${snapshot.registry.id}, expires ${snapshot.expiresAt}`;
}

export async function keygenCommand(options: { out: string; name?: string }, io: Output): Promise<void> {
  const files = await writeKeyPair(options.out, options.name);
  io.out(`wrote ${files.keyFile} (private key, mode 0600: keep it secret, never commit it)`);
  io.out(`wrote ${files.pubFile} (public key list: pin it in builds with LIVESEAL_TRUSTED_KEYS)`);
  io.out(`keyid ${files.keyid}`);
}

export interface BuildCommandOptions extends Omit<BuildOptions, 'reporter'> {
  out: string;
  /** Private key files; none writes the unsigned payload. */
  keys: readonly string[];
  verbose: boolean;
}

export async function buildCommand(sourceDir: string, options: BuildCommandOptions, io: Output): Promise<void> {
  // Keys first: a wrong key path should fail before a long build, not after it.
  const signers = await loadSigners(options.keys);
  const snapshot = await buildSnapshotFromSources(sourceDir, { ...options, reporter: { log: io.err, verbose: options.verbose } });
  const text = signers.length ? await signedEnvelopeText(snapshot, signers) : payloadFileText(snapshot);
  await writeFileAtomic(options.out, text);
  const what = signers.length ? `envelope signed by ${signers.length} key(s)` : 'unsigned payload';
  io.out(`wrote ${options.out}: ${what}, ${summary(snapshot)}`);
}

/** `registry pack`: a snapshot file (payload or envelope) → a signed pack (lib/registry/pack-file.ts). */
export async function packCommand(snapshotFile: string, options: { keys: readonly string[]; out: string }, io: Output): Promise<void> {
  const signers = await loadSigners(options.keys);
  const { snapshot } = readSnapshotFile(await readJsonFile(snapshotFile, 'snapshot file'), snapshotFile);
  const started = Date.now();
  const bytes = await buildPackFile(snapshot, signers, gzipBest);
  await writeFileAtomic(options.out, bytes);
  io.out(`wrote ${options.out}: pack signed by ${signers.length} key(s), ${summary(snapshot)}, ${(bytes.length / 1e6).toFixed(1)} MB in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

export async function signCommand(payloadFile: string, options: { keys: readonly string[]; out: string }, io: Output): Promise<void> {
  const signers = await loadSigners(options.keys);
  const payload = await readJsonFile(payloadFile, 'snapshot payload');
  const snapshot = checkPayload(payload, payloadFile);
  await writeFileAtomic(options.out, await signedEnvelopeText(payload, signers));
  io.out(`wrote ${options.out}: envelope signed by ${signers.length} key(s), ${summary(snapshot)}`);
}

export interface VerifyCommandOptions {
  pubs: readonly string[];
  threshold?: number;
  allowExpired: boolean;
  /** For a delta: the base snapshot file to apply it to and check the result hash. */
  base?: string;
}

/**
 * Prints "OK …"; a refused file throws SnapshotRejected, which the CLI prints as REJECTED. The
 * envelope's payloadType decides what it is checked as: a snapshot, a delta or a key set.
 */
export async function verifyCommand(envelopeFile: string, options: VerifyCommandOptions, io: Output): Promise<void> {
  const trustedKeys = await loadTrustedKeys(options.pubs);
  const bytes = await readFile(envelopeFile).catch((e: NodeJS.ErrnoException) => {
    throw new Error(`${envelopeFile}: cannot read (${e.code ?? e.message})`);
  });
  // verifySnapshot uses `now` only to check expiry, so the epoch lets an expired snapshot through.
  const now = options.allowExpired ? new Date(0) : new Date();
  if (isPackFile(bytes)) {
    if (options.base !== undefined) throw new Error('--base applies to a delta only');
    const pack = await openPack(bytes, { trustedKeys, threshold: options.threshold });
    checkFreshness(pack, { now }, 'pack');
    return io.out(`OK pack ${summary(pack)}, ${pack.layout.dataShards} data + ${pack.layout.indexShards} index shards`);
  }
  const text = bytes.toString('utf8');
  const payloadType = payloadTypeOf(text);
  if (payloadType === UPDATE_PAYLOAD_TYPES.delta) return verifyDeltaText(text, { ...options, trustedKeys }, io);
  if (payloadType === UPDATE_PAYLOAD_TYPES.keyset) return verifyKeySetText(text, { ...options, trustedKeys }, io);
  if (options.base !== undefined) throw new Error('--base applies to a delta only');
  const snapshot = await verifySnapshot(text, { trustedKeys, threshold: options.threshold, now });
  const expired = Date.parse(snapshot.expiresAt) <= Date.now();
  io.out(`OK ${summary(snapshot)}${expired ? ' (EXPIRED)' : ''}`);
}

async function signatureStatus(envelope: Envelope, signature: Envelope['signatures'][number], keys: readonly TrustedKey[]) {
  try {
    await verifyEnvelope({ ...envelope, signatures: [signature] }, SNAPSHOT_PAYLOAD_TYPE, keys);
    return 'verifies';
  } catch (e) {
    if (!(e instanceof EnvelopeError)) throw e;
    return e.code === 'untrusted-key' ? 'not one of the given keys' : `does NOT verify (${e.code})`;
  }
}

function expiryNote(expiresAt: string, now: number): string {
  const days = Math.abs(Date.parse(expiresAt) - now) / DAY_MS;
  const span = days < 1 ? 'less than a day' : `${Math.floor(days)} day(s)`;
  return Date.parse(expiresAt) <= now ? `EXPIRED ${span} ago` : `not expired, ${span} left`;
}

function counts(snapshot: Snapshot): Array<[string, number]> {
  const accounts = [...snapshot.companies, ...snapshot.anchors].reduce((n, owner) => n + owner.accounts.length, 0);
  return [
    ['companies', snapshot.companies.length],
    ['certificates', snapshot.companies.reduce((n, company) => n + company.certificates.length, 0)],
    ['accounts', accounts],
    ['anchors', snapshot.anchors.length],
    ['blacklist entries', snapshot.blacklist.length],
  ];
}

export async function inspectCommand(file: string, options: { pubs: readonly string[] }, io: Output): Promise<void> {
  const keys = options.pubs.length ? await loadTrustedKeys(options.pubs) : undefined;
  const { envelope, snapshot } = readSnapshotFile(await readJsonFile(file, 'snapshot file'), file);
  const { registry } = snapshot;
  const row = (label: string, value: string | number) => io.out(`${label.padEnd(18)} ${value}`);
  row('registry', `${registry.id}${registry.demo ? ' (DEMO DATA)' : ''}`);
  row('name', `${registry.name.zh} / ${registry.name.en}`);
  row('operator', registry.operator);
  row('version', snapshot.version);
  row('issuedAt', snapshot.issuedAt);
  row('expiresAt', `${snapshot.expiresAt} (${expiryNote(snapshot.expiresAt, Date.now())})`);
  for (const [label, n] of counts(snapshot)) row(label, n);
  row('grade scale', snapshot.gradeScale.map((g) => `${g.id} "${g.label.en}" ${g.colour}`).join(', '));
  if (!envelope) {
    row('signatures', 'none (unsigned payload)');
    return;
  }
  row('signatures', envelope.signatures.length);
  for (const signature of envelope.signatures) {
    io.out(`  ${signature.keyid}  ${keys ? await signatureStatus(envelope, signature, keys) : 'signature not checked'}`);
  }
}

/** Prints a failed command so the user can act on it; returns the exit status (1). */
export function reportFailure(error: unknown, io: Output): number {
  if (error instanceof SourceError) {
    io.err(formatProblems(error.problems));
    io.err(`error: ${error.problems.length} problem(s) in the sources; nothing was written`);
  } else if (error instanceof SnapshotRejected) {
    io.err(`REJECTED (${error.code}): ${error.message}`);
  } else {
    io.err(`error: ${error instanceof Error ? error.message : String(error)}`);
  }
  return 1;
}
