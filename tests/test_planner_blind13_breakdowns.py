"""Blind test 13's breakdowns (/work/notes/blind13.yaml, a CRM analyst on the demo data): a follow-up asking
what the audience's intents, events, complaints or interests are about is a breakdown of those, counted per
value — not the users listed again, nor the last figure per group. Every count is checked against SQL written
here over the same database; questions go through the agent (offline).
"""

from __future__ import annotations

import uuid

from tests.agent_helpers import conversation
from tests.test_planner_demo import demo_db  # noqa: F401  (the demo database, built once)
from tools.sql_guard import run_sql


def _ask(db: str, *questions: str):
    """The answers of a conversation of its own (a thread no other test asked in)."""
    return conversation(db, f"blind13b-{uuid.uuid4().hex}", *questions)


def _groups(answer, label: str) -> dict:
    """The answer's groups: label -> users."""
    assert answer.error is None and answer.rows is not None, answer.text
    assert "user_id" not in answer.columns, answer.text   # groups, not the users again
    return {row[answer.columns.index(label)]: row[answer.columns.index("user_count")] for row in answer.rows}


def _counted(db: str, sql: str) -> dict:
    return {row[0]: row[1] for row in run_sql(db, sql, max_rows=1000).rows}


def test_what_the_comparing_users_compare_is_their_compare_intents_by_target(demo_db):  # noqa: F811
    db, _ = demo_db
    expected = _counted(db, "SELECT target, COUNT(DISTINCT user_id) FROM intents WHERE intent = 'compare' "
                            "AND status = 'active' GROUP BY target")
    assert expected["android_phones"] == max(expected.values())
    for first, then in (("how many users are comparing products right now?", "what are they comparing the most?"),
                        ("正在比价的用户有多少", "他们都在对比什么")):
        _, answer = _ask(db, first, then)
        assert _groups(answer, "about") == expected


def test_what_gold_members_compare_gives_the_audience_its_intent(demo_db):  # noqa: F811
    db, _ = demo_db
    expected = _counted(db, "SELECT i.target, COUNT(DISTINCT i.user_id) FROM intents i JOIN users u USING (user_id) "
                            "WHERE i.intent = 'compare' AND i.status = 'active' AND u.member_level = 'gold' "
                            "GROUP BY i.target")
    (answer,) = _ask(db, "金卡会员最常比较的是哪些产品")
    assert _groups(answer, "about") == expected and expected


def test_what_the_cart_abandoners_put_in_their_carts_is_their_cart_events_by_category(demo_db):  # noqa: F811
    db, _ = demo_db
    first, answer = _ask(db, "最近30天加了购物车但没下单的用户有多少", "他们加购的主要是哪些品类")
    users = {row[first.columns.index("user_id")] for row in first.rows}
    assert len(users) > 5
    marks = ", ".join(f"'{user}'" for user in sorted(users))
    expected = _counted(db, "SELECT COALESCE(category, interest_id, target), COUNT(DISTINCT user_id) FROM events "
                            f"WHERE type = 'cart' AND at >= date('now', '-30 days') AND user_id IN ({marks}) "
                            "AND COALESCE(category, interest_id, target) IS NOT NULL GROUP BY 1")
    got = _groups(answer, "about")
    top = sorted(expected.items(), key=lambda item: (-item[1], item[0]))[:len(got)]
    assert got == dict(top)


def test_the_membership_levels_of_the_top_10_are_a_breakdown_of_those_10(demo_db):  # noqa: F811
    db, _ = demo_db
    expected = _counted(db, "SELECT COALESCE(member_level, 'unknown'), COUNT(*) FROM (SELECT u.user_id, "
                            "u.member_level FROM users u JOIN orders o USING (user_id) GROUP BY u.user_id "
                            "ORDER BY SUM(o.amount) DESC LIMIT 10) GROUP BY 1")
    _, answer = _ask(db, "top 10 customers by total spend", "what membership levels do those top 10 have?")
    assert _groups(answer, "member_level") == expected and sum(expected.values()) == 10


