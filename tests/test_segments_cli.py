"""`persona segments / export / copy` and their renderables, on a real database."""

import csv
import io
import json

import pytest
from rich.console import Console

from agent.cli import main
from agent.render_segments import CopyView, SegmentList, SegmentProfileView, size_bar
from tests.test_segments import OUTDOOR_PARAMS, OUTDOOR_PRICE_SQL
from tests.test_segments_data import make_profile_db
from tools.copywriter import write_marketing_copy
from tools.segments import list_segments, save_segment, segment_profile


@pytest.fixture
def db(tmp_path):
    path = str(tmp_path / "cli.db")
    make_profile_db(path, per_group=10, seed=6)
    save_segment(path, "价格敏感的户外爱好者", OUTDOOR_PRICE_SQL, OUTDOOR_PARAMS)
    return path


def _render(renderable, width=100) -> str:
    console = Console(file=io.StringIO(), width=width, color_system=None)
    console.print(renderable)
    return console.file.getvalue()


def test_size_bar_uses_eighth_blocks():
    assert size_bar(10, 10, 4).plain == "████"
    assert size_bar(5, 10, 4).plain == "██  "
    assert size_bar(1, 10, 4).plain == "▍   "
    assert size_bar(0, 10, 4).plain == "    "


def test_segment_list_renders_bars_and_growth(db):
    save_segment(db, "小众", "SELECT user_id FROM users WHERE user_id IN ('u00001', 'u00002')")
    segments = list_segments(db)
    segments[0]["previous_size"] = 8  # as if the last refresh had added two
    text = _render(SegmentList(segments, bar_width=10))
    lines = [line.rstrip() for line in text.splitlines()]
    outdoor = next(line for line in lines if "价格敏感的户外爱好者" in line)
    assert outdoor.endswith("10  ██████████  +2")
    small = next(line for line in lines if "小众" in line)
    assert small.endswith("2  ██")
    assert "2 segments, 12 memberships" in text


def _listed(segment_id, name, kind, size, name_zh=None, name_en=None):
    return {"segment_id": segment_id, "name": name, "name_zh": name_zh, "name_en": name_en, "kind": kind,
            "size": size, "previous_size": None}


def test_segment_list_fits_80_columns_without_breaking_words():
    """The REPL's /segments on an 80-column terminal: a rule segment shows its Chinese name (its id
    is beside it already) and no name is cut mid-word ('price-sensiti' / 've')."""
    segments = [
        _listed("rule_churn_warning", "rule_churn_warning", "rule", 34, "流失预警客户", "Churn warning"),
        _listed("c2-7e2b", "价格敏感 · 户外运动/旅行出游组", "discovered", 29, None,
                "price-sensitive outdoor sports & travel buyers"),
        _listed("s-c9785b61", "宠物金卡", "saved", 5),
    ]
    text = _render(SegmentList(segments), width=80)
    lines = text.splitlines()
    assert max(len(line) for line in lines) <= 80
    churn = next(line for line in lines if line.startswith("rule_churn_warning"))
    assert "流失预警客户" in churn and churn.count("rule_churn_warning") == 1
    assert "price-sensitive" in text and "Churn warning" in text


def test_profile_view_title_is_the_name_and_the_english_name_is_not_cut(db):
    profile = segment_profile(db, "价格敏感的户外爱好者")
    profile["segment"]["name_en"] = "price-sensitive outdoor sports & travel buyers who complain"
    text = _render(SegmentProfileView(profile), width=80)
    assert text.splitlines()[0].startswith("╭─ 价格敏感的户外爱好者 ─")
    assert "price-sensitive outdoor sports & travel buyers who complain" in text


def test_a_segment_named_like_markup_shows_its_name(db, capsys):
    """`persona segments show "[/]y"` ended in a MarkupError."""
    save_segment(db, "[/]y", OUTDOOR_PRICE_SQL, OUTDOOR_PARAMS)
    assert main(["segments", "show", "[/]y", "--db", db]) == 0
    assert capsys.readouterr().out.startswith("╭─ [/]y ─")


