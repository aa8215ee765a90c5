import { afterEach, describe, expect, it, vi } from 'vitest';
import type { z } from 'zod';
import { PageIdentity, type PageIdentityInput } from '../../lib/identity';
import { Anchor, BlacklistEntry, Certificate, Company, RegistryInfo } from '../../lib/registry/schema';
import { computeVerdict, toneOf, type VerdictInput } from '../../lib/verdict';
import { confidenceOf, type ResemblingName } from '../../lib/verdict/compute';
import { Verdict, VERDICT_PRECEDENCE, type DismissedMatch, type ReasonCode, type RegistryHeader, type VerdictStatus } from '../../lib/verdict/types';

// ── fixtures: one factory per registry record, each valid through its zod schema ──────────────

const SHOP = 'shop-1';
const ANCHOR = 'anchor-1';
const GRADE = { id: 'g1', label: { zh: '一级', en: 'Grade 1' }, colour: '#067647' };

/** A Beijing wall-clock time; the registry's dates are Beijing days. */
const beijing = (day: string, time = '12:00:00') => new Date(`${day}T${time}+08:00`);
/** Default "now": comfortably inside every default validity window. */
const TODAY = beijing('2027-01-15');

const account = (
  accountId: string,
  more: { platform?: string; virtual?: boolean; displayName?: string; virtualDisclosed?: boolean; notForMinors?: boolean } = {},
) => ({
  platform: 'demo',
  accountId,
  role: accountId === SHOP ? ('shop' as const) : ('anchor' as const),
  ...more,
});

/** Valid 2025-03-01 … 2027-02-28, last audited 2026-03-15 (next due 2027-03-15). */
const cert = (over: Partial<z.input<typeof Certificate>> = {}) =>
  Certificate.parse({
    number: 'CERT-1',
    scheme: 'SITI 1001-2021',
    issuer: 'Test Cert',
    grade: GRADE.id,
    issuedOn: '2025-03-01',
    expiresOn: '2027-02-28',
    audits: ['2026-03-15'],
    status: 'valid',
    ...over,
  });

/** The shop's own company, found through the page's shop account. */
const company = (over: Partial<z.input<typeof Company>> = {}) =>
  Company.parse({ id: 'c1', name: 'Honest Shop Co.', certificates: [cert()], accounts: [account(SHOP)], ...over });

const shopWith = (certificate: Partial<z.input<typeof Certificate>>) => company({ certificates: [cert(certificate)] });

/** An MCN with no account of its own: found only through the anchor who streams for it. */
const mcn = (certificate: Partial<z.input<typeof Certificate>> = {}) =>
  company({ id: 'c2', name: 'Star MCN', accounts: [], certificates: [cert({ number: 'CERT-2', ...certificate })] });

const anchor = (over: Partial<z.input<typeof Anchor>> = {}) =>
  Anchor.parse({ id: 'a1', name: 'Host', companyId: 'c2', accounts: [account(ANCHOR)], ...over });

const listed = (over: Partial<z.input<typeof BlacklistEntry>> = {}) =>
  BlacklistEntry.parse({
    id: 'b1',
    kind: 'anchor',
    names: ['刀哥说好物'],
    aliases: ['Bobcat Deals'],
    reasons: [{ zh: '售假', en: 'counterfeits' }],
    measures: ['close-live-function'],
    listedOn: '2026-05-01',
    authority: 'Test Association',
    ...over,
  });

const listedAccount = (over: Partial<z.input<typeof BlacklistEntry>> = {}) =>
  listed({ accounts: [{ platform: 'demo', accountId: ANCHOR }], ...over });

/** A hit of the resemblance index, as the background passes it in. */
const resembles = (
  entry: BlacklistEntry,
  pageName: string,
  score: number,
  more: Partial<Omit<ResemblingName, 'entry' | 'pageName' | 'score'>> = {},
): ResemblingName => ({ entry, listedName: entry.names[0]!, pageName, pageRole: 'anchor', score, ...more });
const DISGUISED = '✨【官方】刀哥說好物2號✨';
const dismissal = (over: Partial<DismissedMatch> = {}): DismissedMatch => ({ platform: 'demo', accountId: ANCHOR, entryId: 'b1', ...over });

const header = (over: { info?: Partial<z.input<typeof RegistryInfo>>; expiresAt?: string } = {}): RegistryHeader => ({
  info: RegistryInfo.parse({
    id: 'test-registry',
    name: { zh: '测试登记库', en: 'Test registry' },
    operator: 'Test Certification Body',
    homepage: 'https://registry.example/',
    ...over.info,
  }),
  version: 7,
  issuedAt: '2026-12-01T00:00:00Z',
  expiresAt: over.expiresAt ?? '2028-01-01T00:00:00Z',
  gradeScale: [GRADE],
});

