/**
 * Resemblance of a page's anchor or shop name to blacklisted names and aliases: the "changed
 * waistcoat" (换马甲) check. A match here is only ever a POSSIBLE match, scored in [0, 1].
 *
 * How (docs/resemblance.md):
 *  1. Both names become skeletons (nameSkeleton: the exact key with affixes, account numbers,
 *     connectives and look-alike letters folded away).
 *  2. A name warns only if it is long enough and says who the seller is: fewer than MIN_UNITS,
 *     or fewer than MIN_DISTINCTIVE_UNITS outside generic words (generic-words.ts), and it never
 *     matches, not even when equal.
 *  3. Equal skeletons score 1. Otherwise, when both have at least MIN_FUZZY_UNITS: character
 *     n-grams of the skeleton (bigrams in Chinese/Japanese/Korean runs, padded trigrams in other
 *     runs); an inverted index over the n-grams that are not inside generic words finds the
 *     candidates; each is scored by
 *        score = (2·dice + editSimilarity) / 3 × retained
 *     where dice is the weighted Dice coefficient of the n-gram sets (an n-gram wholly inside
 *     generic words weighs GENERIC_WEIGHT), editSimilarity is 1 − Levenshtein / longer length,
 *     and retained is the share of the listed name's distinctive part that the page keeps (each
 *     distinctive Chinese character in place, each distinctive Latin word whole).
 *
 * Units: a Han, kana or Hangul character is 1, any other letter or digit ½ (a Latin letter says
 * about half as much as a Chinese character), so 阿杰 = 2, 李佳琦 = 3, "daoge" = 2.5.
 */
import { GENERIC_WORDS_EN, GENERIC_WORDS_ZH } from './generic-words';
import { foldWord, nameSkeleton, skeletonWords } from './normalize';

/**
 * Predict "same seller" at or above this score: on the 472 labelled pairs of
 * tests/fixtures/names/resemblance-pairs.json, the sweep in tests/names/resemblance.test.ts
 * (steps of 0.05) gives precision 0.993 and recall 0.912 here, the best recall with precision
 * ≥ 0.98 (0.65: precision 0.971). Table and figures: docs/resemblance.md.
 */
export const RESEMBLANCE_THRESHOLD = 0.7;

/** Below this many units a name is too short to warn, even when equal. */
export const MIN_UNITS = 3;
/** A name must have this many units outside generic words to warn. */
export const MIN_DISTINCTIVE_UNITS = 2;
/** Below this many units only an equal skeleton matches. */
export const MIN_FUZZY_UNITS = 4;
/** Weight of an n-gram lying wholly inside generic words. */
const GENERIC_WEIGHT = 0.25;
/** Weighted Dice below this is no match at all. */
const MIN_DICE = 0.3;
/** How many candidates (best n-gram overlap first) are scored in full. */
const CANDIDATES = 24;
/** A fuzzy match never reaches 1: that is kept for equal skeletons. */
const FUZZY_CEILING = 0.99;

/** Bump when skeletons, n-grams or weights change: stored index data must then be rebuilt. */
export const RESEMBLANCE_INDEX_VERSION = 1;

export interface ResemblanceEntry {
  /** The blacklist entry's id; several names (names and aliases) may share one. */
  id: string;
  name: string;
}

export interface ResemblanceMatch {
  id: string;
  /** The listed name or alias that matched best. */
  listedName: string;
  /** 1 for an equal skeleton; below 1 for a fuzzy match. */
  score: number;
}

export interface SearchOptions {
  /** At most this many entries (default 5), best first, one per entry id. */
  limit?: number;
  /** Only matches scoring at least this (default RESEMBLANCE_THRESHOLD). */
  minScore?: number;
}

// ── scripts and generic words ────────────────────────────────────────────────────────────────

/** Han (with 々〆〇), kana and Hangul: the scripts written without spaces, one syllable a character. */
const CJK_RANGES: readonly (readonly [number, number])[] = [
  [0x1100, 0x11ff], [0x3005, 0x3007], [0x3021, 0x3029], [0x3041, 0x30ff], [0x3131, 0x318f], [0x31f0, 0x31ff],
  [0x3400, 0x4dbf], [0x4e00, 0x9fff], [0xa960, 0xa97f], [0xac00, 0xd7af], [0xf900, 0xfaff], [0x20000, 0x323af],
];
const isCjk = (cp: number) => CJK_RANGES.some(([lo, hi]) => cp >= lo && cp <= hi);
const CJK_CLASS = CJK_RANGES.map(([lo, hi]) => `\\u{${lo.toString(16)}}-\\u{${hi.toString(16)}}`).join('');
/** Runs of one kind: CJK, or anything else (Latin, digits, Cyrillic…). */
const SCRIPT_RUN = new RegExp(`[${CJK_CLASS}]+|[^${CJK_CLASS}]+`, 'gu');
const NON_CJK_RUN = new RegExp(`[^${CJK_CLASS}]+`, 'gu');

