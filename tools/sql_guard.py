"""The SQL guard: the only door to the data, for the agent and for `persona sql`.

A statement passes a sequence of small named checks, each a function of its own:

1. ``parse``            sqlglot (SQLite dialect); errors carry line and column
2. ``single_statement`` exactly one statement, nothing after its end
3. ``read_only``        SELECT (or WITH ... SELECT, UNION ...) only, and nothing that writes anywhere inside
4. ``known_tables``     every table is a queryable table of ``schema/catalog.yaml`` (or a CTE)
5. ``known_columns``    every column resolves against the catalog
6. ``functions``        every function is on an allowlist
7. ``row_limit``        a LIMIT is added (or a larger one clamped) so at most ``max_rows`` come back

The statement that runs is the checked tree printed back by sqlglot (comments dropped), so what
was checked is exactly what runs. It runs on a connection that cannot write (``mode=ro``, then
``query_only``), that sees the catalog tables through temporary views holding only the catalog's
columns, whose authorizer allows nothing but reading catalog columns and calling allowed functions,
and whose progress handler cancels it at the time limit; the result is capped in rows and bytes.
Every statement, run or refused, is written to the audit log (``tools/audit.py``).
"""

from __future__ import annotations

import difflib
import logging
import os
import re
import sqlite3
import time
from dataclasses import dataclass

import sqlglot
from sqlglot import exp
from sqlglot.errors import ErrorLevel, OptimizeError, ParseError, SqlglotError, UnsupportedError
from sqlglot.optimizer.normalize_identifiers import normalize_identifiers
from sqlglot.optimizer.qualify import qualify
from sqlglot.optimizer.scope import Scope, traverse_scope

from schema.catalog import Table, load_catalog
from schema.db import connect_readonly
from tools import audit

DEFAULT_MAX_ROWS = 1000
DEFAULT_TIMEOUT_S = 5.0
MAX_RESULT_BYTES = 50 * 1024 * 1024  # all values of a result together
MAX_VALUE_BYTES = 10 * 1024 * 1024   # one string or blob (SQLite's own length limit)

# sqlglot logs a warning when it falls back to a `Command` node (VACUUM INTO, REPLACE, EXPLAIN);
# the guard refuses those with its own message, so the warning would only be noise on stderr.
logging.getLogger("sqlglot").setLevel(logging.ERROR)

# Tables that exist in a Persona database but are never queryable, and why.
HIDDEN_TABLES = {
    "identities": "it holds raw phone numbers, e-mails and device ids, which are never shown",
    "user_aliases": "identity resolution is internal; query users.user_id, the canonical id",
    "audit_log": "the audit log is read with `persona log`, not through SQL",
    "examples": "it is the agent's internal memory",
    "campaign_copy": "it is written by `persona copy`, not queried",
    "_migrations": "it is Persona's schema bookkeeping",
    "settings": "it is the build's bookkeeping (the RFM bands are in `persona build`'s summary and docs/profiles.md)",
}
# Column names people try for contact details: the answer says where those are, not "did you mean".
IDENTITY_COLUMNS = {"phone", "phone_number", "mobile", "tel", "telephone", "email", "e_mail", "mail",
                    "device_id", "wechat", "openid", "id_card", "address"}
IDENTITY_HINT = ("phone numbers, e-mails and device ids are kept apart from the profiles and are never "
                 "queryable; `persona export NAME --with-identities` writes them for a segment (audited)")
_SQLITE_SCHEMA_TABLES = {"sqlite_master", "sqlite_schema", "sqlite_temp_master", "sqlite_temp_schema"}

# Functions a statement may call, by their SQLite name. `cast` is syntax, listed because sqlglot
# models it as a function.
ALLOWED_FUNCTIONS = frozenset("""
    avg count group_concat string_agg max min sum total json_group_array json_group_object
    abs char coalesce concat concat_ws format glob hex ifnull iif if instr length like likelihood
    likely lower ltrim nullif octet_length printf quote random replace round rtrim sign soundex
    substr substring trim typeof unhex unicode unlikely upper cast
    date time datetime julianday unixepoch strftime timediff
    acos asin atan atan2 ceil ceiling cos degrees exp floor ln log log10 log2 mod pi pow power
    radians sin sqrt tan trunc
    json json_array json_array_length json_extract json_insert json_object json_patch json_quote
    json_remove json_replace json_set json_type json_valid
    row_number rank dense_rank ntile lag lead first_value last_value nth_value cume_dist percent_rank
""".split())

