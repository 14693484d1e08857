"""Fresh eyes 7 (a bookstore + café): offers said the way operators say them, rewrites that keep
what they do not name, an English singular, offers phrased as what they are, refusals that report
only this question, and help examples made of the database's own data."""

from __future__ import annotations

import pytest

from agent.planner.plan import planner_answer
from agent.planner.showcase import load_showcase, showcase_examples
from tests.agent_helpers import conversation, make_db
from tools.copywriter.offers import off_topic_warning, offer_kind
from tools.copywriter.writer import write_marketing_copy

DORMANT = [{"where": [{"kind": "lifecycle", "values": ["dormant"]}], "lang": "zh"}]


def _copy_args(question: str, history=None, last_copy=None) -> dict:
    plan = planner_answer(question, history, last_copy)
    assert plan.kind == "tool", plan.message
    return next(c["args"] for c in [{"name": plan.tool, "args": plan.args}, *plan.then]
                if c["name"] == "write_marketing_copy")


@pytest.mark.parametrize("question, offer", [
    ("给沉睡顾客写一条召回短信，送一张免费咖啡券", "一张免费咖啡券"),
    ("给沉睡顾客写一条召回短信，送10元券", "10元券"),
    ("给沉睡顾客写一条短信，附赠一本手账本", "一本手账本"),
    ("给沉睡顾客写一条短信，满100减20", "满100减20"),
    ("给沉睡顾客写一条短信，邀请他们参加周末读书会", "周末读书会"),
    ("送一张免费咖啡券，给沉睡顾客写一条召回短信", "免费咖啡券"),
    ("write an SMS for dormant customers with a free coffee voucher", "a free coffee voucher"),
    ("write an SMS for dormant customers, include a 20% off code", "a 20% off code"),
    ("write a push for dormant customers giving them a free coffee", "a free coffee"),
])
def test_an_offer_said_any_natural_way_is_the_offer(question, offer):
    args = _copy_args(question)
    assert args["offer"] == offer and args["n"] == 1


def test_delivery_and_spend_words_are_no_offer():
    last = {"channel": "sms", "tone": "friendly", "language": "zh", "offer": None, "n": 1}
    assert planner_answer("送货慢的用户", DORMANT, last).tool == "run_sql"
    args = _copy_args("write 2 SMS for customers with high spend")
    assert args["offer"] is None and args["n"] == 2


@pytest.mark.parametrize("question, lang, changed", [
    ("换成正式一点的语气，发邮件", "zh", {"channel": "email", "tone": "professional"}),
    ("改写成推送", "zh", {"channel": "push"}),
    ("rewrite it as an email in a formal tone", "en", {"channel": "email", "tone": "professional"}),
    ("switch to push, playful", "en", {"channel": "push", "tone": "playful"}),
])
def test_a_rewrite_keeps_every_setting_it_does_not_name(question, lang, changed):
    last = {"channel": "sms", "tone": "friendly", "language": lang, "offer": "周末亲子故事会", "n": 1}
    args = _copy_args(question, DORMANT, last)
    assert {key: args[key] for key in ("channel", "tone", "language", "offer", "n")} == {**last, **changed}


@pytest.mark.parametrize("question, n", [("write an SMS for dormant users", 1), ("write one email for dormant users", 1),
                                         ("write a push notification for dormant users", 1),
                                         ("write 3 SMS for dormant users", 3), ("write some SMS for dormant users", 3)])
def test_an_english_singular_is_one_variant(question, n):
    assert _copy_args(question)["n"] == n


@pytest.mark.parametrize("offer, kind", [("周末亲子故事会", "event"), ("our weekend story time", "event"),
                                         ("满100减20", "discount"), ("a 20% off code", "discount"),
                                         ("free shipping", "discount"), ("免费咖啡券", "gift"), ("a $10 voucher", "gift"),
                                         ("新款登山鞋", "product"), (None, None)])
def test_what_an_offer_is(offer, kind):
    assert offer_kind(offer) == kind


@pytest.fixture(scope="module")
def shop(tmp_path_factory):
    """A café's customers: everyone in 南京, u00–u19 love coffee (not the demo's outdoor sports)."""
    from schema.db import connect

    db = make_db(tmp_path_factory.mktemp("fe7") / "shop.db")
    conn = connect(db)
    with conn:
        conn.execute("UPDATE tags SET tag_id = 'coffee', path = 'food_drink/coffee' WHERE tag_id = 'outdoor_sports'")
        conn.execute("UPDATE users SET city = '南京'")
    conn.close()
    return db


def test_offers_are_phrased_as_what_they_are(shop):
    users = [f"u{i:02d}" for i in range(20, 30)]   # no interest in coffee
    event = write_marketing_copy(shop, user_ids=users, channel="sms", offer="周末亲子故事会", n=3, save=False)
    gift = write_marketing_copy(shop, user_ids=users, channel="sms", offer="免费咖啡券", n=3, save=False)
    english = write_marketing_copy(shop, user_ids=users, channel="push", language="en", offer="our weekend story time",
                                   n=2, save=False)
    for result in (event, gift):
        assert all(result.offer in v["body"] and "本期推荐" not in v["body"] for v in result.variants)
    assert all("参加周末亲子故事会" in v["body"] and "用得放心" not in v["body"] for v in event.variants)
    assert all("Featured" not in v["body"] and ("Join us for" in v["body"] or "invited to" in v["body"])
               for v in english.variants)
    assert gift.warnings == []   # a free coffee is a reason to come back, whatever they like
    assert off_topic_warning(shop, "咖啡豆", users, "zh")   # a product they do not care about is still said


def test_a_refusal_reports_only_what_this_question_understood():
    churn = [{"where": [{"kind": "lifecycle", "values": ["churn_risk"]}], "lang": "en"}]
    plan = planner_answer("who asked about book clubs?", churn)
    assert plan.kind == "clarify" and "Churn" not in plan.message and "understand" in plan.message
    women = [{"where": [{"kind": "gender", "values": ["female"]}], "lang": "zh"}]
    plan = planner_answer("其中喜欢咖啡的谁问过读书会", women)
    understood = next(line for line in plan.message.splitlines() if line.startswith("已理解的条件"))
    assert "咖啡" in understood and "女性" not in understood


def test_help_and_refusals_suggest_questions_about_this_database(shop):
    zh = showcase_examples(load_showcase(shop), "zh", [])
    en = showcase_examples(load_showcase(shop), "en", [])
    assert "喜欢咖啡的25到35岁女性" in zh and "南京的流失风险用户按性别分布" in zh and "看看 u00 的画像" in zh
    assert "churn-risk users in Nanjing by gender" in en and "show me the profile of u00" in en
    assert all(planner_answer(q).kind == "tool" for q in zh + en)
    help_zh, refused_en, lookalike = conversation(shop, "fe7-help", "你能做什么", "asdf qwer", "users similar to u01")
    assert "喜欢咖啡的25到35岁女性" in help_zh.text and "户外" not in help_zh.text and "u00001" not in help_zh.text
    assert "outdoor" not in refused_en.text and "coffee" in refused_en.text
    assert "show me the profile of u01" in lookalike.text and "who love coffee" in lookalike.text


def test_an_empty_database_gets_the_demo_examples(tmp_path):
    from schema.db import connect

    db = tmp_path / "empty.db"
    connect(db).close()
    assert showcase_examples(load_showcase(str(db)), "en", ["demo"]) == ["demo"]
