"""The planner's words: how operators say things, in Chinese and English.

Interest names and synonyms come from the taxonomy (schema/taxonomy.yaml) and city names from the
gazetteer (schema/cities.yaml); this file holds the rest — the phrasing of conditions, times,
counts, negation, breakdowns and requests — as plain lists and regular expressions, so that adding
a way of saying something is a one-line change here. ``parse.py`` applies them.

Conventions: text is matched after :func:`normalize` (NFKC, lower case, Chinese punctuation
folded), so every pattern is lower case. ``NUM`` matches a number written in digits, Chinese
numerals or English words; :func:`to_number` reads it.
"""

from __future__ import annotations

import re
import unicodedata

# --- text normalization and numbers ------------------------------------------------------------

_PUNCT = str.maketrans({"。": ".", "、": "、", "，": ",", "；": ";", "：": ":", "？": "?", "！": "!",
                        "（": "(", "）": ")", "【": "[", "】": "]", "“": '"', "”": '"', "‘": "'",
                        "’": "'", "「": '"', "」": '"', "『": '"', "』": '"', "《": '"', "》": '"',
                        "～": "~", "—": "-", "–": "-", "\u3000": " "})


def fold(text: str) -> str:
    """Full-width to half-width, Chinese quotes/dashes folded; case kept."""
    return unicodedata.normalize("NFKC", text).translate(_PUNCT)


def normalize(text: str) -> str:
    """:func:`fold`, then lower case: the text every pattern is matched against."""
    return fold(text).lower()


CJK_RE = re.compile(r"[\u3400-\u9fff]")   # a Chinese character (what tells a Chinese word or question)


_ZH_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
              "八": 8, "九": 9}
_ZH_UNITS = {"十": 10, "百": 100, "千": 1000, "万": 10000}
_EN_NUMBERS = {"zero": 0, "one": 1, "a": 1, "an": 1, "once": 1, "two": 2, "twice": 2, "three": 3, "thrice": 3,
               "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11,
               "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
               "sixty": 60, "ninety": 90, "hundred": 100, "a hundred": 100, "a thousand": 1000, "half": 0.5,
               "半": 0.5}

NUM = (r"(?:\d+(?:,\d{3})*(?:\.\d+)?(?:\s*[kw千万](?![a-z]))?|[零〇一二两三四五六七八九十百千万]+|半"
       r"|a hundred|a thousand|zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
       r"|fifteen|twenty|thirty|forty|fifty|sixty|ninety|hundred|once|twice|thrice|half)")


def to_number(text: str) -> float:
    """'3' -> 3, '1.5k' -> 1500, '2万' -> 20000, '三十五' -> 35, 'twice' -> 2, '半' -> 0.5."""
    text = text.strip().replace(",", "")
    if text in _EN_NUMBERS:
        return _EN_NUMBERS[text]
    match = re.fullmatch(r"(\d+(?:\.\d+)?)\s*([kw千万]?)", text)
    if match:
        scale = {"": 1, "k": 1000, "千": 1000, "w": 10000, "万": 10000}[match.group(2)]
        return float(match.group(1)) * scale
    return float(_zh_number(text))


def _zh_number(text: str) -> int:
    total, section, digit = 0, 0, 0
    for char in text:
        if char in _ZH_DIGITS:
            digit = _ZH_DIGITS[char]
        elif char == "万":
            total += (section + digit) * 10000
            section = digit = 0
        elif char in _ZH_UNITS:
            section += (digit or 1) * _ZH_UNITS[char]
            digit = 0
        else:
            raise ValueError(f"not a number: {text}")
    return total + section + digit


def phrase_pattern(phrases) -> str:
    """One alternation over ``phrases``, longest first; latin words match only as whole words."""
    parts = []
    # ties in alphabetical order, so the pattern is the same text in every process (regex_cache.py)
    for phrase in sorted({p.lower() for p in phrases if p}, key=lambda p: (-len(p), p)):
        body = r"\s*".join(re.escape(word) for word in phrase.split())
        head = r"(?<![a-z0-9])" if phrase[0].isascii() and phrase[0].isalnum() else ""
        tail = r"(?![a-z0-9])" if phrase[-1].isascii() and phrase[-1].isalnum() else ""
        parts.append(head + body + tail)
    return "(?:" + "|".join(parts) + ")"



def with_spoken_what(phrases: list[str]) -> list[str]:
    """The phrases, and each one with 什么 said as 啥 ("都在抱怨啥", "都喜欢啥", "长啥样")."""
    return [*phrases, *(p.replace("什么", "啥") for p in phrases if "什么" in p)]


# --- demographics --------------------------------------------------------------------------------

GENDER = {
    "female": ["女性", "女生", "女士", "女孩", "女孩子", "女的", "女用户", "女顾客", "女客户", "女会员", "女人",
               "妹子", "小姐姐", "女", "women", "woman", "female", "females", "ladies", "lady", "girls", "gals"],
    "male": ["男性", "男生", "男士", "男孩", "男孩子", "男的", "男用户", "男顾客", "男客户", "男会员", "男人",
             "小哥哥", "男", "men", "man", "male", "males", "guys", "boys", "gentlemen"],
}

# Age words that name a range: (low, high) inclusive, None = open.
AGE_WORDS = {
    (18, 30): ["年轻人", "年轻用户", "年轻群体", "年轻的", "年轻", "young people", "young users", "youngsters",
               "young adults", "young customers"],
    (13, 19): ["青少年", "teenagers", "teens"],
    (40, 59): ["中年人", "中年", "middle-aged", "middle aged"],
    (60, None): ["老年人", "老年", "老人", "银发族", "seniors", "elderly", "the elderly", "older adults",
                 "retirees"],
}
# Birth-year generations in English: (first, last) birth year.
GENERATIONS = {"millennials": (1981, 1996), "millennial": (1981, 1996), "gen z": (1997, 2012),
               "gen-z": (1997, 2012), "genz": (1997, 2012), "zoomers": (1997, 2012), "gen x": (1965, 1980),
               "boomers": (1946, 1964), "baby boomers": (1946, 1964)}

AGE_UNIT_ZH = r"(?:周岁|岁)"
AGE_UNIT_EN = r"(?:years?[\s-]*olds?|yo|y/o|yrs?(?:\s*old)?)"

# --- comparisons ----------------------------------------------------------------------------------

GT_ZH = r"(?:超过|大于等于|大于|高于|多于|不少于|不低于|至少|最少|起码|达到|满|>=|≥|>)"
LT_ZH = r"(?:低于|少于|小于|不到|不足|不超过|未满|<=|≤|<)"
GT_EN = (r"(?:more than|greater than|higher than|over|above|at least|exceeding|upwards of|in excess of"
         r"|north of|no less than|>=|≥|>)")
LT_EN = r"(?:less than|lower than|fewer than|under|below|at most|no more than|<=|≤|<)"
POST_GT_ZH = r"(?:及以上|或以上|以上|之上|起|\+)"
POST_LT_ZH = r"(?:及以下|或以下|以下|之下|以内)"
POST_GT_EN = r"(?:or more|or above|or over|and above|and up|and over|plus|\+)"
POST_LT_EN = r"(?:or less|or under|or below|and under|and below)"
RANGE_SEP = r"(?:到|至|-|~|—|和|and|to)"

SPEND_ZH = (r"(?:累计|总共|一共|历史|总)?(?:消费金额|消费额|消费总额|消费|花费|花了|花销|支出|购买金额|订单总额|总金额"
            r"|总消费|买了|下单金额|下单总额|订单金额|购物金额|成交金额|交易金额|实付金额|付款金额|支付金额|付费|付款|付了|支付了"
            # a top-up's amount: a spend on the top-ups (prepaid.py)
            r"|充值金额|充值总额|充值了|充值|储值金额|储值了|储值|预存了|预存)")
# "paid more than 200" is spend; "paid" alone stays an order ("who paid in the last 7 days")
SPEND_EN = (r"(?:total spend(?:ing)?|lifetime spend|lifetime value|ltv|gmv|total order value|spent|spending"
            r"|spends|spend|paid(?:\s+us)?|pays|paying|topped\s+up|top(?:-|\s)?ups?|recharged)")
AVG_ZH = r"(?:平均客单价|客单价|平均订单金额|平均消费金额|平均每单|笔均|单均)"
AVG_EN = (r"(?:average order value|average order size|average order amount|average basket(?: size)?"
          r"|avg\.? order value|average ticket|aov)")

# Occupation, a free-text column: key -> (how a question names it, what stored values contain).
OCCUPATION = {
    "student": (["学生党", "学生", "大学生", "在校生", "students", "student", "college students", "university students"],
                ["学生", "student"]),
    "teacher": (["老师", "教师", "teachers", "teacher"], ["教师", "老师", "teacher"]),
    "engineer": (["程序员", "码农", "工程师", "软件工程师", "engineers", "engineer", "developers", "programmers",
                  "software engineers"], ["工程师", "程序员", "engineer", "developer", "programmer"]),
    "doctor": (["医生", "大夫", "doctors", "doctor"], ["医生", "doctor"]),
    "nurse": (["护士", "nurses", "nurse"], ["护士", "nurse"]),
    "accountant": (["会计师", "会计", "accountants", "accountant"], ["会计", "accountant"]),
    "civil_servant": (["公务员", "civil servants", "government employees"], ["公务员", "civil servant"]),
    "designer": (["设计师", "designers", "designer"], ["设计师", "designer"]),
    "product_manager": (["产品经理", "product managers", "product manager"], ["产品经理", "product manager"]),
    "sales": (["销售人员", "销售", "salespeople", "sales reps", "sales people"], ["销售", "sales"]),
    "freelancer": (["自由职业者", "自由职业", "freelancers", "freelancer"], ["自由职业", "freelance"]),
}
# Occupations a database may hold besides the ones above (agent/planner/occupations.py): each is understood
# when the users' occupation column has it, by its stored name and, in the other language, by these words
# (家长 <-> parents: a question's "parents" is then that occupation, else the mother & baby interest)
OCCUPATION_TRANSLATIONS = [
    (["家长", "家长们", "学生家长"], ["parents", "parent"]),
    (["项目经理"], ["project managers", "project manager"]),
    (["律师"], ["lawyers", "lawyer", "attorneys"]),
    (["司机"], ["drivers", "driver"]),
    (["厨师"], ["chefs", "chef", "cooks"]),
    (["白领", "上班族", "职员", "打工人"], ["office workers", "office worker", "white-collar workers", "white-collar worker",
                                   "office staff"]),
    (["个体户"], ["self-employed", "small business owners"]),
    (["全职妈妈", "全职主妇", "家庭主妇"], ["stay-at-home moms", "homemakers", "homemaker", "housewives", "housewife"]),
]
# Words that name a kept extra field rather than a value of it ("用过优惠券的": a field coupon / voucher / 优惠券;
# "which channel": channel / 渠道): the chat says the field is kept and cannot be filtered on (data_words.py)
FIELD_WORDS = {"coupon": ["优惠券", "券", "折扣券", "代金券", "coupon", "coupons"],
               "voucher": ["优惠券", "代金券", "voucher", "vouchers"],
               "channel": ["渠道", "下单渠道", "channel", "channels"]}
# A shop's own categorical values (user_attributes, attributes.py) in both languages, lower case: a value stored in
# one is said in either ("family" = 家庭); each tuple is one value. 亲子 is no family: it is understood when stored.
ATTRIBUTE_VALUE_WORDS = [
    ("family", "家庭", "全家"), ("solo", "独自", "单人", "一个人", "独行"), ("couple", "couples", "情侣", "夫妻"),
    ("friends", "朋友", "好友"), ("group", "团体", "团队"), ("business", "商务"),
    ("free", "免费版"), ("basic", "基础版"), ("pro", "专业版"), ("enterprise", "企业版"), ("trial", "试用版"),
]
# The Chinese words of a field's English name, said after a value ("家庭出游" of travel_party = family)
ATTRIBUTE_NAME_WORDS = {"travel": ("出游", "旅行", "旅游", "出行"), "plan": ("套餐", "版本"), "baby": ("宝宝", "婴儿"),
                        "stage": ("阶段",), "household": ("家庭",), "size": ("人数", "人口")}
# Chinese names of a shop's English product lines ("海鲜的销售额": the category seafood), looked up when the Chinese
# word is in no product name or category (data_words.py); the singular, as an English word is looked up
TRADE_WORDS_ZH = {"海鲜": ["seafood"], "水产": ["seafood"], "海产品": ["seafood"], "肉类": ["meat"], "鲜肉": ["meat"],
                  "肉品": ["meat"], "蔬菜": ["vegetable", "veg"], "青菜": ["vegetable", "veg"], "有机": ["organic"],
                  "有机食品": ["organic"], "冷冻食品": ["frozen"], "速冻": ["frozen"], "冻品": ["frozen"],
                  "熟食": ["ready meal"], "即食": ["ready meal"], "预制菜": ["ready meal"], "宠物食品": ["pet food"],
                  "婴儿食品": ["baby food"], "辅食": ["baby food"], "日用品": ["household"], "家居用品": ["household"],
                  "乳制品": ["dairy"], "奶制品": ["dairy"], "零食": ["snack"], "水果": ["fruit"], "面包": ["bakery", "bread"],
                  "烘焙": ["bakery"], "饮料": ["beverage", "drink"]}
# English names of a shop's Chinese product lines ("customers who bought set meals": the category 套餐), looked
# up when the English word is in no product name or category (data_words.py)
TRADE_WORDS_EN = {"set meal": ["套餐"], "set menu": ["套餐"], "combo": ["套餐"], "combo meal": ["套餐"], "meal deal": ["套餐"],
                  "value meal": ["套餐"], "main course": ["主食", "主菜"], "staple": ["主食"], "side dish": ["小吃"],
                  "street food": ["小吃"],
                  # a salon's, a gym's services, said in English of Chinese names
                  "haircut": ["洗剪吹", "剪发", "理发", "美发"], "hair cut": ["洗剪吹", "剪发", "理发", "美发"],
                  "facial": ["面部护理", "面部", "美容"], "facial treatment": ["面部护理", "面部"],
                  "manicure": ["美甲"], "nail": ["美甲"], "perm": ["烫发", "烫染"], "hair dye": ["染发", "烫染"],
                  "hair colour": ["染发", "烫染"], "hair color": ["染发", "烫染"], "coloring": ["染发", "烫染"],
                  "colouring": ["染发", "烫染"], "massage": ["按摩", "推拿"], "top-up": ["充值"], "top-ups": ["充值"],
                  "topup": ["充值"], "recharge": ["充值"], "recharged": ["充值"],
                  "topped": ["充值"],   # "topped up": the "up" is filler
                  "prepaid card": ["储值卡", "次卡"], "stored-value card": ["储值卡"], "stored value card": ["储值卡"],
                  "store credit": ["储值", "充值"], "stored value": ["储值"], "gift card": ["礼品卡", "购物卡"],
                  "prepaid package": ["次卡"], "service package": ["次卡"], "package": ["次卡"],
                  "personal training": ["私教"], "oil change": ["换机油", "保养"], "checkup": ["体检"],
                  "check-up": ["体检"], "dental cleaning": ["洗牙"], "teeth cleaning": ["洗牙"],
                  # a travel agency's lines
                  "flight": ["机票"], "air ticket": ["机票"], "plane ticket": ["机票"], "hotel": ["酒店"]}
# A shop's own event types (kept under their own names at ingest: 上课, lesson_watched, homework_submitted) that
# are one deed said in either language (agent/planner/event_types.py): a type belongs to a deed when it is one
# of its Chinese words, or one of its English nouns is a word of it ("lesson" in lesson_watched); the question
# says the deed by a Chinese word (上过课, 交了作业) or an English verb and noun ("watched a lesson")
EVENT_DEEDS = [
    {"zh": ["上课", "听课", "看课", "学课"], "nouns": ["lesson", "class", "lecture", "course"],
     "verbs": ["watched", "watch", "watches", "attended", "attend", "attends", "took", "taken", "take", "takes",
               "joined", "join", "had", "finished", "completed"]},
    {"zh": ["交作业", "提交作业", "写作业", "做作业"], "nouns": ["homework", "assignment"],
     "verbs": ["submitted", "submit", "submits", "handed in", "hand in", "turned in", "turn in", "did", "done", "do",
               "finished", "completed", "complete"]},
    {"zh": ["考试", "测验"], "nouns": ["exam", "test", "quiz"],
     "verbs": ["took", "taken", "take", "passed", "pass", "sat", "finished", "completed"]},
    {"zh": ["看直播"], "nouns": ["live", "livestream", "stream"], "verbs": ["watched", "watch", "joined", "join"]},
    # a restaurant's delivery orders (外卖下单): 外卖 and "delivery" say them, not the dining-out interest
    {"name": "delivery", "zh": ["外卖下单", "外卖订单", "外卖单", "点外卖", "叫外卖", "订外卖", "下单外卖", "外卖"],
     "nouns": ["delivery", "takeout", "takeaway", "take-out", "take-away"],
     "verbs": ["ordered", "order", "orders", "ordering", "got", "placed", "customers", "users", "buyers"]},
    {"zh": ["领券", "领取优惠券", "领优惠券", "领取券", "领卷"], "nouns": ["coupon", "voucher"],
     "verbs": ["claimed", "claim", "claims", "collected", "collect", "received", "got", "grabbed"]},
    # a booking not kept (a salon's 爽约, a clinic's no_show): "no" in "no-show" denies nothing; "alone": words
    # that say the deed without a verb
    {"name": "no_show", "zh": ["爽约", "失约", "放鸽子", "放了鸽子", "放过鸽子"],
     "nouns": ["appointment", "booking", "reservation", "no-show", "no show", "noshow"],
     "verbs": ["missed", "miss", "misses", "skipped", "skip", "skips"],
     "alone": ["no-show", "no-shows", "no show", "no shows", "noshow", "noshows", "failed to show up", "failed to show",
               "stood us up"]},
]
# A subscription said by what it is, not its name (订了会员月卡, 开通了会员): with a subscribe type in the data
_SUBSCRIBED_ZH = [f"{verb}{done}{thing}" for verb in ("开通", "订阅", "订", "办", "买", "加入", "开") for done in ("过", "了", "")
                  for thing in ("会员月卡", "会员年卡", "会员卡", "月卡", "年卡", "会员")]
# Words that name a state a data's own event type records, when it holds one: (the types' pattern, the
# words). A SaaS's "churned" is its `cancelled` event, not the Dormant stage; "trial users" started a
# trial. Without such a type the words keep their other meaning ("churned": Dormant) or none.
EVENT_STATES = [
    (r"cancel|churn|unsubscri|取消|退订",
     ["churned", "churned users", "churned customers", "churned accounts", "have churned", "cancelled", "canceled",
      "cancelled users", "canceled users", "cancelled customers", "cancelled their subscription",
      "canceled their subscription", "cancelled subscriptions", "unsubscribed", "退订", "退订了", "取消订阅",
      "取消了订阅", "已取消订阅", "取消了会员",
      # a travel agency's or a hotel's cancelled booking (its own `cancel` events)
      "取消过订单", "取消了订单", "取消订单", "取消过预订", "取消了预订", "取消预订", "取消过行程", "取消了行程", "取消过",
      "取消了", "取消", "cancelled a booking", "canceled a booking", "cancelled bookings", "cancelled their booking",
      "cancelled their trip", "canceled their trip", "cancelled a trip", "cancelled an order", "cancelled orders"]),
    # a subscription (a grocer's `subscribe` on FreshPass): "subscribed users", 订了会员月卡
    (r"^(?!un).*subscri",
     ["subscribers", "subscribed users", "subscribed customers", "subscribed members", "subscribed", "have subscribed",
      "has subscribed", "who subscribed", "signed up for a subscription", "signed up for a membership",
      "bought a membership", "订阅用户", "订阅了", "订阅过", *_SUBSCRIBED_ZH]),
    # a booked delivery slot (`delivery_slot_booked`)
    (r"slot", ["预约过配送时段", "预约了配送时段", "预约配送时段", "预约过送货时段", "预约了送货时间", "预约过送货时间",
               "booked a delivery slot", "booked delivery slots", "booked a slot", "booked slots", "slot bookers"]),
    # a restock alert (`out_of_stock_notify`)
    (r"notify|restock|remind|alert", ["设置了缺货到货提醒", "设置过缺货到货提醒", "设置了到货提醒", "设置过到货提醒", "到货提醒",
                                      "缺货提醒", "到货通知", "缺货通知", "restock alerts", "restock alert",
                                      "back in stock alerts", "out of stock alerts", "stock alerts",
                                      "asked to be notified", "signed up for restock alerts"]),
    (r"trial|试用",
     ["trial users", "trial customers", "trial accounts", "trialists", "on a trial", "trial", "试用用户", "试用过",
      "试用了", "试用"]),
    (r"upgrad|升级",
     ["upgraders", "upgraded users", "upgraded customers", "upgraded", "升级了", "升级过", "升级"]),
]
# The everyday verbs of a shop's own event type said with one of its targets ("subscribed to FreshPass", 领过FRESH10,
# "who cancelled their FreshPass", "FreshPass subscribers"; event_types.py): (the types' pattern, Chinese verbs,
# English verbs, English nouns after the target). The target picks the types that hold it; the verb picks among
# them (FreshPass is the target of both `subscribe` and `unsubscribe`).
EVENT_TARGET_VERBS = [
    (r"^(?!un).*(?:subscri|sign_?up|join|member)|开通|订阅|(?<!退)订", ["开通", "订阅", "订", "办", "买", "加入", "开"],
     ["subscribed", "subscribe", "subscribes", "signed up", "sign up", "signs up", "joined", "join", "joins", "bought",
      "buy", "purchased", "activated", "got", "have", "has"],
     ["subscribers", "subscriber", "subscriptions", "members", "member", "users", "customers"]),
    (r"unsubscri|cancel|churn|退订|取消", ["退订", "取消", "退掉", "退", "停掉", "停"],
     ["cancelled", "canceled", "cancel", "cancels", "unsubscribed", "unsubscribe", "quit", "quits", "dropped", "stopped",
      "ended", "left"],
     ["cancellations", "cancellers", "churners"]),
    (r"claim|领", ["领取", "领", "抢", "拿"],
     ["claimed", "claim", "claims", "got", "received", "collected", "grabbed", "redeemed", "used"],
     ["claimers", "claims", "users", "customers"]),
]
# Column values that name no occupation ("其他": no word of a question should mean them)
NO_OCCUPATION = {"其他", "其它", "无", "未知", "暂无", "保密", "other", "others", "none", "n/a", "na", "unknown", "-"}
# Occupations the profile also reads from what people write (tools/profile: 宿舍, 期末 -> student; 找工作,
# 写论文 -> graduating, a student about to finish): an active tag counts as much as the occupation column
OCCUPATION_TAGS = {"student": ["student", "graduating"]}
OCCUPATION_NAMES = {"student": ("学生", "students"), "teacher": ("教师", "teachers"), "engineer": ("工程师", "engineers"),
                    "doctor": ("医生", "doctors"), "nurse": ("护士", "nurses"), "accountant": ("会计", "accountants"),
                    "civil_servant": ("公务员", "civil servants"), "designer": ("设计师", "designers"),
                    "product_manager": ("产品经理", "product managers"), "sales": ("销售", "salespeople"),
                    "freelancer": ("自由职业者", "freelancers")}

# --- places ---------------------------------------------------------------------------------------

