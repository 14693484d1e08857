"""Rankings of single users by a figure: "消费最高的前10个用户", "top 10 users by total spend".

Each question is planned, its SQL run through the SQL guard on the hand-built database, and the
ranked user ids compared with the ranking computed in Python from the same order rows.
"""

from __future__ import annotations

from collections import defaultdict

import pytest

from agent.planner.plan import planner_answer
from tests.test_planner_fixture import build_fixture_db, cutoff, load_rows
from tools.sql_guard import run_sql

# question -> (figure, how many, window in days, "last_month" or None, a filter on the user row or None)
CASES = {
    "消费最高的前10个用户": ("spend", 10, None, None),
    "top 10 users by total spend": ("spend", 10, None, None),
    "消费金额排名前20的金卡会员": ("spend", 20, None, lambda u: u["member_level"] == "gold"),
    "who are our 20 biggest spenders in Shanghai": ("spend", 20, None, lambda u: u["city"] == "上海"),
    "下单次数最多的5个用户": ("orders", 5, None, None),
    "top 5 customers by number of orders": ("orders", 5, None, None),
    "客单价最高的10位用户": ("aov", 10, None, None),
    "list the top 3 customers by average order value": ("aov", 3, None, None),
    "上个月花钱最多的前五名": ("spend", 5, "last_month", None),
    "the 3 users who spent the most in the previous month": ("spend", 3, "last_month", None),
    "近90天上海女性里消费最高的前8位": ("spend", 8, 90, lambda u: u["city"] == "上海" and u["gender"] == "female"),
    "按消费金额排名前15的用户": ("spend", 15, None, None),
    "消费最高的用户": ("spend", 10, None, None),   # no number: the first ten
    "which 10 customers placed the most orders": ("orders", 10, None, None),
    "top 15 spenders in the last 30 days": ("spend", 15, 30, None),
    "the 5 users who spent the most": ("spend", 5, None, None),
}


@pytest.fixture(scope="module")
def database(tmp_path_factory):
    db = build_fixture_db(tmp_path_factory.mktemp("rank") / "rank.db", n_users=500)
    return db, load_rows(db)


def inside(at: str, days) -> bool:
    """Whether an order's time is inside the window: N days, or "last_month" (the calendar month before)."""
    if days == "last_month":
        return cutoff("last_month") <= at < cutoff("month")
    return days is None or at >= cutoff(days)


def expected_ranking(data: dict, figure: str, top: int, days, keep, lowest: bool = False) -> list[str]:
    users = {u["user_id"]: u for u in data["users"]}
    orders = defaultdict(list)
    for order in data["orders"]:
        if inside(order["ordered_at"], days):
            orders[order["user_id"]].append(order)
    value = {"spend": lambda o: round(sum(x["amount"] for x in o), 2), "orders": len,
             "aov": lambda o: round(sum(x["amount"] for x in o) / len(o), 2),
             "latest": lambda o: max(x["ordered_at"] for x in o)}[figure]
    ranked = [(value(o), uid) for uid, o in orders.items() if keep is None or keep(users[uid])]
    ranked.sort(key=lambda item: item[1])   # ties by user id, then the figure (a stable sort keeps the ties' order)
    ranked.sort(key=lambda item: item[0], reverse=not lowest)
    return [uid for _, uid in ranked[:top]]


@pytest.mark.parametrize("question", list(CASES))
def test_ranking(database, question):
    db, data = database
    figure, top, days, keep = CASES[question]
    plan = planner_answer(question)
    assert plan.kind == "tool" and plan.spec.output == "rank", plan.message
    sql = plan.args["sql"]
    assert "ORDER BY" in sql and sql.rstrip().endswith(f"LIMIT {top}")
    result = run_sql(db, sql, plan.args["params"])   # read-only, through the guard
    assert result.columns[0] == "user_id"   # a set of users: copy, save and export act on it
    assert [row[0] for row in result.rows] == expected_ranking(data, figure, top, days, keep)


# the lowest first ("lowest spenders", "从低到高"), and by when users last ordered ("最近下单的20个用户"):
# question -> (figure, how many, lowest first, a filter on the user row or None)
ORDER_CASES = {
    "lowest spenders": ("spend", 10, True, None),
    "按消费金额从低到高排列": ("spend", 10, True, None),
    "消费最低的5个用户": ("spend", 5, True, None),
    "下单次数最少的8个金卡会员": ("orders", 8, True, lambda u: u["member_level"] == "gold"),
    "the 5 users who spent the least": ("spend", 5, True, None),
    "bottom 10 by average order value": ("aov", 10, True, None),
    "sorted by number of orders, highest first": ("orders", 10, False, None),
    "按消费金额从高到低排列": ("spend", 10, False, None),
    "最近下单的20个用户": ("latest", 20, False, None),
    "最近购买的10位上海客户": ("latest", 10, False, lambda u: u["city"] == "上海"),
    "the 15 most recent buyers": ("latest", 15, False, None),
    "which users ordered most recently": ("latest", 10, False, None),
}


