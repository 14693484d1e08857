"""`persona ingest`: streaming, normalization, de-duplication, identity resolution, bad input.

Every test writes a real SQLite file under tmp_path and reads back what ingest stored.
"""

import json
import re
import sqlite3
from pathlib import Path

import pytest

import tools.ingest as ingest_module
from agent.cli import main
from schema.geo import city_names, normalize_city
from tools.ingest import ingest_file, ingest_records, normalize_time, parse_record, read_records
from tools.lang import detect_lang
from tests.db_helpers import rows

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
OLD = "2000-01-01T00:00:00"  # a data_updated_at no real ingest would write


def one(db, sql, *params):
    found = rows(db, sql, *params)
    return found[0] if found else None


def counts(db):
    return {table: one(db, f"SELECT COUNT(*) FROM {table}")[0]
            for table in ("users", "user_aliases", "identities", "orders", "events", "texts")}


def age_everyone(db):
    conn = sqlite3.connect(db)
    with conn:
        conn.execute("UPDATE users SET data_updated_at = ?", (OLD,))
    conn.close()


def write_jsonl(path, records):
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


# --- a good file -------------------------------------------------------------------------------


def test_good_file_loads_everything_normalized(tmp_path):
    db = tmp_path / "p.db"
    report = ingest_file(db, FIXTURES / "good.jsonl")
    assert (report.records, report.loaded, report.rejected, report.errors) == (4, 4, 0, [])
    assert (report.new_users, report.orders, report.events, report.texts) == (4, 4, 3, 5)

    assert one(db, "SELECT name, gender, age, city, city_tier, member_level, registered_at FROM users "
                   "WHERE user_id = 'u00042'") == ("李娜", "female", 29, "上海", 1, "gold", "2024-03-01T00:00:00")
    # zh spellings, "Shanghai", an age given as text, a time with a space
    assert one(db, "SELECT gender, age, city, city_tier, member_level, registered_at FROM users "
                   "WHERE user_id = 'u00043'") == ("female", 34, "上海", 1, "silver", "2024-05-06T08:30:00")
    assert one(db, "SELECT gender, age, city FROM users WHERE user_id = 'u00044'") == ("unknown", None, None)
    # a numeric user id, occupation / education, unknown fields and surveys kept in extra
    user = one(db, "SELECT gender, member_level, occupation, education, extra FROM users WHERE user_id = '45'")
    assert user[:4] == ("male", "platinum", "工程师", "硕士")
    assert json.loads(user[4]) == {
        "hobby": "摄影", "vip_note": "called twice",
        "surveys": {"interests": ["健身", "阅读"], "values": ["健康", "创新"]},
    }
    survey = one(db, "SELECT text, lang FROM texts WHERE user_id = '45' AND source = 'survey'")
    assert survey == ("问卷 兴趣: 健身、阅读; 价值观: 健康、创新", "zh")

    assert one(db, "SELECT amount, ordered_at, interest_id FROM orders WHERE order_id = 'o2'") == (
        899.0, "2026-09-12T20:15:00", "outdoor_sports")
    # an order without an id gets a content hash; its unknown field is kept
    order = one(db, "SELECT order_id, interest_id, extra FROM orders WHERE user_id = '45'")
    assert order[0].startswith("h") and order[1] == "pet_cat_owner" and json.loads(order[2]) == {"coupon": "NEW10"}
    assert rows(db, "SELECT type, interest_id FROM events WHERE user_id = 'u00043' ORDER BY event_id") == [
        ("search", "camping"), ("cart", "camping")]  # Outdoor Gear + "tent": the more specific
    assert rows(db, "SELECT text_id, source, lang FROM texts WHERE user_id = 'u00043' ORDER BY text_id") == [
        ("t2", "review", "en"), ("t3", "chat", "zh")]
    # the taxonomy table is filled for SQL joins
    assert one(db, "SELECT name_zh FROM taxonomy WHERE kind = 'interest' AND id = 'outdoor_sports'") == ("户外运动",)


def test_times_with_a_zone_become_local_time(tmp_path, monkeypatch):
    monkeypatch.setenv("TZ", "UTC")
    import time

    time.tzset()
    db = tmp_path / "p.db"
    ingest_file(db, FIXTURES / "good.jsonl")
    assert one(db, "SELECT ordered_at FROM orders WHERE order_id = 'o3'") == ("2026-09-13T00:00:00",)


def test_identities_never_reach_the_users_table(tmp_path):
    db = tmp_path / "p.db"
    records = [{"user_id": "p1", "identities": {"phone": "13811112222"},
                "attributes": {"email": "Secret@Example.com", "device_id": "dev-77"}, "phone": "13900001111"}]
    ingest_records(db, records)
    stored = json.dumps(rows(db, "SELECT * FROM users"), ensure_ascii=False)
    for secret in ("13811112222", "secret@example.com", "Secret", "dev-77", "13900001111"):
        assert secret not in stored
    assert sorted(rows(db, "SELECT kind, value FROM identities")) == [
        ("device_id", "dev-77"), ("email", "secret@example.com"), ("phone", "13811112222"), ("phone", "13900001111")]


# --- re-ingest ---------------------------------------------------------------------------------


