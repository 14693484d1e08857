"""Copy for a service business (a gym: memberships, classes, personal training) speaks of visits,
classes and membership, never of new products on the shelf."""

import json
import re
from datetime import datetime, timedelta

import pytest

from tests.db_helpers import ingested_and_built as _ingested_and_built
from tests.test_copy_quality import full_brief
from tools.copywriter import write_marketing_copy
from tools.copywriter.offline import CHANNELS, TONES, compose, load_phrases
from tools.copywriter.services import is_service

SHELF_ZH = ["上新", "上架", "新品", "日常用品", "新到的", "好物", "补货", "挑一件", "逛"]
SHELF_EN = ["new in", "new arrivals", "just landed", "just arrived", "in stock", "restock", "products", "browse",
            "new picks", "unboxing"]
SERVICE_ZH = ["课", "练", "到店", "会籍", "会员"]
SERVICE_EN = ["class", "session", "visit", "membership", "timetable", "training", "train"]

# A school: courses and lessons; its copy speaks of learning, never of training, visits or a shelf.
TRAINING_ZH = ["训练", "练一练", "练得", "来练", "到店", "健身"]
TRAINING_EN = ["training", "train", "workouts?", "per visit", "every visit", "last visit", "gym"]   # not "visit our site"
LEARNING_ZH = ["课", "学", "进步", "老师"]
LEARNING_EN = ["course", "courses", "lesson", "lessons", "learning", "learn", "progress", "teachers?", "class"]

# A restaurant: what an online shop says (fresh eyes 10: "从选购到使用，都有人帮你解答", "Our support team will
# follow up until it's sorted") is wrong; its copy speaks of coming in, ordering again and the menu.
SHOP_ZH = ["选购", "售后", "客服", "上架", "发货", "物流", "到货", "收货", "好物", "逛", "使用中", "包裹"]
SHOP_EN = ["choosing", "using", "support team", "products?", "new arrivals", "new in", "in stock", "restock",
           "parcel", "dispatch", "checkout", "browse", "shelf", "unboxing", "gear"]
DINING_ZH = ["到店", "外卖", "尝鲜", "新品", "来吃", "菜", "餐", "口味", "味道", "光临", "再来一份"]
DINING_EN = ["menu", "come in", "order", "meals?", "dish(?:es)?", "dine", "delivery", "taste", "flavours?", "visit",
             "in store", "eating"]


def _words_in(text: str, language: str, zh: list[str], en: list[str]) -> list[str]:
    """The words of the list for ``language`` that ``text`` says (English ones as whole words, any case)."""
    if language == "zh":
        return [w for w in zh if w in text]
    return [w for w in en if re.search(rf"\b{w}\b", text, re.IGNORECASE)]


def _wrong_kind_words(text: str, language: str) -> list[str]:
    return _words_in(text, language, TRAINING_ZH, TRAINING_EN)


def _speaks_of_learning(text: str, language: str) -> bool:
    return bool(_words_in(text, language, LEARNING_ZH, LEARNING_EN))


def _shelf_words(text: str, language: str) -> list[str]:
    return _words_in(text, language, SHELF_ZH, SHELF_EN)


def _shop_words(text: str, language: str) -> list[str]:
    return _words_in(text, language, SHOP_ZH, SHOP_EN)


def _speaks_of_dining(text: str, language: str) -> bool:
    return bool(_words_in(text, language, DINING_ZH, DINING_EN))


def _text(variant: dict) -> str:
    return " ".join(str(variant.get(field) or "") for field in ("title", "subject", "preheader", "body"))


def _speaks_of_service(text: str, language: str) -> bool:
    return any(w in text.lower() for w in (SERVICE_ZH if language == "zh" else SERVICE_EN))


@pytest.mark.parametrize("offer", ["年卡8折", "周末普拉提体验课", "私教10节送2节", "月卡续卡立减100", "团课次卡",
                                   "20% off the annual membership", "a free trial class", "10-session class pass",
                                   "personal training package", "yoga course for beginners", "subscription renewal"])
