/** Parent mode's warnings on the overlay: each restricted product on the page, with its categories. */
import { pick, type Locale } from '../lib/i18n/locale';
import { minorsTranslator } from '../lib/i18n/minors';
import type { MinorsNotice } from '../lib/minors/restricted-products';

export function MinorsWarnings({ notice, locale }: { notice: MinorsNotice; locale: Locale }) {
  const t = minorsTranslator(locale);
  const separator = locale === 'zh-CN' ? '、' : ', ';
  return (
    <div class="minors" role="group" aria-labelledby="ls-minors-heading">
      <p class="minors-heading" id="ls-minors-heading">
        <span aria-hidden="true">⚠ </span>
        {t('minors.heading')}
      </p>
      <ul>
        {notice.products.map((product, i) => (
          <li key={i} data-categories={product.categories.map((c) => c.id).join(' ')}>
            {t('minors.product', { title: product.title, categories: product.categories.map((c) => pick(c.label, locale)).join(separator) })}
          </li>
        ))}
      </ul>
      {notice.guard.purchases ? <p class="minors-guarded">{t('minors.guarded')}</p> : null}
    </div>
  );
}
