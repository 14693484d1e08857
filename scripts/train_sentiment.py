"""Train the shipped Chinese sentiment model (tools/analyzers/sentiment_zh.npz). Reproducible.

Data: /work/shared/data/online_shopping_10_cats.dev.csv (or --data). Rows whose numeric id % 10 == 0
are the project's HELD-BACK test set and are never read into training; rows with id % 10 == 1 are a
calibration split (reported here, used to tune how the analyzers blend model and lexicon); every
other row trains. Model: logistic regression (liblinear, fixed seed) on binary character 1-3 gram
presence, L2-normalized per text, over the most frequent n-grams. Weights are stored as float16.

    python scripts/train_sentiment.py [--data CSV] [--vocab 60000] [--C 4] [--out PATH]
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tools.analyzers.model import MODEL_PATH, char_ngrams, load_model  # noqa: E402

DEFAULT_DATA = "/work/shared/data/online_shopping_10_cats.dev.csv"
SEED = 13


def split_of(row_id: str) -> str:
    """'heldback' for id % 10 == 0, 'calibration' for == 1, else 'train'."""
    number = int("".join(ch for ch in row_id if ch.isdigit()))
    return {0: "heldback", 1: "calibration"}.get(number % 10, "train")


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
    parser.add_argument("--data", default=DEFAULT_DATA)
    parser.add_argument("--vocab", type=int, default=60000, help="keep the N most frequent n-grams")
    parser.add_argument("--min-df", type=int, default=3)
    parser.add_argument("--C", type=float, default=4.0)
    parser.add_argument("--out", default=str(MODEL_PATH))
    args = parser.parse_args(argv)

    import numpy as np
    from sklearn.linear_model import LogisticRegression

    splits = read_rows(args.data)
    train_grams = [char_ngrams(text) for text, _ in splits["train"]]
    df = Counter(gram for grams in train_grams for gram in grams)
    kept = [gram for gram, count in df.most_common(args.vocab) if count >= args.min_df]
    kept.sort()  # deterministic order whatever the Counter's tie-breaking
    index = {gram: i for i, gram in enumerate(kept)}
    y_train = np.array([label for _, label in splits["train"]])
    model = LogisticRegression(C=args.C, solver="liblinear", random_state=SEED, max_iter=1000)
    model.fit(matrix(train_grams, index), y_train)

    np.savez_compressed(
        args.out,
        vocab=np.array(kept),
        weights=model.coef_[0].astype("float16"),
        bias=np.array([model.intercept_[0]], dtype="float32"),
        meta=np.array(json.dumps({
            "data": Path(args.data).name, "train_rows": len(y_train), "vocab": len(kept),
            "C": args.C, "min_df": args.min_df, "features": "char 1-3 gram presence, L2-normalized",
        })),
    )
    # Measure the float16 model exactly as the runtime will use it.
    load_model.cache_clear()
    shipped = load_model(args.out)
    calibration = splits["calibration"]
    correct = sum((shipped.probability(text) >= 0.5) == bool(label) for text, label in calibration)
    size_kb = Path(args.out).stat().st_size / 1024
    print(f"trained on {len(y_train)} rows, vocab {len(kept)}, C={args.C}; "
          f"calibration accuracy {correct / len(calibration):.4f} on {len(calibration)} rows; "
          f"{args.out} {size_kb:.0f} KB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
