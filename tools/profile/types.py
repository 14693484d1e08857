"""The records the profile workflow reads and writes.

``UserData`` is one user's raw data as loaded from the database; the ``*Draft`` records mirror the
columns of the profile tables (tags, intents, emotions, user_values) so writing them is a plain
tuple conversion. The drafts have slots: a 10k-user build makes a quarter of a million of them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # an annotation only: `persona profile` and the chat need not load the analyzers
    from tools.analyzers.types import TextAnalysis


@dataclass
class UserData:
    """Everything the workflow knows about one user, straight from the tables."""

    user_id: str
    user: dict[str, Any]                 # the users row; `extra` already parsed from JSON
    orders: list[dict[str, Any]] = field(default_factory=list)
    events: list[dict[str, Any]] = field(default_factory=list)
    texts: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class TextItem:
    """One piece of user language to analyze: a text row, or the query of a search event."""

    ref: str                 # 'text:t1' or 'event:e9' (the evidence_ref of what it yields)
    text: str
    at: str | None
    source: str              # texts.source, or 'search_event'
    product: str | None = None

    @property
    def is_text(self) -> bool:
        """Rows of the texts table get emotion rows; search queries only yield tags and intents."""
        return self.ref.startswith("text:")

    @property
    def text_id(self) -> str:
        return self.ref.split(":", 1)[1]


@dataclass
class ItemAnalysis:
    item: TextItem
    analysis: TextAnalysis


@dataclass(slots=True)
class TagDraft:
    tag_id: str
    category: str            # basic_info | demographics | interests | ... (docs/taxonomy.md)
    kind: str                # explicit | implicit | value
    confidence: float
    source: str              # attribute | order | event | text | survey | llm | rule
    evidence: str
    evidence_ref: str | None
    last_seen: str | None    # time of the latest evidence
    path: str = ""
    status: str = "active"   # set against the threshold by generate_profile


@dataclass(slots=True)
class IntentDraft:
    intent: str
    target: str | None
    priority: int
    status: str              # active | fulfilled | expired
    confidence: float
    evidence: str
    evidence_ref: str | None
    at: str
    expires_at: str | None
    product: str | None = None   # the product named, to match orders by name (not stored)


@dataclass(slots=True)
class EmotionDraft:
    text_id: str
    aspect: str              # an aspect id, or 'overall'
    polarity: float
    emotion: str
    confidence: float
    evidence: str
    at: str | None


@dataclass(slots=True)
class ValueDraft:
    value_id: str
    confidence: float
    evidence: str
    evidence_ref: str | None
    at: str | None
    source: str              # text | survey | llm
    status: str = "active"


@dataclass
class ProfileDraft:
    """What the workflow accumulates for one user as it runs from node to node."""

    user_id: str
    tags: list[TagDraft] = field(default_factory=list)
    intents: list[IntentDraft] = field(default_factory=list)
    emotions: list[EmotionDraft] = field(default_factory=list)
    values: list[ValueDraft] = field(default_factory=list)
    segments: list[str] = field(default_factory=list)   # rule segment ids
    profile: dict[str, Any] | None = None                # the profiles row, by generate_profile
    model: str = "offline"
    fallback: bool = False
