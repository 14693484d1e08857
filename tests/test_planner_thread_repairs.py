"""Threads through the real agent on the demo database (blind round 7, items 80, 81, 89, 90, 98, 103,
104, 22, 44): a follow-up right after an unanswered question, after a ranking, dropping a condition,
a bare bound after "or", and which side of a comparison is bigger. Expected users come from plain SQL
on the same database, not from the planner's statements."""

from __future__ import annotations

import sqlite3

import pytest

from tests.agent_helpers import built_demo_db, conversation

_threads = iter(range(10_000))


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    return built_demo_db(tmp_path_factory.mktemp("thread_repairs"))


def ask(db: str, *questions: str) -> list:
    return conversation(db, f"repair{next(_threads)}", *questions)


def users(db: str, where: str) -> set[str]:
    conn = sqlite3.connect(db)
    try:
        return {row[0] for row in conn.execute(f"SELECT user_id FROM users u WHERE {where}")}
    finally:
        conn.close()


TOP10 = ("u.user_id IN (SELECT user_id FROM orders GROUP BY user_id "
         "ORDER BY SUM(amount) DESC, user_id LIMIT 10)")


# --- a follow-up right after a question that was not answered ---------------------------------------

UNANSWERED = [   # (earlier turns, the unanswered question, the follow-up)
    (["喜欢户外运动的女性"], "上周下过单的用户叽里咕噜", "按城市分一下"),
    ([], "who bought electronics since the sale thingy?", "only the gold members"),
    (["users in Shanghai"], "women who bought stuff since the blah sale", "how many are silver members"),
    (["上海的金卡会员"], "近30天买过东西的用户叽里咕噜", "其中男的有多少"),
]


@pytest.mark.parametrize("before, unanswered, follow_up", UNANSWERED, ids=[u[2] for u in UNANSWERED])
def test_a_follow_up_after_an_unanswered_question_asks_which_users(demo_db, before, unanswered, follow_up):
    answers = ask(demo_db, *before, unanswered, follow_up)
    assert answers[-2].error, answers[-2].text   # the question really was not answered
    last = answers[-1]
    assert last.error and last.sql == [], last.text
    assert unanswered in last.text and follow_up in last.text


def test_said_again_it_goes_on_with_the_last_audience_answered_and_says_which(demo_db):
    answers = ask(demo_db, "gold members in Shanghai", "women who bought stuff since the blah sale",
                  "how many of them are women", "how many of them are women")
    last = answers[-1]
    assert last.error is None
    assert set(last.user_ids) == users(demo_db, "u.city = '上海' AND u.member_level = 'gold' "
                                                "AND u.gender = 'female'") != set()
    assert last.text.startswith("(Your previous question was not answered; this goes on with the last "
                                "audience I answered: gold members; in Shanghai")


def test_after_an_unanswered_question_about_nothing_the_follow_up_goes_on_with_a_note(demo_db):
    answers = ask(demo_db, "有流失风险的用户", "今天天气怎么样", "只看女的")
    last = answers[-1]
    assert set(last.user_ids) == users(demo_db, "u.user_id IN (SELECT user_id FROM profiles "
                                                "WHERE lifecycle = 'churn_risk') AND u.gender = 'female'") != set()
    assert last.text.startswith("（上一个问题没有得到回答；这里沿用上一次回答过的人群：生命周期")


def test_said_again_with_no_audience_before_it_is_over_all_users_and_says_so(demo_db):
    answers = ask(demo_db, "who bought electronics since the sale thingy?", "only the gold members",
                  "only the gold members")
    last = answers[-1]
    assert set(last.user_ids) == users(demo_db, "u.member_level = 'gold'") != set()
    assert last.text.startswith("(Your previous question was not answered; this is over all users.)")


# --- after a ranking: the users it listed -------------------------------------------------------------

