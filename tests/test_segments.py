"""Saved segments (save, replace, refresh, history), lookup, profiles, export — on real SQLite files."""

import csv
import json
import sqlite3
from datetime import datetime, timedelta

import pytest

from schema.db import connect
from tests.test_segments_data import ARCHETYPES, add_user, make_profile_db
from tools.segments import (
    EmptySegmentError,
    SegmentError,
    audience_profile,
    delete_segment,
    export_audience,
    get_segment,
    list_segments,
    refresh_saved_segments,
    save_segment,
    segment_members,
    segment_profile,
)

OUTDOOR_PRICE_SQL = (
    "SELECT DISTINCT t.user_id FROM tags t JOIN profiles p ON p.user_id = t.user_id"
    " WHERE t.tag_id = ? AND t.status = 'active' AND p.consumption = ?"
)
OUTDOOR_PARAMS = ("outdoor_sports", "price_sensitive")


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "seg.db"
    make_profile_db(path, per_group=8)
    return str(path)


def test_save_stores_sql_params_spec_and_members(db):
    spec = {"interests": ["outdoor_sports"], "consumption": "price_sensitive"}
    saved = save_segment(db, "价格敏感的户外爱好者", OUTDOOR_PRICE_SQL, OUTDOOR_PARAMS, spec=spec)
    assert saved["size"] == 8 and saved["kind"] == "saved" and not saved["replaced"]
    conn = connect(db)
    kind, stored_sql, stored_spec = conn.execute(
        "SELECT kind, sql, spec FROM segments WHERE name = ?", ("价格敏感的户外爱好者",)).fetchone()
    assert kind == "saved" and stored_sql == OUTDOOR_PRICE_SQL
    assert json.loads(stored_spec) == {"audience": spec, "params": list(OUTDOOR_PARAMS)}
    members = {u for (u,) in conn.execute("SELECT user_id FROM segment_members WHERE segment_id = ?",
                                          (saved["segment_id"],))}
    assert members == {f"u0{i:04d}" for i in range(8)}
    assert conn.execute("SELECT COUNT(*) FROM segment_sizes WHERE segment_id = ?", (saved["segment_id"],)).fetchone()[0] == 1
    # the statement went through the guard, which logs every statement it runs
    assert conn.execute("SELECT COUNT(*) FROM audit_log WHERE kind = 'sql' AND question LIKE 'save segment%'").fetchone()[0] == 1


def test_a_statement_relative_to_today_is_saved_as_rolling(db):
    fixed = save_segment(db, "户外", OUTDOOR_PRICE_SQL, OUTDOOR_PARAMS)
    # (… OR one user: an audience no one matches today is not saved at all)
    rolling = save_segment(db, "近期", "SELECT user_id FROM profiles WHERE last_active_at >= date('now', '-30 days')"
                                     " OR user_id = 'u00000'")
    today = save_segment(db, "今天", "SELECT user_id FROM profiles WHERE last_active_at >= DATE('NOW')"
                                     " OR user_id = 'u00000'")
    assert (fixed["rolling"], rolling["rolling"], today["rolling"]) == (False, True, True)


def test_an_audience_no_user_matches_is_not_saved_and_an_old_segment_of_its_name_is_kept(db):
    save_segment(db, "户外", OUTDOOR_PRICE_SQL, OUTDOOR_PARAMS)
    with pytest.raises(EmptySegmentError, match="segment '户外' was not saved.*widen the conditions"):
        save_segment(db, "户外", "SELECT user_id FROM profiles WHERE lifecycle = 'dormant' AND user_id = 'nobody'")
    with pytest.raises(EmptySegmentError):
        save_segment(db, "沉睡", "SELECT user_id FROM profiles WHERE user_id = 'nobody'")
    assert [(s["name"], s["size"]) for s in list_segments(db)] == [("户外", 8)]


def test_resaving_a_name_replaces_it_and_says_so(db):
    save_segment(db, "户外", OUTDOOR_PRICE_SQL, OUTDOOR_PARAMS)
    again = save_segment(db, "户外", "SELECT user_id FROM tags WHERE tag_id = 'outdoor_sports' AND status = 'active'"
                                     " AND user_id IN ('u00000', 'u00001')")
    assert again["replaced"] and again["size"] == 2
    assert "replaced" in again["note"] and "8 members" in again["note"] and "2 members" in again["note"]
    assert [s["name"] for s in list_segments(db)].count("户外") == 1
    assert len(list_segments(db)[0]["history"]) == 1  # the old definition's history went with it


