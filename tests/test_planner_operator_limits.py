"""Limits an operator hit, in both languages: a lifecycle stage with a time window, date ranges, a
segment the database does not have, and fresh-eyes review #5 items 11 (follow-ups that keep or drop
the audience), 13 (a bad review is a review) and 14 (one meaning of "high value").

Each table is read by the planner alone (what it understood), and the answers that select users are
asked through the real offline agent on the demo data, with the expected users computed here
independently (Python over the rows, or a plain SQL statement of the rule).
"""

from __future__ import annotations

import sqlite3
from datetime import date, datetime, timedelta, timezone

import pytest

from agent.planner.answer import INHERITED_NOTE_EN, INHERITED_NOTE_ZH
from agent.planner.plan import planner_answer
from agent.planner.segments import builtin_segments
from agent.planner.shop_facts import ShopFacts
from agent.planner.spec import AudienceSpec, Condition
from schema.db import connect
from tests.agent_helpers import built_demo_db, conversation
from tools.profile.explicit import (CHURN_RISK_DAYS, COMPLAINT_IDLE_DAYS, COMPLAINT_LOOKBACK_DAYS, DORMANT_DAYS,
                                    NEW_DAYS)


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    return built_demo_db(tmp_path_factory.mktemp("limits"))


def rows(db: str, sql: str, params=()) -> list[tuple]:
    conn = sqlite3.connect(db)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def conditions(question: str, **kwargs) -> list[Condition]:
    plan = planner_answer(question, **kwargs)
    assert plan.kind == "tool", plan.message
    return plan.spec.conditions()


# --- a lifecycle stage with a window: in the stage now, and entered it within the window ---------------

def utc_today() -> date:
    return datetime.now(timezone.utc).date()   # SQLite's date('now')


WINDOW_STARTS = {"this_month": lambda: utc_today().replace(day=1),
                 "this_week": lambda: utc_today() - timedelta(days=utc_today().weekday()),
                 "30d": lambda: utc_today() - timedelta(days=30)}

STAGE_WINDOWS = [   # question, stage, window
    ("churners this month", "churn_risk", "this_month"),
    ("这个月流失的用户", "dormant", "this_month"),
    ("users who became dormant in the last 30 days", "dormant", "30d"),
    ("近30天变成沉睡用户的有多少", "dormant", "30d"),
    ("how many users became churn risk this week", "churn_risk", "this_week"),
    ("本周新增的流失风险用户", "churn_risk", "this_week"),
    ("近30天有流失风险的用户", "churn_risk", "30d"),
]


@pytest.mark.parametrize("question, stage, window", STAGE_WINDOWS)
def test_a_stage_with_a_window_is_read_as_entering_it_then(question, stage, window):
    plan = planner_answer(question)
    assert plan.kind == "tool", plan.message
    lifecycle, = [c for c in plan.spec.conditions() if c.kind == "lifecycle"]
    assert lifecycle.values == [stage] and lifecycle.window is not None
    assert (lifecycle.window.kind, lifecycle.window.n) in (("this_month", None), ("this_week", None), ("days", 30))
    # the answer says how the entry was dated: the stage rule's number of days
    days = DORMANT_DAYS if stage == "dormant" else CHURN_RISK_DAYS
    assert str(days) in plan.description


def entered(db: str, stage: str) -> dict[str, date]:
    """The day each user of ``stage`` entered it, by the profile rule (tools/profile/explicit.py)."""
    users = {uid: registered for uid, registered in rows(db, "SELECT user_id, registered_at FROM users")}
    intents = rows(db, "SELECT user_id, intent, status, at FROM intents")
    lookback = (utc_today() - timedelta(days=COMPLAINT_LOOKBACK_DAYS)).isoformat()
    out = {}
    for uid, last_active in rows(db, "SELECT user_id, last_active_at FROM profiles WHERE lifecycle = ?", (stage,)):
        def after(stamp, days):
            return date.fromisoformat(stamp[:10]) + timedelta(days=days) if stamp else None

        if stage == "dormant":
            out[uid] = after(last_active or users[uid], DORMANT_DAYS)
            continue
        candidates = [after(last_active, CHURN_RISK_DAYS) or after(users[uid], NEW_DAYS)]
        if any(u == uid and kind in ("complaint", "return_refund") and at >= lookback for u, kind, _, at in intents):
            candidates.append(after(last_active, COMPLAINT_IDLE_DAYS))
        candidates += [date.fromisoformat(at[:10]) for u, kind, status, at in intents
                       if u == uid and kind == "churn_risk" and status == "active"]
        out[uid] = min(day for day in candidates if day is not None)
    return out