interface TrieNode {
  end: boolean;
  next: Map<number, TrieNode>;
}
function trieOf(words: readonly string[]): TrieNode {
  const root: TrieNode = { end: false, next: new Map() };
  for (const word of words) {
    let node = root;
    for (const ch of word) {
      const cp = ch.codePointAt(0)!;
      let child = node.next.get(cp);
      if (!child) node.next.set(cp, (child = { end: false, next: new Map() }));
      node = child;
    }
    node.end = true;
  }
  return root;
}
const GENERIC = trieOf([...GENERIC_WORDS_ZH, ...GENERIC_WORDS_EN].map(foldWord).filter((w) => w.length > 0));

/** Which code points lie inside generic words, covering as many as possible. */
function genericMask(cps: readonly number[]): Uint8Array {
  const n = cps.length;
  // best[i]: most code points of cps[i..] coverable; step[i]: word length taken at i (0 = none)
  const best = new Uint16Array(n + 1);
  const step = new Uint16Array(n + 1);
  for (let i = n - 1; i >= 0; i--) {
    best[i] = best[i + 1]!;
    let node: TrieNode | undefined = GENERIC;
    for (let j = i; j < n && node; j++) {
      node = node.next.get(cps[j]!);
      if (node?.end && j + 1 - i + best[j + 1]! > best[i]!) {
        best[i] = j + 1 - i + best[j + 1]!;
        step[i] = j + 1 - i;
      }
    }
  }
  const mask = new Uint8Array(n);
  for (let i = 0; i < n; ) {
    if (step[i]) {
      mask.fill(1, i, i + step[i]!);
      i += step[i]!;
    } else i++;
  }
  return mask;
}

// ── name profiles ────────────────────────────────────────────────────────────────────────────

export interface NameProfile {
  skeleton: string;
  units: number;
  distinctiveUnits: number;
  /** Long and specific enough to warn at all. */
  warns: boolean;
  /** Long enough for a fuzzy (not equal) match. */
  fuzzy: boolean;
  /** n-gram → weight: 1, or GENERIC_WEIGHT inside generic words. Empty unless `fuzzy`. */
  grams: Map<string, number>;
  /** Sum of the n-gram weights, and the part of it inside generic words. */
  weight: number;
  genericWeight: number;
}

function addGram(grams: Map<string, number>, gram: string, mask: Uint8Array, from: number, to: number): void {
  let generic = true;
  for (let k = from; k < to && generic; k++) generic = mask[k] === 1;
  const w = generic ? GENERIC_WEIGHT : 1;
  if ((grams.get(gram) ?? 0) < w) grams.set(gram, w);
}

/** Bigrams in CJK runs (a lone CJK character is its own gram), padded trigrams in other runs. */
function gramsOf(cps: readonly number[], cjk: readonly boolean[], mask: Uint8Array): Map<string, number> {
  const grams = new Map<string, number>();
  for (let i = 0; i < cps.length; ) {
    let j = i;
    while (j < cps.length && cjk[j] === cjk[i]) j++;
    if (cjk[i]) {
      if (j - i === 1) addGram(grams, String.fromCodePoint(cps[i]!), mask, i, j);
      for (let k = i; k + 1 < j; k++) addGram(grams, String.fromCodePoint(cps[k]!, cps[k + 1]!), mask, k, k + 2);
    } else {
      const run = ` ${String.fromCodePoint(...cps.slice(i, j))} `;
      const chars = [...run];
      for (let k = 0; k + 3 <= chars.length; k++) {
        addGram(grams, chars[k]! + chars[k + 1]! + chars[k + 2]!, mask, Math.max(i + k - 1, i), Math.min(i + k + 2, j));
      }
    }
    i = j;
  }
  return grams;
}

