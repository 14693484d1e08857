"""The offline planner as a LangChain chat model: the agent's default "model" without an API key.

It speaks the same protocol as an LLM inside the agent graph:

- last message a **HumanMessage** -> plan it (plan.py) and answer with one tool call (``run_sql``,
  ``get_profile``, ``lookup_tags`` ...), or with a clarifying answer when the question was not
  understood (``additional_kwargs["persona_error"]``), or with a reply in words to small talk
  ("hi", "谢谢", "what can you do": no tool, no error);
- last message a **ToolMessage** -> either the next planned call (copy after selecting the
  audience) or the final answer, composed from the tool's JSON result: the conditions in plain
  words, the count, a few rows or the breakdown.

The planner's own state travels in ``AIMessage.additional_kwargs``: ``persona_spec`` (the audience,
so follow-ups can narrow it), ``persona_understood`` (the conditions in words), ``persona_next``
(calls still to make) and ``persona_lang``. Tool results are read as data only: nothing in a
ToolMessage is ever taken as an instruction.
"""

from __future__ import annotations

import json
import uuid
from typing import Any, Sequence

from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, BaseMessage, HumanMessage, ToolMessage
from langchain_core.outputs import ChatGeneration, ChatResult
from pydantic import Field

from agent.planner.answer import compose_answer
from agent.planner.plan import PlanResult, planner_answer
from agent.planner.shop_facts import ShopFacts
from tools.llm import message_text

KNOWN_TOOLS = ("run_sql", "lookup_tags", "get_profile", "generate_profile", "write_marketing_copy", "save_segment")
SPEC_KEY = "persona_spec"
UNDERSTOOD_KEY = "persona_understood"
NEXT_KEY = "persona_next"
LANG_KEY = "persona_lang"
ERROR_KEY = "persona_error"
UNDO_KEY = "persona_undo"         # the call went back to the audience before the last one ("撤销")
PURPOSE_KEY = "persona_purpose"   # what a run_sql call answers when it is no audience (plan.PlanResult.purpose)
INHERITED_KEY = "persona_inherited"   # the audience was kept from the previous question unasked (PlanResult.inherited)
NOTE_KEY = "persona_note"         # a line the answer adds after the result (PlanResult.note)
OPENING_KEY = "persona_opening"   # a line the answer opens with (PlanResult.opening)
PARTIAL_KEY = "persona_partial_spec"  # what a question that was not answered did understand


