"""Chinese same-sound typos (agent/planner/homophones.py): a slip of the pinyin input method is read
as the planner term it sounds like, and the answer says so; real words that sound like a term, and
slips that could be either of two terms, are left "not understood".

The typo questions are checked against the same question written correctly: the same audience, and
on a real database the same users.
"""

from __future__ import annotations

import math

import pytest

from agent.planner.homophones import fuzzy, sound_alike_readings
from agent.planner.parse import PlanError, parse_question
from agent.planner.plan import planner_answer
from tests.test_planner_fixture import build_fixture_db
from tools.analyzers.text import log_likelihood
from tools.sql_guard import run_sql

# (as typed, as meant, what the answer says was assumed): interests, aspects, intents, stages, cities,
# member levels, consumption and values; the last three are near sounds (z/zh, en/eng, n/l)
TYPOS = [
    ("对物留不满意的用户", "对物流不满意的用户", {"物留": "物流"}),
    ("喜欢运东的用户有多少", "喜欢运动的用户有多少", {"运东": "运动"}),
    ("上海喜欢户外运东的女生", "上海喜欢户外运动的女生", {"户外运东": "户外运动"}),
    ("觉得价各太贵的用户", "觉得价格太贵的用户", {"价各": "价格"}),
    ("对质亮不满意的女性用户", "对质量不满意的女性用户", {"质亮": "质量"}),
    ("喜欢护服的女生", "喜欢护肤的女生", {"护服": "护肤"}),
    ("最近想买收机的用户", "最近想买手机的用户", {"收机": "手机"}),
    ("近30天头诉过的用户", "近30天投诉过的用户", {"头诉过": "投诉过"}),
    ("沉睡用护有多少", "沉睡用户有多少", {"沉睡用护": "沉睡用户"}),
    ("老刻户里喜欢数码的", "老客户里喜欢数码的", {"老刻户": "老客户"}),
    ("杭洲的女性用户", "杭州的女性用户", {"杭洲": "杭州"}),
    ("今卡会员有多少", "金卡会员有多少", {"今卡会员": "金卡会员"}),
    ("注重性加比的用户", "注重性价比的用户", {"注重性加比": "注重性价比"}),
    ("关注环宝的用户", "关注环保的用户", {"关注环宝": "关注环保"}),
    ("深怎的用户", "深圳的用户", {"深怎": "深圳"}),
    ("喜欢健声的女生", "喜欢健身的女生", {"健声": "健身"}),
    ("对物牛不满的用户", "对物流不满的用户", {"物牛": "物流"}),
]


@pytest.mark.parametrize("typed, meant, fixes", TYPOS, ids=[t[0] for t in TYPOS])
def test_a_same_sound_typo_reads_as_the_term(typed, meant, fixes):
    request = parse_question(typed)
    assert request.corrected == fixes
    assert request.spec == parse_question(meant).spec


def test_the_answer_says_what_was_assumed():
    assert "（“物留”按“物流”理解）" in planner_answer("对物留不满意的用户").description
    assert "“户外运东”按“户外运动”理解" in planner_answer("上海喜欢户外运东的女生").description


def test_latin_and_chinese_typos_in_one_question():
    assert parse_question("对物留不满意的 femal 用户").corrected == {"femal": "female", "物留": "物流"}


def test_a_follow_up_with_a_typo_keeps_the_audience():
    history = parse_question("喜欢户外运动的用户").spec
    request = parse_question("其中对物留不满的有多少", history)
    assert request.corrected == {"物留": "物流"}
    assert request.spec == parse_question("其中对物流不满的有多少", history).spec


@pytest.fixture(scope="module")
def database(tmp_path_factory):
    return build_fixture_db(tmp_path_factory.mktemp("homophones") / "homophones.db", n_users=400)


@pytest.mark.parametrize("typed, meant", [("对物留不满意的用户", "对物流不满意的用户"),
                                          ("喜欢路营的男生", "喜欢露营的男生"),
                                          ("深镇的女性用户", "深圳的女性用户")])
def test_on_real_rows_the_typo_selects_the_same_users(database, typed, meant):
    def users(question):
        plan = planner_answer(question)
        assert plan.kind == "tool", plan.message
        return {row[0] for row in run_sql(database, plan.args["sql"], plan.args["params"], max_rows=100_000).rows}

    selected = users(typed)
    assert selected and selected == users(meant)


# real words that sound like a term: 资讯 (咨询), 毛线 (冒险), 卖 (买), 崇庆 (重庆), 这家店 (家电),
# 伤害 (上海), 录音 (露营 near), 背景 (北京), 视频 (食品), 流式 (流失), 解约 (节约)
ORDINARY = [
    ("关注资讯的用户", "资讯"), ("喜欢毛线的用户", "毛线"), ("想卖个新手机的用户", "卖"), ("崇庆的用户", "崇庆"),
    ("这家店的用户有多少", "这家店"), ("受到过伤害的用户", "伤害"), ("喜欢录音的用户", "录音"),
    ("有海外背景的用户", "海外背景"), ("喜欢看视频的用户", "视频"), ("有流式风险的用户", "流式风险"),
    ("和我们解约的用户", "解约"), ("喜欢物理的学生", "物理"), ("喜欢滑翔伞的女生", "滑翔伞"),
]


@pytest.mark.parametrize("question, word", ORDINARY, ids=[q for q, _ in ORDINARY])
def test_real_words_that_sound_like_terms_stay_not_understood(question, word):
    with pytest.raises(PlanError) as caught:
        parse_question(question)
    assert word in caught.value.unknown


def test_two_terms_that_sound_alike_are_not_guessed_between():
    readings = sound_alike_readings("喜欢世品的用户", ["世品"])
    assert {term for reading in readings for term in reading.fixes.values()} == {"食品", "饰品"}
    with pytest.raises(PlanError):
        parse_question("喜欢世品的用户")


def test_a_reading_that_makes_the_text_no_likelier_is_not_used():
    """想卖 sounds like the purchase intent 想买 and the rewritten question is understood, but 卖 is a
    word as likely as 买: the reading is found, marked unlikely, and not used."""
    readings = sound_alike_readings("想卖个新手机的用户", ["卖"])
    assert [(r.fixes, r.likely) for r in readings] == [({"想卖": "想买"}, False)]
    assert log_likelihood("对物流不满") - log_likelihood("对物留不满") > math.log(100)   # 物流 is a word, 物留 two


def test_near_sounds_are_the_input_methods_fuzzy_pairs():
    assert fuzzy("zhen") == fuzzy("zen") and fuzzy("chang") == fuzzy("can") and fuzzy("shi") == fuzzy("si")
    assert fuzzy("niu") == fuzzy("liu") and fuzzy("fu") == fuzzy("hu")
    assert fuzzy("sheng") == fuzzy("shen") and fuzzy("ying") == fuzzy("yin")
    assert fuzzy("dong") != fuzzy("don") and fuzzy("wu") != fuzzy("liu")
