"""Two periods compared on a figure: "本月和上个月的销售额对比", "compare sales this month and last month",
"这个月的销售额比上个月多了多少", "上个月和这个月分别有多少人下过单", and the period before the one said ("环比",
"month over month", after "上个月有多少人下过单": "比前一个月多了还是少了").

Each period is one part of the figures side by side (compile._figure_of_parts, output 'counts'): a figure over
orders counts each period's orders (the orders placed in it), a count of users counts the users of the timed
condition inside each period. The answer says which is higher and by how much.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, timedelta

from agent.planner import lexicon as lx
from agent.planner.spec import AudienceSpec, Clause, Condition, Group, Metric, Window

# the period before a calendar one: 上个月 before 本月, 上上个月 before 上个月 …
_BEFORE_KIND = {"this_month": ("last_month", 1), "this_week": ("last_week", 1), "this_quarter": ("last_quarter", 1),
                "this_year": ("last_year", 1)}
_PERIOD_JOINT_RE = re.compile(lx.PERIOD_JOINT)
_PREVIOUS_PERIOD_RE = re.compile(lx.PREVIOUS_PERIOD)
_CHANGE_RE = re.compile(lx.PERIOD_CHANGE)


def previous_period(window: Window) -> Window | None:
    """The period of the same length right before ``window`` (None when it has none: a window since a day)."""
    if window.kind in _BEFORE_KIND:
        kind, n = _BEFORE_KIND[window.kind]
        return Window(kind, n=n)
    if window.kind in ("last_month", "last_week", "last_quarter"):
        return Window(window.kind, n=(window.n or 1) + 1)
    if window.kind == "last_year":
        start = date(date.today().year - 2, 1, 1)
        return Window("between", date=start.isoformat(), end=date(start.year, 12, 31).isoformat())
    if window.kind == "month":
        first = date.fromisoformat(window.date)
        before = (first - timedelta(days=1)).replace(day=1)
        return Window("month", date=before.isoformat())
    if window.kind == "days" and window.n:
        today = date.today()
        return Window("between", date=(today - timedelta(days=2 * window.n)).isoformat(),
                      end=(today - timedelta(days=window.n + 1)).isoformat())
    if window.kind == "between" and window.date and window.end:
        start, end = date.fromisoformat(window.date), date.fromisoformat(window.end)
        length = end - start + timedelta(days=1)
        return Window("between", date=(start - length).isoformat(), end=(start - timedelta(days=1)).isoformat())
    return None


def cut_periods(reader, tokens: list, history: AudienceSpec | None) -> tuple[list[Window], bool]:
    """The periods compared, in the order said, with their words cut out of ``reader.masked`` (the first window
    stays: it times the figure as usual); the second is said after a joining word (和, 比, vs, than …) or is the
    period before ("环比", "than the month before"). Also whether the first comes from ``history`` (a follow-up
    that names no period: "比前一个月多了还是少了")."""
    windows = [t for t in tokens if t.kind == "window"]
    for first, second in zip(windows, windows[1:]):
        joint = _PERIOD_JOINT_RE.search(reader.masked[:second.start])
        if joint:
            reader._blank(joint.start(), second.end)
            _cut_change(reader, second.end)
            return [first.data["window"], second.data["window"]], False
    before = _PREVIOUS_PERIOD_RE.search(reader.masked)
    if before is None:
        return [], False
    windows = [t for t in windows if t.end <= before.start() or t.start >= before.end()]   # not 前一个月 itself
    said = windows[0].data["window"] if windows else history_window(history)
    previous = previous_period(said) if said is not None else None
    if previous is None:
        return [], False
    reader._blank(*before.span())
    _cut_change(reader, before.end())
    return [said, previous], not windows


def _cut_change(reader, start: int) -> None:
    """"多了还是少了，多多少", "多了多少", "increase or decrease": what the comparison's answer says anyway."""
    change = _CHANGE_RE.match(reader.masked, start)
    if change and change.group(0).strip():
        reader._blank(*change.span())


def history_window(history: AudienceSpec | None) -> Window | None:
    """The period of the last question: its figure's window, or its one timed condition's."""
    if history is None:
        return None
    if history.metric is not None and history.metric.window is not None:
        return history.metric.window
    timed = [c for c in history.conditions() if c.window is not None]
    return timed[0].window if len(timed) == 1 else None


def periods_spec(clauses: list[Clause], output: dict, periods: list[Window], history: AudienceSpec | None,
                 from_history: bool, lang: str) -> AudienceSpec | None:
    """The figure (or the count) of each period side by side; None when nothing in the question is timed by the
    first period."""
    if from_history and history is not None and not clauses:
        clauses = list(history.where) if history.output != "ratio" else history.audience()
        if not output.get("metric") and history.metric is not None and not history.group_by:
            output = {"output": "aggregate", "metric": history.metric}
    metric = output.get("metric") if output.get("output") == "aggregate" and not output.get("group_by") else None
    if metric is not None:   # "本月和上个月的销售额": each period's orders
        parts = [Condition("behavior", action="order", window=period) for period in periods]
        return AudienceSpec(where=[*clauses, Group(items=parts)], output="counts", lang=lang,
                            metric=Metric(metric.name, metric.agg))
    timed = [c for c in clauses if isinstance(c, Condition) and c.window is not None and not c.negate]
    if len(timed) != 1:
        return None
    parts = [replace(timed[0], window=period) for period in periods]   # "上个月和这个月分别有多少人下过单"
    shared = [c for c in clauses if c is not timed[0]]
    return AudienceSpec(where=[*shared, Group(items=parts)], output="counts", lang=lang)
