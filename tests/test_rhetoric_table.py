"""Readings a word-by-word lexicon gets backwards (tools/analyzers/rhetoric.py), on a table.

tests/fixtures/rhetoric_reviews.tsv holds litotes and double negation ("not bad", 不是不好), balance
("not cheap, but not expensive either"), scare quotes, sarcastic frames, praise whose extent is a
complaint (好到我再也不买了), praise a measured fact gives the lie in the same breath (质量真好，用了两天就
坏了; "Great quality, broke after two days"), broken promises (说好的…结果), emotions a clearly negative text must not lose, "not buying it again" churn, and
"something that lasts" (durability, not a battery), each in two or three paraphrases per language,
with controls that must keep their plain reading ("Oh great, it arrived a day early!", 质量真好，用了两年都没坏).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tools.analyzers import analyze_text

TABLE = Path(__file__).parent / "fixtures" / "rhetoric_reviews.tsv"
PATTERNS = {"litotes", "balance", "scare_quotes", "sarcasm", "extent", "belied", "broken_promise", "emotion", "churn",
            "lasting", "outvoted"}


def _rows():
    for number, line in enumerate(TABLE.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        pattern, lang, label, text, aspects, checks = line.split("\t")
        yield pytest.param(pattern, lang, label, text, aspects.split(), checks.split(), id=f"{number}-{pattern}-{text[:24]}")


def _sign(polarity: float | None) -> str:
    if polarity is None or abs(polarity) < 0.1:
        return "0"
    return "+" if polarity > 0 else "-"


@pytest.mark.parametrize("pattern, lang, label, text, aspects, checks", list(_rows()))
def test_rhetoric_reading(pattern, lang, label, text, aspects, checks):
    result = analyze_text(text)
    read = {aspect.aspect: aspect.polarity for aspect in result.aspects}
    assert result.lang == lang
    assert result.label == label, (result.polarity, read)
    for spec in aspects:
        name, sign = spec.split(":")
        if sign == "none":
            assert name not in read, read
        else:
            assert _sign(read.get(name)) == sign, (name, read)
    for check in checks:
        if bound := re.fullmatch(r"\|p\|<=([\d.]+)", check):
            assert abs(result.polarity) <= float(bound.group(1)), result.polarity
        elif check.startswith("emotion!="):
            assert result.emotion != check.split("=")[1], result.emotion
        elif check.startswith("emotion="):
            assert result.emotion == check.split("=")[1], result.emotion
        elif check.startswith("intent="):
            assert check.split("=")[1] in {hit.intent for hit in result.intents}, result.intents
        else:
            raise AssertionError(f"unknown check {check!r}")


def test_every_pattern_has_paraphrases_in_both_languages():
    rows = [p.values for p in _rows()]
    assert {pattern for pattern, *_ in rows} == PATTERNS
    # Sarcastic frames differ by language ("Oh great, ...", 这质量，绝了) and so do not paraphrase
    # across; the extent of praise (好到我再也不买了) is a Chinese construction; the outvoted rows are
    # Chinese, where the model's weight lets praise outvote a complaint after 不过.
    for pattern in PATTERNS - {"sarcasm", "extent", "outvoted"}:
        for lang in ("en", "zh"):
            assert sum(1 for p, l, *_ in rows if p == pattern and l == lang) >= 1, (pattern, lang)
        assert sum(1 for p, *_ in rows if p == pattern) >= 3, pattern
