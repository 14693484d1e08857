"""Choosing the OpenAI-compatible chat model, when one is configured, and coping with what such
servers actually send.

Persona works offline by default. It talks to any OpenAI-compatible server (OpenAI, DeepSeek,
Qwen, vLLM, Ollama, llama.cpp) through langchain-openai once either of these is set:

- ``OPENAI_API_KEY``  the key. Local servers (Ollama, llama.cpp, vLLM) need none: setting only
  ``OPENAI_BASE_URL`` is enough, and a placeholder key is sent
- ``OPENAI_BASE_URL`` the server, e.g. http://127.0.0.1:11434/v1 for Ollama (also ``OPENAI_API_BASE``)
- ``PERSONA_MODEL``   the model name (default ``gpt-4o-mini``)
- ``PERSONA_LLM_TIMEOUT`` seconds per request (default 60)

:class:`PersonaChatOpenAI` smooths over server quirks (reasoning text, tool-call arguments sent
as objects); :func:`explain_failure` turns a failed request into one line that says what to check,
without the key; :func:`json_from_text` and :func:`tool_calls_from_text` read answers that arrive
as text. langchain-openai is imported only when a model is actually configured.
"""

from __future__ import annotations

import difflib
import functools
import json
import os
import re
import uuid
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlparse

DEFAULT_MODEL = "gpt-4o-mini"
OPENAI_URL = "https://api.openai.com/v1"
NO_KEY = "no-key"                  # sent when only OPENAI_BASE_URL is set: local servers ignore it
REASONING_KEY = "reasoning_content"  # AIMessage.additional_kwargs: the server's reasoning (DeepSeek)
PROBE_TIMEOUT_S = 3.0              # the model-list request made to explain a 404


@dataclass(frozen=True)
class ModelConfig:
    api_key: str                   # "" when none is set (a local server)
    model: str
    base_url: str | None
    timeout_s: float


def model_config_from_env(env: dict[str, str] | None = None) -> ModelConfig | None:
    """The model settings from the environment, or None (offline mode) when neither an API key
    nor a base URL is set."""
    env = os.environ if env is None else env
    api_key = env.get("OPENAI_API_KEY", "").strip()
    base_url = _base_url(env)
    if not api_key and not base_url:
        return None
    return ModelConfig(
        api_key=api_key,
        model=env.get("PERSONA_MODEL", "").strip() or DEFAULT_MODEL,
        base_url=base_url,
        timeout_s=_seconds(env.get("PERSONA_LLM_TIMEOUT") or "60"),
    )


def _base_url(env) -> str | None:
    """OPENAI_BASE_URL (or the older OPENAI_API_BASE), None when neither is set."""
    return (env.get("OPENAI_BASE_URL") or env.get("OPENAI_API_BASE") or "").strip() or None


def _seconds(text: str) -> float:
    try:
        seconds = float(text)
    except ValueError:
        seconds = 0.0
    if not seconds > 0:
        raise ValueError(f"PERSONA_LLM_TIMEOUT must be a number of seconds above 0, got {text!r}")
    return seconds


def chat_model_from_env(*, max_retries: int = 0, env: dict[str, str] | None = None):
    """A chat model built from the environment, or None when offline.

    Retries are left to the caller (``max_retries=0`` by default) so that Persona's own retry
    loop can count, log and fall back; pass a number to let the client retry by itself.
    """
    config = model_config_from_env(env)
    if config is None:
        return None
    return chat_model(config, max_retries=max_retries)


def chat_model(config: ModelConfig, *, max_retries: int = 0):
    return _model_class()(
        model=config.model,
        api_key=config.api_key or NO_KEY,
        base_url=config.base_url,
        timeout=config.timeout_s,
        max_retries=max_retries,
        temperature=0,
        # Plain JSON responses: simpler to serve from any OpenAI-compatible server, and we
        # never show partial output anyway.
        disable_streaming=True,
    )


def model_name(model) -> str:
    """A short name for provenance columns: 'offline' for None, else the model's name."""
    if model is None:
        return "offline"
    return getattr(model, "model_name", None) or getattr(model, "model", None) or type(model).__name__


def message_text(message) -> str:
    """The text of a LangChain message (``.text`` where the message has it, else its content)."""
    return message.text if hasattr(message, "text") else str(message.content)


# --- what servers send besides OpenAI's API ------------------------------------------------------

