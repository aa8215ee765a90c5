import { describe, expect, it } from 'vitest';
import { nameSkeleton, normalizeName, skeletonWords } from '../../lib/names/normalize';

describe('normalizeName', () => {
  it.each([
    ['spaces and full-width punctuation', '刀哥 说好物！', '刀哥说好物'],
    ['full-width Latin and case', 'ＤａｏＧｅ', 'daoge'],
    ['ideographic space and brackets', '【刀哥】\u3000说好物', '刀哥说好物'],
    ['emoji, ZWJ sequences, skin tones and variation selectors', '🔥刀哥👨‍👩‍👧👍🏽说好物❤️', '刀哥说好物'],
    ['keycap emoji keep their digit', '1️⃣号店', '1号店'],
    ['zero-width and format characters', 'dao\u200bge\u00ad\u200d', 'daoge'],
    ['control characters and line breaks', 'dao\tge\n\u2028', 'daoge'],
    ['circled and styled letters', 'ⓓⓐⓞ 𝐆𝐞', 'daoge'],
    ['half-width katakana', 'ｶﾀｶﾅ', 'カタカナ'],
    ['currency and maths symbols', '¥好物+优选=', '好物优选'],
    ['letters with accents stay', 'Café  Crème', 'cafécrème'],
    ['digits stay, full-width digits fold', '好物８８８', '好物888'],
    ['traditional characters', '劉德華說好物', '刘德华说好物'],
    ['variant forms sellers type', '爲眞綫', '为真线'],
    ['traditional forms that are also simplified stay', '乾隆於', '乾隆於'],
    ['Cyrillic а, о, с drawn as Latin', 'Dаoge Cосо', 'daogecoco'],
    ['Greek capitals drawn as Latin', 'ΑΝΝΑ ΚΙΜ', 'annakim'],
    ['Greek η is n-shaped in lower case, H-shaped as Η', 'Ηello', 'hello'],
  ])('%s: %j → %j', (_, name, key) => {
    expect(normalizeName(name)).toBe(key);
  });

  it.each([[''], ['   '], ['！！！'], ['🎉✨\u200b'], ['\u3000·—']])('returns "" when nothing is left of %j', (name) => {
    expect(normalizeName(name)).toBe('');
  });

  it('makes variants of one name compare equal, and different names not', () => {
    const key = normalizeName('刀哥说好物');
    expect(normalizeName('刀哥 说好物！')).toBe(key);
    expect(normalizeName('「刀哥・说好物」✨')).toBe(key);
    expect(normalizeName('刀哥说好货')).not.toBe(key);
    expect(normalizeName('DaoGe')).toBe(normalizeName('ＤａｏＧｅ'));
  });

  it('keeps visible changes apart: accents, digits for letters, affixes (the skeleton folds those)', () => {
    expect(normalizeName('Café')).not.toBe(normalizeName('Cafe'));
    expect(normalizeName('Sh0p')).not.toBe(normalizeName('Shop'));
    expect(normalizeName('刀哥说好物官方旗舰店')).not.toBe(normalizeName('刀哥说好物'));
  });

  it('is idempotent', () => {
    for (const name of ['刀哥 说好物！', 'ＤａｏＧｅ', '1️⃣号店', 'Café Crème', '劉德華', 'Dаoge', 'ΑΝΝΑ', '爲眞綫']) {
      expect(normalizeName(normalizeName(name))).toBe(normalizeName(name));
    }
  });
});

describe('nameSkeleton: what sellers change to dodge a blacklist', () => {
  const same = (a: string, b: string) => expect(nameSkeleton(a)).toBe(nameSkeleton(b));
  const differ = (a: string, b: string) => expect(nameSkeleton(a)).not.toBe(nameSkeleton(b));

  it('starts from the exact key', () => {
    for (const name of ['刀哥 说好物！', 'ＤａｏＧｅ', '劉德華', 'Dаoge']) expect(nameSkeleton(name)).toBe(nameSkeleton(normalizeName(name)));
  });

  it.each([
    ['【官方】刀哥说好物官方旗舰店直播间', '刀哥说好物'],
    ['刀哥说好物 直播中', '刀哥说好物'],
    ['刀哥说好物小号', '刀哥说好物'],
    ['刀哥说好物本人', '刀哥说好物'],
    ['Daoge Deals Official Store', 'Daoge Deals'],
    ['The Real Daoge Deals', 'Daoge Deals'],
    ['daoge_deals_live', 'Daoge Deals'],
    ['刀哥official', '刀哥'],
  ])('drops affixes: %j ~ %j', same);

  it.each([
    ['刀哥说好物2号', '刀哥说好物'],
    ['刀哥说好物二号', '刀哥说好物'],
    ['刀哥说好物888', '刀哥说好物'],
    ['Daoge Deals 2', 'Daoge Deals'],
    ['CryptoKevin2024', 'Crypto Kevin'],
  ])('drops account numbers: %j ~ %j', same);

  it.each([
    ['Da0ge Dea1s', 'Daoge Deals'],
    ['GIow', 'Glow'],
    ['BeIIa', 'Bella'],
    ['Kev1n', 'Kevin'],
    ['Le0', 'Leo'],
    ['J3nny', 'Jenny'],
    ['5arah', 'Sarah'],
    ['rnia', 'mia'],
    ['Daogee', 'Daoge'],
    ['Glow With Mía', 'Glow With Mia'],
    ['Dr. Мiracle', 'Dr Miracle'],
    ['王小丽的衣橱', '王小丽衣橱'],
    ['胖虎の零食', '胖虎零食'],
  ])('folds look-alikes, accents and connectives: %j ~ %j', same);

  it.each([
    ['Olive', 'O'],
    ['Shopify', 'Ify'],
    ['Mila', 'Mia'],
    ['Lily', 'Lilly'],
    ['新东方', '东方'],
    ['刀哥说好物', '刀哥说好货'],
    ['百货店', '百货'],
  ])('keeps what is part of the name: %j ≁ %j', differ);

  it('never strips a name down to nothing', () => {
    expect(nameSkeleton('官方')).toBe('官方');
    expect(nameSkeleton('Live')).toBe('llve');
    expect(nameSkeleton('旗舰店')).toBe('旗舰店');
  });

  it('gives the words of the skeleton', () => {
    expect(skeletonWords('Glow With Mia Official')).toEqual(['glow', 'wlth', 'mla']);
    expect(skeletonWords('【官方】刀哥 说好物')).toEqual(['刀哥', '说好物']);
  });

  it('is idempotent', () => {
    for (const name of ['刀哥说好物2号', 'Da0ge Dea1s Official', '劉德華 直播间', 'Glow With Mía']) {
      expect(nameSkeleton(nameSkeleton(name))).toBe(nameSkeleton(name));
    }
  });
});
