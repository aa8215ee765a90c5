/**
 * Words that say what a seller sells or what kind of account it is, not WHO it is. A name made
 * only of these (好物分享, "Daily Deals", 小米官方旗舰店) never warns, and inside a longer name they
 * weigh little in the resemblance score, so 阿伟严选好货 does not look like 阿峰严选好货 just because
 * both are 严选好货.
 *
 * Brand names are here on purpose: many honest shops, resellers and official partners carry 小米,
 * 华为 or "Nike" in their names, so a brand never identifies a blacklisted seller. The list is
 * matched against skeletons (lib/names/normalize.ts), so it holds simplified, lower-case forms
 * without the connectives the skeleton drops (的, 之, の: 美的 would become 美); Latin words
 * shorter than 3 letters would match inside other words and are left out.
 */
export const GENERIC_WORDS_ZH: readonly string[] = [
  // what kind of account or shop
  '官方', '旗舰', '旗舰店', '专卖', '专营', '直营', '店铺', '小店', '好店', '小铺', '铺子', '杂货铺', '商城', '商行', '超市', '便利店',
  '工厂', '工厂店', '源头', '厂家', '批发', '直供', '直销', '直发', '特卖', '特价', '折扣', '清仓', '福利', '秒杀', '团购', '代购',
  '全球购', '海淘', '进口', '正品', '品牌', '国货', '直播', '直播间', '主播', '达人', '频道', '小屋', '中心', '俱乐部',
  '工作室', '研究所', '实验室', '课堂', '小课堂', '日记', '日常', '生活', '分享', '推荐', '种草', '测评', '评测', '开箱', '带货',
  '好物', '好货', '优选', '严选', '精选', '甄选', '臻选', '心选', '优品', '良品', '每日', '每天', '天天', '宝藏', '省钱', '实惠',
  '低价', '捡漏', '爆款', '新品', '上新', '宝妈', '育儿', '家乡', '老家', '农家', '土特产', '特产',
  // what it sells
  '美妆', '护肤', '彩妆', '化妆品', '香水', '美甲', '美睫', '美发', '医美', '女装', '男装', '童装', '服饰', '服装', '穿搭', '时尚',
  '潮流', '鞋包', '内衣', '母婴', '玩具', '文具', '图书', '零食', '美食', '小吃', '水果', '生鲜', '茶叶', '茶园', '酒窖', '家居',
  '家电', '电器', '数码', '手机', '配件', '百货', '珠宝', '首饰', '饰品', '翡翠', '黄金', '回收', '养生', '健康', '宠物', '汽车',
  '家纺', '厨房', '衣橱', '土特', '农产品', '牛肉', '海鲜', '空调', '冰箱', '洗衣机', '电视', '电脑', '耳机', '手表', '眼镜', '箱包',
  '鞋子', '运动', '户外', '酒水', '白酒', '红酒', '啤酒', '奶粉', '纸尿裤', '保健品', '药房', '大药房', '家具', '灯具', '建材', '五金',
  '厨具', '餐具', '床品', '汽车用品', '渔具', '乐器', '花卉', '绿植', '大米', '粮油', '干货', '坚果', '蜂蜜', '茶具', '陶瓷', '文玩',
  '手串', '水晶', '银饰', '钻石', '手工', '定制',
  // brands carried by many honest shops
  '小米', '华为', '苹果', '三星', '荣耀', '联想', '海尔', '格力', '耐克', '阿迪达斯', '李宁', '安踏', '茅台', '五粮液',
  '兰蔻', '雅诗兰黛', '欧莱雅', '完美日记', '花西子', '三只松鼠', '百草味', '良品铺子', '蜜雪冰城', '有品',
  // glue
  '和',
];

export const GENERIC_WORDS_EN: readonly string[] = [
  'official', 'store', 'shop', 'shoppe', 'boutique', 'outlet', 'mall', 'mart', 'market', 'deal', 'deals', 'sale', 'sales', 'discount',
  'factory', 'wholesale', 'direct', 'global', 'world', 'live', 'stream', 'channel', 'studio', 'daily', 'vlog', 'reviews', 'review',
  'haul', 'picks', 'finds', 'choice', 'select', 'best', 'top', 'good', 'goods', 'quality', 'hub', 'house', 'home', 'life', 'living',
  'lifestyle', 'kitchen', 'food', 'foods', 'snack', 'snacks', 'tea', 'coffee', 'tech', 'gadget', 'gadgets', 'digital', 'beauty',
  'skincare', 'skin', 'makeup', 'cosmetics', 'fashion', 'style', 'styles', 'clothing', 'wear', 'kids', 'baby', 'mom', 'mum', 'pet',
  'pets', 'supplies', 'jewelry', 'jewels', 'jewel', 'jewellery', 'gold', 'fitness', 'health', 'wellness', 'natural', 'organic',
  'lucky', 'happy', 'love', 'plus', 'pro', 'and', 'with', 'the', 'company', 'outlet',
  // brands carried by many honest shops
  'apple', 'samsung', 'xiaomi', 'huawei', 'nike', 'adidas', 'dyson', 'lancome', 'loreal', 'sony',
];
