"""The planner's final answers, composed from a tool's JSON result in the question's language.

Tool results are data: values are quoted into the answer, never interpreted. A result that is
not the JSON the tool promises is shown as received, shortened.
"""

from __future__ import annotations

import json
from dataclasses import replace

from agent.planner.compile import PER_ROW_FIGURES, RANK_COLUMNS, metric_column, rank_group_column, share_columns
from agent.planner.describe import clause_words, describe, figure_scope, metric_words, output_words, ratio_words
from agent.planner.labels import GENDER_SHORT, value_label
from agent.planner.order_scope import order_scope
from agent.planner.spec import COLUMNS, AudienceSpec
from tools.identity import merged_note
from tools.profile.evidence_text import evidence_in

SAMPLE_ROWS = 5
LIST_COLUMNS = [column for column in COLUMNS if column != "opinion"]   # said with each user listed
MAX_GROUPS = 12
MAX_RANKED = 20   # ranked users named in the answer (the table has them all)


# An elliptical follow-up ("top 5 cities") answered within the previous audience says so first.
INHERITED_NOTE_ZH = "（沿用上一个问题的人群；要看全部用户，请说“所有用户”）"
INHERITED_NOTE_EN = "(Within the previous question's audience; say \"all users\" for everyone.)"


def compose_answer(tool: str, content: str, spec: dict | None, understood: str, lang: str, *,
                   failed: bool = False, skipped: list | None = None, purpose: dict | None = None,
                   inherited: bool = False, note: str = "", opening: str = "") -> str:
    """The answer to show after ``tool`` returned ``content``.

    Args:
        tool: The tool that ran.
        content: Its result (JSON text, or "Error: ...").
        spec: The audience specification (dict) the call was planned from, if any.
        understood: The conditions in plain words.
        lang: 'zh' or 'en'.
        failed: The tool reported an error.
        skipped: Calls that were planned after this one but not made (no users matched, or an error).
        purpose: What a run_sql call answers when it selects no audience ({"kind": "explain"}: tags' evidence).
        inherited: The question kept the previous audience without saying so: the answer opens with that.
        note: A line to add after an audience's answer (a neighbouring lifecycle stage's count).
        opening: A line to open a run_sql or copy answer with (plan.PlanResult.opening).
    """
    zh = lang == "zh"
    if failed:
        message = content[len("Error:"):].strip() if content.startswith("Error:") else content.strip()
        head = {"run_sql": ("查询失败", "The query failed"), "write_marketing_copy": ("文案生成失败", "Writing copy failed"),
                "save_segment": ("保存失败", "Saving the segment failed")}.get(tool, ("操作失败", f"{tool} failed"))
        text = f"{head[0]}：{message}" if zh else f"{head[1]}: {message}"
        if understood:
            text += f"\n（理解的条件：{understood}）" if zh else f"\n(Conditions understood: {understood})"
        return text
    try:
        data = json.loads(content)
    except (TypeError, ValueError):
        return (f"结果：{content[:500]}" if zh else f"Result: {content[:500]}")
    if tool == "run_sql" and (purpose or {}).get("kind") == "explain":
        return _evidence_answer(data, purpose, lang)
    if tool == "run_sql" and (purpose or {}).get("kind") == "said":
        return _said_answer(data, purpose, lang)
    if tool == "run_sql" and (purpose or {}).get("kind") == "no_groups":
        return _no_groups_answer(data, spec, lang)
    if tool == "run_sql":
        text = _audience_answer(data, spec, understood, lang)
        if (purpose or {}).get("kind") == "compare":
            bigger = _bigger_words(data, spec, lang)
            text += (bigger if zh else f" {bigger}") if bigger else ""
        if inherited or opening:
            text = (opening or (INHERITED_NOTE_ZH if zh else INHERITED_NOTE_EN)) + "\n" + text
        if skipped:
            text += _skipped_answer(skipped, lang)
        return text + (f"\n{note}" if note else "")
    if tool in ("get_profile", "generate_profile"):
        return _profile_answer(data, lang)
    if tool == "lookup_tags":
        return _tags_answer(data, lang)
    if tool == "write_marketing_copy":
        return (f"{opening}\n" if opening else "") + _copy_answer(data, understood, lang)
    if tool == "save_segment":
        return _saved_answer(data, lang)
    return json.dumps(data, ensure_ascii=False)[:800]


def _audience_answer(data: dict, spec_data: dict | None, understood: str, lang: str) -> str:
    zh = lang == "zh"
    spec = AudienceSpec.from_dict(spec_data) if spec_data else None
    columns = data.get("columns") or []
    rows = data.get("rows") or []
    total = int(data.get("row_count") or 0)
    conditions = understood or ("（未说明）" if zh else "(not stated)")
    if data.get("truncated"):   # the row cap cut the result: the true number is larger
        count = f"至少 {total}" if zh else f"At least {total}"
        return (f"{count} 位用户符合条件（结果已截断）：{conditions}。" if zh
                else f"{count} users match (the result was cut at the row limit): {conditions}.")
    if spec is not None and spec.output == "overview":
        return _overview_answer(columns, rows, describe(spec, lang), lang)
    if spec is not None and spec.output == "breakdown":
        return _breakdown_answer(spec, columns, rows, describe(spec, lang), lang)
    if spec is not None and spec.output == "aggregate" and spec.group_by:
        return _grouped_aggregate_answer(spec, columns, rows, describe(spec, lang), lang)
    if spec is not None and spec.output == "aggregate" and rows:
        return _aggregate_answer(spec, dict(zip(columns, rows[0])), describe(spec, lang), lang)
    if spec is not None and spec.output == "rank":
        return _rank_answer(spec, columns, rows, describe(spec, lang), lang)
    if spec is not None and spec.output == "ratio" and spec.group_by and rows:
        return _ratio_per_group_answer(spec, columns, rows, lang)
    if spec is not None and spec.output == "ratio" and rows:
        return _ratio_answer(spec, dict(zip(columns, rows[0])), lang)
    if spec is not None and spec.output == "counts" and rows:
        return _counts_answer(spec, dict(zip(columns, rows[0])), lang)
    if total == 0:
        return f"没有用户符合条件：{conditions}。" if zh else f"No users match: {conditions}."
    if spec is not None and spec.output == "count":
        return f"共有 {total} 位用户符合条件：{conditions}。" if zh else f"{_match(total)}: {conditions}."
    head = f"找到 {total} 位用户：{conditions}。" if zh else f"{_match(total)}: {conditions}."
    if "user_id" not in columns:
        return head
    if "opinion_score" in columns:
        return head + "\n" + _opinions_answer([dict(zip(columns, row)) for row in rows], lang)
    sample = [_person(dict(zip(columns, row)), lang) for row in rows[:SAMPLE_ROWS]]
    more = total - len(sample)
    if zh:
        tail = (f"前 {len(sample)} 位：" if more > 0 else "") + "；".join(sample) + (f"；另有 {more} 位。" if more > 0 else "。")
    else:
        tail = (f"First {len(sample)}: " if more > 0 else "") + "; ".join(sample) + (f"; and {more} more." if more > 0 else ".")
    return head + "\n" + tail


