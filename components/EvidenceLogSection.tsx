/**
 * The options page's evidence log section: turn it on (it is off by default), choose how long
 * entries are kept, export them or delete them; turning it off offers to delete what is kept.
 */
import { useState } from 'preact/hooks';
import type { EvidenceSummary } from '../lib/evidence/log';
import { evidenceTranslator } from '../lib/i18n/evidence';
import { formatInstant, type Locale } from '../lib/i18n/locale';
import { EVIDENCE_RETENTION_DAYS, type EvidenceLogSettings } from '../lib/settings';

export interface EvidenceLogSectionProps {
  locale: Locale;
  settings: EvidenceLogSettings;
  summary: EvidenceSummary | undefined;
  /** Resolves with an error to show, or undefined once saved. */
  onSave(settings: EvidenceLogSettings): Promise<string | undefined>;
  onExport(): Promise<void>;
  onClear(): Promise<void>;
}

export function EvidenceLogSection({ locale, settings, summary, onSave, onExport, onClear }: EvidenceLogSectionProps) {
  const t = evidenceTranslator(locale);
  const [days, setDays] = useState(String(settings.retentionDays));
  const [message, setMessage] = useState('');
  const [offerDelete, setOfferDelete] = useState(false);
  const count = summary?.count ?? 0;

  const save = async (next: EvidenceLogSettings) => {
    const error = await onSave(next);
    setMessage(error ? t('evidence.invalid', { message: error }) : t('evidence.saved'));
    return error;
  };
  const clear = async () => {
    await onClear();
    setOfferDelete(false);
    setMessage(t('evidence.cleared'));
  };

  return (
    <section aria-labelledby="evidence-heading" class="evidence-log">
      <h2 id="evidence-heading">{t('evidence.heading')}</h2>
      <p>{t('evidence.explain')}</p>
      <p>
        <label>
          <input
            type="checkbox"
            name="evidence-enabled"
            checked={settings.enabled}
            onChange={async (e) => {
              const enabled = (e.currentTarget as HTMLInputElement).checked;
              const error = await save({ ...settings, enabled });
              setOfferDelete(!error && !enabled && count > 0);
            }}
          />{' '}
          {t('evidence.enable')}
        </label>
      </p>
      <form
        onSubmit={async (e) => {
          e.preventDefault();
          await save({ ...settings, retentionDays: Number(days) });
        }}
      >
        <label for="evidence-retention">{t('evidence.retention', { min: EVIDENCE_RETENTION_DAYS.min, max: EVIDENCE_RETENTION_DAYS.max })}</label>{' '}
        <input
          id="evidence-retention"
          type="number"
          required
          min={EVIDENCE_RETENTION_DAYS.min}
          max={EVIDENCE_RETENTION_DAYS.max}
          value={days}
          onInput={(e) => setDays((e.currentTarget as HTMLInputElement).value)}
        />{' '}
        <button type="submit">{t('evidence.saveRetention')}</button>
      </form>
      <p class="evidence-summary" data-count={count}>
        {count && summary?.oldest && summary.newest
          ? t('evidence.count', { count, oldest: formatInstant(summary.oldest, locale), newest: formatInstant(summary.newest, locale) })
          : t('evidence.empty')}
      </p>
      {offerDelete ? (
        <div role="alertdialog" aria-labelledby="evidence-offer" class="evidence-offer">
          <p id="evidence-offer">{t('evidence.offerDelete', { count, days: settings.retentionDays })}</p>
          <button type="button" onClick={clear}>
            {t('evidence.deleteKept')}
          </button>{' '}
          <button type="button" onClick={() => setOfferDelete(false)}>
            {t('evidence.keepKept')}
          </button>
        </div>
      ) : null}
      <p>
        <button type="button" onClick={onExport} disabled={count === 0}>
          {t('evidence.export')}
        </button>{' '}
        <button type="button" onClick={clear} disabled={count === 0}>
          {t('evidence.clear')}
        </button>
      </p>
      <p role="status">{message}</p>
    </section>
  );
}
