"""The conversational agent: a ReAct loop (langchain's ``create_agent``) over Persona's tools.

One graph serves every mode; only the chat model differs (agent/models.py). Around the model
and tool calls sits :class:`PersonaMiddleware`, which

- builds the system prompt for each question, with the verified examples most like it;
- retries a network model on transient failures, then falls back to the offline planner for
  the rest of that question (the answer and the audit log say so);
- copes with models that cannot call tools properly: a tool call written as text in the reply is
  read as a tool call; an empty reply, an answer to a data question that ran no query, or tool
  calls that go on and on hand the question to the offline planner;
- feeds malformed tool-call arguments back to the model so it can repair them;
- logs every model call and tool call to the audit log;
- keeps each run_sql result whole for the current question but stores only a preview in the
  conversation memory, so threads stay small whatever the audience size.

:class:`Agent` runs one question at a time on a thread and turns the messages into an
:class:`Answer` (the `persona ask --json` shape).
"""

from __future__ import annotations

import json
import sqlite3
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from langchain.agents import create_agent
from langchain.agents.middleware import AgentMiddleware, ModelRequest, ModelResponse
from langchain_core.messages import AIMessage, BaseMessage, HumanMessage, SystemMessage, ToolMessage
from langgraph.errors import GraphRecursionError

from agent import models
from agent.examples import Example, load_examples, rank_examples
from agent.planner.shop_facts import ShopFacts, load_shop_facts
from agent.prompt import CANNOT_ANSWER, build_system_prompt
from schema.db import SchemaError
from tools.agent_tools import AGENT_TOOLS, PREVIEW_ROWS, AgentContext, Audience, is_audience, last_audience
from tools.llm import message_text, tool_calls_from_text

RECURSION_LIMIT = 16        # graph steps per question (a model call and a tool call are one step each)
MAX_TOOL_REPAIRS = 1        # times malformed tool-call arguments are sent back before falling back
MAX_MODEL_CALLS = 5         # a model still calling tools after this many replies hands the question over
                            # (a typical question takes 2; the planner then has room within RECURSION_LIMIT)
FALLBACK_KEY = "persona_fallback"   # AIMessage.additional_kwargs: why the offline planner answered
ERROR_KEY = "persona_error"         # ...: the planner could not understand the question
SPEC_KEY = "persona_spec"           # ...: the planner's audience specification
LANG_KEY = "persona_lang"           # ...: the language the offline planner answered in


@dataclass
class RunContext(AgentContext):
    """The tools' context plus what the middleware needs for one question."""

    examples: list[Example] = field(default_factory=list)
    facts: ShopFacts = field(default_factory=ShopFacts)   # the database's, for the planner: read once per question
    model_name: str = models.OFFLINE
    fallback_model: Any = None           # the offline planner, made on first need


@dataclass
class Answer:
    """One question's outcome: what to show, and everything that was run to get it."""

    question: str
    text: str
    mode: str
    sql: list[str] = field(default_factory=list)     # as executed
    submitted: str | None = None                     # the last statement as written (for examples)
    params: list = field(default_factory=list)       # bound to the last statement
    columns: list[str] = field(default_factory=list)
    rows: list = field(default_factory=list)         # the whole result of the last query
    row_count: int | None = None
    truncated: bool = False
    user_ids: list[str] | None = None
    spec: dict | None = None
    error: str | None = None
    fallback: str | None = None
    thread: str | None = None
    duration_ms: float = 0.0
    round_trips: int = 0
    tokens_in: int = 0
    tokens_out: int = 0
    lang: str = "en"      # the language the answer is written in (the agent sets it): its table and status line too

    @property
    def exit_code(self) -> int:
        """`persona ask` exit status: 0 answered (also "no users match"), 2 could not answer."""
        return 2 if self.error else 0

    def to_json(self) -> dict:
        """The `persona ask --json` object (README); "error" / "fallback" only when they apply."""
        out = {"answer": self.text, "sql": self.sql, "columns": self.columns, "rows": [list(row) for row in self.rows],
               "user_ids": self.user_ids if self.user_ids is not None else [], "mode": self.mode}
        if self.error:
            out["error"] = self.error
        if self.fallback:
            out["fallback"] = self.fallback
        return out


# --- middleware ------------------------------------------------------------------------------------

