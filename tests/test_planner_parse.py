"""How the planner reads questions: robustness to phrasing, problems it reports, follow-ups."""

from __future__ import annotations

import pytest

from agent.planner.describe import describe
from agent.planner.parse import PlanError, detect_lang, parse_question
from agent.planner.plan import planner_answer
from agent.planner.spec import AudienceSpec, Condition, Group, Range, Window


def _spec(question: str, history=None) -> AudienceSpec:
    return parse_question(question, AudienceSpec.from_dict(history) if history else None).spec


def _kinds(spec: AudienceSpec) -> list:
    return [(c.kind, c.values, c.negate) for c in spec.conditions()]


@pytest.mark.parametrize("question, output", [
    ("你能查一下上海的女性用户吗", "list"),
    ("能帮我查下上海的女性用户吗", "list"),
    ("怎么查上海的女性用户", "list"),
    ("导出上海女性用户", "list"),
    ("可不可以统计一下上海女性用户有多少", "count"),
    ("好的，麻烦帮我拉一下上海的女性用户", "list"),
    ("could you pull up women in Shanghai?", "list"),
    ("how do I find women in Shanghai", "list"),
    ("is there a way to see how many women are in Shanghai", "count"),
    ("would you mind listing women in Shanghai", "list"),
    ("上海的女性用户能帮我查一下吗", "list"),       # after the question
    ("上海的女性用户，帮我拉一下", "list"),
    ("我需要一份上海女性用户的名单", "list"),
    ("你好，能帮我查下上海的女性用户吗？谢谢", "list"),
])
def test_a_request_wrapper_asks_for_the_question_inside(question, output):
    spec = _spec(question)
    assert sorted(_kinds(spec)) == [("city", ["上海"], False), ("gender", ["female"], False)]
    assert spec.output == output


@pytest.mark.parametrize("question, kind", [
    ("帮我查下过单的用户", "behavior"),      # 下 of 下过单 is no "查下"
    ("查看过手机的用户", "behavior"),        # 查看过: viewed, not a request to look
    ("麻烦查下近7天查看过手机的用户", "behavior"),
    ("拉新用户", "lifecycle"),               # 拉新 is a stage, 拉 no request
    ("搜索过手机的用户", "behavior"),
    ("拉萨的用户", "city"),
])
def test_wrapper_words_keep_their_meaning_inside_conditions(question, kind):
    assert [c.kind for c in _spec(question).conditions()] == [kind]


@pytest.mark.parametrize("question", [
    "ＷＯＭＥＮ　ｉｎ　ＳＨＡＮＧＨＡＩ？",
    "please could you find me all the users who are women and live in shanghai",
    "麻烦帮我查一下所有在上海的女生吧！",
    "上海　女性　用户",
    "female users, Shanghai",
    "上海的women",
])
def test_filler_full_width_and_mixed_languages(question):
    spec = _spec(question)
    assert sorted(_kinds(spec)) == [("city", ["上海"], False), ("gender", ["female"], False)]


def test_full_width_digits_in_ranges():
    spec = _spec("２５到３５岁的女性")
    assert spec.conditions()[0].range == Range(gte=25, lte=35)


@pytest.mark.parametrize("question, lang", [("上海的女性", "zh"), ("women in Shanghai", "en"),
                                            ("上海的premium customers", "zh"), ("gold members in 北京 please", "en")])
def test_language_of_the_question(question, lang):
    assert detect_lang(question.lower()) == lang


def test_not_before_a_list_negates_the_whole_list():
    spec = _spec("不在上海和北京的用户")
    assert _kinds(spec) == [("city", ["上海", "北京"], True)]
    spec = _spec("users not in Shanghai or Beijing")
    assert _kinds(spec) == [("city", ["上海", "北京"], True)]


def test_or_between_different_fields_makes_a_group():
    spec = _spec("women or people over 60")
    assert len(spec.where) == 1 and isinstance(spec.where[0], Group)
    assert [c.kind for c in spec.where[0].items] == ["gender", "age"]