# Functions refused with a reason of their own (everything else off the allowlist is "unknown").
_FORBIDDEN_FUNCTIONS = {
    "load_extension": "it would load native code into the database engine",
    "readfile": "it reads files from disk",
    "writefile": "it writes files to disk",
    "edit": "it starts an editor",
    "fts3_tokenizer": "it exposes engine internals",
    "randomblob": "it can build huge values (a memory bomb); no query about users needs it",
    "zeroblob": "it can build huge values (a memory bomb); no query about users needs it",
}

# Statement kinds refused wherever they appear in the tree, with the word the message uses.
_WRITE_NODES: tuple[tuple[type[exp.Expression], str], ...] = (
    (exp.Insert, "INSERT"), (exp.Update, "UPDATE"), (exp.Delete, "DELETE"), (exp.Merge, "MERGE"),
    (exp.Create, "CREATE"), (exp.Drop, "DROP"), (exp.Alter, "ALTER"), (exp.TruncateTable, "TRUNCATE"),
    (exp.Pragma, "PRAGMA"), (exp.Attach, "ATTACH"), (exp.Detach, "DETACH"),
    (exp.Transaction, "BEGIN"), (exp.Commit, "COMMIT"), (exp.Rollback, "ROLLBACK"),
    (exp.Analyze, "ANALYZE"), (exp.Copy, "COPY"), (exp.Into, "SELECT INTO"),
    (exp.Returning, "RETURNING"), (exp.Set, "SET"), (exp.Use, "USE"), (exp.Command, "command"),
)
_WRITE_TYPES = tuple(node_type for node_type, _ in _WRITE_NODES)


class GuardError(Exception):
    """A statement the guard will not run, with what a model needs to repair it.

    Attributes:
        message: What is wrong, pointing at the offending part of the SQL.
        hint: How to fix it (nearest valid names, the allowed alternatives), or None.
        check: The name of the check that refused it (``parse``, ``known_tables`` ...).
    """

    def __init__(self, message: str, *, check: str, hint: str | None = None):
        super().__init__(message)
        self.message = message
        self.hint = hint
        self.check = check

    def __str__(self) -> str:
        return self.message if not self.hint else f"{self.message} (hint: {self.hint})"


class QueryTimeout(GuardError):
    """The statement was cancelled: it ran past the time limit or its result grew past the size limit."""


@dataclass
class CheckedStatement:
    """A statement that passed every check: ``sql`` is exactly what will run."""

    sql: str
    tables: list[str]   # catalog tables it reads, sorted
    limited: bool       # True when the guard added a LIMIT or lowered the one given


@dataclass
class QueryResult:
    """Rows of a statement run through the guard, with column names and SQLite storage classes."""

    columns: list[str]
    types: list[str]    # INTEGER | REAL | TEXT | BLOB | NULL (no value to tell)
    rows: list[tuple]
    row_count: int      # rows returned
    truncated: bool     # True when the row cap cut the result
    sql: str            # the statement as executed
    duration_ms: float


# --- the checks -------------------------------------------------------------------------------


def check_parse(sql: str) -> list[exp.Expression]:
    """Check 1: parse ``sql`` as SQLite; a syntax error names its line and column."""
    try:
        statements = [tree for tree in sqlglot.parse(sql, read="sqlite") if tree is not None]
    except ParseError as err:
        first = err.errors[0] if err.errors else {}
        where = f" at line {first['line']}, column {first['col']}" if first.get("line") else ""
        near = f" near '{first['highlight']}'" if first.get("highlight") else ""
        description = first.get("description") or str(err).splitlines()[0]
        raise GuardError(f"syntax error{where}{near}: {description}", check="parse") from None
    except (SqlglotError, RecursionError) as err:
        raise GuardError(f"syntax error: {str(err).splitlines()[0]}", check="parse") from None
    for tree in statements:
        for select in tree.find_all(exp.Select):
            if not select.expressions:
                raise GuardError("syntax error: SELECT names no columns", check="parse",
                                 hint="write SELECT column, ... FROM table")
    return statements


