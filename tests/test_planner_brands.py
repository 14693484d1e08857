"""Brand and "mentioned" audiences (agent/planner/brands.py) on a real SQLite database.

A small hand-made database holds orders with brands in several spellings (Arc'teryx, salomon, 耐克,
Lancome, a brand only the database knows) and texts that name brands and product words, some of
them only as the product a review is about, one with a brand-like word inside another word
("nikeland"). Each question (Chinese and English) is planned, run through the SQL guard, and its
users compared with the users computed here in plain Python from the rows.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta

import pytest

from agent.planner.brands import load_brands
from agent.planner.plan import planner_answer
from agent.planner.shop_facts import ShopFacts
from schema.db import connect
from tools.analyzers.entities import BRANDS
from tools.sql_guard import run_sql

NOW = datetime.now().replace(microsecond=0)

# user_id, gender, city
USERS = [("b1", "male", "北京"), ("b2", "female", "上海"), ("b3", "female", "杭州"), ("b4", "male", "上海"),
         ("b5", "female", "北京"), ("b6", "male", "成都"), ("b7", "female", "上海"), ("b8", "female", "深圳")]
# user_id, brand, product, days ago
ORDERS = [("b1", "Arc'teryx", "始祖鸟冲锋衣", 10), ("b2", "Salomon", "Hiking boots", 40),
          ("b3", "salomon", "Trail running shoes", 5), ("b4", "Nike", "跑步鞋", 3), ("b5", "耐克", "卫衣", 60),
          ("b6", "Black Diamond", "登山杖", 20), ("b7", "Lancome", "精华", 2), ("b2", "Adidas", "T恤", 12)]
# user_id, text, product, days ago
TEXTS = [("b2", "始祖鸟的冲锋衣太贵了，还是买了别的", None, 5), ("b6", "My Salomon boots are great", None, 8),
         ("b7", "Went to the Nikeland store once", None, 4), ("b8", "想买一件冲锋衣，求推荐", None, 50),
         ("b1", "质量不错，就是有点贵", "始祖鸟冲锋衣", 9), ("b3", "I love my new tent", None, 1),
         ("b5", "耐克的卫衣挺舒服", None, 45)]


def _at(days: int) -> str:
    return (NOW - timedelta(days=days)).isoformat(timespec="seconds")


@pytest.fixture(scope="module")
def shop(tmp_path_factory) -> str:
    path = tmp_path_factory.mktemp("brands") / "brands.db"
    conn = connect(path)
    with conn:
        conn.executemany("INSERT INTO users (user_id, name, gender, city, data_updated_at) VALUES (?, ?, ?, ?, ?)",
                         [(u, u.upper(), g, c, _at(0)) for u, g, c in USERS])
        conn.executemany("INSERT INTO orders (order_id, user_id, brand, product, amount, ordered_at) "
                         "VALUES (?, ?, ?, ?, 100, ?)",
                         [(f"o{i}", u, b, p, _at(d)) for i, (u, b, p, d) in enumerate(ORDERS)])
        conn.executemany("INSERT INTO texts (text_id, user_id, source, text, product, at) VALUES (?, ?, 'review', ?, ?, ?)",
                         [(f"t{i}", u, t, p, _at(d)) for i, (u, t, p, d) in enumerate(TEXTS)])
    conn.close()
    return str(path)


# --- the expected users, from the rows -------------------------------------------------------------

def _names_of(brand: str) -> set[str]:
    aliases, _ = BRANDS.get(brand, ([], None))
    return {brand.lower(), *(a.lower() for a in aliases)}


def _says(text: str | None, word: str) -> bool:
    if not text:
        return False
    if re.search(r"[\u4e00-\u9fff]", word):
        return word in text
    return re.search(r"(?<![a-z0-9])" + re.escape(word) + r"(?![a-z0-9])", text.lower()) is not None


def bought(brand: str, days: int | None = None) -> set[str]:
    return {u for u, b, _, d in ORDERS if b.lower() in _names_of(brand) and (days is None or d <= days)}


def mentioned(words: set[str], days: int | None = None) -> set[str]:
    return {u for u, t, p, d in TEXTS if any(_says(t, w) or _says(p, w) for w in words) and (days is None or d <= days)}


def living_in(city: str) -> set[str]:
    return {u for u, _, c in USERS if c == city}


def women() -> set[str]:
    return {u for u, g, _ in USERS if g == "female"}


EVERYONE = {u for u, _, _ in USERS}

CASES = [
    (["users who bought Salomon"], lambda: bought("Salomon")),
    (["买过萨洛蒙的用户"], lambda: bought("Salomon")),
    (["买过始祖鸟的用户"], lambda: bought("始祖鸟")),
    (["who bought Arc'teryx"], lambda: bought("始祖鸟")),
    (["提到始祖鸟的用户"], lambda: mentioned(_names_of("始祖鸟"))),
    (["users who mentioned Salomon"], lambda: mentioned(_names_of("Salomon"))),
    (["Nike fans in Shanghai"], lambda: (bought("Nike") | mentioned(_names_of("Nike"))) & living_in("上海")),
    (["上海的耐克粉"], lambda: (bought("Nike") | mentioned(_names_of("Nike"))) & living_in("上海")),
    (["没买过耐克的用户"], lambda: EVERYONE - bought("Nike")),
    (["users who never bought Nike"], lambda: EVERYONE - bought("Nike")),
    (["users who bought Nike in the last 30 days"], lambda: bought("Nike", 30)),
    (["近30天买过耐克的用户"], lambda: bought("Nike", 30)),
    (["最近一周提到始祖鸟的女性"], lambda: mentioned(_names_of("始祖鸟"), 7) & women()),
    (["买过Lancome的用户"], lambda: bought("兰蔻")),
    (["users who bought Nike or Adidas"], lambda: bought("Nike") | bought("Adidas")),
    (["买过萨洛蒙但没买过阿迪的用户"], lambda: bought("Salomon") - bought("Adidas")),
    (["提到冲锋衣的用户"], lambda: mentioned({"冲锋衣"})),
    (["users who mentioned tents"], lambda: mentioned({"tent"})),
    (["上海的用户", "其中买过耐克的"], lambda: living_in("上海") & bought("Nike")),
    (["users in Shanghai", "of those, who bought Nike"], lambda: living_in("上海") & bought("Nike")),
    (["买过萨洛蒙的用户", "其中女性"], lambda: bought("Salomon") & women()),
    (["users who bought Salomon", "what about Nike buyers?"], lambda: bought("Nike")),
]


def _ask(questions: list[str]):
    history, plan = [], None
    for question in questions:
        plan = planner_answer(question, history)
        if plan.spec is not None:
            history.append(plan.spec)
    return plan


@pytest.mark.parametrize("questions, expected", CASES, ids=[" | ".join(q) for q, _ in CASES])
def test_brand_and_mention_audiences_select_the_right_users(shop, questions, expected):
    plan = _ask(questions)
    assert plan.kind == "tool" and plan.tool == "run_sql", plan.message
    result = run_sql(shop, plan.args["sql"], plan.args["params"])
    assert {row[0] for row in result.rows} == expected(), plan.description


@pytest.mark.parametrize("question, words", [
    ("买过始祖鸟的用户", "买过始祖鸟"), ("users who mentioned Salomon", "mentioned Salomon"),
    ("提到始祖鸟的用户", "提到过始祖鸟"), ("Nike fans", "bought or mentioned Nike"),
    ("没买过耐克的用户", "非（买过Nike）"), ("users who bought Nike in the past month", "bought Nike in the last 30 days"),
    ("提到冲锋衣的用户", "提到过“冲锋衣”（在评价、聊天等文本中搜索该词）"),
])
def test_the_description_says_how_the_brand_was_read(question, words):
    assert planner_answer(question).description == words


def test_a_brand_only_the_orders_name_is_known_through_the_database(shop):
    assert "Black Diamond" in load_brands(shop)
    unknown = planner_answer("users who bought Black Diamond")
    assert unknown.kind == "clarify" and "black" in unknown.unknown
    plan = planner_answer("users who bought Black Diamond", facts=ShopFacts(brands=tuple(load_brands(shop))))
    result = run_sql(shop, plan.args["sql"], plan.args["params"])
    assert {row[0] for row in result.rows} == bought("Black Diamond") == {"b6"}


@pytest.mark.parametrize("question", ["users who bought Foobar", "买过Zorblax的用户"])
def test_an_unknown_word_is_not_taken_for_a_brand(shop, question):
    plan = planner_answer(question, facts=ShopFacts(brands=tuple(load_brands(shop))))
    assert plan.kind == "clarify" and plan.unknown, plan.description
    assert "no brand I know" in plan.message or "不是已知的品牌" in plan.message
    assert "Black Diamond" not in plan.message   # the brands offered are those like the word, none here


def test_a_canonical_name_that_is_an_ordinary_word_is_no_brand_in_a_question():
    # 美的 / 渴望 are the canonical names of brands the analyzers match only as 美的电器 / 渴望猫粮
    assert planner_answer("提到美的电器的用户").description == "提到过美的"
    assert planner_answer("提到美的的用户").kind == "clarify"


@pytest.mark.parametrize("question, words", [
    ("which products get the most complaints?", "can't rank products"),
    ("哪些商品被投诉最多", "不能给商品或品牌排名"),
    ("差评最多的品牌是哪个", "不能给商品或品牌排名"),
    ("哪些品类被投诉最多", "不能给商品或品牌排名"),
])
def test_a_product_ranking_is_refused_not_answered_with_users(question, words):
    plan = planner_answer(question)
    assert plan.kind == "clarify" and plan.tool is None
    assert words in plan.message


def test_the_agent_knows_the_brands_of_its_database(shop):
    from agent.graph import Agent

    agent = Agent(shop, offline=True, thread="brands")
    try:
        answer = agent.ask("users who bought Black Diamond")
    finally:
        agent.close()
    assert answer.error is None and set(answer.user_ids) == {"b6"}, answer.text


def test_brands_are_read_again_after_new_orders_are_written(tmp_path):
    import sqlite3

    from schema.db import connect

    db = tmp_path / "b.db"
    conn = connect(db)
    conn.execute("INSERT INTO users (user_id, data_updated_at) VALUES ('u1', '2026-12-01')")
    conn.execute("INSERT INTO orders (order_id, user_id, brand) VALUES ('o1', 'u1', 'Salomon')")
    conn.commit()
    assert load_brands(str(db)) == ["Salomon"]
    assert load_brands(str(db)) == ["Salomon"]   # kept while nothing changed
    conn.execute("INSERT INTO orders (order_id, user_id, brand) VALUES ('o2', 'u1', 'Arc''teryx')")
    conn.commit()
    conn.close()
    assert load_brands(str(db)) == ["Arc'teryx", "Salomon"]
    assert sqlite3.connect(db).execute("SELECT COUNT(*) FROM orders").fetchone()[0] == 2


# --- a brand said in either language finds every order of it, however the orders write it ------------

# user_id, the brand as the orders write it: one brand in three ways (雷蛇 Razer, Razer, 雷蛇), brands the
# analyzers know in one script or two (Xiaomi, 华为 Huawei, 索尼 Sony, SAMSUNG, Apple), a bilingual one with an
# accent (雀巢 Nestlé), and brands written in one script only, known in the other by lexicon.BRAND_ALIASES
# (Amazfit = 华米, YSL = 圣罗兰)
WRITTEN = [("c1", "雷蛇 Razer"), ("c2", "Razer"), ("c3", "雷蛇"), ("c4", "Amazfit"), ("c5", "雀巢 Nestlé"),
           ("c6", "华为 Huawei"), ("c7", "Xiaomi"), ("c8", "索尼 Sony"), ("c9", "SAMSUNG"), ("c10", "YSL"),
           ("c11", "Apple")]


@pytest.fixture(scope="module")
def written(tmp_path_factory) -> str:
    path = tmp_path_factory.mktemp("written") / "written.db"
    conn = connect(path)
    with conn:
        conn.executemany("INSERT INTO users (user_id, data_updated_at) VALUES (?, ?)", [(u, _at(0)) for u, _ in WRITTEN])
        conn.executemany("INSERT INTO orders (order_id, user_id, brand, amount, ordered_at) VALUES (?, ?, ?, 100, ?)",
                         [(f"w{i}", u, b, _at(3)) for i, (u, b) in enumerate(WRITTEN)])
    conn.close()
    return str(path)


@pytest.mark.parametrize("question, users", [
    ("买过雷蛇的用户", {"c1", "c2", "c3"}), ("users who bought Razer", {"c1", "c2", "c3"}),
    ("雷蛇的购买者", {"c1", "c2", "c3"}), ("razer buyers", {"c1", "c2", "c3"}),
    ("买过华米的用户", {"c4"}), ("Amazfit buyers", {"c4"}),
    ("买过雀巢的用户", {"c5"}), ("users who bought Nestle", {"c5"}), ("bought Nestlé", {"c5"}),
    ("买过华为的用户", {"c6"}), ("users who bought Huawei", {"c6"}),
    ("买过小米的用户", {"c7"}), ("Xiaomi buyers", {"c7"}),
    ("买过索尼的用户", {"c8"}), ("who bought Sony", {"c8"}),
    ("买过三星的用户", {"c9"}), ("Samsung buyers", {"c9"}),
    ("买过圣罗兰的用户", {"c10"}), ("bought YSL", {"c10"}),
    ("买过苹果产品的用户", {"c11"}), ("Apple buyers", {"c11"}),
    ("买过华为或雷蛇的用户", {"c1", "c2", "c3", "c6"}),
])
def test_a_brand_said_in_either_language_finds_its_orders_however_written(written, question, users):
    plan = planner_answer(question, facts=ShopFacts(brands=tuple(load_brands(written))))
    assert plan.kind == "tool" and plan.tool == "run_sql", plan.message
    assert {row[0] for row in run_sql(written, plan.args["sql"], plan.args["params"]).rows} == users, plan.description


def test_an_alias_is_a_brand_only_when_the_shop_sells_it_and_an_everyday_one_only_when_bought(written):
    facts = ShopFacts(brands=tuple(load_brands(written)))
    assert "Apple" in planner_answer("买过苹果产品的用户", facts=facts).description
    assert "Apple" not in planner_answer("喜欢苹果的用户", facts=facts).description   # the fruit
    assert "Amazfit" not in (planner_answer("买过华米的用户").description or "")    # a shop without it
