/**
 * From a directory of source files to a validated snapshot payload: read every table, check
 * each row and the references between tables, then assemble, date and validate the whole.
 */
import { basename, join } from 'node:path';
import { z } from 'zod';
import {
  RegistryInfo,
  Snapshot,
  SNAPSHOT_SCHEMA_ID,
  type BlacklistEntry,
  type Certificate,
} from '../../lib/registry/schema';
import { daysBetween, daysToMs, instantOf, parseDuration, shiftDay, todayAt } from './dates';
import { SourceError, type Problem } from './problems';
import type { Reporter } from './progress';
import { parseJsonText, readSourceText } from './sources';
import {
  ACCOUNTS,
  ANCHORS,
  BLACKLIST,
  CERTIFICATES,
  COMPANIES,
  readTable,
  sourceName,
  type ParsedRow,
  type ParsedTable,
} from './tables';

/** registry.json: what is the same for every row, plus build defaults. */
const RegistryFile = z.strictObject({
  registry: RegistryInfo,
  gradeScale: Snapshot.shape.gradeScale,
  /** Snapshot version; `--version` overrides it. */
  version: Snapshot.shape.version.optional(),
  /** Snapshot lifetime in days when `--expires-in` is not given. */
  validityDays: z.number().int().positive().max(3650).optional(),
  /** Demo data only: the day its dates describe, so `--as-of` can move them. */
  asOf: z.iso.date().optional(),
});
type RegistryFile = z.infer<typeof RegistryFile>;

const DEFAULT_VALIDITY_DAYS = 7;

export interface BuildOptions {
  /** Overrides registry.json `version`. */
  version?: number;
  /** `today` or YYYY-MM-DD: shift every date by (this day − registry.json `asOf`). */
  asOf?: string;
  /** Snapshot lifetime such as "30d"; default registry.json `validityDays`, else 7 days. */
  expiresIn?: string;
  now?: Date;
  reporter?: Reporter;
}

async function readRegistryFile(dir: string, problems: Problem[]): Promise<RegistryFile | undefined> {
  const file = join(dir, 'registry.json');
  const text = await readSourceText(file, problems);
  const data = text === undefined ? undefined : parseJsonText(file, text, problems);
  if (data === undefined) return undefined;
  const parsed = RegistryFile.safeParse(data);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) problems.push({ file, column: issue.path.join('.') || undefined, message: issue.message });
    return undefined;
  }
  const gradeIds = parsed.data.gradeScale.map((grade) => grade.id);
  gradeIds.forEach((id, i) => {
    if (gradeIds.indexOf(id) !== i) problems.push({ file, column: `gradeScale.${i}.id`, message: `grade "${id}" appears twice` });
  });
  return parsed.data;
}

interface Tables {
  companies: ParsedTable<z.output<typeof COMPANIES.schema>>;
  certificates: ParsedTable<z.output<typeof CERTIFICATES.schema>>;
  accounts: ParsedTable<z.output<typeof ACCOUNTS.schema>>;
  anchors: ParsedTable<z.output<typeof ANCHORS.schema>>;
  blacklist: ParsedTable<z.output<typeof BLACKLIST.schema>>;
}

async function readTables(dir: string, problems: Problem[], reporter?: Reporter): Promise<Tables> {
  return {
    companies: await readTable(dir, COMPANIES, problems, reporter),
    certificates: await readTable(dir, CERTIFICATES, problems, reporter),
    accounts: await readTable(dir, ACCOUNTS, problems, reporter),
    anchors: await readTable(dir, ANCHORS, problems, reporter),
    blacklist: await readTable(dir, BLACKLIST, problems, reporter),
  };
}

function problemAt(table: ParsedTable<unknown>, line: number, column: string, message: string): Problem {
  return { file: table.file, line, column: sourceName(column, table.format), message };
}

