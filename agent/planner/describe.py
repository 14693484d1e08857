"""Audience specification -> plain words, in Chinese or English, for the operator to check.

    >>> from agent.planner.spec import AudienceSpec, Condition
    >>> describe(AudienceSpec(where=[Condition("gender", values=["female"]), Condition("city", values=["上海"])]), "en")
    'women; in Shanghai'
"""

from __future__ import annotations

from datetime import date, timedelta

from agent.planner import lexicon as lx
from agent.planner.brands import brand_words, mention_words
from agent.planner.data_words import product_words
from agent.planner.order_scope import scope_words, spend_standing
from agent.planner.stores import at_store_words, store_words
from agent.planner.attributes import attribute_words, group_field
from agent.planner.text_lang import text_lang_words
from agent.planner.spec import WINDOWED_GROUPS, AudienceSpec, Clause, Condition, Group, Metric, Range, Window
from agent.planner.stages import entry_rule

_GENDER = {"zh": {"female": "女性", "male": "男性", "unknown": "性别未知"},
           "en": {"female": "women", "male": "men", "unknown": "gender unknown"}}
_MEMBER = {"zh": {"normal": "普通会员", "silver": "银卡会员", "gold": "金卡会员", "platinum": "铂金会员",
                  "diamond": "钻石会员"},
           "en": {"normal": "regular members", "silver": "silver members", "gold": "gold members",
                  "platinum": "platinum members", "diamond": "diamond members"}}
_ACTION = {"zh": {"order": "购买", "view": "浏览", "click": "点击", "search": "搜索", "cart": "加购", "favorite": "收藏",
                  "share": "分享", "like": "点赞", "purchase": "购买", "login": "登录", "checkin": "到店签到",
                  "booking": "预约", "any": "有过活动"},
           "en": {"order": "bought", "view": "viewed", "click": "clicked", "search": "searched for",
                  "cart": "added to cart", "favorite": "favorited", "share": "shared", "like": "liked",
                  "purchase": "purchased", "login": "logged in", "checkin": "checked in",
                  "booking": "booked", "any": "were active"}}
_GROUP = {"zh": {"city": "城市", "gender": "性别", "age_band": "年龄段", "member_level": "会员等级", "city_tier": "城市等级",
                 "lifecycle": "生命周期", "consumption": "消费类型", "interest": "兴趣", "complaint_aspect": "不满的方面",
                 "search_term": "搜索词", "segment": "分群", "store": "下单门店", "brand": "品牌", "product": "商品",
                 "kind": "商品类别", "bought_interest": "购买的品类", "month": "月份", "registered_month": "注册月份"},
          "en": {"city": "city", "gender": "gender", "age_band": "age band", "member_level": "membership level",
                 "city_tier": "city tier", "lifecycle": "lifecycle stage", "consumption": "consumption type",
                 "interest": "interest", "complaint_aspect": "what they complained about",
                 "search_term": "what they searched for", "segment": "segment",
                 "store": "store ordered at", "brand": "brand", "product": "product", "kind": "kind of goods",
                 "bought_interest": "kind of goods bought", "month": "month",
                 "registered_month": "month registered"}}
# (metric, agg) -> (Chinese, English): what the figure is, saying how it is computed
_METRIC = {
    ("order_value", "avg"): ("平均客单价（所有订单金额的平均值）", "average order value (the mean amount of their orders)"),
    ("order_value", "sum"): ("消费总额（订单金额之和）", "total spend (the sum of their order amounts)"),
    ("spend", "avg"): ("人均消费（消费总额÷人数，没有订单的用户按0计）",
                       "average spend per user (total spend ÷ users; users without orders count as 0)"),
    ("spend", "sum"): ("消费总额（订单金额之和）", "total spend (the sum of their order amounts)"),
    ("order_count", "avg"): ("人均订单数（订单数÷人数）", "average number of orders per user (orders ÷ users)"),
    ("order_count", "sum"): ("订单总数", "total number of orders"),
    ("age", "avg"): ("平均年龄（年龄已知的用户）", "average age (users whose age is known)"),
    ("order_value", "median"): ("订单金额的中位数（按金额排在中间的订单）", "median order amount (the middle order by amount)"),
    ("spend", "median"): ("人均消费的中位数（没有订单的用户按0计）", "median spend per user (users without orders count as 0)"),
    ("order_count", "median"): ("每人订单数的中位数", "median number of orders per user"),
    ("age", "median"): ("年龄的中位数（年龄已知的用户）", "median age (users whose age is known)"),
    ("days_since_order", "avg"): ("距上次下单的平均天数（只算下过单的用户）",
                                  "average days since the latest order (buyers only)"),
}


