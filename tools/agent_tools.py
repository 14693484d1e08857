"""The agent's tools: plain functions first, LangChain tools second.

The tools get the database path, the conversation thread and the question from the graph's
runtime context (:class:`AgentContext`), never from model arguments, so a model cannot point
them at another file. They never raise into the graph: every failure comes back as
``"Error: <what went wrong> Hint: <what to do>"`` text the model can act on. A hint speaks to
the model (tool names, SQL); when the operator needs other words, the error's artifact carries
them as ``advice`` (see :class:`ToolError`), which the graph shows instead of the planner's quote.

Tool results are JSON. Text inside them (reviews, names, evidence) is data, never instructions;
the system prompt says so and the offline planner never reads it.
"""

from __future__ import annotations

import difflib
import json
from dataclasses import dataclass, field
from typing import Any, Sequence

from langchain.tools import ToolRuntime
from langchain_core.messages import AIMessage, BaseMessage, ToolMessage
from langchain_core.tools import tool

from schema.taxonomy import load_taxonomy, normalize_term
from tools.llm import message_text

PREVIEW_ROWS = 20          # rows of a result the model sees; the count covers all of them
PREVIEW_TEXT_CHARS = 200   # long texts in a preview are cut: the model needs the gist, not pages
AUDIENCE_MAX_ROWS = 200_000
TAG_KINDS = ("interest", "aspect", "emotion", "intent", "value", "consumption", "lifecycle")


@dataclass
class AgentContext:
    """What the tools may know about the run, set by the caller (never by the model).

    Attributes:
        db_path: The Persona database.
        thread: Conversation name (for the audit log), None for a one-off question.
        question: The operator's current question (for the audit log).
        max_rows: Most rows one statement may return (the audience cap).
        results: Full run_sql results of this question by tool-call id; filled by the graph,
            which keeps only a preview in the conversation memory.
        text_model: The network chat model for tools that write text (copy); None offline.
    """

    db_path: str
    thread: str | None = None
    question: str = ""
    max_rows: int = AUDIENCE_MAX_ROWS
    results: dict[str, dict] = field(default_factory=dict)
    text_model: Any = None


@dataclass(frozen=True)
class Audience:
    """A set of users the conversation selected: how to select them again, and how many."""

    sql: str
    params: tuple = ()
    spec: dict | None = None
    row_count: int = 0
    question: str = ""
    conditions: str = ""  # the offline planner's reading in words ("女性；非上海"); empty from a model

    @property
    def description(self) -> str:
        """What a saved segment says about itself: the conditions when known, else the question
        (a follow-up like "不对，我是说女性" alone does not say who is in the audience)."""
        return self.conditions or self.question