/** Reports every repeat of a key, pointing back at its first line. */
function checkUnique<T>(
  table: ParsedTable<T>,
  column: string,
  keyOf: (row: T) => string,
  what: string,
  problems: Problem[],
): void {
  const firstLine = new Map<string, number>();
  for (const { line, value } of table.rows) {
    const key = keyOf(value);
    const first = firstLine.get(key);
    if (first === undefined) firstLine.set(key, line);
    else problems.push(problemAt(table, line, column, `duplicate ${what} "${key}" (first on line ${first})`));
  }
}

/** Reports every row whose reference (when present) names nothing known. */
function checkReference<T>(
  table: ParsedTable<T>,
  column: string,
  referenceOf: (row: T) => string | undefined,
  isKnown: (reference: string) => boolean,
  unknown: (reference: string) => string,
  problems: Problem[],
): void {
  for (const { line, value } of table.rows) {
    const reference = referenceOf(value);
    if (reference !== undefined && !isKnown(reference)) problems.push(problemAt(table, line, column, unknown(reference)));
  }
}

/** Checks between tables, table by table; ids count from invalid rows too, so one bad row is reported once. */
function crossCheck(tables: Tables, gradeIds: readonly string[], problems: Problem[]): void {
  const { companies, certificates, accounts, anchors, blacklist } = tables;
  const noCompany = (id: string) => `no company with id "${id}" in ${basename(companies.file)}`;
  checkUnique(companies, 'id', (c) => c.id, 'id', problems);

  checkUnique(certificates, 'number', (c) => c.number, 'certificate number', problems);
  checkReference(certificates, 'company_id', (c) => c.companyId, (id) => companies.ids.has(id), noCompany, problems);
  checkReference(
    certificates,
    'grade',
    (c) => c.grade,
    (grade) => gradeIds.includes(grade),
    (grade) => `grade "${grade}" is not in the gradeScale of registry.json (${gradeIds.join(', ')})`,
    problems,
  );

  checkUnique(accounts, 'account_id', (a) => `${a.platform}:${a.accountId}`, 'account', problems);
  checkReference(
    accounts,
    'owner_id',
    (a) => a.ownerId,
    (id) => companies.ids.has(id) || anchors.ids.has(id),
    (id) => `no company or anchor with id "${id}"`,
    problems,
  );

  checkUnique(anchors, 'id', (a) => a.id, 'id', problems);
  checkReference(
    anchors,
    'id',
    (a) => a.id,
    (id) => !companies.ids.has(id),
    (id) => `"${id}" is also a company id, so an account's owner_id would be ambiguous`,
    problems,
  );
  checkReference(anchors, 'company_id', (a) => a.companyId, (id) => companies.ids.has(id), noCompany, problems);

  checkUnique(blacklist, 'id', (b) => b.id, 'id', problems);
}

function shiftCertificate(cert: Certificate, days: number): Certificate {
  if (days === 0) return cert;
  return {
    ...cert,
    issuedOn: shiftDay(cert.issuedOn, days),
    expiresOn: shiftDay(cert.expiresOn, days),
    audits: cert.audits.map((audit) => shiftDay(audit, days)),
    ...(cert.statusSince !== undefined && { statusSince: shiftDay(cert.statusSince, days) }),
  };
}

function shiftListing(entry: BlacklistEntry, days: number): BlacklistEntry {
  if (days === 0) return entry;
  return {
    ...entry,
    listedOn: shiftDay(entry.listedOn, days),
    ...(entry.until !== undefined && { until: shiftDay(entry.until, days) }),
  };
}

function groupBy<T, V>(rows: ParsedRow<T>[], keyOf: (row: T) => string, valueOf: (row: T) => V): Map<string, V[]> {
  const groups = new Map<string, V[]>();
  for (const { value } of rows) {
    const key = keyOf(value);
    const group = groups.get(key);
    if (group) group.push(valueOf(value));
    else groups.set(key, [valueOf(value)]);
  }
  return groups;
}

interface Dating {
  issuedAt: string;
  expiresAt: string;
  /** Days every calendar date moves (--as-of); 0 otherwise. */
  shiftDays: number;
}