function profileSkeleton(skeleton: string): NameProfile {
  const cps = Array.from(skeleton, (ch) => ch.codePointAt(0)!);
  const cjk = cps.map(isCjk);
  const mask = genericMask(cps);
  let units = 0;
  let distinctiveUnits = 0;
  cps.forEach((_, i) => {
    const u = cjk[i] ? 1 : 0.5;
    units += u;
    if (!mask[i]) distinctiveUnits += u;
  });
  const warns = units >= MIN_UNITS && distinctiveUnits >= MIN_DISTINCTIVE_UNITS;
  const fuzzy = warns && units >= MIN_FUZZY_UNITS;
  const grams = fuzzy ? gramsOf(cps, cjk, mask) : new Map<string, number>();
  let weight = 0;
  let genericWeight = 0;
  for (const w of grams.values()) {
    weight += w;
    if (w < 1) genericWeight += w;
  }
  return { skeleton, units, distinctiveUnits, warns, fuzzy, grams, weight, genericWeight };
}

/** What the resemblance rules see of a name. */
export function profileName(name: string): NameProfile {
  return profileSkeleton(nameSkeleton(name));
}

/** Whether a name is long and specific enough to ever produce a resemblance warning. */
export function canWarn(name: string): boolean {
  return profileName(name).warns;
}

// ── scoring ──────────────────────────────────────────────────────────────────────────────────

function weightedDice(a: NameProfile, b: NameProfile): number {
  let shared = 0;
  for (const [gram, w] of a.grams) {
    const v = b.grams.get(gram);
    if (v !== undefined) shared += Math.min(w, v);
  }
  return a.weight + b.weight === 0 ? 0 : (2 * shared) / (a.weight + b.weight);
}

/** A page name's words as one string, with the offsets where a word or a script run starts or ends. */
interface PageWords {
  text: string;
  edges: Set<number>;
}

function pageWords(name: string): PageWords {
  const edges = new Set<number>([0]);
  let text = '';
  for (const word of skeletonWords(name)) {
    for (const [run] of word.matchAll(SCRIPT_RUN)) {
      text += run;
      edges.add(text.length);
    }
  }
  return { text, edges };
}

/** Whether `word` occurs in the page's words starting and ending at edges (Anna is not in Hannah). */
function holdsWord({ text, edges }: PageWords, word: string): boolean {
  for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) {
    if (edges.has(at) && edges.has(at + word.length)) return true;
  }
  return false;
}

export interface Confirmation {
  /** 1 − edit distance / longer length, on skeleton characters. */
  similarity: number;
  /** Share of the listed name's distinctive units that the page keeps. */
  retained: number;
}

/**
 * Edit distance between a listed and a page skeleton, and how much of what names the listed
 * seller survives in the page: each distinctive Chinese character must be kept in place
 * (虎哥说好物 loses 刀 of 刀哥说好物), each distinctive Latin word whole (Benny is not Kenny,
 * Hannah is not Anna; a plural s may go); generic words (好物, "deals") do not count.
 */
function confirmWith(listedName: string, listedSkeleton: string, page: PageWords, pageSkeleton: string): Confirmation {
  const a = Array.from(listedSkeleton, (ch) => ch.codePointAt(0)!);
  const b = Array.from(pageSkeleton, (ch) => ch.codePointAt(0)!);
  const cols = b.length + 1;
  const d = new Uint16Array((a.length + 1) * cols);
  for (let j = 0; j <= b.length; j++) d[j] = j;
  for (let i = 1; i <= a.length; i++) {
    d[i * cols] = i;
    for (let j = 1; j <= b.length; j++) {
      const sub = d[(i - 1) * cols + j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1);
      d[i * cols + j] = Math.min(d[(i - 1) * cols + j]! + 1, d[i * cols + j - 1]! + 1, sub);
    }
  }
  // Chinese characters: the distinctive ones an optimal alignment keeps in place.
  const mask = genericMask(a);
  const distinctiveCjk = (i: number) => isCjk(a[i]!) && !mask[i];
  let total = 0;
  let kept = 0;
  a.forEach((_, i) => (total += distinctiveCjk(i) ? 1 : 0));
  for (let i = a.length, j = b.length; i > 0 && j > 0; ) {
    const here = d[i * cols + j]!;
    if (a[i - 1] === b[j - 1] && here === d[(i - 1) * cols + j - 1]) {
      if (distinctiveCjk(i - 1)) kept++;
      i--;
      j--;
    } else if (here === d[(i - 1) * cols + j - 1]! + 1) {
      i--;
      j--;
    } else if (here === d[(i - 1) * cols + j]! + 1) i--;
    else j--;
  }
  // Other scripts: the distinctive words the page holds whole.
  for (const word of skeletonWords(listedName)) {
    for (const [run] of word.matchAll(NON_CJK_RUN)) {
      const cps = Array.from(run, (ch) => ch.codePointAt(0)!);
      if (genericMask(cps).every((m) => m === 1)) continue;
      total += cps.length / 2;
      if (holdsWord(page, run) || (cps.length >= 4 && run.endsWith('s') && holdsWord(page, run.slice(0, -1)))) {
        kept += cps.length / 2;
      }
    }
  }
  const longer = Math.max(a.length, b.length);
  return {
    similarity: longer === 0 ? 1 : 1 - d[a.length * cols + b.length]! / longer,
    retained: total === 0 ? 0 : kept / total,
  };
}

