"""The English price-aspect model: what a sentence that talks about money says of the price.

The lexicon reads explicit price words (overpriced, cheap, worth every penny). Much English price
talk is implicit — "They charge $6.00 for rice.", "for those prices you expect more", "no extra
charge", "$20 for all you can eat sushi cannot be beaten" — and there the verdict is the
sentence's own. So for English text the sentences that mention price or money are read by a small
three-class logistic regression (negative / neutral / positive) whose features are their word 1-2
grams, the lexicon's price verdict and the lexicon's overall score.

Trained by ``scripts/train_price_model.py`` on the non-held-back SemEval 2014/2016 restaurant
sentences and shipped as ``price_en.npz`` (vocabulary plus float16 weights; prediction is dict
look-ups, no scikit-learn at runtime). Chinese keeps the lexicon's verdict: the only Chinese
price labels at hand (BDCI car forums) call most explicit verdicts neutral ("价格便宜" → 0), and a
model trained on them learns to abstain (README, "The trained models").
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from tools.analyzers.model import softmax, word_ngrams
from tools.analyzers.sentiment import ASPECT, OPINION, AspectScore, Clause, Sentiment, modal_factor

MODEL_PATH = Path(__file__).with_name("price_en.npz")
CLASSES = (-1, 0, 1)
CLEAR_VERDICT = 0.3  # a lexicon price verdict this strong stands; the model judges the rest
# Money and paying, beyond the lexicon's price words: amounts, charges, bills, "free".
MONEY = re.compile(r"[$€£¥]\s?\d|\d\s?(?:dollars?|bucks|usd|rmb|yuan)\b|\b(?:free|charged?|charges|paid|pay|paying|"
                   r"bill|tab|spend|spent|worth|value|cost|costs|deal|bargain|budget|affordable)\b")
_SENTENCE_END = re.compile(r"[.!?;\n]+")


@dataclass
class PriceModel:
    """Multinomial logistic regression over named features (one weight row per class)."""

    weights: dict[str, tuple[float, float, float]]
    bias: tuple[float, float, float]

    def probabilities(self, features: dict[str, float]) -> tuple[float, float, float]:
        """P(negative), P(neutral), P(positive) for one feature dict."""
        scores = list(self.bias)
        for name, value in features.items():
            row = self.weights.get(name)
            if row is not None:
                for k in range(3):
                    scores[k] += row[k] * value
        return tuple(softmax(scores))


@lru_cache(maxsize=1)
def load_price_model(path: str | None = None) -> PriceModel:
    """Load the shipped model once."""
    import numpy as np

    with np.load(path or MODEL_PATH, allow_pickle=False) as data:
        vocab = data["vocab"].tolist()
        weights = data["weights"].astype("float32").T.tolist()
        bias = tuple(float(b) for b in data["bias"])
    return PriceModel(weights={name: tuple(row) for name, row in zip(vocab, weights)}, bias=bias)


def price_window(norm: str, sentiment: Sentiment) -> tuple[str, int] | None:
    """The sentences of ``norm`` that speak of price or money, and the first such clause's index.

    None when the text never mentions price or money: then there is no price aspect to judge.
    """
    cues = [(clause.start, clause.end) for clause in sentiment.clauses if _names_price(clause)]
    cues += [(m.start(), m.end()) for m in MONEY.finditer(norm)]
    if not cues:
        return None
    sentences, start = [], 0
    for match in [*_SENTENCE_END.finditer(norm), None]:
        end = match.end() if match else len(norm)
        if end > start and any(start <= cue_start < end for cue_start, _ in cues):
            sentences.append(norm[start:end].strip())
        start = end
    first = min(cue_start for cue_start, _ in cues)
    clause = next((i for i, c in enumerate(sentiment.clauses) if c.start <= first < c.end), 0)
    return " ".join(sentences), clause


def _names_price(clause: Clause) -> bool:
    for item in clause.items:
        entry = item.entry
        if entry is None:
            continue
        if entry.kind == ASPECT and entry.aspect == "price":
            return True
        if entry.kind == OPINION and entry.aspects and "price" in entry.aspects:
            return True
    return False


def lexicon_price(sentiment: Sentiment) -> float | None:
    """The lexicon's price polarity, or None when it found no price aspect."""
    return next((aspect.polarity for aspect in sentiment.aspects if aspect.aspect == "price"), None)


def lexicon_verdict_stands(rule: float | None) -> bool:
    """Whether the lexicon's price verdict is clear enough to keep without asking the model."""
    return rule is not None and abs(rule) >= CLEAR_VERDICT


def price_features(window: str, sentiment: Sentiment) -> dict[str, float]:
    """What the model reads: the window's word n-grams, the lexicon's price verdict and overall score."""
    rule = lexicon_price(sentiment)
    features: dict[str, float] = {"lexicon": math.tanh(sentiment.score / 2)}
    if rule is None:
        features["rule:none"] = 1.0
    else:
        features["rule:" + ("+" if rule >= 0.1 else "-" if rule <= -0.1 else "0")] = 1.0
        features["rule"] = rule
    grams = word_ngrams(window)
    for gram in grams:
        features["g:" + gram] = 1.0 / math.sqrt(len(grams))
    return features


def judge_price(text: str, norm: str, sentiment: Sentiment) -> list[AspectScore]:
    """The sentiment's aspects with the price aspect as the model reads it (English text).

    An explicit lexicon verdict ("not expensive", "worth every penny") stands; where the lexicon
    sees no price or only a weak verdict, the model judges the sentences that speak of money. When
    the model finds no verdict either, the lexicon's reading stands; otherwise the price polarity
    is P(positive) - P(negative), damped in a question, and the evidence is the clause where price
    or money is first named.
    """
    if lexicon_verdict_stands(lexicon_price(sentiment)):
        return sentiment.aspects  # the lexicon reads negation and contrast better than n-grams do
    found = price_window(norm, sentiment)
    if found is None:
        return sentiment.aspects
    window, clause_index = found
    p_negative, p_neutral, p_positive = load_price_model().probabilities(price_features(window, sentiment))
    if p_neutral >= max(p_negative, p_positive):
        return sentiment.aspects  # money named, no verdict: "gluten free", "we asked for the bill"
    polarity = p_positive - p_negative
    clause = sentiment.clauses[clause_index]
    polarity *= modal_factor(clause)  # "is it expensive?" asks; it does not judge
    others = [aspect for aspect in sentiment.aspects if aspect.aspect != "price"]
    evidence = text[clause.start:clause.end].strip()
    confidence = round(min(0.5 + 0.45 * max(p_negative, p_positive), 0.95), 2)
    judged = AspectScore("price", round(polarity, 2), evidence, confidence, clause_index)
    return sorted([*others, judged], key=lambda aspect: aspect.clause)
