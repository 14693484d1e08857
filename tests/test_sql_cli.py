"""`persona sql` and `persona log` end to end, and what the quick commands and an offline `persona ask` import."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from agent.cli import main
from tests.test_sql_guard import populated_db

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def db(tmp_path) -> Path:
    return populated_db(tmp_path / "shop.db")


def test_sql_prints_a_table(db, capsys):
    code = main(["sql", "SELECT user_id, age FROM users ORDER BY user_id", "--db", str(db)])
    out = capsys.readouterr().out
    assert code == 0
    assert "user_id" in out and "u3" in out and "NULL" in out
    assert "3 rows" in out


def test_sql_json(db, capsys):
    code = main(["sql", "SELECT user_id, age, x'0a0b' AS b FROM users WHERE city = '上海' ORDER BY 1",
                 "--json", "--db", str(db)])
    assert code == 0
    payload = json.loads(capsys.readouterr().out)
    assert payload == {
        "columns": ["user_id", "age", "b"],
        "types": ["TEXT", "INTEGER", "BLOB"],
        "rows": [["u1", 29, "0a0b"], ["u3", None, "0a0b"]],
        "row_count": 2,
        "truncated": False,
        "sql": "SELECT user_id, age, x'0a0b' AS b FROM users WHERE city = '上海' ORDER BY 1 LIMIT 1000",
    }


def test_sql_refusal_exits_2_with_reason_and_hint(db, capsys):
    code = main(["sql", "SELECT nmae FROM users", "--db", str(db)])
    captured = capsys.readouterr()
    assert code == 2
    assert captured.out == ""
    assert "refused (known_columns): no such column: nmae" in captured.err
    assert "hint: did you mean name" in captured.err


def test_sql_refusal_json_also_on_stdout(db, capsys):
    code = main(["sql", "DELETE FROM users", "--json", "--db", str(db)])
    captured = capsys.readouterr()
    assert code == 2
    assert json.loads(captured.out)["check"] == "read_only"
    assert "DELETE is not allowed" in captured.err


def test_sql_cancelled_exits_2(db, capsys):
    bomb = ("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100) "
            "SELECT printf('%.*c', 9000000, 'x') FROM n")
    code = main(["sql", bomb, "--db", str(db)])
    assert code == 2
    assert "cancelled (size_limit)" in capsys.readouterr().err


def test_sql_missing_database_exits_1(tmp_path, capsys):
    code = main(["sql", "SELECT 1", "--db", str(tmp_path / "nope.db")])
    assert code == 1
    assert "no such database" in capsys.readouterr().err
    assert not (tmp_path / "nope.db").exists()


def test_log_shows_recent_events(db, capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "200")  # one line per event, so the assertions see whole phrases
    main(["sql", "SELECT count(*) FROM orders", "--db", str(db)])
    main(["sql", "SELECT * FROM identities", "--db", str(db)])
    capsys.readouterr()
    assert main(["log", "--limit", "2", "--json", "--db", str(db)]) == 0
    events = json.loads(capsys.readouterr().out)
    assert [(e["status"], e["statement"]) for e in events] == [
        ("refused", "SELECT * FROM identities"), ("ok", "SELECT COUNT(*) FROM orders LIMIT 1000")]
    assert main(["log", "--db", str(db)]) == 0
    table = capsys.readouterr().out
    assert "identities is not queryable" in table
    assert "SELECT COUNT(*) FROM orders LIMIT 1000" in table
    assert "2 most recent events" in table


HEAVY = ("langchain", "langgraph", "jieba", "sklearn", "sqlite_utils", "langchain_core", "langchain_openai", "openai")
NETWORK_MODEL = ("langchain_openai", "openai")   # imported only when a model is configured (tools/llm.py)


def packages_loaded(argv: list[str]) -> tuple[int | None, set[str]]:
    """Run `persona ARGV` in a fresh process with no model configured: its exit code and the
    top-level packages it imported."""
    script = (
        "import sys, json\n"
        "from agent.cli import main\n"
        "try:\n"
        f"    code = main({argv!r})\n"
        "except SystemExit as exit:\n"
        "    code = exit.code\n"
        "print(json.dumps([code, sorted(sys.modules)]), file=sys.stderr)\n"
    )
    env = {name: value for name, value in os.environ.items() if not name.startswith("OPENAI_")}
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=60)
    code, modules = json.loads(done.stderr.strip().splitlines()[-1])
    assert "agent.cli" in modules
    return code, {name.split(".")[0] for name in modules}


@pytest.mark.parametrize("argv", [["--help"], ["sql", "SELECT count(*) FROM users"], ["log"]])
def test_fast_commands_do_not_import_the_llm_stack(db, argv):
    _, packages = packages_loaded(argv if argv == ["--help"] else [*argv, "--db", str(db)])
    loaded = sorted(packages & set(HEAVY))
    assert loaded == [], f"{argv} imported {loaded}"


def test_offline_ask_does_not_import_the_openai_client(db):
    code, packages = packages_loaded(["ask", "how many users live in 上海", "--db", str(db)])
    assert code == 0
    assert {"langgraph", "langchain_core"} <= packages  # it did run the agent graph
    assert not packages & set(NETWORK_MODEL)


def test_sql_schema_lists_the_queryable_tables_and_nothing_hidden(db, capsys):
    code = main(["sql", "--schema", "--db", str(db)])
    out = capsys.readouterr().out
    assert code == 0
    assert out.startswith("users: ")
    assert "  - city_tier INTEGER:" in out and "\nprofiles: " in out
    assert "identities" not in out and "audit_log" not in out


def test_sql_without_a_statement_says_what_to_give(db, capsys):
    code = main(["sql", "--db", str(db)])
    err = capsys.readouterr().err
    assert code == 2
    assert "give a statement" in err and "--schema" in err


def test_a_contact_detail_column_is_explained_not_guessed(db, capsys):
    code = main(["sql", "SELECT user_id, phone FROM users", "--db", str(db)])
    err = capsys.readouterr().err
    assert code == 2
    assert "no such column: phone" in err
    assert "kept apart from the profiles" in err and "did you mean" not in err
    code = main(["sql", "SELECT u.email FROM users u", "--db", str(db)])
    assert code == 2 and "kept apart from the profiles" in capsys.readouterr().err
