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
"""

from __future__ import annotations

import json
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


class FakeOpenAI:
    def __init__(self, script: list[Reply] | None = None,
                 handler: Callable[[dict], Reply] | None = None) -> None:
        self._script: deque[Reply] = deque(script or [])
        self._handler = handler
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

    def _next_reply(self, request: dict) -> Reply:
        with self._lock:
            self.requests.append(request)
            if self._script:
                return self._script.popleft()
        if self._handler is not None:
            return self._handler(request)
        return error_reply(500, "fake server: script exhausted")

    # -- lifecycle -------------------------------------------------------------------------
    @property
    def base_url(self) -> str:
        assert self._server is not None, "server not started"
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}/v1"

    def env(self, model: str = "fake-model") -> dict[str, str]:
        return {"OPENAI_API_KEY": "test-key", "OPENAI_BASE_URL": self.base_url, "PERSONA_MODEL": model}

    def __enter__(self) -> "FakeOpenAI":
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):  # keep test output quiet
                pass

            def do_GET(self):
                if self.path.rstrip("/").endswith("/models"):
                    self._send(200, {"object": "list", "data": [{"id": "fake-model", "object": "model"}]}, {})
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
                if not self.path.rstrip("/").endswith("/chat/completions"):
                    self._send(404, {"error": {"message": f"no route {self.path}"}}, {})
                    return
                reply = fake._next_reply(request)
                if reply.delay_s:
                    time.sleep(reply.delay_s)
                self._send(reply.status, reply.body, reply.headers)

            def _send(self, status, body, headers):
                data = body.encode() if isinstance(body, str) else json.dumps(body).encode()
                try:
                    self.send_response(status)
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