def test_offers_of_memberships_classes_and_sessions_are_services(offer):
    assert is_service(offer)


@pytest.mark.parametrize("offer", ["满300减50", "蛋白粉第二件半价", "会员日全场8折", "5节电池", "登山鞋新品",
                                   "free shipping on hiking boots", "members save 10% on yoga mats", None])
def test_goods_offers_are_not_services(offer):
    assert not is_service(offer)


@pytest.mark.parametrize("language", ["zh", "en"])
@pytest.mark.parametrize("kind, section, interest", [("classes", "services", "fitness"), ("courses", "courses", "fitness"),
                                                     ("dining", "dining", "food_drink"), ("dining", "dining", "fitness")])
def test_every_service_variant_of_every_angle_tone_and_channel_speaks_of_its_kind(language, kind, section, interest):
    """A gym's lines speak of classes and visits; a school's of learning, never of training; a restaurant's
    of coming in, ordering again and the menu, never of a shelf, choosing and using, or a support team."""
    brief = full_brief(interest)
    brief.service = kind
    written = load_phrases()[section]
    for channel in CHANNELS:
        for tone in TONES:
            variants = compose(brief, channel=channel, tone=tone, language=language, n=len(written))
            assert {v["angle"] for v in variants} <= set(written)
            for variant in variants:
                text, where = _text(variant), (channel, tone, variant["angle"])
                if kind == "dining":
                    assert _shop_words(text, language) == [], (*where, text)
                    assert _speaks_of_dining(text, language), (*where, text)
                    continue
                assert _shelf_words(text, language) == [], (*where, text)
                if kind == "classes":
                    assert _speaks_of_service(text, language), (*where, text)
                else:
                    assert _wrong_kind_words(text, language) == [], (*where, text)
                    assert _speaks_of_learning(text, language), (*where, text)


def _day(days_ago: int) -> str:
    return (datetime.now() - timedelta(days=days_ago)).strftime("%Y-%m-%d")


@pytest.fixture(scope="module")
def gym_db(tmp_path_factory):
    """Ten gym members who buy memberships and personal training, and five shoppers of hiking gear."""
    folder = tmp_path_factory.mktemp("gym")
    records = []
    for k in range(10):
        records.append({"user_id": f"g{k}", "attributes": {"gender": "female", "registered_at": _day(400)},
                        "orders": [{"order_id": f"g{k}a", "product": "年卡", "category": "健身", "amount": 3999,
                                    "ordered_at": _day(300)},
                                   {"order_id": f"g{k}b", "product": "私教10节", "category": "健身", "amount": 2800,
                                    "ordered_at": _day(200)}],
                        "surveys": {"interests": ["健身"]}})
    for k in range(5):
        records.append({"user_id": f"s{k}", "attributes": {"registered_at": _day(400)},
                        "orders": [{"order_id": f"s{k}a", "product": "登山鞋", "category": "户外装备", "amount": 899,
                                    "ordered_at": _day(20)}]})
    return _ingested_and_built(folder, "gym", records)


@pytest.mark.parametrize("language, offer, channel", [
    ("zh", "年卡8折", "sms"), ("zh", None, "push"), ("zh", "周末普拉提体验课", "email"),
    ("en", "20% off the annual membership", "sms"), ("en", None, "email")])
def test_copy_for_members_who_buy_memberships_speaks_of_visits_and_classes(gym_db, language, offer, channel):
    result = write_marketing_copy(gym_db, user_ids=[f"g{k}" for k in range(10)], channel=channel,
                                  language=language, offer=offer, n=3)
    assert result.brief.service
    for variant in result.variants:
        text = _text(variant)
        assert _shelf_words(text, language) == [], text
        assert _speaks_of_service(text, language), text


def test_a_service_offer_makes_even_a_goods_audience_a_service_audience(gym_db):
    result = write_marketing_copy(gym_db, user_ids=[f"s{k}" for k in range(5)], channel="sms", language="zh",
                                  offer="私教体验课", n=2)
    assert result.brief.service
    assert all(_shelf_words(_text(v), "zh") == [] for v in result.variants)


