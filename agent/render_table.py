"""A query result as a rich table, for `persona sql` and the REPL."""

from __future__ import annotations

from rich.console import Console, ConsoleOptions, RenderResult
from rich.table import Table
from rich.text import Text

_NUMERIC = {"INTEGER", "REAL"}


class ResultTable:
    """The rows of a query result under their column names, with a caption counting them.

    Args:
        result: A ``tools.sql_guard.QueryResult`` (anything with ``columns``, ``types``, ``rows``,
            ``row_count``, ``truncated`` and ``duration_ms``).
        max_rows: Show at most this many rows; None shows all of them.
        title: A title above the table.

    Example:
        >>> Console().print(ResultTable(run_sql("shop.db", "SELECT city, COUNT(*) FROM users GROUP BY city")))
    """

    def __init__(self, result, *, max_rows: int | None = None, title: str | None = None):
        self.result = result
        self.max_rows = max_rows
        self.title = title

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        result = self.result
        shown = result.rows if self.max_rows is None else result.rows[: self.max_rows]
        table = Table(title=self.title)
        for name, kind in zip(result.columns, result.types):
            table.add_column(name, justify="right" if kind in _NUMERIC else "left", overflow="fold")
        for row in shown:
            table.add_row(*(_cell(value) for value in row))
        yield table
        # Below the table rather than as its caption, which would wrap to the table's width.
        yield Text(self._caption(len(shown)), style="dim")

    def _caption(self, shown: int) -> str:
        result = self.result
        count = f"{result.row_count} row{'' if result.row_count == 1 else 's'}"
        if shown < result.row_count:
            count = f"showing {shown} of {count}"
        if result.truncated:
            count += f" (more matched; results stop at {result.row_count}: filter or aggregate to see the rest)"
        return f"{count} · {result.duration_ms:.1f} ms"


def _cell(value) -> Text:
    if value is None:
        return Text("NULL", style="dim")
    if isinstance(value, bytes):
        return Text(f"<{len(value)} bytes>", style="dim")
    return Text(str(value))