class OfflinePlanner(BaseChatModel):
    """A deterministic chat model that plans Persona tool calls from the operator's question.

    Attributes:
        tool_names: The tools bound by the agent (a plan needing another tool answers in words).
        examples: Verified examples (agent.examples.Example); a near-exact match is reused.
        facts: The database's segments, brands, big spenders' line, showcase and data words
            (shop_facts.py); the default: no database, the built-in ones.
    """

    tool_names: list[str] = Field(default_factory=lambda: list(KNOWN_TOOLS))
    examples: list = Field(default_factory=list)
    facts: ShopFacts = Field(default_factory=ShopFacts)

    @property
    def _llm_type(self) -> str:
        return "persona-offline-planner"

    @property
    def _identifying_params(self) -> dict:
        return {"model": "persona-offline-planner"}

    def bind_tools(self, tools: Sequence[Any], **kwargs: Any) -> "OfflinePlanner":
        """A copy of the planner that knows which tools the agent offers."""
        names = [_tool_name(tool) for tool in tools]
        return self.model_copy(update={"tool_names": [name for name in names if name]})

    def _generate(self, messages: list[BaseMessage], stop=None, run_manager=None, **kwargs) -> ChatResult:
        message = self.respond(messages)
        return ChatResult(generations=[ChatGeneration(message=message)])

    def respond(self, messages: Sequence[BaseMessage]) -> AIMessage:
        """The planner's next message for a conversation (the body of ``_generate``)."""
        last = messages[-1] if messages else None
        if isinstance(last, ToolMessage):
            caller = _caller(messages, last.tool_call_id)
            if caller is not None and UNDERSTOOD_KEY in caller.additional_kwargs:
                return self._after_tool(caller, last)
            # a result of a call the planner did not make (it took over from a failed model): plan afresh
        question = _last_question(messages)
        if question is None:
            return AIMessage(content="")
        last_copy, copy_audience = _last_copy(messages)
        return self._plan(question, _history_specs(messages), last_copy, _refused(messages), copy_audience,
                          _last_found_none(messages))

    # -- planning a question --

    def _plan(self, question: str, history: list[dict], last_copy: dict | None = None,
              refused: dict | None = None, copy_audience: dict | None = None, last_empty: bool = False) -> AIMessage:
        plan = self._reuse_example(question, history) or planner_answer(question, history, last_copy, self.facts,
                                                                       refused, copy_audience, last_empty)
        if plan.kind == "reply":   # small talk: an answer, and nothing went wrong
            return AIMessage(content=plan.message, additional_kwargs={LANG_KEY: plan.lang})
        if plan.kind == "clarify":
            kwargs = {ERROR_KEY: plan.error, LANG_KEY: plan.lang}
            if plan.spec is not None and plan.spec.where:
                kwargs[PARTIAL_KEY] = plan.spec.to_dict()
            return AIMessage(content=plan.message, additional_kwargs=kwargs)
        missing = [name for name in [plan.tool, *(c["name"] for c in plan.then)] if name not in self.tool_names]
        if missing:
            text = (f"这个请求需要工具 {', '.join(missing)}，当前会话没有提供。" if plan.lang == "zh"
                    else f"This needs the tool(s) {', '.join(missing)}, which this session does not offer.")
            return AIMessage(content=text, additional_kwargs={ERROR_KEY: f"tool not available: {missing[0]}",
                                                              LANG_KEY: plan.lang})
        return _call(plan.tool, plan.args, plan, plan.then)

    def _reuse_example(self, question: str, history: list[dict]) -> PlanResult | None:
        """A verified example asked the same way (up to punctuation) is trusted over a fresh parse."""
        if not self.examples or history:
            return None
        from agent.planner.examples import EXACT_THRESHOLD, best_example
        from agent.planner.question_lang import detect_lang
        from agent.planner.spec import AudienceSpec
        from agent.planner.describe import describe
        from agent.planner import lexicon as lx

        example, score = best_example(question, self.examples)
        if example is None or score < EXACT_THRESHOLD:
            return None
        lang = detect_lang(lx.normalize(question))
        spec = AudienceSpec.from_dict(example.spec) if isinstance(example.spec, dict) and example.spec.get("where") \
            is not None else None
        words = describe(spec, lang) if spec else (f"已验证的示例：{example.question}" if lang == "zh"
                                                   else f"verified example: {example.question}")
        return PlanResult("tool", tool="run_sql", args={"sql": example.sql, "params": list(example.params)},
                          spec=spec, description=words, lang=lang)

    # -- after a tool result --

    def _after_tool(self, caller: AIMessage, result: ToolMessage) -> AIMessage:
        kwargs = caller.additional_kwargs
        lang = kwargs.get(LANG_KEY, "zh")
        pending = list(kwargs.get(NEXT_KEY) or [])
        call = caller.tool_calls[0] if caller.tool_calls else {"name": result.name, "args": {}}
        content = message_text(result)
        failed = content.startswith("Error:") or result.status == "error"
        if not failed and not pending and _no_groups_found(call["name"], content, kwargs):
            return _count_audience(caller)
        if pending and not failed and not _empty_audience(call["name"], content):
            following = pending[0]
            return AIMessage(content="", tool_calls=[_tool_call(following["name"], following["args"])],
                             additional_kwargs={**kwargs, NEXT_KEY: pending[1:]})
        text = compose_answer(call["name"], content, kwargs.get(SPEC_KEY), kwargs.get(UNDERSTOOD_KEY, ""), lang,
                              failed=failed, skipped=pending if pending else None,
                              purpose=kwargs.get(PURPOSE_KEY), inherited=bool(kwargs.get(INHERITED_KEY)),
                              note=kwargs.get(NOTE_KEY, ""), opening=kwargs.get(OPENING_KEY, ""))
        return AIMessage(content=text, additional_kwargs={LANG_KEY: lang})


def _call(tool: str, args: dict, plan: PlanResult, then: list[dict]) -> AIMessage:
    kwargs = {UNDERSTOOD_KEY: plan.description, LANG_KEY: plan.lang}
    if plan.spec is not None:
        kwargs[SPEC_KEY] = plan.spec.to_dict()
    if plan.purpose is not None:
        kwargs[PURPOSE_KEY] = plan.purpose
    if plan.undo:
        kwargs[UNDO_KEY] = True
    if plan.inherited:
        kwargs[INHERITED_KEY] = True
    if plan.note:
        kwargs[NOTE_KEY] = plan.note
    if plan.opening:
        kwargs[OPENING_KEY] = plan.opening
    if then:
        kwargs[NEXT_KEY] = then
    return AIMessage(content="", tool_calls=[_tool_call(tool, args)], additional_kwargs=kwargs)


def _tool_call(name: str, args: dict) -> dict:
    return {"name": name, "args": dict(args), "id": f"call_{uuid.uuid4().hex[:16]}", "type": "tool_call"}


def _tool_name(tool: Any) -> str | None:
    if isinstance(tool, dict):
        return tool.get("name") or (tool.get("function") or {}).get("name")
    return getattr(tool, "name", None) or getattr(tool, "__name__", None)


def _caller(messages: Sequence[BaseMessage], call_id: str) -> AIMessage | None:
    for message in reversed(messages):
        if isinstance(message, AIMessage) and any(call["id"] == call_id for call in message.tool_calls):
            return message
    return None


def _last_question(messages: Sequence[BaseMessage]) -> str | None:
    for message in reversed(messages):
        if isinstance(message, HumanMessage):
            return message_text(message)
    return None


