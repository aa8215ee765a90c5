/** Strings of the evidence log: its options section and the report form's attachment. Same rules as overlay.ts. */
import { makeTranslator, type Catalog, type Locale } from './locale';

const en = {
  'evidence.heading': 'Evidence log',
  'evidence.explain':
    'Off unless you turn it on. While you watch a live room, LiveSeal keeps on this computer what the room showed (seller, products and prices as the page showed them) and the verdict it showed you, once per change, so you have evidence if you dispute a purchase later. Nothing is sent anywhere unless you attach it to a report yourself.',
  'evidence.enable': 'Keep an evidence log of the live rooms I watch',
  'evidence.retention': 'Keep entries for (days, {min}–{max})',
  'evidence.saveRetention': 'Apply retention',
  'evidence.saved': 'Evidence log settings stored.',
  'evidence.invalid': 'Not saved: {message}',
  'evidence.count': '{count} entries kept, from {oldest} to {newest}.',
  'evidence.empty': 'No entries kept.',
  'evidence.export': 'Export the evidence log (JSON)',
  'evidence.clear': 'Delete all entries',
  'evidence.cleared': 'All entries deleted.',
  'evidence.offerDelete': 'The evidence log is off: nothing new is kept. Delete the {count} entries already kept? Otherwise they are deleted after {days} days.',
  'evidence.deleteKept': 'Delete them',
  'evidence.keepKept': 'Keep them',
  'evidence.attach': 'Attach my evidence log entries for this room ({count})',
  'evidence.attachHint': 'These entries will be sent with the report. Remove any you do not want to send.',
  'evidence.entry': '{from} – {to}: {verdict}',
  'evidence.entryAt': '{at}: {verdict}',
  'evidence.remove': 'Remove the entry from {time}',
  'evidence.noProducts': 'no products shown',
};

export type EvidenceKey = keyof typeof en;

const zhCN: Catalog<EvidenceKey> = {
  'evidence.heading': '证据记录',
  'evidence.explain':
    '默认关闭，需您主动开启。观看直播间时，LiveSeal 会在本机记录直播间展示的内容（商家、页面显示的商品和价格）以及当时显示给您的结论，仅在内容变化时记录一条，以便日后发生消费纠纷时作为证据。除非您自己把它附在举报中，任何内容都不会发送出去。',
  'evidence.enable': '为我观看的直播间保留证据记录',
  'evidence.retention': '记录保留天数（{min}–{max} 天）',
  'evidence.saveRetention': '应用保留天数',
  'evidence.saved': '证据记录设置已保存。',
  'evidence.invalid': '未保存：{message}',
  'evidence.count': '已保存 {count} 条记录，时间从 {oldest} 到 {newest}。',
  'evidence.empty': '没有保存的记录。',
  'evidence.export': '导出证据记录（JSON）',
  'evidence.clear': '删除全部记录',
  'evidence.cleared': '已删除全部记录。',
  'evidence.offerDelete': '证据记录已关闭，不会再保存新内容。是否删除已保存的 {count} 条记录？否则它们将在 {days} 天后删除。',
  'evidence.deleteKept': '删除',
  'evidence.keepKept': '保留',
  'evidence.attach': '附上我在该直播间的证据记录（{count} 条）',
  'evidence.attachHint': '以下记录将随举报一起发送。不想发送的记录请移除。',
  'evidence.entry': '{from} – {to}：{verdict}',
  'evidence.entryAt': '{at}：{verdict}',
  'evidence.remove': '移除 {time} 的记录',
  'evidence.noProducts': '未展示商品',
};

export const evidenceCatalogs: Record<Locale, Catalog<EvidenceKey>> = { en, 'zh-CN': zhCN };
export const evidenceTranslator = makeTranslator(evidenceCatalogs);
