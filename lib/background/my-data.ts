/**
 * "My data" in the options page: what the viewer put into LiveSeal — settings, the per-site
 * collapsed panels, dismissed possible matches, reports, the evidence log — exported as one JSON
 * file, or deleted. The registry (public data) and its update state stay: deleting them would
 * only make LiveSeal download them again. Parent mode stays too: it is the parent's, and
 * "delete all" must not become a way around its PIN (docs/minors.md has its own reset).
 */
import { browser } from 'wxt/browser';
import { SETTINGS_KEY } from '../i18n/locale';
import { COLLAPSED_KEY_PREFIX } from '../overlay-prefs';
import type { ReportExport } from '../reports/outbox';
import type { EvidenceExport } from '../evidence/schema';
import { DISMISSED_KEY } from './dismissals';
import { evidenceLog } from './evidence';
import { reportOutbox } from './reports';

export const MY_DATA_SCHEMA_ID = 'liveseal.my-data/v1';

const isMine = (key: string) => key === SETTINGS_KEY || key === DISMISSED_KEY || key.startsWith(COLLAPSED_KEY_PREFIX);

async function myStoredKeys(): Promise<Record<string, unknown>> {
  const all = await browser.storage.local.get(null);
  return Object.fromEntries(Object.entries(all).filter(([key]) => isMine(key)));
}

export async function exportMyData(now = new Date()): Promise<string> {
  const reports = JSON.parse(await (await reportOutbox()).exportAll(now)) as ReportExport;
  const evidence = JSON.parse(await (await evidenceLog()).exportAll(now)) as EvidenceExport;
  return JSON.stringify({ schema: MY_DATA_SCHEMA_ID, exportedAt: now.toISOString(), storage: await myStoredKeys(), reports, evidence }, null, 2);
}

/** Deletes every report, the evidence log, the settings and the per-site choices, and each tab's remembered verdict. */
export async function deleteMyData(): Promise<void> {
  const outbox = await reportOutbox();
  for (const report of await outbox.list()) await outbox.remove(report.id);
  await (await evidenceLog()).clear();
  await browser.storage.local.remove(Object.keys(await myStoredKeys()));
  await browser.storage.session.clear();
}
