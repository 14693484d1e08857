"""Profile completeness and the validate_profile rules (docs/profiles.md "Completeness and validation")."""

from __future__ import annotations

from dataclasses import replace

from schema.taxonomy import Taxonomy
from tools.profile.explicit import EXPLICIT_TAGS
from tools.profile.types import ProfileDraft, UserData

TAG_CATEGORIES = frozenset({"basic_info", "demographics", "interests", "behavior", "preferences", "intent",
                            "sentiment", "values", "consumption", "lifecycle"})
_CATEGORY_KIND = {"interests": "interest", "values": "value", "consumption": "consumption", "lifecycle": "lifecycle"}

# What a complete profile has, and how much each part counts (the weights sum to 1).
COMPLETENESS_WEIGHTS = {
    "gender": 0.05, "age": 0.05, "city": 0.05, "member_level": 0.05,
    "orders": 0.15, "events": 0.05, "interests": 0.2, "texts": 0.15,
    "intents": 0.1, "values": 0.05, "consumption": 0.05, "lifecycle": 0.05,
}


def completeness(data: UserData, draft: ProfileDraft, consumption: str | None, lifecycle: str | None) -> float:
    """The weighted share of profile parts that are present (0..1)."""
    user = data.user
    present = {
        "gender": user.get("gender") in ("female", "male"),
        "age": user.get("age") is not None,
        "city": bool(user.get("city")),
        "member_level": bool(user.get("member_level")),
        "orders": bool(data.orders),
        "events": bool(data.events),
        "interests": any(t.category == "interests" and t.status == "active" for t in draft.tags),
        "texts": bool(data.texts),
        "intents": bool(draft.intents),
        "values": bool(draft.values),
        "consumption": consumption is not None,
        "lifecycle": lifecycle is not None,
    }
    return round(sum(weight for part, weight in COMPLETENESS_WEIGHTS.items() if present[part]), 4)


def validate(draft: ProfileDraft, taxonomy: Taxonomy) -> list[str]:
    """Check every item of the profile; drop the invalid ones and return one message per problem.

    Rules: ids are taxonomy or documented explicit ids; confidences in [0, 1]; polarities in
    [-1, 1]; every tag has evidence; every interest's ancestors are present (added if missing);
    the profile has at least one tag.
    """
    errors: list[str] = []
    draft.tags = [t for t in draft.tags if _tag_ok(t, taxonomy, errors)]
    _ensure_ancestors(draft, taxonomy, errors)
    draft.emotions = [e for e in draft.emotions if _emotion_ok(e, taxonomy, errors)]
    draft.intents = [i for i in draft.intents if _intent_ok(i, taxonomy, errors)]
    draft.values = [v for v in draft.values if _value_ok(v, taxonomy, errors)]
    profile = draft.profile or {}
    for field_name, kind in (("lifecycle", "lifecycle"), ("consumption", "consumption")):
        value = profile.get(field_name)
        if value is not None and not taxonomy.has(value, kind):
            errors.append(f"profile.{field_name}: unknown {kind} id '{value}'")
            profile[field_name] = None
    if not draft.tags:
        errors.append("nothing to profile: no attributes, orders, events or texts gave a tag")
    return errors


def _unit(value: float) -> bool:
    return isinstance(value, (int, float)) and 0.0 <= value <= 1.0


def _tag_ok(tag, taxonomy: Taxonomy, errors: list[str]) -> bool:
    if tag.category not in TAG_CATEGORIES:
        errors.append(f"tag {tag.tag_id}: unknown category '{tag.category}'")
        return False
    kind = _CATEGORY_KIND.get(tag.category)
    known = taxonomy.has(tag.tag_id, kind) if kind else tag.tag_id in EXPLICIT_TAGS
    if not known:
        errors.append(f"tag {tag.tag_id}: not a taxonomy or explicit tag id (category {tag.category})")
        return False
    if not _unit(tag.confidence):
        errors.append(f"tag {tag.tag_id}: confidence {tag.confidence} outside [0, 1]")
        return False
    if not tag.evidence:
        errors.append(f"tag {tag.tag_id}: no evidence")
        return False
    return True


def _ensure_ancestors(draft: ProfileDraft, taxonomy: Taxonomy, errors: list[str]) -> None:
    present = {t.tag_id: t for t in draft.tags if t.category == "interests"}
    for tag in list(present.values()):
        for ancestor in taxonomy.ancestors(tag.tag_id)[:-1]:
            if ancestor not in present:
                errors.append(f"tag {tag.tag_id}: ancestor {ancestor} was missing (added)")
                copy = replace(tag, tag_id=ancestor, path=taxonomy.get(ancestor).path)
                present[ancestor] = copy
                draft.tags.append(copy)


def _emotion_ok(row, taxonomy: Taxonomy, errors: list[str]) -> bool:
    if row.aspect != "overall" and not taxonomy.has(row.aspect, "aspect"):
        errors.append(f"{_emotion_where(row)}: unknown aspect")
        return False
    if not taxonomy.has(row.emotion, "emotion"):
        errors.append(f"{_emotion_where(row)}: unknown emotion '{row.emotion}'")
        return False
    if not (isinstance(row.polarity, (int, float)) and -1.0 <= row.polarity <= 1.0) or not _unit(row.confidence):
        errors.append(f"{_emotion_where(row)}: polarity {row.polarity} or confidence {row.confidence} out of range")
        return False
    return True


def _emotion_where(row) -> str:
    return f"emotion text:{row.text_id}/{row.aspect}"


def _intent_ok(row, taxonomy: Taxonomy, errors: list[str]) -> bool:
    where = f"intent {row.intent}/{row.target}"
    if not taxonomy.has(row.intent, "intent"):
        errors.append(f"{where}: unknown intent")
        return False
    if row.status not in ("active", "fulfilled", "expired") or not _unit(row.confidence):
        errors.append(f"{where}: bad status '{row.status}' or confidence {row.confidence}")
        return False
    return True


def _value_ok(row, taxonomy: Taxonomy, errors: list[str]) -> bool:
    if not taxonomy.has(row.value_id, "value"):
        errors.append(f"value {row.value_id}: unknown value id")
        return False
    if not _unit(row.confidence):
        errors.append(f"value {row.value_id}: confidence {row.confidence} outside [0, 1]")
        return False
    return True