/** The page shows both a shop and an anchor account, with harmless names. */
const page = (over: Partial<PageIdentityInput> = {}) =>
  PageIdentity.parse({
    platform: 'demo',
    live: true,
    accounts: [
      { accountId: SHOP, role: 'shop' },
      { accountId: ANCHOR, role: 'anchor' },
    ],
    anchorName: 'Some Host',
    shopName: 'Some Shop',
    ...over,
  });

const input = (over: Partial<VerdictInput> = {}): VerdictInput => ({
  identity: page(),
  registry: header(),
  companies: [],
  anchors: [],
  blacklist: [],
  now: TODAY,
  ...over,
});

/** Every verdict produced here must conform to the Verdict schema, with nothing stripped. */
function verdictOf(over: Partial<VerdictInput> = {}): Verdict {
  const verdict = computeVerdict(input(over));
  expect(Verdict.parse(verdict)).toEqual(verdict);
  return verdict;
}

// ── the table ────────────────────────────────────────────────────────────────────────────────

interface Row extends Partial<VerdictInput> {
  rule: string;
  status: VerdictStatus;
  reasons: ReasonCode[];
  /** Id of the company the verdict names, if any. */
  company?: string;
}

const STALE_AT = '2027-01-15T04:00:00Z'; // noon in Beijing on TODAY

