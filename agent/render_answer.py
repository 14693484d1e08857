"""How an answer looks in the terminal: the text, the result table, the SQL, a status line.

Each piece is a small rich renderable, tested by rendering to a string at a fixed width.
Big results are not dumped: the table shows the first rows and says how many there are.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Sequence

from rich.console import Console, ConsoleOptions, Group, RenderResult
from rich.panel import Panel
from rich.syntax import Syntax
from rich.table import Table
from rich.text import Text

if TYPE_CHECKING:  # the renderers only read an Answer; importing the graph is not needed
    from agent.graph import Answer

TABLE_ROWS = 15          # rows of a result shown under an answer
CELL_CHARS = 60          # longer cell texts are cut


class ResultTable:
    """The first rows of a query result, with the total when there are more.

    Example:
        >>> Console().print(ResultTable(["user_id"], [["u1"], ["u2"]], row_count=2))
    """

    def __init__(self, columns: Sequence[str], rows: Sequence[Sequence[Any]], *, row_count: int | None = None,
                 max_rows: int = TABLE_ROWS, truncated: bool = False) -> None:
        self.columns = list(columns)
        self.rows = list(rows)
        self.row_count = len(self.rows) if row_count is None else row_count
        self.max_rows = max_rows
        self.truncated = truncated

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        table = Table(show_header=True, header_style="bold", show_edge=False, pad_edge=False)
        for column in self.columns:
            table.add_column(str(column), overflow="ellipsis", no_wrap=True, min_width=min(len(str(column)), 12))
        for row in self.rows[:self.max_rows]:
            table.add_row(*(_cell(value) for value in row))
        yield table
        hidden = self.row_count - min(len(self.rows), self.max_rows)
        if hidden > 0:
            total = f"stopped at the {self.row_count:,}-row limit" if self.truncated else f"{self.row_count:,} in total"
            yield Text(f"… {hidden:,} more rows ({total})", style="dim")


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
    """mode · time · model round trips · tokens · rows, and the fallback reason when there was one."""

    def __init__(self, answer: Answer) -> None:
        self.answer = answer

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield Text(status_text(self.answer), style="dim")


def status_text(answer: Answer) -> str:
    parts = [answer.mode, f"{answer.duration_ms:,.0f} ms", f"{answer.round_trips} round trip"
             + ("" if answer.round_trips == 1 else "s")]
    if answer.tokens_in or answer.tokens_out:
        parts.append(f"{answer.tokens_in}+{answer.tokens_out} tokens")
    if answer.row_count is not None:
        parts.append(f"{answer.row_count:,} row" + ("" if answer.row_count == 1 else "s"))
    if answer.thread:
        parts.append(f"thread {answer.thread}")
    text = " · ".join(parts)
    if answer.fallback:
        text += f" · fell back to the offline planner: {answer.fallback}"
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
        parts: list = [Text(answer.text, style=style)]
        if answer.columns and _table_adds_something(answer):
            parts += [Text(""), ResultTable(answer.columns, answer.rows, row_count=answer.row_count,
                                            max_rows=self.max_rows, truncated=answer.truncated)]
        if self.show_sql and answer.sql:
            parts.append(SqlPanel(answer.sql))
        parts.append(StatusLine(answer))
        yield Group(*parts)


def _table_adds_something(answer: Answer) -> bool:
    """A lone number (COUNT(*)) is already in the answer text; a table of it adds nothing."""
    return not (len(answer.columns) == 1 and answer.row_count == 1)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.2f}".rstrip("0").rstrip(".") if value != int(value) else f"{value:.0f}"
    text = str(value).replace("\n", " ")
    return text if len(text) <= CELL_CHARS else text[:CELL_CHARS - 1] + "…"
