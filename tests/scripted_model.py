"""A chat model for tests that plays back queued replies and records what it was sent.

    model = ScriptedChatModel(replies=[
        tool_call("run_sql", {"sql": "SELECT user_id FROM users"}),
        AIMessage("There are 3 users."),
    ])

Each call takes the next reply: an AIMessage, an exception instance (raised, e.g. KeyboardInterrupt
to imitate Ctrl-C), or a callable ``messages -> AIMessage`` (to answer from what it was sent).
``model.calls`` holds the message lists it received, ``model.bound_tools`` the tool names.
"""

from __future__ import annotations

import uuid
from typing import Any, Callable

from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, BaseMessage
from langchain_core.outputs import ChatGeneration, ChatResult
from pydantic import Field


def tool_call(name: str, args: dict, *, content: str = "", **additional_kwargs) -> AIMessage:
    """An AIMessage with one tool call (with a fresh id, as the agent requires)."""
    return AIMessage(
        content=content,
        tool_calls=[{"name": name, "args": args, "id": f"call_{uuid.uuid4().hex[:8]}", "type": "tool_call"}],
        additional_kwargs=additional_kwargs,
    )


class ScriptExhausted(AssertionError):
    """The model was called more often than the test scripted."""


class ScriptedChatModel(BaseChatModel):
    replies: list[Any] = Field(default_factory=list)
    calls: list[list[BaseMessage]] = Field(default_factory=list)
    bound_tools: list[str] = Field(default_factory=list)
    model_name: str = "scripted-model"

    @property
    def _llm_type(self) -> str:
        return "scripted"

    def bind_tools(self, tools, **kwargs):
        self.bound_tools = [getattr(tool, "name", None) or tool.get("name") for tool in tools]
        return self

    def _generate(self, messages, stop=None, run_manager=None, **kwargs) -> ChatResult:
        self.calls.append(list(messages))
        if not self.replies:
            raise ScriptExhausted(f"scripted model called {len(self.calls)} times; script is empty")
        reply = self.replies.pop(0)
        if isinstance(reply, BaseException):
            raise reply
        if isinstance(reply, Callable) and not isinstance(reply, BaseMessage):
            reply = reply(messages)
        # Each call returns a fresh copy so that replaying a script never shares message ids.
        return ChatResult(generations=[ChatGeneration(message=reply.model_copy(deep=True))])
