"""A travel agency's questions (fresh eyes 13): places that name its own goods ("Japan tour", 日本自由行) are
those goods, not countries; 订过 / 预订 and "booked" are orders; its own `cancel` events answer 取消过订单;
"only one booking" is exactly one order; a segment's quoted name is kept whole. Records loaded through the
real `persona ingest` and built, asked through the offline agent on the SQLite file."""

from __future__ import annotations

import re

import pytest

from tests.agent_helpers import asked_users as users
from tests.agent_helpers import conversation
from tests.db_helpers import ago, ingested_and_built, rows

# user -> (orders: (product, category, brand, amount), events: (type, target))
TRAVELLERS = {
    "v1": ([("日本自由行 东京大阪7天", "日本自由行", "携程", 6000), ("日本自由行 北海道", "日本自由行", "携程", 7000)],
           [("search", "日本 自由行"), ("cancel", "日本自由行 北海道")]),
    "v2": ([("Japan Free & Easy 6D", "Japan tour", "JTB", 9000)], [("search", "Japan trip Tokyo")]),
    "v3": ([("Europe tour 10 days", "Europe tour", "Trafalgar", 15000), ("Hilton Paris", "hotel", "Hilton", 3000)],
           [("search", "Japan trip Tokyo")]),
    "v4": ([("Flight SHA-NRT", "flight", "ANA", 4000), ("Hilton Shanghai", "hotel", "Hilton", 2000)], []),
    "v5": ([("Hilton Shanghai", "hotel", "Hilton", 2000)], [("search", "日本 自由行"), ("cancel", "Hilton Shanghai")]),
    "v6": ([], [("search", "Bali resort")]),
    "v7": ([("海岛游 巴厘岛5晚", "海岛游", "携程", 8000)], []),
    "v9": ([("Maldives island escape", "island holiday", "Anantara", 20000)], []),
    "v8": ([("欧洲十日游 法意瑞", "欧洲游", "凯撒旅游", 16000)], [("search", "东京 签证")]),
}
# user -> what they wrote: two flight delays, two rushed schedules (one kind of itinerary complaint each),
# and a parcel late (the delivery, no trip)
REVIEWS = {"v1": "航班延误了五个小时，没有任何补偿。", "v3": "Our flight was delayed 6 hours and nobody told us anything.",
           "v2": "The itinerary was too packed, no free time at all.", "v5": "行程安排太赶了，每天早上六点就出发。",
           "v7": "快递延误了三天才到，包装也破了"}


@pytest.fixture(scope="module")
def travel_db(tmp_path_factory):
    records = [{"user_id": user, "attributes": {"name": f"旅客{user}", "city": "上海"},
                "orders": [{"order_id": f"{user}-o{k}", "product": product, "category": category, "brand": brand,
                            "amount": amount, "ordered_at": ago(40 + 10 * k)}
                           for k, (product, category, brand, amount) in enumerate(orders)],
                # each order has its booking event, as the agency's export has them
                "texts": [{"text_id": f"{user}-r", "source": "review", "text": REVIEWS[user], "at": ago(20)}]
                if user in REVIEWS else [],
                "events": [{"type": kind, "target": target, "at": ago(5 + k)} for k, (kind, target) in enumerate(events)] +
                [{"type": "booking", "target": product, "category": category, "at": ago(40 + 10 * k)}
                 for k, (product, category, *_) in enumerate(orders)]}
               for user, (orders, events) in TRAVELLERS.items()]
    return ingested_and_built(tmp_path_factory.mktemp("travel"), "travel", records)