class PersonaMiddleware(AgentMiddleware):
    """Prompt, retries and fallback, tool-call repair, audit and result trimming (see module doc)."""

    def __init__(self, *, retries: int | None = None, sleep: Callable[[float], None] = time.sleep) -> None:
        super().__init__()
        self.retries = models.retries_from_env() if retries is None else retries
        self.sleep = sleep

    def wrap_model_call(self, request: ModelRequest, handler) -> ModelResponse:
        context: RunContext = request.runtime.context
        request = request.override(system_message=SystemMessage(build_system_prompt(context.examples)))
        if models.is_offline(request.model):
            return self._call(_with_examples(request, context), handler, context)
        if fell_back_this_turn(request.messages):
            return self._offline(request, handler, context, reason=None)
        replies = sum(isinstance(m, AIMessage) for m in current_turn(request.messages))
        if replies >= MAX_MODEL_CALLS:  # small models loop on tool calls; the planner ends the question
            return self._offline(request, handler, context,
                                 reason=f"{context.model_name} kept calling tools ({replies} replies without an answer)")
        error: Exception | None = None
        for attempt in range(self.retries + 1):
            try:
                response = self._repair_tool_calls(request, handler, context, self._call(request, handler, context))
            except Exception as exc:  # any failure of a network model call leads to the fallback
                error = exc
                delay = models.retry_delay(exc, attempt) if models.is_transient(exc) else None
                if delay is None or attempt == self.retries:
                    break
                self.sleep(delay)
                continue
            if response is None:
                error = ValueError("the model kept sending malformed tool-call arguments")
                break
            message = _last_ai(response.result)
            if message is not None and not message.tool_calls and not message_text(message).strip():
                error = ValueError("the model sent an empty reply (no text, no tool call)")
                break
            return self._grounded(request, handler, context, response)
        reason = f"{context.model_name} failed ({models.describe_failure(error, request.model)})"
        return self._offline(request, handler, context, reason=reason)

    def _call(self, request: ModelRequest, handler, context: RunContext) -> ModelResponse:
        offline = models.is_offline(request.model)
        name = models.OFFLINE if offline else context.model_name
        started = time.perf_counter()
        try:
            response = handler(request)
        except Exception as exc:
            _audit(context, "llm", model=name, status="error", duration_ms=_ms(started),
                   detail=models.describe_failure(exc, request.model))
            raise
        note = None if offline else _read_text_tool_calls(request, response)
        usage = _usage(response.result)
        _audit(context, "llm", model=name, status="ok", duration_ms=_ms(started),
               tokens_in=usage[0], tokens_out=usage[1], detail=note)
        return response

    def _grounded(self, request: ModelRequest, handler, context: RunContext, response: ModelResponse) -> ModelResponse:
        """The model's response, unless it answers a data question without having run a query.

        A model that cannot (or will not) call tools answers from nothing ("about 150 users"). When this question ran no tool yet and the offline planner would
        query the database for it, the planner answers instead and the fallback is recorded.
        Answers the planner would not look up (a greeting, "[cannot answer] …") stay the model's.
        """
        message = _last_ai(response.result)
        if (message is None or message.tool_calls
                or message_text(message).strip().startswith(CANNOT_ANSWER)
                or any(isinstance(m, ToolMessage) for m in current_turn(request.messages))):
            return response
        if context.fallback_model is None:
            context.fallback_model = models.offline_planner()
        started = time.perf_counter()
        planned = handler(_with_examples(request.override(model=context.fallback_model), context))
        plan = _last_ai(planned.result)
        if plan is None or not plan.tool_calls:
            return response
        reason = f"{context.model_name} answered without querying the database"
        _audit(context, "llm", model=context.model_name, status="fallback", detail=reason)
        _audit(context, "llm", model=models.OFFLINE, status="ok", duration_ms=_ms(started), tokens_in=0, tokens_out=0)
        plan.additional_kwargs[FALLBACK_KEY] = reason
        return planned

    def _repair_tool_calls(self, request, handler, context, response: ModelResponse) -> ModelResponse | None:
        """Send malformed tool-call arguments back as errors until the model gets them right.

        Returns the response (with the failed attempts and their error messages before it), or
        None when the model is still wrong after MAX_TOOL_REPAIRS attempts.
        """
        history: list[BaseMessage] = []
        for attempt in range(MAX_TOOL_REPAIRS + 1):
            message = _last_ai(response.result)
            if message is None or message.tool_calls or not message.invalid_tool_calls:
                return ModelResponse(result=history + response.result,
                                     structured_response=response.structured_response)
            if attempt == MAX_TOOL_REPAIRS:
                break
            history += [message, *(_invalid_call_feedback(call) for call in message.invalid_tool_calls)]
            response = self._call(request.override(messages=[*request.messages, *history]), handler, context)
        return None

    def _offline(self, request, handler, context: RunContext, *, reason: str | None) -> ModelResponse:
        if context.fallback_model is None:
            context.fallback_model = models.offline_planner()
        if reason:
            _audit(context, "llm", model=context.model_name, status="fallback", detail=reason)
        response = self._call(_with_examples(request.override(model=context.fallback_model), context), handler,
                              context)
        reason = reason or fallback_reason(request.messages) or "fallback"
        for message in response.result:
            if isinstance(message, AIMessage):
                message.additional_kwargs[FALLBACK_KEY] = reason
        return response

    def wrap_tool_call(self, request, handler):
        context: RunContext = request.runtime.context
        call = request.tool_call
        started = time.perf_counter()
        try:
            result = handler(request)
        except Exception as exc:  # tools return errors as text; this is the net under the net
            result = ToolMessage(content=f"Error: {call['name']} failed ({type(exc).__name__}: {exc})",
                                 tool_call_id=call["id"], name=call["name"], status="error")
        if isinstance(result, ToolMessage):
            result = self._keep_result(context, call, result)
            failed = result.status == "error"
            detail = {"args": call.get("args"), **({"error": result.text[:500]} if failed else {})}
            artifact = result.artifact if isinstance(result.artifact, dict) else {}
            _audit(context, "tool", statement=call["name"], status="error" if failed else "ok",
                   duration_ms=_ms(started), row_count=artifact.get("row_count"), detail=detail)
        return result

    @staticmethod
    def _keep_result(context: RunContext, call: dict, result: ToolMessage) -> ToolMessage:
        """Mark "Error:" texts as errors; move a full SQL result aside, leaving a preview."""
        if result.text.startswith("Error:"):
            return result.model_copy(update={"status": "error"})
        if call["name"] == "run_sql" and isinstance(result.artifact, dict):
            full = result.artifact
            context.results[call["id"]] = full
            return result.model_copy(update={"artifact": {**full, "rows": full["rows"][:PREVIEW_ROWS]}})
        return result


