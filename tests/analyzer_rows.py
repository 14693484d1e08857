"""Checks shared by the table-driven analyzer tests (tests/test_venue_reviews.py,
tests/test_service_reviews.py): one row is (text, overall label or None for "any",
{aspect: sign}, checks). A sign is "+", "-", "0" or "none" (the aspect must not be read). Checks:
"intent=X" / "no_intent=X", "tag=X" / "no_tag=X".
"""

from __future__ import annotations

from tools.analyzers import TextAnalysis


def sign(polarity: float | None) -> str:
    if polarity is None:
        return "none"
    if abs(polarity) < 0.1:
        return "0"
    return "+" if polarity > 0 else "-"


def assert_reading(result: TextAnalysis, label: str | None, aspects: dict[str, str], checks: list[str]) -> None:
    read = {aspect.aspect: aspect.polarity for aspect in result.aspects}
    if label is not None:
        assert result.label == label, (result.polarity, read)
    for aspect, expected in aspects.items():
        assert sign(read.get(aspect)) == expected, (aspect, read)
    intents = {hit.intent for hit in result.intents}
    tags = {tag.id for tag in result.tags}
    for check in checks:
        kind, value = check.split("=")
        found, wanted = {"intent": (intents, True), "no_intent": (intents, False), "tag": (tags, True),
                         "no_tag": (tags, False)}[kind]
        assert (value in found) == wanted, (check, intents, tags)