def _opinion_sign(score) -> str:
    """The side an opinion's score is on (the analyzers' polarity: above 0 positive, below 0 negative)."""
    return "neutral" if not score else ("positive" if score > 0 else "negative")


_SIGN_WORDS = {"zh": {"positive": "正面", "negative": "负面", "neutral": "中性"},
               "en": {"positive": "positive", "negative": "negative", "neutral": "neutral"}}


def _opinions_answer(records: list[dict], lang: str) -> str:
    """'正面 1、负面 0、中性 1。u00087 张三：正面（+0.69），“这个价格买到赚了”；…': the split, then what each said
    (the quote is customer text, shown as data)."""
    zh = lang == "zh"
    words = _SIGN_WORDS["zh" if zh else "en"]
    signs = [_opinion_sign(r.get("opinion_score")) for r in records]
    split = ("、" if zh else ", ").join(f"{words[s]} {signs.count(s)}" for s in ("positive", "negative", "neutral"))
    lines = [f"其中{split}。" if zh else f"Of them: {split}."]
    for record, sign in list(zip(records, signs))[:MAX_RANKED]:
        name = f" {record['name']}" if record.get("name") else ""
        score = f"{record['opinion_score']:+.2f}" if record.get("opinion_score") else "0.00"
        quote = str(record.get("quote") or "").strip()
        said = (f"，“{quote}”" if zh else f', "{quote}"') if quote else ""
        lines.append(f"- {record['user_id']}{name}：{words[sign]}（{score}）{said}" if zh else
                     f"- {record['user_id']}{name}: {words[sign]} ({score}){said}")
    if len(records) > MAX_RANKED:
        lines.append(f"另有 {len(records) - MAX_RANKED} 位（见下表）。" if zh else
                     f"and {len(records) - MAX_RANKED} more (see the table).")
    return "\n".join(lines)


def _aggregate_answer(spec: AudienceSpec, row: dict, conditions: str, lang: str) -> str:
    """'符合条件（消费类型：高端消费型）的 37 位用户，172 笔订单，平均客单价（…）为 995.86 元。'"""
    zh = lang == "zh"
    metric = spec.metric
    users = row.get("user_count") or 0
    what = metric_words(metric, lang)
    if metric.key() in PER_ROW_FIGURES:
        return _per_row_answer(metric, row, what, conditions, lang)
    if not users and metric.name != "age" and order_scope(spec.audience()):
        # "平板电脑卖了多少台" in a shop that sold none: no such order, the figure 0
        return f"没有符合条件的订单（{conditions}），{what}为 0。" if zh else \
            f"No orders match ({conditions}): the {what} is 0."
    if not users:
        return f"没有用户符合条件：{conditions}。" if zh else f"No users match: {conditions}."
    value = row.get(metric_column(metric))
    scope = figure_scope(spec, lang)   # "只算在静安店的订单": which orders the figure is over
    if (metric.name, metric.agg) == ("order_count", "sum"):   # "how many orders": orders, said as such
        counted = f"；{scope}" if zh and scope else (f"; {scope}" if scope else "")
        return (f"{what}为 {value} 笔（统计的是订单数，不是人数{counted}；人群：{conditions}，共 {users} 位用户）。" if zh else
                f"{what[0].upper() + what[1:]}: {_count(value, 'order')} (orders counted, not users{counted}; audience: "
                f"{conditions}, {_count(users, 'user')}).")
    facts = [f"{users} 位用户" if zh else _count(users, "user")]
    if metric.name == "age":
        facts.append(f"其中 {row.get('with_age')} 位年龄已知" if zh else f"{row.get('with_age')} with a known age")
    else:
        orders = f"{row.get('order_count')} 笔订单" if zh else _count(row.get("order_count"), "order")
        facts.append(orders + (f"（{scope}）" if zh and scope else (f" ({scope})" if scope else "")))
    if value is None:
        figure = f"没有可计算{what}的数据" if zh else f"no data to compute the {what}"
    else:
        figure = f"{what}为 {_number(value, metric, lang)}" if zh else f"{what}: {_number(value, metric, lang)}"
    figure += _prepaid_part(row, metric, lang)
    if zh:
        return f"符合条件（{conditions}）的 " + "，".join(facts) + f"，{figure}。"
    return f"{facts[0]} ({conditions}), " + ", ".join(facts[1:]) + f"; {figure}."


