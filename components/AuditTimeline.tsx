/** A certificate's life as a picture: issue, each surveillance audit, the next audit due, expiry, today. */
import { formatDay, type Locale } from '../lib/i18n/locale';
import type { Certificate } from '../lib/registry/schema';
import { addMonths } from '../lib/verdict/dates';
import { pagesTranslator } from './RegistryStatusCard';

const WIDTH = 640;
const HEIGHT = 88;
const PAD = 24;
const LINE_Y = 44;

const dayTime = (day: string) => Date.parse(`${day}T00:00:00Z`);

export function AuditTimeline({ certificate, today, locale }: { certificate: Certificate; today: string; locale: Locale }) {
  const t = pagesTranslator(locale);
  const audits = [...certificate.audits].sort();
  const due = addMonths(audits.at(-1) ?? certificate.issuedOn, 12);
  const start = dayTime(certificate.issuedOn);
  const end = Math.max(dayTime(certificate.expiresOn), dayTime(today), dayTime(due));
  const x = (day: string) => PAD + ((dayTime(day) - start) / Math.max(end - start, 1)) * (WIDTH - 2 * PAD);
  const overdue = today > due && due <= certificate.expiresOn;
  const label = t('details.timeline', {
    issued: formatDay(certificate.issuedOn, locale),
    audits: audits.length ? audits.map((d) => formatDay(d, locale)).join(', ') : '—',
    due: formatDay(due, locale),
    expires: formatDay(certificate.expiresOn, locale),
    today: formatDay(today, locale),
  });
  return (
    <figure class="timeline">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={label} data-overdue={overdue}>
        <line x1={x(certificate.issuedOn)} x2={x(certificate.expiresOn)} y1={LINE_Y} y2={LINE_Y} class="span" />
        {overdue ? <line x1={x(due)} x2={x(today)} y1={LINE_Y} y2={LINE_Y} class="overdue" /> : null}
        <circle cx={x(certificate.issuedOn)} cy={LINE_Y} r={6} class="issued" />
        {audits.map((d) => (
          <circle key={d} cx={x(d)} cy={LINE_Y} r={5} class="audit" data-day={d} />
        ))}
        <line x1={x(due)} x2={x(due)} y1={LINE_Y - 14} y2={LINE_Y + 14} class="due" />
        <text x={x(due)} y={LINE_Y + 30} text-anchor="middle" class="caption">
          {t('details.due')}
        </text>
        <rect x={x(certificate.expiresOn) - 5} y={LINE_Y - 5} width={10} height={10} class="expires" />
        <line x1={x(today)} x2={x(today)} y1={LINE_Y - 22} y2={LINE_Y + 8} class="today" />
        <text x={x(today)} y={LINE_Y - 26} text-anchor="middle" class="caption">
          {t('details.today')}
        </text>
      </svg>
      <figcaption>{label}</figcaption>
    </figure>
  );
}
