import { browser } from 'wxt/browser';
import { EVIDENCE_ALARM, purgeEvidence, scheduleEvidencePurge } from '@/lib/background/evidence';
import { createHandlers } from '@/lib/background/handlers';
import { REPORTS_ALARM, sendDueReports } from '@/lib/background/reports';
import { removedRegistries } from '@/lib/background/registries';
import { LiveSealService } from '@/lib/background/service';
import { ParentMode } from '@/lib/background/parent-mode';
import { rememberTabVerdict } from '@/lib/background/tab-verdicts';
import { scheduleChecks, UPDATE_ALARM } from '@/lib/background/updates';
import { dispatch } from '@/lib/messaging/server';
import { builtInSource, pinnedKeys } from '@/lib/registry/pinned';
import { SETTINGS_KEY } from '@/lib/settings';

export default defineBackground(() => {
  const service = new LiveSealService(pinnedKeys(), builtInSource());
  const handlers = createHandlers(service, new ParentMode());
  const extension = { id: browser.runtime.id, origin: browser.runtime.getURL('/') };

  browser.runtime.onMessage.addListener((message, sender, sendResponse) => {
    // sendResponse + `true` works in every supported browser; returned promises do not everywhere.
    void dispatch(message, sender, handlers, extension).then(sendResponse);
    return true;
  });
  browser.runtime.onInstalled.addListener(() => {
    service.onInstalled();
    void scheduleChecks();
    void scheduleEvidencePurge();
  });
  browser.runtime.onStartup.addListener(() => {
    void scheduleChecks();
    void scheduleEvidencePurge();
  });
  browser.storage.onChanged.addListener((changes, area) => {
    const settings = area === 'local' ? changes[SETTINGS_KEY] : undefined;
    if (!settings) return;
    void scheduleChecks();
    void purgeEvidence(); // a shorter retention applies at once
    for (const id of removedRegistries(settings.oldValue, settings.newValue)) void service.registries.forget(id);
  });
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === UPDATE_ALARM) void service.checkNow();
    if (alarm.name === REPORTS_ALARM) void sendDueReports();
    if (alarm.name === EVIDENCE_ALARM) void purgeEvidence();
  });
  browser.tabs.onRemoved.addListener((tabId) => void rememberTabVerdict(tabId, null));
  // A report left unsent by a closed browser or a stopped worker goes out at the next start.
  void sendDueReports();
  // Evidence past its retention goes at every start, not only when the hourly alarm fires.
  void purgeEvidence();
});
