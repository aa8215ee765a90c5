/**
 * A synthetic national-scale registry (`registry synth`, `npm run bench:registry`): fictional,
 * deterministic (seeded), shaped like the real thing — companies with certificates and many
 * platform accounts, anchors, and a long blacklist with aliases.
 */
import { writeFile } from 'node:fs/promises';
import { SNAPSHOT_SCHEMA_ID, type SnapshotInput } from '../../lib/registry/schema';
import { seededRandom } from '../../tests/support/random';
import type { Output } from './commands';
import { loadSigners } from './keyfiles';
import { signedEnvelopeText } from './snapshot-files';

export interface SynthOptions {
  companies: number;
  accounts: number;
  blacklist: number;
  seed?: number;
  version?: number;
  now?: Date;
}

export const NATIONAL_SCALE: SynthOptions = { companies: 100_000, accounts: 1_000_000, blacklist: 100_000 };

const PLATFORMS = ['douyin', 'taobao', 'kuaishou', 'tiktok', 'bilibili', 'xiaohongshu', 'jd', 'youtube', 'shopee', 'amazon'];
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN = '小晓子文明华丽静敏强军伟芳娜秀英杰涛磊超勇艳霞平刚桂兰玉萍红娟琳凤云飞鹏辉斌宇浩凯健俊帆帅旭宁欣';
const WORDS = ['优选', '好物', '严选', '甄选', '生活馆', '家居', '美妆', '数码', '农场', '果园', '服饰', '母婴', '食品', '茶业', '珠宝'];

const day = (d: Date) => d.toISOString().slice(0, 10);
const addDays = (d: Date, n: number) => new Date(d.getTime() + n * 86_400_000);

export function synthesizeSnapshot(options: SynthOptions): SnapshotInput {
  const random = seededRandom(options.seed ?? 1);
  const pick = <T,>(xs: readonly T[] | string): T => xs[Math.floor(random() * xs.length)] as T;
  const personName = () => pick<string>(SURNAMES) + pick<string>(GIVEN) + (random() < 0.5 ? pick<string>(GIVEN) : '');
  const now = options.now ?? new Date();
  const perCompany = Math.max(1, Math.floor(options.accounts / options.companies));

  const companies = Array.from({ length: options.companies }, (_, i) => {
    const issued = addDays(now, -Math.floor(random() * 1000));
    return {
      id: `c${i}`,
      name: `${pick<string>(SURNAMES)}${pick(WORDS)}${i}号 (合成)`,
      aliases: [`Synthetic Co. ${i}`],
      uscc: `91${String(110000 + (i % 800000)).padStart(6, '0')}MA${String(i).padStart(7, '0')}X`,
      certificates: [
        {
          number: `SYN-${i}`,
          scheme: 'SITI 1001-2021',
          issuer: 'Synthetic Certification Body',
          grade: `g${1 + (i % 3)}`,
          issuedOn: day(issued),
          expiresOn: day(addDays(issued, 1095)),
          audits: [day(addDays(issued, 300))],
          status: 'valid' as const,
        },
      ],
      accounts: Array.from({ length: perCompany }, (_, k) => ({
        platform: PLATFORMS[(i + k) % PLATFORMS.length]!,
        accountId: `s${i}-${k}-${Math.floor(random() * 1e9).toString(36)}`,
        role: k === 0 ? ('shop' as const) : ('anchor' as const),
      })),
    };
  });
  const blacklist = Array.from({ length: options.blacklist }, (_, i) => ({
    id: `b${i}`,
    kind: 'anchor' as const,
    names: [`${personName()}${i}`],
    aliases: [`${personName()}说好物${i}`],
    accounts: [{ platform: pick(PLATFORMS), accountId: `bl${i}-${Math.floor(random() * 1e9).toString(36)}` }],
    reasons: [{ zh: '销售假冒商品', en: 'sold counterfeit goods' }],
    measures: ['close-live-function' as const],
    listedOn: day(addDays(now, -Math.floor(random() * 700))),
    authority: 'Synthetic Association',
  }));
  return {
    schema: SNAPSHOT_SCHEMA_ID,
    registry: {
      id: 'synthetic',
      name: { zh: '合成登记库', en: 'Synthetic registry' },
      operator: 'LiveSeal benchmarks',
      homepage: 'https://liveseal.app/synthetic',
    },
    version: options.version ?? 1,
    issuedAt: now.toISOString(),
    expiresAt: addDays(now, 30).toISOString(),
    gradeScale: [1, 2, 3].map((n) => ({ id: `g${n}`, label: { zh: `${n} 级`, en: `Grade ${n}` }, colour: '#067647' })),
    companies,
    anchors: [],
    blacklist,
  };
}

/** `registry synth`: the payload (validated shape, not re-parsed: it is ours) or the signed envelope. */
export async function synthCommand(options: SynthOptions & { out: string; keys: readonly string[] }, io: Output): Promise<void> {
  const started = Date.now();
  const snapshot = synthesizeSnapshot(options);
  const text = options.keys.length
    ? await signedEnvelopeText(snapshot, await loadSigners(options.keys))
    : JSON.stringify(snapshot);
  await writeFile(options.out, text);
  io.out(
    `wrote ${options.out}: ${options.companies} companies, ${options.accounts} accounts, ${options.blacklist} blacklist entries, ` +
      `${(text.length / 1e6).toFixed(1)} MB in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
}
