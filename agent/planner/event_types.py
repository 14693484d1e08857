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
from agent.planner.tokens import Token, bounded_count

_DETERMINER = r"(?:(?:a|an|the|their|his|her|any|some|my|our)\s+)?"
# the measure word between a count and what was done: 5节课, 3堂课, 2次作业, 4门考试
_MEASURE_ZH = r"(?:节|堂|次|门|回|场|个|份|篇|遍)"


def event_tokens(text: str, types: tuple[str, ...], targets: tuple[tuple[str, str], ...] = ()) -> list[Token]:
    """Tokens for the deeds of the data's own event types said in ``text``; a deed with a count inside it
    ("上过至少5节课", "attended more than 3 classes") carries the count, as "下过3单" does; a Chinese type said
    around one of its targets (领过会员日8折券: 领券 on 会员日8折; ``targets``: (type, target) pairs) carries it."""
    # each way of saying it is found on its own: 外卖 in 外卖下单3次以上, where a counted 下单 takes the rest
    plain = [Token(m.start(), m.end(), "verb", {"action": "event", "types": list(said), "deed": deed}, 1)
             for phrases, said, deed in _patterns(types) for pattern in phrases for m in pattern.finditer(text)]
    counted = [Token(m.start(), m.end(), "verb", {"action": "event", "types": list(said), "deed": deed,
                                                  "count": bounded_count(m)}, 1)
               for pattern, said, deed in _counted_patterns(types) for m in pattern.finditer(text)]
    aimed = [Token(m.start(), m.end(), "verb", {"action": "event", "types": [name], "deed": "", "text": m.group("target")}, 1)
             for name, pattern in _target_patterns(targets) for m in pattern.finditer(text)]
    said = [Token(m.start(), m.end(), "verb", {"action": "event", "types": list(names), "deed": "", "text": target}, 1)
            for names, target, pattern in _said_targets(targets) for m in pattern.finditer(text)]
    return plain + counted + aimed + said


def own_types(types: tuple[str, ...]) -> tuple[str, ...]:
    """The event types that are none of the standard ones."""
    return tuple(t for t in types if t not in ACTIONS)


@lru_cache(maxsize=8)
def _patterns(types: tuple[str, ...]) -> tuple[tuple[tuple[re.Pattern, ...], tuple[str, ...], str], ...]:
    """(patterns, the types they name, the deed's name or ''): one entry per deed of lexicon.EVENT_DEEDS
    present, one per other type, one per type said as stored (that type alone: "有coupon_claim事件的用户" in a shop
    whose 领券 is the same deed), and one per state of lexicon.EVENT_STATES a type records ("churned users": the
    data's own `cancelled`)."""
    deeds = [(tuple(map(re.compile, [*(_zh_said(w) for w in zh), *(_en_said(verbs, n) for n in nouns), *_alone(name)])),
              members, name) for zh, verbs, nouns, members, name in _deeds(types)]
    stored = [((re.compile(_as_stored(t)),), (t,), name) for _, _, _, members, name in _deeds(types) for t in members]
    states = [((re.compile(lx.phrase_pattern(words)),), members, "") for types_re, words in lx.EVENT_STATES
              if (members := tuple(t for t in own_types(types) if re.search(types_re, t.lower())))]
    return tuple(deeds + stored + states)


@lru_cache(maxsize=8)
def _counted_patterns(types: tuple[str, ...]) -> tuple[tuple[re.Pattern, tuple[str, ...], str], ...]:
    """(pattern, the types it names, the deed's name or '') for a deed said with its count inside: "上过至少5节课",
    "上了3次以上课", "attended at least 5 classes", "took 5+ lessons" (groups n, op / op2, post / post2:
    tokens.bounded_count)."""
    out = []
    for zh, verbs, nouns, members, name in _deeds(types):
        # a pattern of its own each: the groups' names repeat
        out += [(re.compile(p), members, name)
                for p in [*map(_zh_counted, zh), *(_en_counted(verbs, n) for n in nouns)]]
    return tuple(out)


