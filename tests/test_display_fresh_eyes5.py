"""Fresh-eyes review #5, the cosmetic items: how answers, cards and tables read, on the demo data.

The chat questions run through the real offline agent; cards and tables are rendered to a string
by rich at a fixed width, as a terminal would show them.
"""

from __future__ import annotations

import io

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
