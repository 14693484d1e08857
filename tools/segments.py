"""Segments: saved audiences, discovered clusters, their profiles, and export for activation.

A *saved* segment is an audience the operator named ("save this as 价格敏感的户外爱好者"): its SQL,
bound parameters and audience specification are stored, and its membership is re-run through the
SQL guard after every `persona build` (:func:`refresh_saved_segments`), adding a row to the size
history each time. A *discovered* segment comes from clustering (tools/clustering.py); re-running
discovery replaces the previous ones. Both keep per-member probabilities (1.0 for saved ones).

Raw identities (phone, email, device id) are read in exactly one place, :func:`export_audience`
with ``with_identities=True``, through a plain SQLite connection (the guard would refuse the
table), and that export is written to the audit log.
"""

from __future__ import annotations

import csv
import difflib
import json
import re
import os
import sqlite3
import uuid
from pathlib import Path
from typing import Iterable, Sequence

from schema.db import connect, connect_readonly, now_iso

KINDS = ("saved", "discovered", "rule")

# Fields an export may carry besides user_id, by where they come from.
USER_FIELDS = ("gender", "age", "city", "city_tier", "member_level", "registered_at", "occupation", "education")
PROFILE_FIELDS = ("lifecycle", "consumption", "rfm_recency", "rfm_frequency", "rfm_monetary", "order_count",
                  "total_spend", "last_order_at", "last_active_at", "completeness")
DERIVED_FIELDS = ("interests", "values", "probability")
IDENTITY_FIELDS = ("name", "phone", "email", "device_id")  # personal data: only with with_identities
EXPORT_FIELDS = USER_FIELDS + PROFILE_FIELDS + DERIVED_FIELDS


class SegmentError(ValueError):
    """A segment operation cannot be done as asked; the message says why and what to do."""


class EmptySegmentError(SegmentError):
    """No user matches the audience: an empty segment is not saved (it has nobody to export or reach)."""

    def __init__(self, name: str) -> None:
        super().__init__(EMPTY_SEGMENT["en"].format(name=name))
        self.name = name


# Why an empty audience is not saved and what to do, by language: every way of saving says this.
EMPTY_SEGMENT = {"zh": "没有用户符合这个人群的条件，所以没有保存分群“{name}”（空分群里没有可导出或触达的人）。"
                       "请换个条件或放宽时间范围，查到用户后再保存。",
                 "en": "No users match this audience, so segment '{name}' was not saved (an empty segment has "
                       "nobody to export or reach). Change or widen the conditions (a longer time window, fewer "
                       "conditions) until some users match, then save again."}


# ---- saved segments -------------------------------------------------------------------------

def save_segment(db_path, name: str, sql: str, params: Sequence = (), spec: dict | None = None, *,
                 description: str | None = None) -> dict:
    """Save an audience as a named segment and compute its members now.

    The statement runs through the SQL guard (read-only, checked); its first column must be
    ``user_id``. Saving under a name that exists replaces that segment (the result's ``note``
    says so, with the old size). An audience no user matches is not saved (EmptySegmentError), and a
    segment of that name is left as it was.

    Args:
        db_path: The Persona database.
        name: Unique segment name, any language ("价格敏感的户外爱好者").
        sql: The audience statement, as the agent ran it.
        params: Values bound to the statement's ``?`` placeholders; stored so refresh can re-run it.
        spec: The audience specification the planner made (JSON-able), kept for explanation.
        description: Optional free text shown with the segment.

    Returns:
        ``{"segment_id", "name", "kind", "size", "replaced", "note", "rolling"}``; ``rolling``: the
        statement is relative to today (see ``relative_to_today``).

    Example:
        >>> save_segment("shop.db", "户外价格敏感", "SELECT user_id FROM profiles WHERE consumption = ?",
        ...              ["price_sensitive"])["size"]
        42
    """
    name = (name or "").strip()
    if not name:
        raise SegmentError("a segment needs a name, e.g. `/save 价格敏感的户外爱好者`")
    if not (sql or "").strip():
        raise SegmentError(f"segment {name!r}: no SQL statement to save")
    params = list(params or ())
    members = audience_user_ids(db_path, sql, params, purpose=f"save segment {name}")
    if not members:
        raise EmptySegmentError(name)
    conn = connect(db_path)
    try:
        old = conn.execute("SELECT segment_id, kind FROM segments WHERE name = ?", (name,)).fetchone()
        note = None
        with conn:
            if old:
                old_size = conn.execute("SELECT COUNT(*) FROM segment_members WHERE segment_id = ?",
                                        (old[0],)).fetchone()[0]
                _delete_rows(conn, [old[0]])
                note = (f"replaced the earlier {old[1]} segment {name!r} ({old_size} members) "
                        f"with the new definition ({len(members)} members)")
            segment_id = f"s-{uuid.uuid4().hex[:8]}"
            now = now_iso()
            conn.execute(
                "INSERT INTO segments (segment_id, name, kind, description, spec, sql, created_at, refreshed_at)"
                " VALUES (?, ?, 'saved', ?, ?, ?, ?, ?)",
                (segment_id, name, description, json.dumps({"audience": spec, "params": params}, ensure_ascii=False),
                 sql, now, now),
            )
            _write_members(conn, segment_id, [(uid, 1.0) for uid in members], now)
    finally:
        conn.close()
    return {"segment_id": segment_id, "name": name, "kind": "saved", "size": len(members),
            "replaced": old is not None, "note": note, "rolling": relative_to_today(sql)}


