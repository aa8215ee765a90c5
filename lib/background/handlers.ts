/** The background's answer to each message of lib/messages.ts. */
import { browser } from 'wxt/browser';
import { detailsPageUrl, reportPageUrl } from '../details-url';
import { roomKeyOf } from '../evidence/sighting';
import { currentLocale } from '../i18n/current';
import type { Handlers } from '../messaging/server';
import { strictest } from '../verdict/merge';
import { badgeFor } from './badge';
import { unlocks } from '../guard-frame';
import { answerGuard } from './guard';
import { minorsNoticeFor } from './minors';
import type { ParentMode, PinOutcome } from './parent-mode';
import { detailsFor } from './details';
import { dismissedMatches, setDismissed } from './dismissals';
import { evidenceLog, recordSighting } from './evidence';
import { deleteMyData, exportMyData } from './my-data';
import { reportOutbox, retryReport, submitReport } from './reports';
import type { AskAgainLater } from './resemblance';
import type { LiveSealService } from './service';
import { registryStatus } from './status';
import { askTabsAgain, rememberTabVerdict, tabVerdict } from './tab-verdicts';
import { toolbarButton } from './toolbar-button';

/** Opens an extension page right after the tab that asked for it. */
const openBeside = (url: string, index: number | undefined) => browser.tabs.create({ url, index: (index ?? -1) + 1 });

/** After a change of parent mode, pages showing a verdict ask again (warnings, guards). */
async function thenRefreshTabs(outcome: Promise<PinOutcome>): Promise<PinOutcome> {
  const result = await outcome;
  if (result.ok) await askTabsAgain();
  return result;
}

function askAgainWhenReady(tabId: number): AskAgainLater {
  let asked = false;
  return (ready) => {
    if (asked) return;
    asked = true;
    void ready.then(() => browser.tabs.sendMessage(tabId, { type: 'registry/changed' })).catch(() => undefined);
  };
}

export function createHandlers(service: LiveSealService, parentMode: ParentMode): Handlers {
  return {
    async 'page/identity'({ identity }, sender) {
      const tabId = sender.tab?.id;
      // The exact verdict at once; a possible match from a still-loading index follows by a second ask.
      const later = tabId === undefined ? undefined : askAgainWhenReady(tabId);
      const [shown, minors] = await Promise.all([service.verdict(identity, later), minorsNoticeFor(service, parentMode, identity)]);
      const verdict = minors ? { ...shown, minors } : shown;
      if (tabId !== undefined) {
        const badge = badgeFor(verdict, await currentLocale());
        await Promise.all([
          toolbarButton().setBadgeText({ tabId, text: badge.text }),
          toolbarButton().setBadgeBackgroundColor({ tabId, color: badge.colour }),
          toolbarButton().setTitle({ tabId, title: badge.title }),
          rememberTabVerdict(tabId, { identity, verdict }),
        ]);
      }
      // Evidence is a side record: failing to write it must not cost the viewer the verdict.
      await recordSighting(identity, verdict).catch(() => undefined);
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
      return detailsFor(all.find((v) => v.verdict === shown)!.registry.store, identity, await dismissedMatches());
    },
    async 'resemblance/dismiss'({ match, dismissed }) {
      await setDismissed(match, dismissed);
      // Open rooms of that account drop (or show again) the warning without a reload.
      await askTabsAgain();
      return null;
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
    async 'report/retry'({ id }) {
      return (await retryReport(id)) ?? null;
    },
    async 'evidence/summary'() {
      return (await evidenceLog()).summary();
    },
    async 'evidence/export'() {
      return (await evidenceLog()).exportAll();
    },
    async 'evidence/clear'() {
      await (await evidenceLog()).clear();
      return null;
    },
    async 'evidence/room'({ identity }) {
      return (await evidenceLog()).forRoom(roomKeyOf(identity));
    },
    async 'report/context'() {
      const info = (await (await service.builtInStore()).header())?.info;
      return { hasEndpoint: Boolean(info?.reportEndpoint), complaintChannels: info?.complaintChannels ?? [] };
    },
    'parent/status': () => parentMode.status(),
    'parent/enable': ({ pin, settings }) => thenRefreshTabs(parentMode.enable(pin, settings)),
    'parent/disable': ({ pin }) => thenRefreshTabs(parentMode.disable(pin)),
    'parent/settings': ({ pin, settings }) => thenRefreshTabs(parentMode.update(pin, settings)),
    'parent/change-pin': ({ pin, newPin }) => parentMode.changePin(pin, newPin),
    'parent/reset': () => parentMode.requestReset(),
    'parent/cancel-reset': ({ pin }) => parentMode.cancelReset(pin),
    async 'guard/unlock'({ ticket, pin }, sender) {
      const outcome = await parentMode.check(pin);
      if (unlocks(outcome)) await answerGuard(sender, ticket, true);
      return outcome;
    },
    async 'guard/cancel'({ ticket }, sender) {
      await answerGuard(sender, ticket, false);
      return null;
    },
    'data/export': () => exportMyData(),
    async 'data/delete-all'() {
      await deleteMyData();
      return null;
    },
  };
}
