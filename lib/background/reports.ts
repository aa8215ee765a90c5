/**
 * Reports from the background's side: stored in the outbox before anything is sent, sent to
 * the reportEndpoint of the signed registry, retried by alarm with backoff until acknowledged —
 * across worker and browser restarts, since the outbox and the alarm both persist.
 */
import { browser } from 'wxt/browser';
import { buildPayload, type ReportDraft } from '../reports/schema';
import { processDue, ReportOutbox, type ReportRecord } from '../reports/outbox';
import type { RegistryStore } from '../registry/store';

export const REPORTS_ALARM = 'reports-retry';

let outbox: Promise<ReportOutbox> | undefined;
export const reportOutbox = () => (outbox ??= ReportOutbox.open());

/** Sends what is due and sets the alarm for the next retry, if any. */
export async function sendDueReports(): Promise<void> {
  const result = await processDue(await reportOutbox());
  if (result.nextAttemptAt !== undefined) {
    await browser.alarms.create(REPORTS_ALARM, { when: Math.max(result.nextAttemptAt, Date.now() + 1000) });
  }
}

/**
 * Stores the report (local only when the registry declares no endpoint) and answers at once;
 * sending happens after, so a slow receiver never holds the viewer's page.
 */
export async function submitReport(draft: ReportDraft, registry: RegistryStore): Promise<ReportRecord> {
  const header = await registry.header();
  const payload = buildPayload(draft, { registry: { id: header?.info.id ?? 'none', version: header?.version ?? 1 } });
  const record = await (await reportOutbox()).add(payload, header?.info.reportEndpoint);
  void sendDueReports();
  return record;
}

/** The viewer's "retry now": a queued or failed report is due at once; sending starts without holding the page. */
export async function retryReport(id: string): Promise<ReportRecord | undefined> {
  const record = await (await reportOutbox()).retry(id);
  void sendDueReports();
  return record;
}
