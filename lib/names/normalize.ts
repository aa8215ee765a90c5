/**
 * Names as keys. Two functions, one pipeline of named steps:
 *
 * - `normalizeName` — the EXACT key. Two names get the same key when they are the same name
 *   written differently: full-width or styled forms, case, punctuation, emoji and spacing,
 *   traditional or simplified characters, and Cyrillic/Greek letters that are drawn exactly like
 *   Latin ones (а/a, ο/o). A viewer cannot see or does not read the difference. The registry
 *   store indexes this key and the verdict rules compare it, so it must stay pure and stable;
 *   bump NAME_KEY_VERSION whenever its output changes for any input, so stored keys are rebuilt.
 *
 * - `nameSkeleton` — the FUZZY skeleton the resemblance index compares (lib/names/resemblance.ts).
 *   It also undoes what a seller CHANGES to dodge a blacklist while keeping the name
 *   recognisable: affixes added or dropped (官方旗舰店, 直播间, "official", "live"), an account
 *   number (2号, 888), digits for letters (0/o, 1/l, 3/e, 4/a, 5/s), accents, l/I/i, rn/m, doubled letters,
 *   connectives (的, の).
 *   Those are visible changes that can also tell two honest sellers apart ("shop1" vs "shopl",
 *   "Café" vs "Cafe"), so they stay out of the exact key: a skeleton match is scored and shown as
 *   a possible match, never as an equal name.
 */
import { TRADITIONAL_GROUPS } from './traditional';

type NameStep = (name: string) => string;

/** Bumped whenever normalizeName's output changes for some input (stored keys must be rebuilt). */
export const NAME_KEY_VERSION = 2;

// ── the exact key ────────────────────────────────────────────────────────────────────────────

/** NFKC folds full-width forms (ＤａｏＧｅ, ！), half-width katakana, circled and styled letters. */
const foldCompatibilityForms: NameStep = (name) => name.normalize('NFKC');

/**
 * Cyrillic and Greek letters drawn like a Latin letter in common fonts, before case folding (Η is
 * H but η is n). Only letters whose shape is the Latin one, so a whole Cyrillic or Greek name
 * mostly stays itself: this catches the one swapped letter in an otherwise Latin name.
 */
const SCRIPT_LOOKALIKES: Readonly<Record<string, string>> = {
  // Cyrillic capitals, then small letters
  А: 'A', В: 'B', Е: 'E', Ѐ: 'È', Ё: 'Ë', З: '3', І: 'I', Ї: 'Ï', Ј: 'J', К: 'K', М: 'M', Н: 'H', О: 'O',
  Р: 'P', С: 'C', Ѕ: 'S', Т: 'T', У: 'Y', Х: 'X', Ү: 'Y', Һ: 'h', Ӏ: 'I', Ԛ: 'Q', Ԝ: 'W',
  а: 'a', е: 'e', ѐ: 'è', ё: 'ë', і: 'i', ї: 'ï', ј: 'j', о: 'o', р: 'p', с: 'c', ѕ: 's', у: 'y',
  х: 'x', һ: 'h', ԁ: 'd', ԛ: 'q', ԝ: 'w', ӏ: 'l', ү: 'y',
  // Greek capitals, then small letters
  Α: 'A', Β: 'B', Ε: 'E', Ζ: 'Z', Η: 'H', Ι: 'I', Κ: 'K', Μ: 'M', Ν: 'N', Ο: 'O', Ρ: 'P', Τ: 'T',
  Υ: 'Y', Χ: 'X', Ϲ: 'C', Ϳ: 'J',
  α: 'a', ι: 'i', κ: 'k', ν: 'v', ο: 'o', ρ: 'p', τ: 't', υ: 'u', χ: 'x', ϲ: 'c', ϳ: 'j',
  // Latin letters that NFKC keeps but that read as plain ones
  ı: 'i', ȷ: 'j', ɡ: 'g', ɑ: 'a', ʟ: 'L',
};
const SCRIPT_LOOKALIKE = new RegExp(`[${Object.keys(SCRIPT_LOOKALIKES).join('')}]`, 'gu');
const foldScriptLookalikes: NameStep = (name) => name.replace(SCRIPT_LOOKALIKE, (c) => SCRIPT_LOOKALIKES[c] ?? c);

const foldCase: NameStep = (name) => name.toLowerCase();