def test_reingest_is_idempotent(tmp_path):
    db = tmp_path / "p.db"
    ingest_file(db, FIXTURES / "good.jsonl")
    before = counts(db)
    age_everyone(db)
    report = ingest_file(db, FIXTURES / "good.jsonl")
    assert counts(db) == before
    assert (report.unchanged_users, report.new_users, report.updated_users) == (4, 0, 0)
    assert (report.orders, report.events, report.texts) == (0, 0, 0)
    assert rows(db, "SELECT DISTINCT data_updated_at FROM users") == [(OLD,)]


def test_reingest_with_one_new_text_bumps_only_that_user(tmp_path):
    db = tmp_path / "p.db"
    ingest_file(db, FIXTURES / "good.jsonl")
    age_everyone(db)
    report = ingest_records(db, [
        {"user_id": "u00043", "texts": [{"text_id": "t9", "source": "review", "text": "帐篷收到了，很好"}]},
        {"user_id": "u00042", "attributes": {"city": "上海"}},  # says nothing new
    ])
    assert (report.updated_users, report.unchanged_users, report.texts) == (1, 1, 1)
    assert rows(db, "SELECT user_id FROM users WHERE data_updated_at != ?", OLD) == [("u00043",)]
    # the record did not repeat u00043's attributes: they are kept, not erased
    assert one(db, "SELECT gender, age, city FROM users WHERE user_id = 'u00043'") == ("female", 34, "上海")


def test_changed_attribute_or_item_bumps_the_user(tmp_path):
    db = tmp_path / "p.db"
    ingest_file(db, FIXTURES / "good.jsonl")
    age_everyone(db)
    ingest_records(db, [
        {"user_id": "u00042", "attributes": {"city": "Beijing"}},
        {"user_id": "u00043", "orders": [{"order_id": "o2", "product": "冲锋衣", "category": "户外装备",
                                          "amount": 799, "ordered_at": "2026-09-12 20:15:00"}]},
    ])
    assert sorted(rows(db, "SELECT user_id FROM users WHERE data_updated_at != ?", OLD)) == [("u00042",), ("u00043",)]
    assert one(db, "SELECT city, city_tier FROM users WHERE user_id = 'u00042'") == ("北京", 1)
    assert one(db, "SELECT amount FROM orders WHERE order_id = 'o2'") == (799.0,)


def test_items_without_ids_are_deduplicated_by_content(tmp_path):
    db = tmp_path / "p.db"
    record = {"user_id": "c1", "texts": ["同一句话", {"text": "同一句话", "source": "post"}],
              "events": [{"type": "view", "target": "x", "at": "2026-10-01 10:00:00"},
                         {"type": "浏览", "target": "x", "at": "2026-10-01T10:00:00"}]}
    ingest_records(db, [record])
    ingest_records(db, [record])
    assert counts(db)["texts"] == 1 and counts(db)["events"] == 1


def test_same_item_id_for_two_users_keeps_both(tmp_path):
    db = tmp_path / "p.db"
    report = ingest_records(db, [
        {"user_id": "s1", "orders": [{"order_id": "o1", "amount": 1}]},
        {"user_id": "s2", "orders": [{"order_id": "o1", "amount": 2}]},
    ])
    assert report.scoped_ids == 1
    assert rows(db, "SELECT order_id, user_id, amount FROM orders ORDER BY order_id") == [
        ("o1", "s1", 1.0), ("s2:o1", "s2", 2.0)]
    again = ingest_records(db, [{"user_id": "s2", "orders": [{"order_id": "o1", "amount": 2}]}])
    assert again.unchanged_users == 1 and counts(db)["orders"] == 2


# --- identity resolution -------------------------------------------------------------------------


@pytest.mark.parametrize("kind,first,second,reason", [
    ("phone", "13800000042", "+86 138 0000 0042", "shared phone"),
    ("email", "Li@Example.com ", "li@example.com", "shared email"),
    ("device_id", "d-9f2", " d-9f2", "shared device id"),
])
def test_shared_identity_merges_into_the_first_user(tmp_path, kind, first, second, reason):
    db = tmp_path / "p.db"
    report = ingest_records(db, [
        {"user_id": "A", "identities": {kind: first}, "attributes": {"gender": "女", "city": "上海"},
         "texts": [{"text_id": "ta", "text": "第一条"}]},
        {"user_id": "B", "identities": {kind: second}, "attributes": {"gender": "male", "age": 30, "city": "北京"},
         "orders": [{"order_id": "ob", "amount": 5}], "texts": [{"text_id": "tb", "text": "第二条"}]},
    ])
    assert report.merged == 1 and [(m.alias_id, m.user_id, m.reason) for m in report.merges] == [("B", "A", reason)]
    assert rows(db, "SELECT user_id FROM users") == [("A",)]
    assert rows(db, "SELECT alias_id, user_id, reason FROM user_aliases") == [("B", "A", reason)]
    assert rows(db, "SELECT DISTINCT user_id FROM texts UNION SELECT DISTINCT user_id FROM orders") == [("A",)]
    # the alias's record fills gaps but does not overwrite what A said
    assert one(db, "SELECT gender, age, city FROM users WHERE user_id = 'A'") == ("female", 30, "上海")
    # later records under the alias id go to the canonical user
    age_everyone(db)
    later = ingest_records(db, [{"user_id": "B", "texts": [{"text_id": "tb2", "text": "第三条"}]}])
    assert later.updated_users == 1 and later.merged == 0
    assert one(db, "SELECT user_id FROM texts WHERE text_id = 'tb2'") == ("A",)
    assert rows(db, "SELECT user_id FROM users WHERE data_updated_at != ?", OLD) == [("A",)]


