"""A query result as a rich table: in full for `persona sql`, compact under an agent's answer.

One renderable serves both. The full table frames every row, keeps values exact (``NULL``
spelled out; only a value over 2,000 characters is cut, saying how much was left out) and says
below it how many rows came back and how long they took. The compact
table is borderless, keeps each cell to one short line and, when rows are hidden, says how many;
the answer's status line already gives the count and the time.
"""

from __future__ import annotations

import re
from typing import Any, Sequence

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderResult
from rich.table import Table
from rich.text import Text

CELL_CHARS = 60          # a longer compact cell is cut
FULL_CELL_CHARS = 2000   # a longer cell of the full table is cut too: a 5 MB text would take a minute to wrap
_NUMERIC = {"INTEGER", "REAL"}
STACKED_MIN = 10         # a stacked column name keeps lines of at least this many cells


class ResultTable:
    """The rows of a query result under their column names, and a dim line about the rest.

    Args:
        columns: The column names.
        rows: The rows (sequences of SQLite values).
        types: SQLite storage classes by column (``INTEGER``, ``REAL`` ... as in
            ``tools.sql_guard.QueryResult``); numeric columns are right-aligned. None: all left.
        row_count: How many rows the query returned; default ``len(rows)``.
        truncated: The row cap cut the result (more rows matched).
        duration_ms: How long the query took, for the full table's caption; None leaves it out.
        max_rows: Show at most this many rows; None shows all of them.
        compact: Borderless, one short line per cell, a line only when rows are hidden.
        lang: The language of the compact table's line about hidden rows (under a Chinese answer: Chinese).

    Example:
        >>> Console().print(ResultTable.of(run_sql("shop.db", "SELECT city, COUNT(*) FROM users GROUP BY city")))
        >>> Console().print(ResultTable(["user_id"], [["u1"], ["u2"]], max_rows=15, compact=True))
    """

    def __init__(self, columns: Sequence[str], rows: Sequence[Sequence[Any]], *, types: Sequence[str] | None = None,
                 row_count: int | None = None, truncated: bool = False, duration_ms: float | None = None,
                 max_rows: int | None = None, compact: bool = False, lang: str = "en") -> None:
        self.columns = [str(column) for column in columns]
        self.rows = list(rows)
        self.types = list(types) if types is not None else [None] * len(self.columns)
        self.row_count = len(self.rows) if row_count is None else row_count
        self.truncated = truncated
        self.duration_ms = duration_ms
        self.max_rows = max_rows
        self.compact = compact
        self.lang = lang

    @classmethod
    def of(cls, result, **options) -> ResultTable:
        """The table of a ``tools.sql_guard.QueryResult``: its columns, types, rows, count and time."""
        return cls(result.columns, result.rows, types=result.types, row_count=result.row_count,
                   truncated=result.truncated, duration_ms=result.duration_ms, **options)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        shown = self.rows if self.max_rows is None else self.rows[:self.max_rows]
        cells = [[_cell(value, compact=self.compact) for value in row] for row in shown]
        widths = [max([cell_len(name)] + [_width(row[index]) for row in cells])
                  for index, name in enumerate(self.columns)]
        fits = sum(widths) + 3 * len(widths) + 1 <= options.max_width
        if not self.compact and not fits and len(self.columns) > 2:
            yield from self._records(cells)   # too many columns for the terminal: one block per row
        else:
            yield self._table(cells, stack_headers=not fits)
        # Below the table rather than as its caption, which would wrap to the table's width.
        footer = self._hidden_rows(len(shown)) if self.compact else self._caption(len(shown))
        if footer:
            yield Text(footer, style="dim")

    def _table(self, cells: list[list[Text]], *, stack_headers: bool) -> Table:
        """The rows under their column names; a long name over narrow values is stacked on two or
        more lines at its underscores ('avg_order_' / 'value') when the table would not fit."""
        table = Table(show_edge=False, pad_edge=False, header_style="bold") if self.compact else Table()
        for index, (name, kind) in enumerate(zip(self.columns, self.types)):
            justify = "right" if kind in _NUMERIC else "left"
            values = max([_width(row[index]) for row in cells], default=0)
            # a column name is the query's text: `AS "[/]"` is no rich markup
            header = Text(_stacked(name, max(values, STACKED_MIN)) if stack_headers else name)
            if self.compact:
                table.add_column(header, justify=justify, overflow="ellipsis", no_wrap=True,
                                 min_width=min(cell_len(header.plain.split("\n")[0]), 12))
            else:
                table.add_column(header, justify=justify, overflow="fold")
        for row in cells:
            table.add_row(*row)
        return table

    def _records(self, cells: list[list[Text]]) -> RenderResult:
        """Each row as 'column  value' lines under a rule, for results wider than the terminal
        (a table would fold every column to a few characters)."""
        for number, row in enumerate(cells, start=1):
            yield Text(f"── row {number} ──", style="dim")
            grid = Table.grid(padding=(0, 2))
            grid.add_column(style="bold", no_wrap=True)
            grid.add_column(overflow="fold")
            for name, value in zip(self.columns, row):
                grid.add_row(Text(name), value)
            yield grid

    def _caption(self, shown: int) -> str:
        """The full table's count, time and truncation: '2 rows · 1.2 ms'."""
        count = f"{self.row_count} row{'' if self.row_count == 1 else 's'}"
        if shown < self.row_count:
            count = f"showing {shown} of {count}"
        if self.truncated:
            count += f" (more matched; results stop at {self.row_count}: filter or aggregate to see the rest)"
        return count if self.duration_ms is None else f"{count} · {self.duration_ms:.1f} ms"

    def _hidden_rows(self, shown: int) -> str | None:
        """The compact table's note on rows not shown: '… 1,232 more rows (1,234 in total)'."""
        hidden = self.row_count - shown
        if hidden <= 0:
            return None
        if self.lang == "zh":
            total = f"已到 {self.row_count:,} 行的上限" if self.truncated else f"共 {self.row_count:,} 行"
            return f"… 另有 {hidden:,} 行（{total}）"
        total = f"stopped at the {self.row_count:,}-row limit" if self.truncated else f"{self.row_count:,} in total"
        return f"… {hidden:,} more rows ({total})"


