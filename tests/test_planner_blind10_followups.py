"""The tenth blind round's follow-up fixes (/work/notes/blind10.yaml, items 8, 11, 12, 19) on the demo data:
a list with a column, what an audience thinks of an aspect, "有没有人…" keeping the audience, and the orders
of a category counted as orders.

The readings themselves are items of the operator battery (tests/fixtures/operator_battery.yaml, "blind round
10: follow-ups"); these tests check the rows and the answers against hand-written SQL on the real demo database.
"""

from __future__ import annotations

import json
from datetime import date

from agent.planner.answer import INHERITED_NOTE_EN, INHERITED_NOTE_ZH, compose_answer
from agent.planner.compile import _descendants
from agent.planner.describe import period_before_days
from agent.planner.plan import planner_answer
from tests.planner_helpers import history_specs
from tests.planner_helpers import sql_users as _sql_users
from tests.test_planner_demo import demo_db  # noqa: F401  (the demo database, built once)
from tools.sql_guard import run_sql

_TAGGED = "SELECT user_id FROM tags WHERE status = 'active' AND tag_id = '{}'"


def _run(db: str, plan):
    assert plan.kind == "tool" and plan.tool == "run_sql", plan.message
    return run_sql(db, plan.args["sql"], plan.args["params"], max_rows=100_000)


def _answer(db: str, plan) -> str:
    result = _run(db, plan)
    content = json.dumps({"row_count": result.row_count, "columns": result.columns,
                          "rows": [list(row) for row in result.rows]}, ensure_ascii=False)
    return compose_answer("run_sql", content, plan.spec.to_dict(), plan.description, plan.lang,
                          inherited=plan.inherited)


# --- a column of the list (item 8) ------------------------------------------------------------------------

def test_list_them_with_their_member_level_lists_each_user_with_it_on_the_demo_data(demo_db):  # noqa: F811
    db, _ = demo_db
    expected = dict(run_sql(db, "SELECT u.user_id, u.member_level FROM users u JOIN profiles p ON p.user_id = "
                                "u.user_id WHERE p.lifecycle = 'churn_risk' AND u.user_id IN "
                                f"({_TAGGED.format('pets')})").rows)
    assert len(expected) >= 3
    specs = history_specs("how many ppl are into pets", "of those, who's at churn risk")
    for question in ("list them with their member level", "include their membership level"):
        result = _run(db, planner_answer(question, specs))
        assert "member_level" in result.columns
        at = result.columns.index("member_level")
        assert {row[0]: row[at] for row in result.rows} == expected
    answer = _answer(db, planner_answer("list them with their member level", specs))
    assert "Platinum member" in answer and "by membership level" not in answer


def test_the_chinese_column_request_and_the_breakdown_stay_apart_on_the_demo_data(demo_db):  # noqa: F811
    db, _ = demo_db
    cats = _sql_users(db, _TAGGED.format("pet_cat_owner"))
    specs = history_specs("养猫的用户")
    listed = _run(db, planner_answer("把他们的会员等级列出来", specs))
    assert {row[0] for row in listed.rows} == cats and "member_level" in listed.columns
    groups = _run(db, planner_answer("按会员等级分布", specs))
    levels = run_sql(db, "SELECT COALESCE(member_level, 'unknown'), COUNT(*) FROM users WHERE user_id IN "
                         f"({_TAGGED.format('pet_cat_owner')}) GROUP BY 1").rows
    assert sorted(groups.rows) == sorted(levels)
    cities = _run(db, planner_answer("列出这些人和他们的城市", specs))
    assert {row[0] for row in cities.rows} == cats and "city" in cities.columns


# --- what they think of an aspect (item 11) ----------------------------------------------------------------

def test_what_an_audience_thinks_of_price_is_each_users_opinion_on_the_demo_data(demo_db):  # noqa: F811
    db, _ = demo_db
    said = run_sql(db, "SELECT e.user_id, e.polarity, e.evidence FROM emotions e WHERE e.aspect = 'price' AND "
                       f"e.user_id IN ({_TAGGED.format('pets')})").rows
    scores: dict[str, list[float]] = {}
    for user, polarity, _ in said:
        scores.setdefault(user, []).append(polarity)
    assert scores
    specs = history_specs("喜欢宠物的用户")
    for question, lang in (("他们对价格评价怎么样", "zh"), ("what do they think about the price", "en")):
        plan = planner_answer(question, specs if lang == "zh" else history_specs("pet lovers"))
        result = _run(db, plan)
        rows = [dict(zip(result.columns, row)) for row in result.rows]
        assert {r["user_id"] for r in rows} == set(scores)
        for r in rows:
            assert r["opinion_score"] == round(sum(scores[r["user_id"]]) / len(scores[r["user_id"]]), 2)
            assert r["opinions"] == len(scores[r["user_id"]])
            assert r["quote"] in {e for u, _, e in said if u == r["user_id"]}
        positive = sum(1 for values in scores.values() if sum(values) > 0)
        answer = _answer(db, plan)
        assert (f"正面 {positive}" if lang == "zh" else f"positive {positive}") in answer


