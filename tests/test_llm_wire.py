"""The model path over real HTTP: tools/llm.py's ChatOpenAI against the loopback fake server."""

import pytest
from langchain_core.messages import HumanMessage

from tests.fake_openai import FakeOpenAI, error_reply, text_reply, tool_call_reply
from tools.llm import chat_model_from_env, model_config_from_env, model_name


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
