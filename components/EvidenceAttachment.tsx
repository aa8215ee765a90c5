/**
 * The report form's offer to attach the viewer's evidence log entries for the room: off until
 * ticked; once ticked, every entry that would be sent is listed and can be removed.
 */
import type { EvidenceEntry } from '../lib/evidence/schema';
import { evidenceTranslator } from '../lib/i18n/evidence';
import { formatInstant, type Locale } from '../lib/i18n/locale';
import { EvidenceEntrySummary } from './EvidenceEntrySummary';

export interface EvidenceAttachmentProps {
  locale: Locale;
  /** The room's entries in the log, newest first. */
  available: EvidenceEntry[];
  /** The entries that will be sent (none until the viewer ticks the box). */
  attached: EvidenceEntry[];
  onChange(attached: EvidenceEntry[]): void;
}

export function EvidenceAttachment({ locale, available, attached, onChange }: EvidenceAttachmentProps) {
  const t = evidenceTranslator(locale);
  if (available.length === 0) return null;
  return (
    <fieldset class="evidence">
      <legend>{t('evidence.heading')}</legend>
      <p>
        <label>
          <input
            type="checkbox"
            name="attach-evidence"
            checked={attached.length > 0}
            onChange={(e) => onChange((e.currentTarget as HTMLInputElement).checked ? available : [])}
          />{' '}
          {t('evidence.attach', { count: available.length })}
        </label>
      </p>
      {attached.length ? (
        <>
          <p id="evidence-hint">{t('evidence.attachHint')}</p>
          <ul aria-describedby="evidence-hint">
            {attached.map((entry) => (
              <li key={entry.id} data-evidence={entry.id}>
                <EvidenceEntrySummary entry={entry} locale={locale} />{' '}
                <button type="button" onClick={() => onChange(attached.filter((e) => e.id !== entry.id))}>
                  {t('evidence.remove', { time: formatInstant(entry.firstSeenAt, locale) })}
                </button>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </fieldset>
  );
}
