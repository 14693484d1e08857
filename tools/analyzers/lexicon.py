"""The sentiment lexicons (Chinese and English) the offline analyzers score with.

Plain data, grouped by what a word does. Polarities are in [-1, 1] before degree words and
negation act on them. Entries are matched on lower-cased text as whole tokens (jieba tokens for
Chinese, words for English; multi-word entries are matched across tokens), longest first.

Built from general knowledge of review language and checked against the non-held-back rows of
the development data only (see bench/README.md); the held-back rows were never looked at.
"""

from __future__ import annotations

# --- Opinion words that imply their aspect ("贵" is about price even with no 价格 in sight) ----
# Strong: the word is about this aspect whatever else the clause mentions.
PRICE = {
    # negative
    "贵": -0.7, "偏贵": -0.6, "小贵": -0.4, "略贵": -0.4, "稍贵": -0.4, "死贵": -0.9, "巨贵": -0.9,
    "昂贵": -0.7, "贵死了": -0.9, "贵得离谱": -0.9, "价格虚高": -0.8, "虚高": -0.6, "不值": -0.7,
    "不值得": -0.6, "不值这个价": -0.8, "坑钱": -0.7, "宰人": -0.8, "宰客": -0.8, "溢价": -0.5,
    "割韭菜": -0.7, "肉疼": -0.4, "涨价": -0.5, "加价": -0.4, "太坑": -0.7, "抢钱": -0.8, "智商税": -0.7,
    "不划算": -0.6, "不实惠": -0.6, "乱收费": -0.7, "收费高": -0.6, "价高": -0.5,
    "expensive": -0.7, "overpriced": -0.8, "over-priced": -0.8, "pricey": -0.6, "pricy": -0.6,
    "costly": -0.6, "rip-off": -0.9, "ripoff": -0.9, "rip off": -0.9, "ripped off": -0.9,
    "exorbitant": -0.8, "extortionate": -0.8, "overcharged": -0.7, "overcharge": -0.7,
    "not worth the money": -0.8, "not worth the price": -0.8, "more expensive": -0.6,
    "pricier": -0.5, "不菲": -0.6, "价格不菲": -0.7, "高昂": -0.7, "arm and a leg": -0.8, "合算": 0.6, "over price": -0.7, "over priced": -0.8, "over-price": -0.7, "too much money": -0.6, "steeply priced": -0.7, "highway robbery": -0.9, "a bit much": -0.4,
    # positive
    "便宜": 0.6, "实惠": 0.7, "划算": 0.7, "超值": 0.8, "值": 0.5, "值得": 0.6,
    "很值": 0.7, "物超所值": 0.9, "物有所值": 0.8, "良心价": 0.8, "白菜价": 0.8, "价廉": 0.7,
    "亲民": 0.6, "公道": 0.6, "价格公道": 0.7, "划得来": 0.6, "捡漏": 0.6, "便宜实惠": 0.8,
    "低价": 0.4, "不贵": 0.5, "省钱": 0.5, "降价了": 0.1, "价格实在": 0.6,
    "cheap": 0.5, "cheaper": 0.5, "cheapest": 0.5, "inexpensive": 0.6, "affordable": 0.7,
    "reasonably priced": 0.7, "well priced": 0.7, "well-priced": 0.7, "fairly priced": 0.7,
    "bargain": 0.7, "worth it": 0.6, "worth": 0.5, "worth every penny": 0.9, "worth the money": 0.8,
    "worth the price": 0.8, "budget-friendly": 0.6, "budget friendly": 0.6,
    "bang for the buck": 0.7, "bang for your buck": 0.7, "a steal": 0.7, "great deal": 0.7,
    "good deal": 0.6, "value for money": 0.6, "cheap eats": 0.5, "reasonable price": 0.7,
    "reasonable prices": 0.7, "economical": 0.6, "fair price": 0.6, "fair prices": 0.6,
    "a small fortune": -0.7, "shell out": -0.4, "cost a fortune": -0.8, "costs a fortune": -0.8,
    "half price": 0.5, "half-price": 0.5, "on sale": 0.3, "cheaper elsewhere": -0.6, "for less elsewhere": -0.6, "found it for less": -0.5,
    "found it cheaper": -0.6, "waste of cash": -0.8, "paid full price": -0.3,
    # A price raised, more paid for the same or for less ("another price hike", "paying more for the same class").
    "price hike": -0.6, "price hikes": -0.6, "price increase": -0.5, "price increases": -0.5, "raised prices": -0.5,
    "raised the price": -0.5, "raised the prices": -0.5, "raised their prices": -0.5, "price went up": -0.5,
    "prices went up": -0.5, "prices keep going up": -0.6, "pay more for the same": -0.6, "paying more for the same": -0.6,
    "pay more for less": -0.7, "paying more for less": -0.7,
    # Everyday money idioms: what a bill does to a wallet, a price given away or robbed.
    "through the nose": -0.8, "break the bank": -0.6, "breaks the bank": -0.6, "broke the bank": -0.6, "break your bank": -0.6, "pay through the nose": -0.8,
    "paid through the nose": -0.8, "daylight robbery": -0.9, "burn a hole in your pocket": -0.6,
    "hurt your wallet": -0.6, "hurts your wallet": -0.6, "hurt my wallet": -0.6, "on the house": 0.6,
    "for a song": 0.6, "dirt cheap": 0.7, "paid dearly": -0.7, "pretty penny": -0.6, "do cost you": -0.4, "does cost you": -0.4,
    "easy on the wallet": 0.7, "easy on the pocket": 0.7, "easy on the budget": 0.6, "kind to the wallet": 0.6,
    "gentle on the wallet": 0.6, "greater deal": 0.7, "great deals": 0.6, "cheaply priced": 0.6, "cheaply-priced": 0.6,
    "inexpensively priced": 0.6, "no extra charge": 0.5, "at no extra charge": 0.5, "free of charge": 0.5, "at no charge": 0.5,
    "at no extra cost": 0.5,
    "大出血": -0.7, "钱包瘪了": -0.6, "钱包空了": -0.6, "不值当": -0.6, "骨折价": 0.7, "打骨折": 0.7,
    "跳楼价": 0.6, "薅羊毛": 0.6, "捡便宜": 0.6, "不心疼": 0.4,
    # A meal or a trial for nothing (点评的霸王餐, 免费吃); a price only some can pay (消费不起, 看个人经济能力).
    "霸王餐": 0.5, "免费吃": 0.5, "免费体验": 0.4, "免费试吃": 0.4, "消费不起": -0.7, "吃不起": -0.6, "买不起": -0.6,
    # Chinese: being overcharged, a loss, a bargain; 价格感人/价格美丽 are ironic: "painfully dear".
    "被坑": -0.7, "坑人": -0.7, "被宰": -0.8, "亏了": -0.5, "有点亏": -0.5, "买亏了": -0.6, "吃亏": -0.4,
    "赚到": 0.6, "赚到了": 0.6, "血赚": 0.8, "价格感人": -0.7, "感人的价格": -0.7, "价格美丽": -0.6,
    "抹零": 0.4, "抹了零头": 0.4, "便宜了": 0.5,
    "赚了": 0.5, "买到赚了": 0.7,
    # Prices climbing (价格涨得太快, 又涨价了) and a bill one can no longer carry (吃不消: see CONTEXTUAL).
    "涨得太快": -0.6, "涨太快": -0.6, "涨得太凶": -0.7, "涨得厉害": -0.6, "又涨价": -0.6, "又涨价了": -0.6, "又涨了": -0.5,
    "一直涨": -0.5, "涨了又涨": -0.7, "越来越贵": -0.6, "keeps going up": -0.5,
    "对得起这个价格": 0.7, "对得起这个价": 0.7, "对得起价格": 0.6, "不给保价": -0.6, "不保价": -0.5,
    # Wishing it were cheaper is a mild complaint, even in a wish.
    "再便宜点就好了": -0.4, "再便宜一点就好了": -0.4, "便宜点就好了": -0.4, "要是再便宜点": -0.3,
    "可以买更好的": -0.5, "能买更好的": -0.5, "买更好的": -0.4, "能买到更好的": -0.5, "可以买到更好的": -0.5,
}

DELIVERY = {
    "神速": 0.8, "物流快": 0.6, "物流给力": 0.7, "准时": 0.5, "及时": 0.4, "次日达": 0.5, "当天到": 0.5, "隔天到": 0.4, "第二天就到": 0.6,
    "延迟": -0.5, "延误": -0.6, "晚点了": -0.6, "误点": -0.6,  # not 晚点再吃 (later)
    "迟迟": -0.5, "丢件": -0.8, "送错": -0.6, "还没到": -0.4, "还没发货": -0.5,
    "发货快": 0.6, "发货慢": -0.6, "到货快": 0.6, "送货快": 0.6, "送货慢": -0.6, "物流慢": -0.6,
    "on time": 0.5, "late": -0.5, "delayed": -0.6, "delay": -0.5, "delays": -0.5, "never arrived": -0.8, "never came": -0.7,
    "fast shipping": 0.7, "quick shipping": 0.7, "slow shipping": -0.6, "arrived early": 0.6,
    "arrived late": -0.6, "took forever to arrive": -0.7, "lost in transit": -0.8,
    # Dragging on, no tracking news; next-day arrival.
    "拖了": -0.5, "一拖再拖": -0.7, "没动静": -0.5, "没有动静": -0.5, "等太久": -0.6, "等了太久": -0.6,
    "等了很久": -0.5, "等好久": -0.5, "拖拖拉拉": -0.6, "好久才到": -0.6, "不更新": -0.5, "没更新": -0.5,
    "next day": 0.5, "next-day": 0.5, "the next day": 0.5, "never updated": -0.5, "not updated": -0.5,
    "a day early": 0.6, "days early": 0.6, "ahead of schedule": 0.6, "earlier than expected": 0.6,
    # Still waiting; arriving only after a wait (等了三天才到: 才 says it was late).
    "还没收到": -0.5, "还没送到": -0.5, "还没寄出": -0.5, "迟迟没到": -0.6, "才到": -0.3, "才收到": -0.4,
    "才发货": -0.5, "才送到": -0.4, "has not arrived": -0.5,  # hasn't -> has not
    "still has not arrived": -0.6, "still not here": -0.5, "still waiting for my order": -0.5, "has not shipped": -0.5,
    "have not received": -0.5, "not shipped yet": -0.5, "never shipped": -0.7,
    # Food delivered: 送得快, 送餐慢, "the food came late".
    # What arrived is not what was ordered: a wrong item, one missing, one swapped without asking (the order
    # as fulfilled and brought is the delivery's, like 送错; docs/analyzers.md).
    "送错货": -0.6, "发错": -0.6, "发错货": -0.6, "发错了": -0.6, "拿错": -0.5, "少发": -0.6, "漏发": -0.6, "缺货替换": -0.5,
    "擅自替换": -0.7, "私自替换": -0.7, "擅自更换": -0.7, "私自更换": -0.7, "随便替换": -0.6, "换了别的牌子": -0.5,
    "换成别的牌子": -0.5, "给我换了别的": -0.5, "换了别的": -0.4, "不打招呼": -0.5, "也不打招呼": -0.5,
    "wrong item": -0.6, "wrong items": -0.6, "wrong order": -0.6, "wrong product": -0.6, "missing item": -0.6,
    "missing items": -0.6, "items missing": -0.6, "item missing": -0.6, "not what i ordered": -0.6,
    "substituted": -0.5, "substitutes": -0.4, "substitution": -0.3, "substitutions": -0.3, "replacing items": -0.5,
    "replaced without asking": -0.7, "swapped without asking": -0.7, "substituted without asking": -0.7,
    # The cold chain broke on the way: frozen goods thawed, ice cream melted, no ice packs.
    "化了": -0.5, "全化了": -0.7, "都化了": -0.7, "化掉了": -0.6, "化成水": -0.7, "融化了": -0.6, "解冻了": -0.5,
    "化冻了": -0.5, "没有冰袋": -0.6, "没放冰袋": -0.6, "冰袋没了": -0.6, "冰袋都没了": -0.6, "不冰了": -0.5,
    "had melted": -0.6, "has melted": -0.6, "was melted": -0.6, "were melted": -0.6, "all melted": -0.7,
    "completely melted": -0.7, "half melted": -0.6, "half-melted": -0.6, "thawed": -0.5, "defrosted": -0.5,
    "no ice pack": -0.6, "no ice packs": -0.6, "arrived warm": -0.6, "not cold": -0.5,
    "送得快": 0.6, "送得很快": 0.7, "送餐快": 0.6, "送餐慢": -0.6, "送得慢": -0.6, "送得太慢": -0.7, "送餐太慢": -0.7,
}

SERVICE = {
    "亲切": 0.6, "客气": 0.5, "细心": 0.6, "耐心": 0.6, "热情": 0.6, "周到": 0.6, "贴心": 0.7, "礼貌": 0.5, "及时回复": 0.6, "回复及时": 0.6,
    "敷衍": -0.7, "冷漠": -0.6, "不理人": -0.6, "推诿": -0.7, "踢皮球": -0.7, "爱答不理": -0.7,
    "不耐烦": -0.6, "没人理": -0.6, "没人管": -0.6, "傲慢": -0.7, "骂人": -0.8, "态度恶劣": -0.9,
    "服务到位": 0.7, "热心": 0.6, "温柔": 0.6, "不回复": -0.5, "不回消息": -0.5, "答非所问": -0.6,
    "helpful": 0.7, "friendly": 0.7, "attentive": 0.7, "courteous": 0.6, "polite": 0.5,
    "knowledgeable": 0.5, "prompt": 0.6, "professional": 0.6, "accommodating": 0.6, "accomodating": 0.6,
    "welcoming": 0.6, "rude": -0.8, "unhelpful": -0.7,
    # A person who keeps an appointment or not (教练迟到, 放鸽子), a sales push (一直推销, 天天打电话).
    "迟到": -0.6, "经常迟到": -0.7, "放鸽子": -0.7, "爽约": -0.6, "推销": -0.4, "强行推销": -0.7, "硬推": -0.6,
    "一直推销": -0.6, "骚扰": -0.6, "骚扰电话": -0.7, "hard sell": -0.6, "hard-sell": -0.6, "no-show": -0.6,
    "dismissive": -0.6, "inattentive": -0.6, "arrogant": -0.6, "unfriendly": -0.7, "impolite": -0.6,
    "never responded": -0.6, "no response": -0.5, "ignored us": -0.6, "ignored me": -0.6,
    "推来推去": -0.7, "没人回": -0.7, "没人回复": -0.7, "没人接": -0.6, "nobody answered": -0.6, "no one answered": -0.6, "不回": -0.5, "ghosted": -0.7, "ghosted me": -0.7,
    "sorted it out": 0.6, "sorted it": 0.5, "sorted out": 0.5,
    "never answered": -0.6, "never replied": -0.6, "never got back": -0.6, "never got a reply": -0.6, "no reply": -0.5, "didn't reply": -0.5, "didn't respond": -0.5,
}

