import { render } from 'preact';
import { GuardDialog } from '@/components/GuardDialog';
import { guardFrameData } from '@/lib/guard-frame';
import { currentLocale } from '@/lib/i18n/current';
import { send } from '@/lib/messaging/client';

// Opened by the content script in an iframe over the page (lib/guard-frame.ts); keys typed here
// reach this extension document only, never the page around it.
const data = guardFrameData(location.hash);
if (data) {
  const { ticket, reason } = data;
  void currentLocale().then((locale) => {
    document.documentElement.lang = locale;
    render(
      <GuardDialog
        locale={locale}
        reason={reason}
        unlock={(pin) => send({ type: 'guard/unlock', ticket, pin })}
        cancel={() => void send({ type: 'guard/cancel', ticket }).catch(() => undefined)}
      />,
      document.body,
    );
  });
}
