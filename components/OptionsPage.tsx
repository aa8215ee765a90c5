/** The settings page: language, and the stored registry with its last refused update. */
import { useState } from 'preact/hooks';
import type { Locale, LanguagePreference } from '../lib/i18n/locale';
import type { RegistryStatus } from '../lib/messages';
import type { RegistrySource } from '../lib/settings';
import { EvidenceLogSection, type EvidenceLogSectionProps } from './EvidenceLogSection';
import { pagesTranslator, RegistryStatusCard } from './RegistryStatusCard';
import { OtherRegistries, type OtherRegistriesProps } from './OtherRegistries';
import { UpdatesSection } from './UpdatesSection';
import { ParentMode, type ParentModeApi } from './ParentMode';
import type { ParentModeStatus } from '../lib/background/parent-mode';
import { MyDataSection, type MyDataSectionProps } from './MyDataSection';
import { PanelPreferences, type PanelPreferencesProps } from './PanelPreferences';

const LANGUAGE_NAMES: Record<Locale, string> = { 'zh-CN': '简体中文', en: 'English' };

export interface OptionsPageProps {
  locale: Locale;
  language: LanguagePreference;
  status: RegistryStatus | undefined;
  /** The viewer's own source; the status says which source is in effect. */
  source: RegistrySource | undefined;
  intervalHours: number;
  onLanguage(language: LanguagePreference): Promise<void>;
  onSaveSource(source: RegistrySource | undefined, intervalHours: number): Promise<string | undefined>;
  onCheckNow(): Promise<void>;
  onAddRegistry: OtherRegistriesProps['onAdd'];
  onRemoveRegistry: OtherRegistriesProps['onRemove'];
  evidenceLog: Omit<EvidenceLogSectionProps, 'locale'>;
  parentMode: ParentModeStatus | undefined;
  parentModeApi: ParentModeApi;
  panel: Omit<PanelPreferencesProps, 'locale'>;
  myData: Omit<MyDataSectionProps, 'locale'>;
}

export function OptionsPage(props: OptionsPageProps) {
  const { locale, language, status, onLanguage } = props;
  const t = pagesTranslator(locale);
  const [saved, setSaved] = useState(false);
  return (
    <>
      <h1>{t('options.title')}</h1>
      <section aria-labelledby="language-heading">
        <h2 id="language-heading">{t('options.language')}</h2>
        <label>
          {t('options.language')}{' '}
          <select
            value={language}
            onChange={async (e) => {
              await onLanguage((e.currentTarget as HTMLSelectElement).value as LanguagePreference);
              setSaved(true);
            }}
          >
            <option value="auto">{t('options.language.auto')}</option>
            {(Object.keys(LANGUAGE_NAMES) as Locale[]).map((l) => (
              <option key={l} value={l} lang={l}>
                {LANGUAGE_NAMES[l]}
              </option>
            ))}
          </select>
        </label>
        <p role="status">{saved ? t('options.saved') : ''}</p>
      </section>
      {status ? <RegistryStatusCard status={status} locale={locale} /> : <p>{t('registry.loading')}</p>}
      <UpdatesSection
        locale={locale}
        source={props.source ?? status?.source ?? undefined}
        intervalHours={props.intervalHours}
        log={status?.updates ?? []}
        onSave={props.onSaveSource}
        onCheckNow={props.onCheckNow}
      />
      <OtherRegistries locale={locale} others={status?.others ?? []} onAdd={props.onAddRegistry} onRemove={props.onRemoveRegistry} />
      <EvidenceLogSection locale={locale} {...props.evidenceLog} />
      {props.parentMode ? <ParentMode locale={locale} initial={props.parentMode} api={props.parentModeApi} /> : null}
      <PanelPreferences locale={locale} {...props.panel} />
      <MyDataSection locale={locale} {...props.myData} />
    </>
  );
}
