"""How an answer looks in the terminal: the text, the result table, the SQL, a status line.

Each piece is a small rich renderable, tested by rendering to a string at a fixed width.
Big results are not dumped: the table shows the first rows and says how many there are.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Sequence

from rich.console import Console, ConsoleOptions, Group, RenderResult
from rich.panel import Panel
from rich.syntax import Syntax
from rich.text import Text

from agent.planner.labels import shown_result
from agent.render_table import ResultTable
from agent.render_wrap import wrap_mixed

if TYPE_CHECKING:  # the renderers only read an Answer; importing the graph is not needed
    from agent.graph import Answer

TABLE_ROWS = 15          # rows of a result shown under an answer


class SqlPanel:
    """The statements that were run, in order, syntax-highlighted."""

    def __init__(self, statements: Sequence[str]) -> None:
        self.statements = [s for s in statements if s]

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        if not self.statements:
            return
        code = ";\n\n".join(statement.strip().rstrip(";") for statement in self.statements) + ";"
        yield Panel(Syntax(code, "sql", word_wrap=True, background_color="default"),
                    title="SQL", title_align="left", border_style="dim")


class StatusLine:
    """mode · time · model calls · tokens · rows, and the fallback reason when there was one."""

    def __init__(self, answer: Answer) -> None:
        self.answer = answer

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield Text(status_text(self.answer), style="dim")


def status_text(answer: Answer) -> str:
    """mode · time · model calls · tokens · rows · thread, in the answer's language."""
    zh = answer.lang == "zh"
    parts = ["离线" if zh and answer.mode == "offline" else answer.mode, f"{answer.duration_ms:,.0f} ms"]
    # The offline planner's steps are no one's business; a network model's calls cost time and money.
    if answer.mode != "offline" and answer.round_trips:
        parts.append(f"{answer.round_trips} 次模型调用" if zh else
                     f"{answer.round_trips} model call" + ("" if answer.round_trips == 1 else "s"))
    if answer.tokens_in or answer.tokens_out:
        parts.append(f"{answer.tokens_in}+{answer.tokens_out} tokens")
    if answer.row_count is not None:
        parts.append(f"{answer.row_count:,} 行" if zh else
                     f"{answer.row_count:,} row" + ("" if answer.row_count == 1 else "s"))
    if answer.thread:
        parts.append(f"会话 {answer.thread}" if zh else f"thread {answer.thread}")
    text = " · ".join(parts)
    if answer.fallback:
        text += (f" · 已改用离线规划器：{answer.fallback}" if zh else
                 f" · fell back to the offline planner: {answer.fallback}")
    return text


class AnswerView:
    """Everything shown for one answer: text, result table, SQL (optional), status line."""

    def __init__(self, answer: Answer, *, show_sql: bool = True, max_rows: int = TABLE_ROWS) -> None:
        self.answer = answer
        self.show_sql = show_sql
        self.max_rows = max_rows

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        answer = self.answer
        style = "bold red" if answer.error else "bold"
        parts: list = [wrap_mixed(Text(answer.text, style=style), options.max_width)]
        if answer.columns and _table_adds_something(answer):
            columns, rows = shown_result(answer.columns, answer.rows[:self.max_rows], answer.lang)
            parts += [Text(""), ResultTable(columns, rows, row_count=answer.row_count, truncated=answer.truncated,
                                            max_rows=self.max_rows, compact=True, lang=answer.lang)]
        if self.show_sql and answer.sql:
            parts.append(SqlPanel(answer.sql))
        parts.append(StatusLine(answer))
        yield Group(*parts)


def _table_adds_something(answer: Answer) -> bool:
    """A lone number (COUNT(*)) is already in the answer text; a table of it adds nothing."""
    return not (len(answer.columns) == 1 and answer.row_count == 1)

