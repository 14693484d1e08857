"""The SQL guard against a real, populated SQLite file: hostile statements from a fixture file,
each check on its own, and ordinary analytical queries that must run unchanged."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from contextlib import closing
from datetime import datetime, timedelta
from pathlib import Path

import pytest
import sqlglot
import yaml

from schema.catalog import load_catalog
from schema.db import connect
from tools.sql_guard import (
    GuardError,
    QueryTimeout,
    apply_row_limit,
    check_functions,
    check_known_columns,
    check_known_tables,
    check_parse,
    check_read_only,
    check_single_statement,
    check_sql,
    open_readonly,
    run_sql,
    transpile,
)

HOSTILE = yaml.safe_load((Path(__file__).parent / "fixtures" / "hostile_sql.yaml").read_text(encoding="utf-8"))


def _ago(days: float) -> str:
    return (datetime.now() - timedelta(days=days)).replace(microsecond=0).isoformat()


def populated_db(path: Path) -> Path:
    """A Persona database with three users, their identities, orders, tags and a hidden `extra`."""
    conn = connect(path)
    with conn:
        conn.executemany(
            "INSERT INTO users (user_id, name, gender, age, city, member_level, data_updated_at, extra)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [("u1", "李娜", "female", 29, "上海", "gold", _ago(1), '{"wechat": "secret-li"}'),
             ("u2", "Bob", "male", 41, "北京", "normal", _ago(1), None),
             ("u3", "Chen", "unknown", None, "上海", None, _ago(1), None)],
        )
        conn.executemany(
            "INSERT INTO identities (kind, value, user_id) VALUES (?, ?, ?)",
            [("phone", "13800000042", "u1"), ("email", "bob@example.com", "u2")],
        )
        conn.executemany(
            "INSERT INTO orders (order_id, user_id, product, category, interest_id, amount, ordered_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            [("o1", "u1", "Gore-Tex hiking boots", "outdoor", "outdoor_sports", 1299.0, _ago(10)),
             ("o2", "u1", "登山杖", "outdoor", "outdoor_sports", 199.5, _ago(100)),
             ("o3", "u2", "Phone X", "digital", "mobile_phones", 4999.0, _ago(5)),
             ("o4", "u2", "Phone case", "digital", "mobile_phones", 59.0, _ago(400)),
             ("o5", "u3", "Cat food", "pets", "pets", 89.0, _ago(20))],
        )
        conn.executemany(
            "INSERT INTO tags (user_id, tag_id, category, path, kind, confidence, status, source,"
            " first_seen, last_seen) VALUES (?, ?, 'interests', ?, 'implicit', ?, ?, 'order', ?, ?)",
            [("u1", "outdoor_sports", "outdoor_sports", 0.9, "active", _ago(100), _ago(10)),
             ("u2", "mobile_phones", "digital_electronics/mobile_phones", 0.8, "active", _ago(5), _ago(5)),
             ("u3", "pets", "pets", 0.4, "observe", _ago(20), _ago(20))],
        )
    conn.close()
    return path


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    return populated_db(tmp_path_factory.mktemp("guard") / "shop.db")


def plain_readonly(path: Path) -> closing[sqlite3.Connection]:
    """A bare read-only connection, without the guard, to look at the file from outside."""
    return closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True))


def data_fingerprint(path: Path) -> str:
    """Everything in the database except the audit log (which every statement appends to), its
    persistent settings, and the names of the files beside it (ATTACH / VACUUM INTO make files)."""
    with plain_readonly(path) as conn:
        dump = [line for line in conn.iterdump() if not line.startswith('INSERT INTO "audit_log"')]
        settings = [conn.execute(f"PRAGMA {name}").fetchone() for name in
                    ("journal_mode", "user_version", "application_id", "page_size")]
    files = sorted(p.name for p in path.parent.iterdir() if not p.name.startswith(path.name))
    return hashlib.sha256(json.dumps([dump, settings, files]).encode()).hexdigest()


def last_audit_event(path: Path) -> dict:
    with plain_readonly(path) as conn:
        conn.row_factory = sqlite3.Row
        return dict(conn.execute("SELECT * FROM audit_log ORDER BY id DESC LIMIT 1").fetchone())


def file_sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# --- hostile statements ------------------------------------------------------------------------


def test_fixture_file_is_big_enough_and_well_formed():
    assert len(HOSTILE) >= 50
    titles = [case["title"] for case in HOSTILE]
    assert len(titles) == len(set(titles)), "titles must be unique"
    for case in HOSTILE:
        assert set(case) <= {"title", "sql", "check", "message", "hint"}, case["title"]
        assert case["sql"] and case["check"] and case["message"], case["title"]


@pytest.mark.parametrize("case", HOSTILE, ids=[case["title"] for case in HOSTILE])
def test_hostile_statement(db, case):
    before = data_fingerprint(db)
    with pytest.raises(GuardError) as caught:
        run_sql(db, case["sql"], timeout_s=0.5, thread="hostile", question=case["title"])
    err = caught.value
    assert err.check == case["check"], err.message
    assert case["message"] in err.message
    if "hint" in case:
        assert err.hint and case["hint"] in err.hint, err.hint
    assert data_fingerprint(db) == before
    event = last_audit_event(db)
    assert (event["kind"], event["status"], event["statement"]) == ("sql", "refused", case["sql"])
    assert (event["thread"], event["question"]) == ("hostile", case["title"])
    assert json.loads(event["detail"])["check"] == case["check"]


def test_time_limit_is_a_query_timeout_and_stops_on_time(db):
    with pytest.raises(QueryTimeout) as caught:
        run_sql(db, "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT max(x) FROM c",
                timeout_s=0.3)
    assert caught.value.message.startswith("cancelled after 0.3 s")
    assert last_audit_event(db)["duration_ms"] < 2000


# The second wall: statements that never passed the static checks, sent straight to the guard's
# connection, are stopped by SQLite itself, and the file keeps every byte.
RAW_ATTACKS = [
    "DELETE FROM users",
    "UPDATE users SET city = 'x'",
    "INSERT INTO users (user_id, data_updated_at) VALUES ('x', 'y')",
    "DROP TABLE users",
    "CREATE TEMP TABLE t (x)",
    "CREATE TABLE t (x)",
    "ATTACH DATABASE 'stolen.db' AS stolen",
    "PRAGMA writable_schema = ON",
    "PRAGMA journal_mode = DELETE",
    "VACUUM",
    "VACUUM INTO 'copy.db'",
    "BEGIN IMMEDIATE",
    "SELECT * FROM identities",
    "SELECT * FROM main.users",
    "SELECT extra FROM main.users",
    "SELECT rowid, * FROM main.orders",
    "SELECT sql FROM sqlite_master",
    "SELECT * FROM pragma_table_info('users')",
    "SELECT * FROM json_each('[1]')",
    "SELECT randomblob(10)",
    "SELECT sqlite_version()",
    "SELECT load_extension('x')",
]


@pytest.mark.parametrize("statement", RAW_ATTACKS)
def test_readonly_connection_refuses_on_its_own(db, statement):
    before = file_sha256(db)
    conn = open_readonly(db)
    try:
        with pytest.raises(sqlite3.DatabaseError):
            conn.execute(statement).fetchall()
    finally:
        conn.close()
    assert file_sha256(db) == before
    assert sorted(p.name for p in db.parent.iterdir() if not p.name.startswith(db.name)) == []


def test_readonly_connection_caps_value_length(db):
    conn = open_readonly(db)
    try:
        # printf gives NULL rather than build a string past SQLITE_LIMIT_LENGTH
        assert conn.execute("SELECT length(printf('%.*c', 20000000, 'x'))").fetchone() == (None,)
        assert conn.execute("SELECT length(printf('%.*c', 2000, 'x'))").fetchone() == (2000,)
    finally:
        conn.close()


def test_star_sees_only_catalog_columns(db):
    result = run_sql(db, "SELECT * FROM users WHERE user_id = 'u1'")
    assert result.columns == list(load_catalog()["users"].columns)
    assert "secret-li" not in repr(result.rows)


# --- each check alone ----------------------------------------------------------------------------


def test_check_parse_reports_position():
    with pytest.raises(GuardError) as caught:
        check_parse("SELECT name,\n  FROM users WHERE (")
    assert caught.value.check == "parse"
    assert "line 2" in caught.value.message


def test_check_single_statement():
    assert isinstance(check_single_statement(check_parse("SELECT 1;")), sqlglot.exp.Select)
    with pytest.raises(GuardError, match="found 3"):
        check_single_statement(check_parse("SELECT 1; SELECT 2; SELECT 3"))


@pytest.mark.parametrize("sql", ["SELECT 1 UNION SELECT 2", "WITH a AS (SELECT 1 AS x) SELECT x FROM a",
                                 "SELECT 1 EXCEPT SELECT 2", "SELECT 1 INTERSECT SELECT 1"])
def test_check_read_only_accepts_queries(sql):
    check_read_only(sqlglot.parse_one(sql, read="sqlite"))


def test_check_read_only_finds_dml_deep_inside():
    tree = sqlglot.parse_one("WITH a AS (SELECT 1 AS x), b AS (DELETE FROM users RETURNING *) SELECT x FROM a",
                             read="sqlite")
    with pytest.raises(GuardError, match="DELETE"):
        check_read_only(tree)


def test_check_known_tables_returns_catalog_tables_and_skips_ctes():
    tree = sqlglot.parse_one(
        "WITH big AS (SELECT user_id FROM orders WHERE amount > 1000) "
        "SELECT u.name FROM users u JOIN big USING (user_id)", read="sqlite")
    assert check_known_tables(tree, load_catalog()) == ["orders", "users"]


def test_check_known_columns_accepts_aliases_and_correlation():
    sql = ("SELECT city AS c, count(*) AS n FROM users u WHERE EXISTS (SELECT 1 FROM orders o "
           "WHERE o.user_id = u.user_id AND o.amount > 100) GROUP BY c HAVING n > 0 ORDER BY n DESC")
    check_known_columns(sqlglot.parse_one(sql, read="sqlite"), load_catalog())


def test_check_known_columns_hint_lists_the_columns_in_scope():
    with pytest.raises(GuardError) as caught:
        check_known_columns(sqlglot.parse_one("SELECT o.amout FROM orders o", read="sqlite"), load_catalog())
    assert "did you mean amount" in caught.value.hint
    assert "ordered_at" in caught.value.hint


def test_check_functions_allows_the_usual_and_names_the_unknown():
    check_functions(sqlglot.parse_one(
        "SELECT count(DISTINCT a), group_concat(b, ','), coalesce(c, 0), iif(d, 1, 2), substr(e, 1, 2),"
        " strftime('%Y', f), julianday('now'), round(avg(g), 2), row_number() OVER (ORDER BY h),"
        " lower(i) LIKE 'x%', json_extract(j, '$.a'), CAST(k AS INTEGER), abs(l), max(m, n)", read="sqlite"))
    with pytest.raises(GuardError, match=r"stddev\(\) is not available"):
        check_functions(sqlglot.parse_one("SELECT stddev(x)", read="sqlite"))


@pytest.mark.parametrize("where", [
    "NOT (age > 30) AND city = '上海'",          # printed, this AND starts with "NOT (": no call
    "NOT (age > 30) OR city = '上海'",
    "NOT (user_id IN (SELECT user_id FROM orders GROUP BY user_id HAVING COUNT(*) >= 2)) AND age > 20",
])
def test_a_negated_condition_before_and_or_is_no_function_call(where):
    assert check_sql(f"SELECT user_id FROM users WHERE {where}")
    with pytest.raises(GuardError, match=r"stddev\(\) is not available"):
        check_sql(f"SELECT user_id FROM users WHERE {where} AND stddev(age) > 1")


@pytest.mark.parametrize("sql, cap, expected, changed", [
    ("SELECT 1", 1000, "SELECT 1 LIMIT 1000", True),
    ("SELECT 1 LIMIT 5000", 1000, "SELECT 1 LIMIT 1000", True),
    ("SELECT 1 LIMIT 5", 1000, "SELECT 1 LIMIT 5", False),
    ("SELECT 1 LIMIT -1", 1000, "SELECT 1 LIMIT 1000", True),
    ("SELECT 1 LIMIT 10, 5000", 1000, "SELECT 1 LIMIT 1000 OFFSET 10", True),
    ("SELECT 1 UNION SELECT 2 ORDER BY 1", 50, "SELECT 1 UNION SELECT 2 ORDER BY 1 LIMIT 50", True),
    ("SELECT 1 LIMIT ?", 1000, "SELECT 1 LIMIT ?", False),
    ("SELECT 1", 200000, "SELECT 1 LIMIT 200000", True),
])
def test_apply_row_limit(sql, cap, expected, changed):
    tree = sqlglot.parse_one(sql, read="sqlite")
    assert apply_row_limit(tree, cap) is changed
    assert tree.sql(dialect="sqlite") == expected


def test_check_sql_drops_comments_and_reports_tables():
    checked = check_sql("SELECT name /* who */ FROM users -- all of them\n WHERE age > 30")
    assert checked.sql == "SELECT name FROM users WHERE age > 30 LIMIT 1000"
    assert checked.tables == ["users"]
    assert checked.limited is True


# --- ordinary queries ------------------------------------------------------------------------------


def test_join_with_aggregate(db):
    result = run_sql(db, "SELECT u.name, COUNT(*) AS n, SUM(o.amount) AS spend FROM users u "
                         "JOIN orders o ON o.user_id = u.user_id GROUP BY u.name ORDER BY spend DESC")
    assert result.columns == ["name", "n", "spend"]
    assert result.types == ["TEXT", "INTEGER", "REAL"]
    assert result.rows == [("Bob", 2, 5058.0), ("李娜", 2, 1498.5), ("Chen", 1, 89.0)]
    assert (result.row_count, result.truncated) == (3, False)


def test_recent_orders_with_date_now(db):
    result = run_sql(db, "SELECT DISTINCT user_id FROM orders WHERE ordered_at >= date('now', '-30 days') "
                         "ORDER BY user_id")
    assert result.rows == [("u1",), ("u2",), ("u3",)]
    result = run_sql(db, "SELECT order_id FROM orders WHERE ordered_at < date('now', '-90 days') ORDER BY 1")
    assert result.rows == [("o2",), ("o4",)]


def test_cte_window_and_exists(db):
    result = run_sql(db, """
        WITH ranked AS (
            SELECT user_id, product, amount,
                   ROW_NUMBER() OVER (PARTITION BY user_id ORDER BY amount DESC) AS rn
            FROM orders)
        SELECT r.user_id, r.product FROM ranked r
        WHERE r.rn = 1 AND EXISTS (SELECT 1 FROM tags t WHERE t.user_id = r.user_id AND t.status = 'active')
        ORDER BY r.user_id""")
    assert result.rows == [("u1", "Gore-Tex hiking boots"), ("u2", "Phone X")]


def test_names_are_case_insensitive_like_sqlite(db):
    result = run_sql(db, "WITH Big AS (SELECT User_ID FROM ORDERS WHERE Amount > 1000) "
                         "SELECT U.Name FROM Users AS u WHERE u.USER_ID IN (SELECT user_id FROM big) ORDER BY 1")
    assert result.rows == [("Bob",), ("李娜",)]


def test_bound_parameters(db):
    assert run_sql(db, "SELECT user_id FROM users WHERE city = ? ORDER BY 1", ("上海",)).rows == [("u1",), ("u3",)]
    named = run_sql(db, "SELECT name FROM users WHERE age > :age", {"age": 30})
    assert named.rows == [("Bob",)]
    hostile_value = "x'; DROP TABLE users; --"
    assert run_sql(db, "SELECT user_id FROM users WHERE name = ?", (hostile_value,)).rows == []
    with pytest.raises(GuardError) as caught:
        run_sql(db, "SELECT user_id FROM users WHERE city = ?")
    assert caught.value.check == "params"


def test_types_are_preserved(db):
    result = run_sql(db, "SELECT 1 AS i, 1.5 AS r, 'x' AS t, NULL AS n, x'00ff' AS b, age FROM users "
                         "WHERE user_id = 'u1'")
    assert result.types == ["INTEGER", "REAL", "TEXT", "NULL", "BLOB", "INTEGER"]
    assert result.rows == [(1, 1.5, "x", None, b"\x00\xff", 29)]
    mixed = run_sql(db, "SELECT 1 AS v UNION ALL SELECT 2.5")
    assert mixed.types == ["REAL"]


def test_row_cap_truncates_and_says_so(db):
    capped = run_sql(db, "SELECT order_id FROM orders ORDER BY order_id", max_rows=2)
    assert capped.rows == [("o1",), ("o2",)]
    assert (capped.row_count, capped.truncated) == (2, True)
    assert capped.sql.endswith("LIMIT 2")
    exact = run_sql(db, "SELECT order_id FROM orders", max_rows=5)
    assert (exact.row_count, exact.truncated) == (5, False)
    clamped = run_sql(db, "SELECT order_id FROM orders LIMIT 3", max_rows=2)
    assert (clamped.row_count, clamped.truncated, clamped.sql) == (2, True, "SELECT order_id FROM orders LIMIT 2")
    own_limit = run_sql(db, "SELECT order_id FROM orders LIMIT 2", max_rows=2)
    assert (own_limit.row_count, own_limit.truncated) == (2, False)


def test_large_cap_for_audiences(db):
    result = run_sql(db, "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 200005) "
                         "SELECT i FROM n", max_rows=200000)
    assert (result.row_count, result.truncated) == (200000, True)


# Common SQLite idioms: the statement sqlglot prints back must mean what the original meant.
IDIOMS = [
    "SELECT substr(name, 1, 2), ifnull(age, -1), iif(age > 30, 'old', 'young') FROM users ORDER BY user_id",
    "SELECT strftime('%Y-%m', ordered_at) AS month, count(*), round(avg(amount), 2) FROM orders GROUP BY month ORDER BY month",
    "SELECT city, group_concat(name, '|') FROM (SELECT * FROM users ORDER BY user_id) GROUP BY city ORDER BY city",
    "SELECT user_id FROM users WHERE age BETWEEN 20 AND 35 OR age IS NULL ORDER BY 1",
    "SELECT user_id FROM users WHERE user_id NOT IN (SELECT user_id FROM orders WHERE amount > 1000) ORDER BY 1",
    "SELECT u.user_id, count(o.order_id) FROM users u LEFT JOIN orders o ON o.user_id = u.user_id AND o.amount > 100 GROUP BY u.user_id ORDER BY 1",
    "SELECT name || ' (' || city || ')' FROM users WHERE name LIKE 'b%' OR name GLOB '李*' ORDER BY 1",
    "SELECT CAST(julianday('2026-11-22') - julianday(substr(ordered_at, 1, 10)) > 30 AS INTEGER) FROM orders ORDER BY order_id",
    "SELECT user_id FROM orders UNION SELECT user_id FROM tags ORDER BY 1",
    "SELECT user_id FROM orders INTERSECT SELECT user_id FROM tags WHERE status = 'active' ORDER BY 1",
    "SELECT user_id FROM users EXCEPT SELECT user_id FROM tags WHERE status = 'observe' ORDER BY 1",
    "SELECT CASE WHEN amount >= 1000 THEN 'big' WHEN amount >= 100 THEN 'mid' ELSE 'small' END AS size, count(*) FROM orders GROUP BY size ORDER BY size",
    "SELECT count(DISTINCT user_id), max(amount), min(amount), total(amount) FROM orders",
    "SELECT user_id, amount, sum(amount) OVER (PARTITION BY user_id ORDER BY ordered_at) FROM orders ORDER BY order_id",
    "SELECT user_id, rank() OVER (ORDER BY amount DESC) FROM orders ORDER BY order_id LIMIT 3 OFFSET 1",
    "SELECT max(age, 30), min(age, 30), coalesce(age, 0) FROM users ORDER BY user_id",
    "SELECT city, count(*) FROM users GROUP BY city HAVING count(*) > 1",
    "SELECT name FROM users ORDER BY age DESC NULLS LAST",
    "SELECT instr(product, ' '), length(product), upper(category), replace(category, 'o', '0'), trim('  x  ') FROM orders ORDER BY order_id",
    "SELECT json_extract('{\"a\": [1, 2]}', '$.a[1]'), json_array_length('[1,2,3]'), printf('%.2f', 3.14159)",
]


@pytest.mark.parametrize("sql", IDIOMS)
def test_idiom_means_the_same_after_the_guard(db, sql):
    with plain_readonly(db) as plain:
        expected = plain.execute(sql).fetchall()
    assert run_sql(db, sql).rows == expected


def test_ok_statement_is_audited(db):
    result = run_sql(db, "SELECT count(*) FROM users", thread="t-1", question="how many users?")
    event = last_audit_event(db)
    assert (event["kind"], event["status"], event["statement"], event["row_count"]) == (
        "sql", "ok", result.sql, 1)
    assert (event["thread"], event["question"]) == ("t-1", "how many users?")
    assert event["duration_ms"] > 0


def test_sqlite_error_is_reported_not_crashed(db):
    with pytest.raises(GuardError) as caught:
        run_sql(db, "SELECT max(age) FROM users GROUP BY sum(age)")
    assert caught.value.check == "execute"
    assert "aggregate" in caught.value.message
    assert last_audit_event(db)["status"] == "error"


# --- transpile ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("dialect, expected", [
    ("postgres", "SELECT u.city, COUNT(*) AS n, STRING_AGG(u.name, ',') FROM users AS u "
                 "WHERE u.registered_at >= (CURRENT_DATE - INTERVAL '30 DAY') AND u.age > %s GROUP BY u.city"),
    ("duckdb", "SELECT u.city, COUNT(*) AS n, LISTAGG(u.name, ',') FROM users AS u "
               "WHERE u.registered_at >= (CURRENT_DATE - INTERVAL 30 DAY) AND u.age > ? GROUP BY u.city"),
    ("sqlite", "SELECT u.city, COUNT(*) AS n, GROUP_CONCAT(u.name, ',') FROM users AS u "
               "WHERE u.registered_at >= DATE('now', '-30 days') AND u.age > ? GROUP BY u.city"),
])
def test_transpile(dialect, expected):
    sql = ("SELECT u.city, count(*) AS n, group_concat(u.name, ',') FROM users u "
           "WHERE u.registered_at >= date('now', '-30 days') AND u.age > ? GROUP BY u.city")
    assert transpile(sql, dialect) == expected


def test_transpile_checks_first():
    with pytest.raises(GuardError, match="identities is not queryable"):
        transpile("SELECT value FROM identities", "postgres")
    with pytest.raises(ValueError, match="unknown SQL dialect"):
        transpile("SELECT 1", "nosuchdialect")
