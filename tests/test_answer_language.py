"""An answer is in the operator's language throughout: its text, table headings, coded values,
notes and status line; only data (names, product names, brands, quotes) keeps its own language.

Questions from tests/fixtures/operator_battery.yaml run through the real offline agent on the demo
data; each answer is rendered as the terminal shows it and read for words of the other language.
"""

from __future__ import annotations

import io
import re

import pytest
from rich.console import Console

from agent.graph import Agent
from agent.planner.labels import shown_result
from agent.render_answer import AnswerView
from tests.agent_helpers import built_demo_db
from tools.profile.evidence_text import evidence_in

# One conversation each: the earlier questions set the audience the last one is about.
CHINESE = [
    ("三个月没登录的用户有多少",), ("广州深圳的数码爱好者按性别分布",), ("一线城市用户的会员等级分布",),
    ("价格敏感的用户都分布在哪些城市",), ("下单次数最多的5个用户",), ("新用户中女性的比例",),
    ("各个城市的流失风险用户数",), ("高价值用户",), ("我们的用户画像总体是什么样的",),
    ("客单价排名前十的女性",), ("喜欢健身的用户平均年龄多大",), ("每个城市消费最高的那个人是谁",),
    ("人均订单数",), ("每个生命周期阶段各有多少人",), ("有退货意向的用户按城市统计",),
    ("上海的用户整体情况怎么样",), ("北京的女生", "按年龄段看看"),
    ("给喜欢露营的用户写一条短信", "短一点"), ("为什么 u00001 有数码电子标签",),
]
ENGLISH = [
    ("customers unhappy about packaging",), ("users in segment churn warning by city",),
    ("what do our users look like overall",), ("what's the most popular interest among men?",),
    ("what segments do we have?",), ("top 3 spenders in each membership tier",), ("top spender per city",),
    ("gold members by city tier",),
]
# Words that are the same in both languages' answers: units, acronyms, the product and its commands.
SHARED = {"RFM", "App", "Persona", "ms", "tokens", "SQL"}


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    return built_demo_db(tmp_path_factory.mktemp("answer-language"))


def shown(db: str, questions: tuple[str, ...]):
    agent = Agent(db, offline=True, thread=None)
    try:
        answers = [agent.ask(question) for question in questions]
    finally:
        agent.close()
    out = io.StringIO()
    Console(file=out, width=200, color_system=None).print(AnswerView(answers[-1], show_sql=False))
    return answers[-1], out.getvalue()


def without_data(text: str, answer) -> str:
    """The text without what is data: user ids and names, product names and the other things of
    the result's free-text columns, `commands`."""
    data = {str(value) for row in answer.rows for column, value in zip(answer.columns, row)
            if column in ("name", "user_id", "segment") and value}
    for value in sorted(data, key=len, reverse=True):
        text = text.replace(value, " ")
    # a segment's id, said beside its name: the operator types it (`persona export rule_high_value`)
    return re.sub(r"`[^`]*`|\bu\d{5}\b|\brule_[a-z_]+", " ", text)


@pytest.mark.parametrize("questions", CHINESE, ids=lambda q: q[-1])
def test_a_chinese_question_gets_a_chinese_answer_throughout(demo_db, questions):
    answer, text = shown(demo_db, questions)
    assert answer.lang == "zh", text
    words = set(re.findall(r"[A-Za-z][A-Za-z_]+", without_data(text, answer))) - SHARED
    assert not words, f"English in a Chinese answer: {sorted(words)}\n{text}"


@pytest.mark.parametrize("questions", ENGLISH, ids=lambda q: q[-1])
def test_an_english_question_gets_an_english_answer_throughout(demo_db, questions):
    answer, text = shown(demo_db, questions)
    assert answer.lang == "en", text
    chinese = re.findall(r"[\u3400-\u9fff]+", without_data(text, answer))
    assert not chinese, f"Chinese in an English answer: {chinese}\n{text}"