const TRADITIONAL = new Map<string, string>(
  TRADITIONAL_GROUPS.flatMap((line) => line.split(' ')).flatMap(([simplified, ...traditional]) =>
    traditional.map((t): [string, string] => [t, simplified!]),
  ),
);
const TRADITIONAL_CHAR = new RegExp(`[${[...TRADITIONAL.keys()].join('')}]`, 'gu');
/** 劉德華 → 刘德华: character by character, for the characters common in names (traditional.ts). */
const foldTraditional: NameStep = (name) => name.replace(TRADITIONAL_CHAR, (c) => TRADITIONAL.get(c) ?? c);

/**
 * Decoration a seller can add or drop at will: punctuation, symbols and emoji (\p{P}, \p{S}),
 * spaces (\p{Z}), control and format characters such as zero-width joiners (\p{C}), and the
 * emoji leftovers that are marks rather than symbols (variation selectors, the keycap ⃣).
 */
const DECORATION = /[\p{P}\p{S}\p{Z}\p{C}\p{Variation_Selector}\p{Me}]+/gu;
const dropDecoration: NameStep = (name) => name.replace(DECORATION, '');

/** Steps up to (not including) dropping decoration: shared by the key and the skeleton. */
const READING_STEPS: readonly NameStep[] = [foldCompatibilityForms, foldScriptLookalikes, foldCase, foldTraditional];
const KEY_STEPS: readonly NameStep[] = [...READING_STEPS, dropDecoration];

const run = (steps: readonly NameStep[], name: string) => steps.reduce((key, step) => step(key), name);

/** The exact comparison key of a name; '' when nothing but decoration was left. */
export function normalizeName(name: string): string {
  return run(KEY_STEPS, name);
}

// ── the fuzzy skeleton ───────────────────────────────────────────────────────────────────────

/** é → e, ñ → n: accents on Latin letters only (kana's dakuten and Hangul stay whole). */
const LATIN_WITH_MARKS = /\p{Script=Latin}\p{M}+/gu;
/** Latin-1 Supplement to IPA, combining marks, Latin Extended Additional: where accents can be. */
const MAY_HAVE_ACCENTS = /[\u00c0-\u02af\u0300-\u036f\u1e00-\u1eff]/;
const stripAccents: NameStep = (name) =>
  MAY_HAVE_ACCENTS.test(name) ? name.normalize('NFD').replace(LATIN_WITH_MARKS, (m) => m[0]!).normalize('NFC') : name;

/** Decoration becomes one space here, so word affixes can be told from word parts (olive ≠ o+live). */
const spaceDecoration: NameStep = (name) => ` ${name.replace(DECORATION, ' ')} `;

/**
 * Affixes sellers add to or drop from a banned name, stripped only at the start or end (again and
 * again: 【官方】刀哥说好物官方旗舰店直播间 → 刀哥说好物), and never down to nothing.
 *
 * Kept to words that say what KIND of account it is (official, flagship, live room, a numbered or
 * backup account), not what it sells: 美妆, 茶叶, "beauty" say something about the seller and stay
 * (the resemblance index weighs them low instead). Left out on purpose: 新 (新东方 is not 东方),
 * "new" (New Look), 工作室 and "studio" (often a different, related company), 店 alone (百货店).
 * Latin affixes must be whole words, so "Olive" and "Shopify" keep their letters.
 */
const ZH_PREFIX = ['官方', '正版', '官方认证'];
const ZH_SUFFIX = [
  '官方旗舰店', '官方直播间', '官方账号', '官方店', '官方号', '官方', '旗舰店', '专卖店', '专营店', '直营店',
  '的直播间', '直播间', '直播中', '在直播', '直播', '的小店', '小店', '的店', '店铺', '本人', '账号', '小号', '新号',
  '备用号', '大号',
];
const EN_AFFIX = ['official', 'offical', 'officiel', 'store', 'shop', 'live', 'livestream', 'stream', 'streaming',
  'tv', 'channel', 'flagship', 'real', 'backup', 'the', 'hq'];
const alternatives = (words: string[]) => [...words].sort((a, b) => b.length - a.length).join('|');
/**
 * An account number at the end: 2号, 二号, 888, _02, Mia2 — but not one 0, 1 or 5 right after a
 * letter, which is a look-alike letter (Le0, Kev1).
 */
