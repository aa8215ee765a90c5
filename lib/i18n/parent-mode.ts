/** Strings of the options page's parent-mode section (docs/minors.md). Same rules as overlay.ts. */
import { makeTranslator, type Catalog, type Locale } from './locale';

const en = {
  'parent.heading': 'Parent mode',
  'parent.explain':
    'On live pages, LiveSeal warns about products restricted for minors and stops buying them, and gifts and tips, until a parent enters the PIN.',
  'parent.off': 'Parent mode is off.',
  'parent.on': 'Parent mode is on.',
  'parent.newPin': 'New PIN (4 to 12 digits)',
  'parent.confirmPin': 'Repeat the new PIN',
  'parent.turnOn': 'Turn on parent mode',
  'parent.mismatch': 'The two PINs differ.',
  'parent.badPin': 'A PIN is 4 to 12 digits.',
  'parent.guardPurchases': 'Stop buying restricted products',
  'parent.guardGifts': 'Stop gifts and tips',
  'parent.pin': 'Current PIN',
  'parent.turnOff': 'Turn off parent mode',
  'parent.saveSettings': 'Save settings',
  'parent.changePin': 'Change PIN',
  'parent.saved': 'Saved.',
  'parent.forgot': 'Forgot the PIN?',
  'parent.forgotExplain':
    'A reset turns parent mode off and clears its settings 72 hours after you start it. Until then parent mode stays on and this page shows the reset; the PIN cancels it.',
  'parent.requestReset': 'Start the reset',
  'parent.resetPending': 'A forgotten-PIN reset will turn parent mode off on {date}.',
  'parent.cancelReset': 'Cancel the reset',
  'parent.wasReset': 'Parent mode was turned off by a forgotten-PIN reset on {date}.',
};

export type ParentModeKey = keyof typeof en;

const zhCN: Catalog<ParentModeKey> = {
  'parent.heading': '家长模式',
  'parent.explain': '在直播页面上，LiveSeal 会提示未成年人限购的商品，并拦截购买这些商品以及送礼物、打赏，直到家长输入 PIN。',
  'parent.off': '家长模式已关闭。',
  'parent.on': '家长模式已开启。',
  'parent.newPin': '新 PIN（4 至 12 位数字）',
  'parent.confirmPin': '再次输入新 PIN',
  'parent.turnOn': '开启家长模式',
  'parent.mismatch': '两次输入的 PIN 不一致。',
  'parent.badPin': 'PIN 为 4 至 12 位数字。',
  'parent.guardPurchases': '拦截购买限购商品',
  'parent.guardGifts': '拦截送礼物和打赏',
  'parent.pin': '当前 PIN',
  'parent.turnOff': '关闭家长模式',
  'parent.saveSettings': '保存设置',
  'parent.changePin': '修改 PIN',
  'parent.saved': '已保存。',
  'parent.forgot': '忘记 PIN？',
  'parent.forgotExplain': '重置会在发起 72 小时后关闭家长模式并清除其设置。在此之前家长模式保持开启，本页会显示重置状态；输入 PIN 可取消重置。',
  'parent.requestReset': '发起重置',
  'parent.resetPending': '忘记 PIN 的重置将于 {date} 关闭家长模式。',
  'parent.cancelReset': '取消重置',
  'parent.wasReset': '家长模式已于 {date} 因忘记 PIN 被重置关闭。',
};

export const parentModeCatalogs: Record<Locale, Catalog<ParentModeKey>> = { en, 'zh-CN': zhCN };
export const parentModeTranslator = makeTranslator(parentModeCatalogs);
