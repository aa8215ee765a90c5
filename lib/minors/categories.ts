/**
 * Restricted product categories (../shared/DOMAIN.md, "Restricted product categories"): the list
 * that ships in the build. The signed registry can add categories of the same shape later.
 *
 * Keywords and exclusions are written in simplified Chinese and lower- or mixed-case English;
 * the matcher (./match.ts) folds full-width forms, case, spacing and traditional characters on
 * both sides. English keywords match whole words, with a plain plural (-s/-es) allowed; other
 * inflections are listed. An exclusion removes a keyword occurrence that lies inside it; a veto
 * anywhere in the title removes the whole category (the title names a toy, seeds, a decanter).
 *
 * How titles are judged (the labelled set in tests/fixtures/minors follows the same rules):
 * - A title is restricted for what it sells. Accessories (ashtrays, lighters, cigarette cases,
 *   wine glasses, openers, decanters, whisky stones), look-alikes (candy cigarettes, toy knives,
 *   lipstick-shaped gadgets, an e-cigarette-shaped lighter), colours, scents and flavours
 *   (酒红色, 香槟金, 象牙白, ivory, tortoiseshell, a perfume with a tobacco note) are not.
 * - Food made with alcohol is not a drink (啤酒鸭 seasoning, 料酒, 酒心巧克力, 茅台冰淇淋);
 *   nor is beer or wine below 0.5 % vol (无醇啤酒, non-alcoholic, alcohol-free).
 * - Nicotine replacement (patches, gum) is a drug, not tobacco; a nicotine-free e-cigarette is
 *   still an e-cigarette.
 * - Material grades are not devices: 医用级硅胶, medical-grade silicone, surgical steel.
 * - Seller words that undo a keyword are believed where they are specific: 非管制刀具,
 *   高仿真 (lifelike), 保本价 (break-even clearance), 经典复刻 (a brand's own reissue).
 * Each category's comment lists its own decisions.
 */
import type { RestrictedCategory } from '../registry/schema';

// The schema lives with the snapshot's, since a signed registry can extend this list.
export { RestrictedCategory, RestrictionBasis } from '../registry/schema';

