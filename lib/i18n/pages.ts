/** Strings of the extension's own pages (popup, details, options). Same rules as overlay.ts. */
import type { Catalog, Locale } from './locale';

const en = {
  'registry.heading': 'Registry',
  'registry.none': 'No verified registry is stored.',
  'registry.version': 'Version {version}, issued {issued}',
  'registry.expires': 'Valid until {date}',
  'registry.stale': 'Out of date since {date}: certification marks are shown as unconfirmed.',
  'registry.demo': 'Demo data, not a real registry.',
  'registry.rejected': 'Last refused update ({source}, {date}): {message}',
  'registry.loading': 'Loading…',
  'registry.error': 'The background did not answer: {message}',
};

export type PagesKey = keyof typeof en;

const zhCN: Catalog<PagesKey> = {
  'registry.heading': '登记库',
  'registry.none': '本机没有已验证的登记库。',
  'registry.version': '版本 {version}，发布于 {issued}',
  'registry.expires': '有效期至 {date}',
  'registry.stale': '自 {date} 起已过期：认证标志显示为“未确认”。',
  'registry.demo': '演示数据，并非真实登记库。',
  'registry.rejected': '最近一次被拒绝的更新（{source}，{date}）：{message}',
  'registry.loading': '加载中…',
  'registry.error': '后台没有响应：{message}',
};

export const pagesCatalogs: Record<Locale, Catalog<PagesKey>> = { en, 'zh-CN': zhCN };
