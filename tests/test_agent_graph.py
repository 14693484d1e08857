"""The agent graph with a scripted model on a real SQLite database: tools, repair, limits, memory."""

import json

import pytest
from langchain_core.messages import AIMessage, HumanMessage, SystemMessage, ToolMessage

from agent import graph as agent_graph
from agent.graph import Agent, PersonaMiddleware, current_turn, unanswered_tool_calls
from agent.prompt import CANNOT_ANSWER
from tests.agent_helpers import OUTDOOR_SQL, data_digest, make_db
from tests.scripted_model import ScriptedChatModel, tool_call
from tools.agent_tools import last_audience
from tools.copywriter.offline import ANGLE_NAMES
from tools.audit import recent_events


@pytest.fixture
def db(tmp_path):
    return make_db(tmp_path / "shop.db")


def scripted(*replies):
    return ScriptedChatModel(replies=list(replies))


def test_one_tool_call_and_a_final_answer(db):
    model = scripted(tool_call("run_sql", {"sql": OUTDOOR_SQL}), AIMessage("20 users love outdoor sports."))
    agent = Agent(db, model=model)
    answer = agent.ask("who loves outdoor sports?")

    assert answer.text == "20 users love outdoor sports."
    assert answer.error is None and answer.exit_code == 0
    assert answer.round_trips == 2
    assert answer.row_count == 20 and answer.columns == ["user_id", "name"]
    assert answer.user_ids == [f"u{i:02d}" for i in range(20)]
    assert answer.sql[0].startswith("SELECT DISTINCT") and "LIMIT" in answer.sql[0]  # as executed by the guard
    assert answer.mode == "scripted-model"
    assert set(model.bound_tools) == {"lookup_tags", "run_sql", "get_profile", "generate_profile",
                                      "write_marketing_copy", "save_segment"}
    # The model saw the schema and the taxonomy in its system prompt, and a result preview.
    system, human = model.calls[0][0], model.calls[0][1]
    assert isinstance(system, SystemMessage) and "outdoor_sports (户外运动)" in system.content
    assert "emotions:" in system.content and human.content == "who loves outdoor sports?"
    result = json.loads(model.calls[1][-1].content)
    assert result["row_count"] == 20 and len(result["rows"]) == 20 and result["truncated"] is False


def test_model_sees_a_preview_but_the_answer_keeps_the_whole_audience(db, monkeypatch):
    monkeypatch.setattr("tools.agent_tools.PREVIEW_ROWS", 5)
    monkeypatch.setattr(agent_graph, "PREVIEW_ROWS", 5)
    model = scripted(tool_call("run_sql", {"sql": "SELECT user_id FROM users"}), AIMessage("30 users."))
    agent = Agent(db, model=model, thread="big")
    answer = agent.ask("all users")
    seen = json.loads(model.calls[1][-1].content)
    assert len(seen["rows"]) == 5 and seen["row_count"] == 30
    assert len(answer.user_ids) == 30
    # the conversation memory keeps only the preview
    stored = [m for m in agent.messages() if isinstance(m, ToolMessage)][0]
    assert len(stored.artifact["rows"]) == 5 and stored.artifact["row_count"] == 30


def test_every_step_is_audited(db):
    model = scripted(tool_call("run_sql", {"sql": OUTDOOR_SQL}), AIMessage("20."))
    Agent(db, model=model, thread="audit").ask("outdoor fans?")
    events = list(reversed(recent_events(db, limit=20)))
    kinds = [(e["kind"], e["status"]) for e in events]
    assert kinds == [("llm", "ok"), ("sql", "ok"), ("tool", "ok"), ("llm", "ok"), ("question", "ok")]
    assert all(e["question"] == "outdoor fans?" and e["thread"] == "audit" for e in events)
    question = events[-1]
    assert question["row_count"] == 20 and question["duration_ms"] > 0
    assert json.loads(question["detail"])["round_trips"] == 2
    assert events[1]["row_count"] == 20 and "outdoor_sports" in events[1]["statement"]


