"""Fresh-eyes review #5 through the real offline agent on the demo data.

A campaign workflow goes on after copy was written (the next question with a population of its own
is a data question, in both languages); a segment named in the chat is its members; questions the
planner used to misread are answered as asked or refused with a reason.
"""

from __future__ import annotations

import sqlite3

import pytest

from agent.graph import Agent
from tests.agent_helpers import built_demo_db


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    return built_demo_db(tmp_path_factory.mktemp("fresh5"))


def conversation(db: str, thread: str, *questions: str):
    agent = Agent(db, offline=True, thread=thread)
    try:
        return [agent.ask(question) for question in questions]
    finally:
        agent.close()


def ids(db: str, sql: str, params=()) -> set[str]:
    conn = sqlite3.connect(db)
    try:
        return {row[0] for row in conn.execute(sql, params)}
    finally:
        conn.close()


def test_a_data_question_after_copy_is_answered_as_data(demo_db):
    negative_delivery = ids(demo_db, "SELECT user_id FROM emotions WHERE aspect = 'delivery' AND polarity < 0")
    *_, english = conversation(demo_db, "fe5-copy-en", "上海的女性用户", "write an SMS for them",
                               "users negative about delivery")
    assert english.error is None and english.sql, english.text
    assert set(english.user_ids) == negative_delivery and "copy" not in english.text.lower()

    new = ids(demo_db, "SELECT user_id FROM users WHERE registered_at >= date('now', '-30 days')")
    *_, chinese = conversation(demo_db, "fe5-copy-zh", "上海的女性用户", "给他们写一条推送文案", "注册不到一个月的用户")
    assert chinese.error is None, chinese.text
    assert set(chinese.user_ids or []) == new


def test_a_copy_change_after_copy_still_rewrites_the_copy(demo_db):
    *_, offer = conversation(demo_db, "fe5-copy-change", "上海的女性用户", "write an SMS for them",
                             "mention free shipping")
    assert offer.error is None and not offer.sql, offer.text
    assert "free shipping" in offer.text.lower()


def test_a_segment_named_in_the_chat_is_its_members(demo_db):
    members = ids(demo_db, "SELECT user_id FROM segment_members WHERE segment_id = 'rule_high_value'")
    women = ids(demo_db, "SELECT user_id FROM users WHERE gender = 'female'")
    listed, = conversation(demo_db, "fe5-seg-en", "users in the high value segment")
    assert set(listed.user_ids) == members and "rule_high_value" in listed.text
    counted, = conversation(demo_db, "fe5-seg-zh", "高价值客户里女性有多少")
    assert counted.row_count == len(members & women) and "高价值客户" in counted.text


def test_a_segment_the_database_does_not_have_is_named_as_missing(demo_db):
    unknown, = conversation(demo_db, "fe5-seg-missing", "users in segment foo")
    assert unknown.error and "foo" in unknown.text and "rule_high_value" in unknown.text
    cluster, = conversation(demo_db, "fe5-seg-c3", "c3 里的用户")
    assert cluster.error and "segments discover" in cluster.text
