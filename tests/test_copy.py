"""write_marketing_copy end to end: audiences, saved versions, the model path over real HTTP, fallback."""

import json

import pytest

from schema.db import connect
from tests.fake_openai import FakeOpenAI, closed_url, error_reply, json_reply, text_reply, tool_call_reply
from tests.test_segments import OUTDOOR_PARAMS, OUTDOOR_PRICE_SQL
from tests.test_segments_data import make_profile_db
from tools.copywriter import CopyError, check_variant, copy_history, write_marketing_copy
from tools.llm import chat_model_from_env
from tools.segments import SegmentError, save_segment


@pytest.fixture
def db(tmp_path):
    path = str(tmp_path / "copy.db")
    make_profile_db(path, per_group=10, seed=4)
    save_segment(path, "价格敏感的户外爱好者", OUTDOOR_PRICE_SQL, OUTDOOR_PARAMS)
    return path


def test_copy_for_a_segment_is_saved_as_a_version(db):
    first = write_marketing_copy(db, segment="价格敏感的户外爱好者", channel="sms", tone="活泼", language="zh")
    second = write_marketing_copy(db, segment="价格敏感的户外爱好者", channel="push", tone="warm", language="en")
    assert first.tone == "playful" and first.segment_name == "价格敏感的户外爱好者" and first.copy_id
    history = copy_history(db, "价格敏感的户外爱好者")
    assert [h["copy_id"] for h in history] == [second.copy_id, first.copy_id]
    assert history[1]["channel"] == "sms" and history[1]["model"] == "offline"
    assert [v["body"] for v in history[1]["variants"]] == [v["body"] for v in first.variants]
    assert history[1]["segment_id"] == first.segment_id


def test_asking_for_more_continues_after_the_variants_already_shown(db):
    kwargs = {"segment": "价格敏感的户外爱好者", "channel": "sms", "tone": "playful", "language": "zh", "save": False}
    first = write_marketing_copy(db, n=3, **kwargs)
    more = write_marketing_copy(db, n=3, skip=3, **kwargs)
    six = write_marketing_copy(db, n=6, **kwargs)
    assert [v["body"] for v in six.variants] == [v["body"] for v in first.variants + more.variants]
    assert len({v["body"] for v in six.variants}) == 6


def test_copy_for_an_audience_statement_runs_through_the_guard(db):
    result = write_marketing_copy(db, sql="SELECT user_id FROM profiles WHERE consumption = ?",
                                  params=["quality_seeker"], channel="email", language="en", save=False)
    assert result.brief.size == 10 and result.brief.angles[0].id == "quality"
    with pytest.raises(SegmentError, match="did not run"):
        write_marketing_copy(db, sql="SELECT value FROM identities", channel="sms")


@pytest.mark.parametrize("kwargs, message", [
    ({"segment": "价格敏感的户外爱好者", "channel": "fax"}, "unknown channel 'fax'"),
    ({"segment": "价格敏感的户外爱好者", "language": "fr"}, "unknown language 'fr'"),
    ({"segment": "价格敏感的户外爱好者", "n": 0}, "n must be between 1 and 10"),
    ({"segment": "价格敏感的户外爱好者", "user_ids": ["u00001"]}, "exactly one audience"),
    ({"user_ids": []}, "audience is empty"),
])
def test_bad_requests_say_what_is_wrong(db, kwargs, message):
    with pytest.raises(CopyError, match=message):
        write_marketing_copy(db, **kwargs)


def _model_answer(n=3, body="周末去山野走走，户外装备更划算，花更少玩得更尽兴"):
    return {"variants": [{"angle": f"value-{i}", "reasoning": "93% complain about price", "body": f"{body}{i}"}
                         for i in range(n)]}


def test_model_path_over_http(db):
    conn = connect(db)
    with conn:  # a review that names its author and a phone number: customer voice, not for the model
        conn.execute("UPDATE emotions SET evidence = '我是测试用户01，电话13900000000，价格太贵了'"
                     " WHERE user_id = 'u00001' AND aspect = 'price'")
    with FakeOpenAI([tool_call_reply("CampaignCopy", _model_answer())]) as server:
        model = chat_model_from_env(env=server.env())
        result = write_marketing_copy(db, segment="价格敏感的户外爱好者", channel="sms", language="zh", model=model)
        sent = server.requests[0]
    assert result.model == "fake-model" and result.fallback is None
    assert [v["angle"] for v in result.variants] == ["value-0", "value-1", "value-2"]
    assert all(v["body"].endswith("回T退订") and v["sms_parts"] == 1 for v in result.variants)
    # the model saw the brief (numbers, angles) and the rules, and no member's identity
    prompt = json.dumps(sent["messages"], ensure_ascii=False)
    assert "price" in prompt and "suggested_angles" in prompt and "Do not add an opt-out" in prompt
    assert "u00001" not in prompt and "测试用户" not in prompt and "138" not in prompt and "139" not in prompt
    assert "我是[name]，电话[phone]，价格太贵了" in prompt
    assert sent["tools"][0]["function"]["name"] == "CampaignCopy"
    row = conn.execute("SELECT model, status, tokens_in FROM audit_log WHERE kind = 'llm'").fetchone()
    assert row == ("fake-model", "ok", 12)
    assert conn.execute("SELECT model FROM campaign_copy WHERE copy_id = ?", (result.copy_id,)).fetchone()[0] == "fake-model"


