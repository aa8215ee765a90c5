/** The stored registry: which one, how fresh, and the last update that was refused. */
import { formatInstant, makeTranslator, pick, type Locale } from '../lib/i18n/locale';
import { pagesCatalogs } from '../lib/i18n/pages';
import type { RegistryStatus } from '../lib/messages';

export const pagesTranslator = makeTranslator(pagesCatalogs);

export function RegistryStatusCard({ status, locale }: { status: RegistryStatus; locale: Locale }) {
  const t = pagesTranslator(locale);
  const { stored, lastRejection } = status;
  return (
    <section class="registry" aria-labelledby="registry-heading" data-registry-version={stored?.version}>
      <h2 id="registry-heading">{t('registry.heading')}</h2>
      {stored ? (
        <>
          <p class="registry-name">{pick(stored.name, locale)}</p>
          <p>{t('registry.version', { version: stored.version, issued: formatInstant(stored.issuedAt, locale) })}</p>
          <p data-stale={stored.stale}>
            {stored.stale
              ? t('registry.stale', { date: formatInstant(stored.expiresAt, locale) })
              : t('registry.expires', { date: formatInstant(stored.expiresAt, locale) })}
          </p>
          {stored.demo ? <p class="demo">{t('registry.demo')}</p> : null}
        </>
      ) : (
        <p>{t('registry.none')}</p>
      )}
      {lastRejection ? (
        <p class="rejection" role="note" data-code={lastRejection.code}>
          {t('registry.rejected', {
            source: lastRejection.source,
            date: formatInstant(lastRejection.at, locale),
            message: lastRejection.message,
          })}
        </p>
      ) : null}
    </section>
  );
}