# How a teacher, coach or trainer teaches: the `teacher` aspect (the one who delivers the service in
# person), not `service` (customer service, front desk, waiters). SERVICE's words about a person
# (耐心, 迟到, rude, patient) judge whichever person the text names (sentiment._for_person).
TEACHING = {
    "讲得好": 0.7, "讲得很好": 0.7, "讲得清楚": 0.7, "讲得很清楚": 0.7, "讲解清楚": 0.7, "讲解清晰": 0.7, "讲解细致": 0.7,
    "讲课生动": 0.7, "生动有趣": 0.6, "深入浅出": 0.7, "因材施教": 0.7, "批改认真": 0.7, "批改及时": 0.6, "教得好": 0.7,
    "照本宣科": -0.7, "念PPT": -0.6, "念ppt": -0.6, "读PPT": -0.6, "读ppt": -0.6, "念课件": -0.6, "互动": 0.4,
    "没有互动": -0.5, "缺乏互动": -0.5, "口音太重": -0.5, "口音重": -0.4, "听不懂": -0.4, "拖堂": -0.4, "水课": -0.6,
    "explains well": 0.7, "explains things well": 0.7, "explains clearly": 0.7, "explains things clearly": 0.7,
    "explained everything clearly": 0.7, "clear explanations": 0.7, "great explanations": 0.7, "engaging": 0.6,
    "patient": 0.6, "impatient": -0.6, "boring lectures": -0.6, "boring lecture": -0.6, "boring lessons": -0.6,
    "reads off the slides": -0.6, "reads from the slides": -0.6, "just reads the slides": -0.6,
    "rushed through": -0.5, "no interaction": -0.5, "doesn't interact": -0.5, "heavy accent": -0.4,
    # A stylist's, technician's or guide's craft (手法生疏, 剪坏了, "butchered my hair", "really listened").
    "生疏": -0.6, "不熟练": -0.6, "熟练": 0.6, "娴熟": 0.7, "手法生疏": -0.7, "手法熟练": 0.7, "手法娴熟": 0.7,
    "手法专业": 0.7, "手法重": -0.5, "手法太重": -0.6, "力道太重": -0.6, "下手太重": -0.6, "手太重": -0.6,
    "剪得太短": -0.6, "剪太短": -0.6, "剪短了": -0.5, "剪坏": -0.7, "剪坏了": -0.7, "剪毁": -0.8, "剪毁了": -0.8,
    "剪残": -0.7, "剪残了": -0.7, "剪丑了": -0.7, "烫坏": -0.7, "烫坏了": -0.7, "染坏": -0.7, "染坏了": -0.7,
    "烫焦": -0.7, "烫焦了": -0.7, "剪得很好": 0.7, "剪得好": 0.7, "剪得不错": 0.6, "剪得很满意": 0.7,
    "讲解很专业": 0.7, "讲解专业": 0.7, "讲解很详细": 0.7, "讲解详细": 0.7, "迷路": -0.5, "带错路": -0.6,
    "listened": 0.6, "really listened": 0.7, "listens": 0.6, "didn't listen": -0.6, "did not listen": -0.6,
    "never listened": -0.6, "butchered": -0.8, "botched": -0.7, "cut it too short": -0.6, "cut too short": -0.6,
    "heavy-handed": -0.6, "too rough": -0.6, "got us lost": -0.6, "got lost": -0.5, "barely spoke english": -0.6,
    "spoke no english": -0.6, "couldn't speak english": -0.6,
}
# "技术不行", "技术很好": a verdict on the skill of the person the text names (发型师剪得太短了，技术不行);
# with nobody named (这款手机的技术不错) the words judge no aspect (sentiment._resolve).
SKILL = {
    "技术不行": -0.7, "技术太差": -0.8, "技术差": -0.7, "技术很差": -0.8, "技术一般": -0.3, "技术太烂": -0.8,
    "技术很烂": -0.8, "技术好": 0.7, "技术很好": 0.7, "技术不错": 0.6, "技术一流": 0.8, "技术过硬": 0.7,
    "技术很专业": 0.7, "技术专业": 0.7, "手艺好": 0.7, "手艺很好": 0.7, "手艺不错": 0.6, "手艺不行": -0.7, "手艺差": -0.7,
}
TEACHING.update(SKILL)

BATTERY = {
    "耗电": -0.4, "费电": -0.5, "耗电快": -0.7, "掉电快": -0.7, "掉电": -0.4, "掉电慢": 0.5, "没电": -0.4,
    "充电快": 0.6, "充电慢": -0.5, "续航长": 0.7, "续航短": -0.7, "续航差": -0.7, "续航强": 0.7,
    "待机长": 0.5, "电池不耐用": -0.7, "一天一充": 0.2, "一天两充": -0.5, "充不进电": -0.8,
    "drains": -0.6, "drains fast": -0.8, "battery drain": -0.6, "dies": -0.6, "died": -0.6,
    "lasts all day": 0.7,
    "charges fast": 0.6, "charges quickly": 0.6, "won't charge": -0.8, "won't hold a charge": -0.8,
    "抗用": 0.6, "撑不过": -0.6, "撑不到": -0.6, "撑一天": 0.4, "两天一充": 0.6,
}

SIZE_FIT = {
    "偏大": -0.4, "偏小": -0.4, "合身": 0.7, "合脚": 0.7, "挤脚": -0.6, "磨脚": -0.6, "夹脚": -0.6,
    "买大了": -0.4, "买小了": -0.4, "大了": -0.3, "小了": -0.3, "码数准": 0.6, "尺码准": 0.6,
    "尺码标准": 0.6, "不合身": -0.6, "勒": -0.4, "紧": -0.4, "偏紧": -0.4, "偏松": -0.3, "偏瘦": -0.3,
    "偏肥": -0.3, "大小合适": 0.7, "大小正好": 0.7, "尺码正好": 0.7,
    "fits": 0.5, "fits perfectly": 0.8, "fits well": 0.7, "fit perfectly": 0.8, "tight": -0.5,
    "loose": -0.4, "runs small": -0.5, "runs large": -0.5, "runs big": -0.5, "true to size": 0.7,
    "too small": -0.6, "too big": -0.6, "too tight": -0.7, "too loose": -0.6, "baggy": -0.3,
    "正合适": 0.7, "刚刚好": 0.6, "刚好": 0.5,
}

TASTE = {
    "好吃": 0.8, "美味": 0.8, "香": 0.5, "可口": 0.7, "入味": 0.6, "爽口": 0.6, "正宗": 0.5, "好喝": 0.8,
    "醇厚": 0.5, "香甜": 0.7, "甜": 0.4, "脆": 0.4, "嫩": 0.4, "多汁": 0.5, "鲜美": 0.7, "香浓": 0.6,
    "难吃": -0.8, "难喝": -0.8, "咸": -0.4, "腻": -0.4, "油腻": -0.5, "没味道": -0.4, "无味": -0.4,
    "丰盛": 0.6, "酸甜": 0.4, "馊": -0.8, "涩": -0.4, "齁": -0.6, "苦": -0.3, "酸": -0.2, "太甜": -0.4, "寡淡": -0.5,
    "delicious": 0.9, "tasty": 0.8, "yummy": 0.8, "flavorful": 0.7, "flavourful": 0.7,
    "scrumptious": 0.9, "mouth-watering": 0.8, "mouthwatering": 0.8, "savory": 0.4, "juicy": 0.5,
    "bland": -0.6, "tasteless": -0.6, "stale": -0.6, "soggy": -0.5, "salty": -0.4, "greasy": -0.5,
    "overcooked": -0.5, "undercooked": -0.5, "inedible": -0.9, "flavorless": -0.6, "burnt": -0.5,
    "oily": -0.5, "mushy": -0.5, "watery": -0.4, "chewy": -0.3, "tender": 0.5, "too salty": -0.6, "too sweet": -0.5, "dry": -0.3,
    "怪味": -0.6, "有股怪味": -0.7, "口味绝了": 0.8, "好吃到哭": 0.9, "weird aftertaste": -0.6, "aftertaste": -0.3,
    # Heat and grease as a diner judges them: spicy enough is praise (辣得过瘾), too oily a complaint (太油了).
    "辣得过瘾": 0.7, "吃得过瘾": 0.7, "麻辣过瘾": 0.7, "够辣": 0.5, "够味": 0.6, "下饭": 0.6, "太油": -0.6, "很油": -0.5,
    "好油": -0.5, "偏油": -0.4, "有点油": -0.4, "油太大": -0.6, "油大": -0.5, "太辣": -0.4, "辣过头": -0.5,
}

PACKAGING = {
    "严实": 0.5, "破损": -0.6, "压坏": -0.6, "压扁": -0.5, "漏液": -0.6, "完好": 0.5, "完好无损": 0.6,
    "包装精美": 0.7, "包装简陋": -0.5, "包装破": -0.6, "包装严实": 0.6, "包装完好": 0.6,
    "well packaged": 0.6, "well-packaged": 0.6, "nicely packaged": 0.6, "crushed": -0.5,
    "dented": -0.4, "damaged box": -0.6, "arrived damaged": -0.7,
    "简陋": -0.5, "well packed": 0.6, "well-packed": 0.6, "packed well": 0.6, "neat and secure": 0.6,
    "no damage": 0.5,
    # Crushed in transit (jieba may cut 被压|坏了, so the passive forms are entries too).
    "压坏了": -0.6, "被压坏": -0.6, "被压坏了": -0.6, "压烂": -0.6, "压变形": -0.5, "压皱": -0.4, "磕坏": -0.5,
    "磕碰": -0.4, "折角": -0.4,
    # Food or a drink spilled in its bag or cup on the way (汤都洒了, 饮料洒了, "the soup spilled").
    "洒了": -0.6, "洒出来": -0.6, "洒出来了": -0.6, "洒得": -0.5, "洒满": -0.6, "撒了一袋子": -0.6, "漏汤": -0.6,
    "spilled": -0.6, "spilt": -0.6, "spilled everywhere": -0.7, "spilled all over": -0.7, "leaked everywhere": -0.6,
}

# Goods gone off, past or near their date, or that harm a baby (a leaking diaper, a rash), or fake: a
# product quality fault whatever else the clause names ("the strawberries arrived rotten" is no
# delivery verdict, 奶粉离过期太近 no taste verdict). Strong, unlike the rest of QUALITY.
SPOILED = {
    "变质": -0.8, "变质了": -0.8, "臭了": -0.6, "发臭": -0.7, "发霉了": -0.8, "霉了": -0.7, "长毛了": -0.7, "蔫了": -0.5,
    "发蔫": -0.5, "发黑": -0.5, "过期": -0.6, "过期了": -0.7, "临期": -0.5, "临期货": -0.6, "快过期": -0.5,
    "快过期了": -0.5, "离过期太近": -0.6, "保质期太短": -0.5, "保质期短": -0.4, "不新鲜": -0.6, "烂了": -0.7,
    "烂果": -0.7, "发霉": -0.8,
    "rotten": -0.8, "moldy": -0.8, "mouldy": -0.8, "bruised": -0.5, "overripe": -0.5, "over-ripe": -0.5, "wilted": -0.5,
    "expired": -0.6, "out of date": -0.6, "past its expiry": -0.6, "past the expiry date": -0.6,
    "past its best-before": -0.6, "past the best-before date": -0.6, "close to expiry": -0.5, "near expiry": -0.5,
    "about to expire": -0.5, "expiring soon": -0.5, "short shelf life": -0.5, "gone off": -0.7, "went off": -0.6,
    "smelled off": -0.6, "smelt off": -0.6, "smells off": -0.6, "went bad": -0.7, "gone bad": -0.7, "stank": -0.6,
    "stinks": -0.6, "spoiled": -0.7, "spoilt": -0.7,
    # A diaper that leaks, skin it reddens; a tin that may be fake.
    "漏尿": -0.7, "侧漏": -0.7, "后漏": -0.6, "红屁屁": -0.7, "红屁股": -0.7, "屁股红": -0.6, "起疹子": -0.7,
    "起红疹": -0.7, "红疹": -0.6, "尿布疹": -0.7, "假奶粉": -0.8, "是假的": -0.7, "假的": -0.6,
    "leaked": -0.6, "leaked overnight": -0.7, "rash": -0.6, "diaper rash": -0.7, "nappy rash": -0.7,
}

# Weak: the word usually speaks of this aspect, but an explicit aspect named in the same clause
# wins ("电池耐用" is battery, "耐用" alone is quality).
QUALITY = {
    "耐用": 0.7, "结实": 0.6, "牢固": 0.5, "扎实": 0.5, "精细": 0.6, "精致": 0.6, "正品": 0.5, "好货": 0.6,
    "好穿": 0.6, "耐穿": 0.7, "耐磨": 0.6, "厚实": 0.5, "细腻": 0.5, "做工好": 0.7, "做工精细": 0.8,
    "清晰": 0.5, "稳定": 0.4, "无异味": 0.5, "有质感": 0.5, "质感好": 0.6, "舒服": 0.6, "舒适": 0.6,
    "新鲜": 0.6, "干净": 0.6, "柔顺": 0.5, "保暖": 0.5, "防水": 0.4, "透气": 0.4, "轻便": 0.5,
    "劣质": -0.8, "粗糙": -0.6, "掉色": -0.6, "褪色": -0.6, "起球": -0.6, "开线": -0.6, "脱线": -0.6,
    "破": -0.5, "坏了": -0.7, "坏": -0.6, "假货": -0.9, "山寨": -0.6, "次品": -0.8, "瑕疵": -0.6,
    "线头": -0.4, "异味": -0.5, "易碎": -0.5, "残次": -0.7, "变形": -0.5,
    "断了": -0.6, "裂了": -0.6, "漏水": -0.6, "故障": -0.6, "毛病": -0.5, "盗版": -0.8, "模糊": -0.5,
    "错别字": -0.5, "发热": -0.4, "发烫": -0.5, "噪音": -0.4, "噪音大": -0.6, "刺鼻": -0.6, "难闻": -0.6,
    "臭": -0.6, "霉味": -0.6, "脏": -0.6, "潮湿": -0.4, "过敏": -0.6,
    "质量差": -0.8, "做工差": -0.8, "做工粗糙": -0.8, "不耐用": -0.7, "很薄": -0.3, "太薄": -0.4,
    "durable": 0.7, "sturdy": 0.7, "well made": 0.7, "well-made": 0.7, "well built": 0.7,
    "well-built": 0.7, "solid": 0.5, "reliable": 0.6, "comfortable": 0.6, "comfy": 0.6, "fresh": 0.5,
    "clean": 0.5, "high-quality": 0.7, "top quality": 0.8, "premium": 0.5,
    "flimsy": -0.7, "poor quality": -0.8, "cheaply made": -0.7, "feels cheap": -0.6,
    "cheap plastic": -0.6, "cheap material": -0.6, "cheap materials": -0.6, "cheap quality": -0.7,
    "defective": -0.8, "broke": -0.7, "broken": -0.7, "damaged": -0.7, "fell apart": -0.8, "falls apart": -0.8,
    "stopped working": -0.8, "faulty": -0.7, "fake": -0.8, "counterfeit": -0.8, "shoddy": -0.8,
    "low-quality": -0.7, "crappy": -0.7, "wore out": -0.6, "ripped": -0.5, "torn": -0.5, "leaks": -0.6,
    "leaking": -0.6, "scratched": -0.4, "dirty": -0.6, "smelly": -0.5,
    "开胶": -0.7, "堪忧": -0.6, "跟新的一样": 0.7, "和新的一样": 0.7, "像新的一样": 0.7,
    "poorly made": -0.7, "badly made": -0.7, "cracked": -0.6, "like new": 0.6, "came apart": -0.7, "coming apart": -0.7,
    # Lasting is durability ("something that lasts"); "the battery lasts" names its aspect.
    "lasts": 0.5, "lasts forever": 0.7, "long-lasting": 0.6, "long lasting": 0.6, "built to last": 0.7,
    # A book's defects; a product that hurts its user (a safety complaint is a quality complaint).
    "缺页": -0.7, "少页": -0.7, "漏页": -0.7, "掉页": -0.7, "脱页": -0.7, "错页": -0.6, "倒装": -0.5, "印刷模糊": -0.6,
    "missing pages": -0.7, "pages missing": -0.7, "pages fell out": -0.7, "misprint": -0.6, "misprinted": -0.6,
    "划手": -0.7, "割手": -0.7, "扎手": -0.6, "刮手": -0.6, "划到手": -0.7, "划到了手": -0.7, "划伤": -0.7,
    "割伤": -0.7, "划破": -0.6, "毛刺": -0.5, "受伤": -0.7, "伤到": -0.6, "安全隐患": -0.7,
    "sharp edge": -0.6, "sharp edges": -0.6, "cut my finger": -0.7, "cut my hand": -0.7, "cut his finger": -0.7,
    "cut her finger": -0.7, "safety hazard": -0.8, "choking hazard": -0.8, "unsafe": -0.7,
    **SPOILED,
}

