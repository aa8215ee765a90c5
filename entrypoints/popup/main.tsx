import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { pagesTranslator, RegistryStatusCard } from '@/components/RegistryStatusCard';
import { resolveLocale } from '@/lib/i18n/locale';
import type { RegistryStatus } from '@/lib/messages';
import { send } from '@/lib/messaging/client';

const locale = resolveLocale('auto', browser.i18n.getUILanguage());
document.documentElement.lang = locale;

function Popup() {
  const t = pagesTranslator(locale);
  const [status, setStatus] = useState<RegistryStatus | undefined>();
  const [error, setError] = useState<string | undefined>();
  useEffect(() => {
    send({ type: 'registry/status' }).then(setStatus, (e: Error) => setError(e.message));
  }, []);
  return (
    <>
      <h1>LiveSeal</h1>
      {error ? (
        <p role="alert">{t('registry.error', { message: error })}</p>
      ) : status ? (
        <RegistryStatusCard status={status} locale={locale} />
      ) : (
        <p>{t('registry.loading')}</p>
      )}
    </>
  );
}

render(<Popup />, document.getElementById('app')!);