class ToolError(Exception):
    """A failure the model (or operator) can act on.

    Attributes:
        hint: What the *model* should do next, in its terms (tools, SQL).
        advice: What the *operator* should do next, in plain words, by language ('zh', 'en');
            empty when the message alone is clear to a person.
    """

    def __init__(self, message: str, hint: str = "", advice: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.hint = hint
        self.advice = dict(advice or {})

    def as_text(self) -> str:
        return f"Error: {self}" + (f" Hint: {self.hint}" if self.hint else "")

    def artifact(self) -> dict | None:
        """The error for the operator (a ToolMessage artifact), or None without advice."""
        return {"error": str(self), "advice": self.advice} if self.advice else None


# --- plain functions ---------------------------------------------------------------------------

def find_tags(db_path: str, query: str, kind: str = "any", limit: int = 8) -> list[dict]:
    """Taxonomy ids matching ``query`` (zh or en, synonyms, typos), with how many users carry each.

    Matching, best first: the exact name/synonym/id; names found inside the query ("户外运动爱好者"
    finds outdoor_sports); close spellings. A matched interest brings its children right after it
    ("读书" -> books, then fiction, nonfiction, childrens_books ...; matched "child of books"), beyond
    ``limit``: what the interest covers is part of the answer. ``users`` counts active tags (interests, consumption,
    lifecycle), active values or intents, or users with an opinion on an aspect; None for kinds
    that are not per-user tags.

    Args:
        db_path: The Persona database (for the user counts).
        query: Words to look up, e.g. "户外", "hiking", "价格".
        kind: One of TAG_KINDS, or "any".
        limit: Most matches returned.

    Returns:
        Dicts with id, kind, level, path, name_zh, name_en, users, matched (the term that matched).
    """
    if kind != "any" and kind not in TAG_KINDS:
        raise ToolError(f"unknown kind '{kind}'", f"use one of: any, {', '.join(TAG_KINDS)}")
    taxonomy = load_taxonomy()
    kinds = TAG_KINDS if kind == "any" else (kind,)
    scored: dict[tuple[str, str], tuple[float, str]] = {}

    def consider(node_kind: str, node_id: str, score: float, matched: str) -> None:
        if scored.get((node_kind, node_id), (0.0, ""))[0] < score:
            scored[(node_kind, node_id)] = (score, matched)

    wanted = normalize_term(query)
    for node_kind in kinds:
        exact = taxonomy.lookup(query, node_kind)
        if exact:
            consider(node_kind, exact, 1.0, query)
        for node_id, matched, _ in taxonomy.find_terms(query, node_kind):
            consider(node_kind, node_id, 0.9, matched)
        for term, node_id in taxonomy.terms(node_kind).items():
            ratio = difflib.SequenceMatcher(None, wanted, term).ratio()
            if wanted and wanted in term:
                ratio = max(ratio, 0.8)
            if ratio >= 0.75:
                consider(node_kind, node_id, round(ratio * 0.85, 3), term)
    best = _with_children(sorted(scored.items(), key=lambda item: (-item[1][0], item[0]))[:limit], taxonomy)
    counts = _active_user_counts(db_path, [key for key, _ in best])
    matches = []
    for (node_kind, node_id), (score, matched) in best:
        node = taxonomy.get(node_id, node_kind)
        matches.append({
            "id": node_id, "kind": node_kind, "level": node.level, "path": node.path or node_id,
            "name_zh": node.name_zh, "name_en": node.name_en,
            "users": counts.get((node_kind, node_id)), "matched": matched, "score": score,
        })
    return matches


def _with_children(best: list, taxonomy) -> list:
    """``best`` ((kind, id), (score, matched)) with each matched interest's children after it (once)."""
    listed = {key for key, _ in best}
    out = []
    for (node_kind, node_id), (score, matched) in best:
        out.append(((node_kind, node_id), (score, matched)))
        if node_kind != "interest":
            continue
        for child in taxonomy.get(node_id).children:
            if ("interest", child) not in listed:
                listed.add(("interest", child))
                out.append((("interest", child), (round(score * 0.95, 3), f"child of {node_id}")))
    return out


# kind -> statement counting the users that carry an id of that kind
_COUNT_SQL = {
    "interest": "SELECT COUNT(*) FROM tags WHERE tag_id = ? AND status = 'active'",
    "consumption": "SELECT COUNT(*) FROM tags WHERE tag_id = ? AND status = 'active'",
    "lifecycle": "SELECT COUNT(*) FROM tags WHERE tag_id = ? AND status = 'active'",
    "value": "SELECT COUNT(*) FROM user_values WHERE value_id = ? AND status = 'active'",
    "intent": "SELECT COUNT(DISTINCT user_id) FROM intents WHERE intent = ? AND status = 'active'",
    "aspect": "SELECT COUNT(DISTINCT user_id) FROM emotions WHERE aspect = ?",
}


def _active_user_counts(db_path: str, keys: Sequence[tuple[str, str]]) -> dict[tuple[str, str], int]:
    from schema.db import connect_readonly

    wanted = [key for key in keys if key[0] in _COUNT_SQL]
    if not wanted:
        return {}
    conn = connect_readonly(db_path)
    try:
        return {(kind, node_id): conn.execute(_COUNT_SQL[kind], (node_id,)).fetchone()[0]
                for kind, node_id in wanted}
    finally:
        conn.close()


def execute_sql(context: AgentContext, sql: str, params: Sequence | None = None) -> dict:
    """Run one statement through the SQL guard; the full result as a dict.

    Returns:
        {"columns", "rows" (all of them), "row_count", "truncated", "sql" (as executed, with the
        guard's LIMIT), "submitted" (as written), "params"}.

    Raises:
        ToolError: the guard refused the statement or it failed (message and hint from the guard).
    """
    from tools import sql_guard

    try:
        result = sql_guard.run_sql(context.db_path, sql, list(params or []), max_rows=context.max_rows,
                                   thread=context.thread, question=context.question)
    except sql_guard.GuardError as exc:
        raise ToolError(exc.message, exc.hint or "") from None
    return {
        "columns": list(result.columns), "rows": result.rows, "row_count": result.row_count,
        "truncated": bool(result.truncated), "sql": result.sql, "submitted": sql, "params": list(params or []),
    }


def preview(result: dict) -> dict:
    """What the model sees of a result: the columns, the first rows (long texts cut), the count."""
    rows = [[_cut(value) for value in row] for row in result["rows"][:PREVIEW_ROWS]]
    return {"columns": result["columns"], "rows": rows, "row_count": result["row_count"],
            "truncated": result["truncated"]}


def _cut(value: Any) -> Any:
    if isinstance(value, str) and len(value) > PREVIEW_TEXT_CHARS:
        return value[:PREVIEW_TEXT_CHARS] + "…"
    return value


def to_json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, default=str)


