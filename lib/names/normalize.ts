/**
 * Name keys: two names a viewer would read as the same seller get the same key. Used both to index
 * the registry and to compare a page's names with listed ones, so it must stay pure and stable.
 *
 * A pipeline of named steps, so later steps (affixes such as 官方旗舰店, traditional → simplified,
 * confusable letters) slot in without touching the others.
 */
type NameStep = (name: string) => string;

/** NFKC folds full-width forms (ＤａｏＧｅ, ！), half-width katakana, circled and styled letters. */
const foldCompatibilityForms: NameStep = (name) => name.normalize('NFKC');

const foldCase: NameStep = (name) => name.toLowerCase();

/**
 * Decoration a seller can add or drop at will: punctuation, symbols and emoji (\p{P}, \p{S}),
 * spaces (\p{Z}), control and format characters such as zero-width joiners (\p{C}), and the
 * emoji leftovers that are marks rather than symbols (variation selectors, the keycap ⃣).
 */
const DECORATION = /[\p{P}\p{S}\p{Z}\p{C}\p{Variation_Selector}\p{Me}]/gu;
const dropDecoration: NameStep = (name) => name.replace(DECORATION, '');

const STEPS: readonly NameStep[] = [foldCompatibilityForms, foldCase, dropDecoration];

/** The comparison key of a name; '' when nothing but decoration was left. */
export function normalizeName(name: string): string {
  return STEPS.reduce((key, step) => step(key), name);
}