def check_single_statement(statements: list[exp.Expression]) -> exp.Expression:
    """Check 2: exactly one statement; nothing (not even a comment) after its closing ';'."""
    if not statements:
        raise GuardError("empty statement: there is no SQL to run", check="single_statement")
    if len(statements) > 1:
        kinds = ", ".join(_statement_word(tree) for tree in statements)
        raise GuardError(
            f"only one statement may run at a time; found {len(statements)} ({kinds})",
            check="single_statement",
            hint="send one SELECT statement; remove everything after its ';'",
        )
    return statements[0]


def check_read_only(tree: exp.Expression) -> None:
    """Check 3: a SELECT (WITH, UNION ... included) and nothing that writes or changes state inside."""
    node = next((node for node in tree.walk() if isinstance(node, _WRITE_TYPES)), None)
    if node is not None:
        word = next(word for node_type, word in _WRITE_NODES if isinstance(node, node_type))
        what = _command_word(node) if word == "command" else word
        raise GuardError(f"only SELECT statements can run; {what} is not allowed", check="read_only")
    if not isinstance(tree, (exp.Select, exp.SetOperation)):
        raise GuardError(
            f"only SELECT statements can run; found {_statement_word(tree)}",
            check="read_only",
            hint="start the statement with SELECT or WITH",
        )


def check_known_tables(tree: exp.Expression, catalog: dict[str, Table]) -> list[str]:
    """Check 4: every table read is a catalog table (or a CTE in scope); returns the catalog tables."""
    cte_references = _cte_references(tree)
    tables = set()
    for node in tree.find_all(exp.Table):
        if id(node) in cte_references:
            continue
        if not isinstance(node.this, exp.Identifier):
            name = _function_name(node.this) or "a function"
            reason = ("PRAGMA functions are not allowed" if name.startswith("pragma_")
                      else "table-valued functions are not allowed")
            raise GuardError(f"{name}(...) in FROM: {reason}", check="known_tables",
                             hint="read from the catalog tables only")
        name = node.name.lower()
        _refuse_hidden_table(name)
        if node.args.get("db") or node.args.get("catalog"):
            raise GuardError(
                f"table {node.sql(dialect='sqlite')}: name tables without a schema prefix",
                check="known_tables", hint=f"write {node.name}, not {node.sql(dialect='sqlite')}",
            )
        if name not in catalog:
            raise GuardError(f"no such table: {node.name}", check="known_tables",
                             hint=_nearest_hint(name, list(catalog), "tables"))
        tables.add(name)
    for node in tree.find_all(exp.In):
        if node.args.get("field") is not None:  # SQLite's `x IN table`
            field = node.args["field"].sql(dialect="sqlite")
            _refuse_hidden_table(field.lower())
            raise GuardError(f"'IN {field}' is not supported", check="known_tables",
                             hint=f"write IN (SELECT column FROM {field})")
    return sorted(tables)


def check_known_columns(tree: exp.Expression, catalog: dict[str, Table]) -> None:
    """Check 5: every column resolves to a catalog column, a CTE/subquery output, or a select alias.

    Names are compared as written: pass a tree with lower-cased identifiers (``_checked_tree`` does).
    """
    schema = {name: {col: spec.type for col, spec in table.columns.items()} for name, table in catalog.items()}
    try:
        for scope in traverse_scope(tree):
            _check_qualified_columns(scope, catalog)
        qualified = qualify(tree.copy(), schema=schema, dialect="sqlite", validate_qualify_columns=False,
                            quote_identifiers=False, identify=False)
    except OptimizeError as err:
        raise GuardError(f"cannot resolve the columns: {err}", check="known_columns",
                         hint=_columns_hint(tree, catalog)) from None
    for scope in traverse_scope(qualified):
        if isinstance(scope.expression, exp.Select):
            for column in scope.unqualified_columns:
                _refuse_unresolved_column(column, scope, catalog)