def test_the_json_result_keeps_its_codes_and_column_names(demo_db):
    """Only what is shown is translated: `persona ask --json` keeps what scripts read."""
    answer, text = shown(demo_db, ("一线城市用户的会员等级分布",))
    assert answer.columns == ["member_level", "user_count"]
    assert {row[0] for row in answer.to_json()["rows"]} >= {"gold", "silver"}
    assert "会员等级" in text and "金卡会员" in text and "gold" not in text


def test_shown_result_translates_codes_and_keeps_data():
    columns = ["user_id", "name", "gender", "city", "member_level", "lifecycle"]
    rows = [["u1", "Mia Kim", "female", "北京", "gold", "churn_risk"], ["u2", "李娜", "unknown", None, None, "x"]]
    assert shown_result(columns, rows, "zh") == (
        ["用户编号", "姓名", "性别", "城市", "会员等级", "生命周期"],
        [["u1", "Mia Kim", "女", "北京", "金卡会员", "流失预警"], ["u2", "李娜", "未知", None, None, "x"]])
    assert shown_result(columns, rows, "en")[1][0] == ["u1", "Mia Kim", "female", "Beijing", "Gold member",
                                                      "Churn risk"]
    # an interest's id and both names: the reader's name, once
    assert shown_result(["age_band", "user_count"], [["25-34", 2], ["unknown", 1]], "zh")[1] == [["25-34", 2],
                                                                                           ["未知", 1]]
    assert shown_result(["interest", "name_zh", "name_en", "user_count"], [["travel", "旅行出游", "Travel", 3]],
                        "zh") == (["兴趣", "用户数"], [["旅行出游", 3]])


@pytest.mark.parametrize("stored, chinese", [
    ("member level gold", "会员等级：金卡会员"),
    ("known for 400 days, 6 orders, active 3 days ago", "注册 400 天，6 笔订单，最近一次活跃在 3 天前"),
    ("silent for 40 days after a complaint", "投诉后已沉默 40 天"),
    ("R5 F4 M3: last order 12 days ago, 8 orders, 3200 spent", "R5 F4 M3：最近一单在 12 天前，共 8 笔订单，消费 3200 元"),
    ("score -2.53 (spend -0.78, member -1.00, price talk -0.75); spend 0.83x norm over 5 orders",
     "得分 -2.53（消费 -0.78、会员等级 -1.00、价格讨论 -0.75）；消费是常规水平的 0.83 倍（5 笔订单）"),
    ("order: 登山鞋 (2026-11-02, Outdoor) (+2 orders, 1 search)",
     "订单：登山鞋（2026-11-02，Outdoor）（另有 2 笔订单、1 次搜索）"),
    ("view: 智能手表 (2026-10-01)", "浏览：智能手表（2026-10-01）"),
    ("favorite: 精华液", "收藏：精华液"),
    ("Always up for an adventure. (+3 views, 2 call transcripts)",
     "Always up for an adventure.（另有 3 次浏览、2 次通话）"),   # a quote stays as written
    ("Weekends are for family.", "Weekends are for family."),
])
def test_evidence_is_said_in_the_readers_language_and_quotes_stay(stored, chinese):
    assert evidence_in(stored, "zh") == chinese
    assert evidence_in(stored, "en") == stored


def test_a_city_is_named_as_the_reader_knows_it():
    assert evidence_in("北京 (tier 1)", "zh") == "北京（一线城市）"
    assert evidence_in("北京 (tier 1)", "en") == "Beijing (tier 1)"
    assert evidence_in("city (tier 2)", "zh") == "城市（二线城市）"


