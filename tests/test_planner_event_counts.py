"""At least n of a deed, with the count inside it ("上过至少5节课的学员", "attended at least 5 classes"), for
the data's own event types (event_types.py) as for the standard ones ("checked in at least 4 times",
"浏览过3次以上的用户"): a fitness studio loaded by ingest, asked through the real agent on the SQLite file."""

from __future__ import annotations

import pytest

from tests.agent_helpers import asked_users as users
from tests.agent_helpers import conversation
from tests.db_helpers import ago
from tools.ingest import ingest_records

# user -> [(event type, days ago)]: classes under two own types of one deed (上课, class_attended), check-ins
# (签到 is the standard checkin at ingest) and views
EVENTS = {
    "G1": [("上课", d) for d in range(2, 8)] + [("签到", d) for d in range(1, 6)] + [("view", 1)],
    "G2": [("class_attended", d) for d in range(3, 8)] + [("view", d) for d in range(1, 4)],
    "G3": [("上课", 2), ("上课", 3), ("class_attended", 4), ("class_attended", 5)] + [("签到", d) for d in range(1, 5)],
    "G4": [("上课", 50), ("上课", 60), ("上课", 70), ("上课", 5), ("签到", 3), ("签到", 4)],
    "G5": [("view", d) for d in range(1, 5)],
}


@pytest.fixture(scope="module")
def gym_db(tmp_path_factory):
    db = str(tmp_path_factory.mktemp("gym") / "gym.db")
    ingest_records(db, [{"user_id": user, "attributes": {"name": f"学员{user}", "city": "上海"},
                         "events": [{"type": kind, "at": ago(days)} for kind, days in events]}
                        for user, events in EVENTS.items()])
    return db


@pytest.mark.parametrize("question, expected", [
    ("上过至少5节课的学员", {"G1", "G2"}),
    ("至少上过5节课的会员", {"G1", "G2"}),
    ("上过5次以上课的学员", {"G1", "G2"}),
    ("members who attended at least 5 classes", {"G1", "G2"}),
    ("who took 5 or more classes", {"G1", "G2"}),
    ("上过超过3节课的会员", {"G1", "G2", "G3", "G4"}),
    ("users who attended more than 3 classes", {"G1", "G2", "G3", "G4"}),
    ("近30天上过3节课以上的学员", {"G1", "G2", "G3"}),   # G4's other classes were before
    ("members who attended at least 3 classes in the last 30 days", {"G1", "G2", "G3"}),
    ("上课至少5次的学员", {"G1", "G2"}),   # the count after the deed, as before
])
def test_at_least_n_classes_counts_every_type_of_the_deed(gym_db, question, expected):
    assert users(gym_db, question) == expected


@pytest.mark.parametrize("question, expected", [
    ("checked in at least 4 times", {"G1", "G3"}),
    ("签到过4次以上的会员", {"G1", "G3"}),
    ("打卡超过4次的会员", {"G1"}),
    ("浏览过3次以上的用户", {"G2", "G5"}),
    ("users who viewed more than 3 times", {"G5"}),
])
def test_at_least_n_of_a_standard_event(gym_db, question, expected):
    assert users(gym_db, question) == expected


@pytest.mark.parametrize("question, said", [("上过至少5节课的学员", "至少5次"),
                                            ("members who attended more than 3 classes", "at least 4 times")])
def test_the_answer_says_the_count(gym_db, question, said):
    answer, = conversation(gym_db, question, question)
    assert said in answer.text, answer.text
