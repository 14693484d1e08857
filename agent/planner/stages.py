"""When a user entered their lifecycle stage, as SQL: "churners this month", "这个月流失的用户",
"users who became dormant in the last 30 days".

The profile build stores only the current stage (profiles.lifecycle), and the lifecycle tag's
first_seen / tag_history record when a *build* noticed a change, not when it happened (a first build
dates every stage to the build). But each stage is a rule over dates the database keeps
(tools/profile/explicit.py ``lifecycle_stage``), so the day the rule first held can be read back:

- dormant: DORMANT_DAYS after the last activity (never active: after registering);
- churn risk: the earliest of CHURN_RISK_DAYS after the last activity (never active: when the new
  period ended), COMPLAINT_IDLE_DAYS after it for a user with a complaint or return request in the
  last COMPLAINT_LOOKBACK_DAYS days, and the day of an active churn intent ("I'll cancel");
- new: the day they registered.

A stage with a window is "in this stage now, and entered it within the window". Growing and mature
have no such date (a second order and a tenure line): a window on them is not understood.
"""

from __future__ import annotations

from tools.profile.explicit import (CHURN_RISK_DAYS, COMPLAINT_IDLE_DAYS, COMPLAINT_LOOKBACK_DAYS,
                                    DORMANT_DAYS, NEW_DAYS)

DATED_STAGES = ("dormant", "churn_risk", "new")

# Columns of ``profiles p``; the user's registration through a scalar subquery (profiles has none).
_REGISTERED = "(SELECT ur.registered_at FROM users ur WHERE ur.user_id = p.user_id)"
_NEVER = "'9999'"   # sorts after every date: a rule that never held


def _after_activity(days: int) -> str:
    return f"date(p.last_active_at, '+{int(days)} days')"


def stage_start(stage: str) -> str:
    """A SQL expression over ``profiles p``: the day a user of ``stage`` entered it (ISO text)."""
    if stage == "dormant":
        return f"date(COALESCE(p.last_active_at, {_REGISTERED}), '+{DORMANT_DAYS} days')"
    if stage == "new":
        return _REGISTERED
    if stage == "churn_risk":
        silent = f"COALESCE({_after_activity(CHURN_RISK_DAYS)}, date({_REGISTERED}, '+{NEW_DAYS} days'), {_NEVER})"
        complained = (f"CASE WHEN EXISTS (SELECT 1 FROM intents ic WHERE ic.user_id = p.user_id "
                      f"AND ic.intent IN ('complaint', 'return_refund') "
                      f"AND ic.at >= date('now', '-{COMPLAINT_LOOKBACK_DAYS} days')) "
                      f"THEN COALESCE({_after_activity(COMPLAINT_IDLE_DAYS)}, {_NEVER}) ELSE {_NEVER} END")
        said = (f"COALESCE((SELECT MIN(ik.at) FROM intents ik WHERE ik.user_id = p.user_id "
                f"AND ik.intent = 'churn_risk' AND ik.status = 'active'), {_NEVER})")
        return f"MIN({silent}, {complained}, {said})"
    raise ValueError(f"no entry date for the lifecycle stage '{stage}'")


def stage_start_any(stages: list[str]) -> str:
    """``stage_start`` for users of any of ``stages`` (one expression, chosen by profiles.lifecycle)."""
    if len(stages) == 1:
        return stage_start(stages[0])
    cases = " ".join(f"WHEN '{stage}' THEN {stage_start(stage)}" for stage in stages)
    return f"(CASE p.lifecycle {cases} END)"


def entry_rule(stage: str, lang: str) -> str:
    """How the entry into ``stage`` is dated, in words (answers say it, so the reading is visible)."""
    zh = lang == "zh"
    if stage == "dormant":
        return (f"最后一次活跃后第{DORMANT_DAYS}天" if zh else f"{DORMANT_DAYS} days after their last activity")
    if stage == "new":
        return "注册日" if zh else "the day they registered"
    if stage == "churn_risk":
        return (f"最后一次活跃后第{CHURN_RISK_DAYS}天、近期投诉过则第{COMPLAINT_IDLE_DAYS}天，或表示要离开的那天，取最早"
                if zh else f"the earliest of {CHURN_RISK_DAYS} days after their last activity, {COMPLAINT_IDLE_DAYS} "
                f"days after it when they had complained recently, and the day they said they would leave")
    raise ValueError(f"no entry date for the lifecycle stage '{stage}'")


# The stage an operator asking for one usually wants counted too: the silent ones next to the dormant
# ("沉睡顾客" is 180+ days; 60+ days is churn risk), and the other way round
NEIGHBOURS = {"dormant": "churn_risk", "churn_risk": "dormant"}
_SILENT = {"churn_risk": (f"{CHURN_RISK_DAYS}天以上没有活跃，或投诉后{COMPLAINT_IDLE_DAYS}天没有活跃、说过要离开",
                          f"silent for {CHURN_RISK_DAYS}+ days, {COMPLAINT_IDLE_DAYS}+ after a complaint, or said "
                          "they would leave"),
           "dormant": (f"{DORMANT_DAYS}天以上没有活跃", f"silent for {DORMANT_DAYS}+ days")}


def neighbour_note(stage: str, counts: dict[str, int], lang: str) -> str:
    """'另有 5 位用户处于流失预警期（最后一次活跃后第60天起）。' / 'Also 5 users in Churn risk (...).', or ''
    when ``stage`` has no neighbour or nobody is in it."""
    from agent.planner.describe import lifecycle_name

    other = NEIGHBOURS.get(stage)
    n = counts.get(other, 0) if other else 0
    if not n:
        return ""
    name = lifecycle_name(other, lang)
    if lang == "zh":
        return f"另有 {n} 位用户处于{name}（{_SILENT[other][0]}），可以问“{name}的用户”。"
    return f"Also {n} {'user' if n == 1 else 'users'} in {name} ({_SILENT[other][1]}): ask for \"{name.lower()} users\"."