@functools.cache
def _model_class():
    """PersonaChatOpenAI, defined on first use so that importing this module stays cheap."""
    import openai
    from langchain_core.messages import AIMessage
    from langchain_openai import ChatOpenAI

    class PersonaChatOpenAI(ChatOpenAI):
        """ChatOpenAI for OpenAI-compatible servers that go beyond OpenAI's response format.

        - ``<think>…</think>`` in the content (Qwen3, DeepSeek-R1 served without a reasoning
          parser) is removed: it is the model thinking aloud, not its answer.
        - ``reasoning_content`` (DeepSeek, vLLM's reasoning parsers) is kept in the message's
          ``additional_kwargs`` and sent back with every assistant tool-call message once the
          server has sent one, or has refused a request for the lack of it (empty for messages
          it did not write, e.g. the offline planner's): DeepSeek's thinking mode answers 400
          otherwise.
        - tool-call arguments sent as a JSON object instead of a JSON string are accepted.
        - Qwen3 on DashScope thinks only when streaming and refuses a plain request (400
          'parameter.enable_thinking must be set to false for non-streaming calls'): the request
          is sent again, and every later one, with ``enable_thinking: false``.

        Responses are passed on as plain dicts (Persona never uses OpenAI's ``parse``).
        A 400 that one of these fixes answers is met by sending the request once more with it.
        """

        send_reasoning: bool = False   # set once the server refused a tool call without reasoning_content

        def _create_chat_result(self, response, generation_info=None):
            if hasattr(response, "model_dump"):
                response = response.model_dump(exclude={"choices": {"__all__": {"message": {"parsed"}}}},
                                               warnings=False)
            choices = response.get("choices") if isinstance(response, dict) else None
            reasoning = [_tidy_message(choice.get("message") or {}) for choice in choices or []]
            result = super()._create_chat_result(response, generation_info)
            for generation, thought in zip(result.generations, reasoning):
                if thought is not None:
                    generation.message.additional_kwargs[REASONING_KEY] = thought
            return result

        def _generate(self, messages, stop=None, run_manager=None, **kwargs):
            try:
                return super()._generate(messages, stop=stop, run_manager=run_manager, **kwargs)
            except openai.BadRequestError as exc:
                if not self._learn_from(str(exc)):
                    raise
            return super()._generate(messages, stop=stop, run_manager=run_manager, **kwargs)

        def _learn_from(self, refusal: str) -> bool:
            """Adopt the fix a 400 asks for; False when there is none, or it is already in use."""
            if REASONING_KEY in refusal and not self.send_reasoning:
                self.send_reasoning = True
                return True
            if "enable_thinking" in refusal and (self.extra_body or {}).get("enable_thinking") is not False:
                self.extra_body = {**(self.extra_body or {}), "enable_thinking": False}
                return True
            return False

        def _get_request_payload(self, input_, *, stop=None, **kwargs):
            payload = super()._get_request_payload(input_, stop=stop, **kwargs)
            messages = self._convert_input(input_).to_messages()
            if self.send_reasoning or any(isinstance(m, AIMessage) and REASONING_KEY in m.additional_kwargs
                                          for m in messages):
                for message, sent in zip(messages, payload.get("messages") or []):
                    if isinstance(message, AIMessage) and message.tool_calls:
                        sent[REASONING_KEY] = message.additional_kwargs.get(REASONING_KEY, "")
            return payload

    return PersonaChatOpenAI


def _tidy_message(message: dict) -> str | None:
    """Fix one response message in place; return its ``reasoning_content`` (None when absent)."""
    if isinstance(message.get("content"), str):
        message["content"] = split_reasoning(message["content"])[1]
    for call in message.get("tool_calls") or []:
        function = call.get("function") if isinstance(call, dict) else None
        if isinstance(function, dict) and isinstance(function.get("arguments"), (dict, list)):
            function["arguments"] = json.dumps(function["arguments"], ensure_ascii=False)
    reasoning = message.get(REASONING_KEY)
    return reasoning if isinstance(reasoning, str) else None


_THINK_OPEN, _THINK_CLOSE = "<think>", "</think>"