def _with_examples(request: ModelRequest, context: RunContext) -> ModelRequest:
    """Hand the offline planner the verified examples ranked for this question (best first) and the
    facts of the database (its segments, order brands, big spenders' line, showcase and data words)."""
    return request.override(model=request.model.model_copy(update={"examples": list(context.examples),
                                                                   "facts": context.facts}))


def _read_text_tool_calls(request: ModelRequest, response: ModelResponse) -> str | None:
    """Turn tool calls the model wrote into its text into real ones (in place); say so, or None.

    Small models behind Ollama or llama.cpp often write ``{"name": "run_sql", "arguments": ...}``
    as their answer instead of sending a tool call.
    """
    message = _last_ai(response.result)
    if message is None or message.tool_calls or message.invalid_tool_calls:
        return None
    names = {getattr(tool, "name", None) or (tool.get("name") if isinstance(tool, dict) else None)
             for tool in request.tools}
    calls = tool_calls_from_text(message_text(message), names - {None})
    if not calls:
        return None
    index = response.result.index(message)
    response.result[index] = message.model_copy(update={"content": "", "tool_calls": calls})
    return f"tool call(s) read from the reply's text: {', '.join(call['name'] for call in calls)}"


def _invalid_call_feedback(call: dict) -> ToolMessage:
    name = call.get("name") or "unknown"
    return ToolMessage(
        content=(f"Error: the arguments of your {name} call are not valid JSON ({call.get('error') or 'unparsable'}). "
                 f"Hint: send them as one JSON object, e.g. {{\"sql\": \"SELECT ...\"}} for run_sql."),
        tool_call_id=call.get("id") or f"invalid_{uuid.uuid4().hex[:8]}", name=name, status="error")


