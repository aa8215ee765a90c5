/**
 * The five source tables: their columns, how a cell is read, and the zod schema every row must
 * satisfy. CSV columns are snake_case; JSON fields carry the same names in camelCase. A pair of
 * columns `x_zh` + `x_en` becomes the bilingual field `x` (text) or a list of them (lists pair up
 * by position).
 */
import { join } from 'node:path';
import { z } from 'zod';
import { Anchor, BlacklistEntry, Certificate, Company, PlatformAccount } from '../../lib/registry/schema';
import type { Problem } from './problems';
import { rowProgress, type Reporter } from './progress';
import { locateTable, readRawTable, type RawRow, type RawTable, type SourceFormat } from './sources';

type CellKind = 'text' | 'list' | 'bool' | 'accounts';

interface Column {
  /** snake_case, as in a CSV header. */
  name: string;
  kind: CellKind;
}

export interface TableSpec<S extends z.ZodObject = z.ZodObject> {
  name: string;
  columns: readonly Column[];
  schema: S;
  /** Rules between cells of one row that the schema cannot express: [column, message]. */
  check?: (row: z.output<S>) => Array<[string, string]>;
}

/** Infers the row type, so a table's `check` sees its schema's fields. */
const defineTable = <S extends z.ZodObject>(spec: TableSpec<S>): TableSpec<S> => spec;
const text = (name: string): Column => ({ name, kind: 'text' });
const list = (name: string): Column => ({ name, kind: 'list' });

export const COMPANIES = defineTable({
  name: 'companies',
  columns: [text('id'), text('name'), list('aliases'), text('uscc')],
  schema: Company.pick({ id: true, name: true, aliases: true, uscc: true }),
});

export const CERTIFICATES = defineTable({
  name: 'certificates',
  columns: [
    text('company_id'),
    text('number'),
    text('scheme'),
    text('issuer'),
    text('grade'),
    text('issued_on'),
    text('expires_on'),
    list('audits'),
    text('status'),
    text('status_reason_zh'),
    text('status_reason_en'),
    text('status_since'),
    text('scope'),
  ],
  schema: Certificate.extend({ companyId: Company.shape.id }),
  check: (cert) => (cert.expiresOn < cert.issuedOn ? [['expires_on', `is before the issue date (${cert.issuedOn})`]] : []),
});

export const ACCOUNTS = defineTable({
  name: 'accounts',
  columns: [
    text('owner_id'),
    text('platform'),
    text('account_id'),
    text('display_name'),
    text('role'),
    { name: 'virtual', kind: 'bool' },
    { name: 'virtual_disclosed', kind: 'bool' },
    { name: 'not_for_minors', kind: 'bool' },
  ],
  schema: PlatformAccount.extend({ ownerId: Company.shape.id }),
});

export const ANCHORS = defineTable({
  name: 'anchors',
  columns: [text('id'), text('name'), list('aliases'), text('company_id')],
  schema: Anchor.pick({ id: true, name: true, aliases: true, companyId: true }),
});

export const BLACKLIST = defineTable({
  name: 'blacklist',
  columns: [
    text('id'),
    text('kind'),
    list('names'),
    list('aliases'),
    { name: 'accounts', kind: 'accounts' },
    list('reasons_zh'),
    list('reasons_en'),
    list('measures'),
    text('listed_on'),
    text('until'),
    text('authority'),
    text('reference'),
  ],
  schema: BlacklistEntry,
  check: (entry) =>
    entry.until !== undefined && entry.until < entry.listedOn ? [['until', `is before the listing date (${entry.listedOn})`]] : [],
});

const LOCALIZED = /^(.+)_(zh|en)$/;
const camel = (snake: string) => snake.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
const snake = (camelCase: string) => camelCase.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** The schema field a column fills: `status_reason_zh` fills `statusReason`. */
export function fieldOf(column: string): string {
  return camel(column.replace(LOCALIZED, '$1'));
}

/** The column's name as the source spells it. */
export function sourceName(column: string, format: SourceFormat): string {
  return format === 'json' ? camel(column) : column;
}

function isRequired(schema: z.ZodObject, column: string): boolean {
  const field = schema.shape[fieldOf(column)];
  return field !== undefined && !field.safeParse(undefined).success;
}

type Decoded = { value: unknown } | { error: string };

