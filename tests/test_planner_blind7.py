"""The seventh blind round's fixes (/work/notes/blind7.yaml) beyond what the battery's atoms show: the
days festivals fall on, the words of the answer, and the figures on the demo data.

The readings themselves (which conditions, which output) are items of the operator battery
(tests/fixtures/operator_battery.yaml, "seventh blind round").
"""

from __future__ import annotations

from datetime import date

import pytest

from agent.planner.date_anchors import latest
from agent.planner.describe import period_before_days
from agent.planner.plan import planner_answer
from tests.planner_helpers import answer_rows as _rows
from tests.planner_helpers import answer_users as _users
from tests.planner_helpers import history_specs as _history
from tests.planner_helpers import sql_users as _sql_users
from tests.test_planner_demo import demo_db  # noqa: F401  (the demo database, built once)
from tools.sql_guard import run_sql



# --- festivals and holidays ------------------------------------------------------------------------

@pytest.mark.parametrize("anchor, today, day", [
    ("singles_day", date(2026, 12, 7), date(2026, 11, 11)),
    ("singles_day", date(2026, 11, 11), date(2026, 11, 11)),   # on the day: that day
    ("singles_day", date(2026, 11, 10), date(2025, 11, 11)),   # not yet this year: last year's
    ("double_12", date(2026, 12, 7), date(2025, 12, 12)),
    ("618", date(2026, 12, 7), date(2026, 6, 18)),
    ("black_friday", date(2026, 12, 7), date(2026, 11, 27)),   # the day after the 4th Thursday of November
    ("black_friday", date(2025, 12, 1), date(2025, 11, 28)),
    ("cyber_monday", date(2026, 12, 7), date(2026, 11, 30)),
    ("christmas", date(2026, 12, 7), date(2025, 12, 25)),
    ("new_year", date(2026, 12, 7), date(2026, 1, 1)),
    ("spring_festival", date(2026, 12, 7), date(2026, 2, 17)),
    ("spring_festival", date(2026, 2, 1), date(2025, 1, 29)),
])
def test_a_festival_is_its_most_recent_day(anchor, today, day):
    assert latest(anchor, today) == day


def test_last_years_festival_is_the_one_before():
    assert latest("singles_day", date(2026, 12, 7), years_back=1) == date(2025, 11, 11)


@pytest.mark.parametrize("question, anchor, words", [
    ("how many ppl bought electronics since black friday", "black_friday", "since Black Friday ({day})"),
    ("who bought electronics since Black Friday?", "black_friday", "since Black Friday ({day})"),
    ("双十一以来下过单的用户", "singles_day", "双十一（{day}）以来"),
    ("黑五买过东西的用户", "black_friday", "黑五当天（{day}）"),
    ("users who ordered during cyber monday", "cyber_monday", "on Cyber Monday ({day})"),
    ("春节前下过单的用户", "spring_festival", "春节（{day}）以前"),
])
def test_the_answer_says_which_day_a_festival_was_read_as(question, anchor, words):
    plan = planner_answer(question)
    day = latest(anchor, date.today()).isoformat()
    assert plan.kind == "tool" and words.format(day=day) in plan.description
    assert plan.spec.conditions()[0].window.date == day


def test_a_bare_618_is_an_amount_not_a_day():
    assert planner_answer("消费超过618的用户").spec.conditions()[0].window is None


def test_since_a_festival_counts_the_orders_from_that_day_on_the_demo_data(demo_db):  # noqa: F811
    db, _ = demo_db
    day = latest("singles_day", date.today()).isoformat()
    assert _users(db, "双十一以来下过单的用户") == _sql_users(
        db, f"SELECT DISTINCT user_id FROM orders WHERE date(ordered_at) >= '{day}'")


# --- which of the values named has more users -------------------------------------------------------

def test_which_has_more_is_a_count_per_value_on_the_demo_data(demo_db):  # noqa: F811
    db, _ = demo_db

    def count(question: str) -> int:
        return len(_rows(db, question))

    split = dict((row[0], row[-1]) for row in _rows(db, "北京和上海哪个城市的用户多"))
    assert split == {"北京": count("北京的用户"), "上海": count("上海的用户")}
    by_gender = dict((row[0], row[-1]) for row in _rows(db, "喜欢健身的女生多还是男生多"))
    assert by_gender["female"] == count("喜欢健身的女生") and by_gender["male"] == count("喜欢健身的男生")
    assert sum(by_gender.values()) == count("喜欢健身的用户")   # the whole audience, unknown gender too


