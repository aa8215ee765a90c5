/** Identities and verdicts for the evidence log tests. */
import type { PageIdentity } from '../../lib/identity';
import { PageIdentity as PageIdentitySchema } from '../../lib/identity';
import type { Verdict } from '../../lib/verdict/types';

export const identity = (overrides: Partial<PageIdentity> = {}): PageIdentity =>
  PageIdentitySchema.parse({
    platform: 'douyin',
    live: true,
    roomIds: ['7312345678901234567'],
    accounts: [
      { accountId: 'xm001', role: 'anchor' },
      { accountId: 'shop-88', role: 'shop' },
    ],
    anchorName: '小美',
    shopName: '美美旗舰店',
    products: [
      { title: '玻尿酸补水面膜 10片 原价599 今天只要59', price: '¥59.90' },
      { title: '保湿面霜 50g', price: '¥99.00' },
    ],
    ...overrides,
  });

export const certified: Verdict = {
  status: 'certified',
  company: { id: 'c1', name: 'Galaxy Select Demo Co.' },
  certificate: { number: 'CERT-1', scheme: 'SITI 1001-2021', issuer: 'Demo Cert', status: 'valid', issuedOn: '2025-03-01', expiresOn: '2028-02-28' },
  reasons: [{ code: 'certified', certificateNumber: 'CERT-1', gradeId: 'g3', expiresOn: '2028-02-28' }, { code: 'demo-registry' }],
  registry: { id: 'demo', name: { zh: '演示', en: 'Demo' }, version: 7, issuedAt: '2026-11-01T00:00:00Z', expiresAt: '2027-11-01T00:00:00Z', demo: true, stale: false },
};

export const notListed: Verdict = { status: 'not-listed', reasons: [{ code: 'not-listed' }] };
