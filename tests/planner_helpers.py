"""Helpers for the offline planner's tests."""

from __future__ import annotations

from agent.planner.plan import planner_answer


def history_specs(*questions: str) -> list[dict]:
    """The audience specs a conversation of ``questions`` leaves behind, oldest first."""
    specs: list[dict] = []
    for question in questions:
        plan = planner_answer(question, specs)
        assert plan.kind == "tool", plan.message
        specs.append(plan.spec.to_dict())
    return specs