def test_where_complaints_concentrate_is_the_complaint_breakdown(demo_db):  # noqa: F811
    db, _ = demo_db
    _, answer = _ask(db, "对价格不满的用户有多少", "他们的抱怨主要集中在什么方面")
    got = _groups(answer, "aspect")
    priced = run_sql(db, "SELECT COUNT(DISTINCT user_id) FROM emotions WHERE aspect = 'price' AND polarity <= -0.1",
                     max_rows=1).rows[0][0]
    assert got["price"] == priced   # every one of them complained of the price


def test_the_top_3_interests_of_the_90s_generation(demo_db):  # noqa: F811
    db, _ = demo_db
    expected = run_sql(db, "SELECT t.tag_id, COUNT(DISTINCT u.user_id) AS n FROM users u JOIN tags t ON "
                           "t.user_id = u.user_id AND t.status = 'active' JOIN taxonomy x ON x.id = t.tag_id AND "
                           "x.kind = 'interest' AND x.level = 1 WHERE u.age BETWEEN 27 AND 36 GROUP BY 1 "
                           "ORDER BY n DESC, 1 LIMIT 3", max_rows=3).rows
    (answer,) = _ask(db, "90后最感兴趣的前三个品类是什么")
    assert _groups(answer, "interest") == dict(expected)


def test_what_they_like_after_an_average_is_their_interests_not_the_average_per_interest(demo_db):  # noqa: F811
    db, _ = demo_db
    expected = _counted(db, "SELECT t.tag_id, COUNT(DISTINCT u.user_id) FROM users u JOIN tags t ON "
                            "t.user_id = u.user_id AND t.status = 'active' JOIN taxonomy x ON x.id = t.tag_id AND "
                            "x.kind = 'interest' AND x.level = 1 WHERE u.city = '上海' AND u.gender = 'female' "
                            "AND u.age BETWEEN 25 AND 34 GROUP BY 1")
    *_, answer = _ask(db, "上海女性用户中25到34岁的有几位", "她们平均年龄多大", "她们都喜欢什么")
    assert "avg_age" not in answer.columns
    assert _groups(answer, "interest") == expected and expected


# --- a window belongs to the verb it is said with -----------------------------------------------------------

def _users(answer) -> set[str]:
    assert answer.error is None and answer.rows is not None, answer.text
    return {row[answer.columns.index("user_id")] for row in answer.rows}


def _sql_users(db: str, sql: str) -> set[str]:
    return {row[0] for row in run_sql(db, sql, max_rows=100_000).rows}


def test_a_registration_month_does_not_time_the_orders_asked_about(demo_db):  # noqa: F811
    db, _ = demo_db
    # the month whose sign-ups ordered most often outside it: there the two readings differ most
    month = run_sql(db, "SELECT strftime('%Y-%m', u.registered_at) AS m FROM users u JOIN orders o USING (user_id) "
                        "WHERE strftime('%Y-%m', o.ordered_at) <> strftime('%Y-%m', u.registered_at) "
                        "GROUP BY m ORDER BY COUNT(DISTINCT u.user_id) DESC, m LIMIT 1", max_rows=1).rows[0][0]
    year, number = month.split("-")
    names = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
             "November", "December"]
    joined = f"SELECT user_id FROM users WHERE strftime('%Y-%m', registered_at) = '{month}'"
    expected = _sql_users(db, f"{joined} AND user_id IN (SELECT user_id FROM orders)")
    in_month = _sql_users(db, f"{joined} AND user_id IN (SELECT user_id FROM orders "
                              f"WHERE strftime('%Y-%m', ordered_at) = '{month}')")
    assert expected > in_month   # the two readings differ on the demo data
    said = f"{names[int(number) - 1]} {year}"
    (answer,) = _ask(db, f"of the people who signed up in {said}, how many have ordered at least once?")
    assert _users(answer) == expected
    (answer,) = _ask(db, "上个月注册的用户里下过单的有多少")
    assert _users(answer) == _sql_users(
        db, "SELECT user_id FROM users WHERE registered_at >= date('now', 'start of month', '-1 month') AND "
            "registered_at < date('now', 'start of month') AND user_id IN (SELECT user_id FROM orders)")