_RANK_METRIC = {("spend", "sum"): ("消费总额", "total spend"), ("order_count", "sum"): ("订单数", "number of orders"),
                ("order_value", "avg"): ("客单价（订单金额的平均值）", "average order value"),
                ("last_order", "max"): ("最近一次下单时间", "latest order date"),
                ("order_value", "max"): ("单笔订单金额（每位用户最大的一笔）", "largest single order (each user's biggest)")}


def describe(spec: AudienceSpec, lang: str | None = None, audience: list[Clause] | None = None) -> str:
    """The conditions of ``spec`` in plain words ('所有用户' / 'all users' when there are none); a spend
    threshold says which orders it sums (order_scope.py: those the ``audience``, by default the spec's own,
    attaches to figures)."""
    lang = lang or spec.lang
    note = scope_words(spec.audience() if audience is None else audience, lang)
    parts = [_with_scope(clause, clause_words(clause, lang), note, lang) for clause in spec.where]
    if not parts:
        return "所有用户" if lang == "zh" else "all users"
    return ("；" if lang == "zh" else "; ").join(parts)


def _with_scope(clause: Clause, words: str, note: str, lang: str) -> str:
    """'累计消费>200元（只算在五角场店的订单）': a spend or order-value threshold over the scoped orders."""
    if not note or not isinstance(clause, Condition) or clause.kind not in ("spend", "avg_order") or \
            spend_standing(clause):
        return words
    return f"{words}（{note}）" if lang == "zh" else f"{words} ({note})"


def figure_scope(spec: AudienceSpec, lang: str) -> str:
    """'只算在静安店的订单' when a figure over orders (an aggregate, a ranking, each brand's orders) counts only
    the orders the audience's order conditions name, '算他们的全部订单' when what they bought only picks them; ''
    otherwise."""
    figure = spec.output in ("aggregate", "rank") and spec.metric is not None and spec.metric.name != "age"
    if not figure and spec.group_by != "brand":
        return ""
    return scope_words(spec.audience(), lang)