function typeOfValue(raw: unknown): string {
  return Array.isArray(raw) ? 'an array' : typeof raw;
}

/** CSV cells are text (lists joined with `|`); JSON fields are typed (lists are arrays). */
function decodeCell(kind: CellKind, raw: unknown, format: SourceFormat): Decoded {
  if (raw === undefined || raw === null || raw === '') return { value: kind === 'list' || kind === 'accounts' ? [] : undefined };
  switch (kind) {
    case 'text':
      return typeof raw === 'string' ? { value: raw.trim() || undefined } : { error: `expected text, got ${typeOfValue(raw)}` };
    case 'list':
      return decodeList(raw, format);
    case 'accounts':
      return decodeAccounts(raw, format);
    case 'bool':
      return decodeBool(raw, format);
  }
}

function decodeList(raw: unknown, format: SourceFormat): Decoded {
  const items = format === 'csv' && typeof raw === 'string' ? raw.split('|') : raw;
  if (!Array.isArray(items) || !items.every((item) => typeof item === 'string')) {
    return { error: `expected an array of strings, got ${typeOfValue(raw)}` };
  }
  return { value: items.map((item) => item.trim()).filter(Boolean) };
}

/** Blacklisted accounts are written `platform:accountId`; the account id may itself contain colons. */
function decodeAccounts(raw: unknown, format: SourceFormat): Decoded {
  const decoded = decodeList(raw, format);
  if ('error' in decoded) return decoded;
  const accounts = [];
  for (const item of decoded.value as string[]) {
    const colon = item.indexOf(':');
    if (colon <= 0 || colon === item.length - 1) return { error: `"${item}" is not platform:accountId` };
    accounts.push({ platform: item.slice(0, colon), accountId: item.slice(colon + 1) });
  }
  return { value: accounts };
}

const TRUE_WORDS = new Set(['true', 'yes', '1', '是']);
const FALSE_WORDS = new Set(['false', 'no', '0', '否']);

function decodeBool(raw: unknown, format: SourceFormat): Decoded {
  if (typeof raw === 'boolean') return { value: raw };
  const word = format === 'csv' && typeof raw === 'string' ? raw.trim().toLowerCase() : undefined;
  if (word !== undefined && TRUE_WORDS.has(word)) return { value: true };
  if (word !== undefined && FALSE_WORDS.has(word)) return { value: false };
  return { error: `expected true or false, got ${format === 'csv' ? `"${String(raw)}"` : typeOfValue(raw)}` };
}

/** Shapes decoded cells like the schema: camelCase fields, `_zh`/`_en` pairs joined. */
function assemble(columns: readonly Column[], decoded: Map<string, unknown>): Record<string, unknown> {
  const row: Record<string, unknown> = {};
  const pairs = new Map<string, { zh?: unknown; en?: unknown }>();
  for (const { name } of columns) {
    const value = decoded.get(name);
    const localized = LOCALIZED.exec(name);
    if (localized?.[1] && localized[2]) {
      const pair = pairs.get(localized[1]) ?? {};
      pair[localized[2] as 'zh' | 'en'] = value;
      pairs.set(localized[1], pair);
    } else if (value !== undefined) {
      row[camel(name)] = value;
    }
  }
  for (const [base, { zh, en }] of pairs) {
    if (Array.isArray(zh) && Array.isArray(en)) {
      row[camel(base)] = Array.from({ length: Math.max(zh.length, en.length) }, (_, i) => ({ zh: zh[i], en: en[i] }));
    } else if (zh !== undefined || en !== undefined) {
      row[camel(base)] = { zh, en };
    }
  }
  return row;
}

/** Maps a schema issue back to the column it came from: ['reasons', 2, 'en'] → reasons_en, item 3. */
function locateIssue(issue: z.core.$ZodIssue): { column: string; message: string } {
  const [field, ...rest] = issue.path;
  const lang = rest.find((part) => part === 'zh' || part === 'en');
  const item = rest.find((part) => typeof part === 'number');
  const input = 'input' in issue ? issue.input : undefined;
  const what =
    issue.code === 'invalid_type' && input === undefined
      ? 'is required'
      : issue.message + (typeof input === 'string' ? ` (got "${input.slice(0, 60)}")` : '');
  return {
    column: snake(String(field)) + (lang ? `_${String(lang)}` : ''),
    message: item === undefined ? what : `item ${Number(item) + 1}: ${what}`,
  };
}

