"""What operators asked the offline planner and it misread, on real SQLite databases.

Products, brands and the orders' own categories ranked by what their orders say ("top 5 products by sales",
"销量前十的商品", "sales by category", "best-selling brands this month" with the period applied), new and returning customers counted apart with one noun and a
condition shared by both ("上海的新客和老客各有多少"), a compare intent over two things ("对比过手机和笔记本的用户"),
and a copy request whose audience is said after its offer ("… about our new delivery service for gold
members"). The statements run through the SQL guard on the bundled demo data built as `persona demo` does
(and a small shop whose orders fall this month and last, for the periods); what they return is compared
with the same figures computed by plain Python over the rows.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime, timedelta, timezone

import pytest

from agent.planner.parse import parse_question
from agent.planner.plan import planner_answer
from schema.db import connect
from schema.taxonomy import load_taxonomy
from tests.agent_helpers import built_demo_db
from tests.test_planner_fixture import cutoff, expected_users, load_rows
from tools.sql_guard import run_sql


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    db = built_demo_db(tmp_path_factory.mktemp("leftovers"))
    return db, load_rows(db)


def _records(db: str, question: str) -> list[dict]:
    plan = planner_answer(question)
    assert plan.kind == "tool" and plan.tool == "run_sql", plan.message
    result = run_sql(db, plan.args["sql"], plan.args["params"], max_rows=100_000)
    return [dict(zip(result.columns, row)) for row in result.rows]


def _per_group(orders: list[dict], group: str, since: str | None = None, until: str | None = None) -> dict:
    """Each brand's (product's) orders and sales, from the rows."""
    figures: dict = defaultdict(lambda: {"order_count": 0, "total_spend": 0.0})
    for order in orders:
        if order[group] and (since is None or order["ordered_at"] >= since) and (until is None or order["ordered_at"] < until):
            figures[order[group]]["order_count"] += 1
            figures[order[group]]["total_spend"] += order["amount"]
    return figures


def _of_kind(orders: list[dict], kind: str) -> list[dict]:
    """The orders of a kind of goods as the shop reads it: an accessory for the device (手机配件 under 手机) is not
    the device, and a product is of the kind when at least half of its orders are filed under it."""
    taxonomy = load_taxonomy()

    def accessory(node) -> bool:
        return bool(node.parent_id) and node.name_zh in (taxonomy.get(node.parent_id).name_zh + "配件",
                                                         taxonomy.get(node.parent_id).name_zh + "用品")

    node = taxonomy.get(kind)
    near = [taxonomy.get(i) for i in taxonomy.descendants(kind)] + \
        [n for n in taxonomy.of_kind("interest") if node.parent_id and n.parent_id == node.parent_id]
    devices = {i for i in taxonomy.descendants(kind) if not accessory(taxonomy.get(i))}
    if not any(accessory(n) for n in near if n.id != kind):
        return [o for o in orders if o["interest_id"] in devices]
    filed: dict = defaultdict(list)
    for order in orders:
        filed[order["product"]].append(order["interest_id"] in devices)
    return [o for o in orders if (o["interest_id"] in devices if not o["product"] else
                                  2 * sum(filed[o["product"]]) >= len(filed[o["product"]]))]


def _ranked(figures: dict, figure: str, top: int | None) -> list[str]:
    names = sorted(figures, key=lambda name: (-round(figures[name][figure], 2), name))
    return names[:top] if top else names


# --- products and brands ranked --------------------------------------------------------------------

@pytest.mark.parametrize("question, group, figure, top", [
    ("top 5 products by sales", "product", "total_spend", 5),
    ("卖得最好的商品是哪些", "product", "total_spend", None),
    ("销量前十的商品", "product", "order_count", 10),
    ("which 3 products have the most orders", "product", "order_count", 3),
    ("哪个品牌销量最高", "brand", "order_count", None),
    ("best-selling brands", "brand", "total_spend", None),
    ("sales by category", "category", "total_spend", None),   # not the grand total with the grouping dropped
    ("which categories bring in the most revenue?", "category", "total_spend", None),
    ("各品类的订单数", "category", "order_count", None),
    ("top 3 categories by sales", "category", "total_spend", 3),
])
def test_products_and_brands_ranked_by_their_orders(demo, question, group, figure, top):
    db, data = demo
    records = _records(db, question)
    figures = _per_group(data["orders"], group)
    assert [r[group] for r in records] == _ranked(figures, figure, top)
    assert len(records) == (top or len(figures)) > 1
    for record in records:
        assert record["order_count"] == figures[record[group]]["order_count"]
        assert record["total_spend"] == pytest.approx(figures[record[group]]["total_spend"])


@pytest.mark.parametrize("question, group", [
    ("which products sold the most last month", "product"),
    ("上个月卖得最好的商品", "product"),
    ("best-selling brands last month", "brand"),
    ("上个月卖得最好的品牌", "brand"),
])
def test_a_ranking_keeps_to_its_period_on_the_demo_data(demo, question, group):
    db, data = demo
    since, until = cutoff("last_month"), cutoff("month")
    figures = _per_group(data["orders"], group, since, until)
    assert [r[group] for r in _records(db, question)] == _ranked(figures, "total_spend", None)


NOW = datetime.now(timezone.utc).replace(microsecond=0, tzinfo=None)
MONTH_START = NOW.replace(day=1, hour=0, minute=0, second=0)
# brand, product, amount, when: the biggest seller of all sold last month; this month another leads
SHOP_ORDERS = [("Nike", "跑鞋", 900.0, MONTH_START - timedelta(days=10)),
               ("Nike", "跑鞋", 900.0, MONTH_START - timedelta(days=12)),
               ("Adidas", "卫衣", 300.0, MONTH_START),
               ("Puma", "帽子", 100.0, MONTH_START),
               ("Adidas", "卫衣", 300.0, MONTH_START - timedelta(days=40))]


@pytest.fixture(scope="module")
def shop(tmp_path_factory) -> str:
    path = tmp_path_factory.mktemp("periods") / "shop.db"
    conn = connect(path)
    with conn:
        conn.executemany("INSERT INTO users (user_id, name, data_updated_at) VALUES (?, ?, ?)",
                         [(f"s{i}", f"S{i}", NOW.isoformat()) for i in range(len(SHOP_ORDERS))])
        conn.executemany("INSERT INTO orders (order_id, user_id, brand, product, amount, ordered_at) VALUES (?, ?, ?, ?, ?, ?)",
                         [(f"o{i}", f"s{i}", brand, product, amount, at.isoformat())
                          for i, (brand, product, amount, at) in enumerate(SHOP_ORDERS)])
    conn.close()
    return str(path)


@pytest.mark.parametrize("question, group, expected", [
    ("best-selling brands this month", "brand", [("Adidas", 300.0), ("Puma", 100.0)]),
    ("这个月卖得最好的品牌", "brand", [("Adidas", 300.0), ("Puma", 100.0)]),
    ("本月最畅销的商品有哪些", "product", [("卫衣", 300.0), ("帽子", 100.0)]),
    ("best-selling brands", "brand", [("Nike", 1800.0), ("Adidas", 600.0), ("Puma", 100.0)]),
    ("top selling products last month", "product", [("跑鞋", 1800.0)]),
])
def test_the_period_said_is_the_ranking_s(shop, question, group, expected):
    assert [(r[group], r["total_spend"]) for r in _records(shop, question)] == expected


# --- new and returning customers, each counted ------------------------------------------------------

@pytest.mark.parametrize("question, shared", [
    ("新老客户各有多少", {}),
    ("how many new vs old customers", {}),
    ("上海的新客和老客各有多少", {"city": "上海"}),
    ("how many new and returning customers in Shanghai", {"city": "上海"}),
    ("北京的新老客户分别有多少", {"city": "北京"}),
])
def test_new_and_returning_customers_are_counted_apart(demo, question, shared):
    db, data = demo
    plan = planner_answer(question)
    assert plan.spec.output == "counts"
    parts = [item.kind for item in plan.spec.where[-1].items]
    within = expected_users(data, shared)
    buyers = {o["user_id"] for o in data["orders"]}
    expected = {"lifecycle": len(expected_users(data, {"lifecycle": ["new"]}) & within),
                "behavior": len(buyers & within)}
    (row,) = _records(db, question)
    assert [row[f"part_{i}"] for i in range(len(parts))] == [expected[kind] for kind in parts]
    assert sorted(parts) == ["behavior", "lifecycle"] and expected["behavior"] > 0


# --- comparing two things ---------------------------------------------------------------------------

@pytest.mark.parametrize("question", ["对比过手机和笔记本的用户", "users who compared phones and laptops",
                                      "比较过笔记本电脑跟手机的用户"])
def test_both_things_compared_are_kept(demo, question):
    db, data = demo
    phones = expected_users(data, {"intent": "compare", "target": "mobile_phones"})
    laptops = expected_users(data, {"intent": "compare", "target": "laptops"})
    assert phones and laptops
    assert {r["user_id"] for r in _records(db, question)} == phones | laptops


# --- a copy's audience after its offer ---------------------------------------------------------------

@pytest.mark.parametrize("question, offer", [
    ("write an sms about our new delivery service for gold members", "our new delivery service"),
    ("write an email announcing our new delivery service for gold members", "our new delivery service"),
    ("写一条短信介绍我们的新配送服务给金卡会员", "我们的新配送服务"),
    ("写一条关于新配送服务的短信给金卡会员", "新配送服务"),
])
def test_the_audience_at_the_end_of_a_copy_request_is_whom_it_is_for(demo, question, offer):
    db, data = demo
    request = parse_question(question)
    assert request.kind == "copy" and request.args["offer"] == offer
    assert {r["user_id"] for r in _records(db, question)} == expected_users(data, {"member": "gold"}) != set()


# --- two kinds of goods, each its figure -----------------------------------------------------------------

@pytest.mark.parametrize("question, figure", [("compare sales of phones and laptops", "total_spend"),
                                              ("手机和笔记本的销售额对比", "total_spend"),
                                              ("对比一下手机和笔记本的订单数", "order_count")])
def test_two_kinds_compared_each_on_its_own_orders(demo, question, figure):
    db, data = demo
    figures = _per_group([{**o, "kind": kind} for kind in ("mobile_phones", "laptops")
                          for o in _of_kind(data["orders"], kind)], "kind")
    records = _records(db, question)
    assert [r["kind"] for r in records] == _ranked(figures, figure, None) and len(records) == 2
    for record in records:
        assert record[figure] == pytest.approx(figures[record["kind"]][figure])


# --- buyers of two kinds: two audiences -------------------------------------------------------------

@pytest.mark.parametrize("question", ["compare phone buyers and camping buyers", "买过手机的和买过露营装备的各有多少",
                                      "phone buyers vs camping buyers"])
def test_buyers_of_two_kinds_are_counted_apart(demo, question):
    db, data = demo
    plan = planner_answer(question)
    targets = [item.targets[0] for item in plan.spec.where[-1].items]
    assert sorted(targets) == ["camping", "mobile_phones"]
    (row,) = _records(db, question)
    expected = [{o["user_id"] for o in _of_kind(data["orders"], target)} for target in targets]
    assert [row["part_0"], row["part_1"]] == [len(users) for users in expected] and all(expected)


@pytest.mark.parametrize("question, words", [("compare sneaker buyers and boot buyers", "'sneaker buyers' and 'boot buyers'"),
                                             ("compare sales of sneakers and boots", "'sneakers' and 'boots'"),
                                             ("compare sneakers and boots", None)])
def test_things_in_ers_are_not_people(question, words):
    plan = planner_answer(question)
    if words is None:   # the shoes compared: the compare intent, not two audiences of people
        assert plan.kind == "tool" and [c.to_dict()["kind"] for c in plan.spec.where] == ["intent"]
    else:   # both bought Shoes: said, not one of them dropped
        assert plan.kind != "tool" and words in plan.message and "Shoes" in plan.message
