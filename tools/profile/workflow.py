"""The seed's profile workflow as a LangGraph StateGraph.

    validate_input ─┬─> extract_explicit_tags -> extract_implicit_tags -> analyze_intents
                    │     -> analyze_emotions -> analyze_values -> generate_profile
                    │     ─┬─> segment_user -> validate_profile ─┬─> END
                    │      └─(no profile)──┐                     └─(errors)─> error_handler -> END
                    └─(nothing valid)──────┴──────────────────────────────> error_handler -> END

One run handles a *batch* of users (a LangGraph run costs ~2 ms, too much per user at 500
users/s); every node loops over the batch, so the analyzers see the whole batch at once. Errors
are collected per user in ``state['errors']`` and never raised out of the graph: a failing node
costs that user that part of the profile, not the batch.

``extract_implicit_tags`` runs the text analysis (offline analyzers or one model call per user)
and keeps the analyses in the draft; the intent, emotion and value nodes read them from there.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Callable, TypedDict

from schema.taxonomy import Taxonomy
from tools.analyzers.addressed import addresses_the_system
from tools.analyzers.keywords import user_keywords
from tools.profile import derive, explicit
from tools.profile.analysis import Analysis
from tools.profile.evidence import Evidence, EvidencePool, age_days, parse_time
from tools.profile.explicit import CategoryNorms, Facts, InterestMapper
from tools.profile.rule_segments import rule_segments_for
from tools.profile.summary import summarize, user_language
from tools.profile.types import ProfileDraft, TagDraft, TextItem, UserData, ValueDraft
from tools.profile.validation import completeness, validate

WORKFLOW_VERSION = "1.0"
logger = logging.getLogger(__name__)


class ProfileWorkflowState(TypedDict, total=False):
    """The graph's state: the batch, one draft per user, and every error collected on the way."""

    users: list[UserData]
    drafts: dict[str, ProfileDraft]
    work: dict[str, "UserWork"]          # per-user intermediate results between nodes
    errors: dict[str, list[str]]         # user id -> messages (validate_input failures included)
    workflow_status: str                 # running | completed | error


@dataclass
class UserWork:
    """What one node leaves for the next (not written to the database)."""

    data: UserData
    facts: Facts | None = None
    rfm: tuple[int, int, int] | None = None   # RFM scores, None without orders
    order_interests: list[str | None] = field(default_factory=list)
    direct_tags: list[TagDraft] = field(default_factory=list)   # attributes, RFM (no pooling)
    tag_pool: EvidencePool = field(default_factory=EvidencePool)
    items: list[TextItem] = field(default_factory=list)      # the texts and search queries analyzed
    analysis: Analysis | None = None
    language: str = "zh"
    anchor: datetime | None = None        # the user's latest activity: evidence decays from here
    dislikes: dict[str, float] = field(default_factory=dict)   # interest -> strongest (decayed) dislike
    notes: list[str] = field(default_factory=list)             # worth telling the operator, not errors


@dataclass
class WorkflowContext:
    taxonomy: Taxonomy
    analyzer: Any                        # OfflineAnalyzer or ModelAnalyzer
    norms: CategoryNorms
    threshold: float                     # tags below it get status 'observe' (the build decides it)
    rfm_bands: Any = None                # RfmBands the build settled on (rfm_bands.py); None: fixed
    brands: dict[str, str] = field(default_factory=dict)  # brand -> its one top-level interest (brand_interests)
    now: datetime = field(default_factory=datetime.now)
    mapper: InterestMapper = field(init=False)

    def __post_init__(self) -> None:
        self.mapper = InterestMapper(self.taxonomy)