def test_every_built_evidence_reads_in_chinese_on_a_chinese_card(demo_db):
    """Every evidence the build wrote for the demo users: what the build phrased (not a quote)
    has none of its English words left in Chinese."""
    import sqlite3

    phrasing = re.compile(r"\b(orders?|days?|ago|score|spend|spent|norm|member|level|tier|gender|age|known|"
                          r"silent|active|activity|views?|clicks?|carts?|searche?s?|favorites?|survey|"
                          r"occupation|complaint|last)\b")
    conn = sqlite3.connect(demo_db)
    stored = [row[0] for row in conn.execute(
        "SELECT evidence FROM tags WHERE source != 'text' UNION SELECT evidence FROM intents "
        "UNION SELECT evidence FROM user_values")]
    conn.close()
    built = [text for text in stored if re.match(r"(order|view|click|cart|search|favorite|survey): |"
                                                 r"[a-z ]+\d|R\d|an active|.+ \(tier", text or "")]
    assert len(built) > 100
    left = [(text, evidence_in(text, "zh")) for text in built
            if phrasing.search(re.sub(r"[:：].*?[（(]", "", evidence_in(text, "zh")))]
    assert not left, left[:10]


# --- a question quoting names from the data: the answer follows the question's own words ---------

@pytest.fixture(scope="module")
def restaurant(tmp_path_factory):
    from tests.agent_helpers import restaurant_db

    return restaurant_db(tmp_path_factory.mktemp("restaurant-language"))


# (the conversation, the language of the last answer): English words around a Chinese store, dish or
# city are English; Chinese words around an English brand or city are Chinese; a follow-up by its own words.
MIXED = [
    (("customers of the 徐汇店",), "en"),
    (("customers who ordered 杨枝甘露",), "en"),
    (("how many orders were placed at 静安店 last month",), "en"),
    (("which customers in 杭州 ordered 双人套餐?",), "en"),
    (("customers of the 徐汇店", "and in 静安店?"), "en"),
    (("在徐汇店买过的顾客", "what about 西湖店"), "en"),
    (("买过 Coca-Cola 的顾客",), "zh"),
    (("杭州的顾客", "那 Shanghai 的呢"), "zh"),
    (("customers of the 徐汇店", "那西湖店的呢"), "zh"),
]


@pytest.mark.parametrize("questions, lang", MIXED, ids=lambda q: q[-1] if isinstance(q, tuple) else q)
def test_names_from_the_data_do_not_set_the_answers_language(restaurant, questions, lang):
    from tests.agent_helpers import RESTAURANT_DISHES, RESTAURANT_STORES

    answer, text = shown(restaurant, questions)
    assert answer.lang == lang and not answer.error, text
    assert answer.user_ids or answer.rows, text
    rest = without_data(text, answer)
    for name in (*RESTAURANT_STORES, *(dish for dish, _, _, _ in RESTAURANT_DISHES), "杭州", "上海"):
        rest = rest.replace(name, " ") if lang == "en" else rest
    if lang == "en":
        assert not re.search(r"[\u4e00-\u9fff]", rest), f"Chinese in an English answer:\n{text}"
    else:
        words = set(re.findall(r"[A-Za-z][A-Za-z_]+", rest.replace("Coca-Cola", " "))) - SHARED
        assert not words, f"English in a Chinese answer: {sorted(words)}\n{text}"


@pytest.mark.parametrize("question, lang", [
    ("customers of the 徐汇店", "en"), ("customers who ordered 杨枝甘露", "en"), ("and in 静安店?", "en"),
    ("gold members in 北京 please", "en"), ("what about 西湖店", "en"), ("who bought 牛肉饭 twice", "en"),
    ("买过 salomon 的用户", "zh"), ("那 shanghai 的呢", "zh"), ("买过 the north face 的用户", "zh"),
    ("上海的premium customers", "zh"), ("喜欢 running 的女生有多少", "zh"), ("静安店", "zh"),
    ("women in shanghai", "en"), ("上海的女性", "zh")])
def test_the_rule_reads_grammar_words_not_names(question, lang):
    from agent.planner.question_lang import detect_lang

    assert detect_lang(question) == lang
