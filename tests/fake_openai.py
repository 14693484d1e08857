"""A scripted OpenAI-compatible chat server on 127.0.0.1, for testing the model path over real HTTP.

    with FakeOpenAI([tool_call_reply("run_sql", {"sql": "SELECT 1"}), text_reply("done")]) as server:
        env = server.env()          # OPENAI_API_KEY / OPENAI_BASE_URL / PERSONA_MODEL for this server
        ...
        assert server.call_count == 2
        server.requests[0]["messages"]   # what the client sent

Each POST /v1/chat/completions takes the next scripted reply (or asks ``handler(request_json)``
when the script is empty and a handler is given). A reply can be a normal completion, an HTTP
error status (429, 500 ...), a slow answer (for client time-outs) or a raw malformed body.
Only non-streaming requests are served: Persona builds ChatOpenAI with disable_streaming=True.

Real servers differ from OpenAI; each difference is one switch (see :class:`Quirks`):

    with FakeOpenAI(script, think=True, no_usage=True) as server:   # Qwen3 via vLLM, say

``closed_url()`` gives a base URL where nothing listens (connection refused).
"""

from __future__ import annotations

import copy
import json
import socket
import threading
import time
import uuid
from collections import deque
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Callable


@dataclass
class Reply:
    status: int = 200
    body: Any = None          # dict -> JSON; str -> sent as-is (for malformed bodies)
    delay_s: float = 0.0
    headers: dict = field(default_factory=dict)


def _completion(message: dict, finish_reason: str, usage=(12, 7)) -> dict:
    return {
        "id": f"chatcmpl-{uuid.uuid4().hex[:12]}",
        "object": "chat.completion",
        "created": int(time.time()),
        "model": "fake-model",
        "choices": [{"index": 0, "message": message, "finish_reason": finish_reason, "logprobs": None}],
        "usage": {"prompt_tokens": usage[0], "completion_tokens": usage[1], "total_tokens": sum(usage)},
    }


def text_reply(content: str, *, delay_s: float = 0.0) -> Reply:
    """A final answer with plain text content."""
    return Reply(body=_completion({"role": "assistant", "content": content}, "stop"), delay_s=delay_s)


def tool_call_reply(name: str, arguments: dict | str, *, call_id: str | None = None) -> Reply:
    """One tool call. ``arguments`` as a dict is JSON-encoded; a str is sent verbatim (malformed on purpose)."""
    args = arguments if isinstance(arguments, str) else json.dumps(arguments, ensure_ascii=False)
    message = {
        "role": "assistant",
        "content": None,
        "tool_calls": [{
            "id": call_id or f"call_{uuid.uuid4().hex[:10]}",
            "type": "function",
            "function": {"name": name, "arguments": args},
        }],
    }
    return Reply(body=_completion(message, "tool_calls"))


def json_reply(payload: dict) -> Reply:
    """A text answer whose content is a JSON document (structured output in json mode)."""
    return text_reply(json.dumps(payload, ensure_ascii=False))


def error_reply(status: int, message: str = "scripted error", *, retry_after: float | None = None) -> Reply:
    headers = {"retry-after": str(retry_after)} if retry_after is not None else {}
    return Reply(status=status, body={"error": {"message": message, "type": "server_error", "code": status}},
                 headers=headers)


def slow_reply(delay_s: float, then: Reply | None = None) -> Reply:
    """Answer only after ``delay_s`` seconds (use with a short client timeout)."""
    reply = then or text_reply("too late")
    return Reply(status=reply.status, body=reply.body, delay_s=delay_s, headers=reply.headers)


