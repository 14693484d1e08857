"""Phrasings the operator battery found missing, checked on real rows.

Calendar windows (本季度 / this quarter, a named month: "in november", "since October", "10月以来",
"11月份"), "超过三个月没登录", "注册不到一个月", "一单都没下", city shorthand (北上广), typed-fast
negations ("didnt") and typos ("registerd"). Each question's SQL runs through the SQL guard on the
hand-built database and returns exactly the users a plain Python filter over the same rows selects.
"""

from __future__ import annotations

from datetime import date, datetime, timezone

import pytest

from agent.planner.plan import planner_answer
from agent.planner.spelling import correction
from tests.test_planner_fixture import build_fixture_db, cutoff, load_rows
from tools.analyzers import NEUTRAL_BAND
from tools.sql_guard import run_sql


@pytest.fixture(scope="module")
def database(tmp_path_factory):
    db = build_fixture_db(tmp_path_factory.mktemp("grammar") / "grammar.db", n_users=400)
    return db, load_rows(db)


def today() -> date:
    return datetime.now(timezone.utc).date()   # SQLite's date('now')


def quarter_start() -> str:
    day = today()
    return day.replace(month=(day.month - 1) // 3 * 3 + 1, day=1).isoformat()


def last_quarter_start() -> str:
    start = date.fromisoformat(quarter_start())
    return date(start.year - (start.month == 1), (start.month - 4) % 12 + 1, 1).isoformat()


def latest_month(month: int) -> date:
    day = today()
    start = date(day.year, month, 1)
    return start if start <= day else date(day.year - 1, month, 1)


def month_range(month: int) -> tuple[str, str]:
    start = latest_month(month)
    end = date(start.year + (start.month == 12), start.month % 12 + 1, 1)
    return start.isoformat(), end.isoformat()


def users_with(data, table: str, stamp: str, low: str | None = None, high: str | None = None, keep=None) -> set:
    return {row["user_id"] for row in data[table]
            if (keep is None or keep(row)) and row[stamp] is not None
            and (low is None or row[stamp][:10] >= low) and (high is None or row[stamp][:10] < high)}


def all_users(data, keep=None) -> set:
    return {u["user_id"] for u in data["users"] if keep is None or keep(u)}


def negative_delivery(row) -> bool:
    return row["aspect"] == "delivery" and row["polarity"] <= -NEUTRAL_BAND


CASES = {
    "本季度下过单的用户": lambda d: users_with(d, "orders", "ordered_at", quarter_start()),
    "customers who placed an order this quarter": lambda d: users_with(d, "orders", "ordered_at", quarter_start()),
    "customers who left negative reviews about delivery in november":   # reviews only, not posts or chats
        lambda d: users_with(d, "emotions", "at", *month_range(11), keep=lambda e: negative_delivery(e) and any(
            t["text_id"] == e["text_id"] and t["source"] == "review" for t in d["texts"])),
    "11月份对物流不满的用户": lambda d: users_with(d, "emotions", "at", *month_range(11), keep=negative_delivery),
    "10月以来下过单的用户": lambda d: users_with(d, "orders", "ordered_at", latest_month(10).isoformat()),
    "who hasnt bought anything since october":
        lambda d: all_users(d) - users_with(d, "orders", "ordered_at", latest_month(10).isoformat()),
    "超过三个月没登录过的用户":
        lambda d: all_users(d) - users_with(d, "events", "at", cutoff(90), keep=lambda e: e["type"] == "login"),
    "今年一单都没下的用户有多少":
        lambda d: all_users(d) - users_with(d, "orders", "ordered_at", cutoff("year")),
    "除了北上广以外的用户": lambda d: all_users(d, lambda u: u["city"] not in ("北京", "上海", "广州")),
    "users registerd in the last 7 days":
        lambda d: all_users(d, lambda u: u["registered_at"] and u["registered_at"][:10] >= cutoff(7)),
    "users in tier 2 or tier 3 cities": lambda d: all_users(d, lambda u: u["city_tier"] in (2, 3)),
    # the calendar quarter before this one; "近一个季度" the last 90 days
    "上个季度买过东西的人": lambda d: users_with(d, "orders", "ordered_at", last_quarter_start(), quarter_start()),
    "users who ordered last quarter": lambda d: users_with(d, "orders", "ordered_at", last_quarter_start(),
                                                           quarter_start()),
    "近一个季度买过东西的人": lambda d: users_with(d, "orders", "ordered_at", cutoff(90)),
    "9月以后就没再登录的用户": lambda d: all_users(d) - users_with(d, "events", "at", latest_month(9).isoformat(),
                                                        keep=lambda e: e["type"] == "login"),
    "注册不到一个月的用户":
        lambda d: all_users(d, lambda u: u["registered_at"] and u["registered_at"][:10] >= cutoff(30)),
}


@pytest.mark.parametrize("question", list(CASES))
def test_reading_on_real_rows(database, question):
    db, data = database
    plan = planner_answer(question)
    assert plan.kind == "tool", plan.message
    result = run_sql(db, plan.args["sql"], plan.args["params"], max_rows=100_000)
    assert {row[0] for row in result.rows} == CASES[question](data)


@pytest.mark.parametrize("question, words", [
    ("users registerd in the last 7 days", "'registerd' read as 'registered'"),
    ("shoppers in shangahi", "'shangahi' read as 'shanghai'"),
])
def test_a_typo_is_read_and_said(question, words):
    assert words in planner_answer(question).description


def test_typos_only_when_one_known_word_is_one_edit_away():
    assert correction("registerd") == "registered"
    assert correction("paragliding") is None   # unknown, and nothing close
    assert correction("spemd") is None         # speed / spend: two words, not guessed
    assert correction("complaind") == "complained"   # complain / complained / complaint: forms of one word
    assert correction("women") is None         # known already
    assert correction("wmn") is None           # too short to tell
    assert correction("shangai") == "shanghai"   # shanghai / shangri: the only one with a dropped letter put back
    # real English words are words, not typos of a planner word one edit away
    assert correction("coach") is None           # not couch (Furniture)
    assert correction("changing") is None        # not charging
    assert correction("rooms") is None           # not roomy


@pytest.mark.parametrize("question, said", [
    ("本季度消费超过2000的用户", "本季度"), ("customers that spent more than 500 this quarter", "this quarter"),
    ("customers who left negative reviews about delivery in november", "in November"),
    ("breakdown of churn risk users by membership level", "by membership level"),
])
def test_windows_and_leads_are_said_in_the_answer(question, said):
    assert said in planner_answer(question).description


def test_a_breakdown_word_without_a_group_is_asked_about():
    plan = planner_answer("breakdown of churn risk users")
    assert plan.kind == "clarify" and "by what" in plan.message


@pytest.mark.parametrize("question, word", [
    ("转化率是多少", "转化率"), ("what is our churn rate", "churn rate"), ("每月新增用户趋势", "趋势"),
    # audiences of one condition each are compared (the figure per group: test_planner_fresh_eyes5.py, each
    # audience's: test_planner_blind13.py); a side of two conditions is not yet
    ("compare gold members and women in Beijing on average spend", "one condition each"),
    ("对比一下金卡会员和北京的女性的平均消费", "一个条件"),
])
def test_rates_trends_and_side_by_side_comparisons_are_refused_with_questions_that_work(question, word):
    plan = planner_answer(question)
    assert plan.kind == "clarify" and word in plan.message
    suggestions = [line[2:] for line in plan.message.splitlines() if line.startswith("- ")]
    assert len(suggestions) == 3
    for suggestion in suggestions:
        assert planner_answer(suggestion).kind == "tool", suggestion