def _width(cell: Text) -> int:
    return max((cell_len(line) for line in cell.plain.split("\n")), default=0)


def _stacked(name: str, width: int) -> str:
    """``name`` on lines of at most ``width`` cells, broken after underscores: 'avg_order_\nvalue'.
    A name without underscores stays whole."""
    lines = [""]
    for part in re.findall(r"[^_]+_*|_+", name):
        if lines[-1] and cell_len(lines[-1] + part) > width:
            lines.append("")
        lines[-1] += part
    return "\n".join(lines)


def _cell(value: Any, *, compact: bool) -> Text:
    """A value as plain text (markup in data stays text); compact cells are rounded and cut to one line."""
    if value is None:
        return Text() if compact else Text("NULL", style="dim")
    if isinstance(value, bytes):
        return Text(f"<{len(value)} bytes>", style="dim")
    if not compact:
        text = str(value)
        if len(text) <= FULL_CELL_CHARS:
            return Text(text)
        cut = Text(text[:FULL_CELL_CHARS] + "…")
        cut.append(f" ({len(text) - FULL_CELL_CHARS:,} more characters; --json has the whole value)", style="dim")
        return cut
    # Two decimals are plenty in a glance at a result; `persona sql` shows the exact value.
    text = f"{value:.2f}".rstrip("0").rstrip(".") if isinstance(value, float) else str(value).replace("\n", " ")
    return Text(text if len(text) <= CELL_CHARS else text[:CELL_CHARS - 1] + "…")
