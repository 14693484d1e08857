"""Reviews and chats of a restaurant chain with delivery, table-driven (fresh-eyes report 10): how much
food there is (the `portion` aspect), how clean the place and the food are (`hygiene`, apart from the
environment), food spilled on the way (packaging), heat and grease (taste), the queue for a table (the
place), the rider's manners and speed (delivery), and an order told to time a delivery (no purchase intent).

Each row: (text, overall label or None for "any", {aspect: sign}, checks), read by
tests/analyzer_rows.assert_reading. Written by hand from how diners talk; the report's sentences are
only a few of the rows, and each pattern has controls where the same words mean something else.
"""

from __future__ import annotations

import pytest

from tests.analyzer_rows import assert_reading
from tools.analyzers import analyze_text

PORTIONS = [
    ("分量少得可怜，根本吃不饱", "negative", {"portion": "-", "quality": "none"}, []),
    ("分量太少了，一碗面没几根", "negative", {"portion": "-", "quality": "none"}, []),
    ("量太少了", "negative", {"portion": "-"}, []),
    ("吃不饱", "negative", {"portion": "-"}, []),
    ("分量偏小", "negative", {"portion": "-", "size_fit": "none"}, []),
    ("分量很足，吃得很饱", "positive", {"portion": "+", "quality": "none"}, []),
    ("性价比超高，分量足", "positive", {"price": "+", "portion": "+"}, []),
    ("菜量很大，两个人吃不完", "positive", {"portion": "+"}, []),
    ("the portions are tiny for the price", "negative", {"portion": "-", "price": "-"}, []),
    ("portion was way too small", "negative", {"portion": "-", "size_fit": "none"}, []),
    ("Tiny portions and I left hungry.", "negative", {"portion": "-"}, []),
    ("Generous portions and the food was delicious.", "positive", {"portion": "+", "taste": "+"}, []),
    ("The portions are huge.", "positive", {"portion": "+"}, []),
    ("吃了还是饿", "negative", {"portion": "-"}, []),
    ("一份米线吃完还饿", "negative", {"portion": "-"}, []),
    ("I was still hungry after the set meal.", "negative", {"portion": "-"}, []),
    # controls: a garment's size stays size_fit, a price frame alone stays the price
    ("这件衣服偏小，建议买大一码", None, {"size_fit": "-", "portion": "none"}, []),
    ("the shoes are too small", "negative", {"size_fit": "-", "portion": "none"}, []),
    ("the food is good for the price", "positive", {"price": "+", "portion": "none"}, []),
]

HYGIENE = [
    ("桌子很脏", "negative", {"hygiene": "-", "quality": "none"}, []),
    ("桌子很脏，卫生太差了", "negative", {"hygiene": "-", "quality": "none", "environment": "none"}, []),
    ("菜里吃出头发，卫生堪忧", "negative", {"hygiene": "-"}, []),
    ("汤里有苍蝇，太恶心了", "negative", {"hygiene": "-"}, []),
    ("厨师不戴帽子，感觉不够卫生", "negative", {"hygiene": "-"}, []),
    ("店里很干净，服务很周到", "positive", {"hygiene": "+", "service": "+"}, []),
    ("the table was dirty and the restroom was filthy", "negative", {"hygiene": "-", "quality": "none"}, []),
    ("There was a hair in my soup.", "negative", {"hygiene": "-"}, []),
    ("Found a cockroach under the table, never again.", "negative", {"hygiene": "-"}, []),
    ("The place is spotless.", "positive", {"hygiene": "+"}, []),
    ("the place was dirty", "negative", {"hygiene": "-", "quality": "none"}, []),
    ("火锅店很脏", "negative", {"hygiene": "-", "quality": "none"}, []),
    ("这家奶茶店太脏了，地上都是垃圾", "negative", {"hygiene": "-", "quality": "none"}, []),
    ("The restaurant was dirty and smelled bad.", "negative", {"hygiene": "-"}, []),
    # "dirty" is not "crowded": a crowded, noisy place is the environment, not its hygiene
    ("排队排了一个小时，环境太吵", "negative", {"environment": "-", "hygiene": "none"}, []),
    ("It was so crowded and noisy.", "negative", {"environment": "-", "hygiene": "none"}, []),
    # controls: a product bought that arrives dirty stays quality
    ("收到的杯子很脏", "negative", {"quality": "-", "hygiene": "none"}, []),
    ("这件衣服很脏，洗了好几遍", "negative", {"quality": "-", "hygiene": "none"}, []),
    ("旗舰店发来的杯子很脏", "negative", {"quality": "-", "hygiene": "none"}, []),
    ("The shirt I bought is dirty.", "negative", {"quality": "-", "hygiene": "none"}, []),
]

SPILLED = [
    ("汤都洒了", "negative", {"packaging": "-"}, []),
    ("汤都洒了，袋子里全是汤", "negative", {"packaging": "-"}, []),
    ("饮料洒了一半", "negative", {"packaging": "-"}, []),
    ("外卖洒了", "negative", {"packaging": "-"}, ["no_tag=dining_out"]),
    ("the soup spilled", "negative", {"packaging": "-"}, []),
    ("My drink spilled all over the bag.", "negative", {"packaging": "-"}, []),
]