def test_shoppers_of_goods_still_get_goods_copy(gym_db):
    result = write_marketing_copy(gym_db, user_ids=[f"s{k}" for k in range(5)], channel="sms", language="zh",
                                  offer="满300减50", n=3)
    assert not result.brief.service
    assert not any(_speaks_of_service(_text(v), "zh") and "课" in _text(v) for v in result.variants)


def _prompt(db, members, offer, body="好久不见，回来练一练吧，约一节课重新找回节奏") -> str:
    """What the model was asked, for this audience and offer (a loopback OpenAI-compatible server)."""
    from tests.fake_openai import FakeOpenAI, tool_call_reply
    from tests.test_copy import _model_answer
    from tools.llm import chat_model_from_env

    with FakeOpenAI([tool_call_reply("CampaignCopy", _model_answer(body=body))]) as server:
        write_marketing_copy(db, user_ids=members, channel="sms", language="zh", offer=offer,
                             model=chat_model_from_env(env=server.env()))
        return json.dumps(server.requests[0]["messages"], ensure_ascii=False)


def test_the_model_is_told_the_business_sells_services(gym_db):
    said = "sells memberships, classes or sessions, not goods"
    assert said in _prompt(gym_db, [f"g{k}" for k in range(10)], None)
    assert said not in _prompt(gym_db, [f"s{k}" for k in range(5)], "满300减50")


@pytest.mark.parametrize("offer, kind", [
    ("雅思口语直播课立减200", "courses"), ("PMP认证冲刺班8折", "courses"), ("CPA全科精讲课程", "courses"),
    ("7-day free trial lesson", "courses"), ("online course bundle", "courses"), ("私教10节送2节", "classes"),
    ("yoga course for beginners", "classes"), ("VIP年卡8折", "service"), ("renew VIP 20% off", "service"),
    ("subscription renewal", "service"), ("members save 10% on yoga mats", None)])
def test_an_offer_names_the_kind_of_service(offer, kind):
    from tools.copywriter.services import service_kind

    assert service_kind(offer) == kind


@pytest.fixture(scope="module")
def school_db(tmp_path_factory):
    """Eight learners of exam-prep and language courses, four parents of kids' courses, each a
    yearly VIP too, and the gym's hiking shoppers for contrast."""
    folder = tmp_path_factory.mktemp("school")
    records = []
    courses = [("PMP认证冲刺班", "考证", 3999), ("雅思口语直播课", "英语", 1999), ("Business English lessons", "English", 1599)]
    for k in range(8):
        product, category, amount = courses[k % 3]
        records.append({"user_id": f"L{k}", "attributes": {"registered_at": _day(400)},
                        "orders": [{"order_id": f"L{k}a", "product": product, "category": category, "amount": amount,
                                    "ordered_at": _day(120)},
                                   {"order_id": f"L{k}b", "product": "年度VIP会员", "category": "会员", "amount": 699,
                                    "ordered_at": _day(100)}]})
    for k in range(4):
        records.append({"user_id": f"P{k}", "attributes": {"registered_at": _day(400), "occupation": "家长"},
                        "orders": [{"order_id": f"P{k}a", "product": "数学思维奥赛班", "category": "奥数",
                                    "amount": 2280, "ordered_at": _day(60)},
                                   {"order_id": f"P{k}b", "product": "少儿英语外教课", "category": "少儿英语",
                                    "amount": 2280, "ordered_at": _day(50)}]})
    return _ingested_and_built(folder, "school", records)


LEARNERS = [f"L{k}" for k in range(8)] + [f"P{k}" for k in range(4)]


@pytest.mark.parametrize("language, offer, channel", [
    ("zh", "续费VIP立减100元", "sms"), ("zh", None, "push"), ("zh", "VIP年卡8折", "email"),
    ("en", "renew VIP 20% off", "sms"), ("en", None, "email"), ("en", "a free trial class", "push")])
