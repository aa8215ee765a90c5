/** One evidence log entry in a line or two: when, the verdict shown, and the products with their prices. */
import { evidenceTranslator } from '../lib/i18n/evidence';
import { formatInstant, formatPrice, type Locale } from '../lib/i18n/locale';
import { statusText, translator } from '../lib/i18n/verdict-text';
import type { EvidenceEntry } from '../lib/evidence/schema';

export function EvidenceEntrySummary({ entry, locale }: { entry: EvidenceEntry; locale: Locale }) {
  const t = evidenceTranslator(locale);
  const verdict = statusText(entry.verdict.status, translator(locale));
  const products = entry.products.map((p) => (p.price ? `${p.title} · ${formatPrice(p.price, locale)}` : p.title)).join('; ');
  return (
    <>
      {entry.firstSeenAt === entry.lastSeenAt
        ? t('evidence.entryAt', { at: formatInstant(entry.firstSeenAt, locale), verdict })
        : t('evidence.entry', { from: formatInstant(entry.firstSeenAt, locale), to: formatInstant(entry.lastSeenAt, locale), verdict })}
      <br />
      <small>{products || t('evidence.noProducts')}</small>
    </>
  );
}
