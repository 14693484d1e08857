"""Profile keywords: TextRank over content words, in both languages, stored and shown per user."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tools.analyzers.keywords import common_zh, user_keywords


def _words(texts) -> list[str]:
    return [k.word for k in user_keywords(texts)]


def test_chinese_keywords_are_topics_not_opinions_or_filler():
    texts = ["周末去徒步,冲锋衣很好用,登山杖也不错", "最近又买了一双登山鞋,冲锋衣再买一件", "冲锋衣 测评"]
    words = _words(texts)
    assert words[0] == "冲锋衣"  # in every text, tied to the rest
    assert {"登山杖", "登山鞋", "徒步"} <= set(words)
    assert not {"很好用", "不错", "最近", "一双", "一件", "买了"} & set(words)


def test_english_keywords_skip_stop_and_opinion_words():
    texts = ["The trail runners are great, but the laces broke.", "Bought trail runners again for the marathon."]
    words = _words(texts)
    assert {"trail", "runners", "marathon", "laces"} <= set(words)
    assert not {"the", "great", "but", "bought", "again", "broke"} & set(words)


def test_weights_rank_the_connected_word_first():
    keywords = user_keywords(["猫粮 猫砂 猫抓板", "猫砂 除臭", "猫砂 结团"])
    assert keywords[0].word == "猫砂" and keywords[0].weight == 1.0 and keywords[0].count == 3
    assert all(0 < k.weight <= 1 for k in keywords)
    assert [k.weight for k in keywords] == sorted((k.weight for k in keywords), reverse=True)


def test_no_content_words_no_keywords():
    assert user_keywords([]) == []
    assert user_keywords(["很好很好", "the and but", "", "一个"]) == []


def test_common_words_come_from_the_shipped_list():
    assert {"生活", "最近"} <= common_zh()
    assert "冲锋衣" not in common_zh()


def test_build_stores_keywords_the_card_shows_them_and_sql_can_search(tmp_path, capsys):
    from agent.cli import main
    from tools.ingest import ingest_records
    from tools.profile.build import build_profiles
    from tools.profile.store import load_profile

    db = str(tmp_path / "kw.db")
    ingest_records(db, [{"user_id": "u1", "attributes": {"name": "李娜", "gender": "female"},
                         "texts": [{"text_id": "t1", "source": "review", "text": "冲锋衣很好用,登山杖也不错",
                                    "at": "2026-11-01T10:00:00"},
                                   {"text_id": "t2", "source": "post", "text": "周末穿冲锋衣去徒步",
                                    "at": "2026-11-02T10:00:00"}]}])
    build_profiles(db)
    stored = sqlite3.connect(db).execute("SELECT keywords FROM profiles WHERE user_id = 'u1'").fetchone()[0]
    assert json.loads(stored)[0] == ["冲锋衣", 1.0]
    assert load_profile(db, "u1")["profile"]["keywords"][0] == ["冲锋衣", 1.0]

    assert main(["profile", "u1", "--db", db]) == 0
    assert "关键词: 冲锋衣" in capsys.readouterr().out
    assert main(["sql", "SELECT user_id FROM profiles WHERE keywords LIKE '%冲锋衣%'", "--db", db, "--json"]) == 0
    assert "u1" in capsys.readouterr().out


def test_a_database_from_before_keywords_upgrades_and_keeps_its_profiles(tmp_path, monkeypatch):
    import schema.db
    from schema.db import connect, schema_version
    from schema.migrations import LATEST_VERSION, MIGRATIONS
    from tools.profile.store import load_profile

    path = tmp_path / "v1.db"
    monkeypatch.setattr(schema.db, "MIGRATIONS", MIGRATIONS[:1])  # a Persona from before migration 2
    monkeypatch.setattr(schema.db, "LATEST_VERSION", 1)
    old = connect(path)
    with old:
        old.execute("INSERT INTO users (user_id, data_updated_at) VALUES ('u1', '2026-11-01')")
        old.execute("INSERT INTO profiles (user_id, completeness, built_at, model, version) "
                    "VALUES ('u1', 0.5, '2026-11-01', 'offline', 'v1')")
    old.close()
    monkeypatch.undo()

    upgraded = connect(path)
    try:
        assert schema_version(upgraded) == LATEST_VERSION   # every later migration applied too
        assert upgraded.execute("SELECT user_id, keywords FROM profiles").fetchall() == [("u1", None)]
    finally:
        upgraded.close()
    assert load_profile(str(path), "u1")["profile"]["keywords"] is None


def test_english_keywords_skip_adverbs_generic_verbs_and_fillers():
    # the words fresh-eyes review #5 found as an English user's keywords: basically · changed · cancelling
    texts = ["Basically I changed my mind and decided to keep the noise-cancelling headphones.",
             "Still deciding between the Sony and Bose headphones, cancelling one order, takes three weeks.",
             "Finally bought the headphones, honestly painfully expensive, comes with a case."]
    words = _words(texts)
    assert words[0] == "headphones" and {"noise-cancelling", "sony", "bose", "case"} <= set(words), words
    noise = {"basically", "changed", "decided", "deciding", "between", "cancelling", "keep", "takes", "three",
             "finally", "honestly", "painfully", "comes", "mind"}
    assert not noise & set(words), noise & set(words)


TABLE = Path(__file__).parent / "fixtures" / "keywords_table.tsv"


def _table():
    for number, line in enumerate(TABLE.read_text(encoding="utf-8").splitlines(), start=1):
        if line.strip() and not line.startswith("#"):
            lang, texts, included, excluded = line.split("\t")
            yield pytest.param(texts.split(" || "), included.split(), excluded.split(), id=f"{number}-{lang}-{texts[:20]}")


@pytest.mark.parametrize("texts, included, excluded", list(_table()))
def test_keywords_are_topics_not_opinions_dislikes_or_boilerplate(texts, included, excluded):
    from tools.analyzers import analyze_text

    keywords = user_keywords(texts, k=20)
    words = [k.word for k in keywords]
    assert set(included) <= set(words), (words, set(included) - set(words))
    assert not set(excluded) & set(words), (words, set(excluded) & set(words))
    # given the analyses' cue spans (as the build does), the keywords are the same
    assert user_keywords(texts, k=20, cues=[analyze_text(text).cue_spans for text in texts]) == keywords


def test_the_analysis_cue_spans_spare_the_keywords_a_scan(monkeypatch):
    from tools.analyzers import analyze_text, keywords

    texts = ["I am filing a complaint about the tent zipper", "我要投诉这家快递，冲锋衣三天还没到"]
    spans = [analyze_text(text).cue_spans for text in texts]
    assert spans == [((5, 23),), ((0, 4),)]   # "filing a complaint", 我要投诉
    keywords._content_words.cache_clear()

    def no_scan(*args, **kwargs):
        raise AssertionError("scanned again")

    monkeypatch.setattr(keywords, "scan_cues", no_scan)
    assert {k.word for k in user_keywords(texts, cues=spans)} == {"tent", "zipper", "冲锋衣"}
    with pytest.raises(AssertionError, match="scanned again"):   # without them, the text is scanned
        user_keywords(["I am filing a complaint about the tent"])
    # a search that asks nothing reads more cues than a plain text: the keywords scan it themselves
    assert analyze_text("投诉 冲锋衣", source="search").cue_spans is None


def test_the_first_text_of_a_process_is_cut_with_the_taxonomy_words():
    # jieba learns the lexicon's and the taxonomy's words before the first cut (手机壳 stays whole);
    # a fresh process, since any test before this one may have taught it already
    code = ("from tools.analyzers.keywords import user_keywords;"
            "print(' '.join(k.word for k in user_keywords(['手机壳看了好几款,还在对比。看了好多充电宝的测评。'])))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         cwd=Path(__file__).parents[1], env={**os.environ, "PYTHONPATH": str(Path(__file__).parents[1])})
    assert set(out.stdout.split()) == {"手机壳", "充电宝"}, out