function fuzzyScore(dice: number, { similarity, retained }: Confirmation): number {
  return Math.min(FUZZY_CEILING, ((2 * dice + similarity) / 3) * retained);
}

/** The parts of a score, for tests and tuning. */
export interface ScoreParts extends Confirmation {
  dice: number;
  score: number;
}

/** The score of one page name against one listed name, by the same rules as the index. */
export function scoreParts(listedName: string, pageName: string): ScoreParts {
  const listed = profileName(listedName);
  const page = profileName(pageName);
  const none = { dice: 0, similarity: 0, retained: 0, score: 0 };
  if (!listed.warns || !page.warns) return none;
  if (listed.skeleton === page.skeleton) return { dice: 1, similarity: 1, retained: 1, score: 1 };
  if (!listed.fuzzy || !page.fuzzy) return none;
  const dice = weightedDice(listed, page);
  if (dice < MIN_DICE) return { ...none, dice };
  const confirmation = confirmWith(listedName, listed.skeleton, pageWords(pageName), page.skeleton);
  return { dice, ...confirmation, score: fuzzyScore(dice, confirmation) };
}

/** 0 (no match) to 1 (equal skeletons): how much a page name resembles a listed name. */
export function resemblance(listedName: string, pageName: string): number {
  return scoreParts(listedName, pageName).score;
}

// ── the index ────────────────────────────────────────────────────────────────────────────────

/**
 * The index as plain data: arrays and typed arrays, structured-cloneable, so it can be stored in
 * IndexedDB as one record and loaded without recomputing a skeleton.
 */
export interface ResemblanceData {
  version: number;
  ids: string[];
  names: string[];
  skeletons: string[];
  /** Per name: 0 = never warns, 1 = equal skeleton only, 2 = fuzzy too. */
  kinds: Uint8Array;
  /** Per name: total n-gram weight, and the part inside generic words. */
  weights: Float32Array;
  genericWeights: Float32Array;
  /** The distinctive n-grams (outside generic words); names holding gram g: postings[offsets[g] .. offsets[g+1]). */
  grams: string[];
  offsets: Uint32Array;
  postings: Uint32Array;
}

export interface ResemblanceIndex {
  readonly size: number;
  /** Possible matches of a page name, best first; [] for a short or generic name. */
  search(pageName: string, options?: SearchOptions): ResemblanceMatch[];
  toData(): ResemblanceData;
}

const NEVER = 0;
const EQUAL_ONLY = 1;
const FUZZY = 2;

export function buildResemblanceIndex(entries: readonly ResemblanceEntry[]): ResemblanceIndex {
  const n = entries.length;
  const skeletons = new Array<string>(n);
  const kinds = new Uint8Array(n);
  const weights = new Float32Array(n);
  const genericWeights = new Float32Array(n);
  const gramIds = new Map<string, number>();
  const counts: number[] = [];
  // (gram, name) pairs, counting-sorted into postings below
  let pairGrams = new Uint32Array(8 * n + 16);
  let pairNames = new Uint32Array(8 * n + 16);
  let pairs = 0;
  for (let i = 0; i < n; i++) {
    const profile = profileName(entries[i]!.name);
    skeletons[i] = profile.skeleton;
    kinds[i] = profile.fuzzy ? FUZZY : profile.warns ? EQUAL_ONLY : NEVER;
    weights[i] = profile.weight;
    genericWeights[i] = profile.genericWeight;
    for (const [gram, w] of profile.grams) {
      if (w < 1) continue;
      let g = gramIds.get(gram);
      if (g === undefined) {
        gramIds.set(gram, (g = counts.length));
        counts.push(0);
      }
      counts[g]!++;
      if (pairs === pairGrams.length) {
        const grow = (a: Uint32Array) => {
          const b = new Uint32Array(a.length * 2);
          b.set(a);
          return b;
        };
        pairGrams = grow(pairGrams);
        pairNames = grow(pairNames);
      }
      pairGrams[pairs] = g;
      pairNames[pairs++] = i;
    }
  }
  const offsets = new Uint32Array(counts.length + 1);
  counts.forEach((c, g) => (offsets[g + 1] = offsets[g]! + c));
  const postings = new Uint32Array(pairs);
  const fill = offsets.slice(0, counts.length);
  for (let p = 0; p < pairs; p++) postings[fill[pairGrams[p]!]!++] = pairNames[p]!;
  return loadResemblanceIndex({
    version: RESEMBLANCE_INDEX_VERSION,
    ids: entries.map((e) => e.id),
    names: entries.map((e) => e.name),
    skeletons,
    kinds,
    weights,
    genericWeights,
    grams: [...gramIds.keys()],
    offsets,
    postings,
  });
}

