"""The small trained sentiment models: logistic regression over n-gram presence.

- ``sentiment_zh.npz``: character 1-3 grams, trained on the non-held-back online_shopping_10_cats
  reviews (Chinese product reviews).
- ``sentiment_en.npz``: word 1-2 grams with negation scope, three classes (negative / neutral /
  positive), trained on the non-held-back SemEval 2014/2016 restaurant sentences (English; a narrow
  domain, so the analyzers lean on it only where the lexicon sees little).

Both are trained by ``scripts/train_sentiment.py`` (scikit-learn, fixed seed) and shipped as a
vocabulary plus float16 weights (one column per class for the three-class model). Prediction is a
handful of dict look-ups in plain Python, so the runtime never imports scikit-learn (a slow import) and stays fast on short texts.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from itertools import repeat
from pathlib import Path

from tools.analyzers.npz import load_npz

MODEL_PATHS = {"zh": Path(__file__).with_name("sentiment_zh.npz"), "en": Path(__file__).with_name("sentiment_en.npz")}
MAX_N = 3
_WORD_RE = re.compile(r"[a-z0-9]+(?:'[a-z]+)?|[!?]")
_SCOPED_WORD_RE = re.compile(r"[a-z0-9]+(?:'[a-z]+)?|[!?.,;:]")
_NEGATORS = {"not", "no", "never", "nothing", "nobody", "none", "nor", "neither", "without", "hardly", "less", "fewer"}
# Comparatives of lessening say there is less of a quality, as "less pricey than" does: "not as
# pricey as", "not nearly so loud as", "no more expensive than", "no worse than". Their "not" or
# "no" grades the quality rather than denying a verdict ("not good", "no flavor"), so they read as
# "less", which scopes the words after it as a negator does.
_LESSENING = re.compile(r"\b(?:not|no) (?:nearly |quite )?(?:as|so) (?=[a-z]+ as\b)|"
                        r"\bno (?:more (?=[a-z]+ than\b)|(?=(?:[a-z]+er|worse|better) than\b))")
# The standard a lessened quality is measured against, up to "and", "but" or punctuation: "(less
# pricey) than I expected", "(fewer bugs) than the old one" (not "less than impressed": there the
# verdict follows "than").
_LESSENED_STANDARD = re.compile(r"\b((?:less|fewer)(?: [a-z]+){1,2}?) (?:than|as)\b.*?(?=\b(?:and|but)\b|[.,;:!?\n]|$)")
_NEGATION_REACH = 3  # words after a negator that it colours ("not worth the money")
_SCOPE_ENDS = {".", ",", ";", ":", "!", "?", "but"}
_CONTRACTED = {"can't": "can not", "won't": "will not", "cannot": "can not", "n't": " not"}
_CONTRACTIONS = re.compile("|".join(map(re.escape, _CONTRACTED)))


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


def scoped_word_ngrams(text: str) -> list[str]:
    """Word 1..2-grams as ``word_ngrams``, with negation scope (the English sentiment model's features).

    "can't", "won't", "n't" and "cannot" become "not"; the few words after a negator, up to
    punctuation or "but", are marked ("not worth it" → "not", "neg_worth", "neg_it"), so "good"
    and "not ... good" are different features. Other punctuation only ends a negation's scope.
    "less" and "fewer" scope like negators, and the other comparatives of lessening read as
    "less" ("not as pricey as I feared" → "less", "neg_pricey"): the quality they name is lessened,
    not stated, and the standard it is measured against is dropped, since it is no verdict on
    this ("as I feared", "than it used to be" mostly end complaints in reviews).
    """
    text = unicodedata.normalize("NFKC", text).lower().replace("\u2019", "'")
    text = _LESSENING.sub("less ", _CONTRACTIONS.sub(lambda m: _CONTRACTED[m.group(0)], text))
    text = _LESSENED_STANDARD.sub(r"\1 ", text)
    words: list[str] = []
    reach = 0
    for word in _SCOPED_WORD_RE.findall(text):
        if word in _SCOPE_ENDS:
            reach = 0
            if word in ("!", "?", "but"):
                words.append(word)
            continue
        words.append(f"neg_{word}" if reach else word)
        reach = _NEGATION_REACH if word in _NEGATORS else max(reach - 1, 0)
    grams = set(words)
    grams.update(f"{a} {b}" for a, b in zip(words, words[1:]))
    return list(grams)


FEATURES = {"zh": char_ngrams, "en": scoped_word_ngrams}


@dataclass
class LinearModel:
    """Two classes: binary presence features, L2-normalized per text, one weight per n-gram."""

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


@dataclass
class SoftmaxModel:
    """Several classes (multinomial logistic regression) over the same kind of features."""

    classes: tuple[str, ...]
    weights: dict[str, tuple[float, ...]]
    bias: tuple[float, ...]
    features: object = scoped_word_ngrams

    def probabilities(self, text: str) -> dict[str, float]:
        """Class -> probability for one text (the trained priors when it has no n-gram)."""
        grams = self.features(text)
        scale = 1.0 / math.sqrt(len(grams)) if grams else 0.0
        rows = [row for row in map(self.weights.get, grams) if row is not None]
        z = [bias + scale * sum(column) for bias, column in zip(self.bias, zip(*rows))] if rows else list(self.bias)
        return dict(zip(self.classes, softmax(z)))


def softmax(scores: list[float]) -> list[float]:
    """Class scores (logits) -> probabilities, overflow-safe."""
    top = max(scores)
    exps = [math.exp(score - top) for score in scores]
    total = sum(exps)
    return [e / total for e in exps]


@lru_cache(maxsize=4)
def load_model(lang: str = "zh", path: str | None = None) -> LinearModel | SoftmaxModel:
    """Load a shipped model once: a LinearModel (zh) or, with a ``classes`` array, a SoftmaxModel (en)."""
    arrays = load_npz(path or MODEL_PATHS[lang], float32=frozenset({"weights"}))
    vocab, weights, bias, classes = arrays["vocab"], arrays["weights"], arrays["bias"], arrays.get("classes")
    if classes is None:
        return LinearModel(weights=dict(zip(vocab, weights)), bias=bias[0], features=FEATURES[lang])
    rows = [tuple(row) for row in weights]
    return SoftmaxModel(classes=tuple(classes), weights=dict(zip(vocab, rows)), bias=tuple(bias), features=FEATURES[lang])
