"""A tag's stored evidence in the reader's language.

Evidence is stored as the build wrote it (tags.evidence, user_values.evidence, intents.evidence):
either the facts, in fixed English phrasing ("member level gold", "order: 登山鞋 (2026-10-02,
户外运动)", "known for 400 days, 6 orders, active 3 days ago" — tools/profile/explicit.py,
derive.py, evidence.py), or a customer's own words. The stored text stays as it is (scripts read
it); :func:`evidence_in` says the facts in Chinese for a Chinese reader. Quotes, product names,
categories and cities are data and stay as written; an evidence text that matches none of the
phrasings is a quote and is returned unchanged.
"""

from __future__ import annotations

import re
from typing import Callable

_DATE = r"\d{4}-\d\d-\d\d"
# Count nouns of the "(+2 orders, 1 search)" suffix (Evidence.label, or the text's source) in Chinese.
_KINDS_ZH = {"order": "笔订单", "view": "次浏览", "click": "次点击", "search": "次搜索", "cart": "次加购",
             "booking": "次预约", "checkin": "次到店", "favorite": "次收藏", "share": "次分享", "like": "次点赞", "purchase": "次购买", "review": "条评价", "post": "条帖子",
             "comment": "条评论", "chat": "次咨询", "call transcript": "次通话", "survey": "份问卷",
             "survey answer": "份问卷", "text": "条文本", "attribute": "项资料"}
_ACTIONS_ZH = {"view": "浏览", "click": "点击", "search": "搜索", "cart": "加购", "favorite": "收藏", "booking": "预约",
               "share": "分享", "like": "点赞", "order": "订单", "survey": "问卷"}
_SCORE_PARTS_ZH = {"spend": "消费", "member": "会员等级", "price talk": "价格讨论", "deals": "优惠订单",
                   "frugal": "节俭"}
_SOURCES_ZH = {"review": "评价", "post": "帖子", "comment": "评论", "chat": "咨询", "call_transcript": "通话",
               "survey": "问卷", "search": "搜索"}
_SUFFIX = re.compile(r"^(?P<head>.*?) \(\+(?P<rest>\d+ [a-z ]+(?:, \d+ [a-z ]+)*)\)$", re.S)


_CITY_TIER = re.compile(r"(.+) \(tier (\d)\)$")


def _member(level: str) -> str:
    from tools.profile.explicit import EXPLICIT_TAGS

    names = EXPLICIT_TAGS.get(f"member_{level}")
    return names[1] if names else level


def _tier(city: str, tier: str) -> str:
    from tools.profile.explicit import EXPLICIT_TAGS

    names = EXPLICIT_TAGS.get(f"city_tier_{tier}")
    place = "城市" if city == "city" else city   # no city on record: the build wrote 'city'
    return f"{place}（{names[1] if names else tier + '线城市'}）"


def _score(score: str, parts: str, ratio: str, orders: str) -> str:
    named = "无信号" if parts == "no signal" else "、".join(
        f"{_SCORE_PARTS_ZH.get(name.strip(), name.strip())} {value}" for name, value in re.findall(r"([a-z ]+?) ([+-][\d.]+)", parts))
    return f"得分 {score}（{named}）；消费是常规水平的 {ratio} 倍（{orders} 笔订单）"


def _dated(action: str, what: str, day: str | None, extra: str | None = None) -> str:
    facts = "，".join(part for part in (day, extra) if part)
    return f"{_ACTIONS_ZH.get(action, action)}：{what}" + (f"（{facts}）" if facts else "")


