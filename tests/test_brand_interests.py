"""An order whose product names no interest (a gym's 会员卡, "Monthly card") counts for the one
top-level interest its brand's other orders are in: in a single-category business every buyer is in
the category (fresh eyes 8, item 21). A brand that sells several kinds of things, or too few orders
to tell, lends nothing. Real SQLite files, real builds."""

from tools.ingest import ingest_records
from tools.profile.build import build_profiles
from tests.db_helpers import ago, rows


def customer(user_id, orders):
    return {"user_id": user_id,
            "attributes": {"gender": "female", "age": 30, "city": "上海", "registered_at": ago(400)[:10]},
            "orders": orders}


def order(order_id, product, category, brand, days):
    return {"order_id": order_id, "product": product, "category": category, "brand": brand, "amount": 399.0,
            "ordered_at": ago(days)}


def card(order_id, brand, days=5):
    return order(order_id, "月卡 Monthly card", "会员卡", brand, days)


def build(tmp_path, records):
    db = str(tmp_path / "shop.db")
    ingest_records(db, records)
    build_profiles(db)
    return db


def interests(db, user_id):
    return dict(rows(db, "SELECT t.tag_id, t.status FROM tags t JOIN taxonomy x ON x.id = t.tag_id "
                         "AND x.kind = 'interest' WHERE t.user_id = ?", user_id))


def test_a_fitness_chains_membership_card_buyer_is_in_fitness(tmp_path):
    members = [customer(f"m{i}", [order(f"pt{i}", "私教10节", "私教课", "燃动健身", 100)]) for i in range(25)]
    db = build(tmp_path, [*members, customer("card_only", [card("c1", "燃动健身"), card("c2", "燃动健身", 40)])])
    # the brand's one category, not a guess at which part of it (the card says nothing of gym or yoga)
    assert interests(db, "card_only") == {"fitness": "active"}
    (source, evidence), = rows(db, "SELECT source, evidence FROM tags WHERE user_id = 'card_only' AND tag_id = 'fitness'")
    assert source == "order" and "Monthly card" in evidence


def test_a_brand_selling_several_kinds_or_too_few_orders_lends_no_interest(tmp_path):
    mixed = [customer(f"x{i}", [order(f"p{i}", "乳清蛋白粉", "蛋白粉", "万家", 10),
                                order(f"b{i}", "婴儿奶粉", "奶粉", "万家", 10)]) for i in range(15)]
    small = [customer(f"s{i}", [order(f"s{i}", "私教10节", "私教课", "小工作室", 10)]) for i in range(3)]
    db = build(tmp_path, [*mixed, *small, customer("mixed_card", [card("c1", "万家")]),
                          customer("small_card", [card("c2", "小工作室")])])
    assert interests(db, "mixed_card") == {}
    assert interests(db, "small_card") == {}
    assert interests(db, "x0")["fitness"] == "active"   # the mapped orders themselves still count
