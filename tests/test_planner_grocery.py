"""An online grocer's questions (fresh eyes 15) through the real offline agent, on a small grocery's data
ingested by the real ingest: categories the taxonomy has no interest for (seafood) ranked and broken down by
the orders' own category, and the shop's own event types said by everyday verbs with their targets
(FreshPass subscribed to and cancelled, the coupon code FRESH10 claimed). Every figure is checked against
SQL written here."""

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


@pytest.fixture(scope="module")
def grocery_db(tmp_path_factory):
    db = str(tmp_path_factory.mktemp("grocery") / "grocery.db")
    ingest_records(db, [
        {"user_id": user, "attributes": {"name": user.upper(), "city": "Singapore"},
         "orders": [{"order_id": f"{user}-o{n}", "product": f"{category} item", "category": category, "amount": amount,
                     "ordered_at": ago(10 + n)} for n, (category, amount) in enumerate(orders)],
         "events": [{"event_id": f"{user}-e{n}", "type": kind, "target": target, "at": ago(20 - n)}
                    for n, (kind, target) in enumerate(events)]}
        for user, (orders, events) in CUSTOMERS.items()])
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
    answer = _ask(grocery_db, "top 2 categories by orders")
    assert [record[0] for record in answer.rows] == ["dairy", "seafood"]   # 3 orders, then 2 (ties by name)


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