def _prepaid_part(record: dict, metric, lang: str) -> str:
    """'（其中储值充值、次卡等预付款 47,000.00 元，也按订单计入）': how much of a money figure is prepayments (prepaid.py),
    which a later visit paid from them counts again; '' when none."""
    prepaid = record.get("prepaid_spend") or 0
    if not prepaid or metric.name not in ("spend", "order_value") or prepaid >= (record.get("total_spend") or 0):
        return ""   # none, or the figure is of the prepayments themselves ("储值卡充值的总金额")
    amount = f"{prepaid:,.2f}"
    if lang == "zh":
        return f"（其中储值充值、次卡等预付款共 {amount} 元，也按订单计入）"
    return f" (of which {amount} is prepayments — top-ups, prepaid packs — counted as orders)"


def _rank_answer(spec: AudienceSpec, columns: list, rows: list, conditions: str, lang: str) -> str:
    """'按消费总额排名前10位（城市：上海）：1. u00042 李娜 12,345.00 元（8 笔订单）；2. …' — only users with orders."""
    zh = lang == "zh"
    by = output_words(spec, lang)
    if not rows:
        return (f"没有下过单的用户符合条件：{conditions}，无法排名。" if zh
                else f"No users with orders match ({conditions}), so there is nothing to rank.")
    column = RANK_COLUMNS[(spec.metric.name, spec.metric.agg)]
    parts = []
    for place, row in enumerate(rows[:MAX_RANKED], start=1):
        record = dict(zip(columns, row))
        name = f" {record['name']}" if record.get("name") else ""
        figure = _number(record[column], spec.metric, lang)
        orders = record.get("order_count")
        if column == "order_count":
            figure, extra = (f"{figure} 笔订单" if zh else _count(record[column], "order")), ""
        elif column == "max_order_value":   # the order itself: what was bought, and when
            day = str(record.get("max_order_at") or "")[:10]
            extra = f"（{record.get('max_order_product') or '未知商品'}，{day}）" if zh else \
                f" ({record.get('max_order_product') or 'unknown product'}, {day})"
        else:
            extra = f"（{orders} 笔订单{_prepaid_of(record, lang)}）" if zh else \
                f" ({_count(orders, 'order')}{_prepaid_of(record, lang)})"
        head = f"{place}. "
        if spec.group_by:   # each group's own places: "上海 1. u00042 …"
            label = _group_label(spec.group_by, {"value": record.get(rank_group_column(spec.group_by))},
                                 ["value"], lang)
            head = f"{label} {record.get('place')}. "
        parts.append(f"{head}{record['user_id']}{name} {figure}{extra}")
    short = "" if spec.group_by else (f"（只有 {len(rows)} 位有订单）" if zh and len(rows) < spec.top else
                                      (f" (only {len(rows)} {'has' if len(rows) == 1 else 'have'} orders)" if len(rows) < spec.top else ""))
    if zh:
        return f"{by}（{conditions}）{short}：\n" + "；\n".join(parts) + "。"
    return f"{by[0].upper() + by[1:]} ({conditions}){short}:\n" + ";\n".join(parts) + "."


def _prepaid_of(record: dict, lang: str) -> str:
    """'，含预付款 5,000.00 元' / ', 5,000.00 of it prepaid': a ranked user's prepayments (prepaid.py), '' when none."""
    prepaid = record.get("prepaid_spend") or 0
    if not prepaid:
        return ""
    return f"，含预付款 {prepaid:,.2f} 元" if lang == "zh" else f", {prepaid:,.2f} of it prepaid"


def _grouped_aggregate_answer(spec: AudienceSpec, columns: list, rows: list, conditions: str, lang: str) -> str:
    """'消费类型：高端消费型，平均客单价（…），按城市：上海 1,216.58 元（29 人）、北京 …' — highest first."""
    zh = lang == "zh"
    if not rows:
        return f"没有用户符合条件：{conditions}。" if zh else f"No users match: {conditions}."
    column = metric_column(spec.metric)
    rows = rows[:spec.top] if spec.top else rows
    parts, shown = [], []
    for row in rows[:MAX_GROUPS]:
        record = dict(zip(columns, row))
        label = _group_label(spec.group_by, record, columns, lang)
        value = record.get(column)
        figure = _number(value, spec.metric, lang) if value is not None else ("无数据" if zh else "no data")
        users = record.get("user_count")
        # each group's prepayments, of a money figure (prepaid.py)
        prepaid = _prepaid_of(record, lang) if spec.metric.name in ("spend", "order_value") else ""
        said = f"{figure}（{users} 人{prepaid}）" if zh else f"{figure} ({_count(users, 'user')}{prepaid})"
        parts.append(f"{label} {said}")
        shown.append((label, value, said))
    more = len(rows) - len(parts)
    listing = ("、" if zh else "; ").join(parts)
    if more > 0:
        listing += f"（另有 {more} 组）" if zh else f" (and {more} more groups)"
    by = output_words(spec, lang)
    return _lead(spec, shown, ("最低", "最高") if zh else ("Lowest", "Highest"), lang,
                 f"{conditions}，{by}：{listing}。" if zh else f"{conditions}, {by}: {listing}.")


def _lead(spec: AudienceSpec, shown: list[tuple], words: tuple[str, str], lang: str, groups: str) -> str:
    """``groups`` (the sentence with every group), led by the group a question asked for (spec.one: "哪个月的
    销售额最高") and any level with it: '最高的是 2026-10：96,842.00 元（72 人）。所有用户，…' / 'Highest: 2026-10,
    ¥96,842.00 (72 users). All users, …'. ``shown``: (label, the figure the groups are ordered by, the figure as
    said) of each group, the one asked for first; ``words``: (the lowest, the highest)."""
    if not spec.one or not shown:
        return groups
    first = shown[0][1]
    labels = [label for label, figure, _ in shown if figure == first]
    word = words[0] if spec.ascending else words[1]
    if lang == "zh":
        return f"{word}的是 {'、'.join(labels)}{'（并列）' if len(labels) > 1 else ''}：{shown[0][2]}。" + groups
    return f"{word}: {' and '.join(labels)}{' (tied)' if len(labels) > 1 else ''}, {shown[0][2]}. " + \
        groups[:1].upper() + groups[1:]