def output_words(spec: AudienceSpec, lang: str | None = None) -> str:
    """'按城市' / 'by city' for a breakdown, the figure of an aggregate ('平均客单价（…）'), '' otherwise."""
    lang = lang or spec.lang
    note = figure_scope(spec, lang)
    if spec.output == "aggregate" and spec.metric is not None:
        words = metric_words(spec.metric, lang) + ((f"（{note}）" if lang == "zh" else f" ({note})") if note else "")
        if not spec.group_by:
            return words
        return f"{words}，{_by(spec, lang)}" if lang == "zh" else f"{words}, {_by(spec, lang)}"
    if spec.output == "rank" and spec.metric is not None:
        words = rank_words(spec.metric, lang)
        note = (f"，{note}" if lang == "zh" else f", {note}") if note else ""
        if spec.group_by:   # the top users of each group
            name = _GROUP[lang].get(spec.group_by, spec.group_by)
            low = ("从低到高", ", lowest first") if spec.ascending else ("", "")
            return f"每个{name}按{words}{low[0]}排名前{spec.top}位{note}" if lang == "zh" else \
                f"{'bottom' if spec.ascending else 'top'} {spec.top} by {words} in each {name}{low[1]}{note}"
        if spec.top_percent:   # of the users with orders: only they have a figure to rank
            low = ("从低到高", "bottom") if spec.ascending else ("", "top")
            return f"按{words}{low[0]}排名前{spec.top}%的有订单用户{note}" if lang == "zh" else \
                f"{low[1]} {spec.top}% of buyers by {words}{note}"
        if spec.ascending:   # "lowest spenders": only users with orders have a figure to rank
            return f"按{words}从低到高排名前{spec.top}位，只排有订单的用户{note}" if lang == "zh" else \
                f"bottom {spec.top} by {words}, lowest first, users with orders only{note}"
        return f"按{words}排名前{spec.top}位{note}" if lang == "zh" else f"top {spec.top} by {words}{note}"
    if spec.output == "overview":
        return "概览：生命周期、性别、主要城市、主要兴趣" if lang == "zh" else \
            "overview: lifecycle, gender, top cities, top interests"
    if spec.output == "list" and spec.columns:
        return _with_columns(spec.columns, lang)
    if spec.output != "breakdown":
        return ""
    if spec.window is not None and spec.group_by in WINDOWED_GROUPS:
        return f"{_by(spec, lang)}，{window_words(spec.window, lang)}" if lang == "zh" else \
            f"{_by(spec, lang)}, {window_words(spec.window, lang)}"
    if note:   # each brand's buyers and orders: which of their orders count
        return f"{_by(spec, lang)}（{note}）" if lang == "zh" else f"{_by(spec, lang)} ({note})"
    return _by(spec, lang)


def _with_columns(columns: list[str], lang: str) -> str:
    """'附会员等级' / 'with their membership level'; the opinion: '每位用户的评价…' / 'what each of them said…'."""
    names = [_GROUP[lang].get(c, c) for c in columns if c != "opinion"]
    zh = lang == "zh"
    words = [f"附{'、'.join(names)}" if zh else f"with their {' and '.join(names)}"] if names else []
    if "opinion" in columns:
        words.append("每位用户的评价：正面、负面或中性，分数和原话" if zh else
                     "what each of them said: positive, negative or neutral, the score and a quote")
    return "；".join(words) if zh else "; ".join(words)


def _by(spec: AudienceSpec, lang: str) -> str:
    name = _GROUP[lang].get(spec.group_by or "", group_field(spec.group_by) or spec.group_by or "")
    top = f"前{spec.top}个" if lang == "zh" and spec.top else (f"top {spec.top} " if spec.top else "")
    return f"按{name}（{top}）".replace("（）", "") if lang == "zh" else f"{top}by {name}"


def metric_words(metric: Metric, lang: str) -> str:
    """What an aggregate measures and how, with its time window: '近30天的平均客单价（…）'."""
    zh = lang == "zh"
    words = _METRIC.get((metric.name, metric.agg), (f"{metric.agg} {metric.name}",) * 2)[0 if zh else 1]
    if metric.window is None:
        return words
    return f"{window_words(metric.window, lang)}的{words}" if zh else f"{words}, {window_words(metric.window, lang)}"


def rank_words(metric: Metric, lang: str) -> str:
    """What single users are ranked by, with its time window: '近30天的消费总额'."""
    zh = lang == "zh"
    words = _RANK_METRIC.get((metric.name, metric.agg), (metric.name,) * 2)[0 if zh else 1]
    if metric.window is None:
        return words
    return f"{window_words(metric.window, lang)}的{words}" if zh else f"{words}, {window_words(metric.window, lang)}"


def ratio_words(spec: AudienceSpec, lang: str | None = None) -> tuple[str, str]:
    """(base, part) of a ratio in words; the base is '所有用户' / 'all users' when it has no conditions."""
    lang = lang or spec.lang
    audience = spec.audience()   # a spend threshold of the part sums the base's scoped orders too
    return (describe(AudienceSpec(where=spec.base), lang, audience),
            describe(AudienceSpec(where=spec.where), lang, audience))