TIER_WORDS_ZH = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "1": 1, "2": 2, "3": 3, "4": 4, "5": 5}
TIER_WORDS_EN = {"1": 1, "2": 2, "3": 3, "4": 4, "5": 5, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
                 "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "i": 1, "ii": 2, "iii": 3}
LOWER_TIER = ["下沉市场", "低线城市", "低线", "小城市", "小城镇", "县城", "lower-tier cities", "lower tier cities",
              "lower-tier", "small cities", "smaller cities"]
NEW_TIER1 = ["新一线城市", "新一线", "new tier-1 cities", "new tier 1 cities", "new first-tier cities",
             "new tier-1", "new tier one cities"]

# Shorthand for several cities at once (the gazetteer's canonical names)
CITY_GROUPS = {("北京", "上海", "广州", "深圳"): ["北上广深"], ("北京", "上海", "广州"): ["北上广"],
               ("北京", "上海", "深圳"): ["北上深"]}
# A breakdown word in front ("breakdown of churn risk users by membership level"): the 'by' says of what
BREAKDOWN_LEAD_EN = ["breakdown of", "break-down of", "distribution of", "split of", "a breakdown of",
                     "the breakdown of", "the distribution of", "break down", "breaking down", "break out", "split up"]

# ... or a verb that splits, with the audience between it and the 'by' ("break gold members down by
# gender", "split women in Beijing by age band", "segment churn-risk users into age groups"), and the
# particle before the 'by' (down / up / out)
BREAKDOWN_VERB_EN = (r"(?<![a-z])(?:break|split|segment|divide|cut|slice|bucket|separate|group)(?:\s+(?:up|out))?(?![a-z])"
                     r"(?=.*?(?<![a-z])(?:by|into|per|across)(?![a-z]))")
# "leave the gold members out", "take those in Shanghai out": the verb before, its "out" closing the question
EXCLUDE_SPLIT_EN = (r"(?<![a-z])(?:leave|take|filter|rule|cut)(?=\s+[^.?!]*?\s+out(?:\s+(?:please|pls|too|as\s+well))?"
                    r"\s*[.!?]*\s*$)")
BREAKDOWN_PARTICLE_EN = r"(?<![a-z])(?:down|up|out)(?=\s+(?:by|into|per|across)(?![a-z]))"
# ... and in Chinese the split verb ending the question, after its audience ("按性别把金卡会员拆开看看")
BREAKDOWN_VERB_END_ZH = (r"(?:拆开|拆分|分开|切分|细分|划分|分组|拆)(?:一下|下)?(?:来)?(?:看看|看一下|看)?"
                         r"(?=\s*(?:吧|呢|吗)?\s*[.!?]*\s*$)")

MEMBER = {
    "normal": ["普通会员", "普卡会员", "普卡", "普通用户会员", "regular members", "normal members", "basic members",
               "basic tier", "standard members"],
    "silver": ["银卡会员", "银卡", "白银会员", "silver members", "silver member", "silver tier", "silver"],
    "gold": ["金卡会员", "金卡", "黄金会员", "gold members", "gold member", "gold tier", "gold card holders", "gold"],
    "platinum": ["铂金会员", "铂金卡", "铂金", "白金会员", "白金卡", "白金", "platinum members", "platinum member",
                 "platinum tier", "platinum"],
    "diamond": ["钻石会员", "钻石卡", "钻石", "黑钻", "diamond members", "diamond member", "diamond tier", "diamond"],
}
MEMBER_ORDER = ["normal", "silver", "gold", "platinum", "diamond"]
VIP = ["vip会员", "vip用户", "vip客户", "vip", "vips", "高级会员", "高等级会员", "vip members", "vip customers",
       "top-tier members", "premium members"]  # = gold and above
MEMBER_UP = r"(?:及以上|或以上|以上|及更高|或更高|\s*(?:level|tier)?\s*(?:or|and)\s*(?:above|higher|up|better)|\+)"

# --- profile facts (taxonomy names are added by parse.py) -------------------------------------------

# Customers who have bought before ("过去30天没下过单的老客户" = ordered at some time, none in the last 30
# days): an order at any time, not the mature stage, which also leaves out the dormant and churn-risk
PAST_BUYERS = ["老客户", "老客", "老顾客", "老买家", "existing customers", "returning customers", "past customers",
               "previous customers", "past buyers", "previous buyers", "former buyers", "old customers",
               "old buyers", "returning buyers", "existing buyers"]
# New and old said with one noun ("新老客户各有多少", "how many new and returning customers"): the new
# customers (the lifecycle stage) before the past buyers' word, two audiences, each counted
# (parse._counted_apart)
NEW_BEFORE_OLD = (r"新(?=\s*(?:和|与|跟|及|、)?\s*老(?:客户|客|顾客|买家|用户))"
                  r"|(?<![a-z])new(?=\s+(?:and|&|vs\.?|versus|or)\s+(?:the\s+)?(?:old|returning|existing|past|previous)"
                  r"\s+(?:customers|buyers|users|clients)(?![a-z]))")
# "haven't bought in a while", "好久没下单": a window of no orders, after orders before it (assemble._lapsed)
LAPSED_ZH = (r"(?P<long>好久|很久|许久|挺久|老久|很长时间|好长时间|好长一段时间|很长一段时间)|有段时间|有一段时间|一段时间|"
             r"好一阵子?|一阵子|有阵子|好些天|好几天")
LAPSED_EN = (r"(?:in|for)\s+(?:quite\s+)?(?:(?P<long>a\s+long\s+(?:time|while)|ages|a\s+very\s+long\s+time|forever)"
             r"|a\s+while|some\s+time)")
LAPSED_DAYS = 30        # "in a while": the planner's "recently"
LAPSED_LONG_DAYS = 90   # "in a long time", "好久"

# Mature-stage words that name a habit of coming ("regulars"): with "haven't come back in a while" they are
# the customers who came before, not the stage (assemble._lapsed); "loyal customers" stays the stage
REGULARS = {"regulars", "regular customers", "老用户", "熟客", "常客"}
LIFECYCLE = {
    "new": ["新用户", "新客户", "新客", "新顾客", "新会员", "新人", "首购用户", "新注册用户", "新注册", "刚注册的",
            "new users", "new user", "new customers", "new customer", "newcomers", "new members", "first-time buyers",
            "first time buyers", "new signups", "new sign-ups", "newly registered", "recently registered"],
    "growing": ["成长期", "成长期用户", "成长用户", "成长型用户", "growing users", "growing customers", "growing",
                "growth stage", "growth-stage"],
    "mature": ["成熟期", "成熟用户", "成熟期用户", "老用户", "忠实用户", "忠诚用户", "忠实客户",
               "铁粉", "mature users", "mature customers", "mature", "loyal customers", "loyal users", "loyal",
               "regulars", "regular customers", "long-time customers", "熟客", "常客"],
    "dormant": ["沉睡用户", "沉睡客户", "沉睡期", "沉睡", "休眠用户", "休眠", "沉默用户", "僵尸用户",
                "已流失", "流失的", "流失", "流失用户", "流失客户", "dormant", "dormant users", "dormant customers",
                "lapsed", "lapsed customers", "sleeping", "churned",
                "churned users", "churned customers", "lost customers",
                # colloquial: customers who stopped coming ("folks who ghosted us", "不来了")
                "ghosted us", "ghosted", "不来了"],
    "churn_risk": ["流失风险", "有流失风险", "流失预警", "流失风险用户", "即将流失", "可能流失", "快要流失", "快流失",
                   "高危用户", "流失倾向", "churn risk", "churn-risk", "at risk of churning", "at risk of churn",
                   "at-risk", "at risk", "likely to churn", "churners", "potential churners", "likely churners", "about to churn", "churn risks", "risk of churn",
                   "risk of churning", "churning", "churn"],   # "signs of churn", "users who might churn"
}
CONSUMPTION = {
    "price_sensitive": ["价格敏感型", "价格敏感", "对价格敏感", "对价格很敏感", "价格敏感的", "低价敏感", "羊毛党",
                        "薅羊毛", "爱薅羊毛", "爱用券", "券党", "只买便宜的", "price-sensitive", "price sensitive",
                        "bargain hunters", "bargain hunter", "deal seekers", "deal hunters", "discount hunters",
                        "coupon users", "coupon lovers"],
    "value_seeker": ["性价比型", "注重性价比", "看重性价比", "追求性价比", "在意性价比", "讲究性价比", "性价比党",
                     "理性消费", "value seekers", "value seeker", "value-seekers", "value for money shoppers",
                     "value-for-money shoppers", "value-conscious", "value conscious"],
    "quality_seeker": ["品质追求型", "品质型", "注重品质", "追求品质", "看重品质", "品质优先", "讲究品质",
                       "quality seekers", "quality seeker", "quality-first", "quality conscious", "quality-conscious",
                       "quality-focused"],
    "premium": ["高端消费型", "高端消费", "高端用户", "高端客户", "高端", "高净值", "高净值用户",
                "土豪", "有钱人", "premium", "premium customers", "premium users", "premium shoppers", "high-end",
                "high end", "luxury shoppers", "luxury buyers", "affluent"],
}
VALUES = {
    "eco_conscious": ["环保意识", "注重环保", "关注环保", "热爱环保", "环保主义", "环保人士", "环保", "低碳生活", "低碳",
                      "可持续", "eco-conscious", "eco conscious", "eco-friendly", "environmentally conscious",
                      "environmentally friendly", "green consumers", "sustainability-minded", "sustainable"],
    "tech_optimist": ["科技乐观派", "科技乐观", "热爱科技", "科技控", "尝鲜派", "爱尝鲜", "tech optimists",
                      "tech optimist", "early adopters", "early adopter", "tech-savvy", "tech savvy"],
    "family_first": ["家庭至上", "顾家", "重视家庭", "以家庭为重", "家庭为先", "family first", "family-first",
                     "family-oriented", "family oriented", "family people",
                     # a travel agency's or a hotel's families: the value its texts show ("Traveling with my kids")
                     "families", "family customers", "family travellers", "family travelers", "family trips",
                     "traveling with kids", "travelling with kids", "travelling with children", "traveling with children",
                     "亲子家庭", "家庭客户", "家庭用户", "家庭游客", "带孩子出行", "带孩子出游", "带孩子旅行", "带娃出行", "带娃出游",
                     "带孩子", "带娃", "带小孩"],
    "health_conscious": ["注重健康", "关注健康", "重视健康", "健康意识", "养生", "健康生活", "health-conscious",
                         "health conscious", "health-minded", "healthy lifestyle", "wellness-minded"],
    "frugal": ["勤俭节约", "勤俭", "节俭", "节约", "精打细算", "会过日子", "frugal", "thrifty", "savers"],
    "adventurous": ["爱冒险", "喜欢冒险", "冒险精神", "爱探险", "冒险", "adventurous", "adventure seekers",
                    "thrill seekers", "thrill-seekers"],
}
# The word for the kind of fact around a value ("frugal values", "价值观是节俭的"): part of the value's phrase
VALUE_WORD_EN = ["{} values", "{} value", "{} mindset", "values of {}", "values are {}", "values: {}"]
VALUE_WORD_ZH = ["{}的价值观", "{}价值观", "价值观{}", "价值观是{}", "价值观偏{}", "价值观比较{}", "价值观为{}"]
# A purchase to come, said as a likelihood ("who is likely to buy a phone soon"): a purchase intent;
# with "again" after it, a repurchase intent ("likely to buy again")
LIKELY_TO_BUY = ["likely to buy", "likely to purchase", "about to buy", "going to buy", "gonna buy", "might buy",
                 "may buy", "will buy", "would buy", "could buy", "probably buy", "expected to buy",
                 "可能会买", "可能买", "可能购买", "快要买", "即将购买", "会买", "要入手", "有望购买"]
INTENT = {
    "purchase": ["想买", "打算买", "准备买", "计划买", "要买", "想入手", "准备入手", "打算入手", "想购买", "打算购买",
                 "有购买意向", "购买意向", "购买意图", "购买需求", "种草", "想换", "打算换", "准备换", "想换个", "想换新", "want to buy", "wants to buy",
                 "wanting to buy", "planning to buy", "plan to buy", "plans to buy", "looking to buy", "ready to buy",
                 "likely to buy", "likely to purchase", "going to buy", "about to buy", "will buy", "may buy",
                 "might buy", "likely to order",
                 "intend to buy", "intends to buy", "purchase intent", "purchase intention", "buying intent",
                 "in the market for", "shopping for", "thinking of buying", "thinking about buying",
                 "buying intention", *LIKELY_TO_BUY,
                 "准备购买", "计划购买", "考虑购买", "考虑买", "要购买", "有意购买", "打算下单", "准备下单", "想下单",
                 "about to purchase", "about to order", "planning to purchase", "planning to order", "planning a purchase",
                 "considering buying", "considering a purchase", "intending to buy", "intending to purchase"],
    "compare": ["比价", "对比", "比较", "货比三家", "comparing", "compare", "compares", "compared", "comparison shopping",
                "shopping around", "在比价", "比价格", "比较价格", "对比价格", "比来比去", "价格对比",
                *(f"{where}{verb}" for where in ("和别家", "跟别家", "和别的店", "跟别的店", "和其他店", "跟其他店",
                                                 "和其他店铺", "跟其他店铺", "和其他平台", "跟其他平台", "去别家", "在别家")
                  for verb in ("比价", "比价格", "比较价格", "对比价格", "比较", "对比")),
                *(f"{verb}{where}" for verb in ("comparing prices", "compare prices", "compares prices",
                                                "comparing", "compare", "price shopping")
                  for where in ("", " with other shops", " with other stores", " with other sellers",
                                " across shops", " across stores", " elsewhere", " with competitors")),
                "price comparison", "price comparing",
                # undecided between products: "weighing up different phones", "纠结买哪个手机"
                *(f"{verb}{which}" for verb in ("weighing up", "weighing", "torn between", "deciding between",
                                                "choosing between", "undecided between", "can't decide between",
                                                "cant decide between", "trying to decide between",
                                                "trying to choose between")
                  for which in ("", " different", " the different", " several", " various", " a few")),
                *(f"{verb}{which}" for verb in ("纠结买", "纠结选", "犹豫买", "犹豫选", "不知道买", "不知道选", "纠结", "犹豫")
                  for which in ("哪个", "哪款", "哪一款", "哪种", "哪家", "哪个牌子的", "哪个品牌的")),
                "拿不定主意", "举棋不定", "挑来挑去", "选来选去",
                # competitors in general are what is compared, no condition of their own
                *(f"{verb}{rival}" for verb in ("comparing us with ", "compare us with ", "compared us with ",
                                                "comparing us to ", "compared us to ", "comparing with ",
                                                "compare with ", "comparing to ", "comparing us against ")
                  for rival in ("competitors", "our competitors", "the competition", "rivals", "other platforms",
                                "other brands", "other apps")),
                *(f"{where}{verb}" for where in ("和竞品", "跟竞品", "与竞品", "拿我们和别家", "拿我们跟别家", "和同行",
                                                 "跟同行", "和别的平台", "跟别的平台", "和别的机构", "跟别的机构")
                  for verb in ("比价", "比较", "对比", "比")),
                *(f"{verb}{rival}" for verb in ("对比", "比较", "比") for rival in ("竞品", "别家", "同行", "其他平台"))],
    "research": ["做功课", "调研", "看测评", "查攻略", "researching", "doing research", "reading reviews",
                 "research intent"],
    "complaint": ["投诉过", "投诉", "有投诉", "filed a complaint", "filed complaints", "made a complaint",
                  "complaint intent"],
    "return_refund": ["退货意向", "退款意向", "想退货", "要退货", "想退款", "要退款", "退换货", "退货", "退款", "换货",
                      "want a refund", "wants a refund", "wanting a refund", "want to return", "wants to return",
                      "asked for a refund", "asked for refunds", "asking for a refund", "asking for refunds",
                      "asks for a refund", "requesting a refund", "requested a refund", "refund requests", "refund request", "refunds",
                      "refund", "returns", "return requests", "return or refund", "return/refund",
                      "return intent", "return intention", "refund intent", "intent to return"],
    "repurchase": ["复购意向", "复购", "回购", "再次购买", "想回购", "要回购", "会回购", "还要买", "还会买", "想复购", "要复购",
                   "会复购", "还会回购", "repurchase", "buy again", "reorder",
                   "repeat purchase",   # longer than the purchase intent's "likely to buy"
                   *(f"{p} again" for p in LIKELY_TO_BUY if p.isascii())],
    "churn_risk": ["流失意向", "想注销", "要注销", "想卸载", "want to cancel", "wants to cancel", "cancel their account",
                   "churn intent"],
    "consult": ["咨询过", "咨询", "问过客服", "找过客服", "consulted", "inquired", "enquired", "asked customer service",
                "contacted support", "contacted customer service"],
}
# Wanting to leave, said the many ways people say it: "thinking about cancelling their membership",
# "plans to close her account", 想退会员, 不打算续费了, 再也不来了 (the churn-risk intent, not the stage)
CHURN_WISH = (
    r"(?:(?:wants?|wanted|wanting|plans?|planning|going|about|trying|tried|threaten(?:s|ed|ing)?)\s+to\s+"
    r"|(?:thinking|thought)\s+(?:about|of)\s+|considering\s+)?"
    r"(?:cancel(?:s|l?ing|l?ed)?|quit(?:s|ting)?|clos(?:e|es|ing)|end(?:s|ing)?|leav(?:e|es|ing))\s+"
    r"(?:(?:their|his|her|my|our|the|a)\s+)?(?:membership|subscription|account|member\s*card|vip)s?\b"
    r"|(?:想|要|打算|准备|考虑|说要|申请|申请了|要求)?(?:退掉?会员|退会|退卡|取消会员|注销(?:账号|账户|会员)?"
    r"|不(?:想|再|打算)?续费(?:vip|年卡|会员|会籍|课程)?|不续(?:会员|费)|转投别家|换别家|去别家)"
    r"|再也不(?:买|来)|不会再(?:买|来)"
    # said without the thing left: "said they would cancel", "plan to quit", 打算退订, 不想续了
    r"|(?<![a-z])(?:would|will|'d|going\s+to|gonna|plans?\s+to|planning\s+to|wants?\s+to|about\s+to"
    r"|thinking\s+(?:about|of))\s+(?:cancel(?:l?ing)?|quit(?:ting)?|unsubscrib(?:e|ing))(?![a-z])"
    r"|(?:想|要|打算|准备|考虑|说要)?退订|不(?:想|再|打算)?续了")
# Wanting to renew is the repurchase intent, with the thing renewed ("renew their yearly VIP", 续费VIP: the
# product, not the member levels); 不想续费 (CHURN_WISH) is not
_RENEWED_EN = (r"(?:\s+(?:(?:their|his|her|my|our|the|a|an)\s+)?(?:(?:yearly|annual|monthly)\s+)?"
               r"(?:vip|membership|subscription|member\s*card|card|pass|plan)s?)?")
RENEW_WISH = (
    r"(?<![a-z])(?:(?:wants?|wanted|wanting|plans?|planning|going|about|likely|ready|hoping|intends?|intending"
    r"|would\s+like)\s+to\s+)?renew(?:s|ing|al|als)?" + _RENEWED_EN + r"(?![a-z])"
    r"|(?<!不)(?<!不想)(?<!不打算)(?<!不再)(?<!没)(?<!没有)(?:想|要|打算|准备|会)?(?:续费|续卡|续订|续会员|续约)"
    r"(?:vip|年卡|会员|会籍|课程)?")
# Requests that have no intent of their own (冻结, 转让 a membership; an invoice, stored as a consult intent
# whose evidence is the text): a question about them ("想冻结年卡的会员", "who asked about transferring their
# card", "要开发票的用户", "users who asked for an invoice") searches the texts for the request's words in
# both languages; the key is the word the answer says
MEMBERSHIP_REQUESTS = {
    "冻结": ["冻结", "停卡", "freeze", "freezing", "frozen"],
    "转让": ["转让", "转卡", "过户", "transfer", "transferring", "transferred"],
    "发票": ["开发票", "发票", "开票", "invoices", "invoice", "fapiao"],
}
_REQUEST_WORDS_ZH = "|".join(w for words in MEMBERSHIP_REQUESTS.values() for w in words if not w.isascii())
_REQUEST_WORDS_EN = "|".join(w for words in MEMBERSHIP_REQUESTS.values() for w in words if w.isascii())
_CARD_ZH = r"(?:年卡|月卡|季卡|次卡|会员卡|健身卡|会籍|会员|卡)"
_CARD_EN = (r"(?:\s+(?:of\s+)?(?:(?:their|his|her|my|our|the|a|an)\s+)?(?:annual\s+|yearly\s+|monthly\s+|gym\s+)?"
            r"(?:membership|card|pass|account|subscription|contract)s?)")
MEMBERSHIP_REQUEST = (
    rf"(?:想要?|要|打算|准备|考虑|申请了?|要求|问过?|问了|咨询过?|询问过?|提出)?\s*(?:{_REQUEST_WORDS_ZH}){_CARD_ZH}?"
    rf"|(?<![a-z])(?:(?:wants?|wanted|wanting|hoping|trying|plans?|planning|asked|asking|asks|requested|applied)\s+"
    rf"(?:to\s+|about\s+|for\s+|to\s+have\s+|to\s+get\s+)?(?:an?\s+|their\s+)?)?(?:{_REQUEST_WORDS_EN})(?![a-z])"
    rf"{_CARD_EN}?")
# "想换手机": the taxonomy knows 换手机 (a phone), so the wish before it is a purchase intent on its own
INTENT_BEFORE_SWAP = r"(?:想要|想|打算|准备|计划|考虑)(?=\s*换)"
INTENT_SUFFIX = ["的意向", "的意图", "意向", "意图", "的打算", "intent", "intention", "intentions"]

# Aspect names a question may use (taxonomy zh/en names are added). Not the analyzers' cue words:
# "cheap" or "money" in a question are not a request about the price aspect.
ASPECT = {
    "price": ["价格", "价钱", "价位", "售价", "定价", "性价比", "费用", "price", "prices", "pricing", "cost", "costs"],
    "quality": ["质量", "品质", "做工", "材质", "quality", "build quality", "product quality"],
    "delivery": ["物流", "快递", "发货", "配送", "送货", "运输", "物流速度", "发货速度", "delivery", "deliveries", "shipping",
                 "courier", "logistics", "delivery speed", "shipping speed", "delivery time", "shipping time",
                 # food delivered: the rider and the delivery of a takeaway (外卖配送: not an interest in eating out)
                 "骑手", "外卖小哥", "外卖员", "送餐员", "配送员", "快递小哥", "送餐", "送餐速度", "外卖配送", "外卖送餐",
                 "外卖速度", "riders", "rider", "delivery guy", "delivery guys", "delivery driver", "delivery drivers",
                 "delivery rider", "delivery riders"],
    "service": ["服务", "客服", "售后", "服务态度", "态度", "service", "customer service", "after-sales", "support",
                "staff", "上菜", "上菜速度", "出餐速度"],
    "packaging": ["包装", "packaging", "package", "packing"],
    "usability": ["易用性", "使用体验", "操作", "usability", "ease of use", "user experience"],
    "appearance": ["外观", "颜值", "设计", "款式", "appearance", "design", "looks"],
    "battery": ["续航", "电池", "电量", "battery", "battery life"],
    "size_fit": ["尺码", "尺寸", "码数", "大小", "size", "sizing", "fit"],
    "taste": ["口味", "味道", "口感", "taste", "flavor", "flavour"],
    # who teaches, coaches or treats (老师, 教练, coach: added from the analyzers' and taxonomy's words)
    "teacher": ["教学", "教学质量", "讲课", "授课", "teaching", "teaching quality"],
    "environment": ["环境", "店内环境", "店里环境", "门店环境", "氛围", "噪音", "座位", "温度", "网络", "无线网",
                    "wifi", "wi-fi", "ambience", "ambiance", "atmosphere", "noise", "noise level", "seating", "seats",
                    "temperature", "store environment",
                    # the queue for a table (排队 texts are read as the place's; 上菜慢 is the service)
                    "排队", "等位", "排号", "queue", "queues", "queueing", "queuing", "waiting in line", "wait in line",
                    "the line", "the wait for a table", "waiting for a table", "wait for a table"],
    # how clean the place, the tables and the food are: apart from the environment ("dirty" is not "crowded")
    "hygiene": ["卫生", "环境卫生", "卫生状况", "卫生条件", "干净程度", "食品安全", "hygiene", "cleanliness", "sanitation",
                "food safety"],
    "portion": ["分量", "份量", "菜量", "饭量", "portion", "portions", "portion size", "portion sizes", "serving size",
                "serving sizes", "the amount of food"],
    # how a trip is paced and kept to time: its schedule, and a flight, train or tour running late (the
    # analyzers store both as this aspect; a late parcel is the delivery)
    "itinerary": ["行程", "行程安排", "日程", "日程安排", "行程节奏", "itinerary", "itineraries", "trip schedule",
                  "tour schedule", "travel schedule", "schedule", "schedules", "pace of the trip", "pace of the tour"],
}
# The analyzers' usability words that in a question mean something else: 使用/using, 体验课 (a trial class),
# 运行, "performance" (of sales); the rest name what a customer uses (app, 软件, 小程序, website).
USABILITY_OTHER_SENSES = {"使用", "体验", "运行", "反应", "手感", "setup", "performance"}
# Words that carry both an aspect and a polarity.
ASPECT_POLAR = {
    ("price", "negative"): ["嫌贵", "觉得贵", "说贵", "太贵", "价格贵", "价格高", "价格太高", "偏贵", "不划算", "不值",
                            "性价比低", "性价比不高", "too expensive", "overpriced", "pricey"],
    ("price", "positive"): ["物美价廉", "性价比高", "划算", "实惠", "good value", "great value"],
    ("delivery", "negative"): ["物流慢", "快递慢", "发货慢", "配送慢", "送货慢", "到货慢", "物流太慢", "发货太慢",
                               "late delivery", "late deliveries", "slow delivery", "slow shipping", "delayed delivery",
                               "delivery delays", "delivery problems", "shipping delays",
                               # a parcel late (延误 alone is a trip's: ASPECT_FACETS)
                               "快递延误", "物流延误", "发货延误", "配送延误", "包裹延误", "快递晚点", "parcel delays",
                               "delayed parcels", "delayed parcel", "delayed shipping", "delayed shipment", "delayed shipments",
                               # a takeaway slow or late (外卖 alone stays the eating-out interest), a rude rider
                               "外卖慢", "外卖太慢", "外卖很慢", "外卖好慢", "外卖送得慢", "外卖送得太慢", "外卖送得很慢",
                               "外卖迟到", "外卖超时", "外卖晚到", "外卖送晚了", "送餐慢", "送餐太慢", "送餐很慢", "送得慢",
                               "送得太慢", "送得很慢", "送餐超时", "送晚了", "骑手太慢", "骑手送得慢", "slow takeout",
                               "late takeout", "takeout was late", "slow takeaway", "late food delivery"],
    ("delivery", "positive"): ["物流快", "发货快", "快递快", "送货快", "fast delivery", "fast shipping",
                               "quick delivery", "送餐快", "送得快", "外卖送得快", "外卖很快"],
    ("quality", "negative"): ["质量差", "质量不好", "质量太差", "做工差", "质量问题", "poor quality", "bad quality",
                              "low quality", "quality issues", "quality problems", "defective",
                              # goods gone off are the analyzers' quality, not taste (docs/analyzers.md)
                              "不新鲜", "烂了", "变质", "发霉", "臭了", "not fresh", "rotten", "spoiled", "moldy"],
    ("quality", "positive"): ["质量好", "做工好", "质量不错", "high quality", "good quality", "great quality",
                              "well made"],
    ("service", "negative"): ["服务差", "态度差", "客服差", "服务不好", "态度不好", "服务太差", "bad service",
                              # food slow to the table (the analyzers read 上菜太慢 as the service)
                              "上菜慢", "上菜太慢", "上菜很慢", "上菜速度慢", "出餐慢", "出餐太慢", "slow service",
                              "poor service", "rude staff", "催续费", "催着续费", "催我续费", "催办卡", "强行推销", "推销",
                              "pushy staff", "pushy sales", "pushy", "hard sell"],
    ("service", "positive"): ["服务好", "态度好", "客服好", "服务周到", "good service", "great service",
                              "helpful staff"],
    ("packaging", "negative"): ["包装差", "包装破损", "包装烂", "damaged packaging", "damaged box", "poor packaging",
                                # food or a drink spilled on the way (汤洒了, 外卖洒了): the analyzers read it as packaging
                                "洒了", "洒", "洒出来", "撒了", "漏汤", "汤洒了", "spilled", "spilt", "spills", "spillage"],
    ("portion", "negative"): ["分量少", "分量太少", "分量很少", "分量不足", "分量不够", "分量小", "分量太小", "份量少",
                              "份量太少", "量少", "量太少", "吃不饱", "不够吃", "没吃饱", "small portions", "tiny portions",
                              "skimpy portions", "portions too small", "portions were too small", "left hungry"],
    ("portion", "positive"): ["分量足", "分量很足", "分量大", "份量足", "量足", "量大", "吃得饱", "管饱", "generous", "generous portions",
                              "big portions", "huge portions", "large portions"],
    ("hygiene", "negative"): ["不卫生", "卫生差", "卫生不好", "卫生太差", "环境脏", "太脏", "很脏", "脏", "脏乱", "脏乱差",
                              "有苍蝇", "苍蝇", "蟑螂", "吃出头发", "有头发", "头发丝", "吃出虫子", "dirty", "filthy",
                              "unhygienic", "unsanitary", "cockroaches", "cockroach", "菜里有头发", "菜里吃出头发",
                              "饭里有头发", "汤里有头发", "菜里有虫", "菜里有虫子", "菜里有苍蝇", "汤里有苍蝇", "found a cockroach",
                              "found cockroaches", "found a hair", "found a hair in their food", "found a hair in the food",
                              "hair in the food", "hair in their food", "a fly in"],
    ("hygiene", "positive"): ["干净", "很干净", "卫生好", "干净卫生", "clean", "spotless"],
    ("appearance", "positive"): ["颜值高", "好看", "漂亮", "good-looking", "good looking", "beautiful design"],
    ("appearance", "negative"): ["难看", "颜值低", "ugly"],
    ("taste", "positive"): ["好吃", "好喝", "美味", "delicious", "tasty"],
    ("taste", "negative"): ["难吃", "难喝", "bad taste"],
    ("battery", "negative"): ["续航差", "续航短", "续航不行", "掉电快", "耗电快", "poor battery", "bad battery",
                              "battery drains"],
    ("battery", "positive"): ["续航好", "续航长", "续航强", "long battery life", "great battery"],
    ("size_fit", "negative"): ["尺码不准", "尺码偏大", "尺码偏小", "不合身", "不合适", "不合脚", "偏大", "偏小", "runs small",
                               "runs large",
                               "wrong size", "poor fit", "doesn't fit"],
    ("environment", "negative"): ["吵", "太吵", "很吵", "店里吵", "店里太吵", "店里很吵", "嘈杂", "噪音大", "太冷", "太热",
                                  "座位少", "座位不够", "没座位", "找不到座位", "环境差", "环境不好", "网速慢", "noisy",
                                  "too noisy", "loud", "too loud", "crowded", "uncomfortable seats", "uncomfortable chairs",
                                  "slow wifi", "太挤", "很挤", "好挤", "挤死了", "拥挤", "人太多", "爆满", "overcrowded", "packed",
                                  "too busy", "too full", "排队太久", "排长队", "排了很久", "排很久", "等位太久", "等位很久",
                                  "等太久的位", "long queue", "long queues", "long lines", "long line", "long wait for a table"],
    ("environment", "positive"): ["安静", "环境好", "环境不错", "quiet", "cozy", "cosy", "nice atmosphere"],
    ("usability", "negative"): ["难用", "不好用", "卡顿", "很卡", "太卡", "卡死", "闪退", "死机", "崩溃", "hard to use",
                                "laggy", "lagging", "lags", "lag", "freezes", "freezing", "froze", "crashes", "crashing",
                                "crashed", "keeps crashing", "buggy", "glitchy", "difficult to use",
                                # a software service: slow sync, bugs reported, a slow app, integrations missing
                                "sync is slow", "syncing is slow", "sync was slow", "slow sync", "slow syncing",
                                "sync issues", "sync problems", "sync errors", "sync fails", "sync failing", "breaks sync",
                                "broke sync", "not syncing", "out of sync", "app is slow", "app was slow", "slow app",
                                "the app is slow", "reported a bug", "reported bugs", "reported bug", "report a bug",
                                "reporting bugs", "bug reports", "bug report", "bugs", "a bug", "crash", "crashes",
                                "missing integrations", "missing integration", "no integrations", "lack of integrations",
                                "同步慢", "同步太慢", "同步很慢", "同步好慢", "同步失败", "同步出问题", "同步有问题", "不同步",
                                "有bug", "报bug", "报过bug", "反馈bug", "反馈过bug", "缺少集成", "没有集成", "加载慢", "加载太慢"],
    ("itinerary", "positive"): ["安排合理", "安排得很好", "行程安排得很好", "well planned", "well-planned", "well organized",
                                "well-organized", "well organised", "relaxed pace"],
    ("usability", "positive"): ["好用", "易用", "easy to use", "user-friendly", "sync is fast", "fast sync", "syncs fast",
                                "同步快", "同步很快"],
}
# Degree words a Chinese verdict may hold (续航太短, 价格有点高)
DEGREE_ZH = ["太", "很", "有点", "有些", "比较", "特别", "非常", "超级", "超", "偏", "略"]
# A kind of complaint about an aspect a question may name ("flight delays", 行程太赶): the aspect's negative
# opinions whose text says it. The analyzers store a delayed flight and a rushed schedule as one aspect
# (itinerary), so "who complained about flight delays" is not everyone unhappy with the itinerary.
# asked: the question's words; said: what the text must contain (lower case, either language; an English
# word whole, in each of its forms).
_RUSHED_ZH = [f"{name}{degree}{word}" for name in ("行程", "行程安排", "安排", "日程") for degree in ("", *DEGREE_ZH)
              for word in ("赶", "紧", "紧凑")]
# packed / tight alone are a crowded place and a garment's fit: a schedule's only with it named
_RUSHED_EN = [f"{name}{verb} {word}" for name in ("itinerary", "schedule", "trip", "tour")
              for verb in ("", " was", " is", " being", " were") for word in ("too packed", "packed", "too tight", "tight")] + \
    [f"{word} {name}" for name in ("itinerary", "schedule", "trip", "tour") for word in ("packed", "tight", "rushed")]
ASPECT_FACETS = {
    "delay": {"aspect": "itinerary", "zh": "延误", "en": "delays",
              "asked": ["延误", "航班延误", "飞机延误", "火车延误", "延误过", "被延误", "晚点", "误点", "航班晚点", "飞机晚点",
                        "火车晚点", "高铁晚点", "延误投诉", "delays", "delay", "delayed", "flight delays", "flight delay",
                        "delayed flights", "delayed flight", "late flights", "late flight", "flights being late",
                        "train delays", "tour delays", "delayed trains"],
              "said": ["延误", "晚点", "误点", "延迟", "delay", "delays", "delayed", "was late", "were late", "running late", "arrived late",
                       "left late", "departed late"]},
    "rushed": {"aspect": "itinerary", "zh": "行程太赶", "en": "a rushed schedule",
               "asked": [*_RUSHED_ZH, "太赶", "很赶", "有点赶", "比较赶", "太紧凑", "走马观花", "赶路", "没有自由活动",
                         "没有自由时间", "自由活动太少", *_RUSHED_EN, "too rushed", "rushed", "hectic", "no free time",
                         "not enough free time"],
               "said": ["赶了", "太赶", "很赶", "有点赶", "比较赶", "赶路", "紧凑", "太紧", "行程紧", "走马观花", "自由活动",
                        "自由时间", "packed", "rushed", "hectic", "too tight", "free time", "pace"]},
}
# What a spill verdict holds (汤洒了, "the drink spilled"): the food or drink named before it spilled, no interest
SPILL_WORDS = ("洒", "撒", "漏汤", "spill", "spilt")
# A verdict of one aspect on a word of another: the showers are the place, but 淋浴间太脏 and "the showers were
# dirty" are hygiene complaints (the word names what is dirty, it asks nothing of the environment)
# A courier's manners: the analyzers read them as the service and the delivery at once (a rude rider
# is both), so a question about them asks for both — 骑手态度差 is not every late parcel.
COURIER_MANNER = {
    "negative": [f"{who}{how}" for who in ("骑手", "外卖小哥", "外卖员", "快递员", "快递小哥", "配送员", "送货员", "送餐员")
                 for how in ("态度差", "态度不好", "态度很差", "态度太差", "态度恶劣", "很凶", "没礼貌", "不礼貌")]
                + [f"rude {who}" for who in ("rider", "riders", "delivery guy", "delivery guys", "delivery driver",
                                             "delivery drivers", "courier", "couriers", "delivery rider", "delivery riders")],
    "positive": [f"{who}{how}" for who in ("骑手", "外卖小哥", "快递员", "快递小哥", "配送员")
                 for how in ("态度好", "态度很好", "很客气", "很有礼貌", "很热情")]
                + [f"{how} {who}" for how in ("polite", "friendly") for who in ("rider", "riders", "courier", "couriers",
                                                                               "delivery guy", "delivery driver")],
}
VERDICT_ON = {"hygiene": ("environment",)}
# Between a place and a verdict on it ("the gym is too crowded", "健身房里太挤"): the place is where, not an interest
PLACE_VERDICT_GAP = r"^(?:\s|里面|里|内|的|总是|老是|always|is|was|are|were|gets|got|getting|so|too|very|really|way|'s)*$"
# "problems" with an aspect's name (battery problems, 包装有问题): tokens.py reads them for every aspect
# (_aspect_polar_patterns), with the degree words (DEGREE_ZH).
PROBLEM_EN = ["problems", "problem", "issues", "issue", "complaints", "trouble"]
PROBLEM_ZH = ["有问题", "出问题", "问题", "有毛病", "毛病"]
# Opinion words that attach to an aspect ("对价格不满"); alone they mean the whole text (overall).
# "complain" words alone mean the complaint intent instead.
POLARITY = {
    "negative": ["评价很差", "评价差", "评价不好", "评价很低", "评价低", "评价很糟", "不满意", "不满", "很不满", "不太满意", "不开心", "抱怨过", "抱怨", "吐槽过", "吐槽", "差评", "负面评价",
                 "负面情绪", "负面", "有意见", "不爽", "失望", "嫌弃", "嫌", "诟病", "批评", "骂过", "不好", "太差", "很差",
                 "差", "negative reviews of", "negative reviews", "negative feedback on", "negative feedback",
                 "negative about", "negative on", "negative sentiment", "negative", "unhappy with", "unhappy about",
                 "unhappy", "dissatisfied with", "dissatisfied", "not happy with", "not satisfied with",
                 "disappointed with", "disappointed by", "disappointed", "upset about", "annoyed by", "annoyed with",
                 "angry about", "criticized", "criticised", "hated", "hate", "hates", "hating", "disliked",
                 "dislike", "dislikes", "bad reviews", "bad reviews of",
                 "poor reviews", "low ratings", "complained about", "complain about", "complaining about",
                 "complaints about", "complained of", "complained", "complaining", "complain", "complainers",
                 "griped about", "moaned about", "negatively", "poorly", "badly", "complaints",
                 "给过差评", "给差评", "打过差评", "打差评", "bad review", "a bad review", "negative review",
                 "a negative review", "poor review", "bad ratings", "bad rating", "one-star reviews", "1-star reviews",
                 # not an opinion asked for (OPINION_ASK_EN): the opinion said
                 "negative feelings about", "negative feelings on", "negative feelings", "negative opinions about",
                 "negative opinions of", "negative opinions on", "negative views on", "negative views of",
                 "negative thoughts about", "bad feelings about",
                 # feelings about it ("negative feelings about quality", 对质量感觉不好)
                 "感觉不好", "感觉很不好", "感觉差", "感觉很差", "感觉不太好", "印象不好", "印象差", "印象很差", "negative feelings toward",
                 "negative feelings towards", "bad feelings", "feel negative about", "feel negatively about",
                 "feels negative about", "felt negative about", "feel bad about", "feels bad about",
                 "felt bad about"],
    "positive": ["评价很好", "评价好", "评价不错", "评价挺好", "评价非常好", "评价很高", "评价高", "评价很棒",
                 "满意", "很满意", "好评", "称赞", "夸过", "夸赞", "夸", "表扬", "赞扬", "认可", "正面评价", "正面",
                 "点赞过", "praised", "praise", "praising", "happy with", "happy about", "satisfied with",
                 "pleased with", "positive about", "positive on", "positive reviews of", "positive reviews",
                 "positive feedback on", "positive feedback", "positive sentiment", "positive", "loved the",
                 "liked the", "complimented", "raved about", "good reviews", "good reviews of", "positively",
                 "favorably", "favourably", "highly", "给过好评", "给好评", "打过好评", "good review", "a good review",
                 "positive review", "a positive review", "five-star reviews", "5-star reviews",
                 "positive feelings about", "positive feelings on", "positive feelings", "positive opinions about",
                 "positive opinions of", "positive opinions on", "positive views on", "positive views of",
                 "good feelings about",
                 # feelings about it ("negative feelings about quality", 对质量感觉不好)
                 "感觉好", "感觉很好", "感觉不错", "感觉挺好", "印象好", "印象很好", "印象不错", "positive feelings toward",
                 "positive feelings towards", "good feelings", "feel positive about", "feel positively about",
                 "feels positive about", "felt positive about", "feel good about", "feels good about",
                 "felt good about"],
    None: ["提到", "提到过", "提及", "谈到", "说到", "评价过", "评论过", "评价", "mentioned", "talked about",
           "commented on", "spoke about", "wrote about", "reviewed", "rated"],
}
# Asking what people think of an aspect, not who mentioned it ("他们对价格评价怎么样", "觉得物流怎么样", "what do
# they think about the price", "how do they feel about delivery"): the users who said something about it,
# each with what they said (positive / negative / neutral, the score, a quote: spec.COLUMNS 'opinion')
OPINION_ASK_ZH = ["评价怎么样", "评价如何", "评价咋样", "评价好不好", "评价是什么", "评价是怎样的", "的评价怎么样", "的评价如何",
                  "怎么看", "怎么评价", "如何评价", "有什么看法", "有啥看法", "什么看法", "的看法", "满意吗", "满不满意",
                  "满意不满意", "感受如何", "感受怎么样", "感觉怎么样", "感觉如何", "反馈怎么样", "反馈如何", "口碑怎么样",
                  "口碑如何"]
# "觉得物流怎么样": 觉得 asks what they think when a "how" follows it
OPINION_THINK_ZH = r"(?:觉得|认为|感觉)(?=[^，。,?？]{1,12}?(?:怎么样|如何|咋样|好不好|行不行))"
OPINION_ASK_EN = (r"(?<![a-z])(?:(?:what|how)\s+(?:do|did|does|would)\s+(?:they|them|these\s+\w+|those\s+\w+|the\s+\w+|"
                  r"(?:our\s+)?(?:users|customers|people|members|buyers))\s+(?:think|feel|say|said|like|rate)"
                  r"|(?:what\s+(?:is|are|was|were)\s+|what'?s\s+)?(?:their|the)\s+(?:opinions?|views?|thoughts|feelings|"
                  r"take|sentiment|verdict|feedback)|(?:opinions?|thoughts|feelings)(?=\s+(?:about|of|on|regarding)\s))"
                  r"\s*(?:(?:about|of|on|regarding|towards?|with)(?:\s+(?:our|your|the))?)?(?![a-z])")
# 投诉 of an aspect is a negative opinion of it ("投诉过物流" = 对物流不满), alone the complaint intent
# ("投诉过的用户"): read as an opinion word first (tokens.py), which falls back to the intent
COMPLAINT_VERBS = ["投诉过", "投诉", "投诉了", "filed a complaint about", "filed complaints about",
                   "made a complaint about", "lodged a complaint about"]
COMPLAINT_WORDS = {"complained", "complaining", "complain", "complainers", "抱怨过", "抱怨", *COMPLAINT_VERBS}
# Opinion words that name a review ("差评", "bad reviews"): only texts of source 'review' count, not
# every negative post, chat or call ("有多少人给过差评" is not "有多少人有过负面情绪")
REVIEW_MARKS = ("差评", "好评", "review", "rating")
EMOTION = {
    "anger": ["生气", "愤怒", "恼火", "气愤", "火大", "angry", "furious", "outraged", "irate"],
    "sadness": ["伤心", "难过", "sad"],
    "fear": ["担心", "担忧", "焦虑", "顾虑", "不放心", "worried", "anxious", "worried about", "concerned about"],
    "joy": ["开心", "高兴", "快乐", "happy", "joyful", "delighted"],
    "surprise": ["惊喜", "惊讶", "surprised"],
    "disgust": ["厌恶", "反感", "恶心", "disgusted"],
}

# What an opinion is about in detail, each group one thing in both languages ("complained about diapers leaking"
# also finds 漏尿): a word of a group said with an opinion stands for the whole group (opinion_about.with_details)
COMPLAINT_DETAILS = [
    ["漏尿", "侧漏", "漏液", "leak", "leaks", "leaking", "leaked", "leaky"],
    ["红屁屁", "红屁股", "红疹", "尿布疹", "起疹子", "rash", "rashes", "diaper rash", "nappy rash"],
    ["假货", "假奶粉", "假的", "仿冒", "防伪", "fake", "counterfeit", "not genuine"],
    ["保质期", "过期", "临期", "生产日期", "expiry", "expired", "expiring", "expiration", "shelf life", "best before"],
    ["便秘", "上火", "constipation", "constipated"],
    ["吐奶", "spitting up", "spits up", "spit up"],
]

# Planner-side interest words the taxonomy may lack (single characters people type: 喜欢猫的用户).
# Used only for ids the loaded taxonomy has; longer taxonomy terms still win (猫粮, 奶茶, 购物车).
EXTRA_INTEREST = {
    "tea": ["茶", "喝茶的"], "pet_cat_owner": ["猫", "猫猫"], "pet_dog_owner": ["狗"], "automotive": ["车", "有车"],
    "mother_baby": ["妈妈", "妈妈们", "当妈的", "爸爸", "爸爸们", "奶爸", "当爹的", "moms", "mothers", "mums", "mommies",
                    "dads", "fathers", "parents", "有娃", "有娃的", "有孩子", "有孩子的", "有小孩", "有小孩的"],
    "books": ["书"], "shoes": ["鞋"], "alcohol": ["酒", "喝酒"], "coffee": ["喝咖啡"],
}

# Parent words are the mother & baby interest and, for a mother or a father, a gender too
# ("喜欢绘本的妈妈" are women; "parents" are either).
PARENT_GENDER = {
    "female": ["妈妈", "妈妈们", "当妈的", "宝妈", "新手妈妈", "moms", "mothers", "mums", "mommies"],
    "male": ["爸爸", "爸爸们", "奶爸", "当爹的", "宝爸", "新手爸爸", "dads", "fathers"],
}

# --- behaviour -----------------------------------------------------------------------------------

# A brand's name in the other language (or an everyday name of it) that neither the analyzers' brand list
# (tools/analyzers/entities.py: 耐克 = Nike, 阿迪 = Adidas) nor the data pairs: the orders write "Apple", "YSL",
# "Amazfit" in one script only. Name -> a name of the brand the orders or that list write; read as the brand
# only when the shop sells it (brands._known). An everyday word among them (苹果 is mostly the fruit) is the
# brand only when bought ("买过苹果产品的用户"), as every brand's name that is an everyday word (brands.ordinary).
BRAND_ALIASES = {"苹果": "Apple", "圣罗兰": "YSL", "saint laurent": "YSL", "华米": "Amazfit", "跃我": "Amazfit",
                 "美津浓": "Mizuno", "挪客": "Naturehike", "黑钻": "Black Diamond", "飒拉": "Zara",
                 "达达里奥": "D'Addario", "严选": "网易严选", "yanxuan": "网易严选", "china gold": "中国黄金",
                 "pagoda": "百果园"}

# Kinds of goods narrower than the interest their words are synonyms of (宠物粮 is filed under Pets, but
# names only its food): bought, they are the orders whose product or category says one of the kind's
# words that the data has (data_words.bought_exactly); with none there, the whole interest, said so.
PRODUCT_KINDS = {
    "pet_food": ["宠物食品", "宠物粮", "宠物口粮", "宠物主粮", "pet food", "pet foods", "猫粮", "狗粮", "cat food", "dog food",
                 "kibble"],
    "cat_food": ["猫粮", "猫主粮", "cat food", "cat kibble"],
    "dog_food": ["狗粮", "犬粮", "dog food", "dog kibble"],
    # devices and their accessories, a product each: 耳机 is no speaker (audio), 充电宝 no charging cable
    "headphones": ["耳机", "降噪耳机", "蓝牙耳机", "无线耳机", "头戴耳机", "耳麦", "headphones", "headphone", "earphones",
                   "earphone", "earbuds", "headset", "headsets", "airpods"],
    "speakers": ["音箱", "蓝牙音箱", "音响", "speaker", "speakers", "bluetooth speaker", "bluetooth speakers", "soundbar"],
    "smartwatches": ["智能手表", "smartwatch", "smartwatches", "smart watch", "smart watches"],
    "power_banks": ["充电宝", "移动电源", "power bank", "power banks"],
    "phone_cases": ["手机壳", "phone case", "phone cases"],
    "action_cameras": ["运动相机", "action camera", "action cameras"],
    # a mother-and-baby shop's goods: formula is not baby food (another repurchase cycle), a stroller not a car
    # seat, though each pair shares an interest; a shop files them in either language (奶粉, "Infant formula")
    "formula": ["奶粉", "婴儿奶粉", "配方奶粉", "配方奶", "一段奶粉", "二段奶粉", "三段奶粉", "formula", "baby formula",
                "infant formula", "milk powder", "formula milk"],
    "baby_food": ["辅食", "婴儿辅食", "宝宝辅食", "米粉", "米糊", "baby food", "baby foods", "rice cereal", "baby cereal",
                  "purees"],
    "strollers": ["婴儿车", "婴儿推车", "推车", "童车", "stroller", "strollers", "baby stroller", "baby strollers", "pram",
                  "prams", "pushchair", "pushchairs", "buggy"],
    "car_seats": ["安全座椅", "儿童安全座椅", "car seat", "car seats", "baby car seat"],
    "baby_clothes": ["童装", "宝宝衣服", "婴儿衣服", "婴儿服", "baby clothes", "baby clothing", "kids clothes",
                     "kids' clothes", "babywear"],
    "maternity_wear": ["孕妇装", "孕妇服", "孕妇裙", "maternity wear", "maternity clothes", "maternity clothing",
                       "maternity dress", "maternity dresses"],
}

# action -> words. "obj_before": the object comes before the word ("phone buyers", "X to cart").
VERBS = {
    "order": ["买过", "买了", "购买过", "购买了", "购买", "下过单", "下单过", "下单了", "下了单", "下单", "下过", "成交过",
              "付款过", "付过款", "支付过", "消费过", "入手了", "入手过", "买", "bought", "buy", "buys", "buying", "purchased",
              "purchase", "purchases", "ordered", "order", "orders", "ordering", "placed an order", "placed orders",
              "made a purchase", "made purchases", "paid for", "订单", "下单记录", "购买记录", "消费过", "消费",
              "付款", "付钱", "支付", "结账", "paid", "checked out", "check out", "checkout", "checkouts",
              "buyers of", "purchasers of",
              # a grocer's shopping: 买菜 is buying groceries, any order ("每周都来买菜", "周几买菜")
              "买菜", "买过菜", "买了菜", "来买菜", "grocery shopping", "did their grocery shopping",
              # a restaurant's ordering: 点餐, 吃过, 来吃 ("好久没来吃的老顾客"), "dined at", "haven't come back"
              "点餐", "点过餐", "点了餐", "点菜", "点过菜", "点了菜", "点单", "点过单", "吃过", "吃了", "来吃过", "来吃",
              "来吃饭", "来吃过饭", "dined at", "dined with us", "ate at", "eaten at", "ate with us", "eaten with us",
              "come back", "came back", "been back", "coming back",
              # a paying customer / 付费用户: one who has paid (placed an order)
              "paying", "paid users", "paid customers", "paid accounts", "付费用户", "付费客户", "付费会员", "付过费",
              # a booking of a trip, a room, a ticket (订过海岛游, 预订过酒店): its order (订课 is a class booking)
              "订过", "订了", "订", "预订过", "预订了", "预订", "预定过", "预定了", "预定", "订购过", "订购了", "订购"],
    "view": ["浏览过", "浏览了", "浏览", "看过", "看了", "查看过", "查看了", "查看", "逛过", "点开过", "viewed", "view",
             "views", "browsed", "browse", "looked at", "visited the", "checked out the"],
    "click": ["点击过", "点击了", "点击", "clicked", "clicked on", "click", "clicks", "tapped"],
    "search": ["搜索过", "搜索了", "搜索", "搜过", "搜了", "搜", "searched for", "searched", "search for", "search",
               "searches", "searching for", "looked up", "looked for"],
    "cart": ["加购过", "加购了", "加购", "加过购物车", "加了购物车", "加入购物车", "加入了购物车", "加入过购物车",
             "放进购物车", "放入购物车", "放进了购物车", "added to cart", "added to their cart", "added to the cart",
             "add to cart", "added items to cart", "added items to their cart", "carted", "cart adds"],
    "favorite": ["收藏过", "收藏了", "收藏", "favorited", "favourited", "wishlisted", "bookmarked"],
    "share": ["分享过", "分享了", "分享", "转发过", "转发", "shared", "share", "shares"],
    "like": ["点赞过", "点赞了", "点赞", "点过赞", "liked"],
    "login": ["登录过", "登录了", "登录", "登陆过", "登陆", "登入", "上线过", "logged in", "log in", "login", "logins",
              "signed in", "opened the app"],
    # a visit in person (a gym, a store): the events of type checkin (签到, 到店 … at ingest)
    "checkin": ["签到过", "签到了", "签到", "到店过", "到过店", "到店了", "到店", "进店过", "进过店", "进店", "打卡过", "打过卡",
                "打卡了", "打卡", "入场过", "来签到过", "来签到", "来打卡过", "来打卡", "来过店里", "来店里", "来店", "checked in", "check in", "checks in", "check-in", "check-ins", "checkins",
                "visited the gym", "visited the studio", "visited the store", "came to the gym", "came to the studio",
                "came to the store", "came in to the gym", "gym visits", "store visits", "studio visits",
                # a salon's, a clinic's: "两个月没来到店", "booked but didn't come in"
                "来到店", "来到店里", "来过门店", "来门店", "到过门店", "到门店", "came in", "come in", "coming in",
                "showed up", "show up"],
    "booking": ["预约过", "预约了", "预约", "约过课", "约了课", "约课", "订过课", "订了课", "订课", "报名过", "报名了", "报名",
                "booked", "booked a class", "booked classes", "booked a session", "booked sessions", "made a booking", "made bookings", "made a reservation", "made reservations", "reserved",
                "bookings", "booking"],
    "any": ["访问过", "来过", "互动过", "visited", "engaged", "interacted"],
}
# A verb whose particle is "in", before a window that starts with "in" ("logged in this month",
# "checked in in the last 30 days" said once): the verb alone, so the window keeps its "in".
PARTICLE_IN_VERBS = {"login": ["logged", "log", "logs", "signed", "sign"], "checkin": ["checked", "check", "checks"]}
PARTICLE_IN_WINDOW = (r"(?=\s+in\s+(?:the\s+)?(?:this|last|past|previous|recent|prior|\d|"
                      r"(?:a|one|two|three|four|five|six|ten|twelve)\s+(?:days?|weeks?|months?|quarters?|years?)))")
# 点过 / 点了 a thing: ordered it in a restaurant (点过双人套餐), clicked it on a page; parse.py decides by
# the object and the data (meal_words.py)
DISH_VERBS = ["点过", "点了"]
# A service had (a salon, a gym, a clinic, a repair shop): 做过面部护理, 办过储值卡, "got a haircut", "had a
# facial" — ordering it, but only right before a thing of the orders or an interest (做过饭, "had
# complaints" stay not understood; service_words.py)
SERVICE_VERBS = ["做过", "做了", "来做过", "来做", "办过", "办了", "办理过", "办理了", "had", "got", "gotten",
                 "have had", "has had", "did", "have done", "has done"]
# "好久没来的", "很久没来了": coming in, i.e. ordering (a verb only right after the negation)
NOT_COME = r"(?<=没|未)来(?=的|了|啦|\s|$)"
# "didn't book", "never reserve": the bare verb only after a negation ("the book club" is no booking)
NOT_BOOK = r"(?:(?<=n't )|(?<=not )|(?<=never ))(?:book|reserve)(?![a-z])"
VERBS_OBJ_BEFORE = {
    "order": ["buyers", "purchasers", "shoppers who bought", "购买者", "购买人"],
    "cart": ["to cart", "to their cart", "to the cart", "to the shopping cart", "to their shopping cart",
             "into the cart", "into their cart", "to basket", "to their basket"],
}
# Ordering again ("复购过", "bought again", "repeat orders"): at least two orders (in the window, of
# the object). Negated ("没有复购", "never ordered again") it is at most one: no repeat order.
REPEAT_ORDER = ["复购过", "复购了", "回购过", "回购了", "再次购买过", "再次购买", "再次下单", "再次下过单", "二次购买", "重复购买",
                "二次下单", "复购用户", "复购客户", "回头客", "ordered again", "bought again", "purchased again", "reordered",
                "re-ordered", "repeat orders", "repeat order", "repeat purchases", "repeat buyers", "repeat buyer",
                # the people who did (复购顾客 is 复购用户, not the repurchase intent 复购)
                "复购顾客", "复购会员", "复购客人", "复购的用户", "复购的顾客", "复购的客户", "复购的会员", "回购用户", "回购客户",
                "回购顾客", "回购的顾客", "复购人数", "repeat customers", "repeat customer", "repeat clients",
                "placed another order", "placed a second order", "made another purchase", "made a second purchase",
                "came back to buy", "came back to order", "came back and bought", "ordered a second time",
                "bought a second time", "a second order", "second order"]
# (present tenses — "buy again", "reorder" — are the repurchase intent: "users likely to buy again")
# "again" after a verb and its object ("didn't order cat food again"): that deed at least twice
AGAIN = ["again", "once again", "a second time", "one more time"]
# Negations of a past deed: before a bare repurchase word ("没有复购", "didn't repurchase") they mean
# no repeat order, not "no repurchase intent" (which says 意向 / intent: "没有复购意向")
PAST_NEGATION = ["没有", "没", "未", "从未", "从没", "从来没有", "从来没", "未曾", "不曾", "还没", "还没有", "never", "didn't",
                 "didnt", "haven't", "havent", "hasn't", "hasnt", "hadn't", "hadnt", "not yet", "who never", "no",
                 "don't", "dont", "doesn't", "doesnt", "not"]
# After a verb, an object that is any thing ("but never bought anything", "但没买东西"): the verb does not take
# the object of the verb before it ("searched phones but didn't buy" = didn't buy phones)
ANY_OBJECT = ["anything", "anything at all", "something", "a thing", "any product", "any products", "any item",
              "any items", "任何东西", "任何商品", "任何产品", "东西", "过东西", "一样东西"]
# Negations that deny a deed at any time ("从来没买过", "never purchased"): a window said for another
# condition of the question does not apply to them ("本月加购过但从来没买过")
NEVER = ["从来没有", "从来没", "从未", "从没", "从来不", "never", "never have", "who never", "never ever"]
CART_ABANDON = ["弃购", "加购未买", "加购未付款", "加购没买", "abandoned cart", "abandoned carts", "cart abandoners",
                "cart abandonment", "abandoned their cart", "abandoned their carts"]
ACTIVE = ["活跃", "活跃的", "比较活跃", "很活跃", "active", "engaged users"]
# Not active: alone, the Dormant stage ("inactive users", "customers who have gone quiet"); with a window,
# no activity of any kind in it ("inactive for 14 days", "went quiet in the last 2 weeks", 两周没活跃)
INACTIVE = ["不活跃用户", "不活跃", "没活跃", "没有活跃", "没有任何活动", "没有活动", "没活动", "inactive", "inactive users",
            "inactive customers", "gone quiet", "went quiet", "gone silent", "went silent", "gone dark", "went dark",
            "no activity", "no activities", "without any activity", "zero activity", "not active"]
REGISTERED = ["注册的", "注册", "新注册", "刚注册", "新增用户", "新增的用户", "新增客户", "新增会员", "入会", "加入的", "registered", "signed up", "joined", "sign-ups",
              "signups", "sign ups"]

# Counts: "至少3次", "3+ times", "twice". Returns min (and max) through parse.py.
COUNT_UNIT_ZH = r"(?:次|回|遍)"
COUNT_UNIT_EN = r"(?:times?)"
COUNT_WORDS = {  # fixed words -> (min, max)
    (2, None): ["多次", "好几次", "反复", "屡次", "不止一次", "多回", "multiple times", "several times", "repeatedly",
                "more than once", "many times", "again and again", "a few times"],
    (3, None): ["经常", "频繁", "常常", "often", "frequently", "regularly"],
    # exactly one: "customers with only one booking", "只买过一次", "only ordered once"
    (1, 1): ["only one", "just one", "exactly one", "only once", "just once", "exactly once",
             "只有一次", "只一次", "仅一次", "仅有一次", "就一次"],
}
# Every order of one kind ("只订过机票", "only ever bought notebooks", "bought only flights"): the word for
# only, right before a buying verb or right after one (assemble._only_orders)
ONLY_BEFORE_ORDER = (r"(?:只|仅|仅仅|就只|只有)(?=\s*(?:在[^，。,?？]{1,12}?)?(?:下过|下单|买过|买了|购买过?|预[订定]过?|订过|订了|点过))"
                     r"|(?<![a-z])(?:only|exclusively)(?=\s+(?:ever\s+|have\s+|has\s+|had\s+)?(?:bought|booked|ordered|"
                     r"purchased|buy|book|order|purchase|buys|books|orders|purchases)(?![a-z]))"
                     r"|(?:(?<=bought )|(?<=booked )|(?<=ordered )|(?<=purchased ))only(?=\s)")
ORDER_NOUN_ZH = r"(?:单|笔订单|笔|个订单|次订单|张订单)"
ORDER_NOUN_EN = r"(?:orders|purchases)"

# --- time windows -----------------------------------------------------------------------------

UNIT_DAYS = {"天": 1, "日": 1, "周": 7, "星期": 7, "礼拜": 7, "月": 30, "个月": 30, "年": 365, "季度": 90,
             "day": 1, "days": 1, "week": 7, "weeks": 7, "fortnight": 14, "month": 30, "months": 30,
             "quarter": 90, "quarters": 90, "year": 365, "years": 365}
WINDOW_FIXED = {
    ("days", 30): ["最近", "近期", "近来", "最近一段时间", "recently", "lately", "of late", "recent", "past month"],
    ("days", 7): ["past week"],   # 上周 / last week: the calendar week before (LAST_WEEK)
    ("days", 365): ["去年以来", "last year", "past year"],
    ("days", 90): ["past quarter"],   # 上个季度 / last quarter: the calendar quarter before (LAST_QUARTER)
    ("this_week",): ["本周", "这周", "这个星期", "本星期", "这一周", "this week", "this week so far",
                    "since the start of the week", "since the beginning of the week", "本周以来", "这周以来"],
    ("this_month",): ["本月", "这个月", "当月", "这月", "本月内", "this month", "so far this month",
                      "month to date", "mtd", "this month so far", "since the start of the month",
                      "since the start of this month", "since the beginning of the month",
                      "since the beginning of this month", "since the first of the month", "since the 1st of the month",
                      "这个月初以来", "本月初以来", "月初以来", "这个月以来", "本月以来", "月初至今", "本月至今", "从月初开始",
                      "从这个月初开始", "这个月初到现在", "月初到现在"],
    ("this_quarter",): ["本季度", "这个季度", "这季度", "本季", "当季", "今季度", "this quarter", "so far this quarter",
                        "quarter to date", "qtd", "this quarter so far", "since the start of the quarter",
                        "since the start of this quarter", "since the beginning of the quarter",
                        "since the beginning of this quarter", "本季度初以来", "这个季度初以来", "季度初以来", "本季度以来",
                        "这个季度以来", "季初以来", "本季度至今"],
    ("this_year",): ["今年", "本年", "今年以来", "本年度", "this year", "so far this year", "year to date", "ytd",
                    "this year so far", "since the start of the year", "since the start of this year",
                    "since the beginning of the year", "since the beginning of this year", "since the new year",
                    "年初以来", "今年年初以来", "今年初以来", "本年初以来", "开年以来", "年初至今", "今年至今", "从年初开始",
                    "从今年年初开始", "今年年初到现在", "年初到现在"],
    ("last_year",): ["去年", "去年一年"],
    ("today",): ["今天", "今日", "today"],
    ("yesterday",): ["昨天", "昨日", "yesterday"],
}

# The calendar quarter before this one, first to last day (window kind last_quarter); "近一个季度" /
# "the past quarter" are the last 90 days
LAST_QUARTER = ["上个季度", "上季度", "上一季度", "上一个季度", "上个季", "前一个季度", "last quarter", "previous quarter",
                "the quarter before", "prior quarter", "last calendar quarter", "previous calendar quarter", "q-1"]

# The calendar month before this one, its first to last day (window kind last_month): operators read
# "上个月的订单数" as November's when it is December. "最近一个月" / "近30天" / "past month" / "in the last
# month" (with "the": tokens.py's "the last <unit>") are the last 30 days.
LAST_MONTH = ["上个月", "上月", "上一个月", "上一月", "上个自然月", "上一个自然月", "last month", "previous month",
              "the previous month", "prior month", "the prior month", "last calendar month", "the last calendar month",
              "previous calendar month", "the previous calendar month"]
# The calendar week before this one, Monday to Sunday (window kind last_week), as a weekly report reads
# it; "近一周" / "近7天" / "past week" / "in the last week" are the last 7 days.
LAST_WEEK = ["上周", "上一周", "上个星期", "上一个星期", "上星期", "上礼拜", "上个礼拜", "上一个礼拜", "last week",
             "previous week", "the previous week", "prior week", "the prior week", "last calendar week",
             "the last calendar week"]

# Months by name, for "since October", "in november", "10月以来", "11月份": the latest such month
# that has begun (today's month is this year's).
MONTHS_EN = {"january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4, "may": 5,
             "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sept": 9, "sep": 9,
             "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12}
MONTH_ZH = r"(?P<mon>1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])\s*月(?:份)?(?:\s*(?P<day>\d{1,2})\s*(?:日|号))?"
SINCE_AFTER_ZH = r"(?:以来|以后|之后|起|开始|后)"
BEFORE_AFTER_ZH = r"(?:以前|之前|前)"
IN_MONTH_ZH = r"(?:的|里|内|期间|中|当月|那个月|整月|销售|订单|消费|成交|营收|营业额|gmv|一共|总共|共有|有多少)"   # 11月的, 11月销售额, 11月一共
# Shopping festivals and holidays a window can be anchored to ("双十一以来", "since Black Friday",
# "618期间"): each name -> its key in date_anchors.py, which says on what day it falls
DATE_ANCHORS = {
    "singles_day": ["双十一", "双11", "双 11", "光棍节", "11.11", "double 11", "double eleven", "singles day",
                    "singles' day", "single's day"],
    "double_12": ["双十二", "双12", "双 12", "12.12", "double 12", "double twelve"],
    "618": ["618", "六一八", "6.18", "年中大促"],
    "black_friday": ["黑五", "黑色星期五", "black friday", "blackfriday"],
    "cyber_monday": ["网络星期一", "cyber monday"],
    "christmas": ["圣诞节", "圣诞", "christmas day", "christmas", "xmas"],
    "new_year": ["元旦", "new year's day", "new years day", "new year's", "new year"],
    "spring_festival": ["春节", "过年", "大年初一", "chinese new year", "lunar new year", "spring festival"],
    "valentines": ["情人节", "valentine's day", "valentines day", "valentine's"],
}
DATE_ANCHOR_EN = {"singles_day": "Singles' Day (11.11)", "double_12": "Double 12", "618": "the 618 sale",
                  "black_friday": "Black Friday", "cyber_monday": "Cyber Monday", "christmas": "Christmas",
                  "new_year": "New Year's Day", "spring_festival": "the Spring Festival", "valentines": "Valentine's Day"}
# Seasons and school holidays a window can be (seasons.py): key -> (first month, how many months, Chinese
# names, English names). Seasons are the northern hemisphere's meteorological ones (summer June to August,
# winter December to February); 暑假 is July and August, 寒假 January and February.
SEASONS = {
    "spring": (3, 3, ["春天", "春季"], ["spring"]),
    "summer": (6, 3, ["夏天", "夏季"], ["summer"]),
    "autumn": (9, 3, ["秋天", "秋季"], ["autumn", "fall"]),
    "winter": (12, 3, ["冬天", "冬季"], ["winter"]),
    "summer_holidays": (7, 2, ["暑假", "暑期"], ["summer holidays", "summer holiday", "summer vacation",
                                                "summer break", "school summer holidays"]),
    "winter_holidays": (1, 2, ["寒假"], ["winter holidays", "winter holiday", "winter vacation", "winter break"]),
}
# A bare "618" or "new year" is a date only next to these: "618以来", "618期间", "since new year"
ANCHOR_SINCE_ZH = r"(?:以来|以后|之后|开始|起|后)"
ANCHOR_BEFORE_ZH = r"(?:以前|之前|前)"
ANCHOR_DURING_ZH = r"(?:大促)?(?:期间|当天|那天|那一天|的时候|那几天|活动期间|活动)"
# "沉睡用户里以前消费最多的", "之前买过手机的": before a purchase or spend, "before" says nothing (at any time)
EARLIER_FILLER_ZH = (r"(?<![\d天日周月年度时期])(?:以前|之前|历史上|从前|过往)(?=\s*(?:的)?\s*(?:累计|总共|一共)?\s*(?:消费|花|下单|下过单|购买|"
                     r"买|订单))")
# "超过三个月没登录", "3个多月没下单": how long something has not happened
LONG_AGO_ZH = r"(?:超过|已经|已|有|整整|快|将近|差不多)"
# "注册不到一个月": the window is what the number says
UNDER_ZH = r"(?:不到|不足|未满|不满|少于|没到|没满)"

# "今年一单都没下", "一次都没买过": "not even one" before a negation, and the bare verb 下 (单) after it
NOT_EVEN_ONE = r"一\s*(?:(?:单|笔|次|件|样东西|个订单)?\s*(?:都|也)|(?:单|笔|件|样东西|个订单))(?=\s*(?:没|未|不))"
ORDER_AFTER_NEG = r"(?:(?<=没)|(?<=没有)|(?<=未)|(?<=从未))\s*(?:下|买)(?:过)?(?:单)?"

# --- logic ---------------------------------------------------------------------------------------

NEGATION = ["不是", "并非", "不属于", "不在", "没有", "没", "未曾", "从未", "从没", "从来没有", "从来没", "未", "不曾",
            "非", "不", "除了", "除去", "排除", "排除掉", "去掉", "剔除", "不包括", "不含", "不要",
            "not", "no", "non", "never", "without", "excluding", "exclude", "except", "except for", "but not",
            "other than", "apart from", "outside", "outside of", "isn't", "aren't", "don't", "doesn't", "didn't",
            "haven't", "hasn't", "hadn't", "wasn't", "weren't", "not in", "never have", "not yet",
            "dont", "doesnt", "didnt", "havent", "hasnt", "hadnt", "isnt", "arent", "wasnt", "werent",  # typed fast
            "none of", "who never", "minus", "remove", "drop",   # remove / drop: opening a follow-up (EXCLUDE)
            "拿掉", "去除", "除掉", "刨除", "刨去", "筛掉", "过滤掉", "leave out", "leaving out", "take out", "filter out",
            "rule out", "get rid of", "not the", "not those", "but not the",
            "forget", "forget about", "never mind", "nevermind", "scrap"]   # dropping a condition said before
NEGATION_AFTER = ["以外", "之外", "除外", "以外的", "之外的"]
# Words of liking between a negation and an interest: "不喜欢跑步", "不爱运动", "aren't into makeup",
# "not interested in beauty", "don't really like running", "no interest in camping": the negation
# denies the interest, as "not in Shanghai" denies the city
LIKING = ["喜欢", "爱", "热爱", "偏爱", "感兴趣", "关注", "玩", "太", "怎么", "大", "很", "是很", "对",
          "like", "likes", "love", "loves", "enjoy", "enjoys", "into", "interested", "interested in",
          "interest in", "care about", "care for", "keen on", "big on", "a fan of", "fans of", "really",
          "much", "particularly", "that", "so", "very", "all that", "at all"]
# After an interest, the words that deny it: "对户外没兴趣", "对跑步不感兴趣", "对美妆无感"
LIKING_NEG_AFTER = ["没兴趣", "没有兴趣", "没什么兴趣", "没啥兴趣", "不感兴趣", "不太感兴趣", "不怎么感兴趣", "不大感兴趣",
                    "兴趣不大", "无感", "不感冒", "不太感冒", "不怎么感冒"]
# A Chinese exclusion said after what it removes, at the end of a follow-up: "把上海的去掉", "上海的不要了",
# "上海的除外": the conditions before it, taken out of the previous audience
EXCLUDE_AFTER_ZH = (r"(?:去掉|去除|不要|排除掉|排除|剔除|除去|拿掉|除掉|刨除|筛掉|过滤掉|除外)"
                    r"(?=\s*(?:了|吧|呗|啊|呀|哈|吗|呢)*\s*(?:[.!?,~]*\s*$|,\s*(?:换成|改成|改为|换为|只要|要)))")
OR_WORDS = ["或者", "或是", "或", "还是", "要么", "or", "either", "/", "and/or"]

# --- high spend, aggregates and ratios -----------------------------------------------------------

# "Big spenders" is about money spent, not a consumption style: their lifetime order total reaches
# the line of an RFM monetary score of 4 (tools/profile/explicit.py MONETARY_SPEND), so the planner
# compiles it to "spent at least that much" and says the amount in its answer.
HIGH_SPEND = ["消费高", "消费很高", "消费较高", "消费比较高", "消费多", "消费很多", "消费金额高", "消费额高", "花钱多",
              "花钱很多", "花得多", "花钱大方", "出手大方", "高消费", "高消费人群", "高消费用户", "高消费客户", "消费大户",
              "大客户", "高价值用户", "高价值客户", "高价值", "big spenders", "big spender", "high spenders",
              "heavy spenders", "heaviest spenders", "top spenders", "biggest spenders", "largest spenders", "spend a lot", "spent a lot", "spends a lot", "spending a lot",
              "spend big", "high spend", "high-spend", "high spending", "high-spending", "high-value customers",
              "high value customers", "high-value users", "high value users", "most valuable customers",
              "valuable customers", "most valuable users", "whales", "优质客户", "优质用户",
              # shopaholics: people who buy a lot ("剁手党主要分布在哪些城市")
              "剁手党", "剁手族", "购物狂", "shopaholics", "shopaholic"]   # "best customers" rank by spend (RANK_BEST)

# A headcount noun after "each group" ("各个分群的人数", "每个城市的用户数"): the groups' own sizes, a
# question complete in itself (parse.continues_audience)
HEADCOUNT_NOUNS = {"人数", "用户数", "用户数量", "用户量", "人数规模", "规模", "总人数", "sizes", "size"}

# "High value" names the rule segment rule_high_value (RFM champions and loyal customers) when the
# database has it (segments.py): one meaning, the one `persona segments` shows. Without it, the words
# above read them as a spend line, and the answer says the amount.
HIGH_VALUE = ["高价值用户", "高价值客户", "高价值人群", "高价值会员", "高价值", "high-value customers", "high value customers",
              "high-value users", "high value users", "high-value", "high value"]

# Aggregates: an aggregate word with a metric noun ("平均客单价", "人均消费", "订单总数", "average age",
# "total spend"). Keys are spec.METRICS / spec.AGGREGATES.
METRIC_NOUN_ZH = {"order_value": ["订单金额", "每单金额", "单笔金额", "订单均价", "订单价值", "客单价", "每单消费", "每单"],
                  "spend": ["消费金额", "消费额", "消费", "花费", "花销", "支出", "购买金额", "销售额", "成交额", "营收"],
                  "order_count": ["订单数量", "订单数", "订单量", "下单次数", "下单数", "下单量", "购买次数", "订单"],
                  "age": ["年龄", "岁数", "年纪"]}
METRIC_NOUN_EN = {"order_value": ["order value", "order amount", "order size", "basket size", "basket value",
                                  "ticket size", "spend per order", "amount per order", "value per order"],
                  "spend": ["spend", "spending", "spent", "amount spent", "money spent", "revenue", "sales", "gmv",
                            "purchase amount", "lifetime value", "ltv", "amount", "amounts", "amount of orders",
                            "amount of the orders", "order amounts", "amount paid", "payments"],
                  "order_count": ["number of orders", "order count", "orders", "purchases", "number of purchases"],
                  "age": ["age"]}
AGG_BEFORE_ZH = {"avg": ["平均每人", "平均每个用户", "平均每位用户", "平均每位", "人均", "平均"],
                 "sum": ["总共", "一共", "累计", "合计", "总计", "总"]}
AGG_AFTER_ZH = {"avg": ["平均值", "平均数", "均值", "平均"], "sum": ["总和", "总计", "合计", "总量", "总数"],
                "median": ["中位数", "中位值", "中间值"]}
AGG_EN = {"median": ["median"], "avg": ["average", "avg", "avg.", "mean", "typical"],
          "sum": ["total", "sum of", "sum of the", "combined", "cumulative", "aggregate", "overall"]}
# Said alone, these already name an aggregate: (metric, agg) -> phrases.
METRIC_ALONE = {("order_value", "avg"): ["客单价", "笔均", "单均", "aov", "average order value",
                                        "average order size", "average basket"],
                ("age", "avg"): ["how old", "多大年纪", "平均多大", "平均几岁", "平均多少岁"],
                ("order_value", "median"): ["中位客单价", "订单金额中位数", "median order", "median basket"],
                ("age", "median"): ["中位年龄", "年龄中位数"],
                # "距离上次下单平均多少天", "on average how many days since a buyer's last order?"
                ("days_since_order", "avg"): [
                    "距离上次下单平均多少天", "距离上次下单平均有多少天", "距上次下单平均多少天", "距离上次购买平均多少天",
                    "平均多久没下单", "距离最近一次下单平均多少天", "距离上次下单的平均天数", "距上次下单的平均天数",
                    "days since a buyer's last order", "days since their last order", "days since the last order",
                    "days since last order", "days since last purchase", "days since their last purchase",
                    "days since a customer's last order", "days since the latest order"],
                ("spend", "avg"): ["lifetime value", "customer lifetime value", "ltv", "clv", "average total spend",
                                   "avg total spend", "average lifetime spend", "average spend per customer",
                                   "average spend per user", "平均消费总额", "平均累计消费"],
                # "人均下单几次": 下单 alone is no noun (累计下单5次 is a count of orders), only after 人均
                ("order_count", "avg"): ["人均下单", "平均每人下单", "平均每个用户下单", "平均下单", "orders per user",
                                         "orders per customer", "orders per buyer", "orders per member",
                                         "average number of orders"],
                ("spend", "sum"): ["消费总额", "总消费额", "总消费", "订单总额", "订单总金额", "总金额", "销售总额", "销售额",
                                   "成交额", "成交总额", "营业额", "营收", "revenue", "sales", "sales revenue", "turnover",
                                   "gmv", "total revenue", "total sales", "花了多少钱", "消费了多少钱", "花了多少",
                                   "消费了多少", "花费了多少", "sales",
                                   # what sells: "哪个品牌卖得好", "which brands sell the most", "best-selling brands"
                                   "卖得好", "卖得最好", "卖得更好", "卖的好", "卖的最好", "卖得多", "卖得最多", "卖得最火",
                                   "卖得火", "畅销", "最畅销", "热销", "最热销", "sell the most", "sells the most", "sell best",
                                   "sells best", "sell better", "sells better", "sell more", "sells more", "卖得更多",
                                   "selling the most", "best selling", "best-selling", "top selling", "top-selling",
                                   "sold the most", "sold best", "sold better", "sold more", "best sellers", "bestselling",
                                   "best-sellers",
                                   # and what sells least: "哪个月卖得最少", "worst-selling brands" (the smallest first)
                                   "卖得最少", "卖得最差", "卖得少", "卖得差", "卖的最少", "卖的最差", "sold the least",
                                   "sells the least", "sell the least", "worst selling", "worst-selling",
                                   # the money a kind of goods brought in: "上个月手机卖了多少钱"
                                   "卖了多少钱", "卖出多少钱", "卖出了多少钱", "卖了多少金额", "销售了多少钱", "卖了多少",
                                   "卖了几多钱", "how much did we sell", "how much have we sold", "how much we sold",
                                   # the money a product brought in ("how much did Europe tours bring in"), never
                                   # "add people" (WIDEN)
                                   "bring in", "brings in", "brought in", "bringing in"],
                # 销量: how many were sold, i.e. the orders ("销量前十的商品", "哪个品牌销量最高")
                ("order_count", "sum"): ["销量", "销售量", "销量最高", "销量最好", "销量高", "units sold", "number sold",
                                         "sold the most units"]}
# The shop's own figures: after a ranking of users, said with no word pointing back ("上个月的销售额" after
# "消费最高的前5个会员"), they are the whole shop's, not the ranked users' (parse._Reader._audience);
# "他们上个月的销售额" / "their sales" stay with the ranked users
# (so are the orders counted: "一共多少订单", "how many orders were placed")
SHOP_FIGURE_WORDS = ["销售额", "销售总额", "营业额", "营收", "成交额", "成交总额", "gmv", "revenue", "total revenue",
                     "sales", "total sales", "sales revenue", "turnover"]
# "how many orders were placed in November", "上个月一共有多少订单", "金卡会员一共下了多少单": the orders
# counted (the sum of order_count), not the users who placed them
ORDER_TOTAL_ZH = (r"(?:(?:一共|总共|共|总计|合计)\s*)?(?:有|产生了?|下了|成交了?|卖出?了?)?\s*(?:多少|几)\s*(?:个|笔|张|单)?\s*"
                  r"(?:订单|单子)"
                  r"|(?:订单|单子)\s*(?:数量|总数|数|量)?\s*(?:一共|总共|共|总计)?\s*(?:有|是)?\s*(?:多少|几)\s*(?:个|笔|张|单)?"
                  # what was sold, counted by the piece ("iPhone 16 一共卖了几台", "平板电脑卖了多少台"): one order each
                  r"|(?:一共|总共|共)?\s*(?:下了|成交了?|卖出?了?|售出了?|销售了?)\s*(?:多少|几)\s*(?:单|笔|台|件|个|部|只|份|套|副|块)"
                  # 销量 / 销售量: the orders ("手机的销量", "华为和小米的手机销量对比一下")
                  r"|销量|销售量|销售数量"
                  # "宠物用品上个月的订单数", "10月的订单量": the order count named, ending the question
                  r"|(?:订单|单子)\s*(?:总数|数量|数|量)(?=\s*(?:是多少|有多少|多少|呢)?\s*[?？。!！]*\s*$)")
# "how many tablets did we sell", "number of phones sold last month": the orders of what was sold (a count before it)
SOLD_EN = (r"(?<![a-z])(?:(?:did|do|have|has)\s+(?:we|you|they|the\s+(?:shop|store))\s+(?:sell|sold)"
           r"|(?:were|was|have\s+been|has\s+been|got|get)\s+sold|(?:we|you|they)\s+(?:sold|sell)|sold)(?![a-z])")
ORDER_TOTAL_EN = (r"(?<![a-z])(?:how\s+many|the\s+number\s+of|number\s+of|count\s+of)\s+(?:orders|purchases)"
                  r"(?:\s+(?:were|was|have\s+been|did\s+(?:we|they|you)))?(?:\s+(?:placed|made|received|booked|get|got"
                  r"|make|place|receive|have))?(?![a-z])")
# "how many pet orders last month", "number of outdoor gear orders in October": the orders of a category
# counted, the category between the count and the noun (assemble.Assembly._figure_kinds)
ORDER_NOUN_EN = r"(?<![a-z])(?:orders|purchases)(?![a-z])"
ORDER_COUNT_BEFORE_EN = r"(?<![a-z])(?:how\s+many|number\s+of|count\s+of|total)(?![a-z])"
# "how many purchases did gold members make": the verb the question ends on
ORDER_TOTAL_TAIL_EN = r"(?<![a-z])(?:make|place|get|receive)\s*\??\s*$"
# "how much did they spend": a question for an amount, and the bare spend word it is about
AMOUNT_QUESTION = ["花多少钱", "花多少", "多少钱", "多少岁", "几岁", "多大", "多大岁数", "几次", "多少次", "几单", "多少单", "how much money", "how much"]
SPEND_WORD = ["spend", "spent", "spending", "消费了", "花了", "花费了", "消费", "消费金额", "消费额", "花费", "花销"]
# ... but a consumer is no amount: these stay filler ("上海的消费者")
NOT_SPEND_WORD = ["消费者", "消费群体", "消费人群"]
# "on average" says nothing more than the aggregate word it comes with
AVERAGE_FILLER = ["on average", "on the average", "平均来看", "平均而言", "平均来说"]
# "人均消费最高的城市": ranking groups by a figure is not something the planner does
RANK_WORDS = ["最高", "最低", "最多", "最少", "highest", "lowest", "the most", "the least", "most", "least", "top"]
# "平均消费 per user" is the same as 人均: these trail an English metric without changing it
PER_USER_EN = r"(?:\s+per\s+(?:user|customer|person|member|head|buyer|shopper))?"

# Rankings of single users by a figure ("消费最高的前10个用户", "top 10 users by total spend"): a
# figure word with "highest" (RANK_BY_*), and how many (RANK_TOP_*; 10 when not said). Keys are
# (metric, agg) of spec.METRICS: spend = a user's total order amount, order_count = their orders,
# order_value = their average order amount.
RANK_METRIC_ZH = {("spend", "sum"): ["gmv", "ltv", "累计消费金额", "消费总额", "消费金额", "累计消费", "总消费", "消费额", "消费", "花钱",
                                    "花费", "花销", "支出", "购买金额", "花的钱"],
                  ("order_count", "sum"): ["下单次数", "订单数量", "订单数", "订单量", "购买次数", "下单数", "下单", "买得",
                                           "购买"],
                  ("order_value", "avg"): ["aov", "平均客单价", "客单价", "平均订单金额", "平均每单金额", "每单金额", "平均每单"],
                  ("last_order", "max"): ["最近一次下单时间", "最近下单时间", "最后下单时间", "下单时间", "最近一次购买时间",
                                          "最近购买时间", "最后购买时间", "购买时间"]}
RANK_METRIC_EN = {("spend", "sum"): ["total spend", "total spending", "lifetime spend", "lifetime value", "spend",
                                    "spending", "amount spent", "money spent", "revenue", "ltv", "gmv", "total amount",
                                    "sales", "total sales"],
                  ("order_count", "sum"): ["number of orders", "order count", "orders", "purchases", "number of purchases"],
                  ("order_value", "avg"): ["average order value", "avg order value", "aov", "order value",
                                           "average basket"],
                  ("last_order", "max"): ["most recent order", "latest order", "last order", "last order date",
                                          "latest order date", "most recent purchase", "latest purchase",
                                          "last purchase", "last purchase date", "order date", "purchase date",
                                          "recency"]}
# Which end comes first ("按消费金额从高到低排列", "sorted by orders, highest first"): the highest is the
# default; RANK_ASC puts the lowest first ("从低到高", "lowest first"). With no figure said, a ranking
# just shown is re-ordered, else the planner asks by what.
RANK_DESC = ["从高到低", "由高到低", "从大到小", "由大到小", "从多到少", "由多到少", "从近到远", "由近及远", "从新到旧",
             "降序", "倒序", "highest first", "high to low", "from high to low", "highest to lowest",
             "from highest to lowest", "biggest first", "largest first", "most first", "most recent first",
             "newest first", "latest first", "descending", "in descending order", "descending order"]
RANK_ASC = ["从低到高", "由低到高", "从小到大", "由小到大", "从少到多", "由少到多", "升序", "倒数", "lowest first",
            "low to high", "from low to high", "lowest to highest", "from lowest to highest", "smallest first",
            "least first", "fewest first", "ascending", "in ascending order", "ascending order"]
RANK_LOW_ZH = r"(?:最低|最少|最小|垫底|排名靠后|排名最后)"
# A breakdown or a figure per group asked for its largest or smallest group ("哪个月的销售额最高", "用户最多的城市",
# "which city has the fewest users"): one group, unless several are asked for (哪些, 前三, "which months")
GROUP_HIGH = r"最高|最多|最大|最好|最火|最畅销|(?<![a-z])(?:highest|most|biggest|largest|best|top)(?![a-z])"
GROUP_LOW = r"最低|最少|最小|最差|最冷清|(?<![a-z])(?:lowest|fewest|least|smallest|worst)(?![a-z])"
# or the groups sorted ("biggest first", 从多到少, 排名), or groups said in the plural after the superlative
# ("best-selling brands", "most searched terms")
GROUPS_MANY = (r"哪些|哪几|前\s*[\d两三四五六七八九十]|(?<![a-z])(?:which|what|top)\s+(?!was\b|is\b|has\b|does\b|class\b)"
               r"[a-z]+s(?![a-z])|(?<![a-z])top\s+\d|从.{1,2}到|降序|升序|排前面|排序|排名|排行"
               r"|(?<![a-z])(?:first|ranking|ranked|sorted)(?![a-z])"
               r"|(?<![a-z])(?:best|top|most|highest|biggest|largest)[\s-]+(?:[a-z]+[\s-]+)?(?:items|products|brands|terms"
               r"|keywords|cities|stores|shops|months|categories|searches|interests|groups|segments|levels)(?![a-z])")
# 最少 / 最低 said of a group: its smallest first (a word of its own, as SORT_FILLER's 最多 is)
SORT_LOW_FILLER = ["最少", "最低", "最小", "lowest", "fewest", "the fewest", "the lowest", "the least", "smallest"]
SORT_VERB_ZH = r"(?:排个序|排一下序|排下序|排序一下|排一下|排一排|排名|排序|排行|排列|排)"
# "倒数10名", "末尾5位"; "bottom 10": how many, from the lowest
RANK_BOTTOM_ZH = r"(?:倒数|末尾|最后)\s*(?:前\s*)?(?P<n>{num})\s*(?:个|位|名)"
RANK_BOTTOM_EN = r"(?<![a-z])bottom\s*(?P<n>{num})(?![a-z0-9])"


def _spenders(superlative: str) -> str:
    """"our 20 biggest spenders", "lowest spenders", "the 10 lowest-spending customers" ({num}: a number)."""
    return (rf"(?<![a-z])(?:(?P<n>{{num}})\s+)?(?:{superlative})(?:\s+(?P<n3>{{num}})(?:\s*%\s+of)?)?[\s-]+"
            r"(?:spenders?|spending(?:\s+(?:customers|users|shoppers|buyers|members))?)(?:\s+(?P<n2>{num})(?![a-z0-9]))?")


def _by_amount(superlative: str) -> dict:
    """"the 5 users who spent the most", "placed the fewest orders": metric -> pattern."""
    return {"spend": rf"(?<![a-z])(?:spent|spend|spends|spending)\s+the\s+{superlative}(?:\s+money)?(?![a-z])",
            "order_count": rf"(?<![a-z])(?:(?:placed|made|have|has|had|with)\s+the\s+{superlative}\s+(?:orders|purchases)"
                           rf"|(?:ordered|bought|purchased)\s+the\s+{superlative})(?![a-z])"}


RANK_LOW_SPENDERS_EN = _spenders("lowest|smallest|least|bottom|lightest")
RANK_LEAST_EN = _by_amount("(?:least|fewest)")
# When users last ordered, with how many ("最近下单的20个用户", "the 10 most recent buyers", "who ordered most
# recently"): a ranking by the latest order. "最近下单的用户" without a number stays "ordered in the last 30 days".
RANK_RECENT_ZH = (r"(?:最近|最新|最后)\s*(?:一次)?\s*(?:下单|下过单|下了单|购买过?|买过东西|买了东西|买过|消费过)\s*的\s*"
                  r"(?=(?:前\s*)?{num}\s*(?:个|位|名))")
RANK_RECENT_EN = (r"(?<![a-z])(?:ordered|bought|purchased|shopped|placed\s+an?\s+order|made\s+a\s+purchase)\s+(?:the\s+)?"
                  r"most\s+recently(?![a-z])"
                  r"|(?<![a-z])(?:(?P<n>{num})\s+)?(?:most\s+recent|latest)(?:\s+(?P<n2>{num}))?\s+(?:buyers|purchasers)(?![a-z])"
                  r"|(?<![a-z])(?:with|have|has|had)\s+the\s+(?:most\s+recent|latest|newest)\s+(?:orders?|purchases?)(?![a-z])")
RANK_HIGH_ZH = r"(?:最高|最多|最大|排名靠前|排名|排行|排前|前列|top)"
RANK_HIGH_EN = r"(?:highest|top|biggest|largest|most)"
# "消费最高的前10个用户", "前五名", "10位用户"; "top 10", "the 20 biggest spenders"
RANK_TOP_ZH = (r"(?:前|top\s*)\s*(?P<n>{num})\s*(?:个|位|名)?|(?P<n2>{num})\s*(?:个|位|名)(?=\s*(?:用户|客户|顾客|会员|买家|人|$|[,.?!]))"
               r"|第\s*(?P<n3>一|1)(?:\s*(?:名|位))?(?!\s*(?:次|单|笔|件|天|周|个|月|年|季))"   # 第一(名): the top one
               r"|哪\s*(?P<n4>{num})\s*(?:个|位|名)")   # 哪5个金卡会员消费最高
RANK_TOP_EN = r"(?<![a-z])top\s*(?P<n>{num})(?![a-z0-9])"
# "biggest spenders" with a number: the spend ranking ("our 20 biggest spenders")
RANK_SPENDERS_EN = _spenders("biggest|top|highest|largest|heaviest")
# The biggest single orders ("最贵的一笔订单是谁下的", "金额最高的5笔订单", "the most expensive order", "our 3 biggest
# orders"): users ranked by their largest order, each with what it was ({num}: a number; none: the one order)
RANK_TOP_ORDER_ZH = (r"(?:最贵|最大|金额最高|金额最大|最高|最多钱)\s*的?\s*(?:(?P<n>{num})|一)?\s*(?:笔|单|张|个)?\s*"
                     r"(?:订单|单子|单(?![价品]))")
RANK_TOP_ORDER_EN = (r"(?<![a-z])(?:(?P<n>{num})\s+)?(?:most\s+expensive|biggest|largest|priciest|highest[\s-]+value|"
                     r"highest)\s+(?:(?P<n2>{num})\s+)?(?:single\s+)?(?:orders?|purchases?)(?![a-z])")
# "the top spender", "each city's biggest spender", "the highest-spending customer": one user (plural: no
# number, the default)
RANK_SPENDER_EN = (r"(?<![a-z])(?:(?:biggest|top|highest|largest|heaviest|number\s+one|no\.?\s*1|#\s*1)[\s-]+spender"
                   r"(?P<one>)(?![a-z])"
                   r"|(?:highest|top|biggest|most)[\s-]+spending\s+(?:customer|user|shopper|buyer|member|person)"
                   r"(?:(?P<many>s)|(?P<single>))(?![a-z]))")
# "who are our best customers", "our 10 most valuable users", "最好的客户": the top users by total spend
RANK_BEST = (r"(?:(?<![a-z])(?:(?P<n>{num})\s+)?(?:best|most\s+valuable|best[\s-]+performing)(?:\s+(?P<n2>{num}))?\s+"
             r"(?:customers?|users?|buyers?|clients?|shoppers?|members?)(?![a-z])"
             r"|(?:最好|最佳|最优质|最有价值|最优秀|顶级)的?\s*(?P<n3>{num})?\s*(?:个|位|名)?\s*(?:客户|用户|顾客|会员|买家))")
# "which 10 customers placed the most orders", "the 5 users who spent the most"
RANK_MOST_EN = _by_amount("most")
# A question for one user ("哪位金卡会员的客单价最高", "which customer spent the most"): without a
# number, the ranking is of one
RANK_ONE = (r"哪\s*一?\s*位|(?:哪|那)\s*一?\s*个\s*(?:用户|客户|顾客|会员|人|买家)|那\s*位|(?<![a-z])which\s+(?:single\s+|one\s+)?"
            r"(?:customer|user|member|shopper|buyer|person|client)(?![a-z])")
RANK_WHICH_EN = (r"(?<![a-z])(?:which|the|our|first)\s+(?P<n>{num})(?=\s+(?:[a-z0-9-]+\s+){{0,3}}?"
                 r"(?:users|customers|members|people|shoppers|buyers))")   # "which 5 gold members"

# Ratios: how many of a base audience also satisfy the rest. The base is what comes before
# 里/中/当中 (男性用户里…的比例), after 占 (女性占高端用户的比例), after "among" / "out of", or in
# English between "what share of" and the last "are/is/have" (what share of women in Shanghai ARE
# gold members); with no marker it is every user.
RATIO = ["的比例", "比例", "的占比", "占比", "比重", "百分比", "占多少", "占几成", "有多大比例", "多大比例", "多少比例",
         "百分之多少", "占百分之多少", "百分之几", "占百分之几", "几成", "what share of", "what percentage of", "what percent of",
         "what proportion of", "what fraction of", "what % of", "share of", "percentage of", "percent of",
         "proportion of", "fraction of", "% of", "how many percent of", "ratio of", "the share", "the percentage",
         "the proportion", "what share", "what percentage", "what percent", "what proportion", "what fraction"]
# The orders as the figure a part holds a share of ("what % of orders come from gold members", "金卡会员的订单占比",
# 订单中有多少来自金卡会员), not "placed an order" (assemble._measure: a share of a figure)
SHARE_OF_ORDERS = [r"(?:(?<=share of )|(?<=percent of )|(?<=percentage of )|(?<=% of )|(?<=proportion of )"
                   r"|(?<=fraction of )|(?<=how much of )|(?<=how many of ))(?:all |total |our |the )?(?:orders|purchases)"
                   r"(?![a-z])",
                   r"订单(?:数量|数|量)?(?=\s*(?:的?占比|的?比例|比重|占全部|占总|中有?多少|里有?多少|有多少比例|来自))"]
# Orders per user: "各会员等级平均每人下几单", "人均下了几单", "平均每个用户买了多少次" (the number of orders ÷ users);
# said around the people: "平均每个下过单的用户下了几单" (PER_USER_LEAD_ZH … ORDERS_ASKED_ZH)
ORDERS_PER_USER_ZH = (r"(?:平均每(?:个|位|名)?(?:人|用户|客户|顾客|会员|买家)|人均|平均)\s*(?:都|会)?\s*(?:下|买|订|购买)了?"
                      r"\s*(?:几|多少)\s*(?:单|次|笔)")
PER_USER_LEAD_ZH = r"平均每(?:个|位|名)(?=[^，,。？?]{1,16}?(?:下|买|订|购买)了?\s*(?:几|多少)\s*(?:单|次|笔))"
ORDERS_ASKED_ZH = r"(?<=[\u4e00-\u9fff])(?:下|买|订|购买)了?\s*(?:几|多少)\s*(?:单|次|笔)"
# A part's share of the whole figure: "贡献了多少销售额" asks the part's figure (the answer gives its share too)
SHARE_VERBS = ["贡献了", "贡献", "contributed by", "contributed", "contribute", "account for", "accounted for",
               "accounts for"]
BASE_BEFORE_ZH = r"(?:用户|客户|顾客|会员|人群|群体|的人|人)?(?:里面|里|当中|之中|中间|中)"
BASE_AFTER_ZH = r"占"
BASE_AMONG_EN = r"(?<![a-z])(?:among(?:st)?|out\s+of(?:\s+all)?|of\s+all)(?![a-z])"
BASE_COPULA_EN = r"(?<![a-z])(?:are|is|were|was|have|has)(?![a-z])"
BASE_RELATIVE_EN = r"(?<![a-z])(?:who|that|with|whose|having)(?![a-z])"

# --- what to show -----------------------------------------------------------------------------

COUNT_OUTPUT = ["有多少个", "有多少位", "有多少人", "有多少名", "有多少", "多少个", "多少位", "多少人", "多少名", "多少",
                "有几个", "有几位", "几个人", "几个", "几位", "人数", "数量", "总数", "总人数", "计数", "统计人数",
                "how many", "number of", "count of", "count",
                "还剩多少", "还剩几个", "around how many", "approximately how many", "还剩多少人", "剩多少", "剩下多少", "剩下的有多少", "how many are left", "how many remain", "total number of", "how much of", "headcount",
                "用户数量", "用户数", "客户数", "会员数", "user count", "number of users", "number of customers",
                # "想退款的用户最近多吗", "他们喜欢玩游戏的多吗", "are there many?": whether there are many is how many
                "多吗", "多不多", "人多吗", "人多不多", "are there many", "are there a lot", "is it a lot"]
GROUP_WORDS = {
    "segment": (["分群", "人群包", "细分人群", "客群"], ["segment", "segments"]),
    "city": (["城市", "地区", "地域", "各地", "城"], ["city", "cities", "location", "locations", "region", "regions"]),
    "gender": (["性别", "男女"], ["gender", "sex"]),
    "age_band": (["年龄段", "年龄层", "年龄分层", "年龄"], ["age group", "age groups", "age band", "age bands",
                                                   "age bracket", "age brackets", "age range", "ages", "age"]),
    "member_level": (["会员等级", "会员级别", "会员层级", "会员类型", "等级"],
                     ["membership level", "membership levels", "member level", "member levels", "membership tier",
                      "membership tiers", "membership", "member tier", "loyalty tier",
                      "level", "levels"]),   # "members by level": the membership level
    "city_tier": (["城市等级", "城市级别", "城市线级", "线级", "几线城市"], ["city tier", "city tiers", "tier", "tiers"]),
    "lifecycle": (["生命周期阶段", "生命周期", "生命周期状态", "阶段"],
                  ["lifecycle stage", "lifecycle stages", "lifecycle", "life cycle", "stage", "stages"]),
    "consumption": (["消费类型", "消费特征", "消费偏好", "消费层级", "消费画像"],
                    ["consumption type", "consumption profile", "spending type", "spending profile", "shopper type"]),
    "interest": (["兴趣爱好", "兴趣", "爱好"], ["interest", "interests", "hobby", "hobbies"]),
    "complaint_aspect": (["抱怨点", "槽点", "不满点", "投诉点", "痛点"],
                         ["complaint topics", "pain points", "complaints", "complaint aspects"]),
    # the store an order was placed at (orders.store): a user is in each store they bought at
    "store": (["门店", "店铺", "分店", "店面", "店"], ["store", "stores", "branch", "branches", "shop", "shops",
                                                "outlet", "outlets"]),
    # the brand of an order (orders.brand): each brand's buyers, orders and sales
    "brand": (["品牌", "牌子"], ["brand", "brands"]),
    # the product of an order (orders.product): "top 5 products by sales", "销量前十的商品"; a travel agency's
    # destination is what its products name (日本自由行 东京大阪7天, "Europe tour 10 days Paris-Rome")
    "product": (["商品", "产品", "单品", "货品", "目的地", "旅游目的地"],
                ["products", "product", "items", "item", "destinations", "destination"]),
    # the category of an order as the data names it (orders.category): "sales by category", "哪个品类卖得最好",
    # each category's buyers, orders and sales — seafood too, which the taxonomy has no interest for
    "category": (["商品品类", "商品类目", "品类", "类目"], ["product categories", "product category", "categories",
                                                  "category"]),
    # the kind of goods of an order (orders.interest_id): what the audience buys, each kind's buyers, orders and sales
    "bought_interest": (["购买品类", "购买的品类", "买的品类"], ["categories bought", "category bought", "categories they buy"]),
    # the month an order was placed in: "今年哪个月的销售额最高", "which month had the most orders" (a figure per
    # period said as a series, "sales by month", is a trend: TREND_PER)
    "month": (["月份"], ["month", "months"]),
    # when in the week and the day an order was placed (order_times.py): "周几下单最多", "orders by time of day"
    "day_of_week": (["星期几", "周几", "礼拜几"], ["day of the week", "days of the week", "day of week", "weekdays and weekends"]),
    "time_of_day": (["下单时段", "时间段", "时段", "几点"], ["time of day", "times of day", "time of the day", "hour of day",
                                                   "part of the day", "parts of the day"]),
}
# "周几下单最多", "what time of day do people order most", "工作日 vs 周末": the orders per day of the week, per part
# of the day, on weekdays against weekends (group, pattern)
_USUALLY_ZH = r"(?:大家)?(?:一般|通常|平时|平常|大多|大都|大多数|都|最常|经常)?\s*"   # 大家一般几点下单: everyone, usually
TIME_BREAKDOWNS = [
    ("weekpart", r"(?:工作日|平日)\s*(?:vs\.?|or|和|与|跟|对比|比|还是|或)\s*(?:周末|双休日)"
                 r"|(?:周末|双休日)\s*(?:vs\.?|or|和|与|跟|对比|比|还是|或)\s*(?:工作日|平日)"
                 r"|(?<![a-z])(?:weekdays?\s+(?:vs\.?|versus|and|or|against|compared\s+(?:to|with))\s+weekends?"
                 r"|weekends?\s+(?:vs\.?|versus|and|or|against|compared\s+(?:to|with))\s+weekdays?)(?![a-z])"),
    ("day_of_week", rf"{_USUALLY_ZH}(?:周几|星期几|礼拜几)|(?:哪天|哪一天)(?=[^？?]*(?:下单|订单|买|销售|消费))"
                    r"|(?<![a-z])(?:what|which)\s+(?:day\s+of\s+(?:the\s+)?week|days?)(?![a-z])(?=.*(?:order|buy|bought|shop|sales|sell|spend))"),
    ("time_of_day", rf"{_USUALLY_ZH}(?:什么时候|什么时间|几点钟?|哪个时段|什么时段)(?=[^？?]*(?:下单|订单|买|销售|消费))"
                    r"|(?<![a-z])(?:what|which)\s+(?:time\s+of\s+(?:the\s+)?day|times?|hours?)(?![a-z])"
                    r"(?=.*(?:order|buy|bought|shop|sales|sell|spend))"),
]
# 商品 / 产品 as the product group stands after a word of its own (的, 按, 哪些, 前十, a number) or no Chinese at all:
# after other Chinese it ends a kind of goods (数码产品, 电子产品)
PRODUCT_WORD_BEFORE_ZH = r"(?:(?<=[的按些个款种哪前名十两三四五六七八九百])|(?<![\u4e00-\u9fff]))"
# "哪个月", "哪几个月": the months (月 alone is no group word: 三个月, 上个月 are windows)
WHICH_MONTH_ZH = r"哪\s*(?:一|几)?\s*个\s*月(?:份)?"
# "这些人还喜欢买什么", "what else do they buy": the kinds of goods the audience's orders are of
BOUGHT_WHAT = ["还喜欢买什么", "喜欢买什么", "还喜欢买些什么", "都喜欢买什么", "还买什么", "还买了什么", "都买什么", "都买了什么",
               "买了什么", "买些什么", "都买些什么", "买了哪些东西", "都买了哪些东西", "买什么", "买的什么", "买的是什么",
               "买的啥", "买了啥", "what else do they buy",
               "what else did they buy", "what do they buy", "what did they buy", "what else do they like to buy",
               "what do they like to buy", "what they buy", "what they bought", "what else they buy"]
# "买什么品类", "哪类商品", "what categories do they buy": the orders' own categories (orders.category)
WHAT_CATEGORY = (r"(?:(?:主要|都|还|最常|经常|最爱|喜欢)?\s*买(?:了|的是|的)?\s*)?(?:什么|啥|哪类|哪种|哪一类|哪些)\s*(?:商品)?(?:品类|类目)|哪类商品|哪一类商品"
                 r"|(?<![a-z])what\s+(?:kinds?\s+of\s+|product\s+)?categor(?:y|ies)(?![a-z])")
# A group word asked as a column of the list, not as groups ("list them with their member level", "show their
# cities too", "把他们的会员等级列出来", "列出这些人和他们的城市", "各自的会员等级"): the users, each with it.
# ({gw_zh} / {gw_en}: the group words; city, gender and age are in every list already.)
LIST_COLUMN_GROUPS = ("member_level", "city_tier", "lifecycle", "consumption", "city", "gender", "age_band")
_NOT_GROUPS_ZH = r"(?!\s*的?\s*(?:分布|分组|划分|拆分|拆开|细分|切分|分开|占比|构成|统计|排名|排行|来看|比例|情况))"
LIST_COLUMN_PATTERNS = [
    r"(?<![a-z])(?:with|plus|along\s+with|together\s+with|including|and)\s+(?:their|the|his\s+or\s+her|"
    r"each\s+(?:one|user|person)'?s)\s+{gw_en}(?:\s+(?:too|as\s+well|also))?(?![a-z])",
    r"(?<![a-z])(?:show|list|add|include|give|display|put)\s+(?:me\s+)?(?:their|the|a)\s+{gw_en}\s+"
    r"(?:too|as\s+well|also|column|next\s+to\s+(?:them|each|their\s+names?))(?![a-z])",
    r"(?<![a-z])(?:also\s+)?(?:add|include)\s+(?:their|a)\s+{gw_en}(?:\s+column)?(?![a-z])",
    r"(?<![按据照以分各每])(?<!不同)(?<!不同的){gw_zh}\s*(?:也|都)?\s*(?:一起|一并|一块)?\s*(?:列出来|列出|列一下|列上|"
    r"显示出来|显示一下|标出来|标一下|标上|写出来|带上|附上|展示出来)",
    r"(?:列出|列一下|列上|显示|带上|附上|连同|外加|以及|和|及|跟)\s*(?:他们|她们|各自|每个人|每位|每人|这些人|这些用户)?\s*的\s*"
    r"{gw_zh}" + _NOT_GROUPS_ZH,
    r"(?:带上|附上|连同|加上)\s*{gw_zh}" + _NOT_GROUPS_ZH,
    r"(?:各自|每个人|每位|每人|分别)的\s*{gw_zh}" + _NOT_GROUPS_ZH,
    r"{gw_zh}\s*(?:分别|各自)\s*是(?:什么|啥|多少|哪个|哪些|几)",
]
# "列出他们的名字和年龄", "list their names and ages": the users, whose list shows name, gender, age and city anyway
LIST_NAMES = (r"(?:(?:列出|列一下|列下|显示|给我|看看|看下)\s*(?:他们|她们|这些人|这些用户|这些客户)?\s*的?\s*(?:名字|姓名)"
              r"(?:\s*(?:和|及|以及|跟|还有|、|，|,)\s*(?:年龄|性别|城市|名字|姓名))*"
              r"|(?<![a-z])(?:show|list|give\s+me|get)\s+(?:me\s+)?(?:their|the)\s+names?"
              r"(?:\s*(?:,|and|&|plus)\s*(?:their\s+)?(?:ages?|genders?|cities|city))*(?![a-z]))")
# "pls copy their user ids", "copy that list", "复制他们的用户ID": the users listed (copy of a list is no marketing copy)
LIST_IDS = (r"(?<![a-z])(?:copy|grab|give\s+me|send\s+me|export)\s+(?:me\s+)?(?:all\s+)?(?:of\s+)?(?:their|the|those|these|that|this)"
            r"\s+(?:(?:user|customer)\s+)?(?:ids?|list|user\s+list|users)(?![a-z])"
            r"|(?:复制|拷贝)(?:一下)?\s*(?:他们|她们|这些人|这些用户|这份|这个)?\s*的?\s*(?:用户)?\s*(?:id|ID|Id|编号|名单|列表)"
            r"|(?:把)?(?:他们|她们|这些人|这些用户)?\s*的?(?:这份|这个)?\s*(?:用户)?\s*(?:id|ID|编号|名单|列表)\s*(?:复制|拷贝)(?:一下)?(?:给我)?")
BREAKDOWN_BEFORE_ZH = r"(?:按照|按|根据|拆分成|拆成|划分成|划分为|分成|分为|切成|分|以)"   # 拆成男女: into groups
BREAKDOWN_AFTER_ZH = r"(?:分布|分组|划分|拆分|拆开|细分|切分|分开|占比|构成|统计|排名|排行|来看|看|比例|情况|拆|切|分)"
BREAKDOWN_EACH_ZH = r"(?:各个|各|每个|每一个|每)"
BREAKDOWN_BEFORE_EN = (r"(?:broken down by|break(?:\s+(?:it|them|this|that|those))?\s+down\s+by|grouped by|group by"
                       r"|split by|segmented by|by|per|across|for each|in each|for every|in every|each|every)")
# A breakdown word that takes each group on its own ("每个城市", "per city", "in each city"): with a
# ranking of users it asks for the top users of every group, not for one figure per group
EACH_GROUP = r"^(?:各个|各|每个|每一个|每|per|each|for each|in each|for every|in every|every)(?![a-z])"
BREAKDOWN_AFTER_EN = r"(?:breakdown|distribution|split|mix|ranking|counts|break-down)"
USER_KIND_ZH = (r"(?:哪类|哪种|哪一类|哪一种|哪种类型的?|什么类型的?|什么样的|哪类型的?)\s*"
                r"(?:用户|客户|人群|人|顾客|消费者|会员)")
BREAKDOWN_WHICH = r"(?:哪个|哪些|哪一个|哪几个|哪几|which)"
# "show their cities", "他们在哪些城市", "来自哪些城市"
BREAKDOWN_THEIR_EN = r"(?:their|the)"
BREAKDOWN_WHERE_ZH = r"(?:在|来自|分布在|位于|住在)\s*(?:哪些|哪个|哪里的?)"
INTEREST_BREAKDOWN = ["都喜欢什么", "喜欢什么", "有什么兴趣", "有哪些兴趣", "兴趣是什么", "what are they into",
                      "what are they interested in", "what else are they interested in", "what else do they like",
                      "what are they also interested in", "还喜欢什么", "还对什么感兴趣", "what do they like", "what they like",
                      "top interests",
                      "对什么感兴趣", "都对什么感兴趣"]
INTEREST_BREAKDOWN = with_spoken_what(INTEREST_BREAKDOWN)   # 都喜欢啥
# "the most popular interest among men", "which interests are most common with gold members",
# "男性用户最常见的兴趣", "最受欢迎的爱好": the interests ranked, i.e. the interest breakdown
INTEREST_POPULAR = (r"(?<![a-z])(?:(?:the\s+)?(?:most|top|more)\s+(?:popular|common|frequent|liked|loved)\s+"
                    r"(?:interests?|hobbies|hobby)|popular\s+(?:interests?|hobbies)|(?:interests?|hobbies|hobby)\s+"
                    r"(?:are|is)\s+(?:the\s+)?most\s+(?:popular|common|frequent))(?![a-z])"
                    r"|最(?:常见|受欢迎|热门|普遍|多|主要)的?(?:兴趣爱好|兴趣|爱好)(?:是(?:什么|啥|哪些))?|(?:兴趣|爱好)(?:排行|排名|榜)"
                    # "90后最感兴趣的前三个品类是什么", "她们最喜欢的兴趣有哪些": their interests, most users first
                    r"|最(?:感兴趣|喜欢)的?(?:前(?P<top>[一二三四五六七八九十两\d]+)(?:个|名|类)?)?(?:品类|类目|兴趣爱好|兴趣|爱好|东西)"
                    r"(?:是(?:什么|啥|哪些|哪几个)|有(?:哪些|什么))?")
# "what's the most popular brand?", "which brand is most popular", 最受欢迎的品牌, 哪个品牌最热门, 最受欢迎的品类: the
# brands (categories) ranked by their buyers (the brand breakdown; "which brand sells the most" ranks by a figure)
_POPULAR_EN = r"(brands?|categor(?:y|ies))"
_POPULAR_ZH = r"(品牌|品类|类目)"
POPULAR_GROUP = (rf"(?<![a-z])(?:(?:the\s+)?(?:most|top)\s+(?:popular|common|frequent|liked|loved|booked|bought)\s+"
                 rf"{_POPULAR_EN}|popular\s+(?:brands|categories)|{_POPULAR_EN}\s+(?:are|is)\s+(?:the\s+)?most\s+"
                 rf"(?:popular|common|booked|bought))(?![a-z])|最(?:受欢迎|热门|常见|多人买|多人订)的?{_POPULAR_ZH}"
                 rf"(?:是(?:什么|啥|哪个|哪些))?|(?:哪个|哪些|什么){_POPULAR_ZH}最(?:受欢迎|热门)|{_POPULAR_ZH}(?:排行|排名|榜)")
# "what did people search for most this month?", "top searches", 最近30天最常搜索的目的地, 大家都搜什么: the words
# searched, most searched first (the search-term breakdown)
SEARCH_TOP = (r"(?<![a-z])(?:what\s+(?:did|do|does|have)\s+(?:people|users|customers|they|visitors|shoppers|travell?ers)\s+"
              r"search(?:ed)?(?:\s+for)?(?:\s+(?:the\s+)?most)?|(?:the\s+)?(?:most|top)[\s-]+searched(?:\s+(?:terms?|"
              r"words?|queries|destinations?|things?|items?|products?))?|top\s+search(?:es|\s+terms?|\s+queries)"
              r"|(?:most\s+)?(?:popular|common|frequent)\s+search(?:es|\s+terms?|\s+queries)|search\s+terms)(?![a-z])"
              r"|(?:最常|最多|经常)(?:被)?搜索?(?:的|过的)?(?:目的地|关键词|词|内容|东西|商品|产品)?(?:是(?:什么|啥|哪些|哪个))?"
              r"|搜(?:索)?(?:得)?最多的(?:目的地|关键词|词|内容|东西|是(?:什么|啥|哪些))?"
              r"|(?:大家|用户|客户|顾客)(?:都|最常|最多|经常|一般)?搜(?:索)?(?:了|过)?(?:些)?(?:什么|啥)"
              r"|热搜(?:词|榜)?|搜索词|搜索(?:排行|排名|热词)")
# "what segments do we have?", "list our segments", "show me all segments": each segment with its size
# (the segment breakdown; Chinese "有哪些分群" is already one)
SEGMENT_LIST = (r"(?<![a-z])(?:(?:what|which|list|show(?:\s+me)?|see|all)\s+(?:(?:of\s+)?(?:our|the|all|my|existing|saved|"
                r"current)\s+)*segments|segments\s+(?:do\s+(?:we|you|i)\s+have|are\s+there|exist|have\s+we\s+got))(?![a-z])")
# "what are they comparing the most?", "他们加购的主要是哪些品类", "她们都在对比什么": what the audience's intents or events
# are about, users per target (the breakdown 'about'); each verb names the intent or the event it counts
ABOUT_VERBS_ZH = {"intent:compare": r"比较|对比|比价", "intent:research": r"研究|调研",
                  "intent:purchase": r"想买|打算买|准备买|计划买|想要买",
                  "behavior:cart": r"加购|加(?:入|进)?(?:了)?购物车|加车", "behavior:favorite": r"收藏",
                  "behavior:view": r"浏览"}
ABOUT_ASK_ZH = (r"(?:都|主要|最常|最多|经常|一般)?(?:在)?(?:{verb})(?:了|过)?(?:的)?(?:都|主要|最多|最常|大多|多半)?(?:是)?"
                r"(?:哪些|什么|啥|哪个|哪几个|哪几|哪类|哪一类|哪几类)(?:品类|类目|类别|东西|商品|产品|类)?")
ABOUT_VERBS_EN = {"intent:compare": r"compar(?:e|ing|ed)", "intent:research": r"research(?:ing|ed)?",
                  "intent:purchase": r"(?:planning|plan|want|wanting|intend|intending)\s+to\s+buy",
                  "behavior:cart": r"(?:add|adding|added|put|putting)\s+(?:\w+\s+)?(?:to|in|into)\s+(?:the\s+|their\s+)?carts?",
                  "behavior:favorite": r"favou?rit(?:e|ed|ing)", "behavior:view": r"view(?:ing|ed)?|brows(?:e|ed|ing)"}
# the tail of "what are gold members comparing (the most)?", "which categories did they add to cart?"
ABOUT_TAIL_EN = r"(?:{verb})(?:\s+(?:the\s+)?most)?(?:\s+(?:often|lately|now|right\s+now|recently))?\s*\??\s*$"
ABOUT_HEAD_EN = (r"^\s*(?:what|which)(?:\s+(?:categories|category|products|product|things|items|kinds?\s+of\s+\w+))?"
                 r"\s+(?:are|were|do|did|is|have)\b")
# "what membership levels do those top 10 have?", "which cities are they in?": the groups the audience is in
WHAT_GROUP_HEAD_EN = {"member_level": r"(?:membership|member|vip)\s+(?:levels?|tiers?|status)",
                      "lifecycle": r"lifecycle\s+stages?|stages?", "city": r"cities|city",
                      "consumption": r"consumption\s+types?|(?:consumer|customer|shopper)\s+types?"}
WHAT_GROUP_EN = r"^\s*(?:what|which)\s+(?:{group})\s+(?:do|does|did|are|is|were)\b"
WHAT_GROUP_TAIL_EN = r"(?<![a-z])(?:have|hold|belong\s+to|(?:are\s+)?in|at|from|live\s+in)\s*\??\s*$"
# "what did the new ones buy?", "what do gold members in Shanghai buy?": the question ends where the goods would be
BOUGHT_WHAT_TAIL = r"(?<![a-z])(?:buy|bought|purchase|purchased)(?:\s+(?:the\s+)?most)?\s*\??\s*$"
# "what are churn-risk users interested in?": the question ends where the interest would be
INTEREST_BREAKDOWN_TAIL = r"(?:interested\s+in|into|like|love)\s*\??\s*$"
# "what do our users look like overall", "我们的用户画像总体是什么样的", "给我一个用户整体概览": the
# audience's size and a few breakdowns at once
OVERVIEW = ["整体概览", "用户概览", "概览", "总览", "概况", "整体概况", "总体概况", "整体情况", "总体情况", "全貌", "大盘",
            "画像总体是什么样的", "画像总体是什么样", "画像整体是什么样的", "画像是什么样的", "画像是什么样", "总体画像",
            "整体画像", "画像概览", "总体是什么样的", "总体是什么样", "整体是什么样的", "整体是什么样", "总体上是什么样的",
            "长什么样", "是什么样的人", "都是些什么人", "都是什么样的人",
            "overview", "an overview", "quick overview", "a quick overview", "brief overview", "high-level overview",
            "high level overview", "quick summary", "a quick summary", "look like overall", "looks like overall", "look like", "looks like",
            "overall picture", "big picture", "at a glance", "snapshot", "dashboard", "profile overview",
            "summary of our users", "summary of our customers", "summarize our users", "summarise our users",
            "summarize our customers", "summarise our customers", "overall profile", "general profile"]
OVERVIEW = with_spoken_what(OVERVIEW)   # 长啥样, 都是些啥人
# "what are price-sensitive users complaining about (most)?": the question ends where the aspect would be
COMPLAINT_BREAKDOWN_TAIL = (r"(?:complain(?:ing|ed|s)?|griping|moan(?:ing|s)?|unhappy|upset)\s+about"
                            r"(?:\s+(?:the\s+)?most)?(?:\s+often)?\s*\??\s*$")
COMPLAINT_BREAKDOWN = ["都在抱怨什么", "在抱怨什么", "抱怨什么", "吐槽什么", "不满什么", "what do they complain about",
                       "what are they complaining about", "what did they complain about", "top complaints",
                       "都在吐槽什么", "在吐槽什么", "投诉什么", "最常抱怨什么", "最多的抱怨", "主要抱怨什么",
                       "main complaints", "biggest complaints", "most common complaints", "common complaints",
                       "top complaint topics", "top pain points", "biggest pain points", "对什么不满", "都对什么不满",
                       "对哪些方面不满", "哪些方面不满意", "哪些方面不满", "不满意什么", "投诉最多的是什么",
                       # "有抱怨的用户都集中在哪些方面", "抱怨主要集中在什么方面": the aspects complained about
                       "集中在哪些方面", "都集中在哪些方面", "主要集中在哪些方面", "集中在什么方面", "主要集中在什么方面",
                       *[f"{what}{how}集中在{where}" for what in ("抱怨", "投诉", "不满", "吐槽") for how in ("", "都", "主要")
                         for where in ("哪些方面", "什么方面", "哪方面", "哪里", "哪")],
                       "抱怨主要是哪些方面", "抱怨最多的是哪些方面", "主要抱怨哪些方面", "都抱怨哪些方面",
                       "what do they complain about most", "what are their complaints about",
                       "which aspects do they complain about", "what are the complaints mostly about"]
COMPLAINT_BREAKDOWN = with_spoken_what(COMPLAINT_BREAKDOWN)   # 都在抱怨啥
SORT_FILLER = ["rank them", "rank", "ranked", "sort them", "sorted", "sort", "排一下", "排个序", "排序一下",
               "by number of users", "by user count", "by users", "by size", "用户最多的", "人数最多的", "最多的",
               "最多", "排名", "最大的", "largest", "biggest", "most users", "the most", "最高", "highest",
               # a breakdown is listed largest group first anyway: saying so asks for nothing more
               "biggest first", "largest first", "most first", "highest first", "biggest ones first",
               "largest groups first", "in descending order", "descending order", "descending",
               "from largest to smallest", "from most to least", "from high to low", "high to low",
               "从多到少排", "从多到少", "从大到小排", "从大到小", "从高到低排", "从高到低", "由多到少", "由大到小",
               "降序排列", "降序排", "降序", "倒序", "多的排前面", "人多的排前面", "多的在前"]

# --- conversation -------------------------------------------------------------------------------

NARROW = ["其中", "这些人中", "这些人里", "这些人里面", "这些人当中", "这些用户中", "这些用户里", "这些用户当中",
          "这部分人中", "这部分人里", "这群人中", "这群人里", "这群人里面", "他们中", "他们当中", "他们之中", "他们里面",
          "她们中", "她们当中", "她们里面", "在这些人中", "在这些人里", "在这些用户中", "上述用户中", "以上用户中",
          "这里面", "里面", "当中", "只看", "只要", "仅看", "仅限", "再筛选", "进一步筛选", "进一步",
          "还要", "同时要", "并且要", "另外还要", "in addition", "additionally",
          "of those", "of these", "of them", "among them", "among those", "among these", "out of those",
          "out of them", "from those", "from them", "from these", "within those", "within them", "within that group",
          "in that group", "of that group", "of the above", "narrow it down to", "narrow them down to",
          "narrow that down to", "narrow this down to", "narrow those down to", "filter that to", "filter those to",
          "narrow down to", "narrow it to", "filter them to", "filter to", "and only", "only those", "only the ones",
          "only", "just the", "just", "further"]
# A follow-up that adds people ("add men too", "男性也加上", "also include Beijing", "把北京的也算上"): a value
# said for a condition the audience has joins it (女性 -> 女性或男性) instead of contradicting it; a new
# condition still narrows (parse._widen). "weak" words widen only where AND would find nobody: "再加上北京的"
# after 上海, "and men too" after women (a user has one city, one gender), but "再加上喜欢健身的" and "do they
# like hiking too" after camping fans narrow. "tail" words are weak and do not by themselves make a question a
# follow-up ("women who like hiking too" may be a question of its own).
WIDEN = {"strong": ["也加上", "也加进来", "也加进去", "也算上", "也算进来", "也算进去", "也包括", "也包括进来", "也包含",
                    "也放进来", "也带上", "一起算上", "一起加上", "也一起算", "add", "also add", "add in", "also include",
                    "include", "also including", "including", "throw in", "expand to", "expand it to",
                    "extend to", "extend it to", "widen to", "widen it to"],
         "weak": ["再加上", "加上", "再加", "也要"], "tail": ["too", "as well"]}
# "bring in" before a figure's degree earns, it adds no one ("which categories bring in the most revenue")
BRINGS_IN_MOST = (r"(?<![a-z])(?:bring|brings|brought|bringing)\s+in(?=\s+(?:the\s+)?(?:most|more|highest|biggest|"
                  r"largest|least|less|lowest)(?![a-z]))")
REPLACE = ["what about", "how about", "and what about", "what if", "same for", "same but", "same question for",
           "same thing but", "same thing for", "the same but", "same question but", "same again but", "same again for",
           "now for", "instead", "rather", "换成", "改成", "改为", "换为", "如果是", "呢", "换一下"]
# A correction of the last question, opening this one ("actually I meant Beijing", "不对，我要的是北京",
# "no, men not women", "sorry, platinum"): what follows replaces what was said about the same thing
CORRECTION_START = (r"^\s*(?:(?:no|nope|sorry|oops|actually|wait)\s*[,.!]?\s*)*(?:i\s+meant|i\s+mean|make\s+(?:it|that)"
                    r"|what\s+i\s+meant\s+(?:was|is))(?![a-z])"
                    r"|^\s*(?:(?:no|nope|nah|sorry|oops)\s*[,.!;:]+\s*)+|^\s*(?:nope|oops|actually)(?![a-z])"
                    r"|^\s*(?:(?:不对|错了|不是这个|搞错了|说错了|弄错了|抱歉)\s*[,.!]?\s*)?(?:我要的是|我说的是|我指的是|我是说|我是指"
                    r"|应该是)|^\s*(?:不对|错了|搞错了|说错了|弄错了|不是)\s*[,.!]\s*(?:是(?![的否]))?|^\s*(?:不对|错了|搞错了)")
# Words that only acknowledge the last answer ("好的", "ok", "所以", "算了"): they open a question and say nothing.
OPENER = r"(?:好的|好吧|好嘞|算了|(?:好|行)(?=\s|,|\.|!)|嗯+|所以说|所以|收到|ok|okay|alright|got it|thanks)"
# After dropping a condition, what is wanted instead: "不要金卡了，要白金", "drop Shanghai, make it Beijing"
# (a replacing word, like 换成)
REPLACE_AFTER_DROP = r"(?<=了)\s*,?\s*(?:只要|要)(?=[\u3400-\u9fff])|(?<=,)\s*make\s+(?:it|that)(?=\s)"
# Going back to the audience before the last change: "undo that", "撤销", "back to the previous one"
UNDO = (r"^\s*(?:(?:please|pls|ok|okay|no|请|帮我|好吧|算了)\s*[,.!]?\s*)?(?:undo(?:\s+(?:that|this|it|the\s+last"
        r"(?:\s+(?:one|change|step))?))?|(?:go\s+)?back\s+to\s+the\s+(?:previous|last|earlier)(?:\s+(?:one|audience|list|"
        r"users|question|step))?|go\s+back|revert(?:\s+(?:that|it))?|撤销(?:一下|上一步|刚才的修改|刚才的)?|撤回(?:一下)?"
        r"|(?:回到|返回|退回|恢复到?)(?:上一步|上一个|之前那个|刚才那个|前一个)(?:的?(?:人群|结果|条件))?|还是用上一个(?:人群)?)"
        r"\s*(?:吧|呢)?\s*[.!?。！？]*\s*$")
# "undo that, make it the past 2 weeks", "撤销，改成近两周": an undo that says what to do instead
UNDO_THEN = (r"^\s*(?:(?:please|pls|ok|okay|no|请|好吧|算了)\s*[,.!]?\s*)?(?:undo(?:\s+(?:that|this|it|the\s+last"
             r"(?:\s+(?:one|change|step))?))?|revert(?:\s+(?:that|it))?|撤销(?:一下|上一步|刚才的修改|刚才的)?|撤回(?:一下)?)"
             r"\s*(?:[,，;；.。!！]\s*|\s+(?=and|then|instead))(?:and|then)?\s*(?=\S)")
# At the start of a follow-up, maybe after an opener: "and in Beijing?", "now show me the men", "那男性呢",
# "还有北京的", "好的 那北京的呢". The word is kept (tokens.py): FRESH_OPENERS and ALL_USERS below say when
# it opens a new question instead
REPLACE_START = (r"^\s*(?:" + OPENER + r"(?![a-z])\s*,?\s*)?(?P<w>and|also|now|then|ok|okay|so|那么|那|还有|另外)"
                 r"(?![a-z]|些|个|种|位|里|边)")
# An opener alone ("好的，", "ok,"): filler (its span is the whole run of acknowledgements)
OPENER_START = r"^\s*(?:" + OPENER + r"(?![a-z])\s*[,.!]?\s*)+"
# After these openers (a new topic: "ok users who love hiking", "now how many users do we have"), a
# population noun of the question's own starts a fresh audience; after "and / 那 / 还有" ("and users in
# Beijing?", "那北京的用户有多少") the question still goes on, unless it says all users (ALL_USERS)
FRESH_OPENERS = ["now", "then", "ok", "okay", "so"]
ALL_USERS = (r"(?:全部|所有|全体|整体|总)的?\s*(?:用户|客户|顾客|会员|人)|(?<![a-z])all\s+(?:of\s+)?(?:the\s+|our\s+)?"
             r"(?:users|customers|members|people|shoppers)(?![a-z])|(?<![a-z])(?:everyone|everybody)(?![a-z])")
# Negations that, opening a follow-up, remove people from the previous audience: "去掉上海的"
EXCLUDE_ZH = ["去掉", "排除", "排除掉", "剔除", "除去", "不要", "拿掉", "去除", "除掉", "刨除", "刨去", "筛掉", "过滤掉"]
EXCLUDE = [*EXCLUDE_ZH, "exclude", "excluding", "remove", "minus", "without", "drop", "except", "leave out", "leaving out",
           "take out", "filter out", "rule out", "get rid of", "not the", "not those", "but not", "but not the",
           "forget", "forget about", "never mind", "nevermind", "scrap"]
# ... and "除了 / apart from": opening a question that goes on anyway ("除了上海的呢"), they take out too
# (they alone start no follow-up: "除了北京以外的用户有多少" may be a question of its own)
# Dropping a condition by what it is about ("drop the city", "不限城市了", "去掉时间限制"): the slot's words
# (Chinese, English); "time" takes the time windows off, the others their conditions.
DROP_SLOTS = {
    "place": (["城市等级", "城市", "地区", "地域", "地点"], ["city tier", "cities", "city", "location", "region", "place"]),
    "gender": (["性别", "男女"], ["gender", "sex"]),
    "age": (["年龄段", "年龄", "岁数"], ["age range", "age group", "age"]),
    "member_level": (["会员等级", "会员级别"], ["membership level", "member level", "membership"]),
    "lifecycle": (["生命周期"], ["lifecycle stage", "lifecycle"]),
    "interest": (["兴趣"], ["interests", "interest"]),
    "time": (["时间范围", "时间窗口", "时间限制", "时间", "日期"], ["time window", "time frame", "timeframe", "time range",
                                                        "time limit", "date range", "dates", "time", "period"]),
}
DROP_VERB_ZH = r"(?:去掉|去除|删掉|拿掉|取消|不要|不用|不管|别管|忽略|放开|不限制?|不分)"
DROP_VERB_EN = (r"(?:forget(?:\s+about)?|drop|remove|ignore|scrap|lose|get\s+rid\s+of|never\s*mind|take\s+off"
                r"|no\s+longer\s+(?:filter|limit)\s+(?:by|on|to)|regardless\s+of)")
# The word for a condition itself, after what it names ("金卡这个条件", "the gold filter"): part of the request
CONDITION_NOUN = (r"(?:(?:这个|那个|这一?|的)?\s*(?:条件|限制|筛选|过滤)(?:条件)?(?!掉)"
                  r"|(?<![a-z])(?:filters?|conditions?|criteri(?:on|a)|restrictions?|requirements?|parts?|bits?)(?![a-z]))")
SLOT_LEAVE_ZH = r"(?:不限了?|随便|无所谓|都行|都可以)"
EXCEPT = ["除了", "except for", "apart from", "other than"]
REFERENCE = ["这些人", "这群人", "他们", "她们", "这部分人", "该人群", "这个人群", "这批人", "这批用户", "这些用户",
             "该群体", "这个群体", "上面的人", "刚才的人", "刚才那批人", "同一批人", "这个分群", "这个人群包",
             "them", "they", "those people", "these people", "those users", "these users", "those customers",
             "these customers", "this audience", "that audience", "this segment", "that segment", "this group",
             "that group", "the same people", "the same users", "the audience", "the segment", "this list",
             "that list", "this", "that", "it", "those", "these"]
# Fresh question or follow-up (parse.continues_audience): pronouns for the previous audience, also
# inside other phrases ("rank them by spend", "show their cities", "那些用户按城市分布") ...
REFER_BACK = r"(?<![a-z])(?:them|they|their|theirs)(?![a-z])|他们|她们|这些|那些|这批|那批|这群|那群|上述"
# "those who never created a project", "the ones that exported": the people just shown (continues_audience)
THOSE_WHO = (r"^\s*(?:(?:and|so|ok|okay|then|now)\s*,?\s*)?(?:(?:show|list|find|get|give)\s+(?:me\s+)?)?(?:only\s+)?"
             r"(?:those|the\s+ones)\s+(?:who|that|which|whose|with|without)(?![a-z])")
# "users who want to cancel their subscription": a question naming its own people with a relative clause; a
# pronoun after it is theirs ("their subscription"), not a reference to the audience before
OWN_PEOPLE = (r"^\s*(?:(?:show|list|find|get|give|count)\s+(?:me\s+)?|how\s+many\s+)?(?:all\s+)?(?:the\s+)?"
              r"(?:[a-z]+\s+)?(?:users?|customers?|people|members?|accounts?|clients?|folks|subscribers?)\s+"
              r"(?:who|that|which|whose|with|without)(?![a-z])")
# ... and a question that only asks whether anyone has something ("有没有人想退款", "anyone want a refund?"), or a
# short one asking who ("谁在比价", "who's at churn risk?"; not "who bought at the airport branch", a question of
# its own): with no population of its own, it asks about the people just shown (continues_audience)
_ASK_OPENER = r"^\s*(?:(?:and|so|ok|okay|then|now|那|那么|好的|还有)\s*,?\s*)?"
ANYONE_ASKS = (_ASK_OPENER + r"(?:(?:有没有人|有没有谁|有无人|是否有人|有人|有谁)"
               r"|(?:(?:is|are|does|do|did|has|have|was|were)\s+)?(?:any(?:one|body)|some(?:one|body))(?![a-z])"
               r"|(?:谁|哪些人|哪几个人|哪几位|哪位)[^\s,，。?？!！]{1,6}[呢吗啊]?[?？!！。]*\s*$"
               r"|who(?:'s|s|\s+is|\s+are)?(?:\s+[a-z'-]+){1,4}\s*[?!.]*\s*$)")
# ... and nouns that name a population of the question's own ("top 5 cities by number of users",
# "有多少用户"): a question without conditions that says one of them (and no pronoun) starts fresh.
POPULATION = (r"(?<![a-z])(?:users?|customers?|people|members?|shoppers?|buyers?|consumers?|clients?|accounts?"
              r"|everyone|everybody)(?![a-z])|用户|客户|顾客|会员|学员|客人|消费者|买家")

# English verbs whose past forms do not start like the word ("who mentioned freezing their card" finds
# "froze" and "frozen"): a mention search looks for every form of a group (brands.word_patterns)
IRREGULAR_FORMS = [["freeze", "froze", "frozen"], ["break", "broke", "broken"], ["buy", "bought"], ["pay", "paid"],
                   ["steal", "stole", "stolen"], ["lose", "lost"], ["forget", "forgot", "forgotten"],
                   ["send", "sent"], ["take", "took", "taken"], ["give", "gave", "given"], ["sell", "sold"],
                   ["speak", "spoke", "spoken"], ["choose", "chose", "chosen"], ["write", "wrote", "written"],
                   ["tell", "told"], ["leave", "left"], ["feel", "felt"], ["fall", "fell", "fallen"],
                   ["wear", "wore", "worn"], ["tear", "tore", "torn"]]
# A short question asking who (ANYONE_ASKS) DID something, a past action the shop's records hold ("who cancelled a
# booking?", "who claimed a coupon?", "who complained about the price?", "谁买过无人机", "谁投诉过价格", "哪些人
# 下单了"): a look-up of those records, about all users (continues_audience); what people are, want or
# think ("谁在比价", "who wants a refund?", "who's at churn risk?") stays about the people just shown, and so
# does "anyone" ("有没有人取消过订单", "did anyone cancel?": someone among them)
_PAST_EN = "|".join([form for forms in IRREGULAR_FORMS for form in forms[1:]]
                    + ["made", "got", "had", "did", "came", "went", "saw", "said", "spent", "won", "put", "ran"])
WHO_DID = (_ASK_OPENER + r"(?:who\s+(?:(?:has|have|had)(?:n't|\s+not)?\s+)?(?:(?:ever|never|already|recently|just|"
           r"also)\s+)*(?:(?!(?:need|feed|speed)(?![a-z]))[a-z]+ed|" + _PAST_EN + r")(?![a-z])"
           r"|(?:谁|哪些人|哪几个人|哪几位|哪位)[^\s,，。?？!！]{0,6}?(?<!超|不)(?:过|了)(?!敏|期|解))")

# --- requests ------------------------------------------------------------------------------------

# "发个邮件" / "写条短信": a measure word without a number is one
COPY_ONE_ZH = r"^(?:写|来|生成|出|创作|帮我写|给我写|起草|拟|想|发|发送|推送|群发)\s*(?:条|个|段|版|份|则|句|封|篇)"
COPY_TRIGGER_ZH = (r"(?:写|来|生成|出|创作|帮我写|给我写|起草|拟|想|发|发送|推送|群发)(?:\s*(?:" + NUM
                   + r"|几)?\s*(?:条|个|段|版|份|则|句|封|篇))?(?:(?P<about>[\u4e00-\u9fffa-z0-9%]{1,8})的)?"
                   r"\s*(?:营销|推广|推送|短信|邮件|广告|活动|朋友圈|社交|小红书|微博|微信|公众号|服务号|召回|促销|挽留|唤醒|关怀|续费|续卡"
                   r"|欢迎|问候|祝福|感谢|生日|节日"
                   r"|道歉|致歉|抱歉|安抚|安慰|提醒|催付"   # an apology (its tone is the warm one: TONE), a reminder
                   r"|e-?mail|edm|sms|push|app\s*push|social)?\s*"   # mixed: "写 3 条 email 文案"
                   r"(?:文案|短信|推送|邮件|广告语|标语|slogan|宣传语|话术|微信消息|公众号消息|sms|e-?mail|edm|push)(?![a-z])")
# What a copy request says it is about, before 的 ("写一条耳机促销的朋友圈文案"): an offer when it names a sale
COPY_OFFER_ABOUT_ZH = r"促销|优惠|特惠|特价|打折|折扣|大促|秒杀|限时|上新|新品|活动|团购|满减"
COPY_NOUN_ZH = r"(?:营销文案|推广文案|推送文案|短信文案|活动文案|广告文案|邮件文案|文案|广告语|宣传语|营销短信|召回短信)"
COPY_TRIGGER_EN = (r"(?:write|draft|create|generate|give me|come up with|compose|make|suggest)\s+"
                   r"(?:(?:me|us|them|those users|these users|those people|these people|this group|this segment)\s+)?"
                   r"(?:(?:some|a|an|a few|" + NUM + r")\s+)?(?:[a-z'-]+\s+){0,2}?"
                   r"(?:(?:campaign|marketing|promo|promotional|sms|text|push|email|social|social media|ad|"
                   r"re-?engagement|win-?back|retention|renewal|reactivation)\s+)*(?:copy|copies|messages?|texts?|slogans?|emails?|notifications?|posts?"
                   r"|taglines?|headlines?|variants?|versions?|sms|pushes|push)(?![a-z])")
# A channel used as a verb on the audience ("email them about …", "text these users", "push them a
# reminder"): a copy request for that channel
COPY_CHANNEL_VERB_EN = (r"(?:e-?mail|text|sms|message|push(?:\s+notify)?|ping)\s+(?:them|those users|these users|"
                        r"those people|these people|this group|this segment|this audience|everyone|all of them)"
                        r"(?![a-z])")
# Within a copy request, words for the message itself ("email them a warm reminder", "发个召回提醒")
COPY_MESSAGE_WORDS = ["reminder", "reminders", "nudge", "nudges", "announcement", "announcements", "invitation",
                      "invitations", "invite", "invites", "heads-up", "heads up", "shout-out", "shoutout", "note",
                      "message", "messages", "提醒", "通知文案", "邀请"]
CHANNEL = {
    "sms": ["短信", "sms", "text message", "text messages", "texts", "text"],
    # a WeChat official-account message reaches one follower, as an app push does (朋友圈 is social)
    "push": ["推送", "app推送", "微信推送", "公众号推送", "服务号推送", "微信消息", "push notification", "push notifications",
             "push", "通知", "wechat push", "wechat message", "wechat messages"],
    "email": ["邮件", "电子邮件", "email", "emails", "e-mail", "edm", "mail"],
    "social": ["朋友圈", "微博", "小红书", "社交媒体", "社交", "social media", "social post", "social posts", "social",
               "instagram", "wechat moments", "weibo", "post", "posts"],
}
# What a copy request asks the message to be (tools/copywriter/occasion.py ASKED): an apology names the
# audience's complaint ("写一条道歉短信", 安抚短信, "an apology sms"); a reminder says what is waiting (提醒他们完成结账,
# "reminding them to restock formula", a checkout nudge)
COPY_OCCASION = {
    "apology": ["道歉", "致歉", "歉意", "抱歉", "安抚", "安慰", "赔礼", "apology", "apologies", "apologetic", "apologize",
                "apologise", "apologizing", "apologising", "sorry"],
    "reminder": ["提醒", "催付", "完成结账", "结账", "补货", "remind", "reminds", "reminding", "reminder", "reminders",
                 "restock", "restocking", "checkout", "check out", "complete their order", "finish their order"],
}
# Keys are the copywriter's tones (tools/copywriter/offline.py TONES), so a tone always exists there.
TONE = {
    "playful": ["俏皮", "活泼", "轻松", "好玩", "有趣", "幽默", "调皮", "playful", "fun", "funny", "humorous", "witty",
                "cheeky", "lighthearted", "light-hearted", "cheerful", "upbeat", "bubbly", "lively", "欢快", "欢乐"],
    "friendly": ["亲切", "友好", "温和", "亲和", "friendly", "casual"],
    # an apology is said warmly: the copywriter has no apologetic tone, and copy for complainers opens with
    # the apology by its angle (delivery, service ...)
    "warm": ["温暖", "温馨", "暖心", "走心", "温情", "warm", "warmer", "heartfelt", "抱歉", "道歉", "致歉", "歉意",
             "诚恳", "安抚", "安慰", "apologetic", "apologizing", "apologising", "apology", "apologies", "sorry",
             "sincere", "soothing"],
    "professional": ["正式", "专业", "稳重", "商务", "严肃", "formal", "professional", "serious", "businesslike"],
    "urgent": ["紧迫感", "紧迫", "紧急", "紧张感", "限时感", "urgent", "urgency", "fomo"],
    "luxury": ["高级感", "奢华", "高端大气", "luxurious", "luxury", "elegant", "sophisticated", "upscale"],
}
TONE_MARK = r"(?:tone|voice|style|语气|风格|口吻|调性|感觉|一点|一些|些)"
LANGUAGE = {"en": ["in english", "英文", "英语", "english"], "zh": ["in chinese", "中文", "汉语", "普通话", "chinese", "mandarin"]}
# "用中文回答", "请用英文", "中文回复", "answer in English", "…, in Chinese please": the language the answer is
# in, whatever the question's (the words say which: LANGUAGE). In a copy request they are the copy's language.
_ANSWER_IN = r"(?:中文|汉语|普通话|英文|英语|chinese|english|mandarin)"
ANSWER_LANGUAGE = (rf"(?:请|麻烦)?\s*(?:用|以|使用|说)\s*{_ANSWER_IN}\s*(?:来)?\s*(?:回答|回复|答复|作答|说明|解释|告诉我|给我|帮我"
                   rf"|显示|展示|输出|列出|说)?(?:一下)?"
                   rf"|{_ANSWER_IN}\s*(?:回答|回复|答复|作答)"
                   rf"|(?<![a-z])(?:please\s+)?(?:answer|reply|respond|write\s+back|tell\s+me|explain)(?:\s+me)?\s+in\s+"
                   rf"{_ANSWER_IN}(?:\s+please)?(?![a-z])"
                   rf"|(?<![a-z])(?:in\s+)?{_ANSWER_IN}\s+please(?![a-z])"
                   rf"|(?<![a-z])in\s+{_ANSWER_IN}(?=\s*[.!?]*\s*$)")   # "list women in Shanghai in Chinese"
# How an offer is said in a copy request: led by a verb or a label ("推广…", "优惠是…", "送一张免费咖啡券",
# "附赠…", "邀请他们参加周末读书会", "with a free coffee voucher", "include a 20% off code", "invite them
# to …"), or a promotion form standing anywhere (OFFER_INLINE: "满100减20", "10元券", "a free coffee voucher").
# 送 is a gift, not 推送 (a channel), 送货 / 配送 / 送达 (delivery) or 送错.
_GIVE_ZH = r"(?:每人|每位|人人)?(?:额外|另外|再|还|加|另|附|赠|就|即)?(?<![推配运递快发])(?<!买[一二三两\d])送(?!货|达|到|餐|错|的|出去)"
OFFER_ZH = (r"(?:推广|主推|宣传|推荐|推一下|推(?!送|荐|广)|介绍|优惠是|优惠为|优惠[:：]|福利是|福利为|福利[:：]|赠品是|礼品是"
            r"|活动是|活动内容是|卖点是|关于|提一下|提一句|提到|提及|加上|带上|突出|强调|写上|注明"
            r"|附赠|附送|赠送|加赠|外加|奉上|附上|发放|派发|(?:凭[\u4e00-\u9fffa-z]{1,6}?)?(?:可领|领取)|" + _GIVE_ZH + r"(?:给)?"
            r"|(?=免费(?:送|领|赠|喝|得|试|体验))"   # "免费送一杯咖啡": 免费 is part of the offer
            r"|邀请\s*(?:他们|她们|大家|你们|你|顾客|用户)?\s*(?:来|去)?\s*参加|邀请参加|欢迎\s*(?:他们|大家|你们|你)?\s*来?参加"
            r")\s*(?:他们|她们|大家|你们|每人|每位|各位|顾客|用户|你)?\s*[:：]?\s*([^,.;!?]+)")
OFFER_EN = (r"(?:(?:the\s+)?(?:offer|deal|promo|promotion|gift)\s+(?:is|being)|promoting|promote|featuring|feature"
            r"|offering|offer|about|announcing|for our|for the new|mention|mentioning|include|including|highlight"
            r"|highlighting|adding|add|giving(?!\s+(?:me|us)\b)|give(?!\s+(?:me|us)\b)|plus|throw in|throwing in|invite\s+them\s+to|inviting\s+them\s+to"
            r"|invitation\s+to|invite\s+to"
            # "with" only before what an offer is ("with a free coffee voucher", not "customers with high spend")
            r"|with(?=\s+(?:an?\s+|the\s+|our\s+|some\s+)?(?:free|complimentary|bonus|extra|gift|\$|¥|€|£|\d)"
            r"|[^,.;!?]{0,30}?(?:voucher|coupon|code|gift card|discount|\boff\b)))"
            r"(?:\s+(?:them|him|her|you|everyone|each of them))?\s*:?\s+([^,.;!?]+)")
OFFER_INLINE = (r"(?:(?:附赠|附送|赠送|加赠|" + _GIVE_ZH + r")\s*(?:你们|你|他们|她们|大家|每人|每位)?\s*"
                r"(?:[一两\d]+\s*(?:张|份|杯|个|本|次|瓶|盒|套|节))?\s*)?(满\s*\d+\s*(?:元|块)?\s*减\s*\d+\s*(?:元|块)?|打\s*[一二三四五六七八九\d](?:\.\d)?\s*折"
                r"|[一二三四五六七八九\d](?:\.\d)?\s*折优惠"
                r"|\d+\s*%\s*off|\d+\s*percent off|free shipping|包邮|免运费|买一送一|第二件半价|buy one get one free"
                # "buy 2 get 1 free", "买二送一", "bogo"
                r"|buy\s+(?:\d+|one|two|three)\s+get\s+(?:\d+|one|two)\s+(?:free|half\s+(?:off|price))|bogo(?:\s+deal)?"
                r"|买\s*[一二三两\d]\s*送\s*[一二\d]"
                # vouchers and gifts: "10元券", "免费咖啡券", "a $10 voucher", "a free coffee voucher"
                r"|(?:免费|无门槛|\d+\s*(?:元|块))[\u4e00-\u9fff]{0,6}?(?:优惠券|代金券|兑换券|体验券|礼券|券|礼包|赠品)"
                r"|(?:an?\s+)?(?:free|complimentary|bonus)\s+(?:[a-z'-]+\s+){0,2}?(?:vouchers?|coupons?|gifts?|samples?"
                r"|tickets?|pass|drinks?|coffee|tea|upgrade)(?![a-z])"
                r"|(?:an?\s+)?(?:[$¥€£]\s*\d+|\d+\s*(?:dollars?|yuan|rmb|euros?))\s+(?:gift\s+card|voucher|coupon)s?)")

# What a promotion form stands for reaches to the end of its clause ("20% off the new noise cancelling
# earbuds", "free shipping on all headphones"), short of who it is for ("… for gold members", "… to them",
# "…给老客户") and of words already read as something else (blanked: a run of spaces)
OFFER_REACH = r"[^,.;!?]*?(?=\s+(?:for|to)(?![a-z])|给|\s{3,}|[,.;!?]|$)"
# … and back to the start of its clause when that is what it is on ("，智能手表打8折", ", headphones 20% off")
OFFER_REACH_BACK = r"(?:^|(?<=[,.;!?]))(?:(?!\s{3,}|给|(?<![a-z])(?:for|to)\s)[^,.;!?])*$"

# Follow-ups that change the last copy ("换成正式一点的语气，发邮件", "再来三条", "give me 5 more",
# "用英文写", "加上满300减50"): the copy is written again for the same audience with the change.
COPY_MORE_ZH = (r"(?:再|重新|另外|多)?\s*(?:来|写|出|给我?|生成|换)?\s*(?P<n>" + NUM + r"|几)\s*(?:条|个|段|版|份|则|句|封|篇)"
                r"(?:\s*(?:新的|不同的|别的|其他的))?")
COPY_MORE_EN = (r"(?:(?:give|write|show|make|generate)\s+(?:me\s+|us\s+)?)?(?:(?:another|(?P<n>" + NUM + r"))\s+)"
                r"(?:more|other|new|different|further)?\s*(?:variants?|versions?|options?|ones|messages?|texts?|emails?"
                r"|pushes|posts?|takes|alternatives|copies|more)(?![a-z])|(?:give|write|show)\s+(?:me\s+|us\s+)?"
                r"(?:some\s+)?more(?:\s+(?:variants|versions|options|ones|messages))?(?![a-z])")
COPY_LENGTH = ["短一点", "短一些", "短些", "更短", "简短一点", "简短些", "简短", "精简一点", "精简", "长一点", "长一些", "详细一点",
               "shorter", "shorten it", "more concise", "briefer", "less wordy", "longer", "more detail"]
# A request for a tone ("make it sarcastic", "换个煽情的语气"): said when no known tone was named.
TONE_ASK = (r"(?:语气|口吻|调性|风格|tone|voice|style|make\s+(?:it|them|this)\s+(?:sound\s+)?"
            r"(?:more\s+|a\s+bit\s+|an?\s+|the\s+)?[a-z]+)")
# What a copy follow-up says around its change: verbs and particles that carry nothing more.
COPY_CHANGE_FILLER = ["换回", "改回", "还是用", "换成", "改成", "改为", "换为", "换个", "换一个", "换种", "换一种", "调成", "调整为", "变成", "做成", "写成",
                      "改用", "重写", "改写", "重新写", "用", "以", "按", "发成", "发", "换", "改", "再", "重新", "写", "一下", "一点", "一些", "一版",
                      "版本", "写法", "语气", "口吻", "风格", "调性", "渠道", "形式", "格式", "的", "点", "些", "吧", "呢", "好", "感", "强",
                      "足", "浓", "试试", "试一下", "来",
                      "make", "rewrite", "redo", "write", "try", "do", "send", "sent", "switch", "change", "turn", "use",
                      "go", "now", "instead", "it", "them", "this", "that", "in", "as", "to", "via", "by", "a", "an",
                      "the", "more", "bit", "little", "version", "again", "please", "pls", "and", "tone", "voice",
                      "style", "sound", "copy", "for", "same", "but", "ok", "okay", "then", "let's", "lets", "with",
                      "channel"]

# Words that make a copy request a rewrite of the last copy ("换成正式一点的语气，发邮件", "rewrite it as an
# email"): it keeps every setting it does not name (offer, number of variants, language), even when it
# also says a copy verb ("发邮件", "write it as an email")
COPY_REWRITE = ["换成", "改成", "改为", "换为", "换个", "换一个", "换种", "换一种", "调成", "调整为", "变成", "改写成", "改写为", "重写成", "改写", "重写",
                "换回", "改回", "改用", "重新写", "重新发", "同样的内容", "rewrite", "redo", "instead", "switch to",
                "switch it to", "change it to", "change to", "turn it into", "same thing but", "same but",
                "same copy", "the same offer"]

SAVE_ZH = (r"(?:(?:把|将)?(?:这些人|这群人|他们|这个人群|该人群|这批人|这个群体|结果|人群)?\s*)"
           r"(?:保存|存|另存|收藏|记录|命名|取名)(?:下来|一下)?\s*(?:为|成|做|叫|叫做|名为|命名为)\s*"
           # "存成分群,叫一单客": the segment word, then its name
           r"(?:(?:一个|个)?(?:新的)?(?:分群|人群包|人群|客群)\s*[,，、]?\s*(?:并|然后|就)?\s*"
           r"(?:叫做|叫|名为|命名为|名字叫|取名为|取名叫|取名)\s*)?(.+)$")
SAVE_ZH_BARE = r"(?:保存|存下|存起来|保存下来|保存这个人群|保存人群|保存这群人|保存为分群|存为分群)"
# "save this as X", and with an audience of its own between the verb and the name ("save the dormant
# ones as sleepy-customers", "save gold members in shanghai as sh_gold"): that audience is selected first
SAVE_EN = (r"(?P<verb>(?<![a-z])(?:save|store|keep)\s+)(?P<audience>[^,;!?]{0,80}?)\s*"
           r"(?P<tail>(?:as\s+a\s+segment\s+)?(?<![a-z])(?:as|named|called|under the name)\s+(?P<name>.+))$")
SAVE_EN_NAME = r"(?:name|call)\s+(?:it|this|them|this segment|the segment)\s+(.+)$"
SAVE_EN_BARE = r"(?:save|store|keep)\s+(?:this|that|it|them|these|those)?\s*(?:as a segment|segment|audience)?\s*$"

LOOKUP_PATTERNS = [
    r"(?:有哪些|有什么|有没有|都有哪些)\s*(?:关于|跟|和|与)?\s*(.*?)\s*(?:相关|有关)?\s*的?\s*标签",
    r"标签(?:里|中|库里)?(?:有没有|有哪些|有什么)\s*(?:关于)?\s*(.*?)\s*(?:相关|有关)?的?\s*$",
    r"(.+?)\s*(?:是|对应|属于)\s*(?:什么|哪个|哪些)\s*标签",
    r"(?:查|查找|查一下|搜索|找)\s*(?:一下)?\s*(.+?)\s*(?:的|相关的)?\s*标签",
    r"what\s+tags?\s+(?:are there|exist|do we have|do you have|match|cover|are available)?\s*"
    r"(?:for|about|on|related to|matching|covering)?\s*(.*?)\s*\??$",
    r"(?:look\s*up|find|search|show)\s+(?:the\s+)?tags?\s+(?:for|about|on|related to|matching)?\s*(.+?)\s*\??$",
    r"which\s+tags?\s+(?:match|cover|mean|is|are)\s+(.+?)\s*\??$",
    r"(?:what is|what's)\s+the\s+tag\s+for\s+(.+?)\s*\??$",
]
USER_ID = r"(?<![a-z0-9_])(u\d{2,}|user[_-]?\d+|[a-z]{1,3}\d{3,}|[a-z]+_[a-z0-9_]*\d[a-z0-9_]*)(?![a-z0-9_])"
GENERATE_WORDS = (r"(?:重新生成|重新构建|重建|刷新|更新|重算|重新计算|生成|构建|rebuild|regenerate|refresh|recompute"
                  r"|update|re-build|build|generate|recalculate)")
# "把流失用户的标签都改成沉睡", "change u00012's city to beijing", "mark them as dormant": a field of
# somebody's data set to a value is a write, even without 修改 / update (a follow-up's "换成北京的" has
# no "的 <field>" and no possessive, and stays a follow-up)
WRITE_FIELD = (r"(?:标签|等级|会员等级|城市|年龄|性别|状态|生命周期|阶段|名字|姓名|手机号|邮箱|资料|信息|数据|积分|画像|分数"
               r"|tags?|labels?|levels?|tiers?|membership(?:\s+levels?)?|city|cities|age|gender|status|stage|lifecycle"
               r"|names?|scores?|points)")
WRITE_CHANGE = (r"(?:把|将)[^,.;!?]{0,30}?(?:删除|删掉|删了|删|清空|清除|抹掉)"
                r"|(?:把|将)[^,.;!?]{0,30}?的\s*" + WRITE_FIELD + r"\s*(?:都|全部|统一|批量|一律)?\s*"
                r"(?:改成|改为|设为|设成|设置为|设置成|标记为|标成|更新为|更新成|调成|调整为|变成|换成)"
                r"|(?<![a-z])(?:change|set|update|switch|move|make)\s+(?:[\w-]+\s+){0,4}?(?:[\w-]+'s?|their|his|her)\s+"
                + WRITE_FIELD + r"\s+(?:to|as|into)(?![a-z])"
                r"|(?<![a-z])(?:mark|tag|flag|label)\s+(?:them|these|those|all|every|\w+\s+users)(?:[\w\s]{0,30}?)\s+as(?![a-z])")
# "compare men and women on average spend", "对比一下金卡和铂金会员的客单价": two audiences side by side, which
# the planner does not do (it is no compare intent); what follows the verb is joined by and / 和
# — or by a pair said as one word or by groups (比较一下男女的客单价, 对比一下新老客户, "compare sales by gender",
# "compare average order value across cities")
COMPARE_AUDIENCES = (r"^\s*(?:(?:please|pls|can\s+you|could\s+you|let'?s|i\s+want\s+to|i'?d\s+like\s+to)\s+)*"
                     r"(?:compare|contrast)(?![a-z])(?=.+?(?<![a-z])(?:and|with|vs\.?|versus|against|by|across|between"
                     r"|per)(?![a-z]))"
                     r"|^\s*(?:请|帮我|麻烦|帮忙|我想|能不能|可以)*\s*(?:对比一下|对比下|对比(?!过|了)|比较一下|比较下|比一比|比一下"
                     r"|比较(?=\s*(?:男女|新老|各|不同|每个)))"
                     r"(?=.*?(?:和|与|跟|vs|男女|新老|各|不同|每个|按))")
# The users not in the audience, compared with it ("compare tech optimists with everyone else", "how does that compare
# with the rest?", "和其他用户比", "跟其余的人相比怎么样"): parse._Reader._versus_rest
_REST_EN = (r"(?:everyone|everybody|all\s+the\s+others|the\s+others|the\s+rest(?:\s+of\s+(?:the\s+|our\s+)?(?:users|"
            r"customers|people|them))?|(?:all\s+)?(?:the\s+)?other\s+(?:users|customers|people|members))(?:\s+else)?")
_REST_ZH = r"(?:其他|其它|其余|剩下|剩余|别的)的?(?:所有)?(?:人|用户|客户|顾客|会员)(?:们)?"
VERSUS_REST = (rf"(?:(?:how\s+(?:does|do|did|would|is|are)\s+(?:that|this|it|they|these|those|them)\s+)?"
               rf"(?<![a-z])(?:compare[sd]?|compared|stack\s+up)\s+(?:with|to|against)|(?<![a-z])(?:vs\.?|versus|against"
               rf"|and|with))\s+{_REST_EN}(?![a-z])"
               rf"|(?:和|跟|与|同|对比|比较)\s*{_REST_ZH}\s*(?:的)?\s*(?:(?:相)?比(?:一下|起来|较)?|对比(?:一下)?)?"
               rf"\s*(?:怎么样|如何|咋样|呢|有什么不同)?")
# "健身的女生多还是男生多", "北京和上海哪个多", "男生女生谁多", "are there more women or men among pet owners",
# "gold or silver members, which is bigger": which of the values named has more users, i.e. a count per
# value (the words are cut; 还是 / or already join the values)
MORE_OR_ZH = r"(?:更|比较)?(?:(?<!多)少|多(?!少))(?:一些|一点|些)?\s*(?=还是)"
MORE_END_ZH = r"(?:更|比较)?(?:(?<!多)少|多(?!少))(?:一些|一点|些)?\s*(?:呢|啊|呀)?\s*[?？。!！]*\s*$"
WHICH_MORE_ZH = (r"(?:哪个|哪一个|哪边|哪一边|哪方|谁)\s*(?:的?\s*(?:用户|人数|人|客户|会员|顾客)(?:数)?)?\s*"
                 r"(?:更|比较|最)?(?:(?<!多)少|多(?!少))(?:一些|一点|些)?\s*(?:呢|啊|呀)?\s*[?？。!！]*\s*$")
# "北京和上海哪个城市的用户多", "哪个阶段的金卡会员更多": after a "which group", the people being more
WHICH_GROUP_ZH = r"哪个|哪一个|哪些|哪几个|哪类|哪种|哪一类|哪一种"
PEOPLE_MORE_ZH = (r"(?:用户|人数|人|客户|会员|顾客|粉丝)(?:数)?\s*(?P<w>(?:更|比较)?(?:(?<!多)少|多(?!少))(?:一些|一点|些)?)"
                  r"\s*(?:呢|啊|呀)?\s*[?？。!！]*\s*$")
# "男生和女生谁的客单价高", "北京和上海哪个城市的人均消费更高", "do men or women have a higher average order
# value": which has the bigger figure, i.e. the figure per value; only next to a figure (parse.py)
FIGURE_MORE_ZH = (r"(?P<w>(?:更|比较)?(?:高|低|多|少|大|小)(?:一些|一点|些)?)\s*(?:呢|啊|呀)?\s*[?？。!！]*\s*$")
FIGURE_MORE_EN = r"(?<![a-z])(?:a\s+|the\s+)?(?:higher|bigger|larger|lower|smaller|greater)(?![a-z])"
WHICH_OF_ZH = r"谁|哪|还是"
MORE_OR_EN = (r"(?<![a-z])(?:(?:are|is)\s+there|do\s+we\s+have|have\s+we\s+got|do\s+i\s+have)?\s*"
              r"(?<![a-z])(?:more|fewer|less)(?!\s+than)(?=\s+(?:[a-z'-]+\s+){1,5}?or\s)")
# "which has more users, Beijing or Shanghai?", "which one is bigger: gold or silver?" (no group word:
# "which city has more…" is a breakdown by city)
WHICH_HAS_MORE_EN = (r"(?<![a-z])which\s+(?:one\s+)?(?:has|have|is|are)\s+(?:more(?:\s+common|\s+frequent)?|bigger|larger|the\s+most)"
                     r"(?:\s+(?:users|people|customers|members|of\s+them))?(?![a-z])(?=.*(?<![a-z])or(?![a-z]))")
WHICH_MORE_EN = (r"(?:[,:;]\s*|\s)(?:which|who)\s+(?:one\s+|group\s+|side\s+)?(?:is|are|has|have)\s+"
                 r"(?:the\s+)?(?:more|bigger|larger|most|biggest|largest|more\s+common|more\s+users|more\s+people)"
                 r"\s*[?.!]*\s*$")
# Occupations that are also people who serve (老师 = teacher, 销售 = sales): after an opinion word ("对老师不满",
# "抱怨销售", "complained about the teacher") or in a ranking ("哪个老师最受欢迎") they are the staff — a teacher
# the teacher aspect, sales staff the service (tokens.py, parse._staff_rank_re); elsewhere ("喜欢瑜伽的老师") the
# customers' occupation
STAFF_OCCUPATIONS = {"老师": "teacher", "teachers": "teacher", "teacher": "teacher",
                     **dict.fromkeys(["销售人员", "销售", "salespeople", "sales reps", "sales people"], "service")}
# The roles of who serves in person that a shop has several of (a salon's beautician, stylist, nail artist): an opinion
# of one ("对美容师不满", "unhappy with the stylist") is about texts naming that role (opinion_about.py), each role in
# either language. 技师 / technician / 老师 / coach name anyone who serves: the whole aspect.
STAFF_ROLES = {
    "美容师": ["美容师", "美容顾问", "beautician", "beauticians", "esthetician", "estheticians", "aesthetician",
            "aestheticians"],
    "发型师": ["发型师", "理发师", "造型师", "剪发师", "stylist", "stylists", "hairstylist", "hairstylists", "hair stylist",
            "hair stylists", "hairdresser", "hairdressers", "barber", "barbers"],
    "美甲师": ["美甲师", "manicurist", "manicurists", "nail tech", "nail techs", "nail technician", "nail technicians",
            "nail artist", "nail artists"],
    "美睫师": ["美睫师", "lash artist", "lash artists", "lash tech", "lash techs"],
    "按摩师": ["按摩师", "推拿师", "masseuse", "masseuses", "masseur", "masseurs", "massage therapist", "massage therapists"],
}
# Rates and trends ("复购率是多少", "每月新增用户趋势", "what is our churn rate"): KPIs over time the planner does
# not compute yet; said so, with the shares it can give instead
# Returns and refunds are no data Persona keeps (an order is kept as placed): their figures are refused as such,
# not as rates ("退货率是多少"); who intends to return something is known, from what they wrote
RETURN_FIGURE_WORDS = ["退货率", "退款率", "退换货率", "退货数量", "退货数", "退货量", "退货金额", "退款金额", "退货订单",
                       "退款订单", "退了多少", "return rate", "returns rate", "refund rate", "number of returns",
                       "how many returns", "returned orders", "refunded orders", "refund amount", "refunds issued"]
# Profit needs what the goods cost, which the data does not hold (an order keeps what the customer paid): its
# figures are refused as such ("毛利是多少", "profit margin"), not as rates or words not understood
COST_FIGURE_WORDS = ["毛利率", "毛利润", "毛利", "净利润", "净利率", "净利", "利润率", "利润", "赚了多少钱", "赚了多少", "赚多少",
                     "成本价", "进货价", "进价", "成本", "profit margins", "profit margin", "gross margins", "gross margin",
                     "gross profit", "net profit", "net margin", "profits", "profit", "margins", "margin", "markup",
                     "cost of goods", "cogs", "unit cost", "how much did we earn", "how much did we make"]
RATE_WORDS = ["复购率", "回购率", "转化率", "留存率", "流失率", "活跃率", "客诉率", "增长率", "趋势", "同比",
              "每周新增", "每天新增", "repurchase rate", "repeat rate", "repeat purchase rate", "conversion rate",
              "retention rate", "churn rate", "growth rate", "trend", "trends", "year over year"]
# A figure per period is a trend too ("how many new users per month", "sales by month", 按月统计新增用户,
# 每个月新增多少用户): a period after per / by / each, or 按 / 每 before one (not 按年龄, 每年级)
TREND_PER = (r"(?<![a-z])(?:per|by|each|every)\s+(?:day|week|quarter|year)(?![a-z])(?!\s+of\s+(?:the\s+)?week)"
             r"|(?<![a-z])(?:week[\s-]by[\s-]week|weekly|daily)\s+(?:new\s+)?"
             r"(?:users|customers|signups|sign-ups|registrations|sales|orders|revenue|spend|growth)(?![a-z])"
             r"|按(?:天|日|周|季度|季|年)(?![龄纪级度薪收])(?:统计|来看|看|分|汇总|算)?"
             r"|每(?:个)?(?:天|日|周|季度|季|年)(?![龄级])(?:的)?(?:新增|注册|销售额|订单|下单|营收|收入)")
# Two periods compared (periods.py): the word before the second period ("本月和上个月", "这个月的销售额比上个月",
# "this month vs last month", "than last month"), the period before the one said ("环比", "比前一个月", "month over
# month", "than the month before"), and what asks how it changed ("多了还是少了，多多少", "increase or decrease")
PERIOD_JOINT = (r"(?:和|与|跟|同|比起|比|相比|对比|(?<![a-z])(?:and|vs\.?|versus|than|compared\s+(?:to|with)|against|or))"
                r"\s*$")
PREVIOUS_PERIOD = (r"环比|(?:和|跟|与)?(?:比起|比|相比|对比)\s*(?:前一个|前一|上一个|上一|之前一个|之前的?|前个)\s*"
                   r"(?:月|周|星期|季度|年)(?:相比|比)?"
                   r"|(?<![a-z])(?:month[\s-]over[\s-]month|week[\s-]over[\s-]week|"
                   r"(?:how\s+(?:does|do|did|is|are)\s+(?:that|this|it|they)\s+)?"
                   r"(?:than|vs\.?|versus|compare[sd]?\s+(?:to|with)|against)\s+(?:the\s+)?"
                   r"(?:(?:month|week|quarter|year)\s+before|(?:previous|prior)\s+(?:month|week|quarter|year)))"
                   r"(?![a-z])")
PERIOD_CHANGE = (r"\s*(?:的)?\s*(?:(?:是)?(?:多了|少了|增加了|减少了|涨了|跌了|降了|高了|低了|多|少|增加|减少)"
                 r"(?:\s*还是\s*(?:多了|少了|增加了|减少了|多|少))?\s*(?:吗|呢)?\s*[,，]?\s*(?:多了?多少|少了?多少|多少|几个?|几)?"
                 r"|(?<![a-z])(?:did\s+it\s+|has\s+it\s+)?(?:go\s+up\s+or\s+down|increase\s+or\s+decrease|"
                 r"up\s+or\s+down|more\s+or\s+(?:less|fewer))(?![a-z]))?")
# ... but months are a group: the orders' month (compile.ORDER_GROUPS), or the month users registered in when the
# question is about registering ("monthly order count for 2026", "2026年每个月的订单数", "how many users registered
# each month this year", "按月统计今年的新增用户")
MONTHLY = (r"(?<![a-z])(?:monthly|month[\s-]by[\s-]month|(?:by|per|each|every)\s+(?:calendar\s+)?month)(?![a-z])"
           r"|按月(?:份)?(?:统计|来看|看|分|汇总|算)?|逐月|分月|每(?:个)?月(?:份)?(?=的?(?:新增|注册|销售额|订单|下单|营收|收入"
           r"|成交|有多少|分别|各|都有多少))")
# Forecasts ("预测下个月的销售额", "forecast next quarter's revenue", "predict who will buy"): the planner
# answers from the data collected so far, never about the future; said so, with what it can give instead
# Any other rate, in the words of any business: 续卡率, 到店率, 核销率, "renewal rate", "no-show rate" (not the
# rates that are no KPI of the customers: 频率, 效率, 概率, 汇率, 税率, 利率; "first-rate", "interest rate")
RATE_ANY = (r"[\u4e00-\u9fff]{2}(?<![频效概汇税利])率"
            r"|(?<![a-z])(?!(?:first|top|flat|hourly|exchange|interest|heart|tax|going|market)\b)[a-z]+(?:-[a-z]+)?"
            r"\s+rates?(?![a-z])")
FORECAST_WORDS = ["预测", "预估", "预计", "下个月", "下月", "下个季度", "下季度", "明年", "forecast", "forecasts",
                  "forecasting", "predict", "predicts", "prediction", "predictions", "projection", "projections",
                  "next month", "next quarter", "next year", "will spend"]
# Identities are never shown (the SQL sees no phone, email or device id): asking for them is refused
IDENTITY_WORDS = ["手机号码", "手机号", "电话号码", "联系电话", "联系方式", "邮箱地址", "电子邮箱", "邮箱", "身份证号码",
                  "身份证号", "身份证", "设备号", "设备id", "家庭住址", "收货地址", "住址", "phone numbers", "phone number",
                  "phone nos", "mobile numbers", "mobile number", "cell numbers", "cellphone numbers", "telephone numbers",
                  "contact details", "contact info", "contact information", "email addresses", "email address",
                  "e-mail addresses", "emails of", "e-mails of", "their emails", "their e-mails", "email ids", "home addresses", "home address", "device ids", "device id",
                  "id numbers", "id card numbers", "shipping addresses",
                  "邮件地址", "电邮地址", "电子邮件地址", "联系人电话", "电话号", "手机号吗",
                  # as typed fast: "email adresses", "emial", "phone no."
                  *(f"{head} {address}" for head in ("email", "e-mail", "emial", "emal", "mail", "home", "shipping",
                                                     "postal", "mailing", "delivery")
                    for address in ("address", "addresses", "adress", "adresses", "addres", "addreses", "adresss")),
                  "emial", "emials", "emial ids",
                  *(f"{head} {number}" for head in ("phone", "mobile", "cell", "cellphone", "telephone", "tel", "contact",
                                                    "phon", "mobil")
                    for number in ("no", "no.", "nos", "nos.", "#", "num", "nums", "numbers", "number", "numbr",
                                   "numbrs", "nubmers", "nubmer", "numers"))]
# In a conversation "remove / drop" with no data object ("remove the ones in shanghai", "drop the men")
# takes people out of the audience; with one ("drop the users table") it is still a write
EXCLUDE_VERBS = ["remove", "drop"]
DATA_OBJECT = (r"(?<![a-z])(?:tables?|database|db|data|records?|rows?|accounts?|columns?|tags?|profiles?|history|logs?)"
               r"(?![a-z])")
REFUSE_WORDS = (r"(?:删除|删掉|删了|清空|清除|修改|篡改|插入|写入|导入|delete|drop|remove|truncate|insert|update|alter"
                r"|modify|wipe|erase|overwrite)")

# --- request wrappers: the polite request around a question ---------------------------------------
# "你能查一下…吗", "麻烦帮我拉一下…", "怎么查…", "can you pull up…", "how do I find…", "is there a way to
# see…": at the start of a question (after an opener like "好的," or "and") they ask for what follows
# and carry no condition (tokens.py takes them as filler). Only there: inside a condition the same
# characters keep their meaning, so each word refuses the words it starts (下单, 查看过, 拉新, 能量,
# 搜索过, 数码 ...). 导出 / export asks for the list (exporting a file is /export in the chat).
WRAPPER_ASK_ZH = [r"你", r"您", r"能不能", r"能否", r"可不可以", r"可否", r"可以", r"能(?!量|源|力|耗)",
                  r"会不会", r"麻烦", r"劳驾", r"请问", r"请", r"我想要", r"我想", r"我要", r"我需要", r"想要(?=帮|给)",
                  r"有没有办法", r"有什么办法", r"有啥办法", r"有办法", r"怎么样才能", r"怎么才能", r"怎么样",
                  r"怎么", r"怎样才能", r"怎样", r"如何才能", r"如何", r"该怎么", r"要怎么"]
WRAPPER_HELPER_ZH = [r"帮我们", r"帮我", r"帮忙", r"帮", r"给我们", r"给我", r"替我", r"为我"]
WRAPPER_VERB_ZH = [r"查询(?!过)", r"查找(?!过)", r"查看(?!过)", r"查(?!看过|询过|找过)", r"看看", r"看(?!过|中|了)",
                   r"瞅瞅", r"瞅", r"瞧瞧", r"瞧", r"拉(?!新|黑|美|萨)", r"导出", r"列出", r"列(?!表)", r"统计",
                   r"筛选出", r"筛选", r"筛", r"找出", r"找", r"圈出", r"圈选", r"圈", r"数一下", r"调出",
                   r"告诉我", r"知道", r"弄", r"捞", r"求(?!助|购)"]
# "我需要一份…", "给我来个…": a wanted list, no verb
WRAPPER_WANT_ZH = r"(?:我要|我需要|我想要|给我来|给我|来)(?:一份|一张|一个|个|份)"
WRAPPER_ASPECT_ZH = [r"一下", r"下(?!单|过|了单)", r"个", r"一份", r"份", r"出来", r"出", r"到", r"一查", r"一看", r"看"]
# ... and what is asked for, a list: "拉个名单", "导一份清单", "列个表"
WRAPPER_OBJECT_ZH = r"(?:名单|清单|列表|明细|表)?"
WRAPPER_ASK_EN = [r"(?:can|could|would|will)\s+(?:you|u|ya)(?:\s+(?:please|pls|plz|kindly|just))?(?:\s+mind)?",
                  r"please", r"pls", r"plz", r"kindly", r"i'?d\s+like(?:\s+to)?", r"i\s+would\s+like(?:\s+to)?",
                  r"(?:i|we)\s+(?:want|need|wanna)(?:\s+to)?", r"how\s+(?:do|can|could|would|should)\s+(?:i|we)",
                  r"is\s+there\s+(?:a|any)\s+way\s+(?:to|i\s+can|we\s+can|for\s+me\s+to)",
                  r"what'?s\s+the\s+(?:best\s+|easiest\s+|quickest\s+)?way\s+to", r"help\s+me"]
WRAPPER_VERB_EN = [r"(?:see|show|find|get|fetch|grab|give|bring|pull|look|list|export|display|check)(?:ing|s)?"
                   r"(?:\s+(?:up|out|at))?", r"find\s+out", r"tell\s+me"]


def _alternation(words: list[str]) -> str:
    return "(?:" + "|".join(words) + ")"


_WRAPPER_LEAD = (r"^[\s,.!?]*(?:" + OPENER + r"(?![a-z])\s*[,.!]?\s*)*"
                 r"(?:(?:and|also|now|then|so|那么|那|还有|另外)(?![a-z])\s*,?\s*)?")
# Chinese: asking words, then who helps, then the verb with its aspect; a helper or a verb must be there
# ("你能" alone is no request: "你能…" asks about the tool, chat.py)
_WRAPPER_ZH = (_alternation(WRAPPER_ASK_ZH) + r"*(?:" + WRAPPER_WANT_ZH + "|" + _alternation(WRAPPER_HELPER_ZH)
               + _alternation(WRAPPER_VERB_ZH) + "?|" + _alternation(WRAPPER_VERB_ZH) + r")"
               + _alternation(WRAPPER_ASPECT_ZH) + "?" + WRAPPER_OBJECT_ZH
               # "能不能不要上海的", "可以把上海的去掉吗", "能不能只要金卡的": asking words alone, before an
               # exclusion or a narrowing
               + "|" + _alternation(WRAPPER_ASK_ZH) + r"+(?=\s*(?:把|将|只要|只看|仅看|再加上|加上|"
               + "|".join(EXCLUDE_ZH) + "))")
REQUEST_WRAPPER_ZH = _WRAPPER_LEAD + r"(?P<w>" + _WRAPPER_ZH + ")"
# ... or after the question ("上海的女性用户能查一下吗", "…，帮我拉一下"): there a verb alone must say it
# is a request by its form (看看, 导出, 查一下), since "喜欢看" ends in a verb too
_WRAPPER_VERB_ONLY_ZH = r"(?:看看|查查|瞅瞅|瞧瞧|导出|列出|找出|筛选出)"
REQUEST_WRAPPER_TAIL_ZH = (r"(?P<w>" + _alternation(WRAPPER_ASK_ZH) + r"*" + _alternation(WRAPPER_HELPER_ZH)
                           + _alternation(WRAPPER_VERB_ZH) + "?" + _alternation(WRAPPER_ASPECT_ZH) + "?|"
                           + _alternation(WRAPPER_ASK_ZH) + r"*(?:" + _alternation(WRAPPER_VERB_ZH)
                           + _alternation(WRAPPER_ASPECT_ZH) + WRAPPER_OBJECT_ZH + "|" + _WRAPPER_VERB_ONLY_ZH + r"))"
                           r"[\s,.!?。，！？吗呢吧啊呀]*$")
# English: asking words, then maybe the verb ("how do I count …" keeps its count)
REQUEST_WRAPPER_EN = (_WRAPPER_LEAD + r"(?P<w>(?:" + _alternation(WRAPPER_ASK_EN) + r"(?![a-z'])\s*)+(?:"
                      + _alternation(WRAPPER_VERB_EN) + r"(?![a-z]))?|" + _alternation(WRAPPER_VERB_EN)
                      + r"(?![a-z]))")

# --- filler: words that carry no condition -------------------------------------------------------

FILLER_ZH = [
    "帮我查一下", "帮我查查", "帮我查下", "帮我看下", "帮我找下", "帮我统计下", "帮忙查下", "帮我数下", "查下", "看下", "找下",
    "统计下", "列下", "数下", "算下", "查一查", "看一看", "瞅瞅", "瞅一眼", "看一眼", "有的话", "如果有的话", "的话", "帮我查", "帮我找一下", "帮我找出", "帮我找", "帮我看看", "帮我看一下", "帮我统计", "帮我列出",
    "帮我筛选", "帮我圈", "帮忙", "帮我", "给", "帮", "把", "将", "给我看看", "给我看", "给我列出", "给我列", "给我找", "给我", "请问", "请帮我",
    "请", "麻烦", "劳驾", "劳烦", "拜托", "我想知道", "我想看", "我想要", "我想", "我要", "想看看", "想看", "想知道", "看一下", "看看",
    "查一下", "查查", "查询", "查找", "查", "找一下", "找出来", "找出", "找到", "找", "筛选出来", "筛选出", "筛选", "圈出来",
    "圈出", "圈选", "圈一下", "圈", "列出来", "列出", "列一下", "列举", "罗列", "显示", "展示", "统计一下", "统计",
    "一下", "所有的", "所有", "全部的", "全部", "全体", "总用户", "总客户", "哪些", "哪一些", "有哪些", "是哪些", "都有谁", "有谁", "是谁", "谁",
    "哪位", "那些", "这些", "一些", "些", "的", "地", "得", "了", "过", "吗", "呢", "吧", "啊", "呀", "嘛", "哦", "是", "有",
    "在", "为", "和", "跟", "与", "及", "以及", "并且", "并", "而且", "且", "同时", "也", "还", "都", "又", "就", "但是",
    "但", "却", "不过", "可是", "而", "人群", "群体", "人士", "人们", "人", "用户们", "用户", "客户们", "客户", "顾客", "消费者",
    "会员", "学员", "客人", "游客", "旅客", "买家", "粉丝", "玩家", "爱好者", "发烧友", "达人", "迷", "控", "党", "族", "们", "个", "位", "名", "数",
    "其", "中", "里", "上", "之中", "里的", "属于", "就是", "那种", "这种", "一类", "类", "类型", "像", "比如", "一共", "总共",
    "共", "目前", "现在", "当前", "我们", "我", "平台", "店铺", "店里", "喜欢", "爱", "热爱", "偏爱", "偏好", "感兴趣",
    "兴趣", "爱好", "关注", "对", "于", "关于", "相关", "方面", "类目", "品类", "商品", "产品", "东西", "东东", "相关的",
    "等", "等等", "方面的", "很", "非常", "比较", "特别", "挺", "太", "最", "更", "较", "处于", "状态", "阶段", "出现",
    "过的", "一个", "一位", "一名", "某些", "身份", "标签", "画像", "带有", "具有", "拥有", "具备", "满足", "符合",
    "条件", "情况", "分布", "占比", "一样", "呢?", "住在", "来自", "位于", "居住在", "所在", "地区", "城市", "市", "区",
    "意识", "倾向", "觉得", "认为", "说", "表示", "反馈", "评论", "评价里", "都在", "用过", "使用", "常", "时候",
    "哪个", "哪一个", "曾经", "已经", "一直", "老是", "总是", "仍然", "依然", "还在", "正在", "正",   # 正 of 正在 when 在 starts the next word (正在比价: 在比价)
    "是谁下的单", "是谁下的", "谁下的单", "谁下的",   # 最贵的一笔订单是谁下的: the ranking names its user
    "整体", "总体", "全店",   # 整体销售额, 全店客单价: the shop's figure (said of everyone: parse._shop_figure)
    "算", "当", "作为", "以", "这", "那", "他们", "她们",
    "想", "看", "我", "再", "累计", "大概", "大约", "大致", "那群人", "那帮人", "这帮人", "那拨人", "怎样", "怎么样",
    "变成了", "变成", "变为", "转为", "进入了", "进入", "新增",   # "这个月变成沉睡用户的": the stage's entry (stages.py)
    "什么样", "名单", "清单", "列表", "强", "强烈", "较强", "很强", "明显", "较高", "意愿", "写得", "写成", "写的", "然后", "后来", "之后", "以后",
    # "既喜欢美妆又喜欢护肤", "主要喜欢什么", "主要分布在哪些城市": a correlative or "mainly" adds nothing
    "既", "主要", "主要是", "大多", "大多是",
    # the verb before an interest noun says nothing more than the noun: 听音乐, 用苹果手机, 玩游戏, 养猫, 喝茶, 追剧
    "听", "用", "玩", "养", "喝", "追",
]
FILLER_EN = [
    "anymore", "please", "pls", "can", "could", "would", "will", "you", "me", "us", "i", "we", "i'd", "i'm", "let's", "lets",
    "show", "list", "find", "get", "give", "display", "tell", "pull", "fetch", "select", "return", "identify",
    "see", "know", "want", "need", "like", "likes", "love", "loves", "enjoy", "enjoys", "into", "interested", "interest",
    "all", "the", "a", "an", "of", "who", "whom", "whose", "which", "that", "those", "these", "there", "here",
    "users", "user", "customers", "customer", "people", "persons", "person", "shoppers", "shopper", "members",
    "member", "folks", "ones", "one", "consumers", "clients", "accounts", "audience", "fans", "fan", "lovers",
    "lover", "enthusiasts", "enthusiast", "aficionados", "addicts", "junkies", "owners", "owner", "parents",
    "are", "is", "were", "was", "be", "been", "being", "have", "has", "had", "do", "does", "did", "done", "got",
    "in", "from", "at", "on", "with", "and", "also", "both", "any", "anything", "some", "something", "what",
    "what's", "whats", "live", "living", "lives", "based", "located", "reside", "residing", "my", "our", "for",
    "to", "about", "as", "it", "its", "they", "them", "their", "just", "currently", "now", "total", "overall",
    "altogether", "exactly", "really", "very", "quite", "somewhat", "still", "already", "ever", "yet",
    "category", "categories", "products", "product", "produce", "items", "item", "stuff", "things", "goods", "gear", "supplies",
    "supply",
    "related", "database", "db", "platform", "store", "shop", "segment", "group", "where", "who's", "who've",
    "profile", "profiles", "tags", "tagged", "tag", "labeled", "labelled", "classified", "considered", "marked",
    "flagged", "identified", "seen", "type", "kind", "sort", "new", "but", "however", "though", "while", "then",
    "so", "too", "either", "by", "per", "out", "up", "level", "status", "stage", "across", "within", "inside",
    "city", "cities", "area", "areas", "region", "come", "comes", "feel", "felt", "think", "thought", "said",
    "say", "says", "saying", "mention", "reviews", "review", "feedback", "someone", "anyone", "everyone", "everybody",
    "anybody", "whole", "entire", "names", "ids", "using", "use", "used", "lot", "much", "many", "more",
    "most", "such", "other", "others", "only", "same", "back", "ago", "currently", "right", "okay", "ok",
    "hi", "hey", "thanks", "thank", "well", "um", "yes", "please?", "let", "look", "looking", "check",
    "ppl", "peeps", "added", "anyone's", "guys'", "whos", "thats", "theres", "if any",
    "activities", "activity", "level", "tier", "members'", "already", "time", "period", "between",
    "left", "gave", "given", "wrote", "written", "posted", "leave", "likely", "probably", "possibly", "may",
    "might", "maybe", "potential", "potentially", "certain", "particular", "specific", "those who",
    "membership", "memberships", "card", "cards", "holders", "everyone", "anybody", "pull", "stuff", "later",
    "anytime soon",
    "placed", "made",   # "placed more than 3 orders", "made 2 purchases": the count and the noun say it
    "onwards", "onward",   # "from Black Friday onwards": "from" says since already
    "among", "amongst",   # "top 3 spenders among dormant users": the audience they are ranked within
    "soon", "shortly",   # "likely to buy a phone soon": the intent is now
    # "right now", approximations, "custs" (customers), "the whole base", "whales, meaning …"
    "rn", "atm", "moment", "r", "roughly", "approximately", "approx", "custs", "cust", "base", "meaning", "aka", "namely",
    # "people showing churn risk signals", "users displaying signs of churn": the state itself is the condition
    "showing", "shows", "displaying", "exhibiting", "signals", "signs", "indicators",
    "became", "become", "becoming", "turned", "went", "gone",   # "users who became dormant this month"
]

# --- small talk: whole messages that ask no data question (chat.py) ------------------------------
# Each topic's phrases, lower case; a message made only of these (and punctuation, emoji, the
# NEUTRAL words) is answered without a query. Latin letters may repeat ("hiii", "thanksss"), Chinese
# phrases may end in a particle ("你好呀", "谢谢啦"), "thank you" may be written "thankyou".

SMALL_TALK = {
    "help": [
        "help", "help me", "help please", "please help", "i need help", "need help", "can you help",
        "can you help me", "could you help me", "how can you help", "how can you help me", "what can you help with",
        "what can you help me with", "what can you do", "what can you do for me", "what else can you do",
        "what do you do", "what are you able to do", "what are your capabilities", "capabilities", "features",
        "what can i ask", "what can i ask you", "what should i ask", "what questions can i ask", "what can i do",
        "what can i do here", "what can i do with this", "what can i search", "what can you find",
        "what can you look up", "what can you query", "how do i use this", "how do i use it", "how do i use you",
        "how do i use persona", "how to use", "how to use this", "how to use persona", "how does this work",
        "how does it work", "how do you work", "how do i start", "where do i start", "getting started", "usage",
        "instructions", "examples", "example questions", "show me examples", "show me some examples",
        "give me examples", "give me some examples", "any examples",
        "有什么可以问的", "你有什么用", "你有啥用", "能干啥", "你能干啥",
        "帮助", "求助", "帮帮我", "帮个忙", "使用说明", "说明", "用法", "怎么用", "怎么使用", "如何使用", "如何用", "该怎么用", "怎么玩",
        "怎么问", "该怎么问", "我该怎么问", "要怎么问", "我能问什么", "我可以问什么", "可以问什么", "能问什么", "问什么", "你能做什么",
        "你可以做什么", "你会做什么", "你会什么", "你能干什么", "你能干嘛", "你可以干什么", "能做什么", "能干什么", "能干嘛",
        "可以做什么", "能做些什么", "能查什么", "可以查什么", "你能查什么", "你可以查什么", "都能查什么", "能帮我做什么",
        "你能帮我做什么", "可以帮我做什么", "你能帮我干什么", "有什么功能", "有哪些功能", "功能", "功能介绍", "示例", "例子",
        "举个例子", "给个例子", "有什么例子", "怎么开始", "从哪开始", "从哪里开始",
    ],
    "data": [
        "what data do you have", "what data is there", "what data is available", "what data", "which data do you have",
        "what data do you use", "what's in the database", "what is in the database", "whats in the database",
        "what's in the db", "what's in the data", "what do you know", "what do you know about users",
        "what do you know about our users", "what do you know about our customers", "what information do you have",
        "what info do you have", "what fields are there", "what tables are there",
        "有哪些数据", "有什么数据", "都有什么数据", "都有哪些数据", "你有哪些数据", "你有什么数据", "数据有哪些", "有哪些字段",
        "有什么字段", "数据库里有什么", "数据里有什么", "你知道什么", "你都知道什么", "能查哪些数据", "可以查哪些数据", "有哪些信息",
        "有什么信息", "都有哪些信息",
    ],
    "off_topic": ["讲个笑话", "讲笑话", "天气怎么样", "你吃饭了吗", "tell me a joke", "what's the weather like",
                  "sing me a song", "how's the weather"],   # and SMALL_TALK_PATTERNS["off_topic"]
    "identity": [
        "who are you", "what are you", "who is this", "what is this", "what's this", "whats this", "what is persona",
        "what's persona", "whats persona", "who r u", "what r u", "are you a bot", "are you a robot", "are you human",
        "are you an ai", "introduce yourself", "tell me about yourself", "what is your name", "what's your name",
        "你是谁", "您是谁", "你是什么", "你是干什么的", "你是做什么的", "你是干嘛的", "这是什么", "这是啥", "你叫什么",
        "你叫什么名字", "你是干啥的", "你是机器人吗", "你是人吗", "介绍一下你自己", "介绍一下自己", "自我介绍一下", "自我介绍",
        "persona是什么", "什么是persona", "persona是啥",
    ],
    "bye": [
        "bye", "goodbye", "good bye", "bye bye", "see you", "see ya", "see you later", "good night", "goodnight",
        "that's all", "thats all", "that is all", "that's all for now", "thats all for now", "that's all for today",
        "thats all for today", "that's it for today", "that will be all", "nothing else", "i'm done", "im done", "that's it for now", "that's it",
        "再见", "拜拜", "回头见", "下次见", "晚安", "先这样", "就这样", "没事了", "先这样吧", "今天就到这",
    ],
    "thanks": [
        "thanks", "thank you", "thank u", "thx", "ty", "tks", "thanks a lot", "thanks so much", "thank you so much",
        "thank you very much", "thanks very much", "many thanks", "much appreciated", "appreciate it", "cheers",
        "thanks for your help", "thanks for the help", "thank you for your help", "thanks for helping",
        "thanks in advance", "thank you in advance", "thx in advance", "tia",
        "谢谢", "多谢", "谢了", "感谢", "谢谢你", "谢谢您", "非常感谢", "太感谢了", "十分感谢", "辛苦了", "辛苦", "麻烦你了",
        "谢谢你的帮助", "谢谢帮忙", "感谢你的帮助", "感谢帮助",
        "谢啦", "先谢了", "先谢谢了", "提前谢谢", "3q",
        # thanks to whoever reads it ("谢谢老师": no teacher is asked for)
        "谢谢老师", "谢谢亲", "谢谢大佬", "谢谢同学", "谢谢哥", "谢谢姐", "谢谢各位", "谢谢大家",
    ],
    "greeting": [
        "hi", "hello", "hey", "hiya", "howdy", "yo", "hi there", "hello there", "hey there", "hi all", "hello all",
        "hello everyone", "hi everyone", "good morning", "good afternoon", "good evening", "morning", "greetings",
        "how are you", "how are you doing", "how's it going", "hows it going", "what's up", "whats up", "sup",
        "are you there", "you there", "anyone there",
        "你好", "您好", "你们好", "大家好", "嗨", "哈喽", "哈啰", "哈罗", "喂", "在吗", "在不在", "在么", "在嘛", "早", "早上好",
        "上午好", "中午好", "下午好", "晚上好", "早安", "你好吗", "最近好吗", "有人吗",
    ],
    "ack": [
        "ok", "okay", "k", "cool", "great", "nice", "awesome", "perfect", "got it", "i see", "understood", "good",
        "alright", "all right", "sounds good", "fine", "wow",
        "好的", "好", "好吧", "好嘞", "好滴", "行", "可以", "嗯", "嗯嗯", "哦", "哦哦", "明白", "明白了", "知道了", "收到", "了解",
        "懂了", "不错", "很好", "太好了", "太棒了", "棒", "厉害", "牛",
    ],
}
# Ways of asking the same thing that word lists cannot enumerate ("你都能帮我查些啥", "what else could
# persona answer", "what kind of data can I query"): patterns, matched like the phrases above.
SMALL_TALK_PATTERNS = {
    "help": [
        r"what\s+(?:else\s+)?(?:can|could|do|should|shall|would)\s+(?:you|persona|this|it|i|we)\s+(?:do|ask|query|"
        r"search|find|look\s+up|answer|help\s+(?:me\s+|us\s+)?with)(?:\s+(?:for\s+(?:me|us)|here|with\s+(?:this|it|you|"
        r"persona)|you|persona|about))?",
        r"(?:tell|show)\s+me\s+what\s+(?:you|persona|this|it)\s+(?:can|could)\s+do",
        r"what\s+(?:are\s+you|is\s+persona|is\s+this)\s+(?:capable\s+of|for|good\s+for)",
        r"what\s+(?:kinds?|sorts?|types?)\s+of\s+(?:questions|things|stuff)\s+(?:can|could|should|do)\s+(?:i|we)\s+ask"
        r"(?:\s+(?:you|persona))?",
        r"how\s+(?:do|can|should)\s+(?:i|we)\s+(?:use|ask|query|start\s+with|talk\s+to)\s+(?:you|this|it|persona)",
        r"how\s+(?:does|do)\s+(?:persona|this|it|you)\s+work",
        r"(?:你|您|persona)?(?:都|还|到底)?(?:能|可以|会)(?:帮我们|帮我|帮|为我|给我)?(?:做|干|查|问|回答|搞)(?:些|点|一些)?"
        r"(?:什么|啥|哪些)(?:东西|事情|事|问题|内容|功能)?",
        r"(?:你|您)?(?:都|还)?(?:能|可以)帮(?:我们|我)?(?:些|点)?(?:什么|啥)",
        r"(?:我|我们)?(?:能|可以|该|要|应该)?(?:怎么|如何|怎样)(?:用|使用|问|提问|查|查询|开始|上手)(?:这个|你|persona)?",
        r"(?:这个|persona|你)(?:要|该)?(?:怎么|如何|怎样)(?:用|使用)",
    ],
    # questions about anything but the customers ("今天天气咋样", "tell me a joke"): a polite "only about
    # your customers", not "did not understand"
    "off_topic": [
        r"[\u3400-\u9fff\s]{0,8}天气[\u3400-\u9fff\s]{0,8}",
        r"(?:给我|跟我|给我们|你)?(?:讲|说|来)(?:个|一个|几个|段|一段)?(?:笑话|段子|故事|冷笑话)(?:吧|听听|呗)?",
        r"(?:给我|帮我)?(?:写|作|来)(?:一首|首|个)(?:诗|歌|情诗)",
        r"你(?:今天)?(?:吃饭了吗|吃了吗|过得怎么样|心情怎么样|心情好吗|几岁了?|多大了?|有男朋友吗|有女朋友吗|累不累|累吗)",
        r"(?:现在|今天)?(?:几点了?|几号了?|星期几了?|周几了?)",
        r"[\u3400-\u9fff]{0,6}(?:股票|股价|彩票|比分|新闻|八卦)[\u3400-\u9fff]{0,6}",
        r"(?:tell|give)\s+(?:me|us)\s+(?:a|another|some|a\s+funny)\s+(?:joke|story|riddle|fun\s+fact)s?"
        r"(?:\s+(?:about|on)\s+[a-z]+(?:\s+[a-z]+)?)?",   # "a joke about babies": no audience of baby fans
        r"(?:讲|说|来)(?:个|一个|几个|段|一段)?(?:关于)?[\u3400-\u9fff]{1,6}的(?:笑话|段子|故事)",
        r"(?:do\s+you\s+)?know\s+any\s+(?:good\s+)?jokes",
        r"(?:what'?s|what\s+is|how'?s|how\s+is)\s+the\s+weather(?:\s+like)?(?:\s+(?:today|tomorrow|now|outside|"
        r"in\s+[a-z]+(?:\s+[a-z]+)?))?",
        r"(?:is\s+it\s+going\s+to|will\s+it)\s+(?:rain|snow)(?:\s+(?:today|tomorrow))?",
        r"(?:write|compose)\s+(?:me\s+)?(?:a\s+)?(?:poem|song|haiku|limerick)(?:\s+about\s+[a-z]+(?:\s+[a-z]+)?)?",
        r"what\s+time\s+is\s+it(?:\s+now)?", r"what'?s\s+the\s+meaning\s+of\s+life",
        r"who\s+(?:won|is\s+winning)\s+the\s+(?:game|match|election|world\s+cup)",
    ],
    "data": [
        r"what\s+(?:kinds?\s+of\s+|sorts?\s+of\s+|types?\s+of\s+)?(?:data|information|info|tables|fields)\s+(?:do|does|can|"
        r"is|are)\s+(?:you|i|we|persona|there)(?:\s+(?:have|hold|use|query|see|know|search|available))?",
        r"(?:你|您|persona|我|我们)?(?:都|还)?(?:能|可以)?(?:有|查|查到|看|看到|用)(?:哪些|什么|啥)(?:数据|信息|字段|表)",
        r"数据(?:都)?(?:有哪些|是什么|有什么|是啥|从哪来|从哪里来)",
    ],
}
# The answer's topic when a message says several things ("hi, what can you do?" asks for help).
SMALL_TALK_ORDER = ["help", "data", "identity", "off_topic", "bye", "thanks", "greeting", "ack"]
# Words that may stand beside small talk and change nothing ("hi persona", "请问你能做什么", "那你是谁").
SMALL_TALK_NEUTRAL = ["persona", "please", "pls", "so", "and", "um", "hmm", "guys", "team", "folks", "all", "everyone",
                      "tell me", "can you tell me", "i want to know", "i'd like to know", "请问一下", "请问", "请", "那么", "那",
                      "所以", "大家", "我想知道", "我想问一下", "我想问", "想问一下", "我想了解一下", "想了解一下", "问一下"]
# Chinese sentence-final particles after a phrase: "你好呀", "谢谢啦", "在吗？"
SMALL_TALK_PARTICLES = "啊呀呢哈啦嘛哦噢喔吖咯哇"
# Emoji that say something on their own; other emoji and symbols are read as punctuation.
SMALL_TALK_EMOJI = {"👋": "greeting", "🙏": "thanks", "👍": "ack", "👌": "ack", "🤝": "thanks", "🙂": "ack", "😊": "ack"}
# Pleasantries that may open (greeting, thanks) or close (thanks) a real question and carry nothing:
# "hi, how many users in Beijing?", "你好，上海有多少女性用户", "上海的女性用户，谢谢". Bare Chinese ones of
# one character ("早", "喂", "好") and "morning" alone stay whole-message small talk only.
LEADING_PLEASANTRY = ["greeting", "thanks"]
