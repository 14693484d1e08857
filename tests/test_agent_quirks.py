"""The agent against OpenAI-compatible servers as they really behave (Ollama, llama.cpp, vLLM,
DeepSeek, Qwen), over real HTTP: each quirk is one switch of the loopback fake server. Whatever the
server does, the question gets an answer, and a fallback is said and recorded, never a crash."""

import json

import pytest

from agent.graph import Agent, PersonaMiddleware
from agent.render_answer import status_text
from tests.agent_helpers import OUTDOOR_SQL, make_db
from tests.fake_openai import FakeOpenAI, closed_url, text_reply, tool_call_reply
from tools.audit import recent_events

QUESTION = "who loves outdoor sports?"


@pytest.fixture
def db(tmp_path):
    return make_db(tmp_path / "shop.db")


def ask(db, monkeypatch, env: dict, question: str = QUESTION, *, retries: int = 2):
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    sleeps: list[float] = []
    agent = Agent(db, middleware=PersonaMiddleware(retries=retries, sleep=sleeps.append))
    try:
        answer = agent.ask(question)
    finally:
        agent.close()
    answer.sleeps = sleeps
    return answer


def outdoor_script():
    return [tool_call_reply("run_sql", {"sql": OUTDOOR_SQL}), text_reply("20 users love outdoor sports.")]


def llm_details(db) -> list[str]:
    return [e["detail"] or "" for e in recent_events(db, 30) if e["kind"] == "llm"]


def assert_model_answered(answer):
    assert answer.fallback is None and answer.mode == "fake-model"
    assert answer.text == "20 users love outdoor sports." and answer.row_count == 20


def assert_fell_back(db, answer, reason_part):
    assert answer.fallback and reason_part in answer.fallback, answer.fallback
    assert answer.mode == "offline" and answer.exit_code == 0 and answer.row_count == 20
    assert reason_part in status_text(answer)
    assert any(e["kind"] == "llm" and e["status"] == "fallback" and reason_part in (e["detail"] or "")
               for e in recent_events(db, 30))


# --- no key: a local server -------------------------------------------------------------------------

def test_a_base_url_without_a_key_uses_the_local_server(db, monkeypatch):
    with FakeOpenAI(outdoor_script()) as server:
        answer = ask(db, monkeypatch, server.env(key=None))
        assert server.call_count == 2
    assert_model_answered(answer)


def test_a_server_that_wants_a_key_says_to_set_one(db, monkeypatch):
    with FakeOpenAI(outdoor_script(), api_key="sk-needed") as server:
        answer = ask(db, monkeypatch, server.env(key=None))
    assert_fell_back(db, answer, "refused the API key; check OPENAI_API_KEY (it is not set)")


# --- models that cannot call tools properly ----------------------------------------------------------

@pytest.mark.parametrize("style", ["json", "fenced", "tagged"])
def test_a_tool_call_written_as_text_is_run(db, monkeypatch, style):
    """Small Ollama / llama.cpp models write {"name": "run_sql", "arguments": {...}} as their reply."""
    with FakeOpenAI(outdoor_script(), tool_calls_as_text=style) as server:
        answer = ask(db, monkeypatch, server.env())
        tool_result = server.requests[1]["messages"][-1]
    assert_model_answered(answer)
    assert tool_result["role"] == "tool" and json.loads(tool_result["content"])["row_count"] == 20
    assert any("read from the reply's text: run_sql" in d for d in llm_details(db))


@pytest.mark.parametrize("refusal", ["no_tools", "no_jinja"])
def test_a_server_without_tool_support_falls_back(db, monkeypatch, refusal):
    with FakeOpenAI(outdoor_script(), **{refusal: True}) as server:
        answer = ask(db, monkeypatch, server.env())
        assert server.call_count == 1 and answer.sleeps == []   # not retried, even as a 500 (llama.cpp)
    assert_fell_back(db, answer, "the server cannot call tools with model 'fake-model'")


def test_an_answer_that_ran_no_query_is_replaced_by_the_planner(db, monkeypatch):
    with FakeOpenAI([text_reply("About 150 of your users love outdoor sports.")]) as server:
        answer = ask(db, monkeypatch, server.env())
    assert_fell_back(db, answer, "fake-model answered without querying the database")
    assert "150" not in answer.text and answer.sql


def test_a_reply_that_needs_no_data_stays_the_models(db, monkeypatch):
    with FakeOpenAI([text_reply("Hello! Ask me about your customers.")]) as server:
        answer = ask(db, monkeypatch, server.env(), "hello")
    assert answer.text == "Hello! Ask me about your customers." and answer.fallback is None


def test_an_empty_reply_falls_back(db, monkeypatch):
    with FakeOpenAI([text_reply("")]) as server:
        answer = ask(db, monkeypatch, server.env())
        assert server.call_count == 1
    assert_fell_back(db, answer, "empty reply")


def test_a_model_that_keeps_calling_tools_hands_the_question_over(db, monkeypatch):
    with FakeOpenAI(handler=lambda request: tool_call_reply("run_sql", {"sql": "SELECT user_id FROM users"})) as server:
        answer = ask(db, monkeypatch, server.env())
        assert server.call_count == 5
    assert_fell_back(db, answer, "fake-model kept calling tools (5 replies without an answer)")
    assert answer.error is None and answer.text.startswith("20 users")


# --- reasoning models ---------------------------------------------------------------------------------

def test_think_blocks_never_reach_the_answer(db, monkeypatch):
    """Qwen3 / DeepSeek-R1 behind vLLM or Ollama without a reasoning parser: <think>…</think> first."""
    with FakeOpenAI(outdoor_script(), think=True) as server:
        answer = ask(db, monkeypatch, server.env())
        history = server.requests[1]["messages"]
    assert_model_answered(answer)
    assert all("<think>" not in (m.get("content") or "") for m in history)