@lru_cache(maxsize=8)
def _target_patterns(targets: tuple[tuple[str, str], ...]) -> tuple[tuple[str, re.Pattern], ...]:
    """领券 around a target: 领(过|了)? <target> (的)? 券 — a two-character type, a verb and its object."""
    by_type: dict[str, list[str]] = {}
    for name, target in targets:
        if len(name) == 2 and lx.CJK_RE.fullmatch(name[0]) and lx.CJK_RE.fullmatch(name[1]):
            by_type.setdefault(name, []).append(re.escape(target))
    return tuple((name, re.compile(rf"{re.escape(name[0])}(?:过|了)?(?P<target>{'|'.join(sorted(found, key=len, reverse=True))})"
                                   rf"的?{re.escape(name[1])}"))
                 for name, found in by_type.items())


@lru_cache(maxsize=8)
def _said_targets(targets: tuple[tuple[str, str], ...]) -> tuple[tuple[tuple[str, ...], str, re.Pattern], ...]:
    """(the types, the target, its pattern) for a target said with an everyday verb of its types
    (lexicon.EVENT_TARGET_VERBS): "subscribed to FreshPass", 开通了FreshPass, "cancelled their FreshPass", 领过FRESH10,
    "FreshPass subscribers"; the types are those holding the target whose names the verb's pattern matches."""
    holders: dict[str, list[str]] = {}
    for name, target in targets:
        holders.setdefault(target, []).append(name)
    out = []
    for target, names in holders.items():
        for types_re, zh, verbs, nouns in lx.EVENT_TARGET_VERBS:
            members = tuple(n for n in names if re.search(types_re, n.lower()))
            if members:
                out.append((members, target, re.compile(_target_said(target, zh, verbs, nouns))))
    return tuple(out)


def _target_said(target: str, zh: list[str], verbs: list[str], nouns: list[str]) -> str:
    """The target (case aside; a latin one as a whole word) after a verb — 领过FRESH10券, "signed up for FreshPass",
    "cancelled their FreshPass membership" — or before a noun: "FreshPass subscribers"."""
    said = re.escape(target.lower())
    said = rf"(?<![a-z0-9]){said}(?![a-z0-9])" if re.fullmatch(r"[\w\s.&'-]+", target, re.ASCII) else said
    zh_verbs = "|".join(map(re.escape, sorted(zh, key=len, reverse=True)))
    en_verbs = r"|".join(r"\s+".join(map(re.escape, v.split())) for v in sorted(verbs, key=len, reverse=True))
    en_nouns = "|".join(map(re.escape, nouns))
    thing = r"(?:\s+(?:membership|subscription|plan|pass|coupon|code|voucher)s?)?"
    return (rf"(?:{zh_verbs})(?:过|了)?的?\s*{said}\s*(?:的?(?:优惠券|券|会员|卡|码))?"
            rf"|(?<![a-z])(?:{en_verbs})\s+(?:(?:up\s+)?(?:to|for|from|on|with)\s+)?{_DETERMINER}{said}{thing}"
            + (rf"|{said}\s+(?:{en_nouns})(?![a-z])" if nouns else ""))


def _deeds(types: tuple[str, ...]) -> list[tuple[list[str], list[str], list[str], tuple[str, ...], str]]:
    """(Chinese words, English verbs, English nouns, the types, the deed's name or ''): one per deed of
    lexicon.EVENT_DEEDS present among the data's own types, one per other type (a Chinese type is its own
    word; an English noun_verb or verb_noun its verb and noun)."""
    out, left = [], list(own_types(types))
    for deed in lx.EVENT_DEEDS:
        members = tuple(t for t in left if _belongs(t, deed))
        if members:
            out.append((deed["zh"], deed["verbs"], deed["nouns"], members, deed.get("name", "")))
            left = [t for t in left if t not in members]
    for name in left:
        words = re.split(r"[_\s-]+", name.lower())
        if lx.CJK_RE.search(name) and len(name) >= 2:
            out.append(([name], [], [], (name,), ""))
        elif len(words) == 2 and not lx.CJK_RE.search(name):   # the one ending in -ed is the verb
            verb, noun = (words[1], words[0]) if words[1].endswith("ed") else (words[0], words[1])
            out.append(([], [verb], [noun], (name,), ""))
        else:
            out.append(([], [], [], (name,), ""))   # said only as stored
    return out


