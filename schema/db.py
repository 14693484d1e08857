"""Opening a Persona database: create it, upgrade it, or refuse it with a clear reason.

Only the standard library is imported here so that `persona sql` starts fast.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path

from schema.migrations import LATEST_VERSION, MIGRATIONS


class SchemaError(Exception):
    """The file is not a Persona database we can use (too new, or something else entirely)."""


def default_db_path() -> str:
    """`$PERSONA_DB`, else ./persona.db (README, "Configuration")."""
    return os.environ.get("PERSONA_DB") or "persona.db"


def now_iso() -> str:
    """The current local time as ISO-8601 without microseconds, the format every table uses."""
    return datetime.now().replace(microsecond=0).isoformat()


def utc_now_iso() -> str:
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat()


def connect(path: str | os.PathLike, *, migrate: bool = True) -> sqlite3.Connection:
    """Open (and create or upgrade) the read-write database at ``path``.

    Raises SchemaError when the file was made by a newer Persona or is not a Persona database.
    """
    conn = sqlite3.connect(str(path), timeout=30)
    try:
        conn.execute("PRAGMA foreign_keys = OFF")  # ingest order is ours; FKs document intent
        if migrate:
            apply_migrations(conn, path)
        # WAL is a setting stored in the file: switch only once the file is known to be ours.
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")
    except Exception as exc:
        conn.close()
        _refuse_non_sqlite(exc, path)
        raise
    return conn


def _refuse_non_sqlite(exc: Exception, path: str | os.PathLike) -> None:
    if isinstance(exc, sqlite3.DatabaseError) and "file is not a database" in str(exc):
        raise SchemaError(f"{path}: not an SQLite database; use a new file with --db") from None


def schema_version(conn: sqlite3.Connection) -> int | None:
    """The highest applied migration, or None for a database Persona never touched."""
    has_table = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_migrations'"
    ).fetchone()
    if not has_table:
        return None
    row = conn.execute("SELECT MAX(version) FROM _migrations").fetchone()
    return row[0] or 0


def apply_migrations(conn: sqlite3.Connection, path: str | os.PathLike = "<db>") -> list[int]:
    """Apply every migration the database lacks; return the numbers applied."""
    version = schema_version(conn)
    if version is None:
        foreign = conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' LIMIT 3"
        ).fetchall()
        if foreign:
            names = ", ".join(name for (name,) in foreign)
            raise SchemaError(
                f"{path}: not a Persona database (it has tables {names} but no _migrations); "
                "use a new file with --db"
            )
        conn.execute(
            "CREATE TABLE _migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
        )
        version = 0
    if version > LATEST_VERSION:
        raise SchemaError(
            f"{path}: made by a newer Persona (schema version {version}, this one knows up to "
            f"{LATEST_VERSION}); upgrade Persona to open it"
        )
    applied = []
    for number, name, ddl in MIGRATIONS:
        if number <= version:
            continue
        # One explicit transaction per migration (sqlite3 does not open one for DDL by itself),
        # so a failed upgrade leaves the file exactly as it was.
        conn.execute("BEGIN")
        try:
            _run_ddl(conn, ddl)
            conn.execute(
                "INSERT INTO _migrations (version, name, applied_at) VALUES (?, ?, ?)",
                (number, name, now_iso()),
            )
            conn.execute("COMMIT")
        except Exception:
            conn.execute("ROLLBACK")
            raise
        applied.append(number)
    return applied


def _run_ddl(conn: sqlite3.Connection, ddl) -> None:
    if callable(ddl):   # an upgrade that needs Python (schema/migrations.py)
        ddl(conn)
        return
    # executescript() would COMMIT first; run statement by statement inside our transaction.
    for statement in _split_sql(ddl):
        conn.execute(statement)


def _split_sql(script: str) -> list[str]:
    statements, current = [], []
    for line in script.splitlines():
        if line.strip().startswith("--"):
            continue
        current.append(line)
        if sqlite3.complete_statement("\n".join(current)):
            statements.append("\n".join(current).strip())
            current = []
    rest = "\n".join(current).strip()
    if rest:
        statements.append(rest)
    return statements


@contextmanager
def reading_members(path: str | os.PathLike, members: Iterable[str]) -> Iterator[sqlite3.Connection]:
    """A read-only connection with a temporary table ``members (user_id)`` holding ``members``, so an
    audience of any size joins its rows in SQL (a temp table needs no write to the database)."""
    conn = connect_readonly(path)
    try:
        conn.execute("CREATE TEMP TABLE members (user_id TEXT PRIMARY KEY)")
        conn.executemany("INSERT OR IGNORE INTO members VALUES (?)", ((str(u),) for u in members))
        yield conn
    finally:
        conn.close()


def connect_readonly(path: str | os.PathLike) -> sqlite3.Connection:
    """A connection that cannot write: SQLite ``mode=ro`` URI (the guard adds an authorizer)."""
    resolved = Path(path).resolve()
    if not resolved.exists():
        raise SchemaError(f"{path}: no such database; create one with `persona ingest FILE --db {path}`")
    conn = sqlite3.connect(f"file:{resolved}?mode=ro", uri=True, timeout=30)
    try:
        version = schema_version(conn)
    except Exception as exc:
        conn.close()
        _refuse_non_sqlite(exc, path)
        raise
    if version is None or version > LATEST_VERSION:
        conn.close()
        raise SchemaError(f"{path}: not a Persona database this version can read (schema {version})")
    if version < LATEST_VERSION:
        conn.close()
        connect(path).close()  # upgrade through a writable connection, then reopen read-only
        return connect_readonly(path)
    return conn
