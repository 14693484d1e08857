"""When in the week or the day an order was placed: "周末下单的用户", "customers who ordered on weekends", "早上下单的",
"evening shoppers", "中午下单的上班族"; and the orders per day of the week, per time of day, or weekdays against
weekends ("周几下单最多", "what time of day do people order most", "工作日 vs 周末").

An order's day and hour are read from ``orders.ordered_at`` as stored (SQLite ``strftime``: the shop's own clock, as
its data writes it). The parts of the day are fixed hours, said in every answer that uses one (ORDER_TIMES). A part
said is a token of kind ``brand`` (data ``order_time``), as a store is (stores.py), so verbs, "or" and negation bind
it alike: ordered then, or said alone ("周末的订单数"), is the condition ``order_time`` — an order placed then,
inside the window if one is said, and the orders a figure counts (order_scope.py).
"""

from __future__ import annotations

import re

from agent.planner.spec import Condition
from agent.planner.tokens import Token

# key -> (Chinese words, English words, (Chinese name, English name, the English word before it), the SQL test of
# an order's time ``{t}``)
_WEEKEND = "strftime('%w', {t}) IN ('0', '6')"
ORDER_TIMES = {
    "weekend": (["周末", "双休日", "星期六日", "周六日", "礼拜六日"], ["weekends", "weekend", "saturdays and sundays"],
                ("周末（周六、周日）", "weekends (Saturday, Sunday)", "on"), _WEEKEND),
    "weekday": (["工作日", "平日", "周一到周五"], ["weekdays", "weekday", "workdays", "working days",
                                          "monday to friday"],
                ("工作日（周一至周五）", "weekdays (Monday to Friday)", "on"), "strftime('%w', {t}) NOT IN ('0', '6')"),
    "morning": (["早上", "早晨", "清晨", "上午", "早间"], ["mornings", "morning"],
                ("早上（5:00–10:59）", "morning (05:00–10:59)", "in the"), "CAST(strftime('%H', {t}) AS INTEGER) BETWEEN 5 AND 10"),
    "noon": (["中午", "午间", "午饭时间", "午餐时间", "午休时间"], ["noon", "midday", "lunchtime", "lunch time", "lunch hour"],
             ("中午（11:00–13:59）", "midday (11:00–13:59)", "at"), "CAST(strftime('%H', {t}) AS INTEGER) BETWEEN 11 AND 13"),
    "afternoon": (["下午"], ["afternoons", "afternoon"],
                  ("下午（14:00–16:59）", "afternoon (14:00–16:59)", "in the"), "CAST(strftime('%H', {t}) AS INTEGER) BETWEEN 14 AND 16"),
    "evening": (["晚上", "傍晚", "晚间", "下班后"], ["evenings", "evening", "after work"],
                ("晚上（17:00–21:59）", "evening (17:00–21:59)", "in the"), "CAST(strftime('%H', {t}) AS INTEGER) BETWEEN 17 AND 21"),
    "night": (["深夜", "半夜", "凌晨", "夜里"], ["late at night", "late night", "late-night", "at night", "overnight"],
              ("深夜（22:00–4:59）", "late night (22:00–04:59)", "at"),
              "(CAST(strftime('%H', {t}) AS INTEGER) >= 22 OR CAST(strftime('%H', {t}) AS INTEGER) <= 4)"),
}
_DAYPARTS = ("morning", "noon", "afternoon", "evening", "night")
_DAYS = {"zh": ["周日", "周一", "周二", "周三", "周四", "周五", "周六"],
         "en": ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]}

# Before a time, the words that place an order in it (taken into the token); "this morning" is today, no part of a
# day, and 早上好 / "good evening" are greetings
_BEFORE = r"(?:(?:在|于)\s*|(?<![a-z])(?:on|at|in|during|over)\s+(?:the\s+)?)?"
_NOT_TODAY = r"(?<!this\s)(?<!yesterday\s)(?<!good\s)(?<!今天)(?<!昨天)(?<!明天)"
_AFTER_ZH = r"(?!好)(?:时段|时间段|时间)?"


def _pattern() -> re.Pattern:
    words = sorted(((w, key) for key, (zh, en, _, _) in ORDER_TIMES.items() for w in zh + en), key=lambda p: -len(p[0]))
    said = "|".join(rf"(?P<{key}{n}>{re.escape(w)})" if re.search(r"[\u3400-\u9fff]", w) else
                    rf"(?P<{key}{n}>(?<![a-z]){re.escape(w)}(?![a-z]))" for n, (w, key) in enumerate(words))
    return re.compile(rf"{_NOT_TODAY}{_BEFORE}(?:{said}){_AFTER_ZH}")