def test_profile_view_shows_interests_pains_and_quotes(db):
    text = _render(SegmentProfileView(segment_profile(db, "价格敏感的户外爱好者")), width=110)
    assert "10 users · 25.0% of 40 profiled · saved" in text
    assert "户外运动" in text and "(all 25%)" in text
    assert "− 价格" in text and "+ 质量" in text
    assert "“登山鞋穿着不错，就是价格太贵了”" in text
    assert OUTDOOR_PRICE_SQL[:40] in text


def test_copy_view_shows_variants_lengths_and_reasoning(db):
    result = write_marketing_copy(db, segment="价格敏感的户外爱好者", channel="push", language="en", save=False)
    text = _render(CopyView(result), width=120)
    assert "价格敏感的户外爱好者 · push · en · friendly · offline" in text
    assert "1 · value" in text and "title " in text and "/40" in text and "/120" in text
    assert "Angle: value / discount" in text


def test_cli_list_show_and_json(db, capsys):
    assert main(["segments", "--db", db]) == 0
    assert "价格敏感的户外爱好者" in capsys.readouterr().out
    assert main(["segments", "show", "价格敏感的户外爱好者", "--json", "--db", db]) == 0
    profile = json.loads(capsys.readouterr().out)
    assert profile["size"] == 10 and profile["consumption"][0]["id"] == "price_sensitive"
    assert main(["segments", "show", "nobody", "--db", db]) == 2
    assert "no segment named 'nobody'" in capsys.readouterr().err


def test_cli_discover_refresh_delete(db, capsys):
    assert main(["segments", "discover", "--k", "4", "--seed", "1", "--json", "--db", db]) == 0
    found = json.loads(capsys.readouterr().out)
    assert found["k"] == 4 and sum(s["size"] for s in found["segments"]) == 40
    assert main(["segments", "discover", "--method", "hdbscan", "--db", db]) == 0
    assert "hdbscan:" in capsys.readouterr().out
    assert main(["segments", "refresh", "--db", db]) == 0
    assert "价格敏感的户外爱好者: 10 users" in capsys.readouterr().out
    assert main(["segments", "delete", "价格敏感的户外爱好者", "--db", db]) == 0
    assert all(s["kind"] != "saved" for s in list_segments(db))


def test_cli_export(db, tmp_path, capsys):
    out = tmp_path / "a.csv"
    assert main(["export", "价格敏感的户外爱好者", "--out", str(out), "--fields", "city,consumption", "--db", db]) == 0
    assert "wrote 10 users" in capsys.readouterr().out
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert len(rows) == 10 and set(rows[0]) == {"user_id", "city", "consumption"}
    assert main(["export", "价格敏感的户外爱好者", "--out", str(tmp_path / "c.csv"), "--fields", "phone", "--db", db]) == 2
    assert "--with-identities" in capsys.readouterr().err
    assert main(["export", "价格敏感的户外爱好者", "--out", str(tmp_path / "b.jsonl"), "--with-identities",
                 "--db", db]) == 0
    assert "raw identities" in capsys.readouterr().err


def test_cli_export_without_fields_writes_what_the_chat_export_does(db, tmp_path, capsys):
    """Not a bare list of ids: a marketer opening the file sees who the users are."""
    out = tmp_path / "plain.csv"
    assert main(["export", "价格敏感的户外爱好者", "--out", str(out), "--db", db]) == 0
    header = next(csv.reader(out.open(encoding="utf-8")))
    assert header == ["user_id", "gender", "age", "city", "member_level", "lifecycle", "consumption", "interests"]
    ids = tmp_path / "ids.csv"
    assert main(["export", "价格敏感的户外爱好者", "--out", str(ids), "--fields", "user_id", "--db", db]) == 0
    assert ids.read_text(encoding="utf-8").splitlines()[0] == "user_id"


def test_cli_export_of_a_questions_audience(db, tmp_path, capsys):
    out = tmp_path / "q.jsonl"
    assert main(["export", "--question", "价格敏感型的用户", "--out", str(out), "--db", db]) == 0
    assert "wrote 10 users" in capsys.readouterr().out
    assert len(out.read_text(encoding="utf-8").splitlines()) == 10