# --- the conversation's audience -----------------------------------------------------------------

def is_audience(columns: Sequence[str]) -> bool:
    """A result is an audience (a set of users) when its first column is user_id.

    That is what saving a segment, writing copy and exporting re-run the statement for.
    """
    return bool(columns) and columns[0] == "user_id"


def selected_interests(spec, db_path=None) -> list[str]:
    """The interest ids an audience specification (the planner's, as JSON) selects by: its
    ``interest`` conditions, what its behaviour and intent conditions are about, and (with the
    database) what the brands and products it names are sold as ("买过渴望 Orijen": pets;
    tools/copywriter/subject.py); none under a negation ("not outdoor people" is no reason to write
    about the outdoors)."""
    found: list[str] = []
    for node in _conditions(spec):
        found.extend(node.get("values", []) if node.get("kind") == "interest" else _subject_targets(node))
    names = selected_names(spec)
    if db_path is not None and names:
        from tools.copywriter.subject import named_interests

        found += named_interests(db_path, names)
    return list(dict.fromkeys(found))


def selected_names(spec) -> list[str]:
    """The brands, product words and mentions an audience specification selects by (not negated):
    what the copy speaks of before any interest its members happen to share ("customers who praised
    our fresh vegetables": vegetables, never one member's baby food)."""
    return [value for node in _conditions(spec) if node.get("kind") in _NAMING_KINDS for value in node.get("values", [])]


def subject_only(spec) -> bool:
    """Does the audience's own condition say what its copy speaks of, before any interest its members
    share: a thing bought or spoken of (selected_names), or leaving for a rival (whose copy names our
    range, not the rival, nor one member's baby food)?"""
    return bool(selected_names(spec)) or any(
        node.get("kind") == "intent" and _RIVAL_INTENTS & set(node.get("values", [])) and node.get("targets")
        for node in _conditions(spec))


def _conditions(node):
    """Every condition of a specification (as JSON) outside a negation."""
    if isinstance(node, list):
        for item in node:
            yield from _conditions(item)
    elif isinstance(node, dict) and not node.get("negate"):
        if node.get("type") == "condition":
            yield node
        else:
            for value in node.values():
                yield from _conditions(value)


# Conditions whose values name what was bought or talked of: a brand, a product word, a mention.
_NAMING_KINDS = ("brand", "product", "mention")
# Intents whose target is a rival the customer may leave for or weigh us against ("switching to
# RedMart", 想换到盒马): what a retention message must keep them from, never what it speaks of.
_RIVAL_INTENTS = frozenset({"churn_risk", "compare"})