def test_copy_for_learners_speaks_of_courses_and_learning(school_db, language, offer, channel):
    result = write_marketing_copy(school_db, user_ids=LEARNERS, channel=channel, language=language, offer=offer, n=3)
    assert result.brief.service == "courses"
    for variant in result.variants:
        text = _text(variant)
        assert _shelf_words(text, language) == [], text
        assert _wrong_kind_words(text, language) == [], text
        assert _speaks_of_learning(text, language), text


def test_a_gym_offer_to_learners_is_training_and_a_course_offer_to_gym_members_is_learning(school_db, gym_db):
    gym = write_marketing_copy(school_db, user_ids=LEARNERS, channel="sms", language="zh", offer="私教体验课", n=2)
    school = write_marketing_copy(gym_db, user_ids=[f"g{k}" for k in range(10)], channel="sms", language="en",
                                  offer="online course bundle", n=2)
    assert (gym.brief.service, school.brief.service) == ("classes", "courses")
    assert all(_wrong_kind_words(_text(v), "en") == [] for v in school.variants)


def test_the_model_is_told_the_business_sells_courses(school_db):
    prompt = _prompt(school_db, LEARNERS, None, body="好久不见，回来接着学吧，新课表已经更新")
    assert "sells courses and lessons (learning), not goods" in prompt
    assert "sells memberships, classes or sessions" not in prompt


# --- a restaurant: meals and drinks, in the stores and delivered -------------------------------------

@pytest.fixture(scope="module")
def restaurant(tmp_path_factory):
    from tests.agent_helpers import restaurant_db

    return restaurant_db(tmp_path_factory.mktemp("restaurant"))


DINERS = [f"R{k:02d}" for k in range(18)]
COMPLAINED_OF_DELIVERY = [f"R{k:02d}" for k in range(0, 18, 4)]


@pytest.mark.parametrize("language, offer, channel, members", [
    ("zh", "会员日8折", "sms", DINERS), ("zh", None, "push", DINERS), ("zh", "满100减20", "email", COMPLAINED_OF_DELIVERY),
    ("en", None, "sms", COMPLAINED_OF_DELIVERY), ("en", "20% off on member day", "email", DINERS),
    ("en", None, "push", DINERS)])
def test_copy_for_diners_speaks_of_coming_in_ordering_again_and_the_menu(restaurant, language, offer, channel,
                                                                         members):
    result = write_marketing_copy(restaurant, user_ids=members, channel=channel, language=language, offer=offer, n=3)
    assert result.brief.service == "dining"
    for variant in result.variants:
        text = _text(variant)
        assert _shop_words(text, language) == [], text
        assert _speaks_of_dining(text, language), text


def test_the_model_is_told_the_business_serves_meals(restaurant):
    prompt = _prompt(restaurant, DINERS, None, body="好久不见，菜单上新了，下次来吃尝尝鲜")
    assert "serves meals and drinks, in its stores and by delivery" in prompt


@pytest.mark.parametrize("orders, kind", [
    ([("双人套餐", "套餐"), ("杨枝甘露", "饮品"), ("柠檬茶", "饮品")], "dining"),   # drinks, where meals are sold
    ([("牛肉饭", "主食"), ("鸡米花", "小吃")], "dining"),
    ([("Family set meal", "Set Meals"), ("Iced tea", "Drinks")], "dining"),
    ([("矿泉水 24瓶", "饮品"), ("气泡水 12罐", "饮料")], None),   # a drinks shop ships bottles: goods
    ([("护肤套装", "护肤"), ("面霜", "护肤")], None),
])
def test_an_audience_of_meals_is_a_dining_audience(tmp_path, orders, kind):
    from tools.copywriter.services import audience_service
    from tools.ingest import ingest_records

    db = str(tmp_path / "shop.db")
    ingest_records(db, [{"user_id": f"c{k}", "orders": [{"order_id": f"c{k}-{n}", "product": product, "category": category,
                                                         "amount": 30, "ordered_at": _day(10 + n)}
                                                        for n, (product, category) in enumerate(orders)]}
                        for k in range(3)])
    assert audience_service(db, ["c0", "c1", "c2"]) == kind
