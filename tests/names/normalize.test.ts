import { describe, expect, it } from 'vitest';
import { normalizeName } from '../../lib/names/normalize';

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

  it('is idempotent', () => {
    for (const name of ['刀哥 说好物！', 'ＤａｏＧｅ', '1️⃣号店', 'Café Crème']) {
      expect(normalizeName(normalizeName(name))).toBe(normalizeName(name));
    }
  });
});
