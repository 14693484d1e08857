"""The small trained sentiment model: logistic regression over character 1-3 grams.

Trained by ``scripts/train_sentiment.py`` (scikit-learn, fixed seed) on the non-held-back rows of
the online_shopping_10_cats reviews; shipped as ``sentiment_zh.npz`` (vocabulary + float16
weights). Prediction is a handful of dict look-ups in plain Python/numpy, so the runtime never
imports scikit-learn (a slow import) and stays fast on short texts.
"""

from __future__ import annotations

import math
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

MODEL_PATH = Path(__file__).with_name("sentiment_zh.npz")
MAX_N = 3


def normalize(text: str) -> str:
    """NFKC (full-width → half-width), lower case, no white space: what the n-grams see."""
    return "".join(unicodedata.normalize("NFKC", text).lower().split())


def char_ngrams(text: str) -> list[str]:
    """The distinct character 1..3-grams of the normalized text (training and runtime share this)."""
    norm = normalize(text)
    grams = set()
    for n in range(1, MAX_N + 1):
        for i in range(len(norm) - n + 1):
            grams.add(norm[i : i + n])
    return list(grams)


@dataclass
class LinearModel:
    """Binary presence features, L2-normalized per text, one weight per n-gram."""

    weights: dict[str, float]
    bias: float

    def probability(self, text: str) -> float:
        """P(positive) for one text; 0.5 when the text has no known n-gram."""
        grams = char_ngrams(text)
        if not grams:
            return 0.5
        get = self.weights.get
        total = sum(get(gram, 0.0) for gram in grams)
        z = self.bias + total / math.sqrt(len(grams))
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


@lru_cache(maxsize=1)
def load_model(path: str = str(MODEL_PATH)) -> LinearModel:
    """Load the shipped model once (vocabulary and weights from one .npz file)."""
    import numpy as np

    with np.load(path, allow_pickle=False) as data:
        vocab = data["vocab"].tolist()
        weights = data["weights"].astype("float32").tolist()
        bias = float(data["bias"][0])
    return LinearModel(weights=dict(zip(vocab, weights)), bias=bias)
