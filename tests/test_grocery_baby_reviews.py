"""Complaints of a grocery delivery and a mother-and-baby shop, table-driven, both languages
(fresh-eyes reports 14 and 15): goods gone off, past or near their date, a leaking diaper, a rash,
a fake tin are product quality; a broken cold chain, a wrong or swapped item the delivery; a price
that keeps rising one the writer can't afford; "switch formula brands" is no video game.

Rows as in tests/analyzer_rows.py: (text, overall label or None, {aspect: sign}, checks). The
reports' sentences are only a few of the rows; the controls keep the readings that must not move
(melted cheese is food, a workload one can't take is no price, a rider's manners are the service).
"""

from __future__ import annotations

import pytest

from tests.analyzer_rows import assert_reading
from tools.analyzers import analyze_text

GONE_OFF_IS_QUALITY = [
    ("The strawberries arrived mushy and half of them were rotten.", "negative", {"quality": "-", "delivery": "0"}, []),
    ("The prawns were not fresh at all.", "negative", {"quality": "-", "taste": "none"}, []),
    ("Half the apples were bruised.", "negative", {"quality": "-"}, []),
    ("The bananas were bruised and overripe.", "negative", {"quality": "-"}, []),
    ("The milk had gone off before the expiry date.", "negative", {"quality": "-"}, []),
    ("The yogurt was already expired when it arrived.", "negative", {"quality": "-", "delivery": "0"}, []),
    ("The bread was past its best-before date.", "negative", {"quality": "-"}, []),
    ("The chicken smelled off.", "negative", {"quality": "-"}, []),
    ("The fish stank.", "negative", {"quality": "-"}, []),
    ("The lettuce was wilted.", "negative", {"quality": "-"}, []),
    ("海鲜不新鲜，有股味道", "negative", {"quality": "-"}, []),
    ("买的虾不新鲜了", "negative", {"quality": "-"}, []),
    ("苹果有好几个烂了", "negative", {"quality": "-"}, []),
    ("牛奶变质了", "negative", {"quality": "-", "taste": "none"}, []),
    ("酸奶收到就臭了", "negative", {"quality": "-"}, []),
    ("收到的面包已经过期了", "negative", {"quality": "-", "taste": "none"}, []),
    ("这批是临期货，离保质期只剩一周", "negative", {"quality": "-"}, []),
    ("奶粉生产日期是快一年前的，离过期太近了", "negative", {"quality": "-", "taste": "none"}, []),
    ("蔬菜都蔫了", "negative", {"quality": "-"}, []),
    # controls: fresh is praise, spoiled food in a dish is still a fault of the goods
    ("配送准时，蔬菜很新鲜，点赞", "positive", {"delivery": "+", "quality": "+"}, []),
    ("Veggies are always super fresh!", "positive", {"quality": "+"}, []),
    ("The salmon was not fresh but the price was fair.", None, {"quality": "-", "price": "+"}, []),
]

BABY_GOODS = [
    ("好奇夜用还是漏尿，床单全湿透了", "negative", {"quality": "-"}, []),
    ("这款纸尿裤老是侧漏", "negative", {"quality": "-"}, []),
    ("帮宝适用了两天宝宝就红屁屁了", "negative", {"quality": "-"}, []),
    ("换了好奇之后宝宝屁股起红疹，只能停用", "negative", {"quality": "-"}, []),
    ("用了这个牌子宝宝起疹子了", "negative", {"quality": "-"}, []),
    ("收到的奶粉罐底批次号查不到，担心是假货", "negative", {"quality": "-"}, []),
    ("怀疑是假的，跟以前买的不一样", "negative", {"quality": "-"}, []),
    ("Pampers diapers leaked overnight.", "negative", {"quality": "-"}, []),
    ("Huggies leaked overnight again, the sheets were soaked.", "negative", {"quality": "-"}, []),
    ("My baby got a nasty rash from these diapers.", "negative", {"quality": "-"}, []),
    ("I think this formula is fake.", "negative", {"quality": "-"}, []),
    ("Merries diapers are so soft and never leak, highly recommend.", "positive", {"quality": "none"}, []),
]