def test_transitive_merge_and_reingest(tmp_path):
    db = tmp_path / "p.db"
    records = [
        {"user_id": "A", "identities": {"phone": "13800000001"}},
        {"user_id": "B", "identities": {"phone": "13800000001", "email": "b@x.com"}},
        {"user_id": "C", "identities": {"email": "B@X.com", "device_id": "dev-c"}},
        {"user_id": "D", "identities": {"device_id": "dev-c"}, "texts": ["D 的文字"]},
    ]
    path = write_jsonl(tmp_path / "people.jsonl", records)
    report = ingest_file(db, path)
    assert report.merged == 3
    assert rows(db, "SELECT user_id FROM users") == [("A",)]
    assert sorted(rows(db, "SELECT alias_id, user_id FROM user_aliases")) == [("B", "A"), ("C", "A"), ("D", "A")]
    assert [str(m) for m in report.merges][1] == f"C -> A (shared email; {path}:3)"
    assert one(db, "SELECT user_id FROM texts") == ("A",)
    before = counts(db)
    age_everyone(db)
    again = ingest_file(db, path)
    assert again.merged == 0 and counts(db) == before
    assert (again.new_users, again.updated_users, again.unchanged_users) == (0, 0, 1)   # four records, one person
    assert rows(db, "SELECT DISTINCT data_updated_at FROM users") == [(OLD,)]


def test_a_record_linking_two_existing_users_merges_them(tmp_path):
    db = tmp_path / "p.db"
    ingest_records(db, [
        {"user_id": "old", "identities": {"phone": "13800000001"}, "attributes": {"name": "老用户"},
         "orders": [{"order_id": "o-old", "amount": 1}]},
        {"user_id": "new", "identities": {"email": "n@x.com"}, "attributes": {"age": 22},
         "orders": [{"order_id": "o-new", "amount": 2}]},
    ])
    conn = sqlite3.connect(tmp_path / "p.db")
    with conn:  # a profile computed for 'new' before the merge
        conn.execute("INSERT INTO profiles (user_id, completeness, built_at, model, version) "
                     "VALUES ('new', 0.5, 'x', 'offline', '1')")
    conn.close()
    report = ingest_records(db, [{"user_id": "new", "identities": {"phone": "138-0000-0001"}}])
    assert [(m.alias_id, m.user_id, m.reason) for m in report.merges] == [("new", "old", "shared phone")]
    assert rows(db, "SELECT user_id, name, age FROM users") == [("old", "老用户", 22)]
    assert sorted(rows(db, "SELECT order_id, user_id FROM orders")) == [("o-new", "old"), ("o-old", "old")]
    assert sorted(rows(db, "SELECT kind, user_id FROM identities")) == [("email", "old"), ("phone", "old")]
    assert counts(db)["users"] == 1 and rows(db, "SELECT COUNT(*) FROM profiles") == [(0,)]


# --- bad input ---------------------------------------------------------------------------------


def test_every_kind_of_bad_record_is_reported_and_the_rest_loaded(tmp_path):
    db = tmp_path / "p.db"
    seen = []
    path = FIXTURES / "bad.jsonl"
    report = ingest_file(db, path, on_error=seen.append)
    where = {(issue.line, issue.field) for issue in seen if issue.severity == "error"}
    assert where == {(2, None), (3, None), (4, "user_id"), (8, "orders"), (13, None)}
    # A bad attribute or identity value drops that field only: the user is loaded without it.
    warnings = {(issue.line, issue.field) for issue in seen if issue.severity == "warning"}
    assert warnings == {(5, "attributes.age"), (6, "attributes.gender"), (7, "attributes.registered_at"),
                        (9, "identities.email"), (10, "attributes.member_level"), (12, "attributes.age"),
                        (11, "orders[1].amount"), (11, "events[0].type"), (11, "texts[1].at"), (11, "texts[2].text")}
    messages = [str(issue) for issue in seen]
    assert (f"{path}:2: bad JSON: the line ends before the record does (a missing '}}' or ']'?); each record "
            "must be complete on its own line") in messages
    assert f"{path}:5: field age dropped: age must be a whole number, got 'abc' (attributes.age)" in messages
    assert f"{path}:12: field age dropped: age must be between 0 and 129, got 200 (attributes.age)" in messages
    assert f"{path}:11: skipped orders[1]: amount must be a number, got 'x' (orders[1].amount)" in messages
    assert f"{path}:11: skipped events[0]: event type must be text, got ['teleport'] (events[0].type)" in messages
    assert (report.loaded, report.rejected, report.skipped_items) == (9, 5, 10)
    assert rows(db, "SELECT user_id, age, registered_at, member_level FROM users ORDER BY user_id") == [
        ("b1", 30, None, None), ("b10", None, None, None), ("b11", None, None, None), ("b12", None, None, None),
        ("b15", None, None, None), ("b5", None, None, None), ("b6", None, None, None), ("b7", None, None, None),
        ("b9", None, None, None)]
    assert rows(db, "SELECT gender FROM users WHERE user_id = 'b6'") == [("unknown",)]
    assert rows(db, "SELECT COUNT(*) FROM identities") == [(0,)]
    # the good parts of line 11 were kept
    assert rows(db, "SELECT order_id FROM orders") == [("ok1",)]
    assert rows(db, "SELECT type FROM events") == [("view",)]
    assert rows(db, "SELECT text FROM texts") == [("fine",)]
    assert report.errors == seen