def test_after_more_women_or_men_the_audience_keeps_no_gender_filter_on_the_demo_data(demo_db):  # noqa: F811
    db, _ = demo_db
    history = _history("how many users are into food and snacks", "more women or men among them?")
    average = _rows(db, "what's their average spend", history)
    assert average[0][0] == len(_rows(db, "how many users are into food and snacks"))


def test_which_figure_is_bigger_is_the_figure_per_value_on_the_demo_data(demo_db):  # noqa: F811
    db, _ = demo_db

    def figures(question: str) -> list[dict]:
        plan = planner_answer(question)
        assert plan.kind == "tool" and plan.spec.output == "aggregate", plan.message
        result = run_sql(db, plan.args["sql"], plan.args["params"])
        return [dict(zip(result.columns, row)) for row in result.rows]

    per_gender = {row["gender"]: row["avg_order_value"] for row in figures("男生和女生谁的客单价高")}
    assert per_gender["female"] == figures("女性的客单价")[0]["avg_order_value"]
    assert per_gender["male"] == figures("男性的客单价")[0]["avg_order_value"]


def test_a_comparison_of_two_values_of_different_attributes_is_still_refused():
    plan = planner_answer("compare gold members with women in Beijing")
    assert plan.kind == "clarify" and "one condition each" in plan.message


# --- nouns that are conditions ----------------------------------------------------------------------

_ORDERED = "SELECT DISTINCT user_id FROM orders"
_ORDERED_LATELY = "SELECT DISTINCT user_id FROM orders WHERE date(ordered_at) >= date('now', '-{n} days')"


def test_old_customers_are_those_who_ordered_on_the_demo_data(demo_db):  # noqa: F811
    db, _ = demo_db
    expected = _sql_users(db, _ORDERED) - _sql_users(db, _ORDERED_LATELY.format(n=30))
    assert _users(db, "过去30天没下过单的老客户") == expected
    mature = _sql_users(db, "SELECT user_id FROM tags WHERE tag_id = 'mature' AND status = 'active'")
    assert expected - mature, "the demo has old customers outside the mature stage"


def test_a_lapse_is_no_order_lately_after_orders_before_on_the_demo_data(demo_db):  # noqa: F811
    db, _ = demo_db
    mature = _sql_users(db, "SELECT user_id FROM tags WHERE tag_id = 'mature' AND status = 'active'")
    lapsed = mature & _sql_users(db, _ORDERED) - _sql_users(db, _ORDERED_LATELY.format(n=30))
    assert lapsed and _users(db, "loyal customers who haven't bought in a while") == lapsed
    long_lapsed = _sql_users(db, _ORDERED) - _sql_users(db, _ORDERED_LATELY.format(n=90))
    assert _users(db, "好久没下单的用户") == long_lapsed


def test_a_registration_window_says_what_new_means_on_the_demo_data(demo_db):  # noqa: F811
    db, _ = demo_db
    assert _users(db, "注册不到两个月的新用户有多少") == _users(db, "近60天注册的用户")
    assert "生命周期" not in planner_answer("注册不到两个月的新用户有多少").description


# --- ratios ---------------------------------------------------------------------------------------------

def test_a_share_is_of_the_head_among_what_the_words_before_it_describe_on_the_demo_data(demo_db):  # noqa: F811
    db, _ = demo_db
    plan = planner_answer("喜欢数码产品的男生比例是多少")
    assert plan.description.startswith("兴趣：数码电子中")   # the base is said
    base, part, _ = _rows(db, "喜欢数码产品的男生比例是多少")[0]
    assert base == len(_rows(db, "喜欢数码产品的用户")) and part == len(_rows(db, "喜欢数码产品的男生"))


# --- words ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("question, said", [
    ("今天天气咋样", "我只回答关于你的用户和客户数据的问题"),
    ("tell me a joke", "I only answer questions about your customers"),
    ("hi, what's the weather like in Shanghai?", "I only answer questions about your customers"),
])
def test_off_topic_chat_is_said_to_be_off_topic(question, said):
    plan = planner_answer(question)
    assert plan.kind == "clarify" and said in plan.message
    assert "did not understand" not in plan.message and "没能理解" not in plan.message


def test_a_complaint_about_an_aspect_is_a_negative_opinion_not_a_question_back():
    plan = planner_answer("上周有哪些用户投诉过物流")
    monday, sunday = period_before_days("last_week", date.today())   # 上周: the calendar week before
    assert plan.kind == "tool" and plan.description == f"上周（{monday}至{sunday}）对物流不满"