RISING_PRICES = [
    ("价格涨得太快了，一罐快四百了，吃不消", "negative", {"price": "-"}, []),
    ("又涨价了，真的吃不消", "negative", {"price": "-"}, []),
    ("奶粉价格一直涨", "negative", {"price": "-"}, []),
    ("Prices went up again this month, I'm moving to RedMart.", "negative", {"price": "-"}, ["intent=churn_risk"]),
    # control: a workload one can't take is no price
    ("训练量太大了，吃不消", "negative", {"price": "none"}, []),
]

ORDER_AS_BROUGHT_IS_DELIVERY = [
    ("Delivery came 3 hours late and the ice cream had melted.", "negative", {"delivery": "-"}, []),
    ("The ice cream had melted by the time it arrived.", "negative", {"delivery": "-"}, []),
    ("The frozen food was all thawed, no ice packs.", "negative", {"delivery": "-"}, []),
    ("冷链不行，雪糕到手全化了", "negative", {"delivery": "-"}, []),
    ("冰淇淋都化了", "negative", {"delivery": "-"}, []),
    ("冰袋都没了，肉都解冻了", "negative", {"delivery": "-"}, []),
    ("They substituted my Meiji milk with a brand I hate, without asking.", "negative", {"delivery": "-"}, []),
    ("You substituted my oat milk with something I never asked for. Stop replacing items without asking!",
     "negative", {"delivery": "-"}, []),
    ("缺货了也不打招呼就给我换了别的牌子", "negative", {"delivery": "-"}, []),
    ("缺货替换也不问一下", "negative", {"delivery": "-"}, []),
    ("I want a refund for the wrong item, I got pork instead of chicken.", "negative", {"delivery": "-"},
     ["intent=return_refund"]),
    ("They sent the wrong order.", "negative", {"delivery": "-"}, []),
    ("送错货了，我买的是鸡胸肉", "negative", {"delivery": "-"}, []),
    ("发错货了，还少发了一盒鸡蛋", "negative", {"delivery": "-"}, []),
    # a late delivery is the delivery's, not a person's; a rider's manners are the service (and the delivery)
    ("配送又迟到了两个小时", "negative", {"delivery": "-", "service": "none"}, []),
    ("骑手态度很差", "negative", {"service": "-", "delivery": "-"}, []),
    ("教练又迟到了", "negative", {"delivery": "none"}, []),
    # controls: melted cheese is food; eggs packed well with none broken is praise
    ("The melted cheese on top was delicious.", "positive", {"delivery": "none"}, []),
    ("Not bad at all, the eggs were well packed and none broken.", "positive", {"packaging": "+", "quality": "+"}, []),
]

# "switch" and "steam" are everyday verbs before they are a console or a games shop: no game interest
# without a word of play.
EVERYDAY_VERBS_ARE_NO_GAMES = [
    ("I want to switch formula brands, my baby keeps spitting up.", None, {}, ["no_tag=console_games"]),
    ("We switch suppliers every year.", None, {}, ["no_tag=console_games"]),
    ("Might switch to Similac next month.", None, {}, ["no_tag=console_games"]),
    ("Steam the fish for ten minutes.", None, {}, ["no_tag=pc_games"]),
    # controls: the console and the shop, with play
    ("Just got a Switch, playing Zelda every night.", None, {}, ["tag=console_games"]),
    ("My son loves his Nintendo Switch.", None, {}, ["tag=console_games"]),
    ("周末在家玩switch", None, {}, ["tag=console_games"]),
    ("The Steam sale is on, bought three games.", None, {}, ["tag=pc_games"]),
]


@pytest.mark.parametrize("text, label, aspects, checks",
                         GONE_OFF_IS_QUALITY + BABY_GOODS + RISING_PRICES + ORDER_AS_BROUGHT_IS_DELIVERY
                         + EVERYDAY_VERBS_ARE_NO_GAMES)
def test_grocery_and_baby_complaints(text, label, aspects, checks):
    assert_reading(analyze_text(text), label, aspects, checks)