def test_deepseek_reasoning_content_is_sent_back_with_its_tool_call(db, monkeypatch):
    """DeepSeek's thinking mode answers 400 when a tool-call message comes back without it."""
    with FakeOpenAI(outdoor_script(), reasoning_content=True) as server:
        answer = ask(db, monkeypatch, server.env())
        echoed = server.requests[1]["messages"][-2]
    assert_model_answered(answer)
    assert echoed["tool_calls"] and echoed["reasoning_content"].startswith("好的")


def test_deepseek_in_a_thread_that_holds_the_planners_tool_calls(db, monkeypatch):
    """Every assistant tool-call message must carry reasoning_content, also those DeepSeek did not write."""
    offline = Agent(db, offline=True, thread="t")
    offline.ask("who loves outdoor sports?")
    offline.close()
    script = [tool_call_reply("run_sql", {"sql": OUTDOOR_SQL + " AND u.gender = 'female'"}),
              text_reply("10 of them are women.")]
    with FakeOpenAI(script, reasoning_content=True) as server:
        for name, value in server.env().items():
            monkeypatch.setenv(name, value)
        agent = Agent(db, thread="t")
        answer = agent.ask("of those, only women")
        agent.close()
        assert server.call_count == 3      # refused for the planner's call without it, sent again with it
        history = server.requests[2]["messages"]
    assert answer.fallback is None and answer.row_count == 10
    calls = [m for m in history if m.get("tool_calls")]
    assert len(calls) == 2 and [m["reasoning_content"] for m in calls] == ["", calls[1]["reasoning_content"]]
    assert calls[1]["reasoning_content"].startswith("好的")


def test_qwen3_on_dashscope_is_asked_not_to_think(db, monkeypatch):
    """DashScope refuses a non-streaming Qwen3 request unless thinking is off: once, then never again."""
    with FakeOpenAI(outdoor_script(), thinking_needs_stream=True) as server:
        answer = ask(db, monkeypatch, server.env(model="qwen3-32b"))
        said = [r.get("enable_thinking") for r in server.requests]
    assert said == [None, False, False]
    assert answer.fallback is None and answer.row_count == 20 and answer.mode == "qwen3-32b"


# --- what the wire carries ----------------------------------------------------------------------------

def test_responses_without_usage(db, monkeypatch):
    with FakeOpenAI(outdoor_script(), no_usage=True) as server:
        answer = ask(db, monkeypatch, server.env())
    assert_model_answered(answer)
    assert (answer.tokens_in, answer.tokens_out) == (0, 0) and "tokens" not in status_text(answer)


def test_tool_arguments_sent_as_an_object(db, monkeypatch):
    with FakeOpenAI(outdoor_script(), arguments_as_object=True) as server:
        answer = ask(db, monkeypatch, server.env())
    assert_model_answered(answer)


def test_chinese_in_tool_arguments(db, monkeypatch):
    sql = "SELECT DISTINCT u.user_id, u.name AS 名字 FROM users u WHERE u.city = ?"
    script = [tool_call_reply("run_sql", {"sql": sql, "params": ["上海"]}), text_reply("上海有 16 位用户。")]
    with FakeOpenAI(script) as server:
        answer = ask(db, monkeypatch, server.env(), "上海有多少用户？")
        sent_back = server.requests[1]["messages"][-2]["tool_calls"][0]["function"]["arguments"]
    assert answer.text == "上海有 16 位用户。" and answer.row_count == 16 and answer.columns[1] == "名字"
    assert json.loads(sent_back) == {"sql": sql, "params": ["上海"]}


# --- wrong settings: clear, specific, recorded --------------------------------------------------------

def test_a_wrong_key_is_named_but_never_shown(db, monkeypatch):
    with FakeOpenAI(outdoor_script(), api_key="sk-right") as server:
        answer = ask(db, monkeypatch, server.env(key="sk-wrong-secret-42"))
        assert server.call_count == 1
    assert_fell_back(db, answer, f"401 Unauthorized: {server.base_url} refused the API key; check OPENAI_API_KEY")
    shown = json.dumps([answer.to_json(), status_text(answer), recent_events(db, 30)], ensure_ascii=False, default=str)
    assert "sk-wrong-secret-42" not in shown


def test_a_wrong_model_name_lists_the_servers_models(db, monkeypatch):
    with FakeOpenAI(outdoor_script(), models=("qwen3:8b",)) as server:
        answer = ask(db, monkeypatch, server.env(model="qwen3"))
    assert_fell_back(db, answer, f"{server.base_url} has no model 'qwen3' (PERSONA_MODEL); it has 'qwen3:8b'")


def test_a_base_url_without_v1(db, monkeypatch):
    with FakeOpenAI(outdoor_script(), v1_only=True) as server:
        answer = ask(db, monkeypatch, {**server.env(), "OPENAI_BASE_URL": server.root_url})
    assert_fell_back(db, answer, f"most servers want it to end in /v1 (try {server.root_url}/v1)")


def test_a_server_that_is_not_running(db, monkeypatch):
    url = closed_url()
    answer = ask(db, monkeypatch, {"OPENAI_BASE_URL": url, "PERSONA_MODEL": "qwen3"})
    assert answer.sleeps == [0.25, 0.5]                   # a dropped connection is worth two more tries
    assert_fell_back(db, answer, f"cannot connect to {url}")
    assert "is the server running?" in answer.fallback and "qwen3 failed" in answer.fallback
