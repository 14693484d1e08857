"""A readable one-paragraph summary of a profile, in Chinese or English by the user's language."""

from __future__ import annotations

import re

from schema.taxonomy import Taxonomy
from tools.profile.explicit import tag_name
from tools.profile.types import ProfileDraft, UserData

_CJK = re.compile(r"[\u4e00-\u9fff]")


def user_language(data: UserData) -> str:
    """'zh' or 'en': the majority language of the user's texts, else of their name and city."""
    langs = [t.get("lang") or ("zh" if _CJK.search(t.get("text") or "") else "en") for t in data.texts]
    if langs:
        zh = sum(1 for lang in langs if lang in ("zh", "mixed"))
        return "zh" if zh * 2 >= len(langs) else "en"
    name_and_city = f"{data.user.get('name') or ''}{data.user.get('city') or ''}"
    return "en" if name_and_city and not _CJK.search(name_and_city) else "zh"


def summarize(data: UserData, draft: ProfileDraft, taxonomy: Taxonomy, lang: str) -> str:
    user, profile = data.user, draft.profile or {}
    zh = lang == "zh"
    sep, stop = ("、", "。") if zh else (", ", ". ")
    parts = []

    who = []
    if user.get("name"):
        who.append(user["name"])
    if user.get("age") is not None:
        who.append(f"{user['age']}岁" if zh else f"{user['age']}")
    if user.get("gender") in ("female", "male"):
        who.append({"female": "女", "male": "男"}[user["gender"]] if zh else user["gender"])
    for tag in draft.tags:
        if tag.tag_id.startswith("city_tier_"):
            who.append(_paren(city_name(user.get("city"), lang), tag_name(tag.tag_id, tag.category, taxonomy, lang), zh))
        elif tag.tag_id.startswith("member_"):
            who.append(tag_name(tag.tag_id, tag.category, taxonomy, lang))
    if who:
        parts.append((", " if not zh else ",").join(who))

    stage = []
    for field_name, kind in (("lifecycle", "lifecycle"), ("consumption", "consumption")):
        if profile.get(field_name):
            stage.append(taxonomy.name(profile[field_name], lang, kind))
    if profile.get("order_count"):
        spend = f"{profile['total_spend']:,.0f}"
        orders = profile["order_count"]
        stage.append(f"共{orders}单,消费{spend}元" if zh else f"{orders} order{'' if orders == 1 else 's'}, ¥{spend} spent")
    if stage:
        parts.append(sep.join(stage))

    interests = _interest_phrases(draft, taxonomy, lang)
    if interests:
        parts.append(("兴趣:" if zh else "Interests: ") + sep.join(interests))
    active = [i for i in draft.intents if i.status == "active"][:3]
    if active:
        phrases = [_paren(taxonomy.name(i.intent, lang, "intent"),
                          _target_name(i.target, taxonomy, lang) if i.target else None, zh) for i in active]
        parts.append(("近期意图:" if zh else "Active intents: ") + sep.join(phrases))
    complaints = _negative_aspects(draft, taxonomy, lang)
    if complaints:
        parts.append(("不满:" if zh else "Unhappy about: ") + sep.join(complaints))
    values = [taxonomy.name(v.value_id, lang, "value") for v in draft.values if v.status == "active"]
    if values:
        parts.append(("价值观:" if zh else "Values: ") + sep.join(values))
    return stop.join(parts) + (stop.strip() if parts else "")


def city_name(city: str | None, lang: str) -> str | None:
    """The city as a reader of ``lang`` knows it: 'Hangzhou' in English for 杭州; unknown cities as stored."""
    if not city or lang == "zh":
        return city
    from schema.geo import city_info

    info = city_info(city)
    return info.en if info else city


def _interest_phrases(draft: ProfileDraft, taxonomy: Taxonomy, lang: str, limit: int = 4) -> list[str]:
    active = {t.tag_id: t for t in draft.tags if t.category == "interests" and t.status == "active"}
    roots = sorted((t for t in active.values() if taxonomy.get(t.tag_id).level == 1),
                   key=lambda t: -t.confidence)[:limit]
    phrases = []
    for root in roots:
        children = [taxonomy.name(c, lang) for c in taxonomy.descendants(root.tag_id)[1:] if c in active]
        name = taxonomy.name(root.tag_id, lang)
        inner = ("、" if lang == "zh" else ", ").join(children)
        phrases.append(_paren(name, inner or None, lang == "zh"))
    return phrases


def _paren(outer: str | None, inner: str | None, zh: bool) -> str:
    """'outer(inner)' in Chinese, 'outer (inner)' in English; either part may be missing."""
    if not outer or not inner:
        return outer or inner or ""
    return f"{outer}({inner})" if zh else f"{outer} ({inner})"


def _target_name(target: str, taxonomy: Taxonomy, lang: str) -> str:
    return taxonomy.name(target, lang) if taxonomy.has(target) else target


def _negative_aspects(draft: ProfileDraft, taxonomy: Taxonomy, lang: str) -> list[str]:
    counts: dict[str, int] = {}
    for row in draft.emotions:
        if row.aspect != "overall" and row.polarity < -0.2:
            counts[row.aspect] = counts.get(row.aspect, 0) + 1
    ranked = sorted(counts.items(), key=lambda kv: -kv[1])[:3]
    zh = lang == "zh"
    return [_paren(taxonomy.name(a, lang, "aspect"), f"{n}次" if zh else f"{n}x", zh) for a, n in ranked]
