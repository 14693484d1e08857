"""The eighth blind round's fixes (/work/notes/blind8.yaml, a mother-and-baby and household shop) beyond
what the battery's atoms show: the figures on the demo data, the words of the answer, a segment's name.

The readings themselves (which conditions, which output) are items of the operator battery
(tests/fixtures/operator_battery.yaml, "eighth blind round").
"""

from __future__ import annotations

from agent.planner.plan import planner_answer
from tests.planner_helpers import answer_rows as _rows
from tests.planner_helpers import answer_users as _users
from tests.planner_helpers import history_specs as _history
from tests.planner_helpers import sql_users as _sql_users
from tests.test_planner_demo import demo_db  # noqa: F401  (the demo database, built once)

_ORDERED = "SELECT DISTINCT user_id FROM orders"
_ORDERED_LATELY = "SELECT DISTINCT user_id FROM orders WHERE date(ordered_at) >= date('now', '-{n} days')"



# --- shares with no base named (items 15, 99) -------------------------------------------------------

def test_a_segments_share_is_of_all_users_on_the_demo_data(demo_db):  # noqa: F811
    db, _ = demo_db
    plan = planner_answer("高价值用户占比多少")
    assert plan.kind == "tool" and plan.description.startswith("所有用户")   # the base is said
    base, part, _ = _rows(db, "高价值用户占比多少")[0]
    assert base == len(_sql_users(db, "SELECT user_id FROM users"))
    assert part == len(_rows(db, "高价值用户有哪些")) and 0 < part < base


def test_a_follow_up_share_of_all_users_measures_the_last_audience_on_the_demo_data(demo_db):  # noqa: F811
    db, _ = demo_db
    history = _history("how many VIPs are there")
    base, part, _ = _rows(db, "and what percentage of total users is that", history)[0]
    assert base == len(_sql_users(db, "SELECT user_id FROM users"))
    assert part == len(_users(db, "how many VIPs are there"))


def test_a_follow_up_share_keeps_a_base_it_names():
    plan = planner_answer("占上海用户的比例呢", _history("喜欢护肤的女性"))
    assert plan.kind == "tool" and plan.description.startswith("城市：上海")


# --- a window said with a big-spender word and a deed (items 67, 68) ---------------------------------

def test_big_spenders_who_have_not_ordered_lately_spent_a_lot_in_all_on_the_demo_data(demo_db):  # noqa: F811
    db, _ = demo_db
    spent = _sql_users(db, "SELECT user_id FROM orders GROUP BY user_id HAVING SUM(amount) >= 4000")
    expected = spent - _sql_users(db, _ORDERED_LATELY.format(n=90))
    assert expected and _users(db, "big spenders who havent ordered in 3 months") == expected


def test_no_return_in_a_window_is_no_order_in_it_after_orders_before_on_the_demo_data(demo_db):  # noqa: F811
    db, _ = demo_db
    high_value = _sql_users(db, "SELECT user_id FROM segment_members WHERE segment_id = 'rule_high_value'")
    expected = high_value & _sql_users(db, _ORDERED) - _sql_users(db, _ORDERED_LATELY.format(n=90))
    assert expected and _users(db, "最近90天没回购的高价值客户") == expected
    # without a window, no repeat order is at most one order ever
    at_most_one = _sql_users(db, "SELECT user_id FROM users") - _sql_users(
        db, "SELECT user_id FROM orders GROUP BY user_id HAVING COUNT(*) >= 2")
    assert _users(db, "没回购的用户") == at_most_one


# --- one department name is either interest (item 53) -------------------------------------------------

def test_a_department_name_is_either_interest_on_the_demo_data(demo_db):  # noqa: F811
    db, _ = demo_db
    either = _users(db, "喜欢美妆的") | _users(db, "喜欢护肤的")
    assert _users(db, "喜欢美妆护肤的") == either
    assert either != _users(db, "喜欢美妆的") & _users(db, "喜欢护肤的")   # the demo tells either from both
    assert "或" in planner_answer("喜欢美妆护肤的").description


# --- relative dates (items 12, 27) ----------------------------------------------------------------------

def test_since_the_start_of_the_year_is_this_year_on_the_demo_data(demo_db):  # noqa: F811
    db, _ = demo_db
    bought = _sql_users(db, "SELECT DISTINCT user_id FROM orders WHERE ordered_at >= strftime('%Y-01-01', 'now')")
    everyone = _sql_users(db, "SELECT user_id FROM users")
    assert _users(db, "how many users haven't bought anything since the start of the year") == everyone - bought
    assert _users(db, "这个月初以来新注册的用户") == _users(db, "本月注册的用户")


# --- a segment's name (item 80) -------------------------------------------------------------------------

def test_the_word_for_segment_is_not_part_of_the_name():
    history = _history("高价值用户有哪些")
    for question, name in [("保存为分群 高价值客户", "高价值客户"), ("保存为分群：宝妈", "宝妈"),
                           ("存为人群 高价值客户", "高价值客户"), ("save as segment big spenders", "big spenders"),
                           ("save this as a segment called vip2", "vip2"), ("保存为高价值客户", "高价值客户")]:
        plan = planner_answer(question, history)
        assert plan.kind == "tool" and plan.tool == "save_segment" and plan.args["name"] == name, question


# --- two audiences of different attributes, each (item 45) -------------------------------------------

def test_two_audiences_of_different_attributes_each_are_counted_not_anded():
    plan = planner_answer("新客和老客各有多少")   # the counts: test_planner_several_counts.py
    assert plan.kind == "tool" and plan.spec.output == "counts" and len(plan.spec.where[-1].items) == 2