def _subject_targets(condition: dict) -> list[str]:
    """The interests a behaviour or intent condition is about; none for a churn or compare intent,
    whose target is a competitor (fresh eyes 15: 'switching to RedMart' got 'redmart picks')."""
    if condition.get("kind") == "intent" and _RIVAL_INTENTS & set(condition.get("values", [])):
        return []
    return list(condition.get("targets", []))


def last_audience(messages: Sequence[BaseMessage]) -> Audience | None:
    """The most recent successful run_sql result of the conversation that is a set of users (user_id first).

    Read from the messages alone (tool-call arguments, the planner's spec and the result
    preview), so it works on a conversation restored from the checkpoint file.
    """
    calls: dict[str, tuple[dict, dict | None, str, str]] = {}
    question = ""
    found: Audience | None = None
    for message in messages:
        if message.type == "human":
            question = message_text(message)
        elif isinstance(message, AIMessage):
            spec = message.additional_kwargs.get("persona_spec")
            conditions = message.additional_kwargs.get("persona_understood") or ""
            for call in message.tool_calls:
                calls[call["id"]] = (call["args"], spec, question, conditions)
        elif isinstance(message, ToolMessage) and message.name == "run_sql" and message.status != "error":
            args, spec, asked, conditions = calls.get(message.tool_call_id, ({}, None, question, ""))
            artifact = message.artifact if isinstance(message.artifact, dict) else {}
            columns = artifact.get("columns") or []
            if artifact and is_audience(columns):
                found = Audience(sql=artifact.get("submitted") or args.get("sql", ""),
                                 params=tuple(artifact.get("params") or args.get("params") or ()),
                                 spec=spec, row_count=int(artifact.get("row_count") or 0), question=asked,
                                 conditions=conditions)
    return found


# What the operator reads when copy or saving needs an audience and none was found (the model
# reads the hint instead). A count or a breakdown is a result too, but not a set of users.
_NO_AUDIENCE_ADVICE = {
    "copy": {"zh": "还不能写文案：这个对话里还没有查出一批用户（人数统计或分布不算）。请先查出目标用户，"
                   "例如“上海的女性用户”，再让我写文案。",
             "en": "I cannot write copy yet: no list of users has been found in this conversation (a count "
                   "or a breakdown is not one). Ask for an audience first, e.g. \"women in Shanghai\", "
                   "then ask for the copy again."},
    "save": {"zh": "还不能保存分群：这个对话里还没有查出一批用户（人数统计或分布不算）。请先查出目标用户，"
                   "例如“上海的女性用户”，再保存。",
             "en": "I cannot save a segment yet: no list of users has been found in this conversation (a "
                   "count or a breakdown is not one). Ask for an audience first, e.g. \"women in "
                   "Shanghai\", then save it."},
}


def _chinese_offer_advice(offer: str) -> dict[str, str]:
    """What the operator can say when an English SMS cannot carry their Chinese offer (chat words, not flags)."""
    return {"zh": f"英文短信放不下中文的优惠“{offer}”（一个汉字就会让一条短信从 160 个字符降到 70 个）。可以说"
                  "“用中文写”，或“换成推送”，或把优惠写成英文，例如“¥50 off orders of ¥300 or more”。",
            "en": f"An English SMS cannot carry the Chinese offer \"{offer}\" (one Chinese character cuts a "
                  "message from 160 to 70 characters). Say \"用中文写\" for Chinese copy or \"make it a push "
                  "notification\", or give the offer in English, e.g. \"¥50 off orders of ¥300 or more\"."}


def _audience_or_error(runtime: ToolRuntime[AgentContext], action: str) -> Audience:
    """The conversation's audience for ``action`` ('copy' or 'save'), or a ToolError saying how to get one."""
    audience = last_audience(runtime.state["messages"])
    if audience is None:
        raise ToolError("there is no audience in this conversation yet",
                        "first find the users with run_sql (SELECT DISTINCT user_id ...), then call this tool",
                        advice=_NO_AUDIENCE_ADVICE[action])
    return audience


# --- LangChain tools -----------------------------------------------------------------------------