def test_refresh_follows_new_data_and_keeps_history(db):
    save_segment(db, "价格敏感的户外爱好者", OUTDOOR_PRICE_SQL, OUTDOOR_PARAMS)
    add_user(db, "u_new", ARCHETYPES[0])
    assert refresh_saved_segments(db) == {"价格敏感的户外爱好者": 9}
    segment = list_segments(db)[0]
    assert [h["size"] for h in segment["history"]] == [8, 9]
    assert segment["size"] == 9 and segment["previous_size"] == 8
    assert "u_new" in {u for u, _ in segment_members(db, "价格敏感的户外爱好者")}


def test_a_segment_that_no_longer_runs_keeps_its_members_and_is_logged(db):
    good = save_segment(db, "ok", OUTDOOR_PRICE_SQL, OUTDOOR_PARAMS)
    broken = save_segment(db, "broken", "SELECT user_id FROM profiles WHERE consumption = 'premium'")
    conn = connect(db)
    with conn:  # as if the catalog had changed under it
        conn.execute("UPDATE segments SET sql = 'SELECT user_id FROM profiles WHERE no_such_column = 1'"
                     " WHERE segment_id = ?", (broken["segment_id"],))
    assert refresh_saved_segments(db) == {"ok": good["size"]}
    assert len(segment_members(db, "broken")) == 8
    detail = conn.execute("SELECT detail FROM audit_log WHERE kind = 'tool' AND status = 'error'").fetchone()[0]
    assert "broken" in detail and "no_such_column" in detail


@pytest.mark.parametrize("sql, message", [
    ("DELETE FROM users", "did not run"),
    ("SELECT city FROM users", r"first column \(city\) holds no user ids"),
    ("SELECT phone FROM identities", "did not run"),
])
def test_save_refuses_statements_that_are_not_audiences(db, sql, message):
    with pytest.raises(SegmentError, match=message):
        save_segment(db, "bad", sql)
    assert list_segments(db) == []


def test_save_needs_a_name(db):
    with pytest.raises(SegmentError, match="needs a name"):
        save_segment(db, "  ", OUTDOOR_PRICE_SQL, OUTDOOR_PARAMS)


def test_lookup_by_id_name_and_helpful_miss(db):
    saved = save_segment(db, "价格敏感的户外爱好者", OUTDOOR_PRICE_SQL, OUTDOOR_PARAMS)
    assert get_segment(db, saved["segment_id"])["name"] == "价格敏感的户外爱好者"
    assert get_segment(db, "价格敏感的户外爱好者")["params"] == list(OUTDOOR_PARAMS)
    with pytest.raises(SegmentError, match="did you mean '价格敏感的户外爱好者'"):
        get_segment(db, "价格敏感的户外")


def test_profile_describes_the_segment_against_everyone(db):
    save_segment(db, "户外", OUTDOOR_PRICE_SQL, OUTDOOR_PARAMS)
    profile = segment_profile(db, "户外")
    assert profile["size"] == 8 and profile["population"] == 32
    top = profile["interests"][0]
    assert top["id"] in ("outdoor_sports", "hiking") and top["share"] == 1.0 and top["base_share"] == 0.25
    assert profile["complained"][0]["aspect"] == "price"
    assert profile["praised"][0]["aspect"] == "quality"
    assert profile["consumption"][0]["id"] == "price_sensitive" and profile["consumption"][0]["share"] == 1.0
    assert profile["lifecycle"][0]["id"] == "mature"
    assert any(v["id"] == "frugal" for v in profile["values"])
    assert any("太贵" in q["text"] and q["kind"] == "complaint" for q in profile["quotes"])
    assert profile["behavior"]["members"]["avg_basket"] < profile["behavior"]["population"]["avg_basket"]
    assert profile["history"][0]["size"] == 8


