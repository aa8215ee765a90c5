import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DAY_MS, EvidenceLog, parseEvidenceExport, retentionCutoff } from '../../lib/evidence/log';
import { EVIDENCE_MAX_PRODUCTS, type Sighting } from '../../lib/evidence/schema';
import { roomKeyOf, sameSighting, sightingOf } from '../../lib/evidence/sighting';
import { buildPayload, ReportPayload } from '../../lib/reports/schema';
import { draft } from '../reports/fixtures';
import { certified, identity, notListed } from './fixtures';

const T0 = new Date('2026-11-24T12:00:00.000Z');
const later = (ms: number) => new Date(T0.getTime() + ms);

describe('sightingOf', () => {
  it('keeps the room, seller, products with prices as shown, and the verdict shown', () => {
    expect(sightingOf(identity(), certified)).toEqual({
      room: 'douyin:room:7312345678901234567',
      platform: 'douyin',
      roomIds: ['7312345678901234567'],
      anchor: { name: '小美', accountId: 'xm001' },
      shop: { name: '美美旗舰店', accountId: 'shop-88' },
      products: [
        { title: '玻尿酸补水面膜 10片 原价599 今天只要59', price: '¥59.90' },
        { title: '保湿面霜 50g', price: '¥99.00' },
      ],
      verdict: {
        status: 'certified',
        reasons: ['certified', 'demo-registry'],
        company: 'Galaxy Select Demo Co.',
        certificateNumber: 'CERT-1',
        registry: { id: 'demo', version: 7 },
      },
    });
  });

  it('keys a room without room ids by its anchor, and cuts long product lists', () => {
    const products = Array.from({ length: 80 }, (_, i) => ({ title: `p${i}` }));
    const s = sightingOf(identity({ roomIds: [], products }), notListed);
    expect(s.room).toBe('douyin:anchor:xm001');
    expect(s.products).toHaveLength(EVIDENCE_MAX_PRODUCTS);
    expect(roomKeyOf(identity({ roomIds: [], accounts: [], anchorName: 'A' }))).toBe('douyin:anchor:A');
  });

  it('compares content whatever the key order', () => {
    const a = sightingOf(identity(), certified);
    const { verdict, ...rest } = a;
    const reordered = { verdict: { registry: verdict.registry, ...verdict }, ...rest } as Sighting;
    expect(sameSighting(a, reordered)).toBe(true);
    expect(sameSighting(a, sightingOf(identity(), notListed))).toBe(false);
  });
});

