"""Reviews and chats of a shop with a place to sit (a bookstore café), table-driven: waits told as
complaints, another seller's lower price, return requests, the place itself (noise, seats, cold,
Wi-Fi), a book's defects, and words that only set the scene and are no interest.

Each row: (text, overall label or None for "any", {aspect: sign}, checks). A sign is "+", "-" or
"none" (the aspect must not be read). Checks: "intent=X" / "no_intent=X", "tag=X" / "no_tag=X".
Written by hand from how customers talk (fresh-eyes report 7); the report's sentences are only a
few of the rows.
"""

from __future__ import annotations

import pytest

from tests.analyzer_rows import assert_reading
from tools.analyzers import analyze_text

DELIVERY_WAITS = [
    ("Delivery took 9 days. Nine. For a paperback.", "negative", {"delivery": "-"}, []),
    ("The parcel took two weeks to arrive.", "negative", {"delivery": "-"}, []),
    ("It took ten days to ship, really?", None, {"delivery": "-"}, []),
    ("My order arrived after 12 days.", "negative", {"delivery": "-"}, []),
    ("Still waiting for my order, it still hasn't arrived.", "negative", {"delivery": "-"}, []),
    ("Two weeks later I still haven't received it", "negative", {"delivery": "-"}, []),
    ("等了一周才到", "negative", {"delivery": "-"}, []),
    ("三天了还没发货", "negative", {"delivery": "-"}, []),
    ("下单五天了都还没到", "negative", {"delivery": "-"}, []),
    ("快递用了十天才送到，书角都磨坏了", "negative", {"delivery": "-"}, []),
    ("等了半个月才收到", "negative", {"delivery": "-"}, []),
    # controls: a quick arrival is no complaint
    ("It took 2 days to arrive, great", "positive", {"delivery": "none"}, []),
    ("物流很快，两天就到了", "positive", {"delivery": "+"}, []),
    ("第二天就到了", "positive", {"delivery": "+"}, []),
]

COMPARED_PRICES = [
    ("书比网上贵好多，当当打折的时候便宜一半，不会再来买书了", "negative", {"price": "-"}, ["intent=churn_risk"]),
    ("比网上贵了二十块", "negative", {"price": "-"}, []),
    ("别家便宜一半", "negative", {"price": "-"}, []),
    ("同样的书隔壁书店便宜不少", "negative", {"price": "-"}, []),
    ("这里的咖啡比星巴克还贵", "negative", {"price": "-"}, []),
    ("It's way more expensive than online.", "negative", {"price": "-"}, []),
    ("Books here cost more than on Amazon.", "negative", {"price": "-"}, []),
    ("I paid way more than I would have online.", None, {"price": "-"}, []),
    ("I found the same book cheaper on Amazon.", "negative", {"price": "-"}, []),
    ("Other shops sell it for less.", "negative", {"price": "-"}, []),
    # praise: this one is the cheaper
    ("比超市便宜", "positive", {"price": "+"}, []),
    ("比网上还便宜，太划算了", "positive", {"price": "+"}, []),
    ("Cheaper than Amazon, and I get it today.", "positive", {"price": "+"}, []),
    # bought online, the writer's own seller: praise
    ("网上买也便宜，好评", "positive", {"price": "+"}, []),
    ("京东618真的很便宜哦！", "positive", {"price": "+"}, []),
]

RETURNS = [
    ("我想把上周买的书退了，怎么操作", None, {"usability": "none"}, ["intent=return_refund"]),
    ("这本书能退吗", None, {}, ["intent=return_refund"]),
    ("我想退掉昨天买的咖啡豆", None, {}, ["intent=return_refund"]),
    ("能把这个订单退掉吗", None, {}, ["intent=return_refund"]),
    ("Can I return a book I bought last week?", None, {}, ["intent=return_refund"]),
    ("I'd like to return the mug, it's chipped", None, {}, ["intent=return_refund"]),
    ("How do I return this?", None, {}, ["intent=return_refund"]),
    # how-to questions are no opinion about usability; coming back is no return
    ("会员卡怎么操作充值", None, {"usability": "none"}, []),
    ("发票如何设置抬头", None, {"usability": "none"}, []),
    ("I want to return to your café soon, loved it", None, {}, ["no_intent=return_refund"]),
    ("把烧退了就好", None, {}, ["no_intent=return_refund"]),
    ("操作太复杂了", "negative", {"usability": "-"}, []),
]