export interface ParsedRow<T> {
  line: number;
  value: T;
}

export interface ParsedTable<T> {
  file: string;
  format: SourceFormat;
  /** False when the file is missing, unreadable or lacks a required column: references into it cannot be checked. */
  complete: boolean;
  rows: ParsedRow<T>[];
  /** Every `id` cell of valid and invalid rows: a bad company row must not also make its certificates "unknown". */
  ids: Set<string>;
}

/** Checks the CSV header once, so a missing column is one problem rather than one per row. */
function checkHeader(spec: TableSpec, table: RawTable, problems: Problem[]): boolean {
  const { names: header, line } = table.header ?? { names: [], line: 1 };
  const at = (column: string, message: string) => problems.push({ file: table.file, line, column, message });
  const known = new Set(spec.columns.map((c) => c.name));
  header.forEach((name, i) => {
    if (header.indexOf(name) !== i) at(name, 'column appears twice');
    else if (!known.has(name)) at(name || `(column ${i + 1})`, `unknown column; expected ${[...known].join(', ')}`);
  });
  const missing = spec.columns.filter((c) => isRequired(spec.schema, c.name) && !header.includes(c.name));
  for (const column of missing) at(column.name, 'required column is missing');
  return missing.length === 0;
}

function parseRow<S extends z.ZodObject>(
  spec: TableSpec<S>,
  table: RawTable,
  row: RawRow,
  problems: Problem[],
): z.output<S> | undefined {
  /** Columns already reported, as the source names them, so a bad cell is not reported twice. */
  const failed = new Set<string>();
  const fail = (name: string, message: string) => {
    failed.add(name);
    problems.push({ file: table.file, line: row.line, column: name, message });
  };
  const at = (column: string, message: string) => fail(sourceName(column, table.format), message);
  const decoded = new Map<string, unknown>();
  for (const column of spec.columns) {
    const cell = decodeCell(column.kind, row.cells[sourceName(column.name, table.format)], table.format);
    if ('error' in cell) at(column.name, cell.error);
    else decoded.set(column.name, cell.value);
  }
  if (table.format === 'json') {
    const known = new Set(spec.columns.map((c) => sourceName(c.name, 'json')));
    for (const key of Object.keys(row.cells)) {
      if (!known.has(key)) fail(key, known.has(camel(key)) ? `unknown field; JSON fields are camelCase: "${camel(key)}"` : 'unknown field');
    }
  }
  const parsed = spec.schema.safeParse(assemble(spec.columns, decoded), { reportInput: true });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const { column, message } = locateIssue(issue);
      if (!failed.has(sourceName(column, table.format))) at(column, message);
    }
    return undefined;
  }
  if (failed.size > 0) return undefined;
  const broken = spec.check?.(parsed.data) ?? [];
  for (const [column, message] of broken) at(column, message);
  return broken.length ? undefined : parsed.data;
}

/** Reads and validates one table; every bad row adds its problems and is left out. */
export async function readTable<S extends z.ZodObject>(
  dir: string,
  spec: TableSpec<S>,
  problems: Problem[],
  reporter?: Reporter,
): Promise<ParsedTable<z.output<S>>> {
  const located = await locateTable(dir, spec.name, problems);
  const raw = located && (await readRawTable(located.file, located.format, problems));
  if (!raw) return { file: join(dir, spec.name), format: 'csv', complete: false, rows: [], ids: new Set() };
  const ids = new Set(raw.rows.map((row) => row.cells.id).filter((id): id is string => typeof id === 'string'));
  const complete = raw.format === 'json' || checkHeader(spec, raw, problems);
  const parsed: ParsedTable<z.output<S>> = { file: raw.file, format: raw.format, complete, rows: [], ids };
  if (!complete) return parsed;
  const progress = rowProgress(reporter, raw.file, raw.rows.length);
  raw.rows.forEach((row, i) => {
    const value = parseRow(spec, raw, row, problems);
    if (value !== undefined) parsed.rows.push({ line: row.line, value });
    progress.tick(i + 1);
  });
  progress.finish(raw.rows.length - parsed.rows.length);
  return parsed;
}
