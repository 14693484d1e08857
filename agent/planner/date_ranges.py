"""Date ranges in a question: "between 10/1 and 11/1", "from Oct 1 to Nov 1", "2026-10-01 ~ 2026-11-01",
"10月1日到11月1日之间", "10月1号到15号", "上个月1号到15号", and whole months: "1月到3月", "2026年1月到3月",
"1-3月", "from October to November", "Jan-Mar", "January to March 2026" (the first day of the first month
to the last day of the second; a year said with either month holds for both).

A range is a :class:`Window` of kind ``between``: from ``date`` to ``end``, both days included. A
date without a year is the most recent such day that has begun (the rule of "since October",
tokens._month_start); the end without a year is the first such day on or after the start, so
"12/15 to 1/15" runs into the next year. A day without a month ("到15号") takes the start's month;
"上个月 / 本月 1号到15号" are days of last / this calendar month. The days are counted against
today (SQLite's date('now'), which every relative window of the planner also uses).
"""

from __future__ import annotations

from datetime import date, timedelta

from agent.planner import lexicon as lx
from agent.planner.spec import Window

_ZH_MONTH = r"1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九]"
_DAY = r"3[01]|[12]\d|0?[1-9]"
_ZH_JOIN = r"\s*(?:到|至|~|～|-|—|–)\s*"
_YEAR = r"(?:19|20)\d{2}"


def _point(tag: str, lang: str) -> str:
    """One date, its groups suffixed with ``tag`` (a range holds two)."""
    y, m, d, name = f"y{tag}", f"m{tag}", f"d{tag}", f"name{tag}"
    iso = rf"(?P<{y}>(?:19|20)\d{{2}})\s*[-/.年]\s*(?P<{m}>1[0-2]|0?[1-9])\s*[-/.月]\s*(?P<{d}>{_DAY})\s*(?:日|号)?"
    slash = rf"(?P<{m}s>1[0-2]|0?[1-9])\s*/\s*(?P<{d}s>{_DAY})(?![\d/])"
    if lang == "zh":
        month_day = rf"(?P<{m}z>{_ZH_MONTH})\s*月\s*(?P<{d}z>{_DAY})\s*(?:日|号)"
        day_only = rf"(?P<{d}o>{_DAY})\s*(?:日|号)"
        whole_month = rf"(?<![\d年])(?P<{m}w>{_ZH_MONTH})\s*月(?:份)?"
        # "2026年1月", and a first month that shares the second's 月: "1-3月", "2026年1到3月"
        month_ends = rf"(?:月(?:份)?|(?={_ZH_JOIN}(?:{_ZH_MONTH})\s*月))"
        year_month = rf"(?P<{y}w>{_YEAR})\s*年\s*(?P<{m}y>{_ZH_MONTH})\s*{month_ends}"
        bare_month = rf"(?<![\d年/.-])(?P<{m}b>{_ZH_MONTH})(?={_ZH_JOIN}(?:{_ZH_MONTH})\s*月)"
        return rf"(?:{iso}|{slash}|{month_day}|{day_only}|{year_month}|{whole_month}|{bare_month})"
    names = lx.phrase_pattern(lx.MONTHS_EN)
    month_name = rf"(?P<{name}>{names})\.?\s+(?P<{d}n>{_DAY})(?:st|nd|rd|th)?(?![\d:])"
    whole_month = rf"(?P<{name}w>{names})(?:,?\s+(?P<{y}w>{_YEAR}))?(?![a-z])"   # "March 2026"
    return rf"(?:{iso}|{slash}|{month_name}|{whole_month})"


