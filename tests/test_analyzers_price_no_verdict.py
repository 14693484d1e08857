"""Price talk that is no verdict on the price, and the verdicts next to it that must stay.

Table-driven, in both languages: each case names the price sign the analysis must give (+1, -1,
0 for "no verdict": the price aspect is absent or near 0). Sentences written for this test, not
taken from the benchmark's data.
"""

from __future__ import annotations

import pytest

from tools.analyzers import analyze_text


def _price_sign(text: str) -> int:
    polarity = next((a.polarity for a in analyze_text(text).aspects if a.aspect == "price"), 0.0)
    return 1 if polarity >= 0.1 else -1 if polarity <= -0.1 else 0


# A card that comes with a purchase (油卡, 优惠卡, 积分卡) is a card, not lag (卡顿).
CARD_CASES = [
    ("送1000油卡和两次保养", 0),
    ("我这有张1000元优惠卡，在成都可用", 0),
    ("结账时给了一张积分卡", 0),
    ("We got a loyalty card at the register", 0),
    ("手机用了一个月就很卡，价格还贵", -1),  # lag is still lag, and the price verdict stands
]

# A seller's price open to talks is an offer to haggle, no verdict on it.
NEGOTIABLE_CASES = [
    ("价格好商量，有意私信", 0),
    ("价格可谈，车况很好", 0),
    ("二手轮毂四只，价格面议", 0),
    ("Price is negotiable, message me", 0),
    ("这个价格不好谈", -1),  # a dealer who will not move
    ("The price was fair", 1),
]

# 最高 / 最低 opening a noun phrase before the amount it bounds is a bound, not "high" or "low".
BOUND_CASES = [
    ("目前最高优惠在两万左右", 0),
    ("最低落地价25万", 0),
    ("The lowest price I was quoted was $20,000", 0),
    ("性价比最高，才5万", 1),  # after the aspect word, the superlative is the verdict
    ("价格太高了，要30万", -1),
]

# A price that a purchase hangs on ("价格合适就买"), or the consequence of a bare condition ("如果车况
# 好，这个价格合适"), is what the writer would accept, not a verdict yet.
CONDITION_CASES = [
    ("价钱合适就买吧，颜色无所谓", 0),
    ("价格合适成色好就出手", 0),
    ("如果成色好，这个价钱挺合适", 0),
    ("要是没有事故，价格还算便宜", 0),
    ("If it runs well, the price is fair.", 0),
    ("If the price is right, I will buy it.", 0),
    ("便宜就买了", 1),  # what was done, not a condition
    ("如果再加一份的话要五块钱，价格有点偏贵了", -1),  # the condition states its own consequence
    ("价格不降的话我就换别的牌子了", -1),  # a threat is a verdict
    ("If you can call $90 cheap, the bill was through the roof.", -1),
    ("If you want cheap eats near the station, this is the spot.", 1),  # advice to the reader
]


@pytest.mark.parametrize("text, expected", CARD_CASES + NEGOTIABLE_CASES + BOUND_CASES + CONDITION_CASES)
def test_price_sign(text, expected):
    assert _price_sign(text) == expected, analyze_text(text).aspects


@pytest.mark.parametrize("text", ["If the weather is nice, the patio is lovely.", "如果去杭州，这家店真的很棒"])
def test_a_condition_keeps_the_overall_verdict_of_what_follows(text):
    """Only the aspects of a consequence are hypothetical: the writer's overall view stands."""
    analysis = analyze_text(text)
    assert analysis.label == "positive" and analysis.polarity >= 0.5, analysis


# A question that presumes its answer ("价格挺高吧？": the price is high, isn't it) holds the
# writer's guess, weakly; a real question does not.
@pytest.mark.parametrize("text, expected", [
    ("价钱挺高吧？", -1),
    ("这价格不算贵吧？", 1),
    ("这个价钱不含安装的吧？", 0),
    ("价格贵不贵？", 0),
    ("It's pretty pricey, isn't it?", -1),
    ("Is it expensive?", 0),
])
def test_presumed_price(text, expected):
    assert _price_sign(text) == expected, analyze_text(text).aspects


# Implicit verdicts on what was paid: more expected for the money, money thrown away, a price nothing
# beats. Chinese: lexicon rules. English: the price model reads these (as lexicon rules they lowered its
# five-fold figures), so the English rows check the whole analysis, model included.
@pytest.mark.parametrize("text, expected", [
    ("菜品对不起这个价格", -1),
    ("这个价格应该更好吃才对", -1),
    ("吃了一顿钱都打水漂了", -1),
    ("白花了这么多钱", -1),
    ("这个价格没得挑", 1),
    ("这价位还要什么自行车", 1),
    ("这个菜没得说", 0),  # no price named: praise of the dish
    ("The risotto was bland, not what you'd expect for $40.", -1),
    ("Another $90 down the drain.", -1),
    ("$15 for a bottomless brunch cannot be beaten.", 1),
    ("You can't go wrong with the pasta.", 0),
])
def test_implicit_price_verdicts(text, expected):
    assert _price_sign(text) == expected, analyze_text(text).aspects


@pytest.mark.parametrize("text, expected", [
    ("价格合适可以出", 0),  # a seller's terms
    ("价格合适我就出", 0),
    ("价格合适考虑入手", 0),
    ("价格便宜，可以买", 1),  # a recommendation after a verdict
    ("If the price is right, I'd sell it.", 0),
    ("Fair price, would buy again.", 1),
])
def test_a_deal_on_terms_is_no_verdict(text, expected):
    assert _price_sign(text) == expected, analyze_text(text).aspects


# What a meal costs a head (人均消费, 消费水平) names the price as 价格 does.
@pytest.mark.parametrize("text, expected", [
    ("人均消费蛮高的", -1),
    ("人均消费不高，味道很好", 1),
    ("这里消费水平偏高", -1),
    ("The cost per head is high", -1),
])
def test_spending_per_head_is_the_price(text, expected):
    assert _price_sign(text) == expected, analyze_text(text).aspects
