/**
 * The demo live rooms: one per verdict kind, each naming accounts of the demo registry
 * (registry/demo/). Their embedded JSON has the shape the `demo` platform adapter reads.
 */
export interface DemoRoom {
  slug: string;
  title: string;
  status: 'live' | 'ended';
  anchor?: { id: string; nickname: string };
  shop?: { id: string; name: string };
  products: { title: string; price: string }[];
  /** What LiveSeal should say here: the e2e tests and `npm run demo` check it. */
  expected: string;
}

const snacks = [
  { title: '坚果礼盒 1.2kg', price: '¥89.00' },
  { title: '有机燕麦片 1kg', price: '¥39.90' },
];

export const demoRooms: DemoRoom[] = [
  {
    slug: 'certified-excellent',
    title: '星河优选 · 年货节专场',
    status: 'live',
    anchor: { id: 'anchor-excellent-host', nickname: '星河小主播 (演示)' },
    shop: { id: 'shop-excellent', name: '星河优选 (演示)' },
    products: snacks,
    expected: 'certified',
  },
  {
    slug: 'certified-good',
    title: '好物推荐 · 家居日用',
    status: 'live',
    shop: { id: 'shop-good', name: '良品家居 (演示)' },
    products: [{ title: '纯棉毛巾 3 条装', price: '¥29.90' }],
    expected: 'certified',
  },
  {
    slug: 'certified-qualified',
    title: '厨房小电器专场',
    status: 'live',
    shop: { id: 'shop-qualified', name: '合格小家电 (演示)' },
    products: [{ title: '多功能电煮锅', price: '¥129.00' }],
    expected: 'certified',
  },
  {
    slug: 'expired',
    title: '美妆护肤专场',
    status: 'live',
    shop: { id: 'shop-expired', name: '过期美妆 (演示)' },
    products: [{ title: '保湿面霜 50g', price: '¥99.00' }],
    expected: 'expired',
  },
  {
    slug: 'suspended',
    title: '潮流服饰清仓',
    status: 'live',
    shop: { id: 'shop-suspended', name: '暂停服饰 (演示)' },
    products: [{ title: '羽绒服', price: '¥299.00' }],
    expected: 'suspended',
  },
  {
    slug: 'withdrawn',
    title: '名表折扣专场',
    status: 'live',
    shop: { id: 'shop-withdrawn', name: '撤证表行 (演示)' },
    products: [{ title: '机械腕表', price: '¥1,999.00' }],
    expected: 'withdrawn',
  },
  {
    slug: 'audit-overdue',
    title: '生鲜水果直播',
    status: 'live',
    shop: { id: 'shop-audit-overdue', name: '逾期果园 (演示)' },
    products: [{ title: '赣南脐橙 5kg', price: '¥49.90' }],
    expected: 'audit-overdue',
  },
  {
    slug: 'blacklisted-anchor',
    title: '刀哥带你捡漏',
    status: 'live',
    anchor: { id: 'anchor-banned', nickname: '王小刀 (演示)' },
    products: [{ title: '大牌运动鞋', price: '¥199.00' }],
    expected: 'blacklisted',
  },
  {
    slug: 'blacklisted-alias',
    title: '好物捡漏直播间',
    status: 'live',
    anchor: { id: 'anchor-new-account', nickname: '刀哥说好物' },
    products: [{ title: '大牌运动鞋', price: '¥189.00' }],
    expected: 'possible-blacklist',
  },
  {
    // A new account whose name disguises the alias 烟姐Lily说美妆 of a listing made on Douyin:
    // traditional characters, decorations, a Cyrillic і and a digit 1 for l, an added 好物.
    slug: 'resembling-anchor',
    title: '美妆好物 · 新号开播',
    status: 'live',
    anchor: { id: 'anchor-yanjie-new', nickname: '✨【官方】煙姐Lі1y説美妝好物✨' },
    products: [{ title: '保湿精华液 30ml', price: '¥79.00' }],
    expected: 'possible-blacklist',
  },
  {
    // Hard negatives: a name too short to warn (the listing's own 烟姐) and a generic shop name.
    slug: 'generic-names',
    title: '美妆好物直播间',
    status: 'live',
    anchor: { id: 'anchor-yanjie-short', nickname: '烟姐' },
    shop: { id: 'shop-generic-beauty', name: '美妆好物官方旗舰店' },
    products: [{ title: '保湿精华液 30ml', price: '¥79.00' }],
    expected: 'not-listed',
  },
  {
    slug: 'virtual-anchor',
    title: 'AI 主播陪你逛',
    status: 'live',
    anchor: { id: 'anchor-virtual', nickname: '小星 AI 主播 (演示)' },
    products: snacks,
    expected: 'certified',
  },
  {
    // Parent mode: restricted products (built-in categories and the demo registry's own
    // "fireworks"), a hard negative that must not warn, and an anchor the registry marks as an
    // undisclosed virtual anchor whose streams are not for minors.
    slug: 'restricted-products',
    title: '夜场好物 · 酒水年货',
    status: 'live',
    anchor: { id: 'anchor-nightingale', nickname: '夜莺 AI 主播 (演示)' },
    products: [
      { title: '法国进口 干红葡萄酒 750ml×2', price: '¥128.00' },
      { title: '一次性电子烟 6000口 冰西瓜味', price: '¥59.00' },
      { title: '无铅水晶 红酒杯 高脚杯 6只装', price: '¥49.90' },
      { title: '新年 烟花 礼花弹 组合装', price: '¥199.00' },
      { title: '坚果礼盒 1.2kg', price: '¥89.00' },
    ],
    expected: 'not-listed',
  },
  {
    slug: 'unlisted',
    title: '工厂直销',
    status: 'live',
    shop: { id: 'shop-unlisted', name: '无名小店 (演示)' },
    products: [{ title: '保温杯', price: '¥19.90' }],
    expected: 'not-listed',
  },
  {
    slug: 'ended',
    title: '直播已结束',
    status: 'ended',
    shop: { id: 'shop-excellent', name: '星河优选 (演示)' },
    products: [],
    expected: 'none',
  },
];