TASTE = [
    ("辣得过瘾", "positive", {"taste": "+"}, []),
    ("辣得过瘾，麻辣香锅太好吃了", "positive", {"taste": "+"}, []),
    ("太油了", "negative", {"taste": "-"}, []),
    ("有点油", "negative", {"taste": "-"}, []),
    ("too greasy", "negative", {"taste": "-"}, []),
    # control: 加油 cheers, it is no grease
    ("加油，下次再来", None, {"taste": "none"}, []),
]

QUEUES = [
    ("排队等了一个小时", "negative", {"environment": "-", "delivery": "none"}, []),
    ("等位太久", "negative", {"environment": "-"}, []),
    ("排队等太久了", "negative", {"environment": "-", "delivery": "none"}, []),
    ("等位等了40分钟", "negative", {"environment": "-"}, []),
    ("had to queue for over an hour", "negative", {"environment": "-"}, []),
    ("We waited 45 minutes for a table.", "negative", {"environment": "-"}, []),
    ("Long queues every weekend.", "negative", {"environment": "-"}, []),
    ("队排得很长", "negative", {"environment": "-", "delivery": "none"}, []),
    ("周末队伍太长了，等了好久", "negative", {"environment": "-"}, []),
    ("The queue was so long we almost left.", "negative", {"environment": "-"}, []),
    # control: a team is no queue
    ("团队很专业", "positive", {"environment": "none"}, []),
    # controls: food slow to the table is the service, a parcel's wait the delivery
    ("上菜太慢了", "negative", {"service": "-", "environment": "none"}, []),
    ("等了一个小时外卖才到", "negative", {"delivery": "-", "environment": "none"}, ["no_tag=dining_out"]),
]

COURIERS = [
    ("外卖小哥很客气，送得也快", "positive", {"delivery": "+", "service": "+"}, ["no_tag=dining_out"]),
    ("骑手很客气", "positive", {"delivery": "+"}, []),
    ("外卖小哥态度很差", "negative", {"delivery": "-", "service": "-"}, []),
    ("骑手送错了地址", "negative", {"delivery": "-"}, []),
    ("送餐太慢了", "negative", {"delivery": "-"}, []),
    ("外卖送得太慢", "negative", {"delivery": "-"}, ["no_tag=dining_out"]),
    ("The delivery guy was rude.", "negative", {"delivery": "-", "service": "-"}, []),
    ("The rider was really friendly and fast.", "positive", {"delivery": "+"}, []),
    ("the riders were rude", "negative", {"delivery": "-", "service": "-"}, []),
    ("The delivery guys are always rude.", "negative", {"delivery": "-"}, []),
    ("骑手们态度都很差", "negative", {"delivery": "-"}, []),
    # controls: a waiter's manners stay the service alone
    ("服务员态度很差", "negative", {"service": "-", "delivery": "none"}, []),
    ("The waiter was rude.", "negative", {"service": "-", "delivery": "none"}, []),
]

ORDERS_TOLD = [
    # an order placed, told to time its delivery, is no intent to buy, and 外卖 complained about no interest
    ("外卖太慢了，下单一个半小时才送到", "negative", {"delivery": "-"},
     ["no_intent=purchase", "no_tag=dining_out", "no_tag=food_drink"]),
    ("下单三天了还没发货", "negative", {"delivery": "-"}, ["no_intent=purchase"]),
    ("刚下单就发货了", None, {}, ["no_intent=purchase"]),
    # controls: a wish to order is a purchase intent, a liking for takeaway an interest
    ("准备下单了", None, {}, ["intent=purchase"]),
    ("周末经常点外卖", None, {}, ["tag=dining_out"]),
    ("宝宝晚上老醒，有什么办法吗", None, {}, ["tag=mother_baby"]),
]

LIKED = [
    # a liking for a place or a dish is praise, not an intent to buy
    ("爱吃", "positive", {}, ["no_intent=purchase"]),
    ("我最爱吃这家的烤鱼", "positive", {}, ["no_intent=purchase"]),
    ("孩子特别爱吃他家的披萨", "positive", {}, ["no_intent=purchase"]),
    ("love eating here", "positive", {}, ["no_intent=purchase"]),
    ("We love eating here, the staff are lovely.", "positive", {"service": "+"}, ["no_intent=purchase"]),
    # control: a wish to buy is still one
    ("想买这家的烤鱼礼盒", None, {}, ["intent=purchase"]),
]

ROWS = PORTIONS + HYGIENE + SPILLED + TASTE + QUEUES + COURIERS + ORDERS_TOLD + LIKED


@pytest.mark.parametrize("text, label, aspects, checks", ROWS, ids=[row[0][:30] for row in ROWS])
def test_dining_review(text, label, aspects, checks):
    assert_reading(analyze_text(text), label, aspects, checks)
