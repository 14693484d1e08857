"""The store / branch that sold an order (orders.store): read by ingest from a record's or a table's
store field and its aliases, moved out of extra when an older database is upgraded, and queryable
through the SQL guard. Every test uses a real SQLite file."""

from __future__ import annotations

import hashlib
import json
import sqlite3

import pytest

import schema.db
from schema.db import connect, schema_version
from schema.migrations import LATEST_VERSION, MIGRATIONS
from tools.ingest import ingest_file
from tools.sql_guard import run_sql
from tests.db_helpers import rows


def write_jsonl(path, records):
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


def test_jsonl_orders_give_their_store_under_any_accepted_key(tmp_path):
    db = tmp_path / "p.db"
    orders = [{"order_id": "o1", "product": "燕麦拿铁", "amount": 32, "store": " 静安店 "},
              {"order_id": "o2", "product": "美式", "amount": 25, "门店": "西湖店", "coupon": "NEW10"},
              {"order_id": "o3", "product": "Flat White", "amount": 38, "branch": "Airport Branch"},
              {"order_id": "o4", "product": "可颂", "amount": 18, "店铺": "新天地店"},
              {"order_id": "o5", "product": "Mocha", "amount": 36, "shop": "Xintiandi"},
              {"order_id": "o6", "product": "拿铁", "amount": 30, "store_name": 1024},
              {"order_id": "o7", "product": "茶", "amount": 20}]
    report = ingest_file(db, write_jsonl(tmp_path / "orders.jsonl", [{"user_id": "c1", "orders": orders}]))
    assert report.orders == 7 and report.issues == 0
    assert rows(db, "SELECT order_id, store, extra FROM orders ORDER BY order_id") == [
        ("o1", "静安店", None), ("o2", "西湖店", '{"coupon": "NEW10"}'), ("o3", "Airport Branch", None),
        ("o4", "新天地店", None), ("o5", "Xintiandi", None), ("o6", "1024", None), ("o7", None, None)]


def test_a_store_that_is_not_text_stays_in_extra_and_the_order_loads(tmp_path):
    db = tmp_path / "p.db"
    record = {"user_id": "c1", "orders": [{"order_id": "o1", "amount": 32, "store": {"id": 7, "name": "静安店"}}]}
    report = ingest_file(db, write_jsonl(tmp_path / "orders.jsonl", [record]))
    assert report.orders == 1 and report.issues == 0
    assert rows(db, "SELECT store, extra FROM orders") == [(None, '{"store": {"id": 7, "name": "静安店"}}')]


@pytest.mark.parametrize("name,delimiter,column", [("orders.csv", ",", "门店"), ("orders.tsv", "\t", "store")])
def test_a_table_of_orders_gives_the_store_column(tmp_path, name, delimiter, column):
    db = tmp_path / "p.db"
    header = ["user_id", "order_id", "product", "amount", "date", column]
    lines = [header, ["c1", "o1", "燕麦拿铁", "32", "2026-11-02", "静安店"],
             ["c2", "o2", "美式", "25", "2026-11-03", " 西湖店"], ["c2", "o3", "可颂", "18", "2026-11-04", ""]]
    path = tmp_path / name
    path.write_text("".join(delimiter.join(line) + "\n" for line in lines), encoding="utf-8")
    report = ingest_file(db, path)
    assert report.orders == 3 and report.issues == 0
    assert rows(db, "SELECT order_id, user_id, store, extra FROM orders ORDER BY order_id") == [
        ("o1", "c1", "静安店", None), ("o2", "c2", "西湖店", None), ("o3", "c2", None, None)]
    assert ingest_file(db, path).orders == 0   # loading it again changes nothing


# --- an older database: the store only in extra ---------------------------------------------------

OLD_ORDERS = [
    # (order_id, extra as the older ingest wrote it: json.dumps(sort_keys=True, ensure_ascii=False))
    ("o1", {"store": "静安店"}),
    ("o2", {"coupon": "NEW10", "门店": " 西湖店 "}),
    ("o3", {"branch": 12}),
    ("o4", {"shop": {"id": 7}}),            # not text: stays in extra
    ("o5", {"store": "  "}),                # blank: stays in extra
    ("o6", {"coupon": "X"}),
    ("o7", None),
]


def _database_before_stores(path, monkeypatch) -> None:
    """A database made by the Persona before orders had a store (migrations 1-3), its orders'
    stores in extra as that version's ingest kept them."""
    with monkeypatch.context() as patch:
        patch.setattr(schema.db, "MIGRATIONS", MIGRATIONS[:3])
        patch.setattr(schema.db, "LATEST_VERSION", 3)
        conn = connect(path)
        with conn:
            conn.execute("INSERT INTO users (user_id, data_updated_at) VALUES ('c1', '2026-11-01T00:00:00')")
            conn.executemany(
                "INSERT INTO orders (order_id, user_id, product, amount, ordered_at, extra) "
                "VALUES (?, 'c1', '拿铁', 30.0, '2026-11-02T00:00:00', ?)",
                [(order_id, json.dumps(extra, ensure_ascii=False, sort_keys=True) if extra else None)
                 for order_id, extra in OLD_ORDERS])
        assert schema_version(conn) == 3
        conn.close()


