"""上个月 / last month and 上周 / last week are the whole calendar month / week (Monday to Sunday) before
this one, as 上个季度 is the quarter (blind round 10: "宠物用品上个月的订单数" meant November's orders);
最近一个月 / 近30天 / the past month / in the last month stay the last 30 days, 近一周 / the past week 7.

The readings themselves are items of the operator battery (tests/fixtures/operator_battery.yaml, "上个月 /
last month is the calendar month"); here: the days they take, and the users and orders they find on the
planner's hand-built database (orders spread over the last 400 days, relative to now).
"""

from __future__ import annotations

from datetime import date

import pytest

from agent.planner.describe import period_before_days
from agent.planner.plan import planner_answer
from tests.planner_helpers import answer_rows as _rows
from tests.planner_helpers import answer_users as _users
from tests.planner_helpers import sql_users as _sql_users
from tests.test_planner_fixture import build_fixture_db
from tools.sql_guard import run_sql

@pytest.fixture(scope="module")
def db(tmp_path_factory):
    return build_fixture_db(tmp_path_factory.mktemp("periods") / "periods.db", n_users=300)


_ORDERED = "SELECT DISTINCT user_id FROM orders WHERE ordered_at >= {} AND ordered_at < {}"
_MONTH = "date('now', 'start of month')"
_WEEK = "date('now', '-6 days', 'weekday 1')"   # this week's Monday


@pytest.mark.parametrize("today, kind, back, first, last", [
    (date(2026, 12, 7), "last_month", 1, date(2026, 11, 1), date(2026, 11, 30)),
    (date(2026, 1, 15), "last_month", 1, date(2025, 12, 1), date(2025, 12, 31)),
    (date(2026, 3, 31), "last_month", 1, date(2026, 2, 1), date(2026, 2, 28)),
    (date(2026, 1, 15), "last_month", 2, date(2025, 11, 1), date(2025, 11, 30)),
    (date(2026, 12, 7), "last_week", 1, date(2026, 11, 30), date(2026, 12, 6)),   # a Monday: the week before
    (date(2026, 12, 13), "last_week", 1, date(2026, 11, 30), date(2026, 12, 6)),  # a Sunday: still that week
    (date(2026, 1, 2), "last_week", 2, date(2025, 12, 15), date(2025, 12, 21)),
    (date(2026, 2, 10), "last_quarter", 1, date(2025, 10, 1), date(2025, 12, 31)),
    (date(2026, 12, 7), "last_quarter", 2, date(2026, 4, 1), date(2026, 6, 30)),
])
def test_the_days_of_a_period_before_this_one(today, kind, back, first, last):
    assert period_before_days(kind, today, back) == (first, last)


@pytest.mark.parametrize("question, said", [
    ("上个月下过单的用户", "上个月（{}至{}）"), ("上月对物流不满的用户", "上个月（{}至{}）"),
    ("users who ordered last month", "last month ({} to {})"),
    ("customers who complained about delivery in the previous month", "last month ({} to {})"),
])
def test_the_answer_says_the_days_of_last_month(question, said):
    first, last = period_before_days("last_month", date.today())
    assert said.format(first, last) in planner_answer(question).description


def test_the_answer_says_the_days_of_last_week():
    monday, sunday = period_before_days("last_week", date.today())
    assert sunday.weekday() == 6 and (sunday - monday).days == 6
    assert f"上周（{monday}至{sunday}）" in planner_answer("上礼拜下过单的用户").description
    assert f"last week ({monday} to {sunday})" in planner_answer("users who ordered last week").description


@pytest.mark.parametrize("question", ["最近一个月下过单的用户", "近一个月下过单的用户", "users who ordered in the past month",
                                      "users who ordered in the last month"])
def test_the_last_month_said_as_a_length_stays_30_days(question):
    assert planner_answer(question).description == ("近30天购买过" if "月" in question else
                                                    "placed an order in the last 30 days")


def test_last_month_finds_who_ordered_in_the_calendar_month_before(db):
    expected = _sql_users(db, _ORDERED.format(f"date({_MONTH}, '-1 month')", _MONTH))
    thirty_days = _sql_users(db, "SELECT user_id FROM orders WHERE ordered_at >= date('now', '-30 days')")
    assert expected and expected != thirty_days   # the two readings differ on these data
    for question in ("上个月下过单的用户", "上月买过东西的人", "users who ordered last month",
                     "customers who placed an order in the previous month"):
        assert _users(db, question) == expected, question
    assert _users(db, "最近一个月下过单的用户") == thirty_days


def test_the_month_before_last(db):
    expected = _sql_users(db, _ORDERED.format(f"date({_MONTH}, '-2 months')", f"date({_MONTH}, '-1 month')"))
    assert expected and _users(db, "上上个月下过单的用户") == expected
    assert _users(db, "users who ordered the month before last") == expected


def test_last_week_finds_who_ordered_monday_to_sunday_before(db):
    expected = _sql_users(db, _ORDERED.format(f"date({_WEEK}, '-7 days')", _WEEK))
    assert expected and _users(db, "上周下过单的用户") == expected
    assert _users(db, "users who ordered last week") == expected
    assert _users(db, "近一周下过单的用户") == _sql_users(
        db, "SELECT user_id FROM orders WHERE ordered_at >= date('now', '-7 days')")


def test_last_months_orders_are_counted_over_the_calendar_month(db):
    (orders, total), = run_sql(db, f"SELECT COUNT(*), ROUND(SUM(amount), 2) FROM orders "
                                   f"WHERE ordered_at >= date({_MONTH}, '-1 month') AND ordered_at < {_MONTH}").rows
    assert orders
    for question in ("上个月一共有多少订单", "total sales last month"):
        (_, count, amount), = _rows(db, question)   # users, orders, the amount
        assert (count, amount) == (orders, total), question
