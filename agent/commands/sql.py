"""`persona sql "STATEMENT"`: one statement through the agent's guard and read-only connection.

`persona sql --schema` prints the tables and columns the guard lets through (schema/catalog.yaml).
Exit 0 with the result, 2 when the guard refuses the statement or a limit cancels it (the reason
and a hint on stderr), 1 on an internal failure. Imports only the standard library, sqlglot and
rich, so it starts fast.
"""

from __future__ import annotations

import json
import math
import sys


def run(args) -> int:
    from tools.sql_guard import GuardError, QueryTimeout, run_sql

    if args.schema:
        from schema.catalog import describe

        print(describe())
        return 0
    if not args.statement:
        print('persona sql: give a statement, e.g. persona sql "SELECT city, COUNT(*) FROM users GROUP BY city", '
              "or --schema for the tables and columns", file=sys.stderr)
        return 2
    try:
        result = run_sql(args.db, args.statement)
    except GuardError as err:
        verdict = "cancelled" if isinstance(err, QueryTimeout) else (
            "failed" if err.check in ("execute", "params") else "refused")
        print(f"persona sql: {verdict} ({err.check}): {err.message}", file=sys.stderr)
        if err.hint:
            print(f"hint: {err.hint}", file=sys.stderr)
        if args.json:
            print(json.dumps({"error": err.message, "check": err.check, "hint": err.hint}, ensure_ascii=False))
        return 2
    if args.json:
        print(json.dumps(result_json(result), ensure_ascii=False))
    else:
        from rich.console import Console

        from agent.render_table import ResultTable

        Console().print(ResultTable.of(result))
    return 0


def result_json(result) -> dict:
    """The `persona sql --json` object: blobs as hex text, infinities as text."""
    return {
        "columns": result.columns,
        "types": result.types,
        "rows": [[_json_value(value) for value in row] for row in result.rows],
        "row_count": result.row_count,
        "truncated": result.truncated,
        "sql": result.sql,
    }


def _json_value(value):
    if isinstance(value, bytes):
        return value.hex()
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    return value
