"""An online-education platform in the offline chat (fresh eyes 9), through the real agent on a real
SQLite file loaded by ingest: its own occupations (家长 = parents) and event types (上课, lesson_watched,
交作业, homework_submitted), renewals and cancellations, competitors compared with, invoices."""

from __future__ import annotations

import sqlite3

import pytest

from agent.planner.plan import planner_answer
from tests.agent_helpers import asked_users as users
from tests.agent_helpers import conversation
from tests.db_helpers import ago
from tools.ingest import ingest_records


# (user, own event type, days ago): lessons and homework in both languages
EVENTS = [("E1", "上课", 2), ("E1", "上课", 3), ("E1", "上课", 4), ("E2", "lesson_watched", 10), ("E1", "交作业", 1),
          ("E3", "交作业", 1), ("E4", "homework_submitted", 40), ("E5", "login", 1)]


# (user, product, category): kids' courses of three categories, one interest (kids' education)
ORDERS = [("E1", "少儿编程 Scratch 入门", "少儿编程"), ("E1", "数学思维奥赛班", "奥数"), ("E2", "少儿英语外教课", "少儿英语"),
          ("E3", "少儿编程 Scratch 入门", "少儿编程")]


def learner(user: str, occupation: str, gender: str = "female") -> dict:
    return {"user_id": user, "attributes": {"name": f"学员{user}", "gender": gender, "occupation": occupation,
                                            "city": "上海"},
            "events": [{"type": kind, "at": ago(days)} for who, kind, days in EVENTS if who == user],
            "orders": [{"order_id": f"{user}-{n}", "product": product, "category": category, "amount": 2000.0,
                        "ordered_at": ago(5)}
                       for n, (who, product, category) in enumerate(ORDERS) if who == user]}


# (user, intent, evidence): what the analyzers would have found in their texts
INTENTS = [("E3", "repurchase", "VIP快到期了，想续费"), ("E4", "churn_risk", "Cancelling my subscription"),
           ("E5", "compare", "你们和猿辅导比哪个好？"), ("E6", "compare", "Comparing your course with Coursera's")]
TEXTS = [("E5", "你们和猿辅导比哪个好？"), ("E6", "Comparing your course with Coursera's"), ("E7", "比猿辅导贵多了"),
         ("E1", "请问能开发票吗？公司报销需要"), ("E2", "Can I get an invoice (fapiao) for the course?")]


@pytest.fixture(scope="module")
def school_db(tmp_path_factory):
    db = str(tmp_path_factory.mktemp("school") / "school.db")
    ingest_records(db, [learner("E1", "家长"), learner("E2", "家长", "male"), learner("E3", "项目经理"),
                        learner("E4", "程序员", "male"), learner("E5", "其他"), learner("E6", "老师"),
                        learner("E7", "学生")])
    conn = sqlite3.connect(db)
    with conn:
        conn.executemany("INSERT INTO intents (user_id, intent, status, confidence, evidence, at) "
                         "VALUES (?, ?, 'active', 0.8, ?, ?)", [(*row, ago(2)) for row in INTENTS])
        conn.executemany("INSERT INTO texts (text_id, user_id, source, text, at) VALUES (?, ?, 'review', ?, ?)",
                         [(f"t{i}", user, text, ago(2)) for i, (user, text) in enumerate(TEXTS)])
    conn.close()
    return db


@pytest.mark.parametrize("question,expected", [
    ("有多少家长？", {"E1", "E2"}),
    ("how many parents do we have?", {"E1", "E2"}),
    ("职业是家长的用户", {"E1", "E2"}),
    ("家长里的女性", {"E1"}),
    ("male parents", {"E2"}),
    ("users whose occupation is parent", {"E1", "E2"}),
    ("项目经理有多少", {"E3"}),
    ("how many project managers", {"E3"}),
    ("程序员有多少", {"E4"}),
    ("不是家长的用户", {"E3", "E4", "E5", "E6", "E7"}),
])
def test_the_data_occupations_are_understood_in_both_languages(school_db, question, expected):
    assert users(school_db, question) == expected


