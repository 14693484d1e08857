"""Fresh-eyes review #5, the cosmetic items: how answers, cards and tables read, on the demo data.

The chat questions run through the real offline agent; cards and tables are rendered to a string
by rich at a fixed width, as a terminal would show them.
"""

from __future__ import annotations

import io
import re

import pytest
from rich.console import Console

from agent.graph import Agent
from tests.agent_helpers import built_demo_db


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    return built_demo_db(tmp_path_factory.mktemp("display5"))


def ask(db: str, *questions: str):
    agent = Agent(db, offline=True, thread=None)
    try:
        return [agent.ask(question) for question in questions]
    finally:
        agent.close()


def render(renderable, width: int = 80) -> str:
    out = io.StringIO()
    Console(file=out, width=width, color_system=None).print(renderable)
    return "\n".join(line.rstrip() for line in out.getvalue().splitlines())


def test_english_counts_are_singular_for_one(demo_db):
    one, ranked = ask(demo_db, "users in Luoyang who love fitness", "top 5 users by average order value")
    assert one.row_count == 1 and one.text.startswith("1 user matches:"), one.text
    assert "First 1" not in one.text
    assert "(1 order)" in ranked.text and "1 orders" not in ranked.text, ranked.text


def test_chinese_counts_are_spaced_like_the_rest_of_the_answer(demo_db):
    found, copy = ask(demo_db, "上海的女性用户", "给他们写一条文案")
    assert "前 5 位：" in found.text, found.text
    assert copy.text.startswith(f"为 {found.row_count} 位用户写了 1 条文案"), copy.text


def _has_cjk(text: str) -> bool:
    return any("\u4e00" <= char <= "\u9fff" for char in text)


def test_a_profile_answer_names_everything_in_the_answers_language(demo_db):
    # u00173 writes in Chinese, u00010 in English; each is asked about in the other language
    english, chinese = ask(demo_db, "tell me about u00173", "介绍一下 u00010")
    assert "Lifecycle / consumption: Mature / Price-sensitive" in english.text, english.text
    assert "Normal member" in english.text and "Shanghai" in english.text
    assert not _has_cjk(english.text), english.text        # no Chinese tag names, no Chinese summary
    assert "Unhappy about: " in english.text               # the summary's complaints, in English
    assert "普通会员" in chinese.text and "性价比型" in chinese.text, chinese.text
    for raw in ("value_seeker", "normal", "new", "Running"):
        assert raw not in chinese.text


def test_an_english_summary_names_the_city_in_english(demo_db):
    (answer,) = ask(demo_db, "tell me about u00010")
    summary = answer.text.split("Summary: ", 1)[1]
    assert summary.startswith("Mia Kim, 27, female, Beijing (Tier-1 city)"), summary
    assert "¥1,878 spent" in summary and not _has_cjk(summary)


def test_money_in_an_english_answer_has_its_currency(demo_db):
    ranked, average = ask(demo_db, "top 3 users by total spend", "average order value of price sensitive users")
    assert "1. u00031 郭雪 ¥22,112.00 (18 orders)" in ranked.text, ranked.text
    assert "¥" in average.text, average.text


def card(db: str, user_id: str, lang: str | None, width: int = 80) -> str:
    from agent.render_profile import ProfileCard
    from tools.profile.store import load_profile

    return render(ProfileCard(load_profile(db, user_id, lang=lang), lang=lang), width)


def test_the_card_speaks_the_readers_language_not_the_users(demo_db):
    english = card(demo_db, "u00173", "en")     # u00173 writes in Chinese
    assert "female · 30 · Shanghai (Tier-1 city) · Normal member" in english, english
    assert "Mature · Price-sensitive · RFM" in english and "6 orders · ¥3,134" in english
    for label in ("Tags", "Demographics", "Feelings by aspect", "Intents", "Values", "Keywords:", "Evidence"):
        assert f"\n{label}" in english or f"\n {label}" in english, label
    for chinese in ("标签", "人口属性", "成熟期", "意图", "价值观", "观察中", "证据", "进行中"):
        assert chinese not in english
    assert "岁" not in english                   # the offline summary restates the card in Chinese: left out
    chinese = card(demo_db, "u00010", "zh")     # u00010 writes in English
    assert "女 · 27岁 · 北京（一线城市） · 普通会员" in chinese, chinese
    assert "标签" in chinese and "性价比型" in chinese and "Value seeker" not in chinese


def test_the_cards_summary_breaks_inside_chinese_not_after_an_english_name(demo_db):
    text = card(demo_db, "u00173", "zh")
    panel = [line.strip("│ ") for line in text.split("╰", 1)[0].splitlines()[1:]]
    summary = panel[panel.index("") + 1:]
    assert summary[0].startswith("Olivia Taylor,30岁,女,上海"), text   # not "Olivia" alone on its line
    assert len(summary) == 3 and all(len(line) > 30 for line in summary[:-1]), summary


