"""A store and what was bought there, said together, hold on the same order (fresh eyes 12): "在五角场店做过烫染的顾客"
are the customers with a 烫染 order placed at 五角场店, not the store's customers who had 烫染 anywhere. Through the
real offline agent on a real SQLite database; each audience and figure is checked against SQL written here, and
each has a planted customer who would be counted by the old reading (a condition per order)."""

from __future__ import annotations

import pytest

from tests.agent_helpers import asked_users, conversation
from tests.db_helpers import rows
from tests.test_planner_salon import CUT, FACIAL, NAILS, PERM, client
from tools.ingest import ingest_records
from tools.profile.build import build_profiles


@pytest.fixture(scope="module")
def chain_db(tmp_path_factory):
    db = str(tmp_path_factory.mktemp("store-purchases") / "salon.db")
    ingest_records(db, [
        client(1, "female", [(PERM, 10, "五角场店")]),                          # 烫染 at 五角场店
        client(2, "female", [(CUT, 10, "五角场店"), (PERM, 40, "静安店")]),      # a 五角场店 customer, 烫染 at 静安店
        client(3, "male", [(PERM, 20, "五角场店"), (PERM, 30, "五角场店")]),
        client(4, "female", [(FACIAL, 5, "静安店"), (NAILS, 50, "五角场店")]),
        client(5, "female", [(("烫发", "烫染", 600.0), 5, "静安店"), (("烫发", "烫染", 800.0), 6, "徐汇店")]),
        client(6, "female", [(("烫发", "烫染", 1200.0), 7, "静安店")]),
        client(7, "female", [(FACIAL, 8, "静安店"), (PERM, 9, "徐汇店")]),    # a 静安店 customer, perm at 徐汇店
    ])
    build_profiles(db)
    return db


def ids(db: str, sql: str, *params) -> set[str]:
    return {user for (user,) in rows(db, sql, *params)}


def had_at(db: str, word: str, store: str) -> set[str]:
    return ids(db, "SELECT user_id FROM orders WHERE (product LIKE ? OR category LIKE ?) AND store = ?",
               f"%{word}%", f"%{word}%", store)


@pytest.mark.parametrize("question", ["在五角场店做过烫染的顾客", "五角场店烫染过的顾客有哪些", "在五角场店买过烫染的会员有多少",
                                      "近60天在五角场店做过烫染的顾客"])
def test_a_service_at_a_store_is_one_order(chain_db, question):
    # S02 is a customer of 五角场店 who had 烫染 at 静安店: not one of them
    assert asked_users(chain_db, question) == had_at(chain_db, "烫染", "五角场店") == {"S01", "S03"}


@pytest.mark.parametrize("question", ["customers who had a perm at the 静安店", "who got a perm at 静安店 in the last 60 days"])
def test_a_service_at_a_store_in_english(chain_db, question):
    # S07 is a customer of 静安店 who had her perm at 徐汇店
    assert asked_users(chain_db, question) == had_at(chain_db, "烫发", "静安店") == {"S02", "S05", "S06"}


def test_a_customer_of_the_store_said_apart_had_it_anywhere(chain_db):
    at_store = ids(chain_db, "SELECT user_id FROM orders WHERE store = '五角场店'")
    expected = at_store & ids(chain_db, "SELECT user_id FROM orders WHERE category = '烫染'")
    assert asked_users(chain_db, "五角场店的顾客里做过烫染的有哪些") == expected == {"S01", "S02", "S03"}


def test_not_at_the_store_is_no_such_order_there(chain_db):
    everyone = ids(chain_db, "SELECT user_id FROM users")
    expected = everyone - had_at(chain_db, "烫染", "五角场店")
    assert asked_users(chain_db, "没在五角场店做过烫染的顾客") == expected == {"S02", "S04", "S05", "S06", "S07"}


def test_a_figure_of_a_service_at_a_store_counts_those_orders(chain_db):
    answer, = conversation(chain_db, "perm-sales", "五角场店烫染的销售额")
    figure = dict(zip(answer.columns, answer.rows[0]))
    (orders, total), = rows(chain_db, "SELECT COUNT(*), SUM(amount) FROM orders WHERE store = '五角场店' "
                                      "AND category = '烫染'")
    assert (figure["user_count"], figure["order_count"], figure["total_spend"]) == (2, orders, total) == (2, 3, 1764.0)


def test_spend_at_a_store_counts_only_its_orders(chain_db):
    # S05 spent 600 at 静安店 and 800 at 徐汇店: over 1000 in all, not at 静安店
    expected = ids(chain_db, "SELECT user_id FROM orders WHERE store = '静安店' GROUP BY user_id HAVING SUM(amount) > 1000")
    assert asked_users(chain_db, "在静安店消费超过1000的顾客") == expected == {"S06"}