const rows: Row[] = [
  // registry
  { rule: 'no registry', registry: null, companies: [company()], status: 'no-registry', reasons: ['registry-missing'] },
  { rule: 'nothing matched', status: 'not-listed', reasons: ['not-listed'] },

  // finding the company: by account only
  {
    rule: 'shop account of a certified company',
    companies: [company()],
    status: 'certified',
    reasons: ['certified'],
    company: 'c1',
  },
  {
    rule: 'anchor account leads to the MCN the anchor streams for',
    companies: [mcn()],
    anchors: [anchor()],
    status: 'certified',
    reasons: ['certified'],
    company: 'c2',
  },
  {
    rule: 'anchor linked to a company that is not a candidate',
    companies: [mcn()],
    anchors: [anchor({ companyId: 'c9' })],
    status: 'not-listed',
    reasons: ['not-listed'],
  },
  {
    rule: 'anchor without a company',
    anchors: [anchor({ companyId: undefined })],
    status: 'not-listed',
    reasons: ['not-listed'],
  },
  {
    rule: 'page named after a certified company, without its account, gets no mark',
    identity: page({ accounts: [{ accountId: 'impostor', role: 'shop' }], shopName: 'Honest Shop Co.', companyName: '诚信 小店' }),
    companies: [company({ aliases: ['诚信小店'] })],
    status: 'not-listed',
    reasons: ['not-listed'],
  },
  {
    rule: 'same account id on another platform is another account',
    companies: [company({ accounts: [account(SHOP, { platform: 'taobao' })] })],
    status: 'not-listed',
    reasons: ['not-listed'],
  },
  {
    rule: 'company without certificates is named but not certified',
    companies: [company({ certificates: [] })],
    status: 'not-listed',
    reasons: ['not-listed'],
    company: 'c1',
  },

  // certificate status
  {
    rule: 'withdrawn certificate',
    companies: [shopWith({ status: 'withdrawn' })],
    status: 'withdrawn',
    reasons: ['certificate-status'],
    company: 'c1',
  },
  {
    rule: 'cancelled certificate counts as withdrawn',
    companies: [shopWith({ status: 'cancelled' })],
    status: 'withdrawn',
    reasons: ['certificate-status'],
    company: 'c1',
  },
  {
    rule: 'suspended certificate',
    companies: [shopWith({ status: 'suspended' })],
    status: 'suspended',
    reasons: ['certificate-status'],
    company: 'c1',
  },
  {
    rule: 'status expired before expiresOn',
    companies: [shopWith({ status: 'expired' })],
    status: 'expired',
    reasons: ['certificate-expired'],
    company: 'c1',
  },

  // expiry day, in the registry's time zone
  {
    rule: 'expiry day, last second in Beijing: still valid',
    now: new Date('2027-02-28T15:59:59Z'),
    companies: [company()],
    status: 'certified',
    reasons: ['certified'],
    company: 'c1',
  },
  {
    rule: 'day after expiry in Beijing (still 02-28 in UTC)',
    now: new Date('2027-02-28T16:00:00Z'),
    companies: [company()],
    status: 'expired',
    reasons: ['certificate-expired'],
    company: 'c1',
  },
  {
    rule: 'expiry day in a -05:00 registry (already 03-01 in UTC)',
    registry: header({ info: { utcOffset: '-05:00' } }),
    now: new Date('2027-03-01T04:59:59Z'),
    companies: [company()],
    status: 'certified',
    reasons: ['certified'],
    company: 'c1',
  },
  {
    rule: 'day after expiry in a -05:00 registry',
    registry: header({ info: { utcOffset: '-05:00' } }),
    now: new Date('2027-03-01T05:00:00Z'),
    companies: [company()],
    status: 'expired',
    reasons: ['certificate-expired'],
    company: 'c1',
  },

  // 12-month surveillance audit
  {
    rule: 'audit due day itself',
    now: beijing('2027-02-10'),
    companies: [shopWith({ audits: ['2026-02-10'], expiresOn: '2029-12-31' })],
    status: 'certified',
    reasons: ['certified'],
    company: 'c1',
  },
  {
    rule: 'day after the audit was due',
    now: beijing('2027-02-11'),
    companies: [shopWith({ audits: ['2026-02-10'], expiresOn: '2029-12-31' })],
    status: 'audit-overdue',
    reasons: ['audit-overdue'],
    company: 'c1',
  },
  {
    rule: 'audit due day ends at Beijing midnight',
    now: new Date('2027-02-10T16:00:00Z'),
    companies: [shopWith({ audits: ['2026-02-10'], expiresOn: '2029-12-31' })],
    status: 'audit-overdue',
    reasons: ['audit-overdue'],
    company: 'c1',
  },
  {
    rule: 'audit on Feb 29: due Feb 28 next year',
    now: beijing('2025-02-28'),
    companies: [shopWith({ issuedOn: '2023-06-01', audits: ['2024-02-29'], expiresOn: '2026-05-31' })],
    status: 'certified',
    reasons: ['certified'],
    company: 'c1',
  },
  {
    rule: 'audit on Feb 29: overdue on Mar 1 next year',
    now: beijing('2025-03-01'),
    companies: [shopWith({ issuedOn: '2023-06-01', audits: ['2024-02-29'], expiresOn: '2026-05-31' })],
    status: 'audit-overdue',
    reasons: ['audit-overdue'],
    company: 'c1',
  },
  {
    rule: 'no audit yet: the issue date starts the clock',
    now: beijing('2027-01-11'),
    companies: [shopWith({ issuedOn: '2026-01-10', audits: [], expiresOn: '2029-01-09' })],
    status: 'audit-overdue',
    reasons: ['audit-overdue'],
    company: 'c1',
  },
  {
    rule: 'audits in any order: the latest counts',
    now: beijing('2027-05-15'),
    companies: [shopWith({ audits: ['2026-06-01', '2025-05-01'], expiresOn: '2029-12-31' })],
    status: 'certified',
    reasons: ['certified'],
    company: 'c1',
  },
  {
    rule: 'expired and audit overdue: expired',
    now: beijing('2027-04-01'),
    companies: [company()],
    status: 'expired',
    reasons: ['certificate-expired'],
    company: 'c1',
  },

  // several certificates
  {
    rule: 'latest issuedOn wins over an older withdrawn one',
    companies: [company({ certificates: [cert({ number: 'OLD', issuedOn: '2022-01-01', status: 'withdrawn' }), cert()] })],
    status: 'certified',
    reasons: ['certified'],
    company: 'c1',
  },
  {
    rule: 'latest issuedOn wins over an older valid one',
    companies: [company({ certificates: [cert({ number: 'NEW', issuedOn: '2026-06-01', status: 'suspended' }), cert()] })],
    status: 'suspended',
    reasons: ['certificate-status'],
    company: 'c1',
  },
  {
    rule: 'same issue date: the worse certificate',
    companies: [company({ certificates: [cert(), cert({ number: 'TWIN', status: 'suspended' })] })],
    status: 'suspended',
    reasons: ['certificate-status'],
    company: 'c1',
  },

  // blacklist: exact account, and when a listing is active
  { rule: 'blacklisted account', blacklist: [listedAccount()], status: 'blacklisted', reasons: ['blacklisted-account'] },
  {
    rule: 'listed account id on another platform',
    blacklist: [listed({ accounts: [{ platform: 'taobao', accountId: ANCHOR }] })],
    status: 'not-listed',
    reasons: ['not-listed'],
  },
  {
    rule: 'listedOn in the future: not yet active',
    blacklist: [listedAccount({ listedOn: '2027-01-16' })],
    status: 'not-listed',
    reasons: ['not-listed'],
  },
  {
    rule: 'listedOn today: active',
    blacklist: [listedAccount({ listedOn: '2027-01-15' })],
    status: 'blacklisted',
    reasons: ['blacklisted-account'],
  },
  {
    rule: 'until in the past: lapsed',
    blacklist: [listedAccount({ until: '2027-01-14' })],
    status: 'not-listed',
    reasons: ['not-listed'],
  },
  {
    rule: 'until today: still active',
    blacklist: [listedAccount({ until: '2027-01-15' })],
    status: 'blacklisted',
    reasons: ['blacklisted-account'],
  },
  {
    rule: 'until ends at Beijing midnight',
    now: new Date('2027-01-15T16:00:00Z'),
    blacklist: [listedAccount({ until: '2027-01-15' })],
    status: 'not-listed',
    reasons: ['not-listed'],
  },

  // blacklist: names, a possible match only
  {
    rule: 'anchor name equals a listed name after normalisation',
    identity: page({ anchorName: '刀哥 说好物！' }),
    blacklist: [listed()],
    status: 'possible-blacklist',
    reasons: ['blacklisted-name'],
  },
  {
    rule: 'shop name equals a listed alias',
    identity: page({ shopName: 'ＢＯＢＣＡＴ deals!' }),
    blacklist: [listed()],
    status: 'possible-blacklist',
    reasons: ['blacklisted-name'],
  },
  {
    rule: 'company name equals a listed agency',
    identity: page({ companyName: '黑心 传媒' }),
    blacklist: [listed({ kind: 'agency', names: ['黑心传媒'] })],
    status: 'possible-blacklist',
    reasons: ['blacklisted-name'],
  },
  {
    rule: 'one-character names are too vague to match',
    identity: page({ anchorName: '刀！' }),
    blacklist: [listed({ names: ['刀'] })],
    status: 'not-listed',
    reasons: ['not-listed'],
  },
  {
    rule: 'lapsed listing does not match by name either',
    identity: page({ anchorName: '刀哥说好物' }),
    blacklist: [listed({ until: '2026-12-31' })],
    status: 'not-listed',
    reasons: ['not-listed'],
  },
  {
    rule: 'entry matched by account is not matched again by name',
    identity: page({ anchorName: '刀哥说好物' }),
    blacklist: [listedAccount()],
    status: 'blacklisted',
    reasons: ['blacklisted-account'],
  },
  {
    rule: 'one entry by account, another by name',
    identity: page({ anchorName: '刀哥说好物' }),
    blacklist: [listed({ id: 'b2', names: ['Other'], aliases: [], accounts: [{ platform: 'demo', accountId: SHOP }] }), listed()],
    status: 'blacklisted',
    reasons: ['blacklisted-account', 'blacklisted-name'],
  },

  // blacklist: resembling names (the index's hits), a possible match only
  {
    rule: 'anchor name resembles a listed name',
    identity: page({ anchorName: DISGUISED }),
    resembling: [resembles(listed(), DISGUISED, 0.92)],
    status: 'possible-blacklist',
    reasons: ['resembles-blacklisted'],
  },
  {
    rule: 'shop name resembles a listed alias',
    identity: page({ shopName: 'Bobcat Deals Official 2' }),
    resembling: [resembles(listed(), 'Bobcat Deals Official 2', 1, { pageRole: 'shop', listedName: 'Bobcat Deals' })],
    status: 'possible-blacklist',
    reasons: ['resembles-blacklisted'],
  },
  {
    rule: 'a resemblance below the threshold does not warn',
    identity: page({ anchorName: DISGUISED }),
    resembling: [resembles(listed(), DISGUISED, 0.69)],
    status: 'not-listed',
    reasons: ['not-listed'],
  },
  {
    rule: 'a short page name never warns, whatever the score',
    identity: page({ anchorName: '刀哥' }),
    resembling: [resembles(listed(), '刀哥', 1)],
    status: 'not-listed',
    reasons: ['not-listed'],
  },
  {
    rule: 'a generic listed name never warns, whatever the score',
    identity: page({ anchorName: '好物分享官方' }),
    resembling: [resembles(listed({ names: ['好物分享'] }), '好物分享官方', 1)],
    status: 'not-listed',
    reasons: ['not-listed'],
  },
  {
    rule: 'resembling a lapsed listing does not warn',
    identity: page({ anchorName: DISGUISED }),
    resembling: [resembles(listed({ until: '2026-12-31' }), DISGUISED, 0.92)],
    status: 'not-listed',
    reasons: ['not-listed'],
  },
  {
    rule: 'an entry matched by account is not matched again by resemblance',
    identity: page({ anchorName: DISGUISED }),
    blacklist: [listedAccount()],
    resembling: [resembles(listedAccount(), DISGUISED, 0.92)],
    status: 'blacklisted',
    reasons: ['blacklisted-account'],
  },
  {
    rule: 'an entry matched by exact name is not matched again by resemblance',
    identity: page({ anchorName: '刀哥说好物' }),
    blacklist: [listed()],
    resembling: [resembles(listed(), '刀哥说好物', 1)],
    status: 'possible-blacklist',
    reasons: ['blacklisted-name'],
  },
  {
    rule: 'an exact name match comes before a resemblance to another listing',
    identity: page({ anchorName: '刀哥说好物', shopName: 'Bobcat Dealz' }),
    blacklist: [listed({ aliases: [] })],
    resembling: [resembles(listed({ id: 'b2', names: ['Bobcat Deals'] }), 'Bobcat Dealz', 0.8, { pageRole: 'shop' })],
    status: 'possible-blacklist',
    reasons: ['blacklisted-name', 'resembles-blacklisted'],
  },
  {
    rule: 'dismissed by the viewer for this account: no warning',
    identity: page({ anchorName: DISGUISED }),
    resembling: [resembles(listed(), DISGUISED, 0.92)],
    dismissed: [dismissal()],
    status: 'not-listed',
    reasons: ['not-listed'],
  },
  {
    rule: 'dismissed for another account: still warns',
    identity: page({ anchorName: DISGUISED }),
    resembling: [resembles(listed(), DISGUISED, 0.92)],
    dismissed: [dismissal({ accountId: SHOP }), dismissal({ platform: 'douyin' }), dismissal({ entryId: 'b9' })],
    status: 'possible-blacklist',
    reasons: ['resembles-blacklisted'],
  },

  // virtual anchors
  {
    rule: 'virtual anchor of a certified MCN',
    companies: [mcn()],
    anchors: [anchor({ accounts: [account(ANCHOR, { virtual: true })] })],
    status: 'certified',
    reasons: ['certified', 'virtual-anchor'],
    company: 'c2',
  },
  {
    rule: 'virtual account held by the company itself',
    companies: [company({ accounts: [account(SHOP), account(ANCHOR, { virtual: true })] })],
    status: 'certified',
    reasons: ['certified', 'virtual-anchor'],
    company: 'c1',
  },
  {
    rule: 'virtual anchor without a company',
    anchors: [anchor({ companyId: undefined, accounts: [account(ANCHOR, { virtual: true })] })],
    status: 'not-listed',
    reasons: ['not-listed', 'virtual-anchor'],
  },
  {
    rule: 'virtual anchor the registry knows the stream does not disclose, whose streams are not for minors',
    anchors: [anchor({ companyId: undefined, accounts: [account(ANCHOR, { virtual: true, virtualDisclosed: false, notForMinors: true })] })],
    status: 'not-listed',
    reasons: ['not-listed', 'virtual-anchor', 'not-for-minors'],
  },
  {
    rule: 'a candidate’s virtual account the page does not show',
    companies: [company({ accounts: [account(SHOP), account('anchor-2', { virtual: true })] })],
    status: 'certified',
    reasons: ['certified'],
    company: 'c1',
  },

  // precedence, each adjacent pair (reasons most severe first)
  {
    rule: 'blacklisted > withdrawn',
    companies: [shopWith({ status: 'withdrawn' })],
    blacklist: [listedAccount()],
    status: 'blacklisted',
    reasons: ['blacklisted-account', 'certificate-status'],
    company: 'c1',
  },
  {
    rule: 'withdrawn > suspended (shop vs MCN)',
    companies: [mcn({ status: 'suspended' }), shopWith({ status: 'withdrawn' })],
    anchors: [anchor()],
    status: 'withdrawn',
    reasons: ['certificate-status'],
    company: 'c1',
  },
  {
    rule: 'withdrawn > suspended (same issue date)',
    companies: [company({ certificates: [cert({ status: 'suspended' }), cert({ number: 'TWIN', status: 'withdrawn' })] })],
    status: 'withdrawn',
    reasons: ['certificate-status'],
    company: 'c1',
  },
  {
    rule: 'suspended > possible-blacklist',
    identity: page({ anchorName: '刀哥说好物' }),
    companies: [shopWith({ status: 'suspended' })],
    blacklist: [listed()],
    status: 'suspended',
    reasons: ['certificate-status', 'blacklisted-name'],
    company: 'c1',
  },
  {
    rule: 'possible-blacklist > expired',
    identity: page({ anchorName: '刀哥说好物' }),
    companies: [shopWith({ status: 'expired' })],
    blacklist: [listed()],
    status: 'possible-blacklist',
    reasons: ['blacklisted-name', 'certificate-expired'],
    company: 'c1',
  },
  {
    rule: 'withdrawn > resembling name',
    identity: page({ anchorName: DISGUISED }),
    companies: [shopWith({ status: 'withdrawn' })],
    resembling: [resembles(listed(), DISGUISED, 0.92)],
    status: 'withdrawn',
    reasons: ['certificate-status', 'resembles-blacklisted'],
    company: 'c1',
  },
  {
    rule: 'resembling name > expired',
    identity: page({ anchorName: DISGUISED }),
    companies: [shopWith({ status: 'expired' })],
    resembling: [resembles(listed(), DISGUISED, 0.72)],
    status: 'possible-blacklist',
    reasons: ['resembles-blacklisted', 'certificate-expired'],
    company: 'c1',
  },
  {
    rule: 'resembling name > audit-overdue',
    identity: page({ anchorName: DISGUISED }),
    companies: [shopWith({ audits: [] })],
    resembling: [resembles(listed(), DISGUISED, 0.72)],
    status: 'possible-blacklist',
    reasons: ['resembles-blacklisted', 'audit-overdue'],
    company: 'c1',
  },
  {
    rule: 'resembling name > certified',
    identity: page({ anchorName: DISGUISED }),
    companies: [company()],
    resembling: [resembles(listed(), DISGUISED, 0.72)],
    status: 'possible-blacklist',
    reasons: ['resembles-blacklisted', 'certified'],
    company: 'c1',
  },
  {
    rule: 'expired > audit-overdue (MCN vs shop)',
    now: beijing('2027-02-11'),
    companies: [shopWith({ audits: ['2026-02-10'], expiresOn: '2029-12-31' }), mcn({ expiresOn: '2027-02-10' })],
    anchors: [anchor()],
    status: 'expired',
    reasons: ['certificate-expired'],
    company: 'c2',
  },
  {
    rule: 'audit-overdue > certified (shop vs MCN)',
    now: beijing('2027-02-11'),
    companies: [mcn(), shopWith({ audits: ['2026-02-10'], expiresOn: '2029-12-31' })],
    anchors: [anchor()],
    status: 'audit-overdue',
    reasons: ['audit-overdue'],
    company: 'c1',
  },
  {
    rule: 'certified > unconfirmed: fresh registry vouches',
    now: new Date(Date.parse(STALE_AT) - 1),
    registry: header({ expiresAt: STALE_AT }),
    companies: [company()],
    status: 'certified',
    reasons: ['certified'],
    company: 'c1',
  },
  {
    rule: 'unconfirmed > not-listed: stale from the expiry instant on',
    registry: header({ expiresAt: STALE_AT }),
    companies: [company()],
    status: 'unconfirmed',
    reasons: ['certified', 'registry-stale'],
    company: 'c1',
  },
  {
    rule: 'certified > not-listed (MCN certified, shop company without certificate)',
    companies: [company({ certificates: [] }), mcn()],
    anchors: [anchor()],
    status: 'certified',
    reasons: ['certified'],
    company: 'c2',
  },

  // stale and demo registries keep their warnings
  {
    rule: 'stale registry keeps blacklisted',
    registry: header({ expiresAt: STALE_AT }),
    blacklist: [listedAccount()],
    status: 'blacklisted',
    reasons: ['blacklisted-account', 'registry-stale'],
  },
  {
    rule: 'stale registry keeps expired',
    now: beijing('2027-04-01'),
    registry: header({ expiresAt: STALE_AT }),
    companies: [company()],
    status: 'expired',
    reasons: ['certificate-expired', 'registry-stale'],
    company: 'c1',
  },
  {
    rule: 'stale registry, nothing matched',
    registry: header({ expiresAt: STALE_AT }),
    status: 'not-listed',
    reasons: ['not-listed', 'registry-stale'],
  },
  {
    rule: 'demo registry',
    registry: header({ info: { demo: true } }),
    companies: [company()],
    status: 'certified',
    reasons: ['certified', 'demo-registry'],
    company: 'c1',
  },
  {
    rule: 'stale demo registry: demo reason last',
    registry: header({ info: { demo: true }, expiresAt: STALE_AT }),
    companies: [company()],
    blacklist: [listedAccount()],
    status: 'blacklisted',
    reasons: ['blacklisted-account', 'certified', 'registry-stale', 'demo-registry'],
    company: 'c1',
  },
];