def test_an_attribute_too_long_to_be_one_is_dropped(tmp_path):
    path = write_jsonl(tmp_path / "huge.jsonl", [
        {"user_id": "h1", "attributes": {"name": "x" * 5_000_000}},
        {"user_id": "h2", "attributes": {"name": "y" * 500, "city": "上海"}},
    ])
    seen = []
    report = ingest_file(tmp_path / "p.db", path, on_error=seen.append)
    assert [str(issue) for issue in seen] == [
        f"{path}:1: field name dropped: name is 5,000,000 characters long (at most 500) (attributes.name)"]
    assert report.loaded == 2 and rows(tmp_path / "p.db", "SELECT user_id, length(name) FROM users ORDER BY 1") == [
        ("h1", None), ("h2", 500)]


def test_unknown_identity_kind_is_a_warning(tmp_path):
    seen = []
    report = ingest_records(tmp_path / "p.db", [{"user_id": "w1", "identities": {"wechat": "wx-1", "phone": "13800000009"}}],
                            on_error=seen.append)
    assert report.loaded == 1 and [(i.severity, i.field) for i in seen] == [("warning", "identities.wechat")]
    assert "wx-1" not in json.dumps(rows(tmp_path / "p.db", "SELECT * FROM users"))
    assert rows(tmp_path / "p.db", "SELECT kind FROM identities") == [("phone",)]


def test_a_line_that_is_not_utf8_is_reported(tmp_path):
    path = tmp_path / "gbk.jsonl"
    path.write_bytes('{"user_id": "g1", "attributes": {"name": "李娜"}}\n'.encode("gbk") + b'{"user_id": "g2"}\n')
    seen = []
    report = ingest_file(tmp_path / "p.db", path, on_error=seen.append)
    assert report.loaded == 1 and [issue.line for issue in seen] == [1]
    assert "not UTF-8" in seen[0].message and "iconv" in seen[0].message


def test_cli_prints_file_line_and_a_summary(tmp_path, capsys):
    db = tmp_path / "p.db"
    code = main(["ingest", str(FIXTURES / "bad.jsonl"), str(FIXTURES / "good.jsonl"), "--db", str(db)])
    out, err = capsys.readouterr()
    assert code == 0
    assert f"{FIXTURES / 'bad.jsonl'}:5: field age dropped: age must be a whole number, got 'abc' (attributes.age)" in err
    assert "loaded 13 of 18 records" in out and "rejected 5" in out and "orders +5" in out
    assert "skipped 10 bad parts of loaded records (attributes 5, texts 2, " in out
    assert re.search(r"no attributes: b11 \(\S+bad.jsonl:\d+\), u00044 \(", out)   # not b5, whose age was dropped
    assert "\x1b[" not in out + err  # no TTY: no progress bar, no colour codes


def test_cli_exit_codes(tmp_path, capsys):
    db = str(tmp_path / "p.db")
    assert main(["ingest", str(FIXTURES / "all_bad.jsonl"), "--db", db]) == 1
    assert "nothing was loaded" in capsys.readouterr().err
    assert main(["ingest", str(tmp_path / "missing.jsonl"), "--db", db]) == 2
    assert "missing.jsonl: no such file" in capsys.readouterr().err
    assert main(["ingest", str(tmp_path), "--db", db]) == 2
    assert f"{tmp_path}: is a directory, not a file" in capsys.readouterr().err
    (tmp_path / "empty.jsonl").write_text("")
    assert main(["ingest", str(tmp_path / "empty.jsonl"), "--db", db]) == 1
    assert "nothing was loaded: the files hold no records" in capsys.readouterr().err
    assert main(["ingest", str(FIXTURES / "good.jsonl"), "--db", db, "--quiet"]) == 0


def test_cli_summary_counts_the_skipped_parts_by_kind(tmp_path, capsys):
    path = write_jsonl(tmp_path / "parts.jsonl", [
        {"user_id": "A", "orders": [{"amount": "x"}, {"amount": "y"}], "texts": [{"text": ""}]},
    ])
    assert main(["ingest", str(path), "--db", str(tmp_path / "p.db")]) == 0
    assert "skipped 3 bad parts of loaded records (orders 2, texts 1; see above)" in capsys.readouterr().out


def test_cli_lists_merges(tmp_path, capsys):
    path = write_jsonl(tmp_path / "m.jsonl", [
        {"user_id": "A", "identities": {"phone": "13800000001"}},
        {"user_id": "B", "identities": {"phone": "13800000001"}},
    ])
    assert main(["ingest", str(path), "--db", str(tmp_path / "p.db")]) == 0
    out = capsys.readouterr().out
    assert "merged 1" in out and f"merged B -> A (shared phone; {path}:2)" in out


@pytest.mark.parametrize("line, message", [
    ('{"user_id": "a2", "attributes": {"gender": "F"}', "bad JSON: the line ends before the record does"),
    ('{"user_id": "a1" "age": 30}', "bad JSON at column 18: Expecting ',' delimiter (near '{\"user_id\": \"a1\" \"age\": 30}')"),
    ('{"user_id": "a1", "age": 30,}', "bad JSON: a comma before '}' at column 28 (remove it)"),
    ('{"user_id": "a1", "attributes": {"age": 30,}, "texts": []}', "bad JSON: a comma before '}' at column 43"),
])
def test_a_malformed_json_line_says_what_is_wrong_where(tmp_path, line, message):
    path = tmp_path / "users.jsonl"
    path.write_text('{"user_id": "a0"}\r\n' + line + "\r\n", encoding="utf-8")
    seen = []
    report = ingest_file(tmp_path / "p.db", path, on_error=seen.append)
    assert report.loaded == 1 and [issue.line for issue in seen] == [2]
    assert seen[0].message.startswith(message), seen[0].message


