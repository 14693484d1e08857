"""The count line of a tag's evidence is correct English: '1 order', '2 searches'."""

import pytest

from tools.profile.evidence import Evidence, EvidencePool


def _describe(best_label: str, others: list[str]) -> str:
    """The evidence line of a pool holding one strong piece and weaker pieces with these labels."""
    pool = EvidencePool()
    pool.add("hiking", Evidence(0.9, "order", "order: boots", "order:o0", None, best_label))
    for number, label in enumerate(others, start=1):
        pool.add("hiking", Evidence(0.1, "event", f"{label}: x", f"event:e{number}", None, label))
    return pool.combined("hiking").evidence


@pytest.mark.parametrize("others, counts", [
    (["order"], "+1 order"),
    (["order", "order"], "+2 orders"),
    (["search", "search"], "+2 searches"),
    (["search"], "+1 search"),
    (["search", "search", "order"], "+2 searches, 1 order"),
    (["survey answer", "survey answer"], "+2 survey answers"),
    (["call_transcript", "call_transcript"], "+2 call transcripts"),
    (["call_transcript"], "+1 call transcript"),
    (["reply", "reply"], "+2 replies"),
    (["day", "day"], "+2 days"),
    (["box", "box", "box"], "+3 boxes"),
    (["view", "click", "click"], "+2 clicks, 1 view"),
])
def test_counts_are_plural_only_when_more_than_one(others, counts):
    assert _describe("order", others) == f"order: boots ({counts})"


def test_a_single_piece_has_no_count():
    assert _describe("order", []) == "order: boots"
