"""What the audience was selected by, when that is what the message must speak of.

An audience that missed an appointment (爽约, no-show) is offered a new one, kindly; one that
cancelled a booking (取消, cancel) a way back to it; one that complained about something (hygiene,
the price, the service ...) an apology naming it. The condition is read from the data, as the
kind of business is (services.py): an event type nearly every member has and most customers do
not (its name says a no-show or a cancellation), or a complaint nearly every member made. The
message is written from the phrase library alone: an event type's name or a customer's words are
never put into it. An apology is written when the copy is asked for warmly: that is how an
apologetic message is asked for (the chat planner says 道歉 / "apologetic" as the warm tone), while
a promotion to price complainers in another tone stays a promotion.
"""

from __future__ import annotations

import re
from typing import Sequence

from tools.copywriter.brief import Angle, SegmentBrief

DEFINING_SHARE = 0.8     # this share of the members has the condition: it is what they were selected by
POPULATION_SHARE = 0.5   # ... and at most this share of all customers: it says something of them
NOSHOW_TYPES = re.compile(r"爽约|失约|未到店|没到店|no[\s_-]?shows?|missed", re.IGNORECASE)
CANCEL_TYPES = re.compile(r"取消|退订|cancel", re.IGNORECASE)
# angle -> what the reason says after the share
EVENT_OCCASIONS = (("noshow", NOSHOW_TYPES, "爽约过", "missed an appointment"),
                   ("cancelled", CANCEL_TYPES, "取消过预订", "cancelled a booking"))
APOLOGY_TONE = "warm"
SCORE = 2.0   # above every other angle: the condition is what the operator asked about


ASKED = ("apology", "reminder")   # what the operator may ask the message to be (道歉 / 安抚 / sorry; 提醒 / remind)
ASKED_REASONS = {"reminder": {"zh": "按要求写提醒", "en": "a reminder, as asked"}}


def audience_occasion(db_path, members: Sequence[str], brief: SegmentBrief, tone: str,
                      asked: str | None = None) -> dict | None:
    """{"angle", "share", "reasons", and for a complaint "aspect" and "aspect_name"} or None.

    A no-show comes before a cancellation, and both before a complaint: missing an appointment is
    what such an audience has in common, whatever some of them also said. Asked for (``asked``), a
    reminder is one; an apology names the audience's leading complaint however few share it (none:
    no apology, there is nothing to say sorry for).
    """
    if asked == "reminder":
        return {"angle": "reminder", "share": 1.0, "reasons": [ASKED_REASONS["reminder"]]}
    if asked == "apology":
        return _apology(brief.pains[0], brief) if brief.pains else None
    shares = _event_shares(db_path, members)
    for angle, types, zh, en in EVENT_OCCASIONS:
        share = max((member for name, (member, everyone) in shares.items()
                     if types.search(name) and member >= DEFINING_SHARE and everyone <= POPULATION_SHARE), default=0)
        if share:
            return {"angle": angle, "share": share, "reasons": [{"zh": f"{share:.0%} {zh}", "en": f"{share:.0%} {en}"}]}
    pain = next((p for p in brief.pains if p["share"] >= DEFINING_SHARE), None)
    if pain is None or tone != APOLOGY_TONE:
        return None
    return _apology(pain, brief)


def _apology(pain: dict, brief: SegmentBrief) -> dict:
    return {"angle": "apology", "share": pain["share"], "aspect": pain["aspect"],
            "aspect_name": grievance_name(pain, brief.service),
            "reasons": [{"zh": f"{pain['share']:.0%} 对{pain['name_zh']}不满",
                         "en": f"{pain['share']:.0%} complain about {pain['name_en'].lower()}"}]}


def with_occasion(brief: SegmentBrief, occasion: dict | None) -> None:
    """The brief with its occasion, whose angle leads the ranking (explain.py shows why)."""
    brief.occasion = occasion
    if occasion:
        brief.angles = [Angle(occasion["angle"], SCORE * occasion["share"], occasion["reasons"]),
                        *(a for a in brief.angles if a.id != occasion["angle"])]


def grievance_name(pain: dict, service: str | None) -> dict[str, str]:
    """How an apology names the aspect ({"zh": "卫生", "en": "hygiene"}); a salon's practitioner is its
    technician (技师手法 / treatment), a travel business's its guide."""
    from tools.copywriter.offline import SERVICE_LINES, load_phrases

    spec = load_phrases().get("grievances", {}).get(pain["aspect"])
    if spec is None:
        return {"zh": pain["name_zh"], "en": pain["name_en"].lower()}
    kind = SERVICE_LINES[service][0] if service in SERVICE_LINES else None
    named = spec.get("by_kind", {}).get(kind, spec)
    return {"zh": named["zh"], "en": named["en"]}


def _event_shares(db_path, members: Sequence[str]) -> dict[str, tuple[float, float]]:
    """Event type -> (share of the members with one, share of all customers with one)."""
    from schema.db import reading_members

    if not members:
        return {}
    with reading_members(db_path, members) as conn:
        mine = dict(conn.execute("SELECT e.type, COUNT(DISTINCT e.user_id) FROM events e JOIN members USING (user_id)"
                                 " GROUP BY e.type").fetchall())
        everyone = dict(conn.execute("SELECT type, COUNT(DISTINCT user_id) FROM events GROUP BY type").fetchall())
        customers = conn.execute("SELECT COUNT(*) FROM users").fetchone()[0] or 1
        size = conn.execute("SELECT COUNT(*) FROM members").fetchone()[0] or 1
    return {str(name): (count / size, everyone.get(name, 0) / customers) for name, count in mine.items() if name}