USABILITY = {
    "好用": 0.7, "方便": 0.6, "实用": 0.6, "顺手": 0.6, "流畅": 0.7, "易用": 0.6, "灵敏": 0.5, "快捷": 0.5,
    "上手快": 0.6, "操作简单": 0.6, "简单易用": 0.7, "省心": 0.5, "便捷": 0.6, "顺滑": 0.5, "丝滑": 0.6,
    "难用": -0.7, "卡": -0.5, "卡顿": -0.7, "很卡": -0.7, "死机": -0.8, "闪退": -0.8, "不灵": -0.5,
    "携带方便": 0.6, "自动关机": -0.6, "黑屏": -0.7, "重启": -0.4, "麻烦": -0.5, "复杂": -0.3, "费劲": -0.5, "蓝屏": -0.7, "反应慢": -0.6, "不方便": -0.6, "bug": -0.5,
    "easy to use": 0.7, "intuitive": 0.6, "convenient": 0.6, "handy": 0.6, "smooth": 0.5,
    "user-friendly": 0.7, "user friendly": 0.7, "easy to set up": 0.6, "works great": 0.7,
    "works well": 0.6, "works perfectly": 0.8, "laggy": -0.7, "lags": -0.6, "lag": -0.5,
    "clunky": -0.6, "hard to use": -0.7, "difficult to use": -0.7, "confusing": -0.5,
    "crashes": -0.8, "crashed": -0.8, "crashing": -0.8, "freezes": -0.7, "buggy": -0.7, "bugs": -0.5,
    "cumbersome": -0.6, "glitchy": -0.7, "unusable": -0.9, "doesn't work": -0.8, "does not work": -0.8,
    "看不懂": -0.5, "难上手": -0.6, "很难上手": -0.7, "上手难": -0.6, "轻松用": 0.6, "轻松上手": 0.7,
    "works right away": 0.6, "no fuss": 0.5,
    # a software service's gaps: the integrations it lacks, an update that broke it
    "missing integrations": -0.6, "missing integration": -0.6, "no integrations": -0.5, "no integration": -0.5,
    "lacks integrations": -0.6, "没有集成": -0.5, "缺少集成": -0.6, "不支持集成": -0.5, "功能缺失": -0.5, "缺少功能": -0.5,
    "breaks": -0.5, "broke sync": -0.7, "out of sync": -0.6, "won't sync": -0.7, "doesn't sync": -0.7, "not syncing": -0.7,
    "同步失败": -0.7, "不同步": -0.6,
}

APPEARANCE = {
    "好看": 0.7, "漂亮": 0.7, "时尚": 0.5, "大气": 0.5, "帅": 0.6, "可爱": 0.5, "高端": 0.4, "显瘦": 0.5,
    "美观": 0.6, "颜值高": 0.7, "高颜值": 0.7, "精美": 0.6, "洋气": 0.5, "上档次": 0.6, "百搭": 0.5,
    "好看到哭": 0.8, "难看": -0.7, "丑": -0.7, "土": -0.4, "俗气": -0.5, "色差": -0.6, "掉漆": -0.5, "廉价感": -0.6,
    "显胖": -0.4, "老气": -0.5, "大方": 0.5, "小巧": 0.5, "帅气": 0.6, "美丽": 0.6,
    "beautiful": 0.8, "gorgeous": 0.8, "stylish": 0.6, "sleek": 0.6, "elegant": 0.6, "cute": 0.5,
    "good looking": 0.6, "good-looking": 0.6, "looks great": 0.7, "looks good": 0.6,
    "ugly": -0.7, "hideous": -0.8, "looks cheap": -0.6, "tacky": -0.6, "dated": -0.4,
}

# The place itself (a shop, café, hotel, restaurant): noise, seats, temperature, Wi-Fi, cleanliness.
# Weak: a product aspect named in the clause wins ("这台空调很安静" with 噪音 named stays quality).
ENVIRONMENT = {
    "吵": -0.5, "太吵": -0.7, "很吵": -0.6, "好吵": -0.6, "吵闹": -0.6, "嘈杂": -0.6, "喧闹": -0.5, "喧哗": -0.5,
    "闹哄哄": -0.6, "乱哄哄": -0.6, "吵吵闹闹": -0.6, "像菜市场一样": -0.6, "跟菜市场一样": -0.6, "座位不够": -0.5, "位子不够": -0.5,
    "断网": -0.6, "keeps dropping": -0.5, "kept dropping": -0.5,
    "hard to find a seat": -0.5, "impossible to find a seat": -0.6, "拥挤": -0.5, "太挤": -0.5, "人太多": -0.4, "没座位": -0.5, "没位子": -0.5,
    "没有座位": -0.5, "没有位子": -0.5, "找不到座位": -0.5, "找不到位子": -0.5, "座位少": -0.5, "位子少": -0.5,
    "太冷": -0.5, "太热": -0.5, "好冷": -0.5, "好热": -0.5, "冷死了": -0.6, "热死了": -0.6, "冻死了": -0.6,
    "闷热": -0.6, "闷": -0.3, "乌烟瘴气": -0.7, "网速慢": -0.5, "连不上": -0.5,
    "没法安静": -0.5, "安静": 0.5, "清静": 0.5, "宽敞": 0.5, "温馨": 0.6, "惬意": 0.6, "有氛围": 0.6, "氛围感": 0.5, "明亮": 0.4,
    "noisy": -0.5, "loud": -0.3, "too loud": -0.6, "crowded": -0.3, "cramped": -0.5, "stuffy": -0.5,
    "freezing": -0.5, "too cold": -0.5, "too hot": -0.5, "no seats": -0.5, "nowhere to sit": -0.6,
    "couldn't find a seat": -0.5, "could not find a seat": -0.5, "uncomfortable": -0.5,
    "quiet": 0.4, "peaceful": 0.5, "cozy": 0.6, "cosy": 0.6, "spacious": 0.5, "relaxing": 0.5, "airy": 0.4,
    # Waiting for a table (the queue at the door, not the food: 上菜慢 is the service).
    "排长队": -0.5, "排大队": -0.5, "排了好久": -0.5, "排很久": -0.5, "排了很久": -0.5, "等位太久": -0.6,
    "long queue": -0.5, "long queues": -0.5, "long line": -0.4, "long lines": -0.4, "long wait for a table": -0.6,
    "no wait": 0.4, "不用排队": 0.4, "不用等位": 0.4,
}

# How clean the place and the food are (the `hygiene` aspect). Strong: a fly in the soup is hygiene
# whatever the clause names. The bare cleanliness words (干净, 脏, clean, dirty) stay QUALITY's and
# judge hygiene only in a text about a place (see CLEANLINESS).
HYGIENE = {
    "不卫生": -0.7, "卫生差": -0.7, "卫生太差": -0.8, "脏乱": -0.7, "脏乱差": -0.8, "脏兮兮": -0.6, "油腻腻": -0.5,
    "苍蝇": -0.6, "有苍蝇": -0.7, "蟑螂": -0.8, "有蟑螂": -0.8, "老鼠": -0.7, "头发丝": -0.6, "吃出头发": -0.8,
    "有头发": -0.7, "一根头发": -0.7, "吃出虫子": -0.8, "吃出异物": -0.7, "异物": -0.5,
    "一尘不染": 0.8, "干干净净": 0.6, "很卫生": 0.6, "干净卫生": 0.7, "卫生好": 0.6, "挺卫生": 0.5, "比较卫生": 0.4,
    "不够卫生": -0.6, "不太卫生": -0.5, "没刷干净": -0.6, "没洗干净": -0.6, "没擦干净": -0.6,
    "unhygienic": -0.8, "unsanitary": -0.8, "filthy": -0.8, "grimy": -0.6, "sticky tables": -0.6, "dirty tables": -0.6,
    "dirty table": -0.6, "cockroach": -0.8, "cockroaches": -0.8, "roaches": -0.8, "a hair in": -0.7, "hair in my": -0.7,
    "fly in my": -0.7, "spotless": 0.7, "spotlessly clean": 0.8, "hygienic": 0.6,
}
# How a trip is paced and kept to time (the `itinerary` aspect): 行程太赶, "no free time". A delay
# word (延误, 晚点, delayed) in a text about a trip judges it too (sentiment._about_a_trip).
ITINERARY = {
    "太赶": -0.6, "赶路": -0.5, "走马观花": -0.6, "行程紧": -0.5, "太紧凑": -0.5, "赶场": -0.5,
    "没有自由活动": -0.6, "没有自由时间": -0.6, "自由活动时间太少": -0.6,
    "安排合理": 0.6, "安排得很好": 0.6, "安排得当": 0.6, "不赶": 0.5,
    "too packed": -0.6, "too rushed": -0.6, "hectic": -0.5, "no free time": -0.6,
    "not enough free time": -0.6, "well planned": 0.6, "well-planned": 0.6, "well organised": 0.6,
    "well organized": 0.6, "well-organized": 0.6, "relaxed pace": 0.6, "good pace": 0.5,
}
# QUALITY's words for clean and dirty: about a product bought ("收到的杯子很脏") they stay quality; in a
# text about a place (VENUE_CUES, a place's aspect word, no purchase cue) they judge its hygiene.
CLEANLINESS = {"干净", "脏", "整洁", "干净整洁", "clean", "dirty", "messy", "tidy"}

# How much food there is (the `portion` aspect): 分量足, 吃不饱, "tiny portions".
PORTION = {
    "量少": -0.6, "量太少": -0.7, "量足": 0.6, "量大": 0.6, "量很足": 0.7, "量很大": 0.7, "分量足": 0.6, "分量少": -0.6,
    "吃不饱": -0.6, "不够吃": -0.6, "没吃饱": -0.5, "管饱": 0.6, "吃得饱": 0.5, "吃得很饱": 0.6, "很顶饱": 0.6, "顶饱": 0.5,
    "还是饿": -0.6, "还饿": -0.5, "依然饿": -0.6, "仍然饿": -0.6, "吃完就饿": -0.5, "吃不完": 0.4, "够吃": 0.4, "没几根": -0.5, "没几块": -0.5, "没几片": -0.5, "没几口": -0.5, "几口就没了": -0.6, "少得可怜": -0.7,
    "tiny portions": -0.7, "small portions": -0.6, "skimpy": -0.6, "stingy portions": -0.7, "skimpy portions": -0.7,
    "generous portions": 0.7, "generous portion": 0.7, "huge portions": 0.6, "big portions": 0.6, "large portions": 0.6,
    "left hungry": -0.6, "still hungry": -0.5, "not enough food": -0.6, "filling": 0.5, "plenty of food": 0.6,
}

# Fittings that are part of a place when the text is about a place, and a product otherwise:
# "空调坏了一个星期了，上动感单车热死了" (a gym's air-con: environment) but "空调制冷效果差" (an air
# conditioner bought: quality). They name the environment aspect only in a text with a place cue
# (VENUE_CUES, or another environment word) and no purchase cue (BOUGHT_CUES).
VENUE_TERMS = {"空调", "淋浴", "热水", "地暖", "aircon", "shower", "showers", "heating"}  # single tokens
VENUE_CUES = (r"店里|店内|门店|健身房|馆里|场馆|教室|课上|上课|上[^，。,.]{0,4}课|动感单车|单车课|更衣室|前台|房间|酒店|宾馆|民宿|"
              r"餐厅|饭店|大堂|包间|会所|诊所|医院|美容院|理发店|学校|影院|候诊|泳池|球馆|瑜伽馆|你们(?:店|这|家)|也?没人(?:修|管)|"
              r"桌子|餐桌|桌面|餐具|碗筷|筷子|后厨|堂食|饭馆|餐馆|食堂|小店|店面|店铺|餐饮店|这家店|"
              # a shop of some kind (火锅店, 奶茶店, 书店), not one online (网店, 旗舰店, 淘宝店, 天猫店)
              r"(?<![网舰卖宝猫方东])店(?![家主铺])|"
              r"\b(?:the place|this place|tables?|tableware|cutlery|utensils|kitchen|dining room|toilets?|restrooms?|diner|bistro|canteen|"
              r"gym|studio|class|classes|room|rooms|hotel|lobby|salon|clinic|restaurant|cafe|café|venue|classroom|"
              r"locker|lockers|changing rooms?|spa|waiting room|in the (?:store|shop))\b")
# Asking for a refund (能全额退款吗？, "can I get a refund?") is a request, not a verdict.
REQUESTED = {"退款", "退钱", "全额退款", "退票", "退订", "refund", "full refund", "a refund"}
# A text about a trip (a flight, a train, a tour): a delay there is the trip's (the `itinerary` aspect),
# not a parcel's, and a "package" is the holiday sold, not its packaging — unless a parcel is named.
TRIP_CUES = (r"航班|飞机|机场|火车|高铁|动车|列车|行程|旅行团|跟团|导游|领队|自由行|酒店|景点|"
             r"\b(?:flights?|planes?|airlines?|airports?|trains?|itinerary|tours?|trips?|guides?|hotels?|resorts?|"
             r"holidays?|vacations?|cruises?)\b")
PARCEL_CUES = r"快递|包裹|物流|发货|收到货|\b(?:parcel|courier|shipping|shipped|tracking)\b"
BOUGHT_CUES = (r"买的|买了|收到|这台|这款|那台|安装|下单|发货|型号|制冷效果|制热效果|匹|"
               r"\b(?:bought|ordered|purchased|this unit|installed|delivered|this model)\b")

