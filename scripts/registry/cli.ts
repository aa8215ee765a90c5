/**
 * LiveSeal registry publisher: `npm run registry -- <command> …`.
 * Exit status: 0 success, 1 failure (bad data, refused snapshot, I/O), 2 wrong usage.
 */
import { parseArgs } from 'node:util';
import {
  buildCommand,
  inspectCommand,
  keygenCommand,
  packCommand,
  reportFailure,
  signCommand,
  verifyCommand,
  type Output,
} from './commands';
import { serveRegistry } from './serve';
import { NATIONAL_SCALE, synthCommand } from './synth';
import { deltaCommand, keysetCommand } from './update-commands';

const HELP = {
  keygen: `Usage: registry keygen --out <prefix> [--name <label>]
Writes <prefix>.key.json (Ed25519 private key, mode 0600) and <prefix>.pub.json (a JSON
array with the public key, ready to pin with LIVESEAL_TRUSTED_KEYS). Never overwrites a file.`,
  build: `Usage: registry build <source-dir> --out <file> [--key <k.key.json> …] [--version N]
                      [--as-of today|YYYY-MM-DD] [--expires-in 30d] [--verbose]
Reads registry.json and companies, certificates, accounts, anchors, blacklist (.csv or .json)
from <source-dir>, checks every row, and writes the snapshot: the unsigned payload, or with
--key the signed DSSE envelope. On any problem it lists them (file:line: column: problem) and
writes nothing.
  --key FILE        sign with this private key (repeat for several signatures)
  --version N       snapshot version (default: registry.json "version"); must grow each release
  --as-of DAY       demo data: move every date by (DAY − registry.json "asOf") days
  --expires-in D    lifetime such as 30d or 12h (default: registry.json "validityDays", else 7d)
  --verbose         print rows read per file even for small tables`,
  sign: `Usage: registry sign <payload.json> --key <k.key.json> [--key …] --out <envelope.json>
Checks the payload against the snapshot schema, then signs its JSON re-serialised without
whitespace (same keys, order and values) into a DSSE envelope.`,
  verify: `Usage: registry verify <envelope.json> --pub <keys.pub.json> [--pub …] [--threshold N] [--allow-expired]
                       [--base <base-envelope.json>]
Verifies a snapshot, a delta or a key set (told apart by the envelope's payloadType) exactly as
the extension does. Prints "OK …", or "REJECTED (<code>): <reason>" and exits 1.
  --threshold N     distinct trusted signatures needed (default 1); for a key set, the
                    --pub keys are the current root keys and N their threshold
  --allow-expired   accept a snapshot, delta or key set past its expiresAt
  --base FILE       a delta only: apply it to this snapshot and check the result hash`,
  pack: `Usage: registry pack <snapshot.json> --key <k.key.json> [--key …] --out <snapshot.pack>
Packs a snapshot (payload or envelope) for national scale: subjects in gzip'd shards chosen by
hash, behind a signed manifest of every shard's SHA-256 (docs/publisher.md). Serve it at the
snapshot URL instead of the JSON envelope: the extension tells them apart by the first bytes,
and imports a pack by hashing and storing its shards, without parsing them.`,
  delta: `Usage: registry delta <base-envelope.json> <next-envelope.json> --key <k.key.json> [--key …] --out <delta.json>
Writes the signed delta that turns the base snapshot into the next one: entries added, replaced
or removed by id, the registry info and grade scale when they changed, the base version, and
the SHA-256 of the next snapshot's canonical payload. It is replayed on the base before it is
written, so a delta that would not rebuild the next snapshot exactly is never published.`,
  keyset: `Usage: registry keyset --keys <a.pub.json> [<b.pub.json> …] --threshold N
                       --root <root.pub.json> [… ] --root-threshold N --version N
                       --sign-root <old-root.key.json> --sign-root <new-root.key.json> … --out <keyset.json>
                       [--expires-in 365d]
Writes a signed key set: the keys that sign snapshots and deltas from now on (and how many
must sign), the root keys that sign the next key set (and how many must), and its version,
which must be above the one clients hold (the keys pinned in a build are version 1).
Clients accept it only when enough of the CURRENT root keys signed it and enough of its own
root keys did too: sign with both (--sign-root repeated, or several files after one flag).`,
  serve: `Usage: registry serve <publish-dir> [--port N] [--host 127.0.0.1] [--max-age 300]
Serves the .json files of a publish directory (snapshot, deltas/, keysets/) as a registry host
must: ETag with 304 answers, Cache-Control max-age, and Access-Control-Allow-Origin: * so the
extension needs no host permission. For development and tests; production can use any static
host or CDN with the same headers. Runs until interrupted.`,
  synth: `Usage: registry synth --out <file> [--companies 100000] [--accounts 1000000] [--blacklist 100000]
                      [--key <k.key.json> …] [--version N] [--seed N]
Writes a synthetic (fictional, deterministic) registry at national scale for benchmarks: the
payload, or with --key the signed envelope.`,
  inspect: `Usage: registry inspect <envelope-or-payload.json> [--pub <keys.pub.json> …]
Shows registry, version, dates, counts, grade scale and signature key ids. Signatures are
checked only when --pub is given.`,
} satisfies Record<string, string>;