# Said when such a segment is saved (the chat in the question's language; the REPL in English).
ROLLING_NOTE = {"zh": "它的时间条件相对于今天，成员会随时间变化（每次 build 后刷新）。",
                "en": "its time window is relative to today, so its members change as time passes "
                      "(refreshed after every build)."}
_TODAY = re.compile(r"'now'", re.IGNORECASE)  # date('now', ...): the guard refuses CURRENT_DATE and kin


def relative_to_today(sql: str) -> bool:
    """Whether a statement's answer depends on the day it runs ("reviewed in the last 30 days"):
    such a segment's members move as time passes, at each refresh."""
    return bool(_TODAY.search(sql))


def refresh_saved_segments(db_path) -> dict[str, int]:
    """Re-run every saved segment's statement; return segment name -> new size.

    Called at the end of each `persona build`. A segment whose statement no longer runs (the
    guard refuses it, say, after a schema change) keeps its previous members; the failure is
    written to the audit log and the segment is left out of the result.
    """
    conn = connect_readonly(db_path)
    try:
        saved = conn.execute(
            "SELECT segment_id, name, sql, spec FROM segments WHERE kind = 'saved' ORDER BY created_at, name"
        ).fetchall()
    finally:
        conn.close()
    sizes: dict[str, int] = {}
    for segment_id, name, sql, spec in saved:
        params = (json.loads(spec or "{}") or {}).get("params") or []
        try:
            members = audience_user_ids(db_path, sql, params, purpose=f"refresh segment {name}")
        except SegmentError as exc:
            from tools.audit import log_event

            log_event(db_path, "tool", status="error", statement=sql,
                      detail={"action": "refresh_segment", "segment": name, "error": str(exc)})
            continue
        conn = connect(db_path)
        try:
            with conn:
                conn.execute("DELETE FROM segment_members WHERE segment_id = ?", (segment_id,))
                _write_members(conn, segment_id, [(uid, 1.0) for uid in members], now_iso())
        finally:
            conn.close()
        sizes[name] = len(members)
    return sizes


def audience_user_ids(db_path, sql: str, params: Sequence = (), *, purpose: str = "audience") -> list[str]:
    """The distinct user ids (first column) an audience statement selects, run through the SQL guard.

    Raises:
        SegmentError: the guard refused or cancelled the statement, or its first column holds no user ids.
    """
    from tools.sql_guard import GuardError, run_sql

    # Room for a statement that repeats users (a join without DISTINCT); a result larger than
    # that is not an audience.
    max_rows = _count(db_path, "SELECT COUNT(*) FROM users") * 10 + 1000
    try:
        result = run_sql(db_path, sql, tuple(params), max_rows=max_rows, question=purpose)
    except GuardError as exc:  # refused, rejected by SQLite, or cancelled at a limit
        raise SegmentError(f"{purpose}: the statement did not run: {exc}") from exc
    if result.truncated:
        raise SegmentError(f"{purpose}: the statement returned more rows than there are users; "
                           "select one row per user (SELECT DISTINCT user_id ...)")
    values = list(dict.fromkeys(str(row[0]) for row in result.rows if row and row[0] is not None))
    known = _known_users(db_path, values)
    if values and not known:
        first = result.columns[0] if result.columns else "?"
        raise SegmentError(f"{purpose}: the statement's first column ({first}) holds no user ids; "
                           "a segment statement must select user_id first")
    return [uid for uid in values if uid in known]