@tool(parse_docstring=True)
def lookup_tags(query: str, runtime: ToolRuntime[AgentContext], kind: str = "any") -> str:
    """Find taxonomy ids (tags, aspects, intents, values ...) for words in Chinese or English.

    Use it only when the id for a term is not in the system prompt's list, e.g. for slang
    ("猫主子") or a typo. Returns a JSON list of matches with id, kind, level, path, zh/en names
    and "users" (how many users carry it, active tags only), best match first.

    Args:
        query: The words to look up, e.g. "户外", "hiking", "猫主子".
        kind: Restrict to one kind: interest, aspect, emotion, intent, value, consumption, lifecycle; or any.
    """
    try:
        return to_json(find_tags(runtime.context.db_path, query, kind))
    except ToolError as exc:
        return exc.as_text()
    except Exception as exc:  # a tool never raises into the graph
        return f"Error: tag lookup failed ({type(exc).__name__}: {exc})"


@tool(response_format="content_and_artifact", parse_docstring=True)
def run_sql(sql: str, runtime: ToolRuntime[AgentContext], params: list | None = None) -> tuple[str, dict | None]:
    """Run ONE read-only SQLite SELECT over the profile tables and return the result as JSON.

    Returns {"columns", "rows" (the first 20), "row_count" (all rows), "truncated"}. To find
    an audience select user ids (SELECT DISTINCT u.user_id, ...) without LIMIT: row_count is
    the audience size, and the whole audience is kept for follow-ups, copy and export.
    On a mistake it returns "Error: ... Hint: ..." - fix the statement and call again.

    Args:
        sql: One SELECT statement in SQLite syntax over the tables in the system prompt; use ? for values.
        params: Values for the ? placeholders, in order (strings, numbers).
    """
    context: AgentContext = runtime.context
    try:
        result = execute_sql(context, sql, params)
    except ToolError as exc:
        return exc.as_text(), None
    except Exception as exc:
        return f"Error: the statement failed ({type(exc).__name__}: {exc})", None
    return to_json(preview(result)), result


@tool(parse_docstring=True)
def get_profile(user_id: str, runtime: ToolRuntime[AgentContext]) -> str:
    """Read one user's stored profile: attributes, tags with confidence and evidence, emotions, intents.

    Use it when the operator asks about one specific user ("tell me about u00042").
    Returns JSON, or an error when the user has no profile yet (then try generate_profile).

    Args:
        user_id: The user's id, exactly as in users.user_id.
    """
    from tools.profile.store import load_profile

    try:
        profile = load_profile(runtime.context.db_path, user_id)
    except Exception as exc:
        return f"Error: could not read the profile of {user_id} ({type(exc).__name__}: {exc})"
    if profile is None:
        return (f"Error: no profile for user '{user_id}'. Hint: check the id with run_sql "
                "(SELECT user_id FROM users WHERE user_id = ?) or build it with generate_profile")
    return to_json(profile)


@tool(parse_docstring=True)
def generate_profile(user_id: str, runtime: ToolRuntime[AgentContext]) -> str:
    """Rebuild one user's profile from their latest data, then return it as JSON.

    Use it only when the operator asks to (re)build or refresh a user's profile.

    Args:
        user_id: The user's id, exactly as in users.user_id.
    """
    from tools.profile.build import BuildError, build_one

    try:
        profile = build_one(runtime.context.db_path, user_id, model=None)
    except BuildError as exc:
        return f"Error: {exc}. Hint: check the id with run_sql (SELECT user_id FROM users WHERE user_id = ?)"
    except Exception as exc:
        return f"Error: could not build the profile of {user_id} ({type(exc).__name__}: {exc})"
    return to_json(profile)


