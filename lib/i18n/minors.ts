/**
 * Strings of minor protection in content scripts: the overlay's restricted-product warnings and
 * the purchase-guard dialog (the options page's are in parent-mode.ts). Same rules as overlay.ts.
 */
import { makeTranslator, type Catalog, type Locale } from './locale';

const en = {
  'minors.heading': 'Not for minors (parent mode)',
  'minors.product': '{title}: {categories}',
  'minors.guarded': 'Buying these needs a parent’s PIN.',
  'guard.title': 'Stopped by LiveSeal parent mode',
  'guard.purchase': '“{title}” is restricted for minors: {categories}.',
  'guard.gift': 'Gifts and tips to anchors are stopped: minors may not tip anchors.',
  'guard.askParent': 'To go on, a parent enters the PIN.',
  'guard.pin': 'Parent PIN',
  'guard.continue': 'Continue',
  'guard.cancel': 'Cancel',
  'guard.checking': 'Checking the PIN…',
  'wrong-pin': 'Wrong PIN.',
  'wrong-pin.wait': 'Wrong PIN. Try again in {time}.',
  locked: 'Too many wrong PINs. Try again in {time}.',
  'wait.seconds': '{n} s',
  'wait.minutes': '{n} min',
  'wait.hours': '{n} h',
};

export type MinorsKey = keyof typeof en;

const zhCN: Catalog<MinorsKey> = {
  'minors.heading': '不适宜未成年人（家长模式）',
  'minors.product': '{title}：{categories}',
  'minors.guarded': '购买这些商品需要家长输入 PIN。',
  'guard.title': 'LiveSeal 家长模式已拦截',
  'guard.purchase': '“{title}”属于未成年人限购商品：{categories}。',
  'guard.gift': '已拦截送礼物和打赏：未成年人不得向主播打赏。',
  'guard.askParent': '如需继续，请家长输入 PIN。',
  'guard.pin': '家长 PIN',
  'guard.continue': '继续',
  'guard.cancel': '取消',
  'guard.checking': '正在核对 PIN…',
  'wrong-pin': 'PIN 错误。',
  'wrong-pin.wait': 'PIN 错误。请在 {time} 后再试。',
  locked: '错误次数过多。请在 {time} 后再试。',
  'wait.seconds': '{n} 秒',
  'wait.minutes': '{n} 分钟',
  'wait.hours': '{n} 小时',
};

export const minorsCatalogs: Record<Locale, Catalog<MinorsKey>> = { en, 'zh-CN': zhCN };
export const minorsTranslator = makeTranslator(minorsCatalogs);

/** A wait in the largest whole unit that fits, rounded up: "30 s", "2 min", "24 h". */
export function waitText(ms: number, t: ReturnType<typeof minorsTranslator>): string {
  const seconds = Math.ceil(ms / 1000);
  if (seconds < 120) return t('wait.seconds', { n: seconds });
  if (seconds < 2 * 3600) return t('wait.minutes', { n: Math.ceil(seconds / 60) });
  return t('wait.hours', { n: Math.ceil(seconds / 3600) });
}

/** Why a PIN was refused, with the wait before the next try. */
export function refusalText(error: 'wrong-pin' | 'locked', retryAfterMs: number, t: ReturnType<typeof minorsTranslator>): string {
  if (error === 'locked') return t('locked', { time: waitText(retryAfterMs, t) });
  return retryAfterMs > 0 ? t('wrong-pin.wait', { time: waitText(retryAfterMs, t) }) : t('wrong-pin');
}
