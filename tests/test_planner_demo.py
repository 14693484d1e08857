"""The paraphrase set on the bundled demo data: ingested and built the way `persona demo` does it.

The expected audience of every question is the YAML filter evaluated in Python over the demo
database's rows (tests/test_planner_fixture.py), compared with what the planner's SQL returns.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from agent.planner.plan import planner_answer
from tests.test_planner_fixture import expected_users, load_rows
from tools.sql_guard import run_sql

ROOT = Path(__file__).resolve().parents[1]
CASES = yaml.safe_load((ROOT / "tests" / "paraphrases.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory):
    from tools.ingest import ingest_file
    from tools.profile.build import build_profiles

    db = str(tmp_path_factory.mktemp("demo") / "demo.db")
    report = ingest_file(db, ROOT / "seeds" / "demo.jsonl")
    assert report.loaded > 100
    build_profiles(db)
    return db, load_rows(db)


def _cases():
    for section in ("audiences", "counts"):
        for index, case in enumerate(CASES[section]):
            for question in case["questions"]:
                yield pytest.param(case["expect"], question, id=f"{section}{index}-{question[:40]}")


@pytest.mark.parametrize("expect, question", list(_cases()))
def test_paraphrase_on_demo_data(demo_db, expect, question):
    db, data = demo_db
    plan = planner_answer(question)
    assert plan.kind == "tool", plan.message
    result = run_sql(db, plan.args["sql"], plan.args["params"], max_rows=100_000)
    assert {row[0] for row in result.rows} == expected_users(data, expect)


@pytest.mark.parametrize("question", ["价格敏感的户外爱好者", "users who complained about price", "猫主子家长"])
def test_the_demo_has_users_for_its_showcase_questions(demo_db, question):
    db, _ = demo_db
    plan = planner_answer(question)
    assert run_sql(db, plan.args["sql"], plan.args["params"]).row_count > 0
