"""The segment brief: what the data says about an audience, and the copy angles it supports.

Copy is written from the brief, never from raw rows: top interests, aspect pains and praises,
consumption level, lifecycle mix, values and intents, each with the share of the audience behind
it. ``angles`` ranks what a variant may be about, strongest evidence first, each with the reason
in numbers, so the operator can see why a variant says what it says.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from typing import Sequence

from tools.copywriter.errors import CopyError

# Thresholds: a signal counts when this share of the audience shows it.
PAIN_SHARE = 0.15        # members with a negative mean opinion of the aspect
PRAISE_SHARE = 0.25
GROUP_SHARE = 0.35       # consumption level / lifecycle stage
VALUE_SHARE = 0.25
INTENT_SHARE = 0.25
INTEREST_SHARE = 0.25

# aspect -> the angle that answers a complaint about it
PAIN_ANGLES = {"price": "value", "quality": "quality", "delivery": "delivery", "service": "service",
               "packaging": "packaging", "battery": "battery", "size_fit": "size_fit",
               "usability": "usability", "taste": "taste", "appearance": "design"}
VALUE_ANGLES = {"eco_conscious": "eco", "family_first": "family", "health_conscious": "health",
                "tech_optimist": "tech", "adventurous": "adventure", "frugal": "value"}
CONSUMPTION_ANGLES = {"price_sensitive": "value", "value_seeker": "value", "quality_seeker": "quality",
                      "premium": "premium"}
LIFECYCLE_ANGLES = {"new": "welcome", "dormant": "winback", "churn_risk": "winback", "mature": "loyalty"}
# 'mature' is where most customers sit, so it says less about a segment than 'new' or 'dormant'.
LIFECYCLE_WEIGHTS = {"new": 0.9, "dormant": 1.0, "churn_risk": 1.0, "mature": 0.5}
INTENT_ANGLES = {"compare": "guide", "research": "guide", "repurchase": "loyalty", "churn_risk": "winback"}


@dataclass
class Angle:
    id: str
    score: float             # strength of the evidence (share of the audience, weighted)
    reasons: list[dict] = field(default_factory=list)  # {"zh": "46% 对价格不满", "en": "46% complain about price"}


@dataclass
class SegmentBrief:
    size: int
    population: int
    segment_id: str | None = None
    segment_name: str | None = None
    interests: list[dict] = field(default_factory=list)   # {id, name_zh, name_en, share, base_share}
    pains: list[dict] = field(default_factory=list)       # {aspect, name_zh, name_en, share, mean_polarity}
    praises: list[dict] = field(default_factory=list)
    consumption: list[dict] = field(default_factory=list)  # mix, biggest first
    lifecycle: list[dict] = field(default_factory=list)
    values: list[dict] = field(default_factory=list)
    intents: list[dict] = field(default_factory=list)
    avg_basket: float | None = None
    population_avg_basket: float | None = None
    quotes: list[str] = field(default_factory=list)       # masked customer voice, for the model only
    angles: list[Angle] = field(default_factory=list)
    discount_ok: bool = False  # the data supports a price/discount pitch
    # 'classes' / 'courses' / 'dining' / 'salon' / 'trips', not goods (tools/copywriter/services.py): copy speaks of them
    service: str | None = None
    focus: list[str] = field(default_factory=list)   # interest ids the copy speaks of (subject.py), strongest first
    focus_only: bool = False   # the focus is all it may speak of, even when empty (what was bought is no interest)
    occasion: dict | None = None   # a no-show, cancellation or complaint that defines the audience (occasion.py)

    @property
    def top_interest(self) -> str | None:
        return self.interests[0]["id"] if self.interests else None

    def as_dict(self) -> dict:
        return asdict(self)

    def summary(self, language: str = "zh") -> str:
        """One line an operator can read: who this is and what they care about."""
        zh = language == "zh"
        key = "name_zh" if zh else "name_en"

        def share(item: dict) -> str:
            return f"{item[key]} {item['share']:.0%}"

        def listed(label_zh: str, label_en: str, items: list[dict], limit: int) -> str:
            return (label_zh if zh else label_en) + ", ".join(share(item) for item in items[:limit])

        parts = []
        if self.interests:
            parts.append(listed("兴趣 ", "interests ", self.interests, 3))
        if self.consumption:
            parts.append(share(self.consumption[0]))
        if self.pains:
            parts.append(listed("不满 ", "complaints ", self.pains, 3))
        if self.praises:
            parts.append(listed("称赞 ", "praise ", self.praises, 2))
        if self.lifecycle:
            parts.append(share(self.lifecycle[0]))
        head = f"{self.size} 人" if zh else f"{self.size} users"
        return head + ("：" if zh else ": ") + ("；" if zh else "; ").join(parts)


def brief_from_profile(profile: dict, *, segment: dict | None = None, focus: Sequence[str] = (),
                       bought: dict[str, float] | None = None) -> SegmentBrief:
    """Turn an audience profile (tools.segments.segment_profile / audience_profile) into a brief.

    ``focus``: interest ids the copy must speak of, strongest first (the offer's product, what the
    audience was selected by: tools/copywriter/subject.py); they lead the interests, so the copy
    speaks of what the operator asked about, not of an interest the audience happens to share as
    widely, and they are kept even when few members share them. ``bought``: interest id -> the share
    of members who ordered in it; between interests shared as widely, the one they buy leads.
    """
    size = profile["size"]
    if size == 0:
        raise CopyError("the audience is empty; there is no one to write for")
    focus, bought = list(dict.fromkeys(focus)), bought or {}
    interests = [
        {k: i[k] for k in ("id", "name_zh", "name_en", "share", "base_share")}
        for i in profile["interests"] if i["share"] >= INTEREST_SHARE or i["id"] in focus
    ]
    interests.sort(key=lambda i: (focus.index(i["id"]) if i["id"] in focus else len(focus), -i["share"],
                                  -bought.get(i["id"], 0.0), -(i["share"] - i["base_share"])))
    pains = [{"aspect": a["aspect"], "name_zh": a["name_zh"], "name_en": a["name_en"], "share": a["neg_share"],
              "mean_polarity": a["mean_polarity"]} for a in profile["aspects"] if a["neg_share"] >= PAIN_SHARE]
    praises = [{"aspect": a["aspect"], "name_zh": a["name_zh"], "name_en": a["name_en"], "share": a["pos_share"],
                "mean_polarity": a["mean_polarity"]} for a in profile["aspects"] if a["pos_share"] >= PRAISE_SHARE]
    pains.sort(key=lambda p: -p["share"])
    praises.sort(key=lambda p: -p["share"])
    behavior = profile.get("behavior", {})
    brief = SegmentBrief(
        size=size, population=profile["population"],
        segment_id=(segment or {}).get("segment_id"), segment_name=(segment or {}).get("name"),
        interests=interests[:4], pains=pains, praises=praises,
        consumption=[c for c in profile["consumption"] if c["id"]],
        lifecycle=[c for c in profile["lifecycle"] if c["id"]],
        values=[v for v in profile["values"] if v["share"] >= VALUE_SHARE],
        intents=[i for i in profile["intents"] if i["share"] >= INTENT_SHARE],
        avg_basket=(behavior.get("members") or {}).get("avg_basket"),
        population_avg_basket=(behavior.get("population") or {}).get("avg_basket"),
        quotes=[mask_personal_data(q["text"]) for q in profile.get("quotes", [])][:4],  # names: see writer
        focus=focus,
    )
    brief.angles = rank_angles(brief)
    brief.discount_ok = any(a.id == "value" for a in brief.angles)
    return brief


def rank_angles(brief: SegmentBrief) -> list[Angle]:
    """Every angle the data supports, strongest first; 'discover' (the top interest) always last-resort."""
    angles: dict[str, Angle] = {}

    def add(angle_id: str, score: float, zh: str, en: str) -> None:
        angle = angles.setdefault(angle_id, Angle(angle_id, 0.0))
        angle.score += score
        angle.reasons.append({"zh": zh, "en": en})

    # Weights: a complaint is the strongest reason to speak to a need; the dominant consumption
    # level and lifecycle stage come next; values, intents and praise colour the rest.
    for pain in brief.pains:
        add(PAIN_ANGLES.get(pain["aspect"], "service"), pain["share"] * 1.5,
            f"{pain['share']:.0%} 对{pain['name_zh']}不满", f"{pain['share']:.0%} complain about {pain['name_en'].lower()}")
    for group in brief.consumption:
        angle = CONSUMPTION_ANGLES.get(group["id"])
        if angle and group["share"] >= GROUP_SHARE:
            add(angle, group["share"], f"{group['share']:.0%} 是{group['name_zh']}",
                f"{group['share']:.0%} are {group['name_en'].lower()}")
    for stage in brief.lifecycle:
        angle = LIFECYCLE_ANGLES.get(stage["id"])
        if angle and stage["share"] >= GROUP_SHARE:
            add(angle, stage["share"] * LIFECYCLE_WEIGHTS[stage["id"]], f"{stage['share']:.0%} 处于{stage['name_zh']}",
                f"{stage['share']:.0%} are in the {stage['name_en'].lower()} stage")
    # 'frugal' alone does not turn a quality or premium audience into a discount audience.
    upmarket = any(c["id"] in ("quality_seeker", "premium") and c["share"] >= GROUP_SHARE for c in brief.consumption)
    for value in brief.values:
        angle = VALUE_ANGLES.get(value["id"])
        if angle and not (angle == "value" and upmarket):
            add(angle, value["share"] * 0.8, f"{value['share']:.0%} {value['name_zh']}",
                f"{value['share']:.0%} {value['name_en'].lower()}")
    for intent in brief.intents:
        angle = INTENT_ANGLES.get(intent["id"])
        if angle:
            add(angle, intent["share"] * 0.7, f"{intent['share']:.0%} 有{intent['name_zh']}意图",
                f"{intent['share']:.0%} show a {intent['name_en'].lower()} intent")
    for praise in brief.praises:
        angle = {"quality": "quality", "appearance": "design"}.get(praise["aspect"])
        if angle:
            add(angle, praise["share"] * 0.6, f"{praise['share']:.0%} 称赞{praise['name_zh']}",
                f"{praise['share']:.0%} praise the {praise['name_en'].lower()}")
    if brief.interests:
        top = brief.interests[0]
        add("discover", 0.3 * top["share"], f"{top['share']:.0%} 喜欢{top['name_zh']}",
            f"{top['share']:.0%} are into {top['name_en'].lower()}")
    return sorted(angles.values(), key=lambda a: (-a.score, a.id))


_PHONE = re.compile(r"(?:\+?86[- ]?)?1[3-9]\d{9}|\d{7,}")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")


def mask_personal_data(text: str, names: set[str] = frozenset()) -> str:
    """Quotes go to a model as customer voice; phone numbers, e-mails and members' names in them do not."""
    from tools.copywriter.channels import names_in

    text = _EMAIL.sub("[email]", _PHONE.sub("[phone]", text))
    for name in sorted(names_in(text, set(names)), key=len, reverse=True):
        text = text.replace(name, "[name]")
    return text