# Aspect -> (words, strong?)
IMPLIED = {
    "price": (PRICE, True), "delivery": (DELIVERY, True), "service": (SERVICE, True), "teacher": (TEACHING, True),
    "battery": (BATTERY, True), "size_fit": (SIZE_FIT, True), "taste": (TASTE, True),
    "packaging": (PACKAGING, True), "quality": (QUALITY, False), "usability": (USABILITY, False),
    "appearance": (APPEARANCE, False), "environment": (ENVIRONMENT, False),
    "hygiene": (HYGIENE, True), "portion": (PORTION, True), "itinerary": (ITINERARY, True),
}
# A size word said of a portion judges the portion ("portion was way too small", 分量偏小), of a trip its
# itinerary (行程太紧), of a technician's hand its skill (力道刚好); a wait word said of a queue the place
# (排队等太久); elsewhere they keep their own aspect.
RETARGET = {("size_fit", "portion"): "portion", ("delivery", "queue"): "environment", ("size_fit", "itinerary"): "itinerary",
            ("size_fit", "skill"): "teacher",
            ("service", "delivery"): "delivery"}  # 配送又迟到了: the delivery is late, not a person  # 力道刚好, 力道太大: the technician's hand

# --- Idioms and slang that speak of several aspects at once ---------------------------------
# term -> (overall polarity, {aspect: polarity})
MULTI = {
    "便宜没好货": (-0.4, {"quality": -0.6}),
    "一分钱一分货": (0.1, {"quality": 0.3}),
    "物美价廉": (0.9, {"price": 0.8, "quality": 0.8}),
    "价廉物美": (0.9, {"price": 0.8, "quality": 0.8}),
    "价美物廉": (0.9, {"price": 0.8, "quality": 0.8}),
    "智商税": (-0.7, {"price": -0.6, "quality": -0.6}),
    "货真价实": (0.8, {"quality": 0.7, "price": 0.5}),
    "质优价廉": (0.9, {"price": 0.8, "quality": 0.8}),
    "经济实用": (0.6, {"price": 0.4, "usability": 0.5}),
    "没有性价比": (-0.6, {"price": -0.6}),
    "毫无性价比": (-0.7, {"price": -0.7}),
    "交智商税": (-0.7, {"price": -0.6, "quality": -0.6}),
    "花冤枉钱": (-0.7, {"price": -0.7}),
    "冤枉钱": (-0.7, {"price": -0.7}),
    "waste of money": (-0.8, {"price": -0.6, "quality": -0.5}),
    "you get what you pay for": (-0.3, {"quality": -0.4}),
    "good value": (0.7, {"price": 0.8}),
    "great value": (0.8, {"price": 0.9}),
    "poor value": (-0.7, {"price": -0.8}),
    "bad value": (-0.7, {"price": -0.8}),
    "value for the money": (0.6, {"price": 0.6}),
    "best value": (0.8, {"price": 0.8}), "best values": (0.8, {"price": 0.8}), "worst value": (-0.8, {"price": -0.8}),
    # Willing to pay more for better: no complaint about the price ("I'd rather pay more for ...").
    "rather pay more": (0.2, {"price": 0.1}), "rather spend more": (0.2, {"price": 0.1}),
    "willing to pay more": (0.3, {"price": 0.2}), "happy to pay more": (0.3, {"price": 0.2}),
    "宁愿多花点钱": (0.2, {"price": 0.1}), "宁可多花点钱": (0.2, {"price": 0.1}),
}

_OVER = r"(?:over |more than |almost |nearly |a full |a whole |about )?"
_MANY_DAYS = (r"(?:[4-9]|[1-9]\d+|four|five|six|seven|eight|nine|ten|eleven|twelve|fourteen|fifteen|twenty|thirty) "
              r"(?:full |whole |business |working )?days")
# How long a queue took: 一个小时, 半小时, 40分钟; "an hour", "45 minutes", "over half an hour".
_SPAN_ZH = r"(?:整整|足足|快|将近|差不多|好|近)?(?:[一两三四五六七八九十几半]+|\d+)个?多?半?"
_SPAN_EN = (r"(?:over |more than |almost |nearly |about |a full |a whole )?(?:half an|an|one|two|three|\d+|twenty|thirty|"
            r"forty|forty-five|fifty|ninety) (?:hours?|minutes?|mins)")
_ARRIVE = r"arrive|ship|come|get here|reach me|be delivered|deliver|be shipped"
# Leaving for a named rival ("thinking of switching to Notion", "considering moving to Todoist", 想换成Notion,
# 准备换到飞书, 换成别家) or shopping for one ("looking at alternatives", 在找替代): cues.SWITCH_TO reads them as
# churn risk and a comparison; a rival left for that charges less makes this price the dear one (below).
_PLAN_ZH = r"(?:会|想|敢|打算|准备|可能|考虑|决定)"
# English needs a stated plan ("switching to dark mode" is a setting); a Chinese rival in Han script
# needs one too (换成黑色 is an exchange), a Latin name or 别家 does not.
_SWITCH_PLAN_EN = (r"(?:thinking (?:about|of)|considering|consider|plan(?:ning)? (?:on|to)|going to|gonna|about to|"
                   r"ready to|might|may|will|'ll|want to|i'm|i am|we're|we are|probably)")
_NOT_A_RIVAL_EN = (r"(?:the|a|an|my|our|your|their|this|that|it|dark|light|annual|monthly|yearly|pro|team|free|"
                   r"premium|paid|plan|another|a different|other|somewhere|something)\b")
SWITCH_EN = (rf"{_SWITCH_PLAN_EN}\s+(?:\w+\s+)?(?:switch(?:ing)?|mov(?:e|ing)|migrat(?:e|ing)|jump(?:ing)? ship)\s+"
              rf"(?:over\s+)?to\s+(?!{_NOT_A_RIVAL_EN})[a-z][a-z0-9.+-]*")
SWITCH_ZH = (r"(?:换成|换到|转到|转投|迁到|迁移到|切换到|改用)(?:(?![xsml]{1,3}(?![a-z]))[a-z][a-z0-9.+-]*|别家|别的(?:软件|app|平台|工具)|其他(?:软件|app|平台|工具))|"
              rf"{_PLAN_ZH}(?:换成|换到|转到|转投|迁到|迁移到|切换到|改用)[\u4e00-\u9fff]{{2,4}}?(?=了|吧|啦|[，,。.!！?？\s]|$)")
ALTERNATIVES = (r"(?:look(?:ing)?|shop(?:ping)?) (?:at|for|around for) (?:some |other |cheaper |better )?alternatives?\b|"
                 r"evaluat(?:e|ing) (?:other|alternative) (?:tools|apps|options|products)|"
                 r"(?:在|开始|准备|打算|想)?(?:找|看看?)(?:别的|其他|其它)?(?:替代品?|替代方案|别家)")
# Other sellers: always another one (别家), or a place the writer may have bought from (网上, 京东).
_ELSEWHERE_ZH = r"别家|(?:别的|其他|其它)(?:店|家|地方|平台|商家|门店|健身房|馆|卖家)|别处|隔壁|对面"
_SELLERS_ZH = r"网上|网店|线上|电商|淘宝|京东|当当|拼多多|天猫|亚马逊|官网|旗舰店|超市"
# Cheaper, or a lower amount ("只要一半", "才卖三百", "才99"; not a duration: "才三天", "才30天").
_AMOUNT_ZH = r"(?:一半|\d{2,}(?![\d.]|\s?(?:天|日|周|个|小时|分钟|年|岁|次|人|号|点|楼|层))|[一二两三四五六七八九十几]*[百千万]|[一二两三四五六七八九十几]+(?:块|元))"
_CHEAPER_ZH = (r"[^，。,.!！?？;；比不没]{0,10}?(?:便宜|半价|打[一二三四五六七八九]折|"
               rf"(?:只要|只需|只收|只卖|才卖|才收|才要|才)\s?{_AMOUNT_ZH})")
# A rival nearby or the writer's old one ("the gym down the road", "next door", "my old gym").
_ELSEWHERE_EN = (r"the supermarket|supermarkets|other (?:stores|shops|places|sites|sellers|retailers|gyms|studios)|"
                 r"another (?:store|shop|site|seller|retailer|gym|studio)|anywhere else|"
                 r"down the (?:road|street)|next door|across the (?:road|street)|around the corner|"
                 r"my (?:old|previous|last|former) (?:gym|studio|place|club)|the competition|competitors?")
# Another seller asking less: "cheaper", "for less", "charges half", "costs only half".
_LESS_EN = (r"cheaper|for less|half the price|half price|half as much|"
            r"(?:charges?|costs?|asks?) (?:only |just |about |less than )?half")
_SELLERS_EN = r"amazon|ebay|walmart|costco|online|the internet|elsewhere"
# What a reviewer names as the one thing wrong ("only complaint", 最大的缺点).
_COMPLAINT_EN = r"complaint|drawback|downside|down side|fallback|problem|negative|gripe|issue|con|criticism|letdown|knock|fault"
_COMPLAINT_ZH = r"障碍|问题|缺点|不足|槽点|遗憾|顾虑|不满意?|毛病"

# People who serve (also read by tags: their phone is not the writer's); an injury; a session; a push to buy.
# Those who deliver the service in person (the `teacher` aspect) and the others (`service`).
TEACHERS_EN = r"instructor|trainer|coach|teacher|tutor|therapist|stylist|hairdresser|barber|doctor|dentist|nurse|guide|technician"
SERVERS_EN = r"receptionist|staff|waiter|waitress|cashier|clerk|host|cleaner|guard|he|she|they"
PEOPLE_EN = rf"{TEACHERS_EN}|{SERVERS_EN}"
TEACHERS_ZH = r"教练|私教|老师|外教|讲师|技师|理疗师|按摩师|医生|护士"
SERVERS_ZH = r"店员|服务员|前台|销售|司机|师傅|导购|客服|工作人员|保安|他|她"
PEOPLE_ZH = rf"{TEACHERS_ZH}|{SERVERS_ZH}"
_INJURY_EN = r"(?:hurt|injured|pulled|strained|sprained|tweaked|twisted|wrenched|tore) (?:my|his|her|our) \w+"
_SESSION_EN = (rf"{TEACHERS_EN}|class|classes|session|lesson|workout|training|deadlifts?|squats?|spin|massage|treatment|"
               r"haircut|procedure|pushed me|made me|forced me")
_SESSION_ZH = r"课|训练|教练|私教|老师|按摩|理疗|推拿|治疗|美容|做头发|烫发|技师|上课|健身"
_INJURY_ZH = r"受伤|伤到|拉伤|扭伤|摔伤|弄伤|烫伤|划伤|伤了"
_PUSH_EN = r"(?:push|pushes|pushing|pushed|pressur\w*|nag\w*|badger\w*|hassl\w*|bug\w*)"
_SELL_EN = r"renew|buy|upgrade|sign up|purchase|join|extend|top up|spend|book"