def test_the_card_at_80_columns_keeps_the_evidence_readable(demo_db):
    text = card(demo_db, "u00001", "en")
    assert max(len(line) for line in text.splitlines()) <= 80
    lifecycle = text.split("\n   Mature ", 1)[1].split("Consumption", 1)[0]
    assert re.search(r"known for \d+ days, 5 orders,\s+active \d+ days ago", lifecycle), text
    assert "…" not in text.split("Tags", 1)[1].split("Feelings", 1)[0]   # wrapped, not cut


def test_persona_profile_takes_the_readers_language_from_lang_or_the_locale(demo_db, capsys, monkeypatch):
    from agent.cli import main
    from agent.commands import locale_language

    assert main(["profile", "u00173", "--lang", "en", "--db", demo_db]) == 0
    assert "Demographics" in capsys.readouterr().out
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    assert main(["profile", "u00173", "--db", demo_db]) == 0
    assert "Demographics" in capsys.readouterr().out
    assert locale_language({"LC_ALL": "zh_CN.UTF-8", "LANG": "en_US.UTF-8"}) == "zh"
    assert locale_language({"LANG": "C.UTF-8"}) is None and locale_language({}) is None


def test_a_chinese_answer_breaks_inside_chinese_not_after_an_english_name(demo_db):
    from agent.render_answer import AnswerView

    (answer,) = ask(demo_db, "介绍一下 u00173")
    lines = render(AnswerView(answer, show_sql=False), width=80).splitlines()
    summary = next(index for index, line in enumerate(lines) if line.startswith("摘要："))
    assert lines[summary].startswith("摘要：Olivia Taylor,30岁"), lines   # was "摘要：Olivia" alone
    assert len(lines[summary]) > 30


def test_a_ranking_at_80_columns_keeps_every_column(demo_db):
    from agent.render_answer import AnswerView

    (answer,) = ask(demo_db, "top 5 users by average order value")
    text = render(AnswerView(answer, show_sql=False), width=80)
    assert max(len(line) for line in text.splitlines()) <= 80
    header = "\n".join(line for line in text.splitlines() if "┃" in line)
    for name in ("user_id", "order_", "count", "total_", "spend", "avg_order", "value"):
        assert name in header, header          # long names stacked at their underscores, none cut
    assert "u00185  │ David Chen    │ male   │ 34  │           │ 1      │ 9219   │ 9219" in text, text
    assert "u00063  │ 周昊          │ male   │ 24  │ Chongqing │ 1" in text, text   # the city as the text names it


def test_select_star_at_80_columns_is_one_block_per_row(demo_db, capsys, monkeypatch):
    from agent.cli import main

    monkeypatch.setenv("COLUMNS", "80")
    assert main(["sql", "SELECT * FROM users WHERE user_id = 'u00002'", "--db", demo_db]) == 0
    lines = [line.rstrip() for line in capsys.readouterr().out.splitlines()]
    assert lines[0] == "── row 1 ──"
    assert "name             Chris Smith" in lines and "member_level     silver" in lines, lines
    assert lines[-1].startswith("1 row · ")
    assert main(["sql", "SELECT user_id, age FROM users WHERE user_id = 'u00002'", "--db", demo_db]) == 0
    assert "│ u00002  │  31 │" in capsys.readouterr().out    # a narrow result stays a table


def test_exporting_one_user_says_one_user(demo_db, tmp_path, capsys):
    from agent.cli import main

    out = tmp_path / "one.csv"
    assert main(["export", "--question", "users in Luoyang who love fitness", "--out", str(out),
                 "--db", demo_db]) == 0
    assert capsys.readouterr().out.startswith(f"wrote 1 user to {out}")


def test_the_chats_profile_card_follows_the_last_questions_language(demo_db, monkeypatch):
    from agent.repl import Repl

    monkeypatch.setenv("LANG", "C.UTF-8")
    out = io.StringIO()
    repl = Repl(Agent(demo_db, offline=True, thread=None), Console(file=out, width=100, color_system=None))
    try:
        repl.handle("how many users love camping?")
        repl.handle("/profile u00173")                    # u00173 writes in Chinese
        english = out.getvalue().split("Olivia Taylor · u00173", 1)[1]
        assert "Demographics" in english and "人口属性" not in english
        repl.handle("有多少用户喜欢露营？")
        repl.handle("/profile u00010")                    # u00010 writes in English
        chinese = out.getvalue().split("Mia Kim · u00010", 1)[1]
        assert "人口属性" in chinese and "Demographics" not in chinese
    finally:
        repl.agent.close()