# --- formats -----------------------------------------------------------------------------------


def test_json_array_is_streamed_with_line_numbers(tmp_path):
    db = tmp_path / "p.db"
    seen = []
    report = ingest_file(db, FIXTURES / "array.json", on_error=seen.append)
    assert [(issue.line, issue.field, issue.severity) for issue in seen] == [
        (12, None, "error"), (17, "attributes.age", "warning")]
    assert seen[0].message.startswith("bad JSON")
    assert rows(db, "SELECT user_id FROM users ORDER BY user_id") == [("a1",), ("a3",), ("a4",), ("a5",)]
    assert one(db, "SELECT city, city_tier FROM users WHERE user_id = 'a1'") == ("北京", 1)
    assert one(db, "SELECT interest_id FROM orders WHERE order_id = 'ao1'") == ("mobile_phones",)
    assert report.loaded == 4


@pytest.mark.parametrize("chunk", [1, 7, 64])
def test_json_array_reader_is_the_same_with_tiny_chunks(monkeypatch, chunk):
    expected = [(line, repr(value)) for line, value, _ in read_records(FIXTURES / "array.json")]
    monkeypatch.setattr(ingest_module, "_READ_CHUNK", chunk)
    assert [(line, repr(value)) for line, value, _ in read_records(FIXTURES / "array.json")] == expected
    assert len(expected) == 5


def test_json_array_one_record_per_line_and_bom(tmp_path):
    path = tmp_path / "users.json"
    body = "[\n" + ",\n".join(json.dumps({"user_id": f"j{i}", "texts": [f"第{i}条"]}, ensure_ascii=False)
                              for i in range(300)) + "\n]\n"
    path.write_bytes(b"\xef\xbb\xbf" + body.encode("utf-8"))
    records = list(read_records(path))
    assert [line for line, _, _ in records][:3] == [2, 3, 4] and len(records) == 300
    assert records[-1][2] == path.stat().st_size  # bytes read, for the progress bar
    report = ingest_file(tmp_path / "p.db", path)
    assert report.loaded == 300 and counts(tmp_path / "p.db")["texts"] == 300


def test_single_pretty_printed_object_in_json_file(tmp_path):
    path = tmp_path / "one.json"
    path.write_text(json.dumps({"user_id": "solo", "attributes": {"age": 20}}, indent=2), encoding="utf-8")
    assert ingest_file(tmp_path / "p.db", path).loaded == 1


def test_pretty_printed_records_in_a_jsonl_file_load(tmp_path):
    """A .jsonl file someone pretty-printed: read as a stream of objects, not four 'bad JSON' lines."""
    path = tmp_path / "pretty.jsonl"
    path.write_text('{\n  "user_id": "p1",\n  "attributes": {"city": "上海"}\n}\n{\n  "user_id": "p2"\n}\n',
                    encoding="utf-8")
    seen = []
    report = ingest_file(tmp_path / "p.db", path, on_error=seen.append)
    assert seen == [] and report.loaded == 2
    assert rows(tmp_path / "p.db", "SELECT user_id, city FROM users ORDER BY user_id") == [("p1", "上海"), ("p2", None)]


def test_csv_one_user_per_row(tmp_path):
    db = tmp_path / "p.db"
    path = tmp_path / "users.csv"
    path.write_text("\ufeffuser_id,name,gender,age,city,member_level,phone,channel\n"
                    "c1,李娜,女,29岁,上海市,金卡,138-0000-0001,wechat\n"
                    "c2,,M,41,Beijing,,,\n"
                    '"c3","Ann, Jr.",female,abc,,,,\n'
                    "\n"
                    "c4,x,female,30,上海,gold,,,,surplus\n", encoding="utf-8")
    seen = []
    report = ingest_file(db, path, on_error=seen.append)
    assert [(issue.line, issue.field, issue.severity) for issue in seen] == [(4, "age", "warning"), (6, None, "error")]
    assert seen[1].message == "10 values for 8 columns"
    assert report.loaded == 3 and report.rejected == 1
    assert rows(db, "SELECT user_id, name, gender, age, city, city_tier, member_level, extra FROM users "
                    "ORDER BY user_id") == [
        ("c1", "李娜", "female", 29, "上海", 1, "gold", '{"channel": "wechat"}'),
        ("c2", None, "male", 41, "北京", 1, None, None),
        ("c3", "Ann, Jr.", "female", None, None, None, None, None),
    ]
    assert rows(db, "SELECT kind, value, user_id FROM identities") == [("phone", "13800000001", "c1")]
    # An empty cell never erases what an earlier load gave.
    path.write_text("user_id,name,city\nc1,,杭州\n", encoding="utf-8")
    ingest_file(db, path)
    assert one(db, "SELECT name, city FROM users WHERE user_id = 'c1'") == ("李娜", "杭州")


