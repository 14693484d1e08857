"""Whose figure a follow-up asks for, through the real offline agent on the demo database (fresh eyes
round 8, blind round 9): the shop's sales after a ranking, who mentioned something, what an audience
whose interests are not confident yet likes, a copy change after a data question, complaints naming no
aspect, "去掉对价格不满的". Expected figures and users come from plain SQL on the same database."""

from __future__ import annotations

import re
import sqlite3

import pytest

from tests.agent_helpers import built_demo_db, conversation

_threads = iter(range(10_000))


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    return built_demo_db(tmp_path_factory.mktemp("thread_audiences"))


def ask(db: str, *questions: str) -> list:
    return conversation(db, f"audiences{next(_threads)}", *questions)


def one(db: str, sql: str, *params):
    conn = sqlite3.connect(db)
    try:
        return conn.execute(sql, params).fetchone()[0]
    finally:
        conn.close()


def amount(text: str) -> float:
    """The last money figure of an answer ('32,467.00 元', '¥32,467.00')."""
    return float(re.findall(r"[\d,]+\.\d\d", text)[-1].replace(",", ""))


SHOP_30D = "SELECT ROUND(COALESCE(SUM(amount), 0), 2) FROM orders WHERE ordered_at >= DATE('now', '-30 days')"
TOP5_30D = ("SELECT ROUND(COALESCE(SUM(amount), 0), 2) FROM orders WHERE ordered_at >= DATE('now', '-30 days') AND "
            "user_id IN (SELECT user_id FROM orders GROUP BY user_id ORDER BY SUM(amount) DESC, user_id LIMIT 5)")


@pytest.mark.parametrize("questions", [("消费最高的前5个会员", "上个月的销售额"),
                                       ("top 5 customers by spend", "sales last month"),
                                       ("top 5 customers by spend", "what was our revenue last month?")])
def test_the_shops_sales_after_a_ranking_are_the_whole_shops(demo_db, questions):
    answer = ask(demo_db, *questions)[-1]
    assert answer.error is None, answer.text
    assert amount(answer.text) == one(demo_db, SHOP_30D) != one(demo_db, TOP5_30D)
    assert ("所有用户" if questions[0].startswith("消费") else "all users") in answer.text   # says whose


@pytest.mark.parametrize("questions", [("消费最高的前5个会员", "他们上个月的销售额"),
                                       ("top 5 customers by spend", "their sales last month")])
def test_with_a_word_pointing_back_the_sales_are_the_ranked_users(demo_db, questions):
    answer = ask(demo_db, *questions)[-1]
    assert answer.error is None, answer.text
    assert amount(answer.text) == one(demo_db, TOP5_30D)
    assert ("前5" if questions[0].startswith("消费") else "top 5") in answer.text
