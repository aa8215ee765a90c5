/**
 * Why LiveSeal thinks a room may be a blacklisted seller under a new name ("changed waistcoat"),
 * and what the viewer can do: dismiss it for this account (or undo that), or report it.
 */
import { formatDay, pick, type Locale } from '../lib/i18n/locale';
import { translator } from '../lib/i18n/verdict-text';
import type { ReportPrefill } from '../lib/details-url';
import { nameSkeleton } from '../lib/names/normalize';
import { RESEMBLANCE_THRESHOLD, scoreParts } from '../lib/names/resemblance';
import type { DismissedMatch, ResemblanceReason, Verdict } from '../lib/verdict/types';
import { pagesTranslator } from './RegistryStatusCard';

export interface PossibleMatchesProps {
  verdict: Verdict;
  /** The room's platform: a dismissal is remembered for its account there. */
  platform: string;
  locale: Locale;
  platformLabel(id: string): string;
  /** Dismisses a match for the page account (true) or undoes that (false). */
  onDismiss?(match: DismissedMatch, dismissed: boolean): void;
  /** The report form, pre-filled. */
  reportUrl?(prefill: ReportPrefill): string;
}

const percent = (x: number) => Math.round(x * 100);

function Match({ reason, dismissed, props }: { reason: ResemblanceReason; dismissed: boolean; props: PossibleMatchesProps }) {
  const { locale, platformLabel, onDismiss, reportUrl } = props;
  const t = pagesTranslator(locale);
  const tv = translator(locale);
  const parts = scoreParts(reason.listedName, reason.pageName);
  const confidence = tv(`confidence.${reason.confidence}`);
  const reasons = reason.reasons.map((r) => pick(r, locale)).join(tv('list.separator'));
  const match = reason.pageAccountId && { platform: props.platform, accountId: reason.pageAccountId, entryId: reason.entryId };
  const prefill: ReportPrefill = {
    reasonId: 'banned-anchor-new-account',
    description: t('details.match.reportText', {
      pageName: reason.pageName,
      listedName: reason.listedName,
      authority: reason.authority,
      date: formatDay(reason.listedOn, locale),
      reasons,
      confidence,
    }),
  };
  return (
    <article class="listing match" data-entry={reason.entryId} data-dismissed={String(dismissed)}>
      <h3>{t('details.match.title', { pageName: reason.pageName, listedName: reason.listedName })}</h3>
      <p>{t('details.match.confidence', { confidence, score: reason.score.toFixed(2), threshold: RESEMBLANCE_THRESHOLD.toFixed(2) })}</p>
      <dl>
        <dt>{t('details.match.pageName', { role: t(reason.pageRole === 'shop' ? 'details.role.shop' : 'details.role.anchor') })}</dt>
        <dd>{reason.pageName}</dd>
        <dt>{t('details.match.listedName', { kind: t(`details.kind.${reason.kind}`) })}</dt>
        <dd>{reason.listedName}</dd>
        <dt>{t('details.match.compared')}</dt>
        <dd>{t('details.match.comparedValue', { page: nameSkeleton(reason.pageName), listed: nameSkeleton(reason.listedName) })}</dd>
        <dt>{t('details.match.what')}</dt>
        <dd>
          {t('details.match.whatValue', { similarity: percent(parts.similarity), retained: percent(parts.retained), shared: percent(parts.dice) })}
        </dd>
        <dt>{t('details.reasons')}</dt>
        <dd>{reasons}</dd>
        {reason.measures.length ? (
          <>
            <dt>{t('details.measures')}</dt>
            <dd>{reason.measures.map((m) => tv(`measure.${m}`)).join(tv('list.separator'))}</dd>
          </>
        ) : null}
        <dt>{t('details.authority')}</dt>
        <dd>{reason.authority}</dd>
        <dt>{t('details.listedOn')}</dt>
        <dd>{formatDay(reason.listedOn, locale)}</dd>
        {reason.sources.length ? (
          <>
            <dt>{t('details.match.sources')}</dt>
            <dd>{reason.sources.map((s) => `${platformLabel(s.platform)} ${s.accountId}`).join(tv('list.separator'))}</dd>
          </>
        ) : null}
        {reason.reference ? (
          <>
            <dt>{t('details.reference')}</dt>
            <dd>{reason.reference}</dd>
          </>
        ) : null}
      </dl>
      {dismissed ? <p class="dismissed">{t('details.match.dismissed')}</p> : null}
      <p class="actions">
        {match && onDismiss ? (
          <button type="button" onClick={() => onDismiss(match, !dismissed)}>
            {t(dismissed ? 'details.match.undo' : 'details.match.dismiss')}
          </button>
        ) : null}{' '}
        {reportUrl ? (
          <a class="waistcoat-report" href={reportUrl(prefill)}>
            {t('details.match.report')}
          </a>
        ) : null}
      </p>
    </article>
  );
}

export function PossibleMatches(props: PossibleMatchesProps) {
  const t = pagesTranslator(props.locale);
  const active = props.verdict.reasons.filter((r): r is ResemblanceReason => r.code === 'resembles-blacklisted');
  const dismissed = props.verdict.dismissed ?? [];
  if (active.length + dismissed.length === 0) return null;
  return (
    <section aria-labelledby="matches-heading">
      <h2 id="matches-heading">{t('details.matches')}</h2>
      {active.map((r) => (
        <Match key={r.entryId} reason={r} dismissed={false} props={props} />
      ))}
      {dismissed.map((r) => (
        <Match key={r.entryId} reason={r} dismissed={true} props={props} />
      ))}
    </section>
  );
}
