import { render } from 'preact';
import { browser } from 'wxt/browser';
import { OptionsPage } from '@/components/OptionsPage';
import { currentLocale, onLocaleChange } from '@/lib/i18n/current';
import type { LanguagePreference, Locale } from '@/lib/i18n/locale';
import type { RegistryStatus } from '@/lib/messages';
import { send } from '@/lib/messaging/client';
import { parseSettings, SETTINGS_KEY } from '@/lib/settings';

const app = document.getElementById('app')!;
let status: RegistryStatus | undefined;

async function saveLanguage(language: LanguagePreference): Promise<void> {
  const stored = await browser.storage.local.get(SETTINGS_KEY);
  await browser.storage.local.set({ [SETTINGS_KEY]: { ...parseSettings(stored[SETTINGS_KEY]), language } });
}

async function draw(locale: Locale): Promise<void> {
  const stored = await browser.storage.local.get(SETTINGS_KEY);
  document.documentElement.lang = locale;
  render(
    <OptionsPage locale={locale} language={parseSettings(stored[SETTINGS_KEY]).language} status={status} onLanguage={saveLanguage} />,
    app,
  );
}

onLocaleChange((locale) => void draw(locale));
void currentLocale().then(async (locale) => {
  await draw(locale);
  status = await send({ type: 'registry/status' });
  await draw(locale);
});