def _last_ai(messages: list[BaseMessage]) -> AIMessage | None:
    return next((m for m in reversed(messages) if isinstance(m, AIMessage)), None)


def _usage(messages: list[BaseMessage]) -> tuple[int, int]:
    tokens_in = tokens_out = 0
    for message in messages:
        usage = getattr(message, "usage_metadata", None) or {}
        tokens_in += usage.get("input_tokens", 0)
        tokens_out += usage.get("output_tokens", 0)
    return tokens_in, tokens_out


def _ms(started: float) -> float:
    return round((time.perf_counter() - started) * 1000, 2)


def _audit(context: AgentContext, kind: str, **fields) -> None:
    from tools.audit import log_event

    log_event(context.db_path, kind, thread=context.thread, question=context.question, **fields)


# --- pure helpers over a conversation --------------------------------------------------------------

def current_turn(messages: list[BaseMessage]) -> list[BaseMessage]:
    """The messages after the last human message (this question's work)."""
    for index in range(len(messages) - 1, -1, -1):
        if isinstance(messages[index], HumanMessage):
            return messages[index + 1:]
    return list(messages)


def fell_back_this_turn(messages: list[BaseMessage]) -> bool:
    """Has the offline planner already replaced the model in this question?"""
    return fallback_reason(messages) is not None


def fallback_reason(messages: list[BaseMessage]) -> str | None:
    for message in current_turn(messages):
        if isinstance(message, AIMessage) and message.additional_kwargs.get(FALLBACK_KEY):
            return message.additional_kwargs[FALLBACK_KEY]
    return None


def unanswered_tool_calls(messages: list[BaseMessage]) -> list[ToolMessage]:
    """Error results for tool calls left without one (a question cancelled with Ctrl-C).

    A model API refuses a history where a tool call has no result, so these are added
    before the next question.
    """
    answered = {m.tool_call_id for m in messages if isinstance(m, ToolMessage)}
    return [
        ToolMessage(content="Error: cancelled by the operator before it ran.", tool_call_id=call["id"],
                    name=call["name"], status="error")
        for message in messages if isinstance(message, AIMessage)
        for call in message.tool_calls if call["id"] not in answered
    ]


# --- the graph and the runner ----------------------------------------------------------------------

def build_graph(model, *, checkpointer=None, middleware: PersonaMiddleware | None = None):
    """The compiled agent graph for ``model`` with Persona's tools and middleware."""
    return create_agent(model, AGENT_TOOLS, middleware=[middleware or PersonaMiddleware()],
                        context_schema=RunContext, checkpointer=checkpointer)


def threads_path(db_path: str) -> str:
    """Where conversations are kept: a SQLite file beside the database."""
    return f"{db_path}.threads.sqlite"


def open_checkpointer(db_path: str | None):
    """A SqliteSaver beside the database (threads survive the process), or an in-memory one."""
    if db_path is None:
        from langgraph.checkpoint.memory import InMemorySaver

        return InMemorySaver()
    from langgraph.checkpoint.sqlite import SqliteSaver

    conn = sqlite3.connect(threads_path(db_path), check_same_thread=False, timeout=30)
    conn.execute("PRAGMA journal_mode = WAL")
    return SqliteSaver(conn)


