import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildSnapshotFromSources } from '../../scripts/registry/build';
import { formatProblem, SourceError, MAX_REPORTED_PROBLEMS, formatProblems } from '../../scripts/registry/problems';
import { arrayElementLines, parseCsv } from '../../scripts/registry/sources';
import { ACCOUNTS, ANCHORS, BLACKLIST, CERTIFICATES, COMPANIES, fieldOf } from '../../scripts/registry/tables';
import { copyOfDemo, editFile } from './helpers';

/** Builds and returns the problem lines, with paths relative to the source directory. */
async function problemsOf(dir: string): Promise<string[]> {
  const error = await buildSnapshotFromSources(dir).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SourceError);
  return (error as SourceError).problems.map((p) => formatProblem({ ...p, file: p.file.replace(`${dir}/`, '') }));
}

describe('row problems', () => {
  it('reports every bad CSV row as file:line: column: problem', async () => {
    const dir = await copyOfDemo();
    await editFile(join(dir, 'certificates.csv'), ',2023-11-01,2026-10-31,', ',2023-11-01,2026-02-30,');
    await editFile(join(dir, 'certificates.csv'), 'g1,2025-09-01,2028-08-31,2026-08-25,valid', 'g1,2025-09-01,2024-08-31,2026-8-25,valid');
    await editFile(join(dir, 'accounts.csv'), 'shop-audit-overdue,远山农品店 (演示),shop,false', 'shop-audit-overdue,远山农品店 (演示),shopp,maybe');
    await editFile(join(dir, 'companies.csv'), '91440300MA2DEM0923', '9144030');

    expect(await problemsOf(dir)).toEqual([
      'companies.csv:10: uscc: a unified social credit code has 18 characters (got "9144030")',
      'certificates.csv:4: audits: item 1: Invalid ISO date (got "2026-8-25")',
      'certificates.csv:5: expires_on: Invalid ISO date (got "2026-02-30")',
      'accounts.csv:8: virtual: expected true or false, got "maybe"',
      'accounts.csv:8: role: Invalid option: expected one of "shop"|"anchor" (got "shopp")',
    ]);
  });

  it('checks rules between cells once the cells themselves are fine', async () => {
    const dir = await copyOfDemo();
    await editFile(join(dir, 'certificates.csv'), 'g1,2025-09-01,2028-08-31', 'g1,2025-09-01,2024-08-31');
    expect(await problemsOf(dir)).toEqual(['certificates.csv:4: expires_on: is before the issue date (2025-09-01)']);
  });

  it('points at the line a JSON object starts on and names JSON fields in camelCase', async () => {
    const dir = await copyOfDemo();
    await editFile(join(dir, 'blacklist.json'), '"kind": "agency"', '"kind": "agencyy"');
    await editFile(join(dir, 'blacklist.json'), '"reasonsEn": ["Fake original prices (demo)", ', '"reasonsEn": [');
    await editFile(join(dir, 'blacklist.json'), '"until": "2026-08-31"', '"until": "2025-08-31"');
    await editFile(join(dir, 'blacklist.json'), '"accounts": ["demo:anchor-banned", ', '"note": 1, "accounts": ["anchor-banned", ');

    expect(await problemsOf(dir)).toEqual([
      'blacklist.json:2: accounts: "anchor-banned" is not platform:accountId',
      'blacklist.json:2: note: unknown field',
      'blacklist.json:15: kind: Invalid option: expected one of "anchor"|"merchant"|"company"|"agency" (got "agencyy")',
      'blacklist.json:29: reasonsEn: item 2: is required',
      'blacklist.json:42: until: is before the listing date (2025-09-01)',
    ]);
  });

  it('reports a JSON syntax error on its line, and a CSV header missing a required column once', async () => {
    const dir = await copyOfDemo();
    await editFile(join(dir, 'blacklist.json'), '"measures": ["close-live-function", "cancel-account"],', '"measures": ["close-live-function", "cancel-account"],,');
    await editFile(join(dir, 'anchors.csv'), 'id,name,aliases,company_id', 'id,nme,aliases,company_id');
    const problems = await problemsOf(dir);
    expect(problems[0]).toBe('anchors.csv:1: nme: unknown column; expected id, name, aliases, company_id');
    expect(problems[1]).toBe('anchors.csv:1: name: required column is missing');
    expect(problems[2]).toMatch(/^blacklist\.json:10: not JSON: /);
    expect(problems).toHaveLength(3);
  });

  it('needs exactly one file per table', async () => {
    const dir = await copyOfDemo();
    await rm(join(dir, 'anchors.csv'));
    await writeFile(join(dir, 'companies.json'), '[]');
    expect(await problemsOf(dir)).toEqual([
      'companies: both companies.csv and companies.json exist; keep one',
      'anchors: missing anchors.csv or anchors.json',
    ]);
  });

  it('caps the report at 50 problems and says how many more there are', () => {
    const problems = Array.from({ length: 60 }, (_, i) => ({ file: 'a.csv', line: i + 2, column: 'id', message: 'bad' }));
    const lines = formatProblems(problems).split('\n');
    expect(lines).toHaveLength(MAX_REPORTED_PROBLEMS + 1);
    expect(lines.at(-1)).toBe('… and 10 more problem(s)');
  });
});

