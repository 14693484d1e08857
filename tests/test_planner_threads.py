"""Fresh questions and follow-ups in a conversation, through the entry point `persona ask --thread` uses.

Each question opens a new :class:`Agent` on the same named thread (as separate `persona ask` runs
do), so the conversation's state comes back from the thread file beside the database. The rule
(``agent.planner.parse.continues_audience``): a question that refers back ("其中", "those", "them")
or is elliptical ("按城市分一下", "by city?", "平均年龄呢?") goes on with the audience; one that
names its own population ("top 5 cities by number of users", "有多少用户喜欢健身") starts fresh.
Expected answers are computed in Python from the users table.
"""

from __future__ import annotations

import sqlite3
from collections import Counter

import pytest

from agent.graph import Agent
from tests.agent_helpers import built_demo_db


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    return built_demo_db(tmp_path_factory.mktemp("threads"))


@pytest.fixture(scope="module")
def users(demo_db):
    conn = sqlite3.connect(demo_db)
    conn.row_factory = sqlite3.Row
    try:
        return [dict(row) for row in conn.execute("SELECT * FROM users")]
    finally:
        conn.close()


def ask(db: str, thread: str, question: str):
    """One `persona ask QUESTION --thread THREAD`: a new agent, the thread restored from its file."""
    agent = Agent(db, offline=True, thread=thread)
    try:
        answer = agent.ask(question)
    finally:
        agent.close()
    assert answer.error is None, answer.text
    return answer


def city_counts(users, keep=lambda u: True) -> dict:
    return dict(Counter(u["city"] or "unknown" for u in users if keep(u)))


def shanghai_women(u) -> bool:
    return u["city"] == "上海" and u["gender"] == "female"


def test_a_question_with_its_own_population_starts_fresh(demo_db, users):
    ask(demo_db, "fresh-en", "上海有多少女性用户?")
    top = ask(demo_db, "fresh-en", "top 5 cities by number of users")
    everyone = city_counts(users)
    assert [row[1] for row in top.rows] == sorted(everyone.values(), reverse=True)[:5]
    assert "Shanghai" not in top.text.split(",")[0]   # "all users, top 5 by city: …", not "in Shanghai; women"
    beijing = ask(demo_db, "fresh-en", "how many users live in Beijing")
    assert beijing.row_count == sum(u["city"] == "北京" for u in users)
    average = ask(demo_db, "fresh-en", "average order amount by member level")
    levels = {u["member_level"] or "unknown" for u in users}
    assert {row[0] for row in average.rows} == levels   # every level, not just Shanghai women's
    assert sum(row[1] for row in average.rows) == len(users)


def test_chinese_fresh_questions_after_an_audience(demo_db, users):
    ask(demo_db, "fresh-zh", "上海有多少女性用户?")
    fitness = ask(demo_db, "fresh-zh", "有多少用户喜欢健身")
    assert "上海" not in fitness.text
    levels = ask(demo_db, "fresh-zh", "用户按会员等级分布")
    assert sum(row[1] for row in levels.rows) == len(users)
    cities = ask(demo_db, "fresh-zh", "各城市的平均客单价")
    assert len(cities.rows) > 5


def test_elliptical_and_referring_questions_continue(demo_db, users):
    women = ask(demo_db, "go-on-zh", "上海有多少女性用户?")
    assert women.row_count == sum(map(shanghai_women, users))
    by_city = ask(demo_db, "go-on-zh", "按城市分一下")
    assert [tuple(row) for row in by_city.rows] == [("上海", women.row_count)]
    age = ask(demo_db, "go-on-zh", "平均年龄呢?")
    ages = [u["age"] for u in users if shanghai_women(u) and u["age"] is not None]
    assert age.rows[0][-1] == pytest.approx(sum(ages) / len(ages), abs=0.05)   # one decimal
    fitness = ask(demo_db, "go-on-zh", "其中喜欢健身的有多少")
    assert fitness.row_count <= women.row_count
    men = ask(demo_db, "go-on-zh", "那男性呢")
    assert "男性" in men.text and "上海" in men.text


