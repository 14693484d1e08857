"""tools/llm.py: which model the environment selects, its requests over real HTTP against the loopback
fake server, reading answers that arrive as text, and failure lines that never carry the key."""

import json

import pytest
from langchain_core.messages import HumanMessage

from tests.fake_openai import FakeOpenAI, error_reply, text_reply, tool_call_reply
from tools.llm import (chat_model_from_env, explain_failure, json_from_text, model_config_from_env, model_name,
                       split_reasoning, tool_calls_from_text)


def test_offline_when_neither_a_key_nor_a_server_is_set():
    assert model_config_from_env({}) is None
    assert chat_model_from_env(env={"PERSONA_MODEL": "qwen3"}) is None
    assert model_name(None) == "offline"


def test_a_base_url_without_a_key_is_a_local_server():
    """Ollama / llama.cpp / vLLM users set only OPENAI_BASE_URL: the model is used, with a placeholder key."""
    config = model_config_from_env({"OPENAI_BASE_URL": "http://127.0.0.1:11434/v1", "PERSONA_MODEL": "qwen3"})
    assert (config.api_key, config.base_url, config.model) == ("", "http://127.0.0.1:11434/v1", "qwen3")
    with FakeOpenAI([text_reply("你好")]) as server:
        model = chat_model_from_env(env=server.env(key=None))
        assert model.invoke([HumanMessage("hi")]).content == "你好"
    assert server.requests[0]["model"] == "fake-model"


def test_config_reads_every_variable():
    config = model_config_from_env({"OPENAI_API_KEY": "k", "OPENAI_API_BASE": "http://h/v1", "PERSONA_MODEL": "qwen"})
    assert (config.api_key, config.base_url, config.model) == ("k", "http://h/v1", "qwen")


@pytest.mark.parametrize("timeout", ["abc", "0", "-5"])
def test_a_bad_timeout_is_named(timeout):
    with pytest.raises(ValueError, match=f"PERSONA_LLM_TIMEOUT must be a number of seconds above 0, got '{timeout}'"):
        model_config_from_env({"OPENAI_BASE_URL": "http://127.0.0.1:11434/v1", "PERSONA_LLM_TIMEOUT": timeout})


def test_text_and_tool_call_over_http():
    with FakeOpenAI([text_reply("你好"), tool_call_reply("run_sql", {"sql": "SELECT 1"})]) as server:
        model = chat_model_from_env(env=server.env())
        assert model_name(model) == "fake-model"
        assert model.invoke([HumanMessage("hi")]).content == "你好"
        reply = model.invoke([HumanMessage("count users")])
        assert reply.tool_calls[0]["name"] == "run_sql"
        assert reply.tool_calls[0]["args"] == {"sql": "SELECT 1"}
        assert server.call_count == 2
        assert server.requests[0]["messages"][0]["content"] == "hi"
        assert server.requests[0]["model"] == "fake-model"
        assert not server.requests[0].get("stream")


def test_http_error_surfaces_as_exception_without_client_retries():
    import openai

    with FakeOpenAI([error_reply(429, "slow down")]) as server:
        model = chat_model_from_env(env=server.env())
        with pytest.raises(openai.RateLimitError):
            model.invoke([HumanMessage("hi")])
        assert server.call_count == 1  # max_retries=0: Persona's own loop decides


# --- reading answers that arrive as text --------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("<think>用户要 {x}</think>\n\n答案", ("用户要 {x}", "答案")),
    ("thinking opened by the template</think>answer", ("thinking opened by the template", "answer")),
    ("<think>cut off while thinking", ("cut off while thinking", "")),
    ("no thinking: a <think> tag quoted later", ("", "no thinking: a <think> tag quoted later")),
])
def test_split_reasoning(text, expected):
    assert split_reasoning(text) == expected


def test_json_from_text_finds_the_document():
    doc = {"variants": [{"body": "周末去徒步 {不是JSON}"}]}
    for text in (json.dumps(doc, ensure_ascii=False), f"```json\n{json.dumps(doc)}\n```",
                 f"<think>先想 {{x}}</think>Here it is:\n```\n{json.dumps(doc)}\n```\nDone.",
                 f"Result: {json.dumps(doc)} (as asked)"):
        assert json_from_text(text) == doc
    with pytest.raises(ValueError, match="no JSON"):
        json_from_text("I cannot help with that.")


@pytest.mark.parametrize("text", [
    '{"name": "run_sql", "arguments": {"sql": "SELECT 1"}}',
    '{"name": "run_sql", "parameters": {"sql": "SELECT 1"}}',                          # Llama 3
    '{"name": "functions.run_sql", "arguments": {"sql": "SELECT 1"}}',
    '{"name": "run_sql", "arguments": "{\\"sql\\": \\"SELECT 1\\"}"}',                  # arguments as a string
    '[TOOL_CALLS][{"name": "run_sql", "arguments": {"sql": "SELECT 1"}}]',              # Mistral
    '<tool_call>\n{"name": "run_sql", "arguments": {"sql": "SELECT 1"}}\n</tool_call>',  # Qwen / Hermes
    '{"type": "function", "function": {"name": "run_sql", "arguments": "{\\"sql\\": \\"SELECT 1\\"}"}}',
    '<think>I should call run_sql {like this}</think>```json\n{"name": "run_sql", "arguments": {"sql": "SELECT 1"}}\n```',
])
def test_tool_calls_written_as_text(text):
    [call] = tool_calls_from_text(text, {"run_sql", "lookup_tags"})
    assert (call["name"], call["args"], call["type"]) == ("run_sql", {"sql": "SELECT 1"}, "tool_call")
    assert call["id"].startswith("call_")


@pytest.mark.parametrize("text", [
    "20 users love outdoor sports.",
    '{"name": "drop_everything", "arguments": {}}',                                      # not a tool offered
    '{"name": "run_sql", "arguments": "SELECT 1"}',                                      # arguments not an object
    '{"users": 20}',                                                                     # JSON, but no call
    '[{"name": "run_sql", "arguments": {"sql": "SELECT 1"}}, {"name": "nope", "arguments": {}}]',  # all or nothing
])
def test_text_that_is_not_a_tool_call(text):
    assert tool_calls_from_text(text, {"run_sql"}) == []


def test_a_server_message_never_carries_the_key():
    import openai

    with FakeOpenAI([error_reply(403, "key sk-secret-123456 may not use model fake-model")]) as server:
        model = chat_model_from_env(env=server.env(key="sk-secret-123456"))
        with pytest.raises(openai.PermissionDeniedError) as caught:
            model.invoke([HumanMessage("hi")])
    line = explain_failure(caught.value, model)
    assert line == f"403 from {server.base_url}: key *** may not use model fake-model"


@pytest.mark.parametrize("path", ["", "/v1/chat/completions"])
def test_a_404_from_a_wrong_base_url_suggests_the_right_one(path):
    """Ollama's own address (no /v1), or the whole endpoint pasted into OPENAI_BASE_URL."""
    import openai

    with FakeOpenAI([text_reply("never sent")], v1_only=True) as server:
        model = chat_model_from_env(env={"OPENAI_BASE_URL": server.root_url + path, "PERSONA_MODEL": "qwen3"})
        with pytest.raises(openai.NotFoundError) as caught:
            model.invoke([HumanMessage("hi")])
        line = explain_failure(caught.value, model)
    assert f"most servers want it to end in /v1 (try {server.base_url})" in line
    assert "model 'qwen3' (PERSONA_MODEL)" in line