def test_profile_of_unsaved_audience(db):
    profile = audience_profile(db, [f"u1{i:04d}" for i in range(8)])
    assert profile["consumption"][0]["id"] == "quality_seeker"
    assert {i["id"] for i in profile["interests"][:2]} == {"skincare", "beauty_makeup"}


def test_export_csv_without_identities_by_default(db, tmp_path):
    save_segment(db, "户外", OUTDOOR_PRICE_SQL, OUTDOOR_PARAMS)
    out = tmp_path / "out" / "audience.csv"
    report = export_audience(db, "户外", out, ["city", "consumption", "interests", "probability"])
    assert report["rows"] == 8 and report["fields"] == ["user_id", "city", "consumption", "interests", "probability"]
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert rows[0].keys() == {"user_id", "city", "consumption", "interests", "probability"}
    assert {r["consumption"] for r in rows} == {"price_sensitive"}
    assert all("outdoor_sports" in r["interests"].split("|") for r in rows)
    text = out.read_text(encoding="utf-8")
    assert "138" not in text and "测试用户" not in text  # no phone numbers, no names


def test_export_jsonl_with_identities_is_explicit_and_logged(db, tmp_path):
    out = tmp_path / "audience.jsonl"
    with pytest.raises(SegmentError, match="personal data"):
        export_audience(db, ["u00001"], out, ["phone"])
    export_audience(db, ["u00001", "u00002"], out, ["age"], with_identities=True)
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["user_id"] for r in records] == ["u00001", "u00002"]
    assert records[0]["phone"][0].startswith("138") and records[0]["name"] == "测试用户01"
    assert records[0]["email"] == [] and isinstance(records[0]["age"], int)
    conn = connect(db)
    detail = json.loads(conn.execute(
        "SELECT detail FROM audit_log WHERE kind = 'tool' ORDER BY id DESC LIMIT 1").fetchone()[0])
    assert detail["action"] == "export" and detail["with_identities"] is True


@pytest.mark.parametrize("out, fields, message", [
    ("a.xlsx", [], "writes .csv or .jsonl"),
    ("a.csv", ["salary"], "unknown export field 'salary'"),
])
def test_export_refuses_bad_requests(db, tmp_path, out, fields, message):
    with pytest.raises(SegmentError, match=message):
        export_audience(db, ["u00001"], tmp_path / out, fields)


def test_delete(db):
    save_segment(db, "户外", OUTDOOR_PRICE_SQL, OUTDOOR_PARAMS)
    delete_segment(db, "户外")
    assert list_segments(db) == []
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT COUNT(*) FROM segment_members").fetchone()[0] == 0


# ---- the real path: ingest, `persona build`, new data, build again ------------------------------

def _outdoor_record(user_id: str, n: int) -> dict:
    """An input record of a hiker who finds the gear too expensive."""
    day = (datetime.now() - timedelta(days=5 + n)).replace(microsecond=0).isoformat()
    return {
        "user_id": user_id,
        "attributes": {"gender": "male", "age": 30 + n, "city": "上海"},
        "orders": [{"order_id": f"{user_id}-o{i}", "product": "Gore-Tex hiking boots", "category": "outdoor",
                    "amount": 399.0, "ordered_at": day} for i in range(3)],
        "texts": [{"text_id": f"{user_id}-t", "source": "review", "text": "登山鞋很好穿，就是价格太贵了", "at": day}],
    }


def test_saved_segment_refreshes_after_each_build(tmp_path):
    from tools.ingest import ingest_records
    from tools.profile.build import build_profiles

    db = str(tmp_path / "built.db")
    ingest_records(db, [_outdoor_record("a1", 1), _outdoor_record("a2", 2),
                        {"user_id": "b1", "attributes": {"gender": "female", "city": "北京"}}])
    build_profiles(db)
    sql = "SELECT DISTINCT user_id FROM tags WHERE tag_id = ? AND status = 'active'"
    assert save_segment(db, "户外爱好者", sql, ["outdoor_sports"])["size"] == 2
    ingest_records(db, [_outdoor_record("a3", 3)])
    assert build_profiles(db).built == 1  # only the new user; the build refreshes saved segments
    segment = list_segments(db)[0]
    assert [h["size"] for h in segment["history"]] == [2, 3]
    assert {u for u, _ in segment_members(db, "户外爱好者")} == {"a1", "a2", "a3"}