def test_cli_copy(db, capsys):
    assert main(["copy", "价格敏感的户外爱好者", "--channel", "sms", "--tone", "活泼", "--language", "zh",
                 "--json", "--db", db]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["tone"] == "playful" and result["model"] == "offline" and result["copy_id"]
    assert all(v["body"].endswith("回T退订") for v in result["variants"])
    assert main(["copy", "价格敏感的户外爱好者", "--tone", "sarcastic", "--db", db]) == 2
    assert "unknown tone" in capsys.readouterr().err


def test_cli_copy_notes_an_offer_the_segment_does_not_care_about_and_refuses_chinese_in_english_sms(db, capsys):
    assert main(["copy", "价格敏感的户外爱好者", "--channel", "push", "--language", "en", "--offer", "手机8折",
                 "--offline", "--db", db]) == 0
    out = " ".join(capsys.readouterr().out.split())
    assert "Note: the offer “手机8折” is in Chinese and was kept as written in the English copy" in out
    assert "Note: the offer seems to be about Mobile phones, and none of this audience is interested in it" in out
    assert main(["copy", "价格敏感的户外爱好者", "--channel", "sms", "--language", "en", "--offer", "手机8折",
                 "--offline", "--db", db]) == 2
    err = capsys.readouterr().err
    assert err.startswith("persona copy: the offer “手机8折” is in Chinese") and "--language zh" in err


def test_cli_delete_refuses_a_rule_segment_without_force_and_says_it_comes_back(db, capsys):
    from schema.db import connect

    conn = connect(db)
    with conn:
        conn.execute("INSERT INTO segments (segment_id, name, name_zh, name_en, kind, sql, created_at)"
                     " VALUES ('rule_high_value', 'rule_high_value', '高价值客户', 'High-value customers', 'rule',"
                     " 'SELECT user_id FROM profiles', '2026-12-01T00:00:00')")
    conn.close()
    assert main(["segments", "delete", "rule_high_value", "--db", db]) == 2
    err = capsys.readouterr().err
    assert "'rule_high_value' is a built-in rule segment (高价值客户)" in err
    assert "next `persona build` creates it again" in err and "--force" in err
    assert [s["name"] for s in list_segments(db) if s["kind"] == "rule"] == ["rule_high_value"]
    assert main(["segments", "delete", "rule_high_value", "--force", "--db", db]) == 0
    assert "deleted rule segment 'rule_high_value' (高价值客户); the next `persona build` creates it again" \
        in capsys.readouterr().out
    assert [s for s in list_segments(db) if s["kind"] == "rule"] == []
    assert main(["segments", "delete", "价格敏感的户外爱好者", "--db", db]) == 0   # saved ones: no --force needed
    assert capsys.readouterr().out.strip() == "deleted segment '价格敏感的户外爱好者'"


def test_unknown_segment_lists_some_and_says_how_many_more(db, capsys):
    for i in range(10):
        save_segment(db, f"人群{i:02d}", "SELECT user_id FROM users")
    assert main(["export", "qqq", "--out", "x.csv", "--db", db]) == 2   # 11 segments, none like 'qqq'
    err = capsys.readouterr().err
    assert "known segments: '人群00', '人群01'" in err and "'人群07' and 3 more (`persona segments` lists them)" in err


@pytest.mark.parametrize("language, labels, foreign", [
    ("zh", ("邮件主题：", "预览文字：", "已保存为文案 #1", "正文 ", "/600", "1 · 性价比 / 优惠"),
     ("subject:", "preheader:", "saved as copy", "body ")),
    ("en", ("subject: ", "preheader: ", "saved as copy #1", "body ", "/1200", "1 · value"),
     ("邮件主题", "预览文字", "已保存", "正文")),
])
def test_cli_copy_is_labelled_in_the_copys_language(db, capsys, language, labels, foreign):
    assert main(["copy", "价格敏感的户外爱好者", "--channel", "email", "--language", language, "--offline",
                 "--db", db]) == 0
    out = capsys.readouterr().out
    assert all(label in out for label in labels), out
    assert not any(label in out for label in foreign), out
