import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Company, Snapshot } from '../../lib/registry/schema';
import { buildSnapshotFromSources } from '../../scripts/registry/build';
import { daysBetween, shiftDay, todayAt } from '../../scripts/registry/dates';
import { rowProgress } from '../../scripts/registry/progress';
import { SourceError } from '../../scripts/registry/problems';
import { copyOfDemo, DEMO_SOURCES, editFile } from './helpers';

const AS_OF = '2026-11-24';
const NOW = new Date('2026-11-24T04:00:00Z');

function ownerOf(snapshot: Snapshot, accountId: string): Company | undefined {
  return snapshot.companies.find((c) => c.accounts.some((a) => a.platform === 'demo' && a.accountId === accountId));
}

function certificateOf(snapshot: Snapshot, accountId: string) {
  const company = ownerOf(snapshot, accountId);
  expect(company, accountId).toBeDefined();
  expect(company?.certificates).toHaveLength(1);
  return company!.certificates[0]!;
}

const monthsBefore = (day: string, months: number) => daysBetween(day, AS_OF) > months * 30.4;

describe('building the demo registry', () => {
  it('yields the registry info, grade scale and every account the e2e tests rely on', async () => {
    const snap = await buildSnapshotFromSources(DEMO_SOURCES, { now: NOW });

    expect(snap.registry).toMatchObject({
      id: 'liveseal-demo',
      demo: true,
      name: { zh: 'LiveSeal 演示登记库', en: 'LiveSeal demo registry' },
      homepage: 'https://liveseal.app/demo',
      verifyUrl: 'https://liveseal.app/demo/verify?cert={number}',
      complaintChannels: [{ name: { zh: '全国12315平台', en: 'National 12315 platform' }, url: 'https://www.12315.cn' }],
    });
    expect(snap.registry.reportEndpoint).toBeUndefined();
    expect(snap.gradeScale.map((g) => [g.id, g.label.en])).toEqual([
      ['g1', '★ Qualified'],
      ['g2', '★★ Good'],
      ['g3', '★★★ Excellent'],
    ]);
    expect(new Set(snap.gradeScale.map((g) => g.colour)).size).toBe(3);
    expect(snap.gradeScale.every((g) => g.meaning)).toBe(true);

    const allAccounts = [...snap.companies, ...snap.anchors].flatMap((owner) => owner.accounts);
    // The demo rooms use platform 'demo'; the other platforms' accounts are the fixture anchors of tests/e2e/platforms.e2e.ts.
    expect(allAccounts.filter((a) => a.platform === 'demo').length).toBe(12);
    const accountIds = allAccounts.map((a) => a.accountId);
    expect(accountIds).not.toContain('shop-unlisted');
    expect(accountIds).not.toContain('anchor-new-account');
    expect(snap.companies.every((c) => c.uscc?.length === 18)).toBe(true);
  });

  it('keeps each demo shop in the state its name promises, relative to asOf', async () => {
    const snap = await buildSnapshotFromSources(DEMO_SOURCES, { now: NOW });

    expect(ownerOf(snap, 'shop-excellent')?.name).toBe('星河优选 (演示)');
    expect(ownerOf(snap, 'shop-excellent')?.aliases).toContain('Galaxy Select Demo Co.');
    expect(certificateOf(snap, 'shop-excellent')).toMatchObject({
      grade: 'g3',
      status: 'valid',
      issuedOn: '2025-03-01',
      expiresOn: '2028-02-28',
      audits: ['2026-03-10'],
    });
    for (const [account, grade] of [['shop-good', 'g2'], ['shop-qualified', 'g1']] as const) {
      const cert = certificateOf(snap, account);
      expect(cert).toMatchObject({ grade, status: 'valid' });
      expect(cert.expiresOn > AS_OF).toBe(true);
      expect(cert.audits.some((audit) => !monthsBefore(audit, 12))).toBe(true);
    }
    const expired = certificateOf(snap, 'shop-expired');
    expect(expired).toMatchObject({ status: 'valid', expiresOn: '2026-10-31' });
    expect(expired.expiresOn < AS_OF).toBe(true);

    expect(certificateOf(snap, 'shop-suspended')).toMatchObject({ status: 'suspended', statusSince: '2026-11-02' });
    expect(certificateOf(snap, 'shop-suspended').statusReason?.en).toMatch(/counterfeit/);
    const withdrawn = certificateOf(snap, 'shop-withdrawn');
    expect(withdrawn.status).toBe('withdrawn');
    expect(withdrawn.statusSince).toBeDefined();
    expect(withdrawn.statusReason?.zh).toBeTruthy();

    const overdue = certificateOf(snap, 'shop-audit-overdue');
    expect(overdue).toMatchObject({ status: 'valid', expiresOn: '2027-06-30', audits: ['2025-05-20'] });
    expect(monthsBefore('2025-05-20', 12)).toBe(true);
  });

  it('has the banned anchor, its alias, the virtual anchor and the extra realistic entries', async () => {
    const snap = await buildSnapshotFromSources(DEMO_SOURCES, { now: NOW });

    const banned = snap.blacklist.find((e) => e.accounts.some((a) => a.accountId === 'anchor-banned'));
    expect(banned).toMatchObject({
      kind: 'anchor',
      names: ['王小刀 (演示)'],
      aliases: ['刀哥说好物'],
      measures: ['close-live-function', 'cancel-account'],
      listedOn: '2026-05-01',
      authority: '演示直播行业协会 / Demo Live Commerce Association',
    });
    // One subject across platforms: the demo room's account plus each platform fixture's banned anchor.
    expect(banned?.accounts[0]).toEqual({ platform: 'demo', accountId: 'anchor-banned' });
    expect(new Set(banned?.accounts.map((a) => a.platform)).size).toBe(11);
    expect(banned?.until).toBeUndefined();
    expect(banned?.reference).toBeTruthy();
    expect(banned?.reasons.map((r) => r.en).join(' ')).toMatch(/counterfeit.*sales data/is);

    const virtual = snap.anchors.find((a) => a.accounts.some((acc) => acc.accountId === 'anchor-virtual'));
    expect(virtual?.name).toBe('小星 AI 主播 (演示)');
    expect(virtual?.companyId).toBe(ownerOf(snap, 'shop-excellent')?.id);
    expect(virtual?.accounts).toEqual([expect.objectContaining({ role: 'anchor', virtual: true })]);

    expect(snap.blacklist.map((e) => e.kind)).toEqual(expect.arrayContaining(['agency', 'merchant']));
    expect(snap.blacklist.some((e) => e.until !== undefined && e.until < AS_OF)).toBe(true);
    expect(snap.companies.flatMap((c) => c.certificates).some((c) => c.status === 'cancelled')).toBe(true);
  });

  it('dates the snapshot from now: validityDays by default, --expires-in when given', async () => {
    const byDefault = await buildSnapshotFromSources(DEMO_SOURCES, { now: NOW });
    expect(byDefault).toMatchObject({ version: 1, issuedAt: '2026-11-24T04:00:00Z', expiresAt: '2026-12-24T04:00:00Z' });

    const custom = await buildSnapshotFromSources(DEMO_SOURCES, { now: NOW, expiresIn: '12h', version: 77 });
    expect(custom).toMatchObject({ version: 77, expiresAt: '2026-11-24T16:00:00Z' });
    await expect(buildSnapshotFromSources(DEMO_SOURCES, { expiresIn: '2 weeks' })).rejects.toThrow(/duration/);
    await expect(buildSnapshotFromSources(DEMO_SOURCES, { asOf: '2026-02-30' })).rejects.toThrow(/--as-of/);
  });
});

