"""The answer renderables, rendered to text at a fixed width."""

import io

from rich.console import Console

from agent.graph import Answer
from agent.render_answer import AnswerView, SqlPanel, StatusLine


def render(renderable, width=60) -> str:
    out = io.StringIO()
    Console(file=out, width=width, color_system=None).print(renderable)
    return "\n".join(line.rstrip() for line in out.getvalue().splitlines())


def answer(**overrides) -> Answer:
    fields = dict(question="q", text="3 users.", mode="offline", sql=["SELECT user_id FROM users LIMIT 200000"],
                  columns=["user_id", "age"], rows=[["u1", 30], ["u2", None], ["u3", 41.5]], row_count=3,
                  duration_ms=12.3, round_trips=2)
    return Answer(**{**fields, **overrides})


def test_sql_panel():
    assert render(SqlPanel(["SELECT 1", "SELECT user_id FROM users;"]), width=40) == (
        "╭─ SQL ────────────────────────────────╮\n"
        "│ SELECT 1;                            │\n"
        "│                                      │\n"
        "│ SELECT user_id FROM users;           │\n"
        "╰──────────────────────────────────────╯")


def test_status_line_with_tokens_thread_and_fallback():
    line = render(StatusLine(answer(mode="offline", tokens_in=120, tokens_out=30, thread="t1",
                                    fallback="gpt-4o-mini failed (500 InternalServerError: boom)")), width=200)
    assert line == ("offline · 12 ms · 120+30 tokens · 3 rows · thread t1 · "
                    "fell back to the offline planner: gpt-4o-mini failed (500 InternalServerError: boom)")


def test_answer_view_with_and_without_sql():
    with_sql = render(AnswerView(answer()))
    assert with_sql == ("3 users.\n"
                        "\n"
                        "user_id ┃ age\n"
                        "━━━━━━━━╇━━━━━\n"
                        "u1      │ 30\n"
                        "u2      │\n"
                        "u3      │ 41.5\n"
                        "╭─ SQL ────────────────────────────────────────────────────╮\n"
                        "│ SELECT user_id FROM users LIMIT 200000;                  │\n"
                        "╰──────────────────────────────────────────────────────────╯\n"
                        "offline · 12 ms · 3 rows")
    assert "SQL" not in render(AnswerView(answer(), show_sql=False))


def test_a_lone_count_is_not_repeated_as_a_table():
    text = render(AnswerView(answer(text="42 users.", columns=["n"], rows=[[42]], row_count=1), show_sql=False))
    assert text == "42 users.\noffline · 12 ms · 1 row"


def test_status_line_counts_model_calls_but_not_the_offline_planners_steps():
    assert render(StatusLine(answer(mode="offline", round_trips=2))) == "offline · 12 ms · 3 rows"
    assert render(StatusLine(answer(mode="gpt-4o-mini", round_trips=1, row_count=1))) == (
        "gpt-4o-mini · 12 ms · 1 model call · 1 row")
