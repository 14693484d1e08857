"""A figure over orders counts the orders the question names (agent/planner/order_scope.py): a store, a kind
of product, a product word. Asked through the real offline agent on real SQLite files — a small café
chain made here, and the bundled demo data — and every figure is checked against SQL written here,
over the orders table alone."""

from __future__ import annotations

from datetime import date

import pytest

from tests.agent_helpers import built_demo_db, conversation
from tests.db_helpers import ago, rows
from tools.ingest import ingest_records

# (user, gender, city, [(store, product, category, amount, days ago)])
CUSTOMERS = [
    ("C1", "female", "上海", [("静安店", "杨枝甘露", "饮品", 30, 3), ("静安店", "双人套餐", "套餐", 120, 10),
                            ("徐汇店", "双人套餐", "套餐", 200, 5)]),
    ("C2", "male", "上海", [("静安店", "牛肉饭", "主食", 40, 2), ("西湖店", "双人套餐", "套餐", 300, 4),
                          ("西湖店", "杨枝甘露", "饮品", 25, 50)]),
    ("C3", "female", "杭州", [("西湖店", "杨枝甘露", "饮品", 28, 1), ("西湖店", "牛肉饭", "主食", 45, 12)]),
    ("C4", "female", "上海", [("徐汇店", "牛肉饭", "主食", 60, 6), ("静安店", "杨枝甘露", "饮品", 30, 70)]),
    ("C5", "male", "杭州", [("西湖店", "双人套餐", "套餐", 150, 8), ("静安店", "杨枝甘露", "饮品", 25, 9),
                          ("静安店", "双人套餐", "套餐", 130, 20)]),
    ("C6", "female", "上海", [("徐汇店", "杨枝甘露", "饮品", 30, 1)]),
]


@pytest.fixture(scope="module")
def chain_db(tmp_path_factory):
    db = str(tmp_path_factory.mktemp("scope") / "chain.db")
    ingest_records(db, [
        {"user_id": user, "attributes": {"name": f"顾客{user}", "gender": gender, "city": city},
         "orders": [{"order_id": f"{user}-{n}", "门店": store, "product": product, "category": category,
                     "amount": amount, "ordered_at": ago(days)}
                    for n, (store, product, category, amount, days) in enumerate(orders)]}
        for user, gender, city, orders in CUSTOMERS])
    return db


def ask(db: str, question: str):
    answer, = conversation(db, "scope", question)
    return answer


def record(answer) -> dict:
    assert answer.rows, answer.text
    return dict(zip(answer.columns, answer.rows[0]))


def ranked(answer) -> list[tuple[str, float]]:
    """(user, total spend) of each ranked user, in the answer's order."""
    return [(r["user_id"], r["total_spend"]) for r in (dict(zip(answer.columns, row)) for row in answer.rows)]


@pytest.mark.parametrize("question", ["静安店最近30天有多少订单", "静安店近30天一共多少笔订单",
                                      "how many orders were placed at 静安店 in the last 30 days",
                                      "number of orders at 静安店 in the last 30 days"])
def test_orders_at_a_store_are_that_stores_orders(chain_db, question):
    (count, total), = rows(chain_db, "SELECT COUNT(*), SUM(amount) FROM orders WHERE store = '静安店' "
                                     "AND ordered_at >= date('now', '-30 days')")
    got = record(ask(chain_db, question))
    assert (got["order_count"], got["total_spend"]) == (count, total) == (5, 345)


@pytest.mark.parametrize("question", ["静安店最近30天的销售额", "sales at 静安店 in the last 30 days"])
def test_sales_of_a_store_are_its_own_orders(chain_db, question):
    (total,), = rows(chain_db, "SELECT SUM(amount) FROM orders WHERE store = '静安店' "
                               "AND ordered_at >= date('now', '-30 days')")
    answer = ask(chain_db, question)
    assert record(answer)["total_spend"] == total
    assert "只算近30天在静安店的订单" in answer.text or "counting only orders at 静安店 in the last 30 days" in answer.text


@pytest.mark.parametrize("question", ["静安店的客单价", "average order value at 静安店"])
def test_average_order_value_of_a_store(chain_db, question):
    (average, users), = rows(chain_db, "SELECT ROUND(AVG(amount), 2), COUNT(DISTINCT user_id) FROM orders "
                                       "WHERE store = '静安店'")
    got = record(ask(chain_db, question))
    assert (got["avg_order_value"], got["user_count"]) == (average, users)


def test_user_conditions_say_whose_orders(chain_db):
    # the women's orders at 静安店: C1 and C4 (C2 and C5 are men)
    (total,), = rows(chain_db, "SELECT SUM(o.amount) FROM orders o JOIN users u ON u.user_id = o.user_id "
                               "WHERE o.store = '静安店' AND u.gender = 'female'")
    assert record(ask(chain_db, "静安店女顾客的销售额"))["total_spend"] == total == 180