def _alone(deed: str) -> list[str]:
    """The words that say a deed of lexicon.EVENT_DEEDS without a verb ("no-shows"), as one pattern."""
    alone = next((d.get("alone") for d in lx.EVENT_DEEDS if deed and d.get("name") == deed), None)
    return [lx.phrase_pattern(alone)] if alone else []


def _belongs(name: str, deed: dict) -> bool:
    if lx.CJK_RE.search(name):
        return name in deed["zh"]
    words = re.split(r"[_\s-]+", name.lower())   # "class_attended", "classes_attended", "lessons", "no_show"
    nouns = {n.replace("-", " ") for n in deed["nouns"]}
    said = {form for noun in nouns for form in (noun, f"{noun}s", f"{noun}es")}
    # its noun and at most one other word, the verb: delivery_slot_booked is no delivery order
    return " ".join(words) in nouns or (bool(set(words) & said) and len(set(words) - said) <= 1)


def _zh_said(word: str) -> str:
    """上课 said 上课, 上过课, 上了课, 上课了: 过 / 了 after the verb's first character."""
    return re.escape(word[0]) + r"(?:过|了)?" + re.escape(word[1:])


def _zh_counted(word: str) -> str:
    """上课 with a count inside: 上过至少5节课, 至少上过5节课, 上了3次以上课, 上过5节以上的课, 上过超过3堂课."""
    bound = rf"(?:(?P<op2>{lx.GT_ZH}|{lx.LT_ZH})\s*)?"
    return (rf"(?:(?P<op>{lx.GT_ZH}|{lx.LT_ZH})\s*)?{re.escape(word[0])}(?:过|了)?\s*{bound}(?P<n>{lx.NUM})\s*"
            rf"{_MEASURE_ZH}?\s*(?P<post>{lx.POST_GT_ZH}|{lx.POST_LT_ZH})?\s*(?:的)?\s*{re.escape(word[1:])}"
            rf"(?:\s*(?P<post2>{lx.POST_GT_ZH}|{lx.POST_LT_ZH}))?")


def _en_counted(verbs: list[str], noun: str) -> str:
    """'attended at least 5 classes', 'took 5 or more lessons', 'attended 5+ classes', 'took over 3 classes'."""
    verb = "|".join(r"\s+".join(map(re.escape, v.split())) for v in sorted(verbs, key=len, reverse=True))
    return (rf"(?<![a-z])(?:{verb})\s+(?:(?P<op>{lx.GT_EN}|{lx.LT_EN})\s+)?(?P<n>{lx.NUM})"
            rf"(?:\s*(?P<post>\+|or\s+more|or\s+fewer|or\s+less))?\s+{re.escape(noun)}(?:e?s)?(?![a-z])"
            rf"(?:\s+(?P<post2>{lx.POST_GT_EN}|{lx.POST_LT_EN}))?")


def _en_said(verbs: list[str], noun: str) -> str:
    """'watched a lesson', 'attended classes', 'lessons watched'."""
    verb = "|".join(r"\s+".join(map(re.escape, v.split())) for v in sorted(verbs, key=len, reverse=True))
    nouns = rf"{re.escape(noun)}(?:e?s)?"
    return rf"(?<![a-z])(?:(?:{verb})\s+{_DETERMINER}{nouns}|{nouns}\s+(?:{verb}))(?![a-z])"


def _as_stored(name: str) -> str:
    """The type as stored, an English one with spaces for its underscores too ('lesson watched'), and the word
    event after it ("有coupon_claim事件的用户", "users who had an out_of_stock_notify event")."""
    parts = [re.escape(p) for p in re.split(r"[_\s-]+", name.lower()) if p]
    event = r"(?:\s*(?:事件|events?(?![a-z])))?"
    if lx.CJK_RE.search(name) is not None:
        return re.escape(name) + event
    body = r"[_\s-]*".join(parts)
    return rf"(?<![a-z]){body}(?![a-z]){event}"


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

