/**
 * Restricted-product matcher for product titles: which categories of ./categories.ts a title
 * falls into. Pure (no DOM, no browser APIs) so it runs in the content script or the background;
 * compile once per category list, then `match` each title.
 *
 * Titles and keywords go through the same `normalizeTitle`, so "电 子 烟", "電子煙", "ＶＡＰＥ" and
 * "E-Cigarette" meet "电子烟", "vape" and "e-cigarette". One trie of all keywords and exclusions is
 * walked from every position of the title (overlapping hits are all found, in a few steps each).
 */
import type { RestrictedCategory } from './categories';

/** One category a title matched, with the first keyword (as listed) that matched it. */
export interface CategoryMatch {
  readonly categoryId: string;
  readonly keyword: string;
}

export interface TitleMatcher {
  /** Matched categories, at most one entry each, in the order their keywords occur in the title. */
  match(title: string): CategoryMatch[];
}

export type MatchableCategory = Pick<RestrictedCategory, 'id' | 'keywords' | 'exclusions' | 'vetoes'>;

/**
 * Traditional (and a few Japanese) forms of the characters used in the built-in keywords and
 * exclusions, as pairs "traditional simplified". Generated from the keyword list with OpenCC's
 * cn→t/tw/twp/hk conversions, kept only where OpenCC converts back (docs/minors.md says how to
 * regenerate it); tests/minors/match.test.ts checks it still covers every keyword.
 */
const TRADITIONAL_PAIRS =
  '菸烟煙烟電电彈弹霧雾絲丝捲卷熱热燒烧桿杆悅悦過过濾滤囪囱無无貼贴紅红預预調调雞鸡黃黄蘭兰龍龙檳槟鍋锅頭头臺台糧粮乾干飲饮開开櫃柜' +
  '鴨鸭魚鱼飪饪樂乐雙双體体競竞賭赌場场時时紙纸機机納纳處处藥药祕秘國国準准壓压減减壯壮陽阳偉伟緩缓釋释靈灵軟软殺杀蟲虫醫医療疗儀仪' +
  '問问診诊術术號号計计製制聽听隱隐鏡镜輪轮溫温額额槍枪級级針针臉脸線线瑪玛聲声膚肤頸颈紋纹皺皱類类膠胶藍蓝學学強强補补劑剂營营養养' +
  '漁渔兒儿妝妆脣唇華华曬晒噴喷護护餅饼筆笔潤润髮发寶宝檸柠進进農农獸兽滅灭驅驱內内敵敌螞蚂蟻蚁殘残擬拟擊击軍军稜棱氣气鋼钢縮缩盤盘' +
  '遊游戲戏點点練练賞赏幣币鑽钻兌兑換换傳传說说説说詩诗賬账飛飞動动岡冈貨货單单復复純纯對对經经財财穩稳賺赚薦荐帶带匯汇虛虚數数險险' +
  '價价倉仓賣卖啓启啟启書书記记繪绘紀纪硨砗鳥鸟鶴鹤頂顶獁犸幹干發发葯药薬药剤剂濕湿釀酿' +
  '蠟蜡燭烛裝装環环邊边鑰钥車车報报種种劃划樹树';

/** Traditional form → simplified form, for the characters of the built-in keyword list. */
export const SIMPLIFIED_FORMS: ReadonlyMap<string, string> = new Map(
  Array.from(TRADITIONAL_PAIRS.match(/../gu) ?? [], (pair) => [pair.charAt(0), pair.charAt(1)] as const),
);
// Lookups by char code: maps keyed by fresh one-character strings are several times slower.
const SIMPLIFIED = new Map(Array.from(SIMPLIFIED_FORMS, ([t, s]) => [t.charCodeAt(0), s.charCodeAt(0)] as const));

/** Scripts written without spaces: separators between their characters are dropped. */
const UNSPACED = /[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}\p{sc=Hangul}]/u;
/** Separators that may stand inside a word or phrase (e-cigarette, nicotine free, v a p e). */
const SOFT = /[\p{Z}\s\p{Pd}_/·・]/u;
/** Three or more single Latin letters in a row, spaced out to dodge filters: "v a p e". */
const SPELLED_OUT = /(?<![\p{L}\p{N}])[a-z](?: [a-z]){2,}(?![\p{L}\p{N}])/gu;

/**
 * What a character is to the matcher: a letter or digit of a spaced script (Word: Latin and
 * others, whose words need boundaries) or of an unspaced one (CJK), ':' (kept, for ratios such as
 * 1:1), an apostrophe, or a soft or hard separator.
 */
const enum Kind {
  Word,
  Unspaced,
  Colon,
  Apostrophe,
  Soft,
  Hard,
}
const kinds = new Map<number, Kind>();
function kindOf(code: number | undefined): Kind {
  if (code === undefined) return Kind.Hard;
  if ((code >= 0x61 && code <= 0x7a) || (code >= 0x30 && code <= 0x39)) return Kind.Word; // a-z 0-9
  if (code >= 0x4e00 && code <= 0x9fff) return Kind.Unspaced; // CJK unified ideographs
  let kind = kinds.get(code);
  if (kind === undefined) {
    const c = String.fromCodePoint(code);
    if (c === ':') kind = Kind.Colon;
    else if (c === "'" || c === '\u2019') kind = Kind.Apostrophe;
    else if (/[\p{L}\p{N}]/u.test(c)) kind = UNSPACED.test(c) ? Kind.Unspaced : Kind.Word;
    else kind = SOFT.test(c) ? Kind.Soft : Kind.Hard;
    if (kinds.size < 10_000) kinds.set(code, kind);
  }
  return kind;
}
const isWordAt = (text: string, at: number): boolean => kindOf(text.codePointAt(at)) === Kind.Word;