const ACCOUNT_NUMBER = '(?:[0-9]+|[一二三四五六七八九十两]+)号|[0-9]{2,}|[2-46-9]|(?<!\\p{Script=Latin})[015]';
/** Latin affixes are whole words: no Latin letter or digit next to them (刀哥official is two words). */
const NOT_IN_WORD_AFTER = '(?![\\p{Script=Latin}\\p{N}])';
const NOT_IN_WORD_BEFORE = '(?<![\\p{Script=Latin}\\p{N}])';
const AFFIX_AT_START = new RegExp(`^ *(?:${alternatives(ZH_PREFIX)}|(?:${alternatives(EN_AFFIX)})${NOT_IN_WORD_AFTER}) *`, 'u');
const AFFIX_AT_END = new RegExp(
  `(?:${alternatives(ZH_SUFFIX)}|${NOT_IN_WORD_BEFORE}(?:${alternatives(EN_AFFIX)})|${ACCOUNT_NUMBER}) *$`,
  'u',
);
const stripAffixes: NameStep = (spaced) => {
  let name = spaced;
  for (;;) {
    const next = name.replace(AFFIX_AT_START, ' ').replace(AFFIX_AT_END, ' ');
    if (next === name || next.trim() === '') return name;
    name = next;
  }
};

/**
 * Characters drawn alike but not identically: digits for letters (0/o, 1/l, 3/e, 4/a, 5/s),
 * letter pairs (rn/m, vv/w), I and l (one glyph in many fonts; I is i once case-folded), and
 * Cyrillic/Greek small letters that pass for Latin ones in a lower-case name (к, м, т, в, н, п,
 * г; η, μ, γ, β, ε, ω). Folded after the affixes are gone.
 */
const NEAR_LOOKALIKES: Readonly<Record<string, string>> = {
  '0': 'o', '1': 'l', '3': 'e', '4': 'a', '5': 's', i: 'l', rn: 'm', vv: 'w',
  к: 'k', м: 'm', т: 't', в: 'b', н: 'h', п: 'n', г: 'r', ь: 'b', η: 'n', μ: 'u', γ: 'y', β: 'b', ε: 'e', ω: 'w',
};
const NEAR_LOOKALIKE = /rn|vv|[01345iкмтвнпгьημγβεω]/gu;
const foldNearLookalikes: NameStep = (name) => name.replace(NEAR_LOOKALIKE, (c) => NEAR_LOOKALIKES[c] ?? c);

/**
 * Doubled Latin letters count once (Daogee, Miaa, b00k → book → bok), except l: after the I/l
 * fold, "Mila" (mlla) must not become "Mia" (mla), while "BeIIa" is "Bella" either way.
 */
const collapseRepeatedLetters: NameStep = (name) => name.replace(/([a-km-z])\1+/g, '$1');

/** Connectives sellers add or drop at will: 王小丽的衣橱 / 王小丽衣橱, 胖虎の零食. */
const dropConnectives: NameStep = (name) => name.replace(/[的之の]/g, '');

const SHAPE_STEPS: readonly NameStep[] = [foldNearLookalikes, collapseRepeatedLetters, dropConnectives];

const SKELETON_STEPS: readonly NameStep[] = [
  ...READING_STEPS,
  stripAccents,
  spaceDecoration,
  stripAffixes,
  dropDecoration,
  ...SHAPE_STEPS,
];

/**
 * The fuzzy skeleton of a name: the exact key with affixes, account numbers and look-alike
 * letters folded away. '' when nothing but decoration was left.
 */
export function nameSkeleton(name: string): string {
  return run(SKELETON_STEPS, name);
}

const WORD_SPLIT_STEPS: readonly NameStep[] = [...READING_STEPS, stripAccents, spaceDecoration, stripAffixes];

/**
 * The skeleton's words: the name split where it had spaces or decoration, each word folded like
 * the skeleton. Joined they give the skeleton, except that a letter doubled across two words
 * ("Bella Aaron") is collapsed only in the skeleton.
 */
export function skeletonWords(name: string): string[] {
  return run(WORD_SPLIT_STEPS, name)
    .split(' ')
    .map((word) => run(SHAPE_STEPS, word))
    .filter((word) => word.length > 0);
}

const WORD_STEPS: readonly NameStep[] = [...READING_STEPS, stripAccents, dropDecoration, ...SHAPE_STEPS];

/**
 * The look-alike folds of the skeleton without the affix stripping, for a word list (e.g. the
 * resemblance stoplist), so its words compare with skeletons.
 */
export function foldWord(word: string): string {
  return run(WORD_STEPS, word);
}
