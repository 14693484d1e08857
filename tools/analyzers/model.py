"""The small trained sentiment models: logistic regression over n-gram presence.

- ``sentiment_zh.npz``: character 1-3 grams, trained on the non-held-back online_shopping_10_cats
  reviews (Chinese product reviews).
- ``sentiment_en.npz``: word 1-2 grams, trained on the non-held-back SemEval 2014/2016 restaurant
  sentences (English; a narrow domain, so the analyzers give it a modest weight).

Both are trained by ``scripts/train_sentiment.py`` (scikit-learn, fixed seed) and shipped as a
vocabulary plus float16 weights. Prediction is a handful of dict look-ups in plain Python, so the
runtime never imports scikit-learn (a slow import) and stays fast on short texts.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from itertools import repeat
from pathlib import Path

MODEL_PATHS = {"zh": Path(__file__).with_name("sentiment_zh.npz"), "en": Path(__file__).with_name("sentiment_en.npz")}
MAX_N = 3
_WORD_RE = re.compile(r"[a-z0-9]+(?:'[a-z]+)?|[!?]")


def normalize(text: str) -> str:
    """NFKC (full-width → half-width), lower case, no white space: what the n-grams see."""
    return "".join(unicodedata.normalize("NFKC", text).lower().split())


def char_ngrams(text: str) -> list[str]:
    """The distinct character 1..3-grams of the normalized text (training and runtime share this)."""
    norm = normalize(text)
    return list({norm[i : i + n] for n in range(1, MAX_N + 1) for i in range(len(norm) - n + 1)})


def word_ngrams(text: str) -> list[str]:
    """The distinct lower-case word 1..2-grams ("n't" becomes "not", so negation is a word)."""
    words = _WORD_RE.findall(unicodedata.normalize("NFKC", text).lower().replace("n't", " not"))
    grams = set(words)
    grams.update(f"{a} {b}" for a, b in zip(words, words[1:]))
    return list(grams)


FEATURES = {"zh": char_ngrams, "en": word_ngrams}


@dataclass
class LinearModel:
    """Binary presence features, L2-normalized per text, one weight per n-gram."""

    weights: dict[str, float]
    bias: float
    features: object = char_ngrams

    def probability(self, text: str) -> float:
        """P(positive) for one text; 0.5 when the text has no n-gram at all."""
        grams = self.features(text)
        if not grams:
            return 0.5
        total = sum(map(self.weights.get, grams, repeat(0.0)))
        z = self.bias + total / math.sqrt(len(grams))
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


@lru_cache(maxsize=4)
def load_model(lang: str = "zh", path: str | None = None) -> LinearModel:
    """Load a shipped model once (vocabulary and weights from one .npz file)."""
    import numpy as np

    with np.load(path or MODEL_PATHS[lang], allow_pickle=False) as data:
        vocab = data["vocab"].tolist()
        weights = data["weights"].astype("float32").tolist()
        bias = float(data["bias"][0])
    return LinearModel(weights=dict(zip(vocab, weights)), bias=bias, features=FEATURES[lang])
