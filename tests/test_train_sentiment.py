"""The English sentiment training's cross-validation and calibration (scripts/train_sentiment.py)."""

from __future__ import annotations

import math
from collections import defaultdict

import pytest

from bench.heldback import ASPECTS, aspect_held_back
from scripts.train_sentiment import FOLDS, _join_groups, group_folds, read_semeval, save
from tools.analyzers.model import load_model, scoped_word_ngrams


def test_a_sentence_in_both_files_joins_its_review():
    rows = [("The food was great.", "positive", "2016:r1"), ("Service was slow.", "negative", "2016:r1"),
            ("The food was great.", "positive", "2014:7"), ("We went on Monday.", "neutral", "2014:8")]
    groups = [group for _, _, group in _join_groups(rows)]
    assert groups[0] == groups[1] == groups[2] != groups[3]


def test_folds_keep_groups_whole_and_even():
    groups = [f"g{i % 37}" for i in range(400)] + ["big"] * 30
    folds = group_folds(groups)
    assert group_folds(groups) == folds  # reproducible
    by_group = defaultdict(set)
    for group, fold in zip(groups, folds):
        by_group[group].add(fold)
    assert all(len(assigned) == 1 for assigned in by_group.values())
    sizes = [folds.count(f) for f in range(FOLDS)]
    assert max(sizes) - min(sizes) <= 30  # no fold is off by more than the largest group


@pytest.mark.skipif(not ASPECTS.exists(), reason="the labelled data is not on this machine")
def test_semeval_rows_are_grouped_by_review_and_never_held_back():
    rows = read_semeval(str(ASPECTS))
    assert not any(aspect_held_back(text) for text, _, _ in rows)
    assert {label for _, label, _ in rows} == {"negative", "neutral", "positive"}
    folds = group_folds([group for _, _, group in rows])
    fold_of_text = {}
    for (text, _, _), fold in zip(rows, folds):
        assert fold_of_text.setdefault(text, fold) == fold  # a repeated sentence stays in one fold
    assert len({group for _, _, group in rows}) < len(rows)  # reviews do group sentences


def test_calibration_is_baked_into_the_saved_weights(tmp_path):
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    texts = ["great food", "awful service", "we went on monday", "lovely place", "rude waiter", "open late"]
    labels = ["positive", "negative", "neutral", "positive", "negative", "neutral"]
    kept = sorted({gram for text in texts for gram in scoped_word_ngrams(text)})
    index = {gram: i for i, gram in enumerate(kept)}
    x = np.zeros((len(texts), len(kept)))
    for row, text in enumerate(texts):
        grams = scoped_word_ngrams(text)
        for gram in grams:
            x[row, index[gram]] = 1 / math.sqrt(len(grams))
    model = LogisticRegression(C=10.0, max_iter=1000).fit(x, labels)
    plain, calibrated = tmp_path / "plain.npz", tmp_path / "calibrated.npz"
    save(str(plain), "en", kept, model, {})
    save(str(calibrated), "en", kept, model, {}, temperature=0.5, neutral_shift=-1.0)
    text = "great food but rude waiter"
    before = load_model("en", str(plain)).probabilities(text)
    after = load_model("en", str(calibrated)).probabilities(text)
    logits = {name: math.log(p) for name, p in before.items()}
    expected = {name: z / 0.5 - (1.0 if name == "neutral" else 0.0) for name, z in logits.items()}
    total = sum(math.exp(z) for z in expected.values())
    for name, z in expected.items():
        assert after[name] == pytest.approx(math.exp(z) / total, abs=2e-3)  # float16 weights
