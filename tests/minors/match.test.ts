import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { BUILTIN_CATEGORIES, RestrictedCategory } from '../../lib/minors/categories';
import { compileMatcher, normalizeTitle, SIMPLIFIED_FORMS } from '../../lib/minors/match';

const LabelledTitle = z.object({ title: z.string().min(1), categories: z.array(z.string()), note: z.string().optional() });
type LabelledTitle = z.infer<typeof LabelledTitle>;
const readLabelled = (file: string) =>
  z.array(LabelledTitle).parse(JSON.parse(readFileSync(new URL(`../fixtures/minors/${file}`, import.meta.url), 'utf8')));
/** The set the keyword list was developed on (docs/minors.md says how it grew). */
const DEVELOPMENT = readLabelled('product-titles.json');
/** Written after the last change of the keyword list and never used to change it: the honest estimate. */
const HELD_OUT = readLabelled('holdout-titles.json');
const LABELLED = [...DEVELOPMENT, ...HELD_OUT];

const matcher = compileMatcher(BUILTIN_CATEGORIES);
const ids = (title: string) => matcher.match(title).map((m) => m.categoryId);

interface Score {
  tp: number;
  fp: number;
  fn: number;
}
const ratio = (num: number, den: number) => (den === 0 ? 1 : num / den);
const precision = (s: Score) => ratio(s.tp, s.tp + s.fp);
const recall = (s: Score) => ratio(s.tp, s.tp + s.fn);

/** Per category (and summed over categories): a title is a TP for a category when expected and matched. */
function measure(titles: LabelledTitle[]) {
  const scores = new Map<string, Score>(BUILTIN_CATEGORIES.map((c) => [c.id, { tp: 0, fp: 0, fn: 0 }]));
  const wrong: string[] = [];
  for (const { title, categories } of titles) {
    const got = new Set(ids(title));
    const want = new Set(categories);
    for (const [id, s] of scores) {
      if (want.has(id) && got.has(id)) s.tp++;
      else if (got.has(id)) (s.fp++, wrong.push(`FP ${id}: ${title}`));
      else if (want.has(id)) (s.fn++, wrong.push(`FN ${id}: ${title}`));
    }
  }
  const overall = [...scores.values()].reduce((a, s) => ({ tp: a.tp + s.tp, fp: a.fp + s.fp, fn: a.fn + s.fn }), { tp: 0, fp: 0, fn: 0 });
  return { scores, overall, wrong };
}

function markdownTable(titles: LabelledTitle[], { scores, overall }: ReturnType<typeof measure>): string {
  const expected = (id: string) => titles.filter((t) => t.categories.includes(id)).length;
  const row = (name: string, s: Score, n: number) =>
    `| ${name} | ${n} | ${s.tp} | ${s.fp} | ${s.fn} | ${precision(s).toFixed(3)} | ${recall(s).toFixed(3)} |`;
  return [
    '| category | expected | TP | FP | FN | precision | recall |',
    '|---|---:|---:|---:|---:|---:|---:|',
    ...[...scores].map(([id, s]) => row(id, s, expected(id))),
    row('**overall**', overall, overall.tp + overall.fn),
  ].join('\n');
}

function report(name: string, titles: LabelledTitle[]) {
  const result = measure(titles);
  console.log(`\n${name}: ${titles.length} labelled titles\n\n${markdownTable(titles, result)}\n`);
  console.log(`Still wrong (${result.wrong.length}):\n${result.wrong.join('\n')}\n`);
  return result.overall;
}

describe('labelled product titles', () => {
  it('are at least 300, roughly half restricted, with positives and hard negatives for every category', () => {
    expect(LABELLED.length).toBeGreaterThanOrEqual(300);
    for (const set of [DEVELOPMENT, HELD_OUT]) {
      const restricted = set.filter((t) => t.categories.length > 0).length / set.length;
      expect(restricted).toBeGreaterThan(0.4);
      expect(restricted).toBeLessThan(0.7);
    }
    const known = new Set(BUILTIN_CATEGORIES.map((c) => c.id));
    for (const { categories } of LABELLED) for (const id of categories) expect(known).toContain(id);
    for (const id of known) expect(LABELLED.filter((t) => t.categories.includes(id)).length).toBeGreaterThanOrEqual(10);
    expect(LABELLED.filter((t) => t.categories.length === 0 && t.note?.startsWith('hard negative')).length).toBeGreaterThanOrEqual(80);
    expect(new Set(LABELLED.map((t) => t.title)).size).toBe(LABELLED.length);
  });

  it('are matched with ≥ 0.95 precision and ≥ 0.90 recall overall; the held-out part is reported on its own', () => {
    report('Development set', DEVELOPMENT);
    const heldOut = report('Held-out set (never used to change the keywords)', HELD_OUT);
    const all = report('All labelled titles', LABELLED);
    expect(precision(all)).toBeGreaterThanOrEqual(0.95);
    expect(recall(all)).toBeGreaterThanOrEqual(0.9);
    // Floors just under the held-out set's first measurement (P 0.868, R 0.930): a change to the
    // list that loses ground on unseen titles fails here even when the development set improves.
    expect(precision(heldOut)).toBeGreaterThanOrEqual(0.85);
    expect(recall(heldOut)).toBeGreaterThanOrEqual(0.9);
  });
});