def _known_users(db_path, user_ids: list[str]) -> set[str]:
    conn = connect_readonly(db_path)
    try:
        conn.execute("CREATE TEMP TABLE _ids (user_id TEXT PRIMARY KEY)")
        conn.executemany("INSERT OR IGNORE INTO _ids VALUES (?)", ((uid,) for uid in user_ids))
        return {r[0] for r in conn.execute("SELECT i.user_id FROM _ids i JOIN users u ON u.user_id = i.user_id")}
    finally:
        conn.close()


def _write_members(conn: sqlite3.Connection, segment_id: str, members: Iterable[tuple[str, float]], at: str) -> int:
    rows = list(members)
    conn.executemany("INSERT OR REPLACE INTO segment_members (segment_id, user_id, probability) VALUES (?, ?, ?)",
                     ((segment_id, uid, prob) for uid, prob in rows))
    conn.execute("INSERT INTO segment_sizes (segment_id, size, at) VALUES (?, ?, ?)", (segment_id, len(rows), at))
    conn.execute("UPDATE segments SET refreshed_at = ? WHERE segment_id = ?", (at, segment_id))
    return len(rows)


def _delete_rows(conn: sqlite3.Connection, segment_ids: list[str]) -> None:
    for table in ("segment_members", "segment_sizes", "segments"):
        conn.executemany(f"DELETE FROM {table} WHERE segment_id = ?", ((sid,) for sid in segment_ids))


def _count(db_path, sql: str, params: Sequence = ()) -> int:
    conn = connect_readonly(db_path)
    try:
        return conn.execute(sql, params).fetchone()[0]
    finally:
        conn.close()


# ---- discovered segments (written for tools/clustering.py) ---------------------------------

def store_discovered(db_path, clusters: list[dict], *, spec: dict) -> list[dict]:
    """Replace every discovered segment with ``clusters``; return what was stored.

    Each cluster dict has ``index, name_zh, name_en, description, members`` (a list of
    ``(user_id, probability)``). Ids are ``c<index>-<run>`` (``c3`` finds the current third cluster).
    """
    run = uuid.uuid4().hex[:4]
    conn = connect(db_path)
    try:
        with conn:
            old = [r[0] for r in conn.execute("SELECT segment_id FROM segments WHERE kind = 'discovered'")]
            _delete_rows(conn, old)
            taken = {r[0] for r in conn.execute("SELECT name FROM segments")}
            now = now_iso()
            stored = []
            for cluster in clusters:
                segment_id = f"c{cluster['index']}-{run}"
                name = cluster["name_zh"] if cluster["name_zh"] not in taken else f"{cluster['name_zh']} (c{cluster['index']})"
                taken.add(name)
                conn.execute(
                    "INSERT INTO segments (segment_id, name, name_zh, name_en, kind, description, spec, created_at)"
                    " VALUES (?, ?, ?, ?, 'discovered', ?, ?, ?)",
                    (segment_id, name, cluster["name_zh"], cluster["name_en"], cluster["description"],
                     json.dumps({**spec, "cluster": cluster["index"], "highlights": cluster.get("highlights", [])},
                                ensure_ascii=False), now),
                )
                size = _write_members(conn, segment_id, cluster["members"], now)
                stored.append({"segment_id": segment_id, "name": name, "name_zh": cluster["name_zh"],
                               "name_en": cluster["name_en"], "size": size})
    finally:
        conn.close()
    return stored


# ---- reading ----------------------------------------------------------------------------------

