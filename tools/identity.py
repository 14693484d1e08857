"""Identity resolution (ID-Mapping): user ids that share a phone, email or device id are one person.

The `identities` table maps every normalized (kind, value) to exactly one canonical user;
`user_aliases` maps every other user id that was folded into a canonical user. When a record
links users that are still separate, they are merged: the user seen first (the earliest row
in `users`) stays canonical, the others become aliases and their orders, events, texts and
identities move over. Merges are transitive (A~B by phone, then B~C by email: one user).

Plain functions over an open sqlite3 connection; the caller owns the transaction.
"""

from __future__ import annotations

import json
import re
import sqlite3

IDENTITY_KINDS = ("phone", "email", "device_id")

# Profile rows computed from a user's data; a merged-away user's are dropped (the canonical
# user's data changed, so the next `persona build` recomputes them from everything).
_DERIVED_TABLES = ("tags", "emotions", "intents", "user_values", "profiles", "segment_members")
_RAW_TABLES = ("orders", "events", "texts", "identities")
ATTRIBUTE_COLUMNS = ("name", "gender", "age", "city", "city_tier", "member_level", "registered_at",
                      "occupation", "education")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+$")


def normalize_identity(kind: str, value: object) -> str | None:
    """The form an identity is stored and compared in; None when the value is empty.

    Phones keep digits only, without a +86 / 0086 country prefix ("+86 138-0000-0042" ->
    "13800000042"); emails are trimmed and lowercased; device ids are trimmed.

    Raises:
        ValueError: the value cannot be that kind of identity (message says why).
    """
    if kind not in IDENTITY_KINDS:
        raise ValueError(f"unknown identity kind '{kind}' (expected {', '.join(IDENTITY_KINDS)})")
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise ValueError(f"{kind} must be text, got {type(value).__name__}")
    text = str(value).strip()
    if not text:
        return None
    if kind == "phone":
        digits = re.sub(r"\D", "", text)
        if digits.startswith("0086"):
            digits = digits[4:]
        elif len(digits) == 13 and digits.startswith("86"):
            digits = digits[2:]
        if len(digits) < 5:
            raise ValueError(f"phone must have at least 5 digits, got {text!r}")
        return digits
    if kind == "email":
        email = text.lower()
        if not _EMAIL.match(email):
            raise ValueError(f"email must look like name@domain, got {text!r}")
        return email
    return text


def canonical_user(conn: sqlite3.Connection, user_id: str) -> str:
    """The canonical id for ``user_id``: itself, or the user it was merged into."""
    row = conn.execute("SELECT user_id FROM user_aliases WHERE alias_id = ?", (user_id,)).fetchone()
    return row[0] if row else user_id


def identity_owners(conn: sqlite3.Connection, identities: list[tuple[str, str]]) -> dict[str, set[str]]:
    """Which canonical users already hold any of ``identities``: {user_id: {kinds shared}}."""
    owners: dict[str, set[str]] = {}
    for kind, value in identities:
        row = conn.execute("SELECT user_id FROM identities WHERE kind = ? AND value = ?", (kind, value)).fetchone()
        if row:
            owners.setdefault(row[0], set()).add(kind)
    return owners


def first_seen(conn: sqlite3.Connection, user_ids: list[str]) -> str:
    """The user among ``user_ids`` that was loaded first (lowest rowid in `users`)."""
    marks = ",".join("?" * len(user_ids))
    row = conn.execute(
        f"SELECT user_id FROM users WHERE user_id IN ({marks}) ORDER BY rowid LIMIT 1", user_ids
    ).fetchone()
    if row is None:
        raise LookupError(f"none of {user_ids} is a user")
    return row[0]


def merge_reason(kinds: set[str]) -> str:
    """'shared phone', 'shared email and device id' ..."""
    names = [kind.replace("_", " ") for kind in IDENTITY_KINDS if kind in kinds]
    return "shared " + " and ".join(names)


_KIND_ZH = {"phone": "手机号", "email": "邮箱", "device id": "设备号"}


def merged_note(profile: dict, lang: str) -> str | None:
    """'F061 was merged into F004 (shared phone)' / 'F061 已合并到 F004（共用手机号）' when the id asked
    for (``load_profile``'s ``requested_id``) is an alias, else None: said on the card and in the
    chat's answer, so the reader knows whose profile they see."""
    alias_id, user_id = profile.get("requested_id"), profile.get("user_id")
    if not alias_id or alias_id == user_id:
        return None
    reason = profile.get("merged_reason") or ""
    if lang != "zh":
        return f"{alias_id} was merged into {user_id}" + (f" ({reason})" if reason else "")
    kinds = reason.removeprefix("shared ").split(" and ")
    why = "共用" + "和".join(_KIND_ZH.get(kind, kind) for kind in kinds) if reason.startswith("shared ") else reason
    return f"{alias_id} 已合并到 {user_id}" + (f"（{why}）" if why else "")


