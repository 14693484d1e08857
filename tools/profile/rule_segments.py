"""Built-in rule segments (kind 'rule'), assigned by the workflow's segment_user node.

Each rule is a plain predicate on a finished draft; ``sql`` states the same rule over the
written tables, so an operator (or the agent) can check membership with SQL.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from tools.profile.types import ProfileDraft


@dataclass(frozen=True)
class RuleSegment:
    segment_id: str
    name_zh: str
    name_en: str
    description: str      # stored in segments.description (English, as every stored description)
    description_zh: str   # the same rule, for a Chinese answer that names the segment
    sql: str
    member: Callable[[ProfileDraft], bool]


def _has_active(draft: ProfileDraft, *tag_ids: str) -> bool:
    return any(t.tag_id in tag_ids and t.status == "active" for t in draft.tags)


RULE_SEGMENTS: tuple[RuleSegment, ...] = (
    RuleSegment(
        "rule_high_value", "高价值客户", "High-value customers",
        "RFM champion or loyal: bought recently and often",
        "RFM 冠军或忠诚客户：最近买过，而且常买",
        "SELECT DISTINCT user_id FROM tags WHERE tag_id IN ('rfm_champion', 'rfm_loyal') AND status = 'active'",
        lambda d: _has_active(d, "rfm_champion", "rfm_loyal"),
    ),
    RuleSegment(
        "rule_churn_warning", "流失预警客户", "Churn warning",
        "lifecycle stage churn_risk: engaged before, silent now, or said they would leave",
        "生命周期为流失风险：以前活跃、现在沉默，或说过要离开",
        "SELECT user_id FROM profiles WHERE lifecycle = 'churn_risk'",
        lambda d: (d.profile or {}).get("lifecycle") == "churn_risk",
    ),
    RuleSegment(
        "rule_new_customers", "新客户", "New customers",
        "lifecycle stage new: registered within 30 days, at most one order",
        "生命周期为新客：注册 30 天内，最多下过一单",
        "SELECT user_id FROM profiles WHERE lifecycle = 'new'",
        lambda d: (d.profile or {}).get("lifecycle") == "new",
    ),
)


def rule_segments_for(draft: ProfileDraft) -> list[str]:
    """The ids of the rule segments the user belongs to."""
    return [segment.segment_id for segment in RULE_SEGMENTS if segment.member(draft)]
