"""What an audience's intents or events are about: the breakdown ``about``.

"what are they comparing the most?" after "users comparing products right now", "他们加购的主要是哪些品类"
after "加了购物车但没下单的用户": not the users again, but how many of them each target holds — the targets
of their active intents of the kind the audience has (compare: android_phones 6, audio 3 …), or the
categories of their events of the action it did, inside its window (cart: Fitness 3, 宝宝用品 2 …). A user
is counted once per target, in every target they have.

Example:
    >>> from agent.planner.spec import AudienceSpec, Condition
    >>> about_condition(AudienceSpec(where=[Condition("intent", values=["compare"])], group_by="about")).kind
    'intent'
"""

from __future__ import annotations

from agent.planner.spec import AudienceSpec, Condition

# the event actions whose events name what they are about (a category, an interest, a target)
ABOUT_ACTIONS = ("cart", "favorite", "view", "click", "search", "share", "like", "purchase")


def about_condition(spec: AudienceSpec) -> Condition | None:
    """The audience's condition the breakdown is about: its last intent, or event with an object."""
    return next((c for c in reversed(spec.conditions()) if not c.negate and
                 (c.kind == "intent" or (c.kind == "behavior" and c.action in ABOUT_ACTIONS))), None)


def has_about(spec: AudienceSpec, about: str) -> bool:
    """Has the audience the intent or event ``about`` ('intent:compare', 'behavior:cart') names?"""
    kind, value = about.split(":")
    return any(c.kind == kind and not c.negate and (value in c.values if kind == "intent" else c.action == value)
               for c in spec.conditions())


def about_clause(about: str, words: str) -> Condition:
    """The condition a breakdown of ``about`` gives an audience that has none ("what are gold members comparing?")."""
    kind, value = about.split(":")
    if kind == "intent":
        return Condition("intent", values=[value], words=words)
    return Condition("behavior", action=value, words=words)


def about_sql(spec: AudienceSpec, builder, where_of) -> str:
    """Users per target, most first, then the target; ``where_of()`` binds and returns the audience's WHERE
    (after the join's own parameters, in the order of the text)."""
    c = about_condition(spec)
    if c is None:
        raise ValueError("a breakdown of what they are about needs an intent or an event in the audience")
    if c.kind == "intent":
        filters = ["a.user_id = u.user_id", builder.member("a.intent", c.values), "a.status = 'active'"]
        filters += builder.window_filters("a.at", c.window) if c.window else []
        source, target = "intents a", "a.target"
    else:
        filters = ["a.user_id = u.user_id", builder.member("a.type", [c.action])]
        filters += builder.window_filters("a.at", c.window) if c.window else []
        source, target = "events a", "COALESCE(a.category, a.interest_id, a.target)"
    filters.append(f"{target} IS NOT NULL")
    where = where_of()
    top = f" LIMIT {int(spec.top)}" if spec.top else ""
    return (f"SELECT {target} AS about, x.name_zh, x.name_en, COUNT(DISTINCT u.user_id) AS user_count "
            f"FROM users u JOIN {source} ON {' AND '.join(filters)} "
            f"LEFT JOIN taxonomy x ON x.id = {target} AND x.kind = 'interest'{where} "
            f"GROUP BY 1, 2, 3 ORDER BY user_count {'ASC' if spec.ascending else 'DESC'}, 1{top}")
