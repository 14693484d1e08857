"""A shop's own categorical fields of users (user_attributes: travel_party, household_size, baby_stage) in
the offline chat, through the real agent on a real SQLite file loaded by ingest: a value said in either
language (alone, after its field's name, before words of it), with other conditions, negated, several
with "or"; users per value; a contact field (wechat) that stays hidden and cannot be filtered on."""

from __future__ import annotations

import pytest

from tests.agent_helpers import asked_users, conversation
from tests.db_helpers import rows
from tools.ingest import ingest_records
from tools.sql_guard import GuardError, run_sql

# (user, gender, travel_party, household_size, baby_stage)
CUSTOMERS = [
    ("A1", "female", "family", 4, "1-3岁"), ("A2", "female", "family", 4, "孕期"), ("A3", "male", "family", 3, "0-6月"),
    ("A4", "female", "solo", 1, "孕期"), ("A5", "male", "solo", 1, "1-3岁"), ("A6", "female", "couple", 2, "0-6月"),
    ("A7", "male", "couple", 2, "1-3岁"), ("A8", "female", "family", 4, "孕期"),
]


@pytest.fixture(scope="module")
def agency_db(tmp_path_factory):
    db = str(tmp_path_factory.mktemp("attributes") / "agency.db")
    ingest_records(db, [{"user_id": user, "attributes": {"gender": gender, "travel_party": party,
                                                         "household_size": size, "baby_stage": stage,
                                                         "status": "paused" if user in ("A1", "A2") else "active",
                                                         "wechat": f"wx_{user.lower()}" if user != "A8" else "wx_a1"}}
                        for user, gender, party, size, stage in CUSTOMERS])
    assert rows(db, "SELECT DISTINCT name FROM user_attributes ORDER BY name") == [
        ("baby_stage",), ("household_size",), ("status",), ("travel_party",)]
    return db


@pytest.mark.parametrize("question,expected", [
    ("how many family travellers?", {"A1", "A2", "A3", "A8"}),
    ("family travelers", {"A1", "A2", "A3", "A8"}),
    ("家庭出游的用户有多少", {"A1", "A2", "A3", "A8"}),
    ("家庭旅行的女性", {"A1", "A2", "A8"}),
    ("travel party: couple", {"A6", "A7"}),
    ("travel_party为couple的用户", {"A6", "A7"}),
    ("solo travellers who are men", {"A5"}),
    ("独自出游的用户", {"A4", "A5"}),
    ("一个人旅行的女生", {"A4"}),
    ("情侣出游的用户", {"A6", "A7"}),
    ("solo or couple travellers", {"A4", "A5", "A6", "A7"}),
    ("非家庭出游的用户", {"A4", "A5", "A6", "A7"}),
    ("users with household size 4", {"A1", "A2", "A8"}),
    ("household_size = 2的用户", {"A6", "A7"}),
    ("家庭人数为1的用户", {"A4", "A5"}),
    ("孕期的用户有多少", {"A2", "A4", "A8"}),
    ("宝宝1-3岁的女性有多少", {"A1"}),
    ("宝宝阶段是孕期的用户", {"A2", "A4", "A8"}),
    ("family customers", {"A1", "A2", "A3", "A8"}),
    ("how many families", {"A1", "A2", "A3", "A8"}),
    ("家庭用户有多少", {"A1", "A2", "A3", "A8"}),
    ("couples", {"A6", "A7"}),
    ("baby stage 0-6月 women", {"A6"}),
    ("family travellers with household size 3", {"A3"}),
])
def test_a_value_of_the_shops_field(agency_db, question, expected):
    assert asked_users(agency_db, question) == expected


def test_the_answer_names_the_field(agency_db):
    answer, = conversation(agency_db, "attributes-en", "how many family travellers?")
    assert answer.text.startswith("4 users") and "travel_party: family" in answer.text
    answer, = conversation(agency_db, "attributes-zh", "家庭出游的用户有多少")
    assert answer.text.startswith("共有 4 位") and "travel_party：family" in answer.text


@pytest.mark.parametrize("question", ["按travel_party分布", "按 travel party 统计用户数", "break down by travel party",
                                      "travel party breakdown"])
def test_users_per_value(agency_db, question):
    answer, = conversation(agency_db, "attributes-by", question)
    assert [tuple(row) for row in answer.rows] == [("family", 4), ("couple", 2), ("solo", 2)]
    assert "travel_party" in answer.text


def test_a_contact_field_stays_hidden(agency_db):
    # two users share a wechat id, yet the field is no attribute: its name says contact
    assert rows(agency_db, "SELECT COUNT(*) FROM user_attributes WHERE name = 'wechat'") == [(0,)]
    with pytest.raises(GuardError):
        run_sql(agency_db, "SELECT user_id FROM users WHERE json_extract(extra, '$.wechat') = 'wx_a1'")
    answer, = conversation(agency_db, "attributes-wechat", "wechat是wx_a1的用户")
    assert answer.user_ids is None and "A8" not in answer.text


def test_a_value_that_is_a_word_of_the_question_needs_its_field(agency_db):
    # "active users" are the users active lately, whatever a status field says; the field's name says the field
    active, = conversation(agency_db, "attributes-active", "active users")
    assert "status" not in active.text
    assert asked_users(agency_db, "status: active") == {"A3", "A4", "A5", "A6", "A7", "A8"}
    assert asked_users(agency_db, "paused users") == {"A1", "A2"}
