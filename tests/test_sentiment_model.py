"""The shipped sentiment models (tools/analyzers/model.py): features, loading, probabilities."""

from __future__ import annotations

import pytest

from tools.analyzers.model import MODEL_PATHS, LinearModel, SoftmaxModel, load_model, scoped_word_ngrams


def test_negation_scope_marks_the_words_a_negator_colours():
    grams = set(scoped_word_ngrams("It isn’t worth the money, but the staff is nice"))
    assert {"not", "neg_worth", "neg_the", "neg_money"} <= grams
    assert "worth" not in grams  # negated, so not the plain word
    assert {"staff", "nice"} <= grams and "neg_nice" not in grams  # the comma and "but" end the scope


@pytest.mark.parametrize("text, negated", [("I can't recommend it", "neg_recommend"),
                                           ("won't come back", "neg_come"),
                                           ("cannot complain", "neg_complain"),
                                           ("never again", "neg_again")])
def test_contractions_and_negators(text, negated):
    assert negated in scoped_word_ngrams(text)


def test_negation_reaches_three_words():
    grams = set(scoped_word_ngrams("not one of the best"))
    assert {"neg_one", "neg_of", "neg_the", "best"} <= grams


@pytest.mark.parametrize("text, lessened, standard", [
    ("These boots are less expensive than the ones at REI.", "neg_expensive", {"ones", "rei", "neg_than"}),
    ("fewer bugs than the old one", "neg_bugs", {"old", "one"}),
    ("not as expensive as I feared", "neg_expensive", {"not", "feared", "i"}),
    ("It isn't nearly as loud as the old one", "neg_loud", {"not", "old", "one"}),
    ("no more expensive than Amazon", "neg_expensive", {"no", "amazon"}),
    ("no worse than the last one", "neg_worse", {"no", "last"}),
])
def test_comparatives_of_lessening_read_as_less_without_their_standard(text, lessened, standard):
    grams = set(scoped_word_ngrams(text))
    assert lessened in grams and ({"less", "fewer"} & grams), grams
    assert not standard & grams, grams  # the standard is no verdict; "not"/"no" here only grade


@pytest.mark.parametrize("text, kept", [
    ("We were less than impressed.", {"less", "neg_than", "neg_impressed"}),  # the verdict follows "than"
    ("no more than $10", {"no", "neg_more", "neg_10"}),                       # no comparative before "than"
    ("not as good as it used to be, and cold", {"less", "neg_good", "cold"}),  # the standard ends at ","
])
def test_lessening_leaves_other_uses_of_than_alone(text, kept):
    assert kept <= set(scoped_word_ngrams(text))


def test_english_model_has_three_classes_that_sum_to_one():
    model = load_model("en")
    assert isinstance(model, SoftmaxModel)
    for text in ("the food was amazing", "the waiter was rude and the food cold", "we went on Saturday", ""):
        probabilities = model.probabilities(text)
        assert set(probabilities) == {"negative", "neutral", "positive"}
        assert sum(probabilities.values()) == pytest.approx(1.0)
    assert max(model.probabilities("the food was amazing").items(), key=lambda kv: kv[1])[0] == "positive"
    assert max(model.probabilities("the waiter was rude and the food cold").items(), key=lambda kv: kv[1])[0] == "negative"


def test_chinese_model_is_binary():
    model = load_model("zh")
    assert isinstance(model, LinearModel)
    assert model.probability("质量很好，非常满意") > 0.5 > model.probability("太差了，再也不买了")


def test_shipped_models_stay_small():
    for path in MODEL_PATHS.values():
        assert path.stat().st_size < 300 * 1024, path
