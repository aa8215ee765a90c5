/**
 * Reads one source table — `<name>.csv` or `<name>.json` — into raw rows that remember their
 * file and line, so every later problem can point at the exact place in the export.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import Papa from 'papaparse';
import { fileExists } from './files';
import type { Problem } from './problems';

export type SourceFormat = 'csv' | 'json';

export interface RawRow {
  line: number;
  /** Cell values keyed as the source names them: CSV header names, JSON field names. */
  cells: Record<string, unknown>;
}

export interface RawTable {
  file: string;
  format: SourceFormat;
  /** The CSV header; absent for JSON, whose rows each name their own fields. */
  header?: { names: string[]; line: number };
  rows: RawRow[];
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Finds `<name>.csv` or `<name>.json` in `dir`; exactly one of them must exist. */
export async function locateTable(
  dir: string,
  name: string,
  problems: Problem[],
): Promise<{ file: string; format: SourceFormat } | undefined> {
  const found = [];
  for (const format of ['csv', 'json'] as const) {
    const file = join(dir, `${name}.${format}`);
    if (await fileExists(file)) found.push({ file, format });
  }
  if (found.length === 1) return found[0];
  const message = found.length ? `both ${name}.csv and ${name}.json exist; keep one` : `missing ${name}.csv or ${name}.json`;
  problems.push({ file: join(dir, name), message });
  return undefined;
}

/** Reads UTF-8 text, dropping the byte-order mark spreadsheet programs put in front. */
export async function readSourceText(file: string, problems: Problem[]): Promise<string | undefined> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(file);
  } catch (e) {
    problems.push({ file, message: `cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` });
    return undefined;
  }
  try {
    return utf8.decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    problems.push({ file, message: 'not UTF-8 text (in Excel choose "CSV UTF-8"; GBK exports are not supported)' });
    return undefined;
  }
}

/** The table's rows, or undefined (with a problem) when the file as a whole cannot be read. */
export async function readRawTable(file: string, format: SourceFormat, problems: Problem[]): Promise<RawTable | undefined> {
  const text = await readSourceText(file, problems);
  if (text === undefined) return undefined;
  return format === 'csv' ? parseCsv(file, text, problems) : parseJsonTable(file, text, problems);
}

/** Counts line breaks incrementally, so finding each row's line stays linear in the file size. */
function lineCounter(text: string) {
  let position = 0;
  let line = 1;
  return (target: number): number => {
    for (; position < target; position++) if (text.charCodeAt(position) === 10) line++;
    return line;
  };
}

export function parseCsv(file: string, text: string, problems: Problem[]): RawTable | undefined {
  const lineAt = lineCounter(text);
  const rows: RawRow[] = [];
  let header: RawTable['header'];
  let rowStart = 0;
  Papa.parse<string[]>(text, {
    delimiter: ',',
    skipEmptyLines: 'greedy',
    step: (result) => {
      // The cursor sits after the row just read; skipped blank lines lie between it and the next row.
      while (rowStart < text.length && /\s/.test(text.charAt(rowStart))) rowStart++;
      const line = lineAt(rowStart);
      rowStart = result.meta.cursor;
      for (const error of result.errors) problems.push({ file, line, message: `CSV: ${error.message}` });
      const cells = result.data.map((cell) => cell.trim());
      if (!header) {
        header = { names: cells, line };
        return;
      }
      if (cells.length !== header.names.length) {
        problems.push({ file, line, message: `row has ${cells.length} cells, the header has ${header.names.length}` });
        return;
      }
      rows.push({ line, cells: Object.fromEntries(header.names.map((name, i) => [name, cells[i]])) });
    },
  });
  if (!header) {
    problems.push({ file, message: 'empty file: the first line must name the columns' });
    return undefined;
  }
  return { file, format: 'csv', header, rows };
}

/** Parses JSON, turning a syntax error into a problem on the line JSON.parse points at (and undefined). */
export function parseJsonText(file: string, text: string, problems: Problem[]): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    const message = (e as Error).message;
    const position = /position (\d+)/.exec(message)?.[1];
    problems.push({ file, line: position ? lineCounter(text)(Number(position)) : undefined, message: `not JSON: ${message}` });
    return undefined;
  }
}

function parseJsonTable(file: string, text: string, problems: Problem[]): RawTable | undefined {
  const data = parseJsonText(file, text, problems);
  if (data === undefined) return undefined;
  if (!Array.isArray(data)) {
    problems.push({ file, message: 'expected a JSON array of objects, one per row' });
    return undefined;
  }
  const lines = arrayElementLines(text);
  const rows: RawRow[] = [];
  data.forEach((element: unknown, i) => {
    const line = lines[i] ?? 1;
    if (typeof element === 'object' && element !== null && !Array.isArray(element)) {
      rows.push({ line, cells: element as Record<string, unknown> });
    } else {
      problems.push({ file, line, message: 'expected an object' });
    }
  });
  return { file, format: 'json', rows };
}

/** The line each element of a top-level JSON array starts on; `text` is known to be valid JSON. */
export function arrayElementLines(text: string): number[] {
  const lines: number[] = [];
  let line = 1;
  let depth = 0;
  let inString = false;
  let expectElement = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0a) line++; // JSON strings cannot hold a raw newline, so this is always a line break
    else if (inString) {
      if (c === 0x5c) i++; // skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c !== 0x20 && c !== 0x09 && c !== 0x0d) {
      if (depth === 1 && expectElement && c !== 0x5d) lines.push(line);
      expectElement = false;
      if (c === 0x22) inString = true;
      else if (c === 0x5b || c === 0x7b) expectElement = ++depth === 1;
      else if (c === 0x5d || c === 0x7d) depth--;
      else if (c === 0x2c) expectElement = depth === 1;
    }
  }
  return lines;
}