@tool(response_format="content_and_artifact", parse_docstring=True)
def write_marketing_copy(runtime: ToolRuntime[AgentContext], channel: str = "sms", tone: str = "friendly",
                         language: str = "zh", offer: str | None = None, n: int = 3,
                         skip: int = 0, occasion: str | None = None,
                         both_languages: bool = False) -> tuple[str, dict | None]:
    """Write campaign copy for the conversation's current audience (the last set of users found).

    Call it when the operator asks for copy, a message, a campaign or a slogan for "them" /
    "that segment". Find the audience with run_sql first; this tool uses it automatically.
    Returns JSON with the audience size, the variants (body, and title/subject per channel), notes
    for the operator (``warnings``) and ``explanation``: the channel, language, tone and each
    variant's angle with the data behind it, in zh and en. Show the operator the explanation in
    their language and the warnings.

    Args:
        channel: sms, push, email or social.
        tone: The voice: friendly, playful, warm, professional, urgent or luxury.
        language: zh or en (the language of the operator's question).
        offer: A product or offer to feature, if the operator named one.
        n: How many variants to write (1-5).
        skip: When the operator asks for more ("再来三条", "give me 5 more"): how many variants were
            already shown for this audience, so the new ones differ from them. 0 otherwise.
        occasion: 'apology' when the operator asks for an apology or to soothe (道歉, 安抚, sorry), 'reminder'
            when for a reminder (提醒, 完成结账, remind, restock, checkout); None otherwise.
        both_languages: True when the operator did not name the copy's language: an audience a quarter of
            whose writers use the other language gets the copy in it too (``second``).
    """
    from tools.copywriter import write_marketing_copy as write
    from tools.copywriter.errors import OfferLanguageError

    try:
        audience = _audience_or_error(runtime, "copy")
        result = write(runtime.context.db_path, sql=audience.sql, params=list(audience.params), channel=channel,
                       tone=tone, language=language, offer=offer, n=max(1, min(int(n), 5)),
                       model=runtime.context.text_model, skip=max(0, int(skip)),
                       focus=selected_interests(audience.spec, runtime.context.db_path),
                       focus_only=subject_only(audience.spec), occasion=occasion or None,
                       both_languages=bool(both_languages))
    except OfferLanguageError as exc:
        error = ToolError(str(exc), "call again with language='zh', or channel='push', or the offer in English",
                          advice=_chinese_offer_advice(exc.offer))
        return error.as_text(), error.artifact()
    except ToolError as exc:
        return exc.as_text(), exc.artifact()
    except Exception as exc:  # CopyError / SegmentError carry what to change
        return f"Error: could not write copy ({exc})", None
    from tools.copywriter.explain import explain_angles, explain_copy

    summary = {"audience_size": audience.row_count, "channel": result.channel, "tone": result.tone,
               "language": result.language, "offer": result.offer, "model": result.model, "variants": result.variants,
               "warnings": result.warnings,
               "explanation": {lang: explain_copy(result, lang) for lang in ("zh", "en")},
               "angles": {lang: explain_angles(result, lang) for lang in ("zh", "en")}}
    if result.second is not None:
        summary["second"] = {"language": result.second.language, "share": round(result.second_share, 2),
                             "variants": result.second.variants, "warnings": result.second.warnings}
    return to_json(summary), result.as_dict()


@tool(response_format="content_and_artifact", parse_docstring=True)
def save_segment(name: str, runtime: ToolRuntime[AgentContext]) -> tuple[str, dict | None]:
    """Save the conversation's current audience (the last set of users found) as a named segment.

    Call it when the operator asks to save or keep "them" / "this audience". The segment keeps
    the checked SQL, so it can be refreshed and exported later (`persona segments`). An audience
    no user matches is not saved: the error says so, for the operator.

    Args:
        name: A short name for the segment, e.g. "price_sensitive_hikers".
    """
    from tools.segments import EMPTY_SEGMENT, EmptySegmentError, save_segment as save

    try:
        audience = _audience_or_error(runtime, "save")
        saved = save(runtime.context.db_path, name, audience.sql, list(audience.params), audience.spec,
                     description=audience.description)
    except EmptySegmentError as exc:
        error = ToolError(str(exc), "tell the operator; find an audience with users before saving",
                          advice={lang: words.format(name=exc.name) for lang, words in EMPTY_SEGMENT.items()})
        return error.as_text(), error.artifact()
    except ToolError as exc:
        return exc.as_text(), exc.artifact()
    except Exception as exc:
        return f"Error: could not save the segment ({type(exc).__name__}: {exc})", None
    return to_json(saved), None


AGENT_TOOLS = [lookup_tags, run_sql, get_profile, generate_profile, write_marketing_copy, save_segment]
