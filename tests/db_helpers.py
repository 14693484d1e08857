"""Small helpers the database tests share."""

import json
import sqlite3
from datetime import datetime, timedelta


def ago(days: float) -> str:
    """An ISO-8601 time ``days`` before now, to the second (the format every table uses)."""
    return (datetime.now() - timedelta(days=days)).replace(microsecond=0).isoformat()


def rows(db, sql, *params):
    """Every row of ``sql`` on the database file ``db``, through a fresh connection."""
    conn = sqlite3.connect(db)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def ingested_and_built(folder, name: str, records: list[dict]) -> str:
    """The records written as JSONL, loaded with the real `persona ingest` and built: the database's path."""
    from agent.cli import main
    from tools.profile.build import build_profiles

    path = folder / f"{name}.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n", encoding="utf-8")
    db = folder / f"{name}.db"
    assert main(["ingest", str(path), "--db", str(db)]) == 0
    build_profiles(str(db))
    return str(db)
