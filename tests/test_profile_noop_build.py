"""`persona build` on an up-to-date database: decided from two counts, without loading the workflow
(LangGraph), the analyzers or the model client, and without touching any profile. Each build runs
in a fresh process so that what it imported can be seen (as tests/test_sql_cli.py does)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from agent.cli import main
from tools.ingest import ingest_records
from tests.db_helpers import ago, rows

ROOT = Path(__file__).resolve().parent.parent
SLOW_TO_LOAD = ("langgraph", "langchain_core", "langchain_openai", "openai", "jieba", "pydantic")
PROFILE_TABLES = ("profiles", "tags", "intents", "emotions", "user_values", "tag_history", "segment_members")


def build_in_fresh_process(db: str, *flags: str, env: dict[str, str] | None = None) -> tuple[int, set[str], str]:
    """Run `persona build FLAGS --db DB` in a new Python process: exit code, the top-level packages
    it imported, and what it printed on stdout. No model is configured unless ``env`` sets one."""
    script = (
        "import sys, json\n"
        "from agent.cli import main\n"
        f"code = main({['build', *flags, '--db', db]!r})\n"
        "print(json.dumps([code, sorted(sys.modules)]), file=sys.stderr)\n"
    )
    base = {name: value for name, value in os.environ.items() if not name.startswith("OPENAI_")}
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env={**base, **(env or {})},
                          capture_output=True, text=True, timeout=120)
    code, modules = json.loads(done.stderr.strip().splitlines()[-1])
    return code, {name.split(".")[0] for name in modules}, done.stdout


@pytest.fixture
def built_db(tmp_path) -> str:
    path = str(tmp_path / "noop.db")
    ingest_records(path, [
        {"user_id": "u1", "attributes": {"name": "李娜", "age": 29, "city": "上海"},
         "orders": [{"order_id": "o1", "product": "登山鞋", "category": "户外装备", "amount": 899, "ordered_at": ago(3)}],
         "texts": [{"text_id": "t1", "source": "review", "text": "登山鞋很好穿,就是价格太贵了", "at": ago(2)}]},
        {"user_id": "u2", "attributes": {"name": "Tom", "age": 41}},
    ])
    assert main(["build", "--quiet", "--db", path]) == 0
    return path


def snapshot(db: str) -> dict[str, list[tuple]]:
    return {table: rows(db, f"SELECT * FROM {table} ORDER BY 1, 2") for table in PROFILE_TABLES}


def test_an_up_to_date_build_loads_no_workflow_and_touches_nobody(built_db):
    before = snapshot(built_db)
    code, packages, out = build_in_fresh_process(built_db)
    assert code == 0 and out.startswith("built 0 · skipped 2 · errors 0 ·")
    assert sorted(packages & set(SLOW_TO_LOAD)) == []
    assert snapshot(built_db) == before


def test_a_configured_model_is_not_loaded_when_nobody_needs_building(built_db):
    # Port 9 (discard) on loopback: nothing may be sent there, and nothing is when nobody is built.
    env = {"OPENAI_API_KEY": "test-key", "OPENAI_BASE_URL": "http://127.0.0.1:9/v1"}
    code, packages, out = build_in_fresh_process(built_db, env=env)
    assert code == 0 and out.startswith("built 0 · skipped 2 ·")
    assert sorted(packages & set(SLOW_TO_LOAD)) == []


def test_a_chosen_user_is_rebuilt_with_the_workflow(built_db):
    """The other side of the first test: a build with work loads LangGraph (so the check above
    can see it) and --user still rebuilds an up-to-date user."""
    before = rows(built_db, "SELECT built_at FROM profiles WHERE user_id = 'u1'")
    code, packages, out = build_in_fresh_process(built_db, "--user", "u2")
    assert code == 0 and out.startswith("built 1 · skipped 1 ·")
    assert "langgraph" in packages
    assert rows(built_db, "SELECT built_at FROM profiles WHERE user_id = 'u1'") == before


def test_all_and_since_choose_users_whatever_their_profiles_age(built_db, capsys):
    for flags, built in ((["--all"], 2), (["--since", ago(1)], 2), (["--since", ago(-1)], 0)):
        assert main(["build", *flags, "--db", built_db]) == 0
        assert capsys.readouterr().out.startswith(f"built {built} · skipped {2 - built} ·"), flags
