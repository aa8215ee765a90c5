import { describe, expect, it } from 'vitest';
import pairsJson from '../fixtures/names/resemblance-pairs.json';
import {
  RESEMBLANCE_THRESHOLD,
  buildResemblanceIndex,
  canWarn,
  loadResemblanceIndex,
  resemblance,
  scoreParts,
} from '../../lib/names/resemblance';

interface Pair {
  listed: string;
  page: string;
  same: boolean;
  trick: string;
  note?: string;
}
const pairs = pairsJson as Pair[];
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;
const lang = (p: Pair) => (CJK.test(p.listed) ? 'zh' : 'en');

const scored = pairs.map((p) => ({ ...p, score: resemblance(p.listed, p.page) }));

interface Quality {
  tp: number;
  fp: number;
  fn: number;
  tn: number;
  precision: number;
  recall: number;
}
function quality(rows: { same: boolean; score: number }[], threshold: number): Quality {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let tn = 0;
  for (const { same, score } of rows) {
    const predicted = score >= threshold;
    if (predicted && same) tp++;
    else if (predicted) fp++;
    else if (same) fn++;
    else tn++;
  }
  return { tp, fp, fn, tn, precision: tp + fp === 0 ? 1 : tp / (tp + fp), recall: tp + fn === 0 ? 1 : tp / (tp + fn) };
}
const f3 = (x: number) => x.toFixed(3);

/** The thresholds swept; the chosen one is the best recall among those with precision ≥ 0.98. */
const SWEEP = Array.from({ length: 11 }, (_, k) => Math.round((0.5 + k * 0.05) * 100) / 100);
const MIN_PRECISION = 0.98;
const MIN_RECALL = 0.8;

describe('the labelled set', () => {
  it('has at least 400 pairs in zh and en, true re-registrations and hard negatives', () => {
    expect(pairs.length).toBeGreaterThanOrEqual(400);
    for (const l of ['zh', 'en']) {
      expect(pairs.filter((p) => lang(p) === l && p.same).length).toBeGreaterThan(50);
      expect(pairs.filter((p) => lang(p) === l && !p.same).length).toBeGreaterThan(50);
    }
    const keys = new Set(pairs.map((p) => `${p.listed}\u0000${p.page}`));
    expect(keys.size).toBe(pairs.length);
    for (const p of pairs) {
      expect(typeof p.listed === 'string' && typeof p.page === 'string' && typeof p.same === 'boolean' && typeof p.trick === 'string').toBe(true);
    }
  });
});

