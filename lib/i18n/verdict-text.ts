/** Sentences for a Verdict in the reader's language. Pure: the same verdict reads the same everywhere. */
import type { Reason, Verdict, VerdictStatus } from '../verdict/types';
import { formatDay, makeTranslator, pick, type Locale } from './locale';
import { overlayCatalogs, type OverlayKey } from './overlay';

export type Translate = (key: OverlayKey, params?: Record<string, string | number>) => string;

export const translator: (locale: Locale) => Translate = makeTranslator(overlayCatalogs);

export function statusText(status: VerdictStatus, t: Translate): string {
  return t(`status.${status}`);
}

function gradeLabel(verdict: Verdict, gradeId: string, locale: Locale): string {
  const grade = verdict.certificate?.grade;
  return grade && grade.id === gradeId ? pick(grade.label, locale) : gradeId;
}

export function reasonText(reason: Reason, verdict: Verdict, locale: Locale): string {
  const t = translator(locale);
  const day = (d: string) => formatDay(d, locale);
  switch (reason.code) {
    case 'blacklisted-account':
    case 'blacklisted-name':
    case 'resembles-blacklisted': {
      const listing = {
        authority: reason.authority,
        date: day(reason.listedOn),
        listedName: reason.listedName,
        reasons: reason.reasons.map((r) => pick(r, locale)).join(t('list.separator')),
      };
      const measures = reason.measures.length
        ? ' ' + t('measures.label', { measures: reason.measures.map((m) => t(`measure.${m}`)).join(t('list.separator')) })
        : '';
      switch (reason.code) {
        case 'blacklisted-account':
          return t('reason.blacklisted-account', { ...listing, account: reason.accountId, platform: reason.platform }) + measures;
        case 'blacklisted-name':
          return t('reason.blacklisted-name', { ...listing, pageName: reason.pageName }) + measures;
        case 'resembles-blacklisted': {
          const accounts = reason.sources.map((s) => `${s.platform} ${s.accountId}`).join(t('list.separator'));
          return (
            t('reason.resembles-blacklisted', {
              ...listing,
              kind: t(`kind.${reason.kind}`),
              pageName: reason.pageName,
              confidence: t(`confidence.${reason.confidence}`),
              sources: accounts ? t('reason.resembles-blacklisted.sources', { accounts }) : '',
            }) + measures
          );
        }
      }
    }
    case 'certificate-status':
      return t('reason.certificate-status', {
        number: reason.certificateNumber,
        status: t(`certStatus.${reason.status}`),
        since: reason.since ? t('reason.certificate-status.since', { date: day(reason.since) }) : '',
        why: reason.statusReason ? t('reason.certificate-status.why', { why: pick(reason.statusReason, locale) }) : '',
      });
    case 'certificate-expired':
      return t('reason.certificate-expired', { number: reason.certificateNumber, date: day(reason.expiredOn) });
    case 'audit-overdue':
      return t('reason.audit-overdue', { last: day(reason.lastAudit), due: day(reason.dueOn) });
    case 'certified':
      return t('reason.certified', {
        number: reason.certificateNumber,
        grade: gradeLabel(verdict, reason.gradeId, locale),
        date: day(reason.expiresOn),
      });
    case 'virtual-anchor':
      return t(reason.undisclosed ? 'reason.virtual-anchor.undisclosed' : 'reason.virtual-anchor', {
        name: reason.displayName ?? reason.accountId,
      });
    case 'not-for-minors':
      return t('reason.not-for-minors', { name: reason.displayName ?? reason.accountId });
    case 'registry-stale':
      return t('reason.registry-stale', { date: day(reason.expiredAt.slice(0, 10)) });
    case 'not-listed':
    case 'registry-missing':
    case 'demo-registry':
      return t(`reason.${reason.code}`);
  }
}
