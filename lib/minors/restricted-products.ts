/**
 * Which products on a page are restricted for minors: the built-in categories, extended by the
 * signed registry's, through the title matcher. Runs in the background (the content script
 * gets only the result), and compiles the matcher once per category list.
 */
import type { ProductSeen } from '../identity';
import type { LocalizedText, RestrictedCategory } from '../registry/schema';
import { BUILTIN_CATEGORIES } from './categories';
import { compileMatcher, type TitleMatcher } from './match';

export interface RestrictedProduct {
  title: string;
  categories: { id: string; label: LocalizedText }[];
}

/**
 * The registry's categories added to the built-in ones: a registry category with a built-in id
 * adds its keywords and exclusions to that category (the built-in label stays); a new id is a
 * new category.
 */
export function mergeCategories(builtIn: readonly RestrictedCategory[], extra: readonly RestrictedCategory[]): RestrictedCategory[] {
  const merged = new Map(builtIn.map((c) => [c.id, c]));
  for (const category of extra) {
    const known = merged.get(category.id);
    merged.set(
      category.id,
      known
        ? {
            ...known,
            keywords: { zh: [...known.keywords.zh, ...category.keywords.zh], en: [...known.keywords.en, ...category.keywords.en] },
            exclusions: [...known.exclusions, ...category.exclusions],
          }
        : category,
    );
  }
  return [...merged.values()];
}

let compiled: { key: string; categories: RestrictedCategory[]; matcher: TitleMatcher } | undefined;

function matcherFor(extra: readonly RestrictedCategory[]) {
  const key = JSON.stringify(extra);
  if (compiled?.key !== key) {
    const categories = mergeCategories(BUILTIN_CATEGORIES, extra);
    compiled = { key, categories, matcher: compileMatcher(categories) };
  }
  return compiled;
}

export function restrictedProducts(products: readonly ProductSeen[], registryCategories: readonly RestrictedCategory[] = []): RestrictedProduct[] {
  const { categories, matcher } = matcherFor(registryCategories);
  const labels = new Map(categories.map((c) => [c.id, c.label]));
  return products.flatMap(({ title }) => {
    const matches = matcher.match(title);
    return matches.length ? [{ title, categories: matches.map((m) => ({ id: m.categoryId, label: labels.get(m.categoryId)! })) }] : [];
  });
}

/** What parent mode adds to a room's verdict: the restricted products, and which clicks to stop. */
export interface MinorsNotice {
  products: RestrictedProduct[];
  guard: { purchases: boolean; gifts: boolean };
}