# Patterns that run across a contrast ("贵但值"): regex -> (overall polarity, {aspect: polarity}).
# Matched on the lower-cased text before clause splitting, so the contrast does not cut them.
ACROSS_CONTRAST = [
    (r"never (?:\w+ ){1,5}?again", -0.7, {}),
    # … unless what is never wanted again is the others ("好用到再也不想用别的了", as cues.LOYAL_AFTER)
    (r"再也不(?:会|想)?(?:来|买|用|去|光顾|回购)(?!.{0,3}?(?:别|其他|其它|外面))", -0.7, {}),
    (r"took (?:over |more than |almost |nearly )?(?:\w+ )?(?:weeks|months|forever|ages)", -0.5, {}),
    # A person late (the instructor was late, the waiter came late) is that person, not a delivery.
    *((rf"\b(?:{people})s?\b(?: (?:was|were|is|are|came|showed up|turned up|arrived|always|often|again|"
       r"keeps? being|has been|had been))+(?: \w+){0,2} late\b", -0.7, {aspect: -0.7})
      for people, aspect in ((TEACHERS_EN, "teacher"), (SERVERS_EN, "service"))),
    # Hurt in a class or by the one serving: a safety complaint about who teaches or treats (上课受伤,
    # "Hurt my back during deadlifts, the trainer pushed me"), not a product's quality.
    # (The spans stay short and hold no contrast: the opinions inside a span are replaced by it.)
    (rf"\b{_INJURY_EN}(?=[^.!?;]{{0,60}}\b(?:{_SESSION_EN})\b)", -0.7, {"teacher": -0.7}),
    (rf"(?:{_SESSION_ZH})(?:(?!但|不过|可是)[^。！!？?；;，,]){{0,8}}?(?:{_INJURY_ZH})", -0.7, {"teacher": -0.7}),
    (rf"(?:{_INJURY_ZH})[^。！!？?；;]{{0,16}}?(?:{TEACHERS_ZH})", -0.7, {"teacher": -0.7}),
    # Staff on their phones while serving (私教上课一直玩手机, "the waiter was on his phone").
    *((rf"(?:{people})[^，,。！!？?；;]{{0,6}}?(?:一直|老是|总是|只顾着?|光顾着?|在)?(?:玩|刷|看)手机", -0.6, {aspect: -0.6})
      for people, aspect in ((TEACHERS_ZH, "teacher"), (SERVERS_ZH, "service"))),
    *((rf"\b(?:{people})s?\b[^.,!?;]{{0,20}}?\b(?:on|glued to|playing with|scrolling) (?:his|her|their) phones?\b",
       -0.6, {aspect: -0.6}) for people, aspect in ((TEACHERS_EN, "teacher"), (SERVERS_EN, "service"))),
    # A flight or train running late (火车晚点两个小时): the trip's itinerary (晚点 alone is also "later").
    (r"(?:航班|飞机|班机|火车|高铁|动车|列车|大巴)(?:又|还|竟然|居然|严重)?(?:晚点|误点|延误)", -0.6, {"itinerary": -0.6}),
    # Kept waiting past an appointment (约好的时间去了还要等四十分钟, "kept us waiting", "waited 40 minutes past
    # my appointment"): the service's, as the queue for a table is the place's.
    (r"(?:约好|预约|约了|约的|预定|订好)[^。！!？?；;]{0,12}?(?:还要|还得|又|足足|干)?等了?(?:快|将近|近|差不多|整整|足足)?"
     r"[一二两三四五六七八九十半几\d]+(?:个多?|多个?)?(?:小时|分钟|钟头)", -0.6, {"service": -0.6}),
    (r"\bkept (?:me|us) waiting\b", -0.6, {"service": -0.6}),
    (r"\bwait(?:ed)? (?:for )?(?:over |more than |almost |nearly )?(?:an?|\w+|\d+) (?:minutes|hours?) "
     r"(?:past|after|beyond) (?:my|our|the) (?:appointment|booking|booked time|reservation)", -0.6, {"service": -0.6}),
    # Staff pushing the customer to renew or buy: a complaint about the service, not a renewal.
    (rf"\b{_PUSH_EN} (?:me|us) (?:in)?to (?:{_SELL_EN})\b", -0.6, {"service": -0.6}),
    (r"(?:天天|每天|老是|总是|一直|不停地?|反复|经常|三天两头)(?:打电话|发短信|发消息|催|推销|劝|让我|叫我|逼我)"
     r"[^。！!？?；;]{0,10}?(?:续|买|办|充|升级|报名)[卡费约课]?", -0.6, {"service": -0.6}),
    (r"(?:催|逼|劝)我(?:赶紧|快点?)?(?:续|买|办|充|升级|报名)", -0.5, {"service": -0.5}),
    # A wait stated as the complaint: "took 9 days" (four days or more), 等了一周才到, 三天了还没发货.
    (rf"\btook {_OVER}{_MANY_DAYS}(?! to (?:{_ARRIVE}))", -0.5, {}),
    (rf"\btook {_OVER}(?:{_MANY_DAYS}|(?:\w+ )?(?:weeks|months)) to (?:{_ARRIVE})", -0.5, {"delivery": -0.5}),
    (rf"\b(?:arrived|shipped|delivered|came|showed up|got here) (?:only )?after {_OVER}(?:{_MANY_DAYS}|(?:\w+ )?(?:weeks|months))",
     -0.5, {"delivery": -0.5}),
    (rf"\bwait(?:ed|ing)? (?:for )?{_OVER}(?:{_MANY_DAYS}|(?:\w+ )?(?:weeks|months))", -0.4, {}),
    # A queue for a table measured in hours or minutes (排队等了一个小时, 等位等了40分钟, "had to queue for an hour",
    # "waited an hour for a table"): the place's complaint.
    (rf"(?:排队|排了|等位|等座|排号)[^，,。！!？?；;]{{0,6}}?(?:等了|排了|要等|得等)?{_SPAN_ZH}(?:小时|钟头|分钟)",
     -0.6, {"environment": -0.6}),
    (rf"\b(?:queued?|queuing|queueing|stood in line|waited in line|wait(?:ed)? in line)(?: for)? {_SPAN_EN}\b",
     -0.6, {"environment": -0.6}),
    (rf"\bwait(?:ed)? {_SPAN_EN} (?:for a table|to be seated|to get a table|to get seated|for a seat)\b",
     -0.6, {"environment": -0.6}),
    (r"等了(?:整整|足足|快|将近|差不多|好)?(?:[一两三四五六七八九十几半]+|\d+)个?(?:周|星期|礼拜|月)(?!多?了?(?:才|都没|还没|都还没))", -0.5, {}),
    (r"(?:等了|用了|花了|过了)?(?:整整|足足|快|将近|差不多|好)?(?:[一两三四五六七八九十几半]+|\d+)个?多?(?:天|日|周|星期|礼拜|月)多?了?"
     r"(?:才|都没|还没|都还没)(?:到|收到|到货|送到|送来|发货|发出|寄到|寄出)"
     r"(?!(?:就|便)(?:已经)?(?:到|收到|到货|送到|送来)了?)", -0.6, {"delivery": -0.6}),  # not 一天都没到就到了 (fast)
    # Another seller's lower price is this one's higher price: 别家便宜一半, "cheaper on Amazon", "other shops sell
    # it for less" (not 比别家便宜 / "cheaper than Amazon": those praise this price). 网上, 京东, 超市 are often
    # where the writer bought ("京东618真的很便宜"): they count as another seller once the text has compared
    # this one's price with them (书比网上贵好多，当当打折的时候便宜一半).
    (rf"(?<!比)(?<!比.)(?<!比..)(?:{_ELSEWHERE_ZH}){_CHEAPER_ZH}", -0.6, {"price": -0.6}),
    (rf"比(?:在)?(?:{_SELLERS_ZH}|{_ELSEWHERE_ZH})[^，。,.!！?？;；]{{0,6}}?贵[^。!！?？]{{0,30}}?(?:{_SELLERS_ZH}){_CHEAPER_ZH}",
     -0.7, {"price": -0.7}),
    (rf"\b(?:cheaper|for less|half the price|half price|half as much) (?:on |at |from |in |via )?(?:{_SELLERS_EN}|{_ELSEWHERE_EN})\b",
     -0.6, {"price": -0.6}),
    (rf"\b(?:{_ELSEWHERE_EN})\b(?:(?!\bthan\b)[^.,!?;]){{0,25}}?\b(?:{_LESS_EN})\b", -0.6, {"price": -0.6}),
    # A rival the writer means to leave for that charges less: its clause runs on past a comma ("considering
    # moving to Todoist, cheaper and syncs faster", "switching to Notion, it does everything you do for less").
    (rf"(?:{SWITCH_EN})(?:(?!\bthan\b)[^.!?;]){{0,40}}?\b(?:{_LESS_EN})\b", -0.6, {"price": -0.6}),
    (rf"(?:{SWITCH_ZH})[^。!！?？;；]{{0,12}}?(?<!比)(?<!没)(?<!不)(?:便宜|更便宜|省钱|半价)", -0.6, {"price": -0.6}),
    # Whoever charges half of THIS price, this price is the dear one ("Anytime Fitness charges half of this").
    (r"\b(?:charges?|charging|costs?|asks?) (?:only |just |about |less than )?half (?:of )?(?:this|that|these|those|"
     r"what (?:we|i|you) pay|what (?:they|you) charge|the price here)\b", -0.6, {"price": -0.6}),
    (rf"\b(?:costs?|paid|pay|charged?|priced) (?:\w+ ){{0,2}}?more than (?:(?:i|we|you) (?:would|could|'d) (?:have )?(?:paid |spent )?)?"
     rf"(?:on |at |in |from )?(?:{_SELLERS_EN}|{_ELSEWHERE_EN})\b",
     -0.6, {"price": -0.6}),
    (r"(?:only|just) \$\s?\d+(?:\.\d+)?(?!\d)", 0.3, {"price": 0.5}),
    (r"(?:才|只要|仅需|仅要|只需)\s?(?:\d+(?:\.\d+)?|[一二两三四五六七八九十百几]+)\s?(?:元|块|rmb|毛)", 0.3, {"price": 0.5}),
    (r"\b(?:can|could)(?:'t|n't|not| not) (?:really |even )?afford", -0.6, {"price": -0.6}),
    # Paying an amount to wait ("paying $300 a year to watch a spinner", "pay 30 bucks to stare at a loading screen").
    (r"\b(?:pay|paid|paying|pays|spend|spent|spending) (?:\$\s?\d[\d,.]*|\d[\d,.]*\s?(?:dollars|bucks|usd|euros?|pounds))"
     r"(?: (?:a|per|each) (?:year|month|week|seat))?\s+(?:just |only )?to (?:watch|stare at|look at|wait)\b", -0.6, {"price": -0.6}),
    # "会员价才39.9": a bare amount with cents is a price even with no unit (才3天 is a duration).
    (r"(?:才|只要|仅需|仅要|只需)\s?\d+\.\d{1,2}(?![\d天个次年月周小分秒])", 0.3, {"price": 0.5}),
    (r"(?:贵|价格(?:有点|有些|偏|稍微)?高)(?:是贵|了点|了一点|一点|了些)?[，,\s]*(?:但是?|不过|可是)(?:很|真的|确实|还是|绝对|也)?值(?:得|了)?",
     0.4, {"price": -0.3, "quality": 0.6}),
    (r"(?:expensive|pricey|pricy|costly|not cheap|overpriced|over-priced|prices? (?:are|is|were|was) high)\W+"
     r"(?:\w+\W+){0,3}?(?:but|though|however)\W+(?:\w+\W+){0,4}?"
     r"worth (?:it|every penny|the money|the price)",
     0.4, {"price": -0.3, "quality": 0.6}),
    # Implicit price talk: what was paid, judged by what it bought or by what it takes.
    # The price named as the one complaint ("Only complaint is the pricing", 最大障碍就是价格).
    (rf"\b(?:only|one|main|biggest|major|real|big) (?:{_COMPLAINT_EN})s? (?:\w+ ){{0,4}}?(?:is|was|are|were|would be)\W+"
     r"(?:the |their |that (?:the |it'?s |they'?re )?)?(?:price|prices|pricing|cost|bill)\b", -0.6, {"price": -0.6}),
    (rf"\b(?:the )?(?:price|prices|pricing|cost) (?:is|are|was|were) (?:the|my|our) (?:only|one|main|biggest|real) (?:{_COMPLAINT_EN})",
     -0.6, {"price": -0.6}),
    (rf"(?:唯一|最大|主要)的?(?:{_COMPLAINT_ZH})(?:就|还|只|也)?是(?:价格|价钱|太?贵|有点贵)|(?:价格|价钱)(?:就|还|也)?是(?:唯一|最大|主要)的?(?:{_COMPLAINT_ZH})",
     -0.6, {"price": -0.6}),
    # Paying a lot ("pay a lot for mediocre food", "spent so much money", "shell out top dollar"); not a lot of time.
    (r"\b(?:pay|paid|paying|pays|spend|spent|spending|spends|shell out|shelled out|fork out|forked out) "
     r"(?:(?:such |quite )?a lot(?! of (?!money|cash))|top dollar|big bucks|(?:so|too|that|way too|far too) much(?: money| cash)?)\b",
     -0.5, {"price": -0.6}),
    (r"\b(?:spend|spent|spending|waste|wasted|wasting|justify|afford) (?:\w+ )?(?:so|that|this|too) much (?:money|cash)\b",
     -0.5, {"price": -0.6}),
    # A price the food did not warrant: "not nearly enough to warrant that price", "can't justify the cost".
    (r"\b(?:not|n't|no way|hardly|never|cannot)\b(?:(?!\bbut\b)[^.!?;]){0,30}?\b(?:warrant|warrants|justify|justifies)\b "
     r"(?:the |that |this |such (?:a )?|those |these |its |their )?(?:high |steep |hefty )?(?:price|prices|cost|money|bill|amount)",
     -0.7, {"price": -0.7}),
    # Other places asking less ("much better places with better prices"); twice as much elsewhere praises this price.
    (r"\b(?:places?|restaurants?|spots?|shops?|stores?|options?|alternatives?)\b[^.!?;]{0,30}?"
     r"\b(?:with|have|has|offer|offers|offering|at) (?:much |far |way )?(?:better|lower|cheaper) prices\b", -0.6, {"price": -0.6}),
    (r"\b(?:pay|paying|spend|spending|costs?|charges?) (?:at least |easily |about |nearly |almost |probably )?"
     r"(?:double|twice|triple|two times|three times)(?: as much| that| the price| the amount)? "
     r"(?:at|in|anywhere|elsewhere|for the same|at any other|at most other)\b", 0.5, {"price": 0.6}),
    # Wishing it cost less, or a condition that says it costs too much ("if it weren't so overpriced").
    (r"\b(?:wish|if only)\b[^.!?;]{0,30}?\b(?:cheaper|more affordable|less expensive|less pricey|lower prices|"
     r"(?:prices?|it) (?:were|was) (?:lower|less))\b", -0.5, {"price": -0.7}),
    (r"\bif (?:only )?(?:it|they|the \w+|prices?|this place) (?:were|was)(?:n't| not) (?:so|this|that|as|quite so) "
     r"(?:overpriced|over-priced|expensive|pricey|costly|steep|high)\b", -0.5, {"price": -0.8}),
    # Everything good but the price (除了价格高其他都不错, "everything was great except the prices"): the
    # praise that follows stays the rest's.
    (r"除了[^，。,!?！？]{0,12}?(?:价格|价钱)(?:高|贵|偏高)?(?:点|一点|了点|了些)?"
     r"(?=[，,\s]?(?:其他|其余|别的)?(?:都|也都|还都)(?:很|挺|非常|比较|还)?(?:满意|不错|好|可以|ok))", -0.5, {"price": -0.5}),
    (r"\b(?:except(?: for)?|apart from|aside from|other than) (?:the |their |its )?(?:price|prices|pricing|cost|bill)\b",
     -0.5, {"price": -0.5}),
    # Asking for a lower price (给我们更便宜的价格, 这个价格还能低): this one is too high. Saving money by staying away.
    (r"(?:给|有)(?:我们|国人|消费者|大家|个)?更(?:低|便宜|实惠|优惠)的(?:价格|价钱)|(?:价格|价钱)还(?:能|可以)再?(?:低|便宜|降)",
     -0.4, {"price": -0.5}),
    (r"\bif you (?:want|wanna|need|like|are trying|'re trying) to save (?:some |a little |any )?(?:money|cash|a buck)\b"
     r"[^.!?;]{0,15}?\b(?:don't|do not|avoid|stay away|skip|look elsewhere)", -0.5, {"price": -0.7}),
    (r"(?:价格|价钱|价位)(?:还|也|很|挺|真)?ok(?![a-z])", 0.4, {"price": 0.5}),
    (r"(?:性价比|cp值)[^，。,!?！？]{0,4}?(?:一点儿?[都也]没有|全无|为零)", -0.6, {"price": -0.6}),
    (r"(?:看|取决于)(?:个人|各人|自己)?的?(?:接受能力|经济能力|消费能力|经济实力|钱包)", -0.4, {"price": -0.4}),
    # Charged for something (mostly what should have been free or was bad): "they charged us for stale bread".
    (r"\bcharged? (?:us|me|you|them) (?:extra )?for\b", -0.3, {"price": -0.3}),
    # "an absolute steal", "such a steal" (not "to steal"); prices kept down praise them.
    (r"\b(?:an?|such an?|what an?)(?: \w+)? steal\b", 0.7, {"price": 0.7}),
    (r"\bkeeps? (?:the |their |its )?(?:prices?|costs?) (?:down|low)\b", 0.5, {"price": 0.6}),
    # Dealers who will not move on price (价格不好谈, 没一点商量余地, 价格不降就换CRV), a dealer who overcharged (被4S店黑了).
    (r"(?:价格|价钱|优惠)[^，。,.!?！？]{0,6}?(?:不好谈|很难谈|谈不下来|谈不动|砍不下来|压不下来|不松口)|"
     r"没(?:有)?(?:一点儿?|任何|什么)?(?:商量|议价|砍价|讲价)的?余地", -0.5, {"price": -0.5}),
    (r"(?:价格|价钱)不(?:减|降|落)(?:下来)?(?:的话)?[^。!?！？]{0,4}?(?:就|都|我|还是|只能)?(?:想)?(?:换|转|放弃|不买|不上)",
     -0.5, {"price": -0.5}),
    (r"(?:落地|裸车|报价|价格|价钱)[^!?！？]{0,40}?(?:准备|只能|只好|决定)放弃", -0.5, {"price": -0.5}),
    (r"被[^，。,.!?！？]{0,6}?黑了", -0.6, {"price": -0.6}),
    # A small discount (优惠太小了): 小了 alone would read as a size that runs small.
    (r"优惠(?:力度|幅度)?(?:太|很|真|好|也|比较|实在|有点|有些)?小(?![一二两三四五六七八九十几\d])", -0.5, {"price": -0.5}),
    (r"优惠(?:力度|幅度)?(?:也|还)?不小", 0.5, {"price": 0.5}),
    # More expected for the money (这个价格应该更好, 对不起这个价格), money thrown away (钱打水漂, 白花钱), a price
    # nothing beats (这个价格没得挑). The English forms ("not what you'd expect for $500", "$170 down the
    # toilet", "cannot be beaten") are left to the price model: it reads them out of fold already, and as
    # lexicon rules they cost its five-fold figures four sentences (0.800 -> 0.789).
    (r"(?:这个|这种|这样的|这|那个|那)(?:价格|价钱|价位|钱)[^，。,.!！?？;；]{0,6}?(?:应该|理应|本该|怎么也得|至少)(?:要)?(?:更好|好一点|好点|再好)|"
     r"对不起(?:这个|这|那个)?(?:价格|价钱|价位|钱)", -0.5, {"price": -0.5}),
    (r"钱[^，。,.!！?？;；]{0,4}?打(?:了)?水漂|白花(?:了)?(?:这|那)?(?:些|么多|冤枉)?钱", -0.7, {"price": -0.7}),
    (r"(?:这个|这|这种|这样的)(?:价格|价钱|价位)[^，。,.!！?？;；]{0,4}?(?:没得挑|没得说|没话说|无敌|还要什么自行车|还要啥自行车)",
     0.6, {"price": 0.7}),
]