/** An index from `toData()`; throws on data of another version (rebuild it from the names then). */
export function loadResemblanceIndex(data: ResemblanceData): ResemblanceIndex {
  if (data.version !== RESEMBLANCE_INDEX_VERSION) {
    throw new Error(`resemblance index data v${data.version}, expected v${RESEMBLANCE_INDEX_VERSION}`);
  }
  const { ids, names, skeletons, kinds, weights, genericWeights, offsets, postings } = data;
  const gramIds = new Map<string, number>();
  data.grams.forEach((gram, g) => gramIds.set(gram, g));
  const bySkeleton = new Map<string, number[]>();
  skeletons.forEach((skeleton, i) => {
    if (kinds[i] === NEVER) return;
    const list = bySkeleton.get(skeleton);
    if (list) list.push(i);
    else bySkeleton.set(skeleton, [i]);
  });
  const shared = new Float32Array(names.length);
  const touched: number[] = [];

  /**
   * Fuzzy matches: names sharing n-grams that are distinctive in them, best upper bound of Dice
   * first, scored in full. A score is at most (2·dice + 1) / 3, so names whose Dice cannot reach `minScore` are
   * dropped before any edit distance is computed.
   */
  function fuzzyMatches(pageName: string, page: NameProfile, minScore: number): { i: number; score: number }[] {
    const minDice = Math.max(MIN_DICE, (3 * minScore - 1) / 2);
    for (const [gram, w] of page.grams) {
      const g = gramIds.get(gram);
      if (g === undefined) continue;
      for (let p = offsets[g]!, end = offsets[g + 1]!; p < end; p++) {
        const i = postings[p]!;
        if (shared[i] === 0) touched.push(i);
        shared[i]! += w;
      }
    }
    const ranked: { i: number; bound: number }[] = [];
    for (const i of touched) {
      // The postings hold each name's distinctive n-grams; what it shares through its generic
      // ones weighs at most its generic weight.
      const most = Math.min(shared[i]! + genericWeights[i]!, page.weight, weights[i]!);
      const bound = (2 * most) / (page.weight + weights[i]!);
      shared[i] = 0;
      if (bound >= minDice && kinds[i] === FUZZY && skeletons[i] !== page.skeleton) ranked.push({ i, bound });
    }
    touched.length = 0;
    ranked.sort((a, b) => b.bound - a.bound);
    const words = pageWords(pageName);
    return ranked.slice(0, CANDIDATES).flatMap(({ i }) => {
      const dice = weightedDice(profileSkeleton(skeletons[i]!), page);
      if (dice < minDice) return [];
      return [{ i, score: fuzzyScore(dice, confirmWith(names[i]!, skeletons[i]!, words, page.skeleton)) }];
    });
  }

  return {
    size: names.length,
    toData: () => data,
    search(pageName, { limit = 5, minScore = RESEMBLANCE_THRESHOLD } = {}) {
      const page = profileName(pageName);
      if (!page.warns || limit <= 0) return [];
      const found = (bySkeleton.get(page.skeleton) ?? []).map((i) => ({ i, score: 1 }));
      if (page.fuzzy) found.push(...fuzzyMatches(pageName, page, minScore));
      found.sort((a, b) => b.score - a.score || a.i - b.i);
      const seen = new Set<string>();
      const out: ResemblanceMatch[] = [];
      for (const { i, score } of found) {
        if (score < minScore || seen.has(ids[i]!)) continue;
        seen.add(ids[i]!);
        out.push({ id: ids[i]!, listedName: names[i]!, score });
        if (out.length === limit) break;
      }
      return out;
    },
  };
}
