"""Prepayments in a salon (fresh eyes 12): a 面部护理次卡 bought is no facial had, a top-up is money on account.
Through the real offline agent on a real SQLite database built by the real ingest: 做过面部护理 leaves the packs
out (unless the shop has nothing else of the word), 充值超过1000 is a spend on the top-ups, and a sales figure says
how much of it is prepayments. Every audience and figure is checked against SQL written here."""

from __future__ import annotations

import pytest

from tests.agent_helpers import asked_users, conversation
from tests.db_helpers import rows
from tests.test_planner_salon import CUT, FACIAL, client, top_up
from tools.ingest import ingest_records
from tools.profile.build import build_profiles

PACK = ("面部护理次卡10次", "次卡", 2680.0)
PREPAID = "(product LIKE '%充值%' OR product LIKE '%次卡%')"


@pytest.fixture(scope="module")
def salon_db(tmp_path_factory):
    db = str(tmp_path_factory.mktemp("prepaid") / "salon.db")
    ingest_records(db, [
        client(1, "female", [(FACIAL, 5, "静安店")]),
        client(2, "female", [(PACK, 10, "徐汇店")]),                              # bought the pack, no facial yet
        client(3, "female", [(PACK, 40, "徐汇店"), (FACIAL, 20, "静安店")]),
        client(4, "male", [(top_up(2000.0), 15, "徐汇店"), (CUT, 12, "徐汇店")]),
        client(5, "female", [(top_up(500.0), 25, "徐汇店"), (top_up(800.0), 8, "徐汇店")]),
        client(6, "female", [(top_up(800.0), 9, "徐汇店"), (CUT, 9, "静安店"), (CUT, 4, "静安店")]),
    ])
    build_profiles(db)
    return db


def ids(db: str, sql: str) -> set[str]:
    return {user for (user,) in rows(db, sql)}


@pytest.mark.parametrize("question", ["做过面部护理的顾客", "做了面部护理的会员有哪些", "customers who had a facial"])
def test_a_pack_bought_is_no_service_had(salon_db, question):
    expected = ids(salon_db, f"SELECT user_id FROM orders WHERE category = '面部护理' AND NOT {PREPAID}")
    assert asked_users(salon_db, question) == expected == {"S01", "S03"}   # S02 only bought the pack


def test_the_answer_says_the_packs_are_left_out(salon_db):
    answer, = conversation(salon_db, "facial-words", "做过面部护理的顾客有多少")
    assert "不含“面部护理次卡10次”" in answer.text, answer.text


@pytest.mark.parametrize("question", ["买过次卡的顾客", "买过面部护理次卡的顾客有哪些"])
def test_the_pack_said_is_the_pack(salon_db, question):
    assert asked_users(salon_db, question) == ids(salon_db, "SELECT user_id FROM orders WHERE category = '次卡'") \
        == {"S02", "S03"}


def test_a_shop_with_only_packs_counts_them(tmp_path):
    db = str(tmp_path / "packs.db")
    ingest_records(db, [client(1, "female", [(PACK, 5, "静安店")]), client(2, "male", [(CUT, 5, "静安店")])])
    build_profiles(db)
    assert asked_users(db, "做过面部护理的顾客") == {"S01"}   # nothing else names 面部护理: the pack is it


@pytest.mark.parametrize("question", ["充值超过1000的顾客", "累计充值超过1000的会员有多少", "customers who topped up more than 1000",
                                      "who recharged more than 1000"])
def test_a_top_up_amount_is_spend_on_the_top_ups(salon_db, question):
    expected = ids(salon_db, "SELECT user_id FROM orders WHERE category = '充值' GROUP BY user_id HAVING SUM(amount) > 1000")
    # S06 spent 800 on a top-up and more on haircuts: over 1000 in all, not in top-ups
    assert asked_users(salon_db, question) == expected == {"S04", "S05"}


@pytest.mark.parametrize("question", ["充值过的顾客", "储值过的顾客有哪些", "customers who topped up"])
def test_who_topped_up(salon_db, question):
    assert asked_users(salon_db, question) == ids(salon_db, "SELECT user_id FROM orders WHERE category = '充值'") \
        == {"S04", "S05", "S06"}


def test_sales_say_how_much_is_prepayments(salon_db):
    answer, = conversation(salon_db, "sales", "总销售额是多少")
    (total, prepaid), = rows(salon_db, f"SELECT SUM(amount), SUM(CASE WHEN {PREPAID} THEN amount END) FROM orders")
    figure = dict(zip(answer.columns, answer.rows[0]))
    assert (figure["total_spend"], figure["prepaid_spend"]) == (total, prepaid) == (10520.0, 9460.0)
    assert "预付款共 9,460.00 元" in answer.text, answer.text


def test_sales_per_store_say_each_stores_prepayments(salon_db):
    answer, = conversation(salon_db, "store-sales", "sales by store")
    figures = {row[0]: dict(zip(answer.columns, row)) for row in answer.rows}
    expected = dict(rows(salon_db, f"SELECT store, SUM(CASE WHEN {PREPAID} THEN amount ELSE 0 END) FROM orders GROUP BY store"))
    assert {store: f["prepaid_spend"] for store, f in figures.items()} == expected
    assert "9,460.00 of it prepaid" in answer.text and expected["静安店"] == 0, answer.text


def test_a_ranking_says_each_spenders_prepayments(salon_db):
    answer, = conversation(salon_db, "rank", "消费最高的前3个顾客")
    figures = {row[0]: dict(zip(answer.columns, row)) for row in answer.rows}
    expected = dict(rows(salon_db, f"SELECT user_id, SUM(CASE WHEN {PREPAID} THEN amount ELSE 0 END) FROM orders "
                                   "GROUP BY user_id"))
    assert {user: f["prepaid_spend"] for user, f in figures.items()} == {user: expected[user] for user in figures}
    assert "S03" in figures and "含预付款 2,680.00 元" in answer.text, answer.text   # S03: a pack and a facial
