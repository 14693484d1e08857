"""TermScanner and TermScanners against a plain leftmost-longest scan written the obvious way."""

import random

from tools.analyzers import analyze_text
from tools.analyzers.cues import cue_word_scanner
from tools.analyzers.entities import name_scanner
from tools.analyzers.tags import interest_scanner
from tools.analyzers.termscan import TermScanner, TermScanners


def _latin(char: str) -> bool:
    return char.isascii() and char.isalnum()


def _obvious_scan(terms: dict, text: str) -> list[tuple]:
    """At each position, the longest term that starts and ends at whole Latin words; then on
    past it."""
    out, i = [], 0
    while i < len(text):
        if _latin(text[i]) and i > 0 and _latin(text[i - 1]):
            i += 1
            continue
        for end in range(len(text), i, -1):
            if text[i:end] in terms and not (end < len(text) and _latin(text[end - 1]) and _latin(text[end])):
                out.append((terms[text[i:end]], text[i:end], i))
                i = end
                break
        else:
            i += 1
    return out


# Overlapping dictionaries: a longer term of one hides nothing in another.
_DICTIONARIES = [
    {"ab": 1, "abc": 2, "b": 3, "c d": 4, "好": 5, "很好用": 6},
    {"bc": "x", "a": "y", "abcd": "z", "d": "w", "好用": "v"},
    {"c": None, "cd": (1,), "很好": (2,), "b c": (3,)},
]


def test_scanners_match_the_obvious_scan_on_random_text():
    rng = random.Random(7)
    scanners = [TermScanner(terms) for terms in _DICTIONARIES]
    together = TermScanners(scanners)
    for _ in range(3000):
        text = "".join(rng.choice("abcd 很好用,") for _ in range(rng.randint(0, 14)))
        expected = [_obvious_scan(terms, text) for terms in _DICTIONARIES]
        assert [scanner.scan(text) for scanner in scanners] == expected, text
        assert together.scan(text) == expected, text


def test_one_pass_over_the_analyzers_dictionaries_finds_what_each_finds_alone():
    analyze_text("预热")  # loads the taxonomy, lexicons and jieba words the dictionaries use
    scanners = [cue_word_scanner(), name_scanner(), interest_scanner()]
    together = TermScanners(scanners)
    texts = ["new balance 跑鞋很好穿, i love hiking in the north face jacket!",
             "准备考雅思，想买个苹果手机和 iphone 15 pro，不想再续费了",
             "sk-ii and l'oreal, h&m; arc'teryx cheaply smartphones art"]
    rng = random.Random(11)
    words = [term for scanner in scanners for term in rng.sample(sorted(scanner.terms), 300)]
    texts += [rng.choice(["", " ", ",", "很"]).join(rng.sample(words, 6)) for _ in range(500)]
    for text in texts:
        assert together.scan(text) == [scanner.scan(text) for scanner in scanners], text
        assert together.scan(text) == [_obvious_scan(scanner.terms, text) for scanner in scanners], text
