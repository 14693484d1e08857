"""build_profiles on real SQLite files: the demo end to end, incremental builds, interrupted
builds, tag versions and history, decay, the observe threshold, load_profile."""

import json
import shutil
import sqlite3
from pathlib import Path

import pytest

import tools.profile.build as build_module
from tools.ingest import ingest_file, ingest_records
from tools.profile.build import BuildError, BuildInterrupted, build_one, build_profiles
from tools.profile.store import load_profile
from tests.db_helpers import ago, rows

DEMO = Path(__file__).resolve().parents[1] / "seeds" / "demo.jsonl"


def record(user_id="u1", *, orders=(), texts=(), events=(), **attributes):
    attrs = {"name": "Test", "gender": "female", "age": 30, "city": "上海", "member_level": "gold",
             "registered_at": ago(500)[:10]}
    attrs.update(attributes)
    return {"user_id": user_id, "attributes": attrs, "orders": list(orders), "texts": list(texts),
            "events": list(events)}


def an_order(order_id, category, days, amount=500.0, product=None):
    return {"order_id": order_id, "product": product or f"{category} 商品", "category": category, "amount": amount,
            "ordered_at": ago(days)}


def a_text(text_id, body, days, source="post"):
    return {"text_id": text_id, "source": source, "text": body, "at": ago(days)}


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    db = tmp_path_factory.mktemp("demo") / "demo.db"
    ingest_file(db, DEMO)
    report = build_profiles(str(db))
    return db, report


@pytest.fixture
def demo_copy(demo_db, tmp_path):
    copy = tmp_path / "demo.db"
    shutil.copy(demo_db[0], copy)
    return str(copy)


def test_demo_builds_every_user_with_consistent_tags(demo_db):
    db, report = demo_db
    users = rows(db, "SELECT COUNT(*) FROM users")[0][0]
    assert (report.built, report.selected, report.errors, report.fallbacks, report.llm_calls) == (users, users, 0, 0, 0)
    assert rows(db, "SELECT COUNT(*), MIN(model), MAX(fallback) FROM profiles") == [(users, "offline", 0)]
    # A level-2/3 interest implies every ancestor.
    orphans = rows(db, "SELECT t.user_id, t.tag_id FROM tags t JOIN taxonomy x ON x.kind = 'interest' AND x.id = t.tag_id "
                       "WHERE x.parent_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM tags p WHERE p.user_id = t.user_id "
                       "AND p.tag_id = x.parent_id)")
    assert orphans == []
    assert rows(db, "SELECT COUNT(*) FROM tags WHERE evidence IS NULL OR evidence = '' "
                    "OR confidence < 0 OR confidence > 1") == [(0,)]
    # One 'overall' emotion row per text.
    assert rows(db, "SELECT COUNT(*) FROM texts") == rows(db, "SELECT COUNT(*) FROM emotions WHERE aspect = 'overall'")
    statuses = {s for (s,) in rows(db, "SELECT DISTINCT status FROM tags")}
    assert statuses <= {"active", "observe"}
    assert rows(db, "SELECT COUNT(*) FROM tags WHERE status = 'active' AND confidence < 0.6") == [(0,)]
    assert rows(db, "SELECT kind FROM audit_log WHERE kind = 'build'") == [("build",)]


def test_demo_interests_match_the_ground_truth(demo_db):
    db, _ = demo_db
    truth = [json.loads(line) for line in (DEMO.parent / "demo.truth.jsonl").open(encoding="utf-8")]
    canonical = {alias: user for alias, user in rows(db, "SELECT alias_id, user_id FROM user_aliases")}
    found: dict[str, set] = {}
    for user_id, tag_id in rows(db, "SELECT t.user_id, t.tag_id FROM tags t JOIN taxonomy x ON x.kind = 'interest' "
                                    "AND x.id = t.tag_id AND x.level = 1 WHERE t.status = 'active'"):
        found.setdefault(user_id, set()).add(tag_id)
    tp = fp = fn = 0
    for entry in truth:
        if "same_person_as" in entry or entry["user_id"] in canonical:
            continue  # merged people carry two truths
        got, want = found.get(entry["user_id"], set()), set(entry["interests"])
        tp, fp, fn = tp + len(got & want), fp + len(got - want), fn + len(want - got)
    f1 = 2 * tp / (2 * tp + fp + fn)
    assert f1 >= 0.95, (tp, fp, fn)


