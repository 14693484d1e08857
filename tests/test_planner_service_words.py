"""Fresh-eyes review #8 on a fitness studio's data, through the real offline agent on a real SQLite
file: the people who teach or serve and the parts of the place are aspects ("users who praised their coach",
对前台不满, "the gym is too crowded" without a Gym-training filter), the shop's own category that holds
an interest word (买过私教课), membership requests searched in the texts (想冻结年卡, "transferring
their card"), a capitalised name searched whole ("Anytime Fitness"), and the refusals of a staff
ranking and of a rate said in the shop's words (续卡率)."""

from __future__ import annotations

import pytest

from tests.agent_helpers import conversation
from tests.db_helpers import ago, rows
from tools.ingest import ingest_records
from tools.profile.build import build_profiles

CARD = ("年卡", "会员卡", 3688.0)
PT = ("私教10节", "私教课", 3000.0)


def member(index: int, city: str, gender: str, orders: list, texts: list[tuple[str, str]]) -> dict:
    user = f"G{index:02d}"
    return {"user_id": user, "attributes": {"name": f"会员{index}", "gender": gender, "city": city,
                                            "registered_at": ago(300)},
            "orders": [{"order_id": f"{user}-{n}", "product": product, "category": category, "amount": amount,
                        "ordered_at": ago(10 + n)} for n, (product, category, amount) in enumerate(orders)],
            "texts": [{"text_id": f"{user}-t{n}", "source": source, "text": text, "at": ago(5)}
                      for n, (source, text) in enumerate(texts)]}


@pytest.fixture(scope="module")
def gym_db(tmp_path_factory):
    db = str(tmp_path_factory.mktemp("fe8data") / "gym.db")
    ingest_records(db, [
        member(1, "上海", "female", [PT], [("review", "王教练特别耐心，教得很好")]),
        member(2, "杭州", "male", [CARD], [("review", "前台态度很差，办卡的时候爱答不理")]),
        member(3, "上海", "male", [PT, CARD], [("review", "健身房里太挤了，晚上器械都要排队")]),
        member(4, "深圳", "female", [CARD], [("chat", "我想冻结年卡两个月，出差")]),
        member(5, "上海", "female", [CARD], [("chat", "Can I freeze my card for two months?")]),
        member(6, "杭州", "female", [CARD], [("chat", "年卡可以转让给朋友吗？")]),
        member(7, "深圳", "male", [CARD], [("review", "Anytime Fitness charges half of this, and it is open all night")]),
        member(8, "上海", "female", [PT], [("review", "The gym is always so crowded in the evening, terrible")]),
        member(9, "杭州", "male", [CARD], [("review", "Coach Lily is amazing, best class ever")]),
    ])
    build_profiles(db)
    return db


def users_with(db: str, aspect: str, sign: str) -> set[str]:
    """The users the analyzers read an opinion on ``aspect`` of that sign for (what a question means)."""
    return {u for (u,) in rows(db, f"SELECT DISTINCT user_id FROM emotions WHERE aspect = ? AND polarity {sign} 0",
                               aspect)}


@pytest.mark.parametrize("question", ["users who praised their coach", "哪些人夸过教练", "对教练满意的会员"])
def test_praise_of_a_coach_is_praise_of_the_teacher(gym_db, question):
    answer, = conversation(gym_db, f"fe8-coach-{question}", question)
    praised = users_with(gym_db, "teacher", ">")
    assert praised == {"G01", "G09"}   # the analyzers read the coach as who teaches, not the service
    assert set(answer.user_ids) == praised
    assert "Furniture" not in answer.text and "家具" not in answer.text


@pytest.mark.parametrize("question", ["对前台不满的会员", "customers who complained about the front desk"])
def test_the_front_desk_is_the_service(gym_db, question):
    answer, = conversation(gym_db, f"fe8-desk-{question}", question)
    assert set(answer.user_ids) == users_with(gym_db, "service", "<") and "G02" in answer.user_ids