def check_functions(tree: exp.Expression) -> None:
    """Check 6: every function called is on the allowlist (by its SQLite name)."""
    for node in tree.find_all(exp.Func):
        if isinstance(node, exp.Connector):
            continue  # AND / OR / XOR are operators to us (sqlglot files them under Func); operands are checked
        name = _function_name(node)
        if name is None or name in ALLOWED_FUNCTIONS:
            continue
        if name in _FORBIDDEN_FUNCTIONS:
            reason = _FORBIDDEN_FUNCTIONS[name]
        elif name.startswith("sqlite_"):
            reason = "sqlite_* functions expose engine internals"
        elif name.startswith("pragma_"):
            reason = "PRAGMA functions are not allowed"
        else:
            written = name if isinstance(node, exp.Anonymous) else node.sql_name().lower()
            raise GuardError(f"function {written}() is not available", check="functions",
                             hint=_nearest_hint(name, sorted(ALLOWED_FUNCTIONS), "allowed functions"))
        raise GuardError(f"function {name}() is not allowed: {reason}", check="functions")


def apply_row_limit(tree: exp.Expression, max_rows: int) -> bool:
    """Check 7: add ``LIMIT max_rows`` when the statement has none, lower a larger one; True if changed.

    A LIMIT that is not a number (a bound parameter) is left alone; the runner still fetches at
    most ``max_rows`` rows.
    """
    limit = tree.args.get("limit")
    if limit is not None:
        given = limit.expression
        if not isinstance(given, (exp.Literal, exp.Neg)):
            return False
        value = _integer_literal(given)
        if value is not None and value <= max_rows:
            return False
    # No LIMIT, one above the cap, or a negative one (SQLite reads that as "no limit").
    tree.set("limit", exp.Limit(expression=exp.Literal.number(max_rows)))
    return True


# --- public API ---------------------------------------------------------------------------------


def check_sql(sql: str, *, max_rows: int = DEFAULT_MAX_ROWS) -> CheckedStatement:
    """Run every check on ``sql`` and return the statement that may run.

    Args:
        sql: One SQLite SELECT statement; bind values as parameters (``?`` or ``:name``).
        max_rows: Row cap: a LIMIT is added, or a larger one lowered, to this many rows.

    Returns:
        The checked statement (printed back from the checked tree, comments dropped).

    Raises:
        GuardError: The statement is refused; ``.check`` says which check, ``.hint`` how to fix it.

    Example:
        >>> check_sql("select city, count(*) from users group by city").sql
        'SELECT city, COUNT(*) FROM users GROUP BY city LIMIT 1000'
    """
    tree, tables = _checked_tree(sql)
    limited = apply_row_limit(tree, max_rows)
    return CheckedStatement(sql=_to_sql(tree), tables=tables, limited=limited)


def transpile(sql: str, dialect: str) -> str:
    """The checked statement in another SQL dialect (``postgres``, ``duckdb``), e.g. for a warehouse.

    The statement passes the same checks as :func:`check_sql` but gets no row limit: a translated
    statement is meant to select a whole audience elsewhere.

    Raises:
        GuardError: The statement is refused by a check.
        ValueError: ``dialect`` is not one sqlglot knows.

    Example:
        >>> transpile("SELECT user_id FROM users WHERE registered_at > date('now', '-7 days')", "postgres")
        "SELECT user_id FROM users WHERE registered_at > (CURRENT_DATE - INTERVAL '7 DAY')"
    """
    try:
        target = sqlglot.Dialect.get_or_raise(dialect)
    except ValueError as err:
        raise ValueError(f"unknown SQL dialect {dialect!r}: {err}") from None
    tree, _ = _checked_tree(sql)
    if target == sqlglot.Dialect.get_or_raise("sqlite"):
        return _to_sql(tree)
    return _portable_dates(tree).sql(dialect=target, comments=False)