def list_segments(db_path) -> list[dict]:
    """Every segment with its size now and its size history (oldest first).

    Returns:
        Dicts with ``segment_id, name, name_zh, name_en, kind, description, size, previous_size,
        history`` (list of ``{"at", "size"}``), ``created_at, refreshed_at``; saved segments
        first, then discovered ones by size.
    """
    conn = connect_readonly(db_path)
    try:
        rows = conn.execute(
            "SELECT s.segment_id, s.name, s.name_zh, s.name_en, s.kind, s.description, s.created_at, s.refreshed_at,"
            " (SELECT COUNT(*) FROM segment_members m WHERE m.segment_id = s.segment_id) FROM segments s"
        ).fetchall()
        history: dict[str, list[dict]] = {}
        for segment_id, size, at in conn.execute("SELECT segment_id, size, at FROM segment_sizes ORDER BY at, rowid"):
            history.setdefault(segment_id, []).append({"at": at, "size": size})
    finally:
        conn.close()
    out = []
    for segment_id, name, name_zh, name_en, kind, description, created_at, refreshed_at, size in rows:
        sizes = history.get(segment_id, [])
        out.append({
            "segment_id": segment_id, "name": name, "name_zh": name_zh, "name_en": name_en, "kind": kind,
            "description": description, "size": size,
            "previous_size": sizes[-2]["size"] if len(sizes) >= 2 else None,
            "history": sizes, "created_at": created_at, "refreshed_at": refreshed_at,
        })
    kind_order = {"saved": 0, "rule": 1, "discovered": 2}
    out.sort(key=lambda s: (kind_order.get(s["kind"], 3), -s["size"] if s["kind"] == "discovered" else 0,
                            s["created_at"], s["name"]))
    return out


def get_segment(db_path, name_or_id: str) -> dict:
    """One segment's row (with ``params`` and ``spec`` decoded), found by id, name, zh/en name,
    or ``c3`` for the current third discovered cluster."""
    conn = connect_readonly(db_path)
    try:
        return _resolve(conn, name_or_id)
    finally:
        conn.close()


def _resolve(conn: sqlite3.Connection, name_or_id: str) -> dict:
    key = (name_or_id or "").strip()
    columns = ("segment_id", "name", "name_zh", "name_en", "kind", "description", "spec", "sql",
               "created_at", "refreshed_at")
    select = f"SELECT {', '.join(columns)} FROM segments"
    row = None
    for where, arg in (("segment_id = ?", key), ("name = ?", key), ("name_zh = ?", key),
                       ("lower(name_en) = lower(?)", key), ("lower(name) = lower(?)", key)):
        row = conn.execute(f"{select} WHERE {where}", (arg,)).fetchone()
        if row:
            break
    if row is None and key:
        matches = conn.execute(f"{select} WHERE segment_id LIKE ? ESCAPE '\\'",
                               (key.replace("_", "\\_").replace("%", "\\%") + "-%",)).fetchall()
        row = matches[0] if len(matches) == 1 else None
    if row is None:
        names = [r[0] for r in conn.execute("SELECT name FROM segments ORDER BY name")]
        close = difflib.get_close_matches(key, names, n=3, cutoff=0.4)
        hint = f"; did you mean {', '.join(repr(n) for n in close)}?" if close else (
            f"; known segments: {_some(names, 8)} (`persona segments` lists them)" if names else
            "; there are no segments yet (save an audience, or run `persona segments discover`)")
        raise SegmentError(f"no segment named {key!r}{hint}")
    segment = dict(zip(columns, row))
    spec = json.loads(segment["spec"] or "{}") or {}
    segment["params"] = spec.get("params", []) if segment["kind"] == "saved" else []
    segment["spec"] = spec
    return segment


def _some(names: list[str], shown: int) -> str:
    """'a', 'b', 'c' and 5 more."""
    listed = ", ".join(repr(name) for name in names[:shown])
    return listed + (f" and {len(names) - shown} more" if len(names) > shown else "")


def segment_members(db_path, name_or_id: str) -> list[tuple[str, float]]:
    """(user_id, probability) of every member, most probable first."""
    conn = connect_readonly(db_path)
    try:
        segment = _resolve(conn, name_or_id)
        return conn.execute(
            "SELECT user_id, probability FROM segment_members WHERE segment_id = ? ORDER BY probability DESC, user_id",
            (segment["segment_id"],),
        ).fetchall()
    finally:
        conn.close()