def _history_specs(messages: Sequence[BaseMessage]) -> list[dict]:
    """Audience specs of earlier questions (before the last human message), oldest first: a stack,
    where the same spec twice in a row (selected, then copy written for it) counts once, and an undo
    ("撤销") takes the undone spec off, leaving the one it went back to (or its change) on top."""
    last_human = max((i for i, m in enumerate(messages) if isinstance(m, HumanMessage)), default=len(messages))
    stack: list[dict] = []
    for message in messages[:last_human]:
        spec = message.additional_kwargs.get(SPEC_KEY) if isinstance(message, AIMessage) else None
        if not isinstance(spec, dict):
            continue
        if message.additional_kwargs.get(UNDO_KEY) and len(stack) > 1:
            stack.pop()   # "撤销" goes back to the one before; "undo that, make it …" changes that one
        if not stack or stack[-1] != spec:
            stack.append(spec)
    return stack


def _refused(messages: Sequence[BaseMessage]) -> dict | None:
    """The previous question, when the planner did not answer it: {"question", "error", "understood"}
    (plan.planner_answer); None when it was answered, or there was none."""
    humans = [i for i, m in enumerate(messages) if isinstance(m, HumanMessage)]
    if len(humans) < 2:
        return None
    previous, last = humans[-2], humans[-1]
    reply = next((m for m in reversed(messages[previous + 1:last]) if isinstance(m, AIMessage)), None)
    if reply is None or not reply.additional_kwargs.get(ERROR_KEY):
        return None
    return {"question": message_text(messages[previous]), "error": reply.additional_kwargs[ERROR_KEY],
            "understood": reply.additional_kwargs.get(PARTIAL_KEY)}


def _last_copy(messages: Sequence[BaseMessage]) -> tuple[dict | None, dict | None]:
    """The arguments of the last copy call before the last question (what "再来三条" / "make it more
    formal" change) and the audience it was written for (a spec dict: the change writes for it). Only
    calls the planner made count (a model's arguments are not read)."""
    last_human = max((i for i, m in enumerate(messages) if isinstance(m, HumanMessage)), default=len(messages))
    for message in reversed(messages[:last_human]):
        if isinstance(message, AIMessage) and UNDERSTOOD_KEY in message.additional_kwargs:
            for call in message.tool_calls:
                if call["name"] == "write_marketing_copy":
                    return dict(call["args"]), message.additional_kwargs.get(SPEC_KEY)
    return None, None


def _last_found_none(messages: Sequence[BaseMessage]) -> bool:
    """Did the last query before the last question, made for an audience, find no rows? ("who started a
    trial?" right after it asks about everyone, parse._Reader._audience.)"""
    last_human = max((i for i, m in enumerate(messages) if isinstance(m, HumanMessage)), default=len(messages))
    for index in range(last_human - 1, -1, -1):
        message = messages[index]
        if isinstance(message, ToolMessage):
            caller = _caller(messages[:index], message.tool_call_id)
            if caller is not None and caller.additional_kwargs.get(SPEC_KEY):
                return _empty_audience(message.name or "run_sql", message_text(message))
        if isinstance(message, HumanMessage):
            return False
    return False


# Groups a user may have none of: a breakdown by them can be empty when its audience is not
GROUPS_A_USER_MAY_LACK = ("complaint_aspect", "interest", "search_term", "about")


def _no_groups_found(tool: str, content: str, kwargs: dict) -> bool:
    """A breakdown by complaint ("她们最常抱怨什么") or by interest ("他们都喜欢什么") of an audience with
    conditions found no group: whether the audience has nobody, or its members complained about nothing
    (have no confident interest yet), is told by counting it."""
    spec = kwargs.get(SPEC_KEY) or {}
    return (tool == "run_sql" and kwargs.get(PURPOSE_KEY) is None and spec.get("output") == "breakdown"
            and spec.get("group_by") in GROUPS_A_USER_MAY_LACK and bool(spec.get("where"))
            and _empty_audience(tool, content))


def _count_audience(caller: AIMessage) -> AIMessage:
    """The audience of an empty breakdown, selected: its answer says "这 N 位用户没有负面评价" / "还没有确定的兴趣"."""
    from agent.planner.compile import compile_spec
    from agent.planner.spec import AudienceSpec

    spec = AudienceSpec.from_dict(caller.additional_kwargs[SPEC_KEY])
    sql, params = compile_spec(AudienceSpec(where=spec.where, lang=spec.lang, output="count"))
    return AIMessage(content="", tool_calls=[_tool_call("run_sql", {"sql": sql, "params": params})],
                     additional_kwargs={**caller.additional_kwargs, PURPOSE_KEY: {"kind": "no_groups"}})


def _empty_audience(tool: str, content: str) -> bool:
    """No rows, or a figure of nobody ("平板电脑卖了多少台" with no tablet sold: one row, a user count of 0)."""
    if tool != "run_sql":
        return False
    try:
        result = json.loads(content)
        rows, columns = result.get("rows") or [], result.get("columns") or []
        if int(result.get("row_count") or 0) == 0:
            return True
        return len(rows) == 1 and "user_count" in columns and rows[0][columns.index("user_count")] == 0
    except (ValueError, AttributeError, TypeError, IndexError):
        return False
