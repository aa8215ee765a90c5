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
