/** A valid draft and payload for the report tests. */
import { buildPayload, type ReportDraftInput, type ReportPayload } from '../../lib/reports/schema';

export const draft = (overrides: Partial<ReportDraftInput> = {}): ReportDraftInput => ({
  product: { title: '玻尿酸补水面膜 10片', price: '¥59.90' },
  reasonId: 'fake-original-price',
  description: '主播说原价 599 元，今天只要 59 元，但店铺从未以 599 元出售。',
  goodFaith: true,
  context: {
    platform: 'douyin',
    roomIds: ['7312345678901234567'],
    anchor: { name: '小美', accountId: 'xm001' },
    shop: { name: '美美旗舰店' },
    pageUrl: 'https://live.douyin.com/123456',
    seenAt: '2026-11-24T12:00:00.000Z',
  },
  ...overrides,
});

let counter = 0;
export const payload = (overrides: Partial<ReportDraftInput> = {}, now = new Date('2026-11-24T12:01:00Z')): ReportPayload =>
  buildPayload(draft(overrides), {
    registry: { id: 'demo-registry', version: 7 },
    now,
    idempotencyKey: `00000000-0000-4000-8000-${String(++counter).padStart(12, '0')}`,
  });