def test_one_window_applies_to_every_timed_condition():
    spec = _spec("近7天搜索过手机但没有下单")
    search, order = spec.conditions()
    assert search.window == order.window == Window.days(7)
    assert (search.action, order.action, order.negate, order.targets) == ("search", "order", True, ["mobile_phones"])


@pytest.mark.parametrize("question, window", [
    ("最近一个月对物流不满的用户", Window.days(30)), ("过去三个月对物流不满的用户", Window.days(90)),
    ("半年内对物流不满的用户", Window.days(182)), ("今年对物流不满的用户", Window("this_year")),
    ("本月对物流不满的用户", Window("this_month")), ("users unhappy with delivery this week", Window("this_week")),
    ("users unhappy with delivery in the past 2 weeks", Window.days(14)),
    ("users unhappy with delivery yesterday", Window("yesterday")),
])
def test_time_windows(question, window):
    assert _spec(question).conditions()[0].window == window


@pytest.mark.parametrize("question, low, high", [
    ("bought skincare at least 3 times", 3, None), ("买过护肤品3次以上", 3, None), ("下单超过2次的用户", 3, None),
    ("viewed skincare fewer than 3 times", 0, 2), ("浏览护肤品不到3次的用户", 0, 2), ("bought skincare twice", 2, None),
    ("users with more than 4 orders", 5, None),
])
def test_counts(question, low, high):
    condition = _spec(question).conditions()[0]
    assert (condition.min_count, condition.max_count) == (low, high)


@pytest.mark.parametrize("question, expected", [
    ("30岁以上", Range(gte=30)), ("30岁及以上", Range(gte=30)), ("30岁之上", Range(gt=30)), ("under 25", Range(lt=25)),
    ("aged 40 or older", Range(gte=40)), ("in their 30s", Range(gte=30, lte=39)), ("三十多岁的用户", Range(gte=30, lte=39)),
    ("18-24 year olds", Range(gte=18, lte=24)),
])
def test_age_phrases(question, expected):
    assert _spec(question).conditions()[0].range == expected


@pytest.mark.parametrize("question, tiers", [("一线城市", [1]), ("二三线城市的用户", [2, 3]), ("三线及以下城市", [3, 4, 5]),
                                             ("tier 1 and 2 cities", [1, 2]), ("下沉市场的用户", [3, 4, 5])])
def test_city_tiers(question, tiers):
    assert _spec(question).conditions()[0].values == tiers


def test_new_tier1_uses_the_gazetteer():
    condition = _spec("新一线城市的用户").conditions()[0]
    assert condition.kind == "new_tier1" and "成都" in condition.values and "上海" not in condition.values


@pytest.mark.parametrize("question, words", [
    ("近7天的用户", "近7天"),
    ("至少3次的用户", "至少3次"),
    ("users who are not", "not"),
    ("价格方面的用户", "价格"),
])
def test_parts_it_cannot_bind_are_reported(question, words):
    with pytest.raises(PlanError) as caught:
        parse_question(question)
    assert words in caught.value.reason and words in caught.value.reason_zh


def test_unknown_words_are_named_never_dropped():
    with pytest.raises(PlanError) as caught:
        parse_question("上海喜欢滑翔伞的女性")
    assert caught.value.unknown == ["滑翔伞"]
    assert _kinds(caught.value.understood) == [("city", ["上海"], False), ("gender", ["female"], False)]


def test_narrowing_without_an_earlier_audience_asks_for_the_whole_question():
    plan = planner_answer("其中女性有多少")
    assert plan.kind == "clarify" and "没有可以继续筛选的人群" in plan.message


def test_copy_without_an_audience_asks_for_one():
    plan = planner_answer("写一条短信文案")
    assert plan.kind == "clarify" and "先找出这群人" in plan.message