@pytest.mark.parametrize("questions, where", [
    (["top 10 spenders", "which of them are churn risk?"],
     f"{TOP10} AND u.user_id IN (SELECT user_id FROM profiles WHERE lifecycle = 'churn_risk')"),
    (["消费最高的前十名用户是谁", "其中女性有几个"], f"{TOP10} AND u.gender = 'female'"),
    (["top 10 spenders", "how many of them are men"], f"{TOP10} AND u.gender = 'male'"),
], ids=["churn", "女性", "men"])
def test_a_follow_up_after_a_ranking_keeps_to_the_ranked_users(demo_db, questions, where):
    last = ask(demo_db, *questions)[-1]
    assert last.error is None, last.text
    assert set(last.user_ids) == users(demo_db, where) != set()
    assert ("top 10 by total spend" in last.text) or ("按消费总额排名前10位" in last.text)


def test_which_of_the_top_spenders_are_dormant_is_none_not_every_dormant_user(demo_db):
    last = ask(demo_db, "top 10 spenders", "which of them are dormant?")[-1]
    dormant_top = users(demo_db, f"{TOP10} AND u.user_id IN (SELECT user_id FROM profiles WHERE lifecycle = 'dormant')")
    assert set(last.user_ids or []) == dormant_top
    assert users(demo_db, "u.user_id IN (SELECT user_id FROM profiles WHERE lifecycle = 'dormant')") - dormant_top


# --- dropping a condition -----------------------------------------------------------------------------

@pytest.mark.parametrize("questions, where", [
    (["gold members in Shanghai", "drop the city"], "u.member_level = 'gold'"),
    (["gold members in Shanghai", "actually forget the gold filter"], "u.city = '上海'"),
    (["上海的女性金卡会员", "去掉金卡这个条件"], "u.city = '上海' AND u.gender = 'female'"),
    (["上海的女性金卡会员", "不限城市了"], "u.gender = 'female' AND u.member_level = 'gold'"),
    (["上海的女性金卡会员", "性别不限"], "u.city = '上海' AND u.member_level = 'gold'"),
    (["上海的金卡会员", "改成北京", "撤销，改成广州"], "u.city = '广州' AND u.member_level = 'gold'"),
    (["gold members in Shanghai", "what about Beijing?", "undo that and make it Guangzhou instead"],
     "u.city = '广州' AND u.member_level = 'gold'"),
], ids=["drop the city", "forget gold", "去掉金卡", "不限城市", "性别不限", "撤销，改成", "undo, make it"])
def test_a_condition_is_dropped_by_its_value_or_by_what_it_is_about(demo_db, questions, where):
    last = ask(demo_db, *questions)[-1]
    assert last.error is None, last.text
    assert set(last.user_ids) == users(demo_db, where) != set()


def test_undo_with_a_change_then_a_follow_up_goes_on_with_the_changed_audience(demo_db):
    answers = ask(demo_db, "users who complained about delivery last quarter", "undo that, make it the past 2 weeks",
                  "how many are silver members")
    assert "14 days" in answers[1].text and answers[1].error is None
    assert "14 days" in answers[2].text and "silver" in answers[2].text


# --- "or" with a bare bound; which side of a comparison is bigger ---------------------------------------

@pytest.mark.parametrize("question", ["users who spent more than 1000 or less than 100", "消费超过1000或者低于100的用户"])
def test_a_bare_bound_after_or_measures_spend_too(demo_db, question):
    last = ask(demo_db, question)[-1]
    spend = "(SELECT COALESCE(SUM(amount), 0) FROM orders o WHERE o.user_id = u.user_id)"
    assert set(last.user_ids) == users(demo_db, f"{spend} > 1000 OR {spend} < 100")
    assert "age" not in last.text and "年龄" not in last.text


@pytest.mark.parametrize("questions, words", [
    (["喜欢健身的女生多还是男生多"], ("一样多", "更多：比")),
    (["pet owners", "more women or men among them?"], ("More are", "are level")),
    (["北京和上海哪个城市的用户多"], ("更多：比", "一样多")),
], ids=["健身", "pets", "北京上海"])
def test_a_comparison_says_which_group_is_bigger(demo_db, questions, words):
    last = ask(demo_db, *questions)[-1]
    assert last.error is None
    assert any(word in last.text for word in words), last.text