# --- a filler word no longer blocks an understood question -------------------------------------------------

def test_whether_there_are_many_is_how_many_and_names_are_the_list(demo_db):  # noqa: F811
    db, _ = demo_db
    gamers = _sql_users(db, "SELECT user_id FROM tags WHERE tag_id = 'gaming' AND status = 'active'")
    many, names = _ask(db, "玩游戏的用户多吗,有几个", "列出他们的名字和年龄")
    assert _users(many) == gamers and gamers
    assert _users(names) == gamers and {"name", "age"} <= set(names.columns)
    _, many = _ask(db, "喜欢游戏的金卡会员", "他们人多不多")
    assert _users(many) == gamers & _sql_users(db, "SELECT user_id FROM users WHERE member_level = 'gold'")


# --- two questions on one line are asked in turn ------------------------------------------------------------

def test_two_questions_on_one_line_are_answered_each_not_joined(demo_db):  # noqa: F811
    import io

    from rich.console import Console

    from agent.graph import Agent
    from agent.repl import Repl, questions_in

    db, _ = demo_db
    assert questions_in("养猫的用户有几个?养狗的呢") == ["养猫的用户有几个?", "养狗的呢"]
    assert questions_in("上海有多少用户？") == ["上海有多少用户？"]
    cats = _sql_users(db, "SELECT user_id FROM tags WHERE tag_id = 'pet_cat_owner' AND status = 'active'")
    dogs = _sql_users(db, "SELECT user_id FROM tags WHERE tag_id = 'pet_dog_owner' AND status = 'active'")
    assert len(cats) == 12 and len(dogs) == 3 and len(cats & dogs) < 3
    out = io.StringIO()
    agent = Agent(db, offline=True, thread=f"blind13b-{uuid.uuid4().hex}")
    try:
        Repl(agent, Console(file=out, width=120, color_system=None)).handle("养猫的用户有几个?养狗的呢")
    finally:
        agent.close()
    said = out.getvalue()
    assert f"共有 {len(cats)} 位用户" in said and f"共有 {len(dogs)} 位用户" in said


# --- a segment's name after its segment word ----------------------------------------------------------------

def test_a_segment_saved_as_a_segment_called_a_name_has_that_name(demo_db):  # noqa: F811
    db, _ = demo_db
    once = _sql_users(db, "SELECT user_id FROM orders GROUP BY user_id HAVING COUNT(*) = 1")
    name = f"一单客{uuid.uuid4().hex[:6]}"
    listed, saved = _ask(db, "只买过一次的用户有多少", f"把只买过一次的这些人存成分群,叫{name}")
    assert _users(listed) == once and saved.error is None, saved.text
    members = _sql_users(db, "SELECT sm.user_id FROM segment_members sm JOIN segments s USING (segment_id) "
                             f"WHERE s.name = '{name}'")
    assert members == once


def test_what_the_new_ones_bought_is_what_the_new_customers_bought(demo_db):  # noqa: F811
    db, _ = demo_db
    first, answer = _ask(db, "how many new users do we have?", "what did the new ones buy?")
    users = _users(first)
    assert users
    marks = ", ".join(f"'{user}'" for user in sorted(users))
    kinds = {row[0] for row in run_sql(db, f"SELECT DISTINCT interest_id FROM orders WHERE user_id IN ({marks}) "
                                           "AND interest_id IS NOT NULL", max_rows=1000).rows}
    assert answer.error is None and "user_id" not in answer.columns, answer.text
    assert {row[0] for row in answer.rows} <= kinds and answer.rows