def test_a_tool_error_goes_back_to_the_model_which_repairs_it(db):
    model = scripted(
        tool_call("run_sql", {"sql": "SELECT user_id FROM users WHERE gendr = 'female'"}),
        tool_call("run_sql", {"sql": "SELECT user_id FROM users WHERE gender = ?", "params": ["female"]}),
        AIMessage("15 women."),
    )
    answer = Agent(db, model=model).ask("how many women?")
    error = model.calls[1][-1]
    assert isinstance(error, ToolMessage) and error.content.startswith("Error:") and "gendr" in error.content
    assert "Hint:" in error.content and "gender" in error.content.split("Hint:")[1]
    assert answer.text == "15 women." and answer.row_count == 15
    assert answer.sql == [answer.sql[0]] and "gender = ?" in answer.sql[0]  # only the statement that ran
    assert answer.params == ["female"] and answer.round_trips == 3


def test_writes_are_refused_and_the_model_is_told_why(db):
    before = data_digest(db)
    model = scripted(tool_call("run_sql", {"sql": "DROP TABLE users"}), AIMessage("I can only read."))
    answer = Agent(db, model=model).ask("drop the users table")
    assert model.calls[1][-1].content.startswith("Error:")
    assert answer.sql == [] and data_digest(db) == before


def test_recursion_limit_ends_with_a_clear_error(db, monkeypatch):
    monkeypatch.setattr(agent_graph, "RECURSION_LIMIT", 6)
    model = scripted(*[tool_call("run_sql", {"sql": "SELECT 1 AS one"}) for _ in range(10)])
    answer = Agent(db, model=model).ask("loop forever")
    assert answer.error and "6 steps" in answer.error
    assert answer.exit_code == 2 and answer.text.startswith("Sorry")


def test_cannot_answer_marker_becomes_an_error(db):
    model = scripted(AIMessage(f"{CANNOT_ANSWER} the database has no weather data"))
    answer = Agent(db, model=model).ask("what will the weather be tomorrow?")
    assert answer.error == "the database has no weather data" and answer.exit_code == 2
    assert answer.text == "the database has no weather data"


def test_zero_rows_is_an_answer(db):
    model = scripted(tool_call("run_sql", {"sql": "SELECT user_id FROM users WHERE age > 500"}),
                     AIMessage("No users match."))
    answer = Agent(db, model=model).ask("users older than 500")
    assert answer.exit_code == 0 and answer.row_count == 0 and answer.user_ids == []
    assert answer.to_json()["user_ids"] == []


def test_json_shape(db):
    model = scripted(tool_call("run_sql", {"sql": OUTDOOR_SQL}), AIMessage("20 users."))
    payload = Agent(db, model=model).ask("outdoor fans").to_json()
    assert set(payload) == {"answer", "sql", "columns", "rows", "user_ids", "mode"}
    assert payload["rows"][0] == ["u00", "name0"] and len(payload["user_ids"]) == 20


def test_threads_resume_from_the_checkpoint_file(db):
    first = Agent(db, model=scripted(tool_call("run_sql", {"sql": OUTDOOR_SQL}), AIMessage("20 users.")),
                  thread="campaign")
    first.ask("who loves outdoor sports?")
    first.close()

    def follow_up(messages):  # answers from what it was sent: the earlier turn must be there
        earlier = [m for m in messages if isinstance(m, HumanMessage)]
        assert [m.content for m in earlier] == ["who loves outdoor sports?", "of those, only women"]
        return tool_call("run_sql", {"sql": OUTDOOR_SQL + " WHERE u.gender = 'female'"})

    model = scripted(follow_up, AIMessage("10 of them are women."))
    second = Agent(db, model=model, thread="campaign")
    assert second.audience().row_count == 20
    answer = second.ask("of those, only women")
    assert answer.row_count == 10 and second.audience().row_count == 10
    # a different thread knows nothing of it
    assert Agent(db, model=scripted(), thread="other").messages() == []


