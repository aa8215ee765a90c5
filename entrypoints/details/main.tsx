import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { CertificateDetails } from '@/components/CertificateDetails';
import { pagesTranslator } from '@/components/RegistryStatusCard';
import { dataFromHash, reportPageUrl } from '@/lib/details-url';
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
  useEffect(() => {
    // The background validates the identity; a hand-edited hash just gets an error.
    const identity = dataFromHash(location.hash) as Extract<RequestMessage, { type: 'details/get' }>['identity'];
    if (!identity) return setError(t('details.invalid'));
    send({ type: 'details/get', identity }).then(setDetails, (e: Error) => setError(e.message));
  }, []);
  if (error) return <p role="alert">{t('registry.error', { message: error })}</p>;
  if (!details) return <p>{t('registry.loading')}</p>;
  // Reporting from here fills in the room as the overlay would; the page address is unknown here.
  const reportUrl = reportPageUrl(browser.runtime.getURL('/report.html'), { identity: details.identity, seenAt: new Date().toISOString() });
  return <CertificateDetails details={details} locale={locale} now={new Date()} platformLabel={platformLabel} reportUrl={reportUrl} />;
}

void currentLocale().then((locale) => {
  document.documentElement.lang = locale;
  document.title = `${pagesTranslator(locale)('details.title')} · LiveSeal`;
  render(<DetailsPage locale={locale} />, document.getElementById('app')!);
});