describe('normalizeTitle', () => {
  it.each([
    ['full-width Latin and digits', 'ＶＡＰＥ ５０００', 'vape 5000'],
    ['case', 'E-Cigarette', 'e cigarette'],
    ['spaces and punctuation between Chinese characters', '电 子·烟！', '电子烟'],
    ['ideographic space', '电子\u3000烟', '电子烟'],
    ['traditional characters', '電子煙 處方藥 醫療器械', '电子烟处方药医疗器械'],
    ['Taiwan spelling of 烟', '香菸', '香烟'],
    ['emoji and brackets', '🔥【直播间专享】Disposable Vape⚡', '直播间专享disposable vape'],
    ['hard punctuation between words', 'pesticide, free shipping', 'pesticide|free shipping'],
    ['soft separators fold to one space', 'nicotine -- free', 'nicotine free'],
    ['spelled-out letters join', 'V A P E pods', 'vape pods'],
    ['full-width ratio keeps its colon', 'Ｎｉｋｅ １ ： １', 'nike 1:1'],
    ['apostrophes inside words vanish', "Jack Daniel's", 'jack daniels'],
  ])('%s: %j → %j', (_, text, normalized) => {
    expect(normalizeTitle(text)).toBe(normalized);
  });

  it('is idempotent', () => {
    for (const { title } of LABELLED) expect(normalizeTitle(normalizeTitle(title))).toBe(normalizeTitle(title));
  });
});

