/** Which of the two languages to speak, and the small formatting helpers every UI shares. */
import type { LocalizedText } from '../registry/schema';

export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export type LanguagePreference = Locale | 'auto';

/** storage.local key of the settings object (lib/settings.ts). */
export const SETTINGS_KEY = 'settings';

/** The language preference inside raw stored settings, checked by hand (content scripts carry no zod). */
export function languagePreferenceOf(stored: unknown): LanguagePreference {
  const language = (stored as { language?: unknown } | null | undefined)?.language;
  return language === 'zh-CN' || language === 'en' ? language : 'auto';
}

/** Any Chinese browser language gets Simplified Chinese; everything else English. */
export function resolveLocale(preference: LanguagePreference, browserLanguage: string): Locale {
  if (preference !== 'auto') return preference;
  return browserLanguage.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

export function pick(text: LocalizedText, locale: Locale): string {
  return locale === 'zh-CN' ? text.zh : text.en;
}

/** A registry calendar date ('YYYY-MM-DD') in the reader's language, never shifted by time zone. */
export function formatDay(day: string, locale: Locale): string {
  const time = Date.parse(`${day}T00:00:00Z`);
  if (Number.isNaN(time)) return day;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(time);
}

export function formatInstant(iso: string, locale: Locale): string {
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return iso;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(time);
}

/** Currency marks pages write, and the ISO code each stands for (¥ is the yuan on these sites). */
const CURRENCY_MARKS: [RegExp, string][] = [
  [/^(?:¥|￥|RMB|CNY)\s*/i, 'CNY'],
  [/^US\$\s*|^\$\s*/, 'USD'],
  [/^€\s*/, 'EUR'],
  [/^£\s*/, 'GBP'],
];

/**
 * A price as the page showed it, formatted for the viewer's locale when it is a plain amount in
 * a known currency ("¥59.9", "59.90元", "$12"); anything else ("¥59起", a range) stays as the
 * page wrote it, since guessing would misstate what the seller claimed.
 */
export function formatPrice(shown: string, locale: Locale): string {
  let text = shown.trim();
  let currency: string | undefined;
  for (const [mark, code] of CURRENCY_MARKS) {
    if (mark.test(text)) {
      currency = code;
      text = text.replace(mark, '');
      break;
    }
  }
  if (!currency && /\s*元$/.test(text)) {
    currency = 'CNY';
    text = text.replace(/\s*元$/, '');
  }
  if (!currency || !/^\d{1,9}(?:,\d{3})*(?:\.\d{1,2})?$/.test(text)) return shown;
  const amount = Number(text.replaceAll(',', ''));
  return new Intl.NumberFormat(locale, { style: 'currency', currency, currencyDisplay: 'narrowSymbol' }).format(amount);
}

export type Catalog<K extends string> = Record<K, string>;

/** Fills `{name}` placeholders; unknown placeholders stay visible so a bad key is noticed. */
export function fill(template: string, params: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** A `t(key, params)` over one area's catalogs, in one language. */
export function makeTranslator<K extends string>(catalogs: Record<Locale, Catalog<K>>) {
  return (locale: Locale) =>
    (key: K, params?: Record<string, string | number>): string =>
      fill(catalogs[locale][key], params);
}