def test_second_build_touches_nobody_then_only_the_user_with_new_text(demo_copy):
    assert build_profiles(demo_copy).selected == 0
    user_id = rows(demo_copy, "SELECT user_id FROM users ORDER BY user_id LIMIT 1 OFFSET 5")[0][0]
    ingest_records(demo_copy, [{"user_id": user_id,
                                "texts": [{"text_id": "fresh-1", "source": "review", "text": "耳机音质很好,但是物流太慢了",
                                           "at": ago(0.1)}]}])
    before = rows(demo_copy, "SELECT built_at FROM profiles WHERE user_id = ?", user_id)[0][0]
    report = build_profiles(demo_copy)
    assert (report.selected, report.built) == (1, 1)
    assert rows(demo_copy, "SELECT built_at > ? FROM profiles WHERE user_id = ?", before, user_id) == [(1,)]
    aspects = dict(rows(demo_copy, "SELECT aspect, polarity FROM emotions WHERE text_id = 'fresh-1'"))
    assert aspects["delivery"] < 0 and "overall" in aspects
    assert build_profiles(demo_copy).selected == 0


def test_interrupted_build_keeps_finished_batches_and_the_rerun_continues(demo_copy):
    conn = sqlite3.connect(demo_copy)
    with conn:
        for table in ("profiles", "tags", "emotions", "intents", "user_values"):
            conn.execute(f"DELETE FROM {table}")
    conn.close()
    total = rows(demo_copy, "SELECT COUNT(*) FROM users")[0][0]

    def stop_after_two_batches(report):
        if report.done >= 40:
            raise KeyboardInterrupt

    with pytest.raises(BuildInterrupted) as caught:
        build_profiles(demo_copy, batch_size=20, on_progress=stop_after_two_batches)
    assert caught.value.report.interrupted and caught.value.report.built == 40
    assert rows(demo_copy, "SELECT COUNT(*) FROM profiles") == [(40,)]
    report = build_profiles(demo_copy, batch_size=20)
    assert (report.selected, report.built) == (total - 40, total - 40)


def test_a_crash_mid_batch_rolls_back_only_that_batch(demo_copy, monkeypatch):
    conn = sqlite3.connect(demo_copy)
    with conn:
        conn.execute("DELETE FROM profiles")
    conn.close()
    real_write = build_module.write_batch
    calls = []

    def write_then_fail_on_the_third(conn, drafts, **kwargs):
        calls.append(len(drafts))
        written = real_write(conn, drafts, **kwargs)
        if len(calls) == 3:
            raise OSError("disk full")
        return written

    monkeypatch.setattr(build_module, "write_batch", write_then_fail_on_the_third)
    with pytest.raises(OSError, match="disk full"):
        build_profiles(demo_copy, batch_size=25)
    assert rows(demo_copy, "SELECT COUNT(*) FROM profiles") == [(50,)]
    monkeypatch.setattr(build_module, "write_batch", real_write)
    total = rows(demo_copy, "SELECT COUNT(*) FROM users")[0][0]
    assert build_profiles(demo_copy, batch_size=25).built == total - 50


def test_tags_are_versioned_with_history(tmp_path):
    db = str(tmp_path / "v.db")
    ingest_records(db, [record(orders=[an_order("o1", "户外装备", 5)], occupation="学生",
                               texts=[a_text("t1", "宿舍的室友都很好相处", 3)])])
    build_profiles(db)
    first = dict(rows(db, "SELECT tag_id, version FROM tags WHERE user_id = 'u1'"))
    assert first["student"] == 1 and first["outdoor_sports"] == 1
    (confidence,) = rows(db, "SELECT confidence FROM tags WHERE user_id = 'u1' AND tag_id = 'outdoor_sports'")[0]

    ingest_records(db, [record(orders=[an_order("o2", "登山用品", 2), an_order("o3", "Outdoor Gear", 1)],
                               texts=[a_text("t2", "最近在写毕业论文,还要准备找工作", 1)])])
    assert build_profiles(db).built == 1
    now = dict(rows(db, "SELECT tag_id, version FROM tags WHERE user_id = 'u1'"))
    assert "student" not in now and now["graduating"] == 1
    assert now["outdoor_sports"] == 2                         # 0.6 -> 0.94: a material change
    history = {(tag, change): (version, conf) for tag, change, version, conf in rows(
        db, "SELECT tag_id, change, version, confidence FROM tag_history WHERE user_id = 'u1'")}
    assert history[("student", "replaced_by:graduating")][0] == 1
    assert history[("outdoor_sports", "updated")] == (1, confidence)
    card = load_profile(db, "u1")
    assert {h["change"] for h in card["history"]} >= {"replaced_by:graduating", "updated"}


