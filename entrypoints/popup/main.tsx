import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { Overlay } from '@/components/Overlay';
import overlayCss from '@/components/overlay.css?inline';
import { pagesTranslator, RegistryStatusCard } from '@/components/RegistryStatusCard';
import { SiteSwitch } from '@/components/SiteSwitch';
import { detailsPageUrl, reportPageUrl } from '@/lib/details-url';
import { currentLocale } from '@/lib/i18n/current';
import { SETTINGS_KEY } from '@/lib/i18n/locale';
import type { Locale } from '@/lib/i18n/locale';
import type { PageIdentity } from '@/lib/identity';
import type { RegistryStatus, Responses } from '@/lib/messages';
import { send } from '@/lib/messaging/client';
import { overlayPrefsOf } from '@/lib/overlay-prefs';
import { setOverlayShownOn } from '@/lib/settings';

// The same panel as on the page, so the toolbar shows exactly what the overlay claims.
document.head.append(Object.assign(document.createElement('style'), { textContent: overlayCss }));

/**
 * The popup is opened by a toolbar click, which grants activeTab: the one moment a screenshot of
 * the visible tab can be taken. It is handed to the report page through session storage, shown
 * there, and sent only if the viewer keeps it.
 */
async function reportWithScreenshot(identity: PageIdentity) {
  const win = await browser.windows.getLastFocused({ windowTypes: ['normal'] });
  const [tab] = await browser.tabs.query({ active: true, windowId: win.id });
  const screenshotKey = `report.screenshot.${crypto.randomUUID()}`;
  const shot = await browser.tabs.captureVisibleTab(win.id!, { format: 'jpeg', quality: 70 }).catch(() => undefined);
  if (shot) await browser.storage.session.set({ [screenshotKey]: shot });
  await browser.tabs.create({
    url: reportPageUrl(browser.runtime.getURL('/report.html'), {
      identity,
      pageUrl: tab?.url,
      seenAt: new Date().toISOString(),
      screenshotKey: shot ? screenshotKey : undefined,
    }),
  });
}

/** The tab the popup is about: the active tab of the last focused normal window (activeTab shows its address). */
async function currentTab() {
  const win = await browser.windows.getLastFocused({ windowTypes: ['normal'] });
  const [tab] = await browser.tabs.query({ active: true, windowId: win.id });
  return tab;
}

/** The current tab's site and whether the panel shows there. */
async function siteOf(url: string | undefined): Promise<{ site: string; shown: boolean } | undefined> {
  const site = url ? URL.parse(url)?.hostname : undefined;
  if (!site) return undefined;
  const prefs = overlayPrefsOf((await browser.storage.local.get(SETTINGS_KEY))[SETTINGS_KEY]);
  return { site, shown: !prefs.disabledSites.includes(site) };
}

function Popup({ locale }: { locale: Locale }) {
  const t = pagesTranslator(locale);
  const [status, setStatus] = useState<RegistryStatus | undefined>();
  const [tab, setTab] = useState<Responses['tab/verdict'] | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [site, setSite] = useState<{ site: string; shown: boolean } | undefined>();
  useEffect(() => {
    const fail = (e: Error) => setError(e.message);
    send({ type: 'registry/status' }).then(setStatus, fail);
    currentTab()
      .then((current) => {
        void siteOf(current?.url).then(setSite);
        return current?.id === undefined ? null : send({ type: 'tab/verdict', tabId: current.id });
      })
      .then(setTab, fail);
  }, []);
  if (error) return <p role="alert">{t('registry.error', { message: error })}</p>;
  return (
    <>
      <h1>LiveSeal</h1>
      {tab ? (
        <Overlay
          verdict={tab.verdict}
          locale={locale}
          collapsed={false}
          onDetails={() => void browser.tabs.create({ url: detailsPageUrl(browser.runtime.getURL('/details.html'), tab.identity) })}
          onReport={() => void reportWithScreenshot(tab.identity)}
        />
      ) : null}
      {tab && site ? (
        <SiteSwitch
          locale={locale}
          site={site.site}
          shown={site.shown}
          onChange={(shown) => void setOverlayShownOn(site.site, shown).then(() => setSite({ ...site, shown }))}
        />
      ) : tab === null ? (
        <p class="no-room">{t('popup.noRoom')}</p>
      ) : null}
      {status ? <RegistryStatusCard status={status} locale={locale} /> : <p>{t('registry.loading')}</p>}
    </>
  );
}

void currentLocale().then((locale) => {
  document.documentElement.lang = locale;
  render(<Popup locale={locale} />, document.getElementById('app')!);
});