def split_reasoning(text: str) -> tuple[str, str]:
    """(reasoning, answer) of a reply that may think aloud in ``<think>…</think>`` first.

    A reply with only the closing tag (the chat template opened it) counts too; one whose
    thinking was never closed (cut off) has no answer.
    """
    stripped = text.lstrip()
    if stripped.startswith(_THINK_OPEN):
        body = stripped[len(_THINK_OPEN):]
        if _THINK_CLOSE not in body:
            return body.strip(), ""
        thought, answer = body.split(_THINK_CLOSE, 1)
        return thought.strip(), answer.strip()
    if _THINK_CLOSE in text and _THINK_OPEN not in text:
        thought, answer = text.split(_THINK_CLOSE, 1)
        return thought.strip(), answer.strip()
    return "", text


# --- answers that arrive as text -------------------------------------------------------------------

_FENCED = re.compile(r"```[a-zA-Z]*\s*\n?(.*?)```", re.S)


def json_from_text(text: Any) -> Any:
    """The JSON document in a model's text answer.

    Accepts bare JSON, JSON after ``<think>…</think>``, inside a ```json fence, or between prose
    ("Here is the result: {...}"). Raises ValueError when there is none.
    """
    if not isinstance(text, str):
        raise ValueError(f"expected text, got {type(text).__name__}")
    answer = split_reasoning(text)[1].strip()
    candidates = [answer, *(block.strip() for block in _FENCED.findall(answer))]
    for opener, closer in ("{}", "[]"):
        start, end = answer.find(opener), answer.rfind(closer)
        if 0 <= start < end:
            candidates.append(answer[start:end + 1])
    for candidate in candidates:
        try:
            return json.loads(candidate)
        except json.JSONDecodeError:
            continue
    raise ValueError(f"no JSON in the answer: {answer[:120]!r}")


_TAGGED_CALL = re.compile(r"<tool_call>(.*?)(?:</tool_call>|$)", re.S)


def tool_calls_from_text(text: Any, names: set[str]) -> list[dict]:
    """Tool calls that a model wrote as text instead of sending them as ``tool_calls``.

    Small models behind Ollama or llama.cpp often answer ``{"name": "run_sql", "arguments": {...}}``
    (or ``"parameters"``), maybe fenced, inside ``<tool_call>`` tags (Qwen, Hermes) or after
    ``[TOOL_CALLS]`` (Mistral). Returns LangChain tool calls (with fresh ids) when every call
    names one of ``names`` with an argument object, else [].
    """
    if not isinstance(text, str) or not text.strip():
        return []
    answer = split_reasoning(text)[1].replace("[TOOL_CALLS]", "")
    tagged = [block.strip() for block in _TAGGED_CALL.findall(answer)]
    try:
        found = [json.loads(block) for block in tagged] if tagged else json_from_text(answer)
    except ValueError:  # json.JSONDecodeError is a ValueError
        return []
    if isinstance(found, dict) and isinstance(found.get("tool_calls"), list):
        found = found["tool_calls"]
    calls = []
    for raw in found if isinstance(found, list) else [found]:
        call = _text_call(raw, names)
        if call is None:
            return []
        calls.append(call)
    return calls


def _text_call(raw: Any, names: set[str]) -> dict | None:
    if not isinstance(raw, dict):
        return None
    if isinstance(raw.get("function"), dict):  # the OpenAI wire shape, written out as text
        raw = raw["function"]
    args = next((raw[key] for key in ("arguments", "parameters", "args") if key in raw), None)
    if isinstance(args, str):
        try:
            args = json.loads(args)
        except json.JSONDecodeError:
            return None
    name = str(raw.get("name") or "").removeprefix("functions.")   # some models write OpenAI's namespace
    if name not in names or not isinstance(args, dict):
        return None
    return {"name": name, "args": args, "id": f"call_{uuid.uuid4().hex[:12]}", "type": "tool_call"}


# --- failures ---------------------------------------------------------------------------------------

def explain_failure(exc: BaseException, model=None) -> str:
    """One line for the operator and the audit log: what went wrong and what to check.

    Names the server (OPENAI_BASE_URL) and the model (PERSONA_MODEL) where they are the likely
    cause. Never contains the API key: the server's own message is left out for a refused key
    and scrubbed of the key elsewhere.
    """
    import openai

    server = _server(model)
    name = model_name(model) if model is not None else os.environ.get("PERSONA_MODEL") or DEFAULT_MODEL
    said = _server_says(exc, model)
    status = getattr(exc, "status_code", None)
    if isinstance(exc, openai.APITimeoutError):
        timeout = getattr(model, "request_timeout", None)
        return f"no answer from {server} within {timeout} s (PERSONA_LLM_TIMEOUT)" if timeout else \
            f"no answer from {server} in time (PERSONA_LLM_TIMEOUT)"
    if isinstance(exc, openai.APIConnectionError):
        return f"cannot connect to {server} ({_cause(exc)}): is the server running? Check OPENAI_BASE_URL"
    if status == 401:
        missing = " (it is not set)" if not _key(model) or _key(model) == NO_KEY else ""
        return f"401 Unauthorized: {server} refused the API key; check OPENAI_API_KEY{missing}"
    if status == 404:
        return "404 Not Found: " + _explain_404(model, server, name, said)
    if status is not None:
        text = f"{status} from {server}: {said}" if said else f"{status} from {server}"
        if refuses_tools(exc):
            text += (f" (the server cannot call tools with model {name!r}: choose a model that can, turn tool"
                     f" calling on in the server, or use --offline)")
        return text
    return _scrub(f"{type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}".rstrip(": "), model)


