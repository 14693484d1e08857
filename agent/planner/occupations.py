"""Occupations a question takes from the database's own data: "有多少家长", "how many parents do we have",
"嫌贵的项目经理".

The users' ``occupation`` is free text as given. The occupations the lexicon knows (程序员, engineers,
lexicon.OCCUPATION) are matched inside it anywhere; any other value the column holds
(``DataWords.occupations``) is understood too, by its stored name ("家长") and, when the lexicon knows
its other language (lexicon.OCCUPATION_TRANSLATIONS), by that ("parents"). Such a word wins over
what it means without the data ("parents": the mother & baby interest): the shop says who its
customers are. A value the planner already reads as something else (老师: the staff after an opinion
word, else the occupation teacher; 学生) stays with that reading, and values that name nobody
(其他, 未知) are left out.

An occupation is a token of kind ``cond``: Condition("occupation", values=[the stored value]) (compile.py
matches it inside the column, as the lexicon's).
"""

from __future__ import annotations

import re
from functools import lru_cache

from agent.planner import lexicon as lx
from agent.planner.spec import Condition
from agent.planner.tokens import Token, tokenize



def occupation_tokens(text: str, occupations: tuple[str, ...]) -> list[Token]:
    """Tokens for the data's own occupations said in ``text`` (rank 0: before the lexicon's other readings)."""
    pattern, named = _occupation_re(occupations)
    if pattern is None:
        return []
    return [Token(m.start(), m.end(), "cond",
                  {"cond": Condition("occupation", values=[named[_key(m.group(0))]], words=m.group(0))}, 0)
            for m in pattern.finditer(text)]


def occupation_name(value: str, lang: str) -> str:
    """How an answer says an occupation the data holds: 家长 / 'parents (家长)'."""
    group = _translation(value)
    said = group[0 if lang == "zh" else 1][0] if group else value
    if _key(said) == _key(value):
        return value
    return f"{said}（{value}）" if lang == "zh" else f"{said} ({value})"


def _key(words: str) -> str:
    return " ".join(words.lower().split())


def _translation(value: str) -> tuple[list[str], list[str]] | None:
    return next(((zh, en) for zh, en in lx.OCCUPATION_TRANSLATIONS if _key(value) in {_key(w) for w in zh + en}), None)


@lru_cache(maxsize=8)
def _occupation_re(occupations: tuple[str, ...]) -> tuple[re.Pattern | None, dict[str, str]]:
    """The pattern of every new occupation's words, and word -> the stored value it names."""
    named: dict[str, str] = {}
    for value in occupations:
        if not _new(value):
            continue
        group = _translation(value)
        for word in [value, *(group[0] + group[1] if group else [])]:
            named.setdefault(_key(word), value)
    if not named:
        return None, {}
    return re.compile(lx.phrase_pattern(named)), named


def _new(value: str) -> bool:
    """An occupation the lexicon does not read already, and that names somebody."""
    key = _key(value)
    if key in lx.NO_OCCUPATION or len(key) < (2 if lx.CJK_RE.search(key) else 3):
        return False
    known = [w.lower() for _, stored in lx.OCCUPATION.values() for w in stored]
    return not any(w in key for w in known) and not _known_word(key)


@lru_cache(maxsize=1024)
def _known_word(name: str) -> bool:
    """Does the lexicon read the whole value as something already (学生, 老师, a city)?"""
    return any(t.start == 0 and t.end == len(name) for t in tokenize(name, "zh"))
