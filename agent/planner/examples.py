"""Near-exact matches between a question and the verified examples (offline, no model).

Similarity is the cosine of character n-gram counts (agent/examples.py), which works for Chinese and
English alike. Two questions that differ only in a number or a name ("25到35岁" vs "20到30岁",
"Shanghai" vs "Beijing") look alike to n-grams but ask different things, so a pair whose numbers
or latin words differ scores below :data:`EXACT_THRESHOLD` whatever its n-gram similarity.
"""

from __future__ import annotations

import re
from typing import Sequence

from agent.examples import Example, similarity
from agent.planner import lexicon as lx

EXACT_THRESHOLD = 0.93      # at or above: the same question asked slightly differently
_LITERALS = re.compile(r"\d+(?:\.\d+)?|[a-z][a-z0-9_']+")


def best_example(question: str, examples: Sequence[Example]) -> tuple[Example | None, float]:
    """The verified example most like ``question`` and its score in 0..1 (None, 0.0 when none).

    Example:
        >>> ex = [Example("上海的女性用户有多少", "SELECT 1"), Example("北京的女性用户有多少", "SELECT 2")]
        >>> example, score = best_example("上海的女性用户有多少？", ex)
        >>> example.sql, round(score, 2)
        ('SELECT 1', 1.0)
    """
    best, best_score = None, 0.0
    for example in examples:
        score = question_similarity(question, example.question)
        if score > best_score:
            best, best_score = example, score
    return best, best_score


def question_similarity(a: str, b: str) -> float:
    """n-gram similarity, capped below the threshold when the questions' literals differ."""
    score = similarity(a, b)
    if _literals(a) != _literals(b) or _place_and_number_words(a) != _place_and_number_words(b):
        score = min(score, EXACT_THRESHOLD - 0.01)
    return score


def _literals(text: str) -> set[str]:
    return set(_LITERALS.findall(lx.normalize(text)))


def _place_and_number_words(text: str) -> set[str]:
    """Chinese numerals and known city names in the text (they change the audience too)."""
    from schema.geo import city_names

    normalized = lx.normalize(text)
    numerals = set(re.findall(r"[零〇一二两三四五六七八九十百千万]+", normalized))
    cities = {name for alias, name in city_names().items() if not alias.isascii() and alias in normalized}
    return numerals | cities
