"""The English price-aspect model: implicit price talk gets a verdict, money alone does not."""

import pytest

from tools.analyzers import analyze_text
from tools.analyzers.price_model import CLEAR_VERDICT, load_price_model, price_features, price_window
from tools.analyzers.sentiment import analyze_sentiment
from tools.analyzers.text import normalize


def _price(text: str) -> float | None:
    return next((a.polarity for a in analyze_text(text).aspects if a.aspect == "price"), None)


def _sign(value: float | None) -> int | None:
    if value is None:
        return None
    return 1 if value >= 0.1 else -1 if value <= -0.1 else 0


# None: no price aspect at all. Sentences written for this test, not taken from the training data.
IMPLICIT_CASES = [
    ("The shoes cost 120 dollars and fell apart in a week.", -1),
    ("They charged us for bread that was stale.", -1),
    ("$4 for a tiny coffee, seriously?", -1),
    ("For what you pay, the portions are generous.", 1),
    ("Free refills and friendly staff!", 1),
    ("Great food at a reasonable price.", 1),
    ("They have lots of gluten free options.", None),
    ("The waiter brought the menu and we ordered two soups.", None),
]


@pytest.mark.parametrize("text, expected", IMPLICIT_CASES)
def test_implicit_price_verdicts(text, expected):
    assert _sign(_price(text)) == expected, analyze_text(text).aspects


@pytest.mark.parametrize("text, expected", [("it is not expensive", 1), ("not cheap at all", -1),
                                            ("worth every penny", 1), ("expensive but worth it", -1)])
def test_clear_lexicon_verdicts_stand(text, expected):
    """Negation and contrast are the lexicon's strength: the model does not overrule them."""
    norm = normalize(text)
    rule = next(a.polarity for a in analyze_sentiment(text, norm).aspects if a.aspect == "price")
    assert abs(rule) >= CLEAR_VERDICT
    assert _price(text) == rule
    assert _sign(rule) == expected


def test_chinese_keeps_the_lexicon_reading():
    text = "鞋子很好穿,就是价格太贵了"
    norm = normalize(text)
    rule = next(a.polarity for a in analyze_sentiment(text, norm).aspects if a.aspect == "price")
    assert _price(text) == rule < 0


def test_a_search_is_not_judged_by_the_model():
    """A query names a wish ("cheap $20 boots"): its price reading is the lexicon's, damped."""
    text = "cheap $20 hiking boots"
    norm = normalize(text)
    rule = [(a.aspect, a.polarity) for a in analyze_sentiment(text, norm, search=True).aspects]
    assert [(a.aspect, a.polarity) for a in analyze_text(text, source="search").aspects] == rule


def test_window_is_the_sentences_that_speak_of_money():
    text = "The decor is lovely. We paid $90 for two plates! The music was loud."
    norm = normalize(text)
    window, clause = price_window(norm, analyze_sentiment(text, norm))
    assert window == "we paid $90 for two plates!"
    assert "$90" in text[analyze_sentiment(text, norm).clauses[clause].start:]


def test_shipped_model_reads_its_features():
    model = load_price_model()
    text = "They charge $6 for a side of rice."
    norm = normalize(text)
    sentiment = analyze_sentiment(text, norm)
    features = price_features(price_window(norm, sentiment)[0], sentiment)
    assert "g:charge" in features and "g:$6" not in features  # word n-grams, as in training
    assert "lexicon" in features and any(name.startswith("rule:") for name in features)
    probabilities = model.probabilities(features)
    assert len(probabilities) == 3 and abs(sum(probabilities) - 1) < 1e-6
    assert model.probabilities({}) != probabilities  # the features move it off its prior
