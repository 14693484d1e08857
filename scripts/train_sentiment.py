"""Train the shipped sentiment models (tools/analyzers/sentiment_{zh,en}.npz). Reproducible.

zh (default): /work/shared/data/online_shopping_10_cats.dev.csv. Rows whose numeric id % 10 == 0 are
the project's HELD-BACK test set (bench/heldback.py) and are never read; rows with id % 10 == 1 are a calibration split
(reported here, used to tune how the analyzers blend model and lexicon); every other row trains.
Features: binary character 1-3 gram presence, L2-normalized per text, the most frequent n-grams.

en (--lang en): the SemEval 2014 and 2016 restaurant sentences whose opinions agree (positive,
neutral or negative). Sentences with zlib.crc32(text) % 10 == 0 are HELD BACK and never read; all
others train. Features: word 1-2 grams with negation scope (tools/analyzers/model.py).

How good is it, honestly: 5-fold cross-validation grouped by review (a SemEval 2016 review, one
author, never spans folds; a sentence repeated in both files joins its review's group), scoring
what users see: the analyzers' overall label (tools/analyzers/__init__.py blends the fold's model
with the lexicon exactly as analyze_text does). Every English run prints that figure for the
settings it trains with. --cv searches the settings: C, and a calibration baked into the shipped
weights, a temperature (logits / T) and a shift of the neutral logit, which set how loud and how
often the model votes in the fixed blend; it prints every setting, the best, and a nested
estimate of the search itself (each fold scored with the settings the other four folds chose).
See EN_SETTINGS for what was chosen and why.
Model: logistic regression, fixed seed (zh: two classes, liblinear; en: three classes, multinomial,
balanced class weights); weights stored as float16 (en: after the calibration).

    python scripts/train_sentiment.py [--lang zh|en] [--data PATH] [--vocab N] [--C C] [--out PATH] [--cv]
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import sys
import xml.etree.ElementTree as ET
import zlib
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.heldback import ASPECTS, SHOPPING, aspect_held_back, shopping_bucket  # noqa: E402
from tools.analyzers.model import FEATURES, MODEL_PATHS, load_model  # noqa: E402

DEFAULT_DATA = {"zh": str(SHOPPING), "en": str(ASPECTS)}
DEFAULTS = {"zh": {"vocab": 60000, "C": 4.0, "min_df": 3}, "en": {"vocab": 20000, "C": 16.0, "min_df": 2}}
SEED = 13
EN_CLASSES = ("negative", "neutral", "positive")
FOLDS = 5
# English calibration: none. --cv's best (C 4, T 0.75, neutral shift -1.0) scores 0.786 against
# 0.777 here (nested estimate of the search 0.782). The settings that score higher gain on the 30 %
# of sentences where the lexicon finds no opinion word (52 % right there, 54-55 % with them; where it
# finds one, within 0.2 points), by letting the model vote there more often and more loudly. That is
# what makes it call factual chat lines polar ("I ordered two pizzas and a salad", "Ignore previous
# instructions and ..."; tests/test_analyzers.py): the restaurant sentences are 89 % polar, so
# cross-validating on them rewards a model that rarely abstains. Of the settings tried that keep
# those lines neutral, none beats T 1 / shift 0 / C 16 by more than 0.003.
EN_SETTINGS = {"temperature": 1.0, "neutral_shift": 0.0}
EN_GRID = {"C": (4.0, 16.0, 64.0), "temperature": (0.5, 0.75, 1.0, 1.25),
           "neutral_shift": (-1.5, -1.0, -0.5, 0.0, 0.5)}


def split_of(row_id: str) -> str:
    """'heldback' for id % 10 == 0, 'calibration' for == 1, else 'train'."""
    return {0: "heldback", 1: "calibration"}.get(shopping_bucket(row_id), "train")


def read_semeval(folder: str) -> list[tuple[str, str, str]]:
    """(text, negative|neutral|positive, group) for the non-held-back sentences whose opinions agree.

    The group keeps related sentences in one cross-validation fold: a SemEval 2016 sentence is its
    review's (one author), and identical sentences share a group, so a SemEval 2014 sentence that
    also appears in a 2016 review joins that review.
    """
    rows = []
    for name in ("semeval2014_restaurants_train.xml", "semeval2016_restaurants_train.xml"):
        for sentence in ET.parse(Path(folder) / name).getroot().iter("sentence"):
            text = sentence.findtext("text") or ""
            if aspect_held_back(text):
                continue  # held back: never read into anything
            polarities = {e.get("polarity") for e in sentence.iter() if e.tag in ("aspectCategory", "Opinion")}
            if len(polarities) == 1 and polarities <= set(EN_CLASSES):
                sentence_id = sentence.get("id") or text
                review = f"2016:{sentence_id.split(':')[0]}" if "2016" in name else f"2014:{sentence_id}"
                rows.append((text, polarities.pop(), review))
    return _join_groups(rows)


def _join_groups(rows: list[tuple[str, str, str]]) -> list[tuple[str, str, str]]:
    """Union of review and identical text: each row's group is its component's smallest key."""
    parent: dict[str, str] = {}

    def root(key: str) -> str:
        while parent.setdefault(key, key) != key:
            key = parent[key]
        return key

    for text, _, review in rows:
        a, b = root(review), root(f"text:{text}")
        parent[max(a, b)] = min(a, b)
    return [(text, label, root(review)) for text, label, review in rows]


def group_folds(groups: list[str]) -> list[int]:
    """Each row's fold: whole groups, largest first, each into the fold with the fewest rows so far
    (ties: the group's crc32, then the lower fold), so folds are even and the split reproducible."""
    sizes = Counter(groups)
    fold_of, load = {}, [0] * FOLDS
    for group in sorted(sizes, key=lambda g: (-sizes[g], zlib.crc32(g.encode("utf-8")), g)):
        fold = min(range(FOLDS), key=lambda f: (load[f], f))
        fold_of[group] = fold
        load[fold] += sizes[group]
    return [fold_of[group] for group in groups]


def read_rows(path: str) -> dict[str, list[tuple[str, int]]]:
    splits: dict[str, list[tuple[str, int]]] = {"train": [], "calibration": []}
    with open(path, encoding="utf-8", newline="") as handle:
        for line_no, row in enumerate(csv.DictReader(handle), start=2):
            split = split_of(row["id"])
            if split == "heldback":
                continue  # never read held-back rows into anything
            if row["label"] not in ("0", "1") or not row["review"]:
                print(f"{path}:{line_no}: skipped (label {row['label']!r}, empty review?)", file=sys.stderr)
                continue
            splits[split].append((row["review"], int(row["label"])))
    return splits


def matrix(texts: list[list[str]], index: dict[str, int]):
    import numpy as np
    from scipy.sparse import csr_matrix

    rows, cols, vals = [], [], []
    for r, grams in enumerate(texts):
        scale = 1.0 / math.sqrt(len(grams)) if grams else 0.0
        for gram in grams:
            col = index.get(gram)
            if col is not None:
                rows.append(r)
                cols.append(col)
                vals.append(scale)
    return csr_matrix((np.array(vals, dtype="float64"), (rows, cols)), shape=(len(texts), len(index)))


def fit(lang: str, texts: list[str], labels: list, vocab: int, min_df: int, C: float):
    """The kept n-grams (sorted) and the fitted scikit-learn model."""
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    features = FEATURES[lang]
    grams = [features(text) for text in texts]
    df = Counter(gram for text_grams in grams for gram in text_grams)
    frequent = sorted((gram for gram, count in df.items() if count >= min_df), key=lambda g: (-df[g], g))
    kept = sorted(frequent[:vocab])  # ties broken by the n-gram itself: the same vocabulary every run
    index = {gram: i for i, gram in enumerate(kept)}
    if lang == "zh":
        # Balanced classes: a model that merely knows "most reviews are positive" would call any
        # neutral sentence positive.
        model = LogisticRegression(C=C, solver="liblinear", random_state=SEED, max_iter=1000, class_weight="balanced")
    else:
        # Balanced too: the restaurant sentences are 62% positive and 11% neutral, and chat lines
        # outside that domain should not inherit that prior.
        model = LogisticRegression(C=C, random_state=SEED, max_iter=5000, class_weight="balanced")
    model.fit(matrix(grams, index), np.array(labels))
    return kept, model


def save(path: str, lang: str, kept: list[str], model, meta: dict, temperature: float = 1.0,
         neutral_shift: float = 0.0) -> None:
    """Vocabulary and float16 weights (en: one column per class, and the class names; the
    calibration is baked in: logits divided by ``temperature``, ``neutral_shift`` added to the
    neutral class's bias)."""
    import numpy as np

    arrays = {"vocab": np.array(kept), "meta": np.array(json.dumps(meta))}
    if lang == "zh":
        arrays.update(weights=model.coef_[0].astype("float16"), bias=np.array([model.intercept_[0]], dtype="float32"))
    else:
        shift = np.array([neutral_shift if name == "neutral" else 0.0 for name in model.classes_])
        arrays.update(weights=(model.coef_.T / temperature).astype("float16"),
                      bias=(model.intercept_ / temperature + shift).astype("float32"), classes=np.array(model.classes_))
    np.savez_compressed(path, **arrays)


class Readings:
    """What analyze_text computes before it consults the model, once per sentence: the normalized
    text, its language and the lexicon's reading (none of it depends on the model)."""

    def __init__(self, texts: list[str]):
        from tools.analyzers.sentiment import analyze_sentiment
        from tools.analyzers.text import normalize
        from tools.lang import detect_lang

        self.norms = [normalize(text) for text in texts]
        self.langs = [detect_lang(text) for text in texts]
        self.lexicon = [analyze_sentiment(text, norm) for text, norm in zip(texts, self.norms)]

    def label(self, row: int, model) -> str:
        """analyze_text(text).label with ``model`` as the English model (a line that reads as
        another language uses the shipped model for it, as at runtime)."""
        from tools.analyzers import NEUTRAL_BAND, _overall

        lang = self.langs[row]
        polarity, _ = _overall(self.norms[row], lang, self.lexicon[row], model=model if lang == "en" else None)
        polarity = round(polarity, 2)
        return "positive" if polarity >= NEUTRAL_BAND else "negative" if polarity <= -NEUTRAL_BAND else "neutral"


def fold_models(rows, folds: list[int], args, folder: str, C: float, calibrations):
    """For each fold: the model trained on the other folds, saved and loaded as the runtime reads
    it (float16), once per (temperature, neutral_shift) in ``calibrations``. Yields (fold,
    calibration, model)."""
    for fold in range(FOLDS):
        train = [(text, label) for (text, label, _), f in zip(rows, folds) if f != fold]
        kept, model = fit("en", [t for t, _ in train], [y for _, y in train], args.vocab, args.min_df, C)
        for calibration in calibrations:
            path = f"{folder}/C{C}-fold{fold}-T{calibration[0]}-s{calibration[1]}.npz"
            save(path, "en", kept, model, {}, *calibration)
            yield fold, calibration, load_model("en", path)


def cross_validate(rows, readings: Readings, args, grid: dict) -> dict[tuple, list[bool]]:
    """Grouped 5-fold cross-validation of the overall label: settings (C, T, shift) -> per row,
    whether the label was right."""
    import tempfile

    folds = group_folds([group for _, _, group in rows])
    calibrations = [(t, s) for t in grid["temperature"] for s in grid["neutral_shift"]]
    right: dict[tuple, list[bool]] = {}
    with tempfile.TemporaryDirectory() as folder:
        for C in grid["C"]:
            for fold, calibration, model in fold_models(rows, folds, args, folder, C, calibrations):
                marks = right.setdefault((C, *calibration), [False] * len(rows))
                for row, (_, label, _) in enumerate(rows):
                    if folds[row] == fold:
                        marks[row] = readings.label(row, model) == label
            load_model.cache_clear()
    return right


def search(rows, readings: Readings, args) -> None:
    """--cv: every setting's grouped cross-validated accuracy, the best, and the nested estimate."""
    right = cross_validate(rows, readings, args, EN_GRID)
    folds = group_folds([group for _, _, group in rows])
    polar = [label != "neutral" for _, label, _ in rows]
    for settings, marks in sorted(right.items()):
        print(f"C={settings[0]:<5} T={settings[1]:<5} neutral shift {settings[2]:+.1f}: "
              f"overall label {_share(marks)}, polar sentences {_share(marks, polar)}")
    best = max(right, key=lambda k: (sum(right[k]), k == (args.C, args.temperature, args.neutral_shift)))
    print(f"best: C={best[0]} T={best[1]} neutral shift {best[2]:+.1f}: {_share(right[best])}")
    nested = 0
    for fold in range(FOLDS):
        inside = [f != fold for f in folds]
        chosen = max(right, key=lambda k: sum(m and i for m, i in zip(right[k], inside)))
        nested += sum(m for m, i in zip(right[chosen], inside) if not i)
    print(f"nested estimate of this search (each fold scored with the settings the other folds chose): "
          f"{nested / len(rows):.4f}")


def _share(marks: list[bool], where: list[bool] | None = None) -> str:
    chosen = [m for m, w in zip(marks, where or [True] * len(marks)) if w]
    return f"{sum(chosen) / len(chosen):.4f}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--lang", choices=["zh", "en"], default="zh")
    parser.add_argument("--data", default=None, help="zh: the CSV; en: the aspects folder")
    parser.add_argument("--vocab", type=int, default=None, help="keep the N most frequent n-grams")
    parser.add_argument("--min-df", type=int, default=None)
    parser.add_argument("--C", type=float, default=None)
    parser.add_argument("--out", default=None)
    parser.add_argument("--temperature", type=float, default=EN_SETTINGS["temperature"], help="en: logits / T")
    parser.add_argument("--neutral-shift", type=float, default=EN_SETTINGS["neutral_shift"],
                        help="en: added to the neutral logit")
    parser.add_argument("--cv", action="store_true", help="en: report cross-validation instead of training")
    args = parser.parse_args(argv)
    for name, value in DEFAULTS[args.lang].items():
        if getattr(args, name) is None:
            setattr(args, name, value)
    args.data = args.data or DEFAULT_DATA[args.lang]
    args.out = args.out or str(MODEL_PATHS[args.lang])
    if args.cv and args.lang != "en":
        parser.error("--cv is for --lang en (zh is measured on its calibration split)")

    calibration_meta, report = {}, ""
    if args.lang == "zh":
        splits = read_rows(args.data)
        train, calibration = splits["train"], splits["calibration"]
    else:
        rows, calibration = read_semeval(args.data), []
        readings = Readings([text for text, _, _ in rows])
        if args.cv:
            search(rows, readings, args)
            return 0
        settings = (args.C, args.temperature, args.neutral_shift)
        grid = {"C": (args.C,), "temperature": (settings[1],), "neutral_shift": (settings[2],)}
        marks = cross_validate(rows, readings, args, grid)[settings]
        polar = [label != "neutral" for _, label, _ in rows]
        report = (f"; grouped {FOLDS}-fold cross-validation of the analyzers' overall label: {_share(marks)} "
                  f"(polar sentences {_share(marks, polar)})")
        train = [(text, label) for text, label, _ in rows]
        calibration_meta = {"temperature": args.temperature, "neutral_shift": args.neutral_shift}
    kept, model = fit(args.lang, [t for t, _ in train], [y for _, y in train], args.vocab, args.min_df, args.C)
    save(args.out, args.lang, kept, model, {
        "lang": args.lang, "data": Path(args.data).name, "train_rows": len(train), "vocab": len(kept),
        "C": args.C, "min_df": args.min_df, "features": f"{FEATURES[args.lang].__name__} presence, L2-normalized",
        **calibration_meta,
    }, **calibration_meta)
    load_model.cache_clear()
    shipped = load_model(args.lang, args.out)  # measured exactly as the runtime will use it (float16)
    report = f"trained on {len(train)} rows, vocab {len(kept)}, C={args.C}{report}"
    if calibration:
        correct = sum((shipped.probability(text) >= 0.5) == bool(label) for text, label in calibration)
        report += f"; calibration accuracy {correct / len(calibration):.4f} on {len(calibration)} rows"
    print(f"{report}; {args.out} {Path(args.out).stat().st_size / 1024:.0f} KB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