def _per_row_answer(metric, row: dict, what: str, conditions: str, lang: str) -> str:
    """'所有用户：订单金额的中位数为 294.00 元（共 1004 笔订单）。' — over how many orders or users it is said."""
    zh = lang == "zh"
    counted, value = row.get("value_count") or 0, row.get(metric_column(metric))
    unit = ("笔订单", "order") if metric.name == "order_value" else ("位用户", "user")
    if not counted or value is None:
        return f"没有可计算的数据：{conditions}。" if zh else f"Nothing to compute it from: {conditions}."
    figure = _number(value, metric, lang)
    if zh:
        return f"{conditions}：{what}为 {figure}（共 {counted} {unit[0]}）。"
    return f"{conditions}: {what} is {figure} (over {_count(counted, unit[1])})."


def _number(value, metric, lang: str) -> str:
    if metric.name == "age":
        return f"{value:g} 岁" if lang == "zh" else f"{value:g} years"
    if metric.name == "order_count":
        return f"{value:g}"
    if metric.name == "days_since_order":
        return f"{value:g} 天" if lang == "zh" else f"{value:g} days"
    if metric.name == "last_order":   # a timestamp: the day is what the ranking shows
        return str(value)[:10]
    return f"{value:,.2f} 元" if lang == "zh" else f"¥{value:,.2f}"


def _ratio_answer(spec: AudienceSpec, row: dict, lang: str) -> str:
    """Both counts and the percentage: '男性共 88 人，其中“兴趣：数码电子”的有 17 人，占 19.3%。'"""
    zh = lang == "zh"
    base, part = ratio_words(spec, lang)
    if spec.metric is not None:
        return _figure_share_answer(spec, row, base, part, lang)
    total, count, percent = row.get("base_count") or 0, row.get("part_count") or 0, row.get("percent")
    if not total:
        return f"没有用户符合基础条件：{base}。" if zh else f"No users match the base: {base}."
    if zh:
        return f"{base}共 {total} 人，其中符合“{part}”的有 {count} 人，占 {percent:g}%。"
    return f"Of {_count(total, 'user')} ({base}), {count} match{'es' if count == 1 else ''} ({part}): {percent:g}%."


def _ratio_per_group_answer(spec: AudienceSpec, columns: list, rows: list, lang: str) -> str:
    """'符合“给过差评”的占比，按会员等级：普通会员 63.0%（54 人中 34 人）；钻石会员 45.5%（11 人中 5 人）。'"""
    zh = lang == "zh"
    _, part = ratio_words(spec, lang)
    records = [dict(zip(columns, row)) for row in rows]
    shown = [f"{_group_label(spec.group_by, r, columns, lang)} {r.get('percent') or 0:g}%"
             + (f"（{r.get('base_count')} 人中 {r.get('part_count')} 人）" if zh else
                f" ({r.get('part_count')} of {r.get('base_count')})")
             for r in records[:MAX_GROUPS]]
    if zh:
        return f"符合“{part}”的占比，{output_words(replace(spec, output='breakdown'), lang)}：" + "；".join(shown) + "。"
    return f"share who match ({part}), {output_words(replace(spec, output='breakdown'), lang)}: " + "; ".join(shown) + "."


def _figure_share_answer(spec: AudienceSpec, row: dict, base: str, part: str, lang: str) -> str:
    """'所有用户的消费总额共 771,496.00 元，其中“…”（10 人）占 160,919.00 元，即 20.9%。'"""
    zh = lang == "zh"
    base_column, part_column = share_columns(spec.metric)
    whole, held, percent = row.get(base_column) or 0, row.get(part_column) or 0, row.get("percent")
    figure = metric_words(spec.metric, lang)
    if not whole:
        return f"{base}没有订单，{figure}为 0。" if zh else f"{base}: no orders, so the {figure} is 0."
    whole_words, held_words = _number(whole, spec.metric, lang), _number(held, spec.metric, lang)
    users = row.get("part_users") or 0
    if zh:
        return f"{base}的{figure}共 {whole_words}，其中“{part}”（{users} 人）占 {held_words}，即 {percent:g}%。"
    return (f"{base}: {figure} {whole_words} in all; of it, {part} ({_count(users, 'user')}) account for "
            f"{held_words}, {percent:g}%.")


def _counts_answer(spec: AudienceSpec, row: dict, lang: str) -> str:
    """How many each part holds: '分别统计：生命周期：新用户 12 人；购买过 80 人。' (a user can be in several)."""
    zh = lang == "zh"
    *shared, parts = spec.where
    counts = [(clause_words(item, lang), row.get(f"part_{i}") or 0) for i, item in enumerate(parts.items)]
    within = f"（{describe(replace(spec, where=shared, metric=None), lang)}）" if shared and zh else \
        (f" ({describe(replace(spec, where=shared, metric=None), lang)})" if shared else "")
    if spec.metric is not None:
        return _figures_of_parts_answer(spec, row, counts, within, lang)
    gap = _which_higher(counts, [n for _, n in counts], lambda n: f"{n} 人" if zh else _count(n, "user"), lang)
    if zh:
        return f"分别统计{within}：" + "；".join(f"{words} {n} 人" for words, n in counts) + "。" + gap
    return f"Counted separately{within}: " + "; ".join(f"{words}: {_count(n, 'user')}" for words, n in counts) + "." + gap


