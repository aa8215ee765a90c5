/** Options page: export everything the viewer stored in LiveSeal, or delete it after a confirmation. */
import { useState } from 'preact/hooks';
import type { Locale } from '../lib/i18n/locale';
import { preferencesTranslator } from '../lib/i18n/preferences';

export interface MyDataSectionProps {
  locale: Locale;
  onExport(): Promise<void>;
  onDeleteAll(): Promise<void>;
}

export function MyDataSection({ locale, onExport, onDeleteAll }: MyDataSectionProps) {
  const t = preferencesTranslator(locale);
  const [confirming, setConfirming] = useState(false);
  const [deleted, setDeleted] = useState(false);
  return (
    <section class="my-data" aria-labelledby="my-data-heading">
      <h2 id="my-data-heading">{t('myData.heading')}</h2>
      <p>{t('myData.explain')}</p>
      <p>
        <button type="button" onClick={() => void onExport()}>
          {t('myData.export')}
        </button>{' '}
        {confirming ? null : (
          <button type="button" class="danger" onClick={() => (setDeleted(false), setConfirming(true))}>
            {t('myData.delete')}
          </button>
        )}
      </p>
      {confirming ? (
        <div role="alertdialog" aria-labelledby="my-data-confirm" class="confirm">
          <p id="my-data-confirm">{t('myData.confirm')}</p>
          <button
            type="button"
            class="danger"
            onClick={async () => {
              await onDeleteAll();
              setConfirming(false);
              setDeleted(true);
            }}
          >
            {t('myData.confirmDelete')}
          </button>{' '}
          <button type="button" autoFocus onClick={() => setConfirming(false)}>
            {t('myData.cancel')}
          </button>
        </div>
      ) : null}
      <p role="status">{deleted ? t('myData.deleted') : ''}</p>
    </section>
  );
}
