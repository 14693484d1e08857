"""Fresh eyes 14 and 15 (a grocery, a baby shop): campaign copy asked for in the chat speaks of what
the audience was selected by and keeps the customer. A rival named by a churn or compare intent
("switching to RedMart", 想换到盒马) is never the copy's theme; customers who praised our vegetables are
not written to about one member's baby food."""

from __future__ import annotations

import re

import pytest

from tests.agent_helpers import conversation
from tests.db_helpers import ago, ingested_and_built

# (user ids, city, English text, Chinese text, source): Shanghai customers write Chinese, the others English
SWITCHERS_EN = ["g00", "g01", "g02"]
SWITCHERS_ZH = ["g03", "g04", "g05"]
PRAISERS = ["g06", "g07", "g08", "g09", "g10", "g11", "g12", "g13"]
FRUIT = ["g14", "g15", "g16", "g17", "g18", "g19"]
SWITCH = ("RedMart is cheaper and delivers faster, I'm switching to RedMart.", "盒马更便宜送得也快，我准备换到盒马了。")
PRAISE = ("Super fresh vegetables and fast delivery, love this app!", "蔬菜很新鲜，配送也快，很满意！")
ROTTEN = ("Half the strawberries were rotten and bruised. Not acceptable.", "草莓烂了一半，还有压伤，太差了。")
BASKET = [("Baby spinach 200g", "vegetables", 3.2), ("Bok choy", "vegetables", 2.1), ("Strawberries 250g", "fruit", 6.5),
          ("Fresh milk 1L", "dairy", 3.9), ("Chicken breast", "meat", 8.4)]


def _customer(k: int) -> dict:
    uid = f"g{k:02d}"
    city = "上海" if k % 2 else "Singapore"
    orders = [{"order_id": f"{uid}-{n}", "product": product, "category": category, "amount": amount,
               "ordered_at": ago(3 + 7 * n)} for n, (product, category, amount) in enumerate(BASKET)]
    if uid in ("g00", "g03", "g06", "g08"):   # buy baby food often: their interest is no theme for all
        orders += [{"order_id": f"{uid}-b{n}", "product": "Baby rice cereal", "category": "baby food", "amount": 12.0,
                    "ordered_at": ago(2 + 5 * n)} for n in range(6)]
    texts = []
    for group, words, source in ((SWITCHERS_EN + SWITCHERS_ZH, SWITCH, "chat"), (PRAISERS, PRAISE, "review"),
                                 (FRUIT, ROTTEN, "review")):
        if uid in group:
            texts.append({"source": source, "text": words[1] if city == "上海" else words[0], "at": ago(4)})
    return {"user_id": uid, "orders": orders, "texts": texts, "events": [],
            "attributes": {"name": f"Shopper {k}", "city": city, "gender": "female", "age": 30 + k,
                           "registered_at": ago(300)}}


@pytest.fixture(scope="module")
def grocery(tmp_path_factory):
    """Thirty grocery customers in Singapore (English) and 上海 (Chinese), loaded and built for real."""
    return ingested_and_built(tmp_path_factory.mktemp("grocery"), "grocery", [_customer(k) for k in range(30)])


def _copy(answer) -> str:
    """The copy in a chat answer: its numbered variants."""
    return " ".join(line for line in answer.text.splitlines() if re.match(r"\s*\d+\.\s", line))


@pytest.mark.parametrize("question, rival", [
    ("write a retention SMS for customers switching to RedMart, offer 20% off FreshPass", "redmart"),
    ("write a push for customers who are switching to RedMart", "redmart"),
    ("给想换到盒马的用户写一条挽留短信", "盒马"),
    ("给准备换到盒马的顾客写一条推送", "盒马"),
])
def test_copy_for_customers_leaving_for_a_rival_never_names_the_rival(grocery, question, rival):
    answer, = conversation(grocery, f"rival-{question}", question)
    copy = _copy(answer)
    assert copy, answer.text
    assert rival not in copy.lower(), answer.text
    assert "baby" not in copy.lower() and "母婴" not in copy, answer.text   # nor two members' baby food


@pytest.mark.parametrize("question", [
    "write a friendly push for customers who praised our fresh vegetables",
    "write a push for vegetable buyers",
    "write an email for customers who bought vegetables",
])
def test_copy_speaks_of_what_the_audience_was_selected_by_not_a_members_interest(grocery, question):
    """'vegetable' is the orders' category (no interest of the taxonomy), not the baby food its 'Baby
    spinach' sounds like, nor the baby food two of the audience also buy (fresh eyes 15: 'Baby
    essentials at a fair price' for the vegetable praisers)."""
    answer, = conversation(grocery, f"theme-{question}", question)
    copy = _copy(answer)
    assert copy, answer.text
    assert "baby" not in copy.lower(), answer.text


COMPLAINERS, BUYERS = "对水果不满的用户", "customers who bought vegetables"


