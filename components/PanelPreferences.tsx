/** Options page: where the on-page panel sits, its size, and the sites where it is hidden. */
import { useState } from 'preact/hooks';
import type { Locale } from '../lib/i18n/locale';
import { preferencesTranslator } from '../lib/i18n/preferences';
import { OVERLAY_CORNERS, OVERLAY_SIZES, type OverlayCorner, type OverlaySize } from '../lib/overlay-prefs';

export interface PanelPreferencesProps {
  locale: Locale;
  corner: OverlayCorner;
  size: OverlaySize;
  hiddenOn: string[];
  onChange(change: { overlayCorner?: OverlayCorner; overlaySize?: OverlaySize }): Promise<void>;
  onSiteShown(site: string, shown: boolean): Promise<void>;
}

export function PanelPreferences({ locale, corner, size, hiddenOn, onChange, onSiteShown }: PanelPreferencesProps) {
  const t = preferencesTranslator(locale);
  const [site, setSite] = useState('');
  return (
    <section class="panel-preferences" aria-labelledby="panel-heading">
      <h2 id="panel-heading">{t('panel.heading')}</h2>
      <p>
        <label>
          {t('panel.corner')}{' '}
          <select name="overlayCorner" value={corner} onChange={(e) => void onChange({ overlayCorner: (e.currentTarget as HTMLSelectElement).value as OverlayCorner })}>
            {OVERLAY_CORNERS.map((c) => (
              <option key={c} value={c}>
                {t(`panel.corner.${c}`)}
              </option>
            ))}
          </select>
        </label>{' '}
        <label>
          {t('panel.size')}{' '}
          <select name="overlaySize" value={size} onChange={(e) => void onChange({ overlaySize: (e.currentTarget as HTMLSelectElement).value as OverlaySize })}>
            {OVERLAY_SIZES.map((s) => (
              <option key={s} value={s}>
                {t(`panel.size.${s}`)}
              </option>
            ))}
          </select>
        </label>
      </p>
      <h3 id="hidden-on-heading">{t('panel.hiddenOn')}</h3>
      {hiddenOn.length === 0 ? (
        <p>{t('panel.hiddenNowhere')}</p>
      ) : (
        <ul class="hidden-sites" aria-labelledby="hidden-on-heading">
          {hiddenOn.map((s) => (
            <li key={s} data-site={s}>
              {s}{' '}
              <button type="button" onClick={() => void onSiteShown(s, true)}>
                {t('panel.showAgain', { site: s })}
              </button>
            </li>
          ))}
        </ul>
      )}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          const host = site.trim().toLowerCase();
          if (host) void onSiteShown(host, false).then(() => setSite(''));
        }}
      >
        <label>
          {t('panel.hideSite')}{' '}
          <input name="hideSite" value={site} pattern="[a-z0-9.\-]+" onInput={(e) => setSite((e.currentTarget as HTMLInputElement).value)} />
        </label>{' '}
        <button type="submit">{t('panel.hide')}</button>
      </form>
    </section>
  );
}