def run_sql(
    db_path: str | os.PathLike,
    sql: str,
    params: tuple | list | dict = (),
    *,
    max_rows: int = DEFAULT_MAX_ROWS,
    timeout_s: float = DEFAULT_TIMEOUT_S,
    thread: str | None = None,
    question: str | None = None,
) -> QueryResult:
    """Check ``sql`` and run it read-only on the database at ``db_path``; log it to the audit log.

    Args:
        db_path: The Persona database.
        sql: One SELECT statement. Values go in ``params``, never into the SQL text.
        params: Bound parameters, a sequence for ``?`` or a dict for ``:name``.
        max_rows: Return at most this many rows (``truncated`` tells when there were more).
        timeout_s: Cancel the statement after this many seconds of wall time.
        thread: Conversation name, for the audit log.
        question: The question this statement answers, for the audit log.

    Returns:
        The rows with column names and SQLite types.

    Raises:
        GuardError: Refused by a check, rejected by SQLite, or (``QueryTimeout``) cancelled at a limit.
        SchemaError: ``db_path`` is not a Persona database.

    Example:
        >>> run_sql("shop.db", "SELECT user_id FROM users WHERE city = ?", ("上海",)).rows
        [('u00042',)]
    """
    started = time.perf_counter()
    conn = open_readonly(db_path)
    try:
        tree, _ = _checked_tree(sql)
        limited = apply_row_limit(tree, max_rows)
        statement = _to_sql(tree)
        if limited:  # one row past the cap tells whether the cap cut anything
            tree.set("limit", exp.Limit(expression=exp.Literal.number(max_rows + 1)))
        columns, rows = _execute(conn, _to_sql(tree), params, max_rows + 1, timeout_s)
    except GuardError as err:
        audit.log_event(
            db_path, "sql", status="error" if err.check in ("execute", "params") else "refused",
            thread=thread, question=question, statement=sql, duration_ms=_ms_since(started),
            detail={"check": err.check, "message": err.message, "hint": err.hint},
        )
        raise
    finally:
        conn.close()
    truncated = len(rows) > max_rows
    rows = rows[:max_rows]
    result = QueryResult(columns=columns, types=_column_types(rows, len(columns)), rows=rows,
                         row_count=len(rows), truncated=truncated, sql=statement,
                         duration_ms=_ms_since(started))
    audit.log_event(
        db_path, "sql", thread=thread, question=question, statement=statement, row_count=len(rows),
        duration_ms=result.duration_ms,
        detail={"truncated": truncated, **({"submitted": sql} if sql.strip() != statement else {})},
    )
    return result


def open_readonly(db_path: str | os.PathLike) -> sqlite3.Connection:
    """The guard's connection: read-only file, catalog views, authorizer, value-size limit.

    Statements on it can read only the catalog's tables and columns and call only allowed
    functions, whatever their text; the guard's checks run before, so this is the second wall.
    """
    catalog = load_catalog()
    conn = connect_readonly(db_path)
    # Temporary views named like the tables shadow them (SQLite looks in `temp` first), so
    # `SELECT *` sees the catalog's columns only. Temp objects belong to this connection's own
    # temporary database, never to the file.
    for name, table in catalog.items():
        columns = ", ".join(_quote(column) for column in table.columns)
        conn.execute(f"CREATE TEMP VIEW {_quote(name)} AS SELECT {columns} FROM main.{_quote(name)}")
    conn.execute("PRAGMA query_only = ON")
    conn.setlimit(sqlite3.SQLITE_LIMIT_LENGTH, MAX_VALUE_BYTES)
    conn.setlimit(sqlite3.SQLITE_LIMIT_ATTACHED, 0)
    conn.set_authorizer(_authorizer(catalog))
    return conn


# --- helpers ------------------------------------------------------------------------------------


def _checked_tree(sql: str) -> tuple[exp.Expression, list[str]]:
    """Checks 1-6; the checked tree and the catalog tables it reads."""
    catalog = load_catalog()
    tree = check_single_statement(check_parse(sql))
    check_read_only(tree)
    # SQLite names are case-insensitive (Users, "U"): resolve them on a lower-cased copy, and keep
    # the statement's own spelling in what runs (it names the result's columns).
    normalized = normalize_identifiers(tree.copy(), dialect="sqlite")
    tables = check_known_tables(normalized, catalog)
    check_known_columns(normalized, catalog)
    check_functions(tree)
    return tree, tables