@pytest.mark.parametrize("question", ["西湖店消费最高的3个顾客", "top 3 spenders at 西湖店"])
def test_a_ranking_at_a_store_ranks_spend_there(chain_db, question):
    expected = rows(chain_db, "SELECT user_id, SUM(amount) FROM orders WHERE store = '西湖店' "
                              "GROUP BY user_id ORDER BY 2 DESC, 1 LIMIT 3")
    assert ranked(ask(chain_db, question)) == expected == [("C2", 325), ("C5", 150), ("C3", 73)]


@pytest.mark.parametrize("question", ["在静安店消费超过100元的顾客", "customers who spent over 100 at 静安店"])
def test_a_spend_threshold_at_a_store_is_spend_there(chain_db, question):
    expected = {user for user, in rows(chain_db, "SELECT user_id FROM orders WHERE store = '静安店' "
                                                 "GROUP BY user_id HAVING SUM(amount) > 100")}
    answer = ask(chain_db, question)
    assert set(answer.user_ids) == expected == {"C1", "C5"}   # C2 spent 365 in all, 40 at 静安店


@pytest.mark.parametrize("question", ["每个门店消费最高的顾客", "top spender per store"])
def test_the_top_customer_of_each_store(chain_db, question):
    expected = rows(chain_db, "SELECT store, user_id, total FROM (SELECT store, user_id, SUM(amount) AS total, "
                              "ROW_NUMBER() OVER (PARTITION BY store ORDER BY SUM(amount) DESC, user_id) AS place "
                              "FROM orders GROUP BY store, user_id) WHERE place = 1 ORDER BY store")
    answer = ask(chain_db, question)
    got = sorted((r["by_store"], r["user_id"], r["total_spend"])
                 for r in (dict(zip(answer.columns, row)) for row in answer.rows))
    assert got == sorted(expected)


@pytest.mark.parametrize("question", ["静安店和西湖店哪个顾客多", "静安店和西湖店分别有多少顾客"])
def test_two_stores_compared_by_customers(chain_db, question):
    expected = rows(chain_db, "SELECT store, COUNT(DISTINCT user_id) FROM orders WHERE store IN ('静安店', '西湖店') "
                              "GROUP BY store ORDER BY 2 DESC, 1")
    answer = ask(chain_db, question)
    assert [tuple(row) for row in answer.rows] == expected == [("静安店", 4), ("西湖店", 3)]


@pytest.mark.parametrize("question", ["静安店和徐汇店谁的客单价高", "compare 静安店 and 徐汇店 on average order value"])
def test_two_stores_compared_by_a_figure(chain_db, question):
    expected = dict(rows(chain_db, "SELECT store, ROUND(AVG(amount), 2) FROM orders "
                                   "WHERE store IN ('静安店', '徐汇店') GROUP BY store"))
    answer = ask(chain_db, question)
    got = {r["store"]: r["avg_order_value"] for r in (dict(zip(answer.columns, row)) for row in answer.rows)}
    assert got == expected


@pytest.mark.parametrize("question", ["杨枝甘露的销售额", "sales of 杨枝甘露"])
def test_a_product_word_counts_that_products_orders(chain_db, question):
    (total,), = rows(chain_db, "SELECT SUM(amount) FROM orders WHERE product LIKE '%杨枝甘露%'")
    assert record(ask(chain_db, question))["total_spend"] == total == 168


def test_a_store_and_a_product_together(chain_db):
    (count,), = rows(chain_db, "SELECT COUNT(*) FROM orders WHERE store = '静安店' AND product LIKE '%双人套餐%'")
    got = record(ask(chain_db, "静安店双人套餐的订单总数"))
    assert got["order_count"] == count == 2


@pytest.mark.parametrize("question", ["哪个门店被投诉最多", "哪家店的差评最多", "which store gets the most complaints"])
def test_which_store_is_complained_about_is_not_known(chain_db, question):
    answer = ask(chain_db, question)
    assert answer.rows is None or not answer.rows
    assert "没有记录是关于哪个门店" in answer.text or "without the store they are about" in answer.text


# --- the demo data: kinds of product (order categories), a product word --------------------------

BABY = ("mother_baby", "diapers", "infant_care", "infant_formula", "maternity", "toys")
IN_BABY = "interest_id IN (" + ", ".join(f"'{i}'" for i in BABY) + ")"


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    return built_demo_db(tmp_path_factory.mktemp("scope-demo"))