@pytest.mark.parametrize("question, expected", [
    # Japan is the agency's Japan tours and 日本自由行, in either language: not a country refused
    # (v8 searched 东京 only: a city of Japan)
    ("who searched for Japan but never booked a Japan trip?", {"v3", "v5", "v8"}),
    ("搜索过日本但没订过日本的用户", {"v3", "v5", "v8"}),
    ("搜索过日本但没买过日本自由行的用户", {"v2", "v3", "v5", "v8"}),   # the category said: Japan tour is not it
    ("who searched Japan but didn't book?", {"v3", "v5", "v8"}),   # the same goods, not booked
    ("搜索过日本但没有预订的客户", {"v3", "v5", "v8"}),
    ("customers who searched Japan", {"v1", "v2", "v3", "v5", "v8"}),
    # an island holiday is its islands too (Bali, Maldives, 普吉岛): searched, and booked in either language
    ("who searched for islands but didn't book?", {"v6"}),
    ("搜索过海岛但没订过海岛游的用户", {"v6"}),
    ("customers who booked island holidays", {"v7", "v9"}),
    ("customers who booked Japan", {"v1", "v2"}),
    ("订过日本游的客户", {"v1", "v2"}),
    ("customers who booked Japan more than once", {"v1"}),
    ("who booked Europe tours", {"v3", "v8"}),
    ("订过欧洲游的客户", {"v3", "v8"}),
    # booking verbs are orders
    ("订过携程产品的客户有哪些？", {"v1", "v7"}),
    ("预订过海岛游的客户", {"v7", "v9"}),   # the island trips in either language
    ("who booked an island holiday?", {"v7", "v9"}),
    ("订过2次以上的客户", {"v1", "v3", "v4"}),
    ("who booked with Hilton?", {"v3", "v4", "v5"}),
    # only one booking: exactly one order
    ("customers with only one booking", {"v2", "v5", "v7", "v8", "v9"}),
    ("只下过一单的客户", {"v2", "v5", "v7", "v8", "v9"}),
    ("只订过一次的客户", {"v2", "v5", "v7", "v8", "v9"}),
    # the agency's own cancel events
    ("取消过订单的客户有多少人？", {"v1", "v5"}),
    ("who cancelled a booking?", {"v1", "v5"}),
    # both of two kinds of goods: each of them, not either
    ("customers who booked both a flight and a hotel", {"v4"}),
    ("users who bought both Japan and Europe tours", set()),
    ("who bought both hotels and Europe tours", {"v3"}),
    # the itinerary aspect, and the kind of complaint about it a question names: a delay, a rushed schedule
    ("who complained about flight delays?", {"v1", "v3"}),
    ("航班延误投诉的用户", {"v1", "v3"}),
    ("有多少人投诉过航班晚点", {"v1", "v3"}),
    ("行程太赶的客户", {"v2", "v5"}),
    ("customers who said the schedule was too rushed", {"v2", "v5"}),
    ("对行程不满的客户", {"v1", "v2", "v3", "v5"}),
    ("who complained about the itinerary?", {"v1", "v2", "v3", "v5"}),
    ("对物流不满的客户", {"v7"}),   # a parcel late is no trip's delay
    # only ever one kind: every order of theirs is of it (v4 booked a flight and a hotel, v5 a hotel alone)
    ("只订过酒店的客户", {"v5"}),
    ("customers who only booked hotels", {"v5"}),
    ("who only ever bought Japan tours", {"v1", "v2"}),
    ("只买过携程产品的客户", {"v1", "v7"}),
])
def test_travel_questions_find_the_planted_users(travel_db, question, expected):
    assert users(travel_db, question) == expected


@pytest.mark.parametrize("question", ["how many families do we have?", "带孩子出行的客户有哪些？"])
def test_families_are_the_family_first_value_and_the_answer_says_so(travel_db, question):
    answer, = conversation(travel_db, question, question)
    assert re.search(r"Family first|家庭至上", answer.text), answer.text


@pytest.mark.parametrize("question", ["what did people search for most this month?", "最近30天最常搜索的目的地", "大家都搜什么"])
def test_the_words_searched_most_are_listed_not_the_searchers(travel_db, question):
    answer, = conversation(travel_db, question, question)
    assert answer.columns[0] == "search_term", answer.text
    found = {row[0]: row[answer.columns.index("user_count")] for row in answer.rows}
    searchers = rows(travel_db, "SELECT target, COUNT(DISTINCT user_id) FROM events WHERE type = 'search' GROUP BY target")
    assert found == dict(searchers) == {"日本 自由行": 2, "Japan trip Tokyo": 2, "Bali resort": 1, "东京 签证": 1}
    counts = [row[answer.columns.index("user_count")] for row in answer.rows]
    assert counts == sorted(counts, reverse=True)   # most searched first


def test_the_searches_of_a_window_only(travel_db):
    answer, = conversation(travel_db, "searched-today", "what did people search for most today?")
    assert answer.rows == [], answer.text


def test_a_place_that_names_no_goods_is_still_a_country(travel_db):
    answer, = conversation(travel_db, "france", "customers in France")
    assert answer.user_ids is None and "France" in answer.text, answer.text


def test_orders_of_a_category_said_by_its_name_are_counted(travel_db):
    answer, = conversation(travel_db, "japan-orders", "日本自由行卖了多少单？")
    assert re.search(r"订单总数为 2 笔", answer.text), answer.text


def test_a_quoted_segment_name_is_saved_without_the_word_for_segment(travel_db):
    conversation(travel_db, "save", "把订过携程产品的客户保存为人群“携程客户”")
    assert rows(travel_db, "SELECT name FROM segments WHERE name LIKE '%携程%'") == [("携程客户",)]


@pytest.mark.parametrize("question", ["revenue by destination", "每个目的地的销售额是多少？"])
def test_revenue_by_destination_is_each_product_sales(travel_db, question):
    answer, = conversation(travel_db, question, question)
    assert answer.columns[0] == "product", answer.text
    found = {row[0]: row[answer.columns.index("total_spend")] for row in answer.rows}
    assert found == dict(rows(travel_db, "SELECT product, SUM(amount) FROM orders GROUP BY product"))
