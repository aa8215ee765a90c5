import { render } from 'preact';
import { browser } from 'wxt/browser';
import { ReportForm } from '@/components/ReportForm';
import { dataFromHash, type ReportPageData } from '@/lib/details-url';
import { currentLocale } from '@/lib/i18n/current';
import { reportsTranslator } from '@/lib/i18n/reports';
import { PageIdentity } from '@/lib/identity';
import { send } from '@/lib/messaging/client';
import { DESCRIPTION_MAX, ReportReasonId } from '@/lib/reports/schema';

async function main() {
  const locale = await currentLocale();
  const t = reportsTranslator(locale);
  document.documentElement.lang = locale;
  document.title = `${t('report.title')} · LiveSeal`;
  const data = (dataFromHash(location.hash) ?? {}) as Partial<ReportPageData>;
  const identity = PageIdentity.safeParse(data.identity);
  // A screenshot taken from the popup waits in session storage; read once, then forgotten.
  let screenshot: string | undefined;
  if (data.screenshotKey?.startsWith('report.screenshot.')) {
    const stored = await browser.storage.session.get(data.screenshotKey);
    screenshot = typeof stored[data.screenshotKey] === 'string' ? (stored[data.screenshotKey] as string) : undefined;
    await browser.storage.session.remove(data.screenshotKey);
  }
  const [context, evidence] = await Promise.all([
    send({ type: 'report/context' }),
    identity.success ? send({ type: 'evidence/room', identity: identity.data }) : [],
  ]);
  render(
    <ReportForm
      locale={locale}
      identity={identity.success ? identity.data : PageIdentity.parse({ platform: 'unknown', live: false })}
      pageUrl={typeof data.pageUrl === 'string' && /^https?:/.test(data.pageUrl) ? data.pageUrl : undefined}
      seenAt={typeof data.seenAt === 'string' ? data.seenAt : new Date().toISOString()}
      screenshot={screenshot}
      hasEndpoint={context.hasEndpoint}
      complaintChannels={context.complaintChannels}
      evidence={evidence}
      reasonId={ReportReasonId.safeParse(data.prefill?.reasonId).data}
      description={typeof data.prefill?.description === 'string' ? data.prefill.description.slice(0, DESCRIPTION_MAX) : undefined}
      onSubmit={async (draft) => {
        try {
          const record = await send({ type: 'report/submit', draft });
          return { state: record.state };
        } catch (e) {
          return { error: (e as Error).message };
        }
      }}
    />,
    document.getElementById('app')!,
  );
}

void main();
