"""An online grocer's questions (fresh eyes 15) through the real offline agent, on a small grocery's data
ingested by the real ingest: categories the taxonomy has no interest for (seafood) ranked and broken down by
the orders' own category, the shop's own event types said by everyday verbs with their targets
(FreshPass subscribed to and cancelled, the coupon code FRESH10 claimed), and when in the week and the day
orders were placed (weekends, evenings, per day of the week). Every figure is checked against SQL written here."""

from __future__ import annotations

import pytest

from tests.agent_helpers import asked_users, conversation
from tests.db_helpers import ago, rows
from tools.ingest import ingest_records
from tools.profile.build import build_profiles

# (category, amount) of each customer's orders, and their own events (type, target)
CUSTOMERS = {
    "g1": ([("seafood", 120.0), ("dairy", 8.5)], [("subscribe", "FreshPass"), ("coupon_claim", "FRESH10")]),
    "g2": ([("seafood", 95.0), ("vegetables", 4.0)], [("subscribe", "FreshPass"), ("unsubscribe", "FreshPass")]),
    "g3": ([("dairy", 6.0), ("dairy", 7.5), ("fruit", 12.0)], [("coupon_claim", "新客立减15")]),
    "g4": ([("snacks", 3.2)], [("subscribe", "FreshPass"), ("coupon_claim", "FRESH10")]),
    "g5": ([], [("coupon_claim", "FRESH10")]),
}


# orders at a known day and hour (2026-11-07 is a Saturday): the weekend and evening shopper t1, the weekday
# morning one t2, t3 at noon on a Wednesday and at 23:00 on a Sunday
TIMED = {"t1": ["2026-11-07T19:30:00", "2026-11-08T20:05:00"], "t2": ["2026-11-09T08:15:00", "2026-11-10T10:59:00"],
         "t3": ["2026-11-11T12:00:00", "2026-11-08T23:00:00"]}


@pytest.fixture(scope="module")
def grocery_db(tmp_path_factory):
    db = str(tmp_path_factory.mktemp("grocery") / "grocery.db")
    ingest_records(db, [
        {"user_id": user, "attributes": {"name": user.upper(), "city": "Singapore"},
         "orders": [{"order_id": f"{user}-o{n}", "product": f"{category} item", "category": category, "amount": amount,
                     "ordered_at": ago(10 + n)} for n, (category, amount) in enumerate(orders)],
         "events": [{"event_id": f"{user}-e{n}", "type": kind, "target": target, "at": ago(20 - n)}
                    for n, (kind, target) in enumerate(events)]}
        for user, (orders, events) in CUSTOMERS.items()] + [
        {"user_id": user, "attributes": {"name": user.upper(), "city": "Singapore"},
         "orders": [{"order_id": f"{user}-o{n}", "product": "bread", "category": "bakery", "amount": 2.5, "ordered_at": at}
                    for n, at in enumerate(times)]}
        for user, times in TIMED.items()])
    build_profiles(db)
    return db


def _ask(db: str, question: str):
    answer, = conversation(db, question, question)
    assert answer.error is None, answer.text
    return answer


# -- categories: the orders' own, every one of them --

@pytest.mark.parametrize("question", ["sales by category", "which categories bring in the most revenue?",
                                      "销售额按品类", "哪个品类卖得最好"])
def test_sales_by_category_is_each_category_not_the_grand_total(grocery_db, question):
    expected = rows(grocery_db, "SELECT category, ROUND(SUM(amount), 2) FROM orders GROUP BY category "
                                "ORDER BY SUM(amount) DESC, category")
    assert expected[0][0] == "seafood"   # the biggest category, one the taxonomy has no interest for
    answer = _ask(grocery_db, question)
    got = [(record[0], record[answer.columns.index("total_spend")]) for record in answer.rows]
    assert got == expected


def test_categories_ranked_by_orders(grocery_db):
    expected = rows(grocery_db, "SELECT category, COUNT(*) FROM orders GROUP BY category ORDER BY COUNT(*) DESC, category "
                                "LIMIT 2")
    answer = _ask(grocery_db, "top 2 categories by orders")
    assert [(record[0], record[answer.columns.index("order_count")]) for record in answer.rows] == expected


# -- own event types by everyday verbs, bound to their targets --

def _had(db: str, kind: str, target: str) -> set[str]:
    return {user for (user,) in rows(db, "SELECT DISTINCT user_id FROM events WHERE type = ? AND target = ?", kind, target)}


@pytest.mark.parametrize("question, kind, target", [
    ("users who subscribed to FreshPass", "subscribe", "FreshPass"),
    ("FreshPass subscribers", "subscribe", "FreshPass"),
    ("开通了FreshPass的用户", "subscribe", "FreshPass"),
    ("who cancelled their FreshPass?", "unsubscribe", "FreshPass"),
    ("退订了FreshPass的用户", "unsubscribe", "FreshPass"),
    ("领过FRESH10的顾客", "coupon_claim", "FRESH10"),
    ("customers who claimed FRESH10", "coupon_claim", "FRESH10"),
])
def test_an_own_event_is_said_by_its_verb_and_target(grocery_db, question, kind, target):
    expected = _had(grocery_db, kind, target)
    assert 0 < len(expected) < len(CUSTOMERS)
    assert asked_users(grocery_db, question) == expected