def _figures_of_parts_answer(spec: AudienceSpec, row: dict, counts: list, within: str, lang: str) -> str:
    """'平均每人消费（…），分别统计：喜欢户外运动 4,360.23 元（35 人）；金卡会员 …。' and, for two parts, which is higher
    and by how much ('户外运动更高：高 1,825.46 元（高 41.9%）')."""
    zh = lang == "zh"
    figures = [row.get(f"figure_{i}") for i in range(len(counts))]
    shown = [_number(value, spec.metric, lang) if value is not None else ("无数据" if zh else "no data")
             for value in figures]
    words = metric_words(spec.metric, lang)
    if zh:
        text = f"{words}，分别统计{within}：" + "；".join(f"{name} {figure}（{n} 人）" for (name, n), figure
                                                      in zip(counts, shown)) + "。"
    else:
        text = f"{words}, each{within}: " + "; ".join(f"{name}: {figure} ({_count(n, 'user')})" for (name, n), figure
                                                      in zip(counts, shown)) + "."
    return text + _which_higher(counts, figures, lambda value: _number(round(value, 2), spec.metric, lang), lang)


def _which_higher(parts: list, figures: list, shown, lang: str) -> str:
    """Of two parts, which figure is higher and by how much ('金卡会员更高：比…高 3,020.63 元（高 123.6%）'), or ""."""
    if len(figures) != 2 or None in figures or figures[0] == figures[1]:
        return ""
    high = 0 if figures[0] > figures[1] else 1
    gap = abs(figures[0] - figures[1])
    percent = f"{100 * gap / figures[1 - high]:.1f}%" if figures[1 - high] else None
    (higher, _), (lower, _) = parts[high], parts[1 - high]
    if lang == "zh":
        return f"{higher}更高：比{lower}高 {shown(gap)}" + (f"（高 {percent}）" if percent else "") + "。"
    return f" {higher} is higher: {shown(gap)} more than {lower}" + (f" ({percent} more)" if percent else "") + "."


def _person(row: dict, lang: str) -> str:
    zh = lang == "zh"
    facts = [GENDER_SHORT[lang].get(row.get("gender") or "unknown", row.get("gender"))]
    if row.get("age") is not None:
        facts.append(f"{row['age']}岁" if zh else str(row["age"]))
    if row.get("city"):
        facts.append(value_label("city", row["city"], lang))
    facts += [value_label(column, row[column], lang) for column in LIST_COLUMNS if column in row]
    name = f" {row['name']}" if row.get("name") else ""
    inner = ("，" if zh else ", ").join(str(f) for f in facts if f)
    return f"{row.get('user_id')}{name}（{inner}）" if zh else f"{row.get('user_id')}{name} ({inner})"


def _breakdown_answer(spec: AudienceSpec, columns: list, rows: list, conditions: str, lang: str) -> str:
    zh = lang == "zh"
    by = output_words(spec, lang)
    if not rows:
        return f"没有用户符合条件：{conditions}。" if zh else f"No users match: {conditions}."
    tied = rows[spec.top:] if spec.top else []   # level with the last place asked for (compile: RANK)
    rows = rows[:spec.top] if spec.top else rows
    parts, shown = [], []
    for row in rows[:MAX_GROUPS]:
        record = dict(zip(columns, row))
        count = record.get("user_count")
        label = _group_label(spec.group_by, record, columns, lang)
        size = record.get("segment_size")
        if size and size != count:   # a segment: how much of it the audience is (all of it: its size alone)
            share = f"{100 * count / size:.1f}%"
            said = f"{count}（占该分群 {size} 人的 {share}）" if zh else f"{count} ({share} of its {size})"
        elif "total_spend" in record:   # a brand or a kind of goods: its buyers, their orders of it and its sales
            orders, sales = record.get("order_count"), record.get("total_spend") or 0
            said = f"{count} 人（{orders} 笔，{sales:,.2f} 元）" if zh else \
                f"{_count(count, 'buyer')} ({_count(orders, 'order')}, ¥{sales:,.2f})"
        elif record.get("percent") is not None:   # "各占多少比例": its share of the audience
            said = f"{count}（{record['percent']:g}%）" if zh else f"{count} ({record['percent']:g}%)"
        else:
            said = str(count)
        parts.append(f"{label} {said}")
        shown.append((label, said, said if said != str(count) else (f"{count} 人" if zh else _count(count, "user"))))
    more = len(rows) - len(parts)
    listing = ("、" if zh else ", ").join(parts)
    if more > 0:
        listing += f"（另有 {more} 组）" if zh else f" (and {more} more groups)"
    return _lead(spec, shown, ("最少", "最多") if zh else ("Fewest", "Most"), lang,
                 f"{conditions}，{by}：{listing}。" if zh else f"{conditions}, {by}: {listing}.") + \
        _tie_words(spec, columns, tied, lang)


def _tie_words(spec: AudienceSpec, columns: list, tied: list, lang: str) -> str:
    """The groups as big as the last one of a "top N" ("深圳 and 杭州 also have 2"), or ""."""
    if not tied:
        return ""
    records = [dict(zip(columns, row)) for row in tied]
    labels = [_group_label(spec.group_by, r, columns, lang) for r in records[:MAX_GROUPS]]
    count, more = records[0].get("user_count"), len(records) - len(labels)
    if lang == "zh":
        named = "、".join(labels) + (f" 等 {len(records)} 组" if more > 0 else "")
        return f"{named}也是 {count} 人，与第 {spec.top} 名并列。"
    named = (", ".join(labels[:-1]) + " and " + labels[-1]) if len(labels) > 1 else labels[0]
    named += f" ({len(records)} groups in all)" if more > 0 else ""
    n = spec.top
    ordinal = f"{n}{'th' if 10 <= n % 100 <= 20 else {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th')}"
    return f" {named} also {'has' if len(records) == 1 else 'have'} {count}, tied for {ordinal} place."


