"""The audit log: every question, SQL statement, tool call and model call, written to the database.

Each event is one row of ``audit_log`` written through its own short-lived writable connection
(``schema.db.connect``), committed at once, so the log never shares a transaction with the work it
records and the SQL guard's read-only connection never writes.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from schema.db import SchemaError, connect, connect_readonly, now_iso

_COLUMNS = ("id", "at", "kind", "thread", "question", "statement", "row_count", "duration_ms",
            "tokens_in", "tokens_out", "model", "status", "detail")


def log_event(
    db_path: str | os.PathLike,
    kind: str,
    *,
    status: str = "ok",
    thread: str | None = None,
    question: str | None = None,
    statement: str | None = None,
    row_count: int | None = None,
    duration_ms: float | None = None,
    tokens_in: int | None = None,
    tokens_out: int | None = None,
    model: str | None = None,
    detail: str | dict | list | None = None,
) -> None:
    """Append one event to the audit log.

    Args:
        db_path: The Persona database. It must exist: logging never creates a database.
        kind: ``question | tool | sql | llm | build``.
        status: ``ok | refused | error | fallback``.
        thread: Conversation name, when the event belongs to one.
        question: The operator's question the event serves.
        statement: The SQL statement (as executed when it ran, as submitted when refused).
        row_count: Rows returned.
        duration_ms: Wall time of the event.
        tokens_in: Prompt tokens of a model call.
        tokens_out: Completion tokens of a model call.
        model: ``offline`` or the model name.
        detail: The error message, or anything else worth keeping; dicts and lists are stored as JSON.

    Raises:
        SchemaError: The database file does not exist or is not a Persona database.

    Example:
        >>> log_event("shop.db", "sql", statement="SELECT 1", row_count=1, duration_ms=0.4)
    """
    if not Path(db_path).exists():
        raise SchemaError(f"{db_path}: no such database; the audit log is kept inside it")
    if isinstance(detail, (dict, list)):
        detail = json.dumps(detail, ensure_ascii=False)
    conn = connect(db_path)
    try:
        with conn:
            conn.execute(
                "INSERT INTO audit_log (at, kind, thread, question, statement, row_count, duration_ms,"
                " tokens_in, tokens_out, model, status, detail)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (now_iso(), kind, thread, question, statement, row_count,
                 None if duration_ms is None else round(duration_ms, 3),
                 tokens_in, tokens_out, model, status, detail),
            )
    finally:
        conn.close()


def recent_events(db_path: str | os.PathLike, limit: int = 20) -> list[dict]:
    """The latest ``limit`` audit events, newest first, each a dict of the ``audit_log`` columns.

    Example:
        >>> [e["kind"] for e in recent_events("shop.db", limit=2)]
        ['sql', 'question']
    """
    conn = connect_readonly(db_path)
    try:
        rows = conn.execute(
            f"SELECT {', '.join(_COLUMNS)} FROM audit_log ORDER BY id DESC LIMIT ?", (max(limit, 0),)
        ).fetchall()
    finally:
        conn.close()
    return [dict(zip(_COLUMNS, row)) for row in rows]
