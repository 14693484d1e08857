"""Small helpers the database tests share."""

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