def add_alias(conn: sqlite3.Connection, alias_id: str, user_id: str, reason: str, at: str) -> bool:
    """Record that ``alias_id`` is ``user_id``; False when it already was."""
    cursor = conn.execute(
        "INSERT INTO user_aliases (alias_id, user_id, reason, merged_at) VALUES (?, ?, ?, ?) "
        "ON CONFLICT(alias_id) DO UPDATE SET user_id = excluded.user_id, reason = excluded.reason, "
        "merged_at = excluded.merged_at WHERE user_aliases.user_id IS NOT excluded.user_id",
        (alias_id, user_id, reason, at),
    )
    return cursor.rowcount > 0


def merge_users(conn: sqlite3.Connection, loser: str, winner: str, reason: str, at: str) -> None:
    """Fold user ``loser`` into ``winner``: move its data, fill the winner's missing attributes
    from it, drop its computed profile rows, and keep ``loser`` as an alias of ``winner``."""
    for table in _RAW_TABLES:
        conn.execute(f"UPDATE {table} SET user_id = ? WHERE user_id = ?", (winner, loser))
    conn.execute("UPDATE user_aliases SET user_id = ? WHERE user_id = ?", (winner, loser))
    columns = ", ".join((*ATTRIBUTE_COLUMNS, "extra"))
    win = conn.execute(f"SELECT {columns} FROM users WHERE user_id = ?", (winner,)).fetchone()
    lose = conn.execute(f"SELECT {columns} FROM users WHERE user_id = ?", (loser,)).fetchone()
    merged = merge_attributes(
        dict(zip(ATTRIBUTE_COLUMNS, win)), dict(zip(ATTRIBUTE_COLUMNS, lose)), incoming_wins=False
    )
    extra = merge_extra(_load_json(win[-1]), _load_json(lose[-1]), incoming_wins=False)
    assignments = ", ".join(f"{column} = ?" for column in ATTRIBUTE_COLUMNS)
    conn.execute(
        f"UPDATE users SET {assignments}, extra = ?, data_updated_at = ? WHERE user_id = ?",
        (*(merged[column] for column in ATTRIBUTE_COLUMNS), dump_extra(extra), at, winner),
    )
    for table in _DERIVED_TABLES:
        conn.execute(f"DELETE FROM {table} WHERE user_id = ?", (loser,))
    conn.execute("DELETE FROM users WHERE user_id = ?", (loser,))
    add_alias(conn, loser, winner, reason, at)


def merge_attributes(current: dict, incoming: dict, *, incoming_wins: bool) -> dict:
    """Combine user attributes. A missing value (None, or gender 'unknown') never replaces a
    known one; for two known values ``incoming_wins`` decides. city and city_tier move together.
    """
    merged = dict(current)
    for column, value in incoming.items():
        if column == "city_tier" or value is None or (column == "gender" and value == "unknown"):
            continue
        have = merged.get(column)
        if incoming_wins or have is None or (column == "gender" and have == "unknown"):
            merged[column] = value
            if column == "city":
                merged["city_tier"] = incoming.get("city_tier")
    return merged


def merge_extra(base: dict, incoming: dict, *, incoming_wins: bool) -> dict:
    """Combine two users.extra dicts. Nested dicts merge key by key; lists (survey answers)
    become their ordered union; for any other clash ``incoming_wins`` decides."""
    merged = dict(base)
    for key, value in incoming.items():
        if key not in merged:
            merged[key] = value
        elif isinstance(merged[key], dict) and isinstance(value, dict):
            merged[key] = merge_extra(merged[key], value, incoming_wins=incoming_wins)
        elif isinstance(merged[key], list) and isinstance(value, list):
            merged[key] = merged[key] + [item for item in value if item not in merged[key]]
        elif incoming_wins:
            merged[key] = value
    return merged


def dump_extra(extra: dict) -> str | None:
    """users.extra as stored: sorted-key JSON (so equal content compares equal), NULL when empty."""
    return json.dumps(extra, ensure_ascii=False, sort_keys=True) if extra else None


def _load_json(text: str | None) -> dict:
    if not text:
        return {}
    value = json.loads(text)
    return value if isinstance(value, dict) else {"value": value}