@pytest.mark.parametrize("question, stage, window", STAGE_WINDOWS)
def test_a_stage_with_a_window_selects_who_entered_it_then(demo_db, question, stage, window):
    answer, = conversation(demo_db, f"stage-{abs(hash(question))}", question)
    assert answer.error is None and answer.sql, answer.text
    days = entered(demo_db, stage)
    expected = {uid for uid, day in days.items() if day >= WINDOW_STARTS[window]()}
    assert set(answer.user_ids or []) == expected
    assert len(expected) < len(days) or not days   # the window narrows the stage: it was not dropped


@pytest.mark.parametrize("question", ["mature users this month", "本月成熟期用户", "growing users in the last 30 days"])
def test_a_window_on_a_stage_without_an_entry_date_is_refused_with_the_reason(question):
    plan = planner_answer(question)
    assert plan.kind == "clarify"
    assert ("churn risk, dormant and new only" in plan.message) or ("只知道用户何时进入" in plan.message)


# --- date ranges: both days included; a date without a year is its latest past occurrence ---------------

def latest(month: int, day: int) -> date:
    today = date.today()
    this_year = date(today.year, month, day)
    return this_year if this_year <= today else date(today.year - 1, month, day)


def following(start: date, month: int, day: int) -> date:
    end = date(start.year, month, day)
    return end if end >= start else date(start.year + 1, month, day)


def last_month(day: int) -> date:
    return (date.today().replace(day=1) - timedelta(days=1)).replace(day=day)


RANGES = [   # question, condition kind, first day, last day
    ("users who ordered between 10/1 and 11/1", "behavior", lambda: latest(10, 1), lambda: following(latest(10, 1), 11, 1)),
    ("users who ordered from Oct 1 to Nov 1", "behavior", lambda: latest(10, 1), lambda: following(latest(10, 1), 11, 1)),
    ("10月1日到11月1日之间下单的用户", "behavior", lambda: latest(10, 1), lambda: following(latest(10, 1), 11, 1)),
    ("2026-10-01 ~ 2026-11-01 下单的用户", "behavior", lambda: date(2026, 10, 1), lambda: date(2026, 11, 1)),
    ("orders 2026-10-01 to 2026-11-01", "behavior", lambda: date(2026, 10, 1), lambda: date(2026, 11, 1)),
    ("上个月1号到15号下单的用户", "behavior", lambda: last_month(1), lambda: last_month(15)),
    ("10月1号到15号注册的用户", "registered", lambda: latest(10, 1), lambda: latest(10, 1).replace(day=15)),
    ("who complained about delivery from 12/15 to 1/10", "aspect", lambda: latest(12, 15),
     lambda: following(latest(12, 15), 1, 10)),
    ("2026年10月1日至2026年11月1日下单的用户", "behavior", lambda: date(2026, 10, 1), lambda: date(2026, 11, 1)),
    ("1月到3月下单的用户", "behavior", lambda: latest(1, 1), lambda: following(latest(1, 1), 3, 31)),
    ("users who ordered from October to November", "behavior", lambda: latest(10, 1),
     lambda: following(latest(10, 1), 11, 30)),
    # months with a year, and a first month that shares the second's 月
    ("2026年1月到3月下单的用户", "behavior", lambda: date(2026, 1, 1), lambda: date(2026, 3, 31)),
    ("2025年1-3月下过单的用户", "behavior", lambda: date(2025, 1, 1), lambda: date(2025, 3, 31)),
    ("1-3月下单的用户", "behavior", lambda: latest(1, 1), lambda: following(latest(1, 1), 3, 31)),
    ("customers who ordered Jan-Mar", "behavior", lambda: latest(1, 1), lambda: following(latest(1, 1), 3, 31)),
    ("users who ordered January to March 2025", "behavior", lambda: date(2025, 1, 1), lambda: date(2025, 3, 31)),
    ("users who ordered November to February 2026", "behavior", lambda: date(2025, 11, 1),
     lambda: date(2026, 2, 28)),
]


@pytest.mark.parametrize("question, kind, first, last", RANGES)
def test_a_date_range_is_one_window_with_both_days(question, kind, first, last):
    plan = planner_answer(question)
    assert plan.kind == "tool", plan.message
    condition, = [c for c in plan.spec.conditions() if c.kind == kind]
    assert (condition.window.kind, condition.window.date, condition.window.end) == \
        ("between", first().isoformat(), last().isoformat())
    assert "both days included" in plan.description or "含首尾两天" in plan.description