def patterns() -> list[tuple]:
    """("window", regex, rank, build) entries for tokens.py: the ranges in both languages."""
    zh_join = _ZH_JOIN
    zh_month = r"(?P<rel>上个?月|本月|这个?月)\s*的?\s*"
    zh = rf"(?:从|自|在)?\s*(?:{zh_month})?{_point('1', 'zh')}{zh_join}{_point('2', 'zh')}(?:之间|期间|为止|以内|内)?"
    names = lx.phrase_pattern(lx.MONTHS_EN)
    en = (rf"(?:(?:between|from)\s+(?:the\s+)?{_point('1', 'en')}\s+(?:and|to|through|until|till|-)\s+"
          rf"(?:the\s+)?{_point('2', 'en')}"
          rf"|{_point('3', 'en')}\s*(?:~|～|–|—|\s-\s|\s+to\s+|\s+through\s+)\s*{_point('4', 'en')}"
          rf"|(?P<name5w>{names})-(?P<name6w>{names})(?:,?\s+(?P<y6w>{_YEAR}))?(?![a-z]))")   # "Jan-Mar"
    return [("window", zh, 1, _range("1", "2")), ("window", en, 1, _en_range)]


def _en_range(match) -> dict | None:
    if match.group(0).startswith(("between", "from")):
        return _range("1", "2")(match)
    return _range("5", "6")(match) if match.group("name5w") else _range("3", "4")(match)


def _range(first: str, second: str):
    def build(match) -> dict | None:
        groups = {key: value for key, value in match.groupdict().items() if value is not None}
        _share_year(groups, first, second)
        anchor = _relative_month(groups.get("rel"))
        start = _resolve(groups, first, anchor=anchor)
        if start is None:
            return None
        end = _resolve(groups, second, anchor=anchor, after=start)
        if end is None or end < start:
            return None
        return {"window": Window("between", date=start.isoformat(), end=end.isoformat())}
    return build


def _share_year(groups: dict, first: str, second: str) -> None:
    """"January to March 2026": the year said with the last month holds for the first (the year before,
    when the first month comes later in the year: "November to February 2026")."""
    year, start = groups.get(f"y{second}w"), _month(groups, first)
    if year and start is not None and f"y{first}w" not in groups and f"d{first}" not in groups:
        groups[f"y{first}w"] = str(int(year) - (start > _month(groups, second)))


def _relative_month(said: str | None) -> date | None:
    """The first day of the month "上个月" / "本月" names, or None."""
    if said is None:
        return None
    first = date.today().replace(day=1)
    return (first - timedelta(days=1)).replace(day=1) if said.startswith("上") else first


def _resolve(groups: dict, tag: str, *, anchor: date | None, after: date | None = None) -> date | None:
    """The date a point names: with its year as said, else the latest past one (the start) or the first
    on or after ``after`` (the end); a bare day is in the anchor's month or the start's."""
    day = next((groups[key] for key in (f"d{tag}", f"d{tag}s", f"d{tag}z", f"d{tag}o", f"d{tag}n") if key in groups),
               None)
    if day is None:   # a whole month ("1月到3月", "from October to November"): its first or last day
        month = _month(groups, tag)
        if month is None or anchor is not None:
            return None
        year = groups.get(f"y{tag}w")
        first = _date(int(year), month, 1) if year else \
            _resolve({**groups, f"d{tag}": "1", f"m{tag}s": str(month)}, tag, anchor=None, after=after)
        if after is None or first is None:
            return first
        return (first.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
    if f"y{tag}" in groups:
        return _date(int(groups[f"y{tag}"]), int(groups[f"m{tag}"]), int(day))
    month = _month(groups, tag)
    if month is None:   # a bare day: "1号到15号"
        base = anchor or after
        if base is None:
            return None
        return _date(base.year, base.month, int(day))
    if anchor is not None:
        return None   # "上个月10月1日": two months at once
    if after is None:
        today = date.today()
        start = _date(today.year, month, int(day))
        return start if start is None or start <= today else _date(today.year - 1, month, int(day))
    end = _date(after.year, month, int(day))
    return end if end is None or end >= after else _date(after.year + 1, month, int(day))


def _month(groups: dict, tag: str) -> int | None:
    name = groups.get(f"name{tag}") or groups.get(f"name{tag}w")
    if name:
        return lx.MONTHS_EN[name]
    said = next((groups[f"m{tag}{kind}"] for kind in ("s", "z", "w", "y", "b") if f"m{tag}{kind}" in groups), None)
    return int(lx.to_number(said)) if said else None


def _date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None
