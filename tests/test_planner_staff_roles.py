"""An opinion of one role of who serves (fresh eyes 12): 对美容师不满 counts the customers whose negative texts name a
beautician, not those unhappy with a stylist, though the analyzers file both under one aspect (who serves in
person); 技师 / technician names anyone who serves. Through the real offline agent on a real SQLite database built
by the real ingest and analyzers; each audience is checked against SQL written here, with a customer who blamed
one role and praised another."""

from __future__ import annotations

import pytest

from tests.agent_helpers import asked_users, conversation
from tests.db_helpers import ago, rows
from tools.ingest import ingest_records
from tools.profile.build import build_profiles

REVIEWS = {
    "R1": ["这次的美容师手法很生疏，做完脸过敏了"],
    "R2": ["发型师剪得太短了，技术不行"],
    "R3": ["技师手法太重了，按得脸疼"],
    "R4": ["环境很好，美容师很专业，下次还来"],
    "R5": ["烫发效果很满意，发型师很耐心"],
    "R6": ["Great haircut, the stylist really listened"],
    "R7": ["发型师剪得太短了，技术不行", "环境很好，美容师很专业，下次还来"],   # blamed one role, praised another
}


@pytest.fixture(scope="module")
def salon_db(tmp_path_factory):
    db = str(tmp_path_factory.mktemp("roles") / "salon.db")
    ingest_records(db, [{"user_id": user, "attributes": {"name": user, "gender": "female", "city": "上海"},
                         "texts": [{"text_id": f"{user}-{n}", "source": "review", "text": text, "at": ago(5 + n)}
                                   for n, text in enumerate(texts)]}
                        for user, texts in REVIEWS.items()])
    build_profiles(db)
    return db


def judged(db: str, sign: str, *words: str) -> set[str]:
    """The users with a text naming one of ``words`` that the analyzers judged of who serves with ``sign``."""
    named = " OR ".join(["lower(t.text) LIKE ?"] * len(words))
    return {user for (user,) in rows(db, f"SELECT DISTINCT e.user_id FROM emotions e JOIN texts t USING (text_id) "
                                         f"WHERE e.aspect = 'teacher' AND e.polarity {sign} 0 AND ({named})",
                                     *(f"%{w}%" for w in words))}


@pytest.mark.parametrize("question", ["对美容师不满的顾客", "对美容师不满意的会员有哪些", "clients unhappy with their beautician"])
def test_unhappy_with_the_beautician(salon_db, question):
    assert asked_users(salon_db, question) == judged(salon_db, "<", "美容师", "beautician") == {"R1"}


@pytest.mark.parametrize("question", ["对发型师不满的顾客", "对理发师不满意的顾客有哪些", "customers who complained about the stylist"])
def test_unhappy_with_the_stylist(salon_db, question):
    assert asked_users(salon_db, question) == judged(salon_db, "<", "发型师", "stylist") == {"R2", "R7"}


@pytest.mark.parametrize("question", ["夸过发型师的顾客", "who praised their hairdresser"])
def test_praise_of_the_stylist_in_either_language(salon_db, question):
    # R6 wrote "the stylist" in English: the same role
    assert asked_users(salon_db, question) == judged(salon_db, ">", "发型师", "stylist") == {"R5", "R6"}


def test_praise_of_the_beautician_is_not_the_stylists(salon_db):
    assert asked_users(salon_db, "夸过美容师的顾客") == judged(salon_db, ">", "美容师") == {"R4", "R7"}


def test_a_technician_is_anyone_who_serves(salon_db):
    expected = {user for (user,) in rows(salon_db, "SELECT user_id FROM emotions WHERE aspect = 'teacher' AND polarity < 0")}
    assert asked_users(salon_db, "对技师不满的顾客有多少") == expected == {"R1", "R2", "R3", "R7"}


def test_either_role(salon_db):
    assert asked_users(salon_db, "对美容师或发型师不满的顾客") == {"R1", "R2", "R7"}


def test_the_answer_names_the_role_and_its_words(salon_db):
    answer, = conversation(salon_db, "role-words", "对美容师不满的顾客")
    assert "对美容师不满（负面文本中提到美容师" in answer.text and "beautician" in answer.text, answer.text
