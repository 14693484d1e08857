"""Which orders a figure counts: "静安店上个月的销售额", "纸尿裤的客单价", "西湖店消费最高的5个顾客",
"在五角场店消费超过200元的顾客", "top 10 spenders on diapers".

A question's conditions are of two sorts. *Order conditions* say which orders: placed at a store
(``store``), of a kind of product (``behavior`` order with targets: 母婴, diapers), of a product word
(``product``: 婴儿推车, 杨枝甘露), of a brand (``brand`` bought) — each inside its window. Every other
condition (interest, gender, city, lifecycle, opinions …) is about the user.

The rule (docs/questions.md, "Which orders a figure counts"): a figure over orders — a total, a
count of orders, an average, a user's spend in a ranking, a spend threshold, each store's figure —
counts only the orders that satisfy every order condition of the audience; the user conditions,
order conditions included, say whose orders. So "静安店上个月的销售额" sums the 静安店 orders of last
month, not every order of the people who bought there, and "在五角场店消费超过200元" is spend at 五角场店.

A big spender (大客户, "big spenders": the shop's line on lifetime spend, docs/profiles.md) is a standing of
the user, so its spend is never scoped: "在静安店买过的大客户" are the big spenders who bought there.

Only plain order conditions scope the orders: a negated one ("没在静安店买过") or one inside a group
with another kind of condition says who the users are, not which of their orders count. A group of
order conditions only ("在静安店或西湖店买过") counts the orders of any of them.
"""

from __future__ import annotations

from agent.planner import lexicon as lx
from agent.planner.spec import Clause, Condition, Group

_HIGH_SPEND = frozenset(" ".join(w.split()) for w in lx.HIGH_SPEND)


def is_order_condition(c: Condition) -> bool:
    """Does ``c`` say which orders (a store, a kind of product, a product word, a brand bought)?"""
    if c.negate:
        return False
    if c.kind in ("store", "product"):
        return True
    if c.kind == "brand":
        return c.action == "order"
    return c.kind == "behavior" and c.action == "order" and bool(c.targets) and not c.text


def spend_standing(c: Condition) -> bool:
    """A big-spender word with no amount ("big spenders", 大客户, 消费高): the line on lifetime spend, a standing
    of the user (never a spend over some of their orders)."""
    return c.kind == "spend" and " ".join(c.words.lower().split()) in _HIGH_SPEND


def order_scope(clauses: list[Clause], *, ranking: bool = False) -> list[Clause]:
    """The clauses that scope the orders a figure counts (all must hold for an order). A ranking is scoped
    by stores only (西湖店消费最高的): what was bought is its own ``Metric.of`` ("买小佩花钱最多的"), and
    "买过小佩的用户里消费最高的" ranks those buyers by all their orders."""
    scope: list[Clause] = []
    for clause in clauses:
        items = clause.items if isinstance(clause, Group) else [clause]
        if getattr(clause, "negate", False) or not all(is_order_condition(item) for item in items):
            continue
        if not ranking or all(item.kind == "store" for item in items):
            scope.append(clause)
    return scope


def scope_filters(builder, scope: list[Clause], alias: str) -> list[str]:
    """SQL filters on the orders ``alias`` for the ``scope`` (parameters bound in order)."""
    filters = []
    for clause in scope:
        if isinstance(clause, Group):
            filters.append("(" + " OR ".join(_joined(_filters(builder, item, alias)) for item in clause.items) + ")")
        else:
            filters += _filters(builder, clause, alias)
    return filters


def _joined(filters: list[str]) -> str:
    return "(" + " AND ".join(filters) + ")"


def _filters(builder, c: Condition, alias: str) -> list[str]:
    # each kind's module reads the same orders for its users (a subquery of the condition)
    if c.kind == "store":
        from agent.planner.stores import store_filters

        return store_filters(builder, c, alias)
    if c.kind == "product":
        from agent.planner.data_words import product_filters

        return product_filters(builder, c, alias)
    if c.kind == "brand":
        from agent.planner.brands import brand_order_filters

        return brand_order_filters(builder, c, alias)
    return builder.order_filters(c, alias)


def scope_words(scope: list[Clause], lang: str) -> str:
    """'只算近30天在静安店的订单' / 'counting only orders at 静安店 in the last 30 days'; '' without a scope."""
    if not scope:
        return ""
    zh = lang == "zh"
    parts = []
    for clause in scope:
        items = clause.items if isinstance(clause, Group) else [clause]
        parts.append(("或" if zh else " or ").join(_condition_words(item, lang) for item in items))
    return f"只算{'、'.join(parts)}的订单" if zh else "counting only orders " + ", ".join(parts)


def _condition_words(c: Condition, lang: str) -> str:
    # describe.py reads every kind's words, and this module's too: imported when used
    from agent.planner.describe import interest_names, window_words

    zh = lang == "zh"
    if c.kind == "store":
        what = "在" + "或".join(c.values) if zh else "at " + " or ".join(c.values)
    elif c.kind == "product":
        what = ("名称或品类含" + "或".join(f"“{v}”" for v in c.values) if zh else
                "of products whose name or category contains " + " or ".join(f'"{v}"' for v in c.values))
    elif c.kind == "brand":
        what = "品牌为" + "或".join(c.values) if zh else "of the brand " + " or ".join(c.values)
    else:
        what = f"{interest_names(c.targets, lang)}类" if zh else f"of {interest_names(c.targets, lang)}"
    if c.window is None:
        return what
    return f"{window_words(c.window, lang)}{what}" if zh else f"{what} {window_words(c.window, lang)}"
