/**
 * LiveSeal registry publisher: `npm run registry -- <command> …`.
 * Exit status: 0 success, 1 failure (bad data, refused snapshot, I/O), 2 wrong usage.
 */
import { parseArgs } from 'node:util';
import {
  buildCommand,
  inspectCommand,
  keygenCommand,
  reportFailure,
  signCommand,
  verifyCommand,
  type Output,
} from './commands';

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
Verifies signatures, schema and expiry exactly as the extension does. Prints "OK …", or
"REJECTED (<code>): <reason>" and exits 1.
  --threshold N     distinct trusted signatures needed (default 1)
  --allow-expired   accept a snapshot past its expiresAt`,
  inspect: `Usage: registry inspect <envelope-or-payload.json> [--pub <keys.pub.json> …]
Shows registry, version, dates, counts, grade scale and signature key ids. Signatures are
checked only when --pub is given.`,
} satisfies Record<string, string>;

const MAIN_HELP = `Usage: npm run registry -- <command> [options]   (--help after a command for details)
Commands:
  keygen    create an Ed25519 signing key pair
  build     validate source files and build a snapshot (signed with --key)
  sign      sign a snapshot payload
  verify    verify a signed snapshot as the extension would
  inspect   summarise a snapshot file
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
        },
      });
      if (values.help) return io.out(HELP.verify);
      const envelopeFile = onePositional('verify', positionals, 'envelope file');
      if (!values.pub?.length) throw new UsageError('verify needs at least one --pub');
      const options = {
        pubs: values.pub,
        threshold: positiveInteger('threshold', values.threshold),
        allowExpired: values['allow-expired'] ?? false,
      };
      return verifyCommand(envelopeFile, options, io);
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
