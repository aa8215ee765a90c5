/** The language extension pages and the background speak now: the viewer's choice, else the browser's. */
import { browser } from 'wxt/browser';
import { languagePreferenceOf, resolveLocale, SETTINGS_KEY, type Locale } from './locale';

export async function currentLocale(): Promise<Locale> {
  const stored = await browser.storage.local.get(SETTINGS_KEY).catch(() => ({}) as Record<string, unknown>);
  return resolveLocale(languagePreferenceOf(stored[SETTINGS_KEY]), browser.i18n.getUILanguage());
}

/** Calls `listener` with the new locale whenever the viewer changes the language setting. */
export function onLocaleChange(listener: (locale: Locale) => void): void {
  browser.storage.onChanged.addListener((changes, area) => {
    if (area === 'local' && SETTINGS_KEY in changes) void currentLocale().then(listener);
  });
}
