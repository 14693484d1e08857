"""Which orders a figure counts: "静安店上个月的销售额", "纸尿裤的客单价", "西湖店消费最高的5个顾客",
"在五角场店消费超过200元的顾客", "top 10 spenders on diapers".

A question's conditions are of two sorts. *Order conditions* say which orders: placed at a store
(``store``), of a kind of product (``behavior`` order with targets: 母婴, diapers), of a product word
(``product``: 婴儿推车, 杨枝甘露), of a brand (``brand`` bought) — each inside its window. Every other
condition (interest, gender, city, lifecycle, opinions …) is about the user.

The rule (docs/questions.md, "Which orders a figure counts"): a figure over orders — a total, a
count of orders, an average, a user's spend in a ranking, a spend threshold, each store's figure, each
brand's — counts only the orders that satisfy every order condition of the audience the question attaches to
the figure: "静安店上个月的销售额", "纸尿裤的客单价", "在五角场店消费超过200元", "买宠物粮花钱最多的",
"top spenders on diapers", "sales at 静安店". An order condition said as who bought ("买过X的用户里消费最高的",
"在静安店买过东西且消费超过1000的", "among customers who bought X, who spent the most") only picks the audience
(``who_only``, set by :func:`who_bought`): their figures count all their orders, and the answer says so. The
user conditions say whose orders.

A big spender (大客户, "big spenders": the shop's line on lifetime spend, docs/profiles.md) is a standing of
the user, so its spend is never scoped: "在静安店买过的大客户" are the big spenders who bought there.

Only plain order conditions scope the orders: a negated one ("没在静安店买过") or one inside a group
with another kind of condition says who the users are, not which of their orders count. A group of
order conditions only ("静安店或西湖店的销售额") counts the orders of any of them.
"""

from __future__ import annotations

import re
from dataclasses import replace

from agent.planner import lexicon as lx
from agent.planner.spec import AudienceSpec, Clause, Condition, Group, flattened, items_of

_HIGH_SPEND = frozenset(" ".join(w.split()) for w in lx.HIGH_SPEND)
# A purchase said as a deed of people ("买过", "在…消费过", "bought", "X buyers"): who bought it ("skincare purchases"
# are the orders)
_BOUGHT = re.compile(r"买|购|下过?单|成交|付过?款|支付过|消费过|入手|点过|吃过|(?<![a-z])(?:bought|buy(?:s|ing|ers?)?"
                     r"|purchas(?!es(?![a-z]))\w*|ordered|paid\s+for|shopped|shoppers?|dined|ate)(?![a-z])")


def is_order_condition(c: Condition) -> bool:
    """Does ``c`` say which orders (a store, a kind of product, a product word, a brand bought)?"""
    if c.negate or c.who_only:
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


def order_scope(clauses: list[Clause]) -> list[Clause]:
    """The clauses that scope the orders a figure counts (all must hold for an order)."""
    scope: list[Clause] = []
    for clause in clauses:
        if not clause.negate and all(is_order_condition(item) for item in items_of(clause)):
            scope.append(clause)
    return scope


def who_bought(clauses: list[Clause], spent_on: Condition | None = None) -> list[Clause]:
    """``clauses`` with each order condition said as who bought (its words have a buy verb: "买过纸尿裤", "bought
    diapers") marked ``who_only``, except ``spent_on``, the purchase the question spends on ("买宠物粮花钱最多的":
    the spend is on it). Marked when said, so a later figure over them ("他们里消费最高的") keeps the reading."""
    def marked(c: Condition) -> Condition:
        bought = is_order_condition(c) and c is not spent_on and bool(_BOUGHT.search(c.words.lower()))
        return replace(c, who_only=True) if bought else c

    return [replace(clause, items=[marked(c) for c in clause.items]) if isinstance(clause, Group) else marked(clause)
            for clause in clauses]


def counts_orders(spec: AudienceSpec) -> bool:
    """Does ``spec`` ask for a figure over orders (an aggregate or ranking of one, each store's or brand's users, a
    spend threshold), where an order condition's ``who_only`` matters?"""
    if spec.output in ("aggregate", "rank") and spec.metric is not None and spec.metric.name != "age":
        return True
    return spec.group_by in ("store", "brand") or any(c.kind in ("spend", "avg_order") and not spend_standing(c)
                                                      for c in spec.conditions())


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


def scope_words(clauses: list[Clause], lang: str) -> str:
    """Which orders a figure over the audience ``clauses`` counts: '只算近30天在静安店的订单' / 'counting only
    orders at 静安店 in the last 30 days'; '算他们的全部订单' / 'counting all their orders' when what they bought
    only picks them ("买过纸尿裤的用户里消费最高的"); '' otherwise."""
    zh = lang == "zh"
    scope = order_scope(clauses)
    if not scope:
        bought = any(c.who_only for c in flattened(clauses))
        return ("算他们的全部订单" if zh else "counting all their orders") if bought else ""
    parts = []
    for clause in scope:
        parts.append(("或" if zh else " or ").join(_condition_words(item, lang) for item in items_of(clause)))
    return f"只算{'、'.join(parts)}的订单" if zh else "counting only orders " + ", ".join(parts)


def _condition_words(c: Condition, lang: str) -> str:
    # describe.py reads every kind's words, and this module's too: imported when used
    from agent.planner.describe import interest_names, window_words
    from agent.planner.stores import at_store_words

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
    what = at_store_words(what, c, lang)
    if c.window is None:
        return what
    return f"{window_words(c.window, lang)}{what}" if zh else f"{what} {window_words(c.window, lang)}"