/**
 * The comparison form of a title or keyword: NFKC (full-width → half-width), lower case,
 * traditional → simplified for the mapped characters, separators dropped between characters of
 * unspaced scripts and next to ':', and elsewhere folded to one ' ' (spaces, dashes, '/') or one
 * '|' (any other punctuation, symbol or emoji, which a phrase does not run across). Apostrophes
 * inside words vanish.
 */
export function normalizeTitle(text: string): string {
  const source = text.normalize('NFKC').toLowerCase();
  let out = '';
  let gap = ''; // '' none, ' ' soft, '|' hard
  let last = Kind.Hard;
  for (let at = 0; at < source.length; ) {
    const raw = source.codePointAt(at)!;
    at += raw > 0xffff ? 2 : 1;
    const code = raw < 0x3400 ? raw : (SIMPLIFIED.get(raw) ?? raw); // every mapped form is CJK
    const kind = kindOf(code);
    if (kind <= Kind.Colon) {
      if (gap && last === Kind.Word && kind === Kind.Word) out += gap;
      out += String.fromCodePoint(code);
      gap = '';
      last = kind;
    } else if (!(kind === Kind.Apostrophe && last === Kind.Word && !gap)) {
      gap = gap === '|' || kind !== Kind.Soft ? '|' : ' ';
    }
  }
  return out.includes(' ') ? out.replace(SPELLED_OUT, (letters) => letters.replaceAll(' ', '')) : out;
}

/** A keyword matches; an exclusion cancels a keyword inside it; a veto anywhere cancels the category. */
const enum Role {
  Keyword,
  Exclusion,
  Veto,
}

interface Entry {
  readonly category: number;
  readonly keyword: string;
  readonly role: Role;
  /** The phrase starts / ends with a word character, so a word boundary is needed there. */
  readonly bounded: readonly [boolean, boolean];
}

interface TrieNode {
  readonly next: Map<number, TrieNode>;
  readonly entries: Entry[];
}

interface Hit {
  readonly entry: Entry;
  readonly from: number;
  readonly to: number;
}

const newNode = (): TrieNode => ({ next: new Map(), entries: [] });
/** A plain English plural after a keyword still ends the word: vapes, wines, boxes. */
const PLURAL = /^e?s/u;

export function compileMatcher(categories: readonly MatchableCategory[]): TitleMatcher {
  const root = newNode();
  const add = (category: number, keyword: string, role: Role): void => {
    const key = normalizeTitle(keyword);
    if (!key) return;
    let node = root;
    for (let at = 0; at < key.length; at++) {
      const code = key.charCodeAt(at);
      let child = node.next.get(code);
      if (!child) node.next.set(code, (child = newNode()));
      node = child;
    }
    node.entries.push({ category, keyword, role, bounded: [isWordAt(key, 0), isWordAt(key, key.length - 1)] });
  };
  categories.forEach((category, i) => {
    for (const keyword of [...category.keywords.zh, ...category.keywords.en]) add(i, keyword, Role.Keyword);
    for (const phrase of category.exclusions) add(i, phrase, Role.Exclusion);
    for (const phrase of category.vetoes ?? []) add(i, phrase, Role.Veto);
  });

  /** Exclusions need a boundary only at their start: "wine glass" also covers "wine glasses". */
  const endsWord = (text: string, hit: Hit): boolean => {
    if (!hit.entry.bounded[1] || hit.entry.role === Role.Exclusion || !isWordAt(text, hit.to)) return true;
    const plural = PLURAL.exec(text.slice(hit.to, hit.to + 2));
    return plural !== null && !isWordAt(text, hit.to + plural[0].length);
  };

  const scan = (text: string): Hit[] => {
    const hits: Hit[] = [];
    for (let from = 0; from < text.length; from++) {
      let node = root.next.get(text.charCodeAt(from));
      for (let to = from + 1; node; node = node.next.get(text.charCodeAt(to++))) {
        for (const entry of node.entries) {
          const hit = { entry, from, to };
          if ((!entry.bounded[0] || !isWordAt(text, from - 1)) && endsWord(text, hit)) hits.push(hit);
        }
      }
    }
    return hits;
  };

  return {
    match(title) {
      const hits = scan(normalizeTitle(title));
      const excluded = (hit: Hit): boolean =>
        hits.some((e) => e.entry.role === Role.Exclusion && e.entry.category === hit.entry.category && e.from <= hit.from && hit.to <= e.to);
      const vetoed = new Set(hits.flatMap((h) => (h.entry.role === Role.Veto ? [h.entry.category] : [])));
      const found = new Map<number, CategoryMatch>();
      for (const hit of hits) {
        const { category, keyword, role } = hit.entry;
        if (role !== Role.Keyword || found.has(category) || vetoed.has(category) || excluded(hit)) continue;
        found.set(category, { categoryId: categories[category]!.id, keyword });
      }
      return [...found.values()];
    },
  };
}