const MAIN_HELP = `Usage: npm run registry -- <command> [options]   (--help after a command for details)
Commands:
  keygen    create an Ed25519 signing key pair
  build     validate source files and build a snapshot (signed with --key)
  sign      sign a snapshot payload
  verify    verify a signed snapshot, delta or key set as the extension would
  inspect   summarise a snapshot file
  pack      pack a snapshot for national scale (signed manifest + hashed shards)
  delta     make the signed delta between two snapshots
  keyset    make a signed key set (key rotation)
  serve     serve a publish directory over HTTP with the headers the extension expects
  synth     write a synthetic national-scale registry (benchmarks)
Exit status: 0 success, 1 failure, 2 wrong usage.`;

class UsageError extends Error {}

const io: Output = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

const helpOption = { help: { type: 'boolean', short: 'h' } } as const;

function onePositional(command: string, positionals: string[], what: string): string {
  const [first, ...rest] = positionals;
  if (first === undefined || rest.length > 0) throw new UsageError(`${command} takes exactly one ${what}`);
  return first;
}

function required(command: string, option: string, value: string | undefined): string {
  if (value === undefined) throw new UsageError(`${command} needs --${option}`);
  return value;
}

/**
 * Option values for list options given as `--keys a b` as well as `--keys a --keys b`: a
 * positional right after a list option (or after another value of it) belongs to that option.
 */
function listOptions(tokens: ReturnType<typeof parseArgs>['tokens'], lists: readonly string[]): Map<string, string[]> {
  const values = new Map<string, string[]>(lists.map((name) => [name, []]));
  let current: string[] | undefined;
  for (const token of tokens ?? []) {
    if (token.kind === 'option') {
      current = values.get(token.name);
      if (current && token.value !== undefined) current.push(token.value);
    } else if (token.kind === 'positional') {
      if (!current) throw new UsageError(`unexpected argument "${token.value}"`);
      current.push(token.value);
    } else {
      current = undefined;
    }
  }
  return values;
}

function positiveInteger(option: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^[1-9]\d*$/.test(value)) throw new UsageError(`--${option} must be a positive integer, not "${value}"`);
  return Number(value);
}