PRICE = {"where": [{"type": "condition", "kind": "aspect", "values": ["price"], "polarity": "negative",
                    "window": {"kind": "days", "n": 30}}, {"type": "condition", "kind": "gender", "values": ["female"]}],
         "output": "list", "lang": "en"}


@pytest.mark.parametrize("question, word", [
    ("delete user u00042", "delete"),
    ("update u00012's city to beijing", "city to"),
    ("把流失用户的标签都改成沉睡", "标签都改成"),
    ("set their membership level to gold", "membership level to"),
    ("give me the phone numbers of all gold members", "phone numbers"),
    ("把用户的手机号都导出来", "手机号"),
    ("export the emails of churn risk users", "emails of"),
    ("gold members and their emails", "their emails"),
    ("give me the email adresses of all diamond members", "email adresses"),   # typed fast; not the email channel
    ("write the emial list of gold members", "emial"),
    ("phone no. of churn risk users", "phone no."),
    ("钻石会员的邮箱地址", "邮箱地址"),
    ("帮我把u00042删了", "删"),
    ("drop the users table", "drop"),   # in a conversation too: a data object
])
def test_writes_and_identities_are_refused_saying_what(question, word):
    with pytest.raises(PlanError) as error:
        parse_question(question, AudienceSpec.from_dict(PRICE))
    assert error.value.refused and word in error.value.reason and word in error.value.reason_zh


def test_rebuilding_a_profile_and_changing_the_audience_are_no_writes():
    assert parse_question("update u00042").kind == "generate_profile"
    spec = _spec("换成北京的", PRICE)   # a follow-up's 换成 changes the question, not the data
    assert "city" in [c.kind for c in spec.conditions()]
    spec = _spec("drop the men", PRICE)   # in a conversation: out of the audience
    assert ("gender", ["male"], True) in _kinds(spec)
    with pytest.raises(PlanError):
        parse_question("drop the men")   # with no audience to drop them from it reads as a write


def test_a_window_alone_replaces_the_windows_of_the_previous_audience():
    spec = _spec("what about the last 7 days?", PRICE)
    assert spec.conditions()[0].window == Window.days(7) and len(spec.conditions()) == 2


def test_replacing_adds_when_the_slot_is_new():
    spec = _spec("what about Beijing?", PRICE)
    assert [c.kind for c in spec.conditions()] == ["aspect", "gender", "city"]


def test_a_new_full_question_starts_over():
    spec = _spec("users that like hiking", PRICE)
    assert [c.kind for c in spec.conditions()] == ["interest"]


def test_a_pronoun_narrows():
    spec = _spec("do they like hiking?", PRICE)
    assert [c.kind for c in spec.conditions()] == ["aspect", "gender", "interest"]


def test_requests_with_free_text():
    assert parse_question("save them as 'Beijing churn'", AudienceSpec.from_dict(PRICE)).args == {"name": "Beijing churn"}
    assert parse_question("show me U00042").args == {"user_id": "U00042"}
    assert parse_question("what tags do we have for camping?").args["query"] == "camping"
    copy = parse_question("write 2 playful push messages in English promoting our new tent", AudienceSpec.from_dict(PRICE))
    assert copy.args == {"channel": "push", "tone": "playful", "language": "en", "offer": "our new tent", "n": 2}


def test_specs_survive_json():
    spec = AudienceSpec(where=[
        Condition("behavior", action="view", targets=["skincare"], min_count=3, window=Window("this_month")),
        Group(items=[Condition("city", values=["上海"]), Condition("age", range=Range(gt=50))], negate=True),
        Condition("spend", range=Range(gte=100, lt=500), targets=["travel"]),
    ], output="breakdown", group_by="city", top=5, lang="en")
    assert AudienceSpec.from_dict(spec.to_dict()) == spec