def test_upgrading_moves_the_store_out_of_extra(tmp_path, monkeypatch):
    db = tmp_path / "old.db"
    _database_before_stores(db, monkeypatch)
    connect(db).close()
    assert rows(db, "SELECT MAX(version) FROM _migrations") == [(LATEST_VERSION,)]
    stored = {order_id: (store, json.loads(extra) if extra else None)
              for order_id, store, extra in rows(db, "SELECT order_id, store, extra FROM orders")}
    assert stored == {
        "o1": ("静安店", None), "o2": ("西湖店", {"coupon": "NEW10"}), "o3": ("12", None),
        "o4": (None, {"shop": {"id": 7}}), "o5": (None, {"store": "  "}), "o6": (None, {"coupon": "X"}),
        "o7": (None, None)}


def _old_content_id(user_id: str, values: dict, extra: dict) -> str:
    """The id the older ingest gave an order without one (a hash of its values and its extra)."""
    payload = json.dumps([user_id, "orders", values, extra], ensure_ascii=False, sort_keys=True)
    return "h" + hashlib.sha1(payload.encode("utf-8")).hexdigest()[:20]


def test_reingesting_after_the_upgrade_changes_nothing(tmp_path, monkeypatch):
    """The same records, loaded by the older Persona and again after the upgrade: no order is added
    or rewritten and the user is unchanged (an order without an id keeps its content id)."""
    db = tmp_path / "old.db"
    orders = [{"product": "美式", "amount": 25, "门店": "西湖店", "coupon": "NEW10"},
              {"order_id": "o1", "product": "拿铁", "amount": 30, "store": "静安店", "coupon": "X"}]
    source = write_jsonl(tmp_path / "orders.jsonl", [{"user_id": "c1", "orders": orders}])
    hashed = _old_content_id("c1", {"product": "美式", "category": None, "brand": None, "amount": 25.0,
                                    "ordered_at": None}, {"coupon": "NEW10", "门店": "西湖店"})
    _database_before_stores(db, monkeypatch)
    conn = sqlite3.connect(db)
    with conn:   # what the older ingest stored for these records
        conn.execute("DELETE FROM orders")
        conn.execute("INSERT INTO orders (order_id, user_id, product, interest_id, amount, extra) VALUES "
                     "(?, 'c1', '美式', 'coffee', 25.0, ?), ('o1', 'c1', '拿铁', 'coffee', 30.0, ?)",
                     (hashed, '{"coupon": "NEW10", "门店": "西湖店"}', '{"coupon": "X", "store": "静安店"}'))
    conn.close()
    again = ingest_file(db, source)
    assert (again.orders, again.updated_users, again.unchanged_users) == (0, 0, 1)
    assert rows(db, "SELECT order_id, store, json(extra) FROM orders ORDER BY order_id") == [
        (hashed, "西湖店", '{"coupon":"NEW10"}'), ("o1", "静安店", '{"coupon":"X"}')]


# --- queryable ---------------------------------------------------------------------------------------

def test_the_guard_lets_the_store_be_filtered_and_grouped(tmp_path):
    db = tmp_path / "p.db"
    records = [{"user_id": f"c{n}", "orders": [{"order_id": f"o{n}-{i}", "amount": 10.0 * n, "store": store}
                                               for i, store in enumerate(stores)]}
               for n, stores in enumerate([["静安店"], ["静安店", "西湖店"], ["西湖店"], ["西湖店", "西湖店"]], 1)]
    ingest_file(db, write_jsonl(tmp_path / "orders.jsonl", records))
    result = run_sql(db, "SELECT store, COUNT(DISTINCT user_id) AS users, SUM(amount) AS sales FROM orders "
                         "GROUP BY store ORDER BY users DESC, store")
    assert result.columns == ["store", "users", "sales"]
    assert result.rows == [("西湖店", 3, 130.0), ("静安店", 2, 30.0)]
    found = run_sql(db, "SELECT DISTINCT user_id FROM orders WHERE store LIKE ? ORDER BY user_id", ("%静安%",))
    assert found.rows == [("c1",), ("c2",)]


def test_the_cli_loads_a_table_of_orders_and_queries_its_stores(tmp_path, capsys):
    """`persona ingest orders.csv` then `persona sql`: the store column as the operator and the model see it."""
    from agent.cli import main
    from agent.prompt import build_system_prompt

    db, table = tmp_path / "cli.db", tmp_path / "orders.csv"
    table.write_text("customer_id,order_id,product,amount,date,门店\nc1,o1,拿铁,30,2026-11-02,静安店\n"
                     "c2,o2,美式,25,2026-11-03,静安店\nc2,o3,可颂,18,2026-11-04,西湖店\n", encoding="utf-8")
    assert main(["ingest", str(table), "--db", str(db)]) == 0
    capsys.readouterr()
    assert main(["sql", "SELECT store, COUNT(DISTINCT user_id) AS users FROM orders GROUP BY store ORDER BY store",
                 "--json", "--db", str(db)]) == 0
    assert json.loads(capsys.readouterr().out)["rows"] == [["西湖店", 1], ["静安店", 2]]
    assert main(["sql", "--schema", "--db", str(db)]) == 0
    assert "  - store TEXT: The store / branch (门店) that sold it" in capsys.readouterr().out
    assert "  - store TEXT: The store / branch (门店) that sold it" in build_system_prompt()