/** Parses one command's arguments and runs it; `--help` prints its usage instead. */
async function run(command: string, args: string[]): Promise<void> {
  const parse = <O extends Parameters<typeof parseArgs>[0] & object>(config: O) =>
    parseArgs({ ...config, args, allowPositionals: true, strict: true });
  switch (command) {
    case 'keygen': {
      const { values, positionals } = parse({ options: { ...helpOption, out: { type: 'string' }, name: { type: 'string' } } });
      if (values.help) return io.out(HELP.keygen);
      if (positionals.length) throw new UsageError('keygen takes no positional arguments');
      return keygenCommand({ out: required('keygen', 'out', values.out), name: values.name }, io);
    }
    case 'build': {
      const { values, positionals } = parse({
        options: {
          ...helpOption,
          out: { type: 'string' },
          key: { type: 'string', multiple: true },
          version: { type: 'string' },
          'as-of': { type: 'string' },
          'expires-in': { type: 'string' },
          verbose: { type: 'boolean', short: 'v' },
        },
      });
      if (values.help) return io.out(HELP.build);
      const sourceDir = onePositional('build', positionals, 'source directory');
      return buildCommand(
        sourceDir,
        {
          out: required('build', 'out', values.out),
          keys: values.key ?? [],
          version: positiveInteger('version', values.version),
          asOf: values['as-of'],
          expiresIn: values['expires-in'],
          verbose: values.verbose ?? false,
        },
        io,
      );
    }
    case 'sign': {
      const { values, positionals } = parse({
        options: { ...helpOption, out: { type: 'string' }, key: { type: 'string', multiple: true } },
      });
      if (values.help) return io.out(HELP.sign);
      const payloadFile = onePositional('sign', positionals, 'payload file');
      if (!values.key?.length) throw new UsageError('sign needs at least one --key');
      return signCommand(payloadFile, { keys: values.key, out: required('sign', 'out', values.out) }, io);
    }
    case 'verify': {
      const { values, positionals } = parse({
        options: {
          ...helpOption,
          pub: { type: 'string', multiple: true },
          threshold: { type: 'string' },
          'allow-expired': { type: 'boolean' },
          base: { type: 'string' },
        },
      });
      if (values.help) return io.out(HELP.verify);
      const envelopeFile = onePositional('verify', positionals, 'envelope file');
      if (!values.pub?.length) throw new UsageError('verify needs at least one --pub');
      const options = {
        pubs: values.pub,
        threshold: positiveInteger('threshold', values.threshold),
        allowExpired: values['allow-expired'] ?? false,
        base: values.base,
      };
      return verifyCommand(envelopeFile, options, io);
    }
    case 'pack': {
      const { values, positionals } = parse({
        options: { ...helpOption, out: { type: 'string' }, key: { type: 'string', multiple: true } },
      });
      if (values.help) return io.out(HELP.pack);
      const snapshotFile = onePositional('pack', positionals, 'snapshot file');
      if (!values.key?.length) throw new UsageError('pack needs at least one --key');
      return packCommand(snapshotFile, { keys: values.key, out: required('pack', 'out', values.out) }, io);
    }
    case 'delta': {
      const { values, positionals } = parse({
        options: { ...helpOption, out: { type: 'string' }, key: { type: 'string', multiple: true } },
      });
      if (values.help) return io.out(HELP.delta);
      const [baseFile, nextFile, ...rest] = positionals;
      if (baseFile === undefined || nextFile === undefined || rest.length) {
        throw new UsageError('delta takes exactly two snapshot files: the base and the next');
      }
      if (!values.key?.length) throw new UsageError('delta needs at least one --key');
      return deltaCommand(baseFile, nextFile, { keys: values.key, out: required('delta', 'out', values.out) }, io);
    }
    case 'keyset': {
      const { values, tokens } = parseArgs({
        args,
        allowPositionals: true,
        strict: true,
        tokens: true,
        options: {
          ...helpOption,
          keys: { type: 'string', multiple: true },
          threshold: { type: 'string' },
          root: { type: 'string', multiple: true },
          'root-threshold': { type: 'string' },
          version: { type: 'string' },
          'sign-root': { type: 'string', multiple: true },
          'expires-in': { type: 'string' },
          out: { type: 'string' },
        },
      });
      if (values.help) return io.out(HELP.keyset);
      const lists = listOptions(tokens, ['keys', 'root', 'sign-root']);
      const list = (name: string) => {
        const files = lists.get(name) ?? [];
        if (!files.length) throw new UsageError(`keyset needs --${name}`);
        return files;
      };
      const integer = (name: 'threshold' | 'root-threshold' | 'version') =>
        positiveInteger(name, required('keyset', name, values[name])) as number;
      return keysetCommand(
        {
          keys: list('keys'),
          threshold: integer('threshold'),
          root: list('root'),
          rootThreshold: integer('root-threshold'),
          version: integer('version'),
          signRoot: list('sign-root'),
          expiresIn: values['expires-in'],
          out: required('keyset', 'out', values.out),
        },
        io,
      );
    }
    case 'serve': {
      const { values, positionals } = parse({
        options: { ...helpOption, port: { type: 'string' }, host: { type: 'string' }, 'max-age': { type: 'string' } },
      });
      if (values.help) return io.out(HELP.serve);
      const server = await serveRegistry(onePositional('serve', positionals, 'publish directory'), {
        port: positiveInteger('port', values.port),
        host: values.host,
        maxAgeSeconds: positiveInteger('max-age', values['max-age']),
      });
      io.out(`serving ${positionals[0]} at ${server.origin}/ (Ctrl+C ends)`);
      await new Promise<void>((done) => process.once('SIGINT', () => done()));
      return server.close();
    }
    case 'synth': {
      const { values, positionals } = parse({
        options: {
          ...helpOption,
          out: { type: 'string' },
          key: { type: 'string', multiple: true },
          companies: { type: 'string' },
          accounts: { type: 'string' },
          blacklist: { type: 'string' },
          version: { type: 'string' },
          seed: { type: 'string' },
        },
      });
      if (values.help) return io.out(HELP.synth);
      if (positionals.length) throw new UsageError('synth takes no positional arguments');
      return synthCommand(
        {
          out: required('synth', 'out', values.out),
          keys: values.key ?? [],
          companies: positiveInteger('companies', values.companies) ?? NATIONAL_SCALE.companies,
          accounts: positiveInteger('accounts', values.accounts) ?? NATIONAL_SCALE.accounts,
          blacklist: positiveInteger('blacklist', values.blacklist) ?? NATIONAL_SCALE.blacklist,
          version: positiveInteger('version', values.version),
          seed: positiveInteger('seed', values.seed),
        },
        io,
      );
    }
    case 'inspect': {
      const { values, positionals } = parse({ options: { ...helpOption, pub: { type: 'string', multiple: true } } });
      if (values.help) return io.out(HELP.inspect);
      return inspectCommand(onePositional('inspect', positionals, 'snapshot file'), { pubs: values.pub ?? [] }, io);
    }
    default:
      throw new UsageError(`unknown command "${command}"`);
  }
}

/** Our own usage errors and node:util parseArgs ones (unknown option, missing value). */
function isUsageError(error: unknown): error is Error {
  return error instanceof UsageError || (error instanceof Error && String((error as NodeJS.ErrnoException).code).startsWith('ERR_PARSE_ARGS'));
}

function report(error: unknown): number {
  if (!isUsageError(error)) return reportFailure(error, io);
  io.err(`error: ${error.message} (see --help)`);
  return 2;
}

async function main(argv: string[]): Promise<number> {
  const [command, ...args] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    io.out(MAIN_HELP);
    return command === undefined ? 2 : 0;
  }
  try {
    await run(command, args);
    return 0;
  } catch (error) {
    return report(error);
  }
}

process.exitCode = await main(process.argv.slice(2));
