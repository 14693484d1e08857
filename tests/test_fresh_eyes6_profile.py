"""Fresh eyes 6, profile side: one recent purchase is an active interest (item 1), and a user who
says they will leave is `churn_risk` even when new (item 6). Real SQLite files, real builds."""

import pytest

from agent.cli import main
from tools.ingest import ingest_records
from tools.profile.build import build_profiles
from tests.db_helpers import ago, rows


def customer(user_id, *, registered_days=400, orders=(), texts=()):
    return {"user_id": user_id,
            "attributes": {"gender": "female", "age": 30, "city": "上海", "registered_at": ago(registered_days)[:10]},
            "orders": list(orders), "texts": list(texts)}


def order(order_id, category, days, product="Trail running shoes"):
    return {"order_id": order_id, "product": product, "category": category, "amount": 899.0,
            "ordered_at": ago(days)}


def review(text_id, body, days, product="Trail running shoes"):
    return {"text_id": text_id, "source": "review", "text": body, "at": ago(days), "product": product}


def interest(db, user_id, tag_id):
    return rows(db, "SELECT round(confidence, 4), status FROM tags WHERE user_id = ? AND tag_id = ?", user_id, tag_id)


def test_one_order_then_its_review_is_an_active_interest(tmp_path):
    """README/docs: "one order gives 0.6 (active at the default threshold)" — also when the user
    reviewed that order two days later (the review made the order 2 days older than the anchor)."""
    db = str(tmp_path / "one.db")
    ingest_records(db, [
        customer("c026", orders=[order("o1", "Outdoor Gear", 12)],
                 texts=[review("t1", "Delivery was fast, the box was fine.", 10)]),
        customer("c040", orders=[order("o2", "登山用品", 25, product="冲锋衣")],
                 texts=[review("t2", "物流挺快的", 1, product="冲锋衣")]),
    ])
    build_profiles(db)
    assert interest(db, "c026", "outdoor_sports") == [(0.6, "active")]
    assert interest(db, "c040", "outdoor_sports") == [(0.6, "active")]


def test_a_one_off_purchase_fades_once_newer_activity_stops_repeating_it(tmp_path):
    """The full weight lasts 30 days before the user's latest activity; then it halves every year."""
    db = str(tmp_path / "fade.db")
    ingest_records(db, [customer("u1", orders=[order("o1", "图书", 100, product="小说"),
                                               order("o2", "宠物用品", 5, product="猫粮")])])
    build_profiles(db)
    (confidence, status), = interest(db, "u1", "books")
    assert confidence == pytest.approx(0.6 * 0.5 ** ((95 - 30) / 365), abs=0.002) and status == "observe"
    assert interest(db, "u1", "pets")[0][1] == "active"


def test_a_new_user_who_wants_to_cancel_is_churn_risk(tmp_path, capsys):
    """Item 6: an active churn-risk intent beats 'new' (c022 registered last week and wrote that she
    wants to cancel); `persona ask "哪些用户有流失风险"` then finds her."""
    db = str(tmp_path / "churn.db")
    ingest_records(db, [
        customer("c022", registered_days=8,
                 texts=[{"text_id": "t1", "source": "chat", "at": ago(2),
                         "text": "I want to cancel my membership, too many ads"}]),
        customer("c030", registered_days=8, orders=[order("o1", "Outdoor Gear", 3)]),
    ])
    build_profiles(db)
    assert rows(db, "SELECT intent, status FROM intents WHERE user_id = 'c022'") == [("churn_risk", "active")]
    lifecycle = dict(rows(db, "SELECT user_id, lifecycle FROM profiles"))
    assert lifecycle == {"c022": "churn_risk", "c030": "new"}
    assert main(["ask", "哪些用户有流失风险", "--db", db]) == 0
    out = capsys.readouterr().out
    assert "c022" in out and "c030" not in out
