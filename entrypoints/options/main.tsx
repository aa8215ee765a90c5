import { render } from 'preact';
import type { z } from 'zod';
import { browser } from 'wxt/browser';
import { OptionsPage } from '@/components/OptionsPage';
import type { ParentModeApi } from '@/components/ParentMode';
import type { ParentModeStatus } from '@/lib/background/parent-mode';
import { currentLocale, onLocaleChange } from '@/lib/i18n/current';
import type { LanguagePreference, Locale } from '@/lib/i18n/locale';
import type { RegistryStatus } from '@/lib/messages';
import { downloadJson, exportFileName } from '@/lib/download';
import type { EvidenceSummary } from '@/lib/evidence/log';
import { send } from '@/lib/messaging/client';
import { EvidenceLogSettings, ExtraRegistry, parseSettings, RegistrySource, setOverlayShownOn, Settings, SETTINGS_KEY } from '@/lib/settings';

const app = document.getElementById('app')!;
let status: RegistryStatus | undefined;
let evidenceSummary: EvidenceSummary | undefined;
let parentMode: ParentModeStatus | undefined;

const parentModeApi: ParentModeApi = {
  enable: (pin, settings) => send({ type: 'parent/enable', pin, settings }),
  disable: (pin) => send({ type: 'parent/disable', pin }),
  update: (pin, settings) => send({ type: 'parent/settings', pin, settings }),
  changePin: (pin, newPin) => send({ type: 'parent/change-pin', pin, newPin }),
  requestReset: () => send({ type: 'parent/reset' }),
  cancelReset: (pin) => send({ type: 'parent/cancel-reset', pin }),
};
let locale: Locale;

const issuesText = (error: z.ZodError) => error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');

async function readSettings(): Promise<Settings> {
  return parseSettings((await browser.storage.local.get(SETTINGS_KEY))[SETTINGS_KEY]);
}

async function saveSettings(change: Partial<Settings>): Promise<string | undefined> {
  // Stored settings are read leniently (.catch); what the viewer types is checked strictly.
  const source = change.source === undefined ? undefined : RegistrySource.safeParse(change.source);
  if (source && !source.success) return issuesText(source.error);
  const next = Settings.safeParse({ ...(await readSettings()), ...change });
  if (!next.success) return issuesText(next.error);
  await browser.storage.local.set({ [SETTINGS_KEY]: next.data });
  return undefined;
}

async function refreshStatus(): Promise<void> {
  status = await send({ type: 'registry/status' });
  await draw();
}

async function refreshEvidence(): Promise<void> {
  evidenceSummary = await send({ type: 'evidence/summary' });
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
        if (!parsed.success) return issuesText(parsed.error);
        const others = settings.extraRegistries.filter((r) => r.id !== parsed.data.id);
        const error = await saveSettings({ extraRegistries: [...others, parsed.data] });
        await refreshStatus();
        return error;
      }}
      parentMode={parentMode}
      parentModeApi={parentModeApi}
      onRemoveRegistry={async (id) => {
        await saveSettings({ extraRegistries: settings.extraRegistries.filter((r) => r.id !== id) });
        await refreshStatus();
      }}
      evidenceLog={{
        settings: settings.evidenceLog,
        summary: evidenceSummary,
        async onSave(evidenceLog) {
          const parsed = EvidenceLogSettings.safeParse(evidenceLog);
          if (!parsed.success) return issuesText(parsed.error);
          const error = await saveSettings({ evidenceLog: parsed.data });
          await refreshEvidence();
          return error;
        },
        onExport: async () => downloadJson(await send({ type: 'evidence/export' }), exportFileName('evidence')),
        async onClear() {
          await send({ type: 'evidence/clear' });
          await refreshEvidence();
        },
      }}
      panel={{
        corner: settings.overlayCorner,
        size: settings.overlaySize,
        hiddenOn: settings.disabledSites,
        onChange: async (change) => void (await saveSettings(change)),
        onSiteShown: setOverlayShownOn,
      }}
      myData={{
        onExport: async () => downloadJson(await send({ type: 'data/export' }), exportFileName('my-data')),
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
  parentMode = await send({ type: 'parent/status' });
  await draw();
  await Promise.all([refreshStatus(), refreshEvidence()]);
});
