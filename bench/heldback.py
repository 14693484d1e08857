"""Where the labelled data lives and which of it is HELD BACK: the one place that says so.

Held-back rows are the benchmark's test split (bench/bench_analyzers.py). Training and tuning
(scripts/train_sentiment.py, scripts/train_price_model.py) must never read them:

- online_shopping_10_cats.dev.csv: rows whose numeric id % 10 == 0 (id % 10 == 1 is the
  calibration split the zh sentiment model never trains on);
- the aspect files (SemEval 2014/2016, BDCI 2018): rows with zlib.crc32(text) % 10 == 0;
- ASAP: test_sample.csv as a whole (train_sample.csv and dev_sample.csv are for development).

This module lives beside the benchmark, outside the shipped package: it names data paths.
"""

from __future__ import annotations

import zlib
from pathlib import Path

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"  # shared/ beside the checkout
ASPECTS = DATA / "aspects"
SHOPPING = DATA / "online_shopping_10_cats.dev.csv"
ASAP_TEST = "test_sample.csv"
ASAP_DEV = ("train_sample.csv", "dev_sample.csv")


def aspect_held_back(text: str) -> bool:
    """Whether an aspect-file row (SemEval, BDCI) is held back: crc32 of its UTF-8 text % 10 == 0."""
    return zlib.crc32(text.encode("utf-8")) % 10 == 0


def shopping_bucket(row_id: str) -> int:
    """The online_shopping row's numeric id % 10: 0 is held back, 1 is calibration."""
    digits = "".join(ch for ch in row_id if ch.isdigit())
    if not digits:
        raise ValueError(f"online_shopping row id {row_id!r} has no digits")
    return int(digits) % 10
