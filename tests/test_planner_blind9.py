"""The ninth blind round's fixes (/work/notes/blind9.yaml, a consumer-electronics shop) beyond what the
battery's atoms show: the users and figures on the demo data.

The readings themselves (which conditions, which output) are items of the operator battery
(tests/fixtures/operator_battery.yaml, "ninth blind round").
"""

from __future__ import annotations

from datetime import date

from agent.planner.date_anchors import latest
from agent.planner.describe import period_before_days
from agent.planner.plan import planner_answer
from tests.planner_helpers import answer_rows as _rows
from tests.planner_helpers import answer_users as _users
from tests.planner_helpers import sql_users as _sql_users
from tests.test_planner_demo import demo_db  # noqa: F401  (the demo database, built once)
from tools.sql_guard import run_sql

_TAGGED = "SELECT user_id FROM tags WHERE status = 'active' AND tag_id = '{}'"


# --- a negated interest (items 44, 84) ------------------------------------------------------------------

def test_a_negated_interest_leaves_out_its_fans_on_the_demo_data(demo_db):  # noqa: F811
    db, _ = demo_db
    expected = _sql_users(db, _TAGGED.format("fitness")) - _sql_users(db, _TAGGED.format("running"))
    assert expected and _users(db, "喜欢健身但是不喜欢跑步的用户") == expected
    assert _users(db, "fitness fans who dont like running") == expected


def test_users_not_into_an_interest_include_those_with_no_interests_on_the_demo_data(demo_db):  # noqa: F811
    db, _ = demo_db
    shanghai = _sql_users(db, "SELECT user_id FROM users WHERE city = '上海'")
    expected = shanghai - _sql_users(db, _TAGGED.format("beauty_makeup"))
    assert expected and expected != shanghai
    assert _users(db, "shanghai users who arent into makeup") == expected
    assert _users(db, "上海对美妆没兴趣的用户") == expected


# --- last quarter is the calendar quarter before this one (item 38) -------------------------------------

def test_last_quarter_counts_the_orders_of_the_calendar_quarter_before_on_the_demo_data(demo_db):  # noqa: F811
    db, _ = demo_db
    quarter = ("date('now', 'start of month', '-' || ((CAST(strftime('%m', 'now') AS INTEGER) - 1) % 3) || ' months')")
    expected = _sql_users(db, f"SELECT o.user_id FROM orders o JOIN users u ON u.user_id = o.user_id "
                              f"WHERE u.member_level = 'gold' AND o.ordered_at >= date({quarter}, '-3 months') "
                              f"AND o.ordered_at < {quarter} GROUP BY o.user_id HAVING COUNT(*) > 3")
    assert expected and _users(db, "上个季度下单超过3次的金卡会员") == expected
    assert _users(db, "gold members with more than 3 orders last quarter") == expected
    assert _users(db, "近一个季度下单超过3次的金卡会员") != expected   # the last 90 days


def test_the_answer_says_the_days_of_last_quarter():
    plan = planner_answer("上个季度下单超过3次的金卡会员")
    first, last = period_before_days("last_quarter", date.today())
    assert first.month in (1, 4, 7, 10) and (last - first).days in range(89, 92)
    assert f"上个季度（{first}至{last}）" in plan.description
    assert f"last quarter ({first} to {last})" in planner_answer("revenue last quarter").description


# --- a brand with a kind of product is the brand's (item 34) ---------------------------------------------

def test_a_brand_with_a_category_counts_the_brands_buyers_on_the_demo_data(demo_db):  # noqa: F811
    db, _ = demo_db
    # the demo's orders carry both names ("华为 Huawei"): either one names the brand
    huawei = _sql_users(db, "SELECT user_id FROM orders WHERE brand = '华为 Huawei'")
    android = _users(db, "买过安卓手机的用户")
    assert huawei and android - huawei   # other Android phones were bought too
    assert _users(db, "买过华为手机的用户") == huawei
    assert _users(db, "users who bought huawei phones") == huawei
    assert _users(db, "买过华为的用户") == huawei


# --- undecided between products; from a day onwards (items 76, 80) -------------------------------------

def test_users_weighing_up_phones_are_those_comparing_them_on_the_demo_data(demo_db):  # noqa: F811
    db, _ = demo_db
    comparing = _users(db, "users comparing phones")
    assert comparing and _users(db, "users weighing up different phones") == comparing
    assert _users(db, "在纠结买哪个手机的用户") == comparing


def test_revenue_from_a_day_onwards_sums_the_orders_since_that_day_on_the_demo_data(demo_db):  # noqa: F811
    db, _ = demo_db
    [expected] = run_sql(db, "SELECT COUNT(*), SUM(amount) FROM orders WHERE ordered_at >= '2026-10-01'").rows
    _, orders, total = _rows(db, "revenue from 2026-10-01 onwards")[0]   # users, orders, total spend
    assert expected[0] and (orders, total) == expected
    # a festival onwards is since its latest day (the demo's orders may end before it)
    day = latest("black_friday", date.today()).isoformat()
    [(since,)] = run_sql(db, "SELECT COALESCE(SUM(amount), 0) FROM orders WHERE ordered_at >= ?", [day]).rows
    assert _rows(db, "revenue from black friday onwards")[0][2] == since