def test_tsv_is_a_table_too(tmp_path):
    path = tmp_path / "users.tsv"
    path.write_text("user_id\tcity\nt1\t深圳\n", encoding="utf-8")
    assert ingest_file(tmp_path / "p.db", path).loaded == 1
    assert one(tmp_path / "p.db", "SELECT city FROM users") == ("深圳",)


def test_csv_without_a_user_id_column_or_in_gbk_says_so_once(tmp_path):
    no_id = tmp_path / "no_id.csv"
    no_id.write_text("id,city\n1,上海\n2,北京\n", encoding="utf-8")
    seen = []
    assert ingest_file(tmp_path / "p.db", no_id, on_error=seen.append).loaded == 0
    assert [str(issue) for issue in seen] == [
        f"{no_id}:1: the header has no user_id column (columns: id, city): rename the column that identifies the "
        "user to user_id (customer_id, member_id, uid, 用户ID, 用户编号, 客户ID and 会员ID are read as user_id too)"]
    gbk = tmp_path / "gbk.csv"
    gbk.write_bytes("user_id,city\ng1,上海\ng2,北京\n".encode("gbk"))
    seen = []
    assert ingest_file(tmp_path / "p.db", gbk, on_error=seen.append).loaded == 0
    assert len(seen) == 1 and seen[0].line == 2
    assert "not UTF-8" in seen[0].message and "iconv -f GBK" in seen[0].message


def test_a_spreadsheet_is_refused_with_what_to_do(tmp_path, capsys):
    path = tmp_path / "users.xlsx"
    path.write_bytes(b"PK\x03\x04 not really a workbook")
    assert main(["ingest", str(path), "--db", str(tmp_path / "p.db")]) == 1
    assert "save it as CSV UTF-8" in capsys.readouterr().err


def test_seed_request_shape(tmp_path):
    db = tmp_path / "p.db"
    report = ingest_file(db, FIXTURES / "seed_request.jsonl")
    assert report.loaded == 1 and report.errors == []
    user = one(db, "SELECT gender, age, city, city_tier, occupation, education, extra FROM users")
    assert user[:6] == ("female", 28, "杭州", 2, "产品经理", "本科")
    extra = json.loads(user[6])
    assert extra["surveys"] == {"interests": ["健身", "阅读"], "values": ["健康", "创新"]}
    assert extra["behavior"] == {"activity_data": {"daily_actions": 35}, "usage_time": {"peek_hour": [21, 22]}}
    assert extra["personality"] == {"mbti": "ENFP"}
    assert sorted(rows(db, "SELECT source, text FROM texts WHERE source != 'survey'")) == [
        ("comment", "这家店的咖啡很好喝"), ("post", "I love trying new things"), ("post", "周末和朋友去爬山，风景太美了"),
        ("post", "最近在学英语"), ("review", "耳机音质不错，续航一般")]
    assert one(db, "SELECT at FROM texts WHERE source = 'comment'") == ("2026-10-01T10:00:00",)
    assert one(db, "SELECT product FROM texts WHERE source = 'review'") == ("降噪耳机",)
    assert one(db, "SELECT COUNT(*) FROM texts WHERE source = 'survey'") == (1,)


# --- spellings, cities, categories, times, language ------------------------------------------------


@pytest.mark.parametrize("field,given,stored", [
    ("gender", "女", "female"), ("gender", "男性", "male"), ("gender", "F", "female"), ("gender", "m", "male"),
    ("gender", "保密", "unknown"), ("gender", "Female", "female"),
    ("member_level", "普通会员", "normal"), ("member_level", "白银", "silver"), ("member_level", "黄金会员", "gold"),
    ("member_level", "铂金", "platinum"), ("member_level", "白金", "platinum"), ("member_level", "钻石", "diamond"),
    ("member_level", "GOLD", "gold"), ("member_level", "regular", "normal"),
])
def test_attribute_spellings(field, given, stored):
    assert parse_record({"user_id": "x", "attributes": {field: given}}).attributes[field] == stored


@pytest.mark.parametrize("given,stored", [
    ("浏览", "view"), ("page_view", "view"), ("点击", "click"), ("搜索", "search"), ("加入购物车", "cart"),
    ("add-to-cart", "cart"), ("收藏", "favorite"), ("favourite", "favorite"), ("分享", "share"), ("点赞", "like"),
    ("下单", "purchase"), ("buy", "purchase"), ("登录", "login"), ("sign_in", "login"),
])
def test_event_type_spellings(given, stored):
    assert parse_record({"user_id": "x", "events": [{"type": given}]}).events[0].values["type"] == stored


@pytest.mark.parametrize("given,stored", [
    ("评价", "review"), ("评论", "comment"), ("客服", "chat"), ("帖子", "post"), ("微博", "post"),
    ("问卷", "survey"), ("搜索", "search"), ("通话", "call_transcript"), ("call", "call_transcript"),
    ("Review", "review"),
])
def test_text_source_spellings(given, stored):
    assert parse_record({"user_id": "x", "texts": [{"text": "t", "source": given}]}).texts[0].values["source"] == stored