THE_PLACE = [
    ("Honestly the best bookstore café in town, but the chairs are uncomfortable.", None, {"environment": "-"}, []),
    ("Too noisy to read, the music is way too loud.", "negative", {"environment": "-"}, ["no_tag=music"]),
    ("Lovely cosy atmosphere and quiet corners.", "positive", {"environment": "+"}, []),
    ("The wifi is so slow, couldn't get any work done.", "negative", {"environment": "-"}, []),
    ("It was so crowded we couldn't find a seat.", "negative", {"environment": "-"}, []),
    ("店里太吵了，没法看书", "negative", {"environment": "-"}, []),
    ("环境不错，可惜空调太冷了", None, {"environment": "-"}, ["no_tag=home_appliances", "no_tag=home_living"]),
    ("周末人太多，根本找不到座位", "negative", {"environment": "-"}, []),
    ("网速太慢了", "negative", {"environment": "-"}, []),
    ("卫生间有点脏", "negative", {"hygiene": "-", "environment": "0"}, []),
    ("背景音乐太吵了", "negative", {"environment": "-"}, ["no_tag=music"]),
    ("环境很安静，适合看书", "positive", {"environment": "+"}, []),
    ("氛围很好，装修很温馨", "positive", {"environment": "+"}, []),
    ("周末店里太吵了，根本没法安静看书，座位也不够", "negative", {"environment": "-"}, []),
    ("WiFi 经常断，没法办公", "negative", {"environment": "-"}, []),
    ("wifi总是断", "negative", {"environment": "-"}, []),
    ("店里人太多，吵吵闹闹的，不像书店像菜市场", "negative", {"environment": "-"}, []),
    # a child pestering to come is no noisy place
    ("绘本区很适合带娃，孩子每周都吵着要来", "positive", {"environment": "none"}, ["tag=childrens_books"]),
    ("隔壁一直吵着，根本睡不着", "negative", {"environment": "-"}, []),
]

BOOK_DEFECTS = [
    ("买的书有缺页", "negative", {"quality": "-"}, []),
    ("The book has missing pages.", "negative", {"quality": "-"}, []),
    ("第三章少页，还有几页印刷模糊", "negative", {"quality": "-"}, []),
    ("孩子很喜欢绘本，但是有一本书角很锋利，划到了手", None, {"quality": "-"}, ["tag=childrens_books"]),
    ("The toy has sharp edges, my son cut his finger", "negative", {"quality": "-"}, []),
    ("外卖送来的书封面被压坏了", "negative", {"packaging": "-", "quality": "none"}, ["no_tag=dining_out", "no_tag=food_drink"]),
    ("快递把书压坏了", "negative", {"packaging": "-"}, []),
    ("书到的时候封面压皱了", "negative", {"packaging": "-"}, []),
]

SCENE_NOT_INTEREST = [
    ("想买个空调", None, {}, ["tag=home_appliances"]),
    ("周末喜欢点外卖", None, {}, ["tag=dining_out"]),
    ("外卖小哥送得很快", None, {}, ["no_tag=dining_out"]),
    ("I love music, the live jazz nights are great", "positive", {}, ["tag=music"]),
    ("买了手账本和钢笔，文具真好看", "positive", {}, ["tag=stationery"]),
    ("I come here for the fountain pens and notebooks", None, {}, ["tag=stationery"]),
    ("readers who also buy stationery", None, {}, ["tag=stationery"]),
]

ROWS = DELIVERY_WAITS + COMPARED_PRICES + RETURNS + THE_PLACE + BOOK_DEFECTS + SCENE_NOT_INTEREST


@pytest.mark.parametrize("text, label, aspects, checks", ROWS, ids=[row[0][:30] for row in ROWS])
def test_venue_review(text, label, aspects, checks):
    source = "chat" if any(c.endswith("return_refund") for c in checks) else None
    assert_reading(analyze_text(text, source=source), label, aspects, checks)
