"""A shop's own event types in a question: "最近30天上过课的用户", "how many users watched a lesson in the
last 7 days", "users who submitted homework", "交过作业的家长".

Ingest keeps an event type it does not know under its own name (上课, 交作业, lesson_watched,
homework_submitted; tools/ingest.py). The types the database holds besides the standard ones
(``DataWords.event_types``) are words of a question:

- by the deed they are (lexicon.EVENT_DEEDS): 上课 and lesson_watched are both "a lesson", said 上过课,
  听了课 or "watched a lesson", "attended classes"; a question about the deed counts every type of it;
- else by their own name: a Chinese type with 过 / 了 inside (交费 -> 交过费), an English one as its verb
  and noun ("quiz_passed": "passed a quiz", "quizzes passed"), or as stored ("lesson_watched").

Such a deed is a token of kind ``verb`` (action ``event``, the types in ``types``), so windows, counts and
negation bind it as a standard event's: Condition("behavior", action="event", values=[types]).
"""

from __future__ import annotations

import re
from functools import lru_cache

from agent.planner import lexicon as lx
from agent.planner.spec import ACTIONS
from agent.planner.tokens import Token

_CJK = re.compile(r"[\u3400-\u9fff]")
_DETERMINER = r"(?:(?:a|an|the|their|his|her|any|some|my|our)\s+)?"


def event_tokens(text: str, types: tuple[str, ...]) -> list[Token]:
    """Tokens for the deeds of the data's own event types said in ``text``."""
    return [Token(m.start(), m.end(), "verb", {"action": "event", "types": list(said)}, 1)
            for pattern, said in _patterns(types) for m in pattern.finditer(text)]


def own_types(types: tuple[str, ...]) -> tuple[str, ...]:
    """The event types that are none of the standard ones."""
    return tuple(t for t in types if t not in ACTIONS)


@lru_cache(maxsize=8)
def _patterns(types: tuple[str, ...]) -> tuple[tuple[re.Pattern, tuple[str, ...]], ...]:
    """(pattern, the types it names): one per deed of lexicon.EVENT_DEEDS present, one per other type."""
    out, left = [], list(own_types(types))
    for deed in lx.EVENT_DEEDS:
        members = tuple(t for t in left if _belongs(t, deed))
        if members:
            phrases = [*(_zh_said(w) for w in deed["zh"]), *(_en_said(deed["verbs"], n) for n in deed["nouns"]),
                       *(_as_stored(t) for t in members)]
            out.append((re.compile("|".join(phrases)), members))
            left = [t for t in left if t not in members]
    for types_re, words in lx.EVENT_STATES:   # "churned users": the data's own `cancelled`
        members = tuple(t for t in own_types(types) if re.search(types_re, t.lower()))
        if members:
            out.append((re.compile(lx.phrase_pattern(words)), members))
    for name in left:
        words = re.split(r"[_\s-]+", name.lower())
        phrases = [_as_stored(name)]
        if _CJK.search(name) and len(name) >= 2:
            phrases.append(_zh_said(name))
        elif len(words) == 2:   # noun_verb or verb_noun: the one ending in -ed is the verb
            verb, noun = (words[1], words[0]) if words[1].endswith("ed") else (words[0], words[1])
            phrases.append(_en_said([verb], noun))
        out.append((re.compile("|".join(phrases)), (name,)))
    return tuple(out)


def _belongs(name: str, deed: dict) -> bool:
    if _CJK.search(name):
        return name in deed["zh"]
    words = {w.rstrip("s") for w in re.split(r"[_\s-]+", name.lower())}
    return any(noun in words for noun in deed["nouns"])


def _zh_said(word: str) -> str:
    """上课 said 上课, 上过课, 上了课, 上课了: 过 / 了 after the verb's first character."""
    return re.escape(word[0]) + r"(?:过|了)?" + re.escape(word[1:])


def _en_said(verbs: list[str], noun: str) -> str:
    """'watched a lesson', 'attended classes', 'lessons watched'."""
    verb = "|".join(r"\s+".join(map(re.escape, v.split())) for v in sorted(verbs, key=len, reverse=True))
    nouns = rf"{re.escape(noun)}(?:e?s)?"
    return rf"(?<![a-z])(?:(?:{verb})\s+{_DETERMINER}{nouns}|{nouns}\s+(?:{verb}))(?![a-z])"


def _as_stored(name: str) -> str:
    """The type as stored, an English one with spaces for its underscores too ('lesson watched')."""
    parts = [re.escape(p) for p in re.split(r"[_\s-]+", name.lower()) if p]
    body = r"[_\s-]*".join(parts) if _CJK.search(name) is None else re.escape(name)
    return rf"(?<![a-z]){body}(?![a-z])" if _CJK.search(name) is None else body


def event_types_hint(unknown: list[str], tokens: list[Token], types: tuple[str, ...]) -> list[tuple[str, str]]:
    """A question not understood that says a deed ("watched", 上过, a window or a count left over) while the
    data holds event types of its own none of its words named: the types, and how to ask for them in
    SQL, as a (Chinese, English) problem (none otherwise)."""
    own = own_types(types)
    left = any(t.kind in ("window", "count") and not t.used for t in tokens)
    deed = any(re.search(r"ed$|过|了", word) for word in unknown)
    if not own or not unknown or not (left or deed):
        return []
    listed = ", ".join(own[:12])
    sql = f"persona sql \"SELECT user_id, at FROM events WHERE type = '{own[0]}'\""
    return [(f"数据里有自有的事件类型：{listed}；可以用事件的说法提问，或用 SQL 查询：{sql}",
             f"the data has event types of its own: {listed}; ask for one by its deed, or in SQL: {sql}")]