def _execute(conn: sqlite3.Connection, sql: str, params, fetch: int, timeout_s: float):
    """Run ``sql``; at most ``fetch`` rows, within ``timeout_s`` and the byte limit."""
    deadline = time.monotonic() + timeout_s
    conn.set_progress_handler(lambda: time.monotonic() > deadline, 1000)
    rows: list[tuple] = []
    size = 0
    try:
        cursor = conn.execute(sql, params)
        columns = [description[0] for description in cursor.description or ()]
        for row in cursor:  # row by row, so a result of huge values stops at the first that overflows
            size += sum(_value_bytes(value) for value in row)
            if size > MAX_RESULT_BYTES:
                raise _too_big()
            rows.append(row)
            if len(rows) == fetch:
                break
    except sqlite3.ProgrammingError as err:  # wrong number or kind of parameters
        raise GuardError(f"parameters: {err}", check="params",
                         hint="pass one value per ? (a tuple) or per :name (a dict)") from None
    except sqlite3.DatabaseError as err:
        message = str(err)
        if message == "interrupted":
            raise QueryTimeout(
                f"cancelled after {timeout_s:.1f} s: the statement ran past the time limit",
                check="time_limit",
                hint="narrow it: filter with WHERE, avoid cross joins, give recursive CTEs a stop condition",
            ) from None
        if "too big" in message:
            raise _too_big() from None
        if "not authorized" in message or "prohibited" in message:
            raise GuardError(f"the read-only connection refused it: {message}", check="authorizer") from None
        raise GuardError(f"SQLite error: {message}", check="execute") from None
    finally:
        conn.set_progress_handler(None, 0)
    return columns, rows


_MODIFIER = re.compile(r"^\s*([+-]?\d+)\s+(day|hour|minute|second|month|year)s?\s*$", re.IGNORECASE)


def _portable_dates(tree: exp.Expression) -> exp.Expression:
    """SQLite's ``date('now', '-30 days')`` / ``datetime('now', ...)`` as portable date arithmetic.

    Other dialects have no modifier strings; sqlglot passes them through unchanged, so rewrite the
    common "now plus or minus N units" form into CURRENT_DATE / CURRENT_TIMESTAMP and intervals.
    Other modifiers ('start of month' ...) are left as written.
    """

    def rewrite(node: exp.Expression) -> exp.Expression:
        if isinstance(node, exp.Date) and not node.expressions:  # sqlglot types one-argument date()
            args, is_date = [node.this], True
        elif isinstance(node, exp.Anonymous) and node.name.lower() in ("date", "datetime"):
            args, is_date = node.expressions, node.name.lower() == "date"
        else:
            return node
        if not args or not all(isinstance(arg, exp.Literal) and arg.is_string for arg in args):
            return node
        if args[0].this.lower() != "now":
            return node
        modifiers = [_MODIFIER.match(arg.this) for arg in args[1:]]
        if not all(modifiers):
            return node
        result = exp.CurrentDate() if is_date else exp.CurrentTimestamp()
        for match in modifiers:
            amount, unit = int(match.group(1)), exp.Var(this=match.group(2).upper())
            shift = exp.DateSub if amount < 0 else exp.DateAdd
            result = shift(this=result, expression=exp.Literal.number(abs(amount)), unit=unit)
        return result

    return tree.transform(rewrite)


def _too_big() -> QueryTimeout:
    return QueryTimeout(
        f"cancelled: the result is larger than {MAX_RESULT_BYTES // (1024 * 1024)} MB",
        check="size_limit", hint="select fewer or shorter columns, or aggregate",
    )


def _authorizer(catalog: dict[str, Table]):
    allowed_actions = {sqlite3.SQLITE_SELECT, sqlite3.SQLITE_RECURSIVE}

    def authorize(action, arg1, arg2, db_name, _source):
        if action in allowed_actions:
            return sqlite3.SQLITE_OK
        if action == sqlite3.SQLITE_READ:
            if db_name is None:  # a CTE or subquery, whose own reads were authorized one by one
                return sqlite3.SQLITE_OK
            table = catalog.get(arg1 or "")
            readable = table is not None and (arg2 == "" or arg2 in table.columns)
            return sqlite3.SQLITE_OK if readable else sqlite3.SQLITE_DENY
        if action == sqlite3.SQLITE_FUNCTION:
            return sqlite3.SQLITE_OK if (arg2 or "").lower() in ALLOWED_FUNCTIONS else sqlite3.SQLITE_DENY
        return sqlite3.SQLITE_DENY

    return authorize