@dataclass(frozen=True)
class Quirks:
    """How a real OpenAI-compatible server departs from OpenAI's API. Each field is one switch."""

    api_key: str | None = None        # 401 unless this key is sent (the message echoes the key sent, as OpenAI's does)
    models: tuple[str, ...] | None = None   # any other model: 404 'model "x" not found, try pulling it first' (Ollama)
    v1_only: bool = False             # only /v1/... is served; elsewhere 404 '404 page not found' as text (Ollama)
    no_tools: bool = False            # a request with tools: 400 '... does not support tools' (Ollama, small models)
    no_jinja: bool = False            # a request with tools: 500 'tools param requires --jinja flag' (llama.cpp)
    no_json_mode: bool = False        # a request with response_format: 400
    no_usage: bool = False            # responses carry no "usage"
    tool_calls_as_text: str | None = None   # tool calls written into content: "json", "fenced" or "tagged" (<tool_call>)
    think: bool = False               # content starts with <think>…</think> (Qwen3, DeepSeek-R1 without a reasoning parser)
    fenced_json: bool = False         # a JSON text answer comes inside ```json fences
    reasoning_content: bool = False   # DeepSeek thinking mode: a reasoning_content field, which must be sent back
                                      # with each assistant tool-call message (400 otherwise)
    arguments_as_object: bool = False  # tool-call arguments as a JSON object instead of a JSON string
    thinking_needs_stream: bool = False  # Qwen3 on DashScope: 400 unless a plain request says enable_thinking: false


THOUGHT = "好的，用户想要一个 JSON 对象 {\"texts\": [...]}，先想一想 {x}。"


def _apply_quirks(body: Any, quirks: Quirks) -> Any:
    """The scripted completion as this server would have sent it (a copy; the script is unchanged)."""
    if not isinstance(body, dict) or not body.get("choices"):
        return body
    body = copy.deepcopy(body)
    if quirks.no_usage:
        body.pop("usage", None)
    for choice in body["choices"]:
        message = choice["message"]
        calls = message.get("tool_calls") or []
        if quirks.tool_calls_as_text and calls:
            message["content"] = _calls_as_text(calls, quirks.tool_calls_as_text)
            message.pop("tool_calls")
            choice["finish_reason"] = "stop"
        if quirks.arguments_as_object:
            for call in calls:
                call["function"]["arguments"] = json.loads(call["function"]["arguments"])
        if quirks.fenced_json and isinstance(message.get("content"), str) and message["content"].startswith("{"):
            message["content"] = f"```json\n{message['content']}\n```"
        if quirks.think:
            message["content"] = f"<think>\n{THOUGHT}\n</think>\n\n{message.get('content') or ''}"
        if quirks.reasoning_content:
            message["reasoning_content"] = THOUGHT
    return body


def _calls_as_text(calls: list[dict], style: str) -> str:
    written = [{"name": c["function"]["name"], "arguments": json.loads(c["function"]["arguments"])} for c in calls]
    if style == "tagged":
        return "\n".join(f"<tool_call>\n{json.dumps(w, ensure_ascii=False)}\n</tool_call>" for w in written)
    text = json.dumps(written[0] if len(written) == 1 else written, ensure_ascii=False)
    return f"```json\n{text}\n```" if style == "fenced" else text


def _refusal(path: str, headers, request: dict, quirks: Quirks) -> Reply | None:
    """The error this server answers before looking at the script, if any."""
    if quirks.v1_only and not path.startswith("/v1/"):
        return Reply(status=404, body="404 page not found", headers={"content-type": "text/plain"})
    sent_key = (headers.get("authorization") or "").removeprefix("Bearer ")
    if quirks.api_key is not None and sent_key != quirks.api_key:
        return Reply(status=401, body={"error": {
            "message": f"Incorrect API key provided: {sent_key}. You can find your API key at "
                       "https://platform.openai.com/account/api-keys.",
            "type": "invalid_request_error", "code": "invalid_api_key"}})
    if quirks.models is not None and request.get("model") not in quirks.models:
        return Reply(status=404, body={"error": {
            "message": f"model \"{request.get('model')}\" not found, try pulling it first", "type": "api_error"}})
    if quirks.no_tools and request.get("tools"):
        return error_reply(400, f"registry.ollama.ai/library/{request.get('model')} does not support tools")
    if quirks.no_jinja and request.get("tools"):
        return error_reply(500, "tools param requires --jinja flag")
    if quirks.no_json_mode and request.get("response_format"):
        return error_reply(400, "response_format is not supported by this model")
    if quirks.thinking_needs_stream and request.get("enable_thinking") is not False:
        return error_reply(400, "parameter.enable_thinking must be set to false for non-streaming calls")
    if quirks.reasoning_content and any(m.get("role") == "assistant" and m.get("tool_calls")
                                        and "reasoning_content" not in m for m in request.get("messages", [])):
        return error_reply(400, "The reasoning_content in the thinking mode must be passed back to the API.")
    return None


