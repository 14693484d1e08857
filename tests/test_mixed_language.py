"""Texts that mix Chinese and English: which words are English text, and what each model reads.

The table-driven overall labels and aspect signs of mixed lines are in
tests/fixtures/everyday_reviews.tsv (tests/test_everyday_reviews.py); these tests pin the split
itself and the guarantee that a text in one language is read exactly as before.
"""

from __future__ import annotations

import pytest

from tools.analyzers import _model_view, analyze_text
from tools.analyzers.entities import find_entities
from tools.analyzers.mixed import split_languages
from tools.analyzers.sentiment import analyze_sentiment
from tools.analyzers.text import normalize


def _split(text: str):
    norm = normalize(text)
    names = [(found.start, found.end) for found in find_entities(text, norm)]
    return norm, split_languages(norm, analyze_sentiment(text, norm), names)


@pytest.mark.parametrize("text, english", [
    ("这个iPhone真的很好用 but battery is bad", ["but battery is bad"]),
    ("物流 super slow，差评", ["super slow"]),
    ("The shoes are great, 就是价格太贵了", ["the shoes are great"]),
    ("质量很好，would buy again", ["would buy again"]),
])
def test_english_runs_are_found(text, english):
    norm, parts = _split(text)
    assert parts is not None
    assert [norm[start:end] for start, end in parts.english] == english


@pytest.mark.parametrize("text", [
    "这个iPhone 15 Pro拍照效果很好",      # a product name
    "AirPods Pro降噪很好，就是太贵了",
    "Perfect Diary的口红很好看",          # a brand the entity list knows, though "perfect" is an opinion
    "customer service 态度很差",          # an English aspect word alone names, it says nothing
    "质量还ok，有点小bug",                # Latin words Chinese writers use as their own
    "Love my 小米 band",                  # a Chinese name in English text
    "鞋子很好穿,就是价格太贵了",
    "Great boots, worth every penny",
])
def test_names_and_one_language_are_no_mix(text):
    assert _split(text)[1] is None


def test_each_model_reads_its_own_part_and_offsets_hold():
    norm, parts = _split("物流 super slow，差评")
    assert parts.views["zh"] == "物流 " + " " * len("super slow") + "，差评"
    assert parts.views["en"] == "   super slow，  "
    assert {len(view) for view in parts.views.values()} == {len(norm)}


def test_a_contrast_clause_weighs_more_in_either_language():
    _, parts = _split("这个iPhone真的很好用 but battery is bad")
    assert parts.weights == {"zh": pytest.approx(0.4), "en": 1.0}
    _, parts = _split("Great boots, 就是太贵")
    assert parts.weights == {"zh": 1.0, "en": pytest.approx(0.4)}


def test_a_lone_contrast_word_does_not_make_a_clause_english():
    _, parts = _split("质量很好 but 太贵了")
    assert parts.weights["en"] == 0.0  # its model has nothing to read
    assert analyze_text("质量很好 but 太贵了").label == "negative"


@pytest.mark.parametrize("text", ["鞋子很好穿,就是价格太贵了", "Shipping took forever and support never answered."])
def test_one_language_text_reads_as_before(text):
    """No English text beside the Chinese (or the reverse): the single-language path, unchanged."""
    norm = normalize(text)
    assert _split(text)[1] is None
    assert _model_view(norm, analyze_sentiment(text, norm)) == norm


@pytest.mark.parametrize("text, hidden", [
    ("Honestly better than the expensive brands I've tried.", "better than the expensive brands i've tried"),
    ("Nicer than the overpriced stuff at the mall, love it", "nicer than the overpriced stuff at the mall"),
    ("Way cheaper than the big brands and works just as well.", "cheaper than the big brands"),
])
def test_a_judged_standard_is_hidden_from_the_models(text, hidden):
    """The models would read "expensive" as the verdict; the lexicon reads the comparison."""
    norm = normalize(text)
    view = _model_view(norm, analyze_sentiment(text, norm))
    assert hidden in norm and hidden not in view
    assert len(view) == len(norm)
    assert analyze_text(text).label == "positive"


@pytest.mark.parametrize("text", ["Every course was better than the next.", "The fabric was less than impressive."])
def test_a_plain_standard_stays_visible(text):
    norm = normalize(text)
    assert _model_view(norm, analyze_sentiment(text, norm)) == norm


def test_a_comparative_reads_like_its_base_word():
    aspects = {a.aspect: a.polarity for a in analyze_text("Tastier than the fancy place downtown.").aspects}
    assert aspects["taste"] > 0.3