@pytest.mark.parametrize("audience, request_, said", [
    (COMPLAINERS, "给他们写一条安抚短信", r"抱歉|道歉"),
    (COMPLAINERS, "给他们写一条道歉短信", r"抱歉|道歉"),
    (COMPLAINERS, "write an apology sms for them", r"(?i)sorry|apolog"),
    (COMPLAINERS, "write a push saying sorry to them", r"(?i)sorry|apolog"),
    (BUYERS, "给他们写一条推送，提醒他们完成结账", r"提醒|别忘了"),
    (BUYERS, "给他们发一条短信提醒他们补货", r"提醒|别忘了|补货"),
    (BUYERS, "write a push reminding them to restock, friendly tone", r"(?i)remind|restock|don't forget"),
    (BUYERS, "write an sms reminding them to complete their order", r"(?i)remind|restock|don't forget"),
])
def test_an_apology_or_a_reminder_asked_for_in_any_words_is_one(grocery, audience, request_, said):
    """Fresh eyes 14 (给他们写一条安抚短信, 'write a push reminding them to restock formula': refused) and 15
    ('write an apology sms for them': a sale, no apology; 给他们写一条推送，提醒他们完成结账: refused on 完成).
    An apology names what they complained about, however few share that complaint."""
    found, answer = conversation(grocery, f"occasion-{request_}", audience, request_)
    assert found.user_ids, found.text
    copy = _copy(answer)
    assert copy and re.search(said, copy), answer.text
    assert not re.search(r"(?i)rotten|烂|压伤", copy), answer.text   # no customer's words


@pytest.mark.parametrize("change", ["语气温暖一些", "换成推送", "用英文写", "make it shorter and send it as an SMS instead",
                                    "now in Chinese", "make it warmer"])
def test_a_change_of_copy_before_any_copy_says_there_is_none_yet(grocery, change):
    """Fresh eyes 14 (语气温暖一些: "没能理解 语气温暖"; now in Chinese: the audience listed again) and 15
    ('make it shorter and send it as an SMS instead': not understood), as docs/questions.md promises."""
    found, answer = conversation(grocery, f"nocopy-{change}", BUYERS, change)
    assert found.user_ids, found.text
    assert re.search(r"no copy yet|还没有文案", answer.text), answer.text
    assert answer.user_ids is None and not _copy(answer), answer.text


@pytest.mark.parametrize("questions, said", [
    (["customers who bought vegetables", "customers who are expecting", "save as expecting mums"],
     r"made no audience and nothing was saved"),
    (["上海的顾客", "有转奶意向的宝妈", "保存为转奶意向宝妈"], r"没有得到新的人群，什么也没有保存"),
])
def test_saving_after_an_unanswered_question_says_no_audience_was_made(grocery, questions, said):
    """Fresh eyes 14: 保存为转奶意向宝妈 after a refused question said "no users match this audience"."""
    *_, refused, saved = conversation(grocery, f"save-{questions[-1]}", *questions)
    assert refused.user_ids is None, refused.text
    assert re.search(said, saved.text) and "No users match" not in saved.text, saved.text
    again, = conversation(grocery, f"save-{questions[-1]}", questions[-1])   # said again: the last audience is saved
    assert re.search(r"(?i)saved|保存", again.text) and not re.search(said, again.text), again.text


@pytest.mark.parametrize("questions", [
    ["customers who bought vegetables", "make it shorter and send it as an SMS instead", "save this as veg_buyers"],
    ["上海的顾客", "语气温暖一些", "保存为上海老客"],
])
def test_saving_after_a_copy_change_with_no_copy_saves_the_last_audience(grocery, questions):
    """Fresh eyes 15 (re-measure): a copy change refused for want of copy asked nothing about users, so the
    save after it is of the audience just found."""
    found, refused, saved = conversation(grocery, f"save-after-copy-{questions[-1]}", *questions)
    assert found.user_ids and refused.user_ids is None, refused.text
    assert re.search(rf"(?:Saved segment|已保存分群).*[（(]{len(found.user_ids)} (?:users|人)[)）]", saved.text), saved.text


@pytest.mark.parametrize("audience, request_, first, second", [
    ("customers who bought vegetables", "write an SMS for them", "en", "zh"),
    ("买过草莓的顾客", "给他们写一条短信", "zh", "en"),
])
def test_a_mixed_audience_gets_copy_in_both_its_languages(grocery, audience, request_, first, second):
    """Fresh eyes 15: a grocery's Chinese (上海) and English (Singapore) customers got English copy only. The
    copy is in the language asked for, and again in the other one when a quarter of them write in it."""
    found, answer = conversation(grocery, f"mixed-{request_}", audience, request_)
    assert found.user_ids, found.text
    head, _, rest = answer.text.partition("Also in" if first == "en" else "另写了")
    assert rest, answer.text
    zh_copy = re.compile(r"[\u4e00-\u9fff]{6}")
    assert bool(zh_copy.search(_copy(_Text(head)))) == (first == "zh"), answer.text
    assert bool(zh_copy.search(_copy(_Text(rest)))) == (second == "zh"), answer.text


def test_a_language_named_is_the_only_one(grocery):
    found, answer = conversation(grocery, "one-language", "customers who bought vegetables",
                                 "write an SMS for them in English")
    assert _copy(answer) and "Also in" not in answer.text and "另写了" not in answer.text, answer.text


class _Text:
    def __init__(self, text: str):
        self.text = text


@pytest.mark.parametrize("request_, said", [
    ("write a win-back email for the lapsed weekly shoppers, friendly tone", r'did not understand "weekly"'),
    ("给这些每周来买菜的老顾客写一条召回短信", r"没能理解"),
])
def test_copy_whose_audience_words_are_not_understood_is_for_the_audience_just_found(grocery, request_, said):
    """Fresh eyes 15: after a thread that found its audience, 'write a win-back email for the lapsed weekly
    shoppers' was refused on 'weekly'; it writes for the audience just found and says so."""
    found, answer = conversation(grocery, f"unread-{request_}", "customers who bought vegetables", request_)
    assert found.user_ids, found.text
    assert _copy(answer) and re.search(said, answer.text), answer.text
    assert f"{len(found.user_ids)} users" in answer.text or f"{len(found.user_ids)} 位用户" in answer.text, answer.text