@pytest.mark.parametrize("question", ["customers who said the gym is too crowded", "健身房里太挤的会员"])
def test_a_crowded_gym_is_the_place_not_an_interest(gym_db, question):
    answer, = conversation(gym_db, f"fe8-crowd-{question}", question)
    crowded = users_with(gym_db, "environment", "<")
    assert {"G03", "G08"} <= crowded
    assert set(answer.user_ids) == crowded   # no Gym-training filter narrows them
    assert "Gym training" not in answer.text and "健身房训练" not in answer.text


def test_the_shops_own_category_is_a_bought_item(gym_db):
    everyone, shanghai_women, english = conversation(gym_db, "fe8-pt", "买过私教课的会员有多少", "上海买过私教课的女性",
                                                     "customers in Shanghai who bought personal training")
    assert everyone.text.startswith("共有 3 位") or set(everyone.user_ids) == {"G01", "G03", "G08"}
    assert "“课”" not in everyone.text
    assert set(shanghai_women.user_ids) == {"G01", "G08"}
    assert set(english.user_ids) == {"G01", "G03", "G08"} and "no brand" not in english.text


@pytest.mark.parametrize("question, expected", [
    ("想冻结年卡的会员", {"G04", "G05"}), ("customers who want to freeze their membership", {"G04", "G05"}),
    ("who asked about transferring their card?", {"G06"}), ("想转让会员卡的人", {"G06"}),
])
def test_membership_requests_are_searched_in_both_languages(gym_db, question, expected):
    answer, = conversation(gym_db, f"fe8-freeze-{question}", question)
    assert set(answer.user_ids) == expected


def test_a_capitalised_name_is_mentioned_whole(gym_db):
    answer, = conversation(gym_db, "fe8-anytime", "customers who mentioned Anytime Fitness")
    assert answer.user_ids == ["G07"] and 'mentioned "anytime fitness"' in answer.text
    assert "interested in Fitness" not in answer.text


@pytest.mark.parametrize("question, says", [
    ("哪个教练被投诉最多", "对教练不满的会员"), ("which coach gets the most complaints?", "users who praised their coach"),
    ("续卡率是多少", "续卡率"), ("what is our renewal rate", "renewal rate"),
])
def test_staff_rankings_and_rates_are_refused_with_what_to_ask(gym_db, question, says):
    answer, = conversation(gym_db, f"fe8-refuse-{question}", question)
    assert not answer.rows and says in answer.text


@pytest.fixture(scope="module")
def school_db(tmp_path_factory):
    """An online school (fresh-eyes review #9): reviews of teachers and of customer service."""
    db = str(tmp_path_factory.mktemp("fe9data") / "school.db")
    ingest_records(db, [
        member(1, "北京", "female", [PT], [("review", "王老师讲得特别好，孩子很喜欢上课")]),
        member(2, "上海", "male", [PT], [("review", "李老师批改作业很认真，反馈很详细")]),
        member(3, "杭州", "female", [PT], [("review", "The teacher is amazing, very patient with my questions")]),
        member(4, "深圳", "male", [PT], [("review", "老师照本宣科，完全就是念PPT")]),
        member(5, "北京", "female", [PT], [("review", "外教口音太重，孩子听不懂，老师也不怎么互动")]),
        member(6, "上海", "male", [PT], [("review", "The teacher was late three times and rushed through the lesson")]),
        member(7, "杭州", "female", [PT], [("review", "客服态度很好，回复也快")]),
        member(8, "深圳", "male", [PT], [("review", "客服态度差，问三遍都不回")]),
        member(9, "北京", "female", [PT], [("review", "申请退款一直没人处理，客服踢皮球")]),
    ])
    build_profiles(db)
    return db


@pytest.mark.parametrize("question, expected", [
    ("对老师不满意的用户", {"G04", "G05", "G06"}),
    ("who complained about the teacher?", {"G04", "G05", "G06"}),
    ("夸过老师的用户", {"G01", "G02", "G03"}),
    ("users who praised the teacher", {"G01", "G02", "G03"}),
    ("对客服不满的用户", {"G08", "G09"}),
    ("users who praised customer service", {"G07"}),
])
def test_a_teacher_is_not_customer_service(school_db, question, expected):
    answer, = conversation(school_db, f"fe9-teacher-{question}", question)
    assert set(answer.user_ids) == expected