def _bigger_words(data: dict, spec_data: dict | None, lang: str) -> str:
    """For groups compared ("女生多还是男生多", "more women or men among pet owners?"): which known group is
    the biggest and by how much it leads the next ("unknown" is no side of a comparison); "" when there
    are not two groups to set side by side."""
    columns, rows = data.get("columns") or [], data.get("rows") or []
    group = (spec_data or {}).get("group_by")
    records = [dict(zip(columns, row)) for row in rows]
    known = sorted(((int(r.get("user_count") or 0), _group_label(group, r, columns, lang)) for r in records
                    if columns and r.get(columns[0]) not in (None, "unknown")), key=lambda item: -item[0])
    if len(known) < 2:
        return ""
    (first, first_label), (second, second_label) = known[0], known[1]
    zh = lang == "zh"
    if first == second:
        return f"{first_label}和{second_label}一样多（各 {first} 人）。" if zh else \
            f"{first_label} and {second_label} are level ({first} each)."
    more, share = first - second, f"{100 * (first - second) / second:.0f}%"
    return f"{first_label}更多：比{second_label}多 {more} 人（多 {share}）。" if zh else \
        f"More are {first_label}: {more} more than {second_label} ({share} more)."


def _no_groups_answer(data: dict, spec_data: dict | None, lang: str) -> str:
    """After a breakdown by complaint or interest found no group: the audience's size says whether nobody
    matched or its members have no negative review ("这 1 位用户没有负面评价") / no confident interest yet
    (only active interest tags count; ones still observed do not)."""
    zh = lang == "zh"
    total = int(data.get("row_count") or 0) if isinstance(data, dict) else 0
    spec = AudienceSpec.from_dict(spec_data) if spec_data else AudienceSpec()
    conditions = describe(AudienceSpec(where=spec.where, lang=lang), lang)
    if total == 0:
        return f"没有用户符合条件：{conditions}。" if zh else f"No users match: {conditions}."
    who = f"这 {total} 位用户（{conditions}）" if zh else \
        f"{'This user' if total == 1 else f'These {total} users'} ({conditions})"
    if spec.group_by == "interest":
        return (f"{who}{'都' if total > 1 else ''}还没有确定的兴趣：只计入置信度足够的兴趣标签，还在观察中的不算。" if zh else
                f"{who} {'has' if total == 1 else 'have'} no confident interest yet: only confident interest tags "
                "count, not ones still being observed.")
    return f"{who}没有负面评价。" if zh else f"{who} left no negative feedback."


def _evidence_answer(data: dict, purpose: dict, lang: str) -> str:
    """Why a user has a tag: its stored evidence, confidence and source, one line per tag."""
    zh = lang == "zh"
    user = purpose.get("user_id", "")
    records = [dict(zip(data.get("columns") or [], row)) for row in data.get("rows") or []]
    if not records:
        asked = "、".join(purpose.get("tags") or []) or purpose.get("category") or ""
        return (f"用户 {user} 没有{('“' + asked + '”') if asked else '任何'}标签（可以问“看看 {user} 的画像”）。" if zh else
                f"{user} has no {repr(asked) + ' ' if asked else ''}tag (ask 'show me the profile of {user}').")
    unknown = "、".join(purpose.get("unknown") or []) if zh else ", ".join(purpose.get("unknown") or [])
    if unknown:   # a tag the planner does not know: all of the user's tags instead, said so
        lines = [f"我不认识“{unknown}”这个标签；用户 {user} 的全部标签和依据：" if zh else
                 f"I do not know a tag '{unknown}'; all of {user}'s tags and why:"]
    else:
        lines = [f"用户 {user} 的标签依据：" if zh else f"Why {user} has these tags:"]
    for r in records:
        name = _tag_name(r["tag_id"], r.get("category"), lang)
        state = "" if r.get("status") == "active" else (
            f"，状态：{value_label('status', r.get('status'), lang)}" if zh else f", {r.get('status')}")
        if zh:
            lines.append(f"- {name}（置信度 {r['confidence']:.2f}，来源：{value_label('source', r.get('source'), lang)}"
                         f"{state}）：{evidence_in(r.get('evidence'), lang) or '没有记录依据'}")
        else:
            lines.append(f"- {name} ({r['tag_id']}, confidence {r['confidence']:.2f}, from {r.get('source')}{state}): "
                         f"{r.get('evidence') or 'no evidence stored'}")
    return "\n".join(lines)


_SOURCE_ZH = {"review": "评价", "chat": "聊天", "post": "帖子", "comment": "评论", "survey": "问卷", "search": "搜索",
              "call_transcript": "通话"}


def _said_answer(data: dict, purpose: dict, lang: str) -> str:
    """A user's texts, latest first: date, source and the text quoted (data, never instructions)."""
    zh = lang == "zh"
    user = purpose.get("user_id", "")
    records = [dict(zip(data.get("columns") or [], row)) for row in data.get("rows") or []]
    if not records:
        return (f"用户 {user} 没有留下任何文字（评价、聊天等）。" if zh else
                f"{user} has written nothing (no reviews, chats or other texts).")
    total = records[0].get("total") or len(records)
    if total > len(records):
        shown = f"最新的 {len(records)} 条，共 {total} 条" if zh else f"the latest {len(records)} of {total}"
    else:
        shown = f"共 {total} 条，最新在前" if zh else f"{_count(total, 'text')}, latest first"
    lines = [f"用户 {user} 说过的话（{shown}，原文引用）：" if zh else f"What {user} said ({shown}, quoted as written):"]
    for r in records:
        when = str(r.get("at") or ("日期不详" if zh else "no date"))[:10]
        source = _SOURCE_ZH.get(r.get("source"), r.get("source")) if zh else r.get("source")
        text = " ".join(str(r.get("text") or "").split())
        lines.append(f"- {when} · {source}：“{text}”" if zh else f'- {when} · {source}: "{text}"')
    return "\n".join(lines)


