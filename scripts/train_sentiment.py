"""Train the shipped sentiment models (tools/analyzers/sentiment_{zh,en}.npz). Reproducible.

zh (default): /work/shared/data/online_shopping_10_cats.dev.csv. Rows whose numeric id % 10 == 0 are
the project's HELD-BACK test set and are never read; rows with id % 10 == 1 are a calibration split
(reported here, used to tune how the analyzers blend model and lexicon); every other row trains.
Features: binary character 1-3 gram presence, L2-normalized per text, the most frequent n-grams.

en (--lang en): the SemEval 2014 and 2016 restaurant sentences whose aspect polarities all agree
(positive or negative). Sentences with zlib.crc32(text) % 10 == 0 are HELD BACK and never read;
crc32 % 10 == 1 is the calibration split. Features: word 1-2 grams.

Model: logistic regression (liblinear, fixed seed); weights stored as float16.

    python scripts/train_sentiment.py [--lang zh|en] [--data PATH] [--vocab N] [--C C] [--out PATH]
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

from tools.analyzers.model import FEATURES, MODEL_PATHS, load_model  # noqa: E402

SHARED_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"  # shared/ beside the checkout
DEFAULT_DATA = {
    "zh": str(SHARED_DATA / "online_shopping_10_cats.dev.csv"),
    "en": str(SHARED_DATA / "aspects"),
}
DEFAULTS = {"zh": {"vocab": 60000, "C": 4.0, "min_df": 3}, "en": {"vocab": 20000, "C": 2.0, "min_df": 2}}
SEED = 13


def split_of(row_id: str) -> str:
    """'heldback' for id % 10 == 0, 'calibration' for == 1, else 'train'."""
    number = int("".join(ch for ch in row_id if ch.isdigit()))
    return {0: "heldback", 1: "calibration"}.get(number % 10, "train")


def read_semeval(folder: str) -> dict[str, list[tuple[str, int]]]:
    """Sentences whose opinions agree (all positive / all negative), split by crc32 of the text."""
    splits: dict[str, list[tuple[str, int]]] = {"train": [], "calibration": []}
    for name in ("semeval2014_restaurants_train.xml", "semeval2016_restaurants_train.xml"):
        for sentence in ET.parse(Path(folder) / name).getroot().iter("sentence"):
            text = sentence.findtext("text") or ""
            bucket = zlib.crc32(text.encode("utf-8")) % 10
            if bucket == 0:
                continue  # held back: never read into anything
            polarities = {e.get("polarity") for e in sentence.iter() if e.tag in ("aspectCategory", "Opinion")}
            if polarities in ({"positive"}, {"negative"}):
                splits["calibration" if bucket == 1 else "train"].append((text, int(polarities == {"positive"})))
    return splits


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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--lang", choices=["zh", "en"], default="zh")
    parser.add_argument("--data", default=None, help="zh: the CSV; en: the aspects folder")
    parser.add_argument("--vocab", type=int, default=None, help="keep the N most frequent n-grams")
    parser.add_argument("--min-df", type=int, default=None)
    parser.add_argument("--C", type=float, default=None)
    parser.add_argument("--out", default=None)
    args = parser.parse_args(argv)
    for name, value in DEFAULTS[args.lang].items():
        if getattr(args, name) is None:
            setattr(args, name, value)
    args.data = args.data or DEFAULT_DATA[args.lang]
    args.out = args.out or str(MODEL_PATHS[args.lang])
    features = FEATURES[args.lang]

    import numpy as np
    from sklearn.linear_model import LogisticRegression

    splits = read_rows(args.data) if args.lang == "zh" else read_semeval(args.data)
    train_grams = [features(text) for text, _ in splits["train"]]
    df = Counter(gram for grams in train_grams for gram in grams)
    kept = [gram for gram, count in df.most_common(args.vocab) if count >= args.min_df]
    kept.sort()  # deterministic order whatever the Counter's tie-breaking
    index = {gram: i for i, gram in enumerate(kept)}
    y_train = np.array([label for _, label in splits["train"]])
    # Balanced classes: a model that merely knows "most reviews are positive" would call any
    # neutral sentence positive.
    model = LogisticRegression(C=args.C, solver="liblinear", random_state=SEED, max_iter=1000, class_weight="balanced")
    model.fit(matrix(train_grams, index), y_train)

    np.savez_compressed(
        args.out,
        vocab=np.array(kept),
        weights=model.coef_[0].astype("float16"),
        bias=np.array([model.intercept_[0]], dtype="float32"),
        meta=np.array(json.dumps({
            "lang": args.lang, "data": Path(args.data).name, "train_rows": len(y_train), "vocab": len(kept),
            "C": args.C, "min_df": args.min_df, "features": f"{features.__name__} presence, L2-normalized",
        })),
    )
    # Measure the float16 model exactly as the runtime will use it.
    load_model.cache_clear()
    shipped = load_model(args.lang, args.out)
    calibration = splits["calibration"]
    correct = sum((shipped.probability(text) >= 0.5) == bool(label) for text, label in calibration)
    size_kb = Path(args.out).stat().st_size / 1024
    print(f"trained on {len(y_train)} rows, vocab {len(kept)}, C={args.C}; "
          f"calibration accuracy {correct / len(calibration):.4f} on {len(calibration)} rows; "
          f"{args.out} {size_kb:.0f} KB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