@pytest.mark.parametrize("question", list(ORDER_CASES))
def test_ranking_order_and_recency(database, question):
    db, data = database
    figure, top, lowest, keep = ORDER_CASES[question]
    plan = planner_answer(question)
    assert plan.kind == "tool" and plan.spec.output == "rank" and plan.spec.ascending == lowest, plan.message
    result = run_sql(db, plan.args["sql"], plan.args["params"])
    assert [row[0] for row in result.rows] == expected_ranking(data, figure, top, None, keep, lowest)
    if lowest:   # users without orders have no figure: the answer says only buyers are ranked
        assert "只排有订单的用户" in plan.description or "users with orders only" in plan.description


def test_a_sort_order_alone_reorders_the_last_ranking_or_asks(database):
    db, data = database
    first = planner_answer("消费最高的前10个用户")
    plan = planner_answer("从低到高", [first.spec])
    assert plan.spec.ascending and plan.spec.metric.name == "spend"
    result = run_sql(db, plan.args["sql"], plan.args["params"])
    assert [row[0] for row in result.rows] == expected_ranking(data, "spend", 10, None, None, lowest=True)
    lowest = planner_answer("lowest spenders")
    assert planner_answer("top 5", [lowest.spec]).spec.ascending   # the first five of that ranking
    plan = planner_answer("从高到低")
    assert plan.kind == "clarify" and "看不出按什么排序" in plan.message


def test_a_ranking_follows_up_on_the_previous_audience(database):
    db, data = database
    first = planner_answer("上海的女性用户")
    plan = planner_answer("这些人里消费最高的前10个", [first.spec])
    result = run_sql(db, plan.args["sql"], plan.args["params"])
    keep = lambda u: u["city"] == "上海" and u["gender"] == "female"  # noqa: E731
    assert [row[0] for row in result.rows] == expected_ranking(data, "spend", 10, None, keep)


def test_group_rankings_stay_figures_per_group():
    # "the city with the highest average order value" is a figure per city, not a ranking of users
    plan = planner_answer("平均客单价最高的城市是哪个")
    assert plan.spec.output == "aggregate" and plan.spec.group_by == "city"
    # big spenders: a condition, not a ranking, however the superlative is said (a number makes it one)
    for question in ("top spenders", "who are the biggest spenders", "the largest spenders"):
        assert planner_answer(question).spec.output == "list", question
    assert planner_answer("our 20 biggest spenders").spec.output == "rank"


def test_a_count_without_a_figure_is_named():
    plan = planner_answer("前10个用户")
    assert plan.kind == "clarify" and "排名" in plan.message


# question -> (figure, how many per group, group column of the user row, window in days or None, filter or None)
GROUP_CASES = {
    "每个城市消费最高的用户": ("spend", 1, "city", None, None),
    "top spender per city": ("spend", 1, "city", None, None),
    "各城市消费最多的前3名": ("spend", 3, "city", None, None),
    "top 3 spenders in each membership tier": ("spend", 3, "member_level", None, None),
    "每个会员等级里下单最多的用户": ("orders", 1, "member_level", None, None),
    "who spent the most in each city in the last 90 days": ("spend", 1, "city", 90, None),
    "each city's biggest spender among women": ("spend", 1, "city", None, lambda u: u["gender"] == "female"),
}


def expected_group_ranking(data: dict, figure: str, top: int, group: str, days, keep) -> set[tuple]:
    """(group, place, user id) of the top users of every group, from the order rows."""
    users = {u["user_id"]: u for u in data["users"]}
    by_group = defaultdict(list)
    for uid in users:
        if keep is None or keep(users[uid]):
            by_group[users[uid][group] or "unknown"].append(uid)
    out = set()
    for label, members in by_group.items():
        ranked = expected_ranking(data, figure, top, days, lambda u, members=set(members): u["user_id"] in members)
        out |= {(label, place, uid) for place, uid in enumerate(ranked, start=1)}
    return out


@pytest.mark.parametrize("question", list(GROUP_CASES))
def test_ranking_within_each_group(database, question):
    db, data = database
    figure, top, group, days, keep = GROUP_CASES[question]
    plan = planner_answer(question)
    assert plan.kind == "tool" and plan.spec.output == "rank" and plan.spec.group_by == group, plan.message
    result = run_sql(db, plan.args["sql"], plan.args["params"])   # read-only, through the guard
    assert result.columns[0] == "user_id"
    rows = [dict(zip(result.columns, row)) for row in result.rows]
    got = {(row[f"by_{group}"], row["place"], row["user_id"]) for row in rows}
    assert got == expected_group_ranking(data, figure, top, group, days, keep)


def test_a_ranking_within_groups_a_user_belongs_to_several_of_is_refused():
    plan = planner_answer("每个兴趣消费最高的用户")
    assert plan.kind == "clarify" and "多个" in plan.message
    assert planner_answer("top 5 cities by total spend").spec.output == "aggregate"   # a figure per city still