export const BUILTIN_CATEGORIES: readonly RestrictedCategory[] = [
  {
    // Accessories are not restricted: ashtray, lighter, cigarette case/holder, car "cigarette
    // lighter" sockets. Candy cigarettes: candy (not restricted). 油烟油污 (kitchen grease)
    // contains 烟油. Nicotine patches and gum belong to drugs.
    id: 'tobacco',
    label: { zh: '烟草/电子烟', en: 'Tobacco and e-cigarettes' },
    basis: ['minors', 'prohibited'],
    keywords: {
      zh: ['香烟', '烟草', '电子烟', '烟弹', '雾化弹', '小烟', '烟油', '尼古丁', '烟丝', '卷烟', '雪茄', '加热烟', '加热不燃烧', '口含烟', '烟杆', '悦刻', '雾化烟', '电子雾化'],
      en: ['cigarette', 'cigar', 'vape', 'vaping', 'e-cig', 'ecig', 'e-liquid', 'eliquid', 'e-juice', 'nicotine', 'tobacco', 'iqos', 'juul', 'heets', 'snus', 'elf bar', 'elfbar', 'lost mary', 'relx'],
    },
    exclusions: [
      '香烟糖', '香烟盒', '香烟过滤嘴', '电子烟造型', '油烟油', '小烟花', '小烟囱', '无尼古丁', '尼古丁贴', '尼古丁戒烟', '尼古丁口香糖', '烟草味', '烟草香',
      'candy cigarette', 'bubble gum cigar', 'chocolate cigar', 'cigarette lighter', 'cigarette case', 'cigarette holder', 'cigar cutter', 'cigar humidor',
      'nicotine-free', 'nicotine patch', 'nicotine gum', 'tobacco vanille', 'tobacco vanilla', '雪茄剪', '雪茄刀', '雪茄配件', '雪茄盒', '雪茄柜', '雪茄保湿', 'chocolate cigarette', 'bubble gum cigarette', 'gum cigarette'
    ],
    vetoes: ['guitar', '吉他', '香薰', '扩香', '蜡烛', 'candle', 'diffuser', '香氛'],
  },
  {
    // Glassware, openers, decanters, racks, coolers, tumblers, whisky stones, 啤酒鸭/啤酒鱼
    // dishes, beer can chicken racks, 啤酒肚, colours (香槟金, champagne gold), root/ginger
    // beer, cooking wine and drinks below 0.5 % vol are not restricted. 龙舌兰 alone is the
    // agave plant, so only 龙舌兰酒.
    id: 'alcohol',
    label: { zh: '酒类', en: 'Alcohol' },
    basis: ['minors'],
    keywords: {
      zh: [
        '白酒', '啤酒', '红酒', '葡萄酒', '洋酒', '威士忌', '预调酒', '鸡尾酒', '黄酒', '米酒', '清酒', '果酒', '梅酒', '烧酒', '白兰地', '伏特加',
        '朗姆酒', '龙舌兰酒', '大吟酿', '吟酿', '纯米酒', '香槟', '起泡酒', '二锅头', '茅台', '五粮液', '干红', '干白', '利口酒', '金酒', '酒精饮料', '扎啤', '高粱酒', '白干',
      ],
      en: [
        'beer', 'wine', 'whisky', 'whiskey', 'whiskies', 'vodka', 'liquor', 'gin', 'rum', 'tequila', 'brandy', 'champagne', 'prosecco', 'soju',
        'baijiu', 'cognac', 'bourbon', 'lager', 'hard seltzer', 'hard cider', 'liqueur', 'merlot', 'cabernet', 'chardonnay', 'alcoholic beverage', 'sake', 'junmai', 'cocktail',
      ],
    },
    exclusions: [
      '白酒杯', '红酒杯', '红酒开瓶器', '红酒柜', '红酒架', '啤酒鸭', '啤酒鱼', '啤酒杯', '啤酒肚', '啤酒开瓶器', '啤酒花', '无醇啤酒', '葡萄酒杯', '威士忌杯',
      '威士忌石', '威士忌冰球', '洋酒杯', '烹饪黄酒', '鸡尾酒杯', '香槟色', '香槟金', '香槟杯', '香槟玫瑰', '茅台冰淇淋', '扎啤杯', '红酒醒酒', '葡萄酒醒酒',
      'wine glass', 'wine opener', 'wine bottle opener', 'wine rack', 'wine cooler', 'wine fridge', 'wine stopper', 'wine aerator', 'wine decanter',
      'wine red', 'beer glass', 'beer mug', 'beer pong', 'beer opener', 'root beer', 'ginger beer', 'non-alcoholic beer', 'non-alcoholic wine',
      'alcohol-free beer', 'alcohol-free wine', 'zero alcohol beer', 'zero alcohol lager', 'non-alcoholic lager', 'whisky stone', 'whiskey stone',
      'whisky glass', 'whiskey glass', 'whiskey decanter', 'champagne gold', 'champagne color', 'champagne colour', 'champagne glass',
      'champagne flute', 'rum raisin', 'wine tumbler', 'beer can chicken', 'for the sake', 'sake set', 'sake cup',
      'cocktail dress', 'cocktail shaker', 'cocktail glass', 'cocktail napkin', 'cocktail sauce', 'cocktail ring', 'cocktail table', 'shrimp cocktail', 'whiskey barrel', 'whisky barrel', 'bourbon barrel', 'wine barrel'
    ],
    vetoes: ['decanter', '醒酒器', 'corkscrew', '模具', 'ice mold', 'ice mould', 'ice cube tray', '冰格', '烤鸡架', '烧烤架', 'chicken rack', '调料', '调味', 'seasoning', 'marinade', 'sauce', '醋', 'vinegar', 'brewing kit', 'brew kit', 'equipment', '设备'],
  },
  {
    // Printer paper for lottery terminals, party scratch-off stickers, ticket albums, bingo
    // balls, mahjong, poker chips and toy slot-machine piggy banks are not restricted. 老虎机
    // alone is left out for that reason.
    id: 'lottery',
    label: { zh: '彩票/博彩', en: 'Lottery and gambling' },
    basis: ['minors', 'prohibited'],
    keywords: {
      zh: ['彩票', '刮刮乐', '双色球', '体彩', '福彩', '下注', '博彩', '大乐透', '竞彩', '足彩', '六合彩', '百家乐', '赌场', '赌博', '投注', '押注', '时时彩'],
      en: ['lottery', 'lotto', 'scratch card', 'scratchcard', 'scratch-off ticket', 'betting', 'casino', 'powerball', 'sportsbook', 'gambling', 'mega millions'],
    },
    exclusions: ['彩票打印', '彩票纸', '彩票机', '体彩福彩通用', '福彩体彩通用', '体彩通用', '福彩通用', '刮刮乐贴', '彩票收纳', 'casino grade', 'casino chip', 'lottery ball'],
    vetoes: ['decoration', 'decorations', '装饰', 'themed', 'costume', '打印纸', '热敏纸', 'printer paper', 'thermal paper', '刮画', '收纳', '收藏本', '收藏册', 'album', 'binder'],
  },
  {
    // Pill organisers, medicine storage, 药妆 skin care (a cosmetic) and prescription glasses are
    // not drugs. 除草/杀虫特效药 is rural slang for pesticides. "Rx" alone is left out
    // (AMD Radeon RX cards); "rx only" is the drug label.
    id: 'drugs',
    label: { zh: '处方药/药品', en: 'Prescription and other drugs' },
    basis: ['prohibited'],
    keywords: {
      zh: [
        '处方药', '药品', '神药', '特效药', '根治', '偏方', '秘方', '国药准字', '抗生素', '消炎药', '阿莫西林', '头孢', '布洛芬', '降压药', '降糖药',
        '减肥药', '壮阳药', '伟哥', '西地那非', '药膏', '中成药', '缓释', '戒烟贴', '尼古丁贴', '感冒药', '感冒灵', '止痛药', '退烧药', '软膏',
      ],
      en: [
        'prescription', 'rx only', 'antibiotic', 'amoxicillin', 'ibuprofen', 'acetaminophen', 'paracetamol', 'sildenafil', 'viagra', 'finasteride',
        'miracle cure', 'weight loss pill', 'diet pill', 'nicotine patch', 'nicotine gum', 'otc medicine', 'painkiller', 'pain reliever', 'vaporub', 'otc',
      ],
    },
    exclusions: [
      '药品收纳', '药品箱', '药品盒', '除草特效药', '杀虫特效药', 'prescription glasses', 'prescription eyeglasses', 'prescription lens',
      'prescription sunglasses', 'prescription goggles', 'prescription swim goggles', 'prescription safety glasses',
    ],
    vetoes: ['frames', 'eyeglasses', 'glasses', '镜框', '镜架', '眼镜', '药盒', 'pill organizer', 'pill box', '收纳', '除螨', '螨虫', '兽药', '兽用', '猪用', '犬用', '宠物', 'for dogs', 'for cats', 'pet'],
  },
  {
    // Medical devices and services. 医用级 (material grade), 医用酒精 (a disinfectant), surgical
    // steel jewellery, massage guns and massagers without treatment claims are not restricted.
    // 雾化器 is left out: it is also an e-cigarette part.
    id: 'medical',
    label: { zh: '医疗器械/医疗服务', en: 'Medical devices and services' },
    basis: ['prohibited', 'minors'],
    keywords: {
      zh: ['医疗器械', '治疗仪', '理疗仪', '问诊', '手术', '械字号', '医用', '血压计', '血糖仪', '制氧机', '助听器', '隐形眼镜', '美瞳', '血氧仪', '呼吸机', '轮椅', '体温计', '额温枪'],
      en: [
        'medical device', 'surgery', 'surgical', 'hearing aid', 'blood pressure monitor', 'glucose meter', 'glucometer', 'oximeter', 'contact lens',
        'tens unit', 'telehealth', 'nebulizer', 'cpap', 'wheelchair', 'oxygen concentrator', 'body thermometer', 'forehead thermometer', 'ear thermometer', 'fever thermometer',
      ],
    },
    exclusions: ['医用级', '医用酒精', 'surgical steel', 'surgical stainless'],
    vetoes: ['玩具', 'toy', 'toys', '过家家', 'pretend play', 'costume', 'cosplay'],
  },
  {
    // Skin care with hyaluronic acid (玻尿酸精华) or "botox-like" peptides is a cosmetic, so
    // 玻尿酸 counts only with 填充/注射; 双眼皮贴 (eyelid tape) is a tool; wood and pillow
    // filler are not fillers.
    id: 'cosmetic-medicine',
    label: { zh: '医美', en: 'Cosmetic medicine' },
    basis: ['minors', 'prohibited'],
    keywords: {
      zh: [
        '医美', '整形', '水光针', '肉毒', '瘦脸针', '埋线', '玻尿酸填充', '玻尿酸注射', '注射玻尿酸', '隆鼻', '隆胸', '双眼皮', '吸脂', '抽脂', '热玛吉',
        '超声刀', '光子嫩肤', '皮秒', '激光祛斑', '溶脂针', '脂肪填充', '线雕', '颈纹针', '除皱针', '嗨体',
      ],
      en: ['botox', 'dermal filler', 'lip filler', 'lip injection', 'liposuction', 'rhinoplasty', 'cosmetic surgery', 'plastic surgery', 'med spa', 'thread lift', 'filler injection', 'hyaluronic acid filler', 'hyaluron pen'],
    },
    exclusions: ['类肉毒', '双眼皮贴', '双眼皮胶', 'botox-like', 'botox in a bottle'],
  },
  {
    // Ordinary food without health claims (压片糖果 vitamins, whey protein) is not restricted;
    // 蓝帽子 is also a blue cap, hence the hat exclusions; a case for supplements is a case.
    id: 'health-food',
    label: { zh: '保健食品/特医食品', en: 'Health food and special medical food' },
    basis: ['prohibited', 'minors'],
    keywords: {
      zh: ['保健品', '保健食品', '蓝帽子', '特医食品', '特殊医学用途', '增强免疫', '降血糖', '降血压', '降血脂', '膳食补充剂', '营养补充剂'],
      en: ['supplement', 'immune booster', 'immune support', 'boost immunity', 'boosts immunity', 'lower blood sugar', 'lowers blood sugar', 'blood sugar support', 'medical food', 'collagen peptides', 'collagen powder'],
    },
    exclusions: [
      '蓝帽子棒球帽', '蓝帽子遮阳帽', '蓝帽子渔夫帽', '男童蓝帽子', '女童蓝帽子', '儿童蓝帽子',
      'case for supplement', 'supplement case', 'supplement organizer', 'supplement box', 'supplement pill organizer',
    ],
  },
  {
    // Make-up tools (brushes, bags, mirrors, lipstick holders), lipstick-shaped gadgets, empty
    // perfume bottles, 香水柠檬/香水百合 (a lemon, a lily), sun-protective clothing, teeth
    // whitening (oral care) and the colour 口红色 are not cosmetics. 进口红/出口红: 进口 + 红酒
    // with the space dropped contains 口红.
    id: 'cosmetics',
    label: { zh: '化妆品', en: 'Cosmetics' },
    basis: ['minors'],
    keywords: {
      zh: [
        '化妆品', '口红', '唇釉', '唇膏', '美白', '祛斑', '粉底', '眼影', '睫毛膏', '腮红', '彩妆', '面膜', '精华', '面霜', '防晒霜', '防晒乳', '防晒喷雾',
        '香水', '护肤品', '眼霜', '卸妆', '粉饼', 'bb霜', 'cc霜', '遮瑕', '眉笔', '眼线笔', '爽肤水', '身体乳', '润肤乳', '润肤露', '染发剂', '染发膏',
        '洗面奶', '药妆', '散粉', '定妆', '指甲油', '甲油胶', '乳液'
      ],
      en: [
        'cosmetics', 'makeup', 'make-up', 'lipstick', 'lip gloss', 'lip plumper', 'mascara', 'eyeshadow', 'eye shadow', 'liquid foundation',
        'cream foundation', 'cushion foundation', 'whitening cream', 'skin whitening', 'dark spot', 'serum', 'perfume', 'eau de parfum',
        'eau de toilette', 'cologne', 'sunscreen', 'moisturizer', 'face cream', 'eye cream', 'skincare', 'skin care', 'concealer', 'nail polish', 'hair dye', 'body lotion', 'face lotion',
      ],
    },
    exclusions: [
      '指甲油贴', '口红充电宝', '口红形', '口红造型', '香水柠檬', '香水百合', '香水椰', '香水瓶', '美白牙', '化妆品收纳', '化妆品冰箱', '鸡精华', '口红色', '进口红', '出口红',
      'lipstick-shaped', 'lipstick power bank', 'makeup brush', 'makeup bag', 'makeup mirror', 'makeup organizer', 'makeup case', 'makeup sponge',
      'perfume bottle', 'perfume atomizer', 'lipstick holder', 'lipstick organizer',
    ],
    vetoes: ['械字号', '收纳', 'organizer', 'usb', 'flash drive', 'power bank', '充电宝', 'holder', '化妆镜', '化妆包', '化妆刷', '到院', '体验卡', '单次', '疗程', 'clinic', 'appointment', 'consultation'],
  },
  {
    // Produce washes (去农药残留), pesticide-free food, lawn mowers (除草机) and mosquito
    // repellents (registered as sanitary pesticides, but everyday goods: not flagged; the
    // registry can add them) are not restricted. Pet dewormers are veterinary drugs.
    id: 'pesticides',
    label: { zh: '农药/兽药', en: 'Pesticides and veterinary drugs' },
    basis: ['prohibited'],
    keywords: {
      zh: [
        '农药', '兽药', '除草剂', '杀虫剂', '除草特效', '杀虫特效', '灭鼠药', '老鼠药', '驱虫药', '驱虫滴剂', '体内驱虫', '体外驱虫', '体内外驱虫', '草甘膦',
        '百草枯', '敌敌畏', '吡虫啉', '蚂蚁药', '蟑螂药', '灭蚁', '杀蟑',
      ],
      en: ['pesticide', 'herbicide', 'insecticide', 'weed killer', 'weedkiller', 'rodenticide', 'rat poison', 'dewormer', 'veterinary drug', 'glyphosate', 'flea and tick', 'flea treatment'],
    },
    exclusions: ['农药残留', '去农药', '无农药', '零农药', '不打农药', '不用农药', 'pesticide-free', 'pesticide residue', 'no pesticide'],
    vetoes: ['割草机', '除草机', 'mower', 'sprayer', '喷雾器', '喷壶'],
  },
  {
    // Toy knives and toy crossbows, kitchen knives, knives sold as 非管制, water guns, glue guns,
    // massage guns and dagger-shaped jewellery are not restricted.
    id: 'weapons',
    label: { zh: '管制刀具/危险物品', en: 'Controlled knives and dangerous items' },
    basis: ['minors', 'prohibited'],
    keywords: {
      zh: ['管制刀具', '弹簧刀', '匕首', '弩', '仿真枪', '甩棍', '电击器', '电击棍', '军刺', '三棱刀', '蝴蝶刀', '气枪', '钢珠枪', '火药枪', '指虎', '伸缩棍', '开刃'],
      en: ['switchblade', 'crossbow', 'dagger', 'stun gun', 'taser', 'brass knuckles', 'butterfly knife', 'balisong', 'air rifle', 'bb gun', 'pellet gun', 'gravity knife', 'knuckle duster'],
    },
    exclusions: [
      '非管制刀具', '玩具弩', '吸盘弩', '未开刃', '不开刃', '匕首造型',
      'toy crossbow', 'crossbow toy', 'foam crossbow', 'dagger earring', 'dagger drop earring', 'dagger pendant', 'dagger necklace',
    ],
    vetoes: ['玩具', 'toy', 'toys', 'foam', '泡沫', '海绵', 'costume', 'cosplay', 'nerf', '儿童', 'kids', 'kid', '吊坠', 'pendant', 'earring', '耳环', '耳钉', 'necklace', '项链', 'tattoo', 'sticker', '纹身', '贴纸'],
  },
  {
    // 礼物 (a gift) and 皮肤 (skin) alone are ordinary words, so only game-specific phrases
    // count. Game merchandise, phone credit (话费充值, mobile top up), gift cards in general and
    // physical trading cards are not in this category.
    id: 'games-tipping',
    label: { zh: '游戏充值/打赏', en: 'Game top-ups and tipping' },
    basis: ['minors'],
    keywords: {
      zh: [
        '游戏充值', '代充', '点券', '抽卡', '代练', '打赏', '抖币', '快币', 'q币', '钻石充值', '游戏皮肤', '皮肤兑换', '传说皮肤', '限定皮肤', '史诗皮肤',
        '游戏账号', '成品号', '初始号', '代肝', '陪玩', '上分',
      ],
      en: [
        'game top up', 'top up', 'top-up', 'v-bucks', 'vbucks', 'robux', 'tiktok coins', 'in-game currency', 'game currency', 'rank boost',
        'rank boosting', 'elo boost', 'elo boosting', 'account boosting', 'game account', 'gacha', 'loot box', 'steam wallet', 'steam gift card', 'pubg uc',
      ],
    },
    exclusions: ['mobile top up', 'phone top up', 'data top up', 'airtime top up', 'mobile top-up', 'phone top-up'],
    vetoes: ['卡片', '卡包', '闪卡', 'trading card', '周边', 'merch', 'keychain', '钥匙扣', '手柄', 'controller'],
  },
  {
    // Adult-size everyday goods (成人纸尿裤, adult diapers, 成人奶粉, adult bikes, adult
    // colouring books), machine lubricants and 生活小情趣 décor are not adult products.
    id: 'adult',
    label: { zh: '成人用品', en: 'Adult products' },
    basis: ['minors'],
    keywords: {
      zh: ['成人用品', '情趣', '计生用品', '避孕套', '安全套', '飞机杯', '跳蛋', '自慰', '震动棒', '人体润滑', '润滑液', '杜蕾斯', '冈本', '延时喷剂', '壮阳'],
      en: ['condom', 'sex toy', 'adult toy', 'vibrator', 'dildo', 'personal lubricant', 'lube', 'sexy lingerie', 'erotic'],
    },
    exclusions: ['生活情趣', '小情趣', 'chain lube', 'dry lube', 'wet lube', 'bike lube', 'lube oil'],
    vetoes: ['bike', 'bicycle', '自行车', 'chain', '纸尿裤', 'diaper', 'coloring', 'colouring'],
  },
  {
    // 高仿真 (lifelike plants or food models), 平替/dupes, a brand's own reissue (经典复刻,
    // 官方复刻), scale models and prop replicas are not counterfeit. 1:1 needs the colon (or 比):
    // 11:11 is a time.
    id: 'counterfeit',
    label: { zh: '假冒伪劣', en: 'Counterfeit signals' },
    basis: ['prohibited'],
    keywords: {
      zh: ['高仿', 'a货', '原单', '复刻', '精仿', '超a', '莆田', '纯原', '1:1', '1比1', '一比一', '华强北', '对版'],
      en: ['replica', 'aaa quality', 'mirror quality', 'knockoff', 'first copy', 'master copy', 'super fake'],
    },
    exclusions: ['高仿真', '经典复刻', '官方复刻', '1:1比例', '比例1:1', '1:1 scale', 'scale replica', 'prop replica', 'replica prop'],
    vetoes: ['prop', 'props', '道具', 'toy', 'toys', '玩具', 'poster', '海报', '手办', 'figure', 'figurine', 'scale model'],
  },
  {
    // Needs a licence rather than being M or P; "prohibited" stands for "not without a licence".
    // 保本价 (break-even clearance), children's money books, ledgers and souvenir coins are
    // not financial products; nor are high-yield seeds.
    id: 'finance',
    label: { zh: '理财/投资', en: 'Financial products' },
    basis: ['prohibited'],
    keywords: {
      zh: ['理财', '稳赚', '保本', '高收益', '荐股', '带单', '喊单', '外汇', '炒股', '比特币', '虚拟币', '数字货币', '年化', '分红险', '日赚', '期货', '私募'],
      en: [
        'guaranteed returns', 'guaranteed return', 'investment plan', 'forex', 'trading signals', 'crypto investment', 'crypto signals',
        'passive income', 'wealth management', 'high yield', 'high returns', 'investment course', 'stock tips', 'bitcoin investment',
      ],
    },
    exclusions: [
      '保本价', '保本出', '保本清仓', '保本卖', '保本甩', '理财启蒙', '理财书', '理财记账', '理财绘本', '儿童理财', '理财收纳', '比特币纪念币',
      'high yield seed', 'high yield garden', 'high yield variety',
    ],
    vetoes: ['seed', 'seeds', '种子', '种苗', 'variety', '品种', 'fertilizer', '化肥', 'book', '绘本', '手账', '记账', 'planner', 'tracker', 'printable', '计划本'],
  },
  {
    // Colours and patterns (象牙白, ivory, 玳瑁色, tortoiseshell), tagua nut (象牙果, 植物象牙),
    // imitations (仿象牙), mammoth ivory (extinct species) and coral fleece are not restricted;
    // English "ivory" counts only as elephant/real/genuine ivory or a carving.
    id: 'wildlife',
    label: { zh: '野生保护动物制品', en: 'Protected wildlife' },
    basis: ['prohibited'],
    keywords: {
      zh: ['象牙', '犀牛角', '犀角', '穿山甲', '玳瑁', '红珊瑚', '砗磲', '盔犀鸟', '鹤顶红', '虎骨', '羚羊角'],
      en: ['elephant ivory', 'real ivory', 'genuine ivory', 'ivory carving', 'ivory tusk', 'rhino horn', 'pangolin', 'hawksbill', 'tiger bone'],
    },
    exclusions: ['象牙白', '象牙色', '象牙黄', '象牙果', '植物象牙', '仿象牙', '猛犸象牙', '象牙塔', '象牙瓷', '玳瑁色', '玳瑁纹', '仿玳瑁', '红珊瑚色'],
    vetoes: ['faux', 'imitation', 'resin', '树脂', '塑料', 'plastic'],
  },
];