function assemblePayload(registry: RegistryFile, tables: Tables, version: number, dating: Dating): unknown {
  const certificatesOf = groupBy(
    tables.certificates.rows,
    (c) => c.companyId,
    ({ companyId: _owner, ...cert }) => shiftCertificate(cert, dating.shiftDays),
  );
  const accountsOf = groupBy(tables.accounts.rows, (a) => a.ownerId, ({ ownerId: _owner, ...account }) => account);
  return {
    schema: SNAPSHOT_SCHEMA_ID,
    registry: registry.registry,
    version,
    issuedAt: dating.issuedAt,
    expiresAt: dating.expiresAt,
    gradeScale: registry.gradeScale,
    companies: tables.companies.rows.map(({ value }) => ({
      ...value,
      certificates: certificatesOf.get(value.id) ?? [],
      accounts: accountsOf.get(value.id) ?? [],
    })),
    anchors: tables.anchors.rows.map(({ value }) => ({ ...value, accounts: accountsOf.get(value.id) ?? [] })),
    blacklist: tables.blacklist.rows.map(({ value }) => shiftListing(value, dating.shiftDays)),
  };
}

/** Days to move demo dates so they mean on `target` what they meant on registry.json `asOf`. */
function shiftDaysFor(registry: RegistryFile, asOf: string | undefined, now: Date, file: string, problems: Problem[]): number {
  if (asOf === undefined) return 0;
  if (!registry.registry.demo) {
    // Moving a real certificate's dates would forge it.
    problems.push({ file, column: 'registry.demo', message: '--as-of moves every date, so it only works on demo data (demo: true)' });
    return 0;
  }
  if (registry.asOf === undefined) {
    problems.push({ file, column: 'asOf', message: 'is required for --as-of: the day the source dates describe' });
    return 0;
  }
  const target = asOf === 'today' ? todayAt(registry.registry.utcOffset, now) : asOf;
  return daysBetween(registry.asOf, target);
}

function checkOptions(options: BuildOptions): void {
  if (options.asOf !== undefined && options.asOf !== 'today' && !z.iso.date().safeParse(options.asOf).success) {
    throw new Error(`--as-of: "${options.asOf}" is neither "today" nor a date YYYY-MM-DD`);
  }
  if (options.version !== undefined && !Snapshot.shape.version.safeParse(options.version).success) {
    throw new Error(`--version: ${options.version} is not a positive integer`);
  }
  if (options.expiresIn !== undefined) parseDuration(options.expiresIn);
}

/**
 * Builds the snapshot payload from a source directory. Throws SourceError listing every problem
 * (bad rows, broken references, duplicates) when the sources cannot become a valid snapshot.
 */
export async function buildSnapshotFromSources(dir: string, options: BuildOptions = {}): Promise<Snapshot> {
  checkOptions(options);
  const problems: Problem[] = [];
  const registry = await readRegistryFile(dir, problems);
  const tables = await readTables(dir, problems, options.reporter);
  if (!registry) throw new SourceError(problems);
  // A missing or unreadable table would make every reference into it look broken.
  if (Object.values(tables).every((table) => table.complete)) {
    crossCheck(tables, registry.gradeScale.map((grade) => grade.id), problems);
  }

  const registryFile = join(dir, 'registry.json');
  const now = options.now ?? new Date();
  const shiftDays = shiftDaysFor(registry, options.asOf, now, registryFile, problems);
  const version = options.version ?? registry.version;
  if (version === undefined) problems.push({ file: registryFile, column: 'version', message: 'is required (or pass --version)' });
  if (problems.length > 0 || version === undefined) throw new SourceError(problems);

  const lifetimeMs = options.expiresIn ? parseDuration(options.expiresIn) : daysToMs(registry.validityDays ?? DEFAULT_VALIDITY_DAYS);
  const dating = { issuedAt: instantOf(now.getTime()), expiresAt: instantOf(now.getTime() + lifetimeMs), shiftDays };
  const snapshot = Snapshot.safeParse(assemblePayload(registry, tables, version, dating));
  if (!snapshot.success) {
    throw new SourceError(
      snapshot.error.issues.map((issue) => ({ file: dir, column: `snapshot ${issue.path.join('.')}`, message: issue.message })),
    );
  }
  return snapshot.data;
}