def test_a_claimed_code_without_an_order_after_it(grocery_db):
    # g5 claimed FRESH10 and never ordered; g1 and g4 ordered after their claims
    expected = {user for (user,) in rows(grocery_db, """
        SELECT DISTINCT e.user_id FROM events e WHERE e.type = 'coupon_claim' AND e.target = 'FRESH10'
        AND NOT EXISTS (SELECT 1 FROM orders o WHERE o.user_id = e.user_id AND o.ordered_at >= e.at)""")}
    assert expected == {"g5"}
    assert asked_users(grocery_db, "users who claimed FRESH10 but didn't order") == expected


def test_a_type_said_as_stored_with_the_word_event(grocery_db):
    expected = {user for (user,) in rows(grocery_db, "SELECT DISTINCT user_id FROM events WHERE type = 'coupon_claim'")}
    assert asked_users(grocery_db, "有coupon_claim事件的用户") == expected
    assert asked_users(grocery_db, "订了会员月卡的用户") == _had(grocery_db, "subscribe", "FreshPass")


# -- when orders were placed: strftime over orders.ordered_at --

def _ordered_when(db: str, test: str) -> set[str]:
    return {user for (user,) in rows(db, f"SELECT DISTINCT user_id FROM orders WHERE {test}")}


@pytest.mark.parametrize("question, test", [
    ("customers who ordered on weekends", "strftime('%w', ordered_at) IN ('0', '6')"),
    ("周末下单的用户", "strftime('%w', ordered_at) IN ('0', '6')"),
    ("早上下单的用户", "CAST(strftime('%H', ordered_at) AS INTEGER) BETWEEN 5 AND 10"),
    ("evening shoppers", "CAST(strftime('%H', ordered_at) AS INTEGER) BETWEEN 17 AND 21"),
    ("中午下单的顾客", "CAST(strftime('%H', ordered_at) AS INTEGER) BETWEEN 11 AND 13"),
    ("customers who order late at night", "(CAST(strftime('%H', ordered_at) AS INTEGER) >= 22 OR "
                                          "CAST(strftime('%H', ordered_at) AS INTEGER) <= 4)"),
])
def test_a_part_of_the_week_or_day_is_when_an_order_was_placed(grocery_db, question, test):
    expected = _ordered_when(grocery_db, test)
    assert expected and expected < set(CUSTOMERS) | set(TIMED)
    assert asked_users(grocery_db, question) == expected


def test_the_answer_says_the_hours_it_used(grocery_db):
    assert "17:00–21:59" in " ".join(_ask(grocery_db, "evening shoppers").text.split())
    assert "5:00–10:59" in " ".join(_ask(grocery_db, "早上下单的用户").text.split())


def test_orders_per_day_of_the_week_and_weekdays_against_weekends(grocery_db):
    per_day = dict(rows(grocery_db, "SELECT strftime('%w', ordered_at), COUNT(*) FROM orders GROUP BY 1"))
    answer = _ask(grocery_db, "which day of the week has the most orders")
    got = {record[0]: record[answer.columns.index("order_count")] for record in answer.rows}
    assert got == per_day
    weekend = sum(n for day, n in per_day.items() if day in ("0", "6"))
    answer = _ask(grocery_db, "工作日 vs 周末的订单数")
    got = {record[0]: record[answer.columns.index("order_count")] for record in answer.rows}
    assert got == {"weekend": weekend, "weekday": sum(per_day.values()) - weekend}
    assert "周末（周六、周日）" in answer.text


# -- a category the taxonomy has no interest for is the data's own, never dropped --

def test_comparing_a_known_kind_with_a_data_category_keeps_both(grocery_db):
    expected = dict(rows(grocery_db, "SELECT category, ROUND(SUM(amount), 2) FROM orders "
                                     "WHERE category IN ('dairy', 'seafood') GROUP BY category"))
    for question in ("compare sales of dairy and seafood", "对比一下乳制品和海鲜的销售额"):
        answer = _ask(grocery_db, question)
        got = {record[0]: record[answer.columns.index("total_spend")] for record in answer.rows}
        assert got == expected, question


def test_a_chinese_word_is_the_english_category_it_names(grocery_db):
    buyers = {user for (user,) in rows(grocery_db, "SELECT DISTINCT user_id FROM orders WHERE category = 'seafood'")}
    assert asked_users(grocery_db, "买过海鲜的用户") == buyers
    answer = _ask(grocery_db, "海鲜的销售额")
    assert answer.rows[0][answer.columns.index("total_spend")] == \
        rows(grocery_db, "SELECT ROUND(SUM(amount), 2) FROM orders WHERE category = 'seafood'")[0][0]
