"""A café chain's stores (orders.store) in the offline chat, through the real agent on a real SQLite
file loaded by ingest: who bought at a store, in both languages and with other conditions, negated
and in a window; users, sales and repeat buyers per store."""

from __future__ import annotations

import pytest

from agent.planner.data_words import load_data_words
from agent.planner.stores import store_tokens
from tests.agent_helpers import conversation
from tests.db_helpers import ago
from tools.ingest import ingest_records


def customer(user: str, gender: str, orders: list[tuple[str, float, float]]) -> dict:
    """A customer and their orders: (store, amount, days ago); a store None is an order that names none."""
    return {"user_id": user, "attributes": {"name": f"顾客{user}", "gender": gender},
            "orders": [{"order_id": f"{user}-{n}", "product": "燕麦拿铁", "category": "咖啡", "amount": amount,
                        "ordered_at": ago(days), **({"门店": store} if store else {})}
                       for n, (store, amount, days) in enumerate(orders)]}


@pytest.fixture(scope="module")
def chain_db(tmp_path_factory):
    db = str(tmp_path_factory.mktemp("stores") / "chain.db")
    ingest_records(db, [
        customer("K1", "female", [("静安店", 30, 3), ("静安店", 30, 40)]),
        customer("K2", "male", [("静安店", 50, 10), ("西湖店", 20, 20)]),
        customer("K3", "female", [("西湖店", 100, 5)]),
        customer("K4", "female", [("Airport Branch", 60, 2), ("Airport Branch", 60, 12)]),
        customer("K5", "female", [("Xintiandi Store", 200, 1)]),
        customer("K6", "female", [(None, 15, 1)]),
        customer("K7", "female", [("西湖店", 80, 200)]),
        customer("K8", "male", [("Xintiandi Store", 90, 8)]),
    ])
    return db


def users(db: str, question: str) -> set[str]:
    answer, = conversation(db, "stores", question)
    assert answer.user_ids is not None, answer.text
    return set(answer.user_ids)


@pytest.mark.parametrize("question,expected", [
    ("在静安店买过的用户", {"K1", "K2"}),
    ("去过静安店的顾客", {"K1", "K2"}),
    ("静安门店的会员", {"K1", "K2"}),
    ("西湖店的顾客", {"K2", "K3", "K7"}),
    ("最近两周在西湖店买过东西的顾客", {"K3"}),
    ("who bought at the airport branch", {"K4"}),
    ("customers of the Xintiandi store", {"K5", "K8"}),
    ("women who shop at the Xintiandi store", {"K5"}),
    ("在静安店或西湖店买过的女生", {"K1", "K3", "K7"}),
    ("没在静安店买过的女性", {"K3", "K4", "K5", "K6", "K7"}),
    ("在静安店买过但没在西湖店买过的用户", {"K1"}),
    ("people who ordered from the airport branch in the last week", {"K4"}),
    ("在静安店买过两次以上的用户", {"K1"}),
    ("customers who ordered at the airport branch at least twice", {"K4"}),
    ("bought at the airport branch but not the Xintiandi store", {"K4"}),
])
def test_who_bought_at_a_store(chain_db, question, expected):
    assert users(chain_db, question) == expected


def test_a_count_at_a_store_says_the_store(chain_db):
    answer, = conversation(chain_db, "stores-count", "西湖店的顾客有多少")
    assert answer.text.startswith("共有 3 位") and "在西湖店买过" in answer.text


def test_an_english_answer_names_the_store_as_stored(chain_db):
    answer, = conversation(chain_db, "stores-en", "how many customers does the airport branch have")
    assert answer.text.startswith("1 user") and "bought at Airport Branch" in answer.text


def test_orders_at_a_store_counted_are_said(chain_db):
    answer, = conversation(chain_db, "stores-times", "在静安店买过两次以上的用户")
    assert "在静安店买过至少2次" in answer.text


@pytest.mark.parametrize("question", ["按门店统计用户数", "每个门店有多少顾客", "which store has the most customers",
                                      "number of customers per store"])
def test_users_per_store(chain_db, question):
    answer, = conversation(chain_db, "stores-by", question)
    assert answer.columns[0] == "store" and answer.columns[-1] == "user_count"
    assert [tuple(row) for row in answer.rows] == [("西湖店", 3), ("Xintiandi Store", 2), ("静安店", 2),
                                                   ("Airport Branch", 1)]
    assert "K6" not in answer.text   # an order without a store is in no store


@pytest.mark.parametrize("question", ["top 3 stores by sales", "销售额最高的3个门店"])
def test_stores_ranked_by_their_own_sales(chain_db, question):
    answer, = conversation(chain_db, "stores-sales", question)
    records = [dict(zip(answer.columns, row)) for row in answer.rows]
    assert [(r["store"], r["total_spend"], r["user_count"], r["order_count"]) for r in records] == [
        ("Xintiandi Store", 290.0, 2, 2), ("西湖店", 200.0, 3, 3), ("Airport Branch", 120.0, 1, 2)]


@pytest.mark.parametrize("question", ["哪个门店的复购用户最多", "which store has the most repeat buyers"])
def test_repeat_buyers_per_store(chain_db, question):
    answer, = conversation(chain_db, "stores-repeat", question)
    # repeat buyers (2 orders or more) K1, K2, K4, in each store they bought at
    assert [tuple(row) for row in answer.rows] == [("静安店", 2), ("Airport Branch", 1), ("西湖店", 1)]


def test_a_store_said_in_other_spellings(tmp_path):
    db = str(tmp_path / "jingan.db")
    ingest_records(db, [customer("J1", "female", [("Jing'an Store", 30, 3)]),
                        customer("J2", "male", [("Jing'an Store", 30, 3), ("South Gate Branch", 20, 2)])])
    for question in ("customers of the Jing'an store", "who shopped at the jingan store", "jing an branch customers"):
        assert users(db, question) == {"J1", "J2"}, question
    assert users(db, "men who bought at south gate") == {"J2"}


def test_a_short_name_needs_its_store_word(tmp_path):
    # "东" alone is no name (one character), a number alone no store: "东店" is, "消费1024" is not
    words = load_data_words_of(tmp_path, ["东店", "1024"])
    assert [t.data["store"] for t in store_tokens("在东店买过的用户", words.stores())] == [["东店"]]
    assert store_tokens("东边的用户", words.stores()) == []
    assert store_tokens("消费1024元的用户", words.stores()) == []
    assert [t.data["store"] for t in store_tokens("1024店的顾客", words.stores())] == [["1024"]]


def test_a_store_named_after_a_city_needs_its_store_word(tmp_path):
    db = str(tmp_path / "cities.db")
    ingest_records(db, [{"user_id": "B1", "attributes": {"city": "北京", "gender": "female"}},
                        customer("B2", "female", [("北京店", 10, 1)]),
                        customer("B3", "male", [("北京店", 10, 1)])])
    assert users(db, "在北京的女性") == {"B1"}
    assert users(db, "在北京店买过的女性") == {"B2"}


def load_data_words_of(folder, stores: list[str]):
    db = str(folder / "words.db")
    ingest_records(db, [customer("W1", "female", [(store, 10, 1) for store in stores])])
    return load_data_words(db)