describe('compileMatcher', () => {
  // Normalisation, word boundaries (English keywords match whole words, plain plurals allowed)
  // and exclusions (a keyword inside an exclusion phrase of its category does not count).
  it.each([
    ['full-width', 'ＶＡＰＥ 冰西瓜味', ['tobacco']],
    ['traditional', '電子煙 拋棄式', ['tobacco']],
    ['spaced Chinese', '电 子 烟 套装', ['tobacco']],
    ['hyphenated English', 'E-Cigarette Kit', ['tobacco']],
    ['English without the hyphen', 'ecig starter kit', ['tobacco']],
    ['plural', 'Vapes Wholesale', ['tobacco']],
    ['listed inflection', 'Vaping Kit', ['tobacco']],
    ['plural -es', 'Whiskies of Scotland', ['alcohol']],
    ['traditional keyword', '仿真槍 合金', ['weapons']],
    ['full-width ratio', '１：１ 純原', ['counterfeit']],
    ['boundary: wine inside swine', 'Swine Leather Gloves', []],
    ['boundary: wine inside twine', 'Twine Jute String', []],
    ['boundary: gin inside origin and ginseng', 'Origin Ginseng Tea', []],
    ['boundary: rum inside rumble', 'Rumble Roller', []],
    ['boundary: rx inside rxbar', 'RXBAR Protein Bars', []],
    ['boundary: plain Rx is a graphics card', 'AMD Radeon RX 7900 XTX', []],
    ['boundary: vape inside vaporizer', 'Vaporizer Humidifier', []],
    ['boundary: a time is not a ratio', '双11 11:11 整点抢', []],
    ['exclusion: wine glass', '无铅水晶 红酒杯 高脚杯 6只装', []],
    ['exclusion: beer-duck seasoning', '啤酒鸭调料 秘制 150g', []],
    ['exclusion: toy crossbow', '儿童 玩具弩 吸盘箭', []],
    ['exclusion: candy cigarettes', '香烟糖 童年回忆', []],
    ['exclusion: plural of the exclusion', 'Wine Glasses Set of 4', []],
    ['exclusion: lifelike plants', '高仿真 绿植 盆栽', []],
    ['exclusion: break-even price', '清仓 保本价 棉服', []],
    ['exclusion: ivory colour', '象牙白 衬衫', []],
    ['exclusion: in traditional characters', '紅酒杯 高腳杯', []],
    ['exclusion: 进口 + 红酒 joined is not 口红', '法国进口 红酒', ['alcohol']],
    ['veto anywhere in the title: a costume dagger is a toy', 'Kids Foam Dagger Pirate Costume', []],
    ['veto: seeds are not a financial product', 'High Yield Tomato Seeds', []],
    ['a veto cancels only its own category', '玩具 匕首 + 干红葡萄酒', ['alcohol']],
  ])('%s: %j → %j', (_, title, expected) => {
    expect(ids(title)).toEqual(expected);
  });

  it('does not read an exclusion across hard punctuation', () => {
    expect(ids('Pesticide-Free Vegetables')).toEqual([]);
    expect(ids('Pesticide Free Vegetables')).toEqual([]);
    expect(ids('Garden Pesticide, Free Shipping')).toEqual(['pesticides']);
  });

  it('keeps a keyword that also occurs outside an exclusion', () => {
    expect(ids('张裕 红酒 750ml 送红酒杯')).toEqual(['alcohol']);
    expect(ids('进口口红 正品')).toEqual(['cosmetics']);
    expect(ids('Red Wine Gift Set with 2 Wine Glasses')).toEqual(['alcohol']);
  });

  it('applies exclusions to their own category only', () => {
    const matcher = compileMatcher([
      { id: 'a', keywords: { zh: ['红酒'], en: [] }, exclusions: ['红酒杯'] },
      { id: 'b', keywords: { zh: ['红酒'], en: [] }, exclusions: [] },
    ]);
    expect(matcher.match('红酒杯')).toEqual([{ categoryId: 'b', keyword: '红酒' }]);
  });

  it('reports each category once, with the first keyword in the title', () => {
    expect(matcher.match('小烟 电子烟 烟弹 红酒')).toEqual([
      { categoryId: 'tobacco', keyword: '小烟' },
      { categoryId: 'alcohol', keyword: '红酒' },
    ]);
    expect(matcher.match('')).toEqual([]);
    expect(matcher.match('🔥🔥🔥')).toEqual([]);
  });

  it('matches 1,000 titles well under 50 ms', () => {
    const titles = Array.from({ length: 1000 }, (_, i) => LABELLED[i % LABELLED.length]!.title);
    const run = () => {
      const start = performance.now();
      for (const title of titles) matcher.match(title);
      return performance.now() - start;
    };
    run(); // warm-up: the first pass also runs the JIT
    // The fastest of several runs: the machine's other load only ever adds time.
    const best = Math.min(...Array.from({ length: 7 }, run));
    console.log(`1,000 titles: ${best.toFixed(1)} ms`);
    expect(best).toBeLessThan(50);
  });
});

describe('categories', () => {
  it('pass the RestrictedCategory schema, with unique ids', () => {
    for (const category of BUILTIN_CATEGORIES) expect(RestrictedCategory.parse(category)).toEqual(category);
    expect(new Set(BUILTIN_CATEGORIES.map((c) => c.id)).size).toBe(BUILTIN_CATEGORIES.length);
  });

  it('rejects malformed categories', () => {
    const good = BUILTIN_CATEGORIES[0]!;
    for (const bad of [
      { ...good, id: 'Tobacco!' },
      { ...good, basis: [] },
      { ...good, basis: ['minors', 'minors'] },
      { ...good, keywords: { zh: [], en: [] } },
      { ...good, keywords: { zh: ['！！'], en: [] } },
      { ...good, label: { zh: '烟草' } },
    ]) {
      expect(RestrictedCategory.safeParse(bad).success).toBe(false);
    }
  });

  it('have exclusions that each contain one of their own keywords (or they would do nothing)', () => {
    for (const category of BUILTIN_CATEGORIES) {
      const own = compileMatcher([{ ...category, exclusions: [], vetoes: [] }]);
      for (const exclusion of category.exclusions) expect([exclusion, own.match(exclusion)]).not.toEqual([exclusion, []]);
    }
  });

  it('have keywords that are found as written and not excluded by themselves', () => {
    for (const category of BUILTIN_CATEGORIES) {
      for (const keyword of [...category.keywords.zh, ...category.keywords.en]) {
        expect([keyword, ids(keyword)]).toEqual([keyword, expect.arrayContaining([category.id])]);
      }
    }
  });
});