def delete_segment(db_path, name_or_id: str, *, force: bool = False) -> dict:
    """Delete a segment, its members and size history (campaign copy written for it is kept).

    A built-in rule segment ('rule_high_value' ...) is refused unless ``force``: the profile
    build creates it again and assigns members as it rebuilds profiles, so deleting it only
    hides it for a while.

    Returns:
        {"segment_id", "name", "name_zh", "kind"}.
    """
    conn = connect(db_path)
    try:
        segment = _resolve(conn, name_or_id)
        if segment["kind"] == "rule" and not force:
            raise SegmentError(
                f"{segment['segment_id']!r} is a built-in rule segment ({segment['name_zh'] or segment['name']}): "
                "the next `persona build` creates it again and fills it as it rebuilds profiles, so deleting "
                "it only hides it for a while. Add --force to delete it anyway")
        with conn:
            _delete_rows(conn, [segment["segment_id"]])
    finally:
        conn.close()
    return {"segment_id": segment["segment_id"], "name": segment["name"], "name_zh": segment["name_zh"],
            "kind": segment["kind"]}


# ---- profiles of an audience ------------------------------------------------------------------

def segment_profile(db_path, name_or_id: str, *, top: int = 5) -> dict:
    """What a segment's members are like, against everyone with a built profile.

    Returns:
        A dict with ``segment`` (its row), ``size``, ``population``, ``history``, and the
        audience profile of :func:`audience_profile`: ``interests``, ``values``, ``intents``,
        ``consumption``, ``lifecycle`` (each a list of ``{id, name_zh, name_en, users, share,
        base_share}``), ``aspects`` / ``praised`` / ``complained``, ``behavior``, ``demographics``
        and ``quotes`` (evidence from emotions and tags).
    """
    conn = connect_readonly(db_path)
    try:
        segment = _resolve(conn, name_or_id)
        conn.execute("CREATE TEMP TABLE aud (user_id TEXT PRIMARY KEY, probability REAL)")
        conn.execute("INSERT INTO aud SELECT user_id, probability FROM segment_members WHERE segment_id = ?",
                     (segment["segment_id"],))
        profile = _profile(conn, top)
        profile["history"] = [{"at": at, "size": size} for at, size in conn.execute(
            "SELECT at, size FROM segment_sizes WHERE segment_id = ? ORDER BY at, rowid", (segment["segment_id"],))]
    finally:
        conn.close()
    profile["segment"] = {k: v for k, v in segment.items() if k != "spec"}
    return profile


def audience_profile(db_path, user_ids: Sequence[str], *, top: int = 5) -> dict:
    """The same profile as :func:`segment_profile` for any set of user ids (an unsaved audience)."""
    conn = connect_readonly(db_path)
    try:
        conn.execute("CREATE TEMP TABLE aud (user_id TEXT PRIMARY KEY, probability REAL)")
        conn.executemany("INSERT OR IGNORE INTO aud VALUES (?, 1.0)", ((str(u),) for u in user_ids))
        profile = _profile(conn, top)
    finally:
        conn.close()
    profile["segment"] = None
    profile["history"] = []
    return profile