@pytest.mark.parametrize("raw,expected", [
    ("Shanghai", ("上海", 1)), ("shanghai shi", ("上海", 1)), ("上海市", ("上海", 1)), ("沪", ("上海", 1)),
    ("SHANGHAI", ("上海", 1)), ("魔都", ("上海", 1)), ("Pudong, Shanghai, China", ("上海", 1)),
    ("广东省深圳市南山区", ("深圳", 1)), ("Hangzhou", ("杭州", 2)), ("Xi'an", ("西安", 2)), ("xian", ("西安", 2)),
    ("新疆维吾尔自治区乌鲁木齐市", ("乌鲁木齐", 3)), ("Lhasa", ("拉萨", 4)), ("Hong Kong", ("香港", None)),
    ("  Atlantis ", ("Atlantis", None)), ("", (None, None)), (None, (None, None)),
])
def test_normalize_city(raw, expected):
    assert normalize_city(raw) == expected


def test_city_names_for_the_planner():
    names = city_names()
    assert names["shanghai"] == "上海" and names["上海市"] == "上海" and names["魔都"] == "上海"
    assert "京" not in names and "sh" not in names  # abbreviations only match a whole field
    assert len({name for name in names.values()}) >= 80


def test_city_tiers_and_gazetteer_checks():
    from schema.geo import GazetteerError, _build, cities_in_tier, city_info, new_tier1_cities

    assert sorted(cities_in_tier(1)) == sorted(["北京", "上海", "广州", "深圳"])
    assert len(new_tier1_cities()) == 15 and "成都" in new_tier1_cities()
    assert city_info("Chengdu").tier == 2 and city_info("Chengdu").new_tier1
    with pytest.raises(GazetteerError, match="alias 'SZ' is given to both 深圳 and 苏州"):
        _build({"深圳": {"en": "Shenzhen", "tier": 1, "short": ["SZ"]}, "苏州": {"en": "Suzhou", "tier": 2, "short": ["SZ"]}})
    with pytest.raises(GazetteerError, match="tier must be 1..5"):
        _build({"某地": {"en": "Somewhere", "tier": 9}})


@pytest.mark.parametrize("category,product,root", [
    ("户外装备", None, "outdoor_sports"), ("Outdoor Gear", None, "outdoor_sports"), ("登山用品", None, "outdoor_sports"),
    ("outdoor", "Gore-Tex hiking boots", "outdoor_sports"), (None, "登山杖", "outdoor_sports"),
    ("手机", None, "mobile_phones"), ("洗发水", None, "home_living"), ("酒店", None, "travel"),
])
def test_category_maps_to_interest(tmp_path, category, product, root):
    db = tmp_path / "p.db"
    ingest_records(db, [{"user_id": "x", "orders": [{"category": category, "product": product, "amount": 1}]}])
    interest = one(db, "SELECT interest_id FROM orders")[0]
    path = one(db, "SELECT path FROM taxonomy WHERE kind = 'interest' AND id = ?", interest)[0]
    assert path.split("/")[0] == root


def test_search_event_maps_its_query(tmp_path):
    db = tmp_path / "p.db"
    ingest_records(db, [{"user_id": "x", "events": [{"type": "search", "target": "猫砂 哪个牌子好"}]}])
    assert one(db, "SELECT interest_id FROM events") == ("pet_cat_owner",)


@pytest.mark.parametrize("given,stored", [
    ("2026-10-02", "2026-10-02T00:00:00"), ("2026-10-02 10:00:00", "2026-10-02T10:00:00"),
    ("2026-10-02T10:00:00.5", "2026-10-02T10:00:00"), ("2026/10/2 10:00", "2026-10-02T10:00:00"),
    ("2026年10月2日", "2026-10-02T00:00:00"),
])
def test_normalize_time(given, stored):
    assert normalize_time(given) == stored


@pytest.mark.parametrize("bad", ["yesterday", "2026-13-01", "", True, "0001-01-01"])
def test_normalize_time_refuses(bad):
    with pytest.raises(ValueError):
        normalize_time(bad)


@pytest.mark.parametrize("text,lang", [
    ("鞋子很好穿,就是价格太贵了", "zh"), ("The jacket is warm", "en"), ("Great boots, 就是太贵", "mixed"),
    ("我买了iPhone 15很好用", "zh"), ("666", "zh"),
])
def test_detect_lang(text, lang):
    assert detect_lang(text) == lang


