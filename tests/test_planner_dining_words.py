"""Fresh-eyes review #10 on a restaurant chain with delivery, through the real offline agent on a real
SQLite file (ingest + build): portion and hygiene complaints are aspects of their own (抱怨分量少, 说吃不饱,
"users who complained about the portions", 对卫生不满, "unhappy with hygiene"), apart from the queue and the
noise (the environment); a slow takeaway or a rude rider is the delivery (说外卖太慢, 对骑手不满), food spilled on
the way the packaging (外卖洒了); and a delivery complaint makes no purchase intent and no eating-out interest."""

from __future__ import annotations

import pytest

from tests.agent_helpers import conversation
from tests.db_helpers import ago, rows
from tools.ingest import ingest_records
from tools.profile.build import build_profiles

MEAL = ("招牌牛肉饭", "主食", 38.0)


def diner(index: int, texts: list[str]) -> dict:
    user = f"R{index:02d}"
    return {"user_id": user, "attributes": {"name": f"食客{index}", "city": "上海", "registered_at": ago(200)},
            "orders": [{"order_id": f"{user}-1", "product": MEAL[0], "category": MEAL[1], "amount": MEAL[2],
                        "ordered_at": ago(20)}],
            "texts": [{"text_id": f"{user}-t{n}", "source": "review", "text": text, "at": ago(5)}
                      for n, text in enumerate(texts)]}


@pytest.fixture(scope="module")
def restaurant_db(tmp_path_factory):
    db = str(tmp_path_factory.mktemp("fe10data") / "restaurant.db")
    ingest_records(db, [
        diner(1, ["分量少得可怜，根本吃不饱"]),
        diner(2, ["the portions are tiny for the price"]),
        diner(3, ["桌子很脏，卫生太差了"]),
        diner(4, ["There was a hair in my soup, the place is filthy"]),
        diner(5, ["排队等了一个小时，店里太吵了"]),
        diner(6, ["had to queue for over an hour"]),
        diner(7, ["外卖太慢了，下单一个半小时才送到"]),
        diner(8, ["骑手态度很差，还送错了地址"]),
        diner(9, ["汤都洒了，袋子里全是汤"]),
        diner(10, ["外卖小哥很客气，送得也快", "分量很足，吃得很饱"]),
        diner(11, ["辣得过瘾，麻辣香锅太好吃了"]),
    ])
    build_profiles(db)
    return db


def users_with(db: str, aspect: str, sign: str) -> set[str]:
    return {u for (u,) in rows(db, f"SELECT DISTINCT user_id FROM emotions WHERE aspect = ? AND polarity {sign} 0",
                               aspect)}


def ask(db: str, question: str) -> set[str]:
    answer, = conversation(db, f"fe10-{question}", question)
    return set(answer.user_ids)


@pytest.mark.parametrize("question", ["抱怨分量少的顾客", "说吃不饱的顾客", "users who complained about the portions"])
def test_portion_complaints_are_their_own_aspect(restaurant_db, question):
    assert users_with(restaurant_db, "portion", "<") == {"R01", "R02"}
    assert ask(restaurant_db, question) == {"R01", "R02"}


@pytest.mark.parametrize("question", ["对卫生不满的顾客", "users unhappy with hygiene", "说店里脏的顾客"])
def test_dirty_is_not_crowded(restaurant_db, question):
    assert users_with(restaurant_db, "hygiene", "<") == {"R03", "R04"}
    assert ask(restaurant_db, question) == {"R03", "R04"}


@pytest.mark.parametrize("question", ["抱怨排队的顾客", "等位太久的顾客", "customers who complained about waiting in line"])
def test_queues_are_the_place(restaurant_db, question):
    assert users_with(restaurant_db, "environment", "<") == {"R05", "R06"}
    assert ask(restaurant_db, question) == {"R05", "R06"}


@pytest.mark.parametrize("question", ["说外卖太慢的顾客", "抱怨送餐慢的顾客", "对骑手不满的顾客"])
def test_a_slow_takeaway_and_a_rude_rider_are_the_delivery(restaurant_db, question):
    assert users_with(restaurant_db, "delivery", "<") == {"R07", "R08"}
    assert ask(restaurant_db, question) == {"R07", "R08"}


@pytest.mark.parametrize("question", ["外卖小哥态度差的顾客", "吐槽骑手态度差的顾客", "customers who complained about rude riders"])
def test_a_riders_manners_are_not_every_late_takeaway(restaurant_db, question):
    """A rider's manners are read as the service and the delivery both (fresh eyes 15: 14 for 3)."""
    assert ask(restaurant_db, question) == {"R08"}


@pytest.mark.parametrize("question", ["外卖洒了的顾客", "对包装不满的顾客", "customers whose drinks spilled"])
def test_food_spilled_on_the_way_is_the_packaging(restaurant_db, question):
    assert ask(restaurant_db, question) == {"R09"} == users_with(restaurant_db, "packaging", "<")


def test_praise_of_the_rider_portion_and_spice(restaurant_db):
    assert users_with(restaurant_db, "delivery", ">") == {"R10"}
    assert users_with(restaurant_db, "portion", ">") == {"R10"}
    assert users_with(restaurant_db, "taste", ">") == {"R11"}


def test_a_delivery_complaint_is_no_purchase_intent_nor_an_interest(restaurant_db):
    assert rows(restaurant_db, "SELECT intent FROM intents WHERE user_id = 'R07' AND intent = 'purchase'") == []
    assert rows(restaurant_db, "SELECT tag_id FROM tags WHERE user_id = 'R07' AND evidence LIKE '%外卖太慢%'") == []