# (the English phrasing, its Chinese) — in the order tools/profile writes them.
_PHRASINGS: list[tuple[re.Pattern, Callable[..., str]]] = [(re.compile(p + "$", re.S), f) for p, f in [
    (r"age (\d+)", lambda age: f"年龄 {age} 岁"),
    (r"gender (female|male)", lambda g: "性别 " + {"female": "女", "male": "男"}[g]),
    (r"member level (\w+)", lambda level: "会员等级：" + _member(level)),
    (r"occupation (.+)", lambda job: f"职业：{job}"),
    (r"(.+) \(tier (\d)\)", _tier),
    (r"R(\d) F(\d) M(\d): last order (\d+) days ago, (\d+) orders, (\d+) spent",
     lambda r, f, m, days, n, spent: f"R{r} F{f} M{m}：最近一单在 {days} 天前，共 {n} 笔订单，消费 {spent} 元"),
    (r"score ([+-][\d.]+) \((.*)\); spend ([\d.]+)x norm over (\d+) orders", _score),
    (r"no activity for (\d+) days", lambda d: f"已 {d} 天没有任何活动"),
    (r"ordered about every (\d+) days, none for (\d+) days", lambda gap, lapsed: f"平时约每 {gap} 天下一单，已 {lapsed} 天没下单"),
    (r"known for (\d+) days, (\d+) orders, active (\d+) days ago",
     lambda t, n, idle: f"注册 {t} 天，{n} 笔订单，最近一次活跃在 {idle} 天前"),
    (r"known for (\d+) days, silent for (\d+) days", lambda t, idle: f"注册 {t} 天，已沉默 {idle} 天"),
    (r"known for (\d+) days, (\d+) orders", lambda t, n: f"注册 {t} 天，{n} 笔订单"),
    (r"silent for (\d+) days after a complaint", lambda idle: f"投诉后已沉默 {idle} 天"),
    (r"an active churn-risk intent in recent texts", lambda: "近期文本里有流失意图"),
    (rf"order: (.+) \(({_DATE})?(?:, )?(.*)\)", lambda what, day, category: _dated("order", what, day, category)),
    (rf"(view|click|search|cart|favorite|share|like): (.+?)(?: \(({_DATE})\))?", _dated),
    (r"survey: (.+)", lambda answer: f"问卷：{answer}"),
]]


def source_name(source: str | None, lang: str) -> str:
    """Where a text came from ('review', 'call_transcript') in ``lang``: 评价, 通话 for 'zh'."""
    if lang != "zh" or not source:
        return source or ""
    return _SOURCES_ZH.get(source, source)


def evidence_in(text: str | None, lang: str) -> str:
    """``text`` for a reader in ``lang``: the build's English phrasing of facts in Chinese for 'zh'
    ('member level gold' → '会员等级：金卡会员', '… (+2 orders, 1 search)' → '…（另有 2 笔订单、
    1 次搜索）'); a quote, and anything for 'en', unchanged."""
    from tools.profile.summary import city_name

    if not text:
        return ""
    if lang != "zh":   # English as written, but a city as the English card names it ('Beijing (tier 1)')
        city = _CITY_TIER.match(text)
        return f"{city_name(city.group(1), 'en')} (tier {city.group(2)})" if city else text
    head, more = text, ""
    suffix = _SUFFIX.match(text)
    if suffix:
        head = suffix.group("head")
        counts = re.findall(r"(\d+) ([a-z ]+)", suffix.group("rest"))
        more = "（另有 " + "、".join(f"{n} {_KINDS_ZH.get(_singular(kind), kind)}" for n, kind in counts) + "）"
    for pattern, say in _PHRASINGS:
        found = pattern.match(head)
        if found:
            return say(*found.groups()) + more
    return head + more


def _singular(noun: str) -> str:
    """'orders' → 'order', 'searches' → 'search', 'call transcripts' → 'call transcript' (the
    plurals tools.profile.evidence._plural makes)."""
    noun = noun.strip()
    for plural, single in (("ies", "y"), ("ches", "ch"), ("shes", "sh"), ("xes", "x"), ("ses", "s"), ("s", "")):
        if noun.endswith(plural) and _KINDS_ZH.get(noun[: -len(plural)] + single):
            return noun[: -len(plural)] + single
    return noun