def test_asking_the_model_for_more_shows_it_what_was_already_shown(db):
    kwargs = {"segment": "价格敏感的户外爱好者", "channel": "sms", "language": "zh"}
    fresh = _model_answer(body="新品登山杖到货，轻一点走更远")
    with FakeOpenAI([tool_call_reply("CampaignCopy", _model_answer()), tool_call_reply("CampaignCopy", fresh),
                     tool_call_reply("CampaignCopy", fresh)]) as server:
        model = chat_model_from_env(env=server.env())
        first = write_marketing_copy(db, model=model, **kwargs)
        more = write_marketing_copy(db, model=model, skip=3, **kwargs)
        again = write_marketing_copy(db, model=model, skip=3, **kwargs)  # the model repeats itself
        asks = [request["messages"][-1]["content"] for request in server.requests]
    assert "already seen" not in asks[0]
    assert all(v["body"] in asks[1] for v in first.variants) and "already seen" in asks[1]
    assert more.model == "fake-model" and {v["body"] for v in more.variants}.isdisjoint(
        v["body"] for v in first.variants)
    assert all(v["body"] in asks[2] for v in more.variants) and first.variants[0]["body"] not in asks[2]
    assert again.model == "offline" and "repeats a variant already shown" in again.fallback


@pytest.mark.parametrize("reply, reason", [
    (error_reply(500, "upstream down"), "model call failed"),
    (text_reply("I refuse to use tools"), "did not match the schema"),
    (tool_call_reply("CampaignCopy", _model_answer(n=1)), "1 variants, 3 were asked for"),
    (tool_call_reply("CampaignCopy", _model_answer(body="全网最低价！联系13812345678")), "breaks the channel rules"),
    (tool_call_reply("CampaignCopy", _model_answer(body="长" * 80)), "limit is 62"),
])
def test_model_failures_fall_back_to_offline_and_are_recorded(db, reply, reason):
    with FakeOpenAI([reply, reply]) as server:   # asked again after broken variants: broken again
        model = chat_model_from_env(env=server.env())
        result = write_marketing_copy(db, segment="价格敏感的户外爱好者", channel="sms", language="zh", model=model)
    assert result.model == "offline" and reason in result.fallback
    assert len(result.variants) == 3 and all(v["body"].endswith("回T退订") for v in result.variants)
    conn = connect(db)
    status, detail = conn.execute("SELECT status, detail FROM audit_log WHERE kind = 'llm'").fetchone()
    assert status == "fallback" and reason in detail
    stored = json.loads(conn.execute("SELECT variants FROM campaign_copy").fetchone()[0])
    assert reason in stored[0]["fallback"]


def test_broken_model_variants_are_dropped_and_asked_for_again(db):
    """Rules for any copy hold for a model too: a deal with no offer, "below", a sign-off without a
    sender. The passing variants are kept; the model is told what broke and writes the rest."""
    first = _model_answer()
    first["variants"][1]["body"] = "户外装备优惠来了，详情见下方清单"
    first["variants"][2]["body"] = "山野在等你，装备备好了。祝好，"
    fixed = {"variants": [{"angle": "adventure", "reasoning": "r", "body": "下一场冒险，带上合适的装备走得更远"},
                          {"angle": "value", "reasoning": "r", "body": "户外装备更划算，为周末出行备齐"}]}
    with FakeOpenAI([tool_call_reply("CampaignCopy", first), tool_call_reply("CampaignCopy", fixed)]) as server:
        result = write_marketing_copy(db, model=chat_model_from_env(env=server.env()), **OUTDOOR_SMS)
        again = server.requests[1]["messages"][-1]["content"]
    assert result.model == "fake-model" and result.fallback is None
    assert [v["angle"] for v in result.variants] == ["value-0", "adventure", "value"]
    assert "announces a discount ('优惠') but no offer was given" in again and "'下方'" in again and "'祝好'" in again
    assert "Write 2 new variants" in again and first["variants"][0]["body"] in again
    detail = json.loads(connect(db).execute("SELECT detail FROM audit_log WHERE kind = 'llm'").fetchone()[0])
    assert detail["repaired"][0].startswith("model variant 2 breaks the channel rules")
    assert len(detail["repaired"]) == 2