def test_old_evidence_decays_relative_to_the_latest_activity(tmp_path):
    db = str(tmp_path / "d.db")
    ingest_records(db, [
        record("fresh", orders=[an_order("f1", "图书", 3)]),
        record("stale", orders=[an_order("s1", "图书", 368), an_order("s2", "宠物用品", 3)]),
        record("quiet", orders=[an_order("q1", "图书", 368)]),
    ])
    build_profiles(db)
    books = dict(rows(db, "SELECT user_id, confidence FROM tags WHERE tag_id = 'books'"))
    assert books["fresh"] == pytest.approx(0.6)
    assert books["stale"] == pytest.approx(0.6 * 0.5 ** (335 / 365), abs=0.01)   # 365 days older than the newest order: 30 at full weight, then decay
    assert books["quiet"] == pytest.approx(0.6)               # nothing newer: a quiet user keeps their interests
    assert rows(db, "SELECT lifecycle FROM profiles WHERE user_id = 'quiet'") == [("dormant",)]
    assert rows(db, "SELECT status FROM tags WHERE user_id = 'stale' AND tag_id = 'books'") == [("observe",)]


def test_threshold_decides_active_or_observe(tmp_path, monkeypatch):
    db = str(tmp_path / "t.db")
    ingest_records(db, [record(orders=[an_order("o1", "户外装备", 3), an_order("o2", "户外装备", 4)])])
    build_profiles(db)
    assert rows(db, "SELECT status FROM tags WHERE tag_id = 'outdoor_sports'") == [("active",)]   # 0.84
    build_profiles(db, rebuild_all=True, threshold=0.9)
    assert rows(db, "SELECT status, version FROM tags WHERE tag_id = 'outdoor_sports'") == [("observe", 2)]
    monkeypatch.setenv("PERSONA_TAG_THRESHOLD", "0.5")
    assert build_profiles(db, rebuild_all=True).threshold == 0.5
    assert rows(db, "SELECT status FROM tags WHERE tag_id = 'outdoor_sports'") == [("active",)]
    with pytest.raises(BuildError, match="between 0 and 1"):
        build_profiles(db, threshold=1.5)
    monkeypatch.setenv("PERSONA_TAG_THRESHOLD", "high")
    with pytest.raises(BuildError, match="not a number"):
        build_profiles(db)


def test_choosing_users_by_id_alias_and_time(tmp_path):
    db = str(tmp_path / "c.db")
    ingest_records(db, [record("a", orders=[an_order("a1", "图书", 3)]),
                        {"user_id": "b", "identities": {"phone": "13800000001"}, "attributes": {"age": 40}},
                        {"user_id": "b-alias", "identities": {"phone": "13800000001"}}])
    assert build_profiles(db, user_ids=["a"]).built == 1
    assert build_profiles(db, user_ids=["b-alias"]).built == 1          # resolved to its canonical user
    assert build_profiles(db, since=ago(-1)).selected == 0              # nothing changed after tomorrow
    assert build_profiles(db, since=ago(1)).selected == 2
    assert build_profiles(db, rebuild_all=True).built == 2
    with pytest.raises(BuildError, match="unknown user id: nobody"):
        build_profiles(db, user_ids=["nobody"])
    with pytest.raises(BuildError, match="not an ISO-8601 time"):
        build_profiles(db, since="last tuesday")
    profile = build_one(db, "a")
    assert profile["user_id"] == "a" and profile["profile"]["model"] == "offline"


def test_load_profile_is_json_ready_and_never_shows_identities(demo_db):
    db, _ = demo_db
    user_id = rows(db, "SELECT user_id FROM profiles ORDER BY completeness DESC LIMIT 1")[0][0]
    profile = load_profile(str(db), user_id)
    text = json.dumps(profile, ensure_ascii=False)
    phones = [value for (value,) in rows(db, "SELECT value FROM identities WHERE user_id = ?", user_id)]
    assert phones and not any(value in text for value in phones)
    assert set(profile) >= {"user", "profile", "tags", "emotions", "aspects", "intents", "values", "segments",
                            "history", "evidence", "counts", "language"}
    assert profile["profile"]["summary"] and profile["tags"] and profile["evidence"]
    assert all(q["ref"].startswith("text:") and q["supports"] for q in profile["evidence"])
    assert load_profile(str(db), "no-such-user") is None


def test_rule_segments_are_assigned(demo_db):
    db, _ = demo_db
    segments = dict(rows(db, "SELECT segment_id, kind FROM segments WHERE kind = 'rule'"))
    assert set(segments) == {"rule_high_value", "rule_churn_warning", "rule_new_customers"}
    churn = {u for (u,) in rows(db, "SELECT user_id FROM segment_members WHERE segment_id = 'rule_churn_warning'")}
    assert churn == {u for (u,) in rows(db, "SELECT user_id FROM profiles WHERE lifecycle = 'churn_risk'")}
    assert rows(db, "SELECT COUNT(*) > 0 FROM segment_sizes WHERE segment_id = 'rule_new_customers'") == [(1,)]