class ProfileWorkflow:
    """The nodes (one method each, usable alone on a hand-built state) and the compiled graph."""

    version = WORKFLOW_VERSION           # written to profiles.version

    def __init__(self, ctx: WorkflowContext) -> None:
        self.ctx = ctx
        self.graph = self._build_graph()

    def run(self, users: list[UserData]) -> ProfileWorkflowState:
        """Run the graph on one batch of users."""
        return self.graph.invoke({"users": users, "drafts": {}, "work": {}, "errors": {},
                                  "workflow_status": "running"})

    # --- the graph ---------------------------------------------------------------------------

    def _build_graph(self):
        from langgraph.graph import END, StateGraph

        graph = StateGraph(ProfileWorkflowState)
        steps = ["validate_input", "extract_explicit_tags", "extract_implicit_tags", "analyze_intents",
                 "analyze_emotions", "analyze_values", "generate_profile", "segment_user", "validate_profile",
                 "error_handler"]
        for step in steps:
            graph.add_node(step, getattr(self, step))
        graph.set_entry_point("validate_input")
        graph.add_conditional_edges("validate_input", route_after_input,
                                    {"continue": "extract_explicit_tags", "error": "error_handler"})
        for before, after in zip(steps[1:6], steps[2:7]):
            graph.add_edge(before, after)
        graph.add_conditional_edges("generate_profile", route_after_generate,
                                    {"continue": "segment_user", "error": "error_handler"})
        graph.add_edge("segment_user", "validate_profile")
        graph.add_conditional_edges("validate_profile", route_after_validation,
                                    {"done": END, "error": "error_handler"})
        graph.add_edge("error_handler", END)
        return graph.compile()

    # --- nodes -------------------------------------------------------------------------------

    def validate_input(self, state: ProfileWorkflowState) -> dict:
        """Start a draft for every user with an id and a users row; report the others."""
        errors = {uid: list(msgs) for uid, msgs in state.get("errors", {}).items()}
        drafts, work = {}, {}
        for position, data in enumerate(state.get("users") or []):
            problem = _input_problem(data)
            if problem:
                key = getattr(data, "user_id", None) or f"<batch item {position}>"
                errors.setdefault(key, []).append(f"validate_input: {problem}")
                continue
            drafts[data.user_id] = ProfileDraft(data.user_id)
            work[data.user_id] = UserWork(data)
        return {"drafts": drafts, "work": work, "errors": errors}

    def extract_explicit_tags(self, state: ProfileWorkflowState) -> dict:
        """Attributes, RFM, interests from orders/events, survey answers (docs/profiles.md "Tags")."""
        ctx = self.ctx

        def step(work: UserWork, draft: ProfileDraft) -> None:
            data = work.data
            work.order_interests = [explicit.order_interest(o, ctx.mapper) for o in data.orders]  # intents read them too
            work.facts = explicit.facts(data, ctx.now)
            work.rfm = explicit.rfm_scores(work.facts, ctx.now, ctx.rfm_bands)  # generate_profile reads them too
            work.anchor = min(parse_time(work.facts.last_active_at) or ctx.now, ctx.now)
            work.direct_tags.extend(explicit.attribute_tags(data.user))
            if work.rfm:
                last_order = data.orders[-1]["order_id"] if data.orders else None
                work.direct_tags.append(explicit.rfm_tag(work.facts, work.rfm, ctx.now, last_order))
            explicit.add_behaviour_interests(work.tag_pool, data, work.order_interests, ctx.mapper, work.anchor,
                                             ctx.brands)
            survey = data.user["extra"].get("surveys") or {}
            if isinstance(survey, dict):
                unmapped = explicit.add_survey_interests(work.tag_pool, survey, ctx.mapper,
                                                         data.user.get("data_updated_at"))
                work.notes.extend(f"survey interest {answer!r} matches no taxonomy interest" for answer in unmapped)
            for tag in work.direct_tags:
                if tag.tag_id == "student":  # the attribute joins text evidence in the life-stage pool
                    work.tag_pool.add("student", Evidence(tag.confidence, "attribute", tag.evidence,
                                                          tag.evidence_ref, tag.last_seen, "attribute"))
            work.direct_tags = [t for t in work.direct_tags if t.tag_id != "student"]

        return self._each_user(state, "extract_explicit_tags", step)

    def extract_implicit_tags(self, state: ProfileWorkflowState) -> dict:
        """Analyze every text of the batch (offline, or one model call per user), then the
        interests and life stage the texts reveal."""
        ctx = self.ctx
        update = {"errors": {uid: list(m) for uid, m in state["errors"].items()}}
        jobs = {}
        for uid, work in state["work"].items():
            work.language = user_language(work.data)
            work.items = derive.text_items(work.data)  # kept: the keywords read the same items
            jobs[uid] = (work.items, work.language)
        try:
            analyses = ctx.analyzer.analyze(jobs)
        except Exception as exc:  # the analyzer failed for the whole batch: keep the explicit profile
            logger.debug("analysis failed", exc_info=True)
            for uid in jobs:
                update["errors"].setdefault(uid, []).append(f"extract_implicit_tags: analysis failed: {exc}")
            analyses = {uid: Analysis([]) for uid in jobs}
        for uid, work in state["work"].items():
            work.analysis = analyses.get(uid) or Analysis([])
            draft = state["drafts"][uid]
            draft.model, draft.fallback = work.analysis.model, work.analysis.fallback
        state = {**state, **update}

        def step(work: UserWork, draft: ProfileDraft) -> None:
            source = "llm" if work.analysis.model != "offline" and not work.analysis.fallback else "text"
            derive.add_text_interests(work.tag_pool, work.analysis.items, ctx.mapper, work.anchor, source)
            derive.add_life_stage(work.tag_pool, work.analysis.items, work.anchor)
            work.dislikes = derive.dislikes(work.analysis.items, ctx.taxonomy, work.anchor)

        return self._each_user(state, "extract_implicit_tags", step)

    def analyze_intents(self, state: ProfileWorkflowState) -> dict:
        ctx = self.ctx

        def step(work: UserWork, draft: ProfileDraft) -> None:
            draft.intents = derive.intents(work.analysis.items, work.data, work.order_interests, ctx.mapper, ctx.now)

        return self._each_user(state, "analyze_intents", step)

    def analyze_emotions(self, state: ProfileWorkflowState) -> dict:
        def step(work: UserWork, draft: ProfileDraft) -> None:
            draft.emotions = derive.emotions(work.analysis.items, self.ctx.taxonomy)

        return self._each_user(state, "analyze_emotions", step)

    def analyze_values(self, state: ProfileWorkflowState) -> dict:
        """Values from the texts and the survey; status against the threshold."""
        ctx = self.ctx

        def step(work: UserWork, draft: ProfileDraft) -> None:
            pool = EvidencePool()
            source = "llm" if work.analysis.model != "offline" and not work.analysis.fallback else "text"
            derive.add_text_values(pool, work.analysis.items, ctx.taxonomy, work.anchor, source)
            survey = work.data.user["extra"].get("surveys") or {}
            if isinstance(survey, dict):
                found, unmapped = explicit.survey_values(survey, ctx.taxonomy)
                work.notes.extend(f"survey value {answer!r} matches no taxonomy value" for answer in unmapped)
                for value_id, answer in found:
                    pool.add(value_id, Evidence(explicit.SURVEY_WEIGHT, "survey", f"survey: {answer}",
                                                "survey:values", None, "survey answer"))
            draft.values = []
            for value_id in pool.items:
                c = pool.combined(value_id)
                draft.values.append(ValueDraft(value_id, c.confidence, c.evidence, c.evidence_ref, c.last_seen,
                                               c.source, self._status(c.confidence)))

        return self._each_user(state, "analyze_values", step)

    def generate_profile(self, state: ProfileWorkflowState) -> dict:
        """Combine the evidence into tags, add consumption and lifecycle, fill the profiles row."""
        ctx = self.ctx

        def step(work: UserWork, draft: ProfileDraft) -> None:
            data, f = work.data, work.facts
            tags = list(work.direct_tags) + self._pooled_tags(work.tag_pool, work.dislikes)
            frugal = any(v.value_id == "frugal" and v.status == "active" for v in draft.values)
            consumption = explicit.consumption_profile(data, work.order_interests, ctx.norms,
                                                       derive.price_mentions(draft.emotions), frugal)
            if consumption:
                kind, confidence, evidence = consumption
                tags.append(TagDraft(kind, "consumption", "explicit", confidence, "order", evidence,
                                     f"order:{data.orders[-1]['order_id']}" if data.orders else None,
                                     f.last_order_at, path=kind))
            churn = any(i.intent == "churn_risk" and i.status == "active" for i in draft.intents)
            complaint = any(i.intent in ("complaint", "return_refund")
                            and age_days(i.at, ctx.now) <= explicit.COMPLAINT_LOOKBACK_DAYS for i in draft.intents)
            stage, stage_evidence = explicit.lifecycle_stage(data.user, f, ctx.now, churn, complaint)
            tags.append(TagDraft(stage, "lifecycle", "explicit", 0.9, "rule", stage_evidence, None,
                                 f.last_active_at, path=stage))
            for tag in tags:
                tag.status = self._status(tag.confidence)
            draft.tags = tags
            scores = work.rfm or (None, None, None)
            draft.profile = {
                "lifecycle": stage, "consumption": consumption[0] if consumption else None,
                "rfm_recency": scores[0], "rfm_frequency": scores[1], "rfm_monetary": scores[2],
                "order_count": f.order_count, "total_spend": f.total_spend,
                "last_order_at": f.last_order_at, "last_active_at": f.last_active_at,
                # Notes (unmapped survey answers, model repairs, a fallback) are kept; they are not errors.
                "status": "completed", "errors": work.notes + work.analysis.notes or None,
            }
            keywords = _keywords(work)
            draft.profile["keywords"] = [[k.word, k.weight] for k in keywords]
            draft.profile["completeness"] = completeness(data, draft, draft.profile["consumption"], stage)
            draft.profile["summary"] = (work.analysis.summary
                                        or summarize(data, draft, ctx.taxonomy, work.language))

        return self._each_user(state, "generate_profile", step)

    def segment_user(self, state: ProfileWorkflowState) -> dict:
        """Built-in rule segments (tools/profile/rule_segments.py)."""

        def step(work: UserWork, draft: ProfileDraft) -> None:
            draft.segments = rule_segments_for(draft)

        return self._each_user(state, "segment_user", step, needs_profile=True)

    def validate_profile(self, state: ProfileWorkflowState) -> dict:
        """The validation rules (tools/profile/validation.py); invalid items are dropped and reported."""

        def step(work: UserWork, draft: ProfileDraft) -> None:
            problems = validate(draft, self.ctx.taxonomy)
            if problems:
                raise _Invalid(problems)

        update = self._each_user(state, "validate_profile", step, needs_profile=True)
        has_errors = any(uid in update["errors"] for uid in state["drafts"])
        update["workflow_status"] = "error" if has_errors else "completed"
        return update

    def error_handler(self, state: ProfileWorkflowState) -> dict:
        """Mark every profile that collected errors as status 'error', with the messages."""
        for uid, draft in state.get("drafts", {}).items():
            messages = state["errors"].get(uid)
            if messages and draft.profile is not None:
                draft.profile["status"] = "error"
                draft.profile["errors"] = (draft.profile["errors"] or []) + messages
        return {"drafts": state.get("drafts", {}), "workflow_status": "error"}

    # --- helpers -----------------------------------------------------------------------------

    def _status(self, confidence: float) -> str:
        return "active" if confidence >= self.ctx.threshold else "observe"

    def _pooled_tags(self, pool: EvidencePool, dislikes: dict[str, float]) -> list[TagDraft]:
        """Combine each tag's evidence; an interest the user said they dislike loses confidence
        in proportion to how sure that dislike is (the interest only, not its ancestors)."""
        taxonomy = self.ctx.taxonomy
        tags = []
        for tag_id in pool.items:
            c = pool.combined(tag_id)
            if tag_id in dislikes:
                c.confidence = round(c.confidence * (1.0 - dislikes[tag_id]), 4)
                c.evidence += " (but said they dislike it)"
            if taxonomy.has(tag_id, "interest"):
                category, path = "interests", taxonomy.get(tag_id).path
            else:
                category, path = explicit.EXPLICIT_TAGS[tag_id][0], tag_id
            tags.append(TagDraft(tag_id, category, c.kind, c.confidence, c.source, c.evidence, c.evidence_ref,
                                 c.last_seen, path=path))
        if "graduating" in pool.items and "student" in pool.items:
            tags = [t for t in tags if t.tag_id != "student"]  # graduating replaces student
        return tags

    def _each_user(self, state: ProfileWorkflowState, step_name: str,
                   step: Callable[[UserWork, ProfileDraft], None], *, needs_profile: bool = False) -> dict:
        """Run ``step`` for every user still in the batch; a failure is that user's error only.

        With ``needs_profile``, users whose profile could not be generated are skipped (their
        error is already recorded).
        """
        errors = {uid: list(messages) for uid, messages in state.get("errors", {}).items()}
        for uid, draft in state["drafts"].items():
            if needs_profile and draft.profile is None:
                continue
            try:
                step(state["work"][uid], draft)
            except _Invalid as invalid:
                errors.setdefault(uid, []).extend(f"{step_name}: {p}" for p in invalid.problems)
            except Exception as exc:  # collected, never raised out of the graph (the seed's contract)
                logger.debug("%s failed for %s", step_name, uid, exc_info=True)
                errors.setdefault(uid, []).append(f"{step_name}: {type(exc).__name__}: {exc}")
        return {"drafts": state["drafts"], "work": state["work"], "errors": errors}


