import { describe, expect, it } from 'vitest';
import { BUILTIN_CATEGORIES } from '../../lib/minors/categories';
import { mergeCategories, restrictedProducts } from '../../lib/minors/restricted-products';
import type { RestrictedCategory } from '../../lib/registry/schema';

const fireworks: RestrictedCategory = {
  id: 'fireworks',
  label: { zh: '烟花爆竹', en: 'Fireworks' },
  basis: ['minors'],
  keywords: { zh: ['烟花'], en: ['firework'] },
  exclusions: ['冷烟花'],
};

describe('restricted products', () => {
  it('lists each restricted product with its categories, and leaves the rest out', () => {
    const products = [{ title: '干红葡萄酒 750ml' }, { title: '红酒杯 6只装' }, { title: '坚果礼盒' }, { title: '电子烟 + 红酒 套装' }];
    expect(restrictedProducts(products)).toEqual([
      { title: '干红葡萄酒 750ml', categories: [{ id: 'alcohol', label: { zh: '酒类', en: 'Alcohol' } }] },
      {
        title: '电子烟 + 红酒 套装',
        categories: [
          { id: 'tobacco', label: { zh: '烟草/电子烟', en: 'Tobacco and e-cigarettes' } },
          { id: 'alcohol', label: { zh: '酒类', en: 'Alcohol' } },
        ],
      },
    ]);
  });

  it('takes new categories from the registry, with their exclusions', () => {
    const products = [{ title: '新年烟花 组合装' }, { title: '冷烟花 仙女棒' }];
    expect(restrictedProducts(products)).toEqual([]);
    expect(restrictedProducts(products, [fireworks]).map((p) => p.categories[0]!.label.en)).toEqual(['Fireworks']);
  });

  it('adds a registry category’s phrases to the built-in category of the same id, keeping the built-in label', () => {
    const extra: RestrictedCategory = { ...fireworks, id: 'alcohol', label: { zh: 'x', en: 'x' }, keywords: { zh: ['米酿'], en: [] }, exclusions: [] };
    const merged = mergeCategories(BUILTIN_CATEGORIES, [extra]);
    expect(merged).toHaveLength(BUILTIN_CATEGORIES.length);
    const alcohol = merged.find((c) => c.id === 'alcohol')!;
    expect(alcohol.label.en).toBe('Alcohol');
    expect(alcohol.keywords.zh).toContain('米酿');
    expect(alcohol.keywords.zh).toContain('白酒');
    expect(restrictedProducts([{ title: '米酿 500ml' }], [extra])[0]?.categories[0]?.id).toBe('alcohol');
  });
});
