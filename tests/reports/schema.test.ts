import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  buildPayload,
  REPORT_REASONS,
  REPORT_SCHEMA_ID,
  ReportDraft,
  ReportPayload,
  reportJsonSchema,
  SCREENSHOT_MAX_BYTES,
} from '../../lib/reports/schema';
import { draft, payload } from './fixtures';

const SCHEMA_FILE = fileURLToPath(new URL('../../docs/report.schema.json', import.meta.url));
const png = (bytes: number) => `data:image/png;base64,${Buffer.alloc(bytes, 7).toString('base64')}`;

describe('REPORT_REASONS', () => {
  it('holds the 20 reasons of DOMAIN.md, unique ids, both languages', () => {
    expect(REPORT_REASONS).toHaveLength(20);
    expect(new Set(REPORT_REASONS.map((r) => r.id)).size).toBe(20);
    expect(REPORT_REASONS[0]).toMatchObject({ id: 'counterfeit', label: { zh: '假冒伪劣' } });
    expect(REPORT_REASONS.at(-1)).toMatchObject({ id: 'other', label: { zh: '其他', en: 'Other' } });
    for (const r of REPORT_REASONS) expect(r.label.zh && r.label.en).toBeTruthy();
  });
});

describe('ReportDraft', () => {
  it('accepts a complete draft and one with every context field removed', () => {
    expect(ReportDraft.safeParse(draft()).success).toBe(true);
    expect(ReportDraft.safeParse(draft({ context: {} })).success).toBe(true);
    expect(ReportDraft.safeParse(draft({ contact: { name: '王', email: 'w@example.com', phone: '+86 138 0000 0000' } })).success).toBe(true);
  });

  it.each([
    ['a short description', { description: 'too short' }],
    ['a long description', { description: 'x'.repeat(5001) }],
    ['no good-faith statement', { goodFaith: false as unknown as true }],
    ['an unknown reason', { reasonId: 'rude' as 'other' }],
    ['an empty product', { product: { title: '  ' } }],
    ['a bad email', { contact: { email: 'not-an-email' } }],
    ['a javascript: page URL', { context: { pageUrl: 'javascript:alert(1)' } }],
    ['a GIF screenshot', { screenshot: 'data:image/gif;base64,R0lGOD==' }],
    ['a screenshot over 2 MB', { screenshot: png(SCREENSHOT_MAX_BYTES + 3) }],
    ['an anchor with neither name nor id', { context: { anchor: {} } }],
  ])('refuses %s', (_name, overrides) => {
    expect(ReportDraft.safeParse(draft(overrides)).success).toBe(false);
  });

  it('accepts a PNG or JPEG screenshot up to 2 MB', () => {
    expect(ReportDraft.safeParse(draft({ screenshot: png(SCREENSHOT_MAX_BYTES) })).success).toBe(true);
    expect(ReportDraft.safeParse(draft({ screenshot: 'data:image/jpeg;base64,/9j/4AAQ' })).success).toBe(true);
  });
});

describe('buildPayload', () => {
  it('wraps a draft into the wire format with the reason label and a fresh uuid', () => {
    const p = buildPayload(draft(), { registry: { id: 'r', version: 3 }, now: new Date('2026-11-24T12:00:00Z') });
    expect(p).toMatchObject({
      schema: REPORT_SCHEMA_ID,
      createdAt: '2026-11-24T12:00:00.000Z',
      registry: { id: 'r', version: 3 },
      reason: { id: 'fake-original-price', label: { zh: '虚构原价/价格欺诈', en: 'Fake original price' } },
      goodFaith: true,
    });
    expect(p.idempotencyKey).toMatch(/^[0-9a-f-]{36}$/);
    expect(p).not.toHaveProperty('reasonId');
    expect(ReportPayload.parse(JSON.parse(JSON.stringify(p)))).toEqual(p);
    expect(buildPayload(draft(), { registry: { id: 'r', version: 3 } }).idempotencyKey).not.toBe(p.idempotencyKey);
  });

  it('refuses an invalid draft', () => {
    expect(() => buildPayload(draft({ description: '' }), { registry: { id: 'r', version: 1 } })).toThrow();
  });

  it('keeps only the context the viewer left in', () => {
    const p = payload({ context: { seenAt: '2026-11-24T12:00:00Z' } });
    expect(p.context).toEqual({ seenAt: '2026-11-24T12:00:00Z' });
  });
});

describe('docs/report.schema.json', () => {
  it('is the JSON Schema generated from ReportPayload (regenerate with UPDATE_REPORT_SCHEMA=1)', () => {
    const generated = `${JSON.stringify(reportJsonSchema(), null, 2)}\n`;
    if (process.env.UPDATE_REPORT_SCHEMA === '1') writeFileSync(SCHEMA_FILE, generated);
    expect(readFileSync(SCHEMA_FILE, 'utf8')).toBe(generated);
  });

  it('describes the wire format: required fields, the schema id, the 20 reason ids', () => {
    const schema = reportJsonSchema() as {
      required: string[];
      properties: Record<string, { const?: string; properties?: Record<string, { enum?: string[] }> }>;
    };
    expect(schema.required).toEqual(
      expect.arrayContaining(['schema', 'idempotencyKey', 'createdAt', 'registry', 'reason', 'product', 'description', 'goodFaith', 'context']),
    );
    expect(schema.required).not.toContain('screenshot');
    expect(schema.properties.schema?.const).toBe(REPORT_SCHEMA_ID);
    expect(schema.properties.reason?.properties?.id?.enum).toEqual(REPORT_REASONS.map((r) => r.id));
  });
});
