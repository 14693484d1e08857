"""What the text analyzers return: one TextAnalysis per text (the `persona analyze --json` shape).

Shared by the offline analyzers, the LLM path and the profile workflow, so both modes fill
the same fields. Ids are taxonomy ids (schema/taxonomy.yaml).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field


@dataclass
class AspectSentiment:
    aspect: str              # taxonomy aspect id: price, quality, delivery ...
    polarity: float          # -1 .. 1
    evidence: str            # the clause that carries it
    confidence: float = 0.7
    emotion: str = "neutral"


@dataclass
class TagHit:
    id: str                  # taxonomy interest id (any level)
    confidence: float
    evidence: str            # the words it came from


@dataclass
class IntentHit:
    intent: str              # purchase | compare | research | complaint | return_refund | repurchase | churn_risk | consult
    confidence: float
    evidence: str
    target: str | None = None  # interest id or product the intent is about


@dataclass
class ValueHit:
    id: str                  # eco_conscious | tech_optimist | family_first | health_conscious | frugal | adventurous
    confidence: float
    evidence: str


@dataclass
class Entity:
    kind: str                # brand | product | place
    text: str


@dataclass
class TextAnalysis:
    lang: str                # zh | en | mixed
    label: str               # positive | negative | neutral (the text as a whole)
    polarity: float          # -1 .. 1
    emotion: str             # joy | anger | sadness | fear | surprise | disgust | neutral
    aspects: list[AspectSentiment] = field(default_factory=list)
    tags: list[TagHit] = field(default_factory=list)
    intents: list[IntentHit] = field(default_factory=list)
    values: list[ValueHit] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    confidence: float = 0.7  # of the overall label
    dislikes: list[TagHit] = field(default_factory=list)  # interests mentioned under a dislike (不喜欢户外)
    # Where the emotion and intent cues lie in the normalized text (cues.cue_spans; None: not known):
    # the keywords leave their words out without scanning the text again. No part of the JSON shape.
    cue_spans: tuple[tuple[int, int], ...] | None = field(default=None, repr=False, compare=False)
    # The text speaks to the system ("Ignore previous instructions …", tools/analyzers/addressed.py):
    # no evidence about the customer, so the profile takes no keywords or values from it.
    addresses_system: bool = False

    def to_dict(self) -> dict:
        data = asdict(self)
        del data["cue_spans"]
        return data
