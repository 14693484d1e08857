"""Everyday review language, both languages: the overall label and the sign of each aspect named.

The table (tests/fixtures/everyday_reviews.tsv) is written by hand in the way shoppers write, away
from the benchmark data, so the analyzers are checked on text they were never tuned on as a set.
``aspect:0`` means the aspect, if read at all, carries no verdict.
"""

import re
from pathlib import Path

import pytest

from tools.analyzers import analyze_text

TABLE = Path(__file__).parent / "fixtures" / "everyday_reviews.tsv"
HAN = re.compile(r"[\u4e00-\u9fff]")


def _cases():
    for number, line in enumerate(TABLE.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        lang, label, text, *rest = line.split("\t")
        aspects = dict(spec.split(":") for spec in (rest[0].split() if rest else []))
        gap = rest[1] if len(rest) > 1 else None
        marks = [pytest.mark.xfail(reason=gap, strict=True)] if gap else []
        yield pytest.param(lang, label, text, aspects, id=f"{number}-{text[:30]}", marks=marks)


def _sign(polarity: float | None) -> str:
    if polarity is None or abs(polarity) < 0.1:
        return "0"
    return "+" if polarity > 0 else "-"


@pytest.mark.parametrize("lang, label, text, aspects", list(_cases()))
def test_everyday_review(lang, label, text, aspects):
    result = analyze_text(text)
    read = {aspect.aspect: aspect.polarity for aspect in result.aspects}
    assert result.lang == lang
    assert result.label == label, (result.polarity, read)
    assert {name: _sign(read.get(name)) for name in aspects} == aspects, read


def test_the_table_is_bilingual_and_covers_both_labels():
    cases = [p.values for p in _cases()]
    assert len(cases) >= 80
    assert {(lang, label) for lang, label, *_ in cases} >= {
        ("en", "positive"), ("en", "negative"), ("zh", "positive"), ("zh", "negative")}


def test_the_table_mixes_the_languages_both_ways_round():
    """At least 20 lines write Chinese and English words side by side, led by either language,
    with both labels."""
    mixed = [(text, label) for _, label, text, _ in (p.values for p in _cases())
             if HAN.search(text) and re.search(r"[A-Za-z]{2}", text)]
    assert len(mixed) >= 20
    assert {HAN.match(text) is not None for text, _ in mixed} == {True, False}
    assert {label for _, label in mixed} >= {"positive", "negative"}


@pytest.mark.parametrize("source, text, label, intents, values", [
    ("chat", "刚入坑露营，帐篷选哪个？预算一千左右", "neutral", {"compare"}, set()),
    ("post", "有没有适合油皮的洗面奶，最好是平价的", "neutral", set(), set()),
    ("post", "我买东西只看性价比，牌子无所谓", "neutral", set(), {"frugal"}),
    ("post", "周末不是在爬山就是在去爬山的路上", "neutral", set(), set()),
    ("chat", "thinking about switching to a cheaper plan", "neutral", set(), set()),
    # Leaving is an intent, not an opinion word: the line itself reads neutral.
    ("chat", "会员到期了，不打算续了，最近都没怎么用", "neutral", {"churn_risk"}, set()),
    ("chat", "会员到期了，不打算续了，太失望了", "negative", {"churn_risk"}, set()),
    ("chat", "这款有没有大一码的", "neutral", {"consult"}, set()),
    # In a review a question is mostly rhetorical: the verdict stands, and it asks for nothing.
    ("review", "质量这么差，能不能连客服一起差评？", "negative", {"complaint"}, set()),
    ("review", "堂堂四星级酒店，写错了房号，这种服务能符合四星级吗？", "negative", set(), set()),
])
def test_chat_lines_and_posts(source, text, label, intents, values):
    result = analyze_text(text, source=source)
    assert result.label == label, result.polarity
    assert {hit.intent for hit in result.intents} >= intents
    assert source != "review" or "consult" not in {hit.intent for hit in result.intents}
    assert {hit.id for hit in result.values} >= values