@pytest.mark.parametrize("question", ["10月1日到11月1日之间下单的用户", "users who ordered from Oct 1 to Nov 1"])
def test_a_date_range_selects_the_orders_of_those_days(demo_db, question):
    answer, = conversation(demo_db, f"range-{abs(hash(question))}", question)
    first, last = latest(10, 1), following(latest(10, 1), 11, 1)
    expected = {uid for uid, in rows(demo_db, "SELECT DISTINCT user_id FROM orders WHERE substr(ordered_at, 1, 10) "
                                              "BETWEEN ? AND ?", (first.isoformat(), last.isoformat()))}
    assert answer.error is None and set(answer.user_ids or []) == expected


# --- a segment nobody has: named, with the known ones, never 0 users ------------------------------------

UNKNOWN_SEGMENTS = [   # question, segments the planner knows (None: no database), words the answer has
    ("users in segment foo", None, ["no segment named 'foo'", "rule_high_value"]),
    ("foo分群里的用户", None, ["没有名为“foo”的分群", "rule_high_value"]),
    ("高端分群里的女性有多少", None, ["没有名为“高端”的分群"]),
    ("how many users are in the foo segment", None, ["no segment named 'foo'"]),
    ("foo分群里的用户", tuple(builtin_segments()), ["没有名为“foo”的分群", "persona segments"]),
    ("users in the foo segment", (), ["no segment named 'foo'", "none yet"]),
]


@pytest.mark.parametrize("question, segments, words", UNKNOWN_SEGMENTS)
def test_an_unknown_segment_is_named_as_missing(question, segments, words):
    plan = planner_answer(question, facts=ShopFacts(segments=segments))
    assert plan.kind == "clarify" and not plan.args
    for word in words:
        assert word in plan.message


@pytest.mark.parametrize("question", ["各个分群的人数", "how many users in each segment", "流失风险用户按分群统计",
                                      "which segment has the most churn risk users"])
def test_questions_about_segments_in_general_name_no_segment(question):
    assert planner_answer(question).kind == "tool"


def test_an_unknown_segment_in_the_chat_runs_no_query(demo_db):
    zh, en = conversation(demo_db, "limits-seg", "foo分群里的用户", "users in the foo segment")
    for answer in (zh, en):
        assert answer.error and not answer.sql and "rule_high_value" in answer.text


# --- item 11: a global breakdown starts fresh; an elliptical one keeps the audience and says so --------

SEGMENT_SIZES = [("zh", ["哪些用户有流失风险", "which segment has the most churn risk users", "各个分群的人数"]),
                 ("en", ["which segment has the most churn risk users", "segment sizes"])]


@pytest.mark.parametrize("lang, questions", SEGMENT_SIZES)
def test_segment_sizes_after_a_narrow_question_are_the_segments_sizes(demo_db, lang, questions):
    *_, sizes = conversation(demo_db, f"sizes-{lang}", *questions)
    assert sizes.error is None, sizes.text
    expected = dict(rows(demo_db, "SELECT segment_id, COUNT(*) FROM segment_members GROUP BY segment_id"))
    got = {row[sizes.columns.index("segment")]: row[sizes.columns.index("user_count")] for row in sizes.rows}
    assert got == expected
    assert INHERITED_NOTE_ZH not in sizes.text and INHERITED_NOTE_EN not in sizes.text


KEPT_AUDIENCE = [("zh", "杭州喜欢露营的用户", "前5个城市", INHERITED_NOTE_ZH),
                 ("en", "users in Hangzhou who love camping", "top 5 cities", INHERITED_NOTE_EN)]


@pytest.mark.parametrize("lang, first, follow_up, note", KEPT_AUDIENCE)
def test_an_elliptical_breakdown_keeps_the_audience_and_says_so(demo_db, lang, first, follow_up, note):
    audience, cities = conversation(demo_db, f"kept-{lang}", first, follow_up)
    assert cities.error is None and cities.text.startswith(note), cities.text
    assert [row[cities.columns.index("city")] for row in cities.rows] == ["杭州"]
    assert sum(row[cities.columns.index("user_count")] for row in cities.rows) == audience.row_count
    fresh, = conversation(demo_db, f"fresh-{lang}", follow_up)   # the same words with nothing before
    assert not fresh.text.startswith(note) and len(fresh.rows) == 5
    _, said = conversation(demo_db, f"said-{lang}", first, "top 5 cities of those users")   # pointed back
    assert not said.text.startswith(INHERITED_NOTE_EN)


# --- item 13: a bad review is a review ---------------------------------------------------------------