describe('EvidenceLog', () => {
  let log: EvidenceLog;
  let dbName: string;
  beforeEach(async () => {
    dbName = `evidence-test-${crypto.randomUUID()}`;
    log = await EvidenceLog.open(dbName, 5);
  });
  afterEach(() => log.close());

  const seen = (overrides: Parameters<typeof identity>[0] = {}, verdict = certified) => sightingOf(identity(overrides), verdict);

  it('records on change, not per message: an unchanged room only moves lastSeenAt', async () => {
    const first = await log.record(seen(), T0);
    const again = await log.record(seen(), later(5_000));
    await log.record(seen(), later(9_000));
    expect(await log.list()).toEqual([{ ...first, lastSeenAt: later(9_000).toISOString() }]);
    expect(again.id).toBe(first.id);
    expect(first.firstSeenAt).toBe(T0.toISOString());
  });

  it('starts a new entry when a price, the products or the verdict change, and when a room goes back', async () => {
    const a = seen();
    const b = seen({ products: [{ title: '玻尿酸补水面膜 10片 原价599 今天只要59', price: '¥69.90' }] });
    await log.record(a, T0);
    await log.record(b, later(1_000));
    await log.record(seen({}, notListed), later(2_000));
    await log.record(a, later(3_000)); // equal to the first, but not to the room's latest
    const entries = await log.list();
    expect(entries.map((e) => [e.products[0]!.price, e.verdict.status])).toEqual([
      ['¥59.90', 'certified'],
      ['¥69.90', 'certified'],
      ['¥59.90', 'not-listed'],
      ['¥59.90', 'certified'],
    ]);
  });

  it('keeps rooms apart: the same content in another room is another entry', async () => {
    await log.record(seen(), T0);
    await log.record(seen({ roomIds: ['999'] }), later(1));
    expect(await log.list()).toHaveLength(2);
  });

  it('is bounded: past the maximum the oldest entries go first', async () => {
    for (let i = 0; i < 8; i++) await log.record(seen({ products: [{ title: `product ${i}` }] }), later(i * 1000));
    const titles = (await log.list()).map((e) => e.products[0]!.title);
    expect(titles).toEqual(['product 3', 'product 4', 'product 5', 'product 6', 'product 7']);
    expect((await log.summary()).count).toBe(5);
  });

  it('purges what is older than the retention, keeping an entry exactly at the boundary', async () => {
    const now = later(60 * DAY_MS);
    await log.record(seen({ products: [{ title: 'just too old' }] }), new Date(T0.getTime() - 1));
    await log.record(seen({ products: [{ title: 'exactly 60 days' }] }), T0);
    await log.record(seen({ products: [{ title: 'yesterday' }] }), new Date(now.getTime() - DAY_MS));
    expect(retentionCutoff(now, 60)).toBe(T0.toISOString());
    expect(await log.purge(now, 60)).toBe(1);
    expect((await log.list()).map((e) => e.products[0]!.title)).toEqual(['exactly 60 days', 'yesterday']);
    // A millisecond later the boundary entry is past it too; a shorter retention purges more.
    expect(await log.purge(new Date(now.getTime() + 1), 60)).toBe(1);
    expect(await log.purge(now, 1)).toBe(0);
    expect(await log.purge(new Date(now.getTime() + 1), 1)).toBe(1);
    expect(await log.list()).toEqual([]);
  });

  it('an entry confirmed recently is kept even if first seen long ago', async () => {
    await log.record(seen(), T0);
    await log.record(seen(), later(59 * DAY_MS));
    expect(await log.purge(later(100 * DAY_MS), 60)).toBe(0);
    expect(await log.purge(later(120 * DAY_MS), 60)).toBe(1);
  });

  it('lists a room’s newest entries first, for a report', async () => {
    await log.record(seen({ products: [{ title: 'one' }] }), T0);
    await log.record(seen({ roomIds: ['other'] }), later(1));
    await log.record(seen({ products: [{ title: 'two' }] }), later(2));
    const room = roomKeyOf(identity());
    expect((await log.forRoom(room)).map((e) => e.products[0]!.title)).toEqual(['two', 'one']);
    expect(await log.forRoom(room, 1)).toHaveLength(1);
    expect(await log.forRoom('douyin:room:none')).toEqual([]);
  });

  it('exports JSON that parses back to the same entries, and attaches to a report', async () => {
    await log.record(seen(), T0);
    await log.record(seen({}, notListed), later(1_000));
    const text = await log.exportAll(later(2_000));
    const parsed = parseEvidenceExport(text);
    expect(parsed.exportedAt).toBe(later(2_000).toISOString());
    expect(parsed.entries).toEqual(await log.list());
    const payload = buildPayload(draft({ evidence: parsed.entries }), { registry: { id: 'demo', version: 1 } });
    expect(ReportPayload.parse(JSON.parse(JSON.stringify(payload))).evidence).toEqual(parsed.entries);
    expect(() => parseEvidenceExport('{"schema":"liveseal.reports-export/v1","entries":[]}')).toThrow();
  });

  it('summarises, and deletes everything on clear', async () => {
    expect(await log.summary()).toEqual({ count: 0 });
    await log.record(seen(), T0);
    await log.record(seen({}, notListed), later(1_000));
    expect(await log.summary()).toEqual({ count: 2, oldest: T0.toISOString(), newest: later(1_000).toISOString() });
    await log.clear();
    expect(await log.list()).toEqual([]);
  });
});