def test_save_segment_uses_the_conversations_audience(db):
    from tools.segments import list_segments

    model = scripted(tool_call("run_sql", {"sql": OUTDOOR_SQL}), AIMessage("20 users."),
                     tool_call("save_segment", {"name": "户外爱好者"}), AIMessage("Saved."))
    agent = Agent(db, model=model, thread="seg")
    agent.ask("outdoor fans")
    agent.ask("save them as 户外爱好者")
    saved = json.loads(model.calls[-1][-1].content)
    assert saved["size"] == 20 and saved["name"] == "户外爱好者"
    assert [(s["name"], s["size"]) for s in list_segments(db)] == [("户外爱好者", 20)]


def test_copy_and_save_without_an_audience_say_what_to_do(db):
    model = scripted(tool_call("save_segment", {"name": "x"}), AIMessage("I need an audience first."))
    answer = Agent(db, model=model).ask("save this")
    reply = model.calls[1][-1].content
    assert reply.startswith("Error: there is no audience") and "run_sql" in reply
    assert answer.text == "I need an audience first."   # a model's own answer is not replaced by the advice


def test_lookup_tags_is_fuzzy_bilingual_and_counts_users(db):
    model = scripted(tool_call("lookup_tags", {"query": "户外"}), tool_call("lookup_tags", {"query": "hikking"}),
                     tool_call("lookup_tags", {"query": "x", "kind": "planet"}), AIMessage("done"))
    Agent(db, model=model).ask("tags?")
    outdoor = json.loads(model.calls[1][-1].content)
    assert outdoor[0]["id"] == "outdoor_sports" and outdoor[0]["users"] == 20 and outdoor[0]["level"] == 1
    hiking = json.loads(model.calls[2][-1].content)
    assert hiking[0]["id"] == "hiking" and hiking[0]["path"] == "outdoor_sports/hiking" and hiking[0]["users"] == 0
    assert model.calls[3][-1].content.startswith("Error: unknown kind 'planet'")


def test_tools_get_the_database_from_the_context_not_the_model(db):
    from tools.agent_tools import run_sql

    assert set(run_sql.tool_call_schema.model_json_schema()["properties"]) == {"sql", "params"}