# --- Irony and broken promises (rhetoric.py) ----------------------------------------------------
# A whole clause of praise in a sarcastic frame: "Oh great,", "Just fantastic.", "Yeah, perfect".
SARCASTIC_FRAME = (
    r"(?:oh|ah|wow|yeah|just|oh just|how|well)\s*,?\s*(?:just\s+)?(?:great|wonderful|fantastic|perfect|lovely|"
    r"brilliant|awesome|terrific|marvelous|marvellous|splendid|super|peachy|amazing|nice)(?:\s+(?:job|work))?"
)
# A bare verdict closing a text that complains ("Wow, paying $300 a year to watch a spinner. Amazing value."):
# sarcastic when the text opens with an interjection (wow, oh, gee); "Just what I needed" after a complaint
# always is. A plain "Great value." after a complaint about shipping stays sincere.
SARCASTIC_CLOSER = (
    r"(?:(?:just|really|truly|such|what)\s+)?(?:an?\s+)?(?:amazing|great|fantastic|brilliant|excellent|awesome|wonderful|"
    r"superb|incredible|terrific|stellar|top-notch)\s+(?:value|job|work|stuff|service|update|experience)|"
    r"(?:the\s+)?best\s+\w+(?:\s+\w+)?\s+ever"  # "… another 5-hour delay. Best airline ever."
)
SARCASTIC_ALWAYS = r"(?:just|exactly) what (?:i|we) (?:needed|wanted)|thanks for nothing|money well spent"
INTERJECTION_OPENING = r"^\W*(?:wow|oh|ah|gee|yeah|well|great)\b"
# "Just love …" / "Love how …" opening a clause that then names a complaint ("Just love paying more for the same
# crowded class", "Love how small the portions are"): the love is a sneer. Only the frame's own words flip.
SARCASTIC_LOVE = (
    r"(?:oh,?\s+)?(?:i\s+)?(?:just\s+|simply\s+|really\s+|sure\s+|(?:you\s+)?gotta\s+|(?:you\s+)?got to\s+|"
    r"(?:don't|do not)\s+you\s+just\s+)?(?:love|adore)s?(?=\s+(?:how|when|it when|that|the way|paying|being|having|"
    r"getting|waiting)\b)"
)
# A sneer after praise (真是良心价啊呵呵, 性价比真高，笑死): the praise is a jeer. Only particles and
# punctuation may come between.
SNEER_ZH = r"[啊呀哦噢啦吧了的呢哈得很真是～~!！。，,\s…]{0,6}(?:呵呵|笑死(?!我)|服了)"
# A Chinese aspect named alone, then a bare exclamation ("这质量，绝了", "这服务，真行", "这速度，可以的"):
# after a complaint elsewhere in the text, and not as the turn of a contrast, it is a sneer. The
# aspect words are the Chinese ones of ASPECT_TERMS (rhetoric.py fills them in).
SARCASTIC_FRAME_ZH = (
    r"这(?:个|家|种|次)?(?:{aspects})[，,!！…~～\s]+(?:真是|简直|也是|可真|真|太)?"
    r"(?:绝了|可以的|可以啊|厉害了|牛|好样的|真行|行啊|服了|有你的|棒了)"
)
# A measured fact (两天, 一个小时, 贵了一倍, "after two days", "three weeks") or its hyperbole (贵出天际, 抢钱, "rip-off"): a
# complaint that states one right after praise of the same thing gives the praise the lie
# ("质量真好，用了两天就坏了", "Great quality, broke after two days").
MEASURED = (
    r"(?<!第)(?:\d+|[一两二三四五六七八九十几半百千万]+)\s*(?:个|多|来)?\s*(?:小时|钟头|分钟|天|日|周|星期|礼拜|月|年|倍|块|元|次|回)|"
    r"出天际|上天了?|抢钱|宰人|宰客|割韭菜|智商税|坑钱|坑人|被坑|被宰|\brip-?off\b|\bripped off\b|\brobbery\b|"
    r"\b(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|a few|few|several|a couple of|couple of)"
    r"\s+(?:full |whole )?(?:minutes?|hours?|days?|weeks?|months?|years?|times)\b|\b(?:twice|double)\b"
)
# English complaints that, negated, are understatement ("not bad", "I don't hate it"): a bag-of-words
# model reads the complaint. Other negated complaints are often no litotes ("don't waste your money").
LITOTES_EN = {"bad", "hate", "terrible", "awful", "horrible", "disappointed", "disappointing", "shabby", "too shabby", "worst"}
# A clause that states a promise or a claim (说好的次日达, "supposed to arrive next day") ...
PROMISE = (
    r"^(?:说好的|说好了|不是说|号称|宣称|宣传(?:的|说)|承诺(?:的)?|明明说|明明写着?|页面上?写着?|标着|写着)|"
    r"\b(?:supposed to|was promised|were promised|promised|advertised as|claims? to|claimed to|said it would)\b"
)
# ... and a later clause that tells what happened instead (结果…, "instead").
OUTCOME = r"^(?:结果|却|居然|竟然|实际上?|其实)|结果|\binstead\b|\bactually\b|\bin reality\b"

# Opinion words about the conversation, not about any aspect: "价格 私信我 谢谢" thanks nobody for the price.
DETACHED = {"谢谢", "感谢", "哈哈", "哈哈哈", "嘿嘿", "加油", "thanks", "thank you"}

# --- General opinion words (no aspect of their own; they describe an aspect named nearby) ------
GENERAL = {
    # Chinese positive
    "好": 0.5, "不错": 0.6, "满意": 0.7, "喜欢": 0.6, "推荐": 0.6, "赞": 0.7, "棒": 0.7, "完美": 0.9,
    "优秀": 0.7, "给力": 0.7, "靠谱": 0.6, "惊喜": 0.6, "开心": 0.6, "满分": 0.8, "五星": 0.6, "好评": 0.7,
    "点赞": 0.6, "还行": 0.2, "还可以": 0.3, "挺好": 0.6, "愉快": 0.6, "超赞": 0.9, "牛": 0.5, "厉害": 0.5,
    "感谢": 0.4, "谢谢": 0.3, "惊艳": 0.7, "神器": 0.6, "宝藏": 0.6, "必买": 0.6, "种草": 0.4,
    "yyds": 0.9, "绝绝子": 0.8, "真香": 0.7, "爱了": 0.7, "安逸": 0.5, "巴适": 0.6, "爱不释手": 0.8,
    "放心": 0.5, "信赖": 0.6, "信得过": 0.6, "良心": 0.6,
    "精彩": 0.7, "受益匪浅": 0.8, "有意思": 0.6, "有趣": 0.6, "经典": 0.6, "好书": 0.7,
    "值得一读": 0.7, "值得推荐": 0.7, "强烈推荐": 0.9, "回购": 0.5, "无可挑剔": 0.9, "再好不过": 0.8,
    "超出预期": 0.8, "好评如潮": 0.8, "合适": 0.5, "优质": 0.7, "正好": 0.3,
    "顶呱呱": 0.8, "杠杠的": 0.7, "一级棒": 0.8, "没毛病": 0.5, "没得说": 0.7, "挑不出毛病": 0.8,
    "香香的": 0.5, "丰富": 0.5, "周全": 0.5, "齐全": 0.5, "complaints": -0.4, "好闻": 0.6, "清香": 0.5, "满足": 0.5, "幸福": 0.6, "高兴": 0.6, "快乐": 0.6,
    # Chinese negative
    "差": -0.7, "失望": -0.7, "垃圾": -0.9, "后悔": -0.7, "坑": -0.6, "坑爹": -0.8, "骗": -0.7,
    "骗子": -0.9, "糟糕": -0.8, "烂": -0.7, "差劲": -0.8, "恶心": -0.8, "生气": -0.6, "郁闷": -0.5,
    "无语": -0.5, "崩溃": -0.6, "难受": -0.5, "不满": -0.6, "投诉": -0.5, "差评": -0.8, "上当": -0.8,
    "受骗": -0.8, "忽悠": -0.6, "气死": -0.8, "别买": -0.8, "千万别买": -0.9, "踩雷": -0.7,
    "绝了": 0.7, "到位": 0.6, "很顶": 0.6, "spot on": 0.7, "way off": -0.6, "neat": 0.5,
    "not so much": -0.4, "expected worse": 0.5, "expected much worse": 0.6,
    "expected better": -0.5, "expected more": -0.4, "expect better": -0.4, "expect more": -0.4, "should get more": -0.4,
    "would have rather": -0.4,
    "dealbreaker": -0.7, "deal breaker": -0.7, "deal-breaker": -0.7,
    "翻车": -0.6, "拔草": -0.4, "辣鸡": -0.8, "鸡肋": -0.5, "呵呵": -0.4, "呵呵哒": -0.5, "醉了": -0.5, "服了": -0.4,
    "问题": -0.3, "缺点": -0.3, "不足": -0.3, "遗憾": -0.4, "可惜": -0.4, "浪费": -0.6, "白买": -0.7,
    "糟心": -0.6, "心累": -0.5, "闹心": -0.5, "不行": -0.6, "不怎么样": -0.5, "不咋地": -0.5,
    "不咋样": -0.5, "一星": -0.6, "慎买": -0.6, "慎入": -0.5, "避雷": -0.6, "劝退": -0.6, "退货": -0.5,
    "退款": -0.4, "旧": -0.3, "破旧": -0.5, "陈旧": -0.4, "一般": -0.2, "一般般": -0.3,
    "凑合": -0.1, "无聊": -0.6, "枯燥": -0.5, "乏味": -0.5, "不如意": -0.5,
    "太差": -0.9, "极差": -0.9, "差差": -0.9, "不靠谱": -0.7, "不推荐": -0.6, "不满意": -0.7,
    "不喜欢": -0.6, "不咋滴": -0.5, "不过如此": -0.4, "欺骗": -0.8, "虚假": -0.7, "欺诈": -0.9,
    "敷衍了事": -0.7, "难以忍受": -0.8, "受不了": -0.6, "气人": -0.7, "坑人": -0.8, "恼火": -0.6,
    "很专业": 0.6, "非常专业": 0.7, "超级专业": 0.7, "挺专业": 0.5, "不专业": -0.6, "不够专业": -0.5,
    # How someone works (老师批改作业很认真, 反馈很详细, 老师也很负责): about whoever the clause names.
    "认真": 0.5, "详细": 0.4, "很负责": 0.6, "认真负责": 0.7, "负责任": 0.6, "不负责": -0.6, "不负责任": -0.7,
    "烦死了": -0.7, "烦死": -0.7, "好烦": -0.6, "很烦": -0.6, "太烦了": -0.7, "烦人": -0.6,
    "伤心": -0.5, "难过": -0.5, "担心": -0.3, "害怕": -0.3, "麻烦死了": -0.7, "真差": -0.8,
    # English positive
    "good": 0.6, "great": 0.8, "excellent": 0.9, "amazing": 0.9, "awesome": 0.9, "fantastic": 0.9,
    "wonderful": 0.9, "love": 0.7, "loved": 0.7, "loves": 0.7, "loving": 0.6, "nice": 0.6,
    "perfect": 0.9, "perfectly": 0.6, "happy": 0.6, "satisfied": 0.7, "recommend": 0.6,
    "recommended": 0.6, "best": 0.8, "better": 0.4, "impressive": 0.7, "impressed": 0.7,
    "decent": 0.4, "fine": 0.3, "ok": 0.1, "okay": 0.1, "superb": 0.9, "outstanding": 0.9,
    "pleasant": 0.6, "enjoy": 0.6, "enjoyed": 0.6, "enjoyable": 0.6, "favorite": 0.6,
    "favourite": 0.6, "lovely": 0.7, "incredible": 0.8, "brilliant": 0.8, "fabulous": 0.8,
    "terrific": 0.8, "top notch": 0.8, "top-notch": 0.8, "fun": 0.5, "glad": 0.5, "thanks": 0.3,
    "thank you": 0.3, "five stars": 0.8, "5 stars": 0.8, "goated": 0.7, "slaps": 0.6, "bussin": 0.7,
    "10/10": 0.8, "exceptional": 0.9, "delighted": 0.8, "pleased": 0.6, "wow": 0.4,
    "爱": 0.5, "超爱": 0.8, "热爱": 0.6, "最爱": 0.8, "蓝瘦": -0.5, "蓝瘦香菇": -0.6, "吐血": -0.6, "坑货": -0.8, "渣渣": -0.7, "完爆": 0.6, "秒杀": 0.4,
    "稳了": 0.5, "种草了": 0.5, "好评好评": 0.8, "气死我了": -0.8, "气死人": -0.8, "值得一看": 0.7, "令人满意": 0.7, "浪费时间": -0.6, "生动有趣": 0.7,
    "失望透顶": -0.9, "糟糕透顶": -0.9, "值得称赞": 0.7, "可以信赖": 0.6, "名不符实": -0.6, "感觉良好": 0.6,
    "精美绝伦": 0.8, "完美无缺": 0.9, "极力推荐": 0.9, "不值一看": -0.7, "感动不已": 0.7, "骗人": -0.8, "最差": -0.9, "无良": -0.8, "要命": -0.5, "恶劣": -0.8, "慎重": -0.3, "要死": -0.5,
    "失败": -0.6, "抵制": -0.7, "怀疑": -0.4, "不符": -0.5, "气愤": -0.7, "误导": -0.6, "倒霉": -0.5,
    "折腾": -0.5, "诚信": 0.4, "怎么回事": -0.4, "不爽": -0.6, "懒得": -0.3, "没法": -0.4, "可怜": -0.4,
    "美中不足": -0.2, "刚好": 0.4, "温馨": 0.6, "细致": 0.6, "美好": 0.5, "出色": 0.7, "适中": 0.5,
    "足够": 0.4, "够用": 0.4, "整洁": 0.6, "温暖": 0.4, "简洁": 0.4, "迫不及待": 0.5, "首选": 0.6,
    "感动": 0.6, "一如既往": 0.5, "清新": 0.5, "棒棒": 0.7, "良好": 0.6, "气派": 0.5, "表扬": 0.6,
    "加油": 0.3, "哈哈": 0.3, "哈哈哈": 0.3, "嘿嘿": 0.2, "严重": -0.5, "成功": 0.4, "用心": 0.6, "走心": 0.5, "小礼物": 0.3, "赠品": 0.2, "dropping": -0.4,
    "disconnects": -0.5, "keeps crashing": -0.8, "delightful": 0.8, "impeccable": 0.9, "interesting": 0.4, "perfection": 0.9, "enjoying": 0.6,
    "relaxing": 0.5, "relaxed": 0.5, "delight": 0.7, "to die for": 0.9, "cool": 0.4, "thank": 0.3,
    "pleasantly": 0.5, "extensive": 0.4, "charming": 0.6,
    "romantic": 0.5, "gracious": 0.7, "go-to": 0.6, "will be back": 0.7, "come back": 0.4,
    "coming back": 0.4, "must try": 0.7, "must-try": 0.7, "look no further": 0.8, "check it out": 0.5,
    "can't wait": 0.6, "not go wrong": 0.7, "worth a visit": 0.7, "worth the wait": 0.7,
    "blows away": 0.7, "generous": 0.6, "spacious": 0.5, "inviting": 0.5, "wonderfully": 0.7,
    "beautifully": 0.7, "nicely": 0.5, "well done": 0.6, "authentic": 0.5, "reccommend": 0.6,
    "recomend": 0.6, "apology": 0.3, "apologies": 0.3, "apologized": 0.4, "forgot": -0.5,
    "limited": -0.3, "mess": -0.5, "messed up": -0.7, "screwed up": -0.7, "rushed": -0.4,
    "snobby": -0.6, "look elsewhere": -0.7, "strange": -0.3, "drawback": -0.4, "took forever": -0.6,
    "attitude": -0.3, "unfortunately": -0.4, "sadly": -0.4, "average": -0.2, "wrong order": -0.5,
    "ignored": -0.5, "understaffed": -0.5, "pushy": -0.5, "sick": -0.6,
    "food poisoning": -0.9, "complain": -0.4, "complained": -0.4, "incompetent": -0.7,
    "careless": -0.5, "wasted": -0.6, "lame": -0.5, "boring": -0.5, "dull": -0.4, "stingy": -0.5,
    "skimpy": -0.5, "disappoint": -0.7, "disappoints": -0.7, "never disappoints": 0.8,
    "flawless": 0.9, "stellar": 0.9, "splendid": 0.8, "marvelous": 0.8, "marvellous": 0.8, "sublime": 0.9,
    "exquisite": 0.9, "stunning": 0.8, "magnificent": 0.8, "remarkable": 0.7, "spectacular": 0.8,
    "satisfying": 0.6, "pleasing": 0.5, "refreshing": 0.5, "happy with": 0.7,
    "pleased with": 0.7, "in love with": 0.8, "highly recommended": 0.9, "recommend it": 0.7,
    "thumbs up": 0.7, "a must": 0.6, "value it": 0.3, "no complaints": 0.6, "no issues": 0.5,
    "no problems": 0.5, "as described": 0.4, "as expected": 0.3, "exceeded my expectations": 0.8,
    "exceeded expectations": 0.8, "beyond expectations": 0.8, "life saver": 0.7, "lifesaver": 0.7,
    "just right": 0.6, "rocks": 0.6, "friendliest": 0.8, "attractive": 0.6, "will go back": 0.6,
    "would go back": 0.5, "be back": 0.5, "a fan of": 0.5, "big fan": 0.7, "consistent": 0.4,
    "inconsistent": -0.5, "neglected": -0.6, "up to par": 0.5, "rave": 0.6, "raves": 0.6, "raving": 0.6,
    "forgettable": -0.5, "lackluster": -0.6, "filthy": -0.8, "addictive": 0.6, "creative": 0.5,
    "inventive": 0.5, "hospitable": 0.6, "efficient": 0.5, "inefficient": -0.5, "sloppy": -0.6,
    "impatient": -0.5, "condescending": -0.7, "unsatisfied": -0.6, "dissatisfied": -0.7, "thrilled": 0.8,
    "unimpressed": -0.6, "blown away": 0.8, "first rate": 0.8, "first-rate": 0.8, "second to none": 0.9,
    "out of this world": 0.9, "on point": 0.7, "nailed it": 0.7, "hit the spot": 0.7, "yum": 0.6,
    "delish": 0.8, "legit": 0.5, "does the job": 0.4, "gets the job done": 0.5, "nothing to write home about": -0.4, "pass on the": -0.4,
    "worthless": -0.9, "junk": -0.8, "rubbish": -0.8, "pointless": -0.6, "horrid": -0.9, "abysmal": -0.9,
    "appalling": -0.9, "awkward": -0.4, "inconvenient": -0.5, "unreliable": -0.7, "misleading": -0.6,
    "not as described": -0.7, "fake reviews": -0.7, "cheated": -0.8, "scammed": -0.9, "regret buying": -0.8,
    "returned it": -0.5, "sent it back": -0.5, "stay away": -0.8, "do not buy": -0.9, "don't buy": -0.9,
    "not recommended": -0.7, "fell short": -0.6, "falls short": -0.6, "let down": -0.6, "letdown": -0.6,
    "hassle": -0.5, "nightmare": -0.8, "headache": -0.5, "unbearable": -0.8, "painful": -0.5,
    "mediocre at best": -0.6, "underwhelmed": -0.5, "disgusted": -0.8,
    "furious": -0.8, "outraged": -0.8, "livid": -0.8, "pissed": -0.7, "fed up": -0.7, "sucky": -0.7,
    "phenomenal": 0.9, "unbeatable": 0.8, "not beat": 0.7, "not be beaten": 0.7, "not be beat": 0.7,
    "优势": 0.5, "劣势": -0.5, "尴尬": -0.4, "down the toilet": -0.6, "amazin": 0.9, "awsome": 0.9, "excelent": 0.9, "gud": 0.5, "delicous": 0.9, "terible": -0.9,
    "horible": -0.9, "worked": 0.3, "works": 0.3, "well": 0.3, "like": 0.3, "liked": 0.5, "really like": 0.6,
    "must have": 0.6, "must-have": 0.6, "game changer": 0.7, "love it": 0.8, "fire": 0.3,
    "gem": 0.6, "hidden gem": 0.8, "heavenly": 0.8, "divine": 0.8,
    "buy again": 0.6, "buy it again": 0.6, "order again": 0.6, "would buy again": 0.7, "will buy again": 0.7,
    "justifies": 0.4, "对得起": 0.5, "weird": -0.4, "itchy": -0.5, "allergic reaction": -0.7,
    # English negative
    "bad": -0.7, "terrible": -0.9, "awful": -0.9, "horrible": -0.9, "poor": -0.6, "poorly": -0.6,
    "worst": -0.9, "worse": -0.5, "hate": -0.8, "hated": -0.8, "disappointing": -0.7,
    "disappointed": -0.7, "disappointment": -0.7, "mediocre": -0.5, "meh": -0.4, "trash": -0.8,
    "garbage": -0.8, "useless": -0.8, "waste": -0.7, "annoying": -0.6, "annoyed": -0.6,
    "frustrating": -0.6, "frustrated": -0.6, "angry": -0.6, "upset": -0.5, "sucks": -0.8,
    "suck": -0.8, "sucked": -0.8, "crap": -0.8, "regret": -0.7, "avoid": -0.6, "problem": -0.3,
    "problems": -0.3, "issue": -0.3, "issues": -0.3, "unacceptable": -0.8, "pathetic": -0.8, "outrageous": -0.7,
    "acceptable": 0.3, "能接受": 0.3, "可以接受": 0.3, "接受不了": -0.5, "无法接受": -0.6, "不能接受": -0.6,
    "lousy": -0.7, "subpar": -0.6, "sub-par": -0.6, "overrated": -0.5, "underwhelming": -0.5,
    "scam": -0.9, "complaint": -0.4, "refund": -0.4, "disgusting": -0.9, "gross": -0.7,
    "nasty": -0.7, "never again": -0.8, "unhappy": -0.7, "inferior": -0.6, "so-so": -0.2,
    "so so": -0.2, "nothing special": -0.4, "not impressed": -0.6, "horrendous": -0.9,
    "dreadful": -0.8, "atrocious": -0.9, "ridiculous": -0.6, "joke": -0.5,
    "wrong": -0.4, "mistake": -0.5, "fail": -0.6, "failed": -0.6, "sad": -0.5, "worried": -0.3,
    "scared": -0.3, "disaster": -0.8, "a joke": -0.6, "insulting": -0.7, "unprofessional": -0.7,
    "slow": -0.4,
    "cold": -0.2, "lukewarm": -0.4, "overhyped": -0.5,
}