def _profile(conn: sqlite3.Connection, top: int) -> dict:
    """Aggregates over the temp table ``aud`` against all users with a built profile."""
    from schema.taxonomy import load_taxonomy

    taxonomy = load_taxonomy()
    size = conn.execute("SELECT COUNT(*) FROM aud").fetchone()[0]
    population = conn.execute("SELECT COUNT(*) FROM profiles").fetchone()[0]

    def mix(kind: str, member_sql: str, base_sql: str, limit: int | None) -> list[dict]:
        members = dict(conn.execute(member_sql).fetchall())
        base = dict(conn.execute(base_sql).fetchall())
        rows = [{"id": key, "name_zh": taxonomy.name(key, "zh", kind), "name_en": taxonomy.name(key, "en", kind),
                 "users": n, "share": n / size if size else 0.0,
                 "base_share": base.get(key, 0) / population if population else 0.0}
                for key, n in members.items() if key is not None]
        rows.sort(key=lambda r: (-r["users"], -(r["share"] - r["base_share"]), r["id"]))
        return rows[:limit] if limit else rows

    interests = mix(
        "interest",
        "SELECT t.tag_id, COUNT(DISTINCT t.user_id) FROM tags t JOIN aud a ON a.user_id = t.user_id"
        " WHERE t.category = 'interests' AND t.status = 'active' GROUP BY t.tag_id",
        "SELECT tag_id, COUNT(DISTINCT user_id) FROM tags WHERE category = 'interests' AND status = 'active'"
        " GROUP BY tag_id", top * 2)
    values = mix(
        "value",
        "SELECT v.value_id, COUNT(*) FROM user_values v JOIN aud a ON a.user_id = v.user_id"
        " WHERE v.status = 'active' GROUP BY v.value_id",
        "SELECT value_id, COUNT(*) FROM user_values WHERE status = 'active' GROUP BY value_id", top)
    intents = mix(
        "intent",
        "SELECT i.intent, COUNT(DISTINCT i.user_id) FROM intents i JOIN aud a ON a.user_id = i.user_id"
        " WHERE i.status = 'active' GROUP BY i.intent",
        "SELECT intent, COUNT(DISTINCT user_id) FROM intents WHERE status = 'active' GROUP BY intent", top)
    consumption = mix(
        "consumption",
        "SELECT p.consumption, COUNT(*) FROM profiles p JOIN aud a ON a.user_id = p.user_id GROUP BY p.consumption",
        "SELECT consumption, COUNT(*) FROM profiles GROUP BY consumption", None)
    lifecycle = mix(
        "lifecycle",
        "SELECT p.lifecycle, COUNT(*) FROM profiles p JOIN aud a ON a.user_id = p.user_id GROUP BY p.lifecycle",
        "SELECT lifecycle, COUNT(*) FROM profiles GROUP BY lifecycle", None)
    aspects = _aspects(conn, taxonomy, size)
    return {
        "size": size, "population": population,
        "interests": interests, "values": values, "intents": intents,
        "consumption": consumption, "lifecycle": lifecycle,
        "aspects": aspects,
        "praised": sorted((a for a in aspects if a["positive"]), key=lambda a: -a["positive"])[:top],
        "complained": sorted((a for a in aspects if a["negative"]), key=lambda a: -a["negative"])[:top],
        "behavior": _behavior(conn),
        "demographics": _demographics(conn, size),
        "quotes": _quotes(conn, top),
    }


def _aspects(conn, taxonomy, size: int) -> list[dict]:
    """Per aspect: members with a positive / negative mean opinion of it, and the mean itself."""
    rows = conn.execute(
        "SELECT aspect, SUM(mean > 0.1), SUM(mean < -0.1), AVG(mean), COUNT(*) FROM ("
        "  SELECT e.user_id, e.aspect, AVG(e.polarity) AS mean FROM emotions e JOIN aud a ON a.user_id = e.user_id"
        "  WHERE e.aspect != 'overall' GROUP BY e.user_id, e.aspect) GROUP BY aspect"
    ).fetchall()
    out = [{"aspect": aspect, "name_zh": taxonomy.name(aspect, "zh", "aspect"),
            "name_en": taxonomy.name(aspect, "en", "aspect"), "users": users,
            "positive": pos or 0, "negative": neg or 0, "mean_polarity": round(mean, 3),
            "pos_share": (pos or 0) / size if size else 0.0, "neg_share": (neg or 0) / size if size else 0.0}
           for aspect, pos, neg, mean, users in rows]
    out.sort(key=lambda a: (-a["users"], a["aspect"]))
    return out


def _behavior(conn) -> dict:
    def averages(join: str) -> dict:
        row = conn.execute(
            "SELECT COUNT(*), AVG(order_count), AVG(total_spend), SUM(total_spend) / NULLIF(SUM(order_count), 0),"
            f" AVG(rfm_recency), AVG(rfm_frequency), AVG(rfm_monetary) FROM profiles p {join}"
        ).fetchone()
        keys = ("users", "avg_orders", "avg_spend", "avg_basket", "rfm_recency", "rfm_frequency", "rfm_monetary")
        return {k: (round(v, 2) if isinstance(v, float) else v) for k, v in zip(keys, row)}

    return {"members": averages("JOIN aud a ON a.user_id = p.user_id"), "population": averages("")}


def _demographics(conn, size: int) -> dict:
    gender = conn.execute(
        "SELECT u.gender, COUNT(*) FROM users u JOIN aud a ON a.user_id = u.user_id GROUP BY u.gender ORDER BY 2 DESC"
    ).fetchall()
    age = conn.execute("SELECT AVG(u.age) FROM users u JOIN aud a ON a.user_id = u.user_id").fetchone()[0]
    cities = conn.execute(
        "SELECT u.city, COUNT(*) FROM users u JOIN aud a ON a.user_id = u.user_id WHERE u.city IS NOT NULL"
        " GROUP BY u.city ORDER BY 2 DESC, 1 LIMIT 5"
    ).fetchall()
    return {"gender": [{"id": g, "users": n, "share": n / size if size else 0.0} for g, n in gender],
            "age_mean": round(age, 1) if age is not None else None,
            "cities": [{"city": c, "users": n, "share": n / size if size else 0.0} for c, n in cities]}


