"""Train the shipped English price-aspect model (tools/analyzers/price_en.npz). Reproducible.

Data: the SemEval 2014 and 2016 restaurant sentences in shared/data/aspects. Sentences with
zlib.crc32(text) % 10 == 0 are the project's HELD-BACK test set (bench/heldback.py), never read.
Of the rest:
- a sentence with a price opinion (2014 category ``price``; 2016 ``*#PRICES`` opinions that agree)
  is labelled with its polarity (negative / neutral / positive);
- a sentence that mentions money or price words but has no price opinion ("worth the wait",
  "we asked for the check") is labelled neutral, so money alone is no verdict.
Only sentences with a price window (tools/analyzers/price_model.price_window) are used: the model
never sees a text the runtime would not give it.

Features: tools/analyzers/price_model.price_features (word 1-2 grams of the window, the lexicon's
price verdict and overall score). Model: multinomial logistic regression (lbfgs, fixed seed),
weights stored as float16. Prints 5-fold cross-validated figures of the runtime's decision (a clear
lexicon verdict stands, the model judges the rest) against the lexicon alone: accuracy on the
price-opinion sentences, and how often a money-only sentence is (rightly) called neutral.

    python scripts/train_price_model.py [--data FOLDER] [--C C] [--min-df N] [--out PATH]
"""

from __future__ import annotations

import argparse
import json
import sys
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.heldback import ASPECTS, aspect_held_back  # noqa: E402
from tools.analyzers.price_model import (  # noqa: E402
    CLASSES, MODEL_PATH, lexicon_price, lexicon_verdict_stands, load_price_model, price_features, price_window,
)

POLARITY = {"negative": -1, "neutral": 0, "positive": 1}
SEED = 13


def read_sentences(folder: Path) -> list[tuple[str, int | None]]:
    """(text, price polarity or None when the sentence has no price opinion), held-back excluded.

    A sentence whose price opinions disagree (2016: one dish cheap, another dear) is left out.
    """
    out: list[tuple[str, int | None]] = []
    for sentence in ET.parse(folder / "semeval2014_restaurants_train.xml").getroot().iter("sentence"):
        text = sentence.findtext("text") or ""
        polarities = {c.get("polarity") for c in sentence.iter("aspectCategory") if c.get("category") == "price"}
        out.append((text, polarities))
    for sentence in ET.parse(folder / "semeval2016_restaurants_train.xml").getroot().iter("sentence"):
        text = sentence.findtext("text") or ""
        polarities = {o.get("polarity") for o in sentence.iter("Opinion") if o.get("category", "").endswith("#PRICES")}
        out.append((text, polarities))
    labelled, seen = [], set()
    for text, polarities in out:
        if aspect_held_back(text) or len(polarities) > 1 or not polarities <= set(POLARITY):
            continue  # held back, conflicting, or "conflict" as a label
        if text in seen:
            continue  # 2016 reuses 2014 sentences: a copy in another fold would flatter the CV
        seen.add(text)
        labelled.append((text, POLARITY[polarities.pop()] if polarities else None))
    return labelled


def examples(sentences: list[tuple[str, int | None]]) -> tuple[list[dict[str, float]], list[int], list[bool], list[float | None]]:
    """Features, labels, whether each example carries a real price opinion, the lexicon's price verdict."""
    from tools.analyzers.sentiment import analyze_sentiment
    from tools.analyzers.text import normalize

    features, labels, opinions, rules = [], [], [], []
    for text, polarity in sentences:
        norm = normalize(text)
        sentiment = analyze_sentiment(text, norm)
        found = price_window(norm, sentiment)
        if found is None:
            continue  # the runtime would not ask the model (counts as "no price" in the benchmark)
        features.append(price_features(found[0], sentiment))
        labels.append(0 if polarity is None else polarity)
        opinions.append(polarity is not None)
        rules.append(lexicon_price(sentiment))
    return features, labels, opinions, rules


def decide(rule: float | None, model_class: int) -> int:
    """The runtime's price verdict (price_model.judge_price): a clear lexicon verdict stands."""
    if lexicon_verdict_stands(rule):
        return 1 if rule > 0 else -1
    return model_class


def lexicon_class(rule: float | None) -> int:
    return 0 if rule is None or abs(rule) < 0.1 else (1 if rule > 0 else -1)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=ASPECTS, help="the aspects folder")
    parser.add_argument("--C", type=float, default=4.0)
    parser.add_argument("--min-df", type=int, default=2)
    parser.add_argument("--out", default=str(MODEL_PATH))
    args = parser.parse_args(argv)

    import numpy as np
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import StratifiedKFold

    features, labels, opinions, rules = examples(read_sentences(args.data))
    df = Counter(name for row in features for name in row)
    features = [{k: v for k, v in row.items() if df[k] >= args.min_df} for row in features]
    vectorizer = DictVectorizer(sort=True)
    X, y, opinions = vectorizer.fit_transform(features), np.array(labels), np.array(opinions)
    model_classes = np.zeros_like(y)
    for train, test in StratifiedKFold(5, shuffle=True, random_state=SEED).split(X, y):
        fold_model = LogisticRegression(C=args.C, max_iter=5000, random_state=SEED)
        model_classes[test] = fold_model.fit(X[train], y[train]).predict(X[test])
    model = LogisticRegression(C=args.C, max_iter=5000, random_state=SEED).fit(X, y)
    assert tuple(model.classes_) == CLASSES, model.classes_

    np.savez_compressed(
        args.out,
        vocab=np.array(vectorizer.get_feature_names_out().tolist(), dtype=str),
        weights=model.coef_.astype("float16"),
        bias=model.intercept_.astype("float32"),
        meta=np.array(json.dumps({
            "data": "SemEval 2014/2016 restaurants, crc32 % 10 != 0", "examples": len(y),
            "price_opinions": int(opinions.sum()), "C": args.C, "min_df": args.min_df,
            "features": "price_model.price_features",
        })),
    )
    load_price_model.cache_clear()
    shipped = load_price_model(args.out)
    agree = sum(CLASSES[int(np.argmax(shipped.probabilities(row)))] == CLASSES[int(np.argmax(p))]
                for row, p in zip(features, model.predict_proba(X)))
    decided = np.array([decide(rule, int(c)) for rule, c in zip(rules, model_classes)])
    lexicon = np.array([lexicon_class(rule) for rule in rules])
    print(f"trained on {len(y)} sentences ({int(opinions.sum())} with a price opinion), {X.shape[1]} features, C={args.C}")
    for name, predicted in (("with the model", decided), ("lexicon alone", lexicon)):
        print(f"  5-fold, {name:14}: accuracy on price opinions {np.mean(predicted[opinions] == y[opinions]):.3f}, "
              f"money-only sentences called neutral {np.mean(predicted[~opinions] == 0):.3f}")
    print(f"float16 model agrees with the "
          f"fitted one on {agree}/{len(y)}; {args.out} {Path(args.out).stat().st_size / 1024:.0f} KB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
