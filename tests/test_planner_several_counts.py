"""Several audiences of different attributes, how many each ("新客和老客各有多少", "new customers vs
returning customers, how many of each?", "compare hikers and gold members"): one count per part in one
answer, on the demo data through the real agent, not the users who are both. Values of one attribute
("男女各多少", "how many men and how many women") stay a breakdown by it."""

from __future__ import annotations

import re

import pytest

from tests.agent_helpers import conversation
from tests.test_planner_demo import demo_db  # noqa: F401  (the demo database, built once)
from tools.sql_guard import run_sql

NEW = "SELECT COUNT(*) FROM profiles WHERE lifecycle = 'new'"
ORDERED = "SELECT COUNT(DISTINCT user_id) FROM orders"
HIKERS = "SELECT COUNT(DISTINCT user_id) FROM tags WHERE tag_id = 'hiking' AND status = 'active'"
GOLD = "SELECT COUNT(*) FROM users WHERE member_level = 'gold'"


def one(db: str, sql: str) -> int:
    return run_sql(db, sql).rows[0][0]


@pytest.mark.parametrize("question, first, second", [
    ("新客和老客各有多少", NEW, ORDERED),
    ("新客户和老客户分别有多少人", NEW, ORDERED),
    ("new customers vs returning customers, how many of each?", NEW, ORDERED),
    ("how many new customers and how many returning customers", NEW, ORDERED),
    ("compare hikers and gold members", HIKERS, GOLD),
])
def test_each_part_is_counted_in_one_answer(demo_db, question, first, second):  # noqa: F811
    db, _ = demo_db
    answer, = conversation(db, question, question)
    assert answer.error is None, answer.text
    counts = sorted(answer.rows[0])
    both = sorted([one(db, first), one(db, second)])
    assert counts == both and both[0] != both[1]
    listed = re.split(r"。|\.\s", answer.text)[0]   # then which is bigger and by how much
    said = [int(n) for n in re.findall(r"(\d+) (?:人|users?)", listed)]
    assert sorted(said) == both, answer.text   # the answer says each count
    assert f"{both[1] - both[0]} " in answer.text[len(listed):], answer.text


def test_the_answer_names_each_part(demo_db):  # noqa: F811
    db, _ = demo_db
    zh, = conversation(db, "counts-zh", "新客和老客各有多少")
    assert zh.text.startswith("分别统计：") and "新用户" in zh.text and "购买过" in zh.text, zh.text
    en, = conversation(db, "counts-en", "compare hikers and gold members")
    assert "Counted separately" in en.text and "Hiking" in en.text and "gold members" in en.text, en.text


@pytest.mark.parametrize("question", ["男女各多少", "how many men and how many women"])
def test_values_of_one_attribute_stay_a_breakdown(demo_db, question):  # noqa: F811
    db, _ = demo_db
    answer, = conversation(db, question, question)
    expected = dict(run_sql(db, "SELECT gender, COUNT(*) FROM users WHERE gender IN ('male', 'female') "
                                "GROUP BY gender").rows)
    assert dict(answer.rows) == expected, answer.text


def test_a_figure_of_two_attributes_audiences_is_each_audiences(demo_db):  # noqa: F811
    db, _ = demo_db
    answer, = conversation(db, "counts-figure", "compare hikers and gold members on average spend")
    record = dict(zip(answer.columns, answer.rows[0]))
    gold = run_sql(db, "SELECT ROUND(COALESCE(SUM(o.amount), 0) / COUNT(DISTINCT u.user_id), 2), COUNT(DISTINCT "
                       "u.user_id) FROM users u LEFT JOIN orders o USING (user_id) WHERE u.member_level = 'gold'").rows[0]
    assert (record["figure_1"], record["part_1"]) == tuple(gold), answer.text
