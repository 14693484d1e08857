"""Chinese typos that sound right: 物留 -> 物流, 运东 -> 运动, 价各 -> 价格, 深镇 -> 深圳.

People type Chinese with a pinyin input method, so a slip is a character with the same sound (or a
near one: z/zh, c/ch, s/sh, n/l, f/h, an/ang, en/eng, in/ing, the usual "fuzzy pinyin" pairs) in
place of the right one. When a question has Chinese words the planner did not understand, each
stretch of 2-6 characters around such a word is compared by sound with the planner's own terms of
the same length (the lexicon's words, the taxonomy's names and synonyms, city names): toneless
pinyin, near sounds only when nothing sounds the same. A term can be what was meant when at most
half of it differs from what was written, all in the part not understood and none in a word jieba
knows (喜欢毛线 is not 喜欢冒险, 崇庆 is not 重庆, 流式风险 is not guessed). Such a reading is *likely*
when it makes the text far likelier Chinese by jieba's word frequencies (物留 -> 物流 is; 想卖 ->
想买 and 这家店 -> 这家电 are not).

The caller uses a reading only when it is the one reading that makes the question understood, and
it is likely: two terms that sound alike (世品: 食品 or 饰品) are not guessed between.
"""

from __future__ import annotations

import itertools
import math
import os
import re
from collections import defaultdict
from functools import cached_property, lru_cache
from typing import NamedTuple

from agent.planner.spelling import planner_terms

MAX_SPAN = 6           # longer terms are rare, and a longer stretch is rarely one typo
MAX_READINGS = 16      # spans whose characters have more readings between them are not looked up
MAX_TERM_READINGS = 256   # terms are indexed under all their readings (有哪些兴趣: dozens)
MAX_QUESTIONS = 8      # more ways to read a question's typos than this: too ambiguous to try
MIN_GAIN = math.log(10)   # a reading must make the text 10 times as likely Chinese (想卖 is not 想买)
MIN_GAIN_TAKING = math.log(1000)   # ... 1000 times when it takes a character from a word (对质亮 is 对质量)
_HAN = re.compile(r"[\u3400-\u9fff]")
_TERM = re.compile(r"[\u3400-\u9fff]{2,%d}" % MAX_SPAN)
_FUZZY_INITIALS = (("zh", "z"), ("ch", "c"), ("sh", "s"), ("n", "l"), ("f", "h"))


@lru_cache(maxsize=4096)
def fuzzy(syllable: str) -> str:
    """A toneless syllable with the sounds pinyin input methods let people confuse made the same:
    zhang -> zan, ning -> lin, fen -> hen."""
    for written, same in _FUZZY_INITIALS:
        if syllable.startswith(written) and syllable != "ng" and len(syllable) > len(written):
            syllable = same + syllable[len(written):]
            break
    if len(syllable) > 2 and syllable.endswith(("ang", "eng", "ing")):   # not ong: hong/hon is no confusion
        syllable = syllable[:-1]
    return syllable


@lru_cache(maxsize=1)
def _terms() -> frozenset[str]:
    return frozenset(planner_terms())


@lru_cache(maxsize=1)
def _index() -> tuple[dict[tuple, set[str]], dict[tuple, set[str]]]:
    """The planner's Chinese terms by their pinyin: (same sound, near sound), every reading of a
    term's characters (重庆 under zhong qing and chong qing). Built once."""
    same: dict[tuple, set[str]] = defaultdict(set)
    near: dict[tuple, set[str]] = defaultdict(set)
    for term in _terms():
        if _TERM.fullmatch(term):
            for reading in _readings(term, MAX_TERM_READINGS):
                same[reading].add(term)
                near[tuple(map(fuzzy, reading))].add(term)
    return same, near


def _readings(text: str, most: int = MAX_READINGS) -> list[tuple[str, ...]]:
    """Every way to pronounce ``text`` character by character, or none when its characters have more
    than ``most`` readings between them."""
    options = [_sounds(char) for char in text]
    return list(itertools.product(*options)) if math.prod(map(len, options)) <= most else []


@lru_cache(maxsize=4096)
def _sounds(char: str) -> tuple[str, ...]:
    """A character's toneless readings (重: zhong, chong, tong)."""
    os.environ.setdefault("PYPINYIN_NO_PHRASES", "1")   # readings of single characters only: skips 0.5 s of loading
    from pypinyin import Style, pinyin

    return tuple(pinyin(char, style=Style.NORMAL, heteronym=True)[0])


