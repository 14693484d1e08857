"""Verified examples: storage, retrieval by character n-grams, and their way into the prompt."""

import io

import pytest
from langchain_core.messages import AIMessage
from rich.console import Console

from agent.examples import Example, load_examples, rank_examples, save_example, similarity
from agent.graph import Agent
from agent.repl import Repl
from tests.agent_helpers import make_db
from tests.scripted_model import ScriptedChatModel, tool_call

EXAMPLES = [
    Example("最近一个月对价格有负面情绪的户外运动爱好者有多少", "SELECT 1"),
    Example("上海的女性用户有多少", "SELECT 2"),
    Example("users who love outdoor sports and complain about price", "SELECT 3"),
    Example("how many premium users bought a phone last week", "SELECT 4"),
]


@pytest.fixture
def db(tmp_path):
    return make_db(tmp_path / "shop.db")


def test_save_and_load_keep_question_sql_params_and_spec(db):
    first = save_example(db, "上海的女性用户", "SELECT user_id FROM users WHERE city = ?", params=["上海"],
                         spec={"where": [{"kind": "city", "values": ["上海"]}]})
    second = save_example(db, "all users", "SELECT user_id FROM users")
    loaded = load_examples(db)
    assert [e.id for e in loaded] == [first, second]
    assert loaded[0].params == ("上海",) and loaded[0].spec == {"where": [{"kind": "city", "values": ["上海"]}]}
    assert loaded[1].params == () and loaded[1].spec is None and loaded[1].created_at


def test_an_example_needs_a_question_and_sql(db):
    with pytest.raises(ValueError, match="question and the SQL"):
        save_example(db, "  ", "SELECT 1")


def test_no_database_means_no_examples(tmp_path):
    assert load_examples(str(tmp_path / "missing.db")) == []


@pytest.mark.parametrize("question, best", [
    ("最近一个月对价格不满的户外运动爱好者", "SELECT 1"),
    ("上海女性用户", "SELECT 2"),
    ("outdoor sports lovers unhappy with the price", "SELECT 3"),
    ("premium users who bought phones", "SELECT 4"),
])
def test_ranking_finds_the_closest_question_in_either_language(question, best):
    ranked = rank_examples(question, EXAMPLES, k=3)
    assert ranked[0][1].sql == best and len(ranked) <= 3
    assert [score for score, _ in ranked] == sorted((score for score, _ in ranked), reverse=True)


def test_unrelated_questions_retrieve_nothing():
    assert rank_examples("天气", EXAMPLES) == [] and rank_examples("anything", []) == []


def test_similarity_is_one_for_the_same_question_up_to_punctuation():
    assert similarity("上海的女性用户有多少?", "上海的女性用户有多少") == pytest.approx(1.0)
    assert similarity("Users in Shanghai", "users in shanghai!") == pytest.approx(1.0)
    assert 0.3 < similarity("上海的女性用户有多少", "北京的女性用户有多少") < 0.9
    assert similarity("abc", "xyz") == 0.0


def test_a_verified_example_goes_into_the_next_prompt(db):
    save_example(db, "who loves outdoor sports?", "SELECT user_id FROM tags WHERE tag_id = 'outdoor_sports'")
    model = ScriptedChatModel(replies=[AIMessage("ok"), AIMessage("ok")])
    agent = Agent(db, model=model)
    agent.ask("which users love outdoor sports")
    agent.ask("上海有多少用户")
    prompt = model.calls[0][0].content
    assert "Verified answers to similar questions" in prompt
    assert "Q: who loves outdoor sports?\nSQL: SELECT user_id FROM tags WHERE tag_id = 'outdoor_sports'" in prompt
    assert "Verified answers" not in model.calls[1][0].content  # nothing similar to the second question


def test_good_after_an_answer_stores_the_submitted_sql(db):
    sql = "SELECT user_id FROM users WHERE city = ?"
    model = ScriptedChatModel(replies=[tool_call("run_sql", {"sql": sql, "params": ["上海"]}), AIMessage("16 users.")])
    repl = Repl(Agent(db, model=model), Console(file=io.StringIO()))
    repl.handle("上海有多少用户")
    repl.handle("/good")
    [example] = load_examples(db)
    assert (example.question, example.sql, example.params) == ("上海有多少用户", sql, ("上海",))
