import { browser } from 'wxt/browser';
import { badgeFor } from '@/lib/background/badge';
import { registryStatus } from '@/lib/background/status';
import { BUNDLED_SNAPSHOT_PATH, installBundledSnapshot } from '@/lib/background/bundled';
import { verdictFor } from '@/lib/background/verdicts';
import { resolveLocale } from '@/lib/i18n/locale';
import { dispatch, type Handlers } from '@/lib/messaging/server';
import { pinnedKeys } from '@/lib/registry/pinned';
import { RegistryStore } from '@/lib/registry/store';

export default defineBackground(() => {
  const store = RegistryStore.open();
  const readBundled = async () => (await fetch(browser.runtime.getURL(BUNDLED_SNAPSHOT_PATH))).text();
  const installBundled = async () => installBundledSnapshot(await store, readBundled, pinnedKeys());

  // Verifying and importing is done at install/update, not at every worker start; a worker
  // that finds nothing stored (first run raced, or an earlier import failed) tries once itself.
  let ready: Promise<unknown> = store.then(async (s) => ((await s.header()) ? undefined : installBundled()));
  browser.runtime.onInstalled.addListener(() => {
    ready = ready.then(installBundled);
  });

  const locale = () => resolveLocale('auto', browser.i18n.getUILanguage());

  const handlers: Handlers = {
    async 'page/identity'({ identity }, sender) {
      await ready;
      const verdict = await verdictFor(await store, identity);
      const tabId = sender.tab?.id;
      if (tabId !== undefined) {
        const badge = badgeFor(verdict, locale());
        await Promise.all([
          browser.action.setBadgeText({ tabId, text: badge.text }),
          browser.action.setBadgeBackgroundColor({ tabId, color: badge.colour }),
          browser.action.setTitle({ tabId, title: badge.title }),
        ]);
      }
      return verdict;
    },
    async 'page/left'(_request, sender) {
      const tabId = sender.tab?.id;
      if (tabId !== undefined) {
        await Promise.all([browser.action.setBadgeText({ tabId, text: '' }), browser.action.setTitle({ tabId, title: 'LiveSeal' })]);
      }
      return null;
    },
    async 'registry/status'() {
      await ready;
      return registryStatus(await store);
    },
  };

  const extension = { id: browser.runtime.id, origin: browser.runtime.getURL('/') };
  browser.runtime.onMessage.addListener((message, sender, sendResponse) => {
    // sendResponse + `true` works in every supported browser; returned promises do not everywhere.
    void dispatch(message, sender, handlers, extension).then(sendResponse);
    return true;
  });
});
