"""Schema migrations (fresh, upgrade, refusal) and the column catalog against the DDL."""

from __future__ import annotations

import hashlib
import re
import sqlite3

import pytest

import schema.db
from schema.catalog import load_catalog
from schema.db import SchemaError, apply_migrations, connect, connect_readonly, schema_version
from schema.migrations import LATEST_VERSION, MIGRATIONS
from tools.sql_guard import HIDDEN_TABLES

# Columns the DDL has and the catalog deliberately leaves out (free-form JSON that may hold
# anything a shop sent, and bookkeeping). A new column must be added to the catalog or here.
UNLISTED_COLUMNS = {
    ("users", "extra"), ("orders", "extra"), ("events", "extra"), ("texts", "extra"),
    ("profiles", "errors"), ("profiles", "version"), ("segments", "spec"), ("segments", "sql"),
}


def sha256(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def table_columns(conn: sqlite3.Connection) -> dict[str, dict[str, str]]:
    names = [name for (name,) in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")]
    return {name: {row[1]: row[2] for row in conn.execute(f'PRAGMA table_info("{name}")')} for name in names}


@pytest.fixture
def fresh(tmp_path):
    path = tmp_path / "fresh.db"
    conn = connect(path)
    yield path, conn
    conn.close()


# --- migrations ----------------------------------------------------------------------------------


def test_fresh_database_gets_every_migration(fresh):
    path, conn = fresh
    assert schema_version(conn) == LATEST_VERSION
    recorded = conn.execute("SELECT version, name FROM _migrations ORDER BY version").fetchall()
    assert recorded == [(number, name) for number, name, _ in MIGRATIONS]
    assert conn.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    assert {"users", "identities", "tags", "audit_log", "_migrations"} <= set(table_columns(conn))


def test_reopening_applies_nothing_and_keeps_data(fresh):
    path, conn = fresh
    with conn:
        conn.execute("INSERT INTO users (user_id, data_updated_at) VALUES ('u1', '2026-11-22')")
    conn.close()
    again = connect(path)
    try:
        assert apply_migrations(again, path) == []
        assert again.execute("SELECT user_id FROM users").fetchall() == [("u1",)]
    finally:
        again.close()


NEXT = LATEST_VERSION + 1


def _with_next_migration(monkeypatch, ddl: str) -> None:
    """Pretend this Persona knows one more migration than the database has (an upgrade)."""
    monkeypatch.setattr(schema.db, "MIGRATIONS", [*MIGRATIONS, (NEXT, "test: next", ddl)])
    monkeypatch.setattr(schema.db, "LATEST_VERSION", NEXT)


def test_older_database_is_upgraded_in_place(fresh, monkeypatch):
    path, conn = fresh
    with conn:
        conn.execute("INSERT INTO users (user_id, city, data_updated_at) VALUES ('u1', '上海', '2026-11-22')")
    conn.close()
    _with_next_migration(monkeypatch, "ALTER TABLE users ADD COLUMN nickname TEXT;\n"
                                      "CREATE TABLE next_table (x INTEGER);")
    upgraded = connect(path)
    try:
        assert schema_version(upgraded) == NEXT
        assert upgraded.execute("SELECT user_id, city, nickname FROM users").fetchall() == [("u1", "上海", None)]
        assert "next_table" in table_columns(upgraded)
    finally:
        upgraded.close()


def test_readonly_open_upgrades_an_older_database_first(fresh, monkeypatch):
    path, conn = fresh
    conn.close()
    _with_next_migration(monkeypatch, "CREATE TABLE next_table (x INTEGER);")
    ro = connect_readonly(path)
    try:
        assert schema_version(ro) == NEXT
        with pytest.raises(sqlite3.OperationalError, match="readonly"):
            ro.execute("CREATE TABLE t (x)")
    finally:
        ro.close()


def test_failed_upgrade_leaves_the_database_as_it_was(fresh, monkeypatch):
    path, conn = fresh
    conn.close()
    _with_next_migration(monkeypatch, "CREATE TABLE half_done (x INTEGER);\nCREATE TABLE broken (;")
    with pytest.raises(sqlite3.OperationalError):
        connect(path)
    monkeypatch.undo()
    check = connect(path)
    try:
        assert schema_version(check) == LATEST_VERSION
        assert "half_done" not in table_columns(check)
    finally:
        check.close()


def test_newer_database_is_refused_untouched(fresh):
    path, conn = fresh
    with conn:
        conn.execute("INSERT INTO _migrations VALUES (?, 'from the future', '2030-01-01')", (LATEST_VERSION + 5,))
    conn.close()
    before = sha256(path)
    with pytest.raises(SchemaError, match="newer Persona"):
        connect(path)
    with pytest.raises(SchemaError, match="can read"):
        connect_readonly(path)
    assert sha256(path) == before


def test_foreign_sqlite_file_is_refused_untouched(tmp_path):
    path = tmp_path / "someone_elses.db"
    other = sqlite3.connect(path)
    other.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)")
    other.execute("INSERT INTO invoices (total) VALUES (9.5)")
    other.commit()
    other.close()
    before = sha256(path)
    with pytest.raises(SchemaError, match="not a Persona database .*invoices"):
        connect(path)
    with pytest.raises(SchemaError, match="not a Persona database"):
        connect_readonly(path)
    assert sha256(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["someone_elses.db"]


def test_file_that_is_not_sqlite_is_refused_untouched(tmp_path):
    path = tmp_path / "notes.db"
    path.write_text("just some text, not a database\n" * 40)
    before = sha256(path)
    with pytest.raises(SchemaError, match="not an SQLite database"):
        connect(path)
    with pytest.raises(SchemaError, match="not an SQLite database"):
        connect_readonly(path)
    assert sha256(path) == before


# --- the catalog against the DDL ------------------------------------------------------------------


def test_catalog_tables_and_columns_exist_with_their_types(fresh):
    _, conn = fresh
    ddl = table_columns(conn)
    for name, table in load_catalog().items():
        assert name in ddl, f"catalog table {name} is not in the DDL"
        for column in table.columns.values():
            assert column.name in ddl[name], f"catalog column {name}.{column.name} is not in the DDL"
            assert column.type == ddl[name][column.name], f"{name}.{column.name}: catalog {column.type}, DDL {ddl[name][column.name]}"
            assert column.description, f"{name}.{column.name} has no description"


def test_every_table_outside_the_catalog_is_refused_by_name(fresh):
    _, conn = fresh
    assert set(table_columns(conn)) - set(load_catalog()) == set(HIDDEN_TABLES)


def test_columns_left_out_of_the_catalog_are_deliberate(fresh):
    _, conn = fresh
    catalog = load_catalog()
    unlisted = {(name, column) for name, columns in table_columns(conn).items() if name in catalog
                for column in columns if column not in catalog[name].columns}
    assert unlisted == UNLISTED_COLUMNS


def test_catalog_values_match_the_check_constraints(fresh):
    _, conn = fresh
    catalog = load_catalog()
    checked = 0
    for name, sql in conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table'"):
        if name not in catalog:
            continue
        for column, values in re.findall(r"\b(\w+)\s+TEXT\b[^,]*?CHECK\s*\(\s*\1\s+IN\s*\(([^)]*)\)", sql):
            allowed = {value.strip().strip("'") for value in values.split(",")}
            assert set(catalog[name].columns[column].values) == allowed, f"{name}.{column}"
            checked += 1
    assert checked >= 7


def test_catalog_event_types_are_the_ones_ingest_knows():
    # events.type has no CHECK (a shop's own types are kept), so the catalog follows ingest's list
    from tools.ingest import KNOWN_EVENT_TYPES
    assert set(load_catalog()["events"].columns["type"].values) == KNOWN_EVENT_TYPES


def test_a_catalog_column_with_a_stray_key_is_refused(tmp_path, monkeypatch):
    # An unquoted description with a comma ("Age in years, NULL when unknown.") splits into a stray key.
    import schema.catalog as catalog

    path = tmp_path / "catalog.yaml"
    path.write_text("users:\n  description: People.\n  columns:\n"
                    "    age: {type: INTEGER, description: Age in years, NULL when unknown.}\n", encoding="utf-8")
    monkeypatch.setattr(catalog, "CATALOG_PATH", path)
    catalog.load_catalog.cache_clear()  # the real catalog is cached by earlier tests
    with pytest.raises(ValueError, match=r"users\.age: unknown keys \['NULL when unknown\.'\]"):
        catalog.load_catalog()


def test_catalog_descriptions_are_whole():
    age = load_catalog()["users"].columns["age"]
    assert age.description == "Age in years, NULL when unknown."
