"""A restaurant chain in the offline chat (fresh eyes 10), through the real agent on a database made by
the real ingest: an audience no one matches is never saved as a segment, however the save is asked
for, and the answer says why and what to do; asking for more copy when none was written says so."""

from __future__ import annotations

import sqlite3

import pytest

from tests.agent_helpers import conversation, restaurant_db


@pytest.fixture
def restaurant(tmp_path):
    return restaurant_db(tmp_path)


def saved_segments(db: str) -> list[str]:
    conn = sqlite3.connect(db)
    try:
        return [name for name, in conn.execute("SELECT name FROM segments WHERE kind = 'saved' ORDER BY name")]
    finally:
        conn.close()


@pytest.mark.parametrize("questions, name, lang", [
    (("沉睡顾客有多少", "保存为沉睡召回"), "沉睡召回", "zh"),
    (("给沉睡顾客写一条召回短信，语气温暖", "保存为沉睡召回"), "沉睡召回", "zh"),
    (("沉睡顾客，保存为沉睡召回",), "沉睡召回", "zh"),
    (("dormant customers", "save them as winback"), "winback", "en"),
    (("save dormant customers as winback",), "winback", "en"),
])
def test_an_audience_no_one_matches_is_not_saved_and_the_answer_says_why_and_what_to_do(restaurant, questions,
                                                                                          name, lang):
    answer = conversation(restaurant, "empty", *questions)[-1]
    assert saved_segments(restaurant) == []
    if lang == "zh":
        assert f"没有保存分群“{name}”" in answer.text and "放宽" in answer.text, answer.text
        assert "已保存" not in answer.text
    else:
        assert f"segment '{name}' was not saved" in answer.text and "widen the conditions" in answer.text, answer.text
        assert "Saved segment" not in answer.text


def test_an_audience_with_users_is_saved(restaurant):
    answer = conversation(restaurant, "full", "在静安店买过的顾客", "保存为静安老客")[-1]
    assert saved_segments(restaurant) == ["静安老客"]
    assert "已保存分群“静安老客”（6 人）" in answer.text, answer.text


@pytest.mark.parametrize("questions, words", [
    (("给沉睡顾客写一条召回短信，语气温暖", "再来三条"), ["还没有文案可以再写几条", "给这些用户写三条短信"]),
    (("给爱吃qwzx的顾客写一条短信文案", "再来三条"), ["还没有文案可以再写几条"]),   # the copy request refused
    (("再来两版",), ["还没有文案可以再写几条"]),
    (("write an sms for dormant customers", "give me three more"), ["no copy yet to write more of",
                                                                     "write 3 SMS for these users"]),
    (("customers of the 徐汇店", "another version"), ["no copy yet to write more of"]),
])
def test_more_copy_when_none_was_written_says_there_is_none_and_what_to_ask(restaurant, questions, words):
    answer = conversation(restaurant, "more", *questions)[-1]
    assert all(word in answer.text for word in words), answer.text
    assert "来三条" not in answer.text.replace("再来三条", "")   # not "没能理解‘来三条’"


def test_more_copy_after_copy_was_written_still_writes_more(restaurant):
    first, more = conversation(restaurant, "written", "给在静安店买过的顾客写一条短信", "再来两条")
    assert len(more.text.split("\n")) > 2 and "还没有文案" not in more.text, more.text
    assert "2 条文案" in more.text, more.text