def closed_url() -> str:
    """A base URL on 127.0.0.1 where nothing listens: requests get 'connection refused'."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}/v1"


class FakeOpenAI:
    def __init__(self, script: list[Reply] | None = None,
                 handler: Callable[[dict], Reply] | None = None, **quirks) -> None:
        self._script: deque[Reply] = deque(script or [])
        self._handler = handler
        self.quirks = Quirks(**quirks)
        self._lock = threading.Lock()
        self.requests: list[dict] = []
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # -- scripting -------------------------------------------------------------------------
    def push(self, *replies: Reply) -> None:
        with self._lock:
            self._script.extend(replies)

    @property
    def call_count(self) -> int:
        return len(self.requests)

    def _next_reply(self, path: str, headers, request: dict) -> Reply:
        with self._lock:
            self.requests.append(request)
            refusal = _refusal(path, headers, request, self.quirks)
            if refusal is not None:
                return refusal
            if self._script:
                reply = self._script.popleft()
            elif self._handler is None:
                return error_reply(500, "fake server: script exhausted")
            else:
                reply = None
        if reply is None:
            reply = self._handler(request)
        return Reply(reply.status, _apply_quirks(reply.body, self.quirks), reply.delay_s, reply.headers)

    # -- lifecycle -------------------------------------------------------------------------
    @property
    def base_url(self) -> str:
        assert self._server is not None, "server not started"
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}/v1"

    @property
    def root_url(self) -> str:
        """The server without /v1 (what users of Ollama often set by mistake)."""
        return self.base_url.removesuffix("/v1")

    def env(self, model: str = "fake-model", key: str | None = "test-key") -> dict[str, str]:
        """The variables that point Persona at this server (no OPENAI_API_KEY when ``key`` is None)."""
        env = {"OPENAI_BASE_URL": self.base_url, "PERSONA_MODEL": model}
        return env if key is None else {"OPENAI_API_KEY": key, **env}

    def __enter__(self) -> "FakeOpenAI":
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):  # keep test output quiet
                pass

            def do_GET(self):
                quirks = fake.quirks
                if quirks.v1_only and not self.path.startswith("/v1/"):
                    self._send(404, "404 page not found", {"content-type": "text/plain"})
                elif self.path.rstrip("/") in ("/v1/models", "/models"):
                    names = quirks.models or ("fake-model",)
                    self._send(200, {"object": "list", "data": [{"id": n, "object": "model"} for n in names]}, {})
                else:
                    self._send(404, {"error": {"message": "not found"}}, {})

            def do_POST(self):
                length = int(self.headers.get("content-length") or 0)
                raw = self.rfile.read(length)
                try:
                    request = json.loads(raw or b"{}")
                except json.JSONDecodeError:
                    self._send(400, {"error": {"message": "bad json"}}, {})
                    return
                if self.path.rstrip("/") not in ("/v1/chat/completions", "/chat/completions"):
                    self._send(404, {"error": {"message": f"no route {self.path}"}}, {})
                    return
                reply = fake._next_reply(self.path, self.headers, request)
                if reply.delay_s:
                    time.sleep(reply.delay_s)
                self._send(reply.status, reply.body, reply.headers)

            def _send(self, status, body, headers):
                data = body.encode() if isinstance(body, str) else json.dumps(body).encode()
                try:
                    self.send_response(status)
                    if "content-type" not in headers:
                        self.send_header("content-type", "application/json")
                    self.send_header("content-length", str(len(data)))
                    for key, value in headers.items():
                        self.send_header(key, value)
                    self.end_headers()
                    self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (a time-out test): nothing to do

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
