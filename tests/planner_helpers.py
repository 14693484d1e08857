"""Helpers for the offline planner's tests."""

from __future__ import annotations

from agent.planner.plan import planner_answer
from tools.sql_guard import run_sql


def history_specs(*questions: str) -> list[dict]:
    """The audience specs a conversation of ``questions`` leaves behind, oldest first."""
    specs: list[dict] = []
    for question in questions:
        plan = planner_answer(question, specs)
        assert plan.kind == "tool", plan.message
        specs.append(plan.spec.to_dict())
    return specs


def answer_rows(db: str, question: str, history: list[dict] | None = None) -> list[tuple]:
    """The rows the planner's statement for ``question`` returns on ``db``."""
    plan = planner_answer(question, history)
    assert plan.kind == "tool" and plan.tool == "run_sql", plan.message
    return run_sql(db, plan.args["sql"], plan.args["params"], max_rows=100_000).rows


def answer_users(db: str, question: str, history: list[dict] | None = None) -> set[str]:
    """The users (first column) the planner finds for ``question`` on ``db``."""
    return {row[0] for row in answer_rows(db, question, history)}


def sql_users(db: str, sql: str) -> set[str]:
    """The users (first column) a hand-written statement finds on ``db``."""
    return {row[0] for row in run_sql(db, sql, max_rows=100_000).rows}
