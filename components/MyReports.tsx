/** "My reports": every stored report with its state (a failed one with its reason), retry now, export and delete. */
import { formatInstant, pick, type Locale } from '../lib/i18n/locale';
import { reportsTranslator } from '../lib/i18n/reports';
import type { ReportRecord } from '../lib/reports/outbox';

export interface MyReportsProps {
  locale: Locale;
  reports: ReportRecord[];
  onExport(): void;
  onDelete(id: string): void;
  /** Send a queued or failed report now. */
  onRetry(id: string): void;
}

export function MyReports({ locale, reports, onExport, onDelete, onRetry }: MyReportsProps) {
  const t = reportsTranslator(locale);
  return (
    <>
      <h1>{t('reports.title')}</h1>
      {reports.length === 0 ? <p>{t('reports.none')}</p> : null}
      <ul class="my-reports">
        {reports.map((r) => (
          <li key={r.id} data-report={r.id} data-state={r.state}>
            <strong>{r.payload.product.title}</strong> · {pick(r.payload.reason.label, locale)} ·{' '}
            {formatInstant(new Date(r.createdAt).toISOString(), locale)}
            <br />
            <span class="state">{t(`state.${r.state}`)}</span>
            {r.receiptId ? ` · ${t('reports.receipt', { receipt: r.receiptId })}` : ''}
            {r.attempts ? ` · ${t('reports.attempts', { count: r.attempts })}` : ''}
            {r.state === 'queued' && r.nextAttemptAt ? ` · ${t('reports.nextAttempt', { date: formatInstant(new Date(r.nextAttemptAt).toISOString(), locale) })}` : ''}
            {r.state === 'failed' ? (
              <p class="failed-reason">{t('reports.failedReason', { reason: r.lastError ?? '?' })}</p>
            ) : r.lastError && r.state === 'queued' ? (
              <p class="last-error">{t('reports.lastError', { reason: r.lastError })}</p>
            ) : (
              ' '
            )}
            {r.endpoint && (r.state === 'queued' || r.state === 'failed') ? (
              <>
                <button type="button" onClick={() => onRetry(r.id)}>
                  {t('reports.retry')}
                </button>{' '}
              </>
            ) : null}
            <button type="button" onClick={() => onDelete(r.id)}>
              {t('reports.delete')}
            </button>
          </li>
        ))}
      </ul>
      <button type="button" onClick={onExport}>
        {t('reports.export')}
      </button>
    </>
  );
}
