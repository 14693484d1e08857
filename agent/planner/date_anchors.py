"""Windows anchored to a shopping festival or holiday: "双十一以来", "since Black Friday", "618期间",
"during Christmas", "春节前", "去年双十一以来".

The day is the most recent occurrence that has begun (today counts): in December 2026 "双十一" is
2026-11-11 and "双十二" before the 12th is 2025-12-12; "去年 / last year's" takes the one a year
before that. "Since / after X" is a ``since`` window from that day, "before X" a ``before`` one,
"during / on X", "X期间 / 当天" or the name alone ("黑五买过东西的") a ``between`` window of that one
day. The window keeps the festival's name (``Window.anchor``) so the answer says which day it took.

Days: 双十一 11-11, 双十二 12-12, 618 06-18, Christmas 12-25, New Year 01-01, Valentine's 02-14; Black
Friday the day after the fourth Thursday of November, Cyber Monday three days later; the Spring
Festival (春节) the first day of the lunar year, from a table (years outside it are not read).
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from agent.planner import lexicon as lx
from agent.planner.spec import Window

_FIXED = {"singles_day": (11, 11), "double_12": (12, 12), "618": (6, 18), "christmas": (12, 25),
          "new_year": (1, 1), "valentines": (2, 14)}
_SPRING_FESTIVAL = {2020: (1, 25), 2021: (2, 12), 2022: (2, 1), 2023: (1, 22), 2024: (2, 10), 2025: (1, 29),
                    2026: (2, 17), 2027: (2, 6), 2028: (1, 26), 2029: (2, 13), 2030: (2, 3)}
# Names that are a date only next to a since / before / during word: "618" alone may be an amount
_NEEDS_CONTEXT = {"618", "6.18", "11.11", "12.12", "new year", "new year's", "过年", "年中大促"}


def day_of(anchor: str, year: int) -> date | None:
    """The day ``anchor`` falls on in ``year`` (None: not known for that year)."""
    if anchor in _FIXED:
        return date(year, *_FIXED[anchor])
    if anchor in ("black_friday", "cyber_monday"):
        first = date(year, 11, 1)
        thursday = first + timedelta(days=(3 - first.weekday()) % 7 + 21)
        return thursday + timedelta(days=1 if anchor == "black_friday" else 4)
    if anchor == "spring_festival" and year in _SPRING_FESTIVAL:
        return date(year, *_SPRING_FESTIVAL[year])
    return None


def latest(anchor: str, today: date, years_back: int = 0) -> date | None:
    """The most recent ``anchor`` day on or before ``today``, ``years_back`` occurrences earlier."""
    this_year = day_of(anchor, today.year)
    year = today.year if this_year is not None and this_year <= today else today.year - 1
    return day_of(anchor, year - years_back)


_YEAR_ZH = r"(?:(?P<yr>今年|去年|上一个|上个|上一次|上次|最近一次|最近的)\s*的?\s*)?"
_YEAR_EN = r"(?:(?P<yr>last\s+year'?s|this\s+year'?s|last|this\s+past|recent)\s+)?"


def patterns() -> list[tuple]:
    """("window", regex, rank, build) entries for tokens.py."""
    names = {" ".join(word.split()): key for key, words in lx.DATE_ANCHORS.items() for word in words}
    any_name = "(?P<name>" + lx.phrase_pattern(names) + ")"
    bare = "(?P<name>" + lx.phrase_pattern([w for w in names if w not in _NEEDS_CONTEXT]) + ")"
    zh_during = rf"\s*(?:{lx.ANCHOR_DURING_ZH})"
    # "the 618 sale": still the one day (a "weekend" or "holidays" of several days is not read)
    en_tail = r"(?:\s+(?:sales?|promo(?:tion)?s?|shopping\s+festival))?"
    en_during = r"(?:during|on|over|around|at|for|in)\s+(?:the\s+)?"
    return [
        ("window", rf"(?:从|自从|自)?\s*{_YEAR_ZH}{any_name}\s*(?:大促|活动)?\s*{lx.ANCHOR_SINCE_ZH}", 1,
         _build("since", names)),
        ("window", rf"{_YEAR_ZH}{any_name}\s*(?:大促|活动)?\s*{lx.ANCHOR_BEFORE_ZH}", 1, _build("before", names)),
        ("window", rf"(?:在)?\s*{_YEAR_ZH}{any_name}{zh_during}", 1, _build("between", names)),
        ("window", rf"(?:since|after|from|starting(?:\s+from)?)\s+(?:the\s+)?{_YEAR_EN}{any_name}{en_tail}(?![a-z])", 1,
         _build("since", names)),
        ("window", rf"(?:before|until|prior\s+to)\s+(?:the\s+)?{_YEAR_EN}{any_name}{en_tail}(?![a-z])", 1,
         _build("before", names)),
        ("window", rf"{en_during}{_YEAR_EN}{any_name}{en_tail}(?![a-z])", 1, _build("between", names)),
        ("window", rf"(?:在)?\s*{_YEAR_ZH}{bare}(?:{en_tail})?(?![a-z])", 2, _build("between", names)),
    ]


def _build(kind: str, names: dict):
    def read(match: re.Match) -> dict | None:
        anchor = names[" ".join(match.group("name").split())]
        said = " ".join((match.group("yr") or "").split())
        back = 1 if said.startswith(("去年", "last year")) else 0
        day = latest(anchor, date.today(), back)
        if day is None:
            return None
        end = day.isoformat() if kind == "between" else None
        return {"window": Window(kind, date=day.isoformat(), end=end, anchor=anchor)}
    return read