def _cte_references(tree: exp.Expression) -> set[int]:
    """ids of the Table nodes that name a CTE visible where they stand (not a real table)."""
    references = set()
    try:
        scopes = traverse_scope(tree)
    except OptimizeError as err:
        raise GuardError(f"cannot resolve the statement's tables: {err}", check="known_tables") from None
    for scope in scopes:
        for table in scope.tables:
            if not table.args.get("db") and isinstance(scope.sources.get(table.alias_or_name), Scope) \
                    and table.name in scope.cte_sources:
                references.add(id(table))
    return references


def _refuse_hidden_table(name: str) -> None:
    if name in HIDDEN_TABLES:
        raise GuardError(f"table {name} is not queryable: {HIDDEN_TABLES[name]}", check="known_tables",
                         hint="the queryable tables are listed in schema/catalog.yaml")
    if name in _SQLITE_SCHEMA_TABLES:
        raise GuardError(f"table {name} is not queryable: SQLite's schema tables are off limits",
                         check="known_tables", hint="the queryable schema is schema/catalog.yaml")


def _check_qualified_columns(scope: Scope, catalog: dict[str, Table]) -> None:
    """``alias.column`` references: the alias must be in scope and have that column."""
    for column in scope.columns:
        if not column.table or isinstance(column.this, exp.Star):
            continue
        source = _find_source(scope, column.table)
        if source is None:
            in_scope = ", ".join(sorted(scope.sources)) or "none"
            raise GuardError(f"unknown table or alias '{column.table}' in {column.sql(dialect='sqlite')}"
                             f"{_position(column)}", check="known_columns",
                             hint=f"tables and aliases in scope: {in_scope}")
        outputs = _source_columns(source, catalog)
        if outputs is not None and column.name.lower() not in outputs:
            label = source.name if isinstance(source, exp.Table) else column.table
            raise GuardError(
                f"no such column: {column.sql(dialect='sqlite')}{_position(column)}", check="known_columns",
                hint=_identity_hint(column.name) or _nearest_hint(column.name.lower(), outputs, f"columns of {label}"),
            )


def _refuse_unresolved_column(column: exp.Column, scope: Scope, catalog: dict[str, Table]) -> None:
    name = column.name.lower()
    available: dict[str, list[str]] = {}
    for enclosing in _enclosing_scopes(scope):
        for alias, source in enclosing.sources.items():
            outputs = _source_columns(source, catalog)
            if outputs:
                available.setdefault(alias, outputs)
    holders = [alias for alias, outputs in available.items() if name in outputs]
    if len(holders) > 1:
        raise GuardError(f"ambiguous column: {column.name}{_position(column)} is in {', '.join(holders)}",
                         check="known_columns", hint=f"qualify it, e.g. {holders[0]}.{column.name}")
    candidates = sorted({f"{alias}.{col}" for alias, outputs in available.items() for col in outputs})
    names = sorted({col for outputs in available.values() for col in outputs})
    nearest = difflib.get_close_matches(name, names, n=3, cutoff=0.5)
    if _identity_hint(name):
        raise GuardError(f"no such column: {column.name}{_position(column)}", check="known_columns",
                         hint=_identity_hint(name))
    parts = []
    if column.this.args.get("quoted"):
        parts.append(f"text values take single quotes: '{column.name}'")
    if nearest:
        parts.append("did you mean " + " or ".join(nearest) + "?")
    parts.append("columns in scope: " + (", ".join(candidates) or "none (no FROM clause)"))
    raise GuardError(f"no such column: {column.name}{_position(column)}", check="known_columns",
                     hint="; ".join(parts))


def _identity_hint(name: str) -> str | None:
    return IDENTITY_HINT if name.lower() in IDENTITY_COLUMNS else None


