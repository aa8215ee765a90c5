import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { CertificateDetails } from '@/components/CertificateDetails';
import { pagesTranslator } from '@/components/RegistryStatusCard';
import { dataFromHash, reportPageUrl, type ReportPrefill } from '@/lib/details-url';
import { currentLocale } from '@/lib/i18n/current';
import { pick, type Locale } from '@/lib/i18n/locale';
import type { Details, RequestMessage } from '@/lib/messages';
import { send } from '@/lib/messaging/client';
import { platforms } from '@/lib/platforms';

function DetailsPage({ locale }: { locale: Locale }) {
  const t = pagesTranslator(locale);
  const platformLabel = (id: string) => {
    const platform = platforms.find((p) => p.id === id);
    return platform ? pick(platform.label, locale) : id;
  };
  const [details, setDetails] = useState<Details | undefined>();
  const [error, setError] = useState<string | undefined>();
  // The background validates the identity; a hand-edited hash just gets an error.
  const identity = dataFromHash(location.hash) as Extract<RequestMessage, { type: 'details/get' }>['identity'];
  const load = () => send({ type: 'details/get', identity }).then(setDetails, (e: Error) => setError(e.message));
  useEffect(() => {
    if (!identity) return setError(t('details.invalid'));
    void load();
  }, []);
  if (error) return <p role="alert">{t('registry.error', { message: error })}</p>;
  if (!details) return <p>{t('registry.loading')}</p>;
  // Reporting from here fills in the room as the overlay would; the page address is unknown here.
  const reportUrlWith = (prefill?: ReportPrefill) =>
    reportPageUrl(browser.runtime.getURL('/report.html'), { identity: details.identity, seenAt: new Date().toISOString(), prefill });
  return (
    <CertificateDetails
      details={details}
      locale={locale}
      now={new Date()}
      platformLabel={platformLabel}
      reportUrl={reportUrlWith()}
      matchReportUrl={reportUrlWith}
      onDismiss={(match, dismissed) => void send({ type: 'resemblance/dismiss', match, dismissed }).then(load, (e: Error) => setError(e.message))}
    />
  );
}

void currentLocale().then((locale) => {
  document.documentElement.lang = locale;
  document.title = `${pagesTranslator(locale)('details.title')} · LiveSeal`;
  render(<DetailsPage locale={locale} />, document.getElementById('app')!);
});