# --- Words whose polarity depends on the aspect they describe ("价格高" vs "质量高") ---------------
# word -> {context: polarity}; the context is the aspect named nearby (see ASPECT_TERMS).
# "default" applies when the clause names no aspect at all ("抓地力很强" has none of ours).
CONTEXTUAL = {
    "高": {"price": -0.6, "value": 0.7, "quality": 0.6, "appearance": 0.6, "service": 0.5, "teacher": 0.5, "discount": 0.6},
    "低": {"price": 0.5, "value": -0.7, "quality": -0.6, "appearance": -0.5, "service": -0.5, "teacher": -0.5, "discount": -0.5},
    "快": {"delivery": 0.6, "service": 0.5, "usability": 0.5, "charge": 0.6, "default": 0.3},
    "慢": {"delivery": -0.6, "service": -0.5, "usability": -0.5, "charge": -0.5, "battery": 0.3, "environment": -0.5,
          "queue": -0.5, "default": -0.4},
    "冷": {"environment": -0.4, "taste": -0.4, "service": -0.5},
    # 价格涨得太快，吃不消: a price one cannot keep paying; said of a workload (训练量吃不消) it is no price.
    "吃不消": {"price": -0.6, "default": -0.4},
    "热": {"environment": -0.4},
    "断": {"environment": -0.5},  # WiFi 经常断: the connection drops
    "硬": {"price": -0.5, "quality": 0.4, "environment": -0.4},
    "很快": {"delivery": 0.7, "service": 0.6, "usability": 0.6, "charge": 0.7},
    "迅速": {"delivery": 0.7, "service": 0.6, "usability": 0.5, "charge": 0.6},
    "长": {"battery": 0.6, "delivery": -0.4, "queue": -0.5},
    "久": {"battery": 0.6, "delivery": -0.4, "queue": -0.5},
    "短": {"battery": -0.6},
    "大": {"size_fit": -0.3, "portion": 0.4, "discount": 0.6},
    "小": {"size_fit": -0.3, "portion": -0.5, "discount": -0.5},
    "少": {"portion": -0.5, "delivery": 0.0, "discount": -0.6},
    "多": {"portion": 0.4, "discount": 0.6},
    "重": {"quality": -0.3, "skill": -0.5, "default": -0.3},
    "赶": {"itinerary": -0.6},  # 行程很赶
    "轻": {"quality": 0.3, "default": 0.3},
    "稳": {"quality": 0.4, "usability": 0.4, "default": 0.4},
    "滑": {"default": -0.3},
    "强": {"battery": 0.6, "quality": 0.5, "usability": 0.4, "default": 0.4},
    "弱": {"battery": -0.6, "quality": -0.5, "default": -0.4},
    "足": {"battery": 0.5, "taste": 0.4, "portion": 0.5},
    "合理": {"price": 0.6, "value": 0.5, "default": 0.4},
    "偏高": {"price": -0.6, "quality": 0.3},
    "偏低": {"price": 0.4, "quality": -0.4, "value": -0.5},
    "坚挺": {"price": -0.5},
    "准": {"size_fit": 0.6, "default": 0.0},
    # Moving in a book or a film; said of a price it is irony: "shockingly dear".
    "感人": {"price": -0.6, "default": 0.6},
    "惊人": {"price": -0.7, "value": 0.7, "discount": 0.6, "default": 0.3},
    # "价格可以的", "优惠可以了": acceptable. Bare 可以 is mostly the modal verb "can".
    "可以的": {"price": 0.4, "value": 0.4, "discount": 0.4, "portion": 0.4, "default": 0.3},
    "可以了": {"price": 0.4, "value": 0.4, "discount": 0.4, "default": 0.2},
    "实在": {"price": 0.5, "value": 0.5},
    "一流": {"quality": 0.8, "service": 0.8, "taste": 0.8},
    "high": {"price": -0.6, "value": 0.7, "quality": 0.6},
    "higher": {"price": -0.6, "quality": 0.5},
    "low": {"price": 0.5, "value": -0.7, "quality": -0.6},
    "lower": {"price": 0.5, "quality": -0.5},
    "fast": {"delivery": 0.6, "service": 0.5, "usability": 0.5, "charge": 0.6, "battery": -0.5},
    "quick": {"delivery": 0.6, "service": 0.5, "usability": 0.5, "charge": 0.6},
    "quickly": {"delivery": 0.6, "service": 0.5, "usability": 0.5, "charge": 0.6, "battery": -0.5},
    "long": {"battery": 0.6, "delivery": -0.4, "service": -0.4, "queue": -0.5},
    "generous": {"portion": 0.7, "discount": 0.6, "default": 0.5},
    "short": {"battery": -0.6},
    "big": {"size_fit": -0.3, "portion": 0.4, "price": -0.5},  # a big bill
    "large": {"size_fit": -0.3, "portion": 0.4, "price": -0.5},
    "huge": {"portion": 0.6, "price": -0.6, "default": 0.2},
    "small": {"size_fit": -0.3, "portion": -0.5},
    "tiny": {"portion": -0.6, "default": -0.3},
    "reasonable": {"price": 0.6, "value": 0.5},
    "steep": {"price": -0.7},
    "through the roof": {"price": -0.8},
    "fair": {"price": 0.5, "value": 0.4},
}