def test_unanswered_tool_calls_after_a_cancel_are_closed(db, monkeypatch):
    def cancelled(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr("tools.agent_tools.execute_sql", cancelled)
    agent = Agent(db, model=scripted(tool_call("run_sql", {"sql": OUTDOOR_SQL})), thread="cancel")
    with pytest.raises(KeyboardInterrupt):
        agent.ask("outdoor fans")
    monkeypatch.undo()
    dangling = unanswered_tool_calls(agent.messages())
    assert len(dangling) == 1 and dangling[0].content.startswith("Error: cancelled")

    agent.model.replies += [AIMessage("Hello again.")]
    answer = agent.ask("hello?")
    sent = agent.model.calls[-1]
    assert any(isinstance(m, ToolMessage) and "cancelled" in m.content for m in sent)
    assert answer.text == "Hello again." and unanswered_tool_calls(agent.messages()) == []
    cancelled_events = [e for e in recent_events(db, 20) if e["kind"] == "question" and e["status"] == "error"]
    assert cancelled_events and cancelled_events[0]["detail"] == "cancelled by the operator"


def test_pure_helpers_on_hand_built_messages():
    call = {"name": "run_sql", "args": {"sql": "SELECT user_id FROM users", "params": []}, "id": "c1"}
    messages = [
        HumanMessage("first"), AIMessage("", tool_calls=[call], additional_kwargs={"persona_spec": {"x": 1}}),
        ToolMessage('{"columns": ["user_id"]}', tool_call_id="c1", name="run_sql",
                    artifact={"columns": ["user_id"], "rows": [["u1"]], "row_count": 7, "sql": "S LIMIT 9",
                              "submitted": "SELECT user_id FROM users", "params": []}),
        AIMessage("7 users"), HumanMessage("second"),
        AIMessage("", tool_calls=[{**call, "id": "c2", "args": {"sql": "SELECT COUNT(*) AS n FROM users"}}]),
        ToolMessage("Error: nope", tool_call_id="c2", name="run_sql", status="error"),
    ]
    audience = last_audience(messages)
    assert (audience.sql, audience.row_count, audience.spec, audience.question) == (
        "SELECT user_id FROM users", 7, {"x": 1}, "first")
    assert [type(m).__name__ for m in current_turn(messages)] == ["AIMessage", "ToolMessage"]
    assert unanswered_tool_calls(messages) == []
    assert [m.tool_call_id for m in unanswered_tool_calls(messages[:-1])] == ["c2"]


def test_middleware_defaults_come_from_the_environment(monkeypatch):
    monkeypatch.setenv("PERSONA_LLM_RETRIES", "5")
    assert PersonaMiddleware().retries == 5


def test_copy_is_written_for_the_conversations_audience(db):
    import sqlite3

    model = scripted(tool_call("run_sql", {"sql": OUTDOOR_SQL}), AIMessage("20 users."),
                     tool_call("write_marketing_copy", {"tone": "playful", "language": "en", "n": 2}),
                     AIMessage("Here are two playful messages."))
    agent = Agent(db, model=model, thread="copy")
    agent.ask("outdoor fans")
    agent.ask("write campaign copy for that segment, playful tone")
    result = json.loads(model.calls[-1][-1].content)
    assert result["audience_size"] == 20 and result["tone"] == "playful" and len(result["variants"]) == 2
    assert all(variant["body"] for variant in result["variants"])
    saved = sqlite3.connect(db).execute("SELECT channel, language, tone FROM campaign_copy").fetchall()
    assert saved == [("sms", "en", "playful")]


def test_a_models_copy_answer_says_channel_language_tone_and_why_each_angle(db):
    """The model wrote only "Here are two messages."; the answer still says how the copy was made."""
    model = scripted(tool_call("run_sql", {"sql": OUTDOOR_SQL}), AIMessage("20 users."),
                     tool_call("write_marketing_copy", {"tone": "playful", "language": "en", "n": 2}),
                     AIMessage("Here are two playful messages."),
                     tool_call("write_marketing_copy", {"channel": "push", "language": "zh", "n": 2}),
                     AIMessage("写好了两条推送。"))
    agent = Agent(db, model=model, thread="copy-why")
    agent.ask("outdoor fans")
    english = agent.ask("write campaign copy for that segment, playful tone").text
    chinese = agent.ask("给他们写两条推送").text
    result = json.loads(model.calls[3][-1].content)
    assert english.startswith("Here are two playful messages.\nSMS in English, playful tone. Angles: 1. ")
    assert result["explanation"]["en"] in english
    first_angle = result["variants"][0]["angle"]
    assert " → " in english and english.count(" → ") == 2, english   # the evidence behind each angle
    assert ANGLE_NAMES[first_angle][1] in english and chinese.startswith("写好了两条推送。\n推送，中文，亲切语气。角度：1. ")


def test_a_breakdown_is_not_an_audience_so_the_previous_one_stays(db):
    model = scripted(tool_call("run_sql", {"sql": OUTDOOR_SQL}), AIMessage("20 users."),
                     tool_call("run_sql", {"sql": "SELECT city, COUNT(*) AS users FROM users GROUP BY city"}),
                     AIMessage("by city ..."))
    agent = Agent(db, model=model, thread="breakdown")
    agent.ask("outdoor fans")
    answer = agent.ask("users per city")
    assert answer.user_ids is None and answer.to_json()["user_ids"] == []
    assert agent.audience().row_count == 20 and "outdoor_sports" in agent.audience().sql
