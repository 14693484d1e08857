"""Example questions made of the database's own data, for "what can you do" and after a refusal.

A bookstore asked "你能做什么" should see 喜欢童书绘本的…, 南京的…, C001 — not the demo's outdoor sports,
phones and u00001. :func:`load_showcase` reads the most common interests, the cities with the most
users and an existing user id (kept while the database is unchanged); :func:`showcase_examples`
puts them into the example questions, keeping only those the planner itself answers. An empty
database (or none) gets the demo wording.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from functools import lru_cache

from agent.planner.brands import db_version


@dataclass(frozen=True)
class Showcase:
    """What the examples are made of: interest ids (most users first), cities (canonical names, most
    users first) and one user id; empty when the database has none."""

    interests: tuple[str, ...] = ()
    cities: tuple[str, ...] = ()
    user_id: str | None = None


# (zh, en) templates, in the order shown; {interest} {city} {user} are filled from the showcase, and
# a template whose slot the database cannot fill is left out.
_TEMPLATES = [
    ("喜欢{interest}的25到35岁女性", "women aged 25 to 35 who love {interest}"),
    ("近30天对物流不满的金卡会员有多少", "how many gold members complained about delivery in the last 30 days"),
    ("近7天搜索过{interest}但没有下单的用户", "users who searched for {interest} in the last 7 days but didn't buy"),
    ("{city}的流失风险用户按性别分布", "churn-risk users in {city} by gender"),
    ("看看 {user} 的画像", "show me the profile of {user}"),
    ("有哪些关于{interest}的标签", "what tags do we have for {interest}"),
]


def load_showcase(db_path: str) -> Showcase:
    """The database's showcase (read-only; an unreadable database: an empty one)."""
    found = db_version(db_path)
    return _showcase_of(*found) if found else Showcase()


@lru_cache(maxsize=4)
def _showcase_of(db_path: str, version: tuple) -> Showcase:
    from schema.db import SchemaError, connect_readonly

    try:
        conn = connect_readonly(db_path)
        try:
            interests = conn.execute(
                "SELECT tag_id FROM tags WHERE category = 'interests' AND status = 'active' GROUP BY tag_id"
                " ORDER BY COUNT(DISTINCT user_id) DESC, tag_id LIMIT 8").fetchall()
            cities = conn.execute("SELECT city FROM users WHERE city IS NOT NULL AND city <> '' GROUP BY city"
                                  " ORDER BY COUNT(*) DESC, city LIMIT 3").fetchall()
            user = conn.execute("SELECT COALESCE((SELECT MIN(user_id) FROM profiles), (SELECT MIN(user_id) FROM users))"
                                ).fetchone()   # a profiled user, else any
        finally:
            conn.close()
    except (sqlite3.Error, SchemaError):
        return Showcase()
    return Showcase(tuple(r[0] for r in interests), tuple(r[0] for r in cities), user[0] if user else None)


def showcase_examples(showcase: Showcase | None, lang: str, fallback: list[str]) -> list[str]:
    """The example questions for this database in ``lang``; ``fallback`` (the demo's) when it has no
    interests, cities or users."""
    if showcase is None or not (showcase.interests or showcase.cities or showcase.user_id):
        return list(fallback)
    return list(_examples(showcase, lang))


@lru_cache(maxsize=16)
def _examples(showcase: Showcase, lang: str) -> tuple[str, ...]:
    from schema.geo import city_info
    from schema.taxonomy import load_taxonomy

    taxonomy = load_taxonomy()
    names = {"interest": [taxonomy.name(i, lang) if lang == "zh" else taxonomy.name(i, lang).lower()
                          for i in showcase.interests if taxonomy.has(i)],
             "city": [c if lang == "zh" or city_info(c) is None else city_info(c).en for c in showcase.cities],
             "user": [showcase.user_id] if showcase.user_id else []}
    examples, used = [], set()
    for zh, en in _TEMPLATES:
        template = zh if lang == "zh" else en
        slot = next((key for key in names if "{" + key + "}" in template), None)
        candidates = [v for v in names[slot] if v not in used] if slot else [None]
        for value in candidates:   # the first value the planner answers (a name it reads as the tag)
            question = template.format(**{slot: value}) if slot else template
            if _answered(question):
                examples.append(question)
                used.add(value)
                break
    return tuple(examples)


def _answered(question: str) -> bool:
    from agent.planner.plan import planner_answer

    return planner_answer(question).kind == "tool"