describe('resemblance quality on the labelled set', () => {
  it('sweeps thresholds, and RESEMBLANCE_THRESHOLD is the best recall with precision ≥ 0.98', () => {
    const rows = SWEEP.map((t) => ({ t, ...quality(scored, t) }));
    console.log(
      ['threshold  precision  recall  TP  FP  FN  TN', ...rows.map((r) => `${r.t.toFixed(2).padStart(9)}  ${f3(r.precision).padStart(9)}  ${f3(r.recall).padStart(6)}  ${r.tp} ${String(r.fp).padStart(3)} ${String(r.fn).padStart(3)} ${String(r.tn).padStart(3)}`)].join('\n'),
    );
    const chosen = rows.filter((r) => r.precision >= MIN_PRECISION).sort((a, b) => b.recall - a.recall || a.t - b.t)[0];
    expect(chosen?.t).toBe(RESEMBLANCE_THRESHOLD);
  });

  it(`reaches precision ≥ ${MIN_PRECISION} and recall ≥ ${MIN_RECALL} at the threshold`, () => {
    const all = quality(scored, RESEMBLANCE_THRESHOLD);
    const byLang = ['zh', 'en'].map((l) => ({ l, ...quality(scored.filter((p) => lang(p) === l), RESEMBLANCE_THRESHOLD) }));
    const tricks = [...new Set(scored.map((p) => p.trick))];
    const byTrick = tricks.map((trick) => {
      const rows = scored.filter((p) => p.trick === trick);
      const hit = rows.filter((p) => p.score >= RESEMBLANCE_THRESHOLD).length;
      return `${trick.padEnd(15)} ${rows[0]!.same ? 'same     ' : 'different'} ${hit}/${rows.length} predicted same`;
    });
    const errors = scored
      .filter((p) => (p.score >= RESEMBLANCE_THRESHOLD) !== p.same)
      .map((p) => `${p.same ? 'missed' : 'FALSE '} ${p.score.toFixed(2)} ${p.trick}: ${p.listed} / ${p.page}`);
    console.log(
      [
        `threshold ${RESEMBLANCE_THRESHOLD}: precision ${f3(all.precision)}, recall ${f3(all.recall)} (TP ${all.tp}, FP ${all.fp}, FN ${all.fn}, TN ${all.tn})`,
        ...byLang.map((q) => `  ${q.l}: precision ${f3(q.precision)}, recall ${f3(q.recall)}`),
        ...byTrick.map((t) => `  ${t}`),
        'errors:',
        ...errors.map((e) => `  ${e}`),
      ].join('\n'),
    );
    expect(all.precision).toBeGreaterThanOrEqual(MIN_PRECISION);
    expect(all.recall).toBeGreaterThanOrEqual(MIN_RECALL);
  });

  it('the index finds exactly the pairs the pairwise score predicts same, with the same score', () => {
    const listed = [...new Set(pairs.map((p) => p.listed))];
    const index = buildResemblanceIndex(listed.map((name) => ({ id: name, name })));
    for (const p of scored) {
      const label = `${p.listed} / ${p.page}`;
      const warned = index.search(p.page, { limit: listed.length }).find((m) => m.id === p.listed);
      expect(warned !== undefined, label).toBe(p.score >= RESEMBLANCE_THRESHOLD);
      if (warned) expect(warned.score, label).toBeCloseTo(p.score, 6);
      // Below the threshold the index only looks at names sharing a distinctive n-gram, so it
      // may miss a weak resemblance, but never invents one.
      const any = index.search(p.page, { limit: listed.length, minScore: 0 }).find((m) => m.id === p.listed);
      if (any) expect(any.score, label).toBeCloseTo(p.score, 6);
    }
  });
});

describe('short and generic names never warn', () => {
  const NEVER = ['阿杰', '小美', '李佳', '好物', '优选', '美妆', '好物分享', '美妆优选', '每日好物直播间', '小米官方旗舰店', '华为配件专营店',
    'shop', 'store', 'beauty', 'Mia', 'Kiki Shop', 'Daily Deals', 'Beauty Store', 'Nike Official Store', '✨🔥', ''];

  it.each(NEVER)('%j cannot warn', (name) => {
    expect(canWarn(name)).toBe(false);
  });

  it('not even against the same name, listed', () => {
    const index = buildResemblanceIndex(NEVER.map((name, i) => ({ id: `e${i}`, name })));
    for (const name of NEVER) {
      expect(index.search(name, { minScore: 0 })).toEqual([]);
      expect(resemblance(name, name)).toBe(0);
    }
  });

  it('scores 0 on every short, generic and shared-brand pair of the labelled set', () => {
    for (const p of pairs.filter((p) => ['short', 'generic', 'shared-brand'].includes(p.trick))) {
      expect(resemblance(p.listed, p.page), `${p.listed} / ${p.page}`).toBe(0);
    }
  });

  it('a three-character name matches only when equal', () => {
    expect(resemblance('李佳琦', '李佳琦官方直播间')).toBe(1);
    expect(resemblance('李佳琦', '李佳琪')).toBe(0);
  });
});