def _spans(question: str, start: int, end: int):
    """(a, b) for each stretch ``question[a:b]`` of 2 to MAX_SPAN Chinese characters that holds at
    least one of ``question[start:end]``."""
    left, right = start, end
    while left > 0 and _HAN.match(question[left - 1]):
        left -= 1
    while right < len(question) and _HAN.match(question[right]):
        right += 1
    for a in range(max(left, start - MAX_SPAN + 1), end):
        for b in range(max(a + 2, start + 1), min(right, a + MAX_SPAN) + 1):
            yield a, b


class _Written:
    """A question as written, around one word it was not understood for: what a reading may change.
    Worked out only when some term sounds like a part of it."""

    def __init__(self, question: str, start: int, end: int):
        self.question, self.start, self.end = question, start, end

    @cached_property
    def words(self) -> list[tuple[int, int]]:
        """Where jieba reads words of two or more characters (毛线 in 喜欢毛线的用户, 流式 in 流式风险):
        a slip leaves single characters that make no word (物/留), so a word's characters stay."""
        from tools.analyzers.text import normalize, tokenize

        return [(t.start, t.end) for t in tokenize(normalize(self.question)) if t.kind == "han" and t.end - t.start > 1]

    @cached_property
    def likelihood(self) -> float:
        from tools.analyzers.text import log_likelihood

        return log_likelihood(self.question, _terms())

    def fits(self, a: int, term: str) -> bool:
        """Whether ``term`` can be what was meant at ``a``: at most half of it changed, all in the part
        not understood and none in a word."""
        changed = [a + i for i, (x, y) in enumerate(zip(self.question[a:], term)) if x != y]
        return bool(changed) and len(changed) <= max(1, len(term) // 2) and \
            all(self.start <= i < self.end and not any(s <= i < e for s, e in self.words) for i in changed)

    def likely(self, a: int, term: str) -> bool:
        """Whether the text is far likelier Chinese with ``term`` at ``a`` than as written (much more
        so when the term takes a character from a word as written: 这家店 is not 这家电)."""
        from tools.analyzers.text import log_likelihood

        b = a + len(term)
        takes = any(start < a or end > b for start, end in self.words if start < b and end > a)
        gain = log_likelihood(self.question[:a] + term + self.question[b:], _terms()) - self.likelihood
        return gain >= (MIN_GAIN_TAKING if takes else MIN_GAIN)


class Reading(NamedTuple):
    """One way to read a question's slips: the question rewritten, {as written: read as}, and whether
    every change makes the text far likelier Chinese (a reading that does not is never used)."""

    question: str
    fixes: dict[str, str]
    likely: bool


def _word_readings(question: str, word: str) -> list[tuple[str, str, bool]]:
    """(span, term, likely) for the spans around ``word`` that sound like a planner term it can be a
    slip for (same sound first, near sound only when none sounds the same); one per resulting
    question, with its longest span."""
    start = question.find(word)
    if start < 0:
        return []
    written = _Written(question, start, start + len(word))
    same, near = _index()
    for index, sound in ((same, tuple), (near, lambda reading: tuple(map(fuzzy, reading)))):
        found: dict[str, tuple[str, str, bool]] = {}   # rewritten question -> (span, term, likely)
        for a, b in _spans(question, start, start + len(word)):
            span = question[a:b]
            for term in {t for reading in _readings(span) for t in index.get(sound(reading), ())} - {span}:
                if written.fits(a, term):
                    fixed = question.replace(span, term)
                    longest, read_as, likely = found.get(fixed, (span, term, False))
                    if len(span) > len(longest):
                        longest, read_as = span, term
                    found[fixed] = (longest, read_as, likely or written.likely(a, term))
        if found:
            return list(found.values())
    return []


def sound_alike_readings(question: str, unknown: list[str]) -> list[Reading]:
    """The ways to read ``question`` with its Chinese words that were not understood (``unknown``)
    as planner terms that sound like them, each word's candidates combined. Empty when no word has
    one, or when there are too many to try."""
    per_word = [found for word in unknown if _HAN.search(word) if (found := _word_readings(question, word))]
    if not per_word or math.prod(map(len, per_word)) > MAX_QUESTIONS:
        return []
    readings = []
    for choice in itertools.product(*per_word):
        fixed = question
        for span, term, _ in choice:
            fixed = fixed.replace(span, term)
        readings.append(Reading(fixed, {span: term for span, term, _ in choice}, all(c[2] for c in choice)))
    return readings