def test_english_follow_ups_continue(demo_db, users):
    ask(demo_db, "go-on-en", "women in Shanghai")
    by_city = ask(demo_db, "go-on-en", "by city?")
    assert [tuple(row) for row in by_city.rows] == [("上海", sum(map(shanghai_women, users)))]
    men = ask(demo_db, "go-on-en", "what about men?")   # the same breakdown, for men
    assert [tuple(row) for row in men.rows] == [("上海", sum(u["city"] == "上海" and u["gender"] == "male"
                                                            for u in users))]
    ranked = ask(demo_db, "go-on-en", "rank them by spend, top 3")
    assert len(ranked.rows) <= 3 and all(row[4] == "上海" and row[2] == "male" for row in ranked.rows)
    instead = ask(demo_db, "go-on-en", "in Beijing instead")   # the same ranking, of Beijing's men
    assert len(instead.rows) == 3 and all(row[4] == "北京" and row[2] == "male" for row in instead.rows)


def test_ok_so_now_with_a_population_of_its_own_starts_fresh(demo_db, users):
    ask(demo_db, "opener", "women in Shanghai")
    beijing = ask(demo_db, "opener", "ok, now users in Beijing")   # every Beijing user, not Shanghai's women
    assert beijing.row_count == sum(u["city"] == "北京" for u in users)
    men = ask(demo_db, "opener", "ok and the men?")   # no population of its own: Beijing's men
    assert men.row_count == sum(u["city"] == "北京" and u["gender"] == "male" for u in users)
    everyone = ask(demo_db, "opener", "好的，那所有用户按城市分布")
    assert sum(row[1] for row in everyone.rows) == len(users)


def test_a_number_after_a_ranking_ranks_by_the_same_figure(demo_db):
    ask(demo_db, "rank-again", "top 10 customers by number of orders")
    again = ask(demo_db, "rank-again", "now the top 3 in Beijing")
    assert len(again.rows) == 3 and all(row[4] == "北京" for row in again.rows)
    assert [row[5] for row in again.rows] == sorted((row[5] for row in again.rows), reverse=True)   # order_count


def test_the_readme_conversation(demo_db):
    first = ask(demo_db, "readme", "users negative on price who love outdoor sports")
    month = ask(demo_db, "readme", "最近一个月对价格有负面情绪的户外运动爱好者有多少?")
    assert 0 < month.row_count <= first.row_count
    narrowed = ask(demo_db, "readme", "of those, only women in Shanghai")
    assert 0 < narrowed.row_count <= month.row_count
    assert all(row[2] == "female" and row[4] == "上海" for row in narrowed.rows)
    copy = ask(demo_db, "readme", "write campaign copy for that segment, playful tone")
    assert f"{narrowed.row_count} users" in copy.text


def test_a_count_shows_who_the_users_are(demo_db, users):
    # the answer says how many; the table under it lists them as a list would, and a follow-up
    # (save, copy) acts on the same users
    count = ask(demo_db, "count", "how many users are there?")
    assert count.text.startswith(f"{len(users)} users match")
    assert count.columns == ["user_id", "name", "gender", "age", "city"]
    women = ask(demo_db, "count", "上海有多少女性用户?")
    assert women.columns == ["user_id", "name", "gender", "age", "city"]
    assert sorted(tuple(row) for row in women.rows) == sorted(
        (u["user_id"], u["name"], u["gender"], u["age"], u["city"]) for u in users if shanghai_women(u))
    assert women.user_ids == sorted(u["user_id"] for u in users if shanghai_women(u))
    saved = ask(demo_db, "count", "保存为上海女性计数")
    assert f"（{women.row_count} 人）" in saved.text


def test_out_of_range_numbers(demo_db):
    nobody = ask(demo_db, "range", "users older than 200")
    assert nobody.row_count == 0 and nobody.text.startswith("No users match: aged over 200")
    agent = Agent(demo_db, offline=True, thread="range")
    try:
        zero = agent.ask("top 0 spenders")   # said, not the default top 10
    finally:
        agent.close()
    assert zero.error and "at least 1" in zero.text and not zero.rows
