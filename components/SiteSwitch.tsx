/** Popup: show or hide the on-page panel on the current tab's site. */
import type { Locale } from '../lib/i18n/locale';
import { preferencesTranslator } from '../lib/i18n/preferences';

export function SiteSwitch({ locale, site, shown, onChange }: { locale: Locale; site: string; shown: boolean; onChange(shown: boolean): void }) {
  const t = preferencesTranslator(locale);
  return (
    <p class="site-switch">
      <label>
        <input type="checkbox" name="showOnSite" checked={shown} onChange={(e) => onChange((e.currentTarget as HTMLInputElement).checked)} />{' '}
        {t('panel.showHere', { site })}
      </label>
    </p>
  );
}