_TIME_RE = _pattern()


def order_time_tokens(text: str) -> list[Token]:
    """Tokens for the parts of the week or day said in ``text`` (normalized): kind ``brand``, data ``order_time``
    (its key) and ``brand`` (the words as said); rank 9, so a lexicon word of the same length wins."""
    found = []
    for match in _TIME_RE.finditer(text):
        group = next(name for name, value in match.groupdict().items() if value)
        key = group.rstrip("0123456789")
        found.append(Token(match.start(), match.end(), "brand",
                           {"brand": match.group(group), "people": None, "order_time": key}, 9))
    return found


def order_time_condition(tokens: list[Token], action: str, words: str) -> Condition:
    """Ordered at one of the times ``tokens`` name ("周末下单的", "evening shoppers"); mentioned (``action``
    mention: "提到周末的用户") is the word searched in the texts."""
    if action == "mention":
        return Condition("mention", values=list(dict.fromkeys(t.data["brand"] for t in tokens)), words=words)
    return Condition("order_time", values=list(dict.fromkeys(t.data["order_time"] for t in tokens)), words=words)


# --- SQL (called by compile._Builder and order_scope.py) ----------------------------------------------

def order_time_filters(builder, c: Condition, alias: str = "o") -> list[str]:
    """The orders of an ``order_time`` condition: placed at one of its times, inside its window."""
    column = f"{alias}.ordered_at"
    filters = ["(" + " OR ".join(ORDER_TIMES[key][3].format(t=column) for key in c.values) + ")"]
    if c.window:
        filters += builder.window_filters(column, c.window)
    return filters


def order_time_sql(builder, c: Condition) -> str:
    """The users of an ``order_time`` condition (a subquery of user ids), ``min_count`` such orders or more."""
    from agent.planner.stores import counted_orders

    source = "SELECT o.user_id FROM orders o WHERE " + " AND ".join(order_time_filters(builder, c))
    return counted_orders(builder, source, c)


# Groups an order has by its time: the day of the week, the part of the day, weekdays against weekends
TIME_GROUP_COLUMNS = {
    "day_of_week": "strftime('%w', ob.ordered_at)",
    "time_of_day": "CASE " + " ".join(f"WHEN {ORDER_TIMES[key][3].format(t='ob.ordered_at')} THEN '{key}'"
                                      for key in _DAYPARTS) + " END",
    "weekpart": f"CASE WHEN {_WEEKEND.format(t='ob.ordered_at')} THEN 'weekend' ELSE 'weekday' END",
}


# --- words (called by describe.py, order_scope.py, labels.py) ----------------------------------------

def time_name(key: str, lang: str) -> str:
    """'周末（周六、周日）' / 'evening (17:00–21:59)': a part of the week or day with the days or hours it is."""
    return ORDER_TIMES[key][2][0 if lang == "zh" else 1]


def time_label(group: str, value, lang: str) -> str | None:
    """A value of a time group in ``lang`` (周三, 'evening (17:00–21:59)'); None for any other group."""
    if group == "day_of_week" and str(value).isdigit():
        return _DAYS["zh" if lang == "zh" else "en"][int(value) % 7]
    if group in ("time_of_day", "weekpart") and value in ORDER_TIMES:
        return time_name(str(value), lang)
    return None


def order_time_words(c: Condition, lang: str) -> str:
    """'周末（周六、周日）下过单' / 'ordered on weekends (Saturday, Sunday)', with how many times when said."""
    from agent.planner.describe import count_words   # describe.py reads every kind's words, these too

    times = count_words(c, lang)
    if lang == "zh":
        return order_time_scope(c, lang) + "下过单" + times
    return "ordered " + order_time_scope(c, lang) + times


def order_time_scope(c: Condition, lang: str) -> str:
    """'周末（周六、周日）' / 'on weekends (Saturday, Sunday)': when the orders were placed (order_scope.py)."""
    if lang == "zh":
        return "或".join(time_name(key, lang) for key in c.values)
    return " or ".join(f"{ORDER_TIMES[key][2][2]} {time_name(key, lang)}" for key in c.values)
