"""The demo generator's opinion phrases read as planted: every aspect phrase and contrast combo in
seeds/phrases.py gets the aspect polarity its ground truth records, so the demo's "negative on
price" users really are negative on price in their profiles."""

import pytest

from seeds import phrases
from tools.analyzers import analyze_text

SINGLE = [(text, aspect, sign)
          for table in (phrases.ASPECTS_ZH, phrases.ASPECTS_EN)
          for aspect, by_sign in table.items() for sign, texts in by_sign.items() for text in texts]
COMBOS = [(text, aspect, sign)
          for combos in (phrases.COMBOS_ZH, phrases.COMBOS_EN) for text, planted in combos
          for aspect, sign in planted.items()]


@pytest.mark.parametrize("text, aspect, sign", SINGLE + COMBOS)
def test_planted_aspect_is_read_back(text, aspect, sign):
    aspects = {a.aspect: a.polarity for a in analyze_text(text).aspects}
    assert aspect in aspects, aspects
    assert aspects[aspect] * sign >= 0.1, aspects