describe('problems between files', () => {
  it('finds unknown companies, owners and grades, and duplicate ids, with file:line', async () => {
    const dir = await copyOfDemo();
    await editFile(join(dir, 'certificates.csv'), 'demo-old-times,DEMO-LS-2023-0004,', 'demo-old-timez,DEMO-LS-2023-0004,');
    await editFile(join(dir, 'certificates.csv'), 'g1,2025-09-01', 'g9,2025-09-01');
    await editFile(join(dir, 'certificates.csv'), 'DEMO-LS-2025-0010', 'DEMO-LS-2025-0001');
    await editFile(join(dir, 'companies.csv'), '91440300MA2DEM0923\n', '91440300MA2DEM0923\ndemo-galaxy-select,星河优选二号 (演示),,\n');
    await editFile(join(dir, 'accounts.csv'), 'demo-anchor-ajie,demo,anchor-ajie', 'demo-anchor-nobody,demo,anchor-ajie');
    await editFile(join(dir, 'accounts.csv'), 'demo,shop-sea-breeze,', 'demo,shop-good,');
    await editFile(join(dir, 'anchors.csv'), 'demo-anchor-ajie,阿杰 (演示),A-Jie (Demo),demo-sea-breeze', 'demo-far-hills,阿杰 (演示),A-Jie (Demo),demo-nowhere');
    await editFile(join(dir, 'blacklist.json'), '"id": "demo-bl-0004"', '"id": "demo-bl-0001"');

    expect(await problemsOf(dir)).toEqual([
      'companies.csv:11: id: duplicate id "demo-galaxy-select" (first on line 2)',
      'certificates.csv:4: grade: grade "g9" is not in the gradeScale of registry.json (g1, g2, g3)',
      'certificates.csv:5: company_id: no company with id "demo-old-timez" in companies.csv',
      'certificates.csv:11: number: duplicate certificate number "DEMO-LS-2025-0001" (first on line 2)',
      'accounts.csv:9: account_id: duplicate account "demo:shop-good" (first on line 3)',
      'accounts.csv:12: owner_id: no company or anchor with id "demo-anchor-nobody"',
      'anchors.csv:4: id: "demo-far-hills" is also a company id, so an account\'s owner_id would be ambiguous',
      'anchors.csv:4: company_id: no company with id "demo-nowhere" in companies.csv',
      'blacklist.json:42: id: duplicate id "demo-bl-0001" (first on line 2)',
    ]);
  });

  it('checks registry.json: grade scale, version and asOf when --as-of needs it', async () => {
    const dir = await copyOfDemo();
    await editFile(join(dir, 'registry.json'), '"id": "g2"', '"id": "g1"');
    await editFile(join(dir, 'registry.json'), '"version": 1,', '');
    await editFile(join(dir, 'registry.json'), ',\n  "asOf": "2026-11-24"', '');
    const error = (await buildSnapshotFromSources(dir, { asOf: 'today' }).catch((e: unknown) => e)) as SourceError;
    const lines = error.problems.map((p) => `${p.file.replace(`${dir}/`, '')}: ${p.column}: ${p.message}`);
    expect(lines.slice(0, 3)).toEqual([
      'registry.json: gradeScale.1.id: grade "g1" appears twice',
      'registry.json: asOf: is required for --as-of: the day the source dates describe',
      'registry.json: version: is required (or pass --version)',
    ]);
    // With g2 gone from the scale, each g2 certificate is reported too.
    expect(lines.slice(3)).toHaveLength(5);
    expect(lines.slice(3).every((line) => line.startsWith('certificates.csv: grade: grade "g2" is not in the gradeScale'))).toBe(true);
  });
});

describe('source readers', () => {
  it('gives each CSV row the line it starts on, across quoted line breaks, blank lines and CRLF', () => {
    const problems: never[] = [];
    const table = parseCsv('t.csv', 'id,name\r\na,"two\r\nlines"\r\n\r\nb,x\r\n"c",y', problems);
    expect(table?.rows.map((r) => [r.line, r.cells.id, r.cells.name])).toEqual([
      [2, 'a', 'two\r\nlines'],
      [5, 'b', 'x'],
      [6, 'c', 'y'],
    ]);
    expect(problems).toEqual([]);
  });

  it('finds the line of each top-level JSON array element, ignoring brackets inside strings', () => {
    const text = '[\n  {"a": "[{,\\"}"},\n  {"b": [1,\n 2]}, {"c": 3}\n]';
    expect(arrayElementLines(text)).toEqual([2, 3, 4]);
    expect(arrayElementLines('[]')).toEqual([]);
  });

  it('declares, for every table, a column for every schema field and nothing else', () => {
    for (const table of [COMPANIES, CERTIFICATES, ACCOUNTS, ANCHORS, BLACKLIST]) {
      const fields = new Set(table.columns.map((c) => fieldOf(c.name)));
      expect([...fields].sort(), table.name).toEqual(Object.keys(table.schema.shape).sort());
    }
  });
});
