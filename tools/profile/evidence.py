"""Turning many small pieces of evidence into one tag with a confidence.

Each piece of evidence (an order, an event, a sentence) has a weight in [0, 1): how much it alone
would convince us. Old evidence counts less: it keeps its full weight for ``FRESH_DAYS`` days, then
its weight halves every *half-life* days (so one recent order, 0.6, stays at the default threshold
instead of slipping under it a day later). Pieces are combined as independent signals, ``confidence = 1 - prod(1 - weight)``, so two orders in a
category (0.6 each) give 0.84 and a single page view (0.15) stays far below the threshold.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache

MAX_CONFIDENCE = 0.99

# Half-lives in days (docs/profiles.md "Decay"). Interests and life stage change within months, values slowly.
HALF_LIFE_DAYS = {"interest": 365.0, "value": 365.0, "life_stage": 180.0}
# Evidence this recent (counted back from the user's latest activity) keeps its full weight: without
# it, one order (0.6, exactly the default threshold) followed by any later activity, even the review
# of that same order, fell to 0.599 and was only 'observe'. 30 days, the product's "recent" window.
FRESH_DAYS = 30.0

# Explicit sources beat implicit ones: a tag backed by any of these is kind 'explicit'.
EXPLICIT_SOURCES = frozenset({"attribute", "order", "event", "survey"})


def parse_time(value: str | None) -> datetime | None:
    """ISO-8601 text -> naive local datetime (aware times are converted), None when absent or bad.

    Not cached: most times are read once or twice (each order, event and text has its own), so
    a least-recently-used cache missed 4 times in 5 and cost more than fromisoformat saves."""
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except (TypeError, ValueError):
        return None
    if parsed.tzinfo is not None:
        parsed = parsed.astimezone().replace(tzinfo=None)
    return parsed


def age_days(at: str | None, now: datetime) -> float:
    """Days between ``at`` and now; undated or future evidence counts as current (0)."""
    moment = parse_time(at)
    if moment is None:
        return 0.0
    days = (now - moment).total_seconds() / 86400.0
    return days if days > 0.0 else 0.0


def decay(at: str | None, now: datetime, half_life_days: float) -> float:
    """The factor old evidence is multiplied by: 1 up to FRESH_DAYS old, then halving every
    half-life (0.5 at FRESH_DAYS + one half-life)."""
    stale_days = age_days(at, now) - FRESH_DAYS
    return 0.5 ** (stale_days / half_life_days) if stale_days > 0.0 else 1.0


def combine(weights: list[float]) -> float:
    """Independent signals: 1 - prod(1 - w), capped below 1."""
    remaining = 1.0
    for weight in weights:
        # min(max(weight, 0.0), MAX_CONFIDENCE) without two calls per piece
        if weight > MAX_CONFIDENCE:
            weight = MAX_CONFIDENCE
        elif weight < 0.0:
            weight = 0.0
        remaining *= 1.0 - weight
    return round(min(1.0 - remaining, MAX_CONFIDENCE), 4)


@dataclass(slots=True)  # slots: a 10k-user build makes ~200k of them
class Evidence:
    weight: float
    source: str              # attribute | order | event | text | survey | llm
    text: str                # the facts, or the text a quote is taken from (see ``needle``)
    ref: str | None          # 'text:t1', 'order:o1' ...
    at: str | None
    label: str = ""          # what kind of fact, for the summary line: 'order', 'search', 'review' ...
    needle: str | None = None  # when set, the evidence is the clause of ``text`` around it

    def describe(self) -> str:
        """The evidence as stored: the facts, or the quoted clause (cut only when it is shown)."""
        return self.text if self.needle is None else quote(self.text, self.needle)


@dataclass(slots=True)
class Combined:
    confidence: float
    kind: str                # explicit | implicit
    source: str
    evidence: str
    evidence_ref: str | None
    last_seen: str | None


@dataclass
class EvidencePool:
    """Evidence collected per key (a tag id), combined at the end."""

    items: dict[str, list[Evidence]] = field(default_factory=dict)

    def add(self, key: str, evidence: Evidence) -> None:
        if evidence.weight > 0:
            self.items.setdefault(key, []).append(evidence)

    def add_all(self, keys: list[str], evidence: Evidence) -> None:
        """The same evidence for several keys (an interest and its ancestors)."""
        if evidence.weight > 0:
            items = self.items
            for key in keys:
                items.setdefault(key, []).append(evidence)

    def combined(self, key: str) -> Combined:
        pieces = self.items[key]
        best = pieces[0]
        best_weight, best_at = best.weight, best.at or ""
        by_source: dict[str, float] = {}
        explicit, last_seen = False, None
        for piece in pieces:
            weight, at, source = piece.weight, piece.at, piece.source
            # The strongest piece, the latest of equally strong ones: (weight, at) compared as a
            # tuple, without building two tuples per piece (this loop runs ~300k times a 10k build).
            if weight > best_weight or (weight == best_weight and (at or "") > best_at):
                best, best_weight, best_at = piece, weight, at or ""
            by_source[source] = by_source.get(source, 0.0) + weight
            if not explicit and source in EXPLICIT_SOURCES:
                explicit = True
            if at and (last_seen is None or at > last_seen):
                last_seen = at
        return Combined(
            confidence=combine([piece.weight for piece in pieces]),
            kind="explicit" if explicit else "implicit",
            source=max(by_source, key=by_source.get) if len(by_source) > 1 else source,
            evidence=_describe(best, pieces),
            evidence_ref=best.ref,
            last_seen=last_seen,
        )


def _describe(best: Evidence, pieces: list[Evidence]) -> str:
    """The strongest piece, plus a count of the rest: '买了 Salomon 登山鞋 (+2 orders, 1 search)'."""
    if len(pieces) == 1:
        return best.describe()
    counts: dict[str, int] = {}
    for piece in pieces:
        if piece is not best:
            label = piece.label or piece.source
            counts[label] = counts.get(label, 0) + 1
    ranked = sorted(counts.items(), key=lambda kv: -kv[1]) if len(counts) > 1 else counts.items()
    rest = ", ".join(f"{n} {_plural(label, n)}" for label, n in ranked)
    return f"{best.describe()} (+{rest})"


@lru_cache(maxsize=256)
def _plural(label: str, n: int) -> str:
    """'1 order', '2 orders', '2 searches', '2 replies', '2 call transcripts': English count nouns
    (labels are singular nouns; a source id's underscore is a space). Cached: a handful of labels
    and small counts, asked for again for most tags."""
    label = label.replace("_", " ")
    if n == 1:
        return label
    if label.endswith(("s", "sh", "ch", "x", "z")):
        return label + "es"
    if label.endswith("y") and label[-2:-1] not in ("a", "e", "i", "o", "u"):
        return label[:-1] + "ies"
    return label + "s"


_CLAUSE_SPLIT = re.compile(r"(?<=[。!?!?;;\n])|(?<=[,,])")


@lru_cache(maxsize=4096)
def quote(text: str, needle: str | None = None, max_len: int = 80) -> str:
    """The clause of ``text`` containing ``needle`` (or the start of the text), at most max_len chars.

    Cached: an interest's evidence is quoted again for each of its ancestors, and the same review
    recurs across users."""
    text = " ".join(text.split())
    if needle:
        at = text.find(needle)
        if at >= 0:
            start = max((m.end() for m in _CLAUSE_SPLIT.finditer(text, 0, at)), default=0)
            clause = text[start:]
            end = next((m.start() for m in _CLAUSE_SPLIT.finditer(clause, at - start + len(needle))), len(clause))
            text = clause[:end].strip(" ,,")
    return text if len(text) <= max_len else text[: max_len - 1] + "…"