def test_after_an_opinion_question_the_next_follow_up_is_about_the_same_people(demo_db):  # noqa: F811
    db, _ = demo_db
    specs = history_specs("喜欢宠物的用户", "他们对价格评价怎么样")
    plan = planner_answer("他们觉得物流怎么样", specs)
    talked = _sql_users(db, "SELECT user_id FROM emotions WHERE aspect = 'delivery'")
    assert {row[0] for row in _run(db, plan).rows} == _sql_users(db, _TAGGED.format("pets")) & talked
    assert "价格" not in plan.description


# --- "有没有人想退款" after an audience (item 12) ----------------------------------------------------------

def test_anyone_with_an_intent_after_an_audience_is_of_that_audience_and_says_so_on_the_demo_data(demo_db):  # noqa: F811
    db, _ = demo_db
    comparing = _sql_users(db, "SELECT user_id FROM intents WHERE intent = 'compare' AND status = 'active'")
    churn = _sql_users(db, "SELECT user_id FROM profiles WHERE lifecycle = 'churn_risk'")
    gold = _sql_users(db, "SELECT user_id FROM users WHERE member_level = 'gold'")
    pets = _sql_users(db, _TAGGED.format("pets"))
    assert gold & comparing and comparing - gold and pets & churn and churn - pets   # the audience matters
    for question, history, expected, note in (
            ("有没有人在比价", ["金卡会员"], gold & comparing, INHERITED_NOTE_ZH),
            ("谁在比价", ["金卡会员"], gold & comparing, INHERITED_NOTE_ZH),
            ("is anyone comparing products?", ["gold members"], gold & comparing, INHERITED_NOTE_EN),
            ("who's at churn risk?", ["how many ppl are into pets"], pets & churn, INHERITED_NOTE_EN)):
        plan = planner_answer(question, history_specs(*history))
        assert {row[0] for row in _run(db, plan).rows} == expected, question
        assert _answer(db, plan).startswith(note), question
    fresh = planner_answer("有多少用户在比价", history_specs("金卡会员"))
    assert {row[0] for row in _run(db, fresh).rows} == comparing and not fresh.inherited


# --- the orders of a category, counted as orders (item 19) -------------------------------------------------

def _category_orders(db: str, interest: str, where: str) -> tuple[int, int]:
    kinds = _descendants([interest])
    rows = run_sql(db, f"SELECT COUNT(*), COUNT(DISTINCT user_id) FROM orders WHERE interest_id IN "
                       f"({', '.join('?' for _ in kinds)}) AND {where}", kinds).rows
    return rows[0]


def test_orders_of_a_category_in_a_month_are_counted_as_orders_on_the_demo_data(demo_db):  # noqa: F811
    db, _ = demo_db
    today = date.today()
    year = today.year if today.month >= 10 else today.year - 1   # the latest October that has begun
    orders, buyers = _category_orders(db, "digital_electronics",
                                      f"ordered_at >= '{year}-10-01' AND ordered_at < '{year}-11-01'")
    assert orders
    plan = planner_answer("数码产品10月的订单数")
    row = dict(zip(*(lambda r: (r.columns, r.rows[0]))(_run(db, plan))))
    assert (row["order_count"], row["user_count"]) == (orders, buyers)
    answer = _answer(db, plan)
    assert f"为 {orders} 笔" in answer and "不是人数" in answer and "只算数码电子类的订单" in answer and \
        f"共 {buyers} 位用户" in answer


def test_pet_supply_orders_in_the_last_30_days_are_orders_not_users_on_the_demo_data(demo_db):  # noqa: F811
    db, _ = demo_db
    orders, buyers = _category_orders(db, "pets", "ordered_at >= date('now', '-30 days')")
    for question in ("how many pet supply orders in the last 30 days", "宠物用品近30天的订单数"):
        result = _run(db, planner_answer(question))
        row = dict(zip(result.columns, result.rows[0]))
        assert (row["order_count"], row["user_count"]) == (orders, buyers), question
    # the orders of a population stay theirs: every order of the pet lovers, of any category
    pets = run_sql(db, f"SELECT COUNT(*) FROM orders WHERE user_id IN ({_TAGGED.format('pets')})").rows[0][0]
    result = _run(db, planner_answer("养宠用户的订单数"))
    assert dict(zip(result.columns, result.rows[0]))["order_count"] == pets


def test_pet_supply_orders_last_quarter_are_the_orders_of_the_calendar_quarter_on_the_demo_data(demo_db):  # noqa: F811
    db, _ = demo_db
    first, last = period_before_days("last_quarter", date.today())
    orders, _ = _category_orders(db, "pets", f"date(ordered_at) >= '{first}' AND date(ordered_at) <= '{last}'")
    assert orders
    result = _run(db, planner_answer("pet supply orders last quarter"))
    assert dict(zip(result.columns, result.rows[0]))["order_count"] == orders
