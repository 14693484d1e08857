"""The paraphrase set (tests/paraphrases.yaml) against a real database.

Every question is planned by the offline planner, its SQL is run through the SQL guard, and the
set of user ids that comes back is compared with the audience the YAML's filter selects when
evaluated in plain Python over the same rows (tests/test_planner_fixture.py).
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
import yaml

from agent.planner.plan import planner_answer
from tests.test_planner_fixture import build_fixture_db, expected_users, load_rows
from tools.sql_guard import run_sql

CASES = yaml.safe_load((Path(__file__).parent / "paraphrases.yaml").read_text(encoding="utf-8"))
AGE_BANDS = [(None, "unknown"), (18, "under 18"), (25, "18-24"), (35, "25-34"), (45, "35-44"), (55, "45-54")]


@pytest.fixture(scope="session")
def fixture_db(tmp_path_factory):
    db = build_fixture_db(tmp_path_factory.mktemp("planner") / "fixture.db", n_users=600)
    return db, load_rows(db)


def _questions(section: str):
    for index, case in enumerate(CASES[section]):
        for question in case["questions"]:
            yield pytest.param(case, question, id=f"{section}{index}-{question[:40]}")


def _run(db: str, plan) -> tuple[list, list]:
    assert plan.kind == "tool" and plan.tool == "run_sql", plan.message or plan
    result = run_sql(db, plan.args["sql"], plan.args["params"], max_rows=100_000)
    return result.columns, result.rows


def _user_ids(columns, rows) -> set[str]:
    return {row[columns.index("user_id")] for row in rows}


def test_the_set_is_large_and_bilingual():
    questions = [q for section in ("audiences", "counts", "breakdowns") for case in CASES[section]
                 for q in case["questions"]]
    questions += [step["q"] for chain in CASES["chains"] + CASES["copy_chains"] for step in chain["steps"]]
    questions += [case["q"] for case in CASES["actions"] + CASES["refusals"]]
    chinese = [q for q in questions if any("\u4e00" <= ch <= "\u9fff" for ch in q)]
    assert len(questions) >= 80
    assert 0.3 < len(chinese) / len(questions) < 0.7


@pytest.mark.parametrize("case, question", list(_questions("audiences")))
def test_audience(fixture_db, case, question):
    db, data = fixture_db
    plan = planner_answer(question)
    columns, rows = _run(db, plan)
    expected = expected_users(data, case["expect"])
    assert 0 < len(expected), "the fixture should have users for every case"
    assert _user_ids(columns, rows) == expected
    assert plan.spec.output == "list"


@pytest.mark.parametrize("case, question", list(_questions("counts")))
def test_count(fixture_db, case, question):
    db, data = fixture_db
    plan = planner_answer(question)
    columns, rows = _run(db, plan)
    assert plan.spec.output == "count"
    assert _user_ids(columns, rows) == expected_users(data, case["expect"])


@pytest.mark.parametrize("case, question", list(_questions("breakdowns")))
def test_breakdown(fixture_db, case, question):
    db, data = fixture_db
    plan = planner_answer(question)
    columns, rows = _run(db, plan)
    assert plan.spec.output == "breakdown" and plan.spec.group_by == case["group_by"]
    expected = _expected_groups(data, expected_users(data, case["expect"]), case["group_by"])
    got = {row[0]: row[-1] for row in rows}
    if case.get("top"):   # the top N, and the groups level with the Nth (said as tied)
        nth = sorted(expected.values(), reverse=True)[case["top"] - 1]
        assert got == {group: count for group, count in expected.items() if count >= nth}
    else:
        assert got == expected


def _expected_groups(data, users: set[str], group: str) -> dict:
    counts = Counter()
    stages = {p["user_id"]: p["lifecycle"] for p in data["profiles"]}
    for user in data["users"]:
        if user["user_id"] not in users:
            continue
        if group == "city":
            counts[user["city"] or "unknown"] += 1
        elif group == "gender":
            counts[user["gender"]] += 1
        elif group == "member_level":
            counts[user["member_level"] or "unknown"] += 1
        elif group == "age_band":
            counts[_age_band(user["age"])] += 1
        elif group == "lifecycle":
            counts[stages.get(user["user_id"], "unknown")] += 1
        else:
            raise KeyError(group)
    return dict(counts)


def _age_band(age):
    if age is None:
        return "unknown"
    for limit, name in AGE_BANDS[1:]:
        if age < limit:
            return name
    return "55+"


@pytest.mark.parametrize("chain", CASES["chains"], ids=lambda c: c["steps"][0]["q"][:30])
def test_follow_up_chain(fixture_db, chain):
    db, data = fixture_db
    history = []
    for step in chain["steps"]:
        plan = planner_answer(step["q"], history)
        columns, rows = _run(db, plan)
        assert plan.spec.output == step.get("output", "breakdown" if step.get("group_by") else "list"), step["q"]
        if step.get("group_by"):
            assert plan.spec.group_by == step["group_by"]
            expected = _expected_groups(data, expected_users(data, step["expect"]), step["group_by"])
            assert {row[0]: row[-1] for row in rows} == expected, step["q"]
        else:
            assert _user_ids(columns, rows) == expected_users(data, step["expect"]), step["q"]
        history.append(plan.spec.to_dict())


@pytest.mark.parametrize("case", CASES["actions"], ids=lambda c: c["q"][:30])
def test_action(case):
    plan = planner_answer(case["q"])
    assert (plan.kind, plan.tool) == ("tool", case["tool"])
    assert {key: plan.args.get(key) for key in case["args"]} == case["args"]


@pytest.mark.parametrize("chain", CASES["copy_chains"], ids=lambda c: c["steps"][-1]["q"][:30])
def test_copy_and_save_refer_to_the_previous_audience(fixture_db, chain):
    history = []
    for step in chain["steps"][:-1]:
        history.append(planner_answer(step["q"], history).spec.to_dict())
    last = chain["steps"][-1]
    plan = planner_answer(last["q"], history)
    assert (plan.kind, plan.tool) == ("tool", last["tool"])
    assert {key: plan.args.get(key) for key in last["args"]} == last["args"]
    assert plan.spec.to_dict() == history[-1]


@pytest.mark.parametrize("case", CASES["refusals"], ids=lambda c: c["q"][:30])
def test_refusal_names_the_part_not_understood(case):
    plan = planner_answer(case["q"])
    assert plan.kind == "clarify" and plan.tool is None
    assert case["mentions"] in plan.message
    suggestions = [line for line in plan.message.splitlines() if line.startswith("- ")]
    assert 2 <= len(suggestions) <= 3
