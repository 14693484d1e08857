"""Typos in English words: "registerd" -> "registered", "complaind" -> "complained".

When a question has words the planner did not understand, each latin word of five letters or more
is compared with the planner's own vocabulary (every English word of the lexicon, the taxonomy and
the city gazetteer). A word one edit away (a letter dropped, added, changed, or two neighbours
swapped) from exactly one known word is read as that word (or, when it is one edit from several, the
only one that puts back a dropped letter: complaind -> complained, shangai -> shanghai), and the
question is planned again; the answer says what was read. Anything else stays "not understood".
A real English word (tools/analyzers/english_words.txt, scripts/make_english_words.py) is never a typo: "coach" is
not "couch", "changing rooms" not "charging roomy"; it stays "not understood" as written.
"""

from __future__ import annotations

import re
from functools import lru_cache

from agent.planner import lexicon as lx
from tools.analyzers.spelling import closest, english_words as common_words   # shared with the analyzers

MIN_LENGTH = 5
_WORD = re.compile(r"[a-z]+")


@lru_cache(maxsize=1)
def planner_terms() -> tuple[str, ...]:
    """Every word and phrase the planner knows, in both languages: the lexicon's lists (not its
    patterns), the taxonomy's names and synonyms, the gazetteer's city names."""
    from schema.geo import city_names
    from schema.taxonomy import load_taxonomy

    texts: list[str] = []

    def collect(value) -> None:
        if isinstance(value, str):
            texts.append(value)
        elif isinstance(value, dict):
            for key, item in value.items():
                collect(key)
                collect(item)
        elif isinstance(value, (list, tuple, set, frozenset)):
            for item in value:
                collect(item)

    for name in dir(lx):
        if name.isupper():
            value = getattr(lx, name)
            if not (isinstance(value, str) and ("(" in value or "\\" in value)):   # patterns are not words
                collect(value)
    for node in load_taxonomy().all_nodes():
        collect([node.name_zh, node.name_en, node.id.replace("_", " "), *node.synonyms])
    collect(list(city_names()))
    return tuple(dict.fromkeys(str(text).lower() for text in texts))


@lru_cache(maxsize=1)
def english_words() -> frozenset[str]:
    """Common English words of 5+ letters: words in their own right, never typos of a planner word (the
    four-letter ones the list also has are left out: a brand "Nike" is no everyday word, brands.ordinary)."""
    return frozenset(word for word in common_words() if len(word) >= MIN_LENGTH)


@lru_cache(maxsize=1)
def vocabulary() -> frozenset[str]:
    """Every latin word (5+ letters) the planner knows."""
    return frozenset(w for text in planner_terms() for w in _WORD.findall(text) if len(w) >= MIN_LENGTH)


def correction(word: str) -> str | None:
    """The one known word ``word`` is a typo of, or None (known already, a real English word, too
    short, none or several)."""
    word = word.lower()
    known = vocabulary()
    if len(word) < MIN_LENGTH or not word.isalpha() or word in known or word in english_words():
        return None
    return closest(word, known)


def correct(question: str, unknown: list[str]) -> tuple[str, dict[str, str]]:
    """``question`` with the correctable unknown words replaced, and what was replaced."""
    fixes = {word: fixed for word in unknown if (fixed := correction(word))}
    if not fixes:
        return question, {}
    pattern = re.compile(r"(?<![a-z])(" + "|".join(map(re.escape, fixes)) + r")(?![a-z])", re.IGNORECASE)
    return pattern.sub(lambda m: fixes[m.group(1).lower()], question), fixes
