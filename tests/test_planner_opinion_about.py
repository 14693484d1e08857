"""An opinion about a thing (fresh eyes #13: "customers unhappy with the hotel" counted anyone with a
negative text AND a hotel interest): through the real offline agent on a real SQLite file built by the
real ingest and build, the opinion's texts must name the thing — an interest in either language
(酒店 / hotel), a brand (Sony / 索尼), a product the orders name (Club Med) — and the answer says how it
read it. An aspect opinion (对价格不满) is unchanged."""

from __future__ import annotations

import pytest

from tests.agent_helpers import conversation
from tests.db_helpers import ago, rows
from tools.ingest import ingest_records
from tools.profile.build import build_profiles

HOTEL = ("Hilton Tokyo 3 nights", "酒店", 2400.0)
ISLAND = ("Club Med Bali", "海岛游", 9800.0)


def customer(index: int, orders: list, texts: list[str]) -> dict:
    user = f"H{index:02d}"
    return {"user_id": user, "attributes": {"name": f"客户{index}", "gender": "female", "city": "上海",
                                            "registered_at": ago(300)},
            "orders": [{"order_id": f"{user}-{n}", "product": product, "category": category, "amount": amount,
                        "ordered_at": ago(20 + n)} for n, (product, category, amount) in enumerate(orders)],
            "texts": [{"text_id": f"{user}-t{n}", "source": "review", "text": text, "at": ago(5)}
                      for n, text in enumerate(texts)]}


@pytest.fixture(scope="module")
def trips_db(tmp_path_factory):
    db = str(tmp_path_factory.mktemp("opinion_about") / "trips.db")
    ingest_records(db, [
        customer(1, [HOTEL], ["酒店太旧了，房间又小又脏。"]),
        customer(2, [HOTEL, ISLAND], ["The hotel room was dirty and smelled of smoke."]),
        customer(3, [HOTEL], ["导游态度很差，一路都在催我们购物。"]),            # unhappy with the guide, not the hotel
        customer(4, [HOTEL], ["Our flight was delayed five hours, terrible."]),  # unhappy with the flight
        customer(5, [HOTEL], ["行程安排得很好，酒店也很舒服，下次还来。"]),        # praised the hotel
        customer(6, [ISLAND], ["Club Med was a disappointment, the food was awful."]),
        customer(7, [], ["这次的Sony耳机音质太差了，很失望。"]),
        customer(8, [HOTEL], ["价格太贵了，不值这个钱。"]),
    ])
    build_profiles(db)
    return db


def negative_users(db: str) -> set[str]:
    return {u for (u,) in rows(db, "SELECT DISTINCT user_id FROM emotions WHERE polarity < 0")}


def hotel_fans(db: str) -> set[str]:
    return {u for (u,) in rows(db, "SELECT user_id FROM tags WHERE tag_id = 'hotels' AND status = 'active'")}


@pytest.mark.parametrize("question", ["customers unhappy with the hotel", "对酒店不满意的客户有哪些",
                                      "who complained about the hotel?", "吐槽过酒店的用户"])
def test_unhappy_with_the_hotel_is_a_negative_text_that_names_it(trips_db, question):
    answer, = conversation(trips_db, f"hotel-{question}", question)
    # the old reading (any negative text AND a hotel interest) takes in the guide, the flight and the price
    assert {"H03", "H04", "H08"} <= negative_users(trips_db) & hotel_fans(trips_db)
    assert set(answer.user_ids) == {"H01", "H02"}
    assert ("mention" in answer.text and "hotel" in answer.text) or ("提到" in answer.text and "酒店" in answer.text)


@pytest.mark.parametrize("question", ["who praised the hotel", "对酒店满意的客户"])
def test_praise_of_the_hotel(trips_db, question):
    answer, = conversation(trips_db, f"praise-{question}", question)
    assert set(answer.user_ids) == {"H05"}


def test_a_thing_opinion_combines_with_an_order(trips_db):
    answer, = conversation(trips_db, "island-hotel", "买过海岛游并且对酒店不满意的客户")
    assert set(answer.user_ids) == {"H02"}


@pytest.mark.parametrize("question", ["people who complained about the Sony headphones", "对索尼不满意的用户"])
def test_a_brand_opinion_finds_its_spellings(trips_db, question):
    answer, = conversation(trips_db, f"sony-{question}", question)
    assert set(answer.user_ids) == {"H07"}   # 索尼 is written "Sony" in the text


def test_a_product_the_orders_name(trips_db):
    answer, = conversation(trips_db, "clubmed", "customers unhappy with Club Med")
    assert set(answer.user_ids) == {"H06"}   # H02 booked it too but said nothing against it


def test_an_aspect_opinion_is_unchanged(trips_db):
    answer, = conversation(trips_db, "price", "对价格不满的客户")
    assert set(answer.user_ids) == {u for (u,) in rows(
        trips_db, "SELECT DISTINCT user_id FROM emotions WHERE aspect = 'price' AND polarity < 0")} == {"H08"}