describe('the resemblance score', () => {
  it('is 1 for an equal skeleton and below 1 for anything fuzzy', () => {
    expect(resemblance('刀哥说好物', '【官方】刀哥說好物✨')).toBe(1);
    expect(resemblance('Daoge Deals', 'Dаoge Dea1s Official')).toBe(1);
    const fuzzy = resemblance('刀哥说好物', '新刀哥说好物');
    expect(fuzzy).toBeGreaterThanOrEqual(RESEMBLANCE_THRESHOLD);
    expect(fuzzy).toBeLessThan(1);
  });

  it('drops when what names the seller changes, not when a generic word does', () => {
    expect(resemblance('刀哥说好物', '刀哥说好货')).toBeGreaterThanOrEqual(RESEMBLANCE_THRESHOLD);
    expect(resemblance('刀哥说好物', '虎哥说好物')).toBeLessThan(RESEMBLANCE_THRESHOLD);
    expect(scoreParts('Glow With Mia', 'Glow With Mila').retained).toBeLessThan(1);
    expect(scoreParts('BabyBliss by Anna', 'BabyBliss by Hannah').retained).toBeLessThan(1);
  });

  it('is 0 for unrelated names', () => {
    expect(resemblance('刀哥说好物', '小红的日常')).toBe(0);
    expect(resemblance('Daoge Deals', 'Grandma Rose Bakery')).toBe(0);
  });
});

describe('the resemblance index', () => {
  const entries = [
    { id: 'daoge', name: '刀哥说好物' },
    { id: 'daoge', name: 'Daoge Deals' },
    { id: 'daoge-shop', name: '刀哥说好物研究所' },
    { id: 'feng', name: '阿峰严选好货' },
    { id: 'mia', name: 'Glow With Mia' },
    { id: 'short', name: '阿杰' },
  ];
  const index = buildResemblanceIndex(entries);

  it('ranks an exact skeleton above fuzzy matches', () => {
    const found = index.search('刀哥说好物直播间', { minScore: 0 });
    expect(found[0]).toEqual({ id: 'daoge', listedName: '刀哥说好物', score: 1 });
    expect(found.slice(1).every((m) => m.score < 1)).toBe(true);
  });

  it('orders by score, one match per entry, its best name', () => {
    const found = index.search('新刀哥说好物', { minScore: 0 });
    expect(found.map((m) => m.score)).toEqual([...found.map((m) => m.score)].sort((a, b) => b - a));
    expect(new Set(found.map((m) => m.id)).size).toBe(found.length);
    expect(found[0]).toMatchObject({ id: 'daoge', listedName: '刀哥说好物' });
  });

  it('honours limit and minScore, with the threshold as default', () => {
    expect(index.search('新刀哥说好物', { minScore: 0, limit: 1 })).toHaveLength(1);
    expect(index.search('新刀哥说好物', { limit: 0 })).toEqual([]);
    for (const m of index.search('刀哥说好货')) expect(m.score).toBeGreaterThanOrEqual(RESEMBLANCE_THRESHOLD);
    expect(index.search('刀哥说好货', { minScore: 1 })).toEqual([]);
  });

  it('finds disguised names and nothing for unrelated, short or generic ones', () => {
    expect(index.search('Glοw Wιth Mια ✨').map((m) => m.id)).toEqual(['mia']);
    expect(index.search('阿峰嚴選好貨').map((m) => m.id)).toEqual(['feng']);
    expect(index.search('小红的日常')).toEqual([]);
    expect(index.search('阿杰')).toEqual([]);
    expect(index.search('好物分享')).toEqual([]);
  });

  it('answers [] when empty', () => {
    const empty = buildResemblanceIndex([]);
    expect(empty.size).toBe(0);
    expect(empty.search('刀哥说好物', { minScore: 0 })).toEqual([]);
  });

  it('survives a structured clone of its data (as IndexedDB stores it) unchanged', () => {
    const copy = loadResemblanceIndex(structuredClone(index.toData()));
    for (const q of ['刀哥说好物直播间', '新刀哥说好物', 'Glow With Miaa', '阿峰严选好物']) {
      expect(copy.search(q, { minScore: 0 })).toEqual(index.search(q, { minScore: 0 }));
    }
  });

  it('refuses data of another version', () => {
    expect(() => loadResemblanceIndex({ ...index.toData(), version: 0 })).toThrow(/version|v0/);
  });
});
