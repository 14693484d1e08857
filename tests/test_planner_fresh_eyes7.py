"""Fresh-eyes review #7 (a bookstore café's own data) through the real offline agent: an unknown
city is no "top city", a negated action reads as Chinese, one interest named twice is named once,
wanting to leave is the churn intent, a mother is a woman."""

from __future__ import annotations

import pytest

from tests.agent_helpers import conversation
from tests.db_helpers import ago, rows
from tools.ingest import ingest_records
from tools.profile.build import build_profiles


def shop_user(index: int, city: str | None) -> dict:
    orders = [] if index % 4 == 0 else [{"order_id": f"o{index}", "product": "绘本", "category": "童书",
                                          "amount": 60.0, "ordered_at": ago(10)}]
    return {"user_id": f"r{index:02d}", "attributes": {"name": f"读者{index}", "gender": "female", **({"city": city} if city else {})},
            "orders": orders,
            "events": [{"type": "search", "target": "kindle", "at": ago(3)}, {"type": "search", "target": "有声书", "at": ago(2)}]
            if index == 1 else []}


@pytest.fixture(scope="module")
def shop_db(tmp_path_factory):
    db = str(tmp_path_factory.mktemp("fe7") / "shop.db")
    cities = ["上海"] * 6 + [None] * 5 + ["南京"] * 4 + ["杭州"] * 3 + ["苏州"] * 2 + ["北京"]
    ingest_records(db, [shop_user(i, city) for i, city in enumerate(cities)])
    build_profiles(db)
    return db


def test_an_unknown_city_is_last_and_never_a_top_city(shop_db):
    top, breakdown = conversation(shop_db, "fe7-cities", "which 3 cities have the most customers", "按城市分一下")
    assert [row[0] for row in top.rows] == ["上海", "南京", "杭州"]
    assert "unknown" not in top.text
    assert [row[0] for row in breakdown.rows][-1] == "unknown" and "未知 5" in breakdown.text


def test_a_negated_action_reads_as_chinese(shop_db):
    answer, = conversation(shop_db, "fe7-neg", "90天内没有下过单的顾客")
    assert "近90天没有购买过" in answer.text and "非（" not in answer.text
    assert set(answer.user_ids) == {user for (user,) in rows(
        shop_db, "SELECT user_id FROM users WHERE user_id NOT IN (SELECT user_id FROM orders)")}


def test_two_words_for_one_interest_name_it_once(shop_db):
    answer, = conversation(shop_db, "fe7-twice", "customers who searched for Kindle or audiobooks")
    assert answer.user_ids == ["r01"]
    assert "searched for E-books & audiobooks." in answer.text.replace("\n", " ")


def test_a_negated_action_reads_as_english(shop_db):
    answer, = conversation(shop_db, "fe7-neg-en", "customers who haven't ordered in 90 days")
    assert "did not order in the last 90 days" in answer.text and "not (" not in answer.text
    assert set(answer.user_ids) == {user for (user,) in rows(
        shop_db, "SELECT user_id FROM users WHERE user_id NOT IN (SELECT user_id FROM orders)")}
    searched, = conversation(shop_db, "fe7-neg-en2", "customers who searched for kindle but never bought e-books")
    assert "did not buy E-books & audiobooks" in searched.text.replace("\n", " ")