describe('computeVerdict', () => {
  it.each(rows)('$rule → $status', ({ rule: _, status, reasons, company: companyId, ...over }) => {
    const verdict = verdictOf(over);
    expect(verdict.status).toBe(status);
    expect(verdict.reasons.map((r) => r.code)).toEqual(reasons);
    expect(verdict.company?.id).toBe(companyId);
  });

  it('describes a certified company in full', () => {
    expect(verdictOf({ companies: [company()] })).toEqual({
      status: 'certified',
      company: { id: 'c1', name: 'Honest Shop Co.' },
      certificate: {
        number: 'CERT-1',
        scheme: 'SITI 1001-2021',
        issuer: 'Test Cert',
        status: 'valid',
        grade: GRADE,
        issuedOn: '2025-03-01',
        expiresOn: '2027-02-28',
      },
      reasons: [{ code: 'certified', certificateNumber: 'CERT-1', gradeId: 'g1', expiresOn: '2027-02-28' }],
      registry: {
        id: 'test-registry',
        name: { zh: '测试登记库', en: 'Test registry' },
        version: 7,
        issuedAt: '2026-12-01T00:00:00Z',
        expiresAt: '2028-01-01T00:00:00Z',
        demo: false,
        stale: false,
      },
    });
  });

  it('leaves the grade out when the scale does not define it', () => {
    expect(verdictOf({ companies: [shopWith({ grade: 'g9' })] }).certificate?.grade).toBeUndefined();
  });

  it('gives the listing behind an exact blacklist match', () => {
    const entry = listedAccount({ until: '2031-04-30', reference: '2026-017' });
    expect(verdictOf({ blacklist: [entry] }).reasons).toEqual([
      {
        code: 'blacklisted-account',
        entryId: 'b1',
        kind: 'anchor',
        listedName: '刀哥说好物',
        reasons: [{ zh: '售假', en: 'counterfeits' }],
        measures: ['close-live-function'],
        authority: 'Test Association',
        listedOn: '2026-05-01',
        until: '2031-04-30',
        reference: '2026-017',
        platform: 'demo',
        accountId: ANCHOR,
      },
    ]);
  });

  it('names both the page’s raw name and the listed alias behind a possible match', () => {
    const [reason] = verdictOf({ identity: page({ shopName: 'ＢＯＢＣＡＴ deals!' }), blacklist: [listed()] }).reasons;
    expect(reason).toMatchObject({ code: 'blacklisted-name', pageName: 'ＢＯＢＣＡＴ deals!', listedName: 'Bobcat Deals' });
  });

  it.each(['Bob Deals', '阿杰', '好物分享'])('never warns on a short or generic listed name (%s), however exact the match', (name) => {
    const entry = listed({ names: ['Long Distinctive Listed Name'], aliases: [name], accounts: [] });
    expect(verdictOf({ identity: page({ shopName: name, anchorName: name }), blacklist: [entry] }).status).toBe('not-listed');
  });

  it('carries the status date and reason of a suspended certificate', () => {
    const statusReason = { zh: '监督审核未通过', en: 'failed surveillance audit' };
    const shop = shopWith({ status: 'suspended', statusSince: '2026-11-02', statusReason });
    expect(verdictOf({ companies: [shop] }).reasons).toEqual([
      { code: 'certificate-status', status: 'suspended', certificateNumber: 'CERT-1', since: '2026-11-02', statusReason },
    ]);
  });

  it('tells when the audit was held and when it fell due', () => {
    const shop = shopWith({ issuedOn: '2023-06-01', audits: ['2024-02-29'], expiresOn: '2026-05-31' });
    const [reason] = verdictOf({ now: beijing('2025-03-01'), companies: [shop] }).reasons;
    expect(reason).toEqual({ code: 'audit-overdue', certificateNumber: 'CERT-1', lastAudit: '2024-02-29', dueOn: '2025-02-28' });
  });

  it('tells the expiry day and when the registry went stale', () => {
    const verdict = verdictOf({ now: beijing('2027-04-01'), registry: header({ expiresAt: STALE_AT }), companies: [company()] });
    expect(verdict.reasons).toEqual([
      { code: 'certificate-expired', certificateNumber: 'CERT-1', expiredOn: '2027-02-28' },
      { code: 'registry-stale', expiredAt: STALE_AT },
    ]);
    expect(verdict.registry?.stale).toBe(true);
  });

  it('names a virtual anchor as the registry shows it', () => {
    const host = anchor({ accounts: [account(ANCHOR, { virtual: true, displayName: '小七 AI' })] });
    expect(verdictOf({ companies: [mcn()], anchors: [host] }).reasons).toContainEqual({
      code: 'virtual-anchor',
      accountId: ANCHOR,
      displayName: '小七 AI',
    });
  });

  describe('is pure', () => {
    afterEach(() => vi.useRealTimers());

    it('reads no clock: only `now` decides', () => {
      const args = input({ companies: [company()], blacklist: [listed()] });
      const before = computeVerdict(args);
      vi.useFakeTimers({ now: new Date('2099-01-01T00:00:00Z') });
      expect(computeVerdict(args)).toEqual(before);
    });

    it('leaves its input untouched', () => {
      const blacklist = [listed(), listedAccount({ id: 'b2' })];
      const args = input({ companies: [mcn(), company()], anchors: [anchor()], blacklist });
      const copy = structuredClone(args);
      computeVerdict(args);
      expect(args).toEqual(copy);
    });
  });
});

