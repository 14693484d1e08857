"""Loading a batch of users' raw data: one query per table for the whole batch."""

from __future__ import annotations

import json
import sqlite3

from tools.profile.types import UserData

USER_COLUMNS = ("user_id", "name", "gender", "age", "city", "city_tier", "member_level", "registered_at",
                "occupation", "education", "extra", "data_updated_at")
ORDER_COLUMNS = ("order_id", "user_id", "product", "category", "interest_id", "brand", "amount", "ordered_at", "extra")
EVENT_COLUMNS = ("event_id", "user_id", "type", "target", "category", "interest_id", "at", "duration_s")
TEXT_COLUMNS = ("text_id", "user_id", "source", "text", "lang", "at", "product")


def load_users(conn: sqlite3.Connection, user_ids: list[str]) -> list[UserData]:
    """The users in ``user_ids`` (in that order) with their orders, events and texts, oldest first.

    Unknown ids are left out; the caller compares lengths to report them.
    """
    if not user_ids:
        return []
    marks = ",".join("?" * len(user_ids))
    by_id: dict[str, UserData] = {}
    for row in conn.execute(f"SELECT {', '.join(USER_COLUMNS)} FROM users WHERE user_id IN ({marks})", user_ids):
        user = dict(zip(USER_COLUMNS, row))
        user["extra"] = _json_object(user["extra"])
        by_id[user["user_id"]] = UserData(user["user_id"], user)
    for table, columns, order_by, attr in (
        ("orders", ORDER_COLUMNS, "ordered_at", "orders"),
        ("events", EVENT_COLUMNS, "at", "events"),
        ("texts", TEXT_COLUMNS, "at", "texts"),
    ):
        sql = f"SELECT {', '.join(columns)} FROM {table} WHERE user_id IN ({marks}) ORDER BY user_id, {order_by}"
        rows_of = {user_id: getattr(data, attr) for user_id, data in by_id.items()}
        user_at = columns.index("user_id")
        for row in conn.execute(sql, user_ids):
            rows_of[row[user_at]].append(dict(zip(columns, row)))
    return [by_id[user_id] for user_id in user_ids if user_id in by_id]


def _json_object(raw: str | None) -> dict:
    """users.extra as a dict; anything that is not a JSON object is kept under 'raw'."""
    if not raw:
        return {}
    try:
        value = json.loads(raw)
    except json.JSONDecodeError:
        return {"raw": raw}
    return value if isinstance(value, dict) else {"raw": value}