class Agent:
    """Questions in, answers out, on one conversation thread.

    Args:
        db_path: The Persona database.
        model: A chat model; default: :func:`agent.models.choose_model`.
        offline: Use the offline planner even when a model is configured.
        thread: Conversation name. Named threads are kept beside the database and resume in a
            later process; None gives a private in-memory conversation.
        middleware: Override retries/sleep (tests).
    """

    def __init__(self, db_path: str, *, model=None, offline: bool = False, thread: str | None = None,
                 middleware: PersonaMiddleware | None = None) -> None:
        if not Path(db_path).exists():
            raise SchemaError(f"{db_path}: no such database; create one with `persona demo --db {db_path}` "
                              f"or `persona ingest FILE --db {db_path}`")
        self.db_path = str(db_path)
        # Audit events and guarded queries each open and close their own connection. When the last
        # connection to a WAL database closes, SQLite checkpoints and syncs the file (10-30 ms each
        # time); one idle connection held for the agent's life keeps those closes cheap (~1 ms).
        self._keepalive = sqlite3.connect(self.db_path)
        self._keepalive.execute("SELECT 1 FROM sqlite_master LIMIT 1").fetchall()  # joins the WAL now
        self.model = model if model is not None else models.choose_model(offline=offline)
        self.mode = models.mode_name(self.model)
        self.thread = thread
        self._thread_id = thread or f"once-{uuid.uuid4().hex[:12]}"
        self.checkpointer = open_checkpointer(self.db_path if thread else None)
        self.graph = build_graph(self.model, checkpointer=self.checkpointer, middleware=middleware)
        self.last_answer: Answer | None = None
        self._examples: list[Example] | None = None

    @property
    def config(self) -> dict:
        return {"configurable": {"thread_id": self._thread_id}, "recursion_limit": RECURSION_LIMIT}

    def messages(self) -> list[BaseMessage]:
        """The conversation so far (restored from the thread file for a named thread)."""
        return list(self.graph.get_state(self.config).values.get("messages", []))

    def turns(self) -> int:
        """How many questions the thread holds already (a named thread resumes where it stopped)."""
        return sum(isinstance(m, HumanMessage) for m in self.messages())

    def audience(self) -> Audience | None:
        """The conversation's latest audience (for /export, /save, copy)."""
        return last_audience(self.messages())

    def clear(self) -> None:
        """Forget this thread's conversation."""
        self.checkpointer.delete_thread(self._thread_id)
        self.last_answer = None

    def reload_examples(self) -> None:
        """Re-read the verified examples (after /good)."""
        self._examples = None

    def ask(self, question: str) -> Answer:
        """Answer one question on this thread. Ctrl-C (KeyboardInterrupt) propagates to the caller."""
        started = time.perf_counter()
        if self._examples is None:
            self._examples = load_examples(self.db_path)
        context = RunContext(db_path=self.db_path, thread=self.thread, question=question,
                             examples=[example for _, example in rank_examples(question, self._examples)],
                             facts=load_shop_facts(self.db_path),
                             model_name=self.mode, text_model=models.network_model(self.model))
        human = HumanMessage(content=question, id=str(uuid.uuid4()))
        repairs = unanswered_tool_calls(self.messages())
        try:
            state = self.graph.invoke({"messages": [*repairs, human]}, self.config, context=context)
            messages = state["messages"]
            error = None
        except GraphRecursionError:
            messages = self.messages()
            error = f"no answer after {RECURSION_LIMIT} steps; try a simpler question"
        except KeyboardInterrupt:
            _audit(context, "question", model=self.mode, status="error", duration_ms=_ms(started),
                   detail="cancelled by the operator")
            raise
        answer = self._answer(question, messages, human.id, context, error)
        answer.duration_ms = _ms(started)
        _audit(context, "question", model=answer.mode, status=_question_status(answer),
               duration_ms=answer.duration_ms, row_count=answer.row_count, tokens_in=answer.tokens_in,
               tokens_out=answer.tokens_out,
               detail={"round_trips": answer.round_trips, "error": answer.error, "fallback": answer.fallback,
                       "answer": answer.text[:500]})
        self.last_answer = answer
        return answer

    def _answer(self, question: str, messages: list[BaseMessage], human_id: str, context: RunContext,
                error: str | None) -> Answer:
        start = next((i for i, m in enumerate(messages) if m.id == human_id), len(messages) - 1)
        turn = messages[start + 1:]
        answer = Answer(question=question, text="", mode=self.mode, thread=self.thread)
        specs = {}
        for message in turn:
            if isinstance(message, AIMessage):
                answer.round_trips += 1
                usage = message.usage_metadata or {}
                answer.tokens_in += usage.get("input_tokens", 0)
                answer.tokens_out += usage.get("output_tokens", 0)
                for call in message.tool_calls:
                    specs[call["id"]] = message.additional_kwargs.get(SPEC_KEY)
            elif isinstance(message, ToolMessage) and message.name == "run_sql" and message.status != "error":
                result = context.results.get(message.tool_call_id) or message.artifact
                if isinstance(result, dict):
                    self._take_result(answer, result, specs.get(message.tool_call_id))
        final = _last_ai(turn)
        answer.fallback = fallback_reason([HumanMessage(question), *turn])
        if answer.fallback:
            answer.mode = models.OFFLINE
        answer.lang = _answer_lang(final, question)
        answer.text, answer.error = _final_text(final, error)
        answer.text = _operator_advice(turn, final) or answer.text
        if not answer.error:
            answer.text = _with_copy_explanation(answer.text, turn, final, question)
        return answer

    @staticmethod
    def _take_result(answer: Answer, result: dict, spec: dict | None) -> None:
        answer.sql.append(result.get("sql") or "")
        answer.submitted = result.get("submitted") or result.get("sql")
        answer.params = list(result.get("params") or [])
        answer.columns = list(result["columns"])
        answer.rows = result["rows"]
        answer.row_count = result["row_count"]
        answer.truncated = bool(result.get("truncated"))
        answer.spec = spec
        answer.user_ids = None
        if is_audience(answer.columns):
            answer.user_ids = list(dict.fromkeys(str(row[0]) for row in answer.rows))

    def close(self) -> None:
        conn = getattr(self.checkpointer, "conn", None)
        if conn is not None:
            conn.close()
        self._keepalive.close()