@pytest.mark.parametrize("question", ["有多少人给过差评", "how many users left a bad review", "who left a bad review"])
def test_a_bad_review_counts_reviews_only(demo_db, question):
    answer, = conversation(demo_db, f"review-{abs(hash(question))}", question)
    reviewers = {uid for uid, in rows(demo_db, "SELECT DISTINCT e.user_id FROM emotions e JOIN texts t "
                                               "ON t.text_id = e.text_id WHERE t.source = 'review' "
                                               "AND e.aspect = 'overall' AND e.polarity <= -0.1")}
    negative = rows(demo_db, "SELECT COUNT(DISTINCT user_id) FROM emotions WHERE aspect = 'overall' AND polarity <= -0.1")
    assert answer.error is None and answer.row_count == len(reviewers) < negative[0][0]
    assert "review" in answer.text or "评价" in answer.text


# --- item 14: "high value" is the rule segment, or the spend line said in the answer ---------------------

@pytest.mark.parametrize("question", ["高价值用户", "high value users", "高价值用户里女性有多少"])
def test_high_value_users_are_the_high_value_segment(demo_db, question):
    answer, = conversation(demo_db, f"hv-{abs(hash(question))}", question)
    members = {uid for uid, in rows(demo_db, "SELECT user_id FROM segment_members WHERE segment_id = 'rule_high_value'")}
    women = {uid for uid, in rows(demo_db, "SELECT user_id FROM users WHERE gender = 'female'")}
    expected = members & women if "女性" in question else members
    assert answer.error is None and answer.row_count == len(expected), answer.text
    assert "rule_high_value" in answer.text and "RFM" in answer.text   # which definition, said


@pytest.mark.parametrize("question", ["高价值用户", "high value users"])
def test_high_value_without_the_segment_is_the_spend_line_said(question):
    spend, = conditions(question, facts=ShopFacts(segments=()))
    assert spend.kind == "spend" and spend.range.gte
    assert f"{spend.range.gte:g}" in planner_answer(question, facts=ShopFacts(segments=())).description


def test_a_high_value_word_defined_on_the_spot_is_that_definition():
    spend, = conditions("高价值用户（消费超过2万）有多少")
    assert spend.kind == "spend" and spend.range.gt == 20000


def test_the_reading_survives_a_round_trip():
    spec = planner_answer("近30天给过差评的用户").spec
    assert AudienceSpec.from_dict(spec.to_dict()) == spec
    spec = planner_answer("users who ordered between 10/1 and 11/1").spec
    assert AudienceSpec.from_dict(spec.to_dict()) == spec


@pytest.mark.parametrize("question", ["2025年11月下过单的用户", "2025年11月的销售额",
                                      "how many orders were placed in November 2025", "users who ordered in November, 2025"])
def test_a_month_with_its_year_is_that_month(question):
    plan = planner_answer(question)
    assert plan.kind == "tool", plan.message
    timed = [c.window for c in plan.spec.conditions() if c.window] + ([plan.spec.metric.window] if plan.spec.metric else [])
    assert [(w.kind, w.date) for w in timed] == [("month", "2025-11-01")]


def test_a_plain_text_inside_the_neutral_band_is_no_bad_review(tmp_path):
    """The analyzers label |polarity| < 0.1 neutral ("这周照常买菜，一切正常" scores -0.02); the chat's
    negative and positive opinions use the same band, so such a text is neither a complaint nor praise."""
    db = tmp_path / "band.db"
    conn = connect(db)
    texts = [("t1", "u1", "这周照常买菜，一切正常", -0.02), ("t2", "u2", "菜烂了，太差了", -0.6),
             ("t3", "u3", "还行吧", 0.05), ("t4", "u4", "very fresh, love it", 0.7)]
    with conn:
        for text_id, user_id, text, polarity in texts:
            conn.execute("INSERT INTO users (user_id, name, data_updated_at) VALUES (?, ?, '2026-11-01')",
                         (user_id, user_id))
            conn.execute("INSERT INTO texts (text_id, user_id, source, text, at) VALUES (?, ?, 'review', ?, "
                         "'2026-11-01')", (text_id, user_id, text))
            conn.execute("INSERT INTO emotions (user_id, text_id, aspect, polarity, emotion, confidence, evidence, at) "
                         "VALUES (?, ?, 'overall', ?, 'neutral', 0.8, ?, '2026-11-01')", (user_id, text_id, polarity, text))
    conn.close()
    for question, expected in [("有多少人给过差评", 1), ("who left a bad review", 1), ("给过好评的用户有多少", 1),
                               ("users with negative feedback", 1)]:
        answer, = conversation(str(db), f"band-{abs(hash(question))}", question)
        assert answer.error is None and answer.row_count == expected, (question, answer.text)