def _tag_name(tag_id: str, category: str | None, lang: str) -> str:
    """A tag's display name in ``lang``: an explicit tag (age band, member level, …), a taxonomy node
    of the category's kind or an interest; else the id."""
    from schema.taxonomy import load_taxonomy
    from tools.profile.explicit import EXPLICIT_TAGS

    if tag_id in EXPLICIT_TAGS:
        _, zh, en = EXPLICIT_TAGS[tag_id]
        return zh if lang == "zh" else en
    taxonomy = load_taxonomy()
    for kind in ({"interests": "interest"}.get(category or "", category or "interest"), "interest"):
        if taxonomy.has(tag_id, kind):
            return taxonomy.name(tag_id, lang, kind)
    return tag_id


def _overview_answer(columns: list, rows: list, conditions: str, lang: str) -> str:
    """'所有用户：189 位。生命周期：成熟期 80、…；性别：…；城市（前5）：…；兴趣（前5）：…。' and where to look further."""
    zh = lang == "zh"
    records = [dict(zip(columns, row)) for row in rows]
    total = next((r["user_count"] for r in records if r.get("facet") == "total"), 0)
    if not total:
        return f"没有用户符合条件：{conditions}。" if zh else f"No users match: {conditions}."
    names = {"zh": {"lifecycle": "生命周期", "gender": "性别", "city": "城市（前5）", "interest": "兴趣（前5）"},
             "en": {"lifecycle": "lifecycle", "gender": "gender", "city": "top cities", "interest": "top interests"}}
    lines = [f"{conditions}：{total} 位用户。" if zh else f"{conditions[:1].upper()}{conditions[1:]}: {_count(total, 'user')}."]
    for facet in ("lifecycle", "gender", "city", "interest"):
        rows_of = sorted((r for r in records if r.get("facet") == facet), key=lambda r: -(r["user_count"] or 0))
        parts = [f"{_group_label(facet, r, ['value'], lang)} {r['user_count']}" for r in rows_of]
        if parts:
            lines.append(f"{names[lang][facet]}：" + "、".join(parts) if zh else
                         f"{names[lang][facet].capitalize()}: " + ", ".join(parts))
    lines.append("想细看可以问“按会员等级分布”“消费最高的10位用户”，或用 `persona segments` 看分群。" if zh else
                 "For more, ask e.g. 'by membership level' or 'top 10 users by total spend', or run `persona segments`.")
    return "\n".join(lines)


def _group_label(group: str | None, record: dict, columns: list, lang: str) -> str:
    value = record.get(columns[0]) if columns else None
    if value == "unknown" and lang == "zh":
        return "未知"
    if group in ("interest", "segment"):
        return str(record.get("name_zh" if lang == "zh" else "name_en") or value)
    labelled_as = {"complaint_aspect": "aspect", "kind": "interest", "bought_interest": "interest"}
    return value_label(labelled_as.get(group or "", group), value, lang)


def _profile_answer(data: dict, lang: str) -> str:
    """Who the user is and where they stand, with every tag, intent and aspect by its display name in
    the answer's language (the stored profile names them in the user's language)."""
    zh = lang == "zh"
    if not isinstance(data, dict):
        return str(data)[:800]
    user = data.get("user") or {}
    profile = data.get("profile") or {}
    head = [str(data.get("user_id", ""))]
    if user.get("name"):
        head.append(str(user["name"]))
    facts = [GENDER_SHORT[lang].get(user.get("gender") or "unknown", "")]
    if user.get("age") is not None:
        facts.append(f"{user['age']}岁" if zh else f"{user['age']}")
    if user.get("city"):
        facts.append(value_label("city", user["city"], lang))
    if user.get("member_level"):
        facts.append(_tag_name(f"member_{user['member_level']}", "basic_info", lang))
    lines = [" ".join(head) + ("（" + "，".join(f for f in facts if f) + "）" if zh
                               else " (" + ", ".join(f for f in facts if f) + ")")]
    merged = merged_note(data, lang)
    if merged:
        lines.insert(0, merged + ("。" if zh else "."))
    if not profile:
        lines.append("还没有生成画像（可以说“重新生成这个用户的画像”）。" if zh else
                     "No profile has been built yet (ask to rebuild this user's profile).")
        return "\n".join(lines)
    stage = [_tag_name(profile[kind], kind, lang) for kind in ("lifecycle", "consumption") if profile.get(kind)]
    if stage:
        lines.append(("生命周期/消费类型：" if zh else "Lifecycle / consumption: ") + " / ".join(stage))
    tags = [t for t in data.get("tags") or [] if t.get("status") == "active" and t.get("category") == "interests"]
    if tags:
        names = [_tag_name(str(t.get("tag_id")), "interests", lang) for t in tags[:8]]
        lines.append(("兴趣：" if zh else "Interests: ") + ("、" if zh else ", ").join(names))
    intents = [i for i in data.get("intents") or [] if i.get("status") == "active"]
    if intents:
        names = [_intent_name(i, lang) for i in intents[:4]]
        lines.append(("近期意图：" if zh else "Active intents: ") + ("、" if zh else ", ").join(names))
    if profile.get("summary") and data.get("language", lang) == lang:
        lines.append(("摘要：" if zh else "Summary: ") + str(profile["summary"])[:600])
    else:   # the summary is in the user's language: its complaints, which the lines above lack
        unhappy = [_tag_name(str(a.get("aspect")), "aspect", lang) for a in data.get("aspects") or []
                   if (a.get("negative") or 0) > (a.get("positive") or 0)]
        if unhappy:
            lines.append(("不满：" if zh else "Unhappy about: ") + ("、" if zh else ", ").join(unhappy))
    return "\n".join(lines)


def _intent_name(intent: dict, lang: str) -> str:
    """'Research (Hiking)' / '调研了解（徒步登山）'; a target outside the taxonomy as stored."""
    from schema.taxonomy import load_taxonomy

    taxonomy = load_taxonomy()
    name = _tag_name(str(intent.get("intent")), "intent", lang)
    target = intent.get("target")
    if not target:
        return name
    target = taxonomy.name(target, lang) if taxonomy.has(target) else str(target)
    return f"{name}（{target}）" if lang == "zh" else f"{name} ({target})"


