import { describe, expect, it } from 'vitest';
import { evidenceCatalogs } from '../../lib/i18n/evidence';
import { fill, formatDay, formatPrice, resolveLocale } from '../../lib/i18n/locale';
import { overlayCatalogs } from '../../lib/i18n/overlay';
import { pagesCatalogs } from '../../lib/i18n/pages';
import { preferencesCatalogs } from '../../lib/i18n/preferences';
import { reportsCatalogs } from '../../lib/i18n/reports';
import { minorsCatalogs } from '../../lib/i18n/minors';
import { parentModeCatalogs } from '../../lib/i18n/parent-mode';

const AREAS = { overlay: overlayCatalogs, pages: pagesCatalogs, reports: reportsCatalogs, evidence: evidenceCatalogs, minors: minorsCatalogs, parentMode: parentModeCatalogs, preferences: preferencesCatalogs } as Record<string, Record<'en' | 'zh-CN', Record<string, string>>>;

describe.each(Object.entries(AREAS))('%s catalogs', (_area, catalogs) => {
  const en = catalogs.en;
  const zh = catalogs['zh-CN'];

  it('have the same keys in both languages, none empty', () => {
    expect(Object.keys(zh).sort()).toEqual(Object.keys(en).sort());
    for (const [key, value] of [...Object.entries(en), ...Object.entries(zh)]) expect(value.trim(), key).not.toBe('');
  });

  it('use the same placeholders in both languages', () => {
    const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of Object.keys(en)) {
      expect(placeholders(zh[key]!), key).toEqual(placeholders(en[key]!));
    }
  });

  it('Chinese strings are actually Chinese', () => {
    const untranslated = Object.entries(zh).filter(([k, v]) => v === en[k] && /[a-z]{3}/i.test(v));
    expect(untranslated).toEqual([]);
  });
});

describe('locale helpers', () => {
  it.each([
    ['auto', 'zh-CN', 'zh-CN'],
    ['auto', 'zh-TW', 'zh-CN'],
    ['auto', 'en-GB', 'en'],
    ['auto', 'fr', 'en'],
    ['en', 'zh-CN', 'en'],
    ['zh-CN', 'en-US', 'zh-CN'],
  ] as const)('resolveLocale(%s, %s) = %s', (pref, browser, expected) => {
    expect(resolveLocale(pref, browser)).toBe(expected);
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(fill('a {x} b {y}', { x: 1 })).toBe('a 1 b {y}');
  });

  it('formats registry days without shifting them across time zones', () => {
    expect(formatDay('2027-02-28', 'en')).toBe('Feb 28, 2027');
    expect(formatDay('2027-02-28', 'zh-CN')).toBe('2027年2月28日');
    expect(formatDay('not-a-day', 'en')).toBe('not-a-day');
  });

  it('formats plain prices for the locale and leaves anything else as the page wrote it', () => {
    expect(formatPrice('¥1299', 'zh-CN')).toBe('¥1,299.00');
    expect(formatPrice('￥59.9', 'en')).toBe('¥59.90');
    expect(formatPrice('59.90元', 'zh-CN')).toBe('¥59.90');
    expect(formatPrice('$12', 'en')).toBe('$12.00');
    for (const kept of ['¥59起', '¥59-99', '面议', '59.9', '¥59.999', '']) expect(formatPrice(kept, 'en')).toBe(kept);
  });
});