def test_a_social_post_from_a_model_speaks_to_the_public(db):
    personal = {"variants": [{"angle": "winback", "reasoning": "r", "body": body} for body in (
        "We've missed you! New trail gear is in #Outdoor", "The hiking gear you looked at is back #Outdoor",
        "We heard your feedback on delivery #Outdoor")]}
    kwargs = {"segment": "价格敏感的户外爱好者", "channel": "social", "language": "en"}
    with FakeOpenAI([tool_call_reply("CampaignCopy", personal)] * 2) as server:
        result = write_marketing_copy(db, model=chat_model_from_env(env=server.env()), **kwargs)
        system = server.requests[0]["messages"][0]["content"]
    assert "speak to the public" in system and len(server.requests) == 2
    assert result.model == "offline" and "after asking 2 times" in result.fallback
    for phrase in ("'missed you'", "'you looked at'", "'your feedback'"):
        assert f"a one-to-one line in a public post: {phrase}" in result.fallback
    for variant in result.variants:   # the offline post that replaced it speaks to everyone too
        assert check_variant(variant, "social", "en") == []
    push = {"variants": [{"angle": "winback", "reasoning": "r", "title": "We miss you",
                          "body": "We've missed you! New trail gear is in"}] * 3}
    with FakeOpenAI([tool_call_reply("CampaignCopy", push)]) as server:   # one reader: a personal line is fine
        sent = write_marketing_copy(db, model=chat_model_from_env(env=server.env()),
                                    **{**kwargs, "channel": "push"}, n=1)
    assert sent.model == "fake-model"


def test_model_must_not_pitch_discounts_to_a_quality_segment(db):
    answer = {"variants": [{"angle": "quality", "reasoning": "r", "title": "限时优惠", "body": "精华五折"}] * 3}
    with FakeOpenAI([tool_call_reply("CampaignCopy", answer)]) as server:
        model = chat_model_from_env(env=server.env())
        result = write_marketing_copy(db, sql="SELECT user_id FROM profiles WHERE consumption = 'quality_seeker'",
                                      channel="push", language="zh", model=model, save=False)
        system = server.requests[0]["messages"][0]["content"]
    assert "do not pitch discounts" in system
    assert result.model == "offline" and "discount pitch" in result.fallback


# --- what real servers send (one switch of the fake server per quirk) ----------------------------------

OUTDOOR_SMS = {"segment": "价格敏感的户外爱好者", "channel": "sms", "language": "zh"}


@pytest.mark.parametrize("quirk", [
    {"tool_calls_as_text": "json"}, {"tool_calls_as_text": "fenced"}, {"tool_calls_as_text": "tagged"},
    {"think": True}, {"reasoning_content": True}, {"no_usage": True}, {"arguments_as_object": True},
])
def test_model_copy_survives_server_quirks(db, quirk):
    with FakeOpenAI([tool_call_reply("CampaignCopy", _model_answer())], **quirk) as server:
        result = write_marketing_copy(db, model=chat_model_from_env(env=server.env()), **OUTDOOR_SMS)
    assert result.model == "fake-model" and result.fallback is None
    assert [v["angle"] for v in result.variants] == ["value-0", "value-1", "value-2"]
    assert all("<think>" not in v["body"] and v["body"].endswith("回T退订") for v in result.variants)


@pytest.mark.parametrize("refusal", ["no_tools", "no_jinja"])
@pytest.mark.parametrize("reply", [json_reply(_model_answer()), text_reply(
    "<think>先想想 {variants}</think>\n好的：\n```json\n" + json.dumps(_model_answer(), ensure_ascii=False) + "\n```")])
def test_a_server_without_tools_is_asked_for_json(db, reply, refusal):
    """Ollama refuses tools with a 400, llama.cpp without --jinja with a 500."""
    with FakeOpenAI([reply], **{refusal: True}) as server:
        result = write_marketing_copy(db, model=chat_model_from_env(env=server.env()), **OUTDOOR_SMS)
        first, second = server.requests
    assert first.get("tools") and not second.get("tools") and "ONE JSON object" in second["messages"][-1]["content"]
    assert result.model == "fake-model" and result.fallback is None and len(result.variants) == 3


@pytest.mark.parametrize("quirks, env, reason", [
    ({"api_key": "sk-right"}, {"OPENAI_API_KEY": "sk-wrong-777"}, "refused the API key; check OPENAI_API_KEY"),
    ({"models": ("qwen3:8b",)}, {}, "has no model 'fake-model' (PERSONA_MODEL); it has 'qwen3:8b'"),
])
def test_wrong_settings_fall_back_with_a_clear_reason(db, quirks, env, reason):
    with FakeOpenAI([tool_call_reply("CampaignCopy", _model_answer())], **quirks) as server:
        result = write_marketing_copy(db, model=chat_model_from_env(env={**server.env(), **env}), **OUTDOOR_SMS)
    assert result.model == "offline" and reason in result.fallback and len(result.variants) == 3
    recorded = json.dumps([result.as_dict(), connect(db).execute("SELECT detail FROM audit_log").fetchall()],
                          ensure_ascii=False)
    assert "sk-wrong-777" not in recorded and reason in recorded


def test_a_server_that_is_not_running_falls_back(db):
    url = closed_url()
    result = write_marketing_copy(db, model=chat_model_from_env(env={"OPENAI_BASE_URL": url}), **OUTDOOR_SMS)
    assert result.model == "offline" and f"cannot connect to {url}" in result.fallback
