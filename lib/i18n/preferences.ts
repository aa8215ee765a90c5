/** Strings of the panel preferences, the per-site switch and "My data" (options page, popup). */
import { makeTranslator, type Catalog, type Locale } from './locale';

const en = {
  'panel.heading': 'Panel on live pages',
  'panel.corner': 'Position',
  'panel.corner.beside': 'Beside the anchor’s name',
  'panel.corner.top-left': 'Top left corner',
  'panel.corner.top-right': 'Top right corner',
  'panel.corner.bottom-left': 'Bottom left corner',
  'panel.corner.bottom-right': 'Bottom right corner',
  'panel.size': 'Size',
  'panel.size.small': 'Small',
  'panel.size.normal': 'Normal',
  'panel.size.large': 'Large',
  'panel.hiddenOn': 'Sites where the panel is hidden (the toolbar badge still shows the verdict)',
  'panel.hiddenNowhere': 'None: the panel shows on every live-shopping site.',
  'panel.showAgain': 'Show on {site} again',
  'panel.hideSite': 'Hide the panel on this site (host name, e.g. live.douyin.com)',
  'panel.hide': 'Hide',
  'panel.showHere': 'Show the panel on {site}',
  'myData.heading': 'My data',
  'myData.explain': 'Your settings, your per-site choices and your reports. The registry is public data and stays.',
  'myData.export': 'Export all my data (JSON)',
  'myData.delete': 'Delete all my data…',
  'myData.confirm': 'Delete your settings, your per-site choices and every report? This cannot be undone.',
  'myData.confirmDelete': 'Yes, delete everything',
  'myData.cancel': 'Cancel',
  'myData.deleted': 'All your data was deleted.',
};

export type PreferencesKey = keyof typeof en;

const zhCN: Catalog<PreferencesKey> = {
  'panel.heading': '直播页面上的面板',
  'panel.corner': '位置',
  'panel.corner.beside': '主播名字旁边',
  'panel.corner.top-left': '左上角',
  'panel.corner.top-right': '右上角',
  'panel.corner.bottom-left': '左下角',
  'panel.corner.bottom-right': '右下角',
  'panel.size': '大小',
  'panel.size.small': '小',
  'panel.size.normal': '中',
  'panel.size.large': '大',
  'panel.hiddenOn': '不显示面板的网站（工具栏徽标仍会显示结论）',
  'panel.hiddenNowhere': '无：面板在所有直播购物网站上显示。',
  'panel.showAgain': '在 {site} 上重新显示',
  'panel.hideSite': '在此网站上隐藏面板（主机名，例如 live.douyin.com）',
  'panel.hide': '隐藏',
  'panel.showHere': '在 {site} 上显示面板',
  'myData.heading': '我的数据',
  'myData.explain': '你的设置、各网站的选择和你的举报。登记库是公开数据，会保留。',
  'myData.export': '导出我的全部数据（JSON）',
  'myData.delete': '删除我的全部数据…',
  'myData.confirm': '删除你的设置、各网站的选择和全部举报？此操作无法撤销。',
  'myData.confirmDelete': '是，全部删除',
  'myData.cancel': '取消',
  'myData.deleted': '你的全部数据已删除。',
};

export const preferencesCatalogs: Record<Locale, Catalog<PreferencesKey>> = { en, 'zh-CN': zhCN };
export const preferencesTranslator = makeTranslator(preferencesCatalogs);