describe('possible matches by resemblance', () => {
  const banned = listed({
    names: ['王小刀'],
    aliases: ['刀哥说好物'],
    accounts: [
      { platform: 'douyin', accountId: 'dy-banned' },
      { platform: 'kuaishou', accountId: 'ks-banned' },
    ],
  });

  it('shows the listed name beside the page’s, a plain-language confidence, the listing and where it came from', () => {
    const identity = page({ platform: 'kuaishou', anchorName: DISGUISED });
    const [reason] = verdictOf({ identity, resembling: [resembles(banned, DISGUISED, 0.92, { listedName: '刀哥说好物' })] }).reasons;
    expect(reason).toEqual({
      code: 'resembles-blacklisted',
      entryId: 'b1',
      kind: 'anchor',
      listedName: '刀哥说好物',
      pageName: DISGUISED,
      pageRole: 'anchor',
      pageAccountId: ANCHOR,
      score: 0.92,
      confidence: 'close',
      reasons: [{ zh: '售假', en: 'counterfeits' }],
      measures: ['close-live-function'],
      authority: 'Test Association',
      listedOn: '2026-05-01',
      // Listed on Douyin and Kuaishou; the page is on Kuaishou under another account.
      sources: [
        { platform: 'douyin', accountId: 'dy-banned' },
        { platform: 'kuaishou', accountId: 'ks-banned' },
      ],
    });
  });

  it('gives one reason per listing, its best name, best listing first', () => {
    const other = listed({ id: 'b2', names: ['刀哥好物铺'] });
    const verdict = verdictOf({
      identity: page({ anchorName: DISGUISED, shopName: '刀哥说好物小铺' }),
      resembling: [
        resembles(other, DISGUISED, 0.75),
        resembles(banned, DISGUISED, 0.8),
        resembles(banned, '刀哥说好物小铺', 0.9, { pageRole: 'shop' }),
      ],
    });
    expect(verdict.reasons.map((r) => r.code === 'resembles-blacklisted' && [r.entryId, r.pageRole, r.score])).toEqual([
      ['b1', 'shop', 0.9],
      ['b2', 'anchor', 0.75],
    ]);
  });

  it('keeps a dismissed match out of the reasons but on the verdict’s dismissed list; without a page account it cannot be dismissed', () => {
    const resembling = [resembles(banned, DISGUISED, 0.92)];
    const verdict = verdictOf({ identity: page({ anchorName: DISGUISED }), resembling, dismissed: [dismissal()] });
    expect(verdict.reasons.map((r) => r.code)).toEqual(['not-listed']);
    expect(verdict.dismissed).toMatchObject([{ code: 'resembles-blacklisted', entryId: 'b1', pageAccountId: ANCHOR }]);
    const noAccount = verdictOf({ identity: page({ accounts: [], anchorName: DISGUISED }), resembling, dismissed: [dismissal()] });
    expect(noAccount.status).toBe('possible-blacklist');
    expect(noAccount.reasons[0]).not.toHaveProperty('pageAccountId');
    expect(noAccount.dismissed).toBeUndefined();
  });

  it.each([
    [1, 'same-name'],
    [0.99, 'close'],
    [0.85, 'close'],
    [0.849, 'partial'],
    [0.7, 'partial'],
  ] as const)('says a score of %s in words: %s', (score, confidence) => {
    expect(confidenceOf(score)).toBe(confidence);
  });
});