def test_csv_tables_of_orders_events_and_texts_are_rows_of_their_users(tmp_path):
    """Shop systems export one table per kind: users.csv, orders.csv, reviews.csv, events.csv.
    Each row of an item table is one order / event / text of its user_id; the user's own columns
    (name, city …) in such a row update the user; a texts table named after a source takes it."""
    db = tmp_path / "p.db"
    (tmp_path / "users.csv").write_text("user_id,name,city\nc1,李娜,上海\n", encoding="utf-8")
    (tmp_path / "orders.csv").write_text(
        "user_id,order_id,product,category,amount,date,store\n"
        "c1,o1,登山鞋,户外装备,\"1,299.00\",2026/10/02,徐汇店\n"
        "c1,o2,冲锋衣,户外装备,899,2026-10-05,\n"
        "c2,o3,面霜,护肤,abc,2026-10-06,\n", encoding="utf-8")
    (tmp_path / "reviews.csv").write_text(
        "user_id,text,date,product\n"
        "c1,鞋子很好穿，就是价格太贵了,2026-10-06,登山鞋\n"
        "c2,\"Great cream, a bit pricey\",2026-10-07,面霜\n", encoding="utf-8")
    (tmp_path / "events.tsv").write_text(
        "user_id\ttype\ttarget\ttime\nc1\t搜索\t登山杖 测评\t2026-10-20 21:13:00\nc3\t\tx\t2026-10-21\n",
        encoding="utf-8")
    seen = []
    for name in ("users.csv", "orders.csv", "reviews.csv", "events.tsv"):
        ingest_file(db, tmp_path / name, on_error=seen.append)
    assert [(Path(issue.file).name, issue.line, issue.field, issue.severity) for issue in seen] == [
        ("orders.csv", 4, "orders.amount", "warning"),
        ("events.tsv", 3, "events.type", "warning"),
    ]
    assert str(seen[0]).endswith("orders.csv:4: skipped the row's order: amount must be a number, got 'abc' (orders.amount)")
    assert rows(db, "SELECT user_id, product, category, amount, ordered_at, store, extra FROM orders "
                    "ORDER BY order_id") == [
        ("c1", "登山鞋", "户外装备", 1299.0, "2026-10-02T00:00:00", "徐汇店", None),
        ("c1", "冲锋衣", "户外装备", 899.0, "2026-10-05T00:00:00", None, None),
    ]
    assert rows(db, "SELECT user_id, source, text, product FROM texts ORDER BY user_id") == [
        ("c1", "review", "鞋子很好穿，就是价格太贵了", "登山鞋"),
        ("c2", "review", "Great cream, a bit pricey", "面霜"),
    ]
    assert rows(db, "SELECT user_id, type, target FROM events") == [("c1", "search", "登山杖 测评")]
    assert rows(db, "SELECT user_id, name, city FROM users ORDER BY user_id") == [
        ("c1", "李娜", "上海"), ("c2", None, None), ("c3", None, None)]
    # Loading the same tables again adds nothing.
    again = [ingest_file(db, tmp_path / name) for name in ("orders.csv", "reviews.csv")]
    assert [(report.orders, report.texts) for report in again] == [(0, 0), (0, 0)]


def test_a_table_kind_is_read_from_its_columns(tmp_path):
    from tools.ingest import _table_kind

    assert _table_kind(["user_id", "name", "type"]) is None          # a customer type, not an event
    assert _table_kind(["user_id", "type", "at"]) == "events"
    assert _table_kind(["user_id", "content", "type"]) == "texts"    # type is the text's source
    assert _table_kind(["user_id", "total"]) == "orders"


def test_users_that_come_only_with_orders_are_named_in_the_summary(tmp_path, capsys):
    (tmp_path / "users.csv").write_text("user_id,name,gender\nx1,A,F\nx2,B,M\n", encoding="utf-8")
    (tmp_path / "orders.csv").write_text(
        "user_id,order_id,product,amount,ordered_at\nx1,o1,tent,100,2026-11-01\nx9,o2,tent,100,2026-11-01\n"
        "x9,o3,tent,100,2026-11-02\ny7,o4,boots,20,2026-11-03\n", encoding="utf-8")
    db = str(tmp_path / "p.db")
    assert main(["ingest", str(tmp_path / "users.csv"), str(tmp_path / "orders.csv"), "--db", db]) == 0
    out = capsys.readouterr().out
    # users, not rows: x1 is new and then gets an order; x9 has two orders
    assert "; users: 4 new, 0 changed, 0 unchanged" in out
    orders = tmp_path / "orders.csv"
    assert (f"2 new users came only with orders, events or texts, no attributes: x9 ({orders}:3), y7 ({orders}:5). "
            "They now count as customers: in counts, audiences, copy and exports.") in out
    assert "fix it and load every file again with --fresh" in out
    assert main(["ingest", str(tmp_path / "orders.csv"), "--db", db]) == 0   # known users now: nothing to say
    assert "came only with" not in capsys.readouterr().out


def test_an_orders_file_loaded_before_its_users_file_raises_no_alarm(tmp_path, capsys):
    (tmp_path / "orders.csv").write_text(
        "user_id,order_id,product,amount,ordered_at\nx1,o1,tent,100,2026-11-01\nq5,o2,tent,100,2026-11-01\n",
        encoding="utf-8")
    (tmp_path / "users.csv").write_text("user_id,name,gender\nx1,A,F\n", encoding="utf-8")
    db = str(tmp_path / "p.db")
    assert main(["ingest", str(tmp_path / "orders.csv"), str(tmp_path / "users.csv"), "--db", db]) == 0
    out = capsys.readouterr().out
    assert "; users: 2 new, 0 changed, 0 unchanged" in out
    assert f"1 new users came only with orders, events or texts, no attributes: q5 ({tmp_path / 'orders.csv'}:3). " in out


def test_a_problem_on_many_lines_is_printed_three_times_then_summed_up(tmp_path, capsys):
    rows = "".join(f"u{i},黑金\n" for i in range(2, 20))
    (tmp_path / "users.csv").write_text("user_id,member_level\nu1,gold\n" + rows, encoding="utf-8")
    assert main(["ingest", str(tmp_path / "users.csv"), "--db", str(tmp_path / "p.db")]) == 0
    err = capsys.readouterr().err.splitlines()
    assert [line.split(":")[1] for line in err[:3]] == ["3", "4", "5"]
    assert err[3] == (f"{tmp_path / 'users.csv'}: the same on 15 more lines (6, 7, 8, 9, 10, 11, 12, 13, 14, 15 …): "
                      "field member_level dropped: unknown member level '黑金' (expected one of diamond, gold, "
                      "normal, platinum, silver)")
    assert len(err) == 4
