"""Aggregates, ratios and segment breakdowns: the planner's figures against figures computed in Python.

Each question of the ``aggregates`` and ``ratios`` sections of tests/paraphrases.yaml is planned, its
one statement is run through the SQL guard on a real database (the hand-built fixture and the
bundled demo data, built the way ``persona demo`` does), and the numbers are compared with the same
figure computed by plain Python loops over the rows (tests/test_planner_fixture.py's filters).
"""

from __future__ import annotations

import json
import re
import sqlite3
from pathlib import Path

import pytest
import yaml

from agent.planner.answer import compose_answer
from agent.planner.compile import metric_column
from agent.planner.plan import planner_answer
from tests.test_planner_fixture import build_fixture_db, cutoff, expected_users, load_rows
from tools.sql_guard import run_sql

ROOT = Path(__file__).resolve().parents[1]
CASES = yaml.safe_load((ROOT / "tests" / "paraphrases.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module", params=["fixture", "demo"])
def database(request, tmp_path_factory):
    folder = tmp_path_factory.mktemp(request.param)
    if request.param == "fixture":
        db = build_fixture_db(folder / "fixture.db", n_users=600)
    else:
        from tools.ingest import ingest_file
        from tools.profile.build import build_profiles

        db = str(folder / "demo.db")
        ingest_file(db, ROOT / "seeds" / "demo.jsonl")
        build_profiles(db)
    return db, load_rows(db)


def _questions(section: str):
    for index, case in enumerate(CASES[section]):
        for question in case["questions"]:
            yield pytest.param(case, question, id=f"{section}{index}-{question[:40]}")


def _row(db: str, plan) -> dict:
    assert plan.kind == "tool" and plan.tool == "run_sql", plan.message
    result = run_sql(db, plan.args["sql"], plan.args["params"])
    assert result.row_count == 1
    return dict(zip(result.columns, result.rows[0]))


def _expected_figure(data, users: set[str], metric: str, agg: str, days=None) -> float | None:
    """The figure computed by hand (unrounded): orders of these users (inside the window), or their ages."""
    if metric == "age":
        ages = [u["age"] for u in data["users"] if u["user_id"] in users and u["age"] is not None]
        return sum(ages) / len(ages) if ages else None
    amounts = [o["amount"] for o in data["orders"] if o["user_id"] in users
               and (days is None or (o["ordered_at"] or "") >= cutoff(days))]
    if metric == "order_count":
        return len(amounts) if agg == "sum" else len(amounts) / len(users)
    if metric == "order_value" and agg == "avg":
        return sum(amounts) / len(amounts) if amounts else None
    return sum(amounts) if agg == "sum" else sum(amounts) / len(users)


@pytest.mark.parametrize("case, question", list(_questions("aggregates")))
def test_aggregate(database, case, question):
    db, data = database
    plan = planner_answer(question)
    assert plan.spec.output == "aggregate", plan.message
    assert (plan.spec.metric.name, plan.spec.metric.agg, plan.spec.group_by) == (
        case["metric"], case["agg"], case.get("group_by"))
    users = expected_users(data, case["expect"])
    column = metric_column(plan.spec.metric)
    if case.get("group_by"):
        result = run_sql(db, plan.args["sql"], plan.args["params"])
        got = {row[0]: dict(zip(result.columns, row)) for row in result.rows}
        groups = _groups(data, users, case["group_by"])
        assert set(got) == set(groups)
        for name, members in groups.items():
            assert got[name]["user_count"] == len(members)
            _same(got[name][column], _expected_figure(data, members, case["metric"], case["agg"], case.get("days")),
                  case["metric"])
        values = [row[column] for row in got.values() if row[column] is not None]
        assert values == sorted(values, reverse=True)   # highest first
        return
    row = _row(db, plan)
    assert row["user_count"] == len(users)
    _same(row[column], _expected_figure(data, users, case["metric"], case["agg"], case.get("days")), case["metric"])


def _same(got, expected, metric: str) -> None:
    """Equal up to the SQL's rounding (ages to 0.1, amounts and per-user figures to 0.01)."""
    assert (got is None) == (expected is None)
    if expected is not None:
        assert got == pytest.approx(expected, abs=0.0501 if metric == "age" else 0.00501)


def _groups(data, users: set[str], group: str) -> dict[str, set[str]]:
    """Users by city, gender, membership level or lifecycle stage ('unknown' when missing)."""
    stages = {p["user_id"]: p["lifecycle"] for p in data["profiles"]}
    out: dict[str, set[str]] = {}
    for user in data["users"]:
        if user["user_id"] not in users:
            continue
        if group == "lifecycle":
            key = stages.get(user["user_id"]) or "unknown"
        else:
            key = user[{"city": "city", "gender": "gender", "member_level": "member_level"}[group]] or "unknown"
        out.setdefault(key, set()).add(user["user_id"])
    return out


@pytest.mark.parametrize("case, question", list(_questions("ratios")))
def test_ratio(database, case, question):
    db, data = database
    plan = planner_answer(question)
    assert plan.spec.output == "ratio", plan.message
    assert not plan.spec.group_by
    row = _row(db, plan)
    everyone = {u["user_id"] for u in data["users"]}
    base = expected_users(data, case["base"]) if case["base"] else everyone
    part = expected_users(data, case["part"]) & base
    assert (row["base_count"], row["part_count"]) == (len(base), len(part))
    assert row["percent"] == pytest.approx(100 * len(part) / len(base), abs=0.0501)


def test_the_measures_are_bilingual():
    questions = [q for section in ("aggregates", "ratios") for case in CASES[section] for q in case["questions"]]
    chinese = [q for q in questions if any("\u4e00" <= ch <= "\u9fff" for ch in q)]
    assert len(questions) >= 30 and 0.35 < len(chinese) / len(questions) < 0.65


# --- answers in the question's language -----------------------------------------------------------

def _answer(db: str, question: str, history=None) -> str:
    plan = planner_answer(question, history)
    result = run_sql(db, plan.args["sql"], plan.args["params"])
    content = json.dumps({"columns": result.columns, "rows": result.rows, "row_count": result.row_count})
    return compose_answer("run_sql", content, plan.spec.to_dict(), plan.description, plan.lang)


def test_answers_say_the_figure_and_how_it_was_computed(database):
    db, data = database
    premium = expected_users(data, {"consumption": ["premium"]})
    answer = _answer(db, "高端用户的平均客单价是多少")
    assert "平均客单价" in answer and f"{len(premium)} 位用户" in answer and "元" in answer
    answer = _answer(db, "average order value of premium users")
    assert answer.startswith(f"{len(premium)} users (consumption type") and "mean amount" in answer


def test_ratio_answers_give_both_counts_and_the_percentage(database):
    db, data = database
    men = expected_users(data, {"gender": "male"})
    digital = expected_users(data, {"tag": "digital_electronics"}) & men
    percent = 100 * len(digital) / len(men)
    answer = _answer(db, "男性用户里喜欢数码产品的比例")
    assert f"共 {len(men)} 人" in answer and f"有 {len(digital)} 人" in answer
    assert float(re.search(r"占 ([\d.]+)%", answer).group(1)) == pytest.approx(percent, abs=0.0501)
    answer = _answer(db, "what share of men are into digital electronics")
    assert f"Of {len(men)} users" in answer and f"{len(digital)} match" in answer
    assert float(re.search(r"([\d.]+)%", answer).group(1)) == pytest.approx(percent, abs=0.0501)


def test_big_spenders_are_said_in_money(database):
    db, _ = database
    assert "累计消费≥4000元" in planner_answer("消费高的老客户").description
    assert "spent at least 4000 in total" in planner_answer("big spenders").description


# --- follow-ups after a figure ---------------------------------------------------------------------

def test_narrowing_after_an_aggregate_keeps_the_figure(database):
    db, data = database
    for first, second in (("高端用户的平均客单价是多少", "其中女性呢"),
                          ("average order value of premium users", "of those, only women")):
        history = [planner_answer(first).spec.to_dict()]
        plan = planner_answer(second, history)
        assert plan.spec.output == "aggregate" and plan.spec.metric.name == "order_value", second
        users = expected_users(data, {"all": [{"consumption": ["premium"]}, {"gender": "female"}]})
        row = _row(db, plan)
        assert row["user_count"] == len(users)
        _same(row["avg_order_value"], _expected_figure(data, users, "order_value", "avg"), "order_value")


def test_a_breakdown_after_an_aggregate_gives_the_figure_per_group(database):
    db, data = database
    history = [planner_answer("高端用户的平均客单价是多少").spec.to_dict()]
    plan = planner_answer("按城市呢", history)
    assert (plan.spec.output, plan.spec.group_by, plan.spec.metric.name) == ("aggregate", "city", "order_value")
    history.append(plan.spec.to_dict())
    plan = planner_answer("其中女性", history)
    assert (plan.spec.output, plan.spec.group_by) == ("aggregate", "city")
    result = run_sql(db, plan.args["sql"], plan.args["params"])
    users = expected_users(data, {"all": [{"consumption": ["premium"]}, {"gender": "female"}]})
    assert {row[0]: row[1] for row in result.rows} == {k: len(v) for k, v in _groups(data, users, "city").items()}
    answer = _answer(db, "各城市的平均客单价")
    assert "按城市" in answer and "元（" in answer


def test_list_and_save_after_an_aggregate_select_its_users(database):
    db, data = database
    history = [planner_answer("what's the average age of users who love pets").spec.to_dict()]
    plan = planner_answer("show them", history)
    assert plan.spec.output == "list"
    result = run_sql(db, plan.args["sql"], plan.args["params"], max_rows=100_000)
    assert {row[0] for row in result.rows} == expected_users(data, {"tag": "pets"})
    plan = planner_answer("save this as pet lovers", history)
    assert plan.tool == "run_sql" and [call["name"] for call in plan.then] == ["save_segment"]
    assert plan.spec.output == "list"


def test_a_new_window_re_times_the_figure(database):
    db, data = database
    history = [planner_answer("近30天忠实用户的人均消费").spec.to_dict()]
    plan = planner_answer("那最近7天呢", history)
    assert plan.spec.output == "aggregate" and plan.spec.metric.window.n == 7
    users = expected_users(data, {"lifecycle": ["mature"]})
    _same(_row(db, plan)["avg_spend_per_user"], _expected_figure(data, users, "spend", "avg", 7), "spend")


def test_ratio_follow_ups(database):
    db, data = database
    history = [planner_answer("男性用户里喜欢数码产品的比例").spec.to_dict()]
    plan = planner_answer("那女性呢", history)   # the new gender replaces the base's
    women = expected_users(data, {"gender": "female"})
    row = _row(db, plan)
    assert row["base_count"] == len(women)
    assert row["part_count"] == len(expected_users(data, {"tag": "digital_electronics"}) & women)
    history = [planner_answer("gold members").spec.to_dict()]
    plan = planner_answer("what share of them are women?", history)   # the previous audience is the base
    gold = expected_users(data, {"member": ["gold"]})
    row = _row(db, plan)
    assert (row["base_count"], row["part_count"]) == (len(gold), len(gold & women))


def test_a_share_per_group_is_the_breakdown(database):
    db, data = database
    plan = planner_answer("男性用户里各城市的占比")
    assert (plan.spec.output, plan.spec.group_by) == ("breakdown", "city")
    men = expected_users(data, {"gender": "male"})
    result = run_sql(db, plan.args["sql"], plan.args["params"])
    assert sum(row[-1] for row in result.rows) == len(men)   # the base is kept, not dropped
    assert planner_answer("上海的消费者").spec.where[0].kind == "city"   # a consumer is no amount


def test_one_figure_at_a_time_and_no_ranking_without_groups():
    plan = planner_answer("男性用户里喜欢数码产品的比例和平均客单价")
    assert plan.kind == "clarify" and "一次只能回答一种统计" in plan.message
    assert planner_answer("总年龄").kind == "clarify"
    plan = planner_answer("the highest average order value of premium users")
    assert plan.kind == "clarify" and "ranking groups by a figure" in plan.message
    plan = planner_answer("how much do users in Shanghai have")   # an amount of nothing said
    assert plan.kind == "clarify"


# --- segments --------------------------------------------------------------------------------------

@pytest.mark.parametrize("question", ["which segment has the most churn risk", "哪个分群的流失风险用户最多",
                                      "churn-risk users by segment", "按分群统计流失风险用户", "哪个分群流失风险最高",
                                      "流失风险用户最多的分群", "segments with the most churn-risk users"])
def test_segment_breakdown(database, question):
    db, _ = database
    plan = planner_answer(question)
    assert (plan.spec.output, plan.spec.group_by) == ("breakdown", "segment")
    result = run_sql(db, plan.args["sql"], plan.args["params"])
    conn = sqlite3.connect(db)
    expected = dict(conn.execute(
        "SELECT s.name, COUNT(*) FROM segment_members m JOIN segments s ON s.segment_id = m.segment_id "
        "JOIN profiles p ON p.user_id = m.user_id WHERE p.lifecycle = 'churn_risk' GROUP BY s.name").fetchall())
    conn.close()
    assert {row[0]: row[-1] for row in result.rows} == expected
    counts = [row[-1] for row in result.rows]
    assert counts == sorted(counts, reverse=True)


# --- the whole agent ---------------------------------------------------------------------------------

def test_a_conversation_through_the_agent(database, tmp_path):
    """Offline agent, one thread: a figure, a narrowing follow-up, a ratio, then the users themselves."""
    import shutil

    from agent.graph import Agent

    source, data = database
    db = str(tmp_path / "chat.db")
    shutil.copy(source, db)
    agent = Agent(db, offline=True, thread="figures")
    premium = expected_users(data, {"consumption": ["premium"]})
    women = premium & expected_users(data, {"gender": "female"})
    first = agent.ask("高端用户的平均客单价是多少")
    assert first.exit_code == 0 and first.rows[0][0] == len(premium) and "平均客单价" in first.text
    second = agent.ask("of those, only women")
    assert second.columns[-1] == "avg_order_value" and second.rows[0][0] == len(women)
    assert "average order value" in second.text and "平均" not in second.text   # English question, English answer
    third = agent.ask("what share of them are gold members?")
    gold = women & expected_users(data, {"member": ["gold"]})
    assert second.exit_code == third.exit_code == 0
    assert list(third.rows[0][:2]) == [len(women), len(gold)]
    listed = agent.ask("show them")
    assert set(listed.user_ids or []) == gold


def test_figures_survive_the_conversation_state():
    """The spec travels as JSON in the agent's messages: a ratio's base and a metric's window come back."""
    from agent.planner.spec import AudienceSpec

    for question in ("男性用户里喜欢数码产品的比例", "近30天老客户的人均消费", "各城市的平均客单价"):
        spec = planner_answer(question).spec
        assert AudienceSpec.from_dict(json.loads(json.dumps(spec.to_dict()))) == spec