describe('--as-of', () => {
  const allDates = (snap: Snapshot) => [
    ...snap.companies.flatMap((c) =>
      c.certificates.flatMap((cert) => [cert.issuedOn, cert.expiresOn, ...cert.audits, ...(cert.statusSince ? [cert.statusSince] : [])]),
    ),
    ...snap.blacklist.flatMap((e) => [e.listedOn, ...(e.until ? [e.until] : [])]),
  ];

  it('moves every calendar date by (target − asOf) days and nothing else', async () => {
    const original = await buildSnapshotFromSources(DEMO_SOURCES, { now: NOW });
    const shifted = await buildSnapshotFromSources(DEMO_SOURCES, { now: NOW, asOf: '2027-03-01' });
    const days = daysBetween(AS_OF, '2027-03-01');
    expect(days).toBe(97);
    expect(allDates(shifted)).toEqual(allDates(original).map((day) => shiftDay(day, days)));
    expect(certificateOf(shifted, 'shop-excellent').issuedOn).toBe('2025-06-06');
    expect(certificateOf(shifted, 'shop-suspended').statusSince).toBe(shiftDay('2026-11-02', days));
    // Only dates move: names, grades and timestamps stay.
    expect({ ...shifted, companies: [], blacklist: [] }).toEqual({ ...original, companies: [], blacklist: [] });
    expect(shifted.companies.map((c) => c.name)).toEqual(original.companies.map((c) => c.name));
  });

  it('"today" means today in the registry time zone (+08:00), and lands safely on 29 February', async () => {
    // 20:00 UTC on 28 Feb 2028 is already 29 Feb in China.
    const now = new Date('2028-02-28T20:00:00Z');
    expect(todayAt('+08:00', now)).toBe('2028-02-29');
    const shifted = await buildSnapshotFromSources(DEMO_SOURCES, { now, asOf: 'today' });
    const days = daysBetween(AS_OF, '2028-02-29');
    expect(certificateOf(shifted, 'shop-expired').expiresOn).toBe(shiftDay('2026-10-31', days));
    expect(allDates(shifted).every((day) => !Number.isNaN(Date.parse(day)))).toBe(true);
  });

  it('refuses to move the dates of a real (non-demo) registry', async () => {
    const dir = await copyOfDemo();
    await editFile(join(dir, 'registry.json'), '"demo": true', '"demo": false');
    const error = await buildSnapshotFromSources(dir, { asOf: 'today' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SourceError);
    expect((error as SourceError).problems).toEqual([
      expect.objectContaining({ column: 'registry.demo', message: expect.stringMatching(/only works on demo data/) }),
    ]);
    await expect(buildSnapshotFromSources(dir, { now: NOW })).resolves.toMatchObject({ registry: { demo: false } });
  });

  it('shifts through leap days day by day, never producing 29 February of a common year', () => {
    expect(shiftDay('2028-02-29', 365)).toBe('2029-02-28');
    expect(shiftDay('2024-02-28', 1)).toBe('2024-02-29');
    expect(shiftDay('2025-02-28', 1)).toBe('2025-03-01');
    expect(shiftDay('2028-03-01', -1)).toBe('2028-02-29');
    expect(daysBetween('2028-02-29', '2029-03-01')).toBe(366);
  });
});

describe('progress on stderr', () => {
  it('reports every 10% of a large table, then its total', () => {
    const lines: string[] = [];
    const progress = rowProgress({ log: (line) => lines.push(line), verbose: false }, 'big.csv', 25_000);
    for (let done = 1; done <= 25_000; done++) progress.tick(done);
    progress.finish(3);
    expect(lines).toHaveLength(10);
    expect(lines[0]).toBe('big.csv: 10% (2,500 of 25,000 rows)');
    expect(lines[8]).toBe('big.csv: 90% (22,500 of 25,000 rows)');
    expect(lines[9]).toBe('big.csv: 25,000 rows read, 3 with problems');
  });

  it('stays quiet for the small demo tables unless verbose, then prints only totals', async () => {
    const quiet: string[] = [];
    await buildSnapshotFromSources(DEMO_SOURCES, { now: NOW, reporter: { log: (line) => quiet.push(line), verbose: false } });
    expect(quiet).toEqual([]);
    const verbose: string[] = [];
    await buildSnapshotFromSources(DEMO_SOURCES, { now: NOW, reporter: { log: (line) => verbose.push(line), verbose: true } });
    expect(verbose.map((line) => line.replace(`${DEMO_SOURCES}/`, ''))).toEqual([
      'companies.csv: 9 rows read',
      'certificates.csv: 10 rows read',
      'accounts.csv: 22 rows read',
      'anchors.csv: 4 rows read',
      'blacklist.json: 5 rows read',
    ]);
  });
});