describe('toneOf', () => {
  const tones = {
    blacklisted: 'danger',
    withdrawn: 'danger',
    suspended: 'danger',
    'possible-blacklist': 'warning',
    expired: 'warning',
    'audit-overdue': 'warning',
    unconfirmed: 'warning',
    certified: 'ok',
    'not-listed': 'neutral',
    'no-registry': 'neutral',
  } as const;

  it.each(VERDICT_PRECEDENCE.map((status) => [status, tones[status]] as const))('%s → %s', (status, tone) => {
    expect(toneOf(status)).toBe(tone);
  });
});

describe('account notices', () => {
  it('mark an undisclosed virtual anchor as such, and only when the registry says so', () => {
    const reasonsFor = (more: { virtualDisclosed?: boolean }) =>
      computeVerdict({
        identity: page(),
        registry: header(),
        companies: [],
        anchors: [anchor({ companyId: undefined, accounts: [account(ANCHOR, { virtual: true, ...more })] })],
        blacklist: [],
        now: TODAY,
      }).reasons.find((r) => r.code === 'virtual-anchor');
    expect(reasonsFor({ virtualDisclosed: false })).toMatchObject({ undisclosed: true });
    expect(reasonsFor({ virtualDisclosed: true })).not.toHaveProperty('undisclosed');
    expect(reasonsFor({})).not.toHaveProperty('undisclosed');
  });
});