def quarter_start() -> str:
    today = date.today()
    return date(today.year, (today.month - 1) // 3 * 3 + 1, 1).isoformat()


@pytest.mark.parametrize("question", ["这个季度母婴品类的销售额是多少", "sales of baby products this quarter"])
def test_sales_of_a_category(demo_db, question):
    (total, count), = rows(demo_db, f"SELECT SUM(amount), COUNT(*) FROM orders WHERE {IN_BABY} AND ordered_at >= ?",
                           quarter_start())
    got = record(ask(demo_db, question))
    assert (got["total_spend"], got["order_count"]) == (total, count)


@pytest.mark.parametrize("question", ["纸尿裤的客单价多少", "average order value of diaper orders"])
def test_average_order_value_of_a_category(demo_db, question):
    (average,), = rows(demo_db, "SELECT ROUND(AVG(amount), 2) FROM orders WHERE interest_id = 'diapers'")
    assert record(ask(demo_db, question))["avg_order_value"] == average


def test_users_interested_in_a_category_keep_all_their_orders(demo_db):
    # "母婴用户": people (an interest tag), so every order of theirs counts
    (average,), = rows(demo_db, "SELECT ROUND(AVG(o.amount), 2) FROM orders o WHERE o.user_id IN (SELECT user_id "
                                "FROM tags WHERE tag_id = 'mother_baby' AND status = 'active')")
    assert record(ask(demo_db, "母婴用户的客单价"))["avg_order_value"] == average


@pytest.mark.parametrize("question, where", [("list the top 10 spenders on diapers", "interest_id = 'diapers'"),
                                             ("买母婴产品花钱最多的前10个用户", IN_BABY)])
def test_spenders_on_a_category(demo_db, question, where):
    expected = rows(demo_db, f"SELECT user_id, SUM(amount) FROM orders WHERE {where} GROUP BY user_id "
                             "ORDER BY 2 DESC, 1 LIMIT 10")
    assert ranked(ask(demo_db, question)) == expected


LAST_MONTH = " AND ordered_at >= date('now', 'start of month', '-1 month') AND ordered_at < date('now', 'start of month')"


@pytest.mark.parametrize("question, window", [("上个月买婴儿推车的有几个", LAST_MONTH), ("买过婴儿推车的用户", "")])
def test_a_product_narrower_than_its_category(demo_db, question, window):
    # a stroller is one in either language the shop names it (婴儿推车, "stroller": lexicon.PRODUCT_KINDS)
    expected = {user for user, in rows(demo_db, f"SELECT DISTINCT user_id FROM orders "
                                                f"WHERE (product LIKE '%婴儿推车%' OR product LIKE '%stroller%'){window}")}
    english = {user for user, in rows(demo_db, f"SELECT DISTINCT user_id FROM orders WHERE product = 'stroller'{window}")}
    answer = ask(demo_db, question)
    assert english and set(answer.user_ids) == expected and "推车" in answer.text and "stroller" in answer.text



def test_a_big_spender_stays_a_standing_of_the_user(demo_db):
    # the big spenders' line is on lifetime spend: "买过母婴产品的大客户" are big spenders who bought baby
    # products, whatever they spent on them
    answer = ask(demo_db, "买过母婴产品的大客户")
    line = float(answer.text.split("累计消费≥")[1].split("元")[0].replace(",", ""))
    lifetime = {user for user, in rows(demo_db, f"SELECT user_id FROM orders GROUP BY user_id HAVING SUM(amount) >= ? "
                                                f"AND SUM({IN_BABY}) > 0", line)}
    on_baby = {user for user, in rows(demo_db, f"SELECT user_id FROM orders WHERE {IN_BABY} GROUP BY user_id "
                                               "HAVING SUM(amount) >= ?", line)}
    assert set(answer.user_ids) == lifetime != on_baby and "只算" not in answer.text


# --- what was bought only picks the audience: "买过X的用户里消费最高的" counts all their orders -------------

def _said_all_orders(answer) -> bool:
    return "算他们的全部订单" in answer.text or "counting all their orders" in answer.text


@pytest.mark.parametrize("question, top", [("在静安店买过东西的顾客里消费最高的3个", 3),
                                           ("among customers who bought at 静安店, who are the top 3 spenders", 3)])
def test_buyers_at_a_store_are_ranked_by_all_their_orders(chain_db, question, top):
    expected = rows(chain_db, "SELECT user_id, SUM(amount) FROM orders WHERE user_id IN (SELECT user_id FROM orders "
                              "WHERE store = '静安店') GROUP BY user_id ORDER BY 2 DESC, 1 LIMIT ?", top)
    answer = ask(chain_db, question)
    assert ranked(answer) == expected == [("C2", 365), ("C1", 350), ("C5", 305)]
    assert _said_all_orders(answer) and "只算" not in answer.text and "counting only" not in answer.text


@pytest.mark.parametrize("question", ["在静安店买过东西且消费超过300元的顾客", "customers who bought at 静安店 and spent over 300"])
def test_buyers_at_a_store_over_a_spend_count_all_their_orders(chain_db, question):
    expected = {user for user, in rows(chain_db, "SELECT user_id FROM orders WHERE user_id IN (SELECT user_id FROM "
                                                 "orders WHERE store = '静安店') GROUP BY user_id "
                                                 "HAVING SUM(amount) > 300")}
    answer = ask(chain_db, question)
    assert set(answer.user_ids) == expected == {"C1", "C2", "C5"}   # none spent over 300 at 静安店 itself
    assert _said_all_orders(answer)


@pytest.mark.parametrize("question", ["买过纸尿裤的用户里消费最高的5个", "top 5 spenders among diaper buyers",
                                      "among customers who bought diapers, who are the 5 biggest spenders"])
def test_diaper_buyers_are_ranked_by_all_their_orders(demo_db, question):
    expected = rows(demo_db, "SELECT user_id, SUM(amount) FROM orders WHERE user_id IN (SELECT user_id FROM orders "
                             "WHERE interest_id = 'diapers') GROUP BY user_id ORDER BY 2 DESC, 1 LIMIT 5")
    on_diapers = rows(demo_db, "SELECT user_id, SUM(amount) FROM orders WHERE interest_id = 'diapers' "
                               "GROUP BY user_id ORDER BY 2 DESC, 1 LIMIT 5")
    answer = ask(demo_db, question)
    assert ranked(answer) == expected != on_diapers
    assert _said_all_orders(answer)


@pytest.mark.parametrize("questions", [("买过纸尿裤的用户", "他们里消费最高的5个"),
                                       ("customers who bought diapers", "who are the top 5 spenders among them")])
def test_a_ranking_after_the_buyers_ranks_all_their_orders(demo_db, questions):
    expected = rows(demo_db, "SELECT user_id, SUM(amount) FROM orders WHERE user_id IN (SELECT user_id FROM orders "
                             "WHERE interest_id = 'diapers') GROUP BY user_id ORDER BY 2 DESC, 1 LIMIT 5")
    _, answer = conversation(demo_db, "scope-" + questions[0], *questions)
    assert ranked(answer) == expected and _said_all_orders(answer)


@pytest.mark.parametrize("question", ["买纸尿裤花钱最多的5个用户", "top 5 spenders on diapers", "在纸尿裤上消费最高的5个用户"])
def test_spenders_on_diapers_are_ranked_by_their_diaper_orders(demo_db, question):
    expected = rows(demo_db, "SELECT user_id, SUM(amount) FROM orders WHERE interest_id = 'diapers' "
                             "GROUP BY user_id ORDER BY 2 DESC, 1 LIMIT 5")
    answer = ask(demo_db, question)
    assert ranked(answer) == expected
    assert "只算纸尿裤类的订单" in answer.text or "counting only orders of diapers" in answer.text.lower()


@pytest.mark.parametrize("question", ["买过纸尿裤的用户的客单价", "average order value of customers who bought diapers"])
def test_the_average_order_of_diaper_buyers_is_over_all_their_orders(demo_db, question):
    (average,), = rows(demo_db, "SELECT ROUND(AVG(amount), 2) FROM orders WHERE user_id IN (SELECT user_id FROM orders "
                                "WHERE interest_id = 'diapers')")
    (of_diapers,), = rows(demo_db, "SELECT ROUND(AVG(amount), 2) FROM orders WHERE interest_id = 'diapers'")
    answer = ask(demo_db, question)
    assert record(answer)["avg_order_value"] == average != of_diapers
    assert _said_all_orders(answer)


@pytest.mark.parametrize("question, on_diapers", [("买过纸尿裤且消费超过500元的用户", False),
                                                  ("customers who bought diapers and spent over 500", False),
                                                  ("在纸尿裤上消费超过500元的用户", True),
                                                  ("customers who spent over 500 on diapers", True),
                                                  ("买纸尿裤花了超过500元的用户", True)])
def test_a_spend_threshold_with_diapers(demo_db, question, on_diapers):
    def over_500(counted: str) -> set[str]:
        return {user for user, in rows(demo_db, f"SELECT user_id FROM orders WHERE user_id IN (SELECT user_id FROM "
                                                f"orders WHERE interest_id = 'diapers') {counted}GROUP BY user_id "
                                                "HAVING SUM(amount) > 500")}

    in_all, on_them = over_500(""), over_500("AND interest_id = 'diapers' ")
    assert set(ask(demo_db, question).user_ids) == (on_them if on_diapers else in_all)
    assert on_them and on_them != in_all