def _tags_answer(data, lang: str) -> str:
    zh = lang == "zh"
    if not isinstance(data, list) or not data:
        return "没有找到匹配的标签。" if zh else "No matching tags found."
    lines = ["找到这些标签：" if zh else "Matching tags:"]
    for match in data[:16]:   # the matches and the children of a matched interest (find_tags)
        users = match.get("users")
        count = "" if users is None else (f"，{users} 人" if zh else f", {_count(users, 'user')}")
        name = match.get("name_zh") if zh else match.get("name_en")
        bullet = "  - " if str(match.get("matched", "")).startswith("child of ") else "- "   # under its parent
        lines.append(f"{bullet}{match.get('id')}（{match.get('kind')}：{name}{count}）" if zh else
                     f"{bullet}{match.get('id')} ({match.get('kind')}: {name}{count})")
    return "\n".join(lines)


def _copy_answer(data: dict, understood: str, lang: str) -> str:
    zh = lang == "zh"
    variants = data.get("variants") if isinstance(data, dict) else None
    if isinstance(variants, dict):
        variants = variants.get("variants")
    variants = variants if isinstance(variants, list) else []
    size = data.get("audience_size") if isinstance(data, dict) else None
    who = (f" {size} 位用户" if zh else _count(size, "user")) if size is not None else ("当前人群" if zh else "the audience")
    settings = _copy_settings(data, lang)
    said = (f"（{settings}）" if zh else f" ({settings})") if settings else ""
    lines = [f"为{who}写了 {len(variants)} 条文案{said}：" if zh else
             f"{_count(len(variants), 'copy variant')} for {who}{said}:"]
    for index, variant in enumerate(variants, 1):
        if isinstance(variant, dict):
            parts = [str(variant[key]) for key in ("subject", "title", "body", "text") if variant.get(key)]
            text = " — ".join(parts) or json.dumps(variant, ensure_ascii=False)[:300]
        else:
            text = str(variant)
        lines.append(f"{index}. {text}")
    angles = data.get("angles") if isinstance(data, dict) else None
    if isinstance(angles, dict) and angles.get(lang):   # why each angle (the settings are said above)
        lines.append(str(angles[lang]))
    # what the copywriter changed or doubts (an offer translated, an offer few of them care about)
    warnings = data.get("warnings") if isinstance(data, dict) else None
    for warning in warnings if isinstance(warnings, list) else []:
        lines.append(f"注意：{warning}" if zh else f"Note: {warning}")
    return "\n".join(lines)


_COPY_WORDS = {
    "zh": {"sms": "短信", "push": "推送", "email": "邮件", "social": "社交媒体", "zh": "中文", "en": "英文"},
    "en": {"sms": "SMS", "push": "push", "email": "email", "social": "social post", "zh": "Chinese", "en": "English"},
}


def _copy_settings(data: dict, lang: str) -> str:
    """The settings the copy was written with, always said: channel, language, tone and offer (a
    change of the last copy keeps what it does not change, and the operator sees what was kept)."""
    if not isinstance(data, dict):
        return ""
    from tools.copywriter.explain import TONE_NAMES

    zh, words = lang == "zh", _COPY_WORDS[lang]
    parts = [words.get(data[key], data[key]) for key in ("channel", "language") if data.get(key)]
    if data.get("tone"):
        parts.append(f"{TONE_NAMES.get(data['tone'], data['tone'])}语气" if zh else f"{data['tone']} tone")
    if data.get("offer"):
        parts.append(f"优惠：{data['offer']}" if zh else f"offer: {data['offer']}")
    return ("，" if zh else ", ").join(parts)


def _saved_answer(data: dict, lang: str) -> str:
    zh = lang == "zh"
    if not isinstance(data, dict):
        return str(data)[:300]
    name, size = data.get("name"), data.get("size")
    text = f"已保存分群“{name}”（{size} 人）。" if zh else f"Saved segment '{name}' ({_count(size, 'user')})."
    if data.get("note"):
        text += f" {data['note']}"
    if data.get("rolling"):
        from tools.segments import ROLLING_NOTE

        note = ROLLING_NOTE["zh" if zh else "en"]
        text += " " + (note if zh else note[0].upper() + note[1:])
    return text


def _count(n, noun: str) -> str:
    """'1 user', '3 users': an English count with the noun in the right number."""
    return f"{n} {noun}" + ("" if n == 1 else "s")


def _match(total: int) -> str:
    """'1 user matches', '3 users match'."""
    return _count(total, "user") + (" matches" if total == 1 else " match")


def _skipped_answer(skipped: list, lang: str) -> str:
    """Why the calls planned after an audience no user matched were not made: a save says it was not
    saved and what to do (as when saving that audience later, segments.EMPTY_SEGMENT)."""
    from tools.segments import EMPTY_SEGMENT

    zh = lang == "zh"
    saves = [call for call in skipped if call["name"] == "save_segment"]
    others = [call for call in skipped if call["name"] != "save_segment"]
    text = ""
    if others:
        text += ("\n没有符合条件的用户，因此没有继续" if zh else "\nNo users matched, so I did not go on to ") + \
            _skipped_words(others, lang) + ("。" if zh else ".")
    for call in saves:
        text += "\n" + EMPTY_SEGMENT[lang].format(name=call["args"].get("name") or "")
    return text


def _skipped_words(skipped: list, lang: str) -> str:
    names = {"write_marketing_copy": ("写文案", "write copy"), "save_segment": ("保存分群", "save the segment")}
    return ("、" if lang == "zh" else ", ").join(names.get(c["name"], (c["name"], c["name"]))[0 if lang == "zh" else 1]
                                                 for c in skipped)
