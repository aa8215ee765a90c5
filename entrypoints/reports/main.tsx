import { render } from 'preact';
import { MyReports } from '@/components/MyReports';
import { downloadJson, exportFileName } from '@/lib/download';
import { currentLocale } from '@/lib/i18n/current';
import type { Locale } from '@/lib/i18n/locale';
import { reportsTranslator } from '@/lib/i18n/reports';
import { send } from '@/lib/messaging/client';

const app = document.getElementById('app')!;

async function draw(locale: Locale): Promise<void> {
  const reports = await send({ type: 'report/list' });
  render(
    <MyReports
      locale={locale}
      reports={reports}
      onDelete={async (id) => {
        await send({ type: 'report/delete', id });
        await draw(locale);
      }}
      onRetry={async (id) => {
        await send({ type: 'report/retry', id });
        await draw(locale);
      }}
      onExport={async () => downloadJson(await send({ type: 'report/export' }), exportFileName('reports'))}
    />,
    app,
  );
}

void currentLocale().then(async (locale) => {
  document.documentElement.lang = locale;
  document.title = `${reportsTranslator(locale)('reports.title')} · LiveSeal`;
  await draw(locale);
  // States change while the page is open (retries): refresh now and then.
  setInterval(() => void draw(locale), 2000);
});
