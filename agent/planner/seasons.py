"""Seasons and school holidays as windows: "this summer", 今年夏天, 去年冬天, "last winter", 暑假, 寒假,
"去年夏天以来", "since last summer".

A season is a calendar window of whole months (lexicon.SEASONS: the northern hemisphere's meteorological
seasons, summer June to August, winter December to February; 暑假 July and August, 寒假 January and
February), a :class:`Window` of kind ``between`` whose ``anchor`` names it, so the answer says the months
and the days it took. Which one:

- 今年 / this: the one going on today, else the one that starts this calendar year;
- 去年 / 前年 and a year said (2025年夏天, "summer 2025"): the one that starts in that year (winter: its
  December);
- "last" in English: the latest one over before today ("last summer" in December 2026 is 2026's);
- a holiday said alone (暑假, "winter break"): the latest one that has begun.

A season said alone (夏天, "summer") is no window: "夏天的衣服" and "summer dresses" are goods. With 以来 /
"since" the window runs from its first day on.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from agent.planner import lexicon as lx
from agent.planner.spec import Window

_HOLIDAYS = ("summer_holidays", "winter_holidays")
_YEAR = r"(?P<y>(?:19|20)\d{2})"


def patterns() -> list[tuple]:
    """("window", regex, rank, build) entries for tokens.py."""
    zh_names = {name: key for key, (*_, zh, _en) in lx.SEASONS.items() for name in zh}
    en_names = {name: key for key, (*_, en) in lx.SEASONS.items() for name in en}
    zh_name, en_name = lx.phrase_pattern(zh_names), lx.phrase_pattern(en_names)
    holidays = lx.phrase_pattern([n for n, key in {**zh_names, **en_names}.items() if key in _HOLIDAYS])
    zh_year = rf"(?:(?P<yr>今年|去年|前年)|{_YEAR}\s*年)\s*的?\s*"
    en_year = r"(?P<yr>this\s+past|this|last|past)\s+"
    during = r"(?:during|over|in)\s+"
    since_zh = rf"(?:\s*(?P<since>{lx.ANCHOR_SINCE_ZH})|\s*(?:期间|的时候|那段时间))?"
    return [
        ("window", rf"(?:在|从|自从|自)?\s*{zh_year}(?P<name>{zh_name}){since_zh}", 1, _build(zh_names)),
        ("window", rf"(?:(?P<since>since|after|starting)\s+|{during})?(?:the\s+)?(?:{en_year}(?P<name>{en_name})"
                   rf"|(?P<name2>{en_name})\s+(?:of\s+)?{_YEAR})(?![a-z])", 1, _build(en_names)),
        # a school holiday alone: the latest one that has begun (暑假期间, "over the summer break")
        ("window", rf"(?:(?P<since>since|after)\s+(?:the\s+)?|{during}(?:the\s+)?)?(?P<name>{holidays})(?![a-z]){since_zh.replace('since', 'since2')}",
         2, _build({**zh_names, **en_names})),
    ]


def _build(names: dict):
    def read(match: re.Match) -> dict | None:
        groups = match.groupdict()
        key = names[" ".join((groups.get("name") or groups.get("name2")).split())]
        start = _start(key, (groups.get("yr") or "").split(), groups.get("y"), date.today())
        if start is None:
            return None
        if groups.get("since") or groups.get("since2"):
            return {"window": Window("since", date=start.isoformat(), anchor=key)}
        return {"window": Window("between", date=start.isoformat(), end=last_day(key, start).isoformat(), anchor=key)}
    return read


def _start(key: str, said: list[str], year: str | None, today: date) -> date | None:
    """The first day of the season ``said`` (今年 / 去年 / 前年, this / last / past, or a year) names."""
    first = lx.SEASONS[key][0]
    if year:
        return date(int(year), first, 1)
    word = said[0] if said else ""
    if word in ("去年", "前年"):
        return date(today.year - (1 if word == "去年" else 2), first, 1)
    latest = _latest_begun(first, today)
    if word in ("今年", "this") and said != ["this", "past"]:
        return latest if last_day(key, latest) >= today else date(today.year, first, 1)
    if word in ("last", "past", "this"):   # the latest one over ("this past summer")
        return latest if last_day(key, latest) < today else date(latest.year - 1, first, 1)
    return latest


def _latest_begun(first_month: int, today: date) -> date:
    start = date(today.year, first_month, 1)
    return start if start <= today else date(today.year - 1, first_month, 1)


def last_day(key: str, start: date) -> date:
    """The last day of the season that begins on ``start``."""
    months = lx.SEASONS[key][1]
    after = start.year * 12 + start.month - 1 + months
    return date(after // 12, after % 12 + 1, 1) - timedelta(days=1)


def season_words(window: Window, zh: bool) -> str:
    """'夏天（6–8月：2026-06-01至2026-08-31）', 'since the start of summer (June–August; 2025-06-01)'."""
    from agent.planner.describe import _MONTH_NAMES

    first, months, zh_names, en_names = lx.SEASONS[window.anchor]
    last = (first + months - 2) % 12 + 1
    if zh:
        if window.kind == "since":
            return f"{zh_names[0]}开始（{first}–{last}月；{window.date}）以来"
        return f"{zh_names[0]}（{first}–{last}月：{window.date}至{window.end}）"
    span = f"{_MONTH_NAMES[first - 1]}–{_MONTH_NAMES[last - 1]}"
    if window.kind == "since":
        return f"since the start of {en_names[0]} ({span}; {window.date})"
    return f"in {en_names[0]} ({span}: {window.date} to {window.end})"