def test_descriptions_in_both_languages():
    spec = _spec("gold members in Beijing who bought outdoor gear at least twice in the last 90 days")
    assert describe(spec, "en") == ("gold members; in Beijing; bought Outdoor sports at least 2 times in the last 90 days")
    assert describe(spec, "zh") == "金卡会员；城市：北京；近90天购买户外运动至少2次"


WOMEN = {"where": [{"type": "condition", "kind": "gender", "values": ["female"]}], "output": "list", "lang": "zh"}


@pytest.mark.parametrize("question, args", [
    ("给她们发一封邮件，英文，推广会员日满200减30",
     {"channel": "email", "language": "en", "offer": "会员日满200减30", "n": 1}),
    ("给这群人写一条短信文案", {"channel": "sms", "language": "zh", "offer": None, "n": 1}),
    ("write 3 emails for them about our anniversary sale",
     {"channel": "email", "language": "en", "offer": "our anniversary sale", "n": 3}),
    ("把文案写得俏皮一点，给她们写两条推送", {"channel": "push", "tone": "playful", "n": 2}),
])
def test_copy_arguments(question, args):
    request = parse_question(question, AudienceSpec.from_dict(WOMEN))
    assert request.kind == "copy" and request.spec is None
    assert {key: request.args[key] for key in args} == args


@pytest.mark.parametrize("question, audience, offer", [
    ("写一条包邮的短信给沉睡用户", [("lifecycle", ["dormant"], False)], "包邮"),
    ("draft a push notification for churn-risk users in Shanghai offering free shipping",
     [("lifecycle", ["churn_risk"], False), ("city", ["上海"], False)], "free shipping"),
])
def test_copy_for_an_audience_named_in_the_same_question(question, audience, offer):
    request = parse_question(question, AudienceSpec.from_dict(WOMEN))
    assert request.kind == "copy" and request.new_audience
    assert _kinds(request.spec) == audience and request.args["offer"] == offer


@pytest.mark.parametrize("chain, kinds", [
    (["women in Shanghai", "only the gold members", "and in Beijing?", "how many?"],
     [("gender", ["female"], False), ("member_level", ["gold"], False), ("city", ["北京"], False)]),
    (["users who complained about delivery", "which of them are VIP?", "and who are at churn risk"],
     [("aspect", ["delivery"], False), ("member_level", ["gold", "platinum", "diamond"], False),
      ("lifecycle", ["churn_risk"], False)]),
    (["价格敏感的用户", "再加上90后", "去掉上海的"],
     [("consumption", ["price_sensitive"], False), ("age", [], False), ("city", ["上海"], True)]),
    (["dormant users", "exclude those in tier-1 cities"], [("lifecycle", ["dormant"], False), ("city_tier", [1], True)]),
    (["喜欢户外的用户", "那些喜欢健身的人呢"], [("interest", ["fitness"], False)]),
])
def test_conversational_follow_ups(chain, kinds):
    history = None
    for question in chain:
        spec = parse_question(question, history).spec
        history = spec
    assert _kinds(spec) == kinds


def test_their_cities_is_a_breakdown_of_the_previous_audience():
    spec = _spec("show their cities", PRICE)
    assert spec.output == "breakdown" and spec.group_by == "city" and len(spec.conditions()) == 2


@pytest.mark.parametrize("question, window", [
    ("2026年10月以来下过单的用户", Window("since", date="2026-10-01")),
    ("users who ordered since 2026-10-15", Window("since", date="2026-10-15")),
    ("2025年以前注册的用户", Window("before", date="2025-01-01")),
    ("complained about delivery before 2026/09/01", Window("before", date="2026-09-01")),
])
def test_dates(question, window):
    assert _spec(question).conditions()[0].window == window


def test_emails_as_a_channel_are_no_identity_request():
    """'send emails to …' is about a channel: not understood, but no privacy refusal either."""
    with pytest.raises(PlanError) as error:
        parse_question("send emails to churn risk users")
    assert not error.value.refused
    assert parse_question("write emails for churn risk users").kind == "copy"