def _ranked(c: Condition, lang: str) -> str:
    """'消费总额前10名（所有用户中）' / 'the top 10 by total spend (of all users)'."""
    ranking = AudienceSpec.from_dict(c.ranking)
    among = describe(ranking, lang)
    return f"{output_words(ranking, lang)}（{among}中）" if lang == "zh" else \
        f"the {output_words(ranking, lang)} (of {among})"


def clause_words(clause: Clause, lang: str) -> str:
    if isinstance(clause, Group):
        joiner = " 或 " if lang == "zh" else " or "
        text = joiner.join(condition_words(item, lang) for item in clause.items)
        if clause.negate:
            return f"不满足（{text}）" if lang == "zh" else f"none of ({text})"
        return f"（{text}）" if lang == "zh" else f"({text})"
    return condition_words(clause, lang)


def condition_words(c: Condition, lang: str) -> str:
    """One condition in words, negation and time window included."""
    zh = lang == "zh"
    if c.kind == "behavior" and c.action == "order" and c.negate and c.min_count == 2 and c.max_count is None:
        return _no_repeat_order(c, lang)
    if c.kind == "lifecycle" and c.window:
        return _stage_entered(c, lang)
    text = at_store_words(_WORDS[c.kind](c, lang), c, lang)   # "在五角场店做过烫染": where it was bought
    if c.only:   # "只订过机票": every order (booking) of theirs
        booking = c.kind == "behavior" and c.action == "booking"
        text += ("，且没有其他预订" if booking else "，且没有其他订单") if zh else \
            f", and nothing else (no other {'booking' if booking else 'order'})"
    if c.details:   # "complained about diapers leaking": how the detail was read
        from agent.planner.opinion_about import details_description

        text += details_description(c, lang)
    if zh and c.negate and (c.kind == "behavior" and c.action != "any" or c.kind == "product"):   # 近90天没有购买过, not 非（近90天购买过）
        return f"{window_words(c.window, lang) if c.window else ''}没有{text}"
    if c.negate and c.kind == "behavior" and c.action != "any":   # 'did not order', not 'not (placed an order)'
        return _did_not(c, lang)
    if c.negate and c.kind == "behavior" and c.window and c.min_count <= 1 and c.max_count is None:
        # "inactive for 14 days": what counts as activity is said, so 14 is not read as the Dormant stage
        during = window_words(c.window, lang)
        return f"{during}没有任何活动（事件、订单或评论）" if zh else f"no activity (an event, order or text) {during}"
    if c.window and c.kind not in ("registered",):
        text = f"{window_words(c.window, lang)}{text}" if zh else f"{text} {window_words(c.window, lang)}"
    if c.negate:
        text = f"非（{text}）" if zh else f"not ({text})"
    return text


# The English actions as a "did not …" takes them
_ACTION_BASE_EN = {"order": "buy", "view": "view", "click": "click", "search": "search for", "cart": "add to cart",
                   "favorite": "favorite", "share": "share", "like": "like", "purchase": "purchase", "login": "log in",
                   "checkin": "check in", "booking": "book"}


def _did_not(c: Condition, lang: str) -> str:
    """'did not order in the last 90 days', 'did not buy Mobile phones in the last 7 days'."""
    said = _behavior(c, lang)
    if c.action == "event":
        text = "had no " + said[len("had a "):]
        return f"{text} {window_words(c.window, lang)}" if c.window else text
    past = _ACTION[lang].get(c.action or "", "")
    rest = said[len(past):] if past and said.startswith(past) else ""
    verb = "order" if c.action == "order" and not rest.strip() else _ACTION_BASE_EN.get(c.action or "", c.action or "")
    text = f"did not {verb}{rest}"
    return f"{text} {window_words(c.window, lang)}" if c.window else text