def _enclosing_scopes(scope: Scope | None):
    """The scope, then the scopes it is nested in (a correlated subquery sees its outer tables)."""
    while scope is not None:
        yield scope
        scope = scope.parent


def _find_source(scope: Scope, alias: str):
    return next((outer.sources[alias] for outer in _enclosing_scopes(scope) if alias in outer.sources), None)


def _source_columns(source, catalog: dict[str, Table]) -> list[str] | None:
    """Column names a source offers, or None when unknown (a subquery selecting *)."""
    if isinstance(source, exp.Table):
        table = catalog.get(source.name.lower())
        return list(table.columns) if table else None
    if isinstance(source, Scope) and isinstance(source.expression, (exp.Select, exp.SetOperation)):
        names = [name.lower() for name in source.expression.named_selects]
        return None if "*" in names or not names else names
    return None


def _columns_hint(tree: exp.Expression, catalog: dict[str, Table]) -> str | None:
    names = sorted({node.name.lower() for node in tree.find_all(exp.Table)} & set(catalog))
    return "; ".join(f"columns of {name}: {', '.join(catalog[name].columns)}" for name in names) or None


def _nearest_hint(name: str, choices: list[str], what: str) -> str:
    nearest = difflib.get_close_matches(name, choices, n=3, cutoff=0.5)
    listing = f"{what}: {', '.join(choices)}"
    return f"did you mean {' or '.join(nearest)}? {listing}" if nearest else listing


def _position(node: exp.Expression) -> str:
    meta = (node.this if isinstance(node, exp.Column) else node).meta
    return f" (line {meta['line']}, column {meta['col']})" if meta.get("line") else ""


_CALL = re.compile(r"\s*([A-Za-z_][A-Za-z0-9_]*)\s*\(")


def _function_name(node: exp.Expression) -> str | None:
    """The SQLite name a function node is printed as, lower-case; None for syntax that is no call."""
    if isinstance(node, exp.Anonymous):
        return node.name.lower()
    match = _CALL.match(node.sql(dialect="sqlite"))
    name = match.group(1).lower() if match else None
    return None if name in ("case", "exists") else name


def _statement_word(tree: exp.Expression) -> str:
    """What a statement is, by its first word (SAVEPOINT parses as an alias, REINDEX as a column)."""
    if isinstance(tree, exp.Semicolon):
        return "a comment after the ';'"
    if isinstance(tree, exp.Subquery):
        return "a query in parentheses"
    return _command_word(tree) if isinstance(tree, exp.Command) else tree.sql(dialect="sqlite").split()[0].upper()


def _command_word(node: exp.Expression) -> str:
    return str(node.this).upper() if isinstance(node, exp.Command) else node.key.upper()


def _integer_literal(node: exp.Expression | None) -> int | None:
    if isinstance(node, exp.Literal) and not node.is_string and node.this.isdigit():
        return int(node.this)
    return None


def _to_sql(tree: exp.Expression) -> str:
    # Raise rather than print SQLite a statement with a clause quietly left out (TABLESAMPLE).
    try:
        return tree.sql(dialect="sqlite", comments=False, unsupported_level=ErrorLevel.RAISE)
    except UnsupportedError as err:
        raise GuardError(f"SQLite has no such syntax: {err}", check="parse") from None


def _quote(identifier: str) -> str:
    return '"' + identifier.replace('"', '""') + '"'


def _value_bytes(value) -> int:
    if isinstance(value, (str, bytes)):
        return len(value)
    return 8


_STORAGE_CLASS = {int: "INTEGER", float: "REAL", str: "TEXT", bytes: "BLOB"}


def _column_types(rows: list[tuple], width: int) -> list[str]:
    """The SQLite storage class of each column's values: REAL when integers and reals mix."""
    types = []
    for index in range(width):
        seen = {_STORAGE_CLASS[type(row[index])] for row in rows if row[index] is not None}
        if not seen:
            types.append("NULL")
        elif seen == {"INTEGER", "REAL"}:
            types.append("REAL")
        else:
            types.append(next(_STORAGE_CLASS[type(row[index])] for row in rows if row[index] is not None))
    return types


def _ms_since(started: float) -> float:
    return (time.perf_counter() - started) * 1000
