/** The on-page verdict: the mark, the status in words, and every reason. Rendered in a closed shadow root. */
import { formatDay, pick, type Locale } from '../lib/i18n/locale';
import { reasonText, statusText, translator } from '../lib/i18n/verdict-text';
import type { Tone } from '../lib/verdict/tone';
import { toneOf } from '../lib/verdict/tone';
import type { RoomVerdict } from '../lib/messages';
import { MinorsWarnings } from './MinorsWarnings';
import type { OverlaySize } from '../lib/overlay-prefs';

/** Colour is never the only signal: every tone has its own symbol too. */
const TONE_SYMBOL: Record<Tone, string> = { ok: '✓', warning: '!', danger: '✕', neutral: '?' };

export interface OverlayProps {
  verdict: RoomVerdict;
  locale: Locale;
  collapsed: boolean;
  /** The viewer's choice in the options page; normal when absent (the popup). */
  size?: OverlaySize;
  /** Absent where the panel cannot collapse (the popup). */
  onToggle?: () => void;
  /** Opens the certificate details in an extension page, which the host page cannot imitate. */
  onDetails?: () => void;
  /** Opens the report form (an extension page) for this room. */
  onReport?: () => void;
}

export function Overlay({ verdict, locale, collapsed, size = 'normal', onToggle, onDetails, onReport }: OverlayProps) {
  const t = translator(locale);
  const tone = toneOf(verdict.status);
  const grade = verdict.certificate?.grade;
  const showGrade = grade && (verdict.status === 'certified' || verdict.status === 'unconfirmed');
  const status = statusText(verdict.status, t);
  return (
    <section class="ls" data-status={verdict.status} data-tone={tone} data-size={size} aria-label={t('overlay.label')} lang={locale}>
      <div class="head">
        <span class="mark" aria-hidden="true">
          {TONE_SYMBOL[tone]}
        </span>
        {showGrade ? (
          <span class="grade" data-grade={grade.id} aria-hidden="true">
            <span class="swatch" style={{ background: grade.colour }} />
            {pick(grade.label, locale)}
          </span>
        ) : null}
        <strong class="status" role="status">
          {status}
          {showGrade ? <span class="sr"> {t('overlay.grade', { grade: pick(grade.label, locale) })}</span> : null}
        </strong>
        {onToggle ? (
          <button
            type="button"
            class="toggle"
            aria-expanded={!collapsed}
            aria-label={collapsed ? t('overlay.expand') : t('overlay.collapse')}
            title={collapsed ? t('overlay.expand') : t('overlay.collapse')}
            onClick={onToggle}
          >
            {collapsed ? '+' : '−'}
          </button>
        ) : null}
      </div>
      {/* Shown collapsed too: a child must not be able to fold the parent's warnings away. */}
      {verdict.minors?.products.length ? <MinorsWarnings notice={verdict.minors} locale={locale} /> : null}
      {collapsed ? null : (
        <div class="body">
          {verdict.company ? (
            <p class="company">
              {verdict.company.name}
              {verdict.certificate ? (
                <span class="until"> · {formatDay(verdict.certificate.expiresOn, locale)}</span>
              ) : null}
            </p>
          ) : null}
          <ul class="reasons">
            {verdict.reasons.map((reason, i) => (
              <li key={i} data-reason={reason.code}>
                {reasonText(reason, verdict, locale)}
              </li>
            ))}
          </ul>
          <div class="foot">
            {onDetails ? (
              <button type="button" class="details" onClick={onDetails}>
                {t('overlay.details')}
              </button>
            ) : null}{' '}
            {onReport ? (
              <button type="button" class="details" onClick={onReport}>
                {t('overlay.report')}
              </button>
            ) : null}
            <p class="hint">{t('overlay.trustHint')}</p>
          </div>
        </div>
      )}
    </section>
  );
}
