import { browser } from 'wxt/browser';
import { badgeFor } from '@/lib/background/badge';
import { BUNDLED_SNAPSHOT_PATH, installBundledSnapshot } from '@/lib/background/bundled';
import { detailsFor } from '@/lib/background/details';
import { registryStatus } from '@/lib/background/status';
import { rememberTabVerdict, tabsWithVerdicts, tabVerdict } from '@/lib/background/tab-verdicts';
import { verdictFor } from '@/lib/background/verdicts';
import { Registries } from '@/lib/background/registries';
import type { PageIdentity } from '@/lib/identity';
import { strictest } from '@/lib/verdict/merge';
import { currentLocale } from '@/lib/i18n/current';
import { dispatch, type Handlers } from '@/lib/messaging/server';
import { builtInSource, pinnedKeys } from '@/lib/registry/pinned';
import { checkRegistry, currentTrust, scheduleChecks, UPDATE_ALARM } from '@/lib/background/updates';
import { signersOf } from '@/lib/registry/trust';
import { SETTINGS_KEY } from '@/lib/settings';
import { RegistryStore } from '@/lib/registry/store';
import { detailsPageUrl, reportPageUrl } from '@/lib/details-url';
import { REPORTS_ALARM, reportOutbox, sendDueReports, submitReport } from '@/lib/background/reports';

export default defineBackground(() => {
  const store = RegistryStore.open();
  const readBundled = async () => (await fetch(browser.runtime.getURL(BUNDLED_SNAPSHOT_PATH))).text();
  // Verified with the keys trusted now: after a key rotation, the pinned ones may be revoked.
  const installBundled = async () => {
    const { trustedKeys, threshold } = signersOf(await currentTrust(pinnedKeys()));
    return installBundledSnapshot(await store, readBundled, trustedKeys, threshold);
  };

  // Verifying and importing is done at install/update, not at every worker start; a worker
  // that finds nothing stored (first run raced, or an earlier import failed) tries once itself.
  let ready: Promise<unknown> = store.then(async (s) => ((await s.header()) ? undefined : installBundled()));
  browser.runtime.onInstalled.addListener(() => {
    ready = ready.then(installBundled);
    void scheduleChecks();
  });
  browser.runtime.onStartup.addListener(() => void scheduleChecks());
  browser.storage.onChanged.addListener((changes, area) => {
    if (area === 'local' && SETTINGS_KEY in changes) void scheduleChecks();
  });
  const registries = new Registries(store, pinnedKeys(), builtInSource());
  /** Each registry's verdict, in registry order (built-in first). */
  const verdictsFor = async (identity: PageIdentity) => {
    await ready;
    const all = await registries.all();
    return Promise.all(all.map(async (r) => ({ registry: r, verdict: await verdictFor(r.store, identity) })));
  };
  const check = async () => {
    const entries = [];
    for (const r of await registries.all()) {
      entries.push(await checkRegistry({ store: r.store, source: r.source, pinned: r.pinned, threshold: r.threshold, registryId: r.id }));
    }
    const entry = entries[0]!;
    if (entries.some((e) => e.status === 'installed')) {
      for (const tabId of await tabsWithVerdicts()) {
        void browser.tabs.sendMessage(tabId, { type: 'registry/changed' }).catch(() => undefined);
      }
    }
    return entry;
  };
  // One update at a time: an alarm and "check now" must not race on the same store.
  let updating: Promise<unknown> = Promise.resolve();
  const checkNow = () => {
    const run = updating.then(check, check);
    updating = run.catch(() => undefined);
    return run;
  };
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === UPDATE_ALARM) void checkNow();
    if (alarm.name === REPORTS_ALARM) void sendDueReports();
  });
  // A report left unsent by a closed browser or a stopped worker goes out at the next start.
  void sendDueReports();
  const handlers: Handlers = {
    async 'page/identity'({ identity }, sender) {
      const verdict = strictest((await verdictsFor(identity)).map((v) => v.verdict));
      const tabId = sender.tab?.id;
      if (tabId !== undefined) {
        const badge = badgeFor(verdict, await currentLocale());
        await Promise.all([
          browser.action.setBadgeText({ tabId, text: badge.text }),
          browser.action.setBadgeBackgroundColor({ tabId, color: badge.colour }),
          browser.action.setTitle({ tabId, title: badge.title }),
          rememberTabVerdict(tabId, { identity, verdict }),
        ]);
      }
      return verdict;
    },
    async 'page/left'(_request, sender) {
      const tabId = sender.tab?.id;
      if (tabId !== undefined) {
        await Promise.all([
          browser.action.setBadgeText({ tabId, text: '' }),
          browser.action.setTitle({ tabId, title: 'LiveSeal' }),
          rememberTabVerdict(tabId, null),
        ]);
      }
      return null;
    },
    async 'details/open'({ identity }, sender) {
      await browser.tabs.create({ url: detailsPageUrl(browser.runtime.getURL('/details.html'), identity), index: (sender.tab?.index ?? -1) + 1 });
      return null;
    },
    async 'report/open'({ identity }, sender) {
      const url = reportPageUrl(browser.runtime.getURL('/report.html'), { identity, pageUrl: sender.url, seenAt: new Date().toISOString() });
      await browser.tabs.create({ url, index: (sender.tab?.index ?? -1) + 1 });
      return null;
    },
    async 'report/submit'({ draft }) {
      await ready;
      return submitReport(draft, await store);
    },
    async 'report/list'() {
      return (await reportOutbox()).list();
    },
    async 'report/delete'({ id }) {
      await (await reportOutbox()).remove(id);
      return null;
    },
    async 'report/export'() {
      return (await reportOutbox()).exportAll();
    },
    async 'report/context'() {
      await ready;
      const info = (await (await store).header())?.info;
      return { hasEndpoint: Boolean(info?.reportEndpoint), complaintChannels: info?.complaintChannels ?? [] };
    },
    async 'details/get'({ identity }) {
      // The details of the registry whose verdict the viewer was shown.
      const all = await verdictsFor(identity);
      const shown = strictest(all.map((v) => v.verdict));
      return detailsFor(all.find((v) => v.verdict === shown)!.registry.store, identity);
    },
    async 'tab/verdict'({ tabId }) {
      return tabVerdict(tabId);
    },
    async 'registry/status'() {
      await ready;
      return registryStatus(await registries.all());
    },
    'registry/check-now': checkNow,
  };

  const extension = { id: browser.runtime.id, origin: browser.runtime.getURL('/') };
  browser.runtime.onMessage.addListener((message, sender, sendResponse) => {
    // sendResponse + `true` works in every supported browser; returned promises do not everywhere.
    void dispatch(message, sender, handlers, extension).then(sendResponse);
    return true;
  });
  browser.tabs.onRemoved.addListener((tabId) => void rememberTabVerdict(tabId, null));
});
