"""The result table, full (`persona sql`) and compact (under an answer), rendered at a fixed width."""

from __future__ import annotations

import pytest

from agent.render_table import ResultTable
from tests.test_agent_render import render
from tools.sql_guard import QueryResult


def result(rows, *, truncated=False) -> QueryResult:
    return QueryResult(columns=["city", "n", "note"], types=["TEXT", "INTEGER", "NULL"], rows=rows,
                       row_count=len(rows), truncated=truncated, sql="SELECT ...", duration_ms=1.25)


def test_full_table_renders_exactly():
    assert render(ResultTable.of(result([("上海", 2, None), ("北京", 10, None)]))) == (
        "┏━━━━━━┳━━━━┳━━━━━━┓\n"
        "┃ city ┃  n ┃ note ┃\n"
        "┡━━━━━━╇━━━━╇━━━━━━┩\n"
        "│ 上海 │  2 │ NULL │\n"
        "│ 北京 │ 10 │ NULL │\n"
        "└──────┴────┴──────┘\n"
        "2 rows · 1.2 ms")


def test_full_table_shows_a_page_and_says_when_truncated():
    text = render(ResultTable.of(result([("a", i, None) for i in range(5)], truncated=True), max_rows=2))
    assert text.count("│ a") == 2
    assert "showing 2 of 5 rows" in text
    assert "more matched" in text


def test_full_table_keeps_values_exact():
    text = render(ResultTable(["x", "b"], [[3.14159, b"\x00\x01\x02"]], types=["REAL", "BLOB"]))
    assert "│ 3.14159 │ <3 bytes> │" in text
    assert text.splitlines()[-1] == "1 row"


def test_compact_table_pages_big_results_and_says_the_total():
    text = render(ResultTable(["user_id", "age"], [["u1", 30], ["u2", None], ["u3", 2.0]], row_count=1234,
                              max_rows=2, compact=True))
    assert text == ("user_id ┃ age\n"
                    "━━━━━━━━╇━━━━\n"
                    "u1      │ 30\n"
                    "u2      │\n"
                    "… 1,232 more rows (1,234 in total)")


def test_compact_table_says_when_the_row_cap_cut_the_result():
    text = render(ResultTable(["user_id"], [["u1"]], row_count=200_000, max_rows=1, truncated=True, compact=True))
    assert text.splitlines()[-1] == "… 199,999 more rows (stopped at the 200,000-row limit)"


def test_compact_table_says_nothing_when_every_row_is_shown():
    assert render(ResultTable(["n"], [[1], [2]], compact=True)).splitlines()[-1] == "2"


def test_compact_cells_are_one_short_line():
    text = render(ResultTable(["note", "x", "y"], [["line one\nline two " + "z" * 80, 41.456, float("inf")]],
                              compact=True), width=200)
    row = text.splitlines()[2]
    assert row.startswith("line one line two zzz")
    assert "z…" in row and "z" * 60 not in row
    assert row.endswith("│ 41.46 │ inf")


@pytest.mark.parametrize("compact", [False, True])
def test_markup_in_data_is_text(compact):
    text = render(ResultTable(["city"], [["[bold]x[/bold]"]], compact=compact))
    assert "[bold]x[/bold]" in text


def test_full_table_cuts_a_giant_value_and_says_how_much_is_left_out():
    """A 5 MB name once took `persona sql` half a minute to wrap; now a page, at once."""
    import time

    giant = "x" * 1_000_000
    started = time.monotonic()
    text = render(ResultTable(["user_id", "name"], [["h2", giant], ["u1", "李娜"]]), width=80)
    assert time.monotonic() - started < 2.0
    flat = " ".join(text.replace("│", " ").split())  # the note may wrap inside its cell
    assert "998,000 more characters; --json has the whole value" in flat
    assert text.count("x") < 2100 and "李娜" in text


@pytest.mark.parametrize("compact", [False, True])
def test_column_names_and_values_are_text_not_markup(compact):
    """`persona sql 'SELECT 1 AS "[/]"'` ended in a MarkupError."""
    text = render(ResultTable(["[/]", "y"], [[1, "[b]x"]], compact=compact), width=40)
    assert "[/]" in text and "[b]x" in text