describe('traditional → simplified table', () => {
  const builtinPhrases = BUILTIN_CATEGORIES.flatMap((c) => [...c.keywords.zh, ...c.keywords.en, ...c.exclusions, ...(c.vetoes ?? [])]);
  const builtinChars = new Set(builtinPhrases.flatMap((p) => [...p]));
  const traditionalOf = new Map<string, string[]>();
  for (const [t, s] of SIMPLIFIED_FORMS) traditionalOf.set(s, [...(traditionalOf.get(s) ?? []), t]);

  it('maps only to characters the keywords use, and never from one', () => {
    for (const [t, s] of SIMPLIFIED_FORMS) {
      expect([t, builtinChars.has(s)]).toEqual([t, true]);
      expect([t, builtinChars.has(t)]).toEqual([t, false]);
    }
  });

  it('brings every keyword and exclusion written in traditional characters back', () => {
    for (const phrase of builtinPhrases) {
      for (const c of new Set(phrase)) {
        for (const t of traditionalOf.get(c) ?? []) {
          expect(normalizeTitle(phrase.replaceAll(c, t))).toBe(normalizeTitle(phrase));
        }
      }
      const allTraditional = [...phrase].map((c) => traditionalOf.get(c)?.[0] ?? c).join('');
      expect(normalizeTitle(allTraditional)).toBe(normalizeTitle(phrase));
    }
  });

  // Simplified characters with a different traditional form (hand-written, independent of the
  // generated table): any keyword that uses one must have that form in the table.
  const KNOWN_SIMPLIFIED =
    '烟电弹雾丝卷热烧过滤无贴红预调鸡黄兰龙槟锅头粮饮开柜鸭鱼乐双体竞赌场时纸机处药国准压减壮阳伟缓释灵纳杀虫医疗仪问诊术号计听隐镜级' +
    '针脸线玛声肤类胶蓝学强补剂营养儿妆华晒喷护饼笔润发宝柠农兽灭驱敌残枪击军气钢缩盘游戏点练赏币钻兑换传说诗账飞动货单复纯经财稳赚荐' +
    '带汇虚数险价仓卖启书记绘纪鸟鹤顶纹干叶门车东马见长为这个们来会对后没样着给让进轮温额颈皱软蚂蚁悦爱报边变标宾参蚕灿层产尝偿厂彻尘' +
    '衬称惩迟齿丑础储触辞聪从丛窜达担胆导灯邓递淀冻斗独断队吨夺堕尔范坟奋粪丰凤妇盖赶巩沟构购谷顾关观归龟汉轰划怀坏欢环还回伙获积极际' +
    '继艰歼茧拣舰姜浆桨奖讲酱阶节尽举剧据惧垦恳夸块亏困腊蜡拦栏烂累垒里礼隶帘联怜炼辽猎临邻岭庐芦炉陆驴乱么霉梦庙蔑亩恼脑拟酿疟' +
    '辟苹凭扑仆朴签牵纤窍窃亲寝庆琼区趋权劝确扰认洒伞丧扫涩伤舍沈胜湿实适势树帅松苏虽随台态坛叹誊粜铁厅图涂团椭洼袜网卫务牺习系虾吓咸' +
    '显宪县响协胁亵衅兴须悬选盐痒钥爷亿忆应痈拥佣踊忧优邮余御吁郁誉渊园远愿跃运酝杂赃脏凿枣灶斋毡战赵这征证只帜制质钟肿种众昼烛筑庄桩' +
    '装状浊总';

  it('covers every keyword character that has a known traditional form', () => {
    const missing = [...builtinChars].filter((c) => KNOWN_SIMPLIFIED.includes(c) && !traditionalOf.has(c));
    expect(missing).toEqual([]);
  });

  it.each([
    ['電子菸', 'tobacco'],
    ['電子煙 煙彈 霧化彈', 'tobacco'],
    ['紅酒 葡萄酒 威士忌', 'alcohol'],
    ['刮刮樂 雙色球', 'lottery'],
    ['處方藥 藥品', 'drugs'],
    ['醫療器械 理療儀 治療儀', 'medical'],
    ['醫美 水光針 瘦臉針', 'cosmetic-medicine'],
    ['保健食品 藍帽子', 'health-food'],
    ['化妝品 口紅', 'cosmetics'],
    ['農藥 殺蟲劑 獸藥', 'pesticides'],
    ['仿真槍 彈簧刀', 'weapons'],
    ['遊戲充值 點券 打賞', 'games-tipping'],
    ['計生用品 避孕套', 'adult'],
    ['A貨 原單 復刻', 'counterfeit'],
    ['理財 穩賺', 'finance'],
    ['硨磲 犀牛角', 'wildlife'],
  ])('reads real traditional spellings: %s', (title, id) => {
    expect(ids(title)).toContain(id);
  });
});
