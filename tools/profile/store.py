"""Writing living profiles (tag versions and history) and reading one back for the card.

Versioning (docs/profiles.md "Living profiles"): when a user is rebuilt, each tag is compared with the
stored one. A *material* change — confidence moved by at least ``MATERIAL_CHANGE`` or the status
flipped between active and observe — closes the old version in ``tag_history`` (change
'updated') and increments ``version``; a smaller change updates the row in place. A tag that is
no longer found goes to history as 'removed', or 'replaced_by:<tag>' when another tag of its
exclusive group took its place (student -> graduating, growing -> mature, rfm_loyal -> rfm_at_risk).
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from dataclasses import dataclass

from schema.taxonomy import Taxonomy, load_taxonomy
from tools.profile.evidence import parse_time
from tools.profile.explicit import exclusive_group, tag_name
from tools.profile.evidence_text import evidence_in
from tools.profile.rule_segments import RULE_SEGMENTS
from tools.profile.types import ProfileDraft, TagDraft

MATERIAL_CHANGE = 0.1

TAG_COLUMNS = ("user_id", "tag_id", "category", "path", "kind", "confidence", "status", "source", "evidence",
               "evidence_ref", "first_seen", "last_seen", "version")
PROFILE_COLUMNS = ("user_id", "completeness", "lifecycle", "consumption", "rfm_recency", "rfm_frequency",
                   "rfm_monetary", "order_count", "total_spend", "last_order_at", "last_active_at", "summary",
                   "status", "errors", "built_at", "model", "fallback", "version", "keywords")


@dataclass
class _Stored:
    category: str
    confidence: float
    status: str
    version: int
    first_seen: str
    started: str            # when the current version began


def _marks(values: list) -> str:
    return ",".join("?" * len(values))


def ensure_rule_segments(conn: sqlite3.Connection, now: str) -> None:
    """Create the built-in rule segments once (their definitions live in rule_segments.py)."""
    conn.executemany(
        "INSERT OR IGNORE INTO segments (segment_id, name, name_zh, name_en, kind, description, spec, sql, created_at) "
        "VALUES (?, ?, ?, ?, 'rule', ?, NULL, ?, ?)",
        [(s.segment_id, s.segment_id, s.name_zh, s.name_en, s.description, s.sql, now) for s in RULE_SEGMENTS],
    )


def write_batch(conn: sqlite3.Connection, drafts: list[ProfileDraft], *, built_at: str, stamp: str,
                workflow_version: str) -> int:
    """Write the profiles of a batch inside the caller's transaction; returns tag_history rows added.

    ``built_at`` is the second the batch's data was read (compared with users.data_updated_at by
    the incremental build); ``stamp`` is the time for history and first_seen.
    """
    if not drafts:
        return 0
    ids = [d.user_id for d in drafts]
    marks = _marks(ids)
    stored = _stored_tags(conn, ids, marks)
    tag_rows, history_rows = [], []
    for draft in drafts:
        rows, history = _version_tags(draft, stored.get(draft.user_id, {}), stamp)
        tag_rows.extend(rows)
        history_rows.extend(history)

    # Only users built before have rows to replace (a first build of 100k users skips every DELETE).
    rebuilt = sorted({uid for (uid,) in conn.execute(f"SELECT user_id FROM profiles WHERE user_id IN ({marks})", ids)}
                     | set(stored))
    if rebuilt:
        rebuilt_marks = _marks(rebuilt)
        for table in ("tags", "emotions", "intents", "user_values"):
            conn.execute(f"DELETE FROM {table} WHERE user_id IN ({rebuilt_marks})", rebuilt)
        rule_ids = [s.segment_id for s in RULE_SEGMENTS]
        conn.execute(f"DELETE FROM segment_members WHERE user_id IN ({rebuilt_marks}) "
                     f"AND segment_id IN ({_marks(rule_ids)})", rebuilt + rule_ids)
    conn.executemany(f"INSERT INTO tags ({', '.join(TAG_COLUMNS)}) VALUES ({_marks(TAG_COLUMNS)})", tag_rows)
    conn.executemany(
        "INSERT INTO tag_history (user_id, tag_id, category, confidence, status, version, valid_from, valid_to, change) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", history_rows)
    conn.executemany(
        "INSERT OR REPLACE INTO emotions (user_id, text_id, aspect, polarity, emotion, confidence, evidence, at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [(d.user_id, e.text_id, e.aspect, round(e.polarity, 4), e.emotion, round(e.confidence, 4), e.evidence, e.at)
         for d in drafts for e in d.emotions])
    conn.executemany(
        "INSERT OR REPLACE INTO intents (user_id, intent, target, priority, status, confidence, evidence, evidence_ref,"
        " at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [(d.user_id, i.intent, i.target, i.priority, i.status, i.confidence, i.evidence, i.evidence_ref, i.at,
          i.expires_at) for d in drafts for i in d.intents])
    conn.executemany(
        "INSERT OR REPLACE INTO user_values (user_id, value_id, confidence, status, evidence, evidence_ref, at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        [(d.user_id, v.value_id, v.confidence, v.status, v.evidence, v.evidence_ref, v.at)
         for d in drafts for v in d.values])
    conn.executemany(
        f"INSERT OR REPLACE INTO profiles ({', '.join(PROFILE_COLUMNS)}) VALUES ({_marks(PROFILE_COLUMNS)})",
        [_profile_row(d, built_at, workflow_version) for d in drafts if d.profile is not None])
    conn.executemany("INSERT OR REPLACE INTO segment_members (segment_id, user_id, probability) VALUES (?, ?, 1.0)",
                     [(segment_id, d.user_id) for d in drafts for segment_id in d.segments])
    return len(history_rows)


def _stored_tags(conn: sqlite3.Connection, ids: list[str], marks: str) -> dict[str, dict[str, _Stored]]:
    history = {
        (uid, tag_id): (version, ended, started)
        for uid, tag_id, version, ended, started in conn.execute(
            f"SELECT user_id, tag_id, MAX(version), MAX(valid_to), MIN(valid_from) FROM tag_history "
            f"WHERE user_id IN ({marks}) GROUP BY user_id, tag_id", ids)
    }
    stored: dict[str, dict[str, _Stored]] = {}
    for uid, tag_id, category, confidence, status, version, first_seen in conn.execute(
            f"SELECT user_id, tag_id, category, confidence, status, version, first_seen FROM tags "
            f"WHERE user_id IN ({marks})", ids):
        past = history.get((uid, tag_id))
        # The current version began when the last one was closed, or when the tag was (re)assigned.
        started = max(past[1], first_seen) if past else first_seen
        stored.setdefault(uid, {})[tag_id] = _Stored(category, confidence, status, version, first_seen, started)
    # Tags only in history (removed earlier): a re-added tag continues their version numbers.
    for (uid, tag_id), (version, ended, _) in history.items():
        if tag_id not in stored.get(uid, {}):
            stored.setdefault(uid, {})[tag_id] = _Stored("", 0.0, "removed", version, ended, ended)
    return stored


def _version_tags(draft: ProfileDraft, stored: dict[str, _Stored], stamp: str) -> tuple[list[tuple], list[tuple]]:
    uid = draft.user_id
    rows, history = [], []
    current = {tag.tag_id: tag for tag in draft.tags}
    for tag in draft.tags:
        old = stored.get(tag.tag_id)
        if old is None:
            version, first_seen = 1, stamp
        elif old.status == "removed":  # back after a removal: a new stint, numbered after the old
            version, first_seen = old.version + 1, stamp
        elif _material(old, tag):
            history.append((uid, tag.tag_id, old.category, old.confidence, old.status, old.version, old.started,
                            stamp, "updated"))
            version, first_seen = old.version + 1, old.first_seen
        else:
            version, first_seen = old.version, old.first_seen
        rows.append((uid, tag.tag_id, tag.category, tag.path or tag.tag_id, tag.kind, round(tag.confidence, 4),
                     tag.status, tag.source, tag.evidence, tag.evidence_ref, first_seen, tag.last_seen or stamp,
                     version))
    for tag_id, old in stored.items():
        if tag_id in current or old.status == "removed":
            continue
        history.append((uid, tag_id, old.category, old.confidence, old.status, old.version, old.started, stamp,
                        _removal(tag_id, old.category, draft.tags)))
    return rows, history


def _material(old: _Stored, tag: TagDraft) -> bool:
    return (abs(old.confidence - tag.confidence) >= MATERIAL_CHANGE or old.status != tag.status
            or old.category != tag.category)


def _removal(tag_id: str, category: str, tags: list[TagDraft]) -> str:
    group = exclusive_group(tag_id, category)
    if group is not None:
        for tag in tags:
            if tag.tag_id != tag_id and exclusive_group(tag.tag_id, tag.category) == group:
                return f"replaced_by:{tag.tag_id}"
    return "removed"


def _profile_row(draft: ProfileDraft, built_at: str, workflow_version: str) -> tuple:
    p = draft.profile
    errors = json.dumps(p["errors"], ensure_ascii=False) if p.get("errors") else None
    keywords = json.dumps(p["keywords"], ensure_ascii=False) if p.get("keywords") else None
    values = {**p, "errors": errors, "keywords": keywords, "user_id": draft.user_id, "built_at": built_at,
              "model": draft.model, "fallback": int(draft.fallback), "version": workflow_version}
    return tuple(values.get(column) for column in PROFILE_COLUMNS)


# --- reading one profile back ---------------------------------------------------------------------

USER_FIELDS = ("user_id", "name", "gender", "age", "city", "city_tier", "member_level", "registered_at",
               "occupation", "education", "data_updated_at")
MAX_EVIDENCE_QUOTES = 6
MAX_HISTORY = 20


def load_profile(db_path: str, user_id: str, taxonomy: Taxonomy | None = None, *,
                 lang: str | None = None) -> dict | None:
    """Everything the profile card shows, JSON-serializable; None when no such user (or alias).

    Tags, aspects, intents and values carry display names in ``lang`` (the reader's), by default in
    the database's language (``display_language`` in the result; ``language`` is the user's own); tags, intents and values also carry
    ``evidence_display``, their stored ``evidence`` said in that language (quotes as written). The result has ``profile: None`` when the
    user exists but was never built. Raw identities (phone, email, device id) are never included.
    """
    from schema.db import connect_readonly

    taxonomy = taxonomy or load_taxonomy()
    conn = connect_readonly(db_path)
    try:
        return _load(conn, user_id, taxonomy, lang)
    finally:
        conn.close()


_LANGUAGE_SAMPLE = 2000  # texts read to tell a database's language (a whole large table would cost a scan per card)


def _majority_language(rows) -> str | None:
    """'en' when English texts outnumber Chinese and mixed ones among ``rows`` of (lang,), 'zh' when
    they do not, None with no texts."""
    langs = Counter(lang for (lang,) in rows)
    if not langs:
        return None
    return "en" if langs.get("en", 0) > langs.get("zh", 0) + langs.get("mixed", 0) else "zh"


def _load(conn: sqlite3.Connection, requested: str, taxonomy: Taxonomy, lang: str | None) -> dict | None:
    alias = conn.execute("SELECT user_id, reason FROM user_aliases WHERE alias_id = ?", (requested,)).fetchone()
    user_id = alias[0] if alias else requested
    row = conn.execute(f"SELECT {', '.join(USER_FIELDS)} FROM users WHERE user_id = ?", (user_id,)).fetchone()
    if row is None:
        return None
    user = dict(zip(USER_FIELDS, row))
    language = _majority_language(conn.execute("SELECT lang FROM texts WHERE user_id = ?", (user_id,))) or "zh"
    # no reader's language given: the database's, so that every card of one shop speaks one language (a
    # Chinese text among English ones does not switch this user's card to Chinese)
    names = lang or _majority_language(conn.execute("SELECT lang FROM texts LIMIT ?", (_LANGUAGE_SAMPLE,))) or language
    result = {
        "user_id": user_id,
        "requested_id": requested,
        "merged_reason": alias[1] if alias else None,   # why requested_id is this user ('shared phone')
        "user": user,
        "language": language,
        "display_language": names,   # the names' language: the reader's, else the database's
        "profile": _one(conn, f"SELECT {', '.join(PROFILE_COLUMNS)} FROM profiles WHERE user_id = ?", user_id,
                        PROFILE_COLUMNS),
        "counts": {table: conn.execute(f"SELECT COUNT(*) FROM {table} WHERE user_id = ?", (user_id,)).fetchone()[0]
                   for table in ("orders", "events", "texts")},
    }
    for field in ("errors", "keywords"):  # JSON columns
        if result["profile"] is not None and result["profile"][field]:
            result["profile"][field] = json.loads(result["profile"][field])
    result["tags"] = [
        {**tag, "name": tag_name(tag["tag_id"], tag["category"], taxonomy, names),
         "evidence_display": evidence_in(tag["evidence"], names)}
        for tag in _all(conn, f"SELECT {', '.join(TAG_COLUMNS[1:])} FROM tags WHERE user_id = ? "
                              "ORDER BY category, confidence DESC, tag_id", user_id, TAG_COLUMNS[1:])
    ]
    result["emotions"] = _all(conn, "SELECT text_id, aspect, polarity, emotion, confidence, evidence, at FROM emotions "
                                    "WHERE user_id = ? ORDER BY at DESC, text_id, aspect", user_id,
                              ("text_id", "aspect", "polarity", "emotion", "confidence", "evidence", "at"))
    result["aspects"] = _aspect_summary(result["emotions"], taxonomy, names)
    result["intents"] = [
        {**i, "name": taxonomy.name(i["intent"], names, "intent"),
         "target_name": taxonomy.name(i["target"], names) if i["target"] and taxonomy.has(i["target"]) else i["target"],
         "evidence_display": evidence_in(i["evidence"], names)}
        for i in _all(conn, "SELECT intent, target, priority, status, confidence, evidence, evidence_ref, at, expires_at "
                            "FROM intents WHERE user_id = ? ORDER BY status = 'active' DESC, priority, at DESC", user_id,
                      ("intent", "target", "priority", "status", "confidence", "evidence", "evidence_ref", "at",
                       "expires_at"))
    ]
    _mark_ended_by_orders(conn, user_id, result["intents"])
    result["values"] = [
        {**v, "name": taxonomy.name(v["value_id"], names, "value"), "evidence_display": evidence_in(v["evidence"], names)}
        for v in _all(conn, "SELECT value_id, confidence, status, evidence, evidence_ref, at FROM user_values "
                            "WHERE user_id = ? ORDER BY confidence DESC", user_id,
                      ("value_id", "confidence", "status", "evidence", "evidence_ref", "at"))
    ]
    result["segments"] = _all(conn, "SELECT s.segment_id, s.name, s.name_zh, s.name_en, s.kind, m.probability "
                                    "FROM segment_members m JOIN segments s USING (segment_id) WHERE m.user_id = ? "
                                    "ORDER BY s.kind, s.name", user_id,
                              ("segment_id", "name", "name_zh", "name_en", "kind", "probability"))
    result["history"] = _all(conn, "SELECT tag_id, category, confidence, status, version, valid_from, valid_to, change "
                                   f"FROM tag_history WHERE user_id = ? ORDER BY valid_to DESC, tag_id LIMIT {MAX_HISTORY}",
                             user_id, ("tag_id", "category", "confidence", "status", "version", "valid_from",
                                       "valid_to", "change"))
    for change in result["history"]:
        change["name"] = tag_name(change["tag_id"], change["category"], taxonomy, names)
    result["evidence"] = _evidence_quotes(conn, user_id, result)
    return result


def _mark_ended_by_orders(conn, user_id: str, intents: list[dict]) -> None:
    """``ended_by_order``: an intent an order ended (fulfilled, or a churn risk over) expires at that
    order's time (tools/profile/derive.py), so the card can say "ended by order 2026-12-02" rather
    than show an expiry date."""
    times = {_second(at) for (at,) in conn.execute("SELECT ordered_at FROM orders WHERE user_id = ?", (user_id,))}
    for intent in intents:
        ended = _second(intent["expires_at"])
        intent["ended_by_order"] = intent["status"] != "active" and ended is not None and ended in times


def _second(at: str | None):
    moment = parse_time(at)
    return moment.replace(microsecond=0) if moment else None


def _one(conn, sql: str, key: str, columns) -> dict | None:
    row = conn.execute(sql, (key,)).fetchone()
    return dict(zip(columns, row)) if row else None


def _all(conn, sql: str, key: str, columns) -> list[dict]:
    return [dict(zip(columns, row)) for row in conn.execute(sql, (key,))]


def _aspect_summary(emotions: list[dict], taxonomy: Taxonomy, language: str) -> list[dict]:
    """Per aspect: mentions, mean polarity, positive/negative counts and the strongest quote: the
    clearest opinion on the side of the mean ("一杯手冲要38太贵了" over "能不能便宜点"), the newest of
    equals; the newest quote when the mean is neutral."""
    by_aspect: dict[str, list[dict]] = {}
    for row in emotions:
        if row["aspect"] != "overall":
            by_aspect.setdefault(row["aspect"], []).append(row)
    summary = []
    for aspect, rows in by_aspect.items():
        mean = sum(r["polarity"] for r in rows) / len(rows)
        side = (mean > 0) - (mean < 0)
        strongest = max(rows, key=lambda r: side * r["polarity"])  # newest first: max keeps the first of equals
        summary.append({
            "aspect": aspect,
            "name": taxonomy.name(aspect, language, "aspect"),
            "mentions": len(rows),
            "mean_polarity": round(mean, 3),
            "negative": sum(1 for r in rows if r["polarity"] < -0.2),
            "positive": sum(1 for r in rows if r["polarity"] > 0.2),
            "evidence": strongest["evidence"],
        })
    return sorted(summary, key=lambda a: (-a["mentions"], a["aspect"]))


def _evidence_quotes(conn, user_id: str, result: dict) -> list[dict]:
    """The texts behind the strongest tags, values and intents, with what each supports."""
    supports: dict[str, list[str]] = {}
    ranked = sorted(
        [(t["confidence"], t["evidence_ref"], t["name"]) for t in result["tags"]]
        + [(v["confidence"], v["evidence_ref"], v["name"]) for v in result["values"]]
        + [(i["confidence"], i["evidence_ref"], i["name"]) for i in result["intents"]],
        key=lambda entry: -entry[0])
    for _, ref, name in ranked:
        if ref and ref.startswith("text:"):
            names = supports.setdefault(ref, [])
            if name not in names:
                names.append(name)
    quotes = []
    for ref in list(supports)[:MAX_EVIDENCE_QUOTES]:
        row = conn.execute("SELECT source, text, at FROM texts WHERE user_id = ? AND text_id = ?",
                           (user_id, ref.split(":", 1)[1])).fetchone()
        if row:
            quotes.append({"ref": ref, "source": row[0], "text": row[1][:300], "at": row[2], "supports": supports[ref]})
    return quotes
