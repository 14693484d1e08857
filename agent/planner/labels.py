"""Coded values and result columns as the reader of an answer reads them.

The database stores codes (``female``, ``gold``, ``churn_risk``, ``travel``) and the planner's
statements name their columns in English (``user_count``, ``avg_order_value``). An answer in
Chinese says 女性, 金卡会员, 流失风险, 旅行出游 and heads its table 用户数, 客单价; an English answer
says Beijing for 北京. The result itself (``--json``, exports) keeps the codes and column names:
only what is shown is translated. A value that is not a known code (a name, a brand, a quote) is
data and is shown as stored.
"""

from __future__ import annotations

# Column names of the offline planner's statements (agent/planner/compile.py) in Chinese. A column
# not listed is the query's own text (a model's alias, `persona sql`) and is shown as written.
_COLUMNS_ZH = {
    "user_id": "用户编号", "name": "姓名", "gender": "性别", "age": "年龄", "city": "城市", "city_tier": "城市等级",
    "member_level": "会员等级", "age_band": "年龄段", "lifecycle": "生命周期", "consumption": "消费类型",
    "interest": "兴趣", "bought_interest": "购买的品类", "month": "月份", "registered_month": "注册月份", "aspect": "方面", "complaint_aspect": "不满的方面", "segment": "分群",
    "search_term": "搜索词", "search_count": "搜索次数",
    "segment_size": "分群人数", "user_count": "用户数", "order_count": "订单数", "total_spend": "消费总额",
    "prepaid_spend": "其中预付款", "avg_order_value": "客单价", "avg_spend_per_user": "人均消费", "avg_orders_per_user": "人均订单数",
    "with_age": "年龄已知", "avg_age": "平均年龄", "base_count": "总人数", "part_count": "符合人数",
    "base_spend": "总金额", "part_spend": "其中金额", "base_orders": "总订单数", "part_orders": "其中订单数",
    "part_users": "其中人数",
    "percent": "占比(%)", "place": "名次", "facet": "维度", "value": "取值", "name_zh": "名称", "name_en": "名称",
    "tag_id": "标签", "category": "类别", "confidence": "置信度", "source": "来源", "status": "状态",
    "evidence": "依据", "first_seen": "首次出现", "last_seen": "最近出现",
    "opinion_score": "评价分数", "opinions": "评价条数", "quote": "原话",
}
# Tag categories (tags.category) by name.
CATEGORY_NAMES = {
    "zh": {"basic_info": "基础信息", "demographics": "人口属性", "interests": "兴趣爱好", "behavior": "行为特征",
           "preferences": "偏好", "intent": "意图", "sentiment": "情感", "values": "价值观", "consumption": "消费特征",
           "lifecycle": "生命周期"},
    "en": {"basic_info": "Basic info", "demographics": "Demographics", "interests": "Interests", "behavior": "Behavior",
           "preferences": "Preferences", "intent": "Intent", "sentiment": "Sentiment", "values": "Values",
           "consumption": "Consumption", "lifecycle": "Lifecycle"},
}
# Columns whose values are codes of one kind (the kind value_label knows them by).
_CODED = {"source": "source", "status": "status", "gender": "gender", "member_level": "member_level", "lifecycle": "lifecycle",
          "consumption": "consumption", "interest": "interest", "bought_interest": "interest", "aspect": "aspect",
          "complaint_aspect": "aspect", "city": "city", "city_tier": "city_tier"}
_GENDER = {"zh": {"female": "女性", "male": "男性", "unknown": "未知"},
           "en": {"female": "women", "male": "men", "unknown": "unknown"}}
# A person's gender beside their name or in a table cell ("u00081 李娜（女，31岁）").
GENDER_SHORT = {"zh": {"female": "女", "male": "男", "unknown": "未知"},
                "en": {"female": "female", "male": "male", "unknown": "unknown"}}
_FACETS_ZH = {"total": "合计", "lifecycle": "生命周期", "gender": "性别", "city": "城市", "interest": "兴趣"}
_SOURCES_ZH = {"attribute": "用户资料", "order": "订单", "event": "行为", "text": "文本", "survey": "问卷",
               "llm": "模型", "rule": "规则"}