def _keywords(work: UserWork) -> list:
    """The user's keywords, over the texts the analysis read (its cue spans spare them a scan); a
    text that speaks to the system ("Ignore previous instructions …", as its analysis says) says
    nothing about the user. A text is read here only when the analyzer failed for the whole batch."""
    analyses = {entry.item.ref: entry.analysis for entry in work.analysis.items}
    read = [(item.text, analyses.get(item.ref)) for item in work.items]
    read = [(text, analysis) for text, analysis in read
            if not (analysis.addresses_system if analysis else addresses_the_system(text))]
    return user_keywords([text for text, _ in read], cues=[analysis and analysis.cue_spans for _, analysis in read])


class _Invalid(Exception):
    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


def _input_problem(data: Any) -> str | None:
    if not isinstance(data, UserData):
        return f"expected UserData, got {type(data).__name__}"
    if not data.user_id or not isinstance(data.user_id, str):
        return "user id is empty"
    if not isinstance(data.user, dict) or data.user.get("user_id") != data.user_id:
        return f"user {data.user_id}: no users row"
    bad = [t.get("text_id") for t in data.texts if not isinstance(t.get("text"), str)]
    if bad:
        return f"user {data.user_id}: texts without text: {bad[:3]}"
    return None


# --- routing (pure functions of the state) --------------------------------------------------------

def route_after_input(state: ProfileWorkflowState) -> str:
    return "continue" if state.get("drafts") else "error"


def route_after_generate(state: ProfileWorkflowState) -> str:
    """Users whose profile could not be generated go to the error handler with the rest."""
    drafts = state.get("drafts", {})
    return "continue" if any(d.profile is not None for d in drafts.values()) else "error"


def route_after_validation(state: ProfileWorkflowState) -> str:
    errors = state.get("errors", {})
    return "error" if any(uid in errors for uid in state.get("drafts", {})) else "done"
