/** The background's answer to each message of lib/messages.ts. */
import { browser } from 'wxt/browser';
import { detailsPageUrl, reportPageUrl } from '../details-url';
import { currentLocale } from '../i18n/current';
import type { Handlers } from '../messaging/server';
import { strictest } from '../verdict/merge';
import { badgeFor } from './badge';
import { detailsFor } from './details';
import { deleteMyData, exportMyData } from './my-data';
import { reportOutbox, submitReport } from './reports';
import type { LiveSealService } from './service';
import { registryStatus } from './status';
import { rememberTabVerdict, tabVerdict } from './tab-verdicts';
import { toolbarButton } from './toolbar-button';

/** Opens an extension page right after the tab that asked for it. */
const openBeside = (url: string, index: number | undefined) => browser.tabs.create({ url, index: (index ?? -1) + 1 });

export function createHandlers(service: LiveSealService): Handlers {
  return {
    async 'page/identity'({ identity }, sender) {
      const verdict = await service.verdict(identity);
      const tabId = sender.tab?.id;
      if (tabId !== undefined) {
        const badge = badgeFor(verdict, await currentLocale());
        await Promise.all([
          toolbarButton().setBadgeText({ tabId, text: badge.text }),
          toolbarButton().setBadgeBackgroundColor({ tabId, color: badge.colour }),
          toolbarButton().setTitle({ tabId, title: badge.title }),
          rememberTabVerdict(tabId, { identity, verdict }),
        ]);
      }
      return verdict;
    },
    async 'page/left'(_request, sender) {
      const tabId = sender.tab?.id;
      if (tabId !== undefined) {
        await Promise.all([
          toolbarButton().setBadgeText({ tabId, text: '' }),
          toolbarButton().setTitle({ tabId, title: 'LiveSeal' }),
          rememberTabVerdict(tabId, null),
        ]);
      }
      return null;
    },
    async 'details/open'({ identity }, sender) {
      await openBeside(detailsPageUrl(browser.runtime.getURL('/details.html'), identity), sender.tab?.index);
      return null;
    },
    async 'details/get'({ identity }) {
      // The records of the registry whose verdict the viewer was shown.
      const all = await service.verdicts(identity);
      const shown = strictest(all.map((v) => v.verdict));
      return detailsFor(all.find((v) => v.verdict === shown)!.registry.store, identity);
    },
    async 'tab/verdict'({ tabId }) {
      return tabVerdict(tabId);
    },
    async 'registry/status'() {
      return registryStatus(await service.allRegistries());
    },
    'registry/check-now': () => service.checkNow(),
    async 'report/open'({ identity }, sender) {
      const url = reportPageUrl(browser.runtime.getURL('/report.html'), { identity, pageUrl: sender.url, seenAt: new Date().toISOString() });
      await openBeside(url, sender.tab?.index);
      return null;
    },
    async 'report/submit'({ draft }) {
      return submitReport(draft, await service.builtInStore());
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
      const info = (await (await service.builtInStore()).header())?.info;
      return { hasEndpoint: Boolean(info?.reportEndpoint), complaintChannels: info?.complaintChannels ?? [] };
    },
    'data/export': () => exportMyData(),
    async 'data/delete-all'() {
      await deleteMyData();
      return null;
    },
  };
}