def refuses_tools(exc: BaseException) -> bool:
    """The server will not take tools: '… does not support tools' (Ollama, 400), 'tools param requires
    --jinja flag' (llama.cpp), '"auto" tool choice requires --enable-auto-tool-choice' (vLLM)."""
    status = getattr(exc, "status_code", None) or 0
    return (status == 400 or status >= 500) and "tool" in str(exc).lower()


def is_configuration_error(exc: BaseException) -> bool:
    """The settings are wrong, not this one request: a refused key, an unknown model or URL, or
    no server listening. Every later request would fail the same way."""
    import openai

    if isinstance(exc, openai.APIConnectionError):
        return not isinstance(exc, openai.APITimeoutError)
    return getattr(exc, "status_code", None) in (401, 403, 404)


def _explain_404(model, server: str, name: str, said: str) -> str:
    available = _available_models(model)
    if available and name not in available:
        shown = available if len(available) <= 8 else difflib.get_close_matches(name, available, 8, 0.0)
        more = " …" if len(available) > len(shown) else ""
        return f"{server} has no model {name!r} (PERSONA_MODEL); it has {', '.join(map(repr, shown))}{more}"
    text = f"{server} answered 404" + (f" ({said})" if said else "")
    path = urlparse(server).path.rstrip("/")
    if not path.endswith("/v1"):
        # the server's root (Ollama's default address), or a whole endpoint pasted in
        better = server[:server.index("/v1/") + 3] if "/v1/" in server else f"{server}/v1"
        text += f"; check OPENAI_BASE_URL: most servers want it to end in /v1 (try {better})"
    return text + f", and that model {name!r} (PERSONA_MODEL) exists there"


def _available_models(model) -> list[str]:
    """The server's model names (GET /models), or [] when it has no such list or is unreachable."""
    client = getattr(model, "root_client", None)
    if client is None:
        return []
    try:
        return sorted(m.id for m in client.with_options(timeout=PROBE_TIMEOUT_S, max_retries=0).models.list())
    except Exception:  # the probe only improves a message; any failure leaves the message generic
        return []


def _server(model) -> str:
    return (getattr(model, "openai_api_base", None) or _base_url(os.environ) or OPENAI_URL).rstrip("/")


def _key(model) -> str:
    secret = getattr(model, "openai_api_key", None)
    if secret is not None and hasattr(secret, "get_secret_value"):
        return secret.get_secret_value()
    return os.environ.get("OPENAI_API_KEY", "")


def _scrub(text: str, model) -> str:
    for secret in {_key(model), os.environ.get("OPENAI_API_KEY", "")}:
        if secret and len(secret) >= 4 and secret != NO_KEY:
            text = text.replace(secret, "***")
    return text


def _server_says(exc: BaseException, model) -> str:
    """The server's own error message, first line, without the key."""
    body = getattr(exc, "body", None)
    if isinstance(body, dict):
        body = body.get("message") or body.get("error") or body.get("detail") or ""
        if isinstance(body, dict):
            body = body.get("message") or ""
    text = str(body or getattr(exc, "message", "") or "").strip()
    text = re.sub(r"^Error code: \d+ - ", "", text)
    return _scrub(text.splitlines()[0][:200] if text else "", model)


def _cause(exc: BaseException) -> str:
    """The innermost reason of a connection failure ('[Errno 111] Connection refused')."""
    reason = str(exc)
    seen = exc.__cause__ or exc.__context__
    while seen is not None:
        if str(seen):
            reason = str(seen)
        seen = seen.__cause__ or seen.__context__
    return reason.splitlines()[0] if reason else type(exc).__name__