def _stage_entered(c: Condition, lang: str) -> str:
    """'本月进入生命周期：沉睡期（进入日按最后一次活跃后第180天算）' / 'became Dormant this month (…)'."""
    names = _names(c.values, "lifecycle", lang)
    rules = "；".join(entry_rule(stage, lang) for stage in c.values) if lang == "zh" else \
        "; ".join(entry_rule(stage, lang) for stage in c.values)
    when = window_words(c.window, lang)
    text = f"{when}进入生命周期：{names}（进入日按{rules}算）" if lang == "zh" else \
        f"became {names} {when} (the day counted as {rules})"
    return f"非（{text}）" if c.negate and lang == "zh" else f"not ({text})" if c.negate else text


def _no_repeat_order(c: Condition, lang: str) -> str:
    """Not two orders or more: '近90天没有复购（购买不超过1次）' / 'did not order again in the last 90 days'."""
    what = _names(c.targets, "interest", lang) if c.targets else ""
    window = window_words(c.window, lang) if c.window else ""
    if lang == "zh":
        return f"{window}没有复购{what}（购买不超过1次）"
    return " ".join(part for part in ("did not order", what, "again", window) if part) + " (at most 1 order)"


def window_words(window: Window, lang: str) -> str:
    zh = lang == "zh"
    if window.anchor in lx.SEASONS:   # "今年夏天": the months and the days
        from agent.planner.seasons import season_words

        return season_words(window, zh)
    if window.anchor:
        return _anchor_words(window, zh)
    if window.kind == "days":
        return f"近{window.n}天" if zh else f"in the last {window.n} days"
    if window.kind == "since":
        return f"{window.date}以来" if zh else f"since {window.date}"
    if window.kind == "before" and window.n:   # "半年前": the day and how long ago it is
        return f"{window.date}以前（{window.n}天前）" if zh else f"before {window.date} ({window.n} days ago)"
    if window.kind == "before":
        return f"{window.date}以前" if zh else f"before {window.date}"
    if window.kind == "between":
        return f"{window.date}至{window.end}（含首尾两天）" if zh else f"from {window.date} to {window.end} (both days included)"
    if window.kind in _PERIOD_BEFORE:   # the days it takes, as a range's
        first, last = period_before_days(window.kind, date.today(), window.n or 1)
        names = _PERIOD_BEFORE[window.kind]
        name = names[0 if zh else 1] if (window.n or 1) == 1 else names[2 if zh else 3]
        return f"{name}（{first}至{last}）" if zh else f"{name} ({first} to {last})"
    if window.kind == "month":
        year, month = int(window.date[:4]), int(window.date[5:7])
        return f"{year}年{month}月" if zh else f"in {_MONTH_NAMES[month - 1]} {year}"
    names = {"today": ("今天", "today"), "yesterday": ("昨天", "yesterday"), "this_week": ("本周", "this week"),
             "this_month": ("本月", "this month"), "this_quarter": ("本季度", "this quarter"),
             "this_year": ("今年", "this year"), "last_year": ("去年", "last year")}
    return names[window.kind][0 if zh else 1]


# the names of a calendar period before this one, and of the one before that (window.n = 2)
_PERIOD_BEFORE = {"last_week": ("上周", "last week", "上上周", "the week before last"),
                  "last_month": ("上个月", "last month", "上上个月", "the month before last"),
                  "last_quarter": ("上个季度", "last quarter", "上上个季度", "the quarter before last")}


def period_before_days(kind: str, today: date, back: int = 1) -> tuple[date, date]:
    """The first and last day of the calendar week (Monday to Sunday), month or quarter ``back`` periods
    before ``today``'s (compile.py's last_week, last_month, last_quarter)."""
    if kind == "last_week":
        monday = today - timedelta(days=today.weekday() + 7 * back)
        return monday, monday + timedelta(days=6)
    months = 1 if kind == "last_month" else 3
    first = today.year * 12 + (today.month - 1) // months * months - back * months   # counted in months
    after = first + months
    return date(first // 12, first % 12 + 1, 1), date(after // 12, after % 12 + 1, 1) - timedelta(days=1)


def _anchor_words(window: Window, zh: bool) -> str:
    """'双十一（2026-11-11）以来', 'since Black Friday (2026-11-27)': the festival and the day it was read as."""
    name = lx.DATE_ANCHORS[window.anchor][0] if zh else lx.DATE_ANCHOR_EN[window.anchor]
    day = f"（{window.date}）" if zh else f" ({window.date})"
    if window.kind == "since":
        return f"{name}{day}以来" if zh else f"since {name}{day}"
    if window.kind == "before":
        return f"{name}{day}以前" if zh else f"before {name}{day}"
    return f"{name}当天{day}" if zh else f"on {name}{day}"


_MONTH_NAMES = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
                "November", "December"]


