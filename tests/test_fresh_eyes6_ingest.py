"""Fresh eyes 6, ingest side, through `persona ingest` on real files and SQLite databases:
text sources from plural file names (item 11), a bad cell drops the field, not the customer
(item 17), and other names for the user id column (item 25)."""

import json
from pathlib import Path

import pytest

from agent.cli import main
from tools.ingest import USER_ID_COLUMNS, source_from_file_name
from tests.db_helpers import rows


def ingest(capsys, db, *paths):
    code = main(["ingest", *map(str, paths), "--db", str(db)])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("name", ["chat.tsv", "chats.tsv", "chats.csv", "Chats.csv", "messages.csv"])
def test_a_texts_table_named_after_chats_holds_chats(tmp_path, capsys, name):
    path = tmp_path / name
    delimiter = "\t" if name.endswith(".tsv") else ","
    path.write_text(delimiter.join(["user_id", "text", "date"]) + "\n" +
                    delimiter.join(["x2", "物流很快，包装也好", "2026-12-01"]) + "\n", encoding="utf-8")
    db = tmp_path / "t.db"
    assert ingest(capsys, db, path)[0] == 0
    assert rows(db, "SELECT user_id, source FROM texts") == [("x2", "chat")]


def test_a_jsonl_file_named_chats_gives_its_texts_without_a_source_chat(tmp_path, capsys):
    path = tmp_path / "chats.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in [
        {"user_id": "c018", "texts": ["我不喜欢户外运动，更喜欢在宿舍看书",
                                      {"text_id": "ch3", "text": "期末考试好难", "source": "post"}]},
        {"user_id": "c022", "texts": [{"text_id": "ch2", "text": "I want to cancel my membership"}]},
    ]) + "\n", encoding="utf-8")
    db = tmp_path / "t.db"
    assert ingest(capsys, db, path)[0] == 0
    assert rows(db, "SELECT user_id, text_id LIKE 'h%', source FROM texts ORDER BY user_id, source") == [
        ("c018", 1, "chat"), ("c018", 0, "post"), ("c022", 0, "chat")]


def test_every_source_is_read_from_a_singular_or_plural_file_name():
    """docs/data-format.md: the sources and their spellings, in the singular or the plural."""
    names = {"review": "reviews.csv", "comment": "comments.tsv", "chat": "chats.jsonl", "post": "posts.csv",
             "survey": "surveys.csv", "search": "searches.csv", "call_transcript": "call_transcripts.jsonl"}
    for source, name in names.items():
        assert source_from_file_name(name) == source, name
        assert source_from_file_name(name.replace("es.", ".").replace("s.", ".")) == source, name
    assert source_from_file_name("replies.csv") == "comment"
    assert source_from_file_name("评价.csv") == "review"
    assert source_from_file_name("客服.jsonl") == "chat"
    for other in ("users.jsonl", "customers.csv", "more.jsonl", "demo.jsonl", "orders.csv", "s.csv"):
        assert source_from_file_name(other) is None, other


CUSTOMERS = """user_id,name,gender,age,city,member_level,registered_at,occupation,phone,email
c001,王芳,女,34,上海,金卡,2023-05-01,会计,13911110001,wangfang@example.com
c009,赵敏,女,abc,南京,silver,2024-02-02,,13911110009,zm@example.com
c022,高飞,男,200,北京,normal,2024-05-05,,13911110022,gf@example.com
c023,钱多多,robot,41,杭州,VIP99,last tuesday,,12,not-an-email
,无名,女,30,上海,,,,,
"""


def test_a_bad_cell_drops_that_field_not_the_customer(tmp_path, capsys):
    path = tmp_path / "customers.csv"
    path.write_text(CUSTOMERS, encoding="utf-8")
    db = tmp_path / "shop.db"
    code, out, err = ingest(capsys, db, path)
    assert code == 0
    assert f"{path}:3: field age dropped: age must be a whole number, got 'abc' (age)" in err.splitlines()
    assert f"{path}:4: field age dropped: age must be between 0 and 129, got 200 (age)" in err.splitlines()
    for field in ("gender", "member_level", "registered_at", "phone", "email"):
        assert f"{path}:5: field {field} dropped: " in err
    assert f"{path}:6: missing user_id (user_id)" in err            # a bad user id still rejects the row
    assert "loaded 4 of 5 records" in out and "rejected 1" in out
    assert "skipped 7 bad parts of loaded records (age 2, gender 1, member_level 1, registered_at 1, phone 1, " \
           "email 1; see above)" in out
    assert "came only with" not in out
    assert rows(db, "SELECT user_id, name, age, city, member_level, registered_at FROM users ORDER BY user_id") == [
        ("c001", "王芳", 34, "上海", "gold", "2023-05-01T00:00:00"),
        ("c009", "赵敏", None, "南京", "silver", "2024-02-02T00:00:00"),
        ("c022", "高飞", None, "北京", "normal", "2024-05-05T00:00:00"),
        ("c023", "钱多多", 41, "杭州", None, None),
    ]
    assert rows(db, "SELECT user_id, kind FROM identities WHERE user_id IN ('c009', 'c023') ORDER BY 1, 2") == [
        ("c009", "email"), ("c009", "phone")]


@pytest.mark.parametrize("column", [*USER_ID_COLUMNS, "用户id", "Customer ID", "MEMBER-ID", " 会员 id "])
def test_other_names_of_the_user_id_column(tmp_path, capsys, column):
    path = tmp_path / "customers.csv"
    path.write_text(f"{column},name,city\nc1,王芳,上海\n", encoding="utf-8")
    db = tmp_path / "shop.db"
    code, out, err = ingest(capsys, db, path)
    assert (code, err) == (0, "")
    assert rows(db, "SELECT user_id, name, city, extra FROM users") == [("c1", "王芳", "上海", None)]


def test_a_header_without_a_user_id_says_to_rename_the_column(tmp_path, capsys):
    path = tmp_path / "customers.csv"
    path.write_text("客户编码,name\nc1,王芳\n", encoding="utf-8")
    code, _, err = ingest(capsys, tmp_path / "shop.db", path)
    assert code == 1 and "rename the column that identifies the user to user_id" in err
    named = err.split("rename the column")[1]
    assert [name for name in USER_ID_COLUMNS if name not in named] == []  # every name that is read
    path.write_text("customer_id,uid,name\nc1,9,王芳\n", encoding="utf-8")
    code, _, err = ingest(capsys, tmp_path / "shop.db", path)
    assert code == 1 and "several user id columns (customer_id, uid): rename the one" in err
    path.write_text("user_id,customer_id,name\nu1,c1,王芳\n", encoding="utf-8")   # user_id wins, the other is kept
    assert ingest(capsys, tmp_path / "shop.db", path)[0] == 0
    assert rows(tmp_path / "shop.db", "SELECT user_id, extra FROM users") == [("u1", '{"customer_id": "c1"}')]


def test_the_docs_name_every_other_name_of_the_user_id_column():
    docs = (Path(__file__).parents[1] / "docs" / "data-format.md").read_text(encoding="utf-8")
    assert [name for name in USER_ID_COLUMNS if f"`{name}`" not in docs] == []
