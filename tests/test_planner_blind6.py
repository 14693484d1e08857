"""The sixth blind round's fixes (/work/notes/blind6.yaml) beyond what the battery's atoms show: the
words of the answer, the names and reasons given, and the figures on the demo data.

The readings themselves (which conditions, which output) are items of the operator battery
(tests/fixtures/operator_battery.yaml, "sixth blind round").
"""

from __future__ import annotations

import pytest

from agent.planner.plan import planner_answer
from tests.planner_helpers import history_specs as _history
from tests.test_planner_demo import demo_db  # noqa: F401  (the demo database, built once)
from tools.sql_guard import run_sql


@pytest.mark.parametrize("question, description", [
    ("有退货退款意向的用户多少", "有退换货意向"),                                 # 退货 and 退款: one intent
    ("二线城市18到24岁喜欢旅游的年轻人", "二线城市；年龄18–24岁；兴趣：旅行出游"),   # 年轻人 (18–30) adds nothing
    ("年轻人里25到35岁的", "年龄18–30岁；年龄25–35岁"),                         # overlapping ranges both hold
])
def test_each_condition_is_stated_once(question, description):
    assert planner_answer(question).description == description


@pytest.mark.parametrize("question, history, name, params", [
    ("save the dormant ones as sleepy-customers", ["how many loyal regulars do we have"], "sleepy-customers",
     ["dormant"]),
    ("save gold members in shanghai as sh_gold", [], "sh_gold", ["gold", "上海"]),
    ("把上海的金卡会员保存为 上海金卡", [], "上海金卡", ["上海", "gold"]),
])
def test_save_with_an_audience_of_its_own_selects_it_then_saves_it_by_name(question, history, name, params):
    plan = planner_answer(question, _history(*history))
    assert plan.tool == "run_sql" and sorted(plan.args["params"]) == sorted(params)
    assert plan.then == [{"name": "save_segment", "args": {"name": name}}]


def test_save_this_as_keeps_the_audience_of_the_conversation():
    plan = planner_answer("save this as gold_all", _history("gold members"))
    assert plan.tool == "save_segment" and plan.args == {"name": "gold_all"}


@pytest.mark.parametrize("question, word", [
    ("预测一下下个月的销售额", "预测"), ("forecast next month's revenue", "forecast"),
    ("predict which users will churn", "predict"), ("what's our revenue forecast for Q1?", "forecast"),
])
def test_forecasts_are_refused_with_the_reason_not_misread(question, word):
    plan = planner_answer(question)
    assert plan.kind == "clarify" and plan.error.startswith("forecasts are not supported")
    assert word in plan.message and "职业" not in plan.message   # 销售 is no occupation here


def test_combining_needs_two_audiences_that_differ_in_one_value():
    plan = planner_answer("加起来多少", _history("广州的高端消费用户", "北京的女性"))
    assert plan.kind == "clarify" and "加起来" in plan.unknown


def test_the_values_named_each_get_their_own_count_on_the_demo_data(demo_db):  # noqa: F811
    db, _ = demo_db

    def count(question: str, history: list[dict] | None = None) -> int:
        plan = planner_answer(question, history)
        return run_sql(db, plan.args["sql"], plan.args["params"], max_rows=100_000).row_count

    plan = planner_answer("上海和北京分别有多少用户")
    rows = run_sql(db, plan.args["sql"], plan.args["params"]).rows
    assert {row[0]: row[-1] for row in rows} == {"上海": count("上海的用户"), "北京": count("北京的用户")}
    history = _history("广州的高端消费用户", "那深圳呢")
    both = count("两个城市加起来一共多少", history)
    assert both == count("广州的高端消费用户") + count("深圳的高端消费用户") > 0


def test_a_subjectless_count_counts_the_audience_just_shown_on_the_demo_data(demo_db):  # noqa: F811
    db, _ = demo_db
    plan = planner_answer("how many are guys?", _history("fitness fans in tier 1 cities"))
    men = run_sql(db, plan.args["sql"], plan.args["params"]).row_count
    direct = planner_answer("men in tier 1 cities who love fitness")
    assert men == run_sql(db, direct.args["sql"], direct.args["params"]).row_count
    everyone = planner_answer("how many men")
    assert men < run_sql(db, everyone.args["sql"], everyone.args["params"]).row_count


def test_students_are_the_occupation_or_the_profiles_student_tag_on_the_demo_data(demo_db):  # noqa: F811
    db, _ = demo_db

    def users(question: str) -> set[str]:
        plan = planner_answer(question)
        return {row[0] for row in run_sql(db, plan.args["sql"], plan.args["params"], max_rows=100_000).rows}

    by_column = {row[0] for row in run_sql(db, "SELECT user_id FROM users WHERE occupation LIKE ? OR occupation LIKE ?",
                                           ["%学生%", "%student%"]).rows}
    by_tag = {row[0] for row in run_sql(db, "SELECT user_id FROM tags WHERE status = 'active' AND tag_id IN "
                                            "('student', 'graduating')").rows}
    assert by_tag - by_column, "the demo has a student known only from what they wrote"
    assert users("学生党有多少") == by_column | by_tag
    everyone = {row[0] for row in run_sql(db, "SELECT user_id FROM users", max_rows=100_000).rows}
    assert users("users who are not students") == everyone - by_column - by_tag