def range_words(rng: Range, lang: str, unit: str = "") -> str:
    zh = lang == "zh"
    if rng.gte is not None and rng.lte is not None:
        return f"{_n(rng.gte)}–{_n(rng.lte)}{unit}"
    parts = []
    for value, zh_word, en_word in ((rng.gte, "≥", "at least"), (rng.gt, ">", "over"), (rng.lte, "≤", "at most"),
                                    (rng.lt, "<", "under")):
        if value is not None:
            parts.append(f"{zh_word}{_n(value)}{unit}" if zh else f"{en_word} {_n(value)}{unit}")
    return ("且" if zh else " and ").join(parts)


def _n(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def interest_names(ids, lang: str) -> str:
    """Interests by name: '母婴亲子或纸尿裤' / 'Mother & baby or Diapers'."""
    return _names(ids, "interest", lang)


def aspect_names(ids, lang: str) -> str:
    """Aspects by name: '行程' / 'Itinerary'."""
    return _names(ids, "aspect", lang)


def _names(ids, kind: str, lang: str) -> str:
    from schema.taxonomy import load_taxonomy

    taxonomy = load_taxonomy()
    names = [taxonomy.name(i, lang, kind) if taxonomy.has(i, kind) else str(i) for i in ids]
    return ("或" if lang == "zh" else " or ").join(dict.fromkeys(names))   # Kindle, audiobooks: one interest


def _city_names(ids, lang: str) -> str:
    if lang == "zh":
        return "或".join(ids)
    from schema.geo import city_info

    names = []
    for name in ids:
        info = city_info(name)
        # a city abroad is stored by its Chinese name (ingest's gazetteer): said, so SQL written from the
        # answer ("city = 'London'") is not silently empty
        stored = f" (stored as {name})" if info and info.province is None and info.en != name else ""
        names.append(f"{info.en}{stored}" if info else name)
    return " or ".join(names)


def _interest(c, lang):
    names = _names(c.values, "interest", lang)
    return f"兴趣：{names}" if lang == "zh" else f"interested in {names}"


def _aspect(c, lang):
    zh = lang == "zh"
    if c.source == "review":
        return _review_words(c, lang)
    if (c.targets or c.text) and c.polarity:
        # "unhappy with the hotel", 对美容师不满, "complained about flight delays" (a kind of complaint about
        # the itinerary): texts that say it (opinion_about.py)
        from agent.planner.opinion_about import about_description

        return about_description(c, lang)
    if c.values == ["overall"]:
        if c.polarity == "negative":
            return "有负面评价" if zh else "left negative feedback"
        if c.polarity is None:   # "他们有什么看法": anything they said, as a whole
            return "发表过评价" if zh else "said what they think"
        return "有正面评价" if zh else "left positive feedback"
    names = _names(c.values, "aspect", lang)
    if c.polarity == "negative":
        return f"对{names}不满" if zh else f"negative about {names.lower()}"
    if c.polarity == "positive":
        return f"对{names}满意" if zh else f"positive about {names.lower()}"
    return f"评价过{names}" if zh else f"talked about {names.lower()}"


def _review_words(c, lang) -> str:
    """'给过差评（评价类文本，不含帖子、聊天、通话）' / 'left a negative review (reviews only, not posts, chats or calls)'."""
    zh = lang == "zh"
    good = c.polarity == "positive"
    if c.values == ["overall"]:
        said = ("给过好评" if good else "给过差评") if zh else f"left a {'positive' if good else 'negative'} review"
    else:
        names = _names(c.values, "aspect", lang)
        said = f"在评价中对{names}{'满意' if good else '不满'}" if zh else \
            f"{'positive' if good else 'negative'} about {names.lower()} in a review"
    return f"{said}（只算评价，不含帖子、聊天、通话）" if zh else f"{said} (reviews only, not posts, chats or calls)"


def _emotion(c, lang):
    names = _names(c.values, "emotion", lang)
    return f"表达过{names}情绪" if lang == "zh" else f"expressed {names.lower()}"


def _intent(c, lang):
    zh = lang == "zh"
    names = _names(c.values, "intent", lang)
    if _rivals(c):   # "switching to Notion" (competitors.py): the target is a name, no interest
        rivals = ("或" if zh else " or ").join(dict.fromkeys(c.targets))
        return f"想换成{rivals}（{names}意向）" if zh else f"switching to {rivals} (an active {names.lower()} intent)"
    about = _names(c.targets, "interest", lang) if c.targets else ""
    if zh:
        return f"有{names}意向" + (f"（{about}）" if about else "")
    return f"with an active {names.lower()} intent" + (f" (about {about})" if about else "")


def _rivals(c) -> bool:
    from schema.taxonomy import load_taxonomy

    return c.values == ["churn_risk"] and bool(c.targets) and not any(load_taxonomy().has(t) for t in c.targets)


def _value(c, lang):
    names = _names(c.values, "value", lang)
    return f"价值观：{names}" if lang == "zh" else f"values: {names}"


def _consumption(c, lang):
    names = _names(c.values, "consumption", lang)
    return f"消费类型：{names}" if lang == "zh" else f"consumption type: {names}"


def lifecycle_name(stage: str, lang: str) -> str:
    """A lifecycle stage's display name ('沉睡期', 'Dormant')."""
    return _names([stage], "lifecycle", lang)


def _lifecycle(c, lang):
    names = _names(c.values, "lifecycle", lang)
    return f"生命周期：{names}" if lang == "zh" else f"lifecycle: {names}"


def _gender(c, lang):
    return ("或" if lang == "zh" else " or ").join(_GENDER[lang].get(v, v) for v in c.values)


def _age(c, lang):
    return f"年龄{range_words(c.range or Range(), lang, '岁')}" if lang == "zh" else \
        f"aged {range_words(c.range or Range(), lang)}"


def _city(c, lang):
    return f"城市：{_city_names(c.values, lang)}" if lang == "zh" else f"in {_city_names(c.values, lang)}"


def _tier(c, lang):
    tiers = sorted(c.values)
    if lang == "zh":
        return "、".join(f"{'一二三四五'[t - 1]}线" for t in tiers) + "城市"
    return "in tier-" + "/".join(str(t) for t in tiers) + " cities"


def _new_tier1(c, lang):
    return "新一线城市" if lang == "zh" else "in new tier-1 cities"


def _member(c, lang):
    return ("或" if lang == "zh" else " or ").join(_MEMBER[lang].get(v, v) for v in c.values)


def _spend(c, lang):
    zh = lang == "zh"
    about = _names(c.targets, "interest", lang) if c.targets else ""
    rng = range_words(c.range or Range(), lang, "元" if zh else "")
    total = "" if c.window else ("累计" if zh else " in total")   # no window: the whole order history
    if zh:
        return (f"在{about}上" if about else "") + f"{total}消费{rng}"
    return f"spent {rng}{total}" + (f" on {about}" if about else "")


def _avg(c, lang):
    rng = range_words(c.range or Range(), lang, "元" if lang == "zh" else "")
    return f"客单价{rng}" if lang == "zh" else f"average order value {rng}"


def _behavior(c, lang):
    zh = lang == "zh"
    after = ("，之后没有下单" if zh else " and did not order after") if c.unbought else \
        ("，之后没有到店" if zh else " and did not come in after") if c.unvisited else ""
    if c.action == "event":   # '有“上课”或“lesson_watched”事件', 'had a "上课" or "lesson_watched" event'
        types = "或".join(f"“{v}”" for v in c.values) if zh else " or ".join(f'"{v}"' for v in c.values)
        on = (f"（对象含“{c.text}”）" if zh else f' on "{c.text}"') if c.text else ""
        times = count_words(c, lang)
        return (f"{'' if c.negate else '有'}{types}事件{on}{times}{after}" if zh
                else f"had a {types} event{on}{times}{after}")
    verb = _ACTION[lang].get(c.action or "", c.action or "")
    what = _names(c.targets, "interest", lang) if c.targets else ""
    if c.unbought:   # what the abandonment counted (compile._no_order_after): that thing, else its kind
        after = (f"，之后没有买{what or '同类商品'}" if zh else
                 f" and did not buy {what or 'that kind of goods'} after")
    if c.text:
        said = [c.text, *c.values]
        what = "或".join(f"“{w}”" for w in said) if zh else " or ".join(f'"{w}"' for w in said)
    times = count_words(c, lang)
    if c.action == "any":
        return "有过活动" if zh else "were active"
    if zh:
        return f"{verb}{'过' if not times else ''}{what}{times}{after}"
    return (f"{verb} {what}".strip() + times if what or c.action != "order" else "placed an order" + times) + after


def count_words(c: Condition, lang: str) -> str:
    """How many times a deed was done, when said: '至少2次' / ' at least 2 times' (English with its space)."""
    zh = lang == "zh"
    if c.max_count is not None and c.min_count > 0:
        if c.min_count == c.max_count:
            return f"恰好{c.max_count}次" if zh else f" exactly {c.max_count} time{'s' * (c.max_count != 1)}"
        return f"{c.min_count}到{c.max_count}次" if zh else f" {c.min_count} to {c.max_count} times"
    if c.max_count is not None:
        return f"不超过{c.max_count}次" if zh else f" at most {c.max_count} times"
    if c.min_count > 1:
        return f"至少{c.min_count}次" if zh else f" at least {c.min_count} times"
    return ""


def _occupation(c, lang):
    from agent.planner.lexicon import OCCUPATION_NAMES, OCCUPATION_TAGS
    from agent.planner.occupations import occupation_name

    names = [OCCUPATION_NAMES[v][0 if lang == "zh" else 1] if v in OCCUPATION_NAMES else occupation_name(v, lang)
             for v in c.values]
    tagged = any(v in OCCUPATION_TAGS for v in c.values)   # said, since the tag may come from a text
    if lang == "zh":
        return "或".join(names) + "（职业或画像标签）" if tagged else "职业：" + "或".join(names)
    return " or ".join(names) + (" (occupation or profile tag)" if tagged else "")


def _segment(c, lang):
    name = c.text or c.values[0]
    if name.endswith("-%"):   # a discovered cluster's short id: "c3"
        name = name[:-2]
    return f"分群：{name}" if lang == "zh" else f"in segment {name}"


def _registered(c, lang):
    window = window_words(c.window or Window.days(30), lang)
    return f"{window}注册" if lang == "zh" else f"registered {window}"


_WORDS = {"interest": _interest, "aspect": _aspect, "emotion": _emotion, "intent": _intent, "value": _value,
          "consumption": _consumption, "lifecycle": _lifecycle, "gender": _gender, "age": _age, "city": _city,
          "city_tier": _tier, "new_tier1": _new_tier1, "member_level": _member, "spend": _spend, "avg_order": _avg,
          "behavior": _behavior, "registered": _registered, "occupation": _occupation,
          "segment": _segment, "brand": brand_words, "mention": mention_words,
          "product": product_words, "store": store_words, "text_lang": text_lang_words, "ranked": _ranked,
          "attribute": attribute_words}
