"""Reviews and chats of a beauty salon and a travel agency, table-driven (fresh-eyes reports 12 and 13):
the craft of the person who serves in person — a stylist, technician, beautician or guide — is the
`teacher` aspect with its polarity (手法太重, 剪得太短, 技术不行, "really listened"); being kept waiting past
an appointment is the service; a sales push for a card is no app; a flight, train or tour delay and a
rushed itinerary are the `itinerary` aspect, not a delivery; a holiday "package" is no packaging; a
sarcastic "Best airline ever" after a delay is no praise; a polite refund request is no anger.

Rows as in tests/analyzer_rows.py: (text, overall label or None, {aspect: sign}, checks). Written by hand
from how salon clients and travellers talk; the reports' sentences are only a few of the rows. The
controls keep what must not change: a late parcel is delivery, a parcel's box is packaging, a phone's
technology is nobody's skill, a size guide is no guide, the queue for a table is the place.
"""

from __future__ import annotations

import pytest

from tests.analyzer_rows import assert_reading
from tools.analyzers import analyze_text

PRACTITIONERS = [
    ("技师手法太重了，按得脸疼", "negative", {"teacher": "-", "service": "none"}, []),
    ("按摩师手法很重，按完全身疼", "negative", {"teacher": "-"}, []),
    ("发型师剪得太短了，技术不行", "negative", {"teacher": "-"}, []),
    ("这次的美容师手法很生疏，做完脸过敏了", "negative", {"teacher": "-", "quality": "-"}, []),
    ("理发师把我头发剪坏了", "negative", {"teacher": "-"}, []),
    ("美甲师技术太差，甲油涂得坑坑洼洼", "negative", {"teacher": "-"}, []),
    ("美容师手法很专业，做完皮肤很透亮", "positive", {"teacher": "+"}, []),
    ("技师手法娴熟，力道刚好", "positive", {"teacher": "+", "size_fit": "none"}, []),
    ("按摩力道太大了，很疼", "negative", {"teacher": "-", "size_fit": "none"}, []),
    ("发型师技术很好，剪得很满意", "positive", {"teacher": "+"}, []),
    ("导游态度很差，一直带我们去购物店。", "negative", {"teacher": "-", "service": "none"}, []),
    ("领队讲解很专业，全程很负责", "positive", {"teacher": "+"}, []),
    ("Great haircut, the stylist really listened", "positive", {"teacher": "+"}, []),
    ("The stylist didn't listen and cut it too short.", "negative", {"teacher": "-"}, []),
    ("The technician was heavy-handed and my face hurt.", "negative", {"teacher": "-"}, []),
    ("The beautician was gentle and very professional.", "positive", {"teacher": "+", "service": "none"}, []),
    ("The tour guide was rude and kept rushing us into shopping stops.", "negative", {"teacher": "-"},
     ["no_intent=research"]),
    ("Amazing trip, the guide was fantastic and very knowledgeable!", "positive", {"teacher": "+"},
     ["no_intent=research"]),
    ("Our guide barely spoke English and got us lost twice.", "negative", {"teacher": "-"}, ["no_intent=research"]),
    # controls: the front desk and customer service stay the service; a phone's technology and a
    # size guide or a buying guide are nobody's; a guide to read is still research
    ("前台态度很差，等了半天没人理", "negative", {"service": "-", "teacher": "none"}, []),
    ("客服态度很差", "negative", {"service": "-", "teacher": "none"}, []),
    ("这款手机的技术不错，拍照清楚", "positive", {"teacher": "none"}, []),
    ("The size guide was accurate, fits perfectly.", "positive", {"teacher": "none", "size_fit": "+"}, []),
    ("Any buying guide for trail running shoes?", None, {"teacher": "none"}, ["intent=research"]),
]

KEPT_WAITING = [
    ("约好的时间去了还要等四十分钟", "negative", {"service": "-"}, []),
    ("预约了下午三点，到店后又等了一个小时", "negative", {"service": "-"}, []),
    ("They kept us waiting for 40 minutes even though we had a booking.", "negative", {"service": "-"}, []),
    ("We waited 40 minutes past our appointment.", "negative", {"service": "-"}, []),
    ("店员一直推销办卡，服务体验很差", "negative", {"service": "-", "usability": "none"}, []),
    ("环境安静，小姐姐很温柔，下次还约她", "positive", {"environment": "+", "service": "+"}, ["intent=repurchase"]),
    ("做完脸过敏了，红了一大片，想退卡", "negative", {"quality": "-"}, ["no_tag=movies", "intent=churn_risk"]),
    # controls: the queue for a table stays the place's; an app's experience stays usability; a film stays one
    ("排队等了一个小时", "negative", {"environment": "-", "service": "none"}, []),
    ("这个App的使用体验很差", "negative", {"usability": "-"}, []),
    ("周末去看了一部大片，特效很震撼", None, {}, ["tag=movies"]),
]

TRIPS = [
    ("航班延误了五个小时，没有任何补偿。", "negative", {"itinerary": "-", "delivery": "none"}, []),
    ("Our flight was delayed 6 hours and nobody told us anything.", "negative",
     {"itinerary": "-", "delivery": "none"}, []),
    ("火车晚点两个小时，行程全乱了", "negative", {"itinerary": "-", "delivery": "none"}, []),
    ("行程安排太赶了，每天早上六点就出发。", "negative", {"itinerary": "-"}, []),
    ("行程很赶，走马观花", "negative", {"itinerary": "-"}, []),
    ("行程太紧了，每天都在赶路", "negative", {"itinerary": "-", "size_fit": "none"}, []),
    ("The itinerary was too tight.", "negative", {"itinerary": "-", "size_fit": "none"}, []),
    ("too tight across the shoulders", "negative", {"size_fit": "-", "itinerary": "none"}, []),
    ("The itinerary was too packed, no free time at all.", "negative", {"itinerary": "-"}, []),
    ("Well organized itinerary and a relaxed pace.", "positive", {"itinerary": "+"}, []),
    ("Oh great, another 5-hour delay. Best airline ever.", "negative", {"delivery": "none"}, []),
    ("Overpriced package, I found the same hotel cheaper elsewhere.", "negative",
     {"price": "-", "packaging": "none"}, []),
    ("我想退订日本自由行，能全额退款吗？", "neutral", {}, ["intent=return_refund"]),
    ("Can I get a full refund for the Japan trip?", "neutral", {}, ["intent=return_refund"]),
    ("Thinking about Bali or Phuket for Christmas, which one is better for kids?", None, {},
     ["tag=outbound_travel"]),
    # controls: a late parcel is a delivery, a parcel's box its packaging, a plain best-ever praise
    ("飞机又晚点了，真无语", "negative", {"itinerary": "-", "delivery": "none"}, []),
    ("快递延误了三天才到", "negative", {"delivery": "-", "itinerary": "none"}, []),
    ("东西收到了，还没吃，晚点再吃", None, {"itinerary": "none", "delivery": "none"}, []),
    ("The package arrived late and the box was crushed.", "negative", {"delivery": "-", "packaging": "-"}, []),
    ("Best trip ever, the beaches were stunning.", "positive", {}, []),
    ("退款太慢了，等了两周", "negative", {}, ["intent=return_refund"]),
]

ROWS = PRACTITIONERS + KEPT_WAITING + TRIPS


@pytest.mark.parametrize("text, label, aspects, checks", ROWS, ids=[row[0][:30] for row in ROWS])
def test_salon_and_travel_review(text, label, aspects, checks):
    assert_reading(analyze_text(text, source="review"), label, aspects, checks)
