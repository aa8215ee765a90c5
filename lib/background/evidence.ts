/**
 * The evidence log from the background's side: a verdict shown for a live room is recorded only
 * while the viewer has the log turned on; entries past the viewer's retention are purged at
 * every worker start, by an hourly alarm, and as soon as the retention is shortened.
 */
import { browser } from 'wxt/browser';
import { EvidenceLog } from '../evidence/log';
import { sightingOf } from '../evidence/sighting';
import type { PageIdentity } from '../identity';
import { parseSettings, SETTINGS_KEY, type EvidenceLogSettings } from '../settings';
import type { Verdict } from '../verdict/types';

export const EVIDENCE_ALARM = 'evidence-purge';
const PURGE_EVERY_MINUTES = 60;

let log: Promise<EvidenceLog> | undefined;
export const evidenceLog = () => (log ??= EvidenceLog.open());

async function evidenceSettings(): Promise<EvidenceLogSettings> {
  return parseSettings((await browser.storage.local.get(SETTINGS_KEY))[SETTINGS_KEY]).evidenceLog;
}

/** Records what a live room showed, if the viewer turned the log on; otherwise touches nothing. */
export async function recordSighting(identity: PageIdentity, verdict: Verdict, now = new Date()): Promise<void> {
  if (!identity.live || !(await evidenceSettings()).enabled) return;
  await (await evidenceLog()).record(sightingOf(identity, verdict), now);
}

/** Deletes the entries older than the viewer's retention (kept entries expire even with the log off). */
export async function purgeEvidence(now = new Date()): Promise<number> {
  return (await evidenceLog()).purge(now, (await evidenceSettings()).retentionDays);
}

export async function scheduleEvidencePurge(): Promise<void> {
  await browser.alarms.create(EVIDENCE_ALARM, { periodInMinutes: PURGE_EVERY_MINUTES });
}
