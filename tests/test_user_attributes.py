"""The users' categorical extra fields (travel_party, household_size) queryable as ``user_attributes``:
which fields qualify by their data, kept up to date by ingest, filled when an older database is
upgraded, and read through the SQL guard while contact-like fields and ``extra`` stay hidden. Every
test uses a real SQLite file."""

from __future__ import annotations

import json

import pytest

import schema.db
from schema.db import connect, schema_version
from schema.migrations import MIGRATIONS
from schema.user_attributes import contact_name, qualifying
from tools.ingest import ingest_file
from tools.sql_guard import GuardError, run_sql
from tests.db_helpers import rows

PARTIES = ["family"] * 5 + ["solo"] * 4 + ["couple"] * 3


def shop_records() -> list[dict]:
    """12 users of a travel agency with two categorical fields and six that must stay hidden."""
    records = []
    for i, party in enumerate(PARTIES):
        records.append({"user_id": f"u{i:02d}", "attributes": {
            "name": f"客户{i}", "travel_party": party, "household_size": i % 4 + 1,
            "wechat": ["wx_a", "wx_b"][i % 2],                      # two values, but a contact name
            "nickname": ["小王", "小李", "小张"][i % 3],              # a person's name
            "remark": "vip" if i else "call 13900001111",            # one phone number in it is enough
            "favorite_color": f"color {i}",                          # unique per user: no category
            "notes": "prefers a window seat and a quiet room far from the lift",   # free text
            "interests_list": ["ski", "beach"]}})                    # not a scalar
    return records


def write_jsonl(path, records):
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


@pytest.fixture
def shop(tmp_path):
    db = tmp_path / "travel.db"
    report = ingest_file(db, write_jsonl(tmp_path / "users.jsonl", shop_records()))
    assert report.loaded == 12
    return db


def test_only_short_categorical_fields_without_contact_data_are_queryable(shop):
    assert rows(shop, "SELECT name, value, COUNT(*) FROM user_attributes GROUP BY name, value ORDER BY name, value") == [
        ("household_size", "1", 3), ("household_size", "2", 3), ("household_size", "3", 3), ("household_size", "4", 3),
        ("travel_party", "couple", 3), ("travel_party", "family", 5), ("travel_party", "solo", 4)]
    # the hidden ones are still kept as given
    extra = json.loads(rows(shop, "SELECT extra FROM users WHERE user_id = 'u00'")[0][0])
    assert extra["wechat"] == "wx_a" and extra["remark"] == "call 13900001111"


def test_the_guard_reads_the_attributes_and_never_extra(shop):
    result = run_sql(shop, "SELECT COUNT(*) FROM user_attributes WHERE name = 'travel_party' AND value = 'family'")
    assert result.rows == [(5,)]
    with pytest.raises(GuardError) as refused:
        run_sql(shop, "SELECT json_extract(extra, '$.wechat') FROM users")
    assert refused.value.check == "known_columns"
    assert run_sql(shop, "SELECT COUNT(*) FROM user_attributes WHERE name IN ('wechat', 'remark', 'nickname')").rows \
        == [(0,)]


def test_a_later_ingest_changes_what_qualifies(shop, tmp_path):
    # every user now gives a unique travel_party: it is no category any more, and its rows go
    changed = [{"user_id": f"u{i:02d}", "travel_party": f"group {i}"} for i in range(12)]
    ingest_file(shop, write_jsonl(tmp_path / "more.jsonl", changed))
    assert rows(shop, "SELECT DISTINCT name FROM user_attributes") == [("household_size",)]
    # an unchanged re-ingest writes nothing to the table
    before = rows(shop, "SELECT rowid, * FROM user_attributes ORDER BY rowid")
    ingest_file(shop, write_jsonl(tmp_path / "more.jsonl", changed))
    assert rows(shop, "SELECT rowid, * FROM user_attributes ORDER BY rowid") == before


def test_upgrading_an_older_database_fills_the_attributes(tmp_path, monkeypatch):
    db = tmp_path / "old.db"
    with monkeypatch.context() as patch:   # the Persona before attributes were queryable (migrations 1-5)
        patch.setattr(schema.db, "MIGRATIONS", MIGRATIONS[:5])
        patch.setattr(schema.db, "LATEST_VERSION", 5)
        conn = connect(db)
        with conn:   # that version's ingest kept every field it did not know in extra
            conn.executemany("INSERT INTO users (user_id, extra, data_updated_at) VALUES (?, ?, '2026-11-01')",
                             [(r["user_id"], json.dumps(r["attributes"], ensure_ascii=False)) for r in shop_records()])
        assert schema_version(conn) == 5
        conn.close()
    result = run_sql(db, "SELECT value, COUNT(*) FROM user_attributes WHERE name = 'travel_party' GROUP BY value "
                         "ORDER BY value")
    assert result.rows == [("couple", 3), ("family", 5), ("solo", 4)]


@pytest.mark.parametrize("name", ["wechat_id", "phoneNumber", "QQ号", "收货地址", "userid", "email", "contact_person",
                                  "nickname", "home_address", "身份证号", "referrer", "website"])
def test_a_name_of_contact_or_identity_never_qualifies(name):
    assert contact_name(name)


@pytest.mark.parametrize("name", ["travel_party", "household_size", "baby_stage", "宝宝阶段", "plan", "favorite_store",
                                  "skin_type"])
def test_a_plain_category_name_is_no_contact(name):
    assert not contact_name(name)


def test_values_decide_whether_a_field_is_a_category():
    many = {f"u{i}": v for i, v in enumerate(["a", "b", "a", "b", "a", "b"])}
    assert set(qualifying({"tier": many, "it's": many})) == {"tier"}          # a quote in the name: never
    assert qualifying({"size": {"u1": 3.5, "u2": 3.5, "u3": 3.5}}) == {}        # a decimal is a measure
    assert qualifying({"vip": {"u1": True, "u2": True, "u3": False, "u4": False}}) == {}
    assert qualifying({"code": {"u1": "A12345", "u2": "A12345"}}) == {}        # five digits: an id or a phone
    assert qualifying({"shop": {"u1": "南京路88号", "u2": "南京路88号"}}) == {}    # a street number
    assert qualifying({"seg": {"u1": "x@y", "u2": "x@y"}}) == {}
    assert qualifying({"size": {"u1": 4, "u2": "4", "u3": " ", "u4": 2, "u5": 2}}) == {
        "size": {"u1": "4", "u2": "4", "u4": "2", "u5": "2"}}                  # an empty value says nothing
