"""Copy speaks of what its audience buys and of the offer's product, never of another interest.

Through the real offline agent on the demo data, whose pet owners all like cars too (blind round
10: an SMS for the buyers of the pet-food brand 渴望 Orijen spoke of 汽车用品; a dog owners' e-mail
and a churn-risk pet lovers' SMS offering cat food named no pet at all). Each case asks for an
audience, then for copy, and reads the copy written back from ``campaign_copy``: every variant
must name the audience's product (besides the offer's own words) and none may use the words of an
interest the operator did not ask about. The word lists are kept here, apart from phrases.yaml.
"""

from __future__ import annotations

import json
import re
import sqlite3

import pytest

from agent.graph import Agent
from tests.agent_helpers import built_demo_db
from tools.copywriter.subject import bought_shares, named_interests, offer_interest

# What each interest's copy may say (any one is enough), per language.
WORDS = {
    "pets": {"zh": ("宠物", "猫", "狗", "主子", "毛孩子"), "en": ("pet", "cat", "dog")},
    "cat": {"zh": ("猫", "主子"), "en": ("cat",)},
    "dog": {"zh": ("狗", "遛弯"), "en": ("dog", "walk")},
    "cars": {"zh": ("汽车", "车品", "用车", "驾驶"), "en": ("car", "cars", "drive", "driving")},
    "skincare": {"zh": ("护肤", "精华", "肌肤"), "en": ("skincare", "serum", "serums", "skin", "routine", "ritual")},
    "outdoor": {"zh": ("户外", "徒步", "露营", "山野", "步道", "营地"),
                "en": ("outdoor", "outdoors", "hiking", "camping", "trail", "hike")},
    "books": {"zh": ("阅读", "图书", "书"), "en": ("reading", "book", "books", "titles", "chapter")},
    "tech": {"zh": ("数码", "手机", "电脑"), "en": ("tech", "gadgets", "devices", "phone", "phones", "desk")},
    "finance": {"zh": ("理财", "财务"), "en": ("money", "financial", "finance")},
}
# (thread, audience question, copy request, language, channel, the audience's interest, foreign interests)
CASES = [
    ("orijen-zh", "买过渴望 Orijen 的顾客", "给他们写一条短信，语气亲切，满199减30", "zh", "sms", "pets",
     ("cars", "finance")),
    ("orijen-en", "customers who bought Orijen", "write 3 push notifications for them", "en", "push", "pets",
     ("cars", "finance")),
    ("dogs-en", "dog owners", "write an email for them", "en", "email", "dog", ("cars", "outdoor")),
    ("dogs-zh", "养狗的用户", "给他们写三条短信", "zh", "sms", "dog", ("cars", "outdoor")),
    ("cats-zh", "养猫的用户有多少", "给她们写一封邮件，语气温暖", "zh", "email", "cat", ("cars", "finance")),
    ("skin-en", "people who love skincare", "write 3 social posts for them", "en", "social", "skincare",
     ("cars", "pets", "outdoor", "tech")),
    ("skin-zh", "喜欢护肤的用户", "给她们写两条推送", "zh", "push", "skincare", ("cars", "pets", "outdoor")),
    ("outdoor-zh", "喜欢户外运动的用户", "写一封邮件给他们", "zh", "email", "outdoor", ("cars", "pets", "skincare")),
    ("books-en", "book lovers", "write 3 sms for them", "en", "sms", "books", ("cars", "pets", "skincare")),
    ("tech-en", "people who like gadgets", "write an email for them", "en", "email", "tech",
     ("cars", "pets", "skincare", "books")),
]
# (thread, audience, request, language, channel, the offer's interest): the offer's product leads.
OFFER_CASES = [
    ("catfood-en", "pet lovers at churn risk", "write an sms, warm tone, 15% off cat food", "en", "sms", "cat"),
    ("catfood-zh", "喜欢宠物的用户", "给他们写两条短信，猫粮打8折", "zh", "sms", "cat"),
    ("dogfood-en", "pet lovers", "write 2 push notifications, 20% off dog food", "en", "push", "dog"),
]


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    return built_demo_db(tmp_path_factory.mktemp("subject"))