# --- Aspect words: naming the aspect without judging it --------------------------------------
# term -> (aspect id, context key for CONTEXTUAL). The taxonomy's aspect synonyms are added too.
ASPECT_TERMS = {
    **{t: ("price", "price") for t in [
        "价格", "价钱", "价位", "售价", "定价", "报价", "单价", "原价", "落地价", "裸车价", "折扣",
        "花费", "费用", "人均消费", "消费水平", "收费", "房价", "价", "打折", "特价", "折扣价", "团购价", "会员价", "price", "prices", "pricing", "cost", "costs", "priced",
        "bill", "check", "tab", "prix fixe", "price tag", "price point", "menu prices", "fee", "fees",
        "membership fee", "subscription fee", "delivery fee", "会员费", "服务费", "人均",
        # to charge an amount (not a battery): "charges half of this", "they charge $6", "charged twice" (the
        # price model reads "charged us for stale bread" itself)
        *(f"{verb} {what}" for verb in ("charge", "charges", "charged", "charging")
          for what in ("half", "double", "twice", "more", "less", "extra", "a fee", "a lot", "too much", "$", "¥", "€", "£"))]},
    **{t: ("price", "value") for t in ["性价比", "cp值", "value", "values", "value for money"]},
    # A discount is good when big: 优惠挺高 / 优惠力度大 praise the price, 优惠少 does not.
    **{t: ("price", "discount") for t in ["优惠", "优惠力度", "discount", "discounts"]},
    # Frames: "good for the price" judges the price too (see PRICE_FRAME in sentiment.py).
    **{t: ("price", "frame") for t in [
        "for the price", "for its price", "for it's price", "for the money", "for that price", "for this price", "for what you get", "for what you pay",
        "at this price", "at that price", "for the cost", "for your money", "for the buck", "at these prices", "for these prices", "for those prices", "at those prices", "for the prices",
        "for what we spent", "for what we paid", "for what i paid", "for what you spend", "for what they charge",
        "considering the price", "considering the prices", "considering their price", "considering their prices",
        "given the price", "given the prices", "这个价格",
        "这个价位", "这价格", "这价位", "这个价钱", "这价钱", "同价位", "同等价位", "这个价", "这价"]},
    **{t: ("quality", "quality") for t in [
        "质量", "品质", "做工", "质感", "用料", "材质", "面料", "工艺", "品控", "质地", "quality",
        "build quality", "build", "material", "materials", "craftsmanship", "fabric"]},
    **{t: ("delivery", "delivery") for t in [
        "物流", "快递", "发货", "送货", "配送", "到货", "运输", "速度", "送餐", "送得",
        "delivery", "shipping", "shipped", "arrived", "arrival", "shipment", "冷链", "冰袋", "保温箱", "cold chain",
        "ice pack", "ice packs"]},
    # Who brings it: a verdict on their manners is the service's and the delivery's (sentiment._courier).
    **{t: ("delivery", "courier") for t in [
        "快递员", "快递小哥", "外卖小哥", "骑手", "外卖员", "送餐员", "配送员", "courier", "delivery guy", "delivery driver",
        "delivery man", "delivery rider", "rider", "riders", "couriers", "delivery guys", "delivery drivers", "delivery men",
        "delivery riders"]},
    # 服务体验 is how one was served (店员一直推销办卡，服务体验很差), not an app's experience.
    **{t: ("service", "service") for t in ["服务体验", "服务质量", "服务水平"]},
    # A technician's hand (手法太重): the craft of who serves in person.
    **{t: ("teacher", "skill") for t in ["手法", "力道", "手艺"]},
    **{t: ("teacher", "teacher") for t in [
        "导游", "领队", "地陪", "发型师", "美容师", "美甲师", "美睫师", "造型师", "技师", "guide", "guides", "tour guide",
        "tour guides", "tour leader", "technician", "technicians", "beautician", "beauticians", "esthetician",
        "aesthetician", "manicurist", "nail tech", "nail technician", "masseuse", "masseur", "physiotherapist"]},
    # A guide that is a document: its size chart or its manual, not a person.
    **{t: ("size_fit", "size_fit") for t in ["size guide", "size chart", "sizing guide"]},
    **{t: ("usability", "usability") for t in ["user guide", "setup guide", "quick start guide", "quick guide",
                                              "instruction guide", "installation guide"]},
    **{t: ("itinerary", "itinerary") for t in [
        "行程", "行程安排", "日程", "日程安排", "航班", "班机", "火车", "高铁", "动车", "列车", "itinerary", "itineraries",
        "flight", "flights", "train", "trains"]},
    **{t: ("service", "service") for t in [
        "服务", "客服", "售后", "态度", "服务员", "店员", "前台", "导购", "卖家", "商家", "掌柜", "师傅",
        "回复", "上菜", "service", "staff", "waiter", "waitress", "waiters", "server", "servers",
        "support", "customer service", "seller", "host", "hostess", "manager", "bartender"]},
    **{t: ("packaging", "packaging") for t in ["包装", "外包装", "盒子", "包装盒", "packaging", "package", "box", "wrapping"]},
    **{t: ("usability", "usability") for t in [
        "操作", "系统", "反应", "运行", "使用", "体验", "手感", "界面", "软件", "app", "interface", "ui",
        "setup", "performance", "software", "客户端", "小程序", "网站", "网页", "apps", "website",
        # how a software service behaves: syncing, integrating with other tools, getting started
        "sync", "syncing", "syncs", "synced", "同步", "integration", "integrations", "集成", "onboarding", "新手引导"]},
    **{t: ("appearance", "appearance") for t in [
        "外观", "颜值", "样子", "款式", "颜色", "设计", "造型", "外形", "屏幕", "look", "looks", "design",
        "color", "colour", "style", "appearance"]},
    **{t: ("environment", "environment") for t in [
        "环境", "氛围", "装修", "座位", "位子", "隔音", "设施", "decor", "ambience", "ambiance", "atmosphere",
        "seating", "seats", "noise", "wifi", "wi-fi"]},
    # A queue for a table: the place's (久 and 长 judge it, 排队等太久 is no delivery).
    **{t: ("environment", "queue") for t in [
        "排队", "等位", "排号", "等座", "队", "队伍", "长队", "queue", "queues", "queued", "queuing", "queueing", "wait in line",
        "waited in line", "waiting in line", "wait for a table", "waited for a table"]},
    **{t: ("hygiene", "hygiene") for t in ["卫生", "环境卫生", "卫生状况", "卫生条件", "hygiene", "cleanliness", "sanitation"]},
    **{t: ("portion", "portion") for t in [
        "分量", "份量", "菜量", "量", "portion", "portions", "portion size", "portion sizes", "serving", "servings"]},
    **{t: ("quality", "quality") for t in ["抓地力", "做工用料", "耐用性", "稳定性"]},
    **{t: ("battery", "battery") for t in ["电池", "续航", "电量", "待机", "battery", "battery life"]},
    **{t: ("battery", "charge") for t in ["充电", "charging"]},
    **{t: ("size_fit", "size_fit") for t in ["尺码", "尺寸", "码数", "大小", "鞋码", "size", "sizing", "fit"]},
    **{t: ("taste", "taste") for t in [
        "口感", "味道", "口味", "味儿", "菜品", "菜", "taste", "flavor", "flavour", "food", "dishes",
        "dish"]},
}

# --- Negation ------------------------------------------------------------------------------
# word -> kind: "full" flips, "soft" flips and weakens (不太贵 is only mildly positive),
# "emphatic" flips at full strength (一点也不贵), "long" reaches across a comparison (没有超市便宜).
NEGATORS = {
    "不": "full", "没": "full", "没有": "long", "无": "full", "别": "full", "未": "full", "并不": "full",
    "并没有": "full", "从不": "full", "从没": "full", "从来不": "full", "从来没": "full", "绝不": "full",
    "毫不": "full", "不够": "full", "没什么": "full", "不会": "full", "不是": "full", "非": "full",
    "不太": "soft", "不怎么": "soft", "不大": "soft", "不是很": "soft", "不是太": "soft", "没那么": "soft",
    "不算": "soft", "不算太": "soft", "不算很": "soft", "不是特别": "soft", "不是那么": "soft",
    "一点也不": "emphatic", "一点都不": "emphatic", "根本不": "emphatic", "完全不": "emphatic",
    "一点儿也不": "emphatic", "丝毫不": "emphatic", "绝对不": "emphatic", "并不是": "full",
    "不如": "long", "不比": "long", "没比": "long", "比不上": "long", "不及": "long",
    "not": "full", "no": "full", "never": "full", "without": "full", "neither": "full", "nor": "full",
    "nothing": "full", "none": "full", "lack": "full", "lacks": "full", "lacking": "full", "less": "full", "fewer": "full",
    "barely": "soft", "hardly": "soft", "not very": "soft", "not that": "soft", "not really": "soft",
    "not too": "soft", "not so": "soft", "not overly": "soft", "not particularly": "soft",
    "not at all": "emphatic", "not even": "emphatic", "by no means": "emphatic",
    "not as": "long", "isn't as": "long",
}

# Negators that are a verdict even with no opinion after them ("性价比不如小米").
COMPARATIVE_NEGATIVE = {"不如": -0.4, "比不上": -0.5, "不及": -0.4}

# --- Degree words: multiply the next opinion ----------------------------------------------
DEGREE = {
    "很": 1.3, "非常": 1.5, "太": 1.5, "超": 1.5, "超级": 1.6, "特别": 1.5, "十分": 1.5, "极": 1.7,
    "极其": 1.7, "极度": 1.7, "巨": 1.6, "贼": 1.5, "真": 1.3, "挺": 1.2, "蛮": 1.2, "比较": 1.0, "较": 1.0, "尤": 1.3,
    "有点": 0.7, "有些": 0.7, "有一点": 0.7, "有点儿": 0.7, "稍": 0.6, "稍微": 0.6, "略": 0.6, "略微": 0.6,
    "相当": 1.4, "更": 1.2, "最": 1.6, "越来越": 1.2, "过于": 1.4, "简直": 1.5, "真的": 1.3, "确实": 1.2,
    "绝对": 1.4, "完全": 1.3, "尤其": 1.3, "格外": 1.4, "异常": 1.5, "实在是": 1.4, "好": 1.4, "还": 0.9,
    "这么": 1.3, "那么": 1.2, "如此": 1.3, "特": 1.4, "灰常": 1.5, "老": 1.2, "死": 1.5, "太过": 1.5,
    "very": 1.3, "really": 1.3, "so": 1.3, "super": 1.5, "extremely": 1.6, "incredibly": 1.6,
    "too": 1.4, "way": 1.5, "totally": 1.4, "absolutely": 1.5, "quite": 1.1, "pretty": 1.1,
    "fairly": 0.9, "rather": 0.9, "somewhat": 0.7, "slightly": 0.6, "a bit": 0.6, "a little": 0.6,
    "a tad": 0.6, "kind of": 0.7, "kinda": 0.7, "sort of": 0.7, "bit": 0.7, "most": 1.3, "more": 1.1,
    "highly": 1.5, "truly": 1.3, "lowkey": 0.8, "insanely": 1.6, "ridiculously": 1.6, "damn": 1.4,
    "hella": 1.5, "mega": 1.5, "utterly": 1.6, "seriously": 1.4, "crazy": 1.4, "unbelievably": 1.6,
    "exceptionally": 1.5, "especially": 1.3, "overly": 1.4, "even": 1.1, "much": 1.2,
}

# Words that are opinions alone but degree words before another opinion ("好贵", "真香" stays opinion).
DEGREE_BEFORE_OPINION = {"好", "真", "超", "pretty", "super"}

# --- Clause structure ---------------------------------------------------------------------
CONTRAST = {"但是", "但", "可是", "不过", "然而", "只是", "就是", "可惜", "却", "but", "however", "yet", "though", "except"}
# Contrast words that only count at the start of a clause ("就是" also means "exactly").
CONTRAST_CLAUSE_START_ONLY = {"就是", "只是", "可惜", "yet", "though", "却"}
CONCESSIVE = {"虽然", "虽说", "尽管", "虽", "although", "even though", "while", "despite"}
# The clause carries a wish, a condition or a question, not an experience: its opinions count less.
IRREALIS = {
    "如果", "要是", "假如", "希望", "想要", "想买", "想给", "想找", "想问", "想入", "想换", "打算", "准备买", "准备入手",
    "计划", "考虑买", "求推荐", "想退订", "想退款", "想取消", "想改签",  # a request to cancel is no verdict yet
    "if", "hope", "wish", "hopefully", "would be", "should be", "planning", "plan to",
    "looking for", "thinking of", "thinking about", "considering", "want to", "wanna", "would like",
    "的话",  # a condition: "价格合适的话我全要了" judges nothing yet
}
QUESTION_ENDINGS = ("吗", "呢", "么", "嘛", "?", "？")

# Neutral words that would otherwise be read as opinions (好久 is not 好).
STOPWORDS = {
    "好久", "好多", "好几", "好几天", "好几次", "好几个", "好几年", "好几周", "好几回", "好几遍", "好多天", "好多次", "好像", "好些", "只好", "正好是", "最好", "好在", "好处", "好友", "好玩儿", "还好吧",
    "了", "啊", "吧", "呀", "啦", "哦", "会不会", "是不是", "有没有", "能不能", "要不要", "可不可以", "值不值", "好不好", "贵不贵", "行不行",
    "入坑", "刚入坑", "新入坑", "入坑了",  # taking up a hobby, not being cheated
    # Trim levels, named as a product's version: "2.5高配" is a model, not a dear price nor high quality.
    "高配", "低配", "顶配", "中配", "标配", "次顶配", "最高配", "最低配", "高配版", "低配版", "顶配版",
    "吵着要", "吵着去", "吵着买",
    "约好", "约好的", "说好的",  # an agreed time (约好的时间), not a verdict that something is good
    "一大片", "一小片",  # a patch (红了一大片), not a blockbuster (大片)
    "buying guide", "travel guide", "city guide", "guidebook",  # a document to read, not a person  # a child pestering to come (吵着要来), not a noisy place
    "私教课", "外教课",  # a course sold (销售一直推销私教课), not the coach or teacher who gives it
    # 卡 as a card (a membership, a pass, stored value), not lag (卡顿): 年卡, 会员卡, 退卡, 续卡, 办卡.
    # (Not 私教卡: jieba is taught these words, and teaching 私教卡 first would keep 私教 from being taught.)
    *(kind + "卡" for kind in ("年", "半年", "季", "月", "周", "次", "会员", "储值", "充值", "健身", "游泳", "美容", "美发",
                               "课时", "礼品", "购物", "银行", "信用", "会籍", "年费", "亲子", "体验", "贵宾",
                               "vip", "退", "续", "办", "开", "补", "转", "冻结", "这张", "那张", "张", "的",
                               # a perk that comes with a purchase: "送1000油卡", "一张1000元优惠卡"
                               "油", "加油", "优惠", "折扣", "打折", "代金", "积分", "洗车", "保养", "停车", "消费")),
    # A seller's price is open to talks (价格好商量, 价格可谈, 面议): an offer to haggle, no verdict on it.
    "好商量", "可商量", "能商量", "面议", "价格好说", "好谈", "可议",
    "好奇", "好比", "好歹", "刚好是", "好不容易", "问好", "好吧", "美国", "美元", "差不多", "差点",
    "差价", "出差", "时差", "温差", "误差", "一般来说", "一般都", "不一般", "不得不", "不管",
    "不然", "不但", "不仅", "不断", "不用", "没关系", "不好意思", "不知道", "不清楚", "不久", "高铁", "高中",
    "高速", "快点", "很久", "长城", "长沙", "大学", "大家", "大概", "小时", "小区", "小孩",
    "多少", "多久", "那么多", "重庆", "贵州", "贵阳", "价值", "值班", "一分钱", "like a", "looks like",
    "seems like", "feel like", "feels like", "would like", "more or less", "no doubt", "no wonder",
    "not only", "not just", "no matter", "cold brew", "fine dining", "pretty much", "so far", "so that",
    "even if", "as well", "well as", "very well", "as long as", "long time", "long island", "big deal", "big a deal",
}

# --- Emoji and emoticons ------------------------------------------------------------------
EMOJI = {
    "👍": 0.7, "❤": 0.7, "❤️": 0.7, "😍": 0.8, "😊": 0.6, "😄": 0.6, "😁": 0.6, "🥰": 0.8, "💯": 0.7,
    "👏": 0.6, "🎉": 0.5, "😋": 0.6, "🤩": 0.8, "😀": 0.5, "🙂": 0.3, "✨": 0.3, "🔥": 0.4, "💪": 0.4,
    "😂": 0.2, "🤣": 0.2, ":)": 0.5, ":-)": 0.5, ":d": 0.6, "<3": 0.6,
    "😡": -0.8, "👎": -0.7, "💩": -0.8, "😤": -0.6, "😠": -0.7, "🤬": -0.9, "😞": -0.6, "😢": -0.6,
    "😭": -0.5, "🙄": -0.5, "🤮": -0.8, "🤢": -0.7, "💔": -0.6, "😒": -0.5, "😩": -0.5, "😫": -0.5,
    "😔": -0.5, "😑": -0.3, "😓": -0.3, ":(": -0.5, ":-(": -0.5,
}