def test_an_occupation_is_said_in_the_answers_language(school_db):
    english, = conversation(school_db, "school-en", "how many parents do we have?")
    assert "parents (家长)" in english.text and "2" in english.text
    chinese, = conversation(school_db, "school-zh", "有多少家长")
    assert "家长" in chinese.text and "母婴" not in chinese.text


def test_without_the_occupation_in_the_data_parents_keep_their_meaning():
    """No database (or none with 家长): parents are the mother & baby interest, as before."""
    for question in ("how many parents do we have?", "parents in Shanghai"):
        args = planner_answer(question).args
        assert "mother_baby" in args["params"] and "occupation" not in args["sql"]


def test_a_value_that_names_nobody_or_is_read_otherwise_is_not_an_occupation(school_db):
    """其他 is in the column but names nobody; 老师 after an opinion word stays the staff."""
    other, = conversation(school_db, "school-other", "其他用户有多少")
    assert other.user_ids is None or set(other.user_ids) != {"E5"}
    staff, = conversation(school_db, "school-staff", "对老师不满的用户")
    assert staff.sql and not any("occupation" in sql for sql in staff.sql)


@pytest.mark.parametrize("question,expected", [
    ("who wants to renew their yearly VIP?", {"E3"}),
    ("想续费VIP的用户", {"E3"}),
    ("users who said they would cancel", {"E4"}),
    ("打算退订的用户", {"E4"}),
    ("users comparing us with competitors", {"E5", "E6"}),
    ("在和竞品对比的用户", {"E5", "E6"}),
    ("在对比猿辅导的用户", {"E5"}),
    ("users who asked for an invoice", {"E1", "E2"}),
    ("要开发票的用户", {"E1", "E2"}),
])
def test_renewals_cancellations_competitors_and_invoices(school_db, question, expected):
    assert users(school_db, question) == expected


@pytest.mark.parametrize("question,reason", [
    ("how many new users per day", "trends over time are not supported"),
    ("sales by week", "trends over time are not supported"),
    ("每天新增多少用户", "不支持按时间计算的比率和趋势"),
    ("which course gets the most refund requests", "rank products"),
    ("哪门课程退款最多", "不能给商品或品牌排名"),
])
def test_trends_and_course_rankings_are_refused_with_their_reason(question, reason):
    plan = planner_answer(question)
    assert plan.tool is None and reason in plan.message


@pytest.mark.parametrize("question,expected", [
    ("最近30天上过课的用户", {"E1", "E2"}),
    ("how many users watched a lesson in the last 7 days?", {"E1"}),
    ("上课3次以上的用户", {"E1"}),
    ("users who submitted homework", {"E1", "E3", "E4"}),
    ("交过作业的家长", {"E1"}),
    ("近7天没交作业的用户", {"E2", "E4", "E5", "E6", "E7"}),
])
def test_the_data_event_types_are_deeds_with_windows_and_counts(school_db, question, expected):
    assert users(school_db, question) == expected


def test_a_deed_not_understood_is_answered_with_the_data_event_types(school_db):
    answer, = conversation(school_db, "school-webinar", "users who streamed a webinar in the last 7 days")
    assert answer.user_ids is None
    assert "event types of its own" in answer.text and "lesson_watched" in answer.text and "persona sql" in answer.text


def test_without_event_types_of_its_own_no_hint():
    plan = planner_answer("users who streamed a webinar in the last 7 days")
    assert plan.tool is None and "event types" not in plan.message


@pytest.mark.parametrize("question,expected", [
    ("买过少儿编程的用户", {"E1", "E3"}),            # the category, not every kids' course (E2)
    ("买过少儿英语的用户", {"E2"}),
    ("买过少儿编程和奥数的用户", {"E1"}),
    ("既买过少儿编程又买过奥数的用户", {"E1"}),
    ("users who bought both 少儿编程 and 奥数", {"E1"}),
    ("没买过少儿编程的家长", {"E2"}),
])
def test_a_category_of_the_orders_is_bought_exactly(school_db, question, expected):
    assert users(school_db, question) == expected