_STATUS_ZH = {"active": "有效", "observe": "观察中", "expired": "已过期", "fulfilled": "已完成"}


def value_label(kind: str | None, value, lang: str) -> str:
    """A code of ``kind`` in ``lang`` (gender, member_level, lifecycle, consumption, interest,
    aspect, city, city_tier, source, status); anything else, or an unknown code, as stored."""
    if value is None or (value == "unknown" and lang == "zh"):
        return "未知" if lang == "zh" else "unknown"
    text = str(value)
    if kind == "gender":
        return _GENDER[lang].get(text, text)
    if kind == "member_level":
        from tools.profile.explicit import EXPLICIT_TAGS

        names = EXPLICIT_TAGS.get(f"member_{text.lower()}")
        return (names[1] if lang == "zh" else names[2]) if names else text
    if kind == "aspect" and text == "overall":   # a complaint about the whole, naming no aspect
        return "未指明方面" if lang == "zh" else "no aspect named"
    if kind in ("lifecycle", "consumption", "interest", "aspect", "intent", "value"):
        from schema.taxonomy import load_taxonomy

        taxonomy = load_taxonomy()
        return taxonomy.name(text, lang, kind) if taxonomy.has(text, kind) else text
    if kind == "city":
        from tools.profile.summary import city_name

        return city_name(text, lang) or text
    if kind == "city_tier":
        return f"{text}线" if lang == "zh" else f"tier {text}"
    if lang == "zh" and kind == "source":
        return _SOURCES_ZH.get(text, text)
    if lang == "zh" and kind == "status":
        return _STATUS_ZH.get(text, text)
    return text


def column_label(column: str, lang: str) -> str:
    """A result column's heading: Chinese for the planner's columns in a Chinese answer
    ('by_city' → 城市, a ranking's group); as written otherwise."""
    if lang != "zh":
        return column
    if column.startswith("by_") and column[3:] in _COLUMNS_ZH:
        return _COLUMNS_ZH[column[3:]]
    return _COLUMNS_ZH.get(column, column)


def shown_result(columns: list[str], rows: list, lang: str) -> tuple[list[str], list[list]]:
    """The headings and rows a reader in ``lang`` is shown for a result: codes in known columns
    translated, the other language's name column left out, and a name column left out when it
    only repeats a translated one (an interest's id became its name)."""
    other = "name_en" if lang == "zh" else "name_zh"
    keep = [i for i, column in enumerate(columns) if column != other]
    shown = [[_cell(columns, row, i, lang) for i in keep] for row in rows]
    names = [columns[i] for i in keep]
    own = f"name_{lang}"
    if own in names:
        at = names.index(own)
        if any(all(row[j] == row[at] for row in shown) for j in range(len(names)) if j != at) and shown:
            names.pop(at)
            shown = [row[:at] + row[at + 1:] for row in shown]
    return [column_label(name, lang) for name in names], shown


def _cell(columns: list[str], row, index: int, lang: str):
    column, value = columns[index], row[index]
    if value is None or not isinstance(value, str):
        return value
    if value == "unknown" and lang == "zh":   # the planner's label for a missing group value (an age band …)
        return "未知"
    if column == "gender":   # a table cell: 女 / 男, as the answer's text says them
        return GENDER_SHORT[lang].get(value, value)
    if column == "tag_id" and "category" in columns:   # why a user has a tag: the tag by its name
        from schema.taxonomy import load_taxonomy
        from tools.profile.explicit import tag_name

        return tag_name(value, row[columns.index("category")], load_taxonomy(), lang)
    if column == "category":
        return CATEGORY_NAMES[lang].get(value, value)
    if column == "evidence":
        from tools.profile.evidence_text import evidence_in

        return evidence_in(value, lang)
    kind = _CODED.get(column[3:] if column.startswith("by_") else column)
    if column == "value" and "facet" in columns:   # the overview: each row's facet says what the value is
        facet = row[columns.index("facet")]
        kind = facet if facet in _FACETS_ZH else None
    if column == "facet" and lang == "zh":
        return _FACETS_ZH.get(value, value)
    return value_label(kind, value, lang) if kind else value