def last_copy(db: str) -> tuple[list[dict], str | None]:
    conn = sqlite3.connect(db)
    try:
        (variants,) = conn.execute("SELECT variants FROM campaign_copy ORDER BY copy_id DESC LIMIT 1").fetchone()
    finally:
        conn.close()
    variants = json.loads(variants)
    return variants, variants[0].get("offer")


def says(text: str, word: str, language: str) -> bool:
    if language == "zh":
        return word in text
    return re.search(rf"\b{re.escape(word)}\b", text, re.IGNORECASE) is not None


def copy_for(db: str, thread: str, audience: str, request: str) -> tuple[list[tuple[str, str]], str | None]:
    """(body, every field: title, subject, preheader and body) of each variant written for the
    audience, without the offer's own words; and the offer."""
    agent = Agent(db, offline=True, thread=thread)
    found = agent.ask(audience)
    assert found.error is None and found.row_count, found.text
    written = agent.ask(request)
    assert written.error is None, written.text
    variants, offer = last_copy(db)

    def without_offer(text: str) -> str:
        return text.replace(offer, " ") if offer else text

    return [(without_offer(v["body"]), without_offer(" ".join(v.get(f) or "" for f in ("title", "subject",
                                                                                      "preheader", "body"))))
            for v in variants], offer


@pytest.mark.parametrize("thread,audience,request_,language,channel,interest,foreign", CASES,
                         ids=[c[0] for c in CASES])
def test_copy_names_the_audiences_product_and_no_other(demo_db, thread, audience, request_, language, channel,
                                                       interest, foreign):
    texts, _ = copy_for(demo_db, thread, audience, request_)
    for body, text in texts:   # the message itself names the product; no field names another interest
        assert any(says(body, w, language) for w in WORDS[interest][language]), (interest, body)
        for other in foreign:
            assert not [w for w in WORDS[other][language] if says(text, w, language)], (other, text)


@pytest.mark.parametrize("thread,audience,request_,language,channel,interest", OFFER_CASES,
                         ids=[c[0] for c in OFFER_CASES])
def test_copy_speaks_of_the_product_the_offer_names(demo_db, thread, audience, request_, language, channel,
                                                   interest):
    texts, offer = copy_for(demo_db, thread, audience, request_)
    assert offer and any(says(offer, w, language) for w in WORDS[interest][language])
    other = "dog" if interest == "cat" else "cat"
    for body, text in texts:   # the offer's own words taken out: the copy itself names its product
        assert any(says(body, w, language) for w in WORDS[interest][language]), body
        assert not any(says(text, w, language) for w in WORDS["cars"][language] + WORDS[other][language]), text


def test_a_brand_is_what_it_sells_and_an_offer_what_it_names(demo_db):
    assert named_interests(demo_db, ["渴望 Orijen"]) == ["pets"]
    assert named_interests(demo_db, ["猫粮"]) == ["pet_cat_owner"]   # a word that is an interest's name
    assert named_interests(demo_db, ["no such brand"]) == []
    assert offer_interest("15% off cat food") == "pet_cat_owner"
    assert offer_interest("狗粮8折") == "pet_dog_owner"
    assert offer_interest("满199减30") is None
    assert offer_interest("免费咖啡券") is None   # a gift brings anyone back; coffee is not the subject
    # a word of several meanings: the one under an interest the audience shares
    assert offer_interest("20% off trail shoes", ["outdoor_sports", "running"]) == "trail_running"
    assert offer_interest("20% off trail shoes", ["mother_baby"]) == "shoes"


def test_between_interests_shared_as_widely_the_one_members_buy_leads(demo_db):
    """Orijen's buyers all carry both a pets and a cars tag; more of them ordered pet things."""
    from tools.copywriter.brief import brief_from_profile
    from tools.segments import audience_profile

    conn = sqlite3.connect(demo_db)
    members = [r[0] for r in conn.execute("SELECT DISTINCT user_id FROM orders WHERE brand LIKE '%Orijen%'")]
    conn.close()
    bought = bought_shares(demo_db, members)
    assert bought["pets"] == 1.0 and bought["automotive"] < 1.0
    profile = audience_profile(demo_db, members)
    shares = {i["id"]: i["share"] for i in profile["interests"]}
    assert shares["pets"] == shares["automotive"] == 1.0
    assert brief_from_profile(profile, bought=bought).top_interest == "pets"
