import { render } from 'preact';
import { browser } from 'wxt/browser';
import { OptionsPage } from '@/components/OptionsPage';
import { currentLocale, onLocaleChange } from '@/lib/i18n/current';
import type { LanguagePreference, Locale } from '@/lib/i18n/locale';
import type { RegistryStatus } from '@/lib/messages';
import { send } from '@/lib/messaging/client';
import { ExtraRegistry, parseSettings, RegistrySource, setOverlayShownOn, Settings, SETTINGS_KEY } from '@/lib/settings';

const app = document.getElementById('app')!;
let status: RegistryStatus | undefined;
let locale: Locale;

async function readSettings(): Promise<Settings> {
  return parseSettings((await browser.storage.local.get(SETTINGS_KEY))[SETTINGS_KEY]);
}

async function saveSettings(change: Partial<Settings>): Promise<string | undefined> {
  // Stored settings are read leniently (.catch); what the viewer types is checked strictly.
  const source = change.source === undefined ? undefined : RegistrySource.safeParse(change.source);
  if (source && !source.success) return source.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
  const next = Settings.safeParse({ ...(await readSettings()), ...change });
  if (!next.success) return next.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
  await browser.storage.local.set({ [SETTINGS_KEY]: next.data });
  return undefined;
}

/** Hands the viewer a file, as a download from this page. */
function download(json: string, name: string): void {
  const url = URL.createObjectURL(new Blob([json], { type: 'application/json' }));
  Object.assign(document.createElement('a'), { href: url, download: name }).click();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

async function refreshStatus(): Promise<void> {
  status = await send({ type: 'registry/status' });
  await draw();
}

async function draw(): Promise<void> {
  const settings = await readSettings();
  document.documentElement.lang = locale;
  render(
    <OptionsPage
      locale={locale}
      language={settings.language}
      status={status}
      source={settings.source}
      intervalHours={settings.updateIntervalHours}
      onLanguage={async (language: LanguagePreference) => void (await saveSettings({ language }))}
      onSaveSource={(source: RegistrySource | undefined, updateIntervalHours: number) =>
        saveSettings({ source, updateIntervalHours })
      }
      onCheckNow={async () => {
        await send({ type: 'registry/check-now' });
        await refreshStatus();
      }}
      onAddRegistry={async (registry) => {
        const parsed = ExtraRegistry.safeParse(registry);
        if (!parsed.success) return parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
        const others = settings.extraRegistries.filter((r) => r.id !== parsed.data.id);
        const error = await saveSettings({ extraRegistries: [...others, parsed.data] });
        await refreshStatus();
        return error;
      }}
      onRemoveRegistry={async (id) => {
        await saveSettings({ extraRegistries: settings.extraRegistries.filter((r) => r.id !== id) });
        await refreshStatus();
      }}
      panel={{
        corner: settings.overlayCorner,
        size: settings.overlaySize,
        hiddenOn: settings.disabledSites,
        onChange: async (change) => void (await saveSettings(change)),
        onSiteShown: setOverlayShownOn,
      }}
      myData={{
        onExport: async () => download(await send({ type: 'data/export' }), `liveseal-my-data-${new Date().toISOString().slice(0, 10)}.json`),
        onDeleteAll: () => send({ type: 'data/delete-all' }).then(() => undefined),
      }}
    />,
    app,
  );
}

onLocaleChange((next) => {
  locale = next;
  void draw();
});
void currentLocale().then(async (initial) => {
  locale = initial;
  await draw();
  await refreshStatus();
});