def _final_text(final: AIMessage | None, error: str | None) -> tuple[str, str | None]:
    """The answer text and, when the question could not be answered, why."""
    if error:
        return f"Sorry, I could not answer: {error}", error
    if final is None or final.tool_calls:
        return "Sorry, I could not answer: the conversation stopped without an answer.", "no final answer"
    text = final.text.strip() if hasattr(final, "text") else str(final.content).strip()
    planner_error = final.additional_kwargs.get(ERROR_KEY)
    if planner_error:
        return text or f"Sorry, I could not answer: {planner_error}", str(planner_error)
    if text.startswith(CANNOT_ANSWER):
        reason = text[len(CANNOT_ANSWER):].strip(" :：-") or "the model could not answer"
        return reason, reason
    if not text:
        return "Sorry, I could not answer: the model returned an empty reply.", "empty reply"
    return text, None


def _answer_lang(final: AIMessage | None, question: str) -> str:
    """The offline planner's language, else the question's (question_lang.py)."""
    from agent.planner.question_lang import detect_lang

    return (final.additional_kwargs.get(LANG_KEY) if final is not None else None) or detect_lang(question.lower())


def _operator_advice(turn: list[BaseMessage], final: AIMessage | None) -> str | None:
    """A failed tool's words for the operator, when the offline planner's answer only quotes its error.

    A tool error speaks to the model ("Hint: first find the users with run_sql ..."), and the
    planner quotes it as its answer. When the tool also gave plain words for the operator
    (``ToolError.advice`` in the result's artifact), those are the answer instead, in the
    planner's language. A network model reads the hint and writes its own answer: left alone.
    """
    if final is None or final.tool_calls or LANG_KEY not in final.additional_kwargs or final not in turn:
        return None
    index = turn.index(final)
    result = turn[index - 1] if index else None
    if not (isinstance(result, ToolMessage) and result.status == "error" and isinstance(result.artifact, dict)):
        return None
    advice = result.artifact.get("advice") or {}
    return advice.get(final.additional_kwargs[LANG_KEY]) or advice.get("en")


def _with_copy_explanation(text: str, turn: list[BaseMessage], final: AIMessage | None, question: str) -> str:
    """A model's answer about copy it had written, with the copywriter's explanation added.

    The copy tool says which channel, language and tone it wrote for and why each angle
    (``explanation`` in its result). The offline planner puts that into its answer; a model
    may leave it out, so it is added here, in the question's language, unless the answer already
    has it.
    """
    if final is None or LANG_KEY in final.additional_kwargs:   # the offline planner's answer has it
        return text
    from agent.planner.question_lang import detect_lang

    for message in reversed(turn):
        if isinstance(message, ToolMessage) and message.name == "write_marketing_copy" and message.status != "error":
            try:
                explanation = (json.loads(message_text(message)) or {}).get("explanation") or {}
            except (TypeError, ValueError, AttributeError):
                return text
            line = explanation.get(detect_lang(question.lower()))
            return text if not line or line in text else f"{text}\n{line}"
    return text


def _question_status(answer: Answer) -> str:
    if answer.error:
        return "error"
    return "fallback" if answer.fallback else "ok"


def answer_to_json(answer: Answer) -> str:
    return json.dumps(answer.to_json(), ensure_ascii=False, default=str)