def _quotes(conn, top: int) -> list[dict]:
    """Evidence quotes: the strongest complaints and praises, then interest-tag evidence; no repeats."""
    quotes, seen = [], set()
    queries = (
        ("complaint", "SELECT e.aspect, e.evidence FROM emotions e JOIN aud a ON a.user_id = e.user_id"
                      " WHERE e.aspect != 'overall' AND e.polarity < -0.1 AND e.evidence IS NOT NULL"
                      " ORDER BY e.polarity, e.confidence DESC, e.user_id LIMIT 200"),
        ("praise", "SELECT e.aspect, e.evidence FROM emotions e JOIN aud a ON a.user_id = e.user_id"
                   " WHERE e.aspect != 'overall' AND e.polarity > 0.1 AND e.evidence IS NOT NULL"
                   " ORDER BY e.polarity DESC, e.confidence DESC, e.user_id LIMIT 200"),
        ("interest", "SELECT t.tag_id, t.evidence FROM tags t JOIN aud a ON a.user_id = t.user_id"
                     " WHERE t.category = 'interests' AND t.status = 'active' AND t.evidence IS NOT NULL"
                     " AND t.source = 'text' ORDER BY t.confidence DESC, t.user_id LIMIT 200"),
    )
    per_kind = max(1, (top + 1) // 2)
    for kind, sql in queries:
        taken = 0
        for about, text in conn.execute(sql):
            text = " ".join(str(text).split())
            if text in seen or len(text) < 4:
                continue
            seen.add(text)
            quotes.append({"kind": kind, "about": about, "text": text[:120]})
            taken += 1
            if taken >= per_kind:
                break
    return quotes


# ---- export ---------------------------------------------------------------------------------------

def export_audience(db_path, audience: str | Sequence[str], out_path, fields: Sequence[str] = (), *,
                    with_identities: bool = False) -> dict:
    """Write an audience to CSV or JSON Lines for activation.

    Args:
        db_path: The Persona database.
        audience: A segment name/id, or a list of user ids.
        out_path: ``.csv`` or ``.jsonl`` file to write (replaced if it exists).
        fields: Extra columns besides ``user_id`` (see ``EXPORT_FIELDS``). ``probability`` is the
            segment membership probability (1.0 for a list of ids).
        with_identities: Also write ``name, phone, email, device_id``. Only this explicit switch reads
            the identities table; the export is logged to the audit log either way.

    Returns:
        ``{"path", "rows", "fields", "format", "with_identities", "segment"}``.

    Raises:
        SegmentError: unknown field or segment, a personal-data field without ``with_identities``,
            or an unsupported file type.
    """
    out = Path(out_path)
    fmt = out.suffix.lower().lstrip(".")
    if fmt not in ("csv", "jsonl"):
        raise SegmentError(f"{out}: export writes .csv or .jsonl files, not {out.suffix or 'no extension'}")
    fields = _check_fields(fields, with_identities)
    conn = connect_readonly(db_path)
    try:
        segment = None
        conn.execute("CREATE TEMP TABLE aud (user_id TEXT PRIMARY KEY, probability REAL)")
        if isinstance(audience, str):
            segment = _resolve(conn, audience)
            conn.execute("INSERT INTO aud SELECT user_id, probability FROM segment_members WHERE segment_id = ?",
                         (segment["segment_id"],))
        else:
            conn.executemany("INSERT OR IGNORE INTO aud VALUES (?, 1.0)", ((str(u),) for u in audience))
        records = _export_records(conn, fields)
    finally:
        conn.close()
    if with_identities:
        _attach_identities(db_path, records)
        fields = fields + [f for f in IDENTITY_FIELDS if f not in fields]
    columns = ["user_id", *fields]
    _write_records(out, fmt, columns, records)
    from tools.audit import log_event

    log_event(db_path, "tool", row_count=len(records),
              detail={"action": "export", "path": str(out.resolve()), "format": fmt, "fields": fields,
                      "with_identities": with_identities,
                      "segment": segment["name"] if segment else None})
    return {"path": str(out), "rows": len(records), "fields": columns, "format": fmt,
            "with_identities": with_identities, "segment": segment["name"] if segment else None}


def _check_fields(fields: Sequence[str], with_identities: bool) -> list[str]:
    chosen = []
    for field in fields:
        field = field.strip()
        if not field or field == "user_id" or field in chosen:
            continue
        if field in IDENTITY_FIELDS:
            if not with_identities:
                raise SegmentError(f"field {field!r} is personal data; it is exported only with --with-identities")
        elif field not in EXPORT_FIELDS:
            raise SegmentError(f"unknown export field {field!r}; choose from {', '.join(EXPORT_FIELDS)}"
                               f" (and {', '.join(IDENTITY_FIELDS)} with --with-identities)")
        chosen.append(field)
    return chosen


def _export_records(conn, fields: list[str]) -> list[dict]:
    user_cols = [f for f in fields if f in USER_FIELDS or f == "name"]
    profile_cols = [f for f in fields if f in PROFILE_FIELDS]
    select = ["a.user_id", "a.probability"] + [f"u.{c}" for c in user_cols] + [f"p.{c}" for c in profile_cols]
    rows = conn.execute(
        f"SELECT {', '.join(select)} FROM aud a JOIN users u ON u.user_id = a.user_id"
        " LEFT JOIN profiles p ON p.user_id = a.user_id ORDER BY a.probability DESC, a.user_id"
    ).fetchall()
    records = []
    for row in rows:
        record = {"user_id": row[0]}
        if "probability" in fields:
            record["probability"] = row[1]
        record.update(zip(user_cols + profile_cols, row[2:]))
        records.append(record)
    for field, sql in (
        ("interests", "SELECT t.user_id, t.tag_id FROM tags t JOIN aud a ON a.user_id = t.user_id"
                      " WHERE t.category = 'interests' AND t.status = 'active' ORDER BY t.user_id, t.path"),
        ("values", "SELECT v.user_id, v.value_id FROM user_values v JOIN aud a ON a.user_id = v.user_id"
                   " WHERE v.status = 'active' ORDER BY v.user_id, v.value_id"),
    ):
        if field in fields:
            found: dict[str, list[str]] = {}
            for user_id, value in conn.execute(sql):
                found.setdefault(user_id, []).append(value)
            for record in records:
                record[field] = found.get(record["user_id"], [])
    return records


def _attach_identities(db_path, records: list[dict]) -> None:
    """Read raw identities through a plain read-only connection: the guard never exposes them."""
    conn = sqlite3.connect(f"file:{Path(db_path).resolve()}?mode=ro", uri=True)
    try:
        conn.execute("CREATE TEMP TABLE ids (user_id TEXT PRIMARY KEY)")
        conn.executemany("INSERT OR IGNORE INTO ids VALUES (?)", ((r["user_id"],) for r in records))
        found: dict[tuple[str, str], list[str]] = {}
        for kind, value, user_id in conn.execute(
            "SELECT i.kind, i.value, i.user_id FROM identities i JOIN ids USING (user_id) ORDER BY i.kind, i.value"
        ):
            found.setdefault((user_id, kind), []).append(value)
        names = dict(conn.execute("SELECT u.user_id, u.name FROM users u JOIN ids USING (user_id)").fetchall())
    finally:
        conn.close()
    for record in records:
        record["name"] = names.get(record["user_id"])
        for kind in ("phone", "email", "device_id"):
            record[kind] = found.get((record["user_id"], kind), [])


def _write_records(out: Path, fmt: str, columns: list[str], records: list[dict]) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".part")
    with open(tmp, "w", encoding="utf-8", newline="") as handle:
        if fmt == "csv":
            writer = csv.writer(handle)
            writer.writerow(columns)
            for record in records:
                writer.writerow(["|".join(map(str, v)) if isinstance(v, list) else ("" if v is None else v)
                                 for v in (record.get(c) for c in columns)])
        else:
            for record in records:
                handle.write(json.dumps({c: record.get(c) for c in columns}, ensure_ascii=False) + "\n")
    os.replace(tmp, out)

